"""Linked repos: sorted as the hub's pages are read, hostile ids left out."""

from __future__ import annotations

from papertui.core.repos import LinkedRepo, parse_repos


def test_sorting_dedupe_and_hostile_ids() -> None:
    repos = parse_repos(
        {
            "models": [
                {"id": "a/one", "downloads": 5},
                {"id": "a/two", "downloads": 50, "likes": 2},
                {"id": "a/one", "downloads": 999},  # a repeat: the first stays
                {"id": "a/none"},  # no count: last
                {"id": "../../etc", "downloads": 10**9},
                {"id": "a/b\x1b]0;x\x07", "downloads": 1},
                "not an object",
            ],
            "datasets": [{"id": "d/set", "downloads": True}],  # a bool is no count
            "spaces": [{"id": "s/x", "likes": 3, "downloads": 10}, {"id": "s/y", "likes": 9}],
        }
    )
    assert [r.id for r in repos.models] == ["a/two", "a/one", "a/none"]
    assert repos.datasets == [LinkedRepo("dataset", "d/set", None, None)]
    assert [r.id for r in repos.spaces] == ["s/y", "s/x"] and repos.spaces[1].downloads is None
    assert repos.spaces[0].url == "https://huggingface.co/spaces/s/y"


def test_anything_else_is_no_repos() -> None:
    for data in (None, [], "x", {"models": "x"}):
        assert parse_repos(data) == ([], [], [])
