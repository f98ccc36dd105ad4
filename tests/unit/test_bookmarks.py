"""bookmarks.toml: round trips, merges, corruption, schema, and many writers at once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
import tomllib
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from papertui.core.bookmark import BookmarkError
from papertui.core.hf import parse_entries
from papertui.core.paper import Paper
from papertui.data.bookmark_file import BookmarkFile

NOW = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)


def papers(recorded: list[dict[str, Any]]) -> list[Paper]:
    return parse_entries(recorded).papers


def make(tmp_path: Path, index: bool = True) -> BookmarkFile:
    return BookmarkFile(
        tmp_path / "data" / "bookmarks.toml",
        tmp_path / "cache" / "index.json" if index else None,
        lambda: NOW,
    )


def test_add_list_and_the_file_itself(tmp_path: Path, recorded: list[dict[str, Any]]) -> None:
    file = make(tmp_path)
    first, second = papers(recorded)[:2]
    snap = file.add([first], tags=["To Read", "rag"], note="compare with BM25")
    file.add([second])
    assert snap.ids == {first.id}
    loaded = file.load()
    # Same clock for both: newest first, then by id (descending).
    assert [b.id for b in loaded.bookmarks] == [second.id, first.id]
    saved = loaded.get(first.id)
    assert (
        saved is not None and saved.tags == ("to-read", "rag") and saved.note == "compare with BM25"
    )
    assert (
        saved.upvotes == 86
        and len(saved.authors) == 19
        and saved.summary.startswith("Modern retrieval")
    )
    assert (
        saved.github_repo == "https://github.com/DCI-Agent/DCI-Agent-Lite"
        and saved.organization == "TIGER-Lab"
    )
    path = tmp_path / "data" / "bookmarks.toml"
    doc = tomllib.loads(path.read_text())
    assert doc["schema_version"] == 1 and set(doc["bookmarks"]) == {first.id, second.id}
    entry = doc["bookmarks"][first.id]
    assert entry["links"]["arxiv"] == "https://arxiv.org/abs/2605.05242" and entry["added"] == NOW
    assert str(entry["published"]) == "2026-05-03"
    assert path.stat().st_mode & 0o777 == 0o600


def test_toggle_remove_update(tmp_path: Path, recorded: list[dict[str, Any]]) -> None:
    file = make(tmp_path)
    paper = papers(recorded)[0]
    now_on, _ = file.toggle(paper)
    assert now_on and file.load().ids == {paper.id}
    file.update(paper.id, note="line one\n\nline two", tags=["a", "b", "a"])
    saved = file.load().get(paper.id)
    assert saved is not None and saved.tags == ("a", "b") and saved.note == "line one\n\nline two"
    now_on, snap = file.toggle(paper)
    assert not now_on and snap.ids == set()
    with pytest.raises(BookmarkError, match="not bookmarked"):
        file.update(paper.id, note="x")
    file.add([paper])
    assert file.remove([paper.id, "2605.99999"]).ids == set()


def test_unknown_keys_survive_and_hand_edits_merge(
    tmp_path: Path, recorded: list[dict[str, Any]]
) -> None:
    file = make(tmp_path)
    first, second = papers(recorded)[:2]
    file.add([first])
    path = tmp_path / "data" / "bookmarks.toml"
    text = path.read_text()
    text = 'my_setting = "keep me"\n' + text
    text = text.replace(f'[bookmarks."{first.id}"]\n', f'[bookmarks."{first.id}"]\nrating = 5\n')
    text += textwrap.dedent("""
        [bookmarks."2401.00001"]
        id = "2401.00001"
        title = "Added by hand"
        added = 2026-01-01T00:00:00Z
        """)
    path.write_text(text)
    file.add([second])  # another instance's change, applied to what is on disk now
    doc = tomllib.loads(path.read_text())
    assert doc["my_setting"] == "keep me" and doc["bookmarks"][first.id]["rating"] == 5
    assert set(doc["bookmarks"]) == {first.id, second.id, "2401.00001"}


def test_a_file_that_does_not_parse_is_never_moved_or_written(
    tmp_path: Path, recorded: list[dict[str, Any]]
) -> None:
    """A typo in a hand edit: the bookmarks last read stay in view (read-only), a change is
    refused naming the file and its line, the bytes stay as they are; once fixed, changes go
    through; only `repair` sets a broken file aside (its bytes kept) and starts a new one."""
    path = tmp_path / "data" / "bookmarks.toml"
    file = make(tmp_path)
    first, second = papers(recorded)[:2]
    file.add([first])
    good = path.read_text()
    broken = good + "\noops = = 1\n"
    path.write_text(broken)
    line = broken.count("\n")  # the typo's line
    snap = file.load()
    assert [b.id for b in snap.bookmarks] == [first.id] and snap.read_only
    assert snap.broken == f"{path} line {line}: invalid value"
    assert snap.warnings[0].startswith(snap.broken) and "shown as last read" in snap.warnings[0]
    with pytest.raises(BookmarkError, match=rf"line {line}: .*nothing was changed"):
        file.add([second])
    assert path.read_text() == broken and not list(path.parent.glob("*.corrupt-*"))
    # A new process (no copy in memory) shows the parsed copy the cache kept.
    assert [b.id for b in make(tmp_path).load().bookmarks] == [first.id]
    path.write_text(good)
    file.add([second])
    assert set(tomllib.loads(path.read_text())["bookmarks"]) == {first.id, second.id}
    assert file.repair() is None  # it parses: nothing to repair
    garbage = b"this is [not toml\x00\xff"
    path.write_bytes(garbage)
    aside = file.repair()
    assert aside is not None and aside.read_bytes() == garbage
    assert tomllib.loads(path.read_text())["bookmarks"] == {} and file.load().bookmarks == []


def test_newer_schema_is_read_only(tmp_path: Path, recorded: list[dict[str, Any]]) -> None:
    path = tmp_path / "data" / "bookmarks.toml"
    path.parent.mkdir(parents=True)
    body = (
        'schema_version = 2\n[bookmarks."2401.00001"]\nid = "2401.00001"\n'
        'title = "Future"\nadded = 2026-01-01\n'
    )
    path.write_text(body)
    file = make(tmp_path)
    snap = file.load()
    assert (
        snap.read_only
        and [b.title for b in snap.bookmarks] == ["Future"]
        and "newer" in snap.warnings[0]
    )
    with pytest.raises(BookmarkError, match="read-only"):
        file.add(papers(recorded)[:1])
    assert path.read_text() == body


def test_hostile_file_contents_are_cleaned(tmp_path: Path) -> None:
    path = tmp_path / "data" / "bookmarks.toml"
    path.parent.mkdir(parents=True)
    path.write_text(
        '[bookmarks."2401.00001"]\nid = "2401.00001"\ntitle = "\\u001b]52;c;eA==\\u0007[/]pwn"\n'
        'note = "\\u001b[2J"\ntags = ["\\u202eevil"]\n'
        '[bookmarks.bad]\nid = "../../etc"\ntitle = "x"\n'
    )
    snap = make(tmp_path).load()
    assert len(snap.bookmarks) == 1 and snap.skipped == 1
    b = snap.bookmarks[0]
    assert (
        "\x1b" not in b.title
        and "[/]pwn" in b.title
        and "\x1b" not in b.note
        and b.tags == ("evil",)
    )


def test_leftover_temp_files_are_cleaned(tmp_path: Path, recorded: list[dict[str, Any]]) -> None:
    file = make(tmp_path)
    file.add(papers(recorded)[:1])
    stray = tmp_path / "data" / ".bookmarks.toml.abc123.tmp"
    stray.write_text("half a write")
    file.add(papers(recorded)[1:2])
    assert not stray.exists()


def test_the_index_skips_tomllib_until_the_file_changes(
    tmp_path: Path, recorded: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    file = make(tmp_path)
    file.add(papers(recorded)[:3])

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("parsed the TOML although the index was fresh")

    monkeypatch.setattr(tomllib, "loads", refuse)
    assert len(make(tmp_path).load().bookmarks) == 3  # another process: from the index
    kept = file.load()
    assert file.load() is kept  # this one: unchanged since it wrote it, nothing read
    monkeypatch.undo()
    path = tmp_path / "data" / "bookmarks.toml"
    path.write_text(path.read_text().replace("title = ", "title = ", 1) + "\nextra = 1\n")
    assert len(file.load().bookmarks) == 3  # re-parsed: the hash changed


WRITER = """
import sys
from datetime import datetime, timezone
from pathlib import Path
from papertui.data.bookmark_file import BookmarkFile
from papertui.core.paper import Paper
path, start, count = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
file = BookmarkFile(path, None)
for i in range(start, start + count):
    pid = f"2401.{i:05d}"
    file.add([Paper(id=pid, title=f"Paper {i}")])
    print(pid, flush=True)
