"""The `?` screen: every key, generated from the live bindings (so a remapped key shows as such)."""

from __future__ import annotations

from collections.abc import Iterable

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from papertui.tui.screens.dialogs import Dialog

SECTIONS = {
    "Navigation": (
        "cursor_down", "cursor_up", "first", "last", "half_page_down", "half_page_up",
        "page_down", "page_up", "open", "back", "escape", "detail_down", "detail_up",
    ),
    "Views and periods": (
        "view_trending", "view_daily", "view_weekly", "view_monthly", "view_bookmarks", "search",
        "previous_period", "next_period", "current_period", "go_to_date", "refresh",
    ),
    "Filter and sort": ("filter", "sort"),
    "Paper": ("open_hf", "open_arxiv", "open_pdf", "copy_hf", "copy_arxiv", "toggle_read",
              "hide_read"),
    "Bookmarks": ("bookmark", "note", "tags", "export"),
    "App": ("help", "command_palette", "quit"),
}  # fmt: skip

FILTER_HELP = (
    'Filter: words must all occur · "a phrase" · -word excludes · fields title: author: '
    "abstract: org: kw: id: tag: note: · counts upvotes:>=20 comments:>5 stars:>=100 "
    "(also <, <=, =)"
)


KEY_NAMES = {
    "left_square_bracket": "[", "right_square_bracket": "]", "slash": "/",
    "question_mark": "?", "escape": "esc",
}  # fmt: skip


def group_keys(bindings: Iterable[Binding]) -> dict[str, tuple[list[str], str]]:
    """Binding id -> (its keys, its description), merging the one binding per key Textual keeps."""
    grouped: dict[str, tuple[list[str], str]] = {}
    for binding in bindings:
        if not binding.id:
            continue
        keys, _ = grouped.setdefault(binding.id, ([], binding.description))
        for key in binding.key.split(","):
            label = KEY_NAMES.get(key.strip(), key.strip())
            if label not in keys:
                keys.append(label)
    return grouped


def _section_table(grouped: dict[str, tuple[list[str], str]], sections: list[str]) -> Table:
    table = Table.grid(padding=(0, 1))
    table.add_column(justify="right", style="bold", no_wrap=True)
    table.add_column()
    for section in sections:
        table.add_row(Text(""), Text(section, style="bold underline"))
        for binding_id in SECTIONS[section]:
            if binding_id in grouped:
                keys, description = grouped[binding_id]
                ordered = sorted(keys, key=lambda k: (len(k) > 1, k.lower()))  # j before down
                table.add_row(Text(" ".join(ordered)), Text(description))
    return table


def help_table(grouped: dict[str, tuple[list[str], str]], width: int = 80) -> Table:
    """The sections side by side: three columns where the screen is wide enough (every key
    fits on one 120×36 screen), else two (scrolled at 80×24, the way out said at the top)."""
    names = list(SECTIONS)
    columns = [names[:1], names[1:3], names[3:]] if width >= 110 else [names[:1], names[1:]]
    table = Table.grid(padding=(0, 3))
    for _ in columns:
        table.add_column()
    table.add_row(*(_section_table(grouped, sections) for sections in columns))
    return table


class HelpScreen(Dialog[None]):
    BINDINGS = [Binding("escape,q,question_mark", "close", "Close", id="close_help")]

    def __init__(self, bindings: Iterable[Binding]) -> None:
        super().__init__()
        self.keys = group_keys(bindings)

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog help"):
            # How to close comes first: at 80×24 the keys need scrolling, the way out must not.
            title = Text.assemble(
                ("papertui keys", "bold"),
                ("   escape, q or ? closes · ctrl+p lists every command", "dim"),
            )
            yield Static(title, classes="dialog-title", id="help-title")
            yield Static(help_table(self.keys, self.app.size.width), id="help-keys")
            yield Static(Text(FILTER_HELP, style="dim"), classes="dialog-help")

    def action_close(self) -> None:
        self.dismiss(None)
