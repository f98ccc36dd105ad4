"""What a list shows: a view (trending, a day, a week, a month, a search) and its sort. Pure."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from enum import Enum

from papertui.models import Paper

ARCHIVE_START = date(2023, 5, 4)


class Kind(str, Enum):
    TRENDING = "trending"
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    SEARCH = "search"
    BOOKMARKS = "bookmarks"


SORTS = ("upvotes", "date", "comments", "stars", "trending")


class ViewError(ValueError):
    """A view selector a person typed that we cannot use; the message says why."""


@dataclass(frozen=True, slots=True)
class View:
    kind: Kind
    arg: str = ""  # YYYY-MM-DD, YYYY-Www, YYYY-MM or the search query

    @property
    def key(self) -> str:
        """The store's key for this view."""
        return f"{self.kind.value}:{self.arg}" if self.arg else self.kind.value

    @property
    def label(self) -> str:
        """A title a person reads: 'Daily · Fri 8 May 2026'."""
        if self.kind is Kind.TRENDING:
            return "HF trending"
        if self.kind is Kind.DAY:
            d = date.fromisoformat(self.arg)
            return f"Daily · {d:%a} {d.day} {d:%b %Y}"
        if self.kind is Kind.WEEK:
            monday = week_start(self.arg)
            return f"Weekly · {self.arg} (from {monday.day} {monday:%b %Y})"
        if self.kind is Kind.MONTH:
            d = date.fromisoformat(self.arg + "-01")
            return f"Monthly · {d:%B %Y}"
        if self.kind is Kind.SEARCH:
            return f"Search · {self.arg}"
        return "Bookmarks"

    @property
    def default_sort(self) -> str:
        return "trending" if self.kind is Kind.TRENDING else "upvotes"


def today_utc() -> date:
    return datetime.now(timezone.utc).date()


def parse_day(text: str, today: date | None = None) -> View:
    today = today or today_utc()
    if text == "today":
        day = today
    elif text == "yesterday":
        day = today - timedelta(days=1)
    else:
        try:
            day = date.fromisoformat(text) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) else None
        except ValueError:
            day = None
        if day is None:
            raise ViewError(f"not a date: {text!r} (use YYYY-MM-DD, today or yesterday)")
    _check_range(day, day, today, text)
    return View(Kind.DAY, day.isoformat())


def parse_week(text: str, today: date | None = None) -> View:
    today = today or today_utc()
    match = re.fullmatch(r"(\d{4})-W(\d{2})", text)
    if not match:
        raise ViewError(f"not an ISO week: {text!r} (use YYYY-Www, e.g. 2026-W19)")
    try:
        monday = date.fromisocalendar(int(match[1]), int(match[2]), 1)
    except ValueError:
        raise ViewError(f"no such week: {text!r}") from None
    _check_range(monday, monday + timedelta(days=6), today, text)
    return View(Kind.WEEK, text)


def parse_month(text: str, today: date | None = None) -> View:
    today = today or today_utc()
    match = re.fullmatch(r"(\d{4})-(\d{2})", text)
    if not match or not 1 <= int(match[2]) <= 12:
        raise ViewError(f"not a month: {text!r} (use YYYY-MM, e.g. 2026-05)")
    first = date(int(match[1]), int(match[2]), 1)
    _check_range(first, _month_end(first), today, text)
    return View(Kind.MONTH, text)


def parse_search(text: str) -> View:
    query = " ".join(text.split())
    if not query:
        raise ViewError("the search query is empty")
    if len(query) > 250:
        raise ViewError("the search query is longer than 250 characters")
    return View(Kind.SEARCH, query)


def _check_range(first: date, last: date, today: date, text: str) -> None:
    if first > today:
        raise ViewError(f"{text} is in the future (today is {today.isoformat()} UTC)")
    if last < ARCHIVE_START:
        raise ViewError(f"{text} is before Daily Papers began ({ARCHIVE_START.isoformat()})")


def _month_end(first: date) -> date:
    following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return following - timedelta(days=1)


def week_start(iso_week: str) -> date:
    year, week = iso_week.split("-W")
    return date.fromisocalendar(int(year), int(week), 1)


def is_current(view: View, today: date | None = None) -> bool:
    """Whether the view can still gain papers: trending, search, and the period holding today."""
    today = today or today_utc()
    if view.kind is Kind.DAY:
        return date.fromisoformat(view.arg) >= today - timedelta(days=1)
    if view.kind is Kind.WEEK:
        return week_start(view.arg) + timedelta(days=7) >= today
    if view.kind is Kind.MONTH:
        return _month_end(date.fromisoformat(view.arg + "-01")) + timedelta(days=1) >= today
    return True


# --- sorting -----------------------------------------------------------------------------------


def _num(value: int | None) -> int:
    return -1 if value is None else value  # unknown sorts after every known count


_SORT_KEYS: dict[str, Callable[[Paper], tuple[object, ...]]] = {
    "upvotes": lambda p: (_num(p.upvotes), _num(p.comments)),
    "date": lambda p: (p.submitted or p.published or date.min, _num(p.upvotes)),
    "comments": lambda p: (_num(p.comments), _num(p.upvotes)),
    "stars": lambda p: (_num(p.github_stars), _num(p.upvotes)),
}


def sort_papers(papers: Sequence[Paper], sort: str) -> list[Paper]:
    """Sort descending by `sort`; 'trending' keeps the server's order. The sort is stable."""
    if sort == "trending" or sort not in _SORT_KEYS:
        return list(papers)
    return sorted(papers, key=_SORT_KEYS[sort], reverse=True)