"""


def test_two_processes_adding_40_each_keep_all_80(tmp_path: Path) -> None:
    path = tmp_path / "bookmarks.toml"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), str(start), "40"], stdout=subprocess.PIPE
        )
        for start in (0, 1000)
    ]
    for proc in procs:
        assert proc.wait(timeout=120) == 0
    ids = set(tomllib.loads(path.read_text())["bookmarks"])
    assert len(ids) == 80


def test_sigkill_mid_write_never_loses_an_earlier_bookmark(tmp_path: Path) -> None:
    path = tmp_path / "bookmarks.toml"
    acknowledged: set[str] = set()
    start = 0
    for kill in range(20):
        proc = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), str(start), "1000"],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert proc.stdout is not None
        for _ in range(3 + kill % 4):  # let a few adds finish, then kill during the next ones
            acknowledged.add(proc.stdout.readline().strip())
        time.sleep(0.002 * (kill % 5))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        acknowledged.update(line.strip() for line in proc.stdout if line.strip())
        doc = tomllib.loads(path.read_text())  # always parses
        assert acknowledged <= set(doc["bookmarks"]), acknowledged - set(doc["bookmarks"])
        start += 1000
    assert len(acknowledged) >= 60


TAMPERS: dict[str, Any] = {
    "escape in a title": lambda c: c[1].__setitem__(0, "\x1b]52;c;eA==\x07evil"),
    "newline in a title": lambda c: c[1].__setitem__(0, "two\nlines"),
    "number for a title": lambda c: c[1].__setitem__(0, 12345),
    "empty title": lambda c: c[1].__setitem__(0, ""),
    "number among authors": lambda c: c[3].__setitem__(0, ["ok", 7]),
    "C1 control in an abstract": lambda c: c[14].__setitem__(0, "line\x9b31m"),
    "bidi override in a note": lambda c: c[16].__setitem__(0, "\u202eevil"),
    "date without a zone": lambda c: c[2].__setitem__(0, "2026-01-01T00:00:00"),
    "not a date": lambda c: c[4].__setitem__(0, "yesterday"),
    "bad id": lambda c: c[0].__setitem__(0, "../../etc"),
    "id with a newline": lambda c: c[0].__setitem__(0, "2605.05242\n2605.05243"),
    "negative upvotes": lambda c: c[7].__setitem__(0, -5),
    "boolean upvotes": lambda c: c[7].__setitem__(0, True),
    "javascript link": lambda c: c[10].__setitem__(0, "javascript:alert(1)"),
    "a short column": lambda c: c[5].pop(),
    "a missing column": lambda c: c.pop(),
}


@pytest.mark.parametrize("tamper", TAMPERS.values(), ids=TAMPERS.keys())
def test_a_tampered_index_is_not_trusted(
    tmp_path: Path, recorded: list[dict[str, Any]], tamper: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    file = make(tmp_path)
    file.add(papers(recorded)[:2])
    index = tmp_path / "cache" / "index.json"
    data = json.loads(index.read_text())
    tamper(data["columns"])
    index.write_text(json.dumps(data))
    parsed: list[str] = []
    loads = tomllib.loads
    monkeypatch.setattr(tomllib, "loads", lambda text: parsed.append(text) or loads(text))
    snap = make(tmp_path).load()  # another process, which reads the index
    assert parsed, "the tampered index was trusted"  # fell back to the TOML itself
    assert len(snap.bookmarks) == 2
    assert all("\x1b" not in b.title and "\x9b" not in b.summary for b in snap.bookmarks)


def test_an_untampered_index_gives_what_the_file_gives(
    tmp_path: Path, recorded: list[dict[str, Any]]
) -> None:
    file = make(tmp_path)
    file.add(papers(recorded)[:5], tags=["x"], note="a note\nover two lines")
    from_index = make(tmp_path).load()
    from_toml = make(tmp_path, index=False).load()
    assert from_index.bookmarks == from_toml.bookmarks


def test_a_symlinked_file_stays_a_symlink(tmp_path: Path, recorded: list[dict[str, Any]]) -> None:
    dotfiles = tmp_path / "dotfiles" / "bookmarks.toml"
    dotfiles.parent.mkdir()
    dotfiles.write_text("schema_version = 1\n")
    link = tmp_path / "data" / "bookmarks.toml"
    link.parent.mkdir()
    link.symlink_to(dotfiles)
    BookmarkFile(link, None).add(papers(recorded)[:1])
    assert link.is_symlink() and link.resolve() == dotfiles
    assert "2605.05242" in tomllib.loads(dotfiles.read_text())["bookmarks"]


HAND_WRITTEN = """\
# My reading list: kept in my dotfiles.
schema_version = 1

