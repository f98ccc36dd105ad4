"""The settings: their types, defaults and validation of a parsed TOML table. Pure.

A bad value never stops the program: it falls back to its default with a warning that names the
key, so a person can fix it. Reading the file is `papertui.data.config`'s job.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

from papertui.core.sorts import CYCLE
from papertui.core.text import clean_text
from papertui.core.views import DEFAULT_VIEWS
from papertui.core.watch import Watch
from papertui.core.watch import validate as validate_watch

DEFAULT_API_URL = "https://huggingface.co"
SORTS = tuple(CYCLE)


# NamedTuples, not dataclasses: see ARCHITECTURE.md, "the startup path".


class TTL(NamedTuple):
    """How long a fetched view counts as fresh, in minutes, by kind."""

    trending: float = 15  # trending and searches move all day
    current: float = 30  # today, this week, this month
    past: float = 24 * 60  # a closed period changes only in its counts
    search: float = 60


class Network(NamedTuple):
    timeout: float = 10  # connect/read timeout per request, seconds
    budget: float = 30  # all attempts of one fetch together, seconds
    # Every network wait of one command together (`papertui list`, `sync`...; `--timeout`),
    # seconds: a cron job never hangs longer. The reader, which runs for hours, has none.
    deadline: float = 300


class Config(NamedTuple):
    api_url: str = DEFAULT_API_URL
    default_view: str = "trending"
    default_sort: str = "upvotes"  # the trending view keeps the server's order unless asked
    theme: str = "textual-dark"
    export_path: str = ""  # where `e` writes Markdown; empty: the documents directory
    ttl: TTL = TTL()
    network: Network = Network()
    keymap: Mapping[str, str] = MappingProxyType({})  # read-only, as the default is shared
    watch: Watch = Watch()  # authors, organisations and queries to mark (`core.watch`)


def validate(raw: Mapping[str, Any], warn: Callable[[str], None]) -> Config:
    default = Config()
    known = set(Config._fields)
    for key in raw:
        if key not in known:
            warn(f"unknown key {clean_text(str(key))!r} ignored")
    return default._replace(
        api_url=_choice_url(raw, "api_url", default.api_url, warn),
        default_view=_choice(raw, "default_view", DEFAULT_VIEWS, default.default_view, warn),
        default_sort=_choice(raw, "default_sort", SORTS, default.default_sort, warn),
        theme=_string(raw, "theme", default.theme, warn),
        export_path=_path(raw, "export_path", warn),
        ttl=TTL(**_numbers(raw, "ttl", TTL(), warn)),
        network=Network(**_numbers(raw, "network", Network(), warn)),
        keymap=_keymap(raw.get("keymap", {}), warn),
        watch=validate_watch(raw.get("watch"), warn),
    )


def _string(raw: Mapping[str, Any], key: str, default: str, warn: Callable[[str], None]) -> str:
    value = raw.get(key, default)
    if not isinstance(value, str) or not clean_text(value):
        warn(f"{key} must be a non-empty string; using {default!r}")
        return default
    return clean_text(value)


def _path(raw: Mapping[str, Any], key: str, warn: Callable[[str], None]) -> str:
    value = raw.get(key, "")
    if not isinstance(value, str):
        warn(f"{key} must be a path; using the default")
        return ""
    return str(Path(clean_text(value)).expanduser()) if clean_text(value) else ""


def _choice(
    raw: Mapping[str, Any],
    key: str,
    options: tuple[str, ...],
    default: str,
    warn: Callable[[str], None],
) -> str:
    value = _string(raw, key, default, warn)
    if value not in options:
        warn(f"{key} must be one of {', '.join(options)}; using {default!r}")
        return default
    return value


def _choice_url(raw: Mapping[str, Any], key: str, default: str, warn: Callable[[str], None]) -> str:
    value = _string(raw, key, default, warn)
    if not value.startswith(("https://", "http://")) or " " in value:
        warn(f"{key} must be an http(s) URL; using {default!r}")
        return default
    return value


def _numbers(
    raw: Mapping[str, Any], table: str, default: TTL | Network, warn: Callable[[str], None]
) -> dict[str, float]:
    """A table of positive numbers whose keys and defaults are the fields of `default`."""
    values = default._asdict()
    given = raw.get(table, {})
    if not isinstance(given, Mapping):
        warn(f"{table} must be a table; using defaults")
        return values
    for key, value in given.items():
        name = f"{table}.{clean_text(str(key))}"
        if key not in values:
            warn(f"unknown key {name!r} ignored")
            continue
        most = LIMITS[table]
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            warn(f"{name} must be a number; using {values[key]:g}")
        elif not 0 < value <= most:  # NaN fails this too; inf and 1e9 are too large
            warn(f"{name} must be above 0 and at most {most:g}; using {values[key]:g}")
        else:
            values[key] = float(value)
    return values


# The largest sane value of each table's numbers: a year of minutes for a cache's freshness;
# for the network, a stuck server must not hold a command for more than a few minutes.
LIMITS = {"ttl": 365 * 24 * 60.0, "network": 300.0}


def _keymap(given: Any, warn: Callable[[str], None]) -> dict[str, str]:
    if not isinstance(given, Mapping):
        warn('keymap must be a table of binding id = "keys"; ignored')
        return {}
    keymap = {}
    for key, value in given.items():
        if isinstance(value, str) and clean_text(value):
            keymap[clean_text(str(key))] = clean_text(value)
        else:
            warn(f"keymap.{clean_text(str(key))} must be a string of keys; ignored")
    return keymap
