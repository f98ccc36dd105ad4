"""Where papertui keeps its files, from platformdirs (so the XDG variables move them)."""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP = "papertui"


def config_file() -> Path:
    return Path(platformdirs.user_config_dir(APP, appauthor=False)) / "config.toml"


def cache_dir() -> Path:
    return Path(platformdirs.user_cache_dir(APP, appauthor=False))


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP, appauthor=False))


def cache_db() -> Path:
    """The SQLite cache of papers and views: disposable, rebuilt from the network."""
    return cache_dir() / "cache.sqlite3"


def state_db() -> Path:
    """Read/unread state: the user's own, so it lives with data, not the cache."""
    return data_dir() / "state.sqlite3"
