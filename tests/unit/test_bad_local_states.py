"""The user's machine as it may be: files of another schema, nested too deep, not files at all.
Each ends in a warning or one error sentence, never a traceback or a hang."""

from __future__ import annotations

import math
import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from papertui.core.bookmark import BookmarkError
from papertui.core.hf import parse_entries
from papertui.core.settings import Network, validate
from papertui.data import config
from papertui.data.bookmark_file import BookmarkFile
from papertui.data.readstate import ReadState
from papertui.data.store import Store

NESTED = "a = " + "[" * 5000 + "]" * 5000 + "\n"


@pytest.mark.parametrize("value", [math.nan, math.inf, 1e9, -1, 0])
def test_network_numbers_must_be_finite_and_sane(value: float) -> None:
    warnings: list[str] = []
    settings = validate({"network": {"timeout": value, "budget": value}}, warnings.append)
    assert settings.network == Network()
    assert len(warnings) == 2 and all("at most" in w for w in warnings)


def test_a_config_nested_thousands_deep_is_the_defaults_and_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(NESTED)
    loaded = config.load(path)
    assert loaded.config == validate({}, lambda _: None)
    assert loaded.warnings == [
        f"{path}: nested too deeply — the config does not parse; the defaults are used, the "
        "file left as it is"
    ]


def test_bookmarks_nested_thousands_deep_do_not_parse_and_stay_where_they_are(
    tmp_path: Path,
) -> None:
    path = tmp_path / "bookmarks.toml"
    path.write_text(NESTED)
    snapshot = BookmarkFile(path).load()
    assert snapshot.bookmarks == [] and snapshot.broken == f"{path}: nested too deeply"
    assert path.read_text() == NESTED and not list(tmp_path.glob("bookmarks.toml.corrupt-*"))


def _socket(path: Path) -> Path:
    import socket

    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(path))  # the file stays after the socket is closed
    sock.close()
    return path


def fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


@pytest.mark.parametrize(
    ("make", "kind"),
    [
        (fifo, "a named pipe"),
        (lambda p: p.mkdir() or p, "a directory"),
        (lambda p: p.symlink_to("/dev/null") or p, "a device"),
        (lambda p: _socket(p), "not a regular file"),
    ],
)
def test_bookmarks_that_are_not_a_file_are_never_read(
    tmp_path: Path, recorded: list[dict[str, object]], make: object, kind: str
) -> None:
    path = tmp_path / "bookmarks.toml"
    make(path)  # type: ignore[operator]
    file = BookmarkFile(path)
    snapshot = file.load()  # a FIFO would block here forever
    assert snapshot.read_only and f"is {kind}, not a bookmarks file" in snapshot.warnings[0]
    paper = parse_entries(recorded).papers[0]
    with pytest.raises(BookmarkError, match=f"is {kind}"):
        file.add([paper])


@pytest.mark.parametrize(
    ("make", "kind"),
    [(fifo, "a named pipe"), (lambda p: p.symlink_to("/dev/zero") or p, "a device")],
)
def test_a_config_or_a_parsed_copy_that_is_not_a_file_is_never_read(
    tmp_path: Path, recorded: list[dict[str, object]], make: object, kind: str
) -> None:
    config_path = make(tmp_path / "config.toml")  # type: ignore[operator]
    loaded = config.load(config_path)  # a FIFO would block here, /dev/zero never end
    assert loaded.warnings == [
        f"{config_path}: cannot read the config (it is {kind}, not a file); using defaults"
    ]
    # The bookmarks' parsed copy (and its "ours" mark): the TOML is read instead.
    marks = BookmarkFile(tmp_path / "bookmarks.toml", tmp_path / "index.json")
    marks.add(parse_entries(recorded).papers[:2])
    for name in ("index.json", "index.json.ours"):
        (tmp_path / name).unlink()
        make(tmp_path / name)  # type: ignore[operator]
    fresh = BookmarkFile(tmp_path / "bookmarks.toml", tmp_path / "index.json")
    assert len(fresh.load().bookmarks) == 2
    assert len(fresh.add(parse_entries(recorded).papers[2:3]).bookmarks) == 3


def test_a_lock_path_that_is_a_directory_is_one_sentence(
    tmp_path: Path, recorded: list[dict[str, object]]
) -> None:
    (tmp_path / "bookmarks.toml.lock").mkdir()
    with pytest.raises(BookmarkError, match=r"cannot lock .*bookmarks.toml.lock: Is a directory"):
        BookmarkFile(tmp_path / "bookmarks.toml").add(parse_entries(recorded).papers[:1])


