"""`make_app(...)`: a reader over fixture data in this test's temporary directory."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from demo import build_app
from papertui.tui.app import PaperApp

AppFactory = Callable[..., PaperApp]


@pytest.fixture
def make_app(tmp_path: Path) -> AppFactory:
    def make(*args: Any, **kwargs: Any) -> PaperApp:
        return build_app(tmp_path, *args, **kwargs)

    return make


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The URLs handed to a browser (none is started): `webbrowser.open` records them."""
    import webbrowser

    urls: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url: urls.append(url) or True)
    return urls
