"""The `Paper` record and its parsers. Pure: no I/O.

Parsing is the sanitising boundary: every string that leaves this module has been through
`clean_text`, so the rest of the program can treat `Paper` fields as safe to display (never as
markup). Optional data stays `None` when the API leaves it out: no repo means no star count.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import chain
from typing import Any, NamedTuple

from papertui.text import all_clean, clean_text, clean_url

# arXiv ids, new style (2605.05242) and old style (cs/0601001): safe to put in a URL path.
_ID = re.compile(r"\d{4}\.\d{4,5}|[a-z][a-z.-]{0,30}/\d{7}", re.IGNORECASE)  # with fullmatch
MAX_TITLE = 1000
MAX_SUMMARY = 20_000
MAX_AUTHORS = 2000


def valid_id(pid: str) -> bool:
    """Whether `pid` is an arXiv id (and so safe inside a URL path)."""
    return bool(_ID.fullmatch(pid))


def all_valid_ids(ids: list[str]) -> bool:
    """`valid_id` of every one of `ids` (a C-level loop: 10,000 ids in about 5 ms)."""
    return all(map(_ID.fullmatch, ids))


class Organization(NamedTuple):  # NamedTuples, not dataclasses: a tenth of the import cost
    name: str
    fullname: str

    @property
    def display(self) -> str:
        return self.fullname or self.name


class ArxivLinks:
    """The links every arXiv id has: the HF page, the abstract page and the PDF."""

    __slots__ = ()
    id: str

    @property
    def hf_url(self) -> str:
        return f"https://huggingface.co/papers/{self.id}"

    @property
    def arxiv_url(self) -> str:
        return f"https://arxiv.org/abs/{self.id}"

    @property
    def pdf_url(self) -> str:
        return f"https://arxiv.org/pdf/{self.id}"


# Not frozen (treat it as immutable all the same): a frozen dataclass takes three times as long
# to build, and the reader builds a thousand before its first frame.
@dataclass(slots=True)
class Paper(ArxivLinks):
    id: str
    title: str
    summary: str = ""
    authors: tuple[str, ...] = ()
    published: date | None = None  # the arXiv date
    submitted: date | None = None  # the Daily Papers date
    upvotes: int | None = None
    comments: int | None = None
    organization: Organization | None = None
    submitter: str | None = None
    github_repo: str | None = None
    github_stars: int | None = None
    project_page: str | None = None
    ai_summary: str | None = None
    ai_keywords: tuple[str, ...] = ()
    media_urls: tuple[str, ...] = ()

    @property
    def code_url(self) -> str | None:
        """The GitHub repo, or a project page that is itself on GitHub."""
        if self.github_repo:
            return self.github_repo
        if self.project_page and self.project_page.lower().startswith("https://github.com/"):
            return self.project_page
        return None


class Validators(NamedTuple):
    """HTTP cache validators a server gave for a view, sent back only when it gave them."""

    etag: str | None = None
    last_modified: str | None = None


class MalformedEntry(ValueError):
    """An API entry that cannot become a `Paper` (skipped and counted, never fatal)."""


class ParseResult(NamedTuple):
    papers: list[Paper]
    skipped: int


def parse_entries(data: Any) -> ParseResult:
    """Parse an API array. Bad entries are skipped and counted; duplicates keep the first."""
    if not isinstance(data, list):
        raise MalformedEntry("expected a JSON array of papers")
    papers: list[Paper] = []
    seen: set[str] = set()
    skipped = 0
    for entry in data:
        try:
            paper = parse_entry(entry)
        except MalformedEntry:
            skipped += 1
            continue
        if paper.id not in seen:
            seen.add(paper.id)
            papers.append(paper)
    return ParseResult(papers, skipped)


def parse_entry(entry: Any) -> Paper:
    """Parse a daily entry, a flat paper object or the legacy search shape."""
    if not isinstance(entry, Mapping):
        raise MalformedEntry("entry is not an object")
    inner = entry.get("paper")
    paper: Mapping[str, Any] = inner if isinstance(inner, Mapping) else entry

    def field(key: str) -> Any:
        value = paper.get(key)
        return entry.get(key) if value is None else value

    pid = _str(paper.get("id") or entry.get("id"))
    if not pid or not _ID.fullmatch(pid):
        raise MalformedEntry(f"bad or missing id: {pid!r}")
    title = _str(field("title"))
    if not title:
        raise MalformedEntry(f"{pid}: missing title")
    github = _url(field("githubRepo"))
    return Paper(
        id=pid,
        title=title[:MAX_TITLE],
        summary=_str(field("summary"), multiline=True)[:MAX_SUMMARY],
        authors=_authors(paper.get("authors")),
        published=_date(paper.get("publishedAt")),
        submitted=_date(paper.get("submittedOnDailyAt")),
        upvotes=count_or_none(paper.get("upvotes")),
        comments=count_or_none(entry.get("numComments")),
        organization=_organization(field("organization")),
        submitter=_user(entry.get("submittedBy") or paper.get("submittedOnDailyBy")),
        github_repo=github,
        github_stars=count_or_none(field("githubStars")) if github else None,
        project_page=_url(field("projectPage")),
        ai_summary=_str(field("ai_summary")) or None,
        ai_keywords=_strings(field("ai_keywords")),
        media_urls=tuple(u for u in map(_url, _list(field("mediaUrls"))) if u),
    )


def _str(value: Any, *, multiline: bool = False) -> str:
    return clean_text(value, multiline=multiline) if isinstance(value, str) else ""


def _url(value: Any) -> str | None:
    return clean_url(value) if isinstance(value, str) else None


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _strings(value: Any) -> tuple[str, ...]:
    cleaned = (_str(item) for item in _list(value))
    return tuple(s for s in cleaned if s)


def count_or_none(value: Any) -> int | None:
    """A non-negative int, or None: unknown stays unknown (never 0)."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        return None
    return value


