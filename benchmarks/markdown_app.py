"""The baseline of the reading benchmark: Textual's own `Markdown` widget showing a paper.

`R` mounts it with the text of the file named by $PAPER in a VerticalScroll (as a reader
would); the title says ALL-MOUNTED once every block is mounted. Arrows and space scroll.
"""

import os
from pathlib import Path

from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Markdown, Static


class MarkdownReader(App[None]):
    BINDINGS = [("R", "read", "Read")]

    def compose(self) -> ComposeResult:
        yield Static("bench-ready", id="title")
        yield VerticalScroll(id="scroll")

    async def action_read(self) -> None:
        text = Path(os.environ["PAPER"]).read_text(encoding="utf-8")
        scroll = self.query_one("#scroll", VerticalScroll)
        markdown = Markdown()
        await scroll.mount(markdown)
        scroll.focus()
        self.run_worker(self._fill(markdown, text))

    async def _fill(self, markdown: Markdown, text: str) -> None:
        await markdown.update(text)
        self.query_one("#title", Static).update("ALL-MOUNTED")


if __name__ == "__main__":
    MarkdownReader().run()
