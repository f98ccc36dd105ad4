"""Launch to first paint: papertui with 1,000 cached papers against a bare Textual app.

    .venv/bin/python benchmarks/bench_startup.py [--runs 30]

Each program starts in a real pseudo-terminal (120×36); the clock runs from spawn until the
terminal receives the first frame that shows the data: for papertui the status bar's
"1000 papers" (drawn with the list, from the store, with no network), for the bare app its one
line. Runs alternate between the two (each pair in turn order), so the machine's noise falls on
both; the median of the paired ratios is the result, with the middle half of them for spread.
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
    args = parser.parse_args()
    compile_package()
    with tempfile.TemporaryDirectory() as tmp:
        env = prepare_home(Path(tmp), args.papers)
        reader = [str(BIN / "papertui"), "--date", "2026-05-04"]
        bare = [sys.executable, str(HERE / "bare_app.py")]
        marker = f"{args.papers} papers"
        first_paint(bare, env, "bench-ready")  # warm the disk cache for both
        first_paint(reader, env, marker)
        times: dict[str, list[float]] = {"bare": [], "papertui": []}
        cpu: dict[str, list[float]] = {"bare": [], "papertui": []}
        for n in range(args.runs):
            # Each pair in turn order, so neither program always runs on the other's heels.
            for name in ("bare", "papertui") if n % 2 == 0 else ("papertui", "bare"):
                argv, text = (bare, "bench-ready") if name == "bare" else (reader, marker)
                wall, used = paint_and_cpu(argv, env, text)
                times[name].append(wall)
                cpu[name].append(used)
    bare_ms = statistics.median(times["bare"]) * 1000
    reader_ms = statistics.median(times["papertui"]) * 1000
    ratios = [p / b for p, b in zip(times["papertui"], times["bare"], strict=True)]
    print(f"| program | median first paint ({args.runs} runs) |")
    print("|---|---:|")
    print(f"| bare Textual app, one line | {bare_ms:.0f} ms |")
    print(f"| papertui, {args.papers:,} cached papers | {reader_ms:.0f} ms |")
    machine = f"python {sys.version.split()[0]}, {os.cpu_count()} cores"
    low, mid, high = statistics.quantiles(ratios, n=4)
    print(f"\nratio of medians: {reader_ms / bare_ms:.2f}×")
    print(f"paired ratios: median {mid:.2f}×, middle half {low:.2f}–{high:.2f}×")
    # CPU time until the frame (all threads): the work done, which the machine's scheduling
    # noise moves far less than the wall clock.
    bare_cpu, reader_cpu = (statistics.median(cpu[k]) * 1000 for k in ("bare", "papertui"))
    print(f"CPU time to first paint: bare {bare_cpu:.0f} ms, papertui {reader_cpu:.0f} ms", end="")
    print(f" ({reader_cpu / bare_cpu:.2f}×)")
    print(f"({machine})")


if __name__ == "__main__":
    main()
