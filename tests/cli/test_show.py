"""`papertui show ID`: one paper and its linked models, datasets and Spaces, for scripts."""

from __future__ import annotations

import json
import os
import subprocess

from loopback import LoopbackServer

from .common import SCRIPT, papertui


def show(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return papertui("show", *args, env=env)


def test_show_json_has_the_list_keys_and_the_linked_repos(server: LoopbackServer) -> None:
    proc = show("2605.05242", "--json", env={"PAPERTUI_API_URL": server.url})
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["id"] == "2605.05242" and data["title"].startswith("Beyond Semantic")
    assert [m["id"] for m in data["models"]] == ["dci/large", "dci/small"]  # by downloads
    assert data["models"][0] == {
        "id": "dci/large",
        "url": "https://huggingface.co/dci/large",
        "downloads": 5400,
        "likes": 30,
    }
    assert data["datasets"][0]["url"] == "https://huggingface.co/datasets/dci/bright-corpus"
    # The path-traversal and escape-sequence ids the hub sent are left out, never linked.
    assert [s["id"] for s in data["spaces"]] == ["dci/demo"]
    assert data["spaces"][0]["downloads"] is None
    assert (data["num_models"], data["num_datasets"], data["num_spaces"]) == (2, 1, 1)


def test_show_as_text_and_for_an_unknown_paper(server: LoopbackServer) -> None:
    env = {"PAPERTUI_API_URL": server.url}
    text = show("2605.05242", env=env)
    assert text.returncode == 0 and "Models 2" in text.stdout and "dci/large" in text.stdout
    assert "\x1b" not in text.stdout
    authors = text.stdout.splitlines()[1]  # piped: never wrapped at 80 columns
    assert len(authors) > 80 and authors.endswith("Yu Zhang")
    unknown = show("2605.99999", env=env)
    assert unknown.returncode == 1 and "The hub does not know 2605.99999" in unknown.stderr
    assert show("nope").returncode == 2


def test_show_without_the_hub_keeps_what_it_knows(server: LoopbackServer) -> None:
    env = {"PAPERTUI_API_URL": server.url}
    listed = subprocess.run(
        [SCRIPT, "list", "--date", "2026-05-08"],
        env={**os.environ, **env},
        capture_output=True,
        timeout=60,
    )
    assert listed.returncode == 0  # the day, and so the paper, is in the cache now
    url = server.url
    server.stop()
    proc = show("2605.05242", "--json", env={"PAPERTUI_API_URL": url})
    data = json.loads(proc.stdout)
    assert proc.returncode == 0 and data["models"] is None and data["num_models"] is None
    assert "linked models, datasets and Spaces are unknown" in proc.stderr
