"""The SQLite cache: papers by id, each fetched view as its ordered ids, papers' full texts,
linked repos and where the reader left each text.

The cache is disposable (everything in it can be fetched again), so a corrupt file is moved aside
and rebuilt. What comes back out of it is untrusted like anything else on disk: records are
re-validated through `core.records`.
"""

from __future__ import annotations

import json
import math
import sqlite3
import threading
import time
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import NamedTuple

from papertui.core import fts
from papertui.core.archive import months_of_span
from papertui.core.paper import MalformedEntry, Paper
from papertui.core.query import haystack_of, haystack_text
from papertui.core.records import from_record, from_rows, to_record, to_row
from papertui.core.repos import Repos, parse_repos, repos_record
from papertui.core.text import clean_document
from papertui.data import archive
from papertui.data.db import open_db
from papertui.data.validators import Validators

SCHEMA = """
CREATE TABLE IF NOT EXISTS papers (
    id TEXT PRIMARY KEY,
    record TEXT NOT NULL,
    updated_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS texts (
    id TEXT PRIMARY KEY,
    text TEXT NOT NULL,
    fetched_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS repos (
    id TEXT PRIMARY KEY,
    record TEXT NOT NULL,
    fetched_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS positions (
    id TEXT PRIMARY KEY,
    block INTEGER NOT NULL,
    updated_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS feeds (
    key TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    ids TEXT NOT NULL,
    fetched_at REAL NOT NULL,
    etag TEXT,
    last_modified TEXT,
    rows TEXT
);
"""


# What the store reads; `rows` came later and is added to an older cache when missing.
TABLES = {
    "papers": ("id", "record", "updated_at"),
    "feeds": ("key", "kind", "ids", "fetched_at", "etag", "last_modified"),
    "texts": ("id", "text", "fetched_at"),
    "repos": ("id", "record", "fetched_at"),
    "positions": ("id", "block", "updated_at"),
}


class CachedView(NamedTuple):  # see ARCHITECTURE.md, "the startup path"
    papers: list[Paper]
    fetched_at: float  # epoch seconds
    validators: Validators = Validators()


