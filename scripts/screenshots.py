"""Render screenshots/*.svg from fixture data: `make screenshots`.

The reader runs headless over a temporary store filled with the recorded Daily Papers of
2026-05-08, with a frozen clock and no network, so the pictures change only when the UI does.
"""

from __future__ import annotations

import asyncio
import io
import sys
import tempfile
from datetime import date
from pathlib import Path
from types import MappingProxyType

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from demo import build_app  # noqa: E402
from loopback import SAMPLE_REPOS, SAMPLE_TEXT  # noqa: E402
from papertui.core.repos import parse_repos  # noqa: E402
from papertui.core.settings import Config  # noqa: E402
from papertui.core.watch import Watch  # noqa: E402

OUT = ROOT / "screenshots"
DAY_OF = date(2026, 5, 8)  # the recorded day

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
    # Two diffusion papers bookmarked, then For you (7) on the watch list of WATCH.
    ("foryou", (120, 36), ["slash", *"diffusion", "enter", "b", "j", "b", "escape", "7"]),
]
WATCH = Watch(authors=("Wenhu Chen",), queries=MappingProxyType({"agents": "kw:agent"}))


async def shoot(name: str, size: tuple[int, int], keys: list[str]) -> Path:
    with tempfile.TemporaryDirectory() as tmp:
        # The first paper's text and linked repos are kept, as after a first read: no network.
        delay = 0.01 if name.startswith("repos") else None  # elsewhere: no repos line
        config = Config(watch=WATCH) if name == "foryou" else None
        app = build_app(Path(tmp), read=("2605.06416",), repos_delay=delay, config=config)
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


def digest() -> Path:
    """The digest of the recorded day, with two bookmarks and the watch list, as a terminal
    that renders Markdown (Rich) shows it."""
    from rich.console import Console
    from rich.markdown import Markdown

    with tempfile.TemporaryDirectory() as tmp:
        app = build_app(Path(tmp), config=Config(watch=WATCH))
        service = app.service
        papers = {p.id: p for p in service.store.kept_between(DAY_OF, DAY_OF)}
        for pid in ("2605.06548", "2605.05242"):
            service.toggle_bookmark(papers[pid])
        text = service.digest(DAY_OF, DAY_OF, "papertui digest · Fri 8 May 2026", top=3).text
    console = Console(
        file=io.StringIO(), record=True, width=100, force_terminal=True, color_system="truecolor"
    )
    console.print(Markdown(text, hyperlinks=False))  # the links shown, and the same each time
    path = OUT / "digest.svg"
    console.save_svg(str(path), title="papertui digest --date 2026-05-08 --top 3")
    return path


async def main() -> None:
    OUT.mkdir(exist_ok=True)
    for name, size, keys in SHOTS:
        print(f"wrote {(await shoot(name, size, keys)).relative_to(ROOT)}")
    print(f"wrote {digest().relative_to(ROOT)}")


if __name__ == "__main__":
    asyncio.run(main())
