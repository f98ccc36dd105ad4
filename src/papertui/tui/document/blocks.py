"""A paper's Markdown parsed into blocks of Rich `Text`: headings, paragraphs, list items,
quotes, tables, code, math (as its source), images (as a one-line placeholder), rules.

The text was cleaned before it was kept, but the parser decodes character references
(`&#x202e;`), so every piece of text is cleaned again on its way into a block. Links become
underlined text with a number; only their cleaned targets are kept, and nothing here opens one.
Rich markup in the text stays text: nothing is ever parsed as markup.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from rich.style import Style
from rich.text import Text

from papertui.core.text import clean_document, clean_text, clean_url

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

CHUNK = 12_000  # characters parsed before the first screen; the rest is parsed in a worker

HEADING = Style(bold=True, color="bright_cyan")
TITLE = Style(bold=True, color="bright_white")
EMPHASIS = Style(italic=True)
STRONG = Style(bold=True)
CODE = Style(color="bright_green")
MATH = Style(color="bright_magenta")
LINK = Style(underline=True, color="bright_blue")
NOTE = Style(dim=True)
IMAGE = Style(color="yellow")


class Link(NamedTuple):
    number: int
    label: str  # the link's text, cleaned
    url: str  # the target as written, cleaned (may be relative: it is then never opened)
    openable: bool  # https:// only
    block: int = 0  # the block it is in, counted from the text's first


class Block(NamedTuple):
    kind: str  # heading, text, code, math, image, table, rule
    text: Text  # a table's is empty
    level: int = 0  # a heading's level (0 is the paper's title)
    indent: int = 0  # cells of list nesting
    first: str = ""  # what the first line starts with: a bullet, a number
    quote: int = 0  # block quote depth
    rows: tuple[tuple[Text, ...], ...] = ()  # a table's cells, the header row first
    aligns: tuple[str, ...] = ()  # a table's column alignments


class Parsed(NamedTuple):
    blocks: list[Block]
    links: list[Link]


def split_chunks(text: str, size: int = CHUNK) -> tuple[str, str]:
    """The text cut in two at a blank line before a heading or an unindented paragraph past
    `size` characters, never inside a fenced code block or display math: both halves parse as
    they would whole."""
    if len(text) <= size:
        return text, ""
    fence = ""
    pos = 0
    previous_blank = False
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if fence:
            if (fence == "$$" and "$$" in stripped) or stripped.startswith(fence):
                fence = ""
        elif stripped[:3] in ("```", "~~~"):
            fence = stripped[:3]
        elif stripped.startswith("$$"):
            fence = "" if len(stripped) > 2 and stripped.endswith("$$") else "$$"
        elif pos >= size and previous_blank and (line[:1] == "#" or line[:1].isalpha()):
            return text[:pos], text[pos:]
        previous_blank = not stripped
        pos += len(line)
    return text, ""


@functools.cache
def parser() -> MarkdownIt:
    """One parser for the process (made in ~20 ms; `parse` keeps its state per call, so the
    worker thread and the UI share it)."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.dollarmath import dollarmath_plugin

    # No HTML: tags in a paper are shown as the text they are.
    return MarkdownIt("commonmark", {"html": False}).enable("table").use(dollarmath_plugin)


def parse(text: str, first_link: int = 1, md: MarkdownIt | None = None) -> Parsed:
    """Blocks and links of `text`; link numbers start at `first_link`."""
    walker = _Walker(first_link)
    walker.walk((md or parser()).parse(text))
    return Parsed(walker.blocks, walker.links)


def heading(text: str, level: int) -> Block:
    return Block("heading", Text(clean_text(text), HEADING if level else TITLE), level)


def paragraph(text: str, style: Style | str = "") -> Block:
    return Block("text", Text(clean_text(text, multiline=True), style))


