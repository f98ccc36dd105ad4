"""A list to pick one item from: the paper's contents, its links, its models, datasets and
Spaces. Dismisses with the picked item's value, or None on escape."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Generic, TypeVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from papertui.tui.screens.dialogs import Dialog

T = TypeVar("T")


class PickDialog(Dialog[T | None], Generic[T]):
    DEFAULT_CSS = """
    PickDialog .dialog { width: 100; }
    PickDialog OptionList { height: auto; max-height: 24; border: none; padding: 0; }
    """
    BINDINGS = [
        Binding("escape,q", "cancel", "Cancel", id="cancel_pick"),
        Binding("j", "move('cursor_down')", "Down", show=False, id="pick_down"),
        Binding("k", "move('cursor_up')", "Up", show=False, id="pick_up"),
    ]

    def __init__(
        self, title: str, items: Sequence[tuple[Text, T]], help: str, highlight: int = 0
    ) -> None:
        super().__init__()
        self.title_text = title
        self.items = list(items)
        self.help = help
        self.start = highlight

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text(self.title_text), classes="dialog-title")
            options = [Option(label, id=str(n)) for n, (label, _) in enumerate(self.items)]
            yield OptionList(*options, id="pick-list")
            yield Label(Text(self.help), classes="dialog-help")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        if self.items:
            options.highlighted = min(self.start, len(self.items) - 1)
        options.focus()

    def action_move(self, action: str) -> None:
        getattr(self.query_one(OptionList), f"action_{action}")()

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.items[event.option_index][1])

    def action_cancel(self) -> None:
        self.dismiss(None)
