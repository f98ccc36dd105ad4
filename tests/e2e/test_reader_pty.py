"""The installed `papertui` in a real pseudo-terminal against the loopback hub."""

from __future__ import annotations

import json
import re
import signal
import time
from collections.abc import Iterator
from typing import Any

import pytest

from loopback import LoopbackServer, json_body

from .terminal import Terminal

pytestmark = pytest.mark.e2e

OSC_52 = "\x1b]52;c;UFdORUQ=\x07"
OSC_0 = "\x1b]0;PWNED-TITLE\x07"
OSC_8 = "\x1b]8;;https://evil.example/\x07LINK\x1b]8;;\x07"
CSI_CLEAR = "\x1b[2JCLEARED"
C1 = "\x9b31mC1\x9d0;C1TITLE\x9c"
BIDI = "\u202eBIDI\u2066"
MARKUP = "[/] [@click=app.quit]QUIT[/] [bold]"
HOSTILE = OSC_52 + OSC_0 + OSC_8 + CSI_CLEAR + C1 + BIDI + MARKUP


@pytest.fixture
def terminal() -> Iterator[list[Terminal]]:
    opened: list[Terminal] = []
    yield opened
    for term in opened:
        term.close()


def start(opened: list[Terminal], server_url: str, *args: str) -> Terminal:
    term = Terminal(list(args), {"PAPERTUI_API_URL": server_url})
    opened.append(term)
    return term


def test_reading_a_day(server: LoopbackServer, terminal: list[Terminal]) -> None:
    term = start(terminal, server.url, "--date", "2026-05-08")
    screen = term.wait_for("Beyond Semantic Similarity")
    first_row = next(line for line in screen.splitlines() if "Beyond Semantic" in line)
    assert "86" in first_row and "Daily · Fri 8 May 2026" in screen
    term.wait_for("live")
    term.press("j")
    screen = term.wait_for("Nie, Rui Zhu")  # an author of the second paper, in the detail
    assert "Continuous Latent Diffusion Language Model" in screen
    term.press("/")
    term.press("diffusion", settle=0.6)
    screen = term.wait_for("7 of 37")
    assert "Beyond Semantic" not in screen
    term.press("\x1b", settle=0.6)
    term.wait_for("37 papers")
    term.press("?")
    needles = ("papertui keys", "Filter", "Sort", "Next period", "Quit")
    term.wait_until(lambda screen: all(needle in screen for needle in needles))
    term.press("\x1b")
    term.press("]")
    term.wait_for("Mon 11 May 2026")
    term.press("[")
    term.wait_for("Fri 8 May 2026")
    term.press("1")
    screen = term.wait_for("HF trending order")
    assert "HF trending" in screen
    term.press("q")
    assert term.wait_exit() == 0


def test_offline_first_run_says_sample(terminal: list[Terminal]) -> None:
    term = start(terminal, "http://127.0.0.1:9")
    screen = term.wait_for("sample data")
    assert "HF trending" in screen
    term.wait_for("offline")
    term.press("q")
    assert term.wait_exit() == 0


def hostile(recorded: list[dict[str, Any]]) -> list[dict[str, Any]]:
    entries = json.loads(json.dumps(recorded[:12]))
    for e in entries:
        paper = e["paper"]
        paper["title"] = e["title"] = HOSTILE + paper["title"]
        paper["summary"] = e["summary"] = (HOSTILE + "\n") * 3 + paper["summary"]
        paper["authors"] = [{"name": HOSTILE}, *paper["authors"]]
        paper["ai_summary"] = HOSTILE
        paper["ai_keywords"] = [HOSTILE]
        paper["organization"] = e["organization"] = {"name": HOSTILE, "fullname": HOSTILE}
    return entries


def test_hostile_text_never_reaches_the_terminal(
    server: LoopbackServer, recorded: list[dict[str, Any]], terminal: list[Terminal]
) -> None:
    server.overrides["/api/daily_papers"] = json_body(hostile(recorded))
    term = start(terminal, server.url, "--date", "2026-05-08")
    term.wait_for("CLEARED")
    for _ in range(12):  # every paper through the list and the detail
        term.press("j", settle=0.15)
    term.press("\r")
    term.press("J")
    term.press("h")
    term.press("/")
    term.press("QUIT", settle=0)
    term.wait_until(lambda screen: "12 of 12" in screen)  # the filter took the keys
    term.press("\x1b", settle=0)
    shown = term.wait_for("12 papers")
    assert term.proc.poll() is None, "the app stopped"
    assert "[@click=app.quit]" in shown and "QUIT" in shown  # markup shown as text, not run
    term.press("q")
    assert term.wait_exit() == 0
    out = bytes(term.raw)
    for payload in (OSC_52, OSC_0, OSC_8, CSI_CLEAR, "\x1b]8;;https://evil", "PWNED-TITLE\x07"):
        assert payload.encode() not in out, payload
    assert b"\x1b]52" not in out  # the app never wrote the clipboard
    for char in ("\x9b", "\x9c", "\x9d", "\u202e", "\u2066"):
        assert char.encode() not in out, repr(char)
    # Whatever OSC the app itself sends, none carries data from the papers.
    for osc in re.findall(rb"\x1b\][^\x07\x1b]*", out):
        assert b"PWNED" not in osc and b"evil" not in osc


