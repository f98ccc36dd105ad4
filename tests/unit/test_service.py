from __future__ import annotations

from pathlib import Path

import pytest

from loopback import LoopbackServer, raw
from papertui.core.settings import Config
from papertui.core.views import Kind, View
from papertui.data.http import ClientSettings
from papertui.data.hub import HFClient
from papertui.data.store import Store
from papertui.service import NothingToShow, Service

DAY = View(Kind.DAY, "2026-05-08")
FAST = ClientSettings(
    connect_timeout=0.5, read_timeout=0.5, request_deadline=1, budget=2, backoff=0.01
)


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def make(tmp_path: Path, url: str, clock: Clock) -> Service:
    store = Store(tmp_path / "cache.sqlite3", clock=clock)
    return Service(Config(), store, lambda: HFClient(url, FAST), clock=clock)


async def test_fetches_then_serves_fresh_cache(tmp_path: Path, server: LoopbackServer) -> None:
    clock = Clock()
    service = make(tmp_path, server.url, clock)
    first = await service.load(DAY)
    assert first.source == "live" and len(first.papers) == 37 and first.warnings == []
    clock.now += 60
    second = await service.load(DAY)
    assert second.source == "cached" and len(server.requests) == 1
    third = await service.load(DAY, refresh=True)
    assert third.source == "live" and len(server.requests) == 2


async def test_stale_cache_is_refreshed_past_the_ttl(
    tmp_path: Path, server: LoopbackServer
) -> None:
    clock = Clock()
    service = make(tmp_path, server.url, clock)
    await service.load(DAY)
    clock.now += service.ttl_minutes(DAY) * 60 + 1
    assert (await service.load(DAY)).source == "live" and len(server.requests) == 2


async def test_network_failure_falls_back_to_cache_with_age(
    tmp_path: Path, server: LoopbackServer
) -> None:
    clock = Clock()
    service = make(tmp_path, server.url, clock)
    await service.load(DAY)
    server.overrides["/api/daily_papers"] = raw(503, b"")
    clock.now += 3 * 3600
    result = await service.load(DAY, refresh=True)
    assert result.source == "cached" and result.offline and len(result.papers) == 37
    assert "cached 3 h ago" in result.warnings[0] and "server error" in result.warnings[0]


async def test_nothing_cached_and_no_network_says_so(tmp_path: Path) -> None:
    service = make(tmp_path, "http://127.0.0.1:9", Clock())
    thursday = View(Kind.DAY, "2026-05-07")
    with pytest.raises(NothingToShow, match="Nothing is cached for Daily") as caught:
        await service.load(thursday)
    assert caught.value.detail  # the library's words, kept for --verbose
    with pytest.raises(NothingToShow, match="without --offline"):
        await service.load(thursday, offline=True)


async def test_the_samples_own_day_falls_back_to_the_sample(tmp_path: Path) -> None:
    service = make(tmp_path, "http://127.0.0.1:9", Clock())
    sample_day = View(Kind.DAY, "2026-05-08")
    for result in (await service.load(sample_day), await service.load(sample_day, offline=True)):
        assert result.source == "sample" and len(result.papers) == 37
        assert any("bundled sample" in w for w in result.warnings)


async def test_trending_falls_back_to_the_sample(tmp_path: Path) -> None:
    service = make(tmp_path, "http://127.0.0.1:9", Clock())
    result = await service.load(View(Kind.TRENDING))
    assert result.source == "sample" and len(result.papers) == 37
    assert any("sample" in w for w in result.warnings) and result.offline
    offline = await service.load(View(Kind.TRENDING), offline=True)
    assert offline.source == "sample" and not offline.offline
    assert service.cached(View(Kind.TRENDING)).source == "sample"  # type: ignore[union-attr]
    assert service.cached(View(Kind.DAY, "2026-05-07")) is None  # only the sample's own day


async def test_offline_never_touches_the_network(tmp_path: Path, server: LoopbackServer) -> None:
    clock = Clock()
    service = make(tmp_path, server.url, clock)
    await service.load(DAY)
    clock.now += 10 * 86400
    result = await service.load(DAY, offline=True)
    assert result.source == "cached" and len(server.requests) == 1
    assert "offline" in result.warnings[0]


