"""Shared fixtures: an isolated home for every test, the fake hub on loopback, recorded data."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from loopback import LoopbackServer, load_recorded


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test reads or writes the real user's config, cache or data, or reaches the internet."""
    for name in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_DOCUMENTS_DIR"):
        monkeypatch.setenv(name, str(tmp_path / name.lower()))
    monkeypatch.setenv("PAPERTUI_API_URL", "http://127.0.0.1:9")  # discard port: nothing there
    monkeypatch.delenv("HF_TOKEN", raising=False)
    return tmp_path


@pytest.fixture
def server() -> Iterator[LoopbackServer]:
    hub = LoopbackServer().start()
    yield hub
    hub.stop()


@pytest.fixture
def recorded() -> list[dict[str, Any]]:
    return load_recorded()


@pytest.fixture
def recorded_json() -> str:
    return json.dumps(load_recorded())
