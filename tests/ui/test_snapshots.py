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
