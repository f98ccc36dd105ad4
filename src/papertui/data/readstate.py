"""Which papers the user has read, and which watched papers the reader has told of. The user's
own data: it lives in the data dir, not the cache."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Collection
from pathlib import Path

from papertui.data.db import NotKept, open_db, transaction, writing

SCHEMA = """
CREATE TABLE IF NOT EXISTS read (id TEXT PRIMARY KEY, read_at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS announced (id TEXT PRIMARY KEY, at REAL NOT NULL);
"""
TABLES = {"read": ("id", "read_at"), "announced": ("id", "at")}


class ReadState:
    def __init__(self, path: Path, clock: Callable[[], float] = time.time) -> None:
        self._clock, self._path = clock, path
        self._lock = threading.Lock()
        self._conn, warning = open_db(path, SCHEMA, TABLES)
        self.warnings: list[str] = [warning] if warning else []

    def read_ids(self) -> set[str]:
        with self._lock:
            return {row[0] for row in self._conn.execute("SELECT id FROM read")}

    def set_read(self, pid: str, read: bool = True) -> None:
        """Raises NotKept when it cannot be written (a full disk)."""
        with self._lock, writing(self._path):
            if read:
                self._conn.execute(
                    "INSERT OR IGNORE INTO read(id, read_at) VALUES (?, ?)", (pid, self._clock())
                )
            else:
                self._conn.execute("DELETE FROM read WHERE id=?", (pid,))

    def unannounced(self, ids: Collection[str]) -> list[str]:
        """Those of `ids` not announced yet (watched papers the start-up line has not told
        of), now recorded as announced (where that cannot be written, a full disk, they are
        told of again next time)."""
        with self._lock:
            known = {row[0] for row in self._conn.execute("SELECT id FROM announced")}
            new = [pid for pid in ids if pid not in known]
            now = self._clock()
            with contextlib.suppress(NotKept), writing(self._path), transaction(self._conn):
                self._conn.executemany(
                    "INSERT OR IGNORE INTO announced(id, at) VALUES (?, ?)",
                    [(p, now) for p in new],
                )
        return new

    def close(self) -> None:
        with self._lock:
            self._conn.close()
