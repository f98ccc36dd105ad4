"""A paper's linked models, datasets and Spaces on the hub. Pure: parsed and sanitised here."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, NamedTuple

from papertui.core import fields as f

# owner/name, as the hub writes repo ids: safe inside a URL path.
_REPO_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,95}/[A-Za-z0-9][A-Za-z0-9_.-]{0,95}")
_PAGES = {"model": "https://huggingface.co/", "dataset": "https://huggingface.co/datasets/",
          "space": "https://huggingface.co/spaces/"}  # fmt: skip
MAX_REPOS = 1000  # per kind: the hub's lists are long for famous papers, never this long


class LinkedRepo(NamedTuple):
    kind: str  # model, dataset, space
    id: str  # owner/name
    downloads: int | None  # Spaces have none
    likes: int | None

    @property
    def url(self) -> str:
        return _PAGES[self.kind] + self.id


class Repos(NamedTuple):
    models: list[LinkedRepo]  # by downloads, most first
    datasets: list[LinkedRepo]  # by downloads
    spaces: list[LinkedRepo]  # by likes


def parse_repos(data: Any) -> Repos:
    """`{"models": [...], "datasets": [...], "spaces": [...]}`; bad items are left out."""
    body: Mapping[str, Any] = data if isinstance(data, Mapping) else {}
    models = _items(body.get("models"), "model")
    datasets = _items(body.get("datasets"), "dataset")
    spaces = _items(body.get("spaces"), "space")
    by_downloads = lambda r: (r.downloads is not None, r.downloads or 0, r.likes or 0)  # noqa: E731
    by_likes = lambda r: (r.likes is not None, r.likes or 0)  # noqa: E731
    return Repos(
        sorted(models, key=by_downloads, reverse=True),
        sorted(datasets, key=by_downloads, reverse=True),
        sorted(spaces, key=by_likes, reverse=True),
    )


def _items(value: Any, kind: str) -> list[LinkedRepo]:
    repos = []
    seen: set[str] = set()
    for item in f.as_list(value)[:MAX_REPOS]:
        if not isinstance(item, Mapping):
            continue
        rid = f.text(item.get("id"))
        if not _REPO_ID.fullmatch(rid) or rid in seen:
            continue
        seen.add(rid)
        downloads = None if kind == "space" else f.count_or_none(item.get("downloads"))
        repos.append(LinkedRepo(kind, rid, downloads, f.count_or_none(item.get("likes"))))
    return repos


def repos_record(repos: Repos) -> dict[str, list[dict[str, Any]]]:
    """`repos` in the hub's own shape, so that `parse_repos` reads a kept copy back (checked
    again on the way in, like anything read from disk)."""
    return {
        kind: [{"id": r.id, "downloads": r.downloads, "likes": r.likes} for r in items]
        for kind, items in (("models", repos.models), ("datasets", repos.datasets),
                            ("spaces", repos.spaces))
    }  # fmt: skip
