from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from papertui.data.fileio import move_aside, write_atomic


def test_atomic_write_replaces_whole_and_private(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "file.txt"
    write_atomic(path, b"one")
    write_atomic(path, b"two")
    assert path.read_bytes() == b"two" and path.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in path.parent.iterdir()] == ["file.txt"]  # no temp file left


def test_refuses_to_replace_what_is_not_a_regular_file(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(OSError, match="not a regular file"):
        write_atomic(fifo, b"x")
    assert fifo.is_fifo()


def test_move_aside_never_overwrites(tmp_path: Path) -> None:
    path = tmp_path / "f"
    path.write_text("a")
    first = move_aside(path)
    path.write_text("b")
    second = move_aside(path)
    assert first != second and first.read_text() == "a" and second.read_text() == "b"


def test_blocks_are_written_whole_or_not_at_all(tmp_path: Path) -> None:
    path = tmp_path / "export.md"
    write_atomic(path, b"old")
    write_atomic(path, (f"{i}\n".encode() for i in range(3)), mode=0o644)
    assert path.read_bytes() == b"0\n1\n2\n" and path.stat().st_mode & 0o777 == 0o644

    def failing() -> Iterator[bytes]:
        yield b"half of "
        raise ValueError("the renderer broke")

    with pytest.raises(ValueError):
        write_atomic(path, failing())
    assert path.read_bytes() == b"0\n1\n2\n"  # the old file, untouched
    assert [p.name for p in tmp_path.iterdir()] == ["export.md"]  # no temp file left
