"""bookmarks.toml: the one thing papertui holds that cannot be fetched again.

The file is the user's: plain TOML they may keep in their dotfiles, edit by hand and sync. So:

- every write is atomic (`fileio.write_atomic`);
- every change takes an exclusive lock, re-reads the file and applies itself to what is there,
  so two running instances, or an instance and a hand edit, never lose each other's changes;
- keys papertui does not know survive a rewrite (`core.bookmark_toml` edits tables in place);
- a file that does not parse (a typo in a hand edit) is never moved or written: reading it
  gives the bookmarks last read, marked `broken` with the file and the line; a change is
  refused, saying so, until it parses again; only `repair` sets it aside (with a timestamp,
  its bytes kept) and starts a new one;
- a file from a newer schema opens read-only.

Reads of an unchanged file come from a parsed copy (`data.bookmark_index`).
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple

from papertui.core import bookmark_toml as toml_map
from papertui.core.bookmark import BookmarkError, Snapshot
from papertui.core.bookmark_toml import SCHEMA_VERSION, Change, Document
from papertui.core.paper import Paper
from papertui.core.text import clean_text, toml_error
from papertui.data import bookmark_index
from papertui.data.fileio import NotAFile, kind_of, locked, move_aside, read_file, write_atomic

LOCK_TIMEOUT = 10.0  # seconds to wait for another instance's write


class _Read(NamedTuple):
    doc: Document | None  # None: the file does not parse (`error` says where)
    warnings: list[str]
    read_only: bool
    data: bytes = b""  # what was parsed, for a change to reuse
    st: os.stat_result | None = None
    error: str = ""  # "PATH line 12: invalid value"


class BookmarkFile:
    def __init__(
        self,
        path: Path,
        index: Path | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.path = path
        self.index = index  # the parsed copy; None keeps none
        self._clock = clock
        self._lock_path = path.with_name(path.name + ".lock")
        self._last: tuple[str, Snapshot] | None = None  # the version read last, and its snapshot

    # reading

    def load(self) -> Snapshot:
        """The bookmarks now in the file; for a file that does not parse, those last read
        (here, or in the parsed copy), read-only and `broken`. Never writes the file."""
        try:
            st = self.path.stat()
        except FileNotFoundError:
            return Snapshot()
        except OSError:
            st = None
        if st is not None and not stat.S_ISREG(st.st_mode):  # a FIFO would block the read
            return Snapshot(warnings=[self._not_a_file(st)], read_only=True)
        mark = bookmark_index.fingerprint(st) if st is not None else None
        if mark is not None and self._last is not None and self._last[0] == mark:
            return self._last[1]  # unchanged since read here (a snapshot is never changed)
        if self.index is not None and mark is not None:
            fast = bookmark_index.read(self.index, mark)
            if fast is not None:
                self._last = mark, fast
                return fast
        doc, warnings, read_only, _, _, error = self._read()
        if doc is None:
            return self._last_good(error)
        snapshot = toml_map.snapshot_of(doc, warnings, read_only)
        self._keep_index(mark, snapshot)
        return snapshot

    def _last_good(self, error: str) -> Snapshot:
        """The bookmarks last read, while the file does not parse: nothing is lost from view,
        and nothing is written until it parses again."""
        good = self._last[1] if self._last is not None else None
        if good is None and self.index is not None:
            good = bookmark_index.read(self.index, None)
        said = (
            f"{error} — the file does not parse: the bookmarks are shown as last read, and "
            "nothing is written until it is fixed (papertui bookmarks repair sets it aside)"
        )
        kept = good.bookmarks if good is not None else []
        return Snapshot(kept, [said], True, good.skipped if good else 0, broken=error)

    def repair(self) -> Path | None:
        """Set a file that does not parse aside (renamed with a timestamp: its bytes kept) and
        start a new one; returns where it went, or None when the file parses (nothing done)."""
        with self._locked():
            if self._read().doc is not None:
                return None
            aside = move_aside(self.path)
            self._write({"schema_version": SCHEMA_VERSION, "bookmarks": {}})
            self._last = None
            return aside

    # changing

    def add(
        self, papers: Iterable[Paper], tags: Iterable[str] = (), note: str | None = None
    ) -> Snapshot:
        """Bookmark `papers`; already bookmarked ones keep their date and gain the tags/note."""
        return self.change(toml_map.adding(list(papers), tags, note, self._clock))

    def remove(self, ids: Iterable[str]) -> Snapshot:
        return self.change(toml_map.removing(ids))

    def toggle(self, paper: Paper) -> tuple[bool, Snapshot]:
        """Add `paper` if absent, remove it if present. Returns whether it is now bookmarked."""
        state: list[bool] = []
        snapshot = self.change(toml_map.toggling(paper, self._clock, state))
        return state[0], snapshot

    def update(
        self, pid: str, *, note: str | None = None, tags: Iterable[str] | None = None
    ) -> Snapshot:
        return self.change(toml_map.updating(pid, note, tags))

    def change(self, change: Change) -> Snapshot:
        """Apply `change` to the [bookmarks] table of the file as it is now, under the lock."""
        with self._locked():
            doc, warnings, read_only, data, st, error = self._read()
            if doc is None:
                raise BookmarkError(f"{error} — fix it and try again; nothing was changed")
            if read_only:  # the first warning says why, and what to do
                raise BookmarkError(warnings[0] if warnings else f"{self.path} is read-only")
            if doc and st is not None and self._may_hold_comments(data, st):
                return self._change_keeping_comments(data, change, warnings)
            doc = doc or {}
            doc["schema_version"] = SCHEMA_VERSION
            entries = doc.setdefault("bookmarks", {})
            if not isinstance(entries, dict):
                raise BookmarkError(f"{self.path}: 'bookmarks' is not a table; fix it by hand")
            change(entries)
            written = self._write(doc)
            return self._written(written, toml_map.snapshot_of(doc, warnings, False), ours=True)

    def _may_hold_comments(self, data: bytes, st: os.stat_result) -> bool:
        """Whether the file may hold what tomli-w would drop: comments, blank lines, an order
        of the user's. Not a file papertui wrote last (it writes none), and a `#` in it."""
        ours = self.index is not None and bookmark_index.is_ours(
            self.index, bookmark_index.fingerprint(st)
        )
        return not ours and b"#" in data

    def _change_keeping_comments(
        self, data: bytes, change: Change, warnings: list[str]
    ) -> Snapshot:
        """The edit path for a file a person wrote: tomlkit keeps every comment, blank line
        and key order, and edits the tables in place (slower: only for such files)."""
        import tomlkit
        from tomlkit.exceptions import TOMLKitError

        try:
            doc = tomlkit.parse(data.decode("utf-8"))
        except (UnicodeDecodeError, TOMLKitError, RecursionError) as exc:
            raise BookmarkError(f"cannot edit {self.path}: {clean_text(str(exc))[:120]}") from None
        doc["schema_version"] = SCHEMA_VERSION
        if "bookmarks" not in doc:
            doc["bookmarks"] = tomlkit.table(is_super_table=True)
        entries = doc["bookmarks"]
        if not isinstance(entries, dict):
            raise BookmarkError(f"{self.path}: 'bookmarks' is not a table; fix it by hand")
        change(entries)
        written = write_atomic(self.path, tomlkit.dumps(doc).encode("utf-8"))
        snapshot = toml_map.snapshot_of(doc.unwrap(), warnings, False)
        return self._written(written, snapshot, ours=False)  # the user's comments are in it

    def _written(self, st: os.stat_result, snapshot: Snapshot, ours: bool) -> Snapshot:
        """Keep the parsed copy of what was written; `ours`: nothing in it but what
        papertui wrote (no comments), so the next change may take the fast path."""
        mark = bookmark_index.fingerprint(st)
        self._keep_index(mark, snapshot)
        if self.index is not None:
            bookmark_index.mark_ours(self.index, mark if ours else "")
        return snapshot

    # internals

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        with contextlib.ExitStack() as stack:
            try:
                stack.enter_context(locked(self._lock_path, LOCK_TIMEOUT))
            except TimeoutError:
                raise BookmarkError(
                    f"{self.path} is locked by another papertui; try again"
                ) from None
            except OSError as exc:  # a directory where the lock goes, a read-only data dir
                reason = exc.strerror or type(exc).__name__
                raise BookmarkError(f"cannot lock {self._lock_path}: {reason}") from None
            self._clean_leftovers()
            yield

    def _clean_leftovers(self) -> None:
        # Under the lock no write is in flight: any temp file is a dead writer's.
        for leftover in self.path.parent.glob(f".{self.path.name}.*.tmp"):
            with contextlib.suppress(OSError):
                leftover.unlink()

    def _read(self) -> _Read:
        """The file parsed from its TOML; the document is None when it does not parse (the
        error says where). When it is read-only, the first warning says why. The bytes and
        the stat come along, for a change to reuse."""
        try:
            data, st = read_file(self.path)
        except FileNotFoundError:
            return _Read({}, [], False)
        except NotAFile as exc:
            return _Read({}, [self._not_a_file(exc.st)], True)
        except OSError as exc:
            said = f"cannot read {self.path} ({exc.strerror}); bookmarks are read-only"
            return _Read({}, [said], True)
        import tomllib  # the parsed copy spares most reads this import and its slow parse

        try:
            doc = tomllib.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError) as exc:
            return _Read(None, [], False, data, st, toml_error(self.path, exc))
        version = doc.get("schema_version", SCHEMA_VERSION)
        if isinstance(version, bool) or not isinstance(version, int):
            said = f"{self.path}: schema_version = {clean_text(repr(version))[:40]} is not a whole"
            said += " number; bookmarks are read-only until it is fixed by hand"
            return _Read(doc, [said], True, data, st)
        if version > SCHEMA_VERSION:
            said = (
                f"{self.path} is from a newer papertui (schema {version}); it is open "
                "read-only. Upgrade papertui to change bookmarks."
            )
            return _Read(doc, [said], True, data, st)
        return _Read(doc, [], False, data, st)

    def _not_a_file(self, st: os.stat_result) -> str:
        return (
            f"{self.path} is {kind_of(st)}, not a bookmarks file; bookmarks are off until it is "
            "a plain file again"
        )

    def _write(self, doc: Document) -> os.stat_result:
        import tomli_w  # only writers pay for it

        text = tomli_w.dumps(doc, multiline_strings=True)
        return write_atomic(self.path, text.encode("utf-8"))

    def _keep_index(self, mark: str | None, snapshot: Snapshot) -> None:
        if mark is not None:
            self._last = mark, snapshot
        if self.index is not None and mark is not None:
            bookmark_index.write(self.index, mark, snapshot)


def open_default() -> BookmarkFile:
    """The user's bookmarks file, with its parsed copy in the cache dir."""
    from papertui.data import paths

    return BookmarkFile(paths.bookmarks_file(), paths.bookmarks_index())
