"""`papertui digest`: a period's papers as a Markdown digest, offline, made for cron."""

from __future__ import annotations

import sys
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from papertui.cli.common import EXIT_OK, fail, open_service, usage, warn

if TYPE_CHECKING:
    import argparse


def run(args: argparse.Namespace, parser: argparse.ArgumentParser | None) -> int:
    from papertui.service import CannotWrite, NothingToShow

    first, last, title = _period(args, getattr(args, "usage_parser", parser))
    service = open_service()
    try:
        made = service.digest(first, last, title, top=args.top)
        for message in made.warnings:
            warn(message)
        if args.output is None:
            sys.stdout.write(made.text)
            return EXIT_OK
        service.write_digest(made.text, Path(args.output), args.force)
    except (NothingToShow, CannotWrite) as exc:
        return fail(str(exc))
    print(f"wrote the digest of {title} to {args.output}", file=sys.stderr)
    return EXIT_OK


def _period(
    args: argparse.Namespace, parser: argparse.ArgumentParser | None
) -> tuple[date, date, str]:
    """The first and last day, and the digest's title; yesterday unless asked."""
    from papertui.core.views import ViewError, parse_day, parse_month, parse_week, period_span

    try:
        if args.since:
            first = parse_day(args.since).arg
            return date.fromisoformat(first), date.today(), f"papertui digest · since {first}"
        if args.week:
            view = parse_week(args.week)
        elif args.month:
            view = parse_month(args.month)
        else:
            view = parse_day(args.date or (date.today() - timedelta(days=1)).isoformat())
    except ViewError as exc:
        usage(parser, str(exc))
    span = period_span(view)
    assert span is not None  # a day, week or month
    return span[0], span[1], f"papertui digest · {view.label}"
