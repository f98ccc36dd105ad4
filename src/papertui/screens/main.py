"""The main screen: the list, the detail, the filter line and the status bar, and the workers.

The store is read on a thread and the network is asked on another, so the UI never waits on
I/O; a result for a view the user has already left is dropped. A failed fetch keeps what is on
screen and says why in a notification (never markup: the message may quote the server).
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from papertui.models import Paper
from papertui.service import NothingToShow, ViewResult
from papertui.text import is_openable
from papertui.views import OWN_ORDER, Kind, View, current, sort_papers, step
from papertui.widgets.paper_detail import PaperDetail
from papertui.widgets.paper_list import PaperList
from papertui.widgets.status_bar import StatusBar

if TYPE_CHECKING:
    from papertui.app import PaperApp
    from papertui.bookmarks import Bookmark, Snapshot

WIDE = 100  # columns from which list and detail sit side by side
SORT_CYCLE = ("upvotes", "date", "comments", "stars")
FILTER_HINT = 'filter: words, "phrases", -not, author:, org:, upvotes:>=20'


class MainScreen(Screen[None]):
    BINDINGS = [
        Binding("1", "view('trending')", "Trending", id="view_trending", show=False),
        Binding("2", "view('day')", "Daily", id="view_daily", show=False),
        Binding("3", "view('week')", "Weekly", id="view_weekly", show=False),
        Binding("4", "view('month')", "Monthly", id="view_monthly", show=False),
        Binding("5", "view('bookmarks')", "Bookmarks", id="view_bookmarks", show=False),
        Binding("S", "search", "Search", id="search", show=False),
        Binding("left_square_bracket", "period(-1)", "Previous period", id="previous_period"),
        Binding("right_square_bracket", "period(1)", "Next period", id="next_period"),
        Binding("t", "period(0)", "Current period", id="current_period", show=False),
        Binding("s", "cycle_sort", "Sort", id="sort"),
        Binding("slash", "filter", "Filter", id="filter"),
        Binding("r", "refresh", "Refresh", id="refresh"),
        Binding("h", "focus_list", "Back to list", show=False, id="back"),
        Binding("escape", "escape", "Back / clear filter", show=False, id="escape"),
        Binding("J", "scroll_detail(1)", "Scroll abstract down", show=False, id="detail_down"),
        Binding("K", "scroll_detail(-1)", "Scroll abstract up", show=False, id="detail_up"),
        Binding("o", "open('hf')", "Open HF page", id="open_hf"),
        Binding("O", "open('arxiv')", "Open arXiv page", show=False, id="open_arxiv"),
        Binding("p", "open('pdf')", "Open PDF", show=False, id="open_pdf"),
        Binding("y", "copy('hf')", "Copy HF link", show=False, id="copy_hf"),
        Binding("Y", "copy('arxiv')", "Copy arXiv link", show=False, id="copy_arxiv"),
        Binding("u", "toggle_read", "Toggle read", show=False, id="toggle_read"),
        Binding("b", "toggle_bookmark", "Bookmark", id="bookmark"),
        Binding("n", "edit_note", "Edit note", show=False, id="note"),
        Binding("T", "edit_tags", "Edit tags", show=False, id="tags"),
        Binding("e", "export", "Export bookmarks", show=False, id="export"),
    ]

    def __init__(self, view: View, sort: str | None = None) -> None:
        super().__init__()
        self.view = view
        self.sort = sort or view.default_sort  # settled against the config in show_view
        self._explicit_sort = sort is not None
        self._papers: list[Paper] = []  # as the server ordered them
        self._periods: dict[Kind, View] = {view.kind: view}
        self._result: ViewResult | None = None
        self._details_ready = True  # False while the list shows light rows only
        self._marks: Snapshot | None = None

    @property
    def papertui(self) -> PaperApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Static(Text(""), id="title")
        with Horizontal(id="body"):
            yield PaperList(id="papers")
            yield PaperDetail(id="detail")
        # The key bar's row is kept free (the margin): Textual's Footer, a widget per key
        # restyled as they mount, comes right after the first frame with the hidden filter
        # line, and the first frame shows the papers sooner for it.
        yield StatusBar(clock=self.papertui.clock, id="status", classes="-footer-pending")

    @property
    def list(self) -> PaperList:
        return self.query_one(PaperList)

    @property
    def detail(self) -> PaperDetail:
        return self.query_one(PaperDetail)

    @property
    def status(self) -> StatusBar:
        return self.query_one(StatusBar)

    def on_mount(self) -> None:
        self.list.read_ids = self.papertui.read_ids
        self.call_after_refresh(self.load_marks)  # stars can follow the first frame
        self.call_after_refresh(self._mount_rest)
        self.list.focus()
        initial, self.papertui.initial = self.papertui.initial, None
        usable = initial is not None and initial.view == self.view and initial.source == "cached"
        self.show_view(self.view, initial if usable else None)

    async def _mount_rest(self) -> None:
        self.papertui.first_frame_shown()
        self._filter_box()
        await self.mount(Footer())
        self.status.remove_class("-footer-pending")
        self.refresh_bindings()  # a Footer shows keys from the next bindings update on

    def on_resize(self) -> None:
        self.query_one("#body").set_class(self.size.width < WIDE, "-stacked")

    # --- loading ------------------------------------------------------------------------------

    def show_view(self, view: View, rows: ViewResult | None = None) -> None:
        """Switch to `view`; `rows`, if given, are its light rows, already read."""
        self.view = view
        self._periods[view.kind] = view
        own = view.default_sort
        if not self._explicit_sort:
            self.sort = own if own in OWN_ORDER.values() else self.papertui.config.default_sort
        elif self.sort in OWN_ORDER.values() and self.sort != own:
            self.sort = "upvotes"  # another view's own order means nothing here
        self.query_one("#title", Static).update(Text(f" {view.label}", style="bold"))
        self.status.set(loading=True, sort=self.sort)
        if rows is not None:  # read before Textual was imported: the first frame has the list
            self._on_light(view, rows)
            # Decoding full records competes for the GIL: let the first frame out first.
            self.call_after_refresh(self.load_cached, view, False)
        else:
            self.load_cached(view)

    @work(thread=True, exclusive=True, group="cache", exit_on_error=False)
    def load_cached(self, view: View, light: bool = True) -> None:
        service = self.papertui.service
        rows = service.cached(view, light=True) if light else None
        if rows is not None and rows.source == "cached":
            self.app.call_from_thread(self._on_light, view, rows)
        self.app.call_from_thread(self._on_cached, view, service.cached(view))

    def _on_light(self, view: View, result: ViewResult) -> None:
        """The list rows, painted before the full records (abstracts, authors) are decoded."""
        if view == self.view:
            self._details_ready = False
            self._show_result(result)

    def _on_cached(self, view: View, result: ViewResult | None) -> None:
        if view != self.view:
            return
        self._details_ready = True
        if result is not None:
            self._show_result(result)
        else:
            self._result = None
            self._papers = []
            self.list.set_papers([])
            self.status.set(source="", fetched_at=None, offline=False, total=0, shown=0)
        local = view.kind is Kind.BOOKMARKS
        if not local and (
            result is None or self.papertui.service.is_stale(view, result.fetched_at)
        ):
            self.fetch(view, refresh=False)
        else:
            self.status.set(loading=False)

    @work(thread=True, exclusive=True, group="fetch", exit_on_error=False)
    def fetch(self, view: View, refresh: bool) -> None:
        try:
            result = asyncio.run(self.papertui.service.load(view, refresh=refresh))
        except NothingToShow as exc:
            self.app.call_from_thread(self._on_failed, view, str(exc))
        except Exception as exc:  # a bug must not take the reader down: say it, keep the list
            self.app.call_from_thread(self._on_failed, view, f"Unexpected error: {exc!r}")
        else:
            self.app.call_from_thread(self._on_fetched, view, result)

    def _on_fetched(self, view: View, result: ViewResult) -> None:
        if view != self.view:
            return
        self._show_result(result)
        self.status.set(loading=False)
        for n, message in enumerate(result.warnings):
            failed = n == 0 and result.error is not None
            self.notify(message, severity="error" if failed else "warning", markup=False, timeout=8)

    def _on_failed(self, view: View, message: str) -> None:
        if view != self.view:
            return
        self.status.set(loading=False, offline=True)
        self.notify(message, title="Could not load", severity="error", markup=False, timeout=10)

    def _show_result(self, result: ViewResult) -> None:
        # The same view refreshed keeps the cursor on its paper; another view starts at the top,
        # and so does the live list that replaces the bundled sample (a stand-in, not the view).
        before = self._result
        same = before is not None and before.view == result.view and before.source != "sample"
        self._result = result
        self._papers = result.papers
        self._resort(keep=same)
        self.status.set(source=result.source, fetched_at=result.fetched_at, offline=result.offline)

    def _resort(self, keep: bool = True) -> None:
        current = self.list.current
        keep_id = current.id if keep and current is not None else None
        self.list.set_papers(sort_papers(self._papers, self.sort), keep_id)
        self._update_count()

    def _update_count(self) -> None:
        self.status.set(
            sort=self.sort,
            shown=self.list.count,
            total=len(self._papers),
            filtering=not self.list.filter_query.empty,
        )

    # --- list and detail ------------------------------------------------------------------------

    @on(PaperList.Highlighted)
    def _highlighted(self, event: PaperList.Highlighted) -> None:
        self._show_detail(event.paper)

    @on(PaperList.Opened)
    def _opened(self, event: PaperList.Opened) -> None:
        self._mark_read(event.paper, True)
        self.detail.focus()

    def _show_detail(self, paper: Paper | None) -> None:
        read = paper is not None and paper.id in self.list.read_ids
        marked = paper is not None and paper.id in self.list.marked_ids
        mark = self._marks.get(paper.id) if paper is not None and self._marks else None
        self.detail.show(
            paper,
            read=read,
            marked=marked,
            loading=not self._details_ready,
            tags=mark.tags if mark else (),
            note=mark.note if mark else "",
        )

    def _mark_read(self, paper: Paper, read: bool) -> None:
        ids = set(self.list.read_ids)
        (ids.add if read else ids.discard)(paper.id)
        self.list.update_marks(ids)
        self.papertui.save_read(paper.id, read)
        if self.list.current is paper:
            self._show_detail(paper)

    # --- actions --------------------------------------------------------------------------------

    def action_view(self, kind: str) -> None:
        target = Kind(kind)
        self.show_view(self._periods.get(target) or current(target))

    def action_period(self, delta: int) -> None:
        if self.view.kind not in (Kind.DAY, Kind.WEEK, Kind.MONTH):
            self.notify("Periods apply to the daily, weekly and monthly views.", markup=False)
            return
        target = current(self.view.kind) if delta == 0 else step(self.view, delta)
        if target == self.view and delta > 0:
            self.notify("That is the newest period.", markup=False)
            return
        self.show_view(target)

    def action_cycle_sort(self) -> None:
        own = self.view.default_sort
        cycle = SORT_CYCLE + ((own,) if own not in SORT_CYCLE else ())
        self.sort = (
            cycle[(cycle.index(self.sort) + 1) % len(cycle)] if self.sort in cycle else cycle[0]
        )
        self._explicit_sort = True
        self._resort()

    def action_refresh(self) -> None:
        if self.view.kind is Kind.BOOKMARKS:  # re-read the file (it may have been edited)
            self.load_marks()
            return
        self.status.set(loading=True)
        self.fetch(self.view, refresh=True)

    def action_filter(self) -> None:
        box = self._filter_box()
        box.add_class("-visible")
        box.focus()

    def _filter_box(self) -> Input:
        """The filter line (hidden until `/`), made on first need: right after the first frame,
        or on a `/` pressed before that."""
        box = next(self.query("#filter").results(Input), None)
        if box is None:
            box = Input(placeholder=FILTER_HINT, id="filter")
            self.mount(box, before=self.status)
        return box

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.list.set_filter(event.value)
        self._update_count()

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        if not event.value.strip():
            event.input.remove_class("-visible")
        self.list.focus()

    def action_escape(self) -> None:
        box = self._filter_box()
        if box.has_focus or (self.list.has_focus and not self.list.filter_query.empty):
            box.value = ""
            self.list.set_filter("")
            self._update_count()
            box.remove_class("-visible")
        self.list.focus()

    def action_focus_list(self) -> None:
        self.list.focus()

    def action_scroll_detail(self, direction: int) -> None:
        if direction > 0:
            self.detail.scroll_page_down(animate=False)
        else:
            self.detail.scroll_page_up(animate=False)

    def _url(self, which: str, paper: Paper) -> str:
        return {"hf": paper.hf_url, "arxiv": paper.arxiv_url, "pdf": paper.pdf_url}[which]

    def action_open(self, which: str) -> None:
        paper = self.list.current
        if paper is None:
            return
        url = self._url(which, paper)
        if not is_openable(url):
            self.notify("Only https:// links are opened.", severity="warning", markup=False)
            return
        self.app.open_url(url)
        self._mark_read(paper, True)
        self.notify(f"Opening {url}", markup=False)

    def action_copy(self, which: str) -> None:
        paper = self.list.current
        if paper is None:
            return
        url = self._url(which, paper)
        self.app.copy_to_clipboard(url)
        self.notify(f"Copied {url}", markup=False)

    def action_toggle_read(self) -> None:
        paper = self.list.current
        if paper is not None:
            self._mark_read(paper, paper.id not in self.list.read_ids)

    def action_search(self) -> None:
        from papertui.screens.dialogs import SearchDialog

        def done(query: str | None) -> None:
            if query:
                self.show_view(View(Kind.SEARCH, query))

        self.app.push_screen(SearchDialog(), done)

    # --- bookmarks ------------------------------------------------------------------------------

    @work(thread=True, group="marks", exit_on_error=False)
    def load_marks(self) -> None:
        try:
            snapshot = self.papertui.service.bookmark_file().load()
        except (OSError, ValueError) as exc:  # a BookmarkError is a ValueError
            self.app.call_from_thread(self._marks_failed, str(exc))
            return
        self.app.call_from_thread(self._show_marks, snapshot, True)

    def _show_marks(self, snapshot: Snapshot, tell: bool = False) -> None:
        """Stars in the list, tags and notes in the filter, and the bookmarks view if shown."""
        self._marks = snapshot
        self.list.set_extra_fields(
            {b.id: {"tag": " ".join(b.tags), "note": b.note} for b in snapshot.bookmarks}
        )
        self.list.update_marks(self.list.read_ids, snapshot.ids)
        if tell:
            for message in snapshot.warnings:
                self.notify(
                    message, title="Bookmarks", severity="warning", markup=False, timeout=10
                )
        if self.view.kind is Kind.BOOKMARKS:
            papers = [b.to_paper() for b in snapshot.bookmarks]
            self._papers = papers
            self._resort()
        self._show_detail(self.list.current)

    def _marks_failed(self, message: str) -> None:
        self.notify(message, title="Bookmarks", severity="error", markup=False, timeout=10)

    def action_toggle_bookmark(self) -> None:
        paper = self.list.current
        if paper is not None:
            self._toggle_mark(paper)

    @work(thread=True, group="marks", exit_on_error=False)
    def _toggle_mark(self, paper: Paper) -> None:
        try:
            now_on, snapshot = self.papertui.service.bookmark_file().toggle(paper)
        except (OSError, ValueError) as exc:  # a BookmarkError is a ValueError
            self.app.call_from_thread(self._marks_failed, str(exc))
            return
        said = f"★ Bookmarked: {paper.title}" if now_on else f"Removed the bookmark: {paper.title}"
        self.app.call_from_thread(self._changed_marks, snapshot, said)

    def _changed_marks(self, snapshot: Snapshot, message: str) -> None:
        self._show_marks(snapshot)
        self.notify(message, markup=False)

    def _bookmark_of_current(self) -> tuple[Paper, Bookmark] | None:
        paper = self.list.current
        mark = self._marks.get(paper.id) if paper is not None and self._marks else None
        if paper is None or mark is None:
            self.notify("Bookmark the paper first (b).", severity="warning", markup=False)
            return None
        return paper, mark

    def action_edit_note(self) -> None:
        from papertui.screens.dialogs import NoteDialog

        found = self._bookmark_of_current()
        if found is not None:
            paper, mark = found

            def done(note: str | None) -> None:
                if note is not None:
                    self._update_mark(paper.id, note=note)

            self.app.push_screen(NoteDialog(paper.title, mark.note), done)

    def action_edit_tags(self) -> None:
        from papertui.screens.dialogs import TagsDialog

        found = self._bookmark_of_current()
        if found is not None:
            paper, mark = found

            def done(tags: Sequence[str] | None) -> None:
                if tags is not None:
                    self._update_mark(paper.id, tags=tags)

            self.app.push_screen(TagsDialog(paper.title, mark.tags), done)

    @work(thread=True, group="marks", exit_on_error=False)
    def _update_mark(
        self, pid: str, note: str | None = None, tags: Sequence[str] | None = None
    ) -> None:
        try:
            snapshot = self.papertui.service.bookmark_file().update(pid, note=note, tags=tags)
        except (OSError, ValueError) as exc:  # a BookmarkError is a ValueError
            self.app.call_from_thread(self._marks_failed, str(exc))
            return
        said = "Note saved." if note is not None else "Tags saved."
        self.app.call_from_thread(self._changed_marks, snapshot, said)

    @work(thread=True, group="export", exit_on_error=False)
    def action_export(self) -> None:
        from datetime import date

        from papertui import export
        from papertui.fileio import write_atomic

        target = self.papertui.export_target()
        try:
            snapshot = self.papertui.service.bookmark_file().load()
            if not snapshot.bookmarks:  # an empty export would replace a real one
                said = "No bookmarks to export yet: b bookmarks a paper."
                self.app.call_from_thread(self.notify, said, severity="warning", markup=False)
                return
            parts = export.markdown_parts(snapshot.bookmarks, date.today())
            write_atomic(target, export.encoded(parts), mode=0o644)
        except (OSError, ValueError) as exc:  # a BookmarkError is a ValueError
            self.app.call_from_thread(self._marks_failed, f"Export failed: {exc}")
            return
        said = f"Exported {len(snapshot.bookmarks)} bookmarks to {target}"
        self.app.call_from_thread(self.notify, said, markup=False, timeout=8)
