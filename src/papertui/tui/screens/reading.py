"""The reading screen (`R`): a paper's full text, its contents, links and search.

The text comes through the service (kept once read, so it opens offline); a paper the hub has
no text for shows its abstract, AI summary and links instead. `q` goes back to the list, which
is underneath and unchanged; where the reader was in the text is kept for the next time.
"""

from __future__ import annotations

import time
from asyncio import to_thread
from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, Static

from papertui.core.paper import Paper
from papertui.core.text import age, is_openable, plural
from papertui.service import NoText, NothingToShow, PaperText, Service
from papertui.tui.document.blocks import NOTE, Block, Link, heading, paragraph
from papertui.tui.screens.base import PlainScreen
from papertui.tui.screens.link_actions import open_url
from papertui.tui.screens.messages import Say
from papertui.tui.widgets.document_view import DocumentView, once_laid_out
from papertui.tui.widgets.key_bar import KeyBar


class ReadingScreen(PlainScreen[None]):
    DEFAULT_CSS = """
    ReadingScreen DocumentView { height: 1fr; }
    ReadingScreen #find { display: none; border: none; height: 1; padding: 0 1; }
    ReadingScreen #find.-shown { display: block; }
    ReadingScreen #reading-status {
        height: 1; padding: 0 1; background: $panel; color: $text-muted;
    }
    """

    BINDINGS = [
        Binding("question_mark", "help", "Help", id="read_help"),
        Binding("q,escape,h", "back", "Back to the list", id="read_back"),
        Binding("right_square_bracket", "section(1)", "Next section", id="read_next_section"),
        Binding("left_square_bracket", "section(-1)", "Previous section", id="read_prev_section"),
        Binding("t", "contents", "Contents", id="read_contents"),
        Binding("slash", "find", "Search", id="read_search"),
        Binding("n", "jump(1)", "Next match", show=False, id="read_next_match"),
        Binding("N", "jump(-1)", "Previous match", show=False, id="read_prev_match"),
        Binding("L", "links", "Links", id="read_links"),
        Binding("o", "open_page", "Open HF page", show=False, id="read_open_hf"),
        Binding("y", "copy_page", "Copy HF link", show=False, id="read_copy_hf"),
        Binding("b", "bookmark", "Bookmark", id="read_bookmark"),
    ]

    def __init__(
        self,
        service: Service,
        paper: Paper,
        *,
        bookmark: Callable[[Paper], None],
        offline: bool = False,
        clock: Callable[[], float] = time.time,
    ) -> None:
        super().__init__()
        self.service = service
        self.paper = paper
        self._bookmark = bookmark
        self._offline = offline  # the reader's last fetch failed for want of a network
        self._clock = clock
        self._source = "Loading the full text…"
        self._said = ""  # the search's count, or a word on the last jump

    def compose(self) -> ComposeResult:
        yield DocumentView(id="document", on_move=self._status)
        yield FindBox(
            self._find_changed,
            self._close_find,
            placeholder="search the paper: enter jumps, escape closes",
            id="find",
        )
        yield Static(id="reading-status")
        yield KeyBar()

    @property
    def document(self) -> DocumentView:
        return self.query_one(DocumentView)

    def on_mount(self) -> None:
        self.document.focus()
        loading = [*self._head(), paragraph("Loading the full text…", NOTE)]
        self.document.show(loading, "", final=False)
        self._status()
        self.load()

    @work(group="text", exclusive=True, exit_on_error=False)
    async def load(self) -> None:
        # The list may hold a light row (no abstract, no authors): the store has the rest.
        self.paper = await to_thread(self.service.whole_paper, self.paper)
        head = self._head()
        try:
            text = await self.service.paper_text(self.paper.id)
        except NoText:
            self._source = "The hub has no full text for this paper yet"
            said = paragraph("The hub has no full text for this paper yet. Here is what we know.")
            self.document.show([*head, said, *self._instead()], "", links=self._links())
        except NothingToShow as exc:
            self._source = f"No full text: {exc.problem or 'it cannot be had'}"
            said = paragraph(f"{exc} Here is what we know.", NOTE)
            self.document.show([*head, said, *self._instead()], "", links=self._links())
        else:
            self._source = self._describe(text)
            position = await to_thread(self.service.reading_position, self.paper.id)
            self.document.show(head, text.text, position)
            for message in text.warnings:  # not kept (a full disk): read it now all the same
                self.notify(message, title="Cache", severity="warning", timeout=10)
        self._status()

    def _head(self) -> list[Block]:
        blocks = [heading(self.paper.title, 0)]
        if self.paper.authors:
            blocks.append(paragraph(", ".join(self.paper.authors), NOTE))
        return blocks

    def _instead(self) -> list[Block]:
        """The abstract, AI summary and links, for a paper without a full text."""
        paper = self.paper
        blocks = []
        for title, body in (("Abstract", paper.summary), ("AI summary", paper.ai_summary or "")):
            if body:
                blocks += [heading(title, 2), paragraph(body)]
        blocks.append(heading("Links", 2))
        for link in self._links():
            line = Text(f"[{link.number}] {link.label}: {link.url}")
            blocks.append(Block("text", line, first="• "))
        return blocks

    def _links(self) -> tuple[Link, ...]:
        paper = self.paper
        named = (("Hugging Face", paper.hf_url), ("arXiv", paper.arxiv_url),
                 ("PDF", paper.pdf_url), ("Code", paper.code_url))  # fmt: skip
        found = [(name, url) for name, url in named if url]
        return tuple(Link(n, name, url, is_openable(url)) for n, (name, url) in enumerate(found, 1))

    def _describe(self, text: PaperText) -> str:
        if text.source == "live":  # a warning: it could not be kept (a full disk)
            return "fetched now · " + ("not kept" if text.warnings else "kept for offline reading")
        said = f"cached · {age(self._clock() - text.fetched_at)}"
        return said + (" · offline" if self._offline else "")

    def _status(self) -> None:
        percent = self.document.percent
        where = f" · {percent}%" if percent is not None else ""
        said = f" · {self._said}" if self._said else ""
        self.query_one("#reading-status", Static).update(
            Text(f"{self.paper.id} · {self._source}{where}{said}")
        )

    # --- moving about -------------------------------------------------------------------------

    @on(DocumentView.Ready)
    def _ready(self) -> None:
        find = self.query_one("#find", Input)
        if find.has_class("-shown"):  # typed while the text loaded: counted in all of it now
            self._say_count(find.value, len(self.document.matches))
        else:
            self._status()

    def when_settled(self, do: Callable[[], object]) -> None:
        """Keys on the whole text (sections, contents, links, matches) typed while it loads
        act once it is laid out (`once_laid_out`)."""
        self.document.when_settled(do)

    @once_laid_out
    def action_section(self, direction: int) -> None:
        if not self.document.section(direction):
            self.notify("No next section." if direction > 0 else "No previous section.")

    @once_laid_out
    def action_contents(self) -> None:
        from papertui.tui.screens.picker import PickDialog

        sections = self.document.sections
        if not sections:
            self.notify("This paper has no headings.")
            return
        items = [(Text("  " * max(0, s.level - 1) + s.title), s.line) for s in sections]
        here = max((n for n, s in enumerate(sections) if s.line <= self.document.top), default=0)

        def done(line: int | None) -> None:
            if line is not None:
                self.document.go_to_line(line)

        self.app.push_screen(
            PickDialog("Contents", items, "enter jumps · escape closes", here), done
        )

    @once_laid_out
    def action_links(self) -> None:
        """The links that can open (https://), each URL once with all its numbers, from the
        first one on screen; digits typed jump to a number."""
        from papertui.tui.screens.picker import PickDialog

        links, first = openable_links(self.document.links, self.document.first_link_on_screen)
        if not links:
            self.notify("This paper has no link that can be opened (https:// only).")
            return
        help = "enter opens · y copies · 1 2… jumps to [12] · escape closes"
        dialog = PickDialog(
            f"Links ({len(links)})",
            [(_link_label(numbers, link), link) for numbers, link in links],
            help,
            first,
            on_pick=self._open_link,
            url_of=link_url,
            numbers=[numbers for numbers, _ in links],
        )
        self.app.push_screen(dialog)

    def _open_link(self, link: Link) -> None:
        open_url(self, link.url)  # the list stays open: y there copies the link

    def action_open_page(self) -> None:
        open_url(self, self.paper.hf_url)

    def action_copy_page(self) -> None:
        self.app.copy_to_clipboard(self.paper.hf_url)
        self.notify(f"Copied {self.paper.hf_url}")

    @on(Say)
    def _say(self, event: Say) -> None:
        self.notify(event.text, severity=event.severity, title=event.title)

    def action_bookmark(self) -> None:
        self._bookmark(self.paper)

    def action_help(self) -> None:
        from papertui.tui.screens.help import HelpScreen

        bindings = self.app.live_bindings()  # type: ignore[attr-defined]
        self.app.push_screen(HelpScreen(bindings, reading=True))

    # --- search -------------------------------------------------------------------------------

    def action_find(self) -> None:
        find = self.query_one("#find", Input)
        find.add_class("-shown")
        find.focus()

    def _find_changed(self, value: str) -> None:
        self._say_count(value, self.document.search(value))

    def _say_count(self, value: str, count: int) -> None:
        self._said = f"{plural(count, 'match', 'matches')}" if value else ""
        self._status()

    @on(Input.Submitted, "#find")
    def _find_submitted(self, event: Input.Submitted) -> None:
        self._close_find()
        self.when_settled(self._first_match)

    def _first_match(self) -> None:
        self.document.current = -1
        self.action_jump(1)

    def _close_find(self) -> None:
        self.query_one("#find", Input).remove_class("-shown")
        self.document.focus()

    @once_laid_out
    def action_jump(self, direction: int) -> None:
        document = self.document
        if not document.matches:
            self._said = "no match" if document._query else "/ searches the paper"
        else:
            document.jump(direction)
            self._said = f"{document.current + 1} of {len(document.matches)}"
        self._status()

    def action_back(self) -> None:
        # On the app: this screen's workers end with it.
        keep = partial(self.service.save_reading_position, self.paper.id, self.document.top_block)
        self.app.run_worker(keep, thread=True, group="position", exit_on_error=False)
        self.dismiss(None)


