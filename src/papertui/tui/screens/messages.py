"""What the main screen's workers post: results and notices, handled on the UI thread."""

from __future__ import annotations

from textual.message import Message
from textual.notifications import SeverityLevel

from papertui.core.bookmark import Snapshot
from papertui.core.paper import Paper
from papertui.core.views import View
from papertui.service import ForYou, ViewResult


class CacheRead(Message):
    """What the store has for a view: its light rows, or its full records (or None)."""

    def __init__(self, view: View, result: ViewResult | None, light: bool) -> None:
        super().__init__()
        self.view, self.result, self.light = view, result, light


class Fetched(Message):
    """A fetch ended: with a result, or with why there is none."""

    def __init__(
        self, view: View, result: ViewResult | None, error: str = "", problem: str = ""
    ) -> None:
        super().__init__()
        self.view, self.result, self.error, self.problem = view, result, error, problem


class Ranked(Message):
    """Papers ranked for the bookmarks (`s` to "for you"), for the view they were asked for."""

    def __init__(self, view: View, ranked: ForYou, keep_id: str | None) -> None:
        super().__init__()
        self.view, self.ranked, self.keep_id = view, ranked, keep_id


class WholeRead(Message):
    """A paper's whole record, read for the detail of a light row (the archive's)."""

    def __init__(self, paper: Paper) -> None:
        super().__init__()
        self.paper = paper


class MarksChanged(Message):
    def __init__(self, marks: Snapshot, said: str | None, tell: bool = False) -> None:
        super().__init__()
        self.marks, self.said, self.tell = marks, said, tell


class Say(Message):
    """A notification from a worker thread."""

    def __init__(self, text: str, severity: SeverityLevel = "information", title: str = "") -> None:
        super().__init__()
        self.text, self.severity, self.title = text, severity, title