def _date(value: Any) -> date | None:
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _authors(value: Any) -> tuple[str, ...]:
    names: list[str] = []
    for author in _list(value)[:MAX_AUTHORS]:
        name = _str(author.get("name")) if isinstance(author, Mapping) else _str(author)
        if name:
            names.append(name)
    return tuple(names)


def _organization(value: Any) -> Organization | None:
    if not isinstance(value, Mapping):
        return None
    name, fullname = _str(value.get("name")), _str(value.get("fullname"))
    return Organization(name, fullname) if (name or fullname) else None


def _user(value: Any) -> str | None:
    if not isinstance(value, Mapping):
        return None
    return _str(value.get("name") or value.get("user")) or None


# --- records: the plain-dict form used by `--json` and by the store ----------------------------

PUBLIC_KEYS = (
    "id",
    "title",
    "authors",
    "published",
    "submitted",
    "upvotes",
    "comments",
    "organization",
    "github_repo",
    "github_stars",
    "project_page",
    "ai_summary",
    "ai_keywords",
    "summary",
    "hf_url",
    "arxiv_url",
    "pdf_url",
)


def to_record(paper: Paper, *, full: bool = False) -> dict[str, Any]:
    """A JSON-ready dict in a stable key order; `full` adds what only the store needs."""
    org = paper.organization
    record: dict[str, Any] = {
        "id": paper.id,
        "title": paper.title,
        "authors": list(paper.authors),
        "published": paper.published.isoformat() if paper.published else None,
        "submitted": paper.submitted.isoformat() if paper.submitted else None,
        "upvotes": paper.upvotes,
        "comments": paper.comments,
        "organization": {"name": org.name, "fullname": org.fullname} if org else None,
        "github_repo": paper.github_repo,
        "github_stars": paper.github_stars,
        "project_page": paper.project_page,
        "ai_summary": paper.ai_summary,
        "ai_keywords": list(paper.ai_keywords),
        "summary": paper.summary,
        "hf_url": paper.hf_url,
        "arxiv_url": paper.arxiv_url,
        "pdf_url": paper.pdf_url,
    }
    if full:
        record["submitter"] = paper.submitter
        record["media_urls"] = list(paper.media_urls)
    return record


def from_record(record: Any) -> Paper:
    """Rebuild a `Paper` from `to_record` output. The record is untrusted (cache, files)."""
    if not isinstance(record, Mapping):
        raise MalformedEntry("record is not an object")
    pid = _str(record.get("id"))
    title = _str(record.get("title"))
    if not pid or not _ID.fullmatch(pid) or not title:
        raise MalformedEntry(f"bad record: {pid!r}")
    github = _url(record.get("github_repo"))
    return Paper(
        id=pid,
        title=title[:MAX_TITLE],
        summary=_str(record.get("summary"), multiline=True)[:MAX_SUMMARY],
        authors=_strings(record.get("authors"))[:MAX_AUTHORS],
        published=_date(record.get("published")),
        submitted=_date(record.get("submitted")),
        upvotes=count_or_none(record.get("upvotes")),
        comments=count_or_none(record.get("comments")),
        organization=_organization(record.get("organization")),
        submitter=_str(record.get("submitter")) or None,
        github_repo=github,
        github_stars=count_or_none(record.get("github_stars")) if github else None,
        project_page=_url(record.get("project_page")),
        ai_summary=_str(record.get("ai_summary")) or None,
        ai_keywords=_strings(record.get("ai_keywords")),
        media_urls=tuple(u for u in map(_url, _list(record.get("media_urls"))) if u),
    )


