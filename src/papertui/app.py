"""PaperApp: the reader. It owns the service (injected, so tests and the screenshot script can
pass one backed by fixtures), the theme, the keymap, the help screen and the command palette."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import Any

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from papertui.config import Config
from papertui.readstate import ReadState
from papertui.screens.main import MainScreen
from papertui.service import Service, ViewResult
from papertui.startup import Boot
from papertui.views import View
from papertui.widgets.paper_list import PaperList


class PaperApp(App[None]):
    CSS_PATH = "papertui.tcss"
    TITLE = "papertui"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        Binding("q", "quit", "Quit", id="quit"),
        Binding("question_mark", "help", "Help", id="help"),
        Binding("ctrl+p", "command_palette", "Commands", show=False, id="command_palette"),
    ]

    def __init__(
        self,
        service: Service,
        view: View,
        *,
        sort: str | None = None,
        read_state: ReadState | None = None,
        warnings: Iterable[str] = (),
        clock: Callable[[], float] = time.time,
        initial: ViewResult | None = None,
    ) -> None:
        super().__init__()
        self.service = service
        self.config: Config = service.config
        self.initial_view = view
        self.initial_sort = sort
        self.read_state = read_state
        self.read_ids: set[str] = read_state.read_ids() if read_state is not None else set()
        if read_state is not None:
            warnings = [*warnings, *read_state.warnings]
        self.clock = clock
        self._startup_warnings = list(warnings)
        self.initial = initial  # light rows read before Textual was imported

    def on_mount(self) -> None:
        if self.config.theme in self.available_themes:
            if self.theme != self.config.theme:  # a theme change restyles every widget
                self.theme = self.config.theme
        else:
            self._startup_warnings.append(
                f"unknown theme {self.config.theme!r} in the config; using {self.theme}"
            )
        if self.config.keymap:
            self.set_keymap(self.config.keymap)
        for message in self._startup_warnings:
            self.notify(message, severity="warning", markup=False, timeout=8)

    def first_frame_shown(self) -> None:
        """The papers are on screen: what waited for that may run (see cli._reader)."""
        import gc

        gc.enable()

    def get_default_screen(self) -> Screen[Any]:
        # The main screen is the default one: no blank screen is laid out and painted first.
        return MainScreen(self.initial_view, self.initial_sort)

    def export_target(self) -> Path:
        from papertui import paths

        return Path(self.config.export_path) if self.config.export_path else paths.default_export()

    def save_read(self, pid: str, read: bool) -> None:
        (self.read_ids.add if read else self.read_ids.discard)(pid)
        if self.read_state is not None:
            self._write_read(pid, read)

    @work(thread=True, group="state", exit_on_error=False)
    def _write_read(self, pid: str, read: bool) -> None:
        if self.read_state is not None:
            self.read_state.set_read(pid, read)

    # --- help and the command palette -------------------------------------------------------

    def _live_bindings(self) -> list[Binding]:
        """The bindings in force on the main screen, with the keymap applied."""
        bindings = [active.binding for active in self.screen.active_bindings.values()]
        seen = {b.id for b in bindings}
        for binding in PaperList.BINDINGS:  # present even when the list is not focused
            if isinstance(binding, Binding) and binding.id not in seen:
                key = self._keymap.get(binding.id or "", binding.key)
                bindings.append(Binding(key, binding.action, binding.description, id=binding.id))
        return bindings

    def action_help(self) -> None:
        from papertui.screens.help import HelpScreen  # loaded on first use

        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self._live_bindings()))

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


def run_reader(boot: Boot, sort: str | None = None) -> int:
    """Open the reader on what `startup.begin` prepared (the cache open: `boot.wait()`)."""
    assert boot.service is not None, "run_reader before the cache was opened"
    app = PaperApp(
        boot.service,
        boot.view,
        sort=sort,
        read_state=boot.read_state,
        warnings=boot.warnings,
        initial=boot.initial,
    )
    app.run()
    return app.return_code or 0
