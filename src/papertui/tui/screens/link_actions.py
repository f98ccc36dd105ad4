"""The main screen's link keys: `o` `O` `p` open the HF page, arXiv or the PDF in a browser
(https only, never through a shell), `y` `Y` copy a link."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work

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
        """Open an https:// URL in a browser, off the UI thread; anything else is refused."""
        if not is_openable(url):
            self.notify("Only https:// links are opened.", severity="warning")
        elif self.app.is_web:  # served in a browser: Textual opens it there
            self.app.open_url(url)
            self.notify(f"Opening {url}")
        else:
            self._open_in_browser(url)

    @work(thread=True, group="browser", exit_on_error=False)
    def _open_in_browser(self, url: str) -> None:
        self.post_message(browse(url))

    def action_copy(self, which: str) -> None:
        paper = self.list.current
        if paper is None:
            return
        url = self._url(which, paper)
        self.app.copy_to_clipboard(url)
        self.notify(f"Copied {url}")


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
