"""What the service answers with: a view's papers, a paper's text, an export, and why there is
nothing to show."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal, NamedTuple

from papertui.core.paper import Paper
from papertui.core.views import View

if TYPE_CHECKING:
    from papertui.data.http import FetchError

# local: the bookmarks file; archive: the papers kept here by `papertui sync` and the views seen
Source = Literal["live", "cached", "sample", "local", "archive"]
SAMPLE_DATE = "2026-05-08"


@dataclass
class ViewResult:
    view: View
    papers: list[Paper]
    source: Source
    fetched_at: float | None  # epoch seconds; None for the sample
    warnings: list[str] = field(default_factory=list)
    error: FetchError | None = None  # the fetch that failed, when we fell back
    # Papers given as light rows for good (the archive: too many to hold whole), with what the
    # filter searches in each, by id (`query.haystack_text`); the rest comes from `whole_paper`.
    texts: Mapping[str, bytes] | None = None
    total: int | None = None  # how many the view holds, when `papers` are the first few only
    why: Mapping[str, str] | None = None  # For you: why each paper ranks where it does, by id
    # What each paper matches of the watch list, by id (the papers that match anything).
    watched: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # A search the hub answered with no paper: how many papers kept here match it.
    kept_matches: int = 0

    @property
    def light(self) -> bool:
        return self.texts is not None

    @property
    def offline(self) -> bool:
        return self.error is not None

    @property
    def problem(self) -> str:
        """What went wrong with the fetch, in a few words ('' when nothing did)."""
        return problem(self.error) if self.error is not None else ""


class Exported(NamedTuple):
    written: int  # how many bookmarks
    path: Path | None  # the file written, None for a stream
    warnings: list[str]  # the bookmarks file's


class PaperText(NamedTuple):
    pid: str
    text: str  # the hub's Markdown, cleaned: nothing in it can steer a terminal
    source: Source
    fetched_at: float
    warnings: list[str]


class NothingToShow(Exception):
    """No papers for this view from the network, the store or the sample; says why."""

    def __init__(self, message: str, detail: str = "", problem: str = "") -> None:
        super().__init__(message)
        self.detail = detail  # the failed fetch's low-level detail, for --verbose
        self.problem = problem  # what went wrong, in a few words, for a status line


_PROBLEMS = {
    "offline": "offline",
    "timeout": "server did not answer",
    "rate_limited": "rate-limited",
    "bad_response": "unusable answer",
    "too_large": "answer too large",
}


def problem(error: FetchError) -> str:
    """A failed fetch in a few words: 'offline' only when the network is the cause."""
    if error.kind == "http":
        return "server error" if (error.status or 0) >= 500 else "request refused"
    return _PROBLEMS.get(error.kind, "fetch failed")
