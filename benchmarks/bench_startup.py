"""Launch to first paint: papertui with 1,000 cached papers against a bare Textual app.

    .venv/bin/python benchmarks/bench_startup.py [--runs 30] [--also before=/path/to/bin/papertui]

Each program starts in a real pseudo-terminal (120×36); the clock runs from spawn until the
terminal receives the first frame that shows the data: for papertui the status bar's
"1000 papers" (drawn with the list, from the store, with no network), for the bare app its one
line. Runs alternate between the two (each pair in turn order), so the machine's noise falls on
both; the median of the paired ratios is the result, with the middle half of them for spread.
`--also NAME=PATH` adds another papertui (an older checkout's console script, say) to the
rotation, measured against the same bare app in the same run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from common import compile_package, synthetic_papers
from ptyrun import first_paint, paint_and_cpu

from papertui.data.store import Store

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent


def prepare_home(home: Path, n: int) -> dict[str, str]:
    env = {
        "XDG_CACHE_HOME": str(home / "cache"),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "PAPERTUI_API_URL": "http://127.0.0.1:9",
    }
    store = Store(home / "cache" / "papertui" / "cache.sqlite3")
    papers = synthetic_papers(n)
    store.save_view("day:2026-05-04", "day", papers, fetched_at=time.time())
    store.close()
    return env


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--papers", type=int, default=1000)
    parser.add_argument("--also", action="append", default=[], metavar="NAME=PATH")
    args = parser.parse_args()
    compile_package()
    with tempfile.TemporaryDirectory() as tmp:
        env = prepare_home(Path(tmp), args.papers)
        day = ["--date", "2026-05-04"]
        programs = {"papertui": [str(BIN / "papertui"), *day]}
        for also in args.also:
            name, _, path = also.partition("=")
            programs[name] = [path, *day]
        bare = [sys.executable, str(HERE / "bare_app.py")]
        marker = f"{args.papers} papers"
        first_paint(bare, env, "bench-ready")  # warm the disk cache for all
        for argv in programs.values():
            first_paint(argv, env, marker)
        names = ["bare", *programs]
        times: dict[str, list[float]] = {name: [] for name in names}
        cpu: dict[str, list[float]] = {name: [] for name in names}
        for n in range(args.runs):
            # Each round in turn order, so no program always runs on another's heels.
            for name in names[n % len(names) :] + names[: n % len(names)]:
                argv, text = (bare, "bench-ready") if name == "bare" else (programs[name], marker)
                wall, used = paint_and_cpu(argv, env, text)
                times[name].append(wall)
                cpu[name].append(used)
        report(times, cpu, args.runs, args.papers)


def report(
    times: dict[str, list[float]], cpu: dict[str, list[float]], runs: int, papers: int
) -> None:
    bare_ms = statistics.median(times["bare"]) * 1000
    bare_cpu = statistics.median(cpu["bare"]) * 1000
    print(f"| program | median first paint ({runs} runs) | paired ratio (middle half) | CPU |")
    print("|---|---:|---:|---:|")
    print(f"| bare Textual app, one line | {bare_ms:.0f} ms | 1 | {bare_cpu:.0f} ms |")
    for name in [n for n in times if n != "bare"]:
        ms = statistics.median(times[name]) * 1000
        ratios = [p / b for p, b in zip(times[name], times["bare"], strict=True)]
        low, mid, high = statistics.quantiles(ratios, n=4)
        used = statistics.median(cpu[name]) * 1000
        print(
            f"| {name}, {papers:,} cached papers | {ms:.0f} ms "
            f"| {mid:.2f}× ({low:.2f}–{high:.2f}×) | {used:.0f} ms ({used / bare_cpu:.2f}×) |"
        )
    # CPU time until the frame (all threads): the work done, which the machine's scheduling
    # noise moves far less than the wall clock.
    print(f"({f'python {sys.version.split()[0]}, {os.cpu_count()} cores'})")


if __name__ == "__main__":
    main()
