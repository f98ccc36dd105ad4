"""Opening a SQLite file that may be missing, locked by a sibling, or corrupt."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from papertui.data.fileio import move_aside


def open_db(path: Path, schema: str) -> tuple[sqlite3.Connection, str | None]:
    """Open (creating 0600) and migrate `path`. A corrupt file is moved aside and rebuilt.

    Returns the connection and a warning for the user when something had to be moved aside.
    """
    try:
        return _connect(path, schema), None
    except sqlite3.OperationalError:
        raise  # locked or unopenable: not corruption, never move the user's file for it
    except sqlite3.DatabaseError as exc:
        if not path.exists():
            raise
        aside = move_aside(path)
        for suffix in ("-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        warning = f"{path.name} was unreadable ({exc}); moved it to {aside} and started afresh"
        return _connect(path, schema), warning


def _connect(path: Path, schema: str) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    conn = sqlite3.connect(path, timeout=5.0, check_same_thread=False, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.executescript(schema)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError:
        conn.close()
        raise
    return conn
