"""`papertui read ID`: a paper's full text for scripts, kept for offline, safe, and honest
when there is none."""

from __future__ import annotations

import subprocess

import pytest

from loopback import SAMPLE_TEXT, LoopbackServer, raw

from .common import papertui

HOSTILE = (
    "# Title\x1b]0;PWNED\x07\n\nText \x1b[2J\x9b31m \u202eevil [bold]kept[/bold]\n\n    code\n"
)


def read(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return papertui("read", *args, env=env)


def test_reads_a_paper_and_keeps_it_for_offline(server: LoopbackServer) -> None:
    env = {"PAPERTUI_API_URL": server.url}
    first = read("2605.05242", env=env)
    assert first.returncode == 0, first.stderr
    assert first.stdout == SAMPLE_TEXT and first.stderr == ""
    url = server.url
    server.stop()  # the hub is gone: the kept text answers, with --offline too
    for args in (["2605.05242"], ["2605.05242", "--offline"]):
        again = read(*args, env={"PAPERTUI_API_URL": url})
        assert again.returncode == 0 and again.stdout == SAMPLE_TEXT


def test_the_text_is_sanitised_and_keeps_its_layout(server: LoopbackServer) -> None:
    server.texts["2605.06548"] = HOSTILE
    proc = read("2605.06548", env={"PAPERTUI_API_URL": server.url})
    assert proc.returncode == 0
    for bad in ("\x1b", "\x07", "\x9b", "\u202e"):
        assert bad not in proc.stdout
    assert "[bold]kept[/bold]" in proc.stdout and "\n    code\n" in proc.stdout


def test_a_paper_without_text_says_so(server: LoopbackServer) -> None:
    proc = read("2605.06548", env={"PAPERTUI_API_URL": server.url})  # 404, an HTML page
    assert proc.returncode == 1 and proc.stdout == ""
    assert proc.stderr.startswith("papertui: error: The hub has no full text for 2605.06548 yet")


def test_html_where_the_text_belongs_is_refused(server: LoopbackServer) -> None:
    server.overrides["/papers/2605.05242.md"] = raw(
        200, b"<html>portal</html>", {"Content-Type": "text/html"}
    )
    proc = read("2605.05242", env={"PAPERTUI_API_URL": server.url})
    assert proc.returncode == 1 and "sent text/html where the paper's text belongs" in proc.stderr


def test_offline_and_not_kept_and_a_malformed_id() -> None:
    offline = read("2605.05242", "--offline")
    assert offline.returncode == 1 and "not kept here" in offline.stderr
    bad = read("not-an-id")
    assert bad.returncode == 2 and "usage: papertui read" in bad.stderr


@pytest.mark.parametrize("size", [9 * 1024 * 1024])
def test_a_text_over_the_cap_is_cut(server: LoopbackServer, size: int) -> None:
    server.overrides["/papers/2605.05242.md"] = raw(
        200, b"x" * size, {"Content-Type": "text/markdown"}
    )
    proc = read("2605.05242", env={"PAPERTUI_API_URL": server.url})
    assert proc.returncode == 1 and "sent more than 8 MB" in proc.stderr
