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


def bookmarks_file() -> Path:
    """The user's bookmarks: plain TOML, theirs to edit and sync."""
    return data_dir() / "bookmarks.toml"


def bookmarks_index() -> Path:
    """A parsed copy of the bookmarks file, so reading it skips the slow TOML parse."""
    return cache_dir() / "bookmarks-index.json"


def default_export() -> Path:
    documents = Path(platformdirs.user_documents_dir())
    return documents / "papertui-bookmarks.md"
