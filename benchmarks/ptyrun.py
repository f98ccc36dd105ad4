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
