"""bookmarks.toml: the one thing papertui holds that cannot be fetched again.

The file is the user's: plain TOML they may keep in their dotfiles, edit by hand and sync. So:

- every write is atomic (temp file in the same directory, fsync, `os.replace`);
- every change takes an exclusive lock, re-reads the file and applies itself to what is there,
  so two running instances, or an instance and a hand edit, never lose each other's changes;
- keys papertui does not know, at the top or in a bookmark, survive a rewrite;
- a file that does not parse is moved aside with a timestamp (never overwritten) and reported;
- a file from a newer schema opens read-only.

Parsing TOML is slow in pure Python (seconds for 10,000 bookmarks), so a JSON copy of the parsed
document is kept in the cache directory, keyed on the file's identity (device, inode, size,
modification time): reads of an unchanged file skip tomllib. Every write, ours or an editor's,
changes that identity. The copy is derived data, validated like the file itself.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import cached_property
from itertools import chain
from pathlib import Path
from typing import Any

from papertui.fileio import move_aside, write_atomic
from papertui.models import (
    COUNT,
    OPTIONAL_STR,
    STR,
    STR_LIST,
    ArxivLinks,
    MalformedEntry,
    Organization,
    Paper,
    all_valid_ids,
    column_holds,
    count_or_none,
    valid_id,
)
from papertui.text import all_safe, clean_text, clean_url

SCHEMA_VERSION = 1
LOCK_TIMEOUT = 10.0  # seconds to wait for another instance's write


class BookmarkError(ValueError):
    """A bookmark operation that cannot be done; the message says why and what to do."""


@dataclass(slots=True)  # not frozen: frozen dataclasses build slowly, and 10,000 load at once
class Bookmark(ArxivLinks):
    id: str
    title: str
    added: datetime
    authors: tuple[str, ...] = ()
    published: date | None = None
    submitted: date | None = None
    organization: str | None = None
    upvotes: int | None = None  # at the time it was saved
    comments: int | None = None
    github_stars: int | None = None
    github_repo: str | None = None
    project_page: str | None = None
    ai_summary: str | None = None
    ai_keywords: tuple[str, ...] = ()
    summary: str = ""
    tags: tuple[str, ...] = ()
    note: str = ""

    def to_paper(self) -> Paper:
        org = Organization(self.organization, self.organization) if self.organization else None
        return Paper(
            id=self.id,
            title=self.title,
            summary=self.summary,
            authors=self.authors,
            published=self.published,
            submitted=self.submitted,
            upvotes=self.upvotes,
            comments=self.comments,
            organization=org,
            github_repo=self.github_repo,
            github_stars=self.github_stars,
            project_page=self.project_page,
            ai_summary=self.ai_summary,
            ai_keywords=self.ai_keywords,
        )


@dataclass(frozen=True)
class Snapshot:
    """The bookmarks as read, newest first, with what the user should be told.

    Frozen, so the index by id (asked on every cursor move in the reader) is built once."""

    bookmarks: list[Bookmark] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    read_only: bool = False
    skipped: int = 0  # entries that could not be read (kept in the file as they are)

    @cached_property
    def by_id(self) -> dict[str, Bookmark]:
        return {b.id: b for b in self.bookmarks}

    @property
    def ids(self) -> set[str]:
        return set(self.by_id)

    def get(self, pid: str) -> Bookmark | None:
        return self.by_id.get(pid)


def entry_for(paper: Paper, added: datetime) -> dict[str, Any]:
    """The TOML table of a new bookmark of `paper`."""
    org = paper.organization.display if paper.organization else None
    links = {"hf": paper.hf_url, "arxiv": paper.arxiv_url, "pdf": paper.pdf_url}
    if paper.code_url:
        links["github"] = paper.code_url
    if paper.project_page:
        links["project"] = paper.project_page
    entry: dict[str, Any] = {
        "id": paper.id,
        "title": paper.title,
        "authors": list(paper.authors),
        "published": paper.published,
        "submitted": paper.submitted,
        "organization": org,
        "upvotes": paper.upvotes,
        "comments": paper.comments,
        "github_stars": paper.github_stars,
        "links": links,
        "added": added,
        "tags": [],
        "note": "",
        "ai_summary": paper.ai_summary,
        "ai_keywords": list(paper.ai_keywords),
        "summary": paper.summary,
    }
    return {k: v for k, v in entry.items() if v is not None}  # TOML has no null


def parse_bookmark(raw: Any) -> Bookmark:
    """A `Bookmark` from a table of the file (or its JSON copy). Everything is cleaned."""
    if not isinstance(raw, Mapping):
        raise MalformedEntry("a bookmark is not a table")
    # Most tables (every one papertui wrote) are already clean: one check of all their text
    # at once replaces cleaning each of the dozens of fields (10,000 bookmarks load in a blink).
    _text, _texts = (_as_is, _as_is_list) if _all_safe(raw) else (_cleaned, _cleaned_list)
    pid = _text(raw.get("id"))
    title = _text(raw.get("title"))
    if not valid_id(pid) or not title:
        raise MalformedEntry(f"bookmark {pid!r} has no valid id or title")
    found = raw.get("links")
    links: Mapping[str, Any] = found if isinstance(found, Mapping) else {}
    return Bookmark(
        id=pid,
        title=title,
        added=_datetime(raw.get("added")),
        authors=_texts(raw.get("authors")),
        published=_date(raw.get("published")),
        submitted=_date(raw.get("submitted")),
        organization=_text(raw.get("organization")) or None,
        upvotes=count_or_none(raw.get("upvotes")),
        comments=count_or_none(raw.get("comments")),
        github_stars=count_or_none(raw.get("github_stars")),
        github_repo=_url(links.get("github")),
        project_page=_url(links.get("project")),
        ai_summary=_text(raw.get("ai_summary")) or None,
        ai_keywords=_texts(raw.get("ai_keywords")),
        summary=_text(raw.get("summary"), multiline=True),
        tags=clean_tags(_texts(raw.get("tags"))),
        note=_text(raw.get("note"), multiline=True),
    )


def clean_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Tags are single words: trimmed, lowercased, de-duplicated, in order."""
    seen: dict[str, None] = {}
    for tag in tags:
        word = "-".join(clean_text(tag).lower().split())
        if word:
            seen.setdefault(word[:64], None)
    return tuple(seen)


