"""The baseline of the startup benchmark: a bare Textual app that shows one line."""

from textual.app import App, ComposeResult
from textual.widgets import Static


class Bare(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("bench-ready: one line")


if __name__ == "__main__":
    Bare().run()
