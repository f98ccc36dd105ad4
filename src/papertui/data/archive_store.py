"""The archive's reads and writes on the cache database (`Store`'s base): a synced month kept
whole, archived periods, the archive as light rows and the filter's text, offline search, and
filling in what a papertui from before left out. The SQL is `archive.py`'s."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from papertui.core import fts
from papertui.core.archive import months_of_span
from papertui.core.paper import Paper
from papertui.core.query import haystack_of, haystack_text
from papertui.core.records import decode_record, decode_records, decode_rows
from papertui.data import archive
from papertui.data.db import transaction, writing
from papertui.data.validators import CachedView


class ArchiveStore:
    """A part of `Store` (its base): what it needs of the store is declared here."""

    path: Path
    _conn: sqlite3.Connection
    _lock: threading.Lock
    _clock: Callable[[], float]
    fts: bool  # the full-text index is kept (this SQLite has FTS5)
    _indexed_all = False  # see _index_the_rest
    _rowed_all = False  # see _row_the_rest

    if TYPE_CHECKING:  # given by the store

        def _upsert(self, papers: Sequence[Paper], now: float) -> None: ...

    def save_month(
        self, month: str, papers: Sequence[Paper], complete: bool, fetched_at: float | None = None
    ) -> None:
        """Upsert a synced month's papers, indexed and ranked in the hub's order, and record
        whether every page of it arrived: one transaction, so a month is kept whole or not."""
        now = self._clock() if fetched_at is None else fetched_at
        with self._lock, writing(self.path), transaction(self._conn):
            self._upsert(papers, now)
            archive.rank_month(self._conn, papers)
            archive.mark_month(self._conn, month, len(papers), complete, now)

    def load_archived(self, first: date, last: date, light: bool = False) -> CachedView | None:
        """The papers of days `first` to `last` from the archive, when a sync completed every
        month they touch (else None: the archive does not know them all); `light`: their list
        rows only, for a first paint."""
        if light:
            self._row_the_rest()
        span = first.isoformat(), last.isoformat()
        with self._lock:
            fetched_at = archive.synced(self._conn, months_of_span(first, last))
            if fetched_at is None:
                return None
            if light:
                rows = archive.rows_between(self._conn, *span)
                return CachedView(decode_rows(rows), fetched_at)
            records = archive.records_between(self._conn, *span)
        return CachedView(decode_records(records), fetched_at)

    def kept_between(self, first: date, last: date, light: bool = False) -> list[Paper]:
        """Every paper kept here whose Daily Papers day is `first` to `last`, synced or seen in
        a view (For you's papers: whatever is known, complete months or not); `light`: as
        list rows only (those that have one: the full records follow anyway)."""
        span = first.isoformat(), last.isoformat()
        if light:  # for a first paint: not the back-fill of older caches (14 ms at 30,000)
            with self._lock:
                return decode_rows(archive.rows_between(self._conn, *span))
        with self._lock:
            records = archive.records_between(self._conn, *span)
        return decode_records(records)

    def words_of(self, ids: Sequence[str]) -> dict[str, str]:
        """For you's words of the papers `ids`, as kept when they were stored (by id; a
        paper stored by a papertui from before has none: its words are made from it)."""
        with self._lock:
            return archive.words_of(self._conn, list(ids))

    def archive_rows(self, limit: int | None = None) -> list[Paper]:
        """Every archived paper as a light row (what a list row shows), newest day first and
        in the hub's order within a month; only the newest `limit` if given."""
        self._row_the_rest()
        with self._lock:
            return decode_rows(archive.light_rows(self._conn, limit))

    def archive_texts(self, batch: int = 2000) -> dict[str, bytes]:
        """What the filter searches in each archived paper (`query.haystack_text`), by id:
        from the FTS5 index's copy of the text where there is one (no record decoded), read
        in batches so that the store's lock is never held for long."""
        self._index_the_rest()
        found: dict[str, bytes] = {}
        after: int | None = 0
        while after is not None:
            with self._lock:
                after, rows = archive.texts_after(self._conn, after, batch, self.fts)
            for pid, *text in rows:
                made = _haystack(pid, text, self.fts)
                if made is not None:
                    found[pid] = made
        return found

    def search(self, text: str, limit: int = 120) -> list[Paper]:
        """The papers kept here that match `text` (the filter language's words, phrases and
        -words), best first by BM25: through the FTS5 index, else a scan ranked the same."""
        found = fts.terms(text)
        match = fts.match_expression(found)
        if match is None:
            return []
        self._index_the_rest()
        with self._lock:
            rows = archive.search(self._conn, match, limit) if self.fts else None
            if rows is None:
                rows = archive.every_record(self._conn)
        papers = decode_records(rows)
        return papers if self.fts else fts.rank(papers, found)[:limit]

    def count_matching(self, text: str) -> int:
        """How many papers kept here `search` would find for `text`, with no limit."""
        found = fts.terms(text)
        match = fts.match_expression(found)
        if match is None:
            return 0
        self._index_the_rest()
        with self._lock:
            if self.fts:
                return archive.count_matching(self._conn, match)
            rows = archive.every_record(self._conn)
        return len(fts.rank(decode_records(rows), found))

    def _index_the_rest(self) -> None:
        """Once per store: index the papers a papertui from before the index kept."""
        if self.fts and not self._indexed_all:
            self._fill_in(archive.unindexed, lambda conn, papers: archive.index(conn, papers, True))
            self._indexed_all = True

    def _row_the_rest(self) -> None:
        """Once per store: the light rows of papers archived by a papertui from before them."""
        if not self._rowed_all:
            self._fill_in(archive.rowless, archive.set_rows)
            self._rowed_all = True

    def _fill_in(
        self,
        missing: Callable[[sqlite3.Connection], list[tuple[str, str]]],
        fill: Callable[[sqlite3.Connection, list[Paper]], None],
    ) -> None:
        """What a papertui from before left out, made from the records, in one transaction."""
        with self._lock, writing(self.path), transaction(self._conn):
            fill(self._conn, decode_records(missing(self._conn)))

    def last_synced(self) -> float | None:
        """When a sync last fetched a month; None if none ever did."""
        with self._lock:
            return archive.last_synced(self._conn)

    def complete_months(self) -> set[str]:
        with self._lock:
            return archive.complete_months(self._conn)

    def archive_count(self) -> int:
        with self._lock:
            return archive.count(self._conn)


def _haystack(pid: object, text: list[object], indexed: bool) -> bytes | None:
    """The filter's text of a paper from the index's columns (title, abstract, authors,
    keywords, organisation), or from its record where there is no index."""
    if not isinstance(pid, str):
        return None
    if not indexed:
        paper = decode_record(text[0])
        return haystack_text(paper) if paper is not None and paper.id == pid else None
    columns = [t for t in text if isinstance(t, str)]
    return haystack_of(columns, pid) if len(columns) == len(text) == 5 else None
