"""A list to pick one item from: the paper's contents, its links, its models, datasets and
Spaces. Without `on_pick` it dismisses with the picked item's value (or None on escape); with
it, `enter` hands the item over and the list stays open (open one link, then another), `y`
copies the highlighted item's link (`url_of`), and digits typed jump to the item of that
number (`numbers`: a link's `[12]`)."""

from __future__ import annotations

import time
from collections.abc import Callable, Collection, Sequence
from typing import Generic, TypeVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from papertui.tui.screens.dialogs import Dialog

T = TypeVar("T")
NUMBER_PAUSE = 1.0  # seconds after which a digit starts a new number


class PickDialog(Dialog[T | None], Generic[T]):
    DEFAULT_CSS = """
    PickDialog .dialog { width: 100; }
    PickDialog OptionList { height: auto; max-height: 24; border: none; padding: 0; }
    """
    BINDINGS = [
        Binding("escape,q", "cancel", "Cancel", id="cancel_pick"),
        Binding("j", "move('cursor_down')", "Down", show=False, id="pick_down"),
        Binding("k", "move('cursor_up')", "Up", show=False, id="pick_up"),
        Binding("y", "copy", "Copy the link", show=False, id="pick_copy"),
    ]

    def __init__(
        self,
        title: str,
        items: Sequence[tuple[Text, T]],
        help: str,
        highlight: int = 0,
        *,
        on_pick: Callable[[T], object] | None = None,
        url_of: Callable[[T], str] | None = None,
        numbers: Sequence[Collection[int]] = (),
    ) -> None:
        super().__init__()
        self.title_text = title
        self.items = list(items)
        self.help = help
        self.start = highlight
        self._on_pick = on_pick
        self._url_of = url_of
        self._numbers = numbers
        self._typed = ""  # digits typed, with when the last came
        self._typed_at = 0.0

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

    @property
    def highlighted(self) -> T | None:
        index = self.query_one(OptionList).highlighted
        return self.items[index][1] if index is not None else None

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        value = self.items[event.option_index][1]
        if self._on_pick is None:
            self.dismiss(value)
        else:
            self._on_pick(value)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return action != "copy" or self._url_of is not None

    def action_copy(self) -> None:
        value = self.highlighted
        if value is not None and self._url_of is not None:
            url = self._url_of(value)
            self.app.copy_to_clipboard(url)
            self.notify(f"Copied {url}", markup=False)

    def on_key(self, event: events.Key) -> None:
        """Digits jump to the item of that number: `1` `2` to [12]."""
        if not (self._numbers and event.character and event.character.isdigit()):
            return
        event.stop()
        now = time.monotonic()
        if now - self._typed_at > NUMBER_PAUSE:
            self._typed = ""
        self._typed, self._typed_at = self._typed + event.character, now
        wanted = int(self._typed)
        found = next((n for n, nums in enumerate(self._numbers) if wanted in nums), None)
        if found is not None:
            self.query_one(OptionList).highlighted = found

    def action_cancel(self) -> None:
        self.dismiss(None)
