"""`papertui show ID [--json]`: one paper's details and its linked models, datasets, Spaces."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Any

from papertui.cli.common import EXIT_OK, fail, open_service, paper_id, warn

if TYPE_CHECKING:
    import argparse

    from papertui.core.paper import Paper
    from papertui.core.repos import LinkedRepo, Repos


def run(args: argparse.Namespace, parser: argparse.ArgumentParser | None) -> int:
    import asyncio

    from papertui.service import NothingToShow

    pid = paper_id(args, parser)
    service = open_service(timeout=args.timeout)
    try:
        paper, repos, warnings = asyncio.run(service.paper_details(pid))
    except NothingToShow as exc:
        return fail(str(exc), detail=exc.detail)
    for message in warnings:
        warn(message)
    if args.json:
        sys.stdout.write(json.dumps(record(paper, repos), ensure_ascii=False, indent=2) + "\n")
    else:
        _print(paper, repos)
    return EXIT_OK


def record(paper: Paper, repos: Repos | None) -> dict[str, Any]:
    """The `list --json` keys, then the linked repos (null when unknown)."""
    from papertui.core.records import to_record

    out = to_record(paper)
    for name in ("models", "datasets", "spaces"):
        items = getattr(repos, name) if repos is not None else None
        out[name] = [_repo(r) for r in items] if items is not None else None
    for name in ("models", "datasets", "spaces"):
        out[f"num_{name}"] = len(out[name]) if out[name] is not None else None
    return out


def _repo(repo: LinkedRepo) -> dict[str, Any]:
    return {"id": repo.id, "url": repo.url, "downloads": repo.downloads, "likes": repo.likes}


def _print(paper: Paper, repos: Repos | None) -> None:
    from rich.console import Console
    from rich.text import Text

    console = Console(highlight=False, markup=False, emoji=False)
    if not console.is_terminal:  # piped: each fact on one line, never wrapped at 80 columns
        console = Console(highlight=False, markup=False, emoji=False, width=1 << 16)
    console.print(Text(paper.title, style="bold"))
    if paper.authors:
        console.print(Text(", ".join(paper.authors)))
    console.print(Text(f"{paper.hf_url}  ▲ {paper.upvotes if paper.upvotes is not None else '–'}"))
    if repos is None:
        return
    for name, items in (("Models", repos.models), ("Datasets", repos.datasets),
                        ("Spaces", repos.spaces)):  # fmt: skip
        console.print(Text(f"\n{name} {len(items)}", style="bold"))
        for repo in items[:10]:
            count = f"↓ {repo.downloads}" if repo.downloads is not None else f"♥ {repo.likes or 0}"
            console.print(Text(f"  {repo.id}  {count}  {repo.url}"))
        if len(items) > 10:
            console.print(Text(f"  … and {len(items) - 10} more (--json lists them all)"))
