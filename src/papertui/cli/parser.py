"""Every option of every command, for argparse: `papertui --help` and the subcommands' help."""

from __future__ import annotations

import argparse
from typing import Any

from papertui import __version__
from papertui.core.export import FORMATS
from papertui.core.sorts import CLI_SORTS

DESCRIPTION = """\
A terminal reader for Hugging Face Daily Papers.

With no command, opens the reader on the chosen view (else the config's default_view,
trending unless set); press ? there for every key.
Filter syntax (for --filter and the reader's / line): plain words must all occur;
"quoted phrases"; -word excludes; fields title: author: abstract: org: kw: id: tag: note:;
counts upvotes:>=N comments:>N stars:>=N (also <, <=, =); marks is:watched is:bookmarked
is:read is:unread.
"""

EPILOG = """\
environment:
  PAPERTUI_API_URL   API base URL (default https://huggingface.co, or api_url in the config)
  HF_TOKEN           sent as a bearer token when set (raises the rate limit)
  PAPERTUI_DEBUG=1   after a failure, also print what failed in detail (as --verbose)
  XDG_CONFIG_HOME, XDG_CACHE_HOME, XDG_DATA_HOME move the config, cache and data files

examples:
  papertui --date 2026-05-08
  papertui list --week 2026-W19 --sort comments --limit 10
  papertui list --search "diffusion language model" --json
  papertui list --filter 'org:nvidia upvotes:>=20'
  papertui list --date 2026-05-08 | cut -f2,4      (piped: tab-separated columns)
  papertui read 2605.05242 > paper.md               (the full text, kept for offline)
  papertui show 2605.05242 --json                   (with its models, datasets, Spaces)
  papertui sync --from 2026-01                      (the archive since January, resumable)
  papertui list --for-you --days 7                  (the week's papers like your bookmarks)
  papertui digest --date yesterday -o digest.md     (watched, for you, top 10; offline)
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="papertui",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"papertui {__version__}")
    _add_verbose(parser)
    _add_view_options(parser, bookmarks=True)
    parser.add_argument(
        "--local",
        action="store_true",
        help="never touch the network: every view (and S's searches) from the papers kept here",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    _add_list(commands)
    _add_bookmarks(commands)
    _add_export(commands)
    _add_read(commands)
    _add_show(commands)
    _add_sync(commands)
    _add_digest(commands)
    _add_config(commands)
    return parser


def _add_view_options(parser: argparse.ArgumentParser, bookmarks: bool = False) -> None:
    group = parser.add_argument_group("view (pick one)")
    views = group.add_mutually_exclusive_group()
    views.add_argument("--trending", action="store_true", help="HF trending, in HF's own order")
    _add_periods(views)
    views.add_argument("--search", metavar="QUERY", help="search Hugging Face papers")
    if bookmarks:
        views.add_argument("--bookmarks", action="store_true", help="your bookmarks (offline)")
    views.add_argument(
        "--archive",
        action="store_true",
        help="every paper kept here, newest first (offline; papertui sync fetches them all)",
    )
    views.add_argument(
        "--for-you",
        action="store_true",
        help="the last days' papers kept here, ranked by likeness to your bookmarks (offline)",
    )
    group.add_argument(
        "--days",
        type=_positive,
        metavar="N",
        help="with --for-you: the days to look back over (default 14)",
    )


def _add_periods(group: Any) -> None:
    """--date, --week and --month: a view's, or a digest's period."""
    group.add_argument("--date", metavar="DAY", help="a day: YYYY-MM-DD, today or yesterday")
    group.add_argument("--week", metavar="YYYY-Www", help="an ISO week, e.g. 2026-W19")
    group.add_argument("--month", metavar="YYYY-MM", help="a month, e.g. 2026-05")


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not 0 < value <= 3600:  # NaN and inf fail this too
        raise argparse.ArgumentTypeError(f"not a number of seconds above 0, at most 3600: {text!r}")
    return value


def _add_timeout(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--timeout",
        type=_seconds,
        metavar="SECONDS",
        help="the most this command waits on the network, every try together (default: the "
        "config's [network] deadline, 300)",
    )


def _add_verbose(parser: argparse.ArgumentParser) -> None:
    # SUPPRESS: a subcommand's default must not undo `papertui --verbose list`.
    parser.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        default=argparse.SUPPRESS,
        help="after an error, also print what failed in detail (as PAPERTUI_DEBUG=1 does)",
    )


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _add_list(commands: Any) -> None:
    listing = commands.add_parser(
        "list",
        help="print a view's papers as a table or JSON",
        description="Print a view's papers as a table (on a terminal) or as JSON.",
    )
    _add_view_options(listing)
    listing.set_defaults(usage_parser=listing)  # its usage errors show its own usage
    _add_timeout(listing)
    _add_verbose(listing)
    listing.add_argument(
        "--sort",
        choices=[str(sort) for sort in CLI_SORTS],
        help="sort order (default: upvotes; trending keeps HF's order, a search its "
        "relevance; foryou: likeness to your bookmarks, bookmarked papers last)",
    )
    listing.add_argument("--filter", metavar="QUERY", default="", help="keep matching papers")
    listing.add_argument(
        "--limit", type=_positive, default=50, metavar="N", help="show at most N (default 50)"
    )
    listing.add_argument("--json", action="store_true", help="print a JSON array")
    freshness = listing.add_mutually_exclusive_group()
    freshness.add_argument("--offline", action="store_true", help="never touch the network")
    freshness.add_argument(
        "--local",
        action="store_true",
        help="with --search: search the papers kept here (the archive), best first, offline",
    )
    freshness.add_argument(
        "--refresh", action="store_true", help="fetch even if the cache is fresh"
    )


def _add_bookmarks(commands: Any) -> None:
    marks = commands.add_parser(
        "bookmarks",
        help="list, add, remove or repair bookmarks",
        description="The bookmarks file: list, add or remove bookmarks; repair a broken file.",
    )
    actions = marks.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="print the bookmarks, newest first")
    listing.add_argument("--json", action="store_true", help="print a JSON array")
    listing.add_argument("--tag", metavar="T", help="only bookmarks tagged T")
    adding = actions.add_parser("add", help="bookmark papers by arXiv id")
    adding.add_argument("ids", nargs="+", metavar="ID", help="arXiv ids, e.g. 2605.05242")
    adding.add_argument("--tag", action="append", default=[], metavar="T", help="tag (repeatable)")
    adding.add_argument("--note", metavar="TEXT", help="a note to keep with them")
    _add_timeout(adding)
    _add_verbose(adding)
    removing = actions.add_parser("remove", help="remove bookmarks by arXiv id")
    removing.add_argument("ids", nargs="+", metavar="ID")
    actions.add_parser(
        "repair",
        help="set a bookmarks file that does not parse aside and start a new one",
        description="Rename a bookmarks file that does not parse to bookmarks.toml.corrupt-"
        "<time> (its bytes kept, to mend by hand) and start an empty one. Nothing else ever "
        "moves the file: until then, commands say where it breaks and the reader shows the "
        "bookmarks as last read.",
    )


def _add_export(commands: Any) -> None:
    export = commands.add_parser(
        "export",
        help="export bookmarks to Markdown, BibTeX or JSON",
        description="Export the bookmarks. To stdout unless -o names a file.",
    )
    export.add_argument("--format", choices=FORMATS, default=FORMATS[0])
    export.add_argument("-o", "--output", metavar="PATH", default="-", help="file, or - for stdout")
    export.add_argument("--tag", metavar="T", help="only bookmarks tagged T")
    export.add_argument("--force", action="store_true", help="replace an existing file")


def _add_read(commands: Any) -> None:
    read = commands.add_parser(
        "read",
        help="print a paper's full text (Markdown)",
        description="Print a paper's full text as the hub's Markdown: rendered through a "
        "pager on a terminal, the text itself when piped. Kept once read, so it works offline.",
    )
    read.set_defaults(usage_parser=read)
    read.add_argument("id", metavar="ID", help="an arXiv id, e.g. 2605.05242")
    read.add_argument("--offline", action="store_true", help="only a text kept from before")
    _add_timeout(read)
    _add_verbose(read)


def _add_show(commands: Any) -> None:
    show = commands.add_parser(
        "show",
        help="one paper's details and its linked models, datasets and Spaces",
        description="One paper's details and the models, datasets and Spaces on the hub "
        "that cite it (models and datasets by downloads, Spaces by likes).",
    )
    show.set_defaults(usage_parser=show)
    show.add_argument("id", metavar="ID", help="an arXiv id, e.g. 2605.05242")
    show.add_argument("--json", action="store_true", help="print a JSON object")
    _add_timeout(show)
    _add_verbose(show)


def _add_sync(commands: Any) -> None:
    sync = commands.add_parser(
        "sync",
        help="keep the whole Daily Papers archive in the cache, month by month",
        description="Fetch the Daily Papers archive month by month, newest first, into the "
        "cache. A complete month that ended before last month is not fetched again; the "
        "current and the previous month always are (upvotes settle for a week or two). "
        "Paced by the hub's rate limit. Ctrl-C stops it; the next sync resumes.",
    )
    sync.set_defaults(usage_parser=sync)
    sync.add_argument("--from", dest="first", metavar="YYYY-MM", help="the first month (2023-05)")
    sync.add_argument("--to", dest="last", metavar="YYYY-MM", help="the last month (this one)")
    sync.add_argument("--refresh", action="store_true", help="fetch complete months again as well")
    _add_timeout(sync)
    _add_verbose(sync)


def _add_digest(commands: Any) -> None:
    digest = commands.add_parser(
        "digest",
        help="a period's papers as a Markdown digest: watched, for you, top by upvotes",
        description="A Markdown digest of a period's papers kept here (offline): the watched "
        "ones first, grouped by what they matched; then For you, when there are bookmarks; "
        "then the top by upvotes. Nothing to report: exit 1, nothing written. Made for cron: "
        "papertui sync && papertui digest --date yesterday | mail -s papers me",
    )
    digest.set_defaults(usage_parser=digest)
    period = digest.add_mutually_exclusive_group()
    _add_periods(period)
    period.add_argument("--since", metavar="DAY", help="from this day (YYYY-MM-DD) to today")
    digest.add_argument(
        "-o", "--output", metavar="PATH", help="write to PATH (atomically) instead of stdout"
    )
    digest.add_argument("--force", action="store_true", help="replace an existing PATH")
    digest.add_argument(
        "--top", type=_positive, default=10, metavar="N", help="the top N by upvotes (10)"
    )
    _add_verbose(digest)


def _add_config(commands: Any) -> None:
    config = commands.add_parser(
        "config", help="show or create the config file", description="The TOML config file."
    )
    what = config.add_mutually_exclusive_group(required=True)
    what.add_argument("--path", action="store_true", help="print where the config file lives")
    what.add_argument("--show", action="store_true", help="print the config in effect")
    what.add_argument("--init", action="store_true", help="write the defaults (never overwrites)")
