"""What `papertui list` prints: a Rich table for people, JSON for scripts, progress on stderr.

Data reaches Rich only as `Text` objects, never as markup strings: a title `[bold]` or
`[@click=app.quit]` is printed as those characters.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from papertui.core.paper import Paper
from papertui.core.records import to_record
from papertui.core.text import age

if TYPE_CHECKING:
    from rich.console import Console

    from papertui.service import ViewResult


def print_json(
    papers: Sequence[Paper],
    watched: Mapping[str, tuple[str, ...]] | None = None,
    why: Mapping[str, str] | None = None,
) -> None:
    """The papers' full records, with what each matches of the watch list (`watched`) and
    why For you ranks it (`for_you`) where there is something to say."""
    records = []
    for paper in papers:
        record = to_record(paper)
        if watched and paper.id in watched:
            record["watched"] = list(watched[paper.id])
        if why and paper.id in why:
            record["for_you"] = why[paper.id]
        records.append(record)
    # Where the output is not UTF-8 (LC_ALL=C, PYTHONIOENCODING=ascii), \u escapes keep
    # every character, and the JSON valid.
    utf8 = (sys.stdout.encoding or "").lower().replace("-", "") == "utf8"
    sys.stdout.write(json.dumps(records, ensure_ascii=not utf8, indent=2) + "\n")


TITLE_MIN = 20  # the title gives way first, down to this many cells
ORG_MAX, ORG_MIN = 24, 8  # then the organisation, down to this, then it goes; then the date
DATE = 10


def print_papers(papers: Sequence[Paper], result: ViewResult) -> None:
    """A table on a terminal; tab-separated lines when piped (for `cut` and `awk`)."""
    from rich.console import Console

    console = Console(highlight=False, markup=False, emoji=False)
    if console.is_terminal:
        print_table(console, papers, result)
    else:
        sys.stdout.writelines(tsv_line(rank, p) for rank, p in enumerate(papers, 1))


def cells(rank: int, paper: Paper, unknown: str = "–") -> tuple[str, ...]:
    """rank, upvotes, comments, title, organization, date, as text."""
    org = paper.organization.display if paper.organization else ""
    day = paper.submitted or paper.published
    return (
        str(rank),
        unknown if paper.upvotes is None else str(paper.upvotes),
        unknown if paper.comments is None else str(paper.comments),
        paper.title,
        org,
        day.isoformat() if day else "",
    )


def tsv_line(rank: int, paper: Paper) -> str:
    """The cells joined by tabs; unknown counts empty (titles hold no tabs: clean_text)."""
    return "\t".join(cells(rank, paper, unknown="")) + "\n"


def layout(width: int, fixed: int, org_wanted: int) -> tuple[int, bool]:
    """(organisation width, 0 for none; whether the date shows) for a table of `width` cells
    whose rank and count columns take `fixed` cells: the title gives way first, then the
    organisation, then the date."""
    for show_org, show_date in ((True, True), (False, True), (False, False)):
        columns = 4 + show_org + show_date
        room = width - fixed - (3 * columns + 1) - (DATE if show_date else 0)
        if not show_org and room >= TITLE_MIN:
            return 0, show_date
        org = min(org_wanted, room - TITLE_MIN)
        if show_org and org_wanted and org >= ORG_MIN:
            return org, show_date
    return 0, False


def print_table(console: Console, papers: Sequence[Paper], result: ViewResult) -> None:
    from rich.cells import cell_len
    from rich.table import Table
    from rich.text import Text

    rows = [_marked(cells(rank, p), result.watched.get(p.id)) for rank, p in enumerate(papers, 1)]
    widths = [max([len(head), *(len(r[i]) for r in rows)]) for i, head in enumerate("#▲✉")]
    org_wanted = min(ORG_MAX, max((cell_len(r[4]) for r in rows), default=0))
    org, show_date = layout(console.width, sum(widths), org_wanted)
    room = console.width - sum(widths) - (org or 0) - (DATE if show_date else 0)
    room -= 3 * (4 + bool(org) + show_date) + 1
    title = max(1, min(room, max((cell_len(r[3]) for r in rows), default=5)))
    table = Table(title=Text(_title(result)), title_justify="left", expand=False)
    for head, width in zip("#▲✉", widths, strict=True):
        style = "bold" if head == "▲" else ("dim" if head == "#" else "")
        table.add_column(head, justify="right", style=style, width=width, no_wrap=True)
    table.add_column("title", overflow="ellipsis", no_wrap=True, width=title)
    if org:
        table.add_column("organization", overflow="ellipsis", no_wrap=True, width=org)
    if show_date:
        table.add_column("date", no_wrap=True, width=DATE)
    for row in rows:
        shown = [*row[:4], *([row[4]] if org else []), *([row[5]] if show_date else [])]
        table.add_row(*map(Text, shown))
    console.print(table)


def _marked(row: tuple[str, ...], watched: tuple[str, ...] | None) -> tuple[str, ...]:
    """A watched paper's title behind a ◆, as the reader marks it (the table only: a piped
    line keeps the title as it is, for scripts)."""
    return (*row[:3], f"◆ {row[3]}", *row[4:]) if watched else row


def _title(result: ViewResult) -> str:
    if result.source == "sample":
        freshness = "sample data"
    elif result.fetched_at is None:
        freshness = result.source
    else:
        import time

        freshness = f"{result.source} · {age(time.time() - result.fetched_at)}"
    if result.problem:
        freshness += f" · {result.problem}"
    return f"{result.view.label} · {freshness}"


class StderrProgress:
    """'fetching… page 3 · 300 papers' on one rewritten stderr line (only on a terminal)."""

    def __init__(self) -> None:
        self._shown = False

    def __call__(self, pages: int, papers: int) -> None:
        sys.stderr.write(f"\rfetching… page {pages} · {papers} papers")
        sys.stderr.flush()
        self._shown = True

    def done(self) -> None:
        if self._shown:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()