async def test_not_modified_keeps_the_cached_list(tmp_path: Path, server: LoopbackServer) -> None:
    clock = Clock()
    service = make(tmp_path, server.url, clock)
    entries = server.days["2026-05-08"]
    import json

    server.overrides["/api/daily_papers"] = raw(200, json.dumps(entries).encode(), {"ETag": '"v1"'})
    await service.load(DAY)
    server.overrides["/api/daily_papers"] = raw(304, b"", {"ETag": '"v1"'})
    clock.now += 10 * 86400
    result = await service.load(DAY)
    assert result.source == "live" and len(result.papers) == 37
    assert server.requests[-1][2].get("If-None-Match") == '"v1"'


async def test_corrupt_store_warning_is_told_once(tmp_path: Path, server: LoopbackServer) -> None:
    (tmp_path / "cache.sqlite3").write_bytes(b"garbage" * 50)
    service = make(tmp_path, server.url, Clock())
    first = await service.load(DAY)
    assert any("moved it to" in w for w in first.warnings)
    assert not (await service.load(DAY)).warnings


async def test_a_bookmark_is_saved_whole_from_light_rows(tmp_path: Path) -> None:
    from papertui.data.bookmark_file import BookmarkFile

    store = Store(tmp_path / "cache.sqlite3")
    service = Service(
        Config(),
        store,
        lambda: HFClient("http://127.0.0.1:9", FAST),
        bookmarks=lambda: BookmarkFile(tmp_path / "bookmarks.toml"),
    )
    full = await service.load(DAY, offline=True)  # the sample's own day
    store.save_view(DAY.key, "day", full.papers)
    light = service.cached(DAY, light=True)  # what the first frame holds
    assert light is not None and not light.papers[0].summary and not light.papers[0].authors
    assert service.toggle_bookmark(light.papers[0])
    saved = service.bookmarks().bookmarks[0]
    assert saved.summary == full.papers[0].summary and saved.authors == full.papers[0].authors
    assert saved.github_repo == full.papers[0].github_repo and saved.ai_summary


def test_adding_an_existing_bookmark_fills_its_gaps(
    tmp_path: Path, recorded: list[dict[str, object]]
) -> None:
    from papertui.core.hf import parse_entries
    from papertui.core.paper import Paper
    from papertui.data.bookmark_file import BookmarkFile

    paper = parse_entries(recorded).papers[0]
    file = BookmarkFile(tmp_path / "bookmarks.toml")
    file.add([Paper(id=paper.id, title=paper.title)], tags=["mine"], note="my words")
    first = file.load().bookmarks[0]
    assert not first.summary and not first.authors
    file.add([paper])
    again = file.load().bookmarks[0]
    assert again.summary == paper.summary and again.authors == paper.authors
    assert again.tags == ("mine",) and again.note == "my words" and again.added == first.added


async def test_linked_repos_are_kept_for_a_day(tmp_path: Path, server: LoopbackServer) -> None:
    clock = Clock()
    service = make(tmp_path, server.url, clock)
    path = "/api/arxiv/2605.05242/repos"
    first = await service.linked_repos("2605.05242")
    assert [r.id for r in first.models] == ["dci/large", "dci/small"]
    clock.now += 23 * 3600
    assert await service.linked_repos("2605.05242") == first
    assert sum(p == path for p, _, _ in server.requests) == 1
    clock.now += 2 * 3600  # a day and an hour: asked again
    await service.linked_repos("2605.05242")
    assert sum(p == path for p, _, _ in server.requests) == 2
    # The hub gone: the kept copy answers, however old.
    for pid in ("2605.05242", "2605.06548"):
        server.overrides[f"/api/arxiv/{pid}/repos"] = raw(503, b"")
    clock.now += 5 * 86400
    assert await service.linked_repos("2605.05242") == first
    with pytest.raises(NothingToShow) as caught:
        await service.linked_repos("2605.06548")  # never kept
    assert caught.value.problem == "server error"


