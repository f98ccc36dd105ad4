"""The CLI on a machine in a bad state: full disks, closed streams, odd encodings, files that
are not files. One sentence and an exit status each, never a traceback or a hang."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from loopback import LoopbackServer

SCRIPT = str(Path(sys.executable).parent / "papertui")


def sh(command: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`command` in a shell, with `papertui` the installed script; never waits over 20 s."""
    return subprocess.run(
        ["sh", "-c", command.replace("papertui", SCRIPT, 1)],
        capture_output=True,
        text=True,
        timeout=20,
        env={**os.environ, **(env or {})},
        stdin=subprocess.DEVNULL,
    )


@pytest.fixture
def cached(server: LoopbackServer) -> dict[str, str]:
    env = {"PAPERTUI_API_URL": server.url}
    assert sh("papertui list --date 2026-05-08 --json > /dev/null", env).returncode == 0
    return env


def no_traceback(proc: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in proc.stderr and "Error:" not in proc.stderr.replace("error:", "")


def test_a_full_disk(cached: dict[str, str]) -> None:
    proc = sh("papertui list --date 2026-05-08 --json > /dev/full", cached)
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr == "papertui: error: cannot write the output: No space left on device\n"


def test_a_closed_stdout(cached: dict[str, str]) -> None:
    proc = sh("papertui list --date 2026-05-08 >&-", cached)
    assert proc.returncode == 1 and "standard output or error is closed" in proc.stderr
    no_traceback(proc)


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_an_output_that_is_not_utf8(cached: dict[str, str], encoding: str) -> None:
    env = {**cached, "PYTHONIOENCODING": encoding}
    table = sh("papertui list --date 2026-05-08 --offline --limit 3", env)
    assert table.returncode == 0 and "Beyond Semantic" in table.stdout
    no_traceback(table)
    as_json = sh("papertui list --date 2026-05-08 --offline --json", env)
    utf8 = sh("papertui list --date 2026-05-08 --offline --json", cached)
    assert json.loads(as_json.stdout) == json.loads(utf8.stdout)  # valid, nothing replaced


@pytest.mark.parametrize(
    "command",
    ["bookmarks list", "export", "bookmarks add 2605.05242", "bookmarks remove 2605.05242"],
)
def test_a_bookmarks_file_that_is_a_named_pipe(
    cached: dict[str, str], isolated_home: Path, command: str
) -> None:
    data = isolated_home / "xdg_data_home" / "papertui"
    data.mkdir(parents=True)
    os.mkfifo(data / "bookmarks.toml")
    proc = sh(f"papertui {command}", cached)  # would hang forever on the pipe
    assert proc.returncode == 1 and "is a named pipe, not a bookmarks file" in proc.stderr
    no_traceback(proc)


def test_export_never_makes_directories(cached: dict[str, str], tmp_path: Path) -> None:
    assert sh("papertui bookmarks add 2605.05242", cached).returncode == 0
    missing = tmp_path / "no-such-dir" / "out.md"
    proc = sh(f"papertui export -o {missing}", cached)
    assert proc.returncode == 1 and "does not exist; create it first" in proc.stderr
    assert not missing.parent.exists()
    proc = sh(f"papertui export -o {tmp_path}/", cached)
    assert proc.returncode == 1 and "is a directory" in proc.stderr


def test_a_cache_directory_that_is_a_file(cached: dict[str, str], isolated_home: Path) -> None:
    cache = isolated_home / "xdg_cache_home"
    for path in sorted(cache.rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    cache.rmdir()
    cache.write_text("a file where a directory belongs")
    for command in ("bookmarks add 2605.05242", "list --offline"):
        proc = sh(f"papertui {command}", cached)
        assert proc.returncode == 1 and "cannot open the cache" in proc.stderr, command
        no_traceback(proc)


@pytest.mark.parametrize("redirect", ["<&-", "< /dev/null", "> /dev/null"])
def test_the_reader_without_a_terminal(redirect: str) -> None:
    proc = sh(f"papertui --date 2026-05-08 {redirect}")
    assert proc.returncode == 2
    assert proc.stderr == "papertui: error: the reader needs a terminal; try papertui list\n"


@pytest.mark.parametrize(
    "command",
    [
        "list --month 9999-12",
        "list --week 9999-W52",
        "list --month 0000-01",
        "digest --month 9999-12",
        "digest --week 0000-W01",
        "sync --from 0000-01",
        "sync --to 9999-12",
        "--month 0000-01",
        "--date 9999-12-31",
    ],
)
def test_a_period_out_of_range_is_one_sentence_naming_the_range(command: str) -> None:
    """They ended in ValueError or OverflowError tracebacks (a year 0, the month after
    9999-12) before any date could be checked."""
    done = sh(f"papertui {command}")
    no_traceback(done)
    assert done.returncode == 2
    said = done.stderr.strip().splitlines()[-1]
    assert said.startswith("papertui") and "Daily Papers run from 2023-05-04 to today" in said
