"""The one facade the reader and the CLI call for data: views, refresh, bookmarks, read marks
and exports. Nothing above this layer imports the store, the files or the network.

Offline-first: an answer comes from the store at once, with its age and source; the network is
asked only when the data is stale or the user asks; when the network fails, the store answers
with a warning; and the default trending view falls back to a bundled sample, marked as such.
"Nothing to show" is raised only when the truth is that nothing could be had.

Blocking calls (the bookmarks file, `persist_read`, `export`) are for a worker thread in the
reader; `load` is async and runs its disk work on threads itself, so the reader can await it on
its event loop and cancel it when the user leaves the view.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from papertui.core.bookmark import Snapshot
from papertui.core.foryou import Bag, Base
from papertui.core.hf import parse_entries
from papertui.core.paper import Paper
from papertui.core.query import Flags, prepare
from papertui.core.settings import Config
from papertui.core.text import age
from papertui.core.views import Kind, View, is_current
from papertui.core.watch import watched
from papertui.data.db import NotKept
from papertui.data.store import Store
from papertui.data.validators import CachedView
from papertui.service.bookmark_ops import BookmarkOps
from papertui.service.digest_ops import DigestOps
from papertui.service.foryou_ops import ForYouOps
from papertui.service.paper_ops import PaperOps
from papertui.service.results import (
    SAMPLE_DATE,
    NothingToShow,
    Source,
    ViewResult,
    problem,
)
from papertui.service.sync_ops import SyncOps

if TYPE_CHECKING:  # the client and the bookmarks file load on first use, not at start
    from papertui.data.bookmark_file import BookmarkFile
    from papertui.data.http import FetchError
    from papertui.data.hub import FetchResult, HFClient, Progress
    from papertui.data.readstate import ReadState


ARCHIVE_HEAD = 300  # the newest rows of the archive, for its first frame (more than a screen)
SEARCH_HERE = 500  # the best papers kept here shown for a search (the status says of how many)
NO_ARCHIVE = "Nothing is archived here yet: papertui sync fetches the archive."


class Service(BookmarkOps, ForYouOps, DigestOps, PaperOps, SyncOps):
    def __init__(
        self,
        config: Config,
        store: Store | Callable[[], Store],
        client_factory: Callable[[], HFClient] | None = None,
        clock: Callable[[], float] = time.time,
        bookmarks: Callable[[], BookmarkFile] | None = None,
        read_state: ReadState | None = None,
        local: bool = False,
        ends_at: float | None = None,
    ) -> None:
        self.config = config
        # Never touch the network (`papertui --local`): views and searches from what is kept
        # here, and whatever would fetch fails at once, saying so.
        self.local = local
        # A store, or how to open one on first use (listing bookmarks never needs the cache).
        self._store = store if isinstance(store, Store) else None
        self._open_store = store if not isinstance(store, Store) else None
        self._open_bookmarks = bookmarks  # opened on first use: not on the way to first paint
        self._bookmarks: BookmarkFile | None = None
        # `ends_at` (time.monotonic): a command's deadline, which no network wait goes past.
        self._client_factory = client_factory or (lambda: default_client(config, ends_at))
        if local:
            self._client_factory = no_network
        self._clock = clock
        self._pending_warnings = list(self._store.warnings) if self._store is not None else []
        self._read_state = read_state
        # The read marks, kept here and written through: the list dims what is in this set.
        self.read_ids: set[str] = read_state.read_ids() if read_state is not None else set()
        self.marks = Snapshot()  # the bookmarks as last read or written
        self.bookmark_bags: dict[str, Bag] = {}  # For you's: a bookmark's words, kept
        self.bookmark_base: tuple[tuple[str, ...], Base] | None = None  # and their weights

    @property
    def store(self) -> Store:
        if self._store is None:
            assert self._open_store is not None
            self._store = self._open_store()
            self._pending_warnings += self._store.warnings
        return self._store

    # --- views --------------------------------------------------------------------------------

    def cached(self, view: View, *, light: bool = False) -> ViewResult | None:
        """What the store (or, for trending, the sample) has for `view`, without the network.

        `light` asks for what the list rows show only (no abstracts or authors): a fraction of
        the decoding, for the first paint; the full records follow, with what they match of
        the watch list.
        """
        result = self._cached(view, light=light)
        if result is not None and not light:
            result.watched = self.watched_in(result.papers, result.texts)
            result.kept_matches = self._kept_matches(result)
        return result

    def _cached(self, view: View, *, light: bool = False) -> ViewResult | None:
        if view.kind is Kind.BOOKMARKS:
            return self.bookmarks_view()
        if view.kind is Kind.ARCHIVE:
            return self.archive(head=light)
        if view.kind is Kind.FOR_YOU:
            try:
                return self.for_you_view(view, light=light)
            except NothingToShow:
                return None
        if view.kind is Kind.SEARCH and self.local:
            return None  # not the hub's last answer: `load` searches the papers kept here
        cached = self.store.load_rows(view.key) if light else self.store.load_view(view.key)
        cached = cached or self.archived(view, light=light)
        # Store warnings wait for `load`: its answers are the ones a caller reports.
        if cached is not None:
            return self._from_cache(view, cached, tell=False)
        if has_sample(view):
            return self._sample(view, tell=False)
        return None

    def bookmarks_view(self) -> ViewResult:
        """The bookmarks as a view, from the file: no network, offline or not."""
        snapshot = self.bookmarks()
        papers = [b.to_paper() for b in snapshot.bookmarks]
        return self._result(View(Kind.BOOKMARKS), papers, "local", None, snapshot.warnings)

    def archive(self, *, head: bool = False) -> ViewResult | None:
        """Every paper kept here with its Daily Papers day, newest first, as light rows with
        what the filter searches in each (blocking: a thread's job); with `head`, the newest
        few hundred rows alone, for a first frame. None when nothing is archived."""
        store, view = self.store, View(Kind.ARCHIVE)
        papers = store.archive_rows(ARCHIVE_HEAD if head else None)
        if not papers:
            return None
        result = self._result(view, papers, "archive", store.last_synced(), tell=not head)
        if head:
            result.total = store.archive_count()
        else:  # keyed by the papers' own id strings: 30,000 copies of them are 2 MB
            texts = store.archive_texts()
            result.texts = {p.id: text for p in papers if (text := texts.get(p.id)) is not None}
        return result

    def is_stale(self, view: View, fetched_at: float | None) -> bool:
        if self.local or view.kind in (Kind.BOOKMARKS, Kind.ARCHIVE, Kind.FOR_YOU):
            return False  # the file is the truth; the archive grows by `papertui sync`
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
        """The papers of `view`: from the store when fresh, else fetched, else the best
        fallback; with what they match of the watch list."""
        from asyncio import to_thread

        result = await self._load(view, refresh=refresh, offline=offline, on_progress=on_progress)
        result.watched = await to_thread(self.watched_in, result.papers, result.texts)
        result.kept_matches = await to_thread(self._kept_matches, result)
        return result

    def _kept_matches(self, result: ViewResult) -> int:
        """For a search the hub answered with no paper: how many kept here match it."""
        view = result.view
        if view.kind is not Kind.SEARCH or result.papers or result.source == "archive":
            return 0
        return self.store.count_matching(view.arg)

    async def _load(
        self, view: View, *, refresh: bool, offline: bool, on_progress: Progress | None
    ) -> ViewResult:
        from asyncio import to_thread

        from papertui.data.http import FetchError

        if view.kind is Kind.BOOKMARKS:
            return await to_thread(self.bookmarks_view)
        if view.kind is Kind.ARCHIVE:
            archived = await to_thread(self.archive)
            if archived is None:
                raise NothingToShow(NO_ARCHIVE)
            return archived
        if view.kind is Kind.FOR_YOU:
            return await to_thread(self.for_you_view, view)
        cached = await to_thread(self.store.load_view, view.key)
        if cached is None:
            cached = await to_thread(self.archived, view)
        if offline or self.local:
            if view.kind is Kind.SEARCH:  # the papers kept here, ranked by relevance
                return await to_thread(self.search_here, view)
            return await to_thread(self._offline, view, cached)
        if cached is not None and not refresh and not self.is_stale(view, cached.fetched_at):
            return self._from_cache(view, cached)
        try:
            fetched = await self._fetch(view, cached, on_progress)
        except FetchError as error:
            return await to_thread(self._fallback, view, cached, error)
        return await to_thread(self._save, view, cached, fetched)

    async def find_papers(self, ids: list[str]) -> tuple[list[Paper], list[tuple[str, FetchError]]]:
        """Papers for `ids`: from the store, else fetched one by one. Returns (found, errors)."""
        from papertui.data.http import FetchError

        found = self.store.papers(ids)
        errors: list[tuple[str, FetchError]] = []
        missing = [i for i in ids if i not in found]
        if missing:
            async with self._client_factory() as client:
                for pid in missing:
                    try:
                        found[pid] = await client.paper(pid)
                    except FetchError as exc:
                        errors.append((pid, exc))
        return [found[i] for i in ids if i in found], errors

    # --- the watch list -------------------------------------------------------------------------

    def watched_in(
        self, papers: Sequence[Paper], texts: Mapping[str, bytes] | None = None
    ) -> dict[str, tuple[str, ...]]:
        """What each paper matches of the config's watch list, by id (the ones that match
        anything); light rows are read through their filter text (`texts`)."""
        watch = self.config.watch
        if watch.empty:
            return {}
        texts = texts or {}
        flags = Flags(bookmarked=self.marks.by_id, read=self.read_ids)
        hays = [prepare(p, text=texts.get(p.id), flags=flags) for p in papers]
        return watched(hays, watch)

    # --- read marks ---------------------------------------------------------------------------

    def mark_read(self, pid: str, read: bool) -> None:
        """Mark `pid` read or unread here and now (no I/O); `persist_read` writes it down."""
        (self.read_ids.add if read else self.read_ids.discard)(pid)

    def persist_read(self, pid: str, read: bool) -> str | None:
        """Write a read mark to the state database (blocking: call it off the UI thread).
        Returns what to tell when it cannot be written (a full disk): kept until the reader
        quits."""
        if self._read_state is None:
            return None
        try:
            self._read_state.set_read(pid, read)
        except NotKept as exc:
            return f"{exc}: the read mark holds until you quit"
        return None

    # --- steps --------------------------------------------------------------------------------

    async def _fetch(
        self, view: View, cached: CachedView | None, on_progress: Progress | None
    ) -> FetchResult:
        validators = cached.validators if cached is not None else None
        async with self._client_factory() as client:
            return await client.fetch_view(view, validators=validators, on_progress=on_progress)

    def _save(self, view: View, cached: CachedView | None, fetched: FetchResult) -> ViewResult:
        """The fetched view, kept in the store; shown all the same where it cannot be kept
        (a full disk: said)."""
        now = self._clock()
        if fetched.not_modified and cached is not None:
            warnings = self._kept(lambda: self.store.touch_view(view.key))
            return self._result(view, cached.papers, "live", now, warnings)
        warnings = self._kept(
            lambda: self.store.save_view(
                view.key, view.kind.value, fetched.papers, fetched.validators, now
            )
        )
        if fetched.skipped:
            warnings.append(f"skipped {fetched.skipped} malformed entries in the server's answer")
        if fetched.truncated:
            warnings.append(f"stopped after {fetched.pages} pages; the list may be incomplete")
        return self._result(view, fetched.papers, "live", now, warnings)

    @staticmethod
    def _kept(write: Callable[[], None]) -> list[str]:
        """Run a write of fetched papers: a failure (a full disk) is a warning, not an end."""
        try:
            write()
        except NotKept as exc:
            return [f"{exc}: the papers are shown, not kept"]
        return []

    def _fallback(self, view: View, cached: CachedView | None, error: FetchError) -> ViewResult:
        if cached is not None:
            result = self._from_cache(view, cached)
            result.warnings.insert(0, f"{error} Showing papers cached {self._age(cached)}.")
            result.error = error
            return result
        if has_sample(view):
            result = self._sample(view)
            result.warnings.insert(0, str(error))
            result.error = error
            return result
        if view.kind is Kind.SEARCH:
            result = self.search_here(view)
            result.warnings.insert(0, f"{error} Searched the papers kept here instead.")
            result.error = error
            return result
        raise NothingToShow(
            f"{error} Nothing is cached for {view.label}.", error.detail, problem(error)
        )

    def search_here(self, view: View) -> ViewResult:
        """A search over the papers kept here (the archive and every view seen), the best
        SEARCH_HERE first by BM25; no network. Raises NothingToShow when none matches
        (blocking: a thread's job)."""
        store = self.store
        papers = store.search(view.arg, SEARCH_HERE)
        if not papers:
            raise NothingToShow(f"No paper kept here matches {view.arg!r}.")
        result = self._result(view, papers, "archive", store.last_synced())
        if len(papers) == SEARCH_HERE:
            result.total = store.count_matching(view.arg)
        return result

    def _offline(self, view: View, cached: CachedView | None) -> ViewResult:
        if cached is not None:
            result = self._from_cache(view, cached)
            if self.is_stale(view, cached.fetched_at):
                result.warnings.append(f"offline: these papers were cached {self._age(cached)}")
            return result
        if has_sample(view):
            return self._sample(view)
        flag = "--local" if self.local else "--offline"
        raise NothingToShow(f"Nothing is cached for {view.label}; run without {flag} to fetch it.")

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


def has_sample(view: View) -> bool:
    """Whether the bundled sample stands in for `view` when nothing else can: trending (a
    first run offline) and the sample's own day."""
    return view.kind is Kind.TRENDING or view == View(Kind.DAY, SAMPLE_DATE)


def load_sample() -> list[Paper]:
    """The bundled snapshot, parsed by the same code as live data."""
    from importlib import resources  # the sample is for a first run: no cost on every start

    raw = resources.files("papertui").joinpath("data/sample.json").read_text(encoding="utf-8")
    return parse_entries(json.loads(raw)).papers


def no_network() -> HFClient:
    """The client of a service that never touches the network: there is none."""
    from papertui.data.http import FetchError

    raise FetchError("papertui --local does not touch the network.", kind="offline")


def default_client(config: Config, ends_at: float | None = None) -> HFClient:
    from papertui.data.config import api_url
    from papertui.data.http import ClientSettings
    from papertui.data.hub import HFClient

    settings = ClientSettings(
        connect_timeout=config.network.timeout,
        read_timeout=config.network.timeout,
        request_deadline=min(config.network.budget, 2 * config.network.timeout),
        budget=config.network.budget,
        ends_at=ends_at,
    )
    return HFClient(api_url(config), settings, token=os.environ.get("HF_TOKEN") or None)
