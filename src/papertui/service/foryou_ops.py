"""The facade's "For you": papers ranked by likeness to the bookmarks, and the For-you view
(the last days' papers kept here, ranked). Blocking: a worker's job in the reader."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

from papertui.core import foryou
from papertui.core.bookmark import Snapshot
from papertui.core.paper import Paper
from papertui.core.sorts import Sort, sort_papers
from papertui.core.views import FOR_YOU_DAYS, View
from papertui.data.db import NotKept
from papertui.service.results import NothingToShow, Source, ViewResult

if TYPE_CHECKING:
    from papertui.core.settings import Config
    from papertui.data.readstate import ReadState
    from papertui.data.store import Store

NO_BOOKMARKS = "no bookmarks to rank by (b bookmarks a paper): sorted by upvotes"


class ForYou:
    """Papers ranked for the bookmarks: best first, bookmarked ones last (or left out), and
    why each close one ranks where it does; `profiled` is False when there were no bookmarks
    to go by; the first `close` papers are close to the bookmarks (`foryou.FLOOR`)."""

    __slots__ = ("close", "marked", "papers", "profiled", "warnings", "why")

    def __init__(
        self,
        papers: list[Paper],
        marked: list[Paper],
        why: Mapping[str, str],
        profiled: bool,
        warnings: list[str],
        close: int = 0,
    ) -> None:
        self.papers, self.marked, self.why, self.profiled = papers, marked, why, profiled
        self.warnings = warnings  # the bookmarks file's (one moved aside, say): to be told
        self.close = close if profiled else len(papers)

    @property
    def closest(self) -> list[Paper]:
        """The papers close to the bookmarks, best first (all of them without bookmarks)."""
        return self.papers[: self.close]


class ForYouOps:
    """A part of `Service` (its base): what it needs of the facade is declared here."""

    bookmark_bags: dict[str, foryou.Bag]  # the bookmarked papers' words, by id (`__init__`)
    bookmark_base: tuple[tuple[str, ...], foryou.Base] | None  # by the bookmarks' ids

    if TYPE_CHECKING:
        _clock: Callable[[], float]
        _read_state: ReadState | None
        config: Config

        @property
        def store(self) -> Store: ...
        def bookmarks(self) -> Snapshot: ...
        def nothing_kept(self, first: date, last: date, span: str) -> str: ...
        def watched_in(
            self, papers: Sequence[Paper], texts: Mapping[str, bytes] | None = None
        ) -> dict[str, tuple[str, ...]]: ...
        def _result(
            self, view: View, papers: list[Paper], source: Source, fetched_at: float | None
        ) -> ViewResult: ...

    def for_you(self, papers: Sequence[Paper], texts: Mapping[str, bytes] | None = None) -> ForYou:
        """`papers` ranked by likeness to the bookmarks, bookmarked ones apart (`marked`);
        light rows are read through their filter text (`texts`). With no bookmarks, by
        upvotes (`profiled` False: say so)."""
        snapshot = self.bookmarks()
        bookmarked = [b.to_paper() for b in snapshot.bookmarks]
        ids = {p.id for p in bookmarked}
        marked = [p for p in papers if p.id in ids]
        if not bookmarked:
            by_votes = sort_papers(papers, Sort.UPVOTES)
            return ForYou(by_votes, [], {}, False, snapshot.warnings)
        bags = self._bags(papers, texts or {})
        side = self._base(bookmarked, bags)
        own = self._bookmark_bags(bookmarked, bags).values()
        profile = foryou.weigh(side, foryou.with_papers(side, bags), own)
        ranked = foryou.rank(sort_papers(papers, Sort.UPVOTES), profile, bags, self._today())
        why = ranked.why.told()
        return ForYou(ranked.papers, marked, why, True, snapshot.warnings, ranked.close)

    def for_you_view(self, view: View, light: bool = False) -> ViewResult:
        """The papers kept here of the last `view.days` days (synced, or seen in a view),
        ranked for the bookmarks; bookmarked ones left out. `light`, for a first paint: the
        last ranking's list rows as it was shown, else the rows ranked now (by the words and
        authors kept for each: the same order as the records'). Raises NothingToShow when
        there are none."""
        if light:  # the last ranking, as it was shown: the ranking follows on a worker
            shown = self.store.load_rows(view.key)
            if shown is not None and shown.papers:
                return self._result(view, shown.papers, "archive", self.store.last_synced())
        last = self._today()
        first = last - timedelta(days=view.days - 1)
        papers = self.store.kept_between(first, last, light)
        if not papers:
            raise NothingToShow(self.nothing_kept(first, last, f"the last {view.days} days"))
        ranked = self.for_you(papers)
        if not ranked.closest:
            raise NothingToShow(
                f"Nothing close to your bookmarks among the {len(papers)} papers of the last "
                f"{view.days} days kept here."
            )
        if not light:  # for the next start's first paint: that only waits longer without
            with contextlib.suppress(NotKept):
                self.store.save_rows(view.key, "foryou", ranked.closest)
        result = self._result(view, ranked.closest, "archive", self.store.last_synced())
        result.why = ranked.why
        result.warnings += ranked.warnings
        if not ranked.profiled:
            result.warnings.append(NO_BOOKMARKS)
        return result

    def whats_new(self, days: int = FOR_YOU_DAYS) -> int:
        """How many watched papers of the last `days` days kept here the reader has not told
        of before (they are told of now). 0 without a watch list."""
        if self.config.watch.empty or self._read_state is None:
            return 0
        last = self._today()
        papers = self.store.kept_between(last - timedelta(days=days - 1), last)
        found = self.watched_in(papers)
        return len(self._read_state.unannounced(list(found)))

    def _base(self, bookmarked: list[Paper], bags: dict[str, foryou.Bag]) -> foryou.Base:
        """The bookmarks' side of the profile, kept (here and in the cache) while the
        bookmarks stay the same."""
        key = tuple(p.id for p in bookmarked)
        if self.bookmark_base is not None and self.bookmark_base[0] == key:
            return self.bookmark_base[1]
        side = self._kept_base(key)
        if side is None:
            side = foryou.base(bookmarked, self._bookmark_bags(bookmarked, bags))
            record = json.dumps({"ids": key, "base": foryou.base_record(side)})
            with contextlib.suppress(NotKept):  # it only saves the next process 50 ms
                self.store.save_profile(record)
        self.bookmark_base = key, side
        return side

    def _kept_base(self, key: tuple[str, ...]) -> foryou.Base | None:
        """The bookmarks' side the cache keeps, if it was made for these bookmarks."""
        text = self.store.load_profile()
        try:
            kept = json.loads(text) if text else None
        except (ValueError, RecursionError):
            return None
        if not isinstance(kept, dict) or kept.get("ids") != list(key):
            return None
        return foryou.base_of_record(kept.get("base"), frozenset(key))

    def _bookmark_bags(
        self, bookmarked: list[Paper], bags: dict[str, foryou.Bag]
    ) -> dict[str, foryou.Bag]:
        """The bookmarked papers' words, kept between rankings (a bookmark's text is fixed):
        from the papers ranked, else as the store keeps them (most bookmarks are kept
        papers), else made from the bookmark."""
        known = self.bookmark_bags
        missing = [p.id for p in bookmarked if p.id not in known and p.id not in bags]
        for pid, words in self.store.words_of(missing).items():
            known[pid] = foryou.bag_of_words(words)
        for paper in bookmarked:
            if paper.id not in known:
                known[paper.id] = bags.get(paper.id) or foryou.bag(paper)
        return {p.id: known[p.id] for p in bookmarked}

    def _bags(self, papers: Sequence[Paper], texts: Mapping[str, bytes]) -> dict[str, foryou.Bag]:
        """The papers' words: as the store keeps them (made when a paper is stored), else
        from the filter's text of a light row, else from the paper."""
        kept = self.store.words_of([p.id for p in papers])
        bags = {}
        for paper in papers:
            words, text = kept.get(paper.id), texts.get(paper.id)
            if words is not None:
                bags[paper.id] = foryou.bag_of_words(words)
            elif text is not None:
                bags[paper.id] = foryou.bag_of_text(text)
            else:
                bags[paper.id] = foryou.bag(paper)
        return bags

    def _today(self) -> date:
        return datetime.fromtimestamp(self._clock(), UTC).date()
