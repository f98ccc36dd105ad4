"""What a list shows: a view (trending, a day, a week, a month, a search, the bookmarks). Pure."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from typing import NamedTuple

from papertui.core.text import clean_text

ARCHIVE_START = date(2023, 5, 4)
FOR_YOU_DAYS = 14  # the days For you looks back over, unless asked
FOR_YOU_WINDOWS = (1, 3, 7, 14, 30, 60, 90, 180, 365)  # what `+` and `-` step through


class Kind(StrEnum):
    TRENDING = "trending"
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    SEARCH = "search"
    BOOKMARKS = "bookmarks"
    ARCHIVE = "archive"  # every paper kept here with its Daily Papers day (`papertui sync`)
    FOR_YOU = "foryou"  # the last days' papers, ranked by likeness to the bookmarks


# The names a person uses for the views (config `default_view`, binding ids `view_daily`...),
# and the kind each names. The kinds' own values are the store's keys.
VIEW_NAMES = {
    "trending": Kind.TRENDING,
    "daily": Kind.DAY,
    "weekly": Kind.WEEK,
    "monthly": Kind.MONTH,
    "bookmarks": Kind.BOOKMARKS,
    "archive": Kind.ARCHIVE,
    "foryou": Kind.FOR_YOU,
}
DEFAULT_VIEWS = ("trending", "daily", "weekly", "monthly")  # what the reader may open on


class ViewError(ValueError):
    """A view selector a person typed that we cannot use; the message says why."""


class View(NamedTuple):  # not a dataclass: see ARCHITECTURE.md, "the startup path"
    kind: Kind
    arg: str = ""  # YYYY-MM-DD, YYYY-Www, YYYY-MM, the search query, For you's days

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
        if self.kind is Kind.ARCHIVE:
            return "The archive"
        if self.kind is Kind.FOR_YOU:
            return f"For you · the last {self.days} days"
        return "Bookmarks"

    @property
    def days(self) -> int:
        """For you's days (FOR_YOU_DAYS unless the view says)."""
        return int(self.arg) if self.arg.isdigit() else FOR_YOU_DAYS


def today_utc() -> date:
    return datetime.now(UTC).date()


def parse_day(text: str, today: date | None = None) -> View:
    today = today or today_utc()
    if text == "today":
        day = today
    elif text == "yesterday":
        day = today - timedelta(days=1)
    else:
        day = _iso_date(text, today)
    _check_range(day, day, today, text)
    return View(Kind.DAY, day.isoformat())


def _iso_date(text: str, today: date) -> date:
    match = re.fullmatch(r"(\d{4})-\d{2}-\d{2}", text)
    if match:
        _check_year(int(match[1]), text, today)
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
    raise ViewError(f"not a date: {text!r} (use YYYY-MM-DD, today or yesterday)")


def parse_week(text: str, today: date | None = None) -> View:
    today = today or today_utc()
    match = re.fullmatch(r"(\d{4})-W(\d{2})", text)
    if not match:
        raise ViewError(f"not an ISO week: {text!r} (use YYYY-Www, e.g. 2026-W19)")
    _check_year(int(match[1]), text, today)
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
    _check_year(int(match[1]), text, today)
    first = date(int(match[1]), int(match[2]), 1)
    _check_range(first, _month_end(first), today, text)
    return View(Kind.MONTH, text)


def parse_period(text: str, today: date | None = None) -> View:
    """A day (YYYY-MM-DD, today, yesterday), an ISO week (YYYY-Www) or a month (YYYY-MM)."""
    text = text.strip()
    if "W" in text.upper() and "-" in text:
        return parse_week(text.upper(), today)
    if re.fullmatch(r"\d{4}-\d{1,2}", text):
        return parse_month(text, today)
    if text in ("today", "yesterday") or re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return parse_day(text, today)
    raise ViewError(
        f"not a day, week or month: {text!r} (use YYYY-MM-DD, YYYY-Www, YYYY-MM, today "
        "or yesterday)"
    )


def parse_search(text: str) -> View:
    query = clean_text(text)  # a person's words, but shown in titles and errors: no escapes
    if not query:
        raise ViewError("the search query is empty")
    if len(query) > 250:
        raise ViewError("the search query is longer than 250 characters")
    return View(Kind.SEARCH, query)


