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
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Literal, NamedTuple, TypeVar

from papertui.core.bookmark import BookmarkError, NothingToExport, Snapshot
from papertui.core.hf import parse_entries
from papertui.core.paper import Paper
from papertui.core.settings import Config
from papertui.core.text import age
from papertui.core.views import Kind, View, is_current
from papertui.data.store import CachedView, Store

if TYPE_CHECKING:  # the client and the bookmarks file load on first use, not at start
    from papertui.data.bookmark_file import BookmarkFile
    from papertui.data.http import FetchError
    from papertui.data.hub import FetchResult, HFClient, Progress
    from papertui.data.readstate import ReadState

Source = Literal["live", "cached", "sample", "local"]  # local: the bookmarks file
T = TypeVar("T")
SAMPLE_DATE = "2026-05-08"


@dataclass
class ViewResult:
    view: View
    papers: list[Paper]
    source: Source
    fetched_at: float | None  # epoch seconds; None for the sample
    warnings: list[str] = field(default_factory=list)
    error: FetchError | None = None  # the fetch that failed, when we fell back

    @property
    def offline(self) -> bool:
        return self.error is not None

    @property
    def problem(self) -> str:
        """What went wrong with the fetch, in a few words ('' when nothing did)."""
        return problem(self.error) if self.error is not None else ""


class Exported(NamedTuple):
    written: int  # how many bookmarks
    path: Path | None  # the file written, None for a stream
    warnings: list[str]  # the bookmarks file's


class NothingToShow(Exception):
    """No papers for this view from the network, the store or the sample; says why."""

    def __init__(self, message: str, detail: str = "", problem: str = "") -> None:
        super().__init__(message)
        self.detail = detail  # the failed fetch's low-level detail, for --verbose
        self.problem = problem  # what went wrong, in a few words, for a status line


