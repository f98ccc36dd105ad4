"""A paper's text as a line-API scroll view: lines are laid out once per width and only the
lines on screen are rendered.

Textual's `Markdown` widget mounts a widget per block (seconds for a long paper). Here the
first screen is parsed and laid out at once, and the rest of the paper (parsing, laying out, and
again after a resize) in a thread worker whose result replaces the lines, keeping the block at
the top of the screen where it was. A key that acts on the whole text (`G`, `]`, a search's
next match), typed while the text is still loading or being laid out, acts once it is
(`when_settled`): `RG` typed as one gesture ends at the paper's last line.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from functools import partial
from typing import Concatenate, ParamSpec, Protocol, TypeVar

from rich.style import Style
from textual import events, work
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from papertui.tui.document.blocks import Block, Link, Parsed, parse, parser, split_chunks
from papertui.tui.document.layout import Laid, Section, lay_out
from papertui.tui.document.search import Haystack, Match, find

MATCH = Style(reverse=True)
CURRENT = Style(reverse=True, bold=True, color="yellow")

P = ParamSpec("P")


class Settles(Protocol):
    def when_settled(self, do: Callable[[], object]) -> None: ...


S = TypeVar("S", bound=Settles)


def once_laid_out(action: Callable[Concatenate[S, P], None]) -> Callable[Concatenate[S, P], None]:
    """An action on the whole text: run now if it is laid out, else as soon as it is."""

    def run(self: S, /, *args: P.args, **kwargs: P.kwargs) -> None:
        self.when_settled(partial(action, self, *args, **kwargs))

    run.__wrapped__ = action  # type: ignore[attr-defined]  # Textual counts its parameters
    return run


class DocumentView(ScrollView, can_focus=True):
    """Posts `Ready` each time the whole text is laid out and in place (first, and after a
    resize)."""

    BINDINGS = [
        Binding("j,down", "scroll_lines(1)", "Down", show=False, id="read_down"),
        Binding("k,up", "scroll_lines(-1)", "Up", show=False, id="read_up"),
        Binding("ctrl+d", "half_page(1)", "Half page down", show=False, id="read_half_down"),
        Binding("ctrl+u", "half_page(-1)", "Half page up", show=False, id="read_half_up"),
        Binding("space,pagedown", "page(1)", "Page down", show=False, id="read_page_down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="read_page_up"),
        Binding("g,home", "top", "Top", show=False, id="read_top"),
        Binding("G,end", "end", "End", show=False, id="read_end"),
    ]

    DEFAULT_CSS = "DocumentView { overflow-x: hidden; }"

    class Ready(Message):
        """The whole text is laid out and in place: sections, links and search cover all of
        it (also after a resize)."""

    def __init__(
        self, *, id: str | None = None, on_move: Callable[[], None] = lambda: None
    ) -> None:
        super().__init__(id=id)
        self.on_move = on_move  # told each time the text scrolls
        self.blocks: list[Block] = []
        self.links: list[Link] = []
        self.laid = Laid(0, [], [], [], [], False)
        self.matches: list[Match] = []
        self._match_lines: list[int] = []  # the line of each match, for bisect
        self._hay: Haystack | None = None
        self.current = -1  # index into matches
        self._query = ""
        self._top_block: int | None = None  # where to be once the whole text is laid out
        self._generation = 0
        # The text shown is the one to read (not a "loading" note) and wholly laid out at this
        # width; until then the actions asked for wait in `_waiting`, in order.
        self.settled = False
        self._final = False
        self._waiting: list[Callable[[], object]] = []

    def when_settled(self, do: Callable[[], object]) -> None:
        """Do `do` now if the text is settled, else once it is."""
        if self.settled:
            do()
        else:
            self._waiting.append(do)

    def _settle(self) -> None:
        self.settled = self._final
        while self.settled and self._waiting:
            self._waiting.pop(0)()

    # --- content ------------------------------------------------------------------------------

    def show(
        self,
        head: list[Block],
        text: str,
        top_block: int = 0,
        links: tuple[Link, ...] = (),
        *,
        final: bool = True,
    ) -> None:
        """`head` (title, authors; with `links`) then `text`: the first screen now, the rest in
        a worker. Not `final` (a note that the text is loading), it settles nothing."""
        self.settled, self._final = False, final
        first, rest = split_chunks(text)
        parsed = parse(first, len(links) + 1, md=parser())
        if parsed.blocks and parsed.blocks[0].kind == "heading" and parsed.blocks[0].level == 1:
            head = []  # the text has its own title (and the authors after it)
        self.blocks = head + parsed.blocks
        self.links = [*links, *shifted(parsed.links, len(head))]
        self._generation += 1
        width = self._width()
        if top_block == 0:  # the top is the first screen: lay out just enough of it
            self._apply(lay_out(self.blocks, width, enough=self.size.height + 1 or 60))
        self._top_block = top_block
        self._finish(self._generation, rest, width, len(self.links) + 1)

    @work(thread=True, exclusive=True, group="layout")
    def _finish(self, generation: int, rest: str, width: int, first_link: int) -> None:
        parsed = parse(rest, first_link) if rest else Parsed([], [])
        links = shifted(parsed.links, len(self.blocks))
        blocks = self.blocks + parsed.blocks
        self.app.call_from_thread(self._whole, generation, blocks, links, lay_out(blocks, width))

    def _whole(self, generation: int, blocks: list[Block], links: list[Link], laid: Laid) -> None:
        if generation != self._generation:
            return  # another paper, or another width, since
        self.blocks, self.links = blocks, self.links + links
        top = self._top_block if self._top_block is not None else self.laid.block_at(self.top)
        self._top_block = top
        self._apply(laid)
        if self._query:
            self.search(self._query, keep=True)
        # The new virtual size is laid out on the next refresh: scroll after it.
        self.call_after_refresh(self._landed, generation, top)

    def _landed(self, generation: int, block: int) -> None:
        if generation == self._generation:
            self.go_to_line(self.laid.line_of(block))
            self._top_block = None
            self._settle()
            self.post_message(self.Ready())

    def _apply(self, laid: Laid) -> None:
        self.laid = laid
        self.virtual_size = Size(laid.width, len(laid.strips))
        self.refresh()

    def _width(self) -> int:
        return self.scrollable_content_region.width or self.app.size.width or 80

    def on_resize(self, event: events.Resize) -> None:
        width = self._width()
        if self.blocks and width != self.laid.width and self.laid.complete:
            self._generation += 1
            self._top_block = self.laid.block_at(self.top)
            self.settled = False
            self._relayout(self._generation, width)

    @work(thread=True, exclusive=True, group="layout")
    def _relayout(self, generation: int, width: int) -> None:
        laid = lay_out(self.blocks, width)
        self.app.call_from_thread(self._whole, generation, self.blocks, [], laid)

    # --- position -------------------------------------------------------------------------------

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if round(old_value) != round(new_value):
            # Called, not posted: what shows the position is then redrawn in the same frame
            # as the text (a message would cost a second frame, 16 ms or more later).
            self.on_move()

    @property
    def percent(self) -> int | None:
        """How far down the text the bottom of the screen is; None until it is all laid out."""
        lines = len(self.laid.strips)
        if not self.laid.complete or not lines:
            return None
        return min(100, round(100 * (self.top + self.size.height) / lines))

    @property
    def top(self) -> int:
        return int(self.scroll_y)

    @property
    def top_block(self) -> int:
        """The block at the top of the screen: a position that survives a change of width."""
        return self._top_block if self._top_block is not None else self.laid.block_at(self.top)

    @property
    def first_link_on_screen(self) -> int:
        """The index in `links` of the first link at or below the top of the screen (the
        last link when all are above it)."""
        top = self.laid.block_at(self.top)
        blocks = [link.block for link in self.links]
        return min(bisect_left(blocks, top), max(0, len(blocks) - 1))

    @property
    def sections(self) -> list[Section]:
        return self.laid.sections

    def go_to_line(self, line: int) -> None:
        self.scroll_to(y=max(0, line), animate=False, immediate=True)

    @once_laid_out
    def action_scroll_lines(self, count: int) -> None:
        self.go_to_line(self.top + count)

    @once_laid_out
    def action_half_page(self, direction: int) -> None:
        self.go_to_line(self.top + direction * max(1, self.size.height // 2))

    @once_laid_out
    def action_page(self, direction: int) -> None:
        self.go_to_line(self.top + direction * max(1, self.size.height - 1))

    @once_laid_out
    def action_top(self) -> None:
        self.go_to_line(0)

    @once_laid_out
    def action_end(self) -> None:
        self.go_to_line(len(self.laid.strips))

    def section(self, direction: int) -> bool:
        """Scroll to the next (1) or previous (-1) heading; False when there is none."""
        lines = [s.line for s in self.sections]
        if direction > 0:
            index = bisect_right(lines, self.top)
            target = lines[index] if index < len(lines) else None
        else:
            index = bisect_left(lines, self.top) - 1
            target = lines[index] if index >= 0 else None
        if target is None:
            return False
        self.go_to_line(target)
        return True

    # --- search -------------------------------------------------------------------------------

    def search(self, query: str, keep: bool = False) -> int:
        """Mark every occurrence of `query` (case-insensitive unless it has a capital)."""
        self._query = query
        if self._hay is None or self._hay.texts is not self.laid.texts:
            self._hay = Haystack(self.laid.texts)
        self.matches = find(self._hay, query)
        self._match_lines = [m.line for m in self.matches]
        if not keep or self.current >= len(self.matches):
            self.current = -1
        self.refresh()
        return len(self.matches)

    def jump(self, direction: int = 1) -> Match | None:
        """To the next (1) or previous (-1) match from the current one, or from the screen's
        top; wraps round."""
        if not self.matches:
            return None
        if self.current < 0:
            lines = self._match_lines
            start = bisect_left(lines, self.top)
            self.current = start % len(self.matches) if direction > 0 else (start - 1) % len(lines)
        else:
            self.current = (self.current + direction) % len(self.matches)
        match = self.matches[self.current]
        if not self.top <= match.line < self.top + self.size.height:
            self.go_to_line(match.line - self.size.height // 3)
        self.refresh()
        return match

    # --- rendering ----------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        index = y + self.top
        width = self.scrollable_content_region.width
        if index >= len(self.laid.strips):
            return Strip.blank(width, self.rich_style)
        strip = self.laid.strips[index]
        if self.matches and self._query:
            strip = self._highlight(strip, index)
        return strip.crop_extend(0, width, self.rich_style).apply_style(self.rich_style)

    def _highlight(self, strip: Strip, line: int) -> Strip:
        lines = self._match_lines
        first, last = bisect_left(lines, line), bisect_right(lines, line)
        if first == last:
            return strip
        cuts: list[int] = []
        for match in self.matches[first:last]:
            cuts += [match.start, match.end]
        parts = strip.divide([*cuts, strip.cell_length])
        out: list[Strip] = [parts[0]]
        for number, part in enumerate(parts[1:], start=1):
            if number % 2:
                match_index = first + number // 2
                part = part.apply_style(CURRENT if match_index == self.current else MATCH)
            out.append(part)
        return Strip.join(out)


def shifted(links: list[Link], blocks: int) -> list[Link]:
    """Links whose blocks come after `blocks` others."""
    return [link._replace(block=link.block + blocks) for link in links] if blocks else links