def to_row(paper: Paper) -> list[Any]:
    """What a list row shows, and the sorts need: a compact form the store keeps per view so
    that the first paint decodes a few fields per paper instead of whole records."""
    org = paper.organization
    return [
        paper.id,
        paper.title,
        paper.upvotes,
        paper.comments,
        org.name if org else None,
        org.fullname if org else None,
        paper.submitted.isoformat() if paper.submitted else None,
        paper.published.isoformat() if paper.published else None,
        paper.github_stars,
    ]


def from_row(row: Any) -> Paper:
    """A light `Paper` (no abstract, authors or links beyond the derived ones) from `to_row`."""
    if not isinstance(row, list) or len(row) != 9:
        raise MalformedEntry("bad row")
    pid, title = _str(row[0]), _str(row[1])
    if not pid or not _ID.fullmatch(pid) or not title:
        raise MalformedEntry(f"bad row: {pid!r}")
    return Paper(
        id=pid,
        title=title[:MAX_TITLE],
        upvotes=count_or_none(row[2]),
        comments=count_or_none(row[3]),
        organization=_organization({"name": row[4], "fullname": row[5]}),
        submitted=_date(row[6]),
        published=_date(row[7]),
        github_stars=count_or_none(row[8]),
    )


def from_rows(rows: Any) -> list[Paper]:
    """Light papers from the store's rows; rows that fail validation are left out.

    This is the reader's first paint, on a thread that competes with Textual's import: when
    every row is what `to_row` writes (the usual case), one bulk check of all their strings
    replaces cleaning each field, and the papers are built directly.
    """
    items = rows if isinstance(rows, list) else []
    if _rows_as_written(items):
        org = Organization
        return [
            Paper(
                id=r[0],
                title=r[1],
                upvotes=r[2],
                comments=r[3],
                organization=org(r[4] or "", r[5] or "") if r[4] or r[5] else None,
                submitted=_date(r[6]),
                published=_date(r[7]),
                github_stars=r[8],
            )
            for r in items
        ]
    papers = []
    for item in items:
        try:
            papers.append(from_row(item))
        except MalformedEntry:
            continue
    return papers


# What a column of decoded JSON may hold, for `column_holds`.
STR: frozenset[type] = frozenset({str})
OPTIONAL_STR: frozenset[type] = frozenset({str, type(None)})
COUNT: frozenset[type] = frozenset({int, type(None)})
STR_LIST: frozenset[type] = frozenset({list})


def column_holds(column: Sequence[Any], kinds: frozenset[type]) -> bool:
    """Whether every value of `column` is of `kinds`, checked in a few C-speed passes: exact
    types (a bool is no count), counts not negative, lists of strings only."""
    if not set(map(type, column)) <= kinds:
        return False
    if kinds is STR_LIST:
        return set(map(type, chain.from_iterable(column))) <= STR
    if kinds is COUNT:
        return min(filter(None, column), default=0) >= 0
    return True


def _rows_as_written(rows: list[Any]) -> bool:
    """Whether every row holds exactly what `from_row` would make of it, cleaned already."""
    if not all(type(r) is list and len(r) == 9 for r in rows):
        return False
    if not rows:
        return True
    ids, titles, upvotes, comments, names, fullnames, _, _, stars = zip(*rows, strict=True)
    return (
        column_holds(ids, STR)
        and all_valid_ids(list(ids))
        and column_holds(titles, STR)
        and all(titles)
        and max(map(len, titles)) <= MAX_TITLE
        and column_holds(names + fullnames, OPTIONAL_STR)
        and column_holds(upvotes + comments + stars, COUNT)
        and all_clean([*titles, *filter(None, names), *filter(None, fullnames)])
    )


def from_records(records: Iterable[Any]) -> list[Paper]:
    papers = []
    for record in records:
        try:
            papers.append(from_record(record))
        except MalformedEntry:
            continue
    return papers
