"""The paper list's filter: each paper's haystack, made once, and the rows of the queries just
typed, so that typing narrows and backspace costs nothing. Plain Python: `PaperList` decides
where it runs (at once, or on a thread over many papers)."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence

from papertui.core.bookmark import Snapshot
from papertui.core.paper import Paper
from papertui.core.query import NO_FLAGS, Flags, Haystack, Query, haystack_text, with_extra

HISTORY = 64
HISTORY_ROWS = 200_000  # rows kept in all: at 30,000 papers a full list of rows is a megabyte
SLICE = 4_096  # papers matched between checks that the match is still wanted
HEAD_SLICE = 256  # papers matched between looks at the clock, for the first rows


class ListFilter:
    def __init__(self) -> None:
        self.papers: list[Paper] = []
        self.marks = Snapshot()  # bookmarks: their tags and notes are searched too
        self.flags = NO_FLAGS  # what `is:` asks (watched, bookmarked, read)
        # Haystack texts made before, by paper id: light rows (the archive) carry no abstract.
        self.texts: Mapping[str, bytes] = {}
        self._hay: list[Haystack | None] = []
        self._alls: list[bytes] | None = None  # each haystack's text, for plain words
        self._history: list[tuple[Query, list[int]]] = []  # queries typed, their rows

    def reset(
        self,
        papers: list[Paper] | None = None,
        marks: Snapshot | None = None,
        flags: Flags | None = None,
    ) -> None:
        """New papers, bookmarks or flags: the haystacks and the rows typed were made of the
        old."""
        self.papers = self.papers if papers is None else papers
        self.marks = self.marks if marks is None else marks
        self.flags = self.flags if flags is None else flags
        self._hay = [None] * len(self.papers)
        self._alls = None
        self._history.clear()

    def known(self, query: Query) -> list[int] | None:
        """The rows of `query` if known without matching: the empty query's, or a query typed
        a moment ago (a backspace), which becomes the last typed again."""
        if query.empty:
            self._history.clear()
            return list(range(len(self.papers)))
        for n, (typed, rows) in enumerate(self._history):
            if typed.text == query.text:
                self._history.append(self._history.pop(n))
                return rows
        return None

    def candidates(self, query: Query) -> Sequence[int]:
        """The rows `query` can match: those of the last query matched whole when typing
        narrows it, else every paper."""
        if self._history and query.narrows(self._history[-1][0]):
            return self._history[-1][1]
        return range(len(self.papers))

    def rows(self, query: Query) -> list[int]:
        """The rows matching `query`, here and now."""
        rows = self.known(query)
        if rows is None:
            rows = self.match(query, self.candidates(query)) or []
            self.remember(query, rows)
        return rows

    def head(
        self, query: Query, candidates: Sequence[int], want: int, deadline: float
    ) -> tuple[list[int], int]:
        """The first matches of `query`, until there are `want` of them or the clock reaches
        `deadline` (`time.perf_counter`): (rows, how many candidates were looked at). The
        rows are the first of the whole match's, as candidates come in order."""
        rows: list[int] = []
        done = 0
        while done < len(candidates) and len(rows) < want and time.perf_counter() < deadline:
            rows += self._match_part(query, candidates[done : done + HEAD_SLICE])
            done = min(done + HEAD_SLICE, len(candidates))
        return rows, done

    def match(
        self, query: Query, candidates: Sequence[int], stop: Callable[[], bool] = lambda: False
    ) -> list[int] | None:
        """The candidates matching `query`, a slice at a time; None once `stop` says so."""
        rows: list[int] = []
        for start in range(0, len(candidates), SLICE):
            if stop():
                return None
            rows += self._match_part(query, candidates[start : start + SLICE])
        return rows

    def _match_part(self, query: Query, part: Sequence[int]) -> list[int]:
        if query.plain_words is not None:
            alls = self._all_text()
            for word in query.plain_words:
                needle = word.encode()
                part = [i for i in part if needle in alls[i]]
            return list(part)
        matches, hay = query.matches, self._haystack
        return [i for i in part if matches(hay(i))]

    def remember(self, query: Query, rows: list[int]) -> None:
        """Keep the rows of a query typed, for backspace and narrowing; the oldest go first
        beyond HISTORY queries or HISTORY_ROWS rows in all."""
        self._history.append((query, rows))
        total = sum(len(kept) for _, kept in self._history)
        while len(self._history) > HISTORY or (total > HISTORY_ROWS and len(self._history) > 1):
            total -= len(self._history.pop(0)[1])

    def _haystack(self, index: int) -> Haystack:
        hay = self._hay[index]
        if hay is None:
            text, paper = self._all_text()[index], self.papers[index]
            hay = self._hay[index] = Haystack(text, paper, self.flags)
        return hay

    def _all_text(self) -> list[bytes]:
        if self._alls is None:
            self._alls = [self._text(paper) for paper in self.papers]
        return self._alls

    def _text(self, paper: Paper) -> bytes:
        """What the filter searches in `paper`: given (a light row's) or made from its fields,
        with its bookmark's tags and note."""
        text = self.texts.get(paper.id) or haystack_text(paper)
        mark = self.marks.get(paper.id)
        return with_extra(text, " ".join(mark.tags), mark.note) if mark else text
