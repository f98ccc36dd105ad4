"""PaperApp: the reader. It owns the service (injected, so tests and the screenshot script can
pass one backed by fixtures), the theme, the keymap, the help screen and the command palette."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable, Mapping
from functools import partial
from typing import TYPE_CHECKING, Any

from textual import events, on
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.notifications import SeverityLevel
from textual.screen import Screen

from papertui.core.sorts import Sort
from papertui.core.views import View
from papertui.service import Service, ViewResult
from papertui.tui.keys_in_order import KeyHandled, KeysInOrder
from papertui.tui.screens.main import MainScreen
from papertui.tui.widgets.paper_detail import PaperDetail
from papertui.tui.widgets.paper_list import PaperList

if TYPE_CHECKING:  # loaded by the real reader only, as it mounts
    from papertui.tui.ending import Ending

SWITCH_INTERVAL = 0.001  # seconds; see `run_reader`


class PaperApp(App[None]):
    CSS_PATH = "papertui.tcss"
    TITLE = "papertui"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        Binding("q", "quit", "Quit", id="quit"),
        Binding("ctrl+p", "command_palette", "Commands", show=False, id="command_palette"),
    ]  # `?` is the main screen's first key, so the footer shows it at any width

    def __init__(
        self,
        service: Service,
        view: View,
        *,
        sort: Sort | None = None,
        warnings: Iterable[str] = (),
        clock: Callable[[], float] = time.time,
        initial: ViewResult | None = None,
        config_path: str = "the config",
        repos_delay: float | None = 0.4,
        owns_process: bool = False,
    ) -> None:
        super().__init__()
        # The real reader, alone in its process and its terminal: its signals, the collector
        # (see `_first_frame_shown`), how it ends (ending.py). Not in tests, whose process
        # runs app after app, nor the screenshot script.
        self._owns_process = owns_process
        self.ending: Ending | None = None
        # Seconds the cursor rests on a paper before its linked repos are asked for; None asks
        # never (tests that do not look at them). Injectable, so a test waits for nothing.
        self.repos_delay = repos_delay
        self.service = service
        # A bookmarks file that does not parse: shown as last read, read-only, said why.
        service.shows_broken_bookmarks = True
        self.config_path = config_path  # named in warnings about its contents
        self._keymap_given: Mapping[str, str] = {}  # the checked [keymap], as set_keymap got it
        self.initial_view = view
        self.initial_sort = sort
        self.clock = clock
        self._startup_warnings = list(warnings)
        self._initial = initial  # light rows read before Textual was imported
        self._keys = KeysInOrder(self, partial(App.on_event, self))

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:
            await self._keys.take(event)  # one at a time: see keys_in_order.py
        else:
            await super().on_event(event)

    @on(KeyHandled)
    async def _key_handled(self, message: KeyHandled) -> None:
        await self._keys.returned(message)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,  # messages quote titles, paths and servers: never markup
    ) -> None:
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    def on_mount(self) -> None:
        if self._owns_process:  # signals, a lost terminal: see ending.py
            from papertui.tui.ending import Ending

            self.ending = Ending(self)
            self.ending.start()
        config = self.service.config
        if config.theme in self.available_themes:
            if self.theme != config.theme:  # a theme change restyles every widget
                self.theme = config.theme
        else:
            self._startup_warnings.append(
                f"unknown theme {config.theme!r} in the config; using {self.theme}"
            )
        if config.keymap:
            from papertui.tui.keymap import check_keymap

            keymap, warnings = check_keymap(config.keymap, self._every_binding(), self.config_path)
            self._startup_warnings += warnings
            self._keymap_given = keymap
            self.set_keymap(keymap)
        for message in self._startup_warnings:
            self.notify(message, severity="warning", timeout=8)

    def _first_frame_shown(self) -> None:
        """The papers are on screen: the collector paused for the start runs again, and what
        the start made that lives on (Textual's modules, the widgets) is left out of its full
        passes from here on (`gc.freeze`), once: the reader's own garbage is collected first.

        Called by the main screen after its first refresh rather than from `on_ready`, which
        measured about 6 ms more CPU to the first paint (benchmarks/README.md). Frozen on every
        landing of papers instead, the cyclic garbage made between landings (Textual's strips
        make some with every render) was frozen too and never freed: 100 view switches took
        the resident set from 70 to 155 MB (benchmarks/bench_switch.py)."""
        import gc

        if self._owns_process:
            gc.collect()
            gc.freeze()
        gc.enable()

    def get_default_screen(self) -> Screen[Any]:
        # The main screen is the default one: no blank screen is laid out and painted first.
        initial, self._initial = self._initial, None
        return MainScreen(
            self.service,
            self.initial_view,
            sort=self.initial_sort,
            clock=self.clock,
            initial=initial,
            on_first_frame=self._first_frame_shown,
        )

    # --- help and the command palette -------------------------------------------------------

    def live_bindings(self) -> list[Binding]:
        """Every key of the reader, with the keymap applied (keys a view does not use, such as
        the period keys on trending, are listed all the same)."""
        keymap = self._keymap_given
        bindings = []
        for binding in self._every_binding():
            key = keymap.get(binding.id or "", binding.key)
            bindings.append(Binding(key, binding.action, binding.description, id=binding.id))
        return bindings

    def _every_binding(self) -> list[Binding]:
        from papertui.tui.screens.reading import FindBox, ReadingScreen
        from papertui.tui.widgets.document_view import DocumentView

        every = [*MainScreen.BINDINGS, *PaperList.BINDINGS, *PaperDetail.BINDINGS, *self.BINDINGS]
        every += [*ReadingScreen.BINDINGS, *DocumentView.BINDINGS, *FindBox.BINDINGS]
        return [b for b in every if isinstance(b, Binding)]

    def action_help(self) -> None:
        from papertui.tui.screens.help import HelpScreen  # loaded on first use

        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self.live_bindings()))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        main = next((s for s in self.screen_stack if isinstance(s, MainScreen)), None)
        if main is None:
            return
        seen: set[str] = set()
        for binding in main.BINDINGS + PaperList.BINDINGS:
            if not isinstance(binding, Binding) or binding.id in seen:
                continue
            seen.add(binding.id or "")
            target = main.list if binding in PaperList.BINDINGS else main
            yield SystemCommand(
                binding.description,
                f"key: {binding.key}",
                partial(self.run_action, binding.action, target),
            )


def run_reader(
    service: Service,
    view: View,
    warnings: Iterable[str],
    initial: ViewResult | None,
    config_path: str = "the config",
) -> int:
    """Open the reader on `view`, with the light rows read before Textual was imported."""
    # Threads that match a filter or decode records hold the interpreter for up to this long
    # when the UI wants it back to draw a frame (Python's default, 5 ms, is a third of one).
    sys.setswitchinterval(SWITCH_INTERVAL)
    app = PaperApp(
        service,
        view,
        warnings=warnings,
        initial=initial,
        config_path=config_path,
        owns_process=True,
    )
    app.run()
    if app.ending is not None and app.ending.code is not None:
        return app.ending.code  # a signal's, or a lost terminal's (SIGHUP's): 128 + signum
    return app.return_code or 0
