"""Offline search over a 30,000-paper archive: SQLite FTS5 with bm25() next to the scan that
stands in where SQLite has no FTS5 (the same results, the same order), in the same run.

    .venv/bin/python benchmarks/bench_search.py [--papers 30000] [--repeat 5]

The store is filled as `papertui sync` fills it (the loopback hub's synthetic archive: the
recorded papers' texts under new ids); each query's time is the best of `--repeat`, the ids and
records decoded included.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from bench_sync import months_for  # noqa: E402

from loopback import archive_entries  # noqa: E402
from papertui.core.hf import parse_entries  # noqa: E402
from papertui.data.store import Store  # noqa: E402

QUERIES = ["retrieval", "diffusion language", '"language model"', "agent -retrieval", "title:agent"]


def fill(store: Store, months: list[str], per_day: int) -> int:
    total = 0
    for month in months:
        entries = [e for day in archive_entries(month, per_day).values() for e in day]
        papers = parse_entries(entries).papers
        store.save_month(month, papers, complete=True)
        total += len(papers)
    return total


def best(store: Store, query: str, repeat: int) -> tuple[float, int]:
    times, found = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        found = len(store.search(query))
        times.append((time.perf_counter() - start) * 1000)
    return min(times), found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=30_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    months = months_for(args.papers, 40)
    home = Path(tempfile.mkdtemp())
    indexed, scanned = Store(home / "fts.sqlite3"), Store(home / "scan.sqlite3", fts=False)
    total = fill(indexed, months, 40)
    fill(scanned, months, 40)
    print(f"{total:,} papers; best of {args.repeat}; top 120 results\n")
    print("| query | results | FTS5 + bm25 (ms) | scan, no FTS5 (ms) | scan / FTS5 |")
    print("|---|---:|---:|---:|---:|")
    for query in QUERIES:
        fast, found = best(indexed, query, args.repeat)
        slow, _ = best(scanned, query, 1)
        print(f"| `{query}` | {found} | {fast:.1f} | {slow:.0f} | {slow / fast:.0f}× |")


if __name__ == "__main__":
    main()
