"""Render screenshots/*.svg from fixture data: `make screenshots`.

The reader runs headless over a temporary store filled with the recorded Daily Papers of
2026-05-08, with a frozen clock and no network, so the pictures change only when the UI does.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from demo import build_app  # noqa: E402
from loopback import SAMPLE_REPOS, SAMPLE_TEXT  # noqa: E402
from papertui.core.repos import parse_repos  # noqa: E402

OUT = ROOT / "screenshots"

# name, terminal size, keys pressed before the shot
SHOTS: list[tuple[str, tuple[int, int], list[str]]] = [
    ("main", (120, 36), ["j", "j", "k"]),
    ("filter", (120, 36), ["slash", *"diffusion"]),
    ("detail", (120, 36), ["j", "enter"]),
    ("help", (120, 36), ["question_mark"]),
    ("narrow", (80, 24), []),
    ("reading", (120, 36), ["R"]),
    ("reading_search", (120, 36), ["R", "slash", *"corpus", "enter"]),
    ("repos", (120, 36), []),  # the detail's linked models, datasets and Spaces
    ("repos_list", (120, 36), ["m"]),
    ("archive", (120, 36), ["6", "slash", *"agent", "enter"]),  # every paper kept, filtered
]


async def shoot(name: str, size: tuple[int, int], keys: list[str]) -> Path:
    with tempfile.TemporaryDirectory() as tmp:
        # The first paper's text and linked repos are kept, as after a first read: no network.
        delay = 0.01 if name.startswith("repos") else None  # elsewhere: no repos line
        app = build_app(Path(tmp), read=("2605.06416",), repos_delay=delay)
        app.service.store.save_text("2605.05242", SAMPLE_TEXT)
        app.service.store.save_repos("2605.05242", parse_repos(SAMPLE_REPOS))
        async with app.run_test(size=size) as pilot:
            for _ in range(2):
                await app.workers.wait_for_complete()
                await pilot.pause(0.05)
            for key in keys:  # each key's work done before the next (R opens a screen)
                await pilot.press(key)
                await app.workers.wait_for_complete()
            await pilot.pause()
            path = OUT / f"{name}.svg"
            app.save_screenshot(filename=path.name, path=str(OUT))
    return path


async def main() -> None:
    OUT.mkdir(exist_ok=True)
    for name, size, keys in SHOTS:
        print(f"wrote {(await shoot(name, size, keys)).relative_to(ROOT)}")


if __name__ == "__main__":
    asyncio.run(main())
