"""The SQLite cache: papers by id, each fetched view as its ordered ids and list rows, papers'
full texts, linked repos and where the reader left each text, For you's side of the
bookmarks; the archive's tables, read and written by its base (`archive_store.py`).

The cache is disposable (everything in it can be fetched again), so a corrupt file is moved aside
and rebuilt, and a write that fails (a full disk) raises `db.NotKept` for the caller to say.
What comes back out of it is untrusted like anything else on disk: records are re-validated
through `core.records`.
"""

from __future__ import annotations

import json
import math
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from papertui.core.paper import Paper
from papertui.core.records import decode_record, from_rows, to_record, to_row
from papertui.core.repos import Repos, parse_repos, repos_record
from papertui.core.text import clean_document
from papertui.data import archive
from papertui.data.archive_store import ArchiveStore
from papertui.data.db import open_db, select_in, transaction, writing
from papertui.data.validators import CachedView, Validators

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
CREATE TABLE IF NOT EXISTS profiles (
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
    "profiles": ("id", "record", "fetched_at"),
}


class Store(ArchiveStore):
    """Thread-safe: the reader's workers and the CLI share one connection behind a lock. The
    archive's reads and writes are its base's (`archive_store.py`)."""

    def __init__(
        self, path: Path, clock: Callable[[], float] = time.time, fts: bool = True
    ) -> None:
        self.path = path
        self._clock = clock
        self._lock = threading.Lock()
        self._conn, warning = open_db(path, SCHEMA + archive.SCHEMA, TABLES | archive.TABLES)
        # The full-text index, where this SQLite has FTS5 (tests switch it off with fts=False).
        self.fts = fts and archive.has_fts5(self._conn)
        self.warnings: list[str] = [warning] if warning else []
        # Columns added since: a cache from before list rows were kept has none.
        for table, column in (("feeds", "rows"), ("archive", "row"), ("archive", "words")):
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
        with self._lock, writing(self.path), transaction(self._conn):
            self._upsert(papers, now)
            self._feed(key, kind, papers, now, validators or Validators())

    def save_rows(self, key: str, kind: str, papers: Sequence[Paper]) -> None:
        """A view of papers stored already, as its ordered ids and list rows alone (For you's
        last ranking: the next start paints it at once)."""
        with self._lock, writing(self.path):
            self._feed(key, kind, papers, self._clock(), Validators())

    def _feed(
        self, key: str, kind: str, papers: Sequence[Paper], now: float, v: Validators
    ) -> None:
        """A view's ordered ids and list rows (under the lock)."""
        ids = json.dumps([p.id for p in papers])
        rows = json.dumps([to_row(p) for p in papers], ensure_ascii=False)
        self._conn.execute(
            "INSERT OR REPLACE INTO feeds(key, kind, ids, fetched_at, etag, last_modified, rows) "
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
        with self._lock, writing(self.path):
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
        query = "SELECT id, record FROM papers WHERE id IN ({marks})"
        with self._lock:
            for pid, record in select_in(self._conn, query, ids):
                paper = decode_record(record)
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

    def save_profile(self, record: str) -> None:
        """Keep For you's side of the bookmarks (`foryou.base_record`, as JSON)."""
        self._keep("profiles", "bookmarks", record, None)

    def load_profile(self) -> str | None:
        kept = self._kept("profiles", "bookmarks")
        return kept[0] if kept is not None else None

    # A paper's text and its repos, For you's profile: one value by id, with when it was made.
    _KEPT = {"texts": "text", "repos": "record", "profiles": "record"}

    def _keep(self, table: str, pid: str, value: str, fetched_at: float | None) -> None:
        now = self._clock() if fetched_at is None else fetched_at
        column = self._KEPT[table]
        with self._lock, writing(self.path):
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
        with self._lock, writing(self.path):
            self._conn.execute(
                "INSERT OR REPLACE INTO positions(id, block, updated_at) VALUES (?, ?, ?)",
                (pid, max(0, int(block)), self._clock()),
            )

    def load_position(self, pid: str) -> int:
        with self._lock:
            row = self._conn.execute("SELECT block FROM positions WHERE id=?", (pid,)).fetchone()
        value = row[0] if row is not None else 0
        return value if isinstance(value, int) and 0 <= value < 10_000_000 else 0


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
