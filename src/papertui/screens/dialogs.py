"""Small modal dialogs."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from papertui.views import ViewError, parse_search


class SearchDialog(ModalScreen[str | None]):
    """Ask for a search query; dismisses with the query, or None on escape."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel_dialog")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Search Hugging Face papers", classes="dialog-title")
            yield Input(placeholder="e.g. diffusion language model", id="search-query")
            yield Label("enter searches · escape cancels", classes="dialog-help")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        try:
            query = parse_search(event.value).arg
        except ViewError as exc:
            self.notify(str(exc), severity="warning", markup=False)
            return
        self.dismiss(query)

    def action_cancel(self) -> None:
        self.dismiss(None)
