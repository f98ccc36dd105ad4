"""The archive view at 30,000 papers next to a 1,000-paper month, in the same run.

    .venv/bin/python benchmarks/bench_archive.py [--papers 30000] [--runs 15] [--keys 3]

One store holds a synced archive (`--papers`, 1,000 a month, every month complete, as
`papertui sync` leaves it), so that each of its months is a 1,000-paper month. Both programs run
for real in a pseudo-terminal (120×36), taking turns:

- **first paint**: `papertui --archive` and `papertui --month 2026-06`, from spawn until the
  terminal receives the status bar's count ("30000 papers", "1000 papers"); the median of the
  paired ratios is the result, as in `bench_startup.py`;
- **filter keystrokes**: in each program, `/` and then `diffusion` typed a letter at a time
  (each letter narrows the last), then `zebra` pasted at once after clearing (a query that looks
  at every paper anew); each time from the write of the key to the first screenful of its
  rows (over 5,000 papers, the first rows are matched as the key is handled and shown with
  "36+ of 30000", the rest on a thread) and to the status bar's whole count ("5677 of 30000");
  a letter that leaves the same rows (no new count to wait for) is timed to its first frame;
- **peak memory**: each program's own high-water mark (`VmHWM` in /proc) after it opened its
  view, read the filter's text of every paper, filtered, sorted (`s`) and went to the end (`G`).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from common import compile_package, synthetic_papers
from ptyrun import Session, paint_and_cpu

BIN = Path(sys.executable).parent
PER_MONTH = 1000
MONTH = "2026-06"
PASTE = "\x1b[200~{}\x1b[201~"  # a bracketed paste: the terminal's way, one event
WORD, RARE = "diffusion", "zebra"


def months_back(count: int, last: date = date(2026, 10, 1)) -> list[date]:
    firsts, day = [], last
    for _ in range(count):
        firsts.append(day)
        day = (day - timedelta(days=1)).replace(day=1)
    return firsts


def prepare_home(home: Path, n: int) -> dict[str, str]:
    """A store with `n` archived papers, PER_MONTH in each month back from October 2026."""
    from dataclasses import replace

    from papertui.data.store import Store

    store = Store(home / "cache" / "papertui" / "cache.sqlite3")
    papers = synthetic_papers(n)
    for m, first in enumerate(months_back(n // PER_MONTH)):
        days = [first + timedelta(days=d) for d in range(31)]
        weekdays = [d for d in days if d.month == first.month and d.weekday() < 5]
        chunk = papers[m * PER_MONTH : (m + 1) * PER_MONTH]
        dated = [replace(p, submitted=weekdays[i % len(weekdays)]) for i, p in enumerate(chunk)]
        store.save_month(f"{first:%Y-%m}", dated, complete=True, fetched_at=time.time())
    store.close()
    return {
        "XDG_CACHE_HOME": str(home / "cache"),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "PAPERTUI_API_URL": "http://127.0.0.1:9",
    }


def expected_counts(home: Path, word: str) -> dict[str, list[int]]:
    """How many papers each prefix of `word` leaves, in the month and in the archive: the
    status bar's "N of M" that says the rows are drawn."""
    from papertui.data.store import Store

    store = Store(home / "cache" / "papertui" / "cache.sqlite3")
    texts = store.archive_texts()
    first = date.fromisoformat(MONTH + "-01")
    month = store.load_archived(first, first.replace(day=30), light=True)
    assert month is not None
    ids = {p.id for p in month.papers}
    counts: dict[str, list[int]] = {"month": [], "archive": []}
    for k in range(1, len(word) + 1):
        needle = word[:k].encode()
        found = {pid for pid, text in texts.items() if needle in text}
        counts["archive"].append(len(found))
        counts["month"].append(len(found & ids))
    store.close()
    return counts


