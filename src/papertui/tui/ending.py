"""How the reader ends when it is not asked with `q`: a signal, or its terminal gone.

SIGTERM, SIGHUP and SIGQUIT end it as `q` does, so the terminal is given back (alternate
screen left, cursor shown, mouse reporting off). A terminal that is gone (the window closed,
the tmux session killed, an ssh connection dropped) answers every write with EIO: Textual's
writer thread died on the first, the frames queued behind it filled its queue, and the main
thread waited forever on that queue to shut down, deaf even to SIGTERM (asyncio's signal
handlers run on the blocked loop). So: the handlers are plain `signal` handlers, which run
between two bytecodes whatever the loop does; a lost terminal (told by SIGHUP, or by a check
every `WATCH_EVERY` seconds, for when no SIGHUP comes) has its descriptors pointed at
/dev/null, so the shutdown writes somewhere; and every end has a deadline, after which the
process exits at once. Writes are atomic (a temporary file renamed, a SQLite transaction):
what is cut short is not written at all, never half.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import os
import signal
import threading
from collections.abc import Callable
from typing import Any

from textual.app import App

WATCH_EVERY = 0.5  # seconds between checks that the terminal is still there
DEADLINE = 1.0  # seconds an end may take before the process exits regardless
SIGNALS = (signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT)
GONE = (errno.EIO, errno.ENXIO, errno.EBADF)  # what a hung-up terminal answers


def terminal_gone(fd: int) -> bool:
    """Whether the terminal on `fd` has hung up (a file or a pipe is not a lost terminal)."""
    try:
        os.get_terminal_size(fd)
    except OSError as exc:
        return exc.errno in GONE
    return False


class Ending:
    """Ends `app` on a signal or a lost terminal, within `deadline` seconds."""

    def __init__(
        self,
        app: App[Any],
        *,
        deadline: float = DEADLINE,
        exit_now: Callable[[int], None] = os._exit,
        fd: int = 1,
    ) -> None:
        self._app = app
        self._deadline = deadline
        self._exit_now = exit_now  # injectable: a test ends nothing
        self._fd = fd  # the terminal's (Textual writes to stdout)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._ending = False
        self.code: int | None = None  # the status it ends with, once asked to end

    def start(self) -> None:
        """Take the signals and watch the terminal (the real reader only: the main thread)."""
        self._loop = asyncio.get_running_loop()
        for signum in SIGNALS:
            signal.signal(signum, self._on_signal)
        self._app.set_interval(WATCH_EVERY, self.check_terminal)

    def _on_signal(self, signum: int, frame: object) -> None:
        self.end(128 + signum)

    def check_terminal(self) -> None:
        if not self._ending and terminal_gone(self._fd):
            self.end(128 + signal.SIGHUP)

    def end(self, code: int) -> None:
        """Ask the app to end with `code`, and make sure the process does within the
        deadline. Safe in a signal handler."""
        if self._ending:
            return
        self._ending, self.code = True, code
        threading.Thread(
            target=self._at_deadline, args=(code,), name="papertui-deadline", daemon=True
        ).start()
        if terminal_gone(self._fd):
            self._to_nowhere()
        loop = self._loop
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(self._app.exit, None, code)

    def _at_deadline(self, code: int) -> None:
        threading.Event().wait(self._deadline)
        self._exit_now(code)

    @staticmethod
    def _to_nowhere() -> None:
        """The terminal's descriptors on /dev/null: the shutdown's writes (restoring a
        terminal that is no more) succeed instead of failing with EIO."""
        with contextlib.suppress(OSError):
            nowhere = os.open(os.devnull, os.O_RDWR)
            for fd in (0, 1, 2):
                os.dup2(nowhere, fd)
            os.close(nowhere)
