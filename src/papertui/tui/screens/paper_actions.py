"""The main screen's keys for one paper beyond its abstract: `u` marks it read, `R` reads its
full text, `m` lists its linked models, datasets and Spaces; the detail pane's line of linked
repos, asked for only once the cursor rests on a paper (holding `j` asks for nothing); and the
whole record of a light row (the archive's), read from the store as the detail shows it."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.timer import Timer

from papertui.core.paper import Paper
from papertui.core.repos import LinkedRepo, Repos
from papertui.service import NothingToShow, Service
from papertui.tui.screens.base import PlainScreen
from papertui.tui.screens.link_actions import open_url
from papertui.tui.screens.messages import WholeRead
from papertui.tui.widgets.paper_detail import repo_line, repos_count
from papertui.tui.widgets.paper_list import PaperList

_KINDS = {"model": "Model", "dataset": "Dataset", "space": "Space"}
WHOLES_KEPT = 256


class PaperActions(PlainScreen[None]):
    """A part of `MainScreen` (its base): what it needs of the screen is declared here."""

    service: Service
    _clock: Callable[[], float]
    repos_known: dict[str, Repos | str]  # by paper id: the repos, or what to say instead
    wholes: dict[str, Paper]  # the whole records read for light rows (the archive's), by id
    _repos_timer: Timer | None = None

    @property
    def list(self) -> PaperList:
        return self.query_one(PaperList)

    def _show_detail(self, paper: Paper | None, keep_scroll: bool = False) -> None:
        raise NotImplementedError

    if TYPE_CHECKING:  # given by the screen's other parts

        def bookmark_paper(self, paper: Paper) -> None: ...

        @property
        def offline(self) -> bool: ...

    # --- the archive's rows are light: a paper's whole record is read as it is shown --------

    def whole_of(self, paper: Paper) -> Paper | None:
        """The whole record of a light row if read already; else None, and it is read."""
        whole = self.wholes.get(paper.id)
        if whole is None:
            self._read_whole(paper)
        return whole

    @work(thread=True, exclusive=True, group="whole", exit_on_error=False)
    def _read_whole(self, paper: Paper) -> None:
        self.post_message(WholeRead(self.service.whole_paper(paper)))

    @on(WholeRead)
    def _whole_read(self, event: WholeRead) -> None:
        while len(self.wholes) >= WHOLES_KEPT:  # the oldest first (dicts keep their order)
            del self.wholes[next(iter(self.wholes))]
        self.wholes[event.paper.id] = event.paper
        current = self.list.current
        if current is not None and current.id == event.paper.id:
            self._show_detail(current)

    # --- u: read marks ------------------------------------------------------------------------

    def action_toggle_read(self) -> None:
        paper = self.list.current
        if paper is not None:
            self._mark_read(paper, paper.id not in self.service.read_ids)

    def _mark_read(self, paper: Paper, read: bool) -> None:
        self.service.mark_read(paper.id, read)
        self.list.refresh()
        self._persist_read(paper.id, read)
        if self.list.current is paper:
            self._show_detail(paper)

    @work(thread=True, group="state", exit_on_error=False)
    def _persist_read(self, pid: str, read: bool) -> None:
        said = self.service.persist_read(pid, read)
        if said is not None:
            self.app.call_from_thread(
                self.notify, said, title="Read marks", severity="warning", timeout=10
            )

    # --- R: the full text ---------------------------------------------------------------------

    def action_read(self) -> None:
        from papertui.tui.screens.reading import ReadingScreen

        paper = self.list.current
        if paper is None:
            return
        self._mark_read(paper, True)
        screen = ReadingScreen(
            self.service,
            paper,
            bookmark=self.bookmark_paper,
            offline=self.offline,
            clock=self._clock,
        )
        self.app.push_screen(screen)

    @work(thread=True, group="warm", exit_on_error=False)
    def warm_reading(self) -> None:
        """While the reader idles: what `R` needs (the reading screen's modules, the Markdown
        parser) and what a fetch needs (httpx, the TLS context), so that `R` shows the first
        screen of a paper sooner (benchmarks/README.md)."""
        from papertui.tui.document.blocks import parser
        from papertui.tui.screens.reading import ReadingScreen  # noqa: F401

        parser()
        self.service.warm_up()

    # --- the linked repos ---------------------------------------------------------------------

    def want_repos(self, paper: Paper | None) -> None:
        """Ask for the paper's repos once the cursor has rested on it (the app's repos_delay)."""
        if self._repos_timer is not None:
            self._repos_timer.stop()
            self._repos_timer = None
        delay: float | None = getattr(self.app, "repos_delay", None)
        known = paper is not None and isinstance(self.repos_known.get(paper.id), Repos)
        if paper is not None and not known and delay is not None:
            # (Textual's timer cannot take 0.)
            load = partial(self._load_repos, paper.id)
            self._repos_timer = self.set_timer(max(0.01, delay), load)

    @work(group="repos", exclusive=True, exit_on_error=False)
    async def _load_repos(self, pid: str, then_list: bool = False) -> None:
        current = self.list.current
        if current is None or current.id != pid:
            return
        self._set_repos(pid, "loading…")
        try:
            repos: Repos | str = await self.service.linked_repos(pid)
        except NothingToShow as exc:
            repos = f"unknown ({exc.problem or exc})"
        self._set_repos(pid, repos)
        if then_list:
            self._list_repos(repos)

    def _set_repos(self, pid: str, repos: Repos | str) -> None:
        self.repos_known[pid] = repos
        current = self.list.current
        if current is not None and current.id == pid:
            self._show_detail(current, keep_scroll=True)

    def action_repos(self) -> None:
        paper = self.list.current
        if paper is None:
            return
        known = self.repos_known.get(paper.id)
        if isinstance(known, Repos):
            self._list_repos(known)
        else:
            self._load_repos(paper.id, then_list=True)

    def _list_repos(self, repos: Repos | str) -> None:
        from papertui.tui.screens.picker import PickDialog

        if isinstance(repos, str):
            self.notify(f"The linked models, datasets and Spaces are {repos}.", severity="warning")
            return
        every = [*repos.models, *repos.datasets, *repos.spaces]
        if not every:
            self.notify("No model, dataset or Space on the hub cites this paper.")
            return
        items = [(Text.assemble((f"{_KINDS[r.kind]:<8}", "dim"), repo_line(r)), r) for r in every]
        help = "enter opens the hub page · y copies its link · escape closes"
        dialog = PickDialog(
            repos_count(repos), items, help, on_pick=self._open_repo, url_of=repo_url
        )
        self.app.push_screen(dialog)

    def _open_repo(self, repo: LinkedRepo) -> None:
        open_url(self, repo.url)  # the list stays open: y there copies the link


def repo_url(repo: LinkedRepo) -> str:
    return repo.url
