"""A `Paper` as plain JSON-ready data: the full record (`--json`, the store) and the light row
the store keeps per view for a cheap first paint. Pure.

What comes back is untrusted (a cache on disk): every field is re-validated on the way in.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from papertui.core import fields as f
from papertui.core.columns import COUNT, OPTIONAL_STR, STR, column_holds
from papertui.core.paper import (
    MAX_AUTHORS,
    MAX_SUMMARY,
    MAX_TITLE,
    MalformedEntry,
    Organization,
    Paper,
    all_valid_ids,
    valid_id,
)
from papertui.core.text import all_clean

PUBLIC_KEYS = (
    "id", "title", "authors", "published", "submitted", "upvotes", "comments", "organization",
    "github_repo", "github_stars", "project_page", "ai_summary", "ai_keywords", "summary",
    "hf_url", "arxiv_url", "pdf_url",
)  # fmt: skip


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
    pid = f.text(record.get("id"))
    title = f.text(record.get("title"))
    if not pid or not valid_id(pid) or not title:
        raise MalformedEntry(f"bad record: {pid!r}")
    github = f.url(record.get("github_repo"))
    return Paper(
        id=pid,
        title=title[:MAX_TITLE],
        summary=f.text(record.get("summary"), multiline=True)[:MAX_SUMMARY],
        authors=f.texts(record.get("authors"))[:MAX_AUTHORS],
        published=f.iso_date(record.get("published")),
        submitted=f.iso_date(record.get("submitted")),
        upvotes=f.count_or_none(record.get("upvotes")),
        comments=f.count_or_none(record.get("comments")),
        organization=f.organization(record.get("organization")),
        submitter=f.text(record.get("submitter")) or None,
        github_repo=github,
        github_stars=f.count_or_none(record.get("github_stars")) if github else None,
        project_page=f.url(record.get("project_page")),
        ai_summary=f.text(record.get("ai_summary")) or None,
        ai_keywords=f.texts(record.get("ai_keywords")),
        media_urls=f.urls(record.get("media_urls")),
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
    pid, title = f.text(row[0]), f.text(row[1])
    if not pid or not valid_id(pid) or not title:
        raise MalformedEntry(f"bad row: {pid!r}")
    return Paper(
        id=pid,
        title=title[:MAX_TITLE],
        upvotes=f.count_or_none(row[2]),
        comments=f.count_or_none(row[3]),
        organization=f.organization({"name": row[4], "fullname": row[5]}),
        submitted=f.iso_date(row[6]),
        published=f.iso_date(row[7]),
        github_stars=f.count_or_none(row[8]),
    )


def from_rows(rows: Any) -> list[Paper]:
    """Light papers from the store's rows; rows that fail validation are left out.

    This is the reader's first paint, on a thread that competes with Textual's import: when
    every row is what `to_row` writes (the usual case), one bulk check of all their strings
    replaces cleaning each field, and the papers are built directly.
    """
    items = rows if isinstance(rows, list) else []
    if _rows_as_written(items):
        # Days and organisations repeat across papers (30,000 archived papers have about
        # 1,000 days and a few thousand organisations): one object each, not one a paper.
        days: dict[str, date | None] = {}
        orgs: dict[tuple[str, str], Organization | None] = {}

        def day(value: object) -> date | None:
            if not isinstance(value, str):
                return None
            if value not in days:
                days[value] = f.iso_date(value)
            return days[value]

        def org(name: str | None, fullname: str | None) -> Organization | None:
            key = (name or "", fullname or "")
            if key not in orgs:
                orgs[key] = Organization(*key) if name or fullname else None
            return orgs[key]

        return [
            Paper(
                id=r[0],
                title=r[1],
                upvotes=r[2],
                comments=r[3],
                organization=org(r[4], r[5]),
                submitted=day(r[6]),
                published=day(r[7]),
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


def decode_record(text: object) -> Paper | None:
    """A paper from its stored record (JSON text), or None when it is not one."""
    try:
        return from_record(json.loads(text)) if isinstance(text, str) else None
    except (ValueError, MalformedEntry, RecursionError):
        return None


def decode_records(rows: Sequence[tuple[str, str]]) -> list[Paper]:
    """Papers from (id, record) rows; a row that fails validation, or holds another id, is
    left out."""
    return [p for pid, text in rows if (p := decode_record(text)) is not None and p.id == pid]


def decode_rows(rows: list[str]) -> list[Paper]:
    """Light papers from list rows kept one a row (JSON text), bad ones left out."""
    try:  # one decode of them all is three times faster than one each
        items = json.loads("[" + ",".join(rows) + "]")
    except (ValueError, TypeError, RecursionError):
        items = [item for row in rows if (item := _json(row)) is not None]
    return from_rows(items)


def _json(text: object) -> object:
    try:
        return json.loads(text) if isinstance(text, str) else None
    except (ValueError, RecursionError):
        return None
