"""The sorts: their names and labels, ordering papers, and which sort a view shows. Pure.

`trending` and `added` are "own orders": the list as its source gave it (HF's ranking, the
bookmarks newest first). The other sorts order by a count or a date, descending.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING

from papertui.core.views import Kind, View

if TYPE_CHECKING:  # the config imports this module on the way to first paint: keep it light
    from papertui.core.paper import Paper


class Sort(StrEnum):
    UPVOTES = "upvotes"
    DATE = "date"
    COMMENTS = "comments"
    STARS = "stars"
    TRENDING = "trending"  # HF's own ranking of the trending view
    RELEVANCE = "relevance"  # the hub's best matches first, for a search
    ADDED = "added"  # the bookmarks, newest first
    FOR_YOU = "foryou"  # likeness to the bookmarks (`core.foryou`; the service ranks)

    @property
    def label(self) -> str:
        """What the status bar says."""
        return _LABELS[self]


_LABELS = {
    Sort.UPVOTES: "by upvotes",
    Sort.DATE: "by date",
    Sort.COMMENTS: "by comments",
    Sort.STARS: "by GitHub stars",
    Sort.TRENDING: "HF trending order",
    Sort.RELEVANCE: "by relevance",
    Sort.ADDED: "newest bookmark first",
    Sort.FOR_YOU: "for you",
}
# `s`, and the config's choices
CYCLE = (Sort.UPVOTES, Sort.DATE, Sort.COMMENTS, Sort.STARS, Sort.FOR_YOU)
CLI_SORTS = (*CYCLE, Sort.TRENDING, Sort.RELEVANCE)  # `papertui list --sort`
# The views whose list comes in an order of its own, kept unless the user picks a sort.
OWN_ORDER = {
    Kind.TRENDING: Sort.TRENDING,
    Kind.SEARCH: Sort.RELEVANCE,
    Kind.BOOKMARKS: Sort.ADDED,
    Kind.FOR_YOU: Sort.FOR_YOU,
}
# The views that open in one of the sorts rather than the config's: the archive, newest first.
OPENS_WITH = {Kind.ARCHIVE: Sort.DATE}


def default_sort(kind: Kind, preferred: Sort = Sort.UPVOTES) -> Sort:
    """A view's own order (HF's trending, the search's relevance, the bookmarks newest
    first), else the sort it opens with (the archive's newest first), else `preferred` (the
    config's sort)."""
    return OWN_ORDER.get(kind) or OPENS_WITH.get(kind) or preferred


def settle(kind: Kind, current: Sort, preferred: Sort, explicit: bool) -> Sort:
    """The sort a view of `kind` opens with: its own order or the one it opens with (`5`
    opens the bookmarks as `--bookmarks` does, newest first, whatever the view before it
    was sorted by), else the `preferred` one (the config's), unless the user chose one
    (`explicit`) on a day, week or month, which the next period keeps."""
    own = OWN_ORDER.get(kind) or OPENS_WITH.get(kind)
    if own is not None:
        return own
    if not explicit:
        return preferred
    if current in OWN_ORDER.values():
        return Sort.UPVOTES  # another view's own order means nothing here
    return current


_SAID_BY_NAME = {
    Kind.TRENDING: Sort.TRENDING,
    Kind.SEARCH: Sort.RELEVANCE,
    Kind.FOR_YOU: Sort.FOR_YOU,
}
_ORDER_WORDS = {Sort.DATE: "newest first", Sort.ADDED: "newest first"}


def heading(view: View, sort: Sort) -> str:
    """A view's title with the order in force ("The archive · newest first", "· by upvotes"
    after `s`), unless its name says it: HF's trending order, a search's best matches, For
    you's ranking."""
    if _SAID_BY_NAME.get(view.kind) is sort:
        return view.label
    return f"{view.label} · {_ORDER_WORDS.get(sort, sort.label)}"


def cycle(kind: Kind, current: Sort) -> Sort:
    """The sort after `current` for `s`: the count sorts, then the view's own order if any."""
    own = OWN_ORDER.get(kind)
    order = CYCLE + ((own,) if own is not None and own not in CYCLE else ())
    return order[(order.index(current) + 1) % len(order)] if current in order else order[0]


def _num(value: int | None) -> int:
    return -1 if value is None else value  # unknown sorts after every known count


_KEYS: dict[Sort, Callable[[Paper], tuple[object, ...]]] = {
    Sort.UPVOTES: lambda p: (_num(p.upvotes), _num(p.comments)),
    Sort.DATE: lambda p: (p.submitted or p.published or date.min, _num(p.upvotes)),
    Sort.COMMENTS: lambda p: (_num(p.comments), _num(p.upvotes)),
    Sort.STARS: lambda p: (_num(p.github_stars), _num(p.upvotes)),
}


def sort_papers(papers: Sequence[Paper], sort: Sort | str) -> list[Paper]:
    """Sort descending by `sort`; an own order (and "for you", which the service ranks)
    keeps the order given. Stable."""
    key = _KEYS.get(Sort(sort))
    return list(papers) if key is None else sorted(papers, key=key, reverse=True)
