"""The archive inside the cache database: each paper's Daily Papers day and place in the hub's
order, which months a sync completed, and a full-text index (SQLite FTS5) kept in step with
every upsert of a paper.

Python can be built against an SQLite without FTS5: `has_fts5` finds out once, and without it
the index is simply not kept (search then scans; see `service`). The functions here take the
store's connection and are called under its lock.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import Any

from papertui.core import foryou
from papertui.core.fts import WEIGHTS
from papertui.core.paper import Paper
from papertui.core.query import text_columns
from papertui.core.records import to_row
from papertui.data.db import select_in

SCHEMA = """
CREATE TABLE IF NOT EXISTS archive (
    id TEXT PRIMARY KEY,
    day TEXT NOT NULL,
    rank INTEGER NOT NULL,
    row TEXT,
    words TEXT
);
CREATE INDEX IF NOT EXISTS archive_day ON archive(day, rank);
CREATE TABLE IF NOT EXISTS months (
    month TEXT PRIMARY KEY,
    complete INTEGER NOT NULL,
    papers INTEGER NOT NULL,
    fetched_at REAL NOT NULL
);
"""
FTS_SCHEMA = """
CREATE VIRTUAL TABLE IF NOT EXISTS papers_fts USING fts5(
    title, abstract, authors, keywords, org, tokenize = 'unicode61 remove_diacritics 2'
);
"""
TABLES = {"archive": ("id", "day", "rank"), "months": ("month", "complete", "papers", "fetched_at")}


# A span's papers by month, newest first, then in the hub's order within the month.
_HUB_ORDER = "ORDER BY substr(day, 1, 7) DESC, rank"


def has_fts5(conn: sqlite3.Connection) -> bool:
    """Whether this SQLite has FTS5 (and the index exists or could be made)."""
    try:
        conn.executescript(FTS_SCHEMA)
    except sqlite3.OperationalError:
        return False
    return True


def index(conn: sqlite3.Connection, papers: Sequence[Paper], fts: bool) -> None:
    """Keep the archive's day and the full-text index in step with papers just upserted (same
    transaction). A paper's place in a day is kept from the sync that ranked it."""
    conn.executemany(
        "INSERT INTO archive(id, day, rank, row, words) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT(id) DO UPDATE SET day=excluded.day, row=excluded.row, words=excluded.words",
        [
            (p.id, p.submitted.isoformat(), n, _row(p), foryou.words_text(foryou.bag(p)))
            for n, p in enumerate(papers)
            if p.submitted
        ],
    )
    if not fts:
        return
    rowids = _rowids(conn, [p.id for p in papers])
    rows = [(rowids[p.id], *text_columns(p)) for p in papers if p.id in rowids]
    conn.executemany("DELETE FROM papers_fts WHERE rowid=?", [(r[0],) for r in rows])
    conn.executemany(
        "INSERT INTO papers_fts(rowid, title, abstract, authors, keywords, org) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        rows,
    )


def words_of(conn: sqlite3.Connection, ids: Sequence[str]) -> dict[str, str]:
    """For you's words of the papers `ids` that have them (`foryou.words_text`), by id."""
    query = "SELECT id, words FROM archive WHERE words IS NOT NULL AND id IN ({marks})"
    return dict(select_in(conn, query, ids))


def rank_month(conn: sqlite3.Connection, papers: Sequence[Paper]) -> None:
    """The hub's order of a month just synced: each paper's rank within it."""
    conn.executemany(
        "UPDATE archive SET rank=? WHERE id=?", [(n, p.id) for n, p in enumerate(papers)]
    )


def mark_month(
    conn: sqlite3.Connection, month: str, papers: int, complete: bool, fetched_at: float
) -> None:
    conn.execute(
        "INSERT OR REPLACE INTO months(month, complete, papers, fetched_at) VALUES (?, ?, ?, ?)",
        (month, int(complete), papers, fetched_at),
    )


def synced(conn: sqlite3.Connection, months: list[str]) -> float | None:
    """When the oldest of `months` was synced, if every one of them is complete; else None."""
    marks = ",".join("?" * len(months))
    rows = conn.execute(
        f"SELECT fetched_at FROM months WHERE complete=1 AND month IN ({marks})", months
    ).fetchall()
    if len(rows) != len(months) or not all(isinstance(r[0], (int, float)) for r in rows):
        return None
    return float(min(r[0] for r in rows))


def records_between(conn: sqlite3.Connection, first: str, last: str) -> list[tuple[str, str]]:
    """(id, record) of the archived papers whose day is in [first, last], in the hub's order
    within a month (a span across months: by month, newest first, then that order)."""
    return conn.execute(
        "SELECT p.id, p.record FROM archive a JOIN papers p ON p.id = a.id "
        f"WHERE a.day BETWEEN ? AND ? {_HUB_ORDER}",
        (first, last),
    ).fetchall()


def rows_between(conn: sqlite3.Connection, first: str, last: str) -> list[str]:
    """The light rows (`light_rows`) of the archived papers whose day is in [first, last], in
    the order of `records_between`."""
    return [
        row
        for (row,) in conn.execute(
            f"SELECT row FROM archive WHERE day BETWEEN ? AND ? AND row IS NOT NULL {_HUB_ORDER}",
            (first, last),
        )
    ]


