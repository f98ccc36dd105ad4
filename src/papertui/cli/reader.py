"""`papertui [VIEW]`: open the reader, reading the first screenful while Textual imports."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from papertui.cli.common import EXIT_USAGE, fail, view_from_args

if TYPE_CHECKING:
    import argparse


def run(args: argparse.Namespace, parser: argparse.ArgumentParser | None) -> int:
    import gc

    # Importing Textual and building the first frame make objects by the hundred thousand, and
    # the cyclic collector would sweep them again and again (~30 ms, a twelfth of the start).
    # Off until the first frame is out (PaperApp._first_frame_shown), on at the latest here.
    gc.disable()
    try:
        return _open(args, parser)
    finally:
        gc.enable()


def _open(args: argparse.Namespace, parser: argparse.ArgumentParser | None) -> int:
    from papertui.data import config, paths

    loaded = config.load(paths.config_file())
    view = view_from_args(args, parser, loaded.config.default_view)
    if not all(stream is not None and stream.isatty() for stream in (sys.stdin, sys.stdout)):
        # Textual would draw into a file, or wait forever on a closed stdin.
        return fail("the reader needs a terminal; try papertui list", EXIT_USAGE)
    from papertui import boot

    started = boot.begin(
        view, loaded, getattr(args, "local", False)
    )  # reads the first screenful while Textual imports
    from papertui.tui.app import run_reader

    service = started.wait().service
    if service is None:  # said before the terminal is taken over
        return fail(started.error or "cannot open the cache")
    return run_reader(service, view, started.warnings, started.initial, str(loaded.path))
