"""Drawing one row of the paper list: the counts, a title cut to fit, highlighted matches."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from papertui.core.paper import Paper
from papertui.core.query import highlight_spans

ORG_WIDTH = 18
ORG_FROM = 60  # from this width the organization gets a column
STARS = "✦"  # GitHub stars: ★ is a bookmark's alone


class Columns(NamedTuple):
    """What the whole list's rows share: the digits of its largest rank, whether its dates
    carry their year (its papers span more than one year), and the sort (whose value comes
    first)."""

    rank: int = 2
    year: bool = False
    sort: str = "upvotes"

    def prefix(self) -> int:
        """Cells before the title: rank, the sort's value, a second count, marks (★ ◆)."""
        first = 11 if self.sort == "date" and self.year else 6
        return self.rank + 1 + first + 5 + 2


class Look(NamedTuple):
    """How a row is drawn, beyond its paper: the cursor ("", "cursor" or "blurred"), its
    marks, the filter's matches in its title."""

    cursor: str
    read: bool
    marked: bool
    watched: bool
    spans: tuple[tuple[int, int], ...]


def title_width(width: int, columns: Columns) -> int:
    org = ORG_WIDTH + 1 if width >= ORG_FROM else 0
    return max(0, width - columns.prefix() - org)


def draw_row(
    row: int, paper: Paper, width: int, look: Look, columns: Columns, st: Mapping[str, Style]
) -> Strip:
    """One row as segments, built directly: this runs for every row that scrolls in. `st`:
    the list's styles by name (rank, votes, org, match, read, mark, base, cursor, blurred)."""
    line = st[look.cursor] if look.cursor else None

    def seg(text: str, name: str) -> Segment:
        return Segment(text, line or st[name])

    first, second = counts(paper, columns.sort, columns.year)
    marks = ("★◆" if look.watched else "★ ") if look.marked else ("◆ " if look.watched else "  ")
    segments = [
        seg(f"{row + 1:>{columns.rank}} ", "rank"),
        seg(first, "votes"),
        seg(second, "rank"),
        seg(marks, "mark"),
    ]
    title = fit(paper.title, title_width(width, columns))
    base = line or st["read" if look.read else "base"]
    segments += highlighted(title, look.spans, base, st["match"])
    if width >= ORG_FROM:  # a column of its own, so titles line up
        org = paper.organization.display if paper.organization else ""
        segments.append(seg(fit(" " + org, ORG_WIDTH + 1), "org"))
    cells = sum(segment.cell_length for segment in segments)
    if cells == width:
        return Strip(segments, width)
    return Strip(segments).crop_extend(0, width, line or st["base"])


def count_text(value: int | None, digits: int) -> str:
    """`value` in `digits` cells: 86, 1234, 12k; unknown is a dash."""
    if value is None:
        return "–".rjust(digits)
    if value < 10**digits:
        return str(value).rjust(digits)
    return f"{value // 1000}k".rjust(digits)


def counts(paper: Paper, sort: str, year: bool = False) -> tuple[str, str]:
    """The first column shows the value the list is sorted by (upvotes unless it is sorted by
    date, comments or stars), the second the comments, or the upvotes when they moved over.
    A date carries its year when `year`."""
    if sort == "date":
        day = paper.submitted or paper.published
        shown = (f"{day:%Y-%m-%d}" if year else f"{day:%m-%d}") if day else "–"
        first = f"{shown:<{10 if year else 5}} "
    elif sort == "comments":
        first = f"✉{count_text(paper.comments, 4)} "
    elif sort == "stars":
        first = f"{STARS}{count_text(paper.github_stars, 4)} "
    else:
        return f"▲{count_text(paper.upvotes, 4)} ", f"✉{count_text(paper.comments, 3)} "
    return first, f"▲{count_text(paper.upvotes, 3)} "


def fit(text: str, width: int) -> str:
    """`text` cut with an ellipsis or padded with spaces to exactly `width` cells."""
    if text.isascii():
        if len(text) <= width:
            return text.ljust(width)
        return text[: width - 1] + "…" if width > 0 else ""
    if cell_len(text) <= width:
        return set_cell_size(text, width)
    return set_cell_size(text, width - 1) + "…" if width > 0 else ""


def visible_spans(full: str, shown: str, terms: tuple[str, ...]) -> list[tuple[int, int]]:
    """Matches of `terms` in the whole title, clipped to the part `shown` before its ellipsis."""
    if not terms:
        return []
    cut = len(shown) - 1 if shown.endswith("…") and len(full) >= len(shown) else len(shown)
    return [(a, min(b, cut)) for a, b in highlight_spans(full, terms) if a < cut]


def highlighted(
    text: str, spans: Sequence[tuple[int, int]], style: Style, match: Style
) -> list[Segment]:
    if not spans:
        return [Segment(text, style)]
    marked = [False] * len(text)
    for start, end in spans:
        for i in range(start, min(end, len(text))):
            marked[i] = True
    segments = []
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or marked[i] != marked[start]:
            segments.append(Segment(text[start:i], match if marked[start] else style))
            start = i
    return segments
