"""Filter keystroke and scroll step, PaperList (line API) against Textual's OptionList.

    .venv/bin/python benchmarks/bench_list.py [--sizes 1000 20000] [--repeat 3]

Both widgets are mounted side by side in one headless app and fed the same papers and the same
compiled filter. A "keystroke" is what the reader does when one more character is typed: match
the papers, give the widget its new rows, and render the lines on screen. For OptionList that
means `set_options` with the matching prompts (built once, beforehand); for PaperList,
`set_filter`. A "scroll step" is cursor-down plus rendering the visible lines. Timings alternate
between the two widgets within one run, so machine noise hits both alike; the ratio is the result.
"""

from __future__ import annotations

import argparse
import asyncio
import time
from collections.abc import Callable

from common import fmt, median_ms, synthetic_papers
from rich.text import Text
from textual.app import App, ComposeResult
from textual.containers import Horizontal
from textual.geometry import Region
from textual.widgets import OptionList

from papertui.core.query import parse, prepare
from papertui.tui.widgets.paper_list import PaperList

TYPED = "diffusion"  # typed one character at a time, then erased one at a time


class Bench(App[None]):
    CSS = "PaperList, OptionList { width: 1fr; height: 1fr; }"

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield PaperList()
            yield OptionList()


def visible(widget: PaperList | OptionList) -> None:
    size = widget.scrollable_content_region.size
    widget.render_lines(Region(0, 0, size.width, size.height))


def timed(step: Callable[[], None]) -> float:
    start = time.perf_counter()
    step()
    return time.perf_counter() - start


async def run(n: int, repeat: int) -> dict[str, float]:
    papers = synthetic_papers(n)
    app = Bench()
    async with app.run_test(size=(200, 40)) as pilot:
        plist, olist = app.query_one(PaperList), app.query_one(OptionList)
        plist.set_papers(papers)
        prompts = [Text(p.title) for p in papers]
        hay = [prepare(p) for p in papers]  # the OptionList version gets the same fast matcher
        olist.set_options(prompts)
        await pilot.pause()
        visible(plist)
        visible(olist)

        def option_filter(text: str) -> None:
            query = parse(text)
            olist.set_options([prompts[i] for i, h in enumerate(hay) if query.matches(h)])
            visible(olist)

        def paper_filter(text: str) -> None:
            plist.set_filter(text)
            visible(plist)

        steps = [TYPED[:k] for k in range(1, len(TYPED) + 1)]
        steps += [*steps[-2::-1], ""]
        # A full pass: a query that narrows nothing typed before (a paste, a new word).
        fresh = ["model", "agent", "reward -video", "benchmark", "upvotes:>=100", "token"]
        names = ("pl_f", "ol_f", "pl_full", "ol_full", "pl_s", "ol_s")
        samples: dict[str, list[float]] = {k: [] for k in names}
        for _ in range(repeat):
            for text in steps:
                samples["pl_f"].append(timed(lambda t=text: paper_filter(t)))
                samples["ol_f"].append(timed(lambda t=text: option_filter(t)))
            for text in fresh:
                plist.set_filter("")
                samples["pl_full"].append(timed(lambda t=text: paper_filter(t)))
                samples["ol_full"].append(timed(lambda t=text: option_filter(t)))
            for _ in range(20):
                samples["pl_s"].append(timed(lambda: (plist.action_cursor_down(), visible(plist))))
                samples["ol_s"].append(timed(lambda: (olist.action_cursor_down(), visible(olist))))
    return {k: median_ms(v) for k, v in samples.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 20000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print("| papers | step | PaperList | OptionList | OptionList / PaperList |")
    print("|---:|---|---:|---:|---:|")
    for n in args.sizes:
        r = asyncio.run(run(n, args.repeat))
        rows = (
            ("filter keystroke (typing)", "pl_f", "ol_f"),
            ("filter, full pass (new query)", "pl_full", "ol_full"),
            ("scroll step", "pl_s", "ol_s"),
        )
        for step, pl, ol in rows:
            ratio = r[ol] / r[pl]
            print(f"| {n:,} | {step} | {fmt(r[pl])} | {fmt(r[ol])} | {ratio:.0f}× |", flush=True)


if __name__ == "__main__":
    main()