SINGLE_LINE = ("id", "title", "organization", "ai_summary")
LISTS = ("authors", "ai_keywords", "tags")
MULTI_LINE = ("summary", "note")


def _strings(raw: Mapping[str, Any], keys: tuple[str, ...]) -> list[str]:
    return [v for v in (raw.get(k) for k in keys) if isinstance(v, str)]


def _all_safe(raw: Mapping[str, Any]) -> bool:
    singles = _strings(raw, SINGLE_LINE)
    for key in LISTS:
        items = raw.get(key)
        if isinstance(items, list):
            singles += [v for v in items if isinstance(v, str)]
    return all_safe(singles) and all_safe(_strings(raw, MULTI_LINE), multiline=True)


def _cleaned(value: Any, *, multiline: bool = False) -> str:
    return clean_text(value, multiline=multiline) if isinstance(value, str) else ""


def _cleaned_list(value: Any) -> tuple[str, ...]:
    items = value if isinstance(value, list) else []
    return tuple(t for t in (_cleaned(v) for v in items) if t)


def _as_is(value: Any, *, multiline: bool = False) -> str:
    return value.strip() if isinstance(value, str) else ""


def _as_is_list(value: Any) -> tuple[str, ...]:
    items = value if isinstance(value, list) else []
    return tuple(v for v in items if isinstance(v, str) and v)


def _url(value: Any) -> str | None:
    return clean_url(value) if isinstance(value, str) else None


def _date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        with contextlib.suppress(ValueError):
            return date.fromisoformat(value[:10])
    return None


