"""The command line: the reader and the scriptable subcommands (`papertui = papertui.cli:main`).

This module is on the way to the reader's first paint: it imports nothing but `sys` until it
knows what to run, and reads the reader's own options without argparse.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Sequence
from typing import Any

from papertui.cli.common import Failed  # light: sys only

_READER_FLAGS = ("--trending", "--bookmarks", "--archive", "--for-you", "--local")
_READER_VALUES = ("--date", "--week", "--month", "--search")


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if sys.stdout is None or sys.stderr is None:  # started with `>&-` or `2>&-`
        return _closed_stream()
    for stream in (sys.stdout, sys.stderr):  # an ASCII or Latin-1 terminal gets "?", not a crash
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    parser = None
    args = reader_args(argv)
    if args is None:
        from papertui.cli.parser import build_parser

        parser = build_parser()
        args = parser.parse_args(argv)
        if getattr(args, "verbose", False):
            import os

            os.environ["PAPERTUI_DEBUG"] = "1"  # what failed in detail, as PAPERTUI_DEBUG=1 does
    try:
        if args.command == "list":
            from papertui.cli import list_cmd

            return list_cmd.run(args, parser)
        if args.command == "read":
            from papertui.cli import read_cmd

            return read_cmd.run(args, parser)
        if args.command == "show":
            from papertui.cli import show_cmd

            return show_cmd.run(args, parser)
        if args.command == "sync":
            from papertui.cli import sync_cmd

            return sync_cmd.run(args, parser)
        if args.command == "digest":
            from papertui.cli import digest_cmd

            return digest_cmd.run(args, parser)
        if args.command == "config":
            from papertui.cli import config_cmd

            return config_cmd.run(args)
        if args.command in ("bookmarks", "export"):
            from papertui.cli import bookmarks

            return bookmarks.run(args, parser)
        from papertui.cli import reader

        return reader.run(args, parser)
    except Failed as exc:
        print(f"papertui: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        sys.stderr.close()  # a closed pipe (`| head`) is not an error worth a word
        return 0
    except OSError as exc:
        import errno

        if exc.errno in (errno.ENOSPC, errno.EIO, errno.EFBIG, errno.EDQUOT):
            return _output_failed(exc)  # the output itself: a full disk (`> /dev/full`)
        where = f" ({exc.filename})" if exc.filename else ""
        print(f"papertui: error: {exc.strerror or exc}{where}", file=sys.stderr)
        return 1
    except Exception as exc:
        said = _cache_failed(exc)
        if said is None:
            raise  # a bug: its traceback is what a report needs
        print(f"papertui: error: {said}", file=sys.stderr)
        return 1


def _cache_failed(exc: Exception) -> str | None:
    """A database that failed under a command (a full disk, a file made unreadable), or the
    bookmarks file (one that does not parse, read by `list` or `digest`), in one sentence;
    None for anything else. Looked up, not imported: most commands never load them."""
    db, sqlite3 = sys.modules.get("papertui.data.db"), sys.modules.get("sqlite3")
    bookmark = sys.modules.get("papertui.core.bookmark")
    if bookmark is not None and isinstance(exc, bookmark.BookmarkError):
        return str(exc)
    if db is not None and isinstance(exc, db.NotKept):
        return str(exc)
    if sqlite3 is not None and isinstance(exc, sqlite3.Error):
        return f"the cache or the read marks failed: {exc}"
    return None


def _closed_stream() -> int:
    import os

    message = b"papertui: error: standard output or error is closed; nothing can be shown\n"
    with contextlib.suppress(OSError):
        os.write(2, message)
    return 1


def _output_failed(exc: OSError) -> int:
    """Say (on stderr, if it still works) that writing the output failed, and exit 1."""
    import os

    reason = exc.strerror or type(exc).__name__
    with contextlib.suppress(OSError):
        sys.stderr.write(f"papertui: error: cannot write the output: {reason}\n")
        sys.stderr.flush()
    with contextlib.suppress(OSError, ValueError):  # what is still buffered would fail again
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # at exit, loudly
    return 1


def reader_args(argv: list[str]) -> Any:
    """The reader's own options (`papertui`, `papertui --date DAY`...), read by hand, or None.

    Building the full parser and importing argparse is a tenth of the reader's start. Anything
    this does not know for certain (help, a subcommand, an abbreviation, two views, a missing
    value) returns None, and argparse reads it and explains what is wrong.
    """
    from types import SimpleNamespace

    found: dict[str, Any] = {}
    rest = iter(argv)
    for arg in rest:
        name, equals, value = arg.partition("=")
        if name in _READER_FLAGS and not equals:
            found[name[2:].replace("-", "_")] = True
        elif name in _READER_VALUES:
            value = value if equals else next(rest, "-")
            if value.startswith("-"):  # argparse would take it for an option
                return None
            found[name[2:]] = value
        else:
            return None
    local = found.pop("local", False)
    if len(found) > 1:
        return None  # argparse says they exclude each other
    args = SimpleNamespace(
        command=None, trending=False, bookmarks=False, archive=False, for_you=False, days=None
    )
    args.local = local
    args.__dict__.update(dict.fromkeys(name[2:] for name in _READER_VALUES))
    args.__dict__.update(found)
    return args
