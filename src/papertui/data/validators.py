"""What the store keeps of a view: its papers, when they were fetched, and the HTTP cache
validators the server gave (sent back by the client, only when the server gave them)."""

from __future__ import annotations

from typing import NamedTuple

from papertui.core.paper import Paper


class Validators(NamedTuple):
    etag: str | None = None
    last_modified: str | None = None


class CachedView(NamedTuple):  # see ARCHITECTURE.md, "the startup path"
    papers: list[Paper]
    fetched_at: float  # epoch seconds
    validators: Validators = Validators()
