"""Drawing one row of the paper list: the counts, a title cut to fit, highlighted matches."""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style

from papertui.core.paper import Paper
from papertui.core.query import highlight_spans

PREFIX_CELLS = 5 + 6 + 5 + 2  # rank, the sort's value, a second count, mark


def count_text(value: int | None, digits: int) -> str:
    """`value` in `digits` cells: 86, 1234, 12k; unknown is a dash."""
    if value is None:
        return "–".rjust(digits)
    if value < 10**digits:
        return str(value).rjust(digits)
    return f"{value // 1000}k".rjust(digits)


def counts(paper: Paper, sort: str) -> tuple[str, str]:
    """The first column shows the value the list is sorted by (upvotes unless it is sorted by
    date, comments or stars), the second the comments, or the upvotes when they moved over."""
    if sort == "date":
        day = paper.submitted or paper.published
        first = f"{day:%m-%d} " if day else "  –   "
    elif sort == "comments":
        first = f"✉{count_text(paper.comments, 4)} "
    elif sort == "stars":
        first = f"☆{count_text(paper.github_stars, 4)} "
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
