from __future__ import annotations

from datetime import date

import pytest

from papertui.core.views import (
    Kind,
    View,
    ViewError,
    is_current,
    parse_day,
    parse_month,
    parse_search,
    parse_week,
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


def test_periods_step_over_weekends_and_never_past_today() -> None:
    from papertui.core.views import current, step

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


def test_view_names_open_the_current_period() -> None:
    from papertui.core.views import DEFAULT_VIEWS, VIEW_NAMES, named

    assert named("daily", TODAY) == View(Kind.DAY, "2026-11-27")
    assert named("monthly", TODAY) == View(Kind.MONTH, "2026-11")
    assert named("trending", TODAY) == View(Kind.TRENDING)
    assert set(DEFAULT_VIEWS) < set(VIEW_NAMES)


def test_parse_period_takes_days_weeks_and_months() -> None:
    from papertui.core.views import parse_period

    assert parse_period("2026-05-08", TODAY) == View(Kind.DAY, "2026-05-08")
    assert parse_period(" today ", TODAY) == View(Kind.DAY, "2026-11-28")
    assert parse_period("yesterday", TODAY) == View(Kind.DAY, "2026-11-27")
    assert parse_period("2026-w19", TODAY) == View(Kind.WEEK, "2026-W19")
    assert parse_period("2026-05", TODAY) == View(Kind.MONTH, "2026-05")
    for bad in ("May", "2026-5", "2027-01", "2026-W60", "", "\x1b[2J"):
        with pytest.raises(ViewError):
            parse_period(bad, TODAY)
