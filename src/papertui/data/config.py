"""The config file: read with tomllib, validated by `core.settings`, written only by `--init`
(and only where there is none) with tomli-w: a file that does not parse is never rewritten."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, NamedTuple

from papertui.core.settings import DEFAULT_API_URL, Config, validate
from papertui.core.text import error_text, toml_error
from papertui.data.fileio import read_file, write_atomic


class Loaded(NamedTuple):
    config: Config
    warnings: list[str]
    path: Path


def load(path: Path) -> Loaded:
    """Read `path`; a missing file is the defaults, a broken one is the defaults plus a warning."""
    warnings: list[str] = []
    raw: dict[str, Any] = {}
    try:
        text = read_file(path)[0].decode("utf-8")  # a named pipe there never blocks the start
    except FileNotFoundError:
        text = None
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else error_text(exc)
        warnings.append(f"{path}: cannot read the config ({reason}); using defaults")
        text = None
    if text is not None:
        import tomllib  # only when there is a file to parse

        try:
            raw = tomllib.loads(text)
        except (tomllib.TOMLDecodeError, RecursionError) as exc:  # nested thousands deep
            said = "the config does not parse; the defaults are used, the file left as it is"
            warnings.append(f"{toml_error(path, exc)} — {said}")
    config = validate(raw, lambda msg: warnings.append(f"{path}: {msg}"))
    return Loaded(config, warnings, path)


def api_url(config: Config) -> str:
    """The API base URL: `PAPERTUI_API_URL` wins over the config."""
    return (os.environ.get("PAPERTUI_API_URL") or config.api_url).rstrip("/")


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
        "watch": {
            "authors": list(config.watch.authors),
            "orgs": list(config.watch.orgs),
            "queries": dict(config.watch.queries),
        },
    }
    return tomli_w.dumps(document)


def defaults_toml() -> str:
    header = (
        "# papertui configuration. ttl values are minutes, network values seconds.\n"
        '# [keymap] remaps a binding by its id, e.g. cursor_down = "j,down" (see `?` in the'
        " reader).\n"
        '# [watch] marks papers with a ◆: authors = ["Tri Dao"], orgs = ["nvidia"], and\n'
        "# [watch.queries] named queries in the filter language: rlhf = 'kw:rlhf upvotes:>=5'.\n\n"
    )
    body = effective_toml(Config()).replace(api_url(Config()), DEFAULT_API_URL, 1)
    return header + body


def init(path: Path) -> bool:
    """Write the defaults to `path` unless a file is already there. Returns whether it wrote."""
    if path.exists():
        return False
    write_atomic(path, defaults_toml().encode("utf-8"))
    return True
