from __future__ import annotations

from datetime import date

import pytest

from papertui.models import Paper
from papertui.views import (
    Kind,
    View,
    ViewError,
    is_current,
    parse_day,
    parse_month,
    parse_search,
    parse_week,
    sort_papers,
)

TODAY = date(2026, 11, 28)


def test_days() -> None:
    assert parse_day("2026-05-08", TODAY) == View(Kind.DAY, "2026-05-08")
    assert parse_day("today", TODAY).arg == "2026-11-28"
    assert parse_day("yesterday", TODAY).arg == "2026-11-27"
    assert parse_day("2026-05-08", TODAY).label == "Daily · Fri 8 May 2026"


@pytest.mark.parametrize(
    "text", ["2026-13-01", "08-05-2026", "2026-5-8", "soon", "2027-01-01", "2020-01-01"]
)
def test_bad_days(text: str) -> None:
    with pytest.raises(ViewError):
        parse_day(text, TODAY)


def test_weeks_months_search() -> None:
    assert parse_week("2026-W19", TODAY).label.startswith("Weekly · 2026-W19")
    assert parse_month("2026-05", TODAY).label == "Monthly · May 2026"
    assert parse_search("  diffusion   models ").arg == "diffusion models"
    for bad in ("2026-W60", "2026W19", "2027-W01"):
        with pytest.raises(ViewError):
            parse_week(bad, TODAY)
    for bad in ("2026-13", "2027-01", "May"):
        with pytest.raises(ViewError):
            parse_month(bad, TODAY)
    with pytest.raises(ViewError):
        parse_search("   ")
    with pytest.raises(ViewError):
        parse_search("x" * 251)


def test_current_periods() -> None:
    assert is_current(View(Kind.DAY, "2026-11-28"), TODAY)
    assert not is_current(View(Kind.DAY, "2026-05-08"), TODAY)
    assert is_current(View(Kind.MONTH, "2026-11"), TODAY)
    assert not is_current(View(Kind.WEEK, "2026-W19"), TODAY)
    assert is_current(View(Kind.TRENDING), TODAY)


def test_sorting_keeps_unknown_last_and_trending_order() -> None:
    a = Paper(id="2605.00001", title="a", upvotes=5, comments=1, github_stars=None)
    b = Paper(id="2605.00002", title="b", upvotes=9, comments=0, github_stars=3)
    c = Paper(id="2605.00003", title="c", upvotes=1, comments=7, github_stars=0)
    assert [p.id[-1] for p in sort_papers([a, b, c], "upvotes")] == ["2", "1", "3"]
    assert [p.id[-1] for p in sort_papers([a, b, c], "comments")] == ["3", "1", "2"]
    assert [p.id[-1] for p in sort_papers([a, b, c], "stars")] == ["2", "3", "1"]
    assert [p.id[-1] for p in sort_papers([a, b, c], "trending")] == ["1", "2", "3"]
    assert View(Kind.TRENDING).default_sort == "trending"
    assert View(Kind.DAY, "2026-05-08").default_sort == "upvotes"


def test_periods_step_over_weekends_and_never_past_today() -> None:
    from papertui.views import current, step

    friday = View(Kind.DAY, "2026-05-08")
    assert step(friday, 1, TODAY).arg == "2026-05-11"
    assert step(View(Kind.DAY, "2026-05-11"), -1, TODAY).arg == "2026-05-08"
    assert step(View(Kind.DAY, "2026-11-27"), 1, TODAY).arg == "2026-11-27"  # Saturday is today
    assert step(View(Kind.WEEK, "2026-W01"), -1, TODAY).arg == "2025-W52"
    assert step(View(Kind.MONTH, "2026-01"), -1, TODAY).arg == "2025-12"
    assert step(View(Kind.MONTH, "2026-11"), 1, TODAY).arg == "2026-11"
    assert step(View(Kind.DAY, "2023-05-04"), -1, TODAY).arg == "2023-05-04"
    assert current(Kind.DAY, TODAY).arg == "2026-11-27"  # the latest weekday
    assert current(Kind.WEEK, TODAY).arg == "2026-W48"
    assert current(Kind.MONTH, TODAY).arg == "2026-11"
    assert step(View(Kind.TRENDING), 1, TODAY) == View(Kind.TRENDING)
