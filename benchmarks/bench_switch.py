"""Memory in use: the reader's resident set as it switches between two views 100 times.

    .venv/bin/python benchmarks/bench_switch.py [--switches 100] [--papers 600] [--runs 2]

The installed `papertui --local` runs in a pseudo-terminal (120×36) over a cache holding two
days of synthetic papers (`--papers` and 1.5× as many, so each view is told by its count);
`]` and `[` switch between them, each switch waiting until the other view's count is drawn.
The resident set (VmRSS of /proc/PID/status) is read after 10 switches and every 10 after;
the goal (issue 20): after 100 switches, within 15 MB of the figure after 10.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import select
import signal
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

from common import compile_package, synthetic_papers

from papertui.core.views import Kind, View

SCRIPT = str(Path(sys.executable).parent / "papertui")
DAYS = ("2026-05-07", "2026-05-08")  # a Thursday and a Friday: ] and [ step between them


def fill_cache(home: Path, papers: int) -> tuple[int, int]:
    """Two cached days, fresh; returns how many papers each holds."""
    from papertui.data.store import Store

    counts = (papers, papers * 3 // 2)
    store = Store(home / "cache" / "papertui" / "cache.sqlite3")
    start = 0
    for day, count in zip(DAYS, counts, strict=True):
        view = View(Kind.DAY, day)
        store.save_view(view.key, view.kind.value, synthetic_papers(count, start))
        start += count
    store.close()
    return counts


def rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as status:
        line = next(line for line in status if line.startswith("VmRSS"))
    return int(line.split()[1]) / 1024


class Pty:
    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 36, 120, 0, 0))
        self.proc = subprocess.Popen(
            argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
        )
        os.close(slave)
        self.seen = b""

    def wait_for(self, text: str, timeout: float = 20) -> None:
        needle, end = text.encode(), time.monotonic() + timeout
        while time.monotonic() < end:
            ready, _, _ = select.select([self.master], [], [], 0.02)
            if ready:
                self.seen += os.read(self.master, 1 << 16)
                if needle in self.seen:
                    self.seen = b""
                    return
        raise RuntimeError(f"{text!r} never appeared: {self.seen[-300:]!r}")

    def press(self, key: str) -> None:
        os.write(self.master, key.encode())

    def close(self) -> None:
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait()
        os.close(self.master)


def run(switches: int, papers: int) -> list[tuple[int, float]]:
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        counts = fill_cache(home, papers)
        env = {
            **os.environ,
            "TERM": "xterm-256color",
            "XDG_CACHE_HOME": str(home / "cache"),
            "XDG_CONFIG_HOME": str(home / "config"),
            "XDG_DATA_HOME": str(home / "data"),
        }
        pty = Pty([SCRIPT, "--local", "--date", DAYS[1]], env)
        try:
            pty.wait_for(f"{counts[1]} papers")
            readings = []
            for n in range(1, switches + 1):
                key, count = ("[", counts[0]) if n % 2 else ("]", counts[1])
                pty.press(key)
                pty.wait_for(f"{count} papers")
                if n % 10 == 0:
                    time.sleep(0.3)  # the frame after the count, and the workers, are done
                    readings.append((n, rss_mb(pty.proc.pid)))
            return readings
        finally:
            pty.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--switches", type=int, default=100)
    parser.add_argument("--papers", type=int, default=600)
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    compile_package()
    print(f"RSS (MB) after N switches between two cached days of {args.papers} and "
          f"{args.papers * 3 // 2} papers, papertui --local in a 120×36 pty")  # fmt: skip
    for run_number in range(1, args.runs + 1):
        readings = run(args.switches, args.papers)
        first = readings[0][1]
        line = "  ".join(f"{n}: {mb:.1f}" for n, mb in readings)
        growth = readings[-1][1] - first
        print(f"run {run_number}: {line}")
        print(f"  growth from {readings[0][0]} to {readings[-1][0]} switches: {growth:+.1f} MB")


if __name__ == "__main__":
    main()
