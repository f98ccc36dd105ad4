"""`papertui bookmarks ...` and `papertui export` as a user runs them."""

from __future__ import annotations

import json
import os
import tomllib
from pathlib import Path

import bibtexparser

from loopback import LoopbackServer

from .test_list import api, run


def test_add_list_remove(server: LoopbackServer, isolated_home: Path) -> None:
    # One paper is in the cache after a list; the other is fetched by id.
    run("list", "--date", "2026-05-08", env=api(server))
    server.requests.clear()
    added = run(
        "bookmarks",
        "add",
        "2605.05242",
        "2605.06548",
        "--tag",
        "rag",
        "--note",
        "read me",
        env=api(server),
    )
    assert added.returncode == 0, added.stderr
    assert server.requests == []  # both came from the store
    listed = run("bookmarks", "list", "--json")
    assert listed.returncode == 0
    records = json.loads(listed.stdout)
    assert {r["id"] for r in records} == {"2605.05242", "2605.06548"}
    assert all(r["tags"] == ["rag"] and r["note"] == "read me" for r in records)
    path = isolated_home / "xdg_data_home" / "papertui" / "bookmarks.toml"
    assert tomllib.loads(path.read_text())["schema_version"] == 1
    assert path.stat().st_mode & 0o777 == 0o600
    piped = run("bookmarks", "list", "--tag", "rag")  # for programs: a line a bookmark
    lines = sorted(line.split("\t") for line in piped.stdout.splitlines())
    assert piped.returncode == 0 and [(r[0], r[2]) for r in lines] == [
        ("2605.05242", "rag"),
        ("2605.06548", "rag"),
    ]
    assert lines[0][1].startswith("Beyond Semantic Similarity") and len(lines[0]) == 4
    none = run("bookmarks", "list", "--tag", "nothing")
    assert none.returncode == 1 and "no bookmarks tagged" in none.stderr
    removed = run("bookmarks", "remove", "2605.05242")
    assert removed.returncode == 0
    left = json.loads(run("bookmarks", "list", "--json").stdout)
    assert [r["id"] for r in left] == ["2605.06548"]


def test_add_fetches_unknown_to_the_store_and_rejects_unknown_ids(server: LoopbackServer) -> None:
    ok = run("bookmarks", "add", "2605.06130", env=api(server))
    assert ok.returncode == 0 and server.requests[0][0] == "/api/papers/2605.06130"
    missing = run("bookmarks", "add", "2605.99999", env=api(server))
    assert missing.returncode == 1
    assert "cannot bookmark 2605.99999" in missing.stderr and "No such paper" in missing.stderr
    bad = run("bookmarks", "add", "not-an-id")
    assert bad.returncode == 2 and "not an arXiv id" in bad.stderr


def test_export_formats_and_no_clobber(server: LoopbackServer, tmp_path: Path) -> None:
    run("list", "--date", "2026-05-08", env=api(server))
    run("bookmarks", "add", "2605.05242", "2605.06548", env=api(server))
    markdown = run("export")
    assert markdown.returncode == 0 and markdown.stdout.startswith("# papertui bookmarks, exported")
    bib = run("export", "--format", "bibtex")
    assert len(bibtexparser.parse_string(bib.stdout).entries) == 2
    as_json = run("export", "--format", "json", "-o", "-")
    assert len(json.loads(as_json.stdout)) == 2
    target = tmp_path / "notes.md"
    target.write_text("precious")
    refused = run("export", "-o", str(target))
    assert refused.returncode == 1 and "--force" in refused.stderr
    assert target.read_text() == "precious"
    forced = run("export", "-o", str(target), "--force")
    assert forced.returncode == 0 and "wrote 2 bookmarks" in forced.stderr
    assert target.read_text().startswith("# papertui bookmarks")
    assert not [p for p in os.listdir(tmp_path) if p.endswith(".tmp")]
    nothing = run("export", "--tag", "unused", "-o", str(target), "--force")
    assert nothing.returncode == 1 and "no bookmarks tagged 'unused'" in nothing.stderr
    assert target.read_text().startswith("# papertui bookmarks")  # not replaced by an empty one


def test_a_file_that_does_not_parse_is_said_and_only_repair_moves_it(
    isolated_home: Path,
) -> None:
    path = isolated_home / "xdg_data_home" / "papertui" / "bookmarks.toml"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"[bookmarks]\n\ngarbage = = [")
    said = f"{path} line 3: invalid value — the bookmarks file does not parse; fix it"
    for args in (
        ("bookmarks", "list", "--json"),
        ("export",),
        ("bookmarks", "add", "2605.05242"),
        ("list", "--date", "2026-05-08", "--offline", "--filter", "is:bookmarked"),
    ):
        done = run(*args)
        assert done.returncode == 1 and done.stdout == "", args
        assert f"papertui: error: {path} line 3: " in done.stderr, done.stderr
        assert "Traceback" not in done.stderr
    assert said in run("bookmarks", "list").stderr
    assert path.read_bytes() == b"[bookmarks]\n\ngarbage = = ["
    assert not list(path.parent.glob("bookmarks.toml.corrupt-*"))
    repaired = run("bookmarks", "repair")
    aside = list(path.parent.glob("bookmarks.toml.corrupt-*"))
    assert repaired.returncode == 0 and len(aside) == 1 and str(aside[0]) in repaired.stderr
    assert aside[0].read_bytes() == b"[bookmarks]\n\ngarbage = = ["
    assert run("bookmarks", "list").returncode == 1  # a new, empty file: "no bookmarks"
    again = run("bookmarks", "repair")
    assert again.returncode == 1 and "nothing to repair" in again.stderr


def test_export_into_a_fifo_writes_through_it(server: LoopbackServer, tmp_path: Path) -> None:
    import threading

    run("list", "--date", "2026-05-08", env=api(server))
    run("bookmarks", "add", "2605.05242", env=api(server))
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[str] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text()))
    reader.start()
    proc = run("export", "--format", "json", "-o", str(fifo))
    reader.join(timeout=30)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(received[0])[0]["id"] == "2605.05242"
    assert fifo.is_fifo()  # written into, not replaced by a regular file