def search(conn: sqlite3.Connection, match: str, limit: int) -> list[tuple[str, str]]:
    """(id, record) of the best `limit` papers for an FTS5 MATCH expression (built by
    `core.fts`, never from raw input), by bm25() with the title weighted most."""
    weights = ", ".join(str(w) for w in WEIGHTS)
    # The best rowids first, then their records: joined before the LIMIT, SQLite would read
    # the record of every match (thousands of 6 KB rows for a common word).
    return conn.execute(
        "SELECT p.id, p.record FROM (SELECT rowid, "
        f"bm25(papers_fts, {weights}) AS score FROM papers_fts WHERE papers_fts MATCH ? "
        "ORDER BY score, rowid LIMIT ?) AS top JOIN papers p ON p.rowid = top.rowid "
        "ORDER BY top.score, top.rowid",
        (match, limit),
    ).fetchall()


def count_matching(conn: sqlite3.Connection, match: str) -> int:
    """How many papers an FTS5 MATCH expression finds (built by `core.fts`)."""
    row = conn.execute("SELECT count(*) FROM papers_fts WHERE papers_fts MATCH ?", (match,))
    return int(row.fetchone()[0])


def unindexed(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """(id, record) of the papers the FTS5 index lacks: kept by a papertui from before it."""
    return conn.execute(
        "SELECT id, record FROM papers WHERE rowid NOT IN (SELECT rowid FROM papers_fts)"
    ).fetchall()


def every_record(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """(id, record) of every paper kept, in the order FTS5 breaks ties (its rowid)."""
    return conn.execute("SELECT id, record FROM papers ORDER BY rowid").fetchall()


def light_rows(conn: sqlite3.Connection, limit: int | None = None) -> list[str]:
    """Every archived paper's light row (JSON, `records.to_row`), newest day first and in the
    hub's order within a month; the newest `limit` only, if given."""
    query = "SELECT row FROM archive WHERE row IS NOT NULL ORDER BY day DESC, rank"
    if limit is None:
        return [r for (r,) in conn.execute(query)]
    return [r for (r,) in conn.execute(query + " LIMIT ?", (limit,))]


def rowless(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """(id, record) of archived papers without a light row: kept by a papertui from before."""
    return conn.execute(
        "SELECT p.id, p.record FROM archive a JOIN papers p ON p.id = a.id WHERE a.row IS NULL"
    ).fetchall()


def set_rows(conn: sqlite3.Connection, papers: Sequence[Paper]) -> None:
    conn.executemany("UPDATE archive SET row=? WHERE id=?", [(_row(p), p.id) for p in papers])


def texts_after(
    conn: sqlite3.Connection, after: int, limit: int, fts: bool
) -> tuple[int | None, list[tuple[Any, ...]]]:
    """The next `limit` papers by rowid after `after`, and the last rowid read (None at the
    end): (id, title, abstract, authors, keywords, org) of those archived, from the FTS5
    index's own copy of the text (no record decoded); (id, record) without the index."""
    if not fts:
        rows = conn.execute(
            "SELECT p.rowid, p.id, p.record FROM papers p JOIN archive a ON a.id = p.id "
            "WHERE p.rowid > ? ORDER BY p.rowid LIMIT ?",
            (after, limit),
        ).fetchall()
        return (rows[-1][0] if rows else None), [r[1:] for r in rows]
    # Two plain range scans: joined in one query, SQLite scans the whole index per batch.
    texts = conn.execute(
        "SELECT rowid, title, abstract, authors, keywords, org FROM papers_fts "
        "WHERE rowid > ? ORDER BY rowid LIMIT ?",
        (after, limit),
    ).fetchall()
    if not texts:
        return None, []
    ids = dict(
        conn.execute(
            "SELECT p.rowid, p.id FROM papers p JOIN archive a ON a.id = p.id "
            "WHERE p.rowid BETWEEN ? AND ?",
            (texts[0][0], texts[-1][0]),
        ).fetchall()
    )
    return texts[-1][0], [(ids[r[0]], *r[1:]) for r in texts if r[0] in ids]


def last_synced(conn: sqlite3.Connection) -> float | None:
    value = conn.execute("SELECT max(fetched_at) FROM months").fetchone()[0]
    return float(value) if isinstance(value, (int, float)) else None


def complete_months(conn: sqlite3.Connection) -> set[str]:
    rows = conn.execute("SELECT month FROM months WHERE complete=1").fetchall()
    return {m for (m,) in rows if isinstance(m, str)}


def count(conn: sqlite3.Connection) -> int:
    value = conn.execute("SELECT count(*) FROM archive").fetchone()[0]
    return value if isinstance(value, int) else 0


def _rowids(conn: sqlite3.Connection, ids: list[str]) -> dict[str, int]:
    return dict(select_in(conn, "SELECT id, rowid FROM papers WHERE id IN ({marks})", ids))


def _row(paper: Paper) -> str:
    return json.dumps(to_row(paper), ensure_ascii=False, separators=(",", ":"))
