"""Peak memory of the reader holding 20,000 papers, next to a bare Textual app.

    .venv/bin/python benchmarks/bench_memory.py [--papers 20000]

Each measurement runs in a fresh interpreter (headless, 120×36): the reader opens a store of N
papers, loads the full records, filters (which builds every paper's haystack) and scrolls; the
peak resident set size is read at the end from /proc/self/status (VmHWM: ru_maxrss would also
count this parent's memory, which a child inherits at fork). The bare app's peak is the floor
that Python and Textual cost anyway.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

READER = """
import asyncio, sys
sys.path.insert(0, {tests!r})
from pathlib import Path
from demo import build_app
from papertui.core.views import View, Kind

async def main():
    app = build_app(Path({home!r}), View(Kind.DAY, "2026-05-04"), cached=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.press("slash", *"diffusion", "enter", "G", "g", "escape")
        await pilot.pause()
        assert app.screen.list.count == {n}, app.screen.list.count
asyncio.run(main())
print(next(l.split()[1] for l in open("/proc/self/status") if l.startswith("VmHWM")))
"""

BARE = """
import asyncio, sys
sys.path.insert(0, {here!r})
from bare_app import Bare

async def main():
    async with Bare().run_test(size=(120, 36)) as pilot:
        await pilot.pause()
asyncio.run(main())
print(next(l.split()[1] for l in open("/proc/self/status") if l.startswith("VmHWM")))
"""


def peak_mb(code: str) -> float:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return int(out.stdout.split()[-1]) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=20000)
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    from common import synthetic_papers

    from papertui.data.store import Store

    with tempfile.TemporaryDirectory() as home:
        store = Store(Path(home) / "cache.sqlite3")
        store.save_view(
            "day:2026-05-04", "day", synthetic_papers(args.papers), fetched_at=time.time()
        )
        store.close()
        tests = str(HERE.parent / "tests")
        reader = peak_mb(READER.format(tests=tests, home=home, n=args.papers))
        bare = peak_mb(BARE.format(here=str(HERE)))
    print("| program | peak RSS |")
    print("|---|---:|")
    print(f"| bare Textual app | {bare:.0f} MB |")
    print(f"| papertui, {args.papers:,} papers loaded, filtered, scrolled | {reader:.0f} MB |")
    print(
        f"\nthe papers cost {reader - bare:.0f} MB above the bare app "
        f"({(reader - bare) * 1024 / args.papers:.1f} KB a paper)"
    )


if __name__ == "__main__":
    main()
