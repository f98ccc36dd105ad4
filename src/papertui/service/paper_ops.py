"""The service's operations on one paper: its details, its full text (kept once read, fetched
in the background for a bookmark), its linked repos (kept a day) and where the reader left its
text. A part of `Service` (its base); async, with the disk on threads."""

from __future__ import annotations

import contextlib
from asyncio import to_thread
from collections.abc import Callable
from typing import TYPE_CHECKING

from papertui.core.paper import Paper
from papertui.core.repos import Repos
from papertui.data.db import NotKept
from papertui.service.results import NothingToShow, PaperText, problem

if TYPE_CHECKING:
    from papertui.data.http import FetchError
    from papertui.data.hub import HFClient
    from papertui.data.store import Store

REPOS_TTL = 24 * 3600.0  # seconds a paper's linked repos are kept before they are asked again


class NoText(NothingToShow):
    """The hub has no full text for this paper (a 404), as opposed to a failed fetch."""


class PaperOps:
    """What it needs of the service is declared here."""

    _client_factory: Callable[[], HFClient]
    _clock: Callable[[], float]

    @property
    def store(self) -> Store:
        raise NotImplementedError

    async def find_papers(self, ids: list[str]) -> tuple[list[Paper], list[tuple[str, FetchError]]]:
        raise NotImplementedError

    async def paper_details(self, pid: str) -> tuple[Paper, Repos | None, list[str]]:
        """One paper (from the cache, else the hub) and its linked repos (from the hub; None
        when they cannot be had, with a warning saying why). Raises NothingToShow when the
        paper itself cannot be had."""

        papers, errors = await self.find_papers([pid])
        if not papers:
            error = errors[0][1] if errors else None
            if error is not None and error.status == 404:
                raise NothingToShow(f"The hub does not know {pid}.")
            said = str(error) if error else f"{pid} cannot be had."
            raise NothingToShow(said, error.detail if error else "")
        try:
            repos = await self.linked_repos(pid, fresh=True)
        except NothingToShow as error:
            return papers[0], None, [f"the linked models, datasets and Spaces are unknown: {error}"]
        return papers[0], repos, []

    def whole_paper(self, paper: Paper) -> Paper:
        """The whole record of a paper the reader may hold as a light row (no abstract, no
        authors: its first frame), from the store; the paper itself when the store has none."""
        if paper.summary or paper.authors:
            return paper
        return self.store.papers([paper.id]).get(paper.id) or paper

    async def linked_repos(self, pid: str, *, fresh: bool = False) -> Repos:
        """A paper's linked models, datasets and Spaces: kept for a day, else asked of the hub
        (`fresh`: always asked); a kept copy answers when the hub fails. Raises NothingToShow
        when there is none."""
        from papertui.data.http import FetchError

        kept = await to_thread(self.store.load_repos, pid)
        if kept is not None and not fresh and self._clock() - kept[1] < REPOS_TTL:
            return kept[0]
        try:
            async with self._client_factory() as client:
                repos = await client.paper_repos(pid)
        except FetchError as error:
            if kept is not None:
                return kept[0]
            raise NothingToShow(str(error), error.detail, problem(error)) from None
        with contextlib.suppress(NotKept):  # kept to spare a request: shown all the same
            await to_thread(self.store.save_repos, pid, repos, self._clock())
        return repos

    async def paper_text(self, pid: str, *, offline: bool = False) -> PaperText:
        """A paper's full text: kept once read (it does not change), else fetched and kept;
        offline, only what is kept. Raises NoText for a 404, NothingToShow otherwise."""
        from papertui.core.text import clean_document
        from papertui.data.http import FetchError

        kept = await to_thread(self.store.load_text, pid)
        if kept is not None:
            return PaperText(pid, kept[0], "cached", kept[1], [])
        if offline:
            raise NothingToShow(
                f"The text of {pid} is not kept here; run without --offline to fetch it."
            )
        try:
            async with self._client_factory() as client:
                raw = await client.paper_text(pid)
        except FetchError as error:
            if error.status == 404:
                raise NoText(
                    f"The hub has no full text for {pid} yet; its abstract and links are in "
                    f"`papertui list` and at https://huggingface.co/papers/{pid}.",
                    problem="no full text",
                ) from None
            raise NothingToShow(str(error), error.detail, problem(error)) from None
        text, now = clean_document(raw), self._clock()
        try:
            await to_thread(self.store.save_text, pid, text, now)
        except NotKept as exc:
            return PaperText(pid, text, "live", now, [f"{exc}: the text is shown, not kept"])
        return PaperText(pid, text, "live", now, [])

    async def keep_text(self, pid: str) -> bool:
        """Fetch and keep a paper's text unless it is kept (one request: for a new bookmark,
        so that it can be read offline). Whether the text is kept now; never raises for the
        network."""
        try:
            await self.paper_text(pid)
        except NothingToShow:
            return False
        return True

    def warm_up(self) -> None:
        """Make now what the first request would (httpx imported, the TLS context built): for
        a thread while the reader is idle."""
        from papertui.data.http import warm

        warm()

    def reading_position(self, pid: str) -> int:
        """Where the reader left the paper's text (a block), 0 if never opened."""
        return self.store.load_position(pid)

    def save_reading_position(self, pid: str, block: int) -> None:
        with contextlib.suppress(NotKept):  # a comfort: the next open starts at the top
            self.store.save_position(pid, block)
