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
        "view_trending", "view_daily", "view_weekly", "view_monthly", "view_bookmarks",
        "view_archive", "view_foryou", "search", "search_here", "wider_window",
        "narrower_window", "previous_period", "next_period", "current_period", "go_to_date",
        "refresh",
    ),
    "Filter and sort": ("filter", "sort"),
    "Paper": ("read", "repos", "open_hf", "open_arxiv", "open_pdf", "copy_hf", "copy_arxiv",
              "copy_pdf", "toggle_read", "hide_read"),
    "Bookmarks": ("bookmark", "note", "tags", "export"),
    "App": ("help", "command_palette", "quit"),
}  # fmt: skip

# The reading screen's own `?`: its keys only.
READING = {
    "Reading": (
        "read_down", "read_up", "read_half_down", "read_half_up", "read_page_down",
        "read_page_up", "read_top", "read_end", "read_next_section", "read_prev_section",
        "read_contents", "read_back",
    ),
    "Search and links": (
        "read_search", "read_next_match", "read_prev_match", "read_links", "read_open_hf",
        "read_copy_hf", "read_bookmark",
    ),
    "App": ("read_help", "command_palette"),  # q goes back here; ctrl+q quits
}  # fmt: skip

FILTER_HELP = (
    'Filter: words must all occur · "a phrase" · -word excludes · fields title: author: '
    "abstract: org: kw: id: tag: note: · counts upvotes:>=20 comments:>5 stars:>=100 "
    "(also <, <=, =) · marks is:watched is:bookmarked is:read is:unread"
)


READING_HELP = (
    "Search is incremental and ignores case unless the query has a capital; enter jumps to the "
    "first match below. Links open in a browser only when they are https://. ctrl+q quits."
)

KEY_NAMES = {
    "left_square_bracket": "[", "right_square_bracket": "]", "slash": "/",
    "question_mark": "?", "escape": "esc", "plus": "+", "minus": "-", "equals_sign": "=",
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


def _section_table(
    grouped: dict[str, tuple[list[str], str]],
    sections: list[str],
    every: dict[str, tuple[str, ...]] = SECTIONS,
) -> Table:
    table = Table.grid(padding=(0, 1))
    table.add_column(justify="right", style="bold", no_wrap=True)
    table.add_column()
    for section in sections:
        table.add_row(Text(""), Text(section, style="bold underline"))
        for binding_id in every[section]:
            if binding_id in grouped:
                keys, description = grouped[binding_id]
                ordered = sorted(keys, key=lambda k: (len(k) > 1, k.lower()))  # j before down
                table.add_row(Text(" ".join(ordered)), Text(description))
    return table


def help_table(
    grouped: dict[str, tuple[list[str], str]], width: int = 80, reading: bool = False
) -> Table:
    """The sections side by side: three columns where the screen is wide enough (every key
    fits on one 120×36 screen), else two (scrolled at 80×24, the way out said at the top)."""
    every = READING if reading else SECTIONS
    names = list(every)
    columns = [names[:1], names[1:3], names[3:]] if width >= 110 else [names[:1], names[1:]]
    table = Table.grid(padding=(0, 3))
    for _ in columns:
        table.add_column()
    table.add_row(*(_section_table(grouped, sections, every) for sections in columns if sections))
    return table


class HelpScreen(Dialog[None]):
    BINDINGS = [
        Binding("escape,q,question_mark", "close", "Close", id="close_help"),
        # At 80×24 the keys need scrolling: the reader's own keys do it.
        Binding("j,down", "scroll(1)", "Down", show=False, id="help_down"),
        Binding("k,up", "scroll(-1)", "Up", show=False, id="help_up"),
        Binding("ctrl+d,space,pagedown", "scroll(0.5)", "Half page down", show=False,
                id="help_half_down"),
        Binding("ctrl+u,pageup", "scroll(-0.5)", "Half page up", show=False, id="help_half_up"),
        Binding("g,home", "edge(0)", "Top", show=False, id="help_top"),
        Binding("G,end", "edge(1)", "End", show=False, id="help_end"),
    ]  # fmt: skip

    def __init__(self, bindings: Iterable[Binding], reading: bool = False) -> None:
        super().__init__()
        self.keys = group_keys(bindings)
        self.reading = reading  # the reading screen's keys, not the list's

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog help"):
            # How to close comes first: at 80×24 the keys need scrolling, the way out must not.
            title = Text.assemble(
                ("papertui keys" + (": reading a paper" if self.reading else ""), "bold"),
                ("   escape, q or ? closes · ctrl+p lists every command", "dim"),
            )
            yield Static(title, classes="dialog-title", id="help-title")
            yield Static(help_table(self.keys, self.app.size.width, self.reading), id="help-keys")
            said = READING_HELP if self.reading else FILTER_HELP
            yield Static(Text(said, style="dim"), classes="dialog-help")

    def action_scroll(self, amount: float) -> None:
        """`amount` lines, or a share of the height when a fraction."""
        box = self.query_one(VerticalScroll)
        whole = isinstance(amount, int)
        lines = amount if whole else amount * box.scrollable_content_region.height
        box.scroll_to(y=box.scroll_y + int(lines), animate=False, immediate=True)

    def action_edge(self, end: int) -> None:
        box = self.query_one(VerticalScroll)
        box.scroll_to(y=box.max_scroll_y if end else 0, animate=False, immediate=True)

    def action_close(self) -> None:
        self.dismiss(None)
