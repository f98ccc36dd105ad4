"""Tests that fail when a safety mechanism is taken away: each breaks one on purpose in its
docstring's words, and was seen to fail with it broken."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from loopback import LoopbackServer, raw
from papertui.core.bookmark import Bookmark
from papertui.core.export import to_markdown
from papertui.core.hf import parse_entries
from papertui.core.views import Kind, View
from papertui.data import fileio
from papertui.data.http import ClientSettings, FetchError
from papertui.data.hub import HFClient
from papertui.data.store import Store

FAST = ClientSettings(connect_timeout=1, read_timeout=1, request_deadline=2, budget=3)


async def test_a_redirect_is_never_followed(server: LoopbackServer) -> None:
    """Without follow_redirects=False the token would go to the other host."""
    elsewhere = LoopbackServer().start()
    try:
        server.overrides["/api/daily_papers"] = raw(
            302, b"", {"Location": f"{elsewhere.url}/api/daily_papers?date=2026-05-08"}
        )
        async with HFClient(server.url, FAST, token="hf_secret") as client:
            with pytest.raises(FetchError):
                await client.fetch_view(View(Kind.TRENDING))
        assert elsewhere.requests == []
    finally:
        elsewhere.stop()


async def test_a_retry_after_beyond_the_cap_gives_up_at_once(server: LoopbackServer) -> None:
    """Honouring any Retry-After would hold a command for an hour."""
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)

    server.overrides["/api/daily_papers"] = raw(429, b"", {"Retry-After": "3600"})
    async with HFClient(server.url, FAST, sleep=sleep) as client:
        with pytest.raises(FetchError) as caught:
            await client.fetch_view(View(Kind.TRENDING))
    assert caught.value.kind == "rate_limited" and waits == [] and len(server.requests) == 1


def test_markdown_never_links_an_http_url() -> None:
    """Only https:// links are written; a plain-http project page or repo is text at most."""
    mark = Bookmark(
        "2605.05242",
        "T",
        datetime(2026, 11, 20, tzinfo=UTC),
        github_repo="http://github.com/evil/repo",
        project_page="http://evil.example/page",
    )
    markdown = to_markdown([mark], datetime(2026, 11, 29).date())
    assert "(<http://" not in markdown and "](http://" not in markdown


def test_tampered_rows_in_the_bulk_read_are_cleaned(
    tmp_path: Path, recorded: list[dict[str, Any]]
) -> None:
    """The bulk path trusts rows only after checking them all; a row with an escape must
    send them through the per-row cleaning."""
    store = Store(tmp_path / "cache.sqlite3")
    store.save_view("day:2026-05-08", "day", parse_entries(recorded).papers)
    rows = json.loads(store._conn.execute("SELECT rows FROM feeds").fetchone()[0])
    rows[3][1] = "\x1b]0;owned\x07 title"
    rows[5][4] = "\x9b31m org"
    store._conn.execute("UPDATE feeds SET rows=?", (json.dumps(rows),))
    light = store.load_rows("day:2026-05-08")
    assert light is not None and len(light.papers) == 37
    text = " ".join(
        p.title + (p.organization.display if p.organization else "") for p in light.papers
    )
    assert "\x1b" not in text and "\x9b" not in text and "\x07" not in text


def test_write_atomic_syncs_the_file_and_its_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rename is durable only once the data and the directory entry are on disk."""
    synced: list[int] = []
    real = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: synced.append(fd) or real(fd))
    fileio.write_atomic(tmp_path / "f.toml", b"data")
    assert len(synced) == 2  # the temp file before the rename, the directory after
