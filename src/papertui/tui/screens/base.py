"""The base of the reader's screens: notifications are plain text unless asked otherwise.

A notification quotes titles, paths and servers' words, and Textual parses markup in them by
default (a `[/]` crashes it, `[@click=...]` runs an action).
"""

from __future__ import annotations

from typing import TypeVar

from textual.notifications import SeverityLevel
from textual.screen import Screen

ResultT = TypeVar("ResultT")


class PlainScreen(Screen[ResultT]):
    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)
