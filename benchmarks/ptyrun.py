"""Start a program in a pseudo-terminal and time how long it takes to show a given text."""

from __future__ import annotations

import fcntl
import os
import select
import signal
import struct
import subprocess
import termios
import time


def first_paint(argv: list[str], env: dict[str, str], marker: str, timeout: float = 20) -> float:
    """Seconds from spawn until `marker` appears in what the program writes to the terminal."""
    return paint_and_cpu(argv, env, marker, timeout)[0]


def cpu_seconds(pid: int) -> float:
    """CPU time of all the threads of `pid` so far (Linux schedstat: nanoseconds, not ticks)."""
    total = 0
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{task}/schedstat") as stat:
                total += int(stat.read().split()[0])
        except (OSError, ValueError, IndexError):
            continue  # a thread that ended meanwhile
    return total / 1e9


def paint_and_cpu(
    argv: list[str], env: dict[str, str], marker: str, timeout: float = 20
) -> tuple[float, float]:
    """(wall seconds, CPU seconds) from spawn until `marker` reaches the terminal."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 36, 120, 0, 0))
    full_env = {**os.environ, **env, "TERM": "xterm-256color"}
    start = time.perf_counter()
    proc = subprocess.Popen(
        argv, stdin=slave, stdout=slave, stderr=slave, env=full_env, start_new_session=True
    )
    os.close(slave)
    seen = b""
    needle = marker.encode()
    try:
        while time.perf_counter() - start < timeout:
            ready, _, _ = select.select([master], [], [], 0.01)
            if ready:
                try:
                    seen += os.read(master, 65536)
                except OSError:
                    break
                if needle in seen:
                    return time.perf_counter() - start, cpu_seconds(proc.pid)
        raise RuntimeError(f"{marker!r} never appeared from {argv}: {seen[-400:]!r}")
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        os.close(master)


class Session:
    """A program kept running in a pty (120×36) for timed keys: what it writes is read as it
    comes, and times are taken from the write of a key to what it draws in answer."""

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 36, 120, 0, 0))
        self.proc = subprocess.Popen(
            argv, stdin=slave, stdout=slave, stderr=slave,
            env={**os.environ, **env, "TERM": "xterm-256color"}, start_new_session=True,
        )  # fmt: skip
        os.close(slave)
        self.seen = b""

    def _read(self, wait: float) -> bytes:
        ready, _, _ = select.select([self.master], [], [], wait)
        if not ready:
            return b""
        try:
            chunk = os.read(self.master, 1 << 20)
        except OSError:
            return b""
        self.seen += chunk
        return chunk

    def wait_for(self, marker: str, timeout: float = 30) -> float:
        """Seconds until `marker` is in what was written since the last call (or key)."""
        start = time.perf_counter()
        needle = marker.encode()
        while time.perf_counter() - start < timeout:
            if needle in self.seen:
                return time.perf_counter() - start
            self._read(0.002)
        raise RuntimeError(f"{marker!r} never appeared: {self.seen[-400:]!r}")

    def wait_for_any(self, *markers: str, timeout: float = 30) -> str:
        """The first of `markers` to appear in what was written since the last key."""
        start, needles = time.perf_counter(), [m.encode() for m in markers]
        while time.perf_counter() - start < timeout:
            found = [(self.seen.find(n), m) for n, m in zip(needles, markers, strict=True)]
            if hits := sorted((at, m) for at, m in found if at >= 0):
                return hits[0][1]
            self._read(0.002)
        raise RuntimeError(f"none of {markers!r} appeared: {self.seen[-400:]!r}")

    def quiet(self, for_seconds: float = 0.3) -> None:
        """Read until nothing comes for a while."""
        while self._read(for_seconds):
            pass

    def key(self, keys: str, gap: float = 0.004) -> float:
        """Seconds from writing `keys` to the end of the first frame drawn in answer: the first
        burst of output (a frame comes in one burst; a later one, such as Textual moving the
        scroll bar's thumb, comes a refresh or more after)."""
        self.quiet(0.1)
        self.seen = b""
        start = time.perf_counter()
        os.write(self.master, keys.encode())
        while not self._read(0.01):
            if time.perf_counter() - start > 10:
                return float("nan")
        last = time.perf_counter()
        while self._read(gap):
            last = time.perf_counter()
        return last - start

    def send(self, keys: str) -> float:
        """Write `keys` and forget what came before; returns the time written."""
        self.quiet(0.1)
        self.seen = b""
        os.write(self.master, keys.encode())
        return time.perf_counter()

    def rss_mb(self) -> float:
        with open(f"/proc/{self.proc.pid}/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20

    def close(self) -> None:
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait()
        os.close(self.master)
