"""The command line: the reader and the scriptable subcommands (`papertui = papertui.cli:main`).

This module is on the way to the reader's first paint: it imports nothing but `sys` until it
knows what to run, and reads the reader's own options without argparse.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

_READER_FLAGS = ("--trending", "--bookmarks")
_READER_VALUES = ("--date", "--week", "--month", "--search")


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
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
        if args.command == "config":
            from papertui.cli import config_cmd

            return config_cmd.run(args)
        if args.command in ("bookmarks", "export"):
            from papertui.cli import bookmarks

            return bookmarks.run(args, parser)
        from papertui.cli import reader

        return reader.run(args, parser)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        sys.stderr.close()  # a closed pipe (`| head`) is not an error worth a word
        return 0


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
            found[name[2:]] = True
        elif name in _READER_VALUES:
            value = value if equals else next(rest, "-")
            if value.startswith("-"):  # argparse would take it for an option
                return None
            found[name[2:]] = value
        else:
            return None
    if len(found) > 1:
        return None  # argparse says they exclude each other
    args = SimpleNamespace(command=None, trending=False, bookmarks=False)
    args.__dict__.update(dict.fromkeys(name[2:] for name in _READER_VALUES))
    args.__dict__.update(found)
    return args