class Store:
    """Thread-safe: the reader's workers and the CLI share one connection behind a lock."""

    def __init__(
        self, path: Path, clock: Callable[[], float] = time.time, fts: bool = True
    ) -> None:
        self.path = path
        self._clock = clock
        self._lock = threading.Lock()
        self._conn, warning = open_db(path, SCHEMA + archive.SCHEMA, TABLES | archive.TABLES)
        # The full-text index, where this SQLite has FTS5 (tests switch it off with fts=False).
        self.fts = fts and archive.has_fts5(self._conn)
        self._indexed_all = False  # see _index_the_rest
        self._rowed_all = False  # see _row_the_rest
        self.warnings: list[str] = [warning] if warning else []
        # Columns added since: a cache from before list rows were kept has none.
        for table, column in (("feeds", "rows"), ("archive", "row")):
            columns = {r[1] for r in self._conn.execute(f"PRAGMA table_info({table})")}
            if column not in columns:
                self._conn.execute(f"ALTER TABLE {table} ADD COLUMN {column} TEXT")

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def save_view(
        self,
        key: str,
        kind: str,
        papers: Sequence[Paper],
        validators: Validators | None = None,
        fetched_at: float | None = None,
    ) -> None:
        """Upsert the papers and the view's ordered ids in one transaction."""
        now = self._clock() if fetched_at is None else fetched_at
        ids = json.dumps([p.id for p in papers])
        rows = json.dumps([to_row(p) for p in papers], ensure_ascii=False)
        v = validators or Validators()
        with self._lock, self._transaction():
            self._upsert(papers, now)
            self._conn.execute(
                "INSERT OR REPLACE INTO feeds"
                "(key, kind, ids, fetched_at, etag, last_modified, rows) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (key, kind, ids, now, v.etag, v.last_modified, rows),
            )

    def _upsert(self, papers: Sequence[Paper], now: float) -> None:
        """Papers' full records by id, and the archive's index in step (inside a transaction)."""
        records = [(p.id, json.dumps(to_record(p, full=True)), now) for p in papers]
        self._conn.executemany(
            "INSERT INTO papers(id, record, updated_at) VALUES (?, ?, ?) "
            "ON CONFLICT(id) DO UPDATE SET record=excluded.record, updated_at=excluded.updated_at",
            records,
        )
        archive.index(self._conn, papers, self.fts)

    def touch_view(self, key: str, fetched_at: float | None = None) -> None:
        """Mark a view fresh without changing it (the server said 304)."""
        now = self._clock() if fetched_at is None else fetched_at
        with self._lock:
            self._conn.execute("UPDATE feeds SET fetched_at=? WHERE key=?", (now, key))

    def load_view(self, key: str) -> CachedView | None:
        with self._lock:
            row = self._conn.execute(
                "SELECT ids, fetched_at, etag, last_modified FROM feeds WHERE key=?", (key,)
            ).fetchone()
        if row is None:
            return None
        try:
            ids = [i for i in json.loads(row[0]) if isinstance(i, str)]
        except (ValueError, TypeError, RecursionError):
            return None
        fetched_at = _epoch(row[1])
        if fetched_at is None:
            return None  # a row this version cannot read: as if never fetched
        papers = self.papers(ids)
        return CachedView([papers[i] for i in ids if i in papers], fetched_at, _validators(row))

    def load_rows(self, key: str) -> CachedView | None:
        """The view as light papers (what a list row shows), for a first paint that is cheap."""
        with self._lock:
            row = self._conn.execute(
                "SELECT rows, fetched_at, etag, last_modified FROM feeds WHERE key=?", (key,)
            ).fetchone()
        if row is None or row[0] is None:
            return None
        try:
            items = json.loads(row[0])
        except (ValueError, TypeError, RecursionError):
            return None
        fetched_at = _epoch(row[1])
        if fetched_at is None:
            return None
        return CachedView(from_rows(items), fetched_at, _validators(row))

    def papers(self, ids: Sequence[str]) -> dict[str, Paper]:
        """The stored papers among `ids`, by id; rows that fail validation are left out."""
        found: dict[str, Paper] = {}
        with self._lock:
            for start in range(0, len(ids), 500):
                chunk = list(ids[start : start + 500])
                marks = ",".join("?" * len(chunk))
                query = f"SELECT id, record FROM papers WHERE id IN ({marks})"
                for pid, record in self._conn.execute(query, chunk):
                    paper = _decode(record)
                    if paper is not None and paper.id == pid:
                        found[pid] = paper
        return found

    def save_text(self, pid: str, text: str, fetched_at: float | None = None) -> None:
        """Keep a paper's full text (already cleaned), so that it opens offline."""
        self._keep("texts", pid, text, fetched_at)

    def load_text(self, pid: str) -> tuple[str, float] | None:
        """A paper's kept text and when it was fetched; cleaned again on the way out."""
        kept = self._kept("texts", pid)
        return (clean_document(kept[0]), kept[1]) if kept is not None else None

    # --- the archive (data/archive.py) -------------------------------------------------------

    def save_month(
        self, month: str, papers: Sequence[Paper], complete: bool, fetched_at: float | None = None
    ) -> None:
        """Upsert a synced month's papers, indexed and ranked in the hub's order, and record
        whether every page of it arrived: one transaction, so a month is kept whole or not."""
        now = self._clock() if fetched_at is None else fetched_at
        with self._lock, self._transaction():
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
                return CachedView(from_rows([_json(row) for row in rows]), fetched_at)
            records = archive.records_between(self._conn, *span)
        papers = [p for pid, rec in records if (p := _decode(rec)) is not None and p.id == pid]
        return CachedView(papers, fetched_at)

    def archive_rows(self, limit: int | None = None) -> list[Paper]:
        """Every archived paper as a light row (what a list row shows), newest day first and
        in the hub's order within a month; only the newest `limit` if given."""
        self._row_the_rest()
        with self._lock:
            rows = archive.light_rows(self._conn, limit)
        try:  # one decode of them all is three times faster than one each
            items = json.loads("[" + ",".join(rows) + "]")
        except (ValueError, TypeError, RecursionError):
            items = [item for row in rows if (item := _json(row)) is not None]
        return from_rows(items)

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
        papers = [p for pid, record in rows if (p := _decode(record)) is not None and p.id == pid]
        return papers if self.fts else fts.rank(papers, found)[:limit]

    def _index_the_rest(self) -> None:
        """Once per store: index the papers a papertui from before the index kept."""
        if not self.fts or self._indexed_all:
            return
        with self._lock, self._transaction():
            rows = archive.unindexed(self._conn)
            papers = [p for pid, rec in rows if (p := _decode(rec)) is not None and p.id == pid]
            archive.index(self._conn, papers, fts=True)
        self._indexed_all = True

    def _row_the_rest(self) -> None:
        """Once per store: the light rows of papers archived by a papertui from before them."""
        if self._rowed_all:
            return
        with self._lock, self._transaction():
            rows = archive.rowless(self._conn)
            papers = [p for pid, rec in rows if (p := _decode(rec)) is not None and p.id == pid]
            archive.set_rows(self._conn, papers)
        self._rowed_all = True

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

    def save_repos(self, pid: str, repos: Repos, fetched_at: float | None = None) -> None:
        """Keep a paper's linked repos (they change slowly: the caller decides how long)."""
        self._keep("repos", pid, json.dumps(repos_record(repos), separators=(",", ":")), fetched_at)

    def load_repos(self, pid: str) -> tuple[Repos, float] | None:
        """A paper's kept linked repos and when they were fetched, checked again."""
        kept = self._kept("repos", pid)
        if kept is None:
            return None
        try:
            return parse_repos(json.loads(kept[0])), kept[1]
        except (ValueError, RecursionError):
            return None

    # A paper's text and its repos: one value by id, with when it was fetched.
    _KEPT = {"texts": "text", "repos": "record"}

    def _keep(self, table: str, pid: str, value: str, fetched_at: float | None) -> None:
        now = self._clock() if fetched_at is None else fetched_at
        column = self._KEPT[table]
        with self._lock:
            self._conn.execute(
                f"INSERT OR REPLACE INTO {table}(id, {column}, fetched_at) VALUES (?, ?, ?)",
                (pid, value, now),
            )

    def _kept(self, table: str, pid: str) -> tuple[str, float] | None:
        """The value and its fetch time; None when missing or not what was written."""
        with self._lock:
            row = self._conn.execute(
                f"SELECT {self._KEPT[table]}, fetched_at FROM {table} WHERE id=?", (pid,)
            ).fetchone()
        fetched_at = _epoch(row[1]) if row is not None else None
        if row is None or not isinstance(row[0], str) or fetched_at is None:
            return None
        return row[0], fetched_at

    def save_position(self, pid: str, block: int) -> None:
        """Where the reader left a paper's text (a block index: it survives any width)."""
        with self._lock:
            self._conn.execute(
                "INSERT OR REPLACE INTO positions(id, block, updated_at) VALUES (?, ?, ?)",
                (pid, max(0, int(block)), self._clock()),
            )

    def load_position(self, pid: str) -> int:
        with self._lock:
            row = self._conn.execute("SELECT block FROM positions WHERE id=?", (pid,)).fetchone()
        value = row[0] if row is not None else 0
        return value if isinstance(value, int) and 0 <= value < 10_000_000 else 0

    def _transaction(self) -> _Transaction:
        return _Transaction(self._conn)


