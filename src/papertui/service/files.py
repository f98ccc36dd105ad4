"""Writing what the user asked for to a file they named: atomically, never over a file without
`force`, into a special file (a FIFO, /dev/stdout) as a stream. Shared by the export and the
digest; each says its failures with its own error type."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path


def check_target(target: Path, error: type[Exception]) -> None:
    """A path the user typed: like cp, no directory is made."""
    if target.is_dir():
        raise error(f"{target} is a directory; name the file to write")
    if not target.parent.is_dir():
        raise error(f"{target.parent} does not exist; create it first")


def write_out(target: Path, blocks: Iterable[bytes], force: bool, error: type[Exception]) -> None:
    from papertui.data.fileio import write_atomic

    target = target.expanduser()
    special = target.exists() and not target.is_file()  # /dev/null, a FIFO, /dev/stdout
    if target.exists() and not special and not force:
        raise error(f"{target} exists; pass --force to replace it")
    try:
        if special:  # written into, never replaced
            with target.open("wb") as stream:
                stream.writelines(blocks)
        else:
            write_atomic(target, blocks, mode=0o644)
    except OSError as exc:
        raise error(f"cannot write {target}: {exc.strerror or exc}") from None
