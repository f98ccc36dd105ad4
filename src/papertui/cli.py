"""The command line: the reader and the scriptable subcommands.

Subcommands that do not open the reader never import Textual. Warnings and errors go to stderr,
one line each; exit status 0 when papers were shown, 1 when there was nothing to show, 2 on a
usage error.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NoReturn

from papertui import __version__

if TYPE_CHECKING:
    import argparse

EXIT_OK, EXIT_NOTHING, EXIT_USAGE = 0, 1, 2

DESCRIPTION = """\
A terminal reader for Hugging Face Daily Papers.

With no command, opens the reader on the chosen view (else the config's default_view,
trending unless set); press ? there for every key.
Filter syntax (for --filter and the reader's / line): plain words must all occur;
"quoted phrases"; -word excludes; fields title: author: abstract: org: kw: id: tag: note:;
counts upvotes:>=N comments:>N stars:>=N (also <, <=, =).
"""

EPILOG = """\
environment:
  PAPERTUI_API_URL   API base URL (default https://huggingface.co, or api_url in the config)
  HF_TOKEN           sent as a bearer token when set (raises the rate limit)
  XDG_CONFIG_HOME, XDG_CACHE_HOME, XDG_DATA_HOME move the config, cache and data files

examples:
  papertui --date 2026-05-08
  papertui list --week 2026-W19 --sort comments --limit 10
  papertui list --search "diffusion language model" --json
  papertui list --filter 'org:nvidia upvotes:>=20'
"""


def _add_view_options(parser: argparse.ArgumentParser, bookmarks: bool = False) -> None:
    group = parser.add_argument_group("view (pick one)")
    views = group.add_mutually_exclusive_group()
    views.add_argument("--trending", action="store_true", help="HF trending, in HF's own order")
    views.add_argument("--date", metavar="DAY", help="a day: YYYY-MM-DD, today or yesterday")
    views.add_argument("--week", metavar="YYYY-Www", help="an ISO week, e.g. 2026-W19")
    views.add_argument("--month", metavar="YYYY-MM", help="a month, e.g. 2026-05")
    views.add_argument("--search", metavar="QUERY", help="search Hugging Face papers")
    if bookmarks:
        views.add_argument("--bookmarks", action="store_true", help="your bookmarks (offline)")


def _positive(text: str) -> int:
    import argparse

    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def build_parser() -> argparse.ArgumentParser:
    import argparse

    parser = argparse.ArgumentParser(
        prog="papertui",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"papertui {__version__}")
    _add_view_options(parser, bookmarks=True)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    listing = commands.add_parser(
        "list",
        help="print a view's papers as a table or JSON",
        description="Print a view's papers as a table (on a terminal) or as JSON.",
    )
    _add_view_options(listing)
    listing.add_argument(
        "--sort",
        choices=("upvotes", "date", "comments", "stars", "trending"),
        help="sort order (default: upvotes; the trending view keeps HF's order)",
    )
    listing.add_argument("--filter", metavar="QUERY", default="", help="keep matching papers")
    listing.add_argument(
        "--limit", type=_positive, default=50, metavar="N", help="show at most N (default 50)"
    )
    listing.add_argument("--json", action="store_true", help="print a JSON array")
    freshness = listing.add_mutually_exclusive_group()
    freshness.add_argument("--offline", action="store_true", help="never touch the network")
    freshness.add_argument(
        "--refresh", action="store_true", help="fetch even if the cache is fresh"
    )

    from papertui import cli_bookmarks

    cli_bookmarks.add_parsers(commands)

    config = commands.add_parser(
        "config", help="show or create the config file", description="The TOML config file."
    )
    what = config.add_mutually_exclusive_group(required=True)
    what.add_argument("--path", action="store_true", help="print where the config file lives")
    what.add_argument("--show", action="store_true", help="print the config in effect")
    what.add_argument("--init", action="store_true", help="write the defaults (never overwrites)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = None
    args = reader_args(argv)
    if args is None:
        parser = build_parser()
        args = parser.parse_args(argv)
    try:
        if args.command == "list":
            return _list(args, parser)
        if args.command == "config":
            return _config(args)
        if args.command in ("bookmarks", "export"):
            from papertui import cli_bookmarks

            return cli_bookmarks.run(args, parser or build_parser())
        return _reader(args, parser)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        sys.stderr.close()  # a closed pipe (`| head`) is not an error worth a word
        return EXIT_OK


_READER_FLAGS = ("--trending", "--bookmarks")
_READER_VALUES = ("--date", "--week", "--month", "--search")


def reader_args(argv: list[str]) -> Any:
    """The reader's own options (`papertui`, `papertui --date DAY`...), read by hand, or None.

    Building the full parser and importing argparse is a tenth of the reader's start. Anything
    this does not know for certain (help, a subcommand, an abbreviation, two views, a missing
    value) returns None, and argparse reads it and explains what is wrong.
    """
    from types import SimpleNamespace

    found: dict[str, Any] = {}
    rest = iter(argv)
    for arg in rest:
        name, equals, value = arg.partition("=")
        if name in _READER_FLAGS and not equals:
            found[name[2:]] = True
        elif name in _READER_VALUES:
            value = value if equals else next(rest, "-")
            if value.startswith("-"):  # argparse would take it for an option
                return None
            found[name[2:]] = value
        else:
            return None
    if len(found) > 1:
        return None  # argparse says they exclude each other
    args = SimpleNamespace(command=None, trending=False, bookmarks=False)
    args.__dict__.update(dict.fromkeys(name[2:] for name in _READER_VALUES))
    args.__dict__.update(found)
    return args


# --- shared --------------------------------------------------------------------------------


def warn(message: str) -> None:
    print(f"papertui: warning: {message}", file=sys.stderr)


def fail(message: str, code: int = EXIT_NOTHING) -> int:
    print(f"papertui: error: {message}", file=sys.stderr)
    return code


def view_from_args(
    args: argparse.Namespace, parser: argparse.ArgumentParser | None, default: str = "trending"
) -> Any:
    from papertui.views import (
        Kind,
        View,
        ViewError,
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
    except ViewError as exc:
        _usage(parser, str(exc))
    if default == "trending":
        return View(Kind.TRENDING)
    from papertui.views import current

    return current({"daily": Kind.DAY, "weekly": Kind.WEEK, "monthly": Kind.MONTH}[default])


def _usage(parser: argparse.ArgumentParser | None, message: str) -> NoReturn:
    (parser or build_parser()).error(message)  # built only now on the reader's fast path


def open_service() -> Any:
    """Config, store and service, with the config's and the store's warnings printed."""
    from papertui import config as config_mod
    from papertui import paths
    from papertui.service import Service
    from papertui.store import Store

    loaded = config_mod.load(paths.config_file())
    for message in loaded.warnings:
        warn(message)
    return Service(loaded.config, Store(paths.cache_db()), bookmarks=bookmark_file)


def bookmark_file() -> Any:
    from papertui.bookmarks import open_default

    return open_default()


# --- list ----------------------------------------------------------------------------------


def _list(args: argparse.Namespace, parser: argparse.ArgumentParser | None) -> int:
    import asyncio
    import sqlite3

    from papertui import output
    from papertui.query import parse, prepare
    from papertui.service import NothingToShow
    from papertui.views import sort_papers

    view = view_from_args(args, parser)
    try:
        service = open_service()
    except (OSError, sqlite3.Error) as exc:
        return fail(f"cannot open the cache: {exc}")
    progress = output.StderrProgress() if sys.stderr.isatty() else None
    try:
        result = asyncio.run(
            service.load(view, refresh=args.refresh, offline=args.offline, on_progress=progress)
        )
    except NothingToShow as exc:
        return fail(str(exc))
    finally:
        if progress is not None:
            progress.done()
    for message in result.warnings:
        warn(message)
    query = parse(args.filter)
    papers = [p for p in result.papers if query.matches(prepare(p))]
    default_sort = "trending" if view.default_sort == "trending" else service.config.default_sort
    papers = sort_papers(papers, args.sort or default_sort)[: args.limit]
    if args.json:
        output.print_json(papers)
    else:
        output.print_table(papers, result)
    if not papers:
        reason = "no paper matches the filter" if result.papers else "this view has no papers"
        return fail(f"{reason} ({view.label})")
    return EXIT_OK


# --- config --------------------------------------------------------------------------------


def _config(args: argparse.Namespace) -> int:
    from papertui import config as config_mod
    from papertui import paths

    path = paths.config_file()
    if args.path:
        print(path)
        return EXIT_OK
    if args.init:
        try:
            written = config_mod.init(path)
        except OSError as exc:
            return fail(f"cannot write {path}: {exc}")
        if not written:
            return fail(f"{path} already exists; not overwriting it")
        print(f"wrote the default config to {path}")
        return EXIT_OK
    loaded = config_mod.load(path)
    for message in loaded.warnings:
        warn(message)
    print(config_mod.effective_toml(loaded.config), end="")
    return EXIT_OK


# --- the reader ----------------------------------------------------------------------------


def _reader(args: argparse.Namespace, parser: argparse.ArgumentParser | None) -> int:
    import gc

    # Importing Textual and building the first frame make objects by the hundred thousand, and
    # the cyclic collector would sweep them again and again (~30 ms, a twelfth of the start).
    # It is off until the first frame is out (PaperApp.first_frame_shown), on at the latest here.
    gc.disable()
    try:
        return _open_reader(args, parser)
    finally:
        gc.enable()


def _open_reader(args: argparse.Namespace, parser: argparse.ArgumentParser | None) -> int:
    from papertui import config as config_mod
    from papertui import paths

    loaded = config_mod.load(paths.config_file())
    view = view_from_args(args, parser, loaded.config.default_view)
    from papertui import startup

    boot = startup.begin(view, loaded)  # reads the first screenful while Textual imports
    from papertui.app import run_reader

    if boot.wait().error:  # said before the terminal is taken over
        return fail(boot.error or "")
    return run_reader(boot)
