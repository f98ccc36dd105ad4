"""The service's bookmark operations: the file read and written under its lock, so every call
here blocks (the reader runs them on a worker thread). A part of `Service` (its base)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, TypeVar

from papertui.core.bookmark import BookmarkError, NothingToExport, Snapshot
from papertui.core.paper import Paper
from papertui.core.settings import Config
from papertui.service.files import check_target, write_out
from papertui.service.results import Exported

if TYPE_CHECKING:
    from papertui.data.bookmark_file import BookmarkFile
    from papertui.data.http import FetchError
    from papertui.data.store import Store

T = TypeVar("T")


class BookmarkOps:
    """What it needs of the service is declared here."""

    config: Config
    marks: Snapshot
    shows_broken_bookmarks = False  # see `bookmarks`; the reader's service sets it
    _bookmarks: BookmarkFile | None
    _open_bookmarks: Callable[[], BookmarkFile] | None

    @property
    def store(self) -> Store:
        raise NotImplementedError

    async def find_papers(self, ids: list[str]) -> tuple[list[Paper], list[tuple[str, FetchError]]]:
        raise NotImplementedError

    if TYPE_CHECKING:  # given by PaperOps, another part of the service

        def whole_paper(self, paper: Paper) -> Paper: ...

    def bookmarks(self, tag: str | None = None) -> Snapshot:
        """The bookmarks in the file now, newest first (only those tagged `tag`). A file that
        does not parse raises BookmarkError, saying where, unless `shows_broken_bookmarks`
        (the reader: it shows the bookmarks last read, read-only, and says why)."""
        snapshot = self._marks_do(lambda file: file.load())
        if snapshot.broken and not self.shows_broken_bookmarks:
            raise BookmarkError(
                f"{snapshot.broken} — the bookmarks file does not parse; fix it, or "
                "papertui bookmarks repair sets it aside and starts a new one"
            )
        self.marks = snapshot
        return self.marks.tagged(tag)

    def repair_bookmarks(self) -> Path | None:
        """Set a bookmarks file that does not parse aside and start a new one; where it went,
        or None when it parses. The only call that moves the user's file."""
        return self._marks_do(lambda file: file.repair())

    def toggle_bookmark(self, paper: Paper) -> bool:
        """Bookmark `paper`, or remove its bookmark. Returns whether it is bookmarked now.

        The reader's first frame holds light rows (no abstract, authors or links): the full
        record comes from the store, so a bookmark is always saved whole."""
        paper = self.whole_paper(paper)
        now_on, self.marks = self._marks_do(lambda file: file.toggle(paper))
        return now_on

    def edit_bookmark(
        self, pid: str, *, note: str | None = None, tags: Iterable[str] | None = None
    ) -> Snapshot:
        self.marks = self._marks_do(lambda file: file.update(pid, note=note, tags=tags))
        return self.marks

    async def add_bookmarks(
        self, ids: list[str], tags: Iterable[str] = (), note: str | None = None
    ) -> tuple[list[Paper], list[tuple[str, FetchError]]]:
        """Bookmark the papers `ids` (from the store, else the API). Returns (added, errors).
        A file that cannot take them (one that does not parse) is said before any fetch."""
        if self.bookmarks().read_only:
            raise BookmarkError(self.marks.warnings[0] if self.marks.warnings else "read-only")
        papers, errors = await self.find_papers(list(dict.fromkeys(ids)))
        if papers:
            self.marks = self._marks_do(lambda file: file.add(papers, tags=tags, note=note))
        return papers, errors

    def remove_bookmarks(self, ids: Iterable[str]) -> tuple[list[str], list[str]]:
        """Remove the bookmarks of `ids`. Returns (removed, those that were not bookmarked)."""
        ids = list(ids)
        before = self.bookmarks().ids
        self.marks = self._marks_do(lambda file: file.remove(ids))
        return [i for i in ids if i in before], [i for i in ids if i not in before]

    def export(
        self,
        fmt: str,
        target: Path | BinaryIO | None = None,
        *,
        tag: str | None = None,
        force: bool = True,
        today: date | None = None,
    ) -> Exported:
        """Write the bookmarks (tagged `tag`) in `fmt` to `target`: a stream, a path, or the
        config's export path. An existing file is replaced only with `force`; nothing at all is
        written when there is nothing to export (raises `NothingToExport`)."""
        from papertui.core import export

        snapshot = self.bookmarks(tag)
        if not snapshot.bookmarks:
            raise NothingToExport(tag, snapshot.warnings)
        blocks = export.encoded(export.parts(fmt, snapshot.bookmarks, today or date.today()))
        if target is None or isinstance(target, Path):
            path = target or self.export_target()
            if target is not None:  # a path the user typed
                check_target(path.expanduser(), BookmarkError)
            write_out(path, blocks, force, BookmarkError)
            return Exported(len(snapshot.bookmarks), path, snapshot.warnings)
        target.writelines(blocks)
        return Exported(len(snapshot.bookmarks), None, snapshot.warnings)

    def export_target(self) -> Path:
        """Where the reader's `e` writes: the config's export_path, else the documents dir."""
        from papertui.data import paths

        return Path(self.config.export_path) if self.config.export_path else paths.default_export()

    def _marks_do(self, operation: Callable[[BookmarkFile], T]) -> T:
        """Run `operation` on the bookmarks file; every failure is one `BookmarkError`."""
        try:
            if self._bookmarks is None:
                if self._open_bookmarks is None:
                    raise BookmarkError("bookmarks are not available here")
                self._bookmarks = self._open_bookmarks()
            return operation(self._bookmarks)
        except OSError as exc:  # a full disk, a read-only directory: the file is as it was
            where = f" ({exc.filename})" if exc.filename else ""
            raise BookmarkError(f"bookmarks not saved: {exc.strerror or exc}{where}") from None