class FindBox(Input):
    """The search line: it searches as its value changes, in the same frame as the key is
    echoed (a Changed message would be handled a frame later)."""

    BINDINGS = [Binding("escape", "close", "Close the search", id="read_close_search")]

    def __init__(
        self, on_change: Callable[[str], None], on_close: Callable[[], None], **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self._on_change = on_change
        self._on_close = on_close

    def watch_value(self, value: str) -> None:
        self._on_change(value)

    def action_close(self) -> None:
        self._on_close()


def openable_links(links: Sequence[Link], first: int) -> tuple[list[tuple[list[int], Link]], int]:
    """The links that can open, each URL once with every number it has, in order; and which of
    them holds link `first` (or the next one that can open)."""
    merged: dict[str, tuple[list[int], Link]] = {}
    start: int | None = None
    for index, link in enumerate(links):
        if not link.openable:
            continue
        if start is None and index >= first:
            start = list(merged).index(link.url) if link.url in merged else len(merged)
        merged.setdefault(link.url, ([], link))[0].append(link.number)
    listed = list(merged.values())
    return listed, start if start is not None else max(0, len(listed) - 1)


def link_url(link: Link) -> str:
    return link.url


def _link_label(numbers: list[int], link: Link) -> Text:
    text = Text(" ".join(f"[{n}]" for n in numbers[:3]) + ("…" if len(numbers) > 3 else "") + " ")
    text.append(link.label[:60])
    text.append(f"  {link.url}", "dim")
    return text
