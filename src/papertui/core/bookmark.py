"""A bookmark, a snapshot of all of them, and the error of any bookmark operation. Pure."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from papertui.core.paper import ArxivLinks, Organization, Paper
from papertui.core.text import clean_text

# Field metadata read by the bookmarks index (`data.bookmark_index`), which derives its columns
# from these fields: a new field needs nothing more there unless its type is new.
MULTILINE = {"multiline": True}  # may hold newlines (everything else is one line)
URL = {"url": True}  # an http(s) URL


class BookmarkError(Exception):
    """A bookmark operation that cannot be done; the message says why and what to do."""


class NothingToExport(BookmarkError):
    """No bookmarks (or none with the tag): nothing is written, so no real export is replaced."""

    def __init__(self, tag: str | None = None, warnings: list[str] | None = None) -> None:
        super().__init__("no bookmarks" + (f" tagged {tag!r}" if tag else "") + " to export")
        self.warnings = warnings or []  # the file's, which the caller still has to tell


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
    github_repo: str | None = field(default=None, metadata=URL)
    project_page: str | None = field(default=None, metadata=URL)
    ai_summary: str | None = None
    ai_keywords: tuple[str, ...] = ()
    summary: str = field(default="", metadata=MULTILINE)
    tags: tuple[str, ...] = ()
    note: str = field(default="", metadata=MULTILINE)

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


class Snapshot:
    """The bookmarks as read, newest first, with what the user should be told. Treat it as
    immutable: the index by id (asked on every cursor move in the reader) is built once.
    A plain class: see ARCHITECTURE.md, "the startup path"."""

    __slots__ = ("_by_id", "bookmarks", "broken", "read_only", "skipped", "warnings")

    def __init__(
        self,
        bookmarks: list[Bookmark] | None = None,
        warnings: list[str] | None = None,
        read_only: bool = False,
        skipped: int = 0,  # entries that could not be read (kept in the file as they are)
        broken: str = "",
    ) -> None:
        self.bookmarks = bookmarks if bookmarks is not None else []
        self.warnings = warnings if warnings is not None else []
        self.read_only = read_only
        self.skipped = skipped
        # The file does not parse: where ("PATH line 12: invalid value"); the bookmarks are
        # then those last read, and the snapshot read-only.
        self.broken = broken
        self._by_id: dict[str, Bookmark] | None = None

    def __repr__(self) -> str:
        return f"Snapshot({len(self.bookmarks)} bookmarks, read_only={self.read_only})"

    @property
    def by_id(self) -> dict[str, Bookmark]:
        if self._by_id is None:
            self._by_id = {b.id: b for b in self.bookmarks}
        return self._by_id

    @property
    def ids(self) -> set[str]:
        return set(self.by_id)

    def get(self, pid: str) -> Bookmark | None:
        return self.by_id.get(pid)

    def tagged(self, tag: str | None) -> Snapshot:
        """Only the bookmarks carrying `tag` (all of them when no tag is given)."""
        if not tag:
            return self
        wanted = set(clean_tags([tag]))
        kept = [b for b in self.bookmarks if wanted <= set(b.tags)]
        return Snapshot(kept, self.warnings, self.read_only, self.skipped, self.broken)


def clean_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Tags are single words: trimmed, lowercased, de-duplicated, in order."""
    seen: dict[str, None] = {}
    for tag in tags:
        word = "-".join(clean_text(tag).lower().split())
        if word:
            seen.setdefault(word[:64], None)
    return tuple(seen)
