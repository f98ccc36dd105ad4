"""The main screen's filter line: `/` opens it (made on first need), every key typed goes to the
list's filter, `enter` keeps it, `escape` clears it; the status bar's count follows."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.timer import Timer
from textual.widget import AwaitMount
from textual.widgets import Input

from papertui.core.paper import Paper
from papertui.tui.screens.base import PlainScreen
from papertui.tui.widgets.paper_list import PaperList

if TYPE_CHECKING:
    from papertui.tui.widgets.status_bar import StatusBar

FILTER_HINT = 'filter: words, "phrases", -not, author:, org:, upvotes:>=20, is:unread'


class FilterLine(PlainScreen[None]):
    """A part of `MainScreen` (its base): what it needs of the screen is declared here."""

    DETAIL_PAUSE = 0.25  # seconds: the detail follows the filter's rows once typing pauses
    _filter_mounting: AwaitMount | None = None  # the filter line, while it mounts
    _detail_timer: Timer | None = None  # the detail following a filter typed

    @property
    def list(self) -> PaperList:
        return self.query_one(PaperList)

    if TYPE_CHECKING:  # given by the screen

        @property
        def status(self) -> StatusBar: ...
        def _update_count(self) -> None: ...
        def _show_detail(self, paper: Paper | None) -> None: ...
        def want_repos(self, paper: Paper | None) -> None: ...

    async def action_filter(self) -> None:
        box = self._filter_box()
        mounting, self._filter_mounting = self._filter_mounting, None
        if mounting is not None:
            await mounting
        box.add_class("-visible")
        # Focus now, not on the next turn as `focus()` does: the keys typed (or pasted)
        # right after `/` are already queued, and they belong to the filter.
        self.set_focus(box)

    def _filter_box(self) -> Input:
        """The filter line (hidden until `/`), made on first need: right after the first frame,
        or on a `/` pressed before that."""
        box = next(self.query("#filter").results(Input), None)
        if box is None:
            box = Input(placeholder=FILTER_HINT, id="filter")
            self._filter_mounting = self.mount(box, before=self.status)
            # A watcher, not `Input.Changed`: it runs as the key is handled, so the letter,
            # the rows and the count are drawn in one frame. The message reaches the screen
            # after the letter's own frame, and the rows would wait for the next (~17 ms on).
            self.watch(box, "value", self._filter_typed, init=False)
        return box

    def detail_waits(self) -> bool:
        """Whether the detail waits for the typing to pause (the filter line has the focus):
        not every top row on the way is drawn (each took a frame, and the next key waited)."""
        if self._detail_timer is not None:
            self._detail_timer.stop()
            self._detail_timer = None
        if not isinstance(self.focused, Input):
            return False
        self._detail_timer = self.set_timer(self.DETAIL_PAUSE, self._detail_after_typing)
        return True

    def _detail_after_typing(self) -> None:
        if self._detail_timer is not None:
            self._detail_timer.stop()
        self._detail_timer = None
        self._show_detail(self.list.current)
        self.want_repos(self.list.current)

    def _typing_done(self) -> None:
        """The filter line is left: a detail still waiting for the typing to pause follows."""
        if self._detail_timer is not None:
            self._detail_after_typing()

    def _filter_typed(self, value: str) -> None:
        self.list.set_filter(value)
        self._update_count()

    @on(PaperList.Filtered)
    def _filtered(self) -> None:
        self._update_count()  # rows matched on a thread

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        if not event.value.strip():
            event.input.remove_class("-visible")
        self.list.focus()
        self._typing_done()

    def action_escape(self) -> None:
        box = self._filter_box()
        if box.has_focus or (self.list.has_focus and not self.list.wanted.empty):
            box.value = ""
            self.list.set_filter("")
            self._update_count()
            box.remove_class("-visible")
        self.query_one("#body").remove_class("-reading-detail")  # the list shows again
        self.list.focus()
        self._typing_done()
