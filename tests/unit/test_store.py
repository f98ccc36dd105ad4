from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from papertui.core.hf import parse_entries
from papertui.core.paper import Paper
from papertui.data.readstate import ReadState
from papertui.data.store import Store
from papertui.data.validators import Validators


def papers(recorded: list[dict[str, Any]]) -> list[Paper]:
    return parse_entries(recorded).papers


def test_view_round_trip_keeps_order_and_fields(
    tmp_path: Path, recorded: list[dict[str, Any]]
) -> None:
    store = Store(tmp_path / "c.sqlite3", clock=lambda: 1000.0)
    items = papers(recorded)
    shuffled = items[5:] + items[:5]
    store.save_view("trending", "trending", shuffled, Validators('"etag1"', None))
    cached = store.load_view("trending")
    assert cached is not None
    assert cached.papers == shuffled and cached.fetched_at == 1000.0
    assert cached.validators.etag == '"etag1"'
    assert store.load_view("day:2026-05-09") is None
    assert (tmp_path / "c.sqlite3").stat().st_mode & 0o777 == 0o600


def test_papers_are_upserted_by_id(tmp_path: Path, recorded: list[dict[str, Any]]) -> None:
    store = Store(tmp_path / "c.sqlite3")
    items = papers(recorded)
    store.save_view("day:2026-05-08", "day", items)
    bumped = Paper(id=items[0].id, title=items[0].title, upvotes=999)
    store.save_view("trending", "trending", [bumped])
    day = store.load_view("day:2026-05-08")
    assert day is not None and day.papers[0].upvotes == 999 and len(day.papers) == 37
    store.touch_view("trending", fetched_at=5.0)
    assert store.load_view("trending").fetched_at == 5.0  # type: ignore[union-attr]


def test_persisted_across_opens(tmp_path: Path, recorded: list[dict[str, Any]]) -> None:
    path = tmp_path / "c.sqlite3"
    Store(path).save_view("k", "day", papers(recorded))
    again = Store(path).load_view("k")
    assert again is not None and len(again.papers) == 37


def test_corrupt_database_is_moved_aside_and_rebuilt(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    store = Store(path)
    assert store.warnings and "moved it to" in store.warnings[0]
    aside = list(tmp_path.glob("c.sqlite3.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_bytes().startswith(b"this is not")
    store.save_view("k", "day", [Paper(id="2605.00001", title="t")])
    assert store.load_view("k") is not None


def test_tampered_rows_are_revalidated(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    store = Store(path)
    store.save_view(
        "k", "day", [Paper(id="2605.00001", title="t"), Paper(id="2605.00002", title="u")]
    )
    conn = sqlite3.connect(path)
    evil = {"id": "2605.00001", "title": "\x1b]52;c;eA==\x07pwn", "authors": ["\x1b[2J"]}
    conn.execute("UPDATE papers SET record=? WHERE id='2605.00001'", (json.dumps(evil),))
    conn.execute("UPDATE papers SET record='not json' WHERE id='2605.00002'")
    conn.commit()
    cached = store.load_view("k")
    assert cached is not None and len(cached.papers) == 1
    assert "\x1b" not in cached.papers[0].title and "\x1b" not in cached.papers[0].authors[0]


def test_read_state_lives_apart_and_persists(tmp_path: Path) -> None:
    path = tmp_path / "data" / "state.sqlite3"
    state = ReadState(path)
    state.set_read("2605.05242")
    state.set_read("2605.06548")
    state.set_read("2605.06548", read=False)
    state.close()
    assert ReadState(path).read_ids() == {"2605.05242"}


def test_linked_repos_and_reading_positions_are_kept(tmp_path: Path) -> None:
    from loopback import SAMPLE_REPOS
    from papertui.core.repos import parse_repos

    store = Store(tmp_path / "cache.sqlite3", clock=lambda: 1000.0)
    repos = parse_repos(SAMPLE_REPOS)
    store.save_repos("2605.05242", repos)
    store.save_position("2605.05242", 42)
    again = Store(tmp_path / "cache.sqlite3")
    assert again.load_repos("2605.05242") == (repos, 1000.0)
    assert again.load_position("2605.05242") == 42 and again.load_position("2605.00001") == 0
    assert again.load_repos("2605.00001") is None


def test_tampered_repos_and_positions_are_checked_again(tmp_path: Path) -> None:
    import sqlite3

    store = Store(tmp_path / "cache.sqlite3")
    conn = sqlite3.connect(tmp_path / "cache.sqlite3")
    hostile = '{"models": [{"id": "../../etc/passwd"}, {"id": "a/\\u001b]0;x"}, {"id": "ok/fine"}]}'
    conn.execute("INSERT INTO repos VALUES ('1', ?, 5.0), ('2', 'not json', 5.0)", (hostile,))
    conn.execute("INSERT INTO positions VALUES ('1', -5, 0), ('2', 'x', 0)")
    conn.commit()
    kept = store.load_repos("1")
    assert kept is not None and [r.id for r in kept[0].models] == ["ok/fine"]
    assert store.load_repos("2") is None
    assert store.load_position("1") == 0 and store.load_position("2") == 0
