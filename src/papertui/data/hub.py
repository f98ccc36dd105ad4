"""The Hugging Face papers API: its endpoints and paging, over `data.http`.

Trending is one page (it spans every paper ever: the first page is the ranking); a day, week or
month follows `Link: rel="next"` up to a page cap, within one time budget.
"""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from papertui.core.archive import RateLimit
from papertui.core.hf import ParseResult, parse_entries, parse_entry
from papertui.core.paper import Paper, valid_id
from papertui.core.repos import Repos, parse_repos
from papertui.core.text import error_text
from papertui.core.views import Kind, View
from papertui.data.http import ClientSettings, FetchError, JsonHttp, Page, Sleep
from papertui.data.validators import Validators

Progress = Callable[[int, int], None]  # pages fetched, papers so far
Pace = Callable[[RateLimit | None, int, int], Awaitable[None]]  # rate, pages, entries so far


@dataclass
class FetchResult:
    papers: list[Paper] = field(default_factory=list)
    skipped: int = 0
    pages: int = 0
    truncated: bool = False  # stopped at the page cap
    not_modified: bool = False
    validators: Validators = field(default_factory=Validators)


class HFClient:
    """An async client of the papers API. Use as `async with HFClient(url) as client:`."""

    def __init__(
        self,
        base_url: str,
        settings: ClientSettings | None = None,
        *,
        token: str | None = None,
        sleep: Sleep = asyncio.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.settings = settings or ClientSettings()
        self._http = JsonHttp(base_url, self.settings, token=token, sleep=sleep, clock=clock)

    async def __aenter__(self) -> HFClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._http.aclose()

    # --- endpoints ------------------------------------------------------------------------

    async def fetch_view(
        self,
        view: View,
        *,
        validators: Validators | None = None,
        on_progress: Progress | None = None,
    ) -> FetchResult:
        """Fetch every page of `view` (up to the page cap) within one time budget."""
        if view.kind is Kind.SEARCH:
            return await self.search(view.arg)
        params: dict[str, str] = {"limit": str(self.settings.page_size)}
        if view.kind is Kind.TRENDING:
            params["sort"] = "trending"
            max_pages = 1  # trending spans every paper ever: one page is the ranking
        else:
            key = {Kind.DAY: "date", Kind.WEEK: "week", Kind.MONTH: "month"}.get(view.kind)
            if key is None:
                raise FetchError(f"{view.label} is not fetched from the network", kind="http")
            params[key] = view.arg
            max_pages = self.settings.max_pages
        return await self._paged("/api/daily_papers", params, max_pages, validators, on_progress)

    async def search(self, query: str, limit: int = 120) -> FetchResult:
        params = {"q": query[:250], "limit": str(max(1, min(limit, 120)))}
        budget = self._http.budget()
        page = await self._http.get("/api/papers/search", params, budget, None)
        return _result([page], await self._parse(page.data, "search results"))

    async def paper(self, arxiv_id: str) -> Paper:
        """One paper by arXiv id (a flat object)."""
        if not re.fullmatch(r"[A-Za-z0-9./-]{1,64}", arxiv_id):
            raise FetchError(f"{arxiv_id!r} is not an arXiv id", kind="http", status=400)
        budget = self._http.budget()
        page = await self._http.get(f"/api/papers/{arxiv_id}", {}, budget, None, what="paper")
        try:
            return parse_entry(page.data)
        except ValueError as exc:
            reason = error_text(exc)
            raise self._http.bad(f"the paper {arxiv_id} came back malformed", reason) from None

    async def paper_text(self, arxiv_id: str) -> str:
        """The paper's full text as the hub's Markdown (raw: the caller sanitises it)."""
        if not valid_id(arxiv_id):
            raise FetchError(f"{arxiv_id!r} is not an arXiv id", kind="http", status=400)
        budget = self._http.budget()
        page = await self._http.get(
            f"/papers/{arxiv_id}.md", {}, budget, None, what="full text", text=True
        )
        return str(page.data)

    async def paper_repos(self, arxiv_id: str) -> Repos:
        """The models, datasets and Spaces that cite the paper (the hub's full lists)."""
        if not valid_id(arxiv_id):
            raise FetchError(f"{arxiv_id!r} is not an arXiv id", kind="http", status=400)
        budget = self._http.budget()
        page = await self._http.get(f"/api/arxiv/{arxiv_id}/repos", {}, budget, None, what="paper")
        if not isinstance(page.data, dict):
            raise self._http.bad("the linked repos came back as something other than an object")
        return parse_repos(page.data)

    async def fetch_month(self, month: str, pace: Pace, max_pages: int = 200) -> FetchResult:
        """Every page of a month for the archive (`month=YYYY-MM`), each page a request of its
        own budget; `pace` is awaited after each with what the RateLimit header said. Entries
        the hub repeats across pages are kept once."""
        params = {"month": month, "limit": str(self.settings.page_size)}
        url: str | None = "/api/daily_papers"
        query: dict[str, str] | None = params
        data: list[Any] = []
        pages = 0
        while url is not None and pages < max_pages:
            page = await self._http.get(url, query, self._http.budget(), None)
            pages += 1
            if not isinstance(page.data, list):
                raise self._http.bad("the server sent an object where a list of papers belongs")
            data.extend(page.data)
            url, query = (page.next_url, None) if page.data else (None, None)
            await pace(page.rate, pages, len(data))
        result = _result([], await self._parse(data, "papers"))
        first: dict[str, Paper] = {}
        for paper in result.papers:
            first.setdefault(paper.id, paper)
        result.papers = list(first.values())
        result.pages, result.truncated = pages, url is not None
        return result

    # --- paging -----------------------------------------------------------------------------

    async def _paged(
        self,
        path: str,
        params: dict[str, str],
        max_pages: int,
        validators: Validators | None,
        on_progress: Progress | None,
    ) -> FetchResult:
        budget = self._http.budget()
        pages: list[Page] = []
        url: str | None = path
        query: dict[str, str] | None = params
        data: list[Any] = []
        while url is not None and len(pages) < max_pages:
            # Validators only make sense for the first page of a one-page answer.
            page = await self._http.get(url, query, budget, validators if not pages else None)
            pages.append(page)
            if page.not_modified:
                return FetchResult(pages=1, not_modified=True, validators=page.validators)
            if not isinstance(page.data, list):
                raise self._http.bad("the server sent an object where a list of papers belongs")
            if not page.data:
                break
            data.extend(page.data)
            if on_progress is not None:
                on_progress(len(pages), len(data))
            url, query = page.next_url, None
        result = _result(pages, await self._parse(data, "papers"))
        result.truncated = url is not None and len(pages) >= max_pages and max_pages > 1
        return result

    async def _parse(self, data: Any, what: str) -> ParseResult:
        try:
            # A month is thousands of entries: parsed off the event loop the reader runs on.
            return await asyncio.to_thread(parse_entries, data)
        except ValueError:
            raise self._http.bad(f"the server sent something other than a list of {what}") from None


def _result(pages: list[Page], parsed: ParseResult) -> FetchResult:
    return FetchResult(
        papers=parsed.papers,
        skipped=parsed.skipped,
        pages=len(pages),
        validators=pages[0].validators if len(pages) == 1 else Validators(),
    )
