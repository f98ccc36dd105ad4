"""Reading one field of untrusted decoded data (JSON, TOML): cleaned, typed, or None. Pure.

Shared by the API parser, the store's encoding and the bookmarks mapping, so that a value is
judged the same way wherever it comes from.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from papertui.core.paper import Organization
from papertui.core.text import clean_text, clean_url


def text(value: Any, *, multiline: bool = False) -> str:
    """A cleaned string, or "" for anything that is not a string."""
    return clean_text(value, multiline=multiline) if isinstance(value, str) else ""


def url(value: Any) -> str | None:
    return clean_url(value) if isinstance(value, str) else None


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def texts(value: Any) -> tuple[str, ...]:
    """The non-empty cleaned strings of a list."""
    cleaned = (text(item) for item in as_list(value))
    return tuple(s for s in cleaned if s)


def urls(value: Any) -> tuple[str, ...]:
    return tuple(u for u in map(url, as_list(value)) if u)


def count_or_none(value: Any) -> int | None:
    """A non-negative int, or None: unknown stays unknown (never 0)."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        return None
    return value


def iso_date(value: Any) -> date | None:
    """The date at the start of an ISO string ('2026-05-08T…'), or None."""
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def organization(value: Any) -> Organization | None:
    if not isinstance(value, Mapping):
        return None
    name, fullname = text(value.get("name")), text(value.get("fullname"))
    return Organization(name, fullname) if (name or fullname) else None