def _datetime(value: Any) -> datetime:
    if isinstance(value, str):
        with contextlib.suppress(ValueError):
            value = datetime.fromisoformat(value)
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    return datetime(1970, 1, 1, tzinfo=UTC)  # unknown: sorts oldest


# --- the file --------------------------------------------------------------------------------

Document = dict[str, Any]


class BookmarkFile:
    def __init__(
        self,
        path: Path,
        index: Path | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.path = path
        self.index = index  # the JSON copy; None keeps none
        self._clock = clock
        self._lock_path = path.with_name(path.name + ".lock")

    # reading

    def load(self) -> Snapshot:
        """The bookmarks now in the file. A corrupt file is moved aside (under the lock)."""
        try:
            mark: str | None = _fingerprint(self.path.stat())
        except FileNotFoundError:
            return Snapshot()
        except OSError:
            mark = None
        fast = self._from_index(mark)
        if fast is not None:
            return fast
        doc, warnings, read_only = self._read()
        if doc is None:
            with self._locked():
                doc, warnings, read_only = self._read(move_bad=True)
            mark = None  # the file we looked at is gone (moved aside)
        snapshot = _snapshot(doc or {}, warnings, read_only)
        self._save_index(mark, snapshot)
        return snapshot

    # changing

    def add(
        self, papers: Iterable[Paper], tags: Iterable[str] = (), note: str | None = None
    ) -> Snapshot:
        """Bookmark `papers`; already bookmarked ones keep their date and gain the tags/note."""
        papers = list(papers)
        new_tags = clean_tags(tags)

        def change(entries: dict[str, Any]) -> None:
            for paper in papers:
                entry = entries.get(paper.id)
                if not isinstance(entry, dict):
                    entry = entries[paper.id] = entry_for(paper, self._clock())
                _merge_tags(entry, new_tags)
                if note is not None:
                    entry["note"] = clean_text(note, multiline=True)

        return self._change(change)

    def remove(self, ids: Iterable[str]) -> Snapshot:
        gone = set(ids)
        return self._change(lambda entries: [entries.pop(i, None) for i in gone])

    def toggle(self, paper: Paper) -> tuple[bool, Snapshot]:
        """Add `paper` if absent, remove it if present. Returns whether it is now bookmarked."""
        state: list[bool] = []

        def change(entries: dict[str, Any]) -> None:
            if paper.id in entries:
                del entries[paper.id]
                state.append(False)
            else:
                entries[paper.id] = entry_for(paper, self._clock())
                state.append(True)

        snapshot = self._change(change)
        return state[0], snapshot

    def update(
        self, pid: str, *, note: str | None = None, tags: Iterable[str] | None = None
    ) -> Snapshot:
        def change(entries: dict[str, Any]) -> None:
            entry = entries.get(pid)
            if not isinstance(entry, dict):
                raise BookmarkError(f"{pid} is not bookmarked")
            if note is not None:
                entry["note"] = clean_text(note, multiline=True)
            if tags is not None:
                entry["tags"] = list(clean_tags(tags))

        return self._change(change)

    def _change(self, change: Callable[[dict[str, Any]], object]) -> Snapshot:
        with self._locked():
            doc, warnings, read_only = self._read(move_bad=True)
            if read_only:
                raise BookmarkError(
                    f"{self.path} is from a newer papertui (schema "
                    f"{doc.get('schema_version') if doc else '?'}); it is open read-only. "
                    "Upgrade papertui to change bookmarks."
                )
            doc = doc or {}
            doc["schema_version"] = SCHEMA_VERSION
            entries = doc.setdefault("bookmarks", {})
            if not isinstance(entries, dict):
                raise BookmarkError(f"{self.path}: 'bookmarks' is not a table; fix it by hand")
            change(entries)
            written = self._write(doc)
            snapshot = _snapshot(doc, warnings, False)
            self._save_index(_fingerprint(written), snapshot)
            return snapshot

    # internals

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        import fcntl  # POSIX advisory locks; imported here, as only writers need them

        fd = os.open(self._lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            deadline = time.monotonic() + LOCK_TIMEOUT
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise BookmarkError(
                            f"{self.path} is locked by another papertui; try again"
                        ) from None
                    time.sleep(0.01)
            self._clean_leftovers()
            yield
        finally:
            os.close(fd)  # closing releases the lock

    def _clean_leftovers(self) -> None:
        # Under the lock no write is in flight: any temp file is a dead writer's.
        for leftover in self.path.parent.glob(f".{self.path.name}.*.tmp"):
            with contextlib.suppress(OSError):
                leftover.unlink()

    def _read(self, move_bad: bool = False) -> tuple[Document | None, list[str], bool]:
        """(document, warnings, read_only), parsed from the TOML. The document is None when the
        file is bad and `move_bad` was not given (the caller retries under the lock)."""
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return {}, [], False
        except OSError as exc:
            return {}, [f"cannot read {self.path} ({exc.strerror}); bookmarks are read-only"], True
        import tomllib  # the JSON copy spares most reads this import and its slow parse

        try:
            doc = tomllib.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            if not move_bad:
                return None, [], False
            return {}, [self._set_aside(exc)], False
        version = doc.get("schema_version", SCHEMA_VERSION)
        if not isinstance(version, int) or version > SCHEMA_VERSION:
            return doc, [f"{self.path} is from a newer papertui; it is open read-only"], True
        return doc, [], False

    def _set_aside(self, exc: Exception) -> str:
        reason = clean_text(str(exc))[:120]
        try:
            aside = move_aside(self.path)
        except OSError as err:
            return f"{self.path} is unreadable ({reason}) and could not be moved aside ({err})"
        return (
            f"{self.path} was unreadable ({reason}); it is kept as {aside}. "
            "Starting with no bookmarks."
        )

    def _write(self, doc: Document) -> os.stat_result:
        import tomli_w  # only writers pay for it

        text = tomli_w.dumps(doc, multiline_strings=True)
        return write_atomic(self.path, text.encode("utf-8"))

    def _from_index(self, mark: str | None) -> Snapshot | None:
        if self.index is None or mark is None:
            return None
        try:
            cached = json.loads(self.index.read_bytes())
        except (OSError, ValueError, RecursionError):
            return None
        if not isinstance(cached, dict) or cached.get("file") != mark:
            return None
        if cached.get("format") != INDEX_FORMAT:
            return None
        bookmarks = _from_columns(cached.get("columns"))
        warnings = cached.get("warnings")
        if bookmarks is None or not isinstance(warnings, list):
            return None
        told = [clean_text(w) for w in warnings if isinstance(w, str)]
        skipped = count_or_none(cached.get("skipped")) or 0
        return Snapshot(bookmarks, told, cached.get("read_only") is True, skipped)

    def _save_index(self, mark: str | None, snapshot: Snapshot) -> None:
        if self.index is None or mark is None:
            return
        payload = {
            "format": INDEX_FORMAT,
            "file": mark,
            "columns": _columns(snapshot.bookmarks),
            "warnings": snapshot.warnings,
            "read_only": snapshot.read_only,
            "skipped": snapshot.skipped,
        }
        # ASCII (non-ASCII as \u escapes): it decodes in half the time of UTF-8.
        with contextlib.suppress(OSError):  # only a cache: failing to keep it costs speed
            write_atomic(self.index, json.dumps(payload).encode("ascii"))


def open_default() -> BookmarkFile:
    """The user's bookmarks file, with its parsed copy in the cache dir."""
    from papertui import paths

    return BookmarkFile(paths.bookmarks_file(), paths.bookmarks_index())


# --- the index: bookmarks as columns, checked in bulk --------------------------------------------

INDEX_FORMAT = 2  # 1 held a list per bookmark; columns decode faster and check in a few C calls
_COLUMNS = 17


def _columns(bookmarks: list[Bookmark]) -> list[list[Any]]:
    rows = (
        [
            b.id, b.title, b.added.isoformat(), list(b.authors),
            b.published.isoformat() if b.published else None,
            b.submitted.isoformat() if b.submitted else None,
            b.organization, b.upvotes, b.comments, b.github_stars, b.github_repo, b.project_page,
            b.ai_summary, list(b.ai_keywords), b.summary, list(b.tags), b.note,
        ]
        for b in bookmarks
    )  # fmt: skip
    return [list(column) for column in zip(*rows, strict=True)] or [[] for _ in range(_COLUMNS)]


def _from_columns(columns: Any) -> list[Bookmark] | None:
    """Bookmarks from the index's columns, or None if anything is off (then the TOML is read).

    The index is untrusted like any file. Each column is type-checked as a whole and every
    string is checked at once for anything that could steer a terminal, so 10,000 bookmarks
    cost a few dozen C-speed passes instead of a quarter of a million Python steps.
    """
    if not _well_formed(columns):
        return None
    (ids, titles, added, authors, published, submitted, orgs, upvotes, comments, stars,
     repos, pages, ai, keywords, summaries, tags, notes) = columns  # fmt: skip
    singles = chain(ids, titles, *(filter(None, c) for c in (orgs, repos, pages, ai)))
    lists = chain.from_iterable(chain(authors, keywords, tags))
    if not (
        all_safe(chain(singles, lists))
        and all_safe(chain(summaries, notes), multiline=True)
        and all_valid_ids(ids)
        and all(titles)
        and all(u.startswith(("https://", "http://")) for u in chain(repos, pages) if u)
    ):
        return None
    try:
        stamps = list(map(datetime.fromisoformat, added))
        days = [[date.fromisoformat(d) if d else None for d in c] for c in (published, submitted)]
    except ValueError:
        return None
    if any(stamp.tzinfo is None for stamp in stamps):
        return None
    return list(
        map(
            Bookmark, ids, titles, stamps, map(tuple, authors), *days, orgs, upvotes, comments,
            stars, repos, pages, ai, map(tuple, keywords), summaries, map(tuple, tags), notes,
        )
    )  # fmt: skip


_KINDS = (
    STR, STR, STR, STR_LIST, OPTIONAL_STR, OPTIONAL_STR, OPTIONAL_STR, COUNT, COUNT, COUNT,
    OPTIONAL_STR, OPTIONAL_STR, OPTIONAL_STR, STR_LIST, STR, STR_LIST, STR,
)  # fmt: skip


def _well_formed(columns: Any) -> bool:
    """Whether `columns` are 17 lists of one length, each holding only what its field may."""
    if not isinstance(columns, list) or len(columns) != _COLUMNS:
        return False
    if not all(type(c) is list and len(c) == len(columns[0]) for c in columns):
        return False
    return all(map(column_holds, columns, _KINDS))


def _fingerprint(st: os.stat_result) -> str:
    """Which version of the file this is: a rename keeps these, any rewrite changes them."""
    return f"{st.st_dev}:{st.st_ino}:{st.st_size}:{st.st_mtime_ns}"


def _merge_tags(entry: dict[str, Any], tags: tuple[str, ...]) -> None:
    found = entry.get("tags")
    old: list[Any] = found if isinstance(found, list) else []
    entry["tags"] = list(clean_tags([*(t for t in old if isinstance(t, str)), *tags]))


def _snapshot(doc: Document, warnings: list[str], read_only: bool) -> Snapshot:
    entries = doc.get("bookmarks", {})
    bookmarks: list[Bookmark] = []
    skipped = 0
    for raw in entries.values() if isinstance(entries, Mapping) else []:
        try:
            bookmarks.append(parse_bookmark(raw))
        except MalformedEntry:
            skipped += 1
    bookmarks.sort(key=lambda b: (b.added, b.id), reverse=True)
    if skipped:
        warnings = [*warnings, f"{skipped} bookmarks could not be read and are left as they are"]
    return Snapshot(bookmarks, warnings, read_only, skipped)
