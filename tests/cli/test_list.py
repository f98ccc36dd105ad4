"""`papertui list` and `papertui config` as a user runs them: the installed script, a subprocess."""

from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from loopback import LoopbackServer, json_body, synthetic_entries

SCRIPT = str(Path(sys.executable).parent / "papertui")
HOSTILE = (
    "\x1b]52;c;ZXZpbA==\x07\x1b]0;pwned\x07\x1b]8;;https://evil.example\x07link\x1b]8;;\x07"
    "\x1b[2J\x9b31m\u202eevil[/] [@click=app.quit]q"
)


def run(
    *args: str, env: dict[str, str] | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [SCRIPT, *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
    )


def api(server: LoopbackServer) -> dict[str, str]:
    return {"PAPERTUI_API_URL": server.url}


def test_fresh_machine_offline_prints_the_sample() -> None:
    proc = run("list", "--json")  # PAPERTUI_API_URL points at a closed port (conftest)
    assert proc.returncode == 0, proc.stderr
    papers = json.loads(proc.stdout)
    assert len(papers) == 37 and papers[0]["title"]
    assert "sample" in proc.stderr and "Cannot reach" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_recorded_day_in_full(server: LoopbackServer) -> None:
    proc = run("list", "--date", "2026-05-08", "--json", "--limit", "100", env=api(server))
    assert proc.returncode == 0 and proc.stderr == ""
    papers = json.loads(proc.stdout)
    assert len(papers) == 37
    assert [p["upvotes"] for p in papers] == sorted((p["upvotes"] for p in papers), reverse=True)
    first = papers[0]
    assert first["upvotes"] == 86 and first["id"] == "2605.05242"
    assert first["github_stars"] == 101 and len(first["authors"]) == 19
    assert first["comments"] == 3 and first["organization"] == {
        "name": "TIGER-Lab",
        "fullname": "TIGER-Lab",
    }
    assert first["ai_summary"] and first["ai_keywords"]
    assert first["hf_url"] == "https://huggingface.co/papers/2605.05242"
    assert first["arxiv_url"].endswith("/abs/2605.05242") and first["pdf_url"].endswith(
        "/pdf/2605.05242"
    )
    no_repo = [p for p in papers if p["github_repo"] is None]
    assert no_repo and all(p["github_stars"] is None for p in no_repo)
    assert list(first) == [
        "id", "title", "authors", "published", "submitted", "upvotes", "comments", "organization",
        "github_repo", "github_stars", "project_page", "ai_summary", "ai_keywords", "summary",
        "hf_url", "arxiv_url", "pdf_url",
    ]  # fmt: skip


def test_month_of_1000_papers_comes_back_whole(server: LoopbackServer) -> None:
    server.days = {
        "2026-05-04": synthetic_entries(600, "2026-05-04"),
        "2026-05-20": synthetic_entries(400, "2026-05-20", 600),
    }
    proc = run("list", "--month", "2026-05", "--json", "--limit", "5000", env=api(server))
    assert proc.returncode == 0, proc.stderr
    assert len({p["id"] for p in json.loads(proc.stdout)}) == 1000
    assert len(server.requests) == 10


def test_progress_on_a_terminal_stderr(server: LoopbackServer) -> None:
    server.days = {"2026-05-04": synthetic_entries(300, "2026-05-04")}
    master, slave = pty.openpty()
    proc = subprocess.run(
        [SCRIPT, "list", "--month", "2026-05", "--json"],
        stdout=subprocess.PIPE,
        stderr=slave,
        env={**os.environ, **api(server)},
        timeout=60,
    )
    os.close(slave)
    seen = os.read(master, 65536).decode()
    os.close(master)
    assert proc.returncode == 0 and "fetching… page 3 · 300 papers" in seen


def test_cache_answers_when_the_server_is_gone(server: LoopbackServer) -> None:
    assert run("list", "--date", "2026-05-08", "--json", env=api(server)).returncode == 0
    url = server.url
    server.stop()
    proc = run(
        "list",
        "--date",
        "2026-05-08",
        "--json",
        "--refresh",
        "--limit",
        "100",
        env={"PAPERTUI_API_URL": url},
    )
    assert proc.returncode == 0 and len(json.loads(proc.stdout)) == 37
    assert (
        re.search(r"cached (just now|\d+ min ago)", proc.stderr) and "Cannot reach" in proc.stderr
    )
    never = run("list", "--date", "2026-05-07", env={"PAPERTUI_API_URL": url})
    assert never.returncode == 1 and never.stdout == ""
    lines = never.stderr.strip().splitlines()
    assert (
        len(lines) == 1
        and lines[0].startswith("papertui: error: Cannot reach")
        and "Nothing is cached" in lines[0]
    )


def test_offline_flag_and_fresh_cache_skip_the_network(server: LoopbackServer) -> None:
    run("list", "--date", "2026-05-08", env=api(server))
    assert len(server.requests) == 1
    run("list", "--date", "2026-05-08", env=api(server))
    run("list", "--date", "2026-05-08", "--offline", env=api(server))
    assert len(server.requests) == 1


def test_sort_filter_and_limit(server: LoopbackServer) -> None:
    proc = run(
        "list",
        "--date",
        "2026-05-08",
        "--json",
        "--sort",
        "comments",
        "--filter",
        "diffusion",
        env=api(server),
    )
    papers = json.loads(proc.stdout)
    assert papers and all("diffusion" in json.dumps(p).lower() for p in papers)
    assert [p["comments"] for p in papers] == sorted((p["comments"] for p in papers), reverse=True)
    proc = run(
        "list", "--date", "2026-05-08", "--json", "--sort", "stars", "--limit", "3", env=api(server)
    )
    assert json.loads(proc.stdout)[0]["github_stars"] == max(
        e["paper"].get("githubStars", 0) for e in server.days["2026-05-08"]
    )
    none = run("list", "--date", "2026-05-08", "--filter", "zzzqqq", env=api(server))
    assert none.returncode == 1 and "no paper matches" in none.stderr


def test_trending_keeps_the_servers_order(server: LoopbackServer) -> None:
    proc = run("list", "--json", "--limit", "100", env=api(server))
    assert [p["id"] for p in json.loads(proc.stdout)] == [e["paper"]["id"] for e in server.trending]
    by_votes = run("list", "--json", "--sort", "upvotes", env=api(server))
    assert json.loads(by_votes.stdout)[0]["upvotes"] == 86


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--date", "2099-01-01"], "in the future"),
        (["--date", "garbage"], "not a date"),
        (["--week", "2026-19"], "ISO week"),
        (["--limit", "0"], "at least 1"),
        (["--sort", "hot"], "invalid choice"),
        (["--date", "2026-05-08", "--month", "2026-05"], "not allowed with"),
    ],
)
def test_usage_errors_exit_2(args: list[str], needle: str) -> None:
    proc = run("list", *args)
    assert proc.returncode == 2 and needle in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--date", "garbage"], "not a date"),  # read by hand, explained by argparse
        (["--date=2099-01-01"], "in the future"),
        (["--date"], "expected one argument"),
        (["--trending", "--bookmarks"], "not allowed with"),
        (["lst"], "invalid choice"),
    ],
)
def test_reader_usage_errors_exit_2_before_any_screen(args: list[str], needle: str) -> None:
    proc = run(*args)
    assert proc.returncode == 2 and needle in proc.stderr and "usage: papertui" in proc.stderr
    assert "Traceback" not in proc.stderr and "\x1b[?1049h" not in proc.stdout + proc.stderr


