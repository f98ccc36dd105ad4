"""`papertui sync` of a synthetic 30,000-paper archive from the loopback hub, next to the floor
of the same work: the same pages fetched and decoded by a bare httpx loop, in the same run.

    .venv/bin/python benchmarks/bench_sync.py [--papers 30000] [--runs 3]

Each run is a fresh process and a fresh cache; the two take turns. Measured: requests,
seconds, papers per second, and the peak memory (ru_maxrss) of the process. The hub's rate
limit is off here (pacing is tested in tests/net/test_sync.py).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from loopback import LoopbackServer  # noqa: E402

FLOOR = """
import json, resource, sys, time, httpx
url, months = sys.argv[1], json.loads(sys.argv[2])
start, requests, papers = time.perf_counter(), 0, 0  # timed from the start, like ours
with httpx.Client(base_url=url, timeout=30) as client:
    for month in months:
        next_url, params = "/api/daily_papers", {{"month": month, "limit": "100"}}
        while next_url:
            response = client.get(next_url, params=params)
            requests += 1
            data = response.json()
            papers += len(data)
            link = response.links.get("next", {{}}).get("url")
            next_url, params = (link, None) if data and link else (None, None)
print(json.dumps({{"seconds": time.perf_counter() - start, "requests": requests, "papers": papers,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def months_for(papers: int, per_day: int) -> list[str]:
    months, year, month, total = [], 2026, 5, 0
    while total < papers:
        months.append(f"{year:04d}-{month:02d}")
        total += 21 * per_day
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months


OURS = """
import json, resource, sys
from papertui.cli import main
code = main(["sync", "--from", sys.argv[1], "--to", sys.argv[2]])
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"code": code, "peak_mb": peak}))
"""


def ours(url: str, months: list[str]) -> dict[str, float]:
    home = Path(tempfile.mkdtemp())
    env = {
        **os.environ,
        "PAPERTUI_API_URL": url,
        "XDG_CACHE_HOME": str(home / "cache"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
    }
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", OURS, months[-1], months[0]],
        env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    seconds = time.perf_counter() - start
    summary = done.stderr.strip().splitlines()[-1]
    requests = int(summary.split(" requests")[0].rsplit("· ", 1)[-1])
    papers = int(summary.split(" papers")[0].replace(",", ""))
    peak = json.loads(done.stdout.strip().splitlines()[-1])["peak_mb"]
    return {"seconds": seconds, "requests": requests, "papers": papers, "peak_mb": peak}


def floor(url: str, months: list[str]) -> dict[str, float]:
    code = FLOOR.format()
    done = subprocess.run(
        [sys.executable, "-c", code, url, json.dumps(months)],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, float] = json.loads(done.stdout)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=30_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    per_day = 40
    months = months_for(args.papers, per_day)
    server = LoopbackServer(today=__import__("datetime").date(2026, 5, 31)).start()
    server.days.clear()
    total = server.add_archive(months, per_day=per_day)
    mine, base = [], []
    try:
        for n in range(args.runs):
            base.append(floor(server.url, months))
            mine.append(ours(server.url, months))
            print(f"run {n + 1}/{args.runs} done", file=sys.stderr, flush=True)
    finally:
        server.stop()
    print(f"A synthetic archive of {total:,} papers over {len(months)} months; "
          f"medians of {args.runs} runs\n")  # fmt: skip
    print("| | requests | seconds | papers/s | peak memory (MB) |")
    print("|---|---:|---:|---:|---:|")
    for name, rows in (("bare httpx loop: fetch and decode only", base),
                       ("`papertui sync`: parsed, checked, stored, indexed", mine)):  # fmt: skip
        seconds = statistics.median(r["seconds"] for r in rows)
        papers = statistics.median(r["papers"] for r in rows)
        print(f"| {name} | {int(statistics.median(r['requests'] for r in rows))} | "
              f"{seconds:.1f} | {papers / seconds:,.0f} | "
              f"{statistics.median(r['peak_mb'] for r in rows):.0f} |")  # fmt: skip
    ratio = statistics.median(m["seconds"] for m in mine) / statistics.median(
        b["seconds"] for b in base
    )
    print(f"\n`papertui sync` takes {ratio:.1f}× the bare fetch.")


if __name__ == "__main__":
    main()