def test_a_hostile_paper_puts_no_escape_on_the_terminal(
    server: LoopbackServer, terminal: list[Terminal]
) -> None:
    # The paper's body: every hostile payload, in prose, a heading, a code block, a table, a
    # link's text and target, an image's caption, and as character references.
    body = (
        f"# {HOSTILE} title\n\n{HOSTILE} prose &#x202e;ref&#27;[2J\n\n## {HOSTILE}\n\n"
        f"```\n{HOSTILE}\n```\n\n| {HOSTILE} | b |\n|---|---|\n| c | {HOSTILE} |\n\n"
        f"[{HOSTILE}](https://example.org/{OSC_0}) ![{HOSTILE}](file:///etc/passwd)\n\nEND-OF-PAPER\n"
    )
    server.texts["2605.05242"] = body
    term = start(terminal, server.url, "--date", "2026-05-08")
    term.wait_for("Beyond Semantic Similarity")
    term.press("R")
    term.wait_for("END-OF-PAPER")
    term.press("/")
    term.press("QUIT", settle=0.3)
    term.press("\r")
    term.press("L", settle=0.5)
    term.press("\x1b")
    shown = term.wait_for("END-OF-PAPER")
    assert "[@click=app.quit]" in shown  # markup shown as text
    term.press("q")
    term.wait_for("37 papers")
    term.press("q")
    assert term.wait_exit() == 0
    out = bytes(term.raw)
    for payload in (OSC_52, OSC_0, OSC_8, CSI_CLEAR, "\x1b]8;;https://evil", "PWNED-TITLE\x07"):
        assert payload.encode() not in out, payload
    for char in ("\x9b", "\x9c", "\x9d", "\u202e", "\u2066"):
        assert char.encode() not in out, repr(char)
    for osc in re.findall(rb"\x1b\][^\x07\x1b]*", out):
        assert b"PWNED" not in osc and b"evil" not in osc


def test_bookmarks_survive_restart_and_work_offline(
    server: LoopbackServer, terminal: list[Terminal]
) -> None:
    import subprocess

    from .terminal import SCRIPT

    term = start(terminal, server.url, "--date", "2026-05-08")
    term.wait_for("Beyond Semantic Similarity")
    term.press("b")
    term.wait_for("Bookmarked")
    term.press("j")
    term.press("b", settle=0)
    term.wait_for("Bookmarked: Continuous")  # written: the notice follows the write
    term.press("q")
    assert term.wait_exit() == 0
    listed = subprocess.run([SCRIPT, "bookmarks", "list", "--json"], capture_output=True, text=True)
    assert {r["id"] for r in json.loads(listed.stdout)} == {"2605.05242", "2605.06548"}
    again = start(terminal, server.url, "--date", "2026-05-08")
    again.wait_for("Beyond Semantic Similarity")

    def starred_rows(screen: str) -> list[str]:
        rows = [line.split("▎")[0] for line in screen.splitlines()]  # the list, not the detail
        return [row for row in rows if "★" in row]

    # The marks load from the file just after the list.
    starred = starred_rows(again.wait_until(lambda screen: len(starred_rows(screen)) == 2))
    assert len(starred) == 2
    assert "Beyond Semantic" in starred[0] and "Continuous Latent" in starred[1]
    again.press("q")
    again.wait_exit()
    url = server.url
    server.stop()
    offline = start(terminal, url, "--bookmarks")
    screen = offline.wait_for("bookmarks file")
    assert "Beyond Semantic" in screen and "Continuous Latent" in screen and "2 papers" in screen
    offline.press("q")
    assert offline.wait_exit() == 0


def test_q_while_a_fetch_is_stuck_ends_at_once(
    server: LoopbackServer, terminal: list[Terminal]
) -> None:
    from loopback import drip

    server.overrides["/api/daily_papers"] = drip(0.5)  # never done within the budget
    term = start(terminal, server.url, "--date", "2026-05-07")
    term.wait_for("fetching")
    term.press("q", settle=0)
    took = time.monotonic()
    assert term.wait_exit(timeout=5) == 0
    assert time.monotonic() - took < 3  # not the fetch's 30 s budget