def hostile_entries(recorded: list[dict[str, Any]]) -> list[dict[str, Any]]:
    entries = json.loads(json.dumps(recorded[:3]))
    for e in entries:
        e["paper"]["title"] = e["title"] = HOSTILE + e["paper"]["title"]
        e["paper"]["authors"] = [{"name": HOSTILE}]
        e["paper"]["summary"] = HOSTILE
        e["paper"]["ai_keywords"] = [HOSTILE]
        e["paper"]["organization"] = e["organization"] = {"name": HOSTILE, "fullname": HOSTILE}
    return entries


def test_hostile_strings_never_reach_the_output(
    server: LoopbackServer, recorded: list[dict[str, Any]]
) -> None:
    server.overrides["/api/daily_papers"] = json_body(hostile_entries(recorded))
    env = {**api(server), "FORCE_COLOR": "1", "COLUMNS": "200"}
    as_json = run("list", "--date", "2026-05-08", "--json", env=env)
    table = run("list", "--date", "2026-05-08", "--offline", env=env)
    assert as_json.returncode == 0 and table.returncode == 0, table.stderr
    assert "\x1b" not in as_json.stdout and "\\u001b" not in as_json.stdout
    # The table may colour (SGR) but must carry nothing else that starts with ESC.
    plain = re.sub(r"\x1b\[[0-9;]*m", "", table.stdout)
    for bad in ("\x1b", "\x07", "\x9b", "\u202e"):
        assert bad not in plain and bad not in as_json.stdout
    assert "[@click=app.quit]q" in plain  # shown literally, as text


