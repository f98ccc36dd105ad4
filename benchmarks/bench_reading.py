"""Reading a 400 KB paper: papertui's reading screen next to Textual's `Markdown` widget, on the
same document, in the same run.

    .venv/bin/python benchmarks/bench_reading.py [--runs 5] [--size 400000] [--wait 1.5]

Both run for real in a pseudo-terminal (120×36) and take turns, so a noisy machine slows both
alike; every time is from the write of a key to what the program draws in answer.

- **papertui** (`papertui --date 2026-05-08` against the loopback hub, a fresh cache each run):
  `R` on the long paper, pressed `--wait` seconds after the list is shown (1.5: the reader has
  by then loaded what `R` needs, while idle; 0: cold), to its first screen on the terminal (the
  text is *not* cached: fetched from the hub, cleaned, kept, parsed and laid out), and to the
  whole paper laid out (the status line's percentage appears then); a scroll step (`↓`, one
  line) and a page (PageDown), to the end of the first frame drawn in answer; a search (`/`,
  the query typed: from its last key to the count on screen); the resident memory the open
  paper added.
- **Textual `Markdown`** (`benchmarks/markdown_app.py`): `R` mounts the widget with the same
  text, read from a file (no fetch), to its first screen and to every block mounted; the same
  scroll step and page on its VerticalScroll; the memory it added. It has no search.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))
sys.path.insert(0, str(HERE))

from common import compile_package  # noqa: E402
from ptyrun import Session  # noqa: E402

from loopback import LONG_ID, LoopbackServer  # noqa: E402
from papers import long_text  # noqa: E402

DOWN, PAGE_DOWN = "\x1b[B", "\x1b[6~"
QUERY = "attentio"


def ours(server: LoopbackServer, wait: float = 1.5) -> dict[str, float]:
    home = Path(tempfile.mkdtemp())
    env = {"PAPERTUI_API_URL": server.url, "XDG_CACHE_HOME": str(home / "cache"),
           "XDG_CONFIG_HOME": str(home / "config"), "XDG_DATA_HOME": str(home / "data"),
           "XDG_STATE_HOME": str(home / "state")}  # fmt: skip
    session = Session([str(Path(sys.executable).parent / "papertui"), "--date", "2026-05-08"], env)
    try:
        session.wait_for("live")  # the day fetched: nothing else going on
        session.key("jj")
        time.sleep(wait)  # as a person reads the list first: the reader has warmed up for R
        session.quiet()
        before = session.rss_mb()
        start = session.send("R")
        session.wait_for("Ada Lovelace")
        first_ms = (time.perf_counter() - start) * 1000
        session.wait_for("offline reading · ")  # the percentage: all laid out
        whole_ms = (time.perf_counter() - start) * 1000
        session.quiet(0.5)
        result = _scrolls(session)
        result |= {
            "first_ms": first_ms,
            "whole_ms": whole_ms,
            "memory_mb": session.rss_mb() - before,
        }
        session.key("/")
        for char in QUERY[:-1]:
            session.key(char)
        session.send(QUERY[-1])
        result["search_ms"] = session.wait_for(" matches") * 1000
        return result
    finally:
        session.close()


def theirs(paper: Path) -> dict[str, float]:
    session = Session([sys.executable, str(HERE / "markdown_app.py")], {"PAPER": str(paper)})
    try:
        session.wait_for("bench-ready")
        session.quiet(0.5)
        before = session.rss_mb()
        start = session.send("R")
        session.wait_for("Ada Lovelace")
        first_ms = (time.perf_counter() - start) * 1000
        session.wait_for("ALL-MOUNTED", timeout=120)
        whole_ms = (time.perf_counter() - start) * 1000
        session.quiet(0.5)
        result = _scrolls(session)
        return result | {
            "first_ms": first_ms,
            "whole_ms": whole_ms,
            "memory_mb": session.rss_mb() - before,
        }
    finally:
        session.close()


def _scrolls(session: Session) -> dict[str, float]:
    steps = [session.key(DOWN) for _ in range(20)]
    pages = [session.key(PAGE_DOWN) for _ in range(10)]
    return {
        "scroll_ms": statistics.median(steps) * 1000,
        "page_ms": statistics.median(pages) * 1000,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--size", type=int, default=400_000, help="characters of Markdown")
    parser.add_argument(
        "--wait", type=float, default=1.5, help="seconds between the list shown and R (0: cold)"
    )
    args = parser.parse_args()
    compile_package()
    text = long_text(args.size, title="Skill1: a long paper")
    paper = Path(tempfile.mkdtemp()) / "paper.md"
    paper.write_text(text, encoding="utf-8")
    server = LoopbackServer().start()
    server.texts[LONG_ID] = text
    mine, baseline = [], []
    try:
        for n in range(args.runs):
            mine.append(ours(server, args.wait))
            baseline.append(theirs(paper))
            print(f"run {n + 1}/{args.runs} done", file=sys.stderr, flush=True)
    finally:
        server.stop()
    report(mine, baseline, args.runs, len(text.encode()))
    search_alone(text)


def report(
    mine: list[dict[str, float]], baseline: list[dict[str, float]], runs: int, size: int
) -> None:
    def median(rows: list[dict[str, float]], key: str) -> float:
        return statistics.median(row[key] for row in rows)

    print(f"A {size // 1000} KB paper; medians of {runs} runs, side by side (pty, 120×36)\n")
    print("| measure | papertui | Textual `Markdown` | Markdown / papertui | target |")
    print("|---|---:|---:|---:|---|")
    rows = [
        ("first screen, from the key (ms)", "first_ms", "≤ 150 ms"),
        ("whole paper ready (ms)", "whole_ms", ""),
        ("scroll step, one line (ms)", "scroll_ms", "≤ 16 ms"),
        ("page down (ms)", "page_ms", ""),
        ("memory added by the open paper (MB)", "memory_mb", "≤ +40 MB"),
    ]
    for name, key, target in rows:
        a, b = median(mine, key), median(baseline, key)
        print(f"| {name} | {a:.1f} | {b:.1f} | {b / a:.1f}× | {target} |")
    search = median(mine, "search_ms")
    print(f"| search: last key to the count (ms) | {search:.1f} | none | | ≤ 50 ms |")


def search_alone(text: str) -> None:
    """The search itself, in this process: the paper laid out at 116 cells (the reading
    screen's width at 120 columns), then each prefix of the query as typed."""
    from papertui.tui.document.blocks import parse
    from papertui.tui.document.layout import lay_out
    from papertui.tui.document.search import Haystack, find

    hay = Haystack(lay_out(parse(text).blocks, 116).texts)
    rows = []
    for end in range(1, len(QUERY) + 1):
        times = []
        for _ in range(5):
            start = time.perf_counter()
            found = find(hay, QUERY[:end])
            times.append((time.perf_counter() - start) * 1000)
        rows.append(f"'{QUERY[:end]}' {len(found)} matches {min(times):.1f} ms")
    print(f"\nSearch alone over {len(hay.texts)} lines: " + " · ".join(rows))


if __name__ == "__main__":
    main()
