"""Snapshot tests of the main screens, over fixture data with a frozen clock.

Update after an intended UI change with `pytest tests/ui/test_snapshots.py --snapshot-update`,
look at the report, and regenerate screenshots/ with `make screenshots`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from demo import build_app
from papertui.core.views import Kind, View

CASES = {
    "main": ((120, 36), ["j", "j", "k"]),
    "filter": ((120, 36), ["slash", *"diffusion"]),
    "detail": ((120, 36), ["j", "enter"]),
    "help": ((120, 36), ["question_mark"]),
    "narrow": ((80, 24), []),
    "sorted_by_comments": ((120, 36), ["s", "s"]),
}


@pytest.mark.parametrize("name", list(CASES))
def test_screen(name: str, snap_compare: Any, tmp_path: Path) -> None:
    size, keys = CASES[name]
    app = build_app(tmp_path, read=("2605.06416",))

    async def ready(pilot: Pilot[None]) -> None:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=ready)


def test_sample_on_first_run(snap_compare: Any, tmp_path: Path) -> None:
    app = build_app(tmp_path, View(Kind.TRENDING), cached=False)

    async def ready(pilot: Pilot[None]) -> None:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(app, terminal_size=(120, 36), run_before=ready)


def test_reading_screen(snap_compare: Any, tmp_path: Path) -> None:
    """`R` on a kept paper: the text rendered, then a search with its count."""
    from loopback import SAMPLE_TEXT

    app = build_app(tmp_path)
    app.service.store.save_text("2605.05242", SAMPLE_TEXT)

    async def ready(pilot: Pilot[None]) -> None:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("R")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("slash", *"corpus", "enter")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(120, 36), run_before=ready)


def test_detail_with_linked_repos(snap_compare: Any, tmp_path: Path) -> None:
    """The detail pane's linked models, datasets and Spaces (kept: no network)."""
    from loopback import SAMPLE_REPOS
    from papertui.core.repos import parse_repos

    app = build_app(tmp_path, repos_delay=0.0)
    app.service.store.save_repos("2605.05242", parse_repos(SAMPLE_REPOS))

    async def ready(pilot: Pilot[None]) -> None:
        for _ in range(3):
            await app.workers.wait_for_complete()
            await pilot.pause(0.05)

    assert snap_compare(app, terminal_size=(120, 36), run_before=ready)