def test_a_schema_version_that_is_not_a_number_says_so(
    tmp_path: Path, recorded: list[dict[str, object]]
) -> None:
    path = tmp_path / "bookmarks.toml"
    path.write_text('schema_version = "1"\n')
    file = BookmarkFile(path)
    assert "schema_version = '1' is not a whole number" in file.load().warnings[0]
    with pytest.raises(BookmarkError, match="is not a whole number") as caught:
        file.add(parse_entries(recorded).papers[:1])
    assert "newer" not in str(caught.value)


def other_schema(path: Path, sql: str) -> Path:
    conn = sqlite3.connect(path)
    conn.executescript(sql)
    conn.close()
    return path


@pytest.mark.parametrize(
    "sql",
    [
        "CREATE TABLE papers (x TEXT); CREATE TABLE views (y TEXT);",
        "CREATE TABLE stuff (a); CREATE VIEW papers AS SELECT a AS id FROM stuff;",
        "CREATE TABLE feeds (key TEXT PRIMARY KEY, kind TEXT);",
    ],
)
def test_a_cache_of_another_schema_is_moved_aside(
    tmp_path: Path, sql: str, recorded: list[dict[str, object]]
) -> None:
    path = other_schema(tmp_path / "cache.sqlite3", sql)
    store = Store(path)
    assert "moved it to" in store.warnings[0] and list(tmp_path.glob("cache.sqlite3.corrupt-*"))
    papers = parse_entries(recorded).papers
    store.save_view("day:2026-05-08", "day", papers)
    assert len(store.load_view("day:2026-05-08").papers) == 37  # type: ignore[union-attr]


def test_a_state_database_of_another_schema_is_kept_aside(tmp_path: Path) -> None:
    path = other_schema(tmp_path / "state.sqlite3", "CREATE TABLE read (paper TEXT, at TEXT);")
    state = ReadState(path)
    assert state.warnings and list(tmp_path.glob("state.sqlite3.corrupt-*"))
    state.set_read("2605.05242")
    assert state.read_ids() == {"2605.05242"}


def test_a_row_with_a_fetch_time_that_is_not_a_number_is_not_a_view(
    tmp_path: Path, recorded: list[dict[str, object]]
) -> None:
    store = Store(tmp_path / "cache.sqlite3")
    store.save_view("day:2026-05-08", "day", parse_entries(recorded).papers)
    store._conn.execute("UPDATE feeds SET fetched_at='yesterday'")
    assert store.load_view("day:2026-05-08") is None
    assert store.load_rows("day:2026-05-08") is None


def test_an_indented_note_makes_no_code_block(tmp_path: Path) -> None:
    from papertui.core.export import to_markdown

    path = tmp_path / "bookmarks.toml"
    path.write_text(
        '[bookmarks."2605.05242"]\nid = "2605.05242"\ntitle = "T"\n'
        'note = """first\n        indented four and more\n\tand a tab"""\n'
    )
    note = BookmarkFile(path).load().bookmarks[0].note
    assert note == "first\nindented four and more\nand a tab"
    markdown = to_markdown(BookmarkFile(path).load().bookmarks, datetime.now(UTC).date())
    assert not [line for line in markdown.splitlines() if line.startswith(("    ", "\t"))]
    assert "\nindented four and more\n" in markdown and "1 paper." in markdown


def test_a_full_disk_keeps_the_file_and_says_so(
    tmp_path: Path, recorded: list[dict[str, object]], monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from papertui.core.settings import Config
    from papertui.service import Service

    path = tmp_path / "bookmarks.toml"
    service = Service(
        Config(), Store(tmp_path / "cache.sqlite3"), bookmarks=lambda: BookmarkFile(path)
    )
    papers = parse_entries(recorded).papers
    assert service.toggle_bookmark(papers[0])
    before = path.read_bytes()

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(BookmarkError, match="bookmarks not saved: No space left on device"):
        service.toggle_bookmark(papers[1])
    assert path.read_bytes() == before and not list(tmp_path.glob(".bookmarks.toml.*.tmp"))


def test_a_data_directory_that_cannot_be_written_is_one_sentence(
    tmp_path: Path, recorded: list[dict[str, object]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """As a user without write access (the suite runs as root here, so the refusal is the
    kernel's answer, simulated)."""
    import errno

    real_open = os.open

    def refused(path: object, *args: object, **kwargs: object) -> int:
        if str(path).endswith(".lock"):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", refused)
    with pytest.raises(BookmarkError, match=r"cannot lock .*\.lock: Permission denied"):
        BookmarkFile(tmp_path / "bookmarks.toml").add(parse_entries(recorded).papers[:1])
