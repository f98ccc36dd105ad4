"""What the reader does before Textual is imported, so the first frame already has papers.

Importing Textual takes a few hundred milliseconds. `begin` opens the cache and starts reading
the first view's list rows (and the read marks) on a thread, then returns at once; the caller
imports the app meanwhile, and `Boot.wait` hands over whatever the thread found. Nothing here
imports Textual.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from papertui import paths
from papertui.config import Loaded
from papertui.readstate import ReadState
from papertui.service import Service, ViewResult
from papertui.store import Store
from papertui.views import View

if TYPE_CHECKING:
    from papertui.bookmarks import BookmarkFile


@dataclass
class Boot:
    view: View
    service: Service
    warnings: list[str]
    initial: ViewResult | None = None  # the view's light rows, when the cache has them
    read_state: ReadState | None = None
    _thread: threading.Thread | None = field(default=None, repr=False)

    def wait(self, timeout: float = 2.0) -> Boot:
        """Join the reading thread; if the disk is that slow, the app loads on its own."""
        if self._thread is not None:
            self._thread.join(timeout)
        return self

    def _read(self) -> None:
        try:
            self.read_state = ReadState(paths.state_db())
        except Exception as exc:  # read marks are a comfort, not a reason to stop
            self.warnings.append(f"read marks are off: cannot open {paths.state_db()}: {exc}")
        self.initial = self.service.cached(self.view, light=True)


def open_bookmarks() -> BookmarkFile:
    from papertui.bookmarks import open_default  # on first use, after the first frame

    return open_default()


def begin(view: View, loaded: Loaded) -> Boot:
    """Open the cache (errors surface here, before any terminal setup) and start reading."""
    service = Service(loaded.config, Store(paths.cache_db()), bookmarks=open_bookmarks)
    boot = Boot(view, service, list(loaded.warnings))
    boot._thread = threading.Thread(target=boot._read, name="papertui-boot", daemon=True)
    boot._thread.start()
    return boot
