"""`papertui bookmarks list|add|remove|repair` and `papertui export`. Never imports Textual."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from papertui.cli.common import EXIT_NOTHING, EXIT_OK, fail, open_service, usage, warn
from papertui.core.bookmark import BookmarkError, NothingToExport
from papertui.core.text import error_text, plural

if TYPE_CHECKING:
    import argparse

    from papertui.core.bookmark import Bookmark, Snapshot
    from papertui.service import Service


def run(args: argparse.Namespace, parser: argparse.ArgumentParser | None) -> int:
    try:
        if args.command == "export":
            return _export(args)
        if args.action == "list":
            return _list(args)
        if args.action == "repair":
            return _repair()
        return _change(args, parser)
    except NothingToExport as exc:
        for message in exc.warnings:
            warn(message)
        return fail(str(exc))
    except BookmarkError as exc:
        return fail(str(exc))


def _snapshot(service: Service, tag: str | None) -> Snapshot:
    """The bookmarks (only those tagged `tag`), with the file's warnings printed."""
    snapshot = service.bookmarks(tag)
    for message in snapshot.warnings:
        warn(message)
    return snapshot


def _list(args: argparse.Namespace) -> int:
    from papertui.core import export

    snapshot = _snapshot(open_service(lazy_cache=True), args.tag)
    if args.json:
        sys.stdout.write(export.to_json(snapshot.bookmarks))
    elif snapshot.bookmarks and sys.stdout.isatty():
        _table(snapshot.bookmarks)
    else:  # piped: a line a bookmark, for programs (a table wrapped at 80 columns is not)
        sys.stdout.writelines(_tsv_line(b) for b in snapshot.bookmarks)
    if not snapshot.bookmarks:
        return fail("no bookmarks" + (f" tagged {args.tag!r}" if args.tag else ""))
    return EXIT_OK


def _tsv_line(bookmark: Bookmark) -> str:
    """id, title, tags (spaces between), the day it was added: tab-separated (a title holds
    no tab: clean_text)."""
    cells = (bookmark.id, bookmark.title, " ".join(bookmark.tags), bookmark.added.date())
    return "\t".join(map(str, cells)) + "\n"


def _table(bookmarks: list[Bookmark]) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(title=Text(plural(len(bookmarks), "bookmark")), title_justify="left")
    for name in ("added", "id", "title", "tags"):
        table.add_column(name, no_wrap=name != "title", overflow="ellipsis")
    for b in bookmarks:
        table.add_row(
            Text(b.added.date().isoformat()), Text(b.id), Text(b.title), Text(" ".join(b.tags))
        )
    Console(highlight=False, markup=False, emoji=False).print(table)


def _repair() -> int:
    aside = open_service(lazy_cache=True).repair_bookmarks()
    if aside is None:
        print("the bookmarks file parses: nothing to repair", file=sys.stderr)
        return EXIT_NOTHING
    print(f"the bookmarks file did not parse: it is kept as {aside}; a new one is started",
          file=sys.stderr)  # fmt: skip
    return EXIT_OK


def _change(args: argparse.Namespace, parser: argparse.ArgumentParser | None) -> int:
    from papertui.core.paper import valid_id

    bad = [i for i in args.ids if not valid_id(i)]
    if bad:
        usage(parser, f"not an arXiv id: {', '.join(bad)} (e.g. 2605.05242)")
    service = open_service(lazy_cache=True, timeout=getattr(args, "timeout", None))
    if args.action == "remove":
        gone, absent = service.remove_bookmarks(args.ids)
        for pid in absent:
            warn(f"{pid} was not bookmarked")
        print(f"removed {plural(len(gone), 'bookmark')}", file=sys.stderr)
        return EXIT_OK if gone else EXIT_NOTHING
    import asyncio
    import sqlite3

    try:
        added = asyncio.run(service.add_bookmarks(args.ids, tags=args.tag, note=args.note))
    except (OSError, sqlite3.Error) as exc:  # the cache, where the papers are looked up
        return fail(f"cannot open the cache: {error_text(exc)}")
    papers, errors = added
    if papers:
        print(f"bookmarked {', '.join(p.id for p in papers)}", file=sys.stderr)
    for pid, error in errors:
        fail(f"cannot bookmark {pid}: {error}", detail=error.detail)
    return EXIT_NOTHING if errors else EXIT_OK


def _export(args: argparse.Namespace) -> int:
    service = open_service(lazy_cache=True)
    if args.output == "-":
        sys.stdout.flush()
        done = service.export(args.format, sys.stdout.buffer, tag=args.tag)
    else:
        target = Path(args.output)
        done = service.export(args.format, target, tag=args.tag, force=args.force)
    for message in done.warnings:
        warn(message)
    if done.path is not None:
        print(f"wrote {plural(done.written, 'bookmark')} to {done.path}", file=sys.stderr)
    return EXIT_OK