@pytest.mark.parametrize(
    ("signum", "code"), [(signal.SIGTERM, 143), (signal.SIGHUP, 129), (signal.SIGQUIT, 131)]
)
def test_a_signal_gives_the_terminal_back(
    server: LoopbackServer, terminal: list[Terminal], signum: int, code: int
) -> None:
    term = start(terminal, server.url, "--date", "2026-05-08")
    term.wait_for("37 papers")
    mark = len(term.raw)
    term.proc.send_signal(signum)
    assert term.wait_exit(timeout=5) == code
    tail = bytes(term.raw[mark:])
    for restore in (b"\x1b[?1049l", b"\x1b[?25h", b"\x1b[?1000l"):  # screen, cursor, mouse
        assert restore in tail, restore


def detail_title(screen: str) -> str:
    """The first line of the detail pane (right of the divider): the paper under the cursor."""
    return screen.splitlines()[1].split("▎")[-1].strip()


@pytest.mark.parametrize("cached", [False, True])
def test_keys_typed_right_after_the_first_paint_all_land(
    server: LoopbackServer, terminal: list[Terminal], cached: bool
) -> None:
    """`jjj` typed as the first row shows ends on the fourth paper: on the sample a first run
    shows while the day is fetched (the live list used to put the cursor back on top), and
    on a cached day."""
    import threading

    from loopback import Handler

    if cached:
        warm = start(terminal, server.url, "--date", "2026-05-08")
        warm.wait_for("live")
        warm.press("q")
        assert warm.wait_exit() == 0
    release = threading.Event()
    daily = server.route("/api/daily_papers")

    def slow(h: Handler, q: dict[str, str]) -> None:
        release.wait(3)
        daily(h, q)

    server.overrides["/api/daily_papers"] = slow
    term = start(terminal, server.url, "--date", "2026-05-08")
    term.wait_for("Beyond Semantic", timeout=20)
    term.press("jjj", settle=0.3)
    release.set()
    settled = "cached" if cached else "live"
    term.wait_until(lambda s: settled in s and "MiA-Signature" in detail_title(s))
    term.pump(0.5)  # nothing moves it after
    assert "MiA-Signature" in detail_title(term.text())


@pytest.mark.parametrize(("controlling", "args"), [
    (True, ["--date", "2026-05-07"]),  # a SIGHUP comes
    (False, ["--date", "2026-05-07"]),  # none comes: the reader sees its terminal is gone
    (True, ["--month", "2026-04"]),
])  # fmt: skip
def test_a_reader_whose_terminal_is_gone_ends_within_a_second(
    server: LoopbackServer, terminal: list[Terminal], controlling: bool, args: list[str]
) -> None:
    """Closed right after the first paint, the first refresh still in flight: it ran on,
    asleep on Textual's writer queue, deaf to SIGTERM."""
    from loopback import drip

    server.overrides["/api/daily_papers"] = drip(0.5)  # the refresh never ends meanwhile
    term = Terminal(args, {"PAPERTUI_API_URL": server.url}, controlling=controlling)
    terminal.append(term)
    term.wait_for("fetching")
    term.hang_up()
    took = time.monotonic()
    assert term.proc.wait(timeout=5) == 129  # 128 + SIGHUP, as the shell would report
    assert time.monotonic() - took < 1.5


def toast(screen: str) -> str:
    """The notifications' text, spaces left out: what is right of their border (▌) on each
    line, so that a sentence wrapped where a path ends reads whole."""
    return "".join(line.rsplit("▌", 1)[1] for line in screen.splitlines() if "▌" in line).replace(
        " ", ""
    )


def test_a_hand_edit_that_breaks_the_bookmarks_file_loses_nothing(
    server: LoopbackServer, terminal: list[Terminal], isolated_home: Any
) -> None:
    import tomllib

    path = isolated_home / "xdg_data_home" / "papertui" / "bookmarks.toml"
    term = start(terminal, server.url, "--date", "2026-05-08")
    term.wait_for("live")
    term.press("b")
    term.wait_until(lambda s: path.exists())
    good = path.read_text()
    path.write_text(good + "\nnote = = oops\n")
    term.press("j")
    term.press("b")
    said = toast(term.wait_until(lambda s: "nothingwaschanged" in toast(s)))
    assert f"bookmarks.tomlline{(good + 'x').count(chr(10)) + 2}:" in said  # the typo's line
    assert path.read_text() == good + "\nnote = = oops\n"
    assert not list(path.parent.glob("bookmarks.toml.corrupt-*"))
    path.write_text(good)
    term.press("b", settle=0.5)
    term.wait_until(lambda s: len(tomllib.loads(path.read_text())["bookmarks"]) == 2)
    term.press("q")
    assert term.wait_exit() == 0
