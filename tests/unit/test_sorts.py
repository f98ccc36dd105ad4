"""The sorts: ordering, the sort a view opens with, and what `s` moves to."""

from __future__ import annotations

import pytest

from papertui.core.paper import Paper
from papertui.core.sorts import CYCLE, Sort, cycle, default_sort, settle, sort_papers
from papertui.core.views import Kind


def test_sorting_keeps_unknown_last_and_trending_order() -> None:
    a = Paper(id="2605.00001", title="a", upvotes=5, comments=1, github_stars=None)
    b = Paper(id="2605.00002", title="b", upvotes=9, comments=0, github_stars=3)
    c = Paper(id="2605.00003", title="c", upvotes=1, comments=7, github_stars=0)
    assert [p.id[-1] for p in sort_papers([a, b, c], "upvotes")] == ["2", "1", "3"]
    assert [p.id[-1] for p in sort_papers([a, b, c], Sort.COMMENTS)] == ["3", "1", "2"]
    assert [p.id[-1] for p in sort_papers([a, b, c], "stars")] == ["2", "3", "1"]
    assert [p.id[-1] for p in sort_papers([a, b, c], "trending")] == ["1", "2", "3"]
    assert default_sort(Kind.TRENDING) is Sort.TRENDING
    assert default_sort(Kind.BOOKMARKS) is Sort.ADDED
    assert default_sort(Kind.DAY) is Sort.UPVOTES


def test_every_sort_has_a_label() -> None:
    assert {sort.label for sort in Sort} >= {"by upvotes", "HF trending order"}
    assert len({sort.label for sort in Sort}) == len(Sort)


@pytest.mark.parametrize(
    ("kind", "current", "explicit", "expected"),
    [
        (Kind.DAY, Sort.UPVOTES, False, Sort.COMMENTS),  # the config's sort
        (Kind.TRENDING, Sort.UPVOTES, False, Sort.TRENDING),  # its own order first
        (Kind.BOOKMARKS, Sort.STARS, False, Sort.ADDED),
        (Kind.DAY, Sort.STARS, True, Sort.STARS),  # the user's choice is kept
        (Kind.DAY, Sort.TRENDING, True, Sort.UPVOTES),  # another view's own order: meaningless
        (Kind.TRENDING, Sort.TRENDING, True, Sort.TRENDING),
        # A view with an order of its own opens in it, whatever the one before was sorted by
        # (`5` as `--bookmarks`, `6` newest first).
        (Kind.BOOKMARKS, Sort.UPVOTES, True, Sort.ADDED),
        (Kind.ARCHIVE, Sort.UPVOTES, True, Sort.DATE),
        (Kind.SEARCH, Sort.STARS, True, Sort.RELEVANCE),
    ],
)
def test_settle(kind: Kind, current: Sort, explicit: bool, expected: Sort) -> None:
    assert settle(kind, current, Sort.COMMENTS, explicit) is expected


def test_cycle_goes_round_the_counts_then_the_views_own_order() -> None:
    seen = [Sort.UPVOTES]
    for _ in range(len(CYCLE)):
        seen.append(cycle(Kind.DAY, seen[-1]))
    assert seen == [*CYCLE, Sort.UPVOTES]
    assert cycle(Kind.TRENDING, Sort.STARS) is Sort.FOR_YOU
    assert cycle(Kind.TRENDING, Sort.FOR_YOU) is Sort.TRENDING
    assert cycle(Kind.TRENDING, Sort.TRENDING) is Sort.UPVOTES
    assert cycle(Kind.DAY, Sort.ADDED) is Sort.UPVOTES  # not in this view's cycle: start over
    # For you's own order is "for you": once in its cycle, not twice.
    assert cycle(Kind.FOR_YOU, Sort.STARS) is Sort.FOR_YOU
    assert cycle(Kind.FOR_YOU, Sort.FOR_YOU) is Sort.UPVOTES


def test_a_search_keeps_the_hubs_order_unless_asked() -> None:
    assert default_sort(Kind.SEARCH, Sort.COMMENTS) is Sort.RELEVANCE
    assert default_sort(Kind.DAY, Sort.COMMENTS) is Sort.COMMENTS
    assert settle(Kind.SEARCH, Sort.UPVOTES, Sort.UPVOTES, False) is Sort.RELEVANCE
    assert cycle(Kind.SEARCH, Sort.FOR_YOU) is Sort.RELEVANCE
    assert Sort.RELEVANCE.label == "by relevance"


def test_the_heading_says_the_order_unless_the_views_name_does() -> None:
    from papertui.core.sorts import heading
    from papertui.core.views import View

    assert heading(View(Kind.ARCHIVE), Sort.DATE) == "The archive · newest first"
    assert heading(View(Kind.ARCHIVE), Sort.UPVOTES) == "The archive · by upvotes"
    assert heading(View(Kind.BOOKMARKS), Sort.ADDED) == "Bookmarks · newest first"
    assert heading(View(Kind.TRENDING), Sort.TRENDING) == "HF trending"
    assert heading(View(Kind.TRENDING), Sort.STARS) == "HF trending · by GitHub stars"
    assert heading(View(Kind.FOR_YOU, "30"), Sort.FOR_YOU) == "For you · the last 30 days"
