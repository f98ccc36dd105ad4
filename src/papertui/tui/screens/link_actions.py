"""The main screen's link keys: `o` `O` `p` open the HF page, arXiv or the PDF in a browser
(https only, never through a shell), `y` `Y` copy a link; `open_url`, which the reading screen
uses too."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from textual.screen import Screen

from papertui.core.paper import Paper
from papertui.core.text import is_openable
from papertui.tui.screens.base import PlainScreen
from papertui.tui.screens.messages import Say
from papertui.tui.widgets.paper_list import PaperList


class LinkActions(PlainScreen[None]):
    """A part of `MainScreen` (its base): what it needs of the screen is declared here."""

    @property
    def list(self) -> PaperList:
        return self.query_one(PaperList)

    if TYPE_CHECKING:  # given by PaperActions, another part of the screen

        def _mark_read(self, paper: Paper, read: bool) -> None: ...

    def _url(self, which: str, paper: Paper) -> str:
        return {"hf": paper.hf_url, "arxiv": paper.arxiv_url, "pdf": paper.pdf_url}[which]

    def action_open(self, which: str) -> None:
        paper = self.list.current
        if paper is None:
            return
        url = self._url(which, paper)
        if is_openable(url):
            self._mark_read(paper, True)
        self.open_url(url)

    def open_url(self, url: str) -> None:
        open_url(self, url)

    def action_copy(self, which: str) -> None:
        paper = self.list.current
        if paper is None:
            return
        url = self._url(which, paper)
        self.app.copy_to_clipboard(url)
        self.notify(f"Copied {url}")


def open_url(screen: Screen[Any], url: str) -> None:
    """Open an https:// URL in a browser, off the UI thread (the screen is told how it went);
    anything else is refused."""
    if not is_openable(url):
        screen.notify("Only https:// links are opened.", severity="warning", markup=False)
    elif screen.app.is_web:  # served in a browser: Textual opens it there
        screen.app.open_url(url)
        screen.notify(f"Opening {url}", markup=False)
    else:
        screen.run_worker(
            partial(_browse_and_tell, screen, url),
            thread=True,
            group="browser",
            exit_on_error=False,
        )


def _browse_and_tell(screen: Screen[Any], url: str) -> None:
    screen.post_message(browse(url))


def browse(url: str) -> Say:
    """Open `url` (https only, checked by the caller) in a browser; what to say of it.
    Blocking: webbrowser may take a while, and on a server it finds no browser."""
    import webbrowser

    try:
        opened = webbrowser.open(url)
    except webbrowser.Error:
        opened = False
    if opened:
        return Say(f"Opening {url}")
    return Say(f"No browser could be opened here. y or Y copies the link: {url}", "warning")