# The one I keep coming back to.
[bookmarks."2605.05242"]
id = "2605.05242"
title = "Beyond Semantic Similarity"   # shortened by hand
added = 2026-11-28T09:00:00Z
tags = ["to-read", "rag"]
note = "Compare with BM25."
mine = "a key papertui does not know"

[bookmarks."2605.05242".links]
hf = "https://huggingface.co/papers/2605.05242"
"""


def test_comments_blank_lines_and_order_survive_every_change(
    tmp_path: Path, recorded: list[dict[str, Any]]
) -> None:
    path = tmp_path / "bookmarks.toml"
    path.write_text(HAND_WRITTEN)
    file = BookmarkFile(path, tmp_path / "index.json")
    papers = parse_entries(recorded).papers
    file.add(papers[1:2], tags=["later"])
    file.update("2605.05242", note="Compare with BM25 and SPLADE.")
    file.toggle(papers[2])
    file.toggle(papers[2])
    file.remove([papers[1].id])
    text = path.read_text()
    for kept in (
        "# My reading list: kept in my dotfiles.",
        "# The one I keep coming back to.",
        '"Beyond Semantic Similarity"   # shortened by hand',
        'mine = "a key papertui does not know"',
    ):
        assert kept in text, kept
    assert text.index("# The one I keep") < text.index('[bookmarks."2605.05242"]')
    snapshot = file.load()
    assert [b.id for b in snapshot.bookmarks] == ["2605.05242"]
    assert snapshot.bookmarks[0].note == "Compare with BM25 and SPLADE."


def test_a_file_papertui_wrote_takes_the_fast_path(
    tmp_path: Path, recorded: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    from dataclasses import replace

    file = BookmarkFile(tmp_path / "bookmarks.toml", tmp_path / "index.json")
    papers = parse_entries(recorded).papers
    file.add([replace(papers[0], title="C# for ML")])  # a '#' papertui wrote, not a comment

    def slow(*args: Any) -> None:
        raise AssertionError("tomlkit for a file papertui wrote")

    monkeypatch.setattr(BookmarkFile, "_change_keeping_comments", slow)
    file.add(papers[1:2])
    assert len(file.load().bookmarks) == 2


def test_a_change_rereads_the_file_it_changes(
    tmp_path: Path, recorded: list[dict[str, Any]]
) -> None:
    """Deterministic: one instance reads, another writes, the first writes: nothing is lost
    (a writer that trusted what it read before would drop the other's bookmark)."""
    papers = parse_entries(recorded).papers
    one = BookmarkFile(tmp_path / "bookmarks.toml", tmp_path / "one.json")
    two = BookmarkFile(tmp_path / "bookmarks.toml", tmp_path / "two.json")
    assert one.load().bookmarks == []
    two.add(papers[:1], note="two's words")
    one.add(papers[1:2])
    two.update(papers[1].id, tags=["from-two"])
    one.remove([papers[0].id])
    final = {b.id: b for b in BookmarkFile(tmp_path / "bookmarks.toml").load().bookmarks}
    assert list(final) == [papers[1].id] and final[papers[1].id].tags == ("from-two",)
