"""The one facade the reader and the CLI call: views, refresh policy and the offline fallback.

Offline-first: an answer comes from the store at once, with its age and source; the network is
asked only when the data is stale or the user asks; when the network fails, the store answers
with a warning; and the default trending view falls back to a bundled sample, marked as such.
"Nothing to show" is raised only when the truth is that nothing could be had.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from papertui.config import Config, api_url
from papertui.models import Paper, parse_entries
from papertui.store import CachedView, Store
from papertui.text import age
from papertui.views import Kind, View, is_current

if TYPE_CHECKING:  # the client (and what it imports) loads with the first fetch, not at start
    from papertui.bookmarks import BookmarkFile, Snapshot
    from papertui.client import FetchError, FetchResult, HFClient, Progress

Source = Literal["live", "cached", "sample", "local"]  # local: the bookmarks file
SAMPLE_DATE = "2026-05-08"


@dataclass
class ViewResult:
    view: View
    papers: list[Paper]
    source: Source
    fetched_at: float | None  # epoch seconds; None for the sample
    warnings: list[str] = field(default_factory=list)
    error: FetchError | None = None  # the fetch that failed, when we fell back
    bookmarks: Snapshot | None = None  # for the bookmarks view: tags, notes, read-only state

    @property
    def offline(self) -> bool:
        return self.error is not None


class NothingToShow(Exception):
    """No papers for this view from the network, the store or the sample; says why."""


class Service:
    def __init__(
        self,
        config: Config,
        store: Store,
        client_factory: Callable[[], HFClient] | None = None,
        clock: Callable[[], float] = time.time,
        bookmarks: Callable[[], BookmarkFile] | None = None,
    ) -> None:
        self.config = config
        self.store = store
        self._open_bookmarks = bookmarks  # opened on first use: not on the way to first paint
        self._bookmarks: BookmarkFile | None = None
        self._client_factory = client_factory or (lambda: default_client(config))
        self._clock = clock
        self._pending_warnings = list(store.warnings)

    # --- reading ------------------------------------------------------------------------------

    def cached(self, view: View, *, light: bool = False) -> ViewResult | None:
        """What the store (or, for trending, the sample) has for `view`, without the network.

        `light` asks for what the list rows show only (no abstracts or authors): a fraction of
        the decoding, for the first paint; the full records follow.
        """
        if view.kind is Kind.BOOKMARKS:
            return self.bookmarks_view()
        cached = self.store.load_rows(view.key) if light else self.store.load_view(view.key)
        # Store warnings wait for `load`: its answers are the ones a caller reports.
        if cached is not None:
            return self._from_cache(view, cached, tell=False)
        if view.kind is Kind.TRENDING:
            return self._sample(view, tell=False)
        return None

    def is_stale(self, view: View, fetched_at: float | None) -> bool:
        if fetched_at is None:
            return True
        return self._clock() - fetched_at > self.ttl_minutes(view) * 60

    def ttl_minutes(self, view: View) -> float:
        ttl = self.config.ttl
        if view.kind is Kind.TRENDING:
            return ttl.trending
        if view.kind is Kind.SEARCH:
            return ttl.search
        return ttl.current if is_current(view) else ttl.past

    async def load(
        self,
        view: View,
        *,
        refresh: bool = False,
        offline: bool = False,
        on_progress: Progress | None = None,
    ) -> ViewResult:
        """The papers of `view`: from the store when fresh, else fetched, else the best fallback."""
        from papertui.client import FetchError

        if view.kind is Kind.BOOKMARKS:
            return self.bookmarks_view()
        cached = self.store.load_view(view.key)
        if offline:
            return self._offline(view, cached)
        if cached is not None and not refresh and not self.is_stale(view, cached.fetched_at):
            return self._from_cache(view, cached)
        try:
            fetched = await self._fetch(view, cached, on_progress)
        except FetchError as error:
            return self._fallback(view, cached, error)
        return self._save(view, cached, fetched)

    def paper(self, pid: str) -> Paper | None:
        return self.store.paper(pid)

    # --- bookmarks ----------------------------------------------------------------------------

    def bookmark_file(self) -> BookmarkFile:
        if self._bookmarks is None:
            if self._open_bookmarks is None:
                from papertui.bookmarks import BookmarkError

                raise BookmarkError("bookmarks are not available here")
            self._bookmarks = self._open_bookmarks()
        return self._bookmarks

    def bookmarks_view(self) -> ViewResult:
        """The bookmarks, newest first, from the file: no network, offline or not."""
        snapshot = self.bookmark_file().load()
        papers = [b.to_paper() for b in snapshot.bookmarks]
        result = self._result(View(Kind.BOOKMARKS), papers, "local", None, snapshot.warnings)
        result.bookmarks = snapshot
        return result

    async def find_papers(self, ids: list[str]) -> tuple[list[Paper], list[str]]:
        """Papers for `ids`: from the store, else fetched one by one. Returns (found, errors)."""
        from papertui.client import FetchError

        found = self.store.papers(ids)
        errors: list[str] = []
        missing = [i for i in ids if i not in found]
        if missing:
            async with self._client_factory() as client:
                for pid in missing:
                    try:
                        found[pid] = await client.paper(pid)
                    except FetchError as exc:
                        errors.append(f"{pid}: {exc}")
        return [found[i] for i in ids if i in found], errors

    # --- steps --------------------------------------------------------------------------------

    async def _fetch(
        self, view: View, cached: CachedView | None, on_progress: Progress | None
    ) -> FetchResult:
        validators = cached.validators if cached is not None else None
        async with self._client_factory() as client:
            return await client.fetch_view(view, validators=validators, on_progress=on_progress)

    def _save(self, view: View, cached: CachedView | None, fetched: FetchResult) -> ViewResult:
        if fetched.not_modified and cached is not None:
            self.store.touch_view(view.key)
            return self._result(view, cached.papers, "live", self._clock())
        now = self._clock()
        self.store.save_view(view.key, view.kind.value, fetched.papers, fetched.validators, now)
        warnings = []
        if fetched.skipped:
            warnings.append(f"skipped {fetched.skipped} malformed entries in the server's answer")
        if fetched.truncated:
            warnings.append(f"stopped after {fetched.pages} pages; the list may be incomplete")
        return self._result(view, fetched.papers, "live", now, warnings)

    def _fallback(self, view: View, cached: CachedView | None, error: FetchError) -> ViewResult:
        if cached is not None:
            result = self._from_cache(view, cached)
            result.warnings.insert(0, f"{error} Showing papers cached {self._age(cached)}.")
            result.error = error
            return result
        if view.kind is Kind.TRENDING:
            result = self._sample(view)
            result.warnings.insert(0, str(error))
            result.error = error
            return result
        raise NothingToShow(f"{error} Nothing is cached for {view.label}.")

    def _offline(self, view: View, cached: CachedView | None) -> ViewResult:
        if cached is not None:
            result = self._from_cache(view, cached)
            if self.is_stale(view, cached.fetched_at):
                result.warnings.append(f"offline: these papers were cached {self._age(cached)}")
            return result
        if view.kind is Kind.TRENDING:
            return self._sample(view)
        raise NothingToShow(
            f"Nothing is cached for {view.label}; run without --offline to fetch it."
        )

    def _from_cache(self, view: View, cached: CachedView, tell: bool = True) -> ViewResult:
        return self._result(view, cached.papers, "cached", cached.fetched_at, tell=tell)

    def _sample(self, view: View, tell: bool = True) -> ViewResult:
        warning = f"showing the bundled sample (the Daily Papers of {SAMPLE_DATE}), not live data"
        return self._result(view, load_sample(), "sample", None, [warning], tell=tell)

    def _result(
        self,
        view: View,
        papers: list[Paper],
        source: Source,
        fetched_at: float | None,
        warnings: list[str] | None = None,
        tell: bool = True,
    ) -> ViewResult:
        # Store warnings (a corrupt cache moved aside) are told once, with the first answer.
        told: list[str] = []
        if tell:
            told, self._pending_warnings = self._pending_warnings, []
        return ViewResult(view, papers, source, fetched_at, told + (warnings or []))

    def _age(self, cached: CachedView) -> str:
        return age(self._clock() - cached.fetched_at)


def load_sample() -> list[Paper]:
    """The bundled snapshot, parsed by the same code as live data."""
    from importlib import resources  # the sample is for a first run: no cost on every start

    raw = resources.files("papertui").joinpath("data/sample.json").read_text(encoding="utf-8")
    return parse_entries(json.loads(raw)).papers


def default_client(config: Config) -> HFClient:
    from papertui.client import ClientSettings, HFClient

    settings = ClientSettings(
        connect_timeout=config.network.timeout,
        read_timeout=config.network.timeout,
        request_deadline=min(config.network.budget, 2 * config.network.timeout),
        budget=config.network.budget,
    )
    return HFClient(api_url(config), settings, token=os.environ.get("HF_TOKEN") or None)
