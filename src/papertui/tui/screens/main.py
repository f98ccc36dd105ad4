"""The main screen: the list, the detail, the filter line and the status bar, and the workers.

The store and the bookmarks file are read on threads and the network is awaited in an async
worker that leaving the view cancels, so the UI never waits on I/O. Workers post messages; a
result for a view the user has already left is dropped where it arrives. A failed fetch keeps
what is on screen and says why in a notification.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from functools import partial

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Input, Static

from papertui.core import sorts
from papertui.core.bookmark import BookmarkError
from papertui.core.paper import Paper
from papertui.core.repos import Repos
from papertui.core.views import VIEW_NAMES, Kind, View, current, step, weekend_note, window
from papertui.service import NO_ARCHIVE, NothingToShow, Service, ViewResult
from papertui.tui.screens.bookmark_actions import BookmarkActions
from papertui.tui.screens.filter_line import FilterLine
from papertui.tui.screens.foryou_actions import ForYouActions
from papertui.tui.screens.link_actions import LinkActions
from papertui.tui.screens.messages import CacheRead, Fetched, Say
from papertui.tui.screens.paper_actions import PaperActions
from papertui.tui.widgets.paper_detail import PaperDetail
from papertui.tui.widgets.paper_list import PaperList
from papertui.tui.widgets.status_bar import StatusBar

WIDE = 100  # columns from which list and detail sit side by side
KEPT = ("cached", "archive")  # the sources of light rows read from the store
LOADING_AFTER = 0.1  # seconds a light row's record may take before the detail says "loading"


class MainScreen(BookmarkActions, LinkActions, PaperActions, ForYouActions, FilterLine):
    BINDINGS = [
        # First, so that the footer shows it however narrow the terminal (it lists keys in
        # this order, the focused list's before these and the app's after).
        Binding("question_mark", "app.help", "Help", id="help"),
        Binding("1", "view('trending')", "Trending", id="view_trending", show=False),
        Binding("2", "view('daily')", "Daily", id="view_daily", show=False),
        Binding("3", "view('weekly')", "Weekly", id="view_weekly", show=False),
        Binding("4", "view('monthly')", "Monthly", id="view_monthly", show=False),
        Binding("5", "view('bookmarks')", "Bookmarks", id="view_bookmarks", show=False),
        Binding("6", "view('archive')", "The archive", id="view_archive", show=False),
        Binding("7", "view('foryou')", "For you", id="view_foryou", show=False),
        Binding("S", "search", "Search", id="search", show=False),
        Binding("a", "search_here", "Search the papers kept here", id="search_here"),
        Binding("left_square_bracket", "period(-1)", "Previous period", id="previous_period"),
        Binding("right_square_bracket", "period(1)", "Next period", id="next_period"),
        Binding("t", "period(0)", "Current period", id="current_period", show=False),
        Binding("plus,equals_sign", "window(1)", "Wider window", id="wider_window"),
        Binding("minus", "window(-1)", "Narrower window", id="narrower_window"),
        Binding("D", "go_to", "Go to a day, week or month", id="go_to_date", show=False),
        Binding("s", "cycle_sort", "Sort", id="sort"),
        # A priority binding acts as the key arrives, before the keys queued behind it are
        # handed to the list: everything typed or pasted after `/` goes to the filter.
        Binding("slash", "filter", "Filter", id="filter", priority=True),
        Binding("r", "refresh", "Refresh", id="refresh"),
        Binding("h", "focus_list", "Back to list", show=False, id="back"),
        Binding("escape", "escape", "Back / clear filter", show=False, id="escape"),
        Binding("R", "read", "Read the paper", id="read"),
        Binding("m", "repos", "Models, datasets, Spaces", show=False, id="repos"),
        Binding("J", "scroll_detail(1)", "Scroll abstract down", show=False, id="detail_down"),
        Binding("K", "scroll_detail(-1)", "Scroll abstract up", show=False, id="detail_up"),
        Binding("o", "open('hf')", "Open HF page", id="open_hf"),
        Binding("O", "open('arxiv')", "Open arXiv page", show=False, id="open_arxiv"),
        Binding("p", "open('pdf')", "Open PDF", show=False, id="open_pdf"),
        Binding("y", "copy('hf')", "Copy HF link", show=False, id="copy_hf"),
        Binding("Y", "copy('arxiv')", "Copy arXiv link", show=False, id="copy_arxiv"),
        Binding("P", "copy('pdf')", "Copy PDF link", show=False, id="copy_pdf"),
        Binding("u", "toggle_read", "Toggle read", show=False, id="toggle_read"),
        Binding("U", "toggle_hide_read", "Hide / show read papers", show=False, id="hide_read"),
        Binding("b", "toggle_bookmark", "Bookmark", id="bookmark"),
        Binding("n", "edit_note", "Edit note", show=False, id="note"),
        Binding("T", "edit_tags", "Edit tags", show=False, id="tags"),
        Binding("e", "export", "Export bookmarks", show=False, id="export"),
    ]

    def __init__(
        self,
        service: Service,
        view: View,
        *,
        sort: sorts.Sort | None = None,
        clock: Callable[[], float] = time.time,
        initial: ViewResult | None = None,
        on_first_frame: Callable[[], None] = lambda: None,
    ) -> None:
        super().__init__()
        self._on_first_frame = on_first_frame
        self.service = service
        self.view = view
        self.sort = sort or sorts.default_sort(view.kind)  # settled against the config later
        self._explicit_sort = sort is not None
        self._clock = clock
        self._initial = initial  # light rows read before Textual was imported
        self._papers: list[Paper] = []  # as the server ordered them
        self._periods: dict[Kind, View] = {view.kind: view}
        self._result: ViewResult | None = None
        self._details_ready = True  # False while the list shows light rows only
        self.repos_known: dict[str, Repos | str] = {}  # see PaperActions
        self.wholes: dict[str, Paper] = {}  # see PaperActions
        self.why: Mapping[str, str] = {}  # see ForYouActions

    def compose(self) -> ComposeResult:
        yield Static(Text(""), id="title")
        with Horizontal(id="body"):
            yield PaperList(id="papers", read_ids=self.service.read_ids)
            yield PaperDetail(id="detail")
        # The key bar's row is kept free (the margin): Textual's Footer, a widget per key
        # restyled as they mount, comes right after the first frame with the hidden filter
        # line, and the first frame shows the papers sooner for it.
        yield StatusBar(clock=self._clock, id="status", classes="-footer-pending")

    @property
    def detail(self) -> PaperDetail:
        return self.query_one(PaperDetail)

    @property
    def status(self) -> StatusBar:
        return self.query_one(StatusBar)

    def on_mount(self) -> None:
        self.call_after_refresh(self.load_marks)  # stars can follow the first frame
        self.call_after_refresh(self._mount_rest)
        self.list.focus()
        initial, self._initial = self._initial, None
        usable = initial is not None and initial.view == self.view and initial.source in KEPT
        self.show_view(self.view, initial if usable else None)

    async def _mount_rest(self) -> None:
        self._on_first_frame()
        from papertui.tui.widgets.key_bar import KeyBar  # Footer's module: ~1 ms of first frame

        self._filter_box()
        await self.mount(KeyBar())
        self.status.remove_class("-footer-pending")
        self.refresh_bindings()  # a Footer shows keys from the next bindings update on
        self.set_timer(0.5, self.warm_reading)
        self.tell_whats_new()

    def on_resize(self) -> None:
        self.query_one("#body").set_class(self.size.width < WIDE, "-stacked")

    # --- loading ------------------------------------------------------------------------------

    def show_view(self, view: View, rows: ViewResult | None = None) -> None:
        """Switch to `view`; `rows`, if given, are its light rows, already read."""
        self.workers.cancel_group(self, "fetch")  # the view it was fetching is left
        self.view = view
        self._periods[view.kind] = view
        self.refresh_bindings()  # the period keys come and go with the view
        preferred = sorts.Sort(self.service.config.default_sort)
        self.sort = sorts.settle(view.kind, self.sort, preferred, self._explicit_sort)
        self._show_title()
        self.status.fetching, self.status.sort = True, self.sort
        self.status.activity = "reading" if view.kind is Kind.ARCHIVE else "fetching"
        if rows is not None:  # read before Textual was imported: the first frame has the list
            self._show_rows(rows, light=True)
            # Decoding full records competes for the GIL: let the first frame out first.
            self.call_after_refresh(self.load_cached, view, False)
        else:
            self.load_cached(view)

    @work(thread=True, exclusive=True, group="cache", exit_on_error=False)
    def load_cached(self, view: View, light: bool = True) -> None:
        try:
            rows = self.service.cached(view, light=True) if light else None
            if rows is not None and rows.source in KEPT:
                self.post_message(CacheRead(view, rows, light=True))
            self.post_message(CacheRead(view, self.service.cached(view), light=False))
        except BookmarkError as exc:
            self.post_message(Say(str(exc), "error", "Bookmarks"))

    @on(CacheRead)
    def _cache_read(self, event: CacheRead) -> None:
        if event.view != self.view:
            return
        if event.light:
            if event.result is not None:
                self._show_rows(event.result, light=True)
            return
        self._details_ready = True
        result = event.result
        if result is not None:
            self.tell_ranking(result)
            self._show_result(result)
            if result.view.kind is Kind.BOOKMARKS:  # the file's own words (one not parsing)
                for message in result.warnings:
                    self.notify(message, title="Bookmarks", severity="warning", timeout=10)
        else:
            self._result, self._papers = None, []
            # Nothing cached: the fetch below is all there is (the archive grows by a sync).
            self.list.placeholder = NO_ARCHIVE if self.view.kind is Kind.ARCHIVE else "Loading…"
            self.list.set_papers([])
            self.status.source, self.status.fetched_at, self.status.problem = "", None, ""
            self.status.total = self.status.shown = 0
        # Nothing kept: the load says what there is, or why there is nothing (For you with no
        # papers in its window, a search with `--local`), and the view settles on it.
        if result is None or self.service.is_stale(self.view, result.fetched_at):
            self.fetch(self.view, refresh=False)
        else:
            self.status.fetching = False

    def _show_rows(self, result: ViewResult, light: bool) -> None:
        """The list rows, painted before the full records (abstracts, authors) are decoded."""
        self._details_ready = not light
        self._show_result(result)
        self.tell_ranking(result)

    @work(exclusive=True, group="fetch", exit_on_error=False)
    async def fetch(self, view: View, refresh: bool) -> None:
        try:
            result = await self.service.load(view, refresh=refresh)
        except NothingToShow as exc:
            self.post_message(Fetched(view, None, str(exc), exc.problem))
        except Exception as exc:  # a bug must not take the reader down: say it, keep the list
            self.post_message(Fetched(view, None, f"Unexpected error: {exc!r}", "failed"))
        else:
            self.post_message(Fetched(view, result))

    @on(Fetched)
    def _fetched(self, event: Fetched) -> None:
        if event.view != self.view:
            return
        self.status.fetching = False
        if event.result is None:
            # A fetch that failed has a problem; nothing to show without one is a fact of
            # the papers kept here (none in For you's window, no match), said in the list.
            failed = bool(event.problem)
            self.status.problem = event.problem
            if not self._papers:
                said = f"Not loaded ({event.problem}); r tries again."
                self.list.placeholder = said if failed else event.error + wider(event.view)
            if failed:
                self.notify(event.error, title="Could not load", severity="error", timeout=10)
            elif self._papers:
                self.notify(event.error, timeout=10)
            return
        self._show_result(event.result)
        note = weekend_note(self.view)
        if note and not event.result.papers:
            self.notify(f"{note}: [ goes back to it.", timeout=8)
        for n, message in enumerate(event.result.warnings):
            failed = n == 0 and event.result.error is not None
            self.notify(message, severity="error" if failed else "warning", timeout=8)

    def _show_result(self, result: ViewResult) -> None:
        # The same view refreshed keeps the cursor on its paper; another view starts at the top,
        # and so does the live list that replaces the bundled sample (a stand-in, not the view).
        before = self._result
        same = before is not None and before.view == result.view
        if same and before is not None and before.source == "sample":
            same = self.list.cursor > 0  # the user moved: the paper stays under the cursor
        self._result = result
        self._papers = result.papers
        self.why = result.why or {}
        self.list.set_texts(result.texts or {})
        self.list.set_watched(result.watched)
        self.list.placeholder = empty_view(result)
        self._resort(keep=same)
        self.status.source, self.status.fetched_at = result.source, result.fetched_at
        self.status.problem = result.problem

    def _resort(self, keep: bool = True) -> None:
        current = self.list.current
        keep_id = current.id if keep and current is not None else None
        self.list.sort_key = self.sort
        self.list.set_papers(sorts.sort_papers(self._papers, self.sort), keep_id)
        self._update_count()
        if self.sort is sorts.Sort.FOR_YOU and self.view.kind is not Kind.FOR_YOU:
            self.rank_for_you(self._papers, self._result, keep_id)  # that view comes ranked

    def _update_count(self) -> None:
        status = self.status
        total = self._result.total if self._result is not None else None
        papers = self.list
        status.sort, status.total = self.sort, total or len(self._papers)
        status.filtering, status.matching = not papers.wanted.empty, papers.matching
        # While it matches, the rows shown are its first (a floor) or those of the last filter.
        status.shown = papers.count if papers.partial or not papers.matching else 0

    # --- list and detail ------------------------------------------------------------------------

    @on(PaperList.Highlighted)
    def _highlighted(self, event: PaperList.Highlighted) -> None:
        if not self.detail_waits():  # typing a filter: the detail follows when it pauses
            self._show_detail(event.paper)
            self.want_repos(event.paper)

    @on(PaperList.Opened)
    def _opened(self, event: PaperList.Opened) -> None:
        self._mark_read(event.paper, True)
        self.detail.focus()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        # Stacked (under 100 columns), the detail being read takes the whole height.
        self.query_one("#body").set_class(event.widget is self.detail, "-reading-detail")

    @property
    def offline(self) -> bool:
        return self._result is not None and self._result.problem == "offline"

    def _show_detail(
        self, paper: Paper | None, keep_scroll: bool = False, loading_now: bool = False
    ) -> None:
        mark = self.list.marks.get(paper.id) if paper is not None else None
        loading = not self._details_ready
        if paper is not None and self._result is not None and self._result.light:
            whole = self.whole_of(paper)
            if whole is None and not loading_now:  # mostly read in a few ms: drawn once then
                self.set_timer(LOADING_AFTER, partial(self._still_loading, paper))
                return
            paper, loading = whole or paper, whole is None
        self.detail.show(
            paper,
            read=paper is not None and paper.id in self.service.read_ids,
            marked=mark is not None,
            loading=loading,
            tags=mark.tags if mark else (),
            note=mark.note if mark else "",
            repos=self.repos_known.get(paper.id) if paper is not None else None,
            keep_scroll=keep_scroll,
            why=self.why.get(paper.id, "") if paper is not None else "",
            watched=self.list.watched.get(paper.id, ()) if paper is not None else (),
        )

    def _still_loading(self, paper: Paper) -> None:
        """A light row's record not read yet: its title and "loading…" meanwhile."""
        current = self.list.current
        if current is not None and current.id == paper.id and paper.id not in self.wholes:
            self._show_detail(paper, loading_now=True)

    # --- actions --------------------------------------------------------------------------------

    def action_view(self, name: str) -> None:
        kind = VIEW_NAMES[name]
        self.show_view(self._periods.get(kind) or current(kind))

    def action_period(self, delta: int) -> None:
        target = current(self.view.kind) if delta == 0 else step(self.view, delta)
        if target == self.view and delta > 0:
            self.notify("That is the newest period.")
            return
        self.show_view(target)

    def action_window(self, delta: int) -> None:
        """For you over a wider or narrower window of days."""
        target = window(self.view, delta)
        if target == self.view:
            self.notify("That is the widest window." if delta > 0 else "That is the narrowest.")
            return
        self.show_view(target)

    def action_cycle_sort(self) -> None:
        self.sort = sorts.cycle(self.view.kind, self.sort)
        self._explicit_sort = True
        self._show_title()
        self._resort()

    def _show_title(self) -> None:
        title = sorts.heading(self.view, self.sort)
        self.query_one("#title", Static).update(Text(f" {title}", style="bold"))

    def action_refresh(self) -> None:
        if self.view.kind is Kind.BOOKMARKS:  # re-read the file (it may have been edited)
            self.load_marks()
            return
        self.status.fetching = True
        self.fetch(self.view, refresh=True)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "period" and self.view.kind not in (Kind.DAY, Kind.WEEK, Kind.MONTH):
            return False  # no periods here: the keys leave the footer (and do nothing)
        if action == "search_here" and self.view.kind is not Kind.SEARCH:
            return False
        if action == "window" and self.view.kind is not Kind.FOR_YOU:
            return False
        # A `/` typed into the filter (or any input) is text, not the filter key.
        return not (action == "filter" and isinstance(self.focused, Input))

    def action_focus_list(self) -> None:
        self.query_one("#body").remove_class("-reading-detail")  # the list shows again
        self.list.focus()

    def action_scroll_detail(self, direction: int) -> None:
        self.detail.action_page(direction)

    def action_toggle_hide_read(self) -> None:
        self.list.set_hide_read(not self.list.hide_read)
        self.status.unread_only = self.list.hide_read
        self._update_count()

    def action_go_to(self) -> None:
        from papertui.tui.screens.dialogs import GoToDialog

        def done(view: View | None) -> None:
            if view is not None:
                self.show_view(view)

        self.app.push_screen(GoToDialog(), done)

    def action_search(self) -> None:
        from papertui.tui.screens.dialogs import SearchDialog

        def done(query: str | None) -> None:
            if query:
                self.show_view(View(Kind.SEARCH, query))

        self.app.push_screen(SearchDialog(), done)

    def action_search_here(self) -> None:
        self.status.fetching = True
        self._search_here(self.view)

    @work(thread=True, exclusive=True, group="fetch", exit_on_error=False)
    def _search_here(self, view: View) -> None:
        """The search's query over the papers kept here, best first (no network)."""
        try:
            self.post_message(Fetched(view, self.service.search_here(view)))
        except NothingToShow as exc:
            self.post_message(Fetched(view, None, str(exc)))

    @on(Say)
    def _say(self, event: Say) -> None:
        timeout = 10 if event.severity == "error" else 8
        self.notify(event.text, title=event.title, severity=event.severity, timeout=timeout)


def empty_view(result: ViewResult) -> str:
    """What the list says when a view has no paper."""
    note = weekend_note(result.view)
    if note:
        return f"{note}: [ goes back to it."
    if result.kept_matches:
        kept = f"{result.kept_matches:,} kept here"
        return f"0 on the hub · {kept} for {result.view.arg!r}: a shows them."
    return "No papers in this view."


def wider(view: View) -> str:
    """For you with nothing in its window: the key that widens it, and to what."""
    if view.kind is not Kind.FOR_YOU or window(view, 1) == view:
        return ""
    return f" + widens the window to {window(view, 1).days} days."
