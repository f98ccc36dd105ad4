"""Opening a SQLite file that may be missing, locked by a sibling, or corrupt; a transaction."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from papertui.data.fileio import move_aside


class UnusableSchema(sqlite3.DatabaseError):
    """The file is a database, but not one of ours (other tables, columns, a view)."""


class NotKept(Exception):
    """A write to a database failed (a full disk, a file made read-only, a lock held too
    long): what was to be kept is not, and the file is as it was. Its message is one sentence
    for the user."""


@contextmanager
def writing(path: Path) -> Iterator[None]:
    """A write to the database at `path`: any SQLite failure becomes `NotKept`."""
    try:
        yield
    except sqlite3.Error as exc:
        raise NotKept(f"cannot write {path}: {exc}") from None


def open_db(
    path: Path, schema: str, tables: Mapping[str, Collection[str]]
) -> tuple[sqlite3.Connection, str | None]:
    """Open (creating 0600) and migrate `path`. A corrupt file, or one whose `tables` lack
    the columns given, is moved aside and rebuilt: a database that cannot be used is treated
    as a corrupt one.

    Returns the connection and a warning for the user when something had to be moved aside.
    """
    try:
        return _connect(path, schema, tables), None
    except sqlite3.OperationalError:
        raise  # locked or unopenable: not corruption, never move the user's file for it
    except sqlite3.DatabaseError as exc:
        if not path.exists():
            raise
        aside = move_aside(path)
        for suffix in ("-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        warning = f"{path.name} was unreadable ({exc}); moved it to {aside} and started afresh"
        return _connect(path, schema, tables), warning


def _connect(path: Path, schema: str, tables: Mapping[str, Collection[str]]) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    conn = sqlite3.connect(path, timeout=5.0, check_same_thread=False, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.executescript(schema)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        _check_tables(conn, tables)
    except sqlite3.DatabaseError:
        conn.close()
        raise
    return conn


def _check_tables(conn: sqlite3.Connection, tables: Mapping[str, Collection[str]]) -> None:
    for name, columns in tables.items():
        kind = conn.execute("SELECT type FROM sqlite_master WHERE name=?", (name,)).fetchone()
        if kind is None or kind[0] != "table":
            raise UnusableSchema(f"{name} is a {kind[0] if kind else 'missing'}, not a table")
        found = {row[1] for row in conn.execute(f"PRAGMA table_info({name})")}
        missing = set(columns) - found
        if missing:
            raise UnusableSchema(f"table {name} is of another schema (no {min(missing)})")


IN_CHUNK = 500  # ids a query names at once: SQLite's limit on variables is 999 in old builds


def select_in(conn: sqlite3.Connection, query: str, ids: Sequence[str]) -> Iterator[Any]:
    """The rows of `query` for every id of `ids`, asked in chunks: `query` names them as
    `IN ({marks})`."""
    for start in range(0, len(ids), IN_CHUNK):
        chunk = list(ids[start : start + IN_CHUNK])
        yield from conn.execute(query.format(marks=",".join("?" * len(chunk))), chunk)


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[None]:
    """BEGIN IMMEDIATE … COMMIT, rolled back on error, so no half-written change is ever seen."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        if conn.in_transaction:  # SQLite has rolled back itself on some errors (a full disk)
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