class Service:
    def __init__(
        self,
        config: Config,
        store: Store | Callable[[], Store],
        client_factory: Callable[[], HFClient] | None = None,
        clock: Callable[[], float] = time.time,
        bookmarks: Callable[[], BookmarkFile] | None = None,
        read_state: ReadState | None = None,
    ) -> None:
        self.config = config
        # A store, or how to open one on first use (listing bookmarks never needs the cache).
        self._store = store if isinstance(store, Store) else None
        self._open_store = store if not isinstance(store, Store) else None
        self._open_bookmarks = bookmarks  # opened on first use: not on the way to first paint
        self._bookmarks: BookmarkFile | None = None
        self._client_factory = client_factory or (lambda: default_client(config))
        self._clock = clock
        self._pending_warnings = list(self._store.warnings) if self._store is not None else []
        self._read_state = read_state
        # The read marks, kept here and written through: the list dims what is in this set.
        self.read_ids: set[str] = read_state.read_ids() if read_state is not None else set()
        self.marks = Snapshot()  # the bookmarks as last read or written

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
        the decoding, for the first paint; the full records follow.
        """
        if view.kind is Kind.BOOKMARKS:
            return self.bookmarks_view()
        cached = self.store.load_rows(view.key) if light else self.store.load_view(view.key)
        # Store warnings wait for `load`: its answers are the ones a caller reports.
        if cached is not None:
            return self._from_cache(view, cached, tell=False)
        if has_sample(view):
            return self._sample(view, tell=False)
        return None

    def is_stale(self, view: View, fetched_at: float | None) -> bool:
        if view.kind is Kind.BOOKMARKS:
            return False  # the file is the truth; nothing to fetch
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
        from asyncio import to_thread

        from papertui.data.http import FetchError

        if view.kind is Kind.BOOKMARKS:
            return await to_thread(self.bookmarks_view)
        cached = await to_thread(self.store.load_view, view.key)
        if offline:
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

    # --- bookmarks (blocking: the file is read and written under a lock) -----------------------

    def bookmarks(self, tag: str | None = None) -> Snapshot:
        """The bookmarks in the file now, newest first (only those tagged `tag`)."""
        self.marks = self._marks_do(lambda file: file.load())
        return self.marks.tagged(tag)

    def bookmarks_view(self) -> ViewResult:
        """The bookmarks as a view, from the file: no network, offline or not."""
        snapshot = self.bookmarks()
        papers = [b.to_paper() for b in snapshot.bookmarks]
        return self._result(View(Kind.BOOKMARKS), papers, "local", None, snapshot.warnings)

    def toggle_bookmark(self, paper: Paper) -> bool:
        """Bookmark `paper`, or remove its bookmark. Returns whether it is bookmarked now.

        The reader's first frame holds light rows (no abstract, authors or links): the full
        record comes from the store, so a bookmark is always saved whole."""
        if not paper.summary and not paper.authors:
            paper = self.store.papers([paper.id]).get(paper.id) or paper
        now_on, self.marks = self._marks_do(lambda file: file.toggle(paper))
        return now_on

    def edit_bookmark(
        self, pid: str, *, note: str | None = None, tags: Iterable[str] | None = None
    ) -> Snapshot:
        self.marks = self._marks_do(lambda file: file.update(pid, note=note, tags=tags))
        return self.marks

    async def add_bookmarks(
        self, ids: list[str], tags: Iterable[str] = (), note: str | None = None
    ) -> tuple[list[Paper], list[tuple[str, FetchError]]]:
        """Bookmark the papers `ids` (from the store, else the API). Returns (added, errors)."""
        papers, errors = await self.find_papers(list(dict.fromkeys(ids)))
        if papers:
            self.marks = self._marks_do(lambda file: file.add(papers, tags=tags, note=note))
        return papers, errors

    def remove_bookmarks(self, ids: Iterable[str]) -> tuple[list[str], list[str]]:
        """Remove the bookmarks of `ids`. Returns (removed, those that were not bookmarked)."""
        ids = list(ids)
        before = self.bookmarks().ids
        self.marks = self._marks_do(lambda file: file.remove(ids))
        return [i for i in ids if i in before], [i for i in ids if i not in before]

    def export(
        self,
        fmt: str,
        target: Path | BinaryIO | None = None,
        *,
        tag: str | None = None,
        force: bool = True,
        today: date | None = None,
    ) -> Exported:
        """Write the bookmarks (tagged `tag`) in `fmt` to `target`: a stream, a path, or the
        config's export path. An existing file is replaced only with `force`; nothing at all is
        written when there is nothing to export (raises `NothingToExport`)."""
        from papertui.core import export

        snapshot = self.bookmarks(tag)
        if not snapshot.bookmarks:
            raise NothingToExport(tag, snapshot.warnings)
        blocks = export.encoded(export.parts(fmt, snapshot.bookmarks, today or date.today()))
        if target is None or isinstance(target, Path):
            path = target or self.export_target()
            if target is not None:  # a path the user typed: like cp, no directory is made
                _check_export_target(path.expanduser())
            self._write_export(path, blocks, force)
            return Exported(len(snapshot.bookmarks), path, snapshot.warnings)
        target.writelines(blocks)
        return Exported(len(snapshot.bookmarks), None, snapshot.warnings)

    def export_target(self) -> Path:
        """Where the reader's `e` writes: the config's export_path, else the documents dir."""
        from papertui.data import paths

        return Path(self.config.export_path) if self.config.export_path else paths.default_export()

    def _write_export(self, target: Path, blocks: Iterable[bytes], force: bool) -> None:
        from papertui.data.fileio import write_atomic

        target = target.expanduser()
        special = target.exists() and not target.is_file()  # /dev/null, a FIFO, /dev/stdout
        if target.exists() and not special and not force:
            raise BookmarkError(f"{target} exists; pass --force to replace it")
        try:
            if special:  # written into, never replaced
                with target.open("wb") as stream:
                    stream.writelines(blocks)
            else:
                write_atomic(target, blocks, mode=0o644)
        except OSError as exc:
            raise BookmarkError(f"cannot write {target}: {exc.strerror or exc}") from None

    def _marks_do(self, operation: Callable[[BookmarkFile], T]) -> T:
        """Run `operation` on the bookmarks file; every failure is one `BookmarkError`."""
        try:
            if self._bookmarks is None:
                if self._open_bookmarks is None:
                    raise BookmarkError("bookmarks are not available here")
                self._bookmarks = self._open_bookmarks()
            return operation(self._bookmarks)
        except OSError as exc:  # a full disk, a read-only directory: the file is as it was
            where = f" ({exc.filename})" if exc.filename else ""
            raise BookmarkError(f"bookmarks not saved: {exc.strerror or exc}{where}") from None

    # --- read marks ---------------------------------------------------------------------------

    def mark_read(self, pid: str, read: bool) -> None:
        """Mark `pid` read or unread here and now (no I/O); `persist_read` writes it down."""
        (self.read_ids.add if read else self.read_ids.discard)(pid)

    def persist_read(self, pid: str, read: bool) -> None:
        """Write a read mark to the state database (blocking: call it off the UI thread)."""
        if self._read_state is not None:
            self._read_state.set_read(pid, read)

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
        if has_sample(view):
            result = self._sample(view)
            result.warnings.insert(0, str(error))
            result.error = error
            return result
        raise NothingToShow(
            f"{error} Nothing is cached for {view.label}.", error.detail, problem(error)
        )

    def _offline(self, view: View, cached: CachedView | None) -> ViewResult:
        if cached is not None:
            result = self._from_cache(view, cached)
            if self.is_stale(view, cached.fetched_at):
                result.warnings.append(f"offline: these papers were cached {self._age(cached)}")
            return result
        if has_sample(view):
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


_PROBLEMS = {
    "offline": "offline",
    "timeout": "server did not answer",
    "rate_limited": "rate-limited",
    "bad_response": "unusable answer",
    "too_large": "answer too large",
}


def problem(error: FetchError) -> str:
    """A failed fetch in a few words: 'offline' only when the network is the cause."""
    if error.kind == "http":
        return "server error" if (error.status or 0) >= 500 else "request refused"
    return _PROBLEMS.get(error.kind, "fetch failed")


def _check_export_target(target: Path) -> None:
    if target.is_dir():
        raise BookmarkError(f"{target} is a directory; name the file to write")
    if not target.parent.is_dir():
        raise BookmarkError(f"{target.parent} does not exist; create it first")


def has_sample(view: View) -> bool:
    """Whether the bundled sample stands in for `view` when nothing else can: trending (a
    first run offline) and the sample's own day."""
    return view.kind is Kind.TRENDING or view == View(Kind.DAY, SAMPLE_DATE)


def load_sample() -> list[Paper]:
    """The bundled snapshot, parsed by the same code as live data."""
    from importlib import resources  # the sample is for a first run: no cost on every start

    raw = resources.files("papertui").joinpath("data/sample.json").read_text(encoding="utf-8")
    return parse_entries(json.loads(raw)).papers


def default_client(config: Config) -> HFClient:
    from papertui.data.config import api_url
    from papertui.data.http import ClientSettings
    from papertui.data.hub import HFClient

    settings = ClientSettings(
        connect_timeout=config.network.timeout,
        read_timeout=config.network.timeout,
        request_deadline=min(config.network.budget, 2 * config.network.timeout),
        budget=config.network.budget,
    )
    return HFClient(api_url(config), settings, token=os.environ.get("HF_TOKEN") or None)
