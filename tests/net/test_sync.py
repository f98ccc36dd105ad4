"""`Service.sync` against the loopback hub's synthetic archive: every paper of every month
once, complete months skipped, the last two always fetched, paced by RateLimit, a 429 waited
out, a failure or a stop keeping the months finished before it."""

from __future__ import annotations

import asyncio
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from loopback import LoopbackServer, raw
from papertui.core.settings import Config
from papertui.data.http import ClientSettings
from papertui.data.hub import HFClient
from papertui.data.store import Store
from papertui.service import NothingToShow, Service, SyncEvent

TODAY = date(2026, 5, 11)  # the loopback hub's today
MONTHS = ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05"]
SETTINGS = ClientSettings(
    connect_timeout=1, read_timeout=1, request_deadline=2, budget=3, backoff=0.01, page_size=20
)


class Naps:
    """An injected sleep: records the waits (and lets the hub's window start afresh)."""

    def __init__(self, server: LoopbackServer) -> None:
        self.server = server
        self.waits: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)
        if seconds >= self.server.reset_seconds:  # waited past the window's end
            self.server.reset_window()


def make(tmp_path: Path, server: LoopbackServer) -> Service:
    store = Store(tmp_path / "cache.sqlite3", clock=lambda: 1_000.0)
    return Service(Config(), store, lambda: HFClient(server.url, SETTINGS), clock=lambda: 1_000.0)


def archived(tmp_path: Path) -> list[tuple[str, str]]:
    conn = sqlite3.connect(tmp_path / "cache.sqlite3")
    return conn.execute("SELECT id, day FROM archive ORDER BY id").fetchall()


async def sync(service: Service, naps: Naps, events: list[SyncEvent] | None = None, **kw: object):  # type: ignore[no-untyped-def]
    return await service.sync(
        "2026-01", "2026-05", today=TODAY, sleep=naps,
        on_event=(events.append if events is not None else lambda e: None), **kw,  # type: ignore[arg-type]
    )  # fmt: skip


def month_requests(server: LoopbackServer) -> dict[str, int]:
    counts: dict[str, int] = {}
    for path, query, _ in server.requests:
        if path == "/api/daily_papers" and "month" in query:
            counts[query["month"]] = counts.get(query["month"], 0) + 1
    return counts


async def test_a_fresh_sync_brings_every_paper_once_and_resumes_without_refetching(
    tmp_path: Path, server: LoopbackServer
) -> None:
    server.days.clear()
    total = server.add_archive(MONTHS, per_day=3)  # 60-ish a month: three pages of 20 each
    service, naps = make(tmp_path, server), Naps(server)
    events: list[SyncEvent] = []
    summary = await sync(service, naps, events)
    rows = archived(tmp_path)
    assert len(rows) == total == summary.papers and len({pid for pid, _ in rows}) == total
    assert summary.fetched == list(reversed(MONTHS)) and summary.skipped == []
    assert [e.month for e in events if e.kind == "done"] == list(reversed(MONTHS))  # newest first
    pages = month_requests(server)
    assert all(pages[m] >= 3 for m in MONTHS) and summary.requests == sum(pages.values())
    # Again: January to March are complete and settled; April and May are fetched again.
    server.requests.clear()
    again = await sync(service, naps)
    assert again.skipped == ["2026-03", "2026-02", "2026-01"]
    assert again.fetched == ["2026-05", "2026-04"] and set(month_requests(server)) == {
        "2026-05",
        "2026-04",
    }
    assert len(archived(tmp_path)) == total
    # --refresh asks for every month again.
    server.requests.clear()
    assert (await sync(service, naps, refresh=True)).skipped == []
    assert set(month_requests(server)) == set(MONTHS)


async def test_it_paces_itself_by_the_rate_limit_and_waits_out_a_429(
    tmp_path: Path, server: LoopbackServer
) -> None:
    server.days.clear()
    total = server.add_archive(MONTHS, per_day=3)
    server.quota, server.reset_seconds = 12, 40  # fewer than the sync needs: it must wait
    service, naps = make(tmp_path, server), Naps(server)
    events: list[SyncEvent] = []
    summary = await sync(service, naps, events)
    assert len(archived(tmp_path)) == total and summary.requests > server.quota
    waits = [e for e in events if e.kind == "wait"]
    assert waits and all("rate limit" in e.said for e in waits)  # never a 429
    # Paced: the time left spread as few requests are left, the whole reset once none is.
    assert max(naps.waits) >= 40 and any(0 < w < 40 for w in naps.waits)
    assert summary.waited == pytest.approx(sum(naps.waits))
    # A 429 all the same (the window shared with another client): waited out, then on.
    server.quota, server.window_used = 1000, 1001
    retry = await sync(service, naps, events, refresh=True)
    assert retry.fetched == list(reversed(MONTHS))
    assert any("429" in e.said for e in events if e.kind == "wait") and 40 in naps.waits


async def test_a_failed_month_stops_the_sync_and_keeps_the_months_before(
    tmp_path: Path, server: LoopbackServer
) -> None:
    server.days.clear()
    server.add_archive(MONTHS, per_day=1)
    done = {"2026-05", "2026-04"}

    def failing(h, q):  # type: ignore[no-untyped-def]
        if q.get("month") in done:
            return server._daily(h, q)
        return raw(503, b"")(h, q)

    server.overrides["/api/daily_papers"] = failing
    service, naps = make(tmp_path, server), Naps(server)
    with pytest.raises(NothingToShow) as caught:
        await sync(service, naps)
    assert "server error" in str(caught.value)
    assert service.store.complete_months() == done  # March failed: not marked complete
    del server.overrides["/api/daily_papers"]
    server.requests.clear()
    summary = await sync(service, naps)
    assert summary.fetched == list(reversed(MONTHS))  # the last two again, and the rest


async def test_a_stop_keeps_every_finished_month(tmp_path: Path, server: LoopbackServer) -> None:
    server.days.clear()
    server.add_archive(MONTHS, per_day=1)
    service, naps = make(tmp_path, server), Naps(server)

    def stop_in_march(event: SyncEvent) -> None:
        if event.kind == "month" and event.month == "2026-03":
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        await service.sync("2026-01", "2026-05", today=TODAY, sleep=naps, on_event=stop_in_march)
    assert service.store.complete_months() == {"2026-05", "2026-04"}
    summary = await sync(service, naps)
    assert summary.skipped == [] and "2026-03" in summary.fetched


def test_the_sync_event_loop_is_not_needed_for_the_store(tmp_path: Path) -> None:
    # The store's archive answers without a network or a loop (the CLI's summary reads it).
    store = Store(tmp_path / "cache.sqlite3")
    assert store.complete_months() == set() and store.archive_count() == 0
    assert asyncio.iscoroutinefunction(Service.sync)
