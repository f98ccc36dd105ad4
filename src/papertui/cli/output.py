"""What `papertui list` prints: a Rich table for people, JSON for scripts, progress on stderr.

Data reaches Rich only as `Text` objects, never as markup strings: a title `[bold]` or
`[@click=app.quit]` is printed as those characters.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from papertui.core.paper import Paper
from papertui.core.records import to_record
from papertui.core.text import age

if TYPE_CHECKING:
    from papertui.service import ViewResult


def print_json(papers: Sequence[Paper]) -> None:
    records = [to_record(p) for p in papers]
    sys.stdout.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")


def print_table(papers: Sequence[Paper], result: ViewResult) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(highlight=False, markup=False, emoji=False)
    table = Table(title=Text(_title(result)), title_justify="left", expand=False)
    table.add_column("#", justify="right", style="dim")
    table.add_column("▲", justify="right", style="bold")
    table.add_column("✉", justify="right")
    table.add_column("title", overflow="ellipsis", no_wrap=True, ratio=1)
    table.add_column("organization", overflow="ellipsis", no_wrap=True, max_width=24)
    table.add_column("date", no_wrap=True)
    for rank, paper in enumerate(papers, 1):
        org = paper.organization.display if paper.organization else ""
        day = paper.submitted or paper.published
        table.add_row(
            Text(str(rank)),
            Text(_count(paper.upvotes)),
            Text(_count(paper.comments)),
            Text(paper.title),
            Text(org),
            Text(day.isoformat() if day else ""),
        )
    console.print(table)


def _count(value: int | None) -> str:
    return "–" if value is None else str(value)


def _title(result: ViewResult) -> str:
    if result.source == "sample":
        freshness = "sample data"
    elif result.fetched_at is None:
        freshness = result.source
    else:
        import time

        freshness = f"{result.source} · {age(time.time() - result.fetched_at)}"
    if result.offline:
        freshness += " · offline"
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
