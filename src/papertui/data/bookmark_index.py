"""A parsed copy of bookmarks.toml in the cache dir, so that reading bookmarks skips tomllib.

Parsing TOML is slow in pure Python (seconds for 10,000 bookmarks). The copy is keyed on the
file's identity (device, inode, size, modification time), which every write, ours or an
editor's, changes. It holds the bookmarks as columns of ASCII JSON, one per field of
`Bookmark` and derived from them: a new field of a known type needs no change here. The copy
is untrusted like any file: each column is type-checked as a whole and every string checked at
once for anything that could steer a terminal, in a few dozen C-speed passes; anything off and
the TOML is read instead.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable, Iterable
from dataclasses import fields
from datetime import date, datetime
from itertools import chain
from pathlib import Path
from typing import Any, NamedTuple

from papertui.core.bookmark import Bookmark, Snapshot
from papertui.core.columns import COUNT, OPTIONAL_STR, STR, STR_LIST, column_holds
from papertui.core.fields import count_or_none
from papertui.core.paper import all_valid_ids
from papertui.core.text import all_safe, clean_text
from papertui.data.fileio import read_file, write_atomic

FORMAT = 3  # 2 listed the columns by position; 3 names them, from Bookmark's fields


class _Codec(NamedTuple):
    kinds: frozenset[type]  # what the JSON column may hold
    encode: Callable[[Any], Any] | None  # field value -> JSON (None: as it is)
    decode: Callable[[Any], Any] | None  # JSON -> field value; raises ValueError if bad


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _stamp(value: str) -> datetime:
    stamp = datetime.fromisoformat(value)
    if stamp.tzinfo is None:
        raise ValueError("a time without a zone")
    return stamp


# By the field's annotation (a string: the dataclass module uses postponed annotations).
_CODECS = {
    "str": _Codec(STR, None, None),
    "str | None": _Codec(OPTIONAL_STR, None, None),
    "int | None": _Codec(COUNT, None, None),
    "tuple[str, ...]": _Codec(STR_LIST, list, tuple),
    "date | None": _Codec(OPTIONAL_STR, lambda d: d.isoformat() if d else None, _day),
    "datetime": _Codec(STR, datetime.isoformat, _stamp),
}
FIELDS = tuple(f.name for f in fields(Bookmark))
_COLUMN_CODECS = tuple(_CODECS[str(f.type)] for f in fields(Bookmark))  # a new type: add it
_MULTILINE = {f.name for f in fields(Bookmark) if f.metadata.get("multiline")}
_URLS = {f.name for f in fields(Bookmark) if f.metadata.get("url")}


def fingerprint(st: os.stat_result) -> str:
    """Which version of the file this is: a rename keeps these, any rewrite changes them."""
    return f"{st.st_dev}:{st.st_ino}:{st.st_size}:{st.st_mtime_ns}"


def read(path: Path, mark: str | None) -> Snapshot | None:
    """The snapshot kept for the file version `mark` (None: whatever version it was made
    of, the last good one when the file no longer parses), or None (then the TOML is read)."""
    try:
        cached = json.loads(read_file(path)[0])
    except (OSError, ValueError, RecursionError):
        return None
    if not isinstance(cached, dict) or (mark is not None and cached.get("file") != mark):
        return None
    if cached.get("format") != FORMAT or cached.get("fields") != list(FIELDS):
        return None
    bookmarks = _from_columns(cached.get("columns"))
    warnings = cached.get("warnings")
    if bookmarks is None or not isinstance(warnings, list):
        return None
    told = [clean_text(w) for w in warnings if isinstance(w, str)]
    skipped = count_or_none(cached.get("skipped")) or 0
    return Snapshot(bookmarks, told, cached.get("read_only") is True, skipped)


def write(path: Path, mark: str, snapshot: Snapshot) -> None:
    """Keep `snapshot` as the parsed copy of file version `mark` (failing costs only speed)."""
    payload = {
        "format": FORMAT,
        "file": mark,
        "fields": list(FIELDS),
        "columns": _columns(snapshot.bookmarks),
        "warnings": snapshot.warnings,
        "read_only": snapshot.read_only,
        "skipped": snapshot.skipped,
    }
    # ASCII (non-ASCII as \u escapes): it decodes in half the time of UTF-8.
    with contextlib.suppress(OSError):
        write_atomic(path, json.dumps(payload).encode("ascii"))


def _columns(bookmarks: list[Bookmark]) -> list[list[Any]]:
    columns = []
    for name, codec in zip(FIELDS, _COLUMN_CODECS, strict=True):
        values = [getattr(b, name) for b in bookmarks]
        columns.append(values if codec.encode is None else list(map(codec.encode, values)))
    return columns


def _from_columns(columns: Any) -> list[Bookmark] | None:
    """Bookmarks from the index's columns, or None if anything is off."""
    if not _well_formed(columns):
        return None
    by_name = dict(zip(FIELDS, columns, strict=True))
    if not _safe(by_name):
        return None
    try:
        values = [
            column if codec.decode is None else list(map(codec.decode, column))
            for column, codec in zip(columns, _COLUMN_CODECS, strict=True)
        ]
    except (ValueError, TypeError):
        return None
    return list(map(Bookmark, *values))


def _well_formed(columns: Any) -> bool:
    """Whether `columns` are one list per field, of one length, each holding only what its
    field may."""
    if not isinstance(columns, list) or len(columns) != len(FIELDS):
        return False
    if not all(type(c) is list and len(c) == len(columns[0]) for c in columns):
        return False
    return all(
        column_holds(c, codec.kinds) for c, codec in zip(columns, _COLUMN_CODECS, strict=True)
    )


def _safe(by_name: dict[str, list[Any]]) -> bool:
    """Valid ids, titles present, http(s) URLs only, and no string that could steer a terminal."""
    singles: list[Iterable[Any]] = []
    multis: list[Iterable[Any]] = []
    for name, column in by_name.items():
        codec = _CODECS_BY_NAME[name]
        if codec.kinds is STR_LIST:
            singles.append(chain.from_iterable(column))
        elif codec.encode is None and codec.kinds is not COUNT:  # text, not a date or a count
            (multis if name in _MULTILINE else singles).append(filter(None, column))
    urls = chain.from_iterable(filter(None, by_name[name]) for name in _URLS)
    return (
        all_safe(chain.from_iterable(singles))
        and all_safe(chain.from_iterable(multis), multiline=True)
        and all_valid_ids(by_name["id"])
        and all(by_name["title"])
        and all(u.startswith(("https://", "http://")) for u in urls)
    )


_CODECS_BY_NAME = dict(zip(FIELDS, _COLUMN_CODECS, strict=True))


def _ours_path(index: Path) -> Path:
    return index.with_name(index.name + ".ours")


def mark_ours(index: Path, mark: str) -> None:
    """Remember that papertui itself wrote file version `mark` (so it holds no comments)."""
    with contextlib.suppress(OSError):
        write_atomic(_ours_path(index), mark.encode("ascii"))


def is_ours(index: Path, mark: str) -> bool:
    """Whether file version `mark` is the one papertui wrote last."""
    try:
        return read_file(_ours_path(index))[0].decode("ascii", "replace") == mark
    except OSError:
        return False
