"""`papertui bookmarks list|add|remove` and `papertui export`. Never imports Textual."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from datetime import date
from typing import Any

from papertui.cli import EXIT_NOTHING, EXIT_OK, bookmark_file, fail, open_service, warn

FORMATS = ("markdown", "bibtex", "json")  # as export.FORMATS, without importing it here


def add_parsers(commands: Any) -> None:
    marks = commands.add_parser(
        "bookmarks",
        help="list, add or remove bookmarks",
        description="The bookmarks file: list, add or remove bookmarks.",
    )
    actions = marks.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="print the bookmarks, newest first")
    listing.add_argument("--json", action="store_true", help="print a JSON array")
    listing.add_argument("--tag", metavar="T", help="only bookmarks tagged T")
    adding = actions.add_parser("add", help="bookmark papers by arXiv id")
    adding.add_argument("ids", nargs="+", metavar="ID", help="arXiv ids, e.g. 2605.05242")
    adding.add_argument("--tag", action="append", default=[], metavar="T", help="tag (repeatable)")
    adding.add_argument("--note", metavar="TEXT", help="a note to keep with them")
    removing = actions.add_parser("remove", help="remove bookmarks by arXiv id")
    removing.add_argument("ids", nargs="+", metavar="ID")

    export = commands.add_parser(
        "export",
        help="export bookmarks to Markdown, BibTeX or JSON",
        description="Export the bookmarks. To stdout unless -o names a file.",
    )
    export.add_argument("--format", choices=FORMATS, default="markdown")
    export.add_argument("-o", "--output", metavar="PATH", default="-", help="file, or - for stdout")
    export.add_argument("--tag", metavar="T", help="only bookmarks tagged T")
    export.add_argument("--force", action="store_true", help="replace an existing file")


def run(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from papertui.bookmarks import BookmarkError

    try:
        if args.command == "export":
            return _export(args)
        if args.action == "list":
            return _list(args)
        return _change(args, parser)
    except BookmarkError as exc:
        return fail(str(exc))


def _snapshot(tag: str | None) -> Any:
    """The bookmarks (only those tagged `tag`), with the config's and the file's warnings.

    Listing and exporting need neither the cache nor the network: no service, no asyncio."""
    from papertui import config as config_mod
    from papertui import paths
    from papertui.bookmarks import clean_tags

    for message in config_mod.load(paths.config_file()).warnings:
        warn(message)
    snapshot = bookmark_file().load()
    for message in snapshot.warnings:
        warn(message)
    if tag:
        wanted = clean_tags([tag])
        kept = [b for b in snapshot.bookmarks if set(wanted) <= set(b.tags)]
        snapshot = replace(snapshot, bookmarks=kept)
    return snapshot


def _list(args: argparse.Namespace) -> int:
    from papertui import export

    snapshot = _snapshot(args.tag)
    if args.json:
        sys.stdout.write(export.to_json(snapshot.bookmarks))
    elif snapshot.bookmarks:
        _table(snapshot.bookmarks)
    if not snapshot.bookmarks:
        return fail("no bookmarks" + (f" tagged {args.tag!r}" if args.tag else ""))
    return EXIT_OK


def _table(bookmarks: list[Any]) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(title=Text(f"{len(bookmarks)} bookmarks"), title_justify="left")
    for name in ("added", "id", "title", "tags"):
        table.add_column(name, no_wrap=name != "title", overflow="ellipsis")
    for b in bookmarks:
        table.add_row(
            Text(b.added.date().isoformat()), Text(b.id), Text(b.title), Text(" ".join(b.tags))
        )
    Console(highlight=False, markup=False, emoji=False).print(table)


def _change(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from papertui.models import valid_id

    bad = [i for i in args.ids if not valid_id(i)]
    if bad:
        parser.error(f"not an arXiv id: {', '.join(bad)} (e.g. 2605.05242)")
    service = open_service()
    file = service.bookmark_file()
    if args.action == "remove":
        before = file.load().ids
        after = file.remove(args.ids).ids
        gone = [i for i in args.ids if i in before and i not in after]
        for pid in args.ids:
            if pid not in before:
                warn(f"{pid} was not bookmarked")
        print(f"removed {len(gone)} bookmark{'s' * (len(gone) != 1)}", file=sys.stderr)
        return EXIT_OK if gone else EXIT_NOTHING
    import asyncio

    papers, errors = asyncio.run(service.find_papers(list(dict.fromkeys(args.ids))))
    if papers:
        file.add(papers, tags=args.tag, note=args.note)
        print(f"bookmarked {', '.join(p.id for p in papers)}", file=sys.stderr)
    for message in errors:
        fail(f"cannot bookmark {message}")
    return EXIT_NOTHING if errors else EXIT_OK


def _export(args: argparse.Namespace) -> int:
    from pathlib import Path

    from papertui import export
    from papertui.fileio import write_atomic

    snapshot = _snapshot(args.tag)
    if not snapshot.bookmarks:  # nothing is written: an empty export would replace a real one
        return fail("no bookmarks" + (f" tagged {args.tag!r}" if args.tag else "") + " to export")
    blocks = export.encoded(export.parts(args.format, snapshot.bookmarks, date.today()))
    if args.output == "-":
        sys.stdout.flush()
        sys.stdout.buffer.writelines(blocks)
    else:
        target = Path(args.output).expanduser()
        special = target.exists() and not target.is_file()  # /dev/null, a FIFO, /dev/stdout
        if target.exists() and not special and not args.force:
            return fail(f"{target} exists; pass --force to replace it", EXIT_NOTHING)
        try:
            if special:  # written into, never replaced
                with target.open("wb") as stream:
                    stream.writelines(blocks)
            else:
                write_atomic(target, blocks, mode=0o644)
        except OSError as exc:
            return fail(f"cannot write {target}: {exc.strerror or exc}")
        print(f"wrote {len(snapshot.bookmarks)} bookmarks to {target}", file=sys.stderr)
    return EXIT_OK