def session_figures(
    argv: list[str], env: dict[str, str], marker: str, counts: list[int], keys: int
) -> dict[str, float]:
    """Filter keystrokes and peak memory of one program, opened on its view."""
    session = Session(argv, env)
    total = marker.split()[0]
    try:
        session.wait_for(marker)
        time.sleep(2.0)  # the archive's text is read on a worker after the first frame
        session.quiet(0.5)
        echo, first, typing, pasted = [], [], [], []
        for _ in range(keys):
            session.key("/")
            before = int(total)
            for letter, count in zip(WORD, counts, strict=True):
                if count == before:  # the same rows: nothing on screen says when they came
                    echo.append(session.key(letter))
                    continue
                start = session.send(letter)
                # The first rows (a screenful, "36+ of 30000" while the rest is matched on a
                # thread) or, over fewer papers, the whole match at once.
                session.wait_for_any(f"{count} of {total}", f"+ of {total}")
                first.append(time.perf_counter() - start)
                session.wait_for(f"{count} of {total}")
                typing.append(time.perf_counter() - start)
                before = count
            session.key("\x1b")  # escape: the filter cleared
            session.key("/")
            start = session.send(PASTE.format(RARE))
            session.wait_for(f"0 of {total}")
            pasted.append(time.perf_counter() - start)
            session.key("\x1b")
        session.key("/")
        session.key(WORD + "\r")
        for key in ("s", "G", "\x1b", "s", "G"):
            session.key(key)
        session.quiet(0.5)
        with open(f"/proc/{session.proc.pid}/status") as status:
            hwm = next(line for line in status if line.startswith("VmHWM"))
        return {
            "echo": statistics.median(echo) * 1000,
            "first": statistics.median(first) * 1000,
            "first_max": max(first) * 1000,
            "typing": statistics.median(typing) * 1000,
            "typing_max": max(typing) * 1000,
            "pasted": statistics.median(pasted) * 1000,
            "peak": int(hwm.split()[1]) / 1024,
        }
    finally:
        session.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=30000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--keys", type=int, default=3, help="rounds of typed filters")
    args = parser.parse_args()
    compile_package()
    with tempfile.TemporaryDirectory() as tmp:
        print(f"making an archive of {args.papers:,} papers…", file=sys.stderr)
        env = prepare_home(Path(tmp), args.papers)
        papertui = str(BIN / "papertui")
        programs = {
            "month": ([papertui, "--month", MONTH], f"{PER_MONTH} papers"),
            "archive": ([papertui, "--archive"], f"{args.papers} papers"),
        }
        for argv, marker in programs.values():  # warm the disk cache and make the rows
            paint_and_cpu(argv, env, marker)
        walls: dict[str, list[float]] = {name: [] for name in programs}
        for n in range(args.runs):
            for name in list(programs)[n % 2 :] + list(programs)[: n % 2]:
                walls[name].append(paint_and_cpu(*programs[name][:1], env, programs[name][1])[0])
        counts = expected_counts(Path(tmp), WORD)
        figures = {
            name: session_figures(argv, env, marker, counts[name], args.keys)
            for name, (argv, marker) in programs.items()
        }
    report(walls, figures, args.papers)


def report(
    walls: dict[str, list[float]], figures: dict[str, dict[str, float]], papers: int
) -> None:
    month, archive = walls["month"], walls["archive"]
    paired = sorted(a / m for a, m in zip(archive, month, strict=True))
    quarter = len(paired) // 4
    print(f"| measure | {PER_MONTH:,}-paper month | archive, {papers:,} papers | archive / month |")
    print("|---|---:|---:|---:|")
    print(
        f"| first paint, median of {len(month)} (ms) | {statistics.median(month) * 1000:.0f} "
        f"| {statistics.median(archive) * 1000:.0f} | {statistics.median(paired):.2f}× |"
    )
    rows = (
        ("filter keystroke, rows unchanged, to its frame (median, ms)", "echo"),
        ("filter keystroke to its first rows on screen (median, ms)", "first"),
        ("filter keystroke to its first rows on screen (slowest, ms)", "first_max"),
        ("filter keystroke to all its rows and count (median, ms)", "typing"),
        ("filter keystroke to all its rows and count (slowest, ms)", "typing_max"),
        ("a new word pasted, to its rows and count (ms)", "pasted"),
        ("peak memory (MB)", "peak"),
    )
    for label, key in rows:
        m, a = figures["month"][key], figures["archive"][key]
        print(f"| {label} | {m:.1f} | {a:.1f} | {a / m:.2f}× |")
    low, high = paired[quarter], paired[-quarter - 1]
    print(f"\npaired first-paint ratios, middle half: {low:.2f}–{high:.2f}×")


if __name__ == "__main__":
    main()
