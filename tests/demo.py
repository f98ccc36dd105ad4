"""A reader over fixture data, for the pilot tests, the snapshot tests and the screenshot script.

Its store lives in a directory the caller owns; its clock is frozen; its client points at the
given URL (by default a closed port, so it never reaches a network).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from papertui.core.hf import parse_entries
from papertui.core.settings import Config
from papertui.core.views import Kind, View
from papertui.data.bookmark_file import BookmarkFile
from papertui.data.http import ClientSettings
from papertui.data.hub import HFClient
from papertui.data.readstate import ReadState
from papertui.data.store import Store
from papertui.service import Service
from papertui.tui.app import PaperApp

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "hf_daily_2026-05-08.json"
FROZEN = 1_778_300_000.0  # a fixed "now" (2026-05-09), so ages on screen never change
DAY = View(Kind.DAY, "2026-05-08")
FAST = ClientSettings(
    connect_timeout=0.5, read_timeout=0.5, request_deadline=1, budget=2, backoff=0.01
)


def recorded_entries() -> list[dict[str, Any]]:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def build_app(
    workdir: Path,
    view: View = DAY,
    *,
    url: str = "http://127.0.0.1:9",
    cached: bool = True,
    config: Config | None = None,
    entries: list[dict[str, Any]] | None = None,
    fetched_at: float = FROZEN - 600,
    read: tuple[str, ...] = (),
    repos_delay: float | None = None,
    owns_process: bool = False,
    local: bool = False,
) -> PaperApp:
    store = Store(workdir / "cache.sqlite3", clock=lambda: FROZEN)
    if cached:
        papers = parse_entries(entries if entries is not None else recorded_entries()).papers
        store.save_view(view.key, view.kind.value, papers, fetched_at=fetched_at)

    def marks() -> BookmarkFile:
        return BookmarkFile(workdir / "bookmarks.toml", workdir / "bookmarks-index.json")

    read_state = ReadState(workdir / "state.sqlite3")
    for pid in read:
        read_state.set_read(pid)
    service = Service(
        config or Config(),
        store,
        lambda: HFClient(url, FAST),
        clock=lambda: FROZEN,
        bookmarks=marks,
        read_state=read_state,
        local=local,
    )
    return PaperApp(
        service, view, clock=lambda: FROZEN, repos_delay=repos_delay, owns_process=owns_process
    )
