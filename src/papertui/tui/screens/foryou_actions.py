"""The main screen's papers that matter to this reader: the "for you" sort (`s`), the view's
papers ranked by likeness to the bookmarks on a worker (the bookmarks file is read, every
abstract weighed), the bookmarked ones last, and why each ranks where it does, for the detail
(the For-you view, `7`, comes ranked); and, on start, the watched papers not told of before."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from textual import on, work

from papertui.core.paper import Paper
from papertui.core.views import Kind, View
from papertui.service import NO_BOOKMARKS, Service, ViewResult
from papertui.tui.screens.base import PlainScreen
from papertui.tui.screens.messages import Ranked
from papertui.tui.widgets.paper_list import PaperList

if TYPE_CHECKING:
    from papertui.core.sorts import Sort
    from papertui.tui.widgets.status_bar import StatusBar


class ForYouActions(PlainScreen[None]):
    """A part of `MainScreen` (its base): what it needs of the screen is declared here."""

    service: Service
    view: View
    sort: Sort
    why: Mapping[str, str]  # by paper id: why "for you" ranks it where it does
    _told: set[str] | None = None  # the ranking's warnings told already

    if TYPE_CHECKING:  # given by the screen

        @property
        def list(self) -> PaperList: ...
        @property
        def status(self) -> StatusBar: ...
        def _update_count(self) -> None: ...

    def tell_ranking(self, result: ViewResult) -> None:
        """What the For-you view's ranking has to say (the bookmarks file moved aside, no
        bookmarks): read from the cache, it never goes through a fetch that would tell it.
        Each once."""
        if result.view.kind is not Kind.FOR_YOU:
            return
        if self._told is None:
            self._told = set()
        told = self._told
        for message in result.warnings:
            if message not in told:
                told.add(message)
                self.notify(message, title="For you", severity="warning", timeout=8)

    def rank_for_you(
        self, papers: Sequence[Paper], result: ViewResult | None, keep_id: str | None
    ) -> None:
        self.status.activity, self.status.fetching = "ranking", True
        texts = result.texts if result is not None else None
        self._rank(self.view, tuple(papers), texts, keep_id)

    @work(thread=True, exclusive=True, group="rank", exit_on_error=False)
    def _rank(
        self,
        view: View,
        papers: Sequence[Paper],
        texts: Mapping[str, bytes] | None,
        keep_id: str | None,
    ) -> None:
        ranked = self.service.for_you(papers, texts)
        self.post_message(Ranked(view, ranked, keep_id))

    @on(Ranked)
    def _ranked(self, event: Ranked) -> None:
        from papertui.core.sorts import Sort

        self.status.fetching = False
        if event.view != self.view or self.sort is not Sort.FOR_YOU:
            return  # left meanwhile
        ranked = event.ranked
        self.why = ranked.why
        self.list.set_papers(ranked.papers + ranked.marked, event.keep_id)
        self._update_count()
        for message in ranked.warnings:
            self.notify(message, title="Bookmarks", severity="warning", timeout=10)
        if not ranked.profiled:
            self.notify(NO_BOOKMARKS.capitalize() + ".", title="For you", timeout=8)

    @work(thread=True, group="news", exit_on_error=False)
    def tell_whats_new(self) -> None:
        """On start: how many watched papers came since the reader last told of them."""
        count = self.service.whats_new()
        if count:
            papers = "paper" if count == 1 else "papers"
            text = f"◆ {count} watched {papers} since you last looked: / then is:watched"
            self.app.call_from_thread(self.notify, text, title="Watch list", timeout=10)
