"""`papertui read ID`: a paper's full text, as the hub's Markdown (sanitised). Piped, the text
itself; on a terminal, rendered by Rich through a pager ($PAGER, else Rich's own)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from papertui.cli.common import EXIT_OK, fail, open_service, paper_id, warn

if TYPE_CHECKING:
    import argparse


def run(args: argparse.Namespace, parser: argparse.ArgumentParser | None) -> int:
    import asyncio

    from papertui.service import NothingToShow

    pid = paper_id(args, parser)
    service = open_service(timeout=args.timeout)
    try:
        paper = asyncio.run(service.paper_text(pid, offline=args.offline))
    except NothingToShow as exc:
        return fail(str(exc), detail=exc.detail)
    for message in paper.warnings:
        warn(message)
    if sys.stdout.isatty():
        _page(paper.text)
    else:
        sys.stdout.write(paper.text if paper.text.endswith("\n") else paper.text + "\n")
    return EXIT_OK


def _page(text: str) -> None:
    import os

    from rich.console import Console
    from rich.markdown import Markdown

    console = Console(highlight=False, emoji=False)
    # No hyperlinks: a link's target would reach the terminal as an escape sequence (OSC 8).
    document = Markdown(text, hyperlinks=False)
    # Colours only where the pager shows them as colours: less, told so by -R.
    styles = "less" in os.environ.get("PAGER", "less")
    if styles:
        os.environ.setdefault("LESS", "-R")
    with console.pager(styles=styles):
        console.print(document)
