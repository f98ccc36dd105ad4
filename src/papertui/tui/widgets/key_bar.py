"""The key bar: Textual's `Footer`, whose keys do not outlive it redrawing them.

The footer makes its keys anew each time the bindings change (every view switch: the period
keys come and go), and each key watches the footer's `compact` (`data_bind`). The footer keeps
those watchers after their keys are gone, and Textual drops them only when `compact` changes,
which it never does here: every switch kept ~20 dead keys, their styles and message queues
(~35 KB; benchmarks/bench_switch.py). This bar drops them once its keys are made anew.
"""

from __future__ import annotations

from textual.widgets import Footer


class KeyBar(Footer):
    async def recompose(self) -> None:
        await super().recompose()
        watchers = getattr(self, "__watchers", {}).get("compact")  # Textual's own attribute
        if watchers:
            watchers[:] = [(node, callback) for node, callback in watchers if node.is_attached]
