"""Builders for the reader under test: a service over a temporary store, fixture data, a clock."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from papertui.app import PaperApp
from papertui.client import ClientSettings, HFClient
from papertui.config import Config
from papertui.models import parse_entries
from papertui.readstate import ReadState
from papertui.service import Service
from papertui.store import Store
from papertui.views import Kind, View

FROZEN = 1_778_000_000.0  # a fixed "now" for screens that show ages
FAST = ClientSettings(
    connect_timeout=0.5, read_timeout=0.5, request_deadline=1, budget=2, backoff=0.01
)
DAY = View(Kind.DAY, "2026-05-08")

AppFactory = Callable[..., PaperApp]


@pytest.fixture
def make_app(tmp_path: Path, recorded: list[dict[str, Any]]) -> AppFactory:
    """`make_app(view=..., url=..., cached=True, config=...)`: a reader over fixture data."""

    def build(
        view: View = DAY,
        url: str = "http://127.0.0.1:9",
        cached: bool = True,
        config: Config | None = None,
        entries: list[dict[str, Any]] | None = None,
        fetched_at: float = FROZEN - 600,
    ) -> PaperApp:
        store = Store(tmp_path / "cache.sqlite3", clock=lambda: FROZEN)
        if cached:
            papers = parse_entries(entries if entries is not None else recorded).papers
            store.save_view(view.key, view.kind.value, papers, fetched_at=fetched_at)
        service = Service(
            config or Config(), store, lambda: HFClient(url, FAST), clock=lambda: FROZEN
        )
        read_state = ReadState(tmp_path / "state.sqlite3")
        return PaperApp(service, view, read_state=read_state, clock=lambda: FROZEN)

    return build
