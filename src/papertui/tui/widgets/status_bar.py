"""The status line: where the data came from and how old it is, the sort, the count, fetching.

Each fact is a reactive: the screen sets what changed and the bar repaints once.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from papertui.core.sorts import Sort
from papertui.core.text import age, plural


class StatusBar(Widget):
    DEFAULT_CSS = """
    StatusBar { height: 1; background: $panel; color: $text; padding: 0 1; }
    """

    source: reactive[str] = reactive("")  # live, cached, sample, local, archive
    fetched_at: reactive[float | None] = reactive(None)
    problem: reactive[str] = reactive("")  # what went wrong with the last fetch, if anything
    fetching: reactive[bool] = reactive(False)
    activity: reactive[str] = reactive("fetching")  # what `fetching` shows: the archive is read
    sort: reactive[Sort] = reactive(Sort.UPVOTES)
    shown: reactive[int] = reactive(0)
    total: reactive[int] = reactive(0)
    filtering: reactive[bool] = reactive(False)
    matching: reactive[bool] = reactive(False)  # the filter still runs: `shown` is a floor
    unread_only: reactive[bool] = reactive(False)  # read papers hidden (U)

    def __init__(
        self,
        *,
        clock: Callable[[], float] = time.time,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._clock = clock

    def on_mount(self) -> None:
        self.set_interval(30, self.refresh)  # the age moves on

    def render(self) -> Text:
        text = Text()
        if self.fetching:
            text.append(f"⟳ {self.activity}… ", "bold")
        if self.source == "sample":
            text.append("sample data", "bold reverse")
        elif self.source == "local":
            text.append("bookmarks file", "bold")
        elif self.source == "archive":
            text.append("archive", "bold")
            if self.fetched_at is None:
                text.append(" · never synced")
            else:
                text.append(f" · synced {age(self._clock() - self.fetched_at)}")
        elif self.source:
            text.append(self.source, "bold")
            if self.fetched_at is not None:
                text.append(f" · {age(self._clock() - self.fetched_at)}")
        if self.problem:
            if not text:
                text.append("not loaded", "bold")
            text.append(f" · {self.problem}", "bold")
        if text:
            text.append("  │  ")
        text.append(self.sort.label)
        text.append("  │  ")
        if self.unread_only:
            text.append("unread only · ", "bold")
        narrowed = self.filtering or self.unread_only
        count = f"{self.shown} of {self.total}" if narrowed else plural(self.total, "paper")
        if self.matching:
            count = f"{self.shown}+ of {self.total}" if self.shown else f"… of {self.total}"
        text.append(count)
        return text
