"""The client against a real HTTP server on loopback, behaving and misbehaving."""

from __future__ import annotations

import re
import time
import tracemalloc

import pytest

from loopback import (
    LoopbackServer,
    drip,
    flood,
    hang,
    json_body,
    raw,
    sequence,
    synthetic_entries,
    truncated,
)
from papertui.core.views import Kind, View
from papertui.data.http import ClientSettings, FetchError
from papertui.data.hub import HFClient

DAY = View(Kind.DAY, "2026-05-08")
# Small limits so that every fault ends in seconds.
FAST = ClientSettings(
    connect_timeout=1.0,
    read_timeout=1.0,
    request_deadline=2.0,
    budget=5.0,
    max_attempts=3,
    backoff=0.05,
    max_wait=3.0,
    max_bytes=8 * 1024 * 1024,
)


async def fetch(server: LoopbackServer, view: View = DAY, settings: ClientSettings = FAST):
    async with HFClient(server.url, settings) as client:
        return await client.fetch_view(view)


async def failure(
    server: LoopbackServer, settings: ClientSettings = FAST
) -> tuple[FetchError, float]:
    start = time.monotonic()
    with pytest.raises(FetchError) as caught:
        await fetch(server, settings=settings)
    return caught.value, time.monotonic() - start


async def test_recorded_day(server: LoopbackServer) -> None:
    result = await fetch(server)
    assert len(result.papers) == 37 and result.skipped == 0
    assert result.papers[0].upvotes == 86
    path, query, headers = server.requests[0]
    assert path == "/api/daily_papers" and query["date"] == "2026-05-08" and query["limit"] == "100"
    assert headers["User-Agent"].startswith("papertui/")
    assert headers["Accept"] == "application/json"
    assert "Authorization" not in headers


async def test_token_is_sent_when_given(server: LoopbackServer) -> None:
    async with HFClient(server.url, FAST, token="hf_secret") as client:
        await client.fetch_view(DAY)
    assert server.requests[0][2]["Authorization"] == "Bearer hf_secret"


async def test_trending_keeps_server_order(server: LoopbackServer) -> None:
    result = await fetch(server, View(Kind.TRENDING))
    assert [p.id for p in result.papers] == [e["paper"]["id"] for e in server.trending]
    assert server.requests[0][1]["sort"] == "trending"


async def test_month_pages_follow_link_until_exhausted(server: LoopbackServer) -> None:
    server.days = {"2026-05-04": synthetic_entries(1000, "2026-05-04")}
    pages: list[tuple[int, int]] = []
    async with HFClient(server.url, FAST) as client:
        result = await client.fetch_view(
            View(Kind.MONTH, "2026-05"), on_progress=lambda p, n: pages.append((p, n))
        )
    assert len(result.papers) == 1000 and result.pages == 10 and not result.truncated
    assert pages[-1] == (10, 1000)
    assert [q.get("p", "0") for _, q, _ in server.requests] == [str(i) for i in range(10)]


async def test_paging_stops_at_the_cap(server: LoopbackServer) -> None:
    server.days = {"2026-05-04": synthetic_entries(500, "2026-05-04")}
    settings = ClientSettings(max_pages=2, page_size=100)
    result = await fetch(server, View(Kind.MONTH, "2026-05"), settings)
    assert len(result.papers) == 200 and result.truncated


async def test_page_links_to_other_hosts_are_not_followed(server: LoopbackServer) -> None:
    entries = server.days["2026-05-08"][:3]
    import json

    server.overrides["/api/daily_papers"] = raw(
        200, json.dumps(entries).encode(), {"Link": '<https://evil.example/api?p=1>; rel="next"'}
    )
    result = await fetch(server)
    assert len(result.papers) == 3 and result.pages == 1
    assert [r[0] for r in server.requests] == ["/api/daily_papers"]  # nothing followed


async def test_search_and_one_paper(server: LoopbackServer) -> None:
    async with HFClient(server.url, FAST) as client:
        found = await client.fetch_view(View(Kind.SEARCH, "diffusion"))
        paper = await client.paper("2605.05242")
        with pytest.raises(FetchError) as missing:
            await client.paper("2605.99999")
    assert found.papers and all("diffusion" in p.title.lower() for p in found.papers)
    assert paper.github_stars == 101
    assert missing.value.status == 404 and "No such paper" in str(missing.value)


# --- faults ---------------------------------------------------------------------------------


async def test_no_response_at_all_times_out(server: LoopbackServer) -> None:
    server.overrides["/api/daily_papers"] = hang
    error, took = await failure(server)  # a lost deadline hangs here: pytest-timeout fails it
    assert error.kind == "timeout" and "127.0.0.1" in str(error)
    # The time actually waited, over every try, not one try's deadline.
    match = re.search(r"(\d+) tries in (\d+) s", str(error))
    assert match is not None, str(error)
    assert int(match[1]) >= 2 and abs(int(match[2]) - took) <= 1


async def test_one_byte_every_half_second_hits_the_deadline(server: LoopbackServer) -> None:
    server.overrides["/api/daily_papers"] = drip(0.5)
    error, _ = await failure(server)
    assert error.kind == "timeout" and "did not finish answering" in str(error)


