"""How the reader ends without `q`: a deadline whatever its shutdown does, a lost terminal
told apart from a file or a pipe."""

from __future__ import annotations

import asyncio
import os
import threading
from typing import Any

from papertui.tui.ending import Ending, terminal_gone


class StuckApp:
    """An app whose shutdown never ends (as when Textual's writer queue was full)."""

    def __init__(self) -> None:
        self.asked: list[int] = []

    def exit(self, result: Any, code: int) -> None:
        self.asked.append(code)

    def set_interval(self, *args: Any) -> None:
        pass


async def test_an_end_that_hangs_is_cut_at_the_deadline() -> None:
    app, ended = StuckApp(), threading.Event()
    codes: list[int] = []
    ending = Ending(app, deadline=0.05, exit_now=lambda code: (codes.append(code), ended.set()))
    ending._loop = asyncio.get_running_loop()
    ending.end(143)
    ending.end(129)  # a second signal changes nothing
    await asyncio.sleep(0)
    assert app.asked == [143] and ending.code == 143
    assert await asyncio.to_thread(ended.wait, 2) and codes == [143]


def test_a_hung_up_terminal_is_gone_and_a_pipe_or_a_file_is_not(tmp_path: Any) -> None:
    master, slave = os.openpty()
    assert not terminal_gone(slave)
    os.close(master)
    assert terminal_gone(slave)
    os.close(slave)
    read, write = os.pipe()
    with open(tmp_path / "out", "w") as out:
        assert not terminal_gone(write) and not terminal_gone(out.fileno())
    os.close(read)
    os.close(write)
