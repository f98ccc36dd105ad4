"""The Hugging Face papers API's JSON, parsed into `Paper`s. Pure: the sanitising boundary.

Accepts a daily entry (`{"paper": {...}, "numComments": ...}`), a flat paper object and the
legacy search shape. Each field is read from `paper` first, then from the entry.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from papertui.core import fields as f
from papertui.core.paper import (
    MAX_AUTHORS,
    MAX_SUMMARY,
    MAX_TITLE,
    MalformedEntry,
    Paper,
    valid_id,
)


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

    pid = f.text(paper.get("id") or entry.get("id"))
    if not pid or not valid_id(pid):
        raise MalformedEntry(f"bad or missing id: {pid!r}")
    title = f.text(field("title"))
    if not title:
        raise MalformedEntry(f"{pid}: missing title")
    github = f.url(field("githubRepo"))
    return Paper(
        id=pid,
        title=title[:MAX_TITLE],
        summary=f.text(field("summary"), multiline=True)[:MAX_SUMMARY],
        authors=_authors(paper.get("authors")),
        published=f.iso_date(paper.get("publishedAt")),
        submitted=f.iso_date(paper.get("submittedOnDailyAt")),
        upvotes=f.count_or_none(paper.get("upvotes")),
        comments=f.count_or_none(entry.get("numComments")),
        organization=f.organization(field("organization")),
        submitter=_user(entry.get("submittedBy") or paper.get("submittedOnDailyBy")),
        github_repo=github,
        github_stars=f.count_or_none(field("githubStars")) if github else None,
        project_page=f.url(field("projectPage")),
        ai_summary=f.text(field("ai_summary")) or None,
        ai_keywords=f.texts(field("ai_keywords")),
        media_urls=f.urls(field("mediaUrls")),
    )


def _authors(value: Any) -> tuple[str, ...]:
    names: list[str] = []
    for author in f.as_list(value)[:MAX_AUTHORS]:
        name = f.text(author.get("name")) if isinstance(author, Mapping) else f.text(author)
        if name:
            names.append(name)
    return tuple(names)


def _user(value: Any) -> str | None:
    if not isinstance(value, Mapping):
        return None
    return f.text(value.get("name") or value.get("user")) or None
