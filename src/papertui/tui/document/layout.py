"""Blocks laid out into lines (Textual `Strip`s) at a width: wrapped, indented, quoted, tables
drawn by Rich. Pure computation on values, so a worker thread can lay out a long paper while the
first screen is already shown."""

from __future__ import annotations

import io
from bisect import bisect_right
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

from rich import box
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.strip import Strip

from papertui.tui.document.blocks import HEADING, NOTE, STRONG, TITLE, Block

MARGIN = 2  # cells left of the text
MEASURE = 100  # the widest a line of text gets: long lines are hard to read
QUOTE = Style(color="bright_black")
RULE = Style(color="bright_black")


class Section(NamedTuple):
    line: int
    level: int
    title: str


class Laid(NamedTuple):
    """A document's lines at one width."""

    width: int
    strips: list[Strip]
    texts: list[str]  # each line's plain text, for search
    starts: list[int]  # the first line of each block laid out
    sections: list[Section]
    complete: bool  # False while only the first screen is laid out

    def block_at(self, line: int) -> int:
        """The block the line belongs to."""
        return max(0, bisect_right(self.starts, line) - 1)

    def line_of(self, block: int) -> int:
        return self.starts[min(block, len(self.starts) - 1)] if self.starts else 0


@lru_cache(maxsize=1)
def _console() -> Console:
    return Console(
        file=io.StringIO(), width=400, force_terminal=True, color_system="truecolor",
        legacy_windows=False, markup=False, emoji=False, highlight=False,
    )  # fmt: skip


def lay_out(blocks: Sequence[Block], width: int, *, enough: int | None = None) -> Laid:
    """Lines for `blocks` at `width` cells; with `enough`, stop once that many lines exist."""
    out = _Lines(width)
    previous: Block | None = None
    for index, block in enumerate(blocks):
        if enough is not None and len(out.strips) >= enough:
            return out.done(complete=False)
        if previous is not None and not _tight(previous, block):
            out.blank()
        out.starts.append(len(out.strips))
        _BLOCKS[block.kind](out, block, index)
        previous = block
    return out.done(complete=True)


def _tight(previous: Block, block: Block) -> bool:
    """List items follow each other without a blank line."""
    return (
        bool(block.first or block.indent)
        and bool(previous.first or previous.indent)
        and (block.kind == previous.kind == "text")
    )


class _Lines:
    def __init__(self, width: int) -> None:
        self.width = width
        self.measure = max(10, min(MEASURE, width - 2 * MARGIN))
        self.strips: list[Strip] = []
        self.texts: list[str] = []
        self.starts: list[int] = []
        self.sections: list[Section] = []

    def done(self, complete: bool) -> Laid:
        return Laid(self.width, self.strips, self.texts, self.starts, self.sections, complete)

    def blank(self) -> None:
        self.strips.append(Strip.blank(0))
        self.texts.append("")

    def add(self, lead: Text, line: Text) -> None:
        line = Text.assemble(" " * MARGIN, lead, line)
        segments = list(line.render(_console()))
        self.strips.append(Strip(segments, line.cell_len))
        self.texts.append(line.plain)

    def add_segments(self, lead: Text, segments: list[Segment]) -> None:
        head = list(Text.assemble(" " * MARGIN, lead).render(_console()))
        strip = Strip(head + segments)
        self.strips.append(strip)
        self.texts.append(strip.text)

    def wrap(self, block: Block, text: Text) -> None:
        quote = Text("▌ " * block.quote, QUOTE)
        lead = Text.assemble(quote, " " * block.indent)
        room = max(4, self.measure - lead.cell_len - len(block.first))
        lines = text.wrap(_console(), room, overflow="fold")
        hang = Text(" " * len(block.first))
        for number, line in enumerate(lines):
            marker = Text(block.first) if number == 0 else hang
            self.add(lead, Text.assemble(marker, line) if block.first else line)


def _heading(out: _Lines, block: Block, index: int) -> None:
    start = len(out.strips)
    out.wrap(block, block.text)
    if block.level <= 1:
        width = min(out.measure, max(len(t) for t in out.texts[start:]) - MARGIN)
        rule = "═" if block.level == 0 else "─"
        out.add(Text(), Text(rule * width, HEADING if block.level else TITLE))
    out.sections.append(Section(start, block.level, block.text.plain))


def _text(out: _Lines, block: Block, index: int) -> None:
    out.wrap(block, block.text)


def _code(out: _Lines, block: Block, index: int) -> None:
    text = block.text.copy()
    text.expand_tabs(4)
    gutter = Block(block.kind, text, indent=block.indent, quote=block.quote)
    for line in text.split("\n", allow_blank=True):
        out.wrap(gutter, Text.assemble(("│ ", NOTE), line))


def _image(out: _Lines, block: Block, index: int) -> None:
    text = block.text.copy()
    text.truncate(out.measure - block.indent, overflow="ellipsis")
    out.add(Text(" " * block.indent), text)


def _rule(out: _Lines, block: Block, index: int) -> None:
    out.add(Text(), Text("─" * out.measure, RULE))


def _table(out: _Lines, block: Block, index: int) -> None:
    if not block.rows:
        return
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, header_style=STRONG)
    columns = max(len(row) for row in block.rows)
    for column in range(columns):
        align = block.aligns[column] if column < len(block.aligns) else "left"
        table.add_column(block.rows[0][column] if column < len(block.rows[0]) else "",
                         justify=align if align in ("left", "right", "center") else "left")  # type: ignore[arg-type]  # fmt: skip
    for row in block.rows[1:]:
        table.add_row(*row)
    console = _console()
    room = max(10, out.measure - block.indent)
    lead = Text("▌ " * block.quote, QUOTE) + Text(" " * block.indent)
    for segments in console.render_lines(table, console.options.update_width(room), pad=False):
        out.add_segments(lead, segments)


_BLOCKS = {
    "heading": _heading, "text": _text, "code": _code, "math": _code, "image": _image,
    "rule": _rule, "table": _table,
}  # fmt: skip
