"""Keys handled one at a time, each where the focus is once the key before it is done.

Textual hands every key to the widget focused when the key is read, at once, and resolves its
bindings later, as the key comes back up to the app. A burst typed faster than that (`RG`,
`/Section 59`, `S enzyme`) is handed out before the first key has moved the focus: the `G` went
to the list while `R` opened the reading screen, the `t` of "Section" opened the contents, the
`e` of "enzyme" exported the bookmarks. Here the app hands out the next key only when the one
before has made its way back (a marker sent after it comes back twice: once for the key, once
for what its action posted, an input's `Submitted` or a `focus()`), and only once the screen
on top is mounted (its focus set). A key whose marker never comes back (its widget removed)
holds the next for at most `HOLD_AT_MOST`.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import deque
from collections.abc import Awaitable, Callable
from typing import Any

from textual import events
from textual.app import App
from textual.message import Message
from textual.timer import Timer
from textual.widget import AwaitMount, Widget

HOLD_AT_MOST = 0.5  # seconds a key waits for the one before it to come back
ROUNDS = 2  # trips of the marker: the key, then the messages its action posted


class KeyHandled(Message):
    """Sent to the widget a key was handed to, right after it; back at the app, that key is
    done (bubbles up like the key)."""

    def __init__(self, key: events.Key, rounds: int) -> None:
        super().__init__()
        self.key, self.rounds = key, rounds


class KeysInOrder:
    """The app's keys, queued; `handle` is Textual's own handling of one key."""

    def __init__(self, app: App[Any], handle: Callable[[events.Key], Awaitable[None]]) -> None:
        self._app = app
        self._handle = handle
        self._waiting: deque[events.Key] = deque()
        self._in_flight: events.Key | None = None
        self._target: Widget | None = None  # where the key in flight was handed
        self._timer: Timer | None = None

    async def take(self, key: events.Key) -> None:
        self._waiting.append(key)
        await self._next()

    async def returned(self, message: KeyHandled) -> None:
        """A marker is back at the app: send it round again, or hand out the next key."""
        if message.key is not self._in_flight:
            return  # given up on (HOLD_AT_MOST)
        if message.rounds > 1:
            self._send_marker(message.key, message.rounds - 1)
            return
        self._done()
        await self._next()

    async def _next(self) -> None:
        while self._waiting and self._in_flight is None:
            key = self._waiting.popleft()
            await self._top_screen_mounted()
            app = self._app
            self._target = app.focused or app.screen
            await self._handle(key)
            if key.is_forwarded:  # handed to a widget (a priority binding acts at once)
                self._in_flight = key
                self._send_marker(key, ROUNDS)
                self._timer = app.set_timer(HOLD_AT_MOST, self._give_up)

    def _send_marker(self, key: events.Key, rounds: int) -> None:
        target = self._target
        sent = target is not None and target.is_attached
        if not (sent and target is not None and target.post_message(KeyHandled(key, rounds))):
            self._app.call_later(self._give_up)  # its widget is gone: nothing will come back

    async def _give_up(self) -> None:
        if self._in_flight is not None:
            self._done()
            await self._next()

    def _done(self) -> None:
        self._in_flight = None
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    async def _top_screen_mounted(self) -> None:
        """A screen just pushed (`R`, `S`, a dialog) takes the keys typed after the one that
        pushed it, once it is composed and its widget focused."""
        screen = self._app.screen
        if not screen.is_mounted:

            async def mounted() -> None:
                await AwaitMount(screen, [screen])

            with contextlib.suppress(TimeoutError):  # then as Textual would
                await asyncio.wait_for(mounted(), HOLD_AT_MOST)
