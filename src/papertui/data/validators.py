"""HTTP cache validators: what a server gave for a view, kept by the store, sent back by the
client (only when the server gave them)."""

from __future__ import annotations

from typing import NamedTuple


class Validators(NamedTuple):
    etag: str | None = None
    last_modified: str | None = None