class _Walker:
    """Walks the parser's tokens keeping a stack of lists and quotes."""

    def __init__(self, first_link: int) -> None:
        self.blocks: list[Block] = []
        self.links: list[Link] = []
        self._next_link = first_link
        self._lists: list[list[int]] = []  # per open list: [next number] (-1 for bullets)
        self._marker: str | None = None  # the marker the next block starts with
        self._quote = 0
        self._in_table = False
        self._row: list[Text] = []
        self._rows: list[tuple[Text, ...]] = []
        self._aligns: list[str] = []
        self._heading = 0

    def walk(self, tokens: Sequence[Token]) -> None:
        for token in tokens:
            handler = getattr(self, "_" + token.type, None)
            if handler is not None:
                handler(token)

    def _add(self, kind: str, text: Text, **more: Any) -> None:
        indent = 2 * len(self._lists)
        first = ""
        if self._marker is not None:
            first, self._marker = self._marker, None
            indent = max(0, indent - 2)
        self.blocks.append(Block(kind, text, indent=indent, first=first, quote=self._quote, **more))

    def _bullet_list_open(self, token: Token) -> None:
        self._lists.append([-1])

    def _ordered_list_open(self, token: Token) -> None:
        start = token.attrs.get("start", 1)
        self._lists.append([start if isinstance(start, int) else 1])

    def _bullet_list_close(self, token: Token) -> None:
        self._lists.pop()

    _ordered_list_close = _bullet_list_close

    def _list_item_open(self, token: Token) -> None:
        counter = self._lists[-1]
        if counter[0] < 0:
            self._marker = "• "
        else:
            self._marker = f"{counter[0]}. "
            counter[0] += 1

    def _blockquote_open(self, token: Token) -> None:
        self._quote += 1

    def _blockquote_close(self, token: Token) -> None:
        self._quote -= 1

    def _heading_open(self, token: Token) -> None:
        self._heading = int(token.tag[1:]) if token.tag[1:].isdigit() else 1

    def _inline(self, token: Token) -> None:
        children = token.children or []
        text = self._inline_text(children)
        if self._heading:
            text.stylize(HEADING)
            self.blocks.append(Block("heading", text, level=self._heading))
            self._heading = 0
        elif self._in_table:
            self._row.append(text)
        elif _only_image(children):
            self._add("image", text)
        else:
            self._add("text", text)

    def _table_open(self, token: Token) -> None:
        self._in_table, self._rows, self._aligns = True, [], []

    def _th_open(self, token: Token) -> None:
        style = str(token.attrs.get("style", ""))
        self._aligns.append(style.removeprefix("text-align:") or "left")

    def _tr_close(self, token: Token) -> None:
        self._rows.append(tuple(self._row))
        self._row = []

    def _table_close(self, token: Token) -> None:
        self._in_table = False
        self._add("table", Text(), rows=tuple(self._rows), aligns=tuple(self._aligns))

    def _fence(self, token: Token) -> None:
        self._add("code", Text(clean_document(token.content.rstrip("\n")), CODE))

    _code_block = _fence

    def _math_block(self, token: Token) -> None:
        self._add("math", Text(clean_document(token.content.strip("\n")), MATH))

    def _hr(self, token: Token) -> None:
        self._add("rule", Text())

    def _inline_text(self, children: Sequence[Token]) -> Text:
        out = Text()
        styles: list[Style] = []
        link: tuple[int, str] | None = None  # (start offset, target) of the open link
        for child in children:
            kind = child.type
            style = Style.combine(styles) if styles else None
            if kind in ("text", "html_inline"):
                out.append(clean_document(child.content), style)
            elif kind in ("softbreak", "hardbreak"):
                out.append(" " if kind == "softbreak" else "\n")
            elif kind == "code_inline":
                out.append(clean_document(child.content), CODE)
            elif kind.startswith("math_inline"):
                out.append(f"${clean_document(child.content)}$", MATH)
            elif kind == "image":
                out.append(f"▣ {clean_text(child.content) or 'image'}", IMAGE)
            elif kind in ("em_open", "strong_open"):
                styles.append(EMPHASIS if kind == "em_open" else STRONG)
            elif kind in ("em_close", "strong_close") and styles:
                styles.pop()
            elif kind == "link_open":
                link = (len(out), str(child.attrs.get("href", "")))
            elif kind == "link_close" and link is not None:
                self._link(out, *link)
                link = None
        return out

    def _link(self, out: Text, start: int, href: str) -> None:
        target = clean_text(href)
        if not target or target.startswith("#"):
            return  # a reference inside the paper: its text says enough
        url = clean_url(target)
        number = self._next_link
        self._next_link += 1
        out.stylize(LINK, start)
        out.append(f"[{number}]", NOTE)
        label = clean_text(out.plain[start : -len(f"[{number}]")]) or target
        openable = bool(url and url.startswith("https://"))
        # The block being made is the next one (a table's once its rows are done).
        self.links.append(Link(number, label, url or target, openable, len(self.blocks)))


def _only_image(children: Sequence[Token]) -> bool:
    kinds = [c.type for c in children if not (c.type == "text" and not c.content.strip())]
    return kinds == ["image"]