def test_config_commands(isolated_home: Path) -> None:
    path = run("config", "--path").stdout.strip()
    assert path == str(isolated_home / "xdg_config_home" / "papertui" / "config.toml")
    assert run("config", "--init").returncode == 0 and Path(path).exists()
    again = run("config", "--init")
    assert again.returncode == 1 and "already exists" in again.stderr
    Path(path).write_text("theme = 3\n")
    shown = run("config", "--show")
    assert shown.returncode == 0 and 'theme = "textual-dark"' in shown.stdout
    assert "theme must be" in shown.stderr and path in shown.stderr


def test_python_dash_m_and_version() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "papertui", "--version"], capture_output=True, text=True
    )
    assert proc.returncode == 0 and proc.stdout.startswith("papertui ")


def test_reader_says_why_when_the_cache_cannot_be_opened(isolated_home: Path) -> None:
    blocker = isolated_home / "xdg_cache_home"
    blocker.write_text("a file where the cache directory should be")
    master, slave = pty.openpty()  # a terminal, so that the reader gets as far as the cache
    proc = subprocess.run(
        [SCRIPT, "--date", "2026-05-08"],
        stdin=slave,
        stdout=slave,
        stderr=subprocess.PIPE,
        text=True,
        timeout=30,
    )
    os.close(slave)
    os.close(master)
    assert proc.returncode == 1 and "cannot open the cache" in proc.stderr
    assert "Traceback" not in proc.stderr and "\x1b[?1049h" not in proc.stderr


def test_the_reader_without_a_terminal_says_so(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with out.open("w") as stdout:
        proc = subprocess.run(
            [SCRIPT, "--date", "2026-05-08"],
            stdin=subprocess.DEVNULL,
            stdout=stdout,
            stderr=subprocess.PIPE,
            text=True,
            timeout=30,
        )
    assert proc.returncode == 2 and out.read_text() == ""
    assert proc.stderr == "papertui: error: the reader needs a terminal; try papertui list\n"


def in_terminal(args: list[str], cols: int, env: dict[str, str]) -> str:
    """What `papertui ARGS` prints on a terminal `cols` wide (stdout a pty)."""
    import fcntl
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, cols, 0, 0))
    environ = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "FORCE_COLOR")}
    proc = subprocess.Popen(
        [SCRIPT, *args], stdout=slave, stderr=subprocess.PIPE, env={**environ, **env}
    )
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the other end closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    proc.wait(timeout=60)
    os.close(master)
    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", b"".join(chunks).decode()).replace("\r", "")


@pytest.mark.parametrize("cols", [80, 100, 120, 140])
def test_table_fits_the_terminal_and_keeps_the_counts(server: LoopbackServer, cols: int) -> None:
    from rich.cells import cell_len

    assert run("list", "--date", "2026-05-08", env=api(server)).returncode == 0  # cached now
    out = in_terminal(["list", "--date", "2026-05-08", "--offline", "--limit", "5"], cols, {})
    lines = [line for line in out.splitlines() if line.strip()]
    assert all(cell_len(line) <= cols for line in lines), out
    rows = [line for line in lines if line.startswith("│")]
    assert len(rows) == 5, out
    first = [cell.strip() for cell in rows[0].strip("│").split("│")]
    assert first[:3] == ["1", "86", "3"] and first[3].startswith("Beyond Semantic")
    assert "2026-05-08" in rows[0]  # the date gives way last: it fits at every width here
    if cols >= 100:
        assert "TIGER-Lab" in rows[0]


