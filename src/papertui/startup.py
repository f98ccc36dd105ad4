"""What the reader does before Textual is imported, so the first frame already has papers.

Importing Textual takes a few hundred milliseconds. `begin` starts a thread that imports the
store, the service and the models (with sqlite3 and json), opens the cache and reads the first
view's list rows and the read marks, then returns at once: the main thread imports Textual
meanwhile, and `Boot.wait` hands over whatever the thread found. Nothing here imports Textual,
and nothing the first paint can do without is imported before the thread starts.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from papertui.bookmarks import BookmarkFile
    from papertui.config import Loaded
    from papertui.readstate import ReadState
    from papertui.service import Service, ViewResult
    from papertui.views import View


class Boot:
    """What the thread found. A plain class: a dataclass costs a millisecond to define."""

    def __init__(self, view: View, loaded: Loaded) -> None:
        self.view = view
        self.loaded = loaded
        self.warnings = list(loaded.warnings)
        self.service: Service | None = None  # None until the thread opened the cache
        self.error: str | None = None  # why the cache could not be opened
        self.initial: ViewResult | None = None  # the view's light rows, if the cache has them
        self.read_state: ReadState | None = None
        self._opened = threading.Event()
        self._thread: threading.Thread | None = None

    def wait(self, timeout: float = 2.0) -> Boot:
        """The cache opened (or why not); the first rows too, unless the disk is that slow,
        in which case the app loads them on its own."""
        self._opened.wait()
        if self._thread is not None:
            self._thread.join(timeout)
        return self

    def _read(self) -> None:
        try:
            self.service = _open_service(self.loaded)
        except Exception as exc:  # OSError, sqlite3.Error: said before the screen is taken
            from papertui.text import error_text

            self.error = f"cannot open the cache: {error_text(exc)}"
            return
        finally:
            self._opened.set()
        from papertui import paths
        from papertui.readstate import ReadState

        try:
            self.read_state = ReadState(paths.state_db())
        except Exception as exc:  # read marks are a comfort, not a reason to stop
            self.warnings.append(f"read marks are off: cannot open {paths.state_db()}: {exc}")
        self.initial = self.service.cached(self.view, light=True)


def _open_service(loaded: Loaded) -> Service:
    from papertui import paths
    from papertui.service import Service
    from papertui.store import Store

    return Service(loaded.config, Store(paths.cache_db()), bookmarks=open_bookmarks)


def open_bookmarks() -> BookmarkFile:
    from papertui.bookmarks import open_default  # on first use, after the first frame

    return open_default()


def begin(view: View, loaded: Loaded) -> Boot:
    """Start opening the cache and reading the first screenful; returns at once."""
    boot = Boot(view, loaded)
    boot._thread = threading.Thread(target=boot._read, name="papertui-boot", daemon=True)
    boot._thread.start()
    return boot