def _check_range(first: date, last: date, today: date, text: str) -> None:
    if first > today:
        raise ViewError(f"{text} is in the future: {_accepted(today)}")
    if last < ARCHIVE_START:
        raise ViewError(f"{text} is before Daily Papers began: {_accepted(today)}")


def _check_year(year: int, text: str, today: date) -> None:
    """A period's year, checked before any date is made of it (year 0, or the month after
    9999-12, cannot be one)."""
    if year > today.year:
        raise ViewError(f"{text} is in the future: {_accepted(today)}")
    if year < ARCHIVE_START.year:
        raise ViewError(f"{text} is before Daily Papers began: {_accepted(today)}")


def _accepted(today: date) -> str:
    return f"Daily Papers run from {ARCHIVE_START.isoformat()} to today ({today.isoformat()} UTC)"


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


# --- periods: what `[`, `]` and `t` do ---------------------------------------------------------


def weekend_note(view: View) -> str | None:
    """What to say of a day view on a Saturday or Sunday, when Daily Papers has none."""
    if view.kind is not Kind.DAY:
        return None
    day = date.fromisoformat(view.arg)
    if day.weekday() < 5:
        return None
    friday = latest_weekday(day)
    return f"No Daily Papers on Saturdays and Sundays; the last weekday was {friday:%a} {friday}"


def latest_weekday(today: date) -> date:
    """Daily Papers come on weekdays: the newest day worth opening."""
    return today - timedelta(days=max(0, today.weekday() - 4))


def named(name: str, today: date | None = None) -> View:
    """The view a person names ("daily": the current day), as the config and the keys do."""
    return current(VIEW_NAMES[name], today)


def current(kind: Kind, today: date | None = None) -> View:
    """The period of `kind` that holds today (for a day: the latest weekday)."""
    today = today or today_utc()
    if kind is Kind.DAY:
        return View(Kind.DAY, latest_weekday(today).isoformat())
    if kind is Kind.WEEK:
        year, week, _ = today.isocalendar()
        return View(Kind.WEEK, f"{year}-W{week:02d}")
    if kind is Kind.MONTH:
        return View(Kind.MONTH, f"{today:%Y-%m}")
    return View(kind)


def step(view: View, delta: int, today: date | None = None) -> View:
    """The previous (-1) or next (+1) period; a day steps over weekends; never past today."""
    today = today or today_utc()
    if view.kind is Kind.DAY:
        day = date.fromisoformat(view.arg) + timedelta(days=delta)
        while day.weekday() >= 5:
            day += timedelta(days=delta)
        target = View(Kind.DAY, day.isoformat())
        first = day
    elif view.kind is Kind.WEEK:
        first = week_start(view.arg) + timedelta(weeks=delta)
        year, week, _ = first.isocalendar()
        target = View(Kind.WEEK, f"{year}-W{week:02d}")
    elif view.kind is Kind.MONTH:
        month = date.fromisoformat(view.arg + "-01")
        index = month.year * 12 + month.month - 1 + delta
        first = date(index // 12, index % 12 + 1, 1)
        target = View(Kind.MONTH, f"{first:%Y-%m}")
    else:
        return view
    if first > today or (delta < 0 and _period_end(target) < ARCHIVE_START):
        return view
    return target


def period_span(view: View) -> tuple[date, date] | None:
    """The first and last day of a day, week or month view; None for the others."""
    if view.kind is Kind.DAY:
        return date.fromisoformat(view.arg), date.fromisoformat(view.arg)
    if view.kind is Kind.WEEK:
        return week_start(view.arg), _period_end(view)
    if view.kind is Kind.MONTH:
        return date.fromisoformat(view.arg + "-01"), _period_end(view)
    return None


def _period_end(view: View) -> date:
    if view.kind is Kind.DAY:
        return date.fromisoformat(view.arg)
    if view.kind is Kind.WEEK:
        return week_start(view.arg) + timedelta(days=6)
    return _month_end(date.fromisoformat(view.arg + "-01"))


def window(view: View, delta: int) -> View:
    """For you over the next wider (`delta` 1) or narrower (-1) window of FOR_YOU_WINDOWS;
    the same view at either end."""
    days = view.days
    if delta > 0:
        wider = [n for n in FOR_YOU_WINDOWS if n > days]
        days = wider[0] if wider else days
    else:
        narrower = [n for n in FOR_YOU_WINDOWS if n < days]
        days = narrower[-1] if narrower else days
    return View(Kind.FOR_YOU, str(days))