def test_piped_list_is_tab_separated(server: LoopbackServer) -> None:
    proc = run("list", "--date", "2026-05-08", "--limit", "3", env=api(server))
    lines = proc.stdout.splitlines()
    assert proc.returncode == 0 and len(lines) == 3
    fields = lines[0].split("\t")
    assert fields[:3] == ["1", "86", "3"] and fields[4:] == ["TIGER-Lab", "2026-05-08"]
    assert fields[3].startswith("Beyond Semantic Similarity") and "…" not in fields[3]


def test_list_usage_errors_show_the_list_usage() -> None:
    proc = run("list", "--date", "2026-13-45")
    assert proc.returncode == 2 and "usage: papertui list" in proc.stderr


def test_a_typed_escape_in_a_search_never_reaches_the_terminal() -> None:
    proc = run("list", "--search", "\x1b]0;X\x07 agents", "--offline")
    assert proc.returncode == 1
    assert "\x1b" not in proc.stderr and "\x07" not in proc.stderr
    assert "No paper kept here matches '\ufffd]0;X\ufffd agents'" in proc.stderr


def test_low_level_detail_only_when_asked(server: LoopbackServer) -> None:
    from loopback import truncated

    server.overrides["/api/daily_papers"] = truncated
    args = ["list", "--date", "2026-05-07"]
    plain = run(*args, env=api(server))
    assert plain.returncode == 1 and "broke off before the whole answer arrived" in plain.stderr
    assert "detail:" not in plain.stderr and "peer closed" not in plain.stderr
    verbose = run(*args, "--verbose", env=api(server))
    assert verbose.returncode == 1 and "papertui: detail:" in verbose.stderr
    by_env = run(*args, env={**api(server), "PAPERTUI_DEBUG": "1"})
    assert "papertui: detail:" in by_env.stderr


def test_list_search_keeps_the_hubs_order(
    server: LoopbackServer, recorded: list[dict[str, Any]]
) -> None:
    hub_order = list(reversed(recorded[:5]))
    server.overrides["/api/papers/search"] = json_body(hub_order)
    proc = run("list", "--search", "agent", "--json", env=api(server))
    assert [p["id"] for p in json.loads(proc.stdout)] == [e["paper"]["id"] for e in hub_order]
    by_votes = run("list", "--search", "agent", "--json", "--sort", "upvotes", env=api(server))
    votes = [p["upvotes"] for p in json.loads(by_votes.stdout)]
    assert votes == sorted(votes, reverse=True)


def test_readmes_offline_example_shows_the_sample() -> None:
    proc = run("list", "--date", "2026-05-08", "--offline", "--json")
    assert proc.returncode == 0 and len(json.loads(proc.stdout)) == 37
    assert "bundled sample" in proc.stderr


def test_a_weekend_day_says_why_it_is_empty(server: LoopbackServer) -> None:
    proc = run("list", "--date", "2026-05-09", env=api(server))
    assert proc.returncode == 1
    assert "No Daily Papers on Saturdays and Sundays; the last weekday was Fri 2026-05-08" in (
        proc.stderr
    )


def test_timeout_bounds_every_network_wait_of_the_command(server: LoopbackServer) -> None:
    """Against a hub that never answers, `list` took three tries of 10 s before it fell back
    to its cache; `--timeout 1` gives up after a second in all, and says so."""
    import time

    from loopback import hang

    assert run("list", "--date", "2026-05-08", "--json", env=api(server)).returncode == 0
    server.overrides["/api/daily_papers"] = hang
    began = time.monotonic()
    kept = run("list", "--date", "2026-05-08", "--refresh", "--timeout", "1", env=api(server))
    took = time.monotonic() - began
    assert kept.returncode == 0 and kept.stdout.count("\n") == 37  # the cache answered
    assert "did not finish answering within 1 s" in kept.stderr and took < 8
    bad = run("list", "--timeout", "0")
    assert bad.returncode == 2 and "not a number of seconds above 0" in bad.stderr
