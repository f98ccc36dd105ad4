"""The paper list: a line-API scroll view that renders only the rows on screen.

`ListView` mounts a widget per row and `OptionList` measures every row on each repopulate; both
cost seconds at 20,000 papers. This view keeps a plain list of indices into the papers (the rows
that pass the filter), renders a row only when it is on screen, and caches the rendered strips.
Filtering is one pass of a compiled query over haystacks prepared once per paper.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence

from rich.segment import Segment
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from papertui.models import Paper
from papertui.query import Haystack, Query, highlight_spans, parse, prepare

ORG_WIDTH = 18
CACHE_ROWS = 512


class PaperList(ScrollView, can_focus=True):
    """Papers, one per line; posts `Highlighted` as the cursor moves and `Opened` on enter."""

    BINDINGS = [
        Binding("j,down", "cursor_down", "Down", show=False, id="cursor_down"),
        Binding("k,up", "cursor_up", "Up", show=False, id="cursor_up"),
        Binding("g,home", "first", "First", show=False, id="first"),
        Binding("G,end", "last", "Last", show=False, id="last"),
        Binding("ctrl+d", "half_page(1)", "Half page down", show=False, id="half_page_down"),
        Binding("ctrl+u", "half_page(-1)", "Half page up", show=False, id="half_page_up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="page_down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="page_up"),
        Binding("enter,l", "open", "Read", id="open"),
    ]

    COMPONENT_CLASSES = {
        "paper-list--cursor",
        "paper-list--cursor-blurred",
        "paper-list--rank",
        "paper-list--votes",
        "paper-list--org",
        "paper-list--match",
        "paper-list--read",
        "paper-list--mark",
    }

    DEFAULT_CSS = """
    PaperList { overflow-x: hidden; }
    PaperList > .paper-list--cursor {
        background: $block-cursor-background; color: $block-cursor-foreground; text-style: bold;
    }
    PaperList > .paper-list--cursor-blurred { background: $block-cursor-blurred-background; }
    PaperList > .paper-list--rank { color: $text-muted; }
    PaperList > .paper-list--votes { color: $accent; text-style: bold; }
    PaperList > .paper-list--org { color: $text-muted; }
    PaperList > .paper-list--match { color: $warning; text-style: bold underline; }
    PaperList > .paper-list--read { color: $text-disabled; }
    PaperList > .paper-list--mark { color: $warning; }
    """

    class Highlighted(Message):
        def __init__(self, paper: Paper | None) -> None:
            super().__init__()
            self.paper = paper

    class Opened(Message):
        def __init__(self, paper: Paper) -> None:
            super().__init__()
            self.paper = paper

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.papers: list[Paper] = []
        self.rows: list[int] = []  # indices into `papers` that pass the filter, in order
        self.cursor = 0  # index into `rows`
        self.filter_query: Query = parse("")
        self.read_ids: set[str] = set()
        self.marked_ids: set[str] = set()  # bookmarks: drawn with a star
        self.extra_fields: dict[str, dict[str, str]] = {}  # per-id fields for the filter
        self._hay: list[Haystack | None] = []
        self._strips: OrderedDict[tuple[object, ...], Strip] = OrderedDict()
        self._last_highlighted: str | None = None

    # --- data ---------------------------------------------------------------------------------

    @property
    def current(self) -> Paper | None:
        return self.papers[self.rows[self.cursor]] if self.rows else None

    @property
    def count(self) -> int:
        return len(self.rows)

    def set_papers(self, papers: Sequence[Paper], keep_id: str | None = None) -> None:
        """Show `papers`, keeping the filter; the cursor goes to `keep_id` if given and present."""
        self.papers = list(papers)
        self._hay = [None] * len(self.papers)
        self._apply(keep_id)

    def set_filter(self, text: str) -> None:
        query = parse(text)
        if query.text == self.filter_query.text:
            return
        self.filter_query = query
        self._apply(getattr(self.current, "id", None))

    def update_marks(self, read_ids: set[str], marked_ids: set[str] | None = None) -> None:
        self.read_ids = read_ids
        if marked_ids is not None:
            self.marked_ids = marked_ids
        self._strips.clear()
        self.refresh()

    def _haystack(self, index: int) -> Haystack:
        hay = self._hay[index]
        if hay is None:
            paper = self.papers[index]
            hay = self._hay[index] = prepare(paper, self.extra_fields.get(paper.id))
        return hay

    def _apply(self, keep_id: str | None) -> None:
        if self.filter_query.empty:
            self.rows = list(range(len(self.papers)))
        else:
            matches, hay = self.filter_query.matches, self._haystack
            self.rows = [i for i in range(len(self.papers)) if matches(hay(i))]
        position = 0
        if keep_id is not None:
            position = next((n for n, i in enumerate(self.rows) if self.papers[i].id == keep_id), 0)
        self._strips.clear()
        self.virtual_size = Size(self.size.width, len(self.rows))
        self._move(position, force=True)
        # The new virtual size is only laid out on the next refresh: scroll again after it.
        self.call_after_refresh(self._scroll_to_cursor)
        self.refresh()

    # --- cursor ---------------------------------------------------------------------------------

    def _move(self, position: int, force: bool = False) -> None:
        old = self.cursor
        self.cursor = max(0, min(position, len(self.rows) - 1))
        self._scroll_to_cursor()
        if old != self.cursor:
            self.refresh_line(old)
            self.refresh_line(self.cursor)
        current = self.current
        current_id = current.id if current else None
        if force or current_id != self._last_highlighted:
            self._last_highlighted = current_id
            self.post_message(self.Highlighted(current))

    def _scroll_to_cursor(self) -> None:
        height = max(1, self.scrollable_content_region.height)
        if self.cursor < self.scroll_y:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= self.scroll_y + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False, immediate=True)

    def action_cursor_down(self) -> None:
        self._move(self.cursor + 1)

    def action_cursor_up(self) -> None:
        self._move(self.cursor - 1)

    def action_first(self) -> None:
        self._move(0)

    def action_last(self) -> None:
        self._move(len(self.rows) - 1)

    def action_half_page(self, direction: int) -> None:
        self._move(self.cursor + direction * max(1, self.scrollable_content_region.height // 2))

    def action_page(self, direction: int) -> None:
        self._move(self.cursor + direction * max(1, self.scrollable_content_region.height - 1))

    def action_open(self) -> None:
        if self.current is not None:
            self.post_message(self.Opened(self.current))

    def on_click(self, event: events.Click) -> None:
        row = event.y + int(self.scroll_y)
        if 0 <= row < len(self.rows):
            self._move(row)
            if event.chain > 1:
                self.action_open()

    def on_resize(self, event: events.Resize) -> None:
        self._strips.clear()
        self.virtual_size = Size(event.size.width, len(self.rows))

    def on_focus(self) -> None:
        self.refresh_line(self.cursor)

    def on_blur(self) -> None:
        self.refresh_line(self.cursor)

    # --- rendering ------------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        row = y + int(self.scroll_y)
        width = self.scrollable_content_region.width
        if row >= len(self.rows):
            if not self.rows and y == 0:
                return self._empty_line(width)
            return Strip.blank(width, self.rich_style)
        index = self.rows[row]
        paper = self.papers[index]
        is_cursor = row == self.cursor
        key = (
            index,
            width,
            is_cursor and (self.has_focus or "blurred"),
            paper.id in self.read_ids,
            paper.id in self.marked_ids,
        )
        strip = self._strips.get(key)
        if strip is None:
            strip = self._render_row(row, paper, width, key[2])
            self._strips[key] = strip
            if len(self._strips) > CACHE_ROWS:
                self._strips.popitem(last=False)
        else:
            self._strips.move_to_end(key)
        return strip

    def _empty_line(self, width: int) -> Strip:
        message = "No paper matches the filter." if self.papers else "No papers in this view."
        text = Text(message, style=self.get_component_rich_style("paper-list--rank"))
        return Strip(list(text.render(self.app.console))).crop_extend(0, width, self.rich_style)

    def _render_row(self, row: int, paper: Paper, width: int, cursor: object) -> Strip:
        style = self.get_component_rich_style
        read = paper.id in self.read_ids
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        text.append(f"{row + 1:>4} ", style("paper-list--rank"))
        votes = "   –" if paper.upvotes is None else f"{paper.upvotes:>4}"
        text.append(f"▲{votes} ", style("paper-list--votes"))
        comments = "  –" if paper.comments is None else f"{paper.comments:>3}"
        text.append(f"✉{comments} ", style("paper-list--rank"))
        text.append("★ " if paper.id in self.marked_ids else "  ", style("paper-list--mark"))
        show_org = width >= 60  # a column of its own, so titles line up
        org = paper.organization.display if paper.organization and show_org else ""
        title_width = width - text.cell_len - (ORG_WIDTH + 1 if show_org else 0)
        title = Text(paper.title, no_wrap=True, overflow="ellipsis", end="")
        if read:
            title.stylize(style("paper-list--read"))
        for start, end in highlight_spans(paper.title, self.filter_query.highlights):
            title.stylize(style("paper-list--match"), start, end)
        title.truncate(max(0, title_width), overflow="ellipsis", pad=True)
        text.append_text(title)
        if show_org:
            org_text = Text(" " + org, style=style("paper-list--org"), end="")
            org_text.truncate(ORG_WIDTH + 1, overflow="ellipsis", pad=True)
            text.append_text(org_text)
        base = self.rich_style
        if cursor:
            name = "paper-list--cursor" if cursor is True else "paper-list--cursor-blurred"
            base = base + style(name)
            text.stylize(style(name))
        segments = [
            Segment(s.text, base + s.style if s.style else base)
            for s in text.render(self.app.console)
        ]
        return Strip(segments).crop_extend(0, width, base)
