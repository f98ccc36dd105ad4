"""The archive's months and the pace of a long sync. Pure: values in, values out.

A sync walks the Daily Papers month by month, newest first. A month that ended before last
month is settled (its upvotes no longer move) and, once complete, never fetched again; the
current and the previous month always are. The hub's `RateLimit` header says how many requests
are left in its window and when the window resets: the sync spreads what is left over the
time left, and waits for the reset when nothing is.
"""

from __future__ import annotations

import re
from datetime import date
from typing import NamedTuple

from papertui.core.views import ARCHIVE_START, ViewError, parse_month

FIRST_MONTH = f"{ARCHIVE_START:%Y-%m}"
LOW_REMAINING = 20  # below this many requests left in the window, the sync spreads them out


def month_of(day: date) -> str:
    return f"{day:%Y-%m}"


def months_between(first: str, last: str) -> list[str]:
    """Every month from `last` back to `first`, newest first (both YYYY-MM, checked)."""
    start, end = _first_day(first), _first_day(last)
    if start > end:
        raise ViewError(f"{first} comes after {last}")
    months = []
    year, month = end.year, end.month
    while (year, month) >= (start.year, start.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months


def months_of_span(first: date, last: date) -> list[str]:
    """The months a span of days touches, newest first."""
    return months_between(month_of(first), month_of(last))


def check_month(text: str, today: date) -> str:
    """A month the archive can hold (YYYY-MM, from 2023-05 to this month), or ViewError."""
    parse_month(text, today)
    return text


def is_settled(month: str, today: date) -> bool:
    """Whether the month ended before last month began: its upvotes have settled."""
    current = today.year * 12 + today.month - 1
    year, number = int(month[:4]), int(month[5:7])
    return year * 12 + number - 1 < current - 1


def _first_day(text: str) -> date:
    match = re.fullmatch(r"(\d{4})-(\d{2})", text)
    if not match or not 1 <= int(match[2]) <= 12:
        raise ViewError(f"not a month: {text!r} (use YYYY-MM, e.g. 2026-05)")
    return date(int(match[1]), int(match[2]), 1)


class RateLimit(NamedTuple):
    remaining: int  # requests left in this window
    reset: float  # seconds until the window starts afresh


def parse_rate_limit(header: str | None) -> RateLimit | None:
    """`"api";r=490;t=55` (the IETF draft the hub follows); None when absent or garbled."""
    if not header:
        return None
    remaining = re.search(r"\br=(\d{1,9})\b", header)
    reset = re.search(r"\bt=(\d{1,9})\b", header)
    if remaining is None or reset is None:
        return None
    return RateLimit(int(remaining[1]), float(reset[1]))


def pause_after(rate: RateLimit | None, *, low: int = LOW_REMAINING) -> float:
    """Seconds to wait before the next request: none while plenty are left; the time left
    shared among the requests left when few are; the whole reset when none is."""
    if rate is None or rate.remaining >= low:
        return 0.0
    if rate.remaining <= 0:
        return rate.reset + 1.0  # a second more: the hub's clock and ours differ
    return rate.reset / rate.remaining
