"""What every subcommand shares: exit statuses, one-line warnings and errors, the view named by
the options."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, NoReturn

if TYPE_CHECKING:
    import argparse

    from papertui.core.views import View
    from papertui.service import Service

EXIT_OK, EXIT_NOTHING, EXIT_USAGE = 0, 1, 2


class Failed(Exception):
    """A command cannot go on; `main` prints the message as one error line and exits 1."""


def warn(message: str) -> None:
    print(f"papertui: warning: {message}", file=sys.stderr)


def fail(message: str, code: int = EXIT_NOTHING, detail: str = "") -> int:
    """Say `message` (and, with --verbose or PAPERTUI_DEBUG=1, the low-level `detail`)."""
    print(f"papertui: error: {message}", file=sys.stderr)
    if detail and verbose():
        print(f"papertui: detail: {detail}", file=sys.stderr)
    return code


def verbose() -> bool:
    """Whether low-level detail is wanted: PAPERTUI_DEBUG=1 (which --verbose sets)."""
    import os

    return os.environ.get("PAPERTUI_DEBUG", "") not in ("", "0")


def view_from_args(
    args: argparse.Namespace, parser: argparse.ArgumentParser | None, default: str = "trending"
) -> View:
    """The view the options name, else `default` (a view name: trending, daily...)."""
    from papertui.core.views import (
        Kind,
        View,
        ViewError,
        named,
        parse_day,
        parse_month,
        parse_search,
        parse_week,
    )

    try:
        if args.date:
            return parse_day(args.date)
        if args.week:
            return parse_week(args.week)
        if args.month:
            return parse_month(args.month)
        if args.search is not None:
            return parse_search(args.search)
        if getattr(args, "bookmarks", False):
            return View(Kind.BOOKMARKS)
        if getattr(args, "archive", False):
            return View(Kind.ARCHIVE)
        if getattr(args, "for_you", False):
            days = getattr(args, "days", None)
            return View(Kind.FOR_YOU, str(days) if days else "")
    except ViewError as exc:
        usage(parser, str(exc))
    if getattr(args, "days", None):
        usage(parser, "--days goes with --for-you")
    return named(default)


def usage(parser: argparse.ArgumentParser | None, message: str) -> NoReturn:
    """Exit 2 with argparse's usage and `message`."""
    if parser is None:  # built only now on the reader's fast path
        from papertui.cli.parser import build_parser

        parser = build_parser()
    parser.error(message)


def paper_id(args: argparse.Namespace, parser: argparse.ArgumentParser | None) -> str:
    """The command's arXiv id, or exit 2 with the command's usage."""
    from papertui.core.paper import valid_id

    if not valid_id(args.id):
        usage(getattr(args, "usage_parser", parser), f"not an arXiv id: {args.id!r}")
    return str(args.id)


def open_service(*, lazy_cache: bool = False, timeout: float | None = None) -> Service:
    """The default service, with the config's and the cache's warnings printed; with
    `lazy_cache`, the cache is opened only if it is used; its network waits all end within
    `timeout` seconds (`--timeout`), else the config's `[network] deadline`. Raises Failed
    when the cache cannot be opened."""
    import sqlite3

    from papertui.boot import open_service as open_default
    from papertui.core.text import error_text
    from papertui.data import config, paths

    loaded = config.load(paths.config_file())
    for message in loaded.warnings:
        warn(message)
    try:
        network = loaded.config.network
        if timeout is not None:  # no single wait longer than the whole either
            network = network._replace(
                timeout=min(network.timeout, timeout), budget=min(network.budget, timeout)
            )
        deadline = timeout if timeout is not None else network.deadline
        service, warnings = open_default(
            loaded.config._replace(network=network), lazy_cache=lazy_cache, deadline=deadline
        )
    except (OSError, sqlite3.Error) as exc:
        raise Failed(f"cannot open the cache: {error_text(exc)}") from None
    for message in warnings:
        warn(message)
    return service
