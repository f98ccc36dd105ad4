"""Opening the default service, for the CLI and the reader alike, and the reader's boot thread.

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
    from papertui.core.settings import Config
    from papertui.core.views import View
    from papertui.data.bookmark_file import BookmarkFile
    from papertui.data.config import Loaded
    from papertui.service import Service, ViewResult


def open_service(
    config: Config,
    *,
    read_marks: bool = False,
    lazy_cache: bool = False,
    local: bool = False,
    deadline: float | None = None,
) -> tuple[Service, list[str]]:
    """The service over the user's cache, bookmarks (opened on first use) and, with
    `read_marks`, read marks; with what the user should be told; with `local`, one that never
    touches the network; with `deadline`, one whose network waits all end within that many
    seconds from now (a command's). Raises OSError or sqlite3.Error when the cache cannot be
    opened (on first use, with `lazy_cache`)."""
    import time

    from papertui.data import paths
    from papertui.data.store import Store
    from papertui.service import Service

    warnings: list[str] = []
    state = None
    if read_marks:
        from papertui.data.readstate import ReadState

        try:
            state = ReadState(paths.state_db())
            warnings += state.warnings
        except Exception as exc:  # read marks are a comfort, not a reason to stop
            warnings.append(f"read marks are off: cannot open {paths.state_db()}: {exc}")

    def store() -> Store:
        return Store(paths.cache_db())

    cache = store if lazy_cache else store()
    ends_at = time.monotonic() + deadline if deadline is not None else None
    service = Service(
        config, cache, bookmarks=_open_bookmarks, read_state=state, local=local, ends_at=ends_at
    )
    return service, warnings


def open_reader_service(config: Config, local: bool) -> tuple[Service, list[str]]:
    """The reader's service: with read marks, and bookmarks shown as last read while the
    file does not parse (a command refuses instead, saying where)."""
    service, warnings = open_service(config, read_marks=True, local=local)
    service.shows_broken_bookmarks = True
    return service, warnings


def _open_bookmarks() -> BookmarkFile:
    from papertui.data.bookmark_file import open_default  # on first use, after the first frame

    return open_default()


class Boot:
    """What the thread found. A plain class: see ARCHITECTURE.md, "the startup path"."""

    def __init__(self, view: View, loaded: Loaded, local: bool = False) -> None:
        self.view = view
        self.loaded = loaded
        self.local = local
        self.warnings = list(loaded.warnings)
        self.service: Service | None = None  # None until the thread opened the cache
        self.error: str | None = None  # why the cache could not be opened
        self.initial: ViewResult | None = None  # the view's light rows, if the cache has them
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
            self.service, warnings = open_reader_service(self.loaded.config, self.local)
            self.warnings += warnings
        except Exception as exc:  # OSError, sqlite3.Error: said before the screen is taken
            from papertui.core.text import error_text

            self.error = f"cannot open the cache: {error_text(exc)}"
            return
        finally:
            self._opened.set()
        self.initial = self.service.cached(self.view, light=True)


def begin(view: View, loaded: Loaded, local: bool = False) -> Boot:
    """Start opening the cache and reading the first screenful; returns at once."""
    boot = Boot(view, loaded, local)
    boot._thread = threading.Thread(target=boot._read, name="papertui-boot", daemon=True)
    boot._thread.start()
    return boot
