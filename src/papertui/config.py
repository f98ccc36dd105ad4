"""The TOML config: read with tomllib, validated by hand, written (only by `--init`) with tomli-w.

A bad value never stops the program: it falls back to its default and the warning names the file
and the key, so a person can fix it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

from papertui.fileio import write_atomic
from papertui.text import clean_text, error_text

DEFAULT_API_URL = "https://huggingface.co"
VIEWS = ("trending", "daily", "weekly", "monthly")
SORTS = ("upvotes", "date", "comments", "stars")


# NamedTuples, not dataclasses: these are built on every start, before Textual is imported, and
# a frozen dataclass costs about ten times as much to define.


class TTL(NamedTuple):
    """How long a fetched view counts as fresh, in minutes, by kind."""

    trending: float = 15  # trending and searches move all day
    current: float = 30  # today, this week, this month
    past: float = 24 * 60  # a closed period changes only in its counts
    search: float = 60


class Network(NamedTuple):
    timeout: float = 10  # connect/read timeout per request, seconds
    budget: float = 30  # all attempts of one fetch together, seconds


class Config(NamedTuple):
    api_url: str = DEFAULT_API_URL
    default_view: str = "trending"
    default_sort: str = "upvotes"  # the trending view keeps the server's order unless asked
    theme: str = "textual-dark"
    export_path: str = ""  # where `e` writes Markdown; empty: the documents directory
    ttl: TTL = TTL()
    network: Network = Network()
    keymap: Mapping[str, str] = MappingProxyType({})  # read-only, as the default is shared


class Loaded(NamedTuple):
    config: Config
    warnings: list[str]
    path: Path


def load(path: Path) -> Loaded:
    """Read `path`; a missing file is the defaults, a broken one is the defaults plus a warning."""
    warnings: list[str] = []
    raw: dict[str, Any] = {}
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = None
    except (OSError, UnicodeDecodeError) as exc:
        warnings.append(f"{path}: cannot read the config ({error_text(exc)}); using defaults")
        text = None
    if text is not None:
        import tomllib  # only when there is a file to parse

        try:
            raw = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            warnings.append(f"{path}: cannot read the config ({error_text(exc)}); using defaults")
    config = _validate(raw, lambda msg: warnings.append(f"{path}: {msg}"))
    return Loaded(config, warnings, path)


def api_url(config: Config) -> str:
    """The API base URL: `PAPERTUI_API_URL` wins over the config."""
    return (os.environ.get("PAPERTUI_API_URL") or config.api_url).rstrip("/")


def _validate(raw: Mapping[str, Any], warn: Callable[[str], None]) -> Config:
    default = Config()
    known = set(Config._fields)
    for key in raw:
        if key not in known:
            warn(f"unknown key {clean_text(str(key))!r} ignored")
    return default._replace(
        api_url=_choice_url(raw, "api_url", default.api_url, warn),
        default_view=_choice(raw, "default_view", VIEWS, default.default_view, warn),
        default_sort=_choice(raw, "default_sort", SORTS, default.default_sort, warn),
        theme=_string(raw, "theme", default.theme, warn),
        export_path=_path(raw, "export_path", warn),
        ttl=TTL(**_numbers(raw, "ttl", TTL(), warn)),
        network=Network(**_numbers(raw, "network", Network(), warn)),
        keymap=_keymap(raw.get("keymap", {}), warn),
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
        elif isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
            warn(f"{name} must be a positive number; using {values[key]}")
        else:
            values[key] = float(value)
    return values


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


def effective_toml(config: Config) -> str:
    """`config` as TOML, with the API URL actually in use (the environment may override it)."""
    import tomli_w  # only `config --show/--init` pays for it

    document = {
        "api_url": api_url(config),
        "default_view": config.default_view,
        "default_sort": config.default_sort,
        "theme": config.theme,
        "export_path": config.export_path,
        "ttl": config.ttl._asdict(),
        "network": config.network._asdict(),
        "keymap": dict(config.keymap),
    }
    return tomli_w.dumps(document)


def defaults_toml() -> str:
    header = (
        "# papertui configuration. ttl values are minutes, network values seconds.\n"
        '# [keymap] remaps a binding by its id, e.g. cursor_down = "j,down" (see `?` in the'
        " reader).\n\n"
    )
    body = effective_toml(Config()).replace(api_url(Config()), DEFAULT_API_URL, 1)
    return header + body


def init(path: Path) -> bool:
    """Write the defaults to `path` unless a file is already there. Returns whether it wrote."""
    if path.exists():
        return False
    write_atomic(path, defaults_toml().encode("utf-8"))
    return True
