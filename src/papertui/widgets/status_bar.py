"""The status line: where the data came from and how old it is, the sort, the count, loading."""

from __future__ import annotations

import time
from collections.abc import Callable

from rich.text import Text
from textual.widgets import Static

from papertui.text import age

SORT_LABELS = {
    "upvotes": "by upvotes",
    "date": "by date",
    "comments": "by comments",
    "stars": "by GitHub stars",
    "trending": "HF trending order",
    "added": "newest bookmark first",
}


class Status:
    """What the status bar says, changed a field at a time (a plain class: a dataclass costs a
    millisecond more to define on every start)."""

    __slots__ = (
        "fetched_at",
        "filtering",
        "loading",
        "offline",
        "shown",
        "sort",
        "source",
        "total",
    )

    def __init__(self) -> None:
        self.source = ""  # live, cached, sample
        self.fetched_at: float | None = None
        self.offline = False
        self.loading = False
        self.sort = "upvotes"
        self.shown = 0
        self.total = 0
        self.filtering = False


def describe(status: Status, now: float) -> Text:
    text = Text()
    if status.loading:
        text.append("⟳ fetching… ", "bold")
    if status.source == "sample":
        text.append("sample data", "bold reverse")
    elif status.source == "local":
        text.append("bookmarks file", "bold")
    elif status.source:
        text.append(status.source, "bold")
        if status.fetched_at is not None:
            text.append(f" · {age(now - status.fetched_at)}")
    if status.offline:
        text.append(" · offline", "bold")
    if text:
        text.append("  │  ")
    text.append(SORT_LABELS.get(status.sort, status.sort))
    text.append("  │  ")
    count = f"{status.shown} of {status.total}" if status.filtering else f"{status.total} papers"
    text.append(count)
    return text


class StatusBar(Static):
    DEFAULT_CSS = """
    StatusBar { height: 1; background: $panel; color: $text; padding: 0 1; }
    """

    def __init__(
        self,
        *,
        clock: Callable[[], float] = time.time,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(Text(""), id=id, classes=classes)
        self.status = Status()
        self._clock = clock

    def on_mount(self) -> None:
        self.set_interval(30, self.redraw)  # the age moves on

    def set(self, **changes: object) -> None:
        for key, value in changes.items():
            setattr(self.status, key, value)
        self.redraw()

    def redraw(self) -> None:
        self.update(describe(self.status, self._clock()))