class _Transaction:
    """BEGIN IMMEDIATE … COMMIT, rolled back on error, so no half-written view is ever seen."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def __enter__(self) -> None:
        self._conn.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type: object, *rest: object) -> None:
        self._conn.execute("ROLLBACK" if exc_type else "COMMIT")


def _decode(record: str) -> Paper | None:
    try:
        return from_record(json.loads(record))
    except (ValueError, MalformedEntry, RecursionError):
        return None


def _json(text: object) -> object:
    try:
        return json.loads(text) if isinstance(text, str) else None
    except (ValueError, RecursionError):
        return None


def _haystack(pid: object, text: list[object], indexed: bool) -> bytes | None:
    """The filter's text of a paper from the index's columns (title, abstract, authors,
    keywords, organisation), or from its record where there is no index."""
    if not isinstance(pid, str):
        return None
    if not indexed:
        paper = _decode(text[0]) if isinstance(text[0], str) else None
        return haystack_text(paper) if paper is not None and paper.id == pid else None
    if not all(isinstance(t, str) for t in text):
        return None
    title, abstract, authors, keywords, org = text
    return haystack_of(title, authors, abstract, org, keywords, pid)  # type: ignore[arg-type]


def _epoch(value: object) -> float | None:
    """A stored fetch time, or None when the row holds something else."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value) if math.isfinite(value) else None


def _validators(row: Sequence[object]) -> Validators:
    etag, modified = row[2], row[3]
    return Validators(
        etag if isinstance(etag, str) else None, modified if isinstance(modified, str) else None
    )
