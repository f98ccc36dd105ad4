"""The archive's months, the pace of a sync, and the store's archive tables and index."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from loopback import archive_entries
from papertui.core.archive import (
    FIRST_MONTH,
    RateLimit,
    is_settled,
    months_between,
    parse_rate_limit,
    pause_after,
)
from papertui.core.hf import parse_entries
from papertui.core.query import haystack_text
from papertui.core.views import ViewError
from papertui.data.store import Store


def test_months_run_newest_first_across_years() -> None:
    assert months_between("2023-11", "2024-02") == ["2024-02", "2024-01", "2023-12", "2023-11"]
    assert months_between("2026-05", "2026-05") == ["2026-05"]
    assert FIRST_MONTH == "2023-05"
    with pytest.raises(ViewError):
        months_between("2026-06", "2026-05")
    with pytest.raises(ViewError):
        months_between("2026-13", "2027-01")


def test_a_month_settles_once_last_month_is_over() -> None:
    today = date(2026, 5, 11)
    assert not is_settled("2026-05", today) and not is_settled("2026-04", today)
    assert is_settled("2026-03", today) and is_settled("2025-12", today)
    assert not is_settled("2025-12", date(2026, 1, 31))  # December is last month in January


def test_the_rate_limit_header_and_the_pause_it_asks_for() -> None:
    assert parse_rate_limit('"api";r=490;t=55') == RateLimit(490, 55.0)
    assert parse_rate_limit(None) is None and parse_rate_limit('"api";r=x') is None
    assert pause_after(RateLimit(490, 55)) == 0  # plenty left: no wait
    assert pause_after(RateLimit(10, 50)) == 5.0  # few left: spread over the window
    assert pause_after(RateLimit(0, 55)) == 56.0  # none left: the reset, and a second more
    assert pause_after(None) == 0


def month_papers(month: str, per_day: int = 2) -> list:  # type: ignore[type-arg]
    entries = [e for day in archive_entries(month, per_day).values() for e in day]
    return parse_entries(entries).papers


@pytest.mark.parametrize("fts", [True, False])
def test_a_synced_month_is_kept_whole_and_indexed_in_step(tmp_path: Path, fts: bool) -> None:
    store = Store(tmp_path / "cache.sqlite3", fts=fts)
    papers = month_papers("2026-03")
    store.save_month("2026-03", papers, complete=True, fetched_at=1.0)
    store.save_month("2026-02", month_papers("2026-02"), complete=False, fetched_at=1.0)
    assert store.complete_months() == {"2026-03"}
    assert store.archive_count() == len(papers) + len(month_papers("2026-02"))
    conn = sqlite3.connect(tmp_path / "cache.sqlite3")
    days = conn.execute("SELECT day, count(*) FROM archive GROUP BY day").fetchall()
    assert all(n == 2 for _, n in days) and min(d for d, _ in days) >= "2026-02-02"
    if fts:
        found = conn.execute(
            "SELECT count(*) FROM papers_fts WHERE papers_fts MATCH 'archived'"
        ).fetchone()[0]
        assert found == store.archive_count()
        # An upsert replaces the paper's row in the index, never adds a second one.
        store.save_month("2026-03", papers, complete=True)
        rows = conn.execute("SELECT count(*) FROM papers_fts").fetchone()[0]
        assert rows == store.archive_count()
    else:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        assert "papers_fts" not in tables


def test_papers_of_any_view_are_indexed_too(tmp_path: Path, recorded: list) -> None:  # type: ignore[type-arg]
    store = Store(tmp_path / "cache.sqlite3")
    store.save_view("day:2026-05-08", "day", parse_entries(recorded).papers)
    conn = sqlite3.connect(tmp_path / "cache.sqlite3")
    hits = conn.execute(
        "SELECT count(*) FROM papers_fts WHERE papers_fts MATCH 'title:retrieval'"
    ).fetchone()[0]
    assert hits >= 1 and store.archive_count() == 37


QUERIES = ["retrieval", "diffusion language", '"language model"', "agent -retrieval",
           "title:agent", "author:chen", "diffus", "kw:reinforcement learning"]  # fmt: skip


@pytest.mark.parametrize("query", QUERIES)
def test_search_ranks_the_same_with_fts5_and_without(
    tmp_path: Path,
    recorded: list,  # type: ignore[type-arg]
    query: str,
) -> None:
    papers = parse_entries(recorded).papers
    indexed, scanned = Store(tmp_path / "a.sqlite3"), Store(tmp_path / "b.sqlite3", fts=False)
    assert indexed.fts and not scanned.fts
    for store in (indexed, scanned):
        store.save_view("day:2026-05-08", "day", papers)
    found = [p.id for p in indexed.search(query)]
    assert found and found == [p.id for p in scanned.search(query)]
    # How many match, past any limit: the same both ways, and what a search finds.
    assert indexed.count_matching(query) == scanned.count_matching(query) == len(found)
    assert indexed.search(query, limit=1) == indexed.search(query)[:1]


def test_search_weighs_the_title_and_takes_any_input(tmp_path: Path, recorded: list) -> None:  # type: ignore[type-arg]
    store = Store(tmp_path / "cache.sqlite3")
    papers = parse_entries(recorded).papers
    store.save_view("day:2026-05-08", "day", papers)
    found = store.search("retrieval")
    in_title = [p for p in found if "retrieval" in p.title.lower()]
    assert in_title and found[: len(in_title)] == in_title  # titles first
    for hostile in ("zzz-nothing", '"', "NEAR(", "a OR", "*", "title:", "-x", "' OR 1=1 --"):
        assert isinstance(store.search(hostile), list)  # never an FTS5 syntax error
    assert store.search("zzz-nothing") == [] and store.search('"') == []
    assert store.count_matching("zzz-nothing") == store.count_matching("-x") == 0
    negated = store.search("agent -retrieval")
    assert negated and all("retrieval" not in (p.title + p.summary).lower() for p in negated)


def test_papers_kept_before_the_index_are_indexed_on_the_first_search(
    tmp_path: Path,
    recorded: list,  # type: ignore[type-arg]
) -> None:
    old = Store(tmp_path / "cache.sqlite3", fts=False)  # as a papertui from before the index
    old.save_view("day:2026-05-08", "day", parse_entries(recorded).papers)
    old.close()
    conn = sqlite3.connect(tmp_path / "cache.sqlite3")
    conn.execute("DROP TABLE IF EXISTS papers_fts")
    conn.commit()
    store = Store(tmp_path / "cache.sqlite3")
    assert store.fts and [p.id for p in store.search("retrieval")][:1] == ["2605.05242"]
    rows = sqlite3.connect(tmp_path / "cache.sqlite3").execute("SELECT count(*) FROM papers_fts")
    assert rows.fetchone()[0] == 37


@pytest.mark.parametrize("fts", [True, False])
def test_the_archive_comes_as_light_rows_newest_first_with_the_filters_text(
    tmp_path: Path, fts: bool
) -> None:
    store = Store(tmp_path / "cache.sqlite3", fts=fts)
    march, april = month_papers("2026-03"), month_papers("2026-04")
    store.save_month("2026-03", march, complete=True, fetched_at=1.0)
    store.save_month("2026-04", april, complete=True, fetched_at=2.0)
    rows = store.archive_rows()
    days = [p.submitted for p in rows]
    assert len(rows) == len(march) + len(april) and days == sorted(days, reverse=True)
    assert rows[0].id == april[-2].id  # the last day, in the hub's order within the month
    assert all(not p.summary and not p.authors for p in rows)  # light: no abstract or authors
    assert [p.id for p in store.archive_rows(5)] == [p.id for p in rows[:5]]
    whole = {p.id: p for p in march + april}
    texts = store.archive_texts(batch=7)  # batches that split months: every paper once
    assert texts == {pid: haystack_text(whole[pid]) for pid in whole}
    assert store.last_synced() == 2.0 and Store(tmp_path / "none.sqlite3").last_synced() is None


def test_an_archive_kept_before_light_rows_gets_them_on_first_use(tmp_path: Path) -> None:
    store = Store(tmp_path / "cache.sqlite3")
    papers = month_papers("2026-03")
    store.save_month("2026-03", papers, complete=True, fetched_at=1.0)
    store.close()
    conn = sqlite3.connect(tmp_path / "cache.sqlite3")  # as a papertui from before the rows
    conn.executescript(
        "CREATE TABLE a2 AS SELECT id, day, rank FROM archive; DROP TABLE archive;"
        "ALTER TABLE a2 RENAME TO archive;"
    )
    conn.close()
    again = Store(tmp_path / "cache.sqlite3")
    assert {p.id for p in again.archive_rows()} == {p.id for p in papers}
    light = again.load_archived(date(2026, 3, 1), date(2026, 3, 31), light=True)
    whole = again.load_archived(date(2026, 3, 1), date(2026, 3, 31))
    assert light is not None and whole is not None
    assert [p.id for p in light.papers] == [p.id for p in whole.papers] == [p.id for p in papers]
    assert not light.papers[0].summary and whole.papers[0].summary


def test_a_broken_light_row_is_left_out_not_fatal(tmp_path: Path) -> None:
    store = Store(tmp_path / "cache.sqlite3")
    papers = month_papers("2026-03")
    store.save_month("2026-03", papers, complete=True, fetched_at=1.0)
    conn = sqlite3.connect(tmp_path / "cache.sqlite3")
    conn.execute("UPDATE archive SET row='[\"x' WHERE id=?", (papers[0].id,))
    conn.execute("UPDATE archive SET row='[1,2]' WHERE id=?", (papers[1].id,))
    conn.commit()
    ids = {p.id for p in store.archive_rows()}
    assert ids == {p.id for p in papers[2:]}
