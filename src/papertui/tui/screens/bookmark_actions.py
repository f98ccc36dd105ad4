"""The main screen's bookmark keys: `b` toggles, `n` and `T` edit the note and tags, `e` exports.

Each change runs on a worker thread through the service and posts what came of it; the list,
the detail and (when shown) the bookmarks view follow the new snapshot.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual import on, work

from papertui.core.bookmark import Bookmark, BookmarkError, NothingToExport
from papertui.core.paper import Paper
from papertui.core.sorts import Sort
from papertui.core.text import plural
from papertui.core.views import Kind, View
from papertui.service import Service
from papertui.tui.screens.base import PlainScreen
from papertui.tui.screens.messages import MarksChanged, Say
from papertui.tui.widgets.paper_list import PaperList


class BookmarkActions(PlainScreen[None]):
    """A part of `MainScreen` (its base): what it needs of the screen is declared here."""

    service: Service
    view: View
    sort: Sort
    _papers: list[Paper]

    @property
    def list(self) -> PaperList:
        return self.query_one(PaperList)

    def _resort(self, keep: bool = True) -> None:
        raise NotImplementedError

    def _show_detail(self, paper: Paper | None) -> None:
        raise NotImplementedError

    # --- bookmarks: changed on a worker thread through the service ----------------------------

    def _marks_job(self, change: Callable[[], str | None], tell: bool = False) -> None:
        """Run a bookmarks operation (on a worker thread) and post what came of it."""
        try:
            said = change()
        except BookmarkError as exc:
            self.post_message(Say(str(exc), "error", "Bookmarks"))
        else:
            self.post_message(MarksChanged(self.service.marks, said, tell))

    @work(thread=True, group="marks", exit_on_error=False)
    def load_marks(self) -> None:
        def load() -> None:
            self.service.bookmarks()

        self._marks_job(load, tell=True)

    @on(MarksChanged)
    def _marks_changed(self, event: MarksChanged) -> None:
        """Stars in the list, tags and notes in the filter, and the bookmarks view if shown."""
        self.list.set_marks(event.marks)
        if event.tell:
            for message in event.marks.warnings:
                self.notify(message, title="Bookmarks", severity="warning", timeout=10)
        if self.view.kind is Kind.BOOKMARKS:
            self._papers = [b.to_paper() for b in event.marks.bookmarks]
            self._resort()
        self._show_detail(self.list.current)
        if event.said:
            self.notify(event.said)

    def action_toggle_bookmark(self) -> None:
        if self.list.current is not None:
            self.bookmark_paper(self.list.current)

    def bookmark_paper(self, paper: Paper) -> None:
        """Bookmark `paper` or remove its bookmark (asking first when a note or tags would go)."""
        mark = self.list.marks.get(paper.id)
        lost = _what_is_lost(mark) if mark is not None else ""
        if not lost:  # nothing of the user's own would go: toggle at once
            self._toggle_mark(paper)
            return
        from papertui.tui.screens.dialogs import ConfirmDialog

        def done(yes: bool | None) -> None:
            if yes:
                self._toggle_mark(paper)

        self.app.push_screen(ConfirmDialog(f"Remove the bookmark and {lost}?"), done)

    @work(thread=True, group="marks", exit_on_error=False)
    def _toggle_mark(self, paper: Paper) -> None:
        def toggle() -> str:
            if self.service.toggle_bookmark(paper):
                self.app.call_from_thread(self._keep_text, paper.id)
                said = f"★ Bookmarked: {paper.title}"
            else:
                said = f"Removed the bookmark: {paper.title}"
            # Ranking again under the cursor at each `b` would move the list: say how to.
            return said + (" (r ranks For you again)" if self.sort is Sort.FOR_YOU else "")

        self._marks_job(toggle)

    @work(group="keep-text", exit_on_error=False)
    async def _keep_text(self, pid: str) -> None:
        """A new bookmark's full text, fetched once in the background: it reads offline."""
        await self.service.keep_text(pid)

    def _bookmark_of_current(self) -> tuple[Paper, Bookmark] | None:
        paper = self.list.current
        mark = self.list.marks.get(paper.id) if paper is not None else None
        if paper is None or mark is None:
            self.notify("Bookmark the paper first (b).", severity="warning")
            return None
        return paper, mark

    def action_edit_note(self) -> None:
        from papertui.tui.screens.dialogs import NoteDialog

        found = self._bookmark_of_current()
        if found is not None:
            paper, mark = found

            def done(note: str | None) -> None:
                if note is not None:
                    self._update_mark(paper.id, note=note)

            self.app.push_screen(NoteDialog(paper.title, mark.note), done)

    def action_edit_tags(self) -> None:
        from papertui.tui.screens.dialogs import TagsDialog

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
        def update() -> str:
            self.service.edit_bookmark(pid, note=note, tags=tags)
            return "Note saved." if note is not None else "Tags saved."

        self._marks_job(update)

    @work(thread=True, group="export", exit_on_error=False)
    def action_export(self) -> None:
        try:
            done = self.service.export("markdown")
        except NothingToExport:  # nothing is written: an empty export would replace a real one
            self.post_message(Say("No bookmarks to export yet: b bookmarks a paper.", "warning"))
        except BookmarkError as exc:
            self.post_message(Say(f"Export failed: {exc}", "error", "Bookmarks"))
        else:
            self.post_message(Say(f"Exported {plural(done.written, 'bookmark')} to {done.path}"))


def _what_is_lost(mark: Bookmark) -> str:
    """'its note', 'its 2 tags', 'its note and 1 tag', or '' when the user wrote nothing."""
    parts = ["note"] if mark.note else []
    if mark.tags:
        parts.append(plural(len(mark.tags), "tag"))
    return "its " + " and ".join(parts) if parts else ""
