"""For you, the watch list and the digest, timed side by side with what they stand beside.

    .venv/bin/python benchmarks/bench_foryou.py [--papers 30000] [--bookmarks 500] [--runs 11]

One store holds a synced archive (`--papers`, 1,000 a month back from this month, so that the
last 14 days hold ~450 of them) and a bookmarks file of `--bookmarks` of its papers (with
their abstracts, as `b` saves them); the config watches three authors and a query. Then, in
the same run:

- **ranking a month**: `Service.for_you` over a 1,000-paper month against the bookmarks,
  in-process, next to the same month sorted by upvotes: *cold*, by a new service each time
  (as `list --for-you` or a new reader ranks: the bookmarks file read, the bookmarks' side of
  the profile read from the cache, every paper's words read and weighed, the scores), and
  *again*, by the same service (as the reader ranks again: the bookmarks known);
- **For you's first paint**: `papertui --for-you` and `papertui --month M` (a 1,000-paper
  month) in a pty (120×36), taking turns, from spawn to the status bar's count. For you paints
  the ranking it last showed (ranked once before by `list --for-you`), then ranks anew; *never
  ranked*, the kept ranking and the bookmarks' side are dropped before each start, so it
  ranks the last 14 days' list rows before it paints;
- **a week's digest**: `papertui digest --week W` next to `papertui list --week W --offline`,
  as a script runs them (wall time of the process).
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from common import compile_package, synthetic_papers
from ptyrun import paint_and_cpu

BIN = Path(sys.executable).parent
PER_MONTH = 1000
WATCH = """[watch]
authors = ["Tao Liu", "Wenhu Chen", "Yejin Choi"]
[watch.queries]
kernels = 'kw:kernel upvotes:>=100'
"""


def months_back(count: int, today: date) -> list[date]:
    firsts, day = [], today.replace(day=1)
    for _ in range(count):
        firsts.append(day)
        day = (day - timedelta(days=1)).replace(day=1)
    return firsts


def prepare_home(home: Path, n: int, bookmarks: int, today: date) -> dict[str, str]:
    from papertui.data.bookmark_file import BookmarkFile
    from papertui.data.store import Store

    store = Store(home / "cache" / "papertui" / "cache.sqlite3")
    papers = synthetic_papers(n)
    for m, first in enumerate(months_back(n // PER_MONTH, today)):
        last = today if m == 0 else (first + timedelta(days=31)).replace(day=1)
        days = [first + timedelta(days=d) for d in range((last - first).days or 1)]
        days = [d for d in days if d.weekday() < 5] or [first]
        chunk = papers[m * PER_MONTH : (m + 1) * PER_MONTH]
        dated = [replace(p, submitted=days[i % len(days)]) for i, p in enumerate(chunk)]
        store.save_month(f"{first:%Y-%m}", dated, complete=True, fetched_at=time.time())
    store.close()
    marks = BookmarkFile(
        home / "data" / "papertui" / "bookmarks.toml",
        home / "cache" / "papertui" / "bookmarks-index.json",
    )
    marks.add(papers[PER_MONTH * 3 : PER_MONTH * 3 + bookmarks])  # kept papers, bookmarked
    config = home / "config" / "papertui" / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(WATCH, encoding="utf-8")
    return {
        "XDG_CACHE_HOME": str(home / "cache"),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "PAPERTUI_API_URL": "http://127.0.0.1:9",
    }


def ranking(env: dict[str, str], month: str, runs: int) -> dict[str, list[float]]:
    """Seconds to rank a month for the bookmarks, cold and again, and to sort it by upvotes,
    in-process."""
    os.environ.update(env)
    from papertui.boot import open_service
    from papertui.core.sorts import Sort, sort_papers
    from papertui.core.views import parse_month
    from papertui.data import config, paths

    settings = config.load(paths.config_file()).config
    times: dict[str, list[float]] = {"cold": [], "again": [], "sort": []}
    for _ in range(runs):
        service, _ = open_service(settings)
        result = service.cached(parse_month(month))
        assert result is not None and len(result.papers) == PER_MONTH
        for name in ("cold", "again"):
            start = time.perf_counter()
            service.for_you(result.papers)
            times[name].append(time.perf_counter() - start)
        start = time.perf_counter()
        sort_papers(result.papers, Sort.UPVOTES)
        times["sort"].append(time.perf_counter() - start)
        service.store.close()
    return times


def forget_ranking(home: Path) -> None:
    """Drop For you's kept ranking and the bookmarks' side: the next start ranks anew."""
    from papertui.core.views import Kind, View

    with sqlite3.connect(home / "cache" / "papertui" / "cache.sqlite3") as db:
        db.execute("DELETE FROM feeds WHERE key=?", (View(Kind.FOR_YOU, "14").key,))
        db.execute("DELETE FROM profiles")
    db.close()


def wall(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, env={**os.environ, **env}, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=30000)
    parser.add_argument("--bookmarks", type=int, default=500)
    parser.add_argument("--runs", type=int, default=11)
    args = parser.parse_args()
    compile_package()
    today = date.today()
    old = (today.replace(day=1) - timedelta(days=40)).replace(day=1)
    inside = old + timedelta(days=7)  # a week wholly inside that month
    year, number, _ = inside.isocalendar()
    month, week = f"{old:%Y-%m}", f"{year}-W{number:02d}"
    with tempfile.TemporaryDirectory() as tmp:
        print(f"making an archive of {args.papers:,} papers…", file=sys.stderr)
        env = prepare_home(Path(tmp), args.papers, args.bookmarks, today)
        papertui = str(BIN / "papertui")
        programs = {
            "month": ([papertui, "--month", month], f"{PER_MONTH} papers"),
            "for you": ([papertui, "--for-you"], " papers"),
        }
        for argv, marker in programs.values():  # warm the disk cache
            paint_and_cpu(argv, env, marker)
        # A reader open long enough ranks and keeps the ranking for the next start: here the
        # first paint is cut short, so rank once as `list` does (the ranking it then paints).
        wall([papertui, "list", "--for-you", "--limit", "1"], env)
        paints: dict[str, list[float]] = {name: [] for name in [*programs, "never", "month 2"]}
        for n in range(args.runs):
            for name in list(programs)[n % 2 :] + list(programs)[: n % 2]:
                argv, marker = programs[name]
                paints[name].append(paint_and_cpu(argv, env, marker)[0])
        for n in range(args.runs):  # apart: a start may leave its ranking kept
            for name in ("never", "month 2")[n % 2 :] + ("never", "month 2")[: n % 2]:
                forget_ranking(Path(tmp))
                argv, marker = programs["for you" if name == "never" else "month"]
                paints[name].append(paint_and_cpu(argv, env, marker)[0])
        digests, lists = [], []
        for _ in range(args.runs):
            digests.append(wall([papertui, "digest", "--week", week], env))
            lists.append(wall([papertui, "list", "--week", week, "--offline"], env))
        ranked = ranking(env, month, args.runs)
    report(paints, digests, lists, ranked, args)


def report(
    paints: dict[str, list[float]],
    digests: list[float],
    lists: list[float],
    ranked: dict[str, list[float]],
    args: argparse.Namespace,
) -> None:
    ms = lambda xs: statistics.median(xs) * 1000  # noqa: E731

    def paired(mine: list[float], beside: list[float]) -> float:
        return statistics.median(a / b for a, b in zip(mine, beside, strict=True))

    print(f"archive {args.papers:,} papers, {args.bookmarks} bookmarks, medians of {args.runs}\n")
    print("| measure | papertui | beside it | ratio |")
    print("|---|---:|---:|---:|")
    sort = ms(ranked["sort"])
    for name in ("cold", "again"):
        print(
            f"| rank a {PER_MONTH:,}-paper month for you, {name} (ms) · sort it by upvotes "
            f"| {ms(ranked[name]):.1f} | {sort:.2f} | {ms(ranked[name]) / sort:.0f}× |"
        )
    for name, month, said in (
        ("for you", "month", "ranked before"),
        ("never", "month 2", "never ranked"),
    ):
        print(
            f"| first paint: `--for-you`, {said} · a {PER_MONTH:,}-paper month (ms) | "
            f"{ms(paints[name]):.0f} | {ms(paints[month]):.0f} "
            f"| {paired(paints[name], paints[month]):.2f}× |"
        )
    print(
        f"| `digest --week` · `list --week --offline` (ms) | {ms(digests):.0f} "
        f"| {ms(lists):.0f} | {ms(digests) / ms(lists):.2f}× |"
    )


if __name__ == "__main__":
    main()
