"""`papertui list`: a view's papers as a table or JSON. Never imports Textual."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from papertui.cli.common import (
    EXIT_OK,
    fail,
    open_service,
    usage,
    verbose,
    view_from_args,
    warn,
)

if TYPE_CHECKING:
    import argparse

    from papertui.core.query import Flags
    from papertui.service import Service, ViewResult


def run(args: argparse.Namespace, parser: argparse.ArgumentParser | None) -> int:
    import asyncio

    from papertui.cli import output
    from papertui.core.query import NO_FLAGS, parse, prepare
    from papertui.core.sorts import Sort, default_sort, sort_papers
    from papertui.core.views import Kind, weekend_note
    from papertui.service import NO_BOOKMARKS, NothingToShow

    view = view_from_args(args, getattr(args, "usage_parser", parser))
    if args.local and view.kind is not Kind.SEARCH:
        usage(getattr(args, "usage_parser", parser), "--local searches: it needs --search QUERY")
    service = open_service(timeout=args.timeout)
    progress = output.StderrProgress() if sys.stderr.isatty() else None
    try:
        result = asyncio.run(
            service.load(
                view,
                refresh=args.refresh,
                offline=args.offline or args.local,
                on_progress=progress,
            )
        )
    except NothingToShow as exc:
        return fail(str(exc), detail=exc.detail)
    finally:
        if progress is not None:
            progress.done()
    for message in result.warnings:
        warn(message)
    if result.error is not None and result.error.detail and verbose():
        warn(f"detail: {result.error.detail}")
    query = parse(args.filter)
    texts = result.texts or {}  # the archive's rows are light: their text comes with them
    flags = _flags(service, result) if query.flags else NO_FLAGS
    papers = [
        p for p in result.papers if query.matches(prepare(p, text=texts.get(p.id), flags=flags))
    ]
    sort = Sort(args.sort or default_sort(view.kind, Sort(service.config.default_sort)))
    why = result.why
    if sort is Sort.FOR_YOU and view.kind is not Kind.FOR_YOU:  # that view comes ranked
        ranked = service.for_you(papers, texts)
        for message in ranked.warnings:
            warn(message)
        if not ranked.profiled:
            warn(NO_BOOKMARKS)
        papers, why = ranked.papers + ranked.marked, ranked.why  # the bookmarked ones last
    papers = sort_papers(papers, sort)[: args.limit]
    if args.json:
        whole = [service.whole_paper(p) for p in papers] if result.light else papers
        output.print_json(whole, result.watched, why)
    else:
        output.print_papers(papers, result)
    if not papers:
        if result.papers:
            return fail(f"no paper matches the filter ({view.label})")
        return fail(weekend_note(view) or f"this view has no papers ({view.label})")
    return EXIT_OK


def _flags(service: Service, result: ViewResult) -> Flags:
    """What `is:` asks of the papers: the watch list's, the bookmarks', the read marks'."""
    from papertui.core.query import Flags

    return Flags(result.watched, service.bookmarks().by_id, service.read_ids)
