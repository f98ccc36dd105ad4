"""A full disk under the cache or the read marks: what was fetched is shown all the same and
the user is told it is not kept; a sync stops on the month it cannot keep, keeping the ones
before it. SQLite's own page limit stands in for the disk: the same "database or disk is full"
from the same writes."""

from __future__ import annotations

import asyncio
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from loopback import LONG_ID, RECORDED_DAY, LoopbackServer
from papertui.core.settings import Config
from papertui.core.views import Kind, View
from papertui.data.http import ClientSettings
from papertui.data.hub import HFClient
from papertui.data.readstate import ReadState
from papertui.data.store import Store
from papertui.service import NothingToShow, Service

SETTINGS = ClientSettings(
    connect_timeout=1, read_timeout=1, request_deadline=2, budget=3, backoff=0.01, page_size=20
)
DAY = View(Kind.DAY, RECORDED_DAY)


def fill_up(conn: sqlite3.Connection) -> None:
    """No page more for this database: any write that needs one fails as on a full disk."""
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")


def service(tmp_path: Path, server: LoopbackServer, state: ReadState | None = None) -> Service:
    store = Store(tmp_path / "cache.sqlite3")
    fill_up(store._conn)
    client = lambda: HFClient(server.url, SETTINGS)  # noqa: E731
    return Service(Config(), store, client, read_state=state)


def test_a_fetched_view_and_text_are_shown_and_said_not_kept(
    tmp_path: Path, server: LoopbackServer
) -> None:
    hub = service(tmp_path, server)
    result = asyncio.run(hub.load(DAY, refresh=True))
    assert len(result.papers) == 37 and result.source == "live"
    assert any(
        "database or disk is full: the papers are shown, not kept" in w for w in result.warnings
    )
    assert hub.store.load_view(DAY.key) is None  # nothing half-kept
    text = asyncio.run(hub.paper_text(LONG_ID))  # 400 KB: it needs pages
    assert text.text and text.warnings and "the text is shown, not kept" in text.warnings[0]
    hub.save_reading_position("2605.05242", 10**6)  # a comfort: no word, no traceback


def test_a_sync_stops_on_the_month_it_cannot_keep(tmp_path: Path, server: LoopbackServer) -> None:
    server.add_archive(["2026-04"], per_day=40)
    hub = service(tmp_path, server)
    told: list[str] = []
    with pytest.raises(NothingToShow) as caught:
        asyncio.run(
            hub.sync(
                "2026-04", "2026-04", today=date(2026, 5, 11),
                on_event=lambda e: told.append(e.said), sleep=lambda s: asyncio.sleep(0),
            )
        )  # fmt: skip
    said = str(caught.value)
    assert "database or disk is full" in said and "2026-04 is not kept" in said
    assert hub.store.complete_months() == set()


def test_for_you_ranks_where_nothing_can_be_kept(tmp_path: Path, server: LoopbackServer) -> None:
    from papertui.data.bookmark_file import BookmarkFile

    store = Store(tmp_path / "cache.sqlite3")
    asyncio.run(Service(Config(), store, lambda: HFClient(server.url, SETTINGS)).load(DAY))
    fill_up(store._conn)
    marks = BookmarkFile(tmp_path / "bookmarks.toml")
    hub = Service(Config(), store, bookmarks=lambda: marks)
    papers = store.load_view(DAY.key)
    assert papers is not None
    hub.toggle_bookmark(papers.papers[0])
    ranked = hub.for_you(papers.papers)
    assert ranked.profiled and len(ranked.papers) == 36
    assert store.load_profile() is None  # the bookmarks' side was not kept: made again next time


def test_read_marks_that_cannot_be_written_are_said(tmp_path: Path, server: LoopbackServer) -> None:
    state = ReadState(tmp_path / "state.sqlite3")
    fill_up(state._conn)
    hub = service(tmp_path, server, state)
    said = hub.persist_read("2605.05242" + "x" * 5000, True)  # a row that needs a page
    assert said is not None and "database or disk is full" in said
    assert state.unannounced(["a" * 5000]) == ["a" * 5000]  # told of again next time


@pytest.fixture
def full_cache(
    isolated_home: Path, server: LoopbackServer, monkeypatch: pytest.MonkeyPatch
) -> LoopbackServer:
    """The CLI in-process over a cache on a full disk, against the loopback hub."""
    opened = Store.__init__

    def opening(self: Store, *args: object, **kwargs: object) -> None:
        opened(self, *args, **kwargs)  # type: ignore[arg-type]
        fill_up(self._conn)

    monkeypatch.setattr(Store, "__init__", opening)
    monkeypatch.setenv("PAPERTUI_API_URL", server.url)
    return server


def test_the_cli_on_a_full_disk_says_it_in_a_sentence(
    full_cache: LoopbackServer, capsys: pytest.CaptureFixture[str]
) -> None:
    from papertui.cli import main

    assert main(["list", "--date", RECORDED_DAY, "--limit", "3"]) == 0
    out, err = capsys.readouterr()
    assert len(out.splitlines()) == 3
    assert err.count("\n") == 1 and "the papers are shown, not kept" in err
    full_cache.add_archive(["2026-04"], per_day=40)
    assert main(["sync", "--from", "2026-04", "--to", "2026-04"]) == 1
    _, err = capsys.readouterr()
    assert "papertui: error: cannot write" in err and "database or disk is full" in err
    assert "Traceback" not in err


def test_any_database_failure_under_a_command_is_one_sentence(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from papertui.cli import list_cmd, main

    def broken(*args: object) -> int:
        raise sqlite3.DatabaseError("database disk image is malformed")

    monkeypatch.setattr(list_cmd, "run", broken)
    assert main(["list"]) == 1
    err = capsys.readouterr().err
    assert (
        err
        == "papertui: error: the cache or the read marks failed: database disk image is malformed\n"
    )
    monkeypatch.setattr(list_cmd, "run", lambda *args: 1 // 0)
    with pytest.raises(ZeroDivisionError):  # a bug keeps its traceback, for the report
        main(["list"])
