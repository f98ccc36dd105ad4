"""Export of 10,000 bookmarks, end to end: `papertui export` as a user runs it.

    .venv/bin/python benchmarks/bench_export.py [--bookmarks 10000] [--runs 5]

A bookmarks file of N papers (with abstracts, so about 2.5 KB each) is written through
BookmarkFile, then `papertui export --format F -o FILE --force` runs N times per format. "warm"
is the usual case: the parsed copy of the file (kept in the cache dir, keyed on its identity) is
valid; "cold" deletes that copy first, so the TOML itself is parsed, as after a hand edit.
`papertui --version` is timed alongside as the floor a Python process costs here.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import compile_package, synthetic_papers

from papertui.data.bookmark_file import BookmarkFile

BIN = Path(sys.executable).parent / "papertui"


def timed(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bookmarks", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    compile_package()
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        env = {
            **os.environ,
            "XDG_DATA_HOME": str(home / "data"),
            "XDG_CACHE_HOME": str(home / "cache"),
            "XDG_CONFIG_HOME": str(home / "config"),
        }
        index = home / "cache" / "papertui" / "bookmarks-index.json"
        marks = BookmarkFile(home / "data" / "papertui" / "bookmarks.toml", index)
        marks.add(synthetic_papers(args.bookmarks), tags=["bench"])
        size = (home / "data" / "papertui" / "bookmarks.toml").stat().st_size
        floor = statistics.median(timed([str(BIN), "--version"], env) for _ in range(args.runs))
        print(f"{args.bookmarks:,} bookmarks, bookmarks.toml {size / 1e6:.1f} MB\n")
        print("| format | warm (median) | cold (median) |")
        print("|---|---:|---:|")
        for fmt in ("markdown", "bibtex", "json"):
            out = str(home / f"out.{fmt}")
            argv = [str(BIN), "export", "--format", fmt, "-o", out, "--force"]
            warm = [timed(argv, env) for _ in range(args.runs)]
            cold = []
            for _ in range(max(1, args.runs // 2)):
                index.unlink(missing_ok=True)
                cold.append(timed(argv, env))
            print(f"| {fmt} | {statistics.median(warm):.2f} s | {statistics.median(cold):.2f} s |")
        print(f"\n`papertui --version` (the process floor): {floor:.2f} s")
        add_and_remove(home, env, args.runs)


def add_and_remove(home: Path, env: dict[str, str], runs: int) -> None:
    """`bookmarks add` then `remove` of one paper: the whole file is re-read under the lock
    and rewritten, by tomli-w when papertui wrote it last, by tomlkit (which keeps comments)
    when a person did."""
    from papertui.data.store import Store

    extra = synthetic_papers(1, start=10**6)[0]
    store = Store(home / "cache" / "papertui" / "cache.sqlite3")
    store.save_view("day:2026-05-04", "day", [extra])
    store.close()
    add = [str(BIN), "bookmarks", "add", extra.id]
    remove = [str(BIN), "bookmarks", "remove", extra.id]
    path = home / "data" / "papertui" / "bookmarks.toml"
    print("\n| bookmarks.toml | add (median) | remove (median) |")
    print("|---|---:|---:|")
    for label in ("written by papertui", "with a comment a person added"):
        if label.startswith("with"):
            path.write_text("# my list\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
        times = [(timed(add, env), timed(remove, env)) for _ in range(max(1, runs // 2))]
        adds, removes = zip(*times, strict=True)
        print(f"| {label} | {statistics.median(adds):.2f} s | {statistics.median(removes):.2f} s |")


if __name__ == "__main__":
    main()
