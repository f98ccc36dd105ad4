"""The paper list: a line-API scroll view that renders only the rows on screen.

`ListView` mounts a widget per row and `OptionList` measures every row on each repopulate; both
cost seconds at 20,000 papers. This view keeps a plain list of indices into the papers (the rows
that pass the filter), renders a row only when it is on screen, and caches the rendered strips.
Filtering (`list_filter.py`) is one pass of a compiled query over haystacks prepared once per
paper, on a thread over many papers.
"""

from __future__ import annotations

import time
from bisect import bisect_left
from collections.abc import Mapping, Sequence

from rich.style import Style
from rich.text import Text
from textual import events, on, work
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from papertui.core.bookmark import Snapshot
from papertui.core.paper import Paper
from papertui.core.query import Flags, Query, parse
from papertui.tui.widgets.list_filter import ListFilter
from papertui.tui.widgets.paper_row import (
    Columns,
    Look,
    draw_row,
    fit,
    title_width,
    visible_spans,
)

CACHE_ROWS = 512
THREAD_FROM = 5_000  # papers to look at from which a filter runs on a thread


class PaperList(ScrollView, can_focus=True):
    """Papers, one per line; posts `Highlighted` as the cursor moves and `Opened` on enter."""

    HEAD_BUDGET = 0.004  # seconds a key may spend matching the first rows of a long list

    BINDINGS = [
        Binding("j,down", "cursor_down", "Down", show=False, id="cursor_down"),
        Binding("k,up", "cursor_up", "Up", show=False, id="cursor_up"),
        Binding("g,home", "first", "First", show=False, id="first"),
        Binding("G,end", "last", "Last", show=False, id="last"),
        Binding("ctrl+d", "half_page(1)", "Half page down", show=False, id="half_page_down"),
        Binding("ctrl+u", "half_page(-1)", "Half page up", show=False, id="half_page_up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="page_down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="page_up"),
        Binding("enter,l", "open", "Abstract", id="open"),
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

    class Filtered(Message):
        """The rows follow a filter matched on a thread (one matched at once is shown as
        `set_filter` returns)."""

    class _Matched(Message, bubble=False):
        def __init__(self, query: Query, rows: list[int], generation: int) -> None:
            super().__init__()
            self.query, self.rows, self.generation = query, rows, generation

    class Opened(Message):
        def __init__(self, paper: Paper) -> None:
            super().__init__()
            self.paper = paper

    cursor: reactive[int] = reactive(0, repaint=False, init=False)  # an index into `rows`
    placeholder: reactive[str] = reactive("Loading…")  # what the list says while it is empty

    def __init__(self, *, id: str | None = None, read_ids: set[str] | None = None) -> None:
        super().__init__(id=id)
        self.papers: list[Paper] = []
        self.rows: list[int] = []  # indices into `papers` that pass the filter, in order
        self.filter_query: Query = parse("")  # the filter the rows show
        self.wanted: Query = self.filter_query  # the filter last asked for (it may be running)
        self.partial = False  # the rows are the first of `filter_query`'s, the rest matching
        self._generation = 0  # moves on with every filter asked for and every new papers
        # The service's set of read ids (the same object: marking read updates it), dimmed.
        self.read_ids: set[str] = read_ids if read_ids is not None else set()
        self.sort_key = "upvotes"  # what the first count column shows (see `_counts`)
        self._years = False  # the papers span more than one year: dates carry theirs
        self.columns = Columns()  # what every row shares: the rank's digits, years, the sort
        # What each paper matches of the watch list, by id: a ◆, and `is:watched`.
        self.watched: Mapping[str, tuple[str, ...]] = {}
        self.hide_read = False  # leave read papers out of the rows
        self._filter = ListFilter()
        self._styles: dict[str, Style] | None = None
        self._strips: LRUCache[tuple[object, ...], Strip] = LRUCache(CACHE_ROWS)
        self._last_highlighted: str | None = None
        self._said: dict[tuple[str, str, int], list[Strip]] = {}  # the empty list's words

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
        self._years = spans_years(self.papers)
        self._filter.reset(papers=self.papers)
        self._strips.clear()
        self._generation += 1  # a filter still running matched the papers before these
        self.filter_query, self.partial = self.wanted, False
        keep = next((i for i, p in enumerate(self.papers) if p.id == keep_id), None)
        self._apply(self._filter.rows(self.filter_query), keep, force=True)

    def set_filter(self, text: str) -> None:
        """Filter by `text`. Over more than THREAD_FROM papers to look at, the matching runs on
        a thread (the archive's 30,000 abstracts take up to ~40 ms): the UI never waits on it,
        and a key typed meanwhile drops its result; `Filtered` says when its rows are shown.
        Before that, the first screenful is matched here for up to HEAD_BUDGET seconds and
        shown at once (`partial`): the top of the list is right in the key's own frame, and
        the rest is added below it."""
        query = parse(text)
        if query.text == self.wanted.text:
            return
        self.wanted = query
        self._generation += 1
        rows = self._filter.known(query)
        if rows is None:
            candidates = self._filter.candidates(query)
            if len(candidates) > THREAD_FROM:
                self._match_head(query, candidates)
                return
            rows = self._filter.match(query, candidates) or []
            self._filter.remember(query, rows)
        self._show_filter(query, rows)

    @property
    def matching(self) -> bool:
        """Whether the rows shown are not yet those of the filter asked for."""
        return self.partial or self.wanted.text != self.filter_query.text

    def _match_head(self, query: Query, candidates: Sequence[int]) -> None:
        want = max(1, self.scrollable_content_region.height)
        deadline = time.perf_counter() + self.HEAD_BUDGET
        head, done = self._filter.head(query, candidates, want, deadline)
        if done == len(candidates):  # the whole match fitted in the time
            self._filter.remember(query, head)
            self._show_filter(query, head)
            return
        # The rest is matched once this frame is drawn: a thread matching meanwhile would
        # share the interpreter with the drawing and hold the frame back by as long again.
        self.call_after_refresh(self._match_rest, query, candidates, done, head, self._generation)
        keep = self.rows[self.cursor] if self.rows else None
        if not self._kept_further(query, keep, candidates, done):
            self._show_filter(query, head, partial=True)  # perhaps none yet: "Matching…"

    def _kept_further(
        self, query: Query, keep: int | None, candidates: Sequence[int], done: int
    ) -> bool:
        """Whether the paper under the cursor matches beyond the first rows: then they wait
        for the whole match, or the cursor would jump to the top and back."""
        if keep is None or done == 0 or keep <= candidates[done - 1]:
            return False
        return bool(self._filter.match(query, [keep]))

    def _show_filter(self, query: Query, rows: list[int], partial: bool = False) -> None:
        self.filter_query, self.partial = query, partial
        self._apply(rows, self.rows[self.cursor] if self.rows else None)

    def _match_rest(
        self, query: Query, candidates: Sequence[int], start: int, head: list[int], generation: int
    ) -> None:
        if generation == self._generation:  # else a later key came before the frame
            self._match_on_thread(query, candidates, start, head, generation)

    @work(thread=True, exclusive=True, group="filter", exit_on_error=False)
    def _match_on_thread(
        self, query: Query, candidates: Sequence[int], start: int, head: list[int], generation: int
    ) -> None:
        stop = lambda: generation != self._generation  # noqa: E731
        rows = self._filter.match(query, candidates[start:], stop)
        if rows is not None:
            self.post_message(self._Matched(query, head + rows, generation))

    @on(_Matched)
    def _matched(self, event: _Matched) -> None:
        if event.generation == self._generation:  # else a later key or new papers came
            self._filter.remember(event.query, event.rows)
            self._show_filter(event.query, event.rows)
            self.post_message(self.Filtered())

    def set_texts(self, texts: Mapping[str, bytes]) -> None:
        """What the filter searches for papers given as light rows (by id; see
        `query.haystack_text`); the next `set_papers` uses them."""
        self._filter.texts = texts

    @property
    def marks(self) -> Snapshot:
        """The bookmarks: a star in the list, their tags and notes in the filter."""
        return self._filter.marks

    def set_marks(self, marks: Snapshot) -> None:
        """New bookmarks: stars, and tags and notes for the filter, which runs again."""
        self._filter.reset(marks=marks, flags=Flags(self.watched, marks.by_id, self.read_ids))
        self._generation += 1
        self.filter_query, self.partial = self.wanted, False
        if not self.filter_query.empty:
            rows = self._filter.rows(self.filter_query)
            self._apply(rows, self.rows[self.cursor] if self.rows else None)
        self.refresh()

    def set_watched(self, watched: Mapping[str, tuple[str, ...]]) -> None:
        """What the papers match of the watch list (a ◆, and `is:watched`); the next
        `set_papers` uses it."""
        self.watched = watched
        self._filter.flags = self._flags()

    def _flags(self) -> Flags:
        return Flags(self.watched, self.marks.by_id, self.read_ids)

    def set_hide_read(self, hide: bool) -> None:
        """Leave read papers out (or bring them back); the cursor stays where it can."""
        self.hide_read = hide
        rows = self._filter.rows(self.filter_query)
        self._apply(rows, self.rows[self.cursor] if self.rows else None)

    def _apply(self, rows: list[int], keep: int | None, force: bool = False) -> None:
        """Show `rows`; the cursor stays on paper index `keep` when it is among them."""
        if self.hide_read:
            read, papers = self.read_ids, self.papers
            rows = [i for i in rows if papers[i].id not in read]
        self.rows = rows
        self.columns = Columns(max(2, len(str(len(rows)))), self._years, self.sort_key)
        position = 0
        if keep is not None:
            at = bisect_left(rows, keep)  # rows are ascending indices
            position = at if at < len(rows) and rows[at] == keep else 0
        self.virtual_size = Size(self.size.width, len(self.rows))
        self._move(position, force=force)
        # The new virtual size is only laid out on the next refresh: scroll again after it.
        self.call_after_refresh(self._scroll_to_cursor)
        self.refresh()

    # --- cursor ---------------------------------------------------------------------------------

    def validate_cursor(self, position: int) -> int:
        return max(0, min(position, len(self.rows) - 1))

    def watch_cursor(self, old: int, new: int) -> None:
        self._scroll_to_cursor()
        self.refresh_line(old)
        self.refresh_line(new)

    def _move(self, position: int, force: bool = False) -> None:
        self.cursor = position
        self._scroll_to_cursor()  # also when it stays: the rows under it may have changed
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
        # The cursor's row stays on screen: a smaller list (or stacked panes) would leave it
        # below the bottom. Scrolled once the new size is laid out.
        self.call_after_refresh(self._scroll_to_cursor)

    def on_focus(self) -> None:
        self.refresh_line(self.cursor)

    def on_blur(self) -> None:
        self.refresh_line(self.cursor)

    # --- rendering ------------------------------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles = None  # the theme changed: styles and rendered rows are stale
        self._strips.clear()
        self._said = {}

    def _row_styles(self) -> dict[str, Style]:
        if self._styles is None:
            get = self.get_component_rich_style
            base = self.rich_style
            self._styles = {
                name: base + get(f"paper-list--{name}")
                for name in ("rank", "votes", "org", "match", "read", "mark")
            }
            self._styles["base"] = base
            self._styles["cursor"] = base + get("paper-list--cursor")
            self._styles["blurred"] = base + get("paper-list--cursor-blurred")
        return self._styles

    def render_line(self, y: int) -> Strip:
        row = y + int(self.scroll_y)
        width = self.scrollable_content_region.width
        if row >= len(self.rows):
            said = self._empty_lines(width) if not self.rows else []
            return said[y] if y < len(said) else Strip.blank(width, self.rich_style)
        index = self.rows[row]
        paper = self.papers[index]
        cursor = "" if row != self.cursor else ("cursor" if self.has_focus else "blurred")
        read, marked = paper.id in self.read_ids, paper.id in self.marks.by_id
        watched = paper.id in self.watched
        spans = self._spans(paper.title, width) if not cursor else ()
        # Keyed on what the row shows, so typing a filter re-renders only rows whose marks move.
        columns = self.columns
        key = (row, index, width, cursor, read, marked, watched, spans, columns)
        strip = self._strips.get(key)
        if strip is None:
            look = Look(cursor, read, marked, watched, spans)
            strip = draw_row(row, paper, width, look, columns, self._row_styles())
            self._strips.set(key, strip)
        return strip

    def _empty_lines(self, width: int) -> list[Strip]:
        """What the list says when it has no row, wrapped to the width (a reason can be a
        sentence long)."""
        if not self.papers:
            message = self.placeholder
        elif self.partial:
            message = "Matching…"
        elif self.hide_read and self.filter_query.empty:
            message = "Every paper here is read: U shows them again."
        else:
            message = "No paper matches the filter."
        key = ("empty", message, width)
        cached = self._said.get(key)
        if cached is None:
            text = Text(message, style=self.get_component_rich_style("paper-list--rank"))
            lines = text.wrap(self.app.console, max(1, width))
            cached = [
                Strip(list(line.render(self.app.console))).crop_extend(0, width, self.rich_style)
                for line in lines
            ]
            self._said = {key: cached}
        return cached

    def _spans(self, title: str, width: int) -> tuple[tuple[int, int], ...]:
        terms = self.filter_query.highlights
        if not terms:
            return ()
        return tuple(visible_spans(title, fit(title, title_width(width, self.columns)), terms))


def spans_years(papers: Sequence[Paper]) -> bool:
    """Whether the papers' days fall in more than one year."""
    first: int | None = None
    for paper in papers:
        day = paper.submitted or paper.published
        if day is not None:
            if first is None:
                first = day.year
            elif day.year != first:
                return True
    return False