async def test_a_bookmarks_text_is_fetched_once(tmp_path: Path, server: LoopbackServer) -> None:
    service = make(tmp_path, server.url, Clock())
    assert await service.keep_text("2605.05242") is True
    assert await service.keep_text("2605.05242") is True  # kept: no second request
    assert sum(p == "/papers/2605.05242.md" for p, _, _ in server.requests) == 1
    assert await service.keep_text("2605.06548") is False  # the hub has none: no error
    text = await service.paper_text("2605.05242", offline=True)
    assert text.source == "cached" and "Agents search the raw corpus" in text.text


ARCHIVE = View(Kind.ARCHIVE)


async def test_the_archive_view_is_light_rows_with_their_text_and_whole_on_demand(
    tmp_path: Path, server: LoopbackServer
) -> None:
    clock = Clock()
    service = make(tmp_path, server.url, clock)
    assert service.cached(ARCHIVE) is None and service.cached(ARCHIVE, light=True) is None
    with pytest.raises(NothingToShow, match="papertui sync"):
        await service.load(ARCHIVE)
    day = await service.load(DAY)  # a day's papers seen are kept in the archive too
    head = service.cached(ARCHIVE, light=True)
    assert head is not None and head.source == "archive" and head.total == 37
    assert not head.light  # a first frame's rows: the filter's text is still to come
    result = await service.load(ARCHIVE)
    assert result.light and result.texts is not None and len(result.papers) == 37
    assert result.fetched_at is None  # never synced: the status bar says so
    paper = result.papers[0]
    assert not paper.summary and paper.title.lower().encode() in result.texts[paper.id]
    whole = service.whole_paper(paper)
    original = next(p for p in day.papers if p.id == paper.id)
    assert whole == original and whole.summary.lower().encode() in result.texts[paper.id]
    assert len(server.requests) == 1  # the archive never asks the hub
    assert not service.is_stale(ARCHIVE, None)


async def test_local_never_touches_the_network(tmp_path: Path, server: LoopbackServer) -> None:
    clock = Clock()
    await make(tmp_path, server.url, clock).load(DAY)
    store = Store(tmp_path / "cache.sqlite3", clock=clock)
    service = Service(Config(), store, lambda: HFClient(server.url, FAST), clock=clock, local=True)
    clock.now += 10 * 86400  # stale: a service that may fetch would fetch
    assert not service.is_stale(DAY, clock.now - 10 * 86400)
    kept = await service.load(DAY, refresh=True)
    assert kept.source == "cached" and len(kept.papers) == 37
    found = await service.load(View(Kind.SEARCH, "retrieval"))
    assert found.papers[0].id == "2605.05242" and found.warnings == []
    with pytest.raises(NothingToShow, match="without --local"):
        await service.load(View(Kind.DAY, "2026-05-07"))
    with pytest.raises(NothingToShow, match="--local does not touch the network"):
        await service.paper_text("2605.05242")
    with pytest.raises(NothingToShow, match="--local"):
        await service.linked_repos("2605.05242")
    assert len(server.requests) == 1  # the first service's fetch only


async def test_a_search_the_hub_finds_nothing_for_counts_what_is_kept_here(
    tmp_path: Path, server: LoopbackServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The loopback hub searches titles only: "memory" is in five abstracts kept here."""
    from papertui.service import facade

    clock = Clock()
    service = make(tmp_path, server.url, clock)
    await service.load(DAY)
    search = View(Kind.SEARCH, "memory")
    hub = await service.load(search)
    assert hub.source == "live" and hub.papers == [] and hub.kept_matches == 5
    cached = service.cached(search)
    assert cached is not None and cached.papers == [] and cached.kept_matches == 5
    monkeypatch.setattr(facade, "SEARCH_HERE", 2)  # the best two shown, of how many
    here = service.search_here(search)
    assert here.source == "archive" and len(here.papers) == 2 and here.total == 5
    assert here.kept_matches == 0 and (await service.load(DAY)).kept_matches == 0
