"""Search over a laid-out paper's lines: every occurrence of a query, as cells on a line."""

from __future__ import annotations

from bisect import bisect_right
from typing import NamedTuple

from rich.cells import cell_len


class Match(NamedTuple):
    line: int
    start: int  # cells
    end: int


class Haystack:
    """The lines joined once (and lowercased once, on the first case-insensitive query), so a
    keystroke of an incremental search is a few `str.find` over one string."""

    def __init__(self, texts: list[str]) -> None:
        self.texts = texts
        self.joined = "\n".join(texts)
        self.starts = [0]  # where each line starts in `joined`
        for text in texts:
            self.starts.append(self.starts[-1] + len(text) + 1)
        self._lower: str | None = None

    @property
    def lower(self) -> str | None:
        """`joined` lowercased; None when lowercasing changes its length (a few scripts do),
        so that offsets would not be the same."""
        if self._lower is None:
            self._lower = self.joined.lower()
        return self._lower if len(self._lower) == len(self.joined) else None


def find(hay: Haystack, query: str) -> list[Match]:
    """Every non-overlapping occurrence of `query` within a line, in order; case-insensitive
    unless the query has a capital."""
    if not query or "\n" in query:
        return []
    fold = query == query.lower()
    text = hay.lower if fold else hay.joined
    if text is None:
        return _by_line(hay.texts, query)
    matches: list[Match] = []
    size = len(query)
    position = text.find(query)
    while position >= 0:
        line = bisect_right(hay.starts, position) - 1
        matches.append(_match(hay.texts[line], line, position - hay.starts[line], size))
        position = text.find(query, position + size)
    return matches


def _match(text: str, line: int, column: int, size: int) -> Match:
    if text.isascii():
        return Match(line, column, column + size)
    start = cell_len(text[:column])
    return Match(line, start, start + cell_len(text[column : column + size]))


def _by_line(texts: list[str], query: str) -> list[Match]:
    matches = []
    for line, text in enumerate(texts):
        folded = text.lower()
        if len(folded) != len(text):
            folded = text  # cannot map offsets back: match the case as typed
        position = folded.find(query)
        while position >= 0:
            matches.append(_match(text, line, position, len(query)))
            position = folded.find(query, position + len(query))
    return matches
