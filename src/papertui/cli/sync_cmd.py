"""`papertui sync [--from YYYY-MM] [--to YYYY-MM] [--refresh]`: the Daily Papers archive,
month by month, into the cache. On a terminal a Rich progress bar; otherwise one line per
month on stderr; a summary at the end (what this run fetched, and the archive's whole). One
sync runs at a time on a cache: another says so and exits 1. Ctrl-C stops it (exit 130) with
every finished month kept: the next sync resumes."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from papertui.cli.common import EXIT_OK, fail, open_service, usage

if TYPE_CHECKING:
    import argparse

    from papertui.service import SyncEvent, SyncSummary


def run(args: argparse.Namespace, parser: argparse.ArgumentParser | None) -> int:
    import asyncio

    from papertui.core.archive import FIRST_MONTH, check_month, month_of, months_between
    from papertui.core.views import ViewError, today_utc
    from papertui.service import NothingToShow

    today = today_utc()
    try:
        first = check_month(args.first or FIRST_MONTH, today)
        last = check_month(args.last or month_of(today), today)
        months = months_between(first, last)
    except ViewError as exc:
        usage(parser, str(exc))
    service = open_service(timeout=args.timeout)
    show = BarProgress(len(months)) if sys.stderr.isatty() else LineProgress()
    stopped_by = _stop_on_signals()
    try:
        with show:
            summary = asyncio.run(
                service.sync(first, last, refresh=args.refresh, today=today, on_event=show)
            )
    except NothingToShow as exc:
        kept = show.fetched
        said = f" {kept} {'month' if kept == 1 else 'months'} kept; run it again to resume."
        return fail(f"{exc}{said if kept else ''}", detail=exc.detail)
    except KeyboardInterrupt:
        print(f"papertui: stopped: {show.fetched} months kept; `papertui sync` resumes from "
              "there.", file=sys.stderr)  # fmt: skip
        return 128 + (stopped_by[0] if stopped_by else 2)  # 130 for ctrl-c, 143 for SIGTERM
    print(summary_line(summary), file=sys.stderr)
    return EXIT_OK


def _stop_on_signals() -> list[int]:
    """SIGTERM and SIGHUP stop a sync as ctrl-c does (the months finished are kept, and it
    says so); the list holds the signal that did."""
    import signal

    received: list[int] = []

    def stop(signum: int, frame: object) -> None:
        received.append(signum)
        raise KeyboardInterrupt

    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, stop)
    return received


def summary_line(summary: SyncSummary) -> str:
    """What this run fetched, next to the archive's whole."""
    months = f"{len(summary.fetched)} {'month' if len(summary.fetched) == 1 else 'months'}"
    parts = [
        f"{summary.new:,} papers fetched in {months}",
        f"the archive holds {summary.papers:,}",
        f"{len(summary.skipped)} skipped as complete",
        f"{summary.requests} requests",
    ]
    if summary.waited:
        parts.append(f"{summary.waited:.0f} s waiting for the rate limit")
    parts.append(f"{summary.seconds:.0f} s")
    return " · ".join(parts)


SAID_FROM = 1.0  # seconds: a shorter wait for the rate limit is not worth a word


class LineProgress:
    """One line per month on stderr (piped, or under cron), with the month's waits in it."""

    def __init__(self) -> None:
        self.fetched = 0
        self._waited = 0.0  # this month's

    def __enter__(self) -> LineProgress:
        return self

    def __exit__(self, *exc: object) -> None:
        pass

    def __call__(self, event: SyncEvent) -> None:
        if event.kind == "done":
            self.fetched += 1
            waited = f"; {self._waited:.0f} s waiting" if self._waited >= SAID_FROM else ""
            print(f"{event.month}: {event.papers} papers ({event.requests} requests so far"
                  f"{waited})", file=sys.stderr)  # fmt: skip
            self._waited = 0.0
        elif event.kind == "skipped":
            print(f"{event.month}: complete, skipped", file=sys.stderr)
        elif event.kind == "wait":
            self._waited += event.wait


class BarProgress(LineProgress):
    """A Rich progress bar over the months, the papers and requests, and waits said as such."""

    def __init__(self, months: int) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        super().__init__()
        self._progress = Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
            TextColumn("{task.fields[status]}"), console=Console(stderr=True), transient=True,
        )  # fmt: skip
        self._task = self._progress.add_task("months", total=months, status="")
        self._papers = 0

    def __enter__(self) -> BarProgress:
        self._progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._progress.stop()

    def __call__(self, event: SyncEvent) -> None:
        status = None
        if event.kind in ("done", "skipped"):
            self.fetched += event.kind == "done"
            self._papers += event.papers
            self._progress.advance(self._task)
            status = f"{self._papers:,} papers · {event.requests} requests"
        elif event.kind in ("month", "page"):
            status = f"{event.month}: {event.papers} papers · {event.requests} requests"
        elif event.kind == "wait" and event.wait >= SAID_FROM:
            status = f"{event.month}: waiting {event.wait:.0f} s for {event.said}"
        if status is not None:
            self._progress.update(self._task, status=status)
