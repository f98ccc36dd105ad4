"""Run the installed `papertui` in a real pseudo-terminal and read its screen with pyte."""

from __future__ import annotations

import fcntl
import os
import select
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Callable
from pathlib import Path

import pyte

SCRIPT = str(Path(sys.executable).parent / "papertui")


class Terminal:
    """A pty of `cols`×`rows` running papertui; every byte it writes is kept in `raw`."""

    def __init__(
        self,
        args: list[str],
        env: dict[str, str],
        cols: int = 120,
        rows: int = 36,
        controlling: bool = False,
    ):
        """`controlling`: the pty is papertui's controlling terminal, as a shell's is, so
        that closing it (`hang_up`) sends SIGHUP as a closed window does."""
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.proc = subprocess.Popen(
            [SCRIPT, *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env={**_inherited(), **env, "TERM": "xterm-256color"},
            start_new_session=not controlling,
            preexec_fn=_take_terminal if controlling else None,
        )
        os.close(slave)
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.raw = bytearray()

    def pump(self, seconds: float) -> None:
        end = time.monotonic() + seconds
        while (left := end - time.monotonic()) > 0:
            ready, _, _ = select.select([self.master], [], [], min(left, 0.05))
            if ready:
                try:
                    chunk = os.read(self.master, 65536)
                except OSError:
                    return  # the program exited and the pty closed
                if not chunk:
                    return
                self.raw += chunk
                self.stream.feed(chunk)

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def wait_for(self, needle: str, timeout: float = 15) -> str:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            self.pump(0.1)
            if needle in self.text():
                return self.text()
        raise AssertionError(f"{needle!r} never appeared; the screen:\n{self.text()}")

    def wait_until(self, done: Callable[[str], bool], timeout: float = 15) -> str:
        """Pump until `done(screen text)`; a condition, not a fixed sleep."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            self.pump(0.05)
            if done(self.text()):
                return self.text()
        raise AssertionError(f"the screen never got there:\n{self.text()}")

    def press(self, keys: str | bytes, settle: float = 0.3) -> None:
        os.write(self.master, keys.encode() if isinstance(keys, str) else keys)
        self.pump(settle)

    def wait_exit(self, timeout: float = 10) -> int:
        end = time.monotonic() + timeout
        while self.proc.poll() is None and time.monotonic() < end:
            self.pump(0.1)
        return self.proc.wait(timeout=1)

    def hang_up(self) -> None:
        """The terminal goes away (a window closed, a tmux session killed, ssh dropped)."""
        os.close(self.master)
        self.master = -1

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        if self.master >= 0:
            os.close(self.master)


def _take_terminal() -> None:
    """In the child: a session of its own, with stdin's pty as its controlling terminal."""
    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


def _inherited() -> dict[str, str]:
    """This process's environment, less the size a parent may have set (pytest-xdist's
    workers get COLUMNS=80 and LINES=24, which Textual would take over the pty's size)."""
    return {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
