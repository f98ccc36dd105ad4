"""The service's sync of the Daily Papers archive: month by month, newest first, every page,
paced by the hub's RateLimit header; each month kept in one transaction as it arrives, so a
sync stopped anywhere (ctrl-c, a failure) resumes from the months it has not finished. A part
of `Service` (its base)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from papertui.core.archive import RateLimit, is_settled, month_of, months_between, pause_after
from papertui.core.text import age
from papertui.core.views import View, period_span
from papertui.data.db import NotKept
from papertui.service.results import NothingToShow, problem

if TYPE_CHECKING:
    from papertui.data.hub import HFClient
    from papertui.data.store import Store
    from papertui.data.validators import CachedView

RATE_LIMIT_RETRIES = 3  # a month asked again after a 429, waiting as told each time


class SyncEvent(NamedTuple):
    kind: str  # month (started), page, done, skipped, wait, failed
    month: str = ""
    papers: int = 0  # of the month so far, or kept
    requests: int = 0  # of the whole sync so far
    wait: float = 0.0  # seconds, for a wait
    said: str = ""  # why: the failure's sentence, or what the wait is for


@dataclass
class SyncSummary:
    papers: int = 0  # in the archive at the end
    new: int = 0  # papers this run fetched
    fetched: list[str] = field(default_factory=list)  # months fetched whole
    skipped: list[str] = field(default_factory=list)  # complete and settled: not asked
    requests: int = 0
    waited: float = 0.0  # seconds spent waiting for the rate limit
    seconds: float = 0.0


Sleep = Callable[[float], Awaitable[None]]


class SyncOps:
    """What it needs of the service is declared here."""

    _client_factory: Callable[[], HFClient]
    _clock: Callable[[], float]

    @property
    def store(self) -> Store:
        raise NotImplementedError

    def archived(self, view: View, light: bool = False) -> CachedView | None:
        """A day, week or month from the archive when a sync completed its months (blocking);
        `light`: as list rows only."""
        span = period_span(view)
        return self.store.load_archived(*span, light=light) if span is not None else None

    def nothing_kept(self, first: date, last: date, span: str) -> str:
        """Why there is no paper of `first` to `last` here, in one sentence: the hub has none
        when a sync has every month of it (a cron job need not sync again), else no sync
        has fetched them."""
        months = months_between(month_of(first), month_of(last))
        synced = self.store.last_synced()
        if synced is not None and set(months) <= self.store.complete_months():
            return (
                f"The hub has no papers for {span} (the archive holds every day of it, "
                f"synced {age(self._clock() - synced)})."
            )
        return f"No papers of {span} are kept here: papertui sync fetches them."

    async def sync(
        self,
        first: str,
        last: str,
        *,
        refresh: bool = False,
        today: date,
        on_event: Callable[[SyncEvent], None] = lambda event: None,
        sleep: Sleep = asyncio.sleep,
    ) -> SyncSummary:
        """Fetch the months from `last` back to `first`. A complete month that ended before
        last month is skipped unless `refresh`. Raises NothingToShow on the first month that
        cannot be had (the months before it are kept); KeyboardInterrupt and cancellation pass
        through, the finished months kept."""
        from papertui.data.fileio import locked

        started = time.monotonic()
        run = _Run(SyncSummary(), on_event, sleep)
        try:
            # One sync a cache: three at once fetched the whole archive three times.
            with locked(Path(self.store.path).with_name("sync.lock"), 0):
                await self._sync_months(first, last, refresh, today, run)
        except TimeoutError:
            raise NothingToShow(
                "another papertui sync is running on this cache: it keeps the archive; this "
                "one did nothing"
            ) from None
        run.summary.papers = await asyncio.to_thread(self.store.archive_count)
        run.summary.seconds = time.monotonic() - started
        return run.summary

    async def _sync_months(
        self, first: str, last: str, refresh: bool, today: date, run: _Run
    ) -> None:
        done = await asyncio.to_thread(self.store.complete_months)
        async with self._client_factory() as client:
            for month in months_between(first, last):
                if month in done and is_settled(month, today) and not refresh:
                    run.summary.skipped.append(month)
                    run.tell("skipped", month)
                    continue
                run.tell("month", month)
                count = await self._sync_month(client, month, run)
                run.summary.fetched.append(month)
                run.summary.new += count
                run.tell("done", month, count)

    async def _sync_month(self, client: HFClient, month: str, run: _Run) -> int:
        from papertui.data.http import FetchError

        async def pace(rate: RateLimit | None, pages: int, entries: int) -> None:
            run.summary.requests += 1
            run.tell("page", month, entries)
            wait = pause_after(rate)
            if wait > 0:
                await run.wait(wait, "the hub's rate limit", month)

        for attempt in range(RATE_LIMIT_RETRIES + 1):
            try:
                result = await client.fetch_month(month, pace)
                break
            except FetchError as error:
                run.summary.requests += 1
                if error.kind != "rate_limited" or attempt == RATE_LIMIT_RETRIES:
                    run.tell("failed", month, said=str(error))
                    raise NothingToShow(str(error), error.detail, problem(error)) from None
                wait = error.retry_after if error.retry_after is not None else 60.0
                await run.wait(wait, "a 429: the hub asked us to wait", month)
        # Kept whole (one transaction) before the next month is asked for.
        now, complete = self._clock(), not result.truncated
        try:
            await asyncio.to_thread(self.store.save_month, month, result.papers, complete, now)
        except NotKept as exc:  # a full disk: the months before this one are kept
            run.tell("failed", month, said=str(exc))
            raise NothingToShow(f"{exc}; {month} is not kept (the months before it are)") from None
        return len(result.papers)


class _Run:
    """One sync's tally, and how it tells and waits."""

    def __init__(
        self, summary: SyncSummary, on_event: Callable[[SyncEvent], None], sleep: Sleep
    ) -> None:
        self.summary, self._on_event, self._sleep = summary, on_event, sleep

    def tell(self, kind: str, month: str, papers: int = 0, said: str = "") -> None:
        self._on_event(SyncEvent(kind, month, papers, self.summary.requests, said=said))

    async def wait(self, seconds: float, why: str, month: str) -> None:
        self._on_event(
            SyncEvent("wait", month, requests=self.summary.requests, wait=seconds, said=why)
        )
        self.summary.waited += seconds
        await self._sleep(seconds)
