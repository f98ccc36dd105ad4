"""The main screen's link keys: `o` `O` `p` open the HF page, arXiv or the PDF in a browser
(https only, never through a shell), `y` `Y` `P` copy those links; `open_url`, which the
reading screen and the lists of links use too. Where no browser can be opened, the message
names the key that copies the link where it is shown."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from textual.app import App
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
        open_url(self, url, COPY_KEYS[which])

    def action_copy(self, which: str) -> None:
        paper = self.list.current
        if paper is None:
            return
        url = self._url(which, paper)
        self.app.copy_to_clipboard(url)
        self.notify(f"Copied {url}")


COPY_KEYS = {"hf": "y", "arxiv": "Y", "pdf": "P"}  # on the main screen, by link


def open_url(screen: Screen[Any], url: str, copy_key: str = "y") -> None:
    """Open an https:// URL in a browser, off the UI thread (the user is told how it went,
    and where no browser opens, that `copy_key` copies the link); anything else is
    refused."""
    app = screen.app
    if not is_openable(url):
        app.notify("Only https:// links are opened.", severity="warning", markup=False)
    elif app.is_web:  # served in a browser: Textual opens it there
        app.open_url(url)
        app.notify(f"Opening {url}", markup=False)
    else:
        # On the app: a list of links may close before the browser answers.
        app.run_worker(
            partial(_browse_and_tell, app, url, copy_key),
            thread=True,
            group="browser",
            exit_on_error=False,
        )


def _browse_and_tell(app: App[Any], url: str, copy_key: str) -> None:
    said = browse(url, copy_key)
    app.call_from_thread(app.notify, said.text, severity=said.severity, markup=False)


def browse(url: str, copy_key: str = "y") -> Say:
    """Open `url` (https only, checked by the caller) in a browser; what to say of it.
    Blocking: webbrowser may take a while, and on a server it finds no browser."""
    import webbrowser

    try:
        opened = webbrowser.open(url)
    except webbrowser.Error:
        opened = False
    if opened:
        return Say(f"Opening {url}")
    return Say(f"No browser could be opened here: {copy_key} copies the link ({url}).", "warning")
