"""Files that are never half-written nor lost to a concurrent writer: atomic replacement
(temp file in the same directory, fsync, `os.replace`), an exclusive lock, and moving a bad file
aside instead of overwriting it; and reading a file that never blocks on what is not one."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import time
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path


class NotAFile(OSError):
    """The path is there but is not a regular file: a named pipe, a directory, a device."""

    def __init__(self, path: Path, st: os.stat_result) -> None:
        super().__init__(errno.EINVAL, f"it is {kind_of(st)}, not a file", str(path))
        self.st = st


def kind_of(st: os.stat_result) -> str:
    if stat.S_ISDIR(st.st_mode):
        return "a directory"
    if stat.S_ISFIFO(st.st_mode):
        return "a named pipe"
    if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode):
        return "a device"
    return "not a regular file"


def read_file(path: Path) -> tuple[bytes, os.stat_result]:
    """The bytes of the regular file at `path`, and its stat. Raises NotAFile for anything
    else, without waiting: opening a named pipe would wait for a writer, and reading a device
    may never end."""
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise
    except OSError:  # a socket cannot be opened at all: say what it is
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):
            raise NotAFile(path, st) from None
        raise
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise NotAFile(path, st)
        handle = os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
    with handle:
        return handle.read(), st


def write_atomic(path: Path, data: bytes | Iterable[bytes], mode: int = 0o600) -> os.stat_result:
    """Replace `path` with `data` so that a crash leaves either the old file or the new one.

    `data` may come in blocks (a large export, written as it is made); an exception while they
    are made leaves the old file as it was.

    Returns the new file's stat, taken before the rename (which keeps inode, size and mtime).
    A symlink is written through (a bookmarks file linked from a dotfiles repo stays linked);
    anything that is not a regular file (a device, a FIFO) is refused, never replaced.
    """
    import tempfile  # writers only: the reader's start does without it

    path = Path(os.path.realpath(path))
    if path.exists() and not path.is_file():
        raise OSError(errno.EINVAL, "not a regular file; refusing to replace it", str(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), mode)
            if isinstance(data, bytes):
                handle.write(data)
            else:
                handle.writelines(data)
            handle.flush()
            os.fsync(handle.fileno())
            written = os.fstat(handle.fileno())
        Path(tmp).replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(tmp).unlink()
        raise
    _fsync_dir(path.parent)
    return written


def _fsync_dir(directory: Path) -> None:
    # The rename itself is only durable once the directory entry is on disk.
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def move_aside(path: Path, now: datetime | None = None) -> Path:
    """Rename a bad file to `<name>.corrupt-<timestamp>` and return where it went."""
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while target.exists():
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
        n += 1
    path.replace(target)
    return target


@contextlib.contextmanager
def locked(lock_path: Path, timeout: float) -> Iterator[None]:
    """Hold an exclusive advisory lock on `lock_path` (created 0600) for the block.

    Raises `TimeoutError` when another process holds it for longer than `timeout` seconds.
    """
    import fcntl  # POSIX advisory locks; imported here, as only writers need them

    lock_path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise TimeoutError(f"{lock_path} is held by another process") from None
                time.sleep(0.01)
        yield
    finally:
        os.close(fd)  # closing releases the lock
