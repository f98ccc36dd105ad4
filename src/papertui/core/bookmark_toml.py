"""Bookmarks as tables of bookmarks.toml, and the changes papertui makes to those tables. Pure.

The file is the user's, so reading is lenient (a bad entry is skipped and counted, never
dropped from the file) and every change edits the tables in place: keys papertui does not know,
at the top or in a bookmark, survive.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, date, datetime
from typing import Any

from papertui.core.bookmark import Bookmark, BookmarkError, Snapshot, clean_tags
from papertui.core.fields import count_or_none
from papertui.core.paper import MalformedEntry, Paper, valid_id
from papertui.core.text import all_safe, clean_text, clean_url

SCHEMA_VERSION = 1

Document = dict[str, Any]
Entries = dict[str, Any]  # the [bookmarks] table: id -> the bookmark's table
Change = Callable[[Entries], object]


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


# --- changes: each edits the [bookmarks] table in place ----------------------------------------


def adding(
    papers: list[Paper], tags: Iterable[str], note: str | None, clock: Callable[[], datetime]
) -> Change:
    """Bookmark `papers`; already bookmarked ones keep their date and gain the tags/note."""
    new_tags = clean_tags(tags)

    def change(entries: Entries) -> None:
        for paper in papers:
            entry = entries.get(paper.id)
            if not isinstance(entry, dict):
                entry = entries[paper.id] = entry_for(paper, clock())
            else:
                _fill_gaps(entry, entry_for(paper, _UNUSED))
            _merge_tags(entry, new_tags)
            if note is not None:
                entry["note"] = clean_text(note, multiline=True)

    return change


def removing(ids: Iterable[str]) -> Change:
    gone = set(ids)
    return lambda entries: [entries.pop(i, None) for i in gone]


def toggling(paper: Paper, clock: Callable[[], datetime], state: list[bool]) -> Change:
    """Add `paper` if absent, remove it if present; appends to `state` whether it is now on."""

    def change(entries: Entries) -> None:
        if paper.id in entries:
            del entries[paper.id]
            state.append(False)
        else:
            entries[paper.id] = entry_for(paper, clock())
            state.append(True)

    return change


def updating(pid: str, note: str | None, tags: Iterable[str] | None) -> Change:
    def change(entries: Entries) -> None:
        entry = entries.get(pid)
        if not isinstance(entry, dict):
            raise BookmarkError(f"{pid} is not bookmarked")
        if note is not None:
            entry["note"] = clean_text(note, multiline=True)
        if tags is not None:
            entry["tags"] = list(clean_tags(tags))

    return change


_USERS_OWN = ("added", "tags", "note")  # never filled in from the paper
_UNUSED = datetime(1970, 1, 1, tzinfo=UTC)  # `added` of a fresh record that only fills gaps


def _fill_gaps(entry: dict[str, Any], fresh: dict[str, Any]) -> None:
    """Fill what `entry` lacks (an abstract, authors, a link) from a fresh record of its paper;
    what is there, and the user's own fields, are left as they are."""
    for key, value in fresh.items():
        if key in _USERS_OWN:
            continue
        if key == "links" and isinstance(entry.get("links"), dict):
            for name, url in value.items():
                entry["links"].setdefault(name, url)
        elif entry.get(key) in (None, "", []):
            entry[key] = value


def _merge_tags(entry: dict[str, Any], tags: tuple[str, ...]) -> None:
    found = entry.get("tags")
    old: list[Any] = found if isinstance(found, list) else []
    entry["tags"] = list(clean_tags([*(t for t in old if isinstance(t, str)), *tags]))


# --- reading -----------------------------------------------------------------------------------


def snapshot_of(doc: Document, warnings: list[str], read_only: bool) -> Snapshot:
    """The bookmarks of a parsed file, newest first; entries that cannot be read are counted."""
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


def parse_bookmark(raw: Any) -> Bookmark:
    """A `Bookmark` from a table of the file. Everything is cleaned."""
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
        # Always cleaned: it also strips each line (an indented line of a hand-edited note
        # would be a code block in Markdown); clean text passes through it at C speed.
        summary=_cleaned(raw.get("summary"), multiline=True),
        tags=clean_tags(_texts(raw.get("tags"))),
        note=_cleaned(raw.get("note"), multiline=True),
    )


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
