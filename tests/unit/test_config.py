from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from papertui.data import config, paths


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_missing_file_is_the_defaults(tmp_path: Path) -> None:
    loaded = config.load(tmp_path / "absent.toml")
    assert loaded.config == config.Config() and loaded.warnings == []


def test_valid_values_are_used(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        'api_url = "http://127.0.0.1:8765"\ndefault_view = "daily"\ndefault_sort = "comments"\n'
        'theme = "nord"\n[ttl]\ntrending = 5\npast = 600\n[network]\nbudget = 12.5\n'
        '[keymap]\ncursor_down = "j,n"\n',
    )
    loaded = config.load(path)
    c = loaded.config
    assert loaded.warnings == []
    assert (c.api_url, c.default_view, c.default_sort, c.theme) == (
        "http://127.0.0.1:8765",
        "daily",
        "comments",
        "nord",
    )
    assert c.ttl.trending == 5 and c.ttl.past == 600 and c.ttl.current == 30
    assert c.network.budget == 12.5 and c.keymap == {"cursor_down": "j,n"}


def test_bad_values_fall_back_with_warnings_naming_file_and_key(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        'api_url = "ftp://x"\ndefault_view = "yearly"\ntheme = 3\nbogus = 1\n'
        '[ttl]\ntrending = -1\nsoon = 2\n[network]\ntimeout = "fast"\n[keymap]\nquit = 5\n',
    )
    loaded = config.load(path)
    assert loaded.config == config.Config()
    text = "\n".join(loaded.warnings)
    for key in (
        "api_url",
        "default_view",
        "theme",
        "'bogus'",
        "ttl.trending",
        "ttl.soon",
        "network.timeout",
        "keymap.quit",
    ):
        assert key in text, key
    assert all(w.startswith(str(path)) for w in loaded.warnings)


def test_unparseable_file_warns_and_uses_defaults(tmp_path: Path) -> None:
    path = write(tmp_path, "this is = = not toml")
    loaded = config.load(path)
    assert loaded.warnings[0].startswith(f"{path} line 1: ")  # the file and the line
    assert loaded.config == config.Config() and path.read_text() == "this is = = not toml"
    assert "the config does not parse" in loaded.warnings[0]


def test_environment_overrides_api_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAPERTUI_API_URL", "http://127.0.0.1:1234/")
    assert config.api_url(config.Config()) == "http://127.0.0.1:1234"
    monkeypatch.delenv("PAPERTUI_API_URL")
    assert config.api_url(config.Config()) == "https://huggingface.co"


def test_init_writes_defaults_once(isolated_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PAPERTUI_API_URL")
    path = paths.config_file()
    assert str(path).startswith(str(isolated_home))
    assert config.init(path)
    assert path.stat().st_mode & 0o777 == 0o600
    parsed = tomllib.loads(path.read_text())
    assert parsed["api_url"] == "https://huggingface.co" and parsed["ttl"]["trending"] == 15
    assert config.load(path).warnings == []
    path.write_text('theme = "mine"\n')
    assert not config.init(path)
    assert path.read_text() == 'theme = "mine"\n'
