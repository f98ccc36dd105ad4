"""Small modal dialogs."""

from __future__ import annotations

from typing import TypeVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from papertui.core.views import View, ViewError, parse_period, parse_search
from papertui.tui.screens.base import PlainScreen

ResultT = TypeVar("ResultT")


class Dialog(ModalScreen[ResultT], PlainScreen[ResultT]):
    """A centred box over the reader. Its styles live here, not in papertui.tcss, so that the
    reader's first frame does not parse or match rules for screens it has not opened."""

    DEFAULT_CSS = """
    Dialog { align: center middle; }
    Dialog .dialog {
        width: 70; max-width: 90%; height: auto; max-height: 90%;
        border: thick $primary; background: $surface; padding: 1 2;
    }
    Dialog .dialog.help { width: 112; }
    Dialog .dialog-title { width: 100%; text-style: bold; margin-bottom: 1; }
    Dialog .dialog-help { color: $text-muted; margin-top: 1; }
    Dialog #note-text { height: 8; }
    """


class SearchDialog(Dialog[str | None]):
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
            self.notify(str(exc), severity="warning")
            return
        self.dismiss(query)

    def action_cancel(self) -> None:
        self.dismiss(None)


class GoToDialog(Dialog[View | None]):
    """Ask for a day, a week or a month; dismisses with its view, or None on escape. A mistake
    is said in the dialog, which stays open."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel_goto")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Go to a day, a week or a month", classes="dialog-title")
            yield Input(placeholder="2026-05-08, 2026-W19, 2026-05, today", id="goto-period")
            yield Label("", id="goto-error", classes="dialog-help")
            yield Label(
                "YYYY-MM-DD · YYYY-Www · YYYY-MM · today · yesterday — enter goes, escape cancels",
                classes="dialog-help",
            )

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        try:
            self.dismiss(parse_period(event.value))
        except ViewError as exc:
            from rich.text import Text

            self.query_one("#goto-error", Label).update(Text(str(exc), style="bold"))

    def action_cancel(self) -> None:
        self.dismiss(None)


class NoteDialog(Dialog[str | None]):
    """Edit a bookmark's note: ctrl+s saves, escape cancels."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="save_note"),
        Binding("escape", "cancel", "Cancel", id="cancel_note"),
    ]

    def __init__(self, title: str, note: str) -> None:
        super().__init__()
        self._title = title
        self._note = note

    def compose(self) -> ComposeResult:
        from rich.text import Text
        from textual.widgets import TextArea

        with Vertical(classes="dialog"):
            yield Label(Text(f"Note on {self._title}"), classes="dialog-title")
            yield TextArea(self._note, id="note-text", soft_wrap=True)
            yield Label("ctrl+s saves · escape cancels", classes="dialog-help")

    def action_save(self) -> None:
        from textual.widgets import TextArea

        self.dismiss(self.query_one("#note-text", TextArea).text)

    def action_cancel(self) -> None:
        self.dismiss(None)


class TagsDialog(Dialog[list[str] | None]):
    """Edit a bookmark's tags, separated by spaces or commas."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel_tags")]

    def __init__(self, title: str, tags: tuple[str, ...]) -> None:
        super().__init__()
        self._title = title
        self._tags = tags

    def compose(self) -> ComposeResult:
        from rich.text import Text

        with Vertical(classes="dialog"):
            yield Label(Text(f"Tags of {self._title}"), classes="dialog-title")
            yield Input(" ".join(self._tags), placeholder="e.g. to-read rag", id="tags-input")
            yield Label("spaces or commas separate tags · enter saves", classes="dialog-help")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.replace(",", " ").split())

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmDialog(Dialog[bool]):
    """A yes/no question on one line: `y` says yes, any other key no."""

    def __init__(self, question: str) -> None:
        super().__init__()
        self._question = question

    def compose(self) -> ComposeResult:
        from rich.text import Text

        with Vertical(classes="dialog"):
            yield Label(Text(f"{self._question} y/n"), id="question")

    def on_key(self, event: events.Key) -> None:
        event.stop()
        event.prevent_default()
        self.dismiss(event.key == "y")