async def test_500_three_times_gives_up_with_a_clear_message(server: LoopbackServer) -> None:
    server.overrides["/api/daily_papers"] = raw(500, b'{"error":"boom"}')
    error, _ = await failure(server)
    assert error.status == 500 and "server error" in str(error)
    assert len(server.requests) == 3


async def test_500_then_success_is_retried(server: LoopbackServer) -> None:
    server.overrides["/api/daily_papers"] = sequence(
        raw(503, b""), raw(502, b""), json_body(server.days["2026-05-08"])
    )
    result = await fetch(server)
    assert len(result.papers) == 37 and len(server.requests) == 3


async def test_429_with_retry_after_then_200_succeeds(server: LoopbackServer) -> None:
    server.overrides["/api/daily_papers"] = sequence(
        raw(429, b'{"error":"slow down"}', {"Retry-After": "1"}),
        json_body(server.days["2026-05-08"]),
    )
    start = time.monotonic()
    result = await fetch(server)
    assert len(result.papers) == 37
    assert time.monotonic() - start >= 0.9  # it honoured Retry-After


async def test_429_asking_too_long_a_wait_fails_at_once(server: LoopbackServer) -> None:
    server.overrides["/api/daily_papers"] = raw(
        429,
        b"{}",
        {"RateLimit": '"api";r=0;t=55', "RateLimit-Policy": '"fixed window";"api";q=500;w=300'},
    )
    error, _ = await failure(server)
    assert error.kind == "rate_limited" and "55 s" in str(error)
    assert len(server.requests) == 1  # no retry: 55 s is beyond the client's cap
    assert len(server.requests) == 1


async def test_html_is_rejected_without_retry(server: LoopbackServer) -> None:
    server.overrides["/api/daily_papers"] = raw(
        200, b"<html>login</html>", {"Content-Type": "text/html"}
    )
    error, _ = await failure(server)
    assert error.kind == "bad_response" and "text/html instead of JSON" in str(error)
    assert len(server.requests) == 1


async def test_truncated_body_fails_cleanly(server: LoopbackServer) -> None:
    server.overrides["/api/daily_papers"] = truncated
    error, _ = await failure(server)
    assert "broke off" in str(error)


async def test_invalid_json_and_nan_are_rejected(server: LoopbackServer) -> None:
    for body in (b'[{"paper": ', b"[NaN]", b"\xef\xbb\xbf[]", b"[" * 100000 + b"]" * 100000):
        server.overrides["/api/daily_papers"] = raw(200, body)
        error, _ = await failure(server)
        assert error.kind == "bad_response" and "not valid JSON" in str(error), body[:10]


async def test_object_instead_of_list_is_rejected(server: LoopbackServer) -> None:
    server.overrides["/api/daily_papers"] = json_body({"papers": []})
    error, _ = await failure(server)
    assert error.kind == "bad_response"


async def test_100_mb_body_is_cut_at_the_cap_with_bounded_memory(server: LoopbackServer) -> None:
    server.overrides["/api/daily_papers"] = flood(100 * 1024 * 1024)
    tracemalloc.start()
    try:
        error, _ = await failure(server)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert error.kind == "too_large" and "8 MB" in str(error)
    assert peak < 3 * FAST.max_bytes  # never held the 100 MB


async def test_gzip_bomb_counts_decompressed_bytes(server: LoopbackServer) -> None:
    server.overrides["/api/daily_papers"] = flood(64 * 1024 * 1024, gzipped=True)
    tracemalloc.start()
    try:
        error, _ = await failure(server)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert error.kind == "too_large" and peak < 3 * FAST.max_bytes


async def test_future_or_malformed_date_is_a_400_not_retried(server: LoopbackServer) -> None:
    for view in (View(Kind.DAY, "2099-01-01"), View(Kind.DAY, "2026-13-45")):
        server.requests.clear()
        with pytest.raises(FetchError) as caught:
            await fetch(server, view)
        assert caught.value.status == 400 and len(server.requests) == 1
        assert "HTTP 400" in str(caught.value) and "future" in str(caught.value)


async def test_connection_refused_is_quick(server: LoopbackServer) -> None:
    url = server.url
    server.stop()
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)

    async with HFClient(url, ClientSettings(), sleep=sleep) as client:  # default settings
        with pytest.raises(FetchError) as caught:
            await client.fetch_view(DAY)
    assert caught.value.kind == "offline" and "Cannot reach" in str(caught.value)
    assert len(waits) == 2 and sum(waits) < 1  # two short backoffs, never a long wait


async def test_total_budget_bounds_all_attempts(server: LoopbackServer) -> None:
    server.overrides["/api/daily_papers"] = hang
    settings = ClientSettings(read_timeout=5, request_deadline=5, budget=1.5, max_attempts=10)
    error, _ = await failure(server, settings)
    assert error.kind == "timeout"
    assert len(server.requests) <= 2  # the budget, not 10 tries of 5 s each


async def test_injected_sleep_sees_backoff(server: LoopbackServer) -> None:
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)

    server.overrides["/api/daily_papers"] = raw(503, b"")
    settings = ClientSettings(backoff=1.0, max_attempts=4)
    async with HFClient(server.url, settings, sleep=sleep) as client:
        with pytest.raises(FetchError):
            await client.fetch_view(DAY)
    assert len(waits) == 3
    assert 0.5 <= waits[0] <= 1.0 and 1.0 <= waits[1] <= 2.0 and 2.0 <= waits[2] <= 4.0
