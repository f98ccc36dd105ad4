"""`papertui sync` as a subprocess: a line per month and a summary, usage errors, a failure in
one sentence, and ctrl-c ending in 130 with the finished months kept."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time

import pytest

from loopback import LoopbackServer, archive_entries, hang

from .common import SCRIPT, papertui

MONTHS = ["2026-03", "2026-04", "2026-05"]


def sync(*args: str, url: str) -> subprocess.CompletedProcess[str]:
    return papertui("sync", *args, env={"PAPERTUI_API_URL": url})


def test_sync_says_each_month_and_sums_up(server: LoopbackServer) -> None:
    server.days.clear()
    total = server.add_archive(MONTHS, per_day=2)
    first = sync("--from", "2026-03", "--to", "2026-05", url=server.url)
    assert first.returncode == 0, first.stderr
    lines = first.stderr.splitlines()
    assert [line.split(":")[0] for line in lines[:3]] == ["2026-05", "2026-04", "2026-03"]
    assert len(lines) == 4  # piped: a line a month, then the summary
    assert lines[-1].startswith(
        f"{total} papers fetched in 3 months · the archive holds {total} · 0 skipped as complete"
    )
    assert first.stdout == ""
    # These months ended long before this machine's today: complete, never asked again.
    again = sync("--from", "2026-03", "--to", "2026-05", url=server.url)
    assert again.returncode == 0 and "2026-04: complete, skipped" in again.stderr
    assert (
        f"0 papers fetched in 0 months · the archive holds {total} · 3 skipped as complete · "
        "0 requests" in again.stderr
    )


def test_usage_errors_and_failures_are_one_line(server: LoopbackServer) -> None:
    bad = sync("--from", "2026-13", url=server.url)
    assert bad.returncode == 2 and "not a month" in bad.stderr and "Traceback" not in bad.stderr
    backwards = sync("--from", "2026-05", "--to", "2026-03", url=server.url)
    assert backwards.returncode == 2 and "comes after" in backwards.stderr
    early = sync("--from", "2022-01", "--to", "2022-02", url=server.url)
    assert early.returncode == 2 and "before Daily Papers began" in early.stderr
    offline = sync("--from", "2026-04", "--to", "2026-05", url="http://127.0.0.1:9")
    assert offline.returncode == 1 and offline.stderr.count("\n") == 1
    assert offline.stderr.startswith("papertui: error: Cannot reach 127.0.0.1:9")


@pytest.mark.parametrize(("signum", "status"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_ctrl_c_stops_with_130_and_the_next_sync_resumes(
    server: LoopbackServer, signum: int, status: int
) -> None:
    server.days.clear()
    server.add_archive(MONTHS, per_day=2)

    def stuck_in_march(h, q):  # type: ignore[no-untyped-def]
        if q.get("month") == "2026-03":
            return hang(h, q)
        return server._daily(h, q)

    server.overrides["/api/daily_papers"] = stuck_in_march
    proc = subprocess.Popen(
        [SCRIPT, "sync", "--from", "2026-03", "--to", "2026-05"],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PAPERTUI_API_URL": server.url},
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if any(q.get("month") == "2026-03" for _, q, _ in list(server.requests)):
            break
        time.sleep(0.05)
    proc.send_signal(signum)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == status, err
    assert "Traceback" not in err and err.splitlines()[-1].startswith(
        "papertui: stopped: 2 months kept"
    )
    del server.overrides["/api/daily_papers"]
    server.requests.clear()
    resumed = sync("--from", "2026-03", "--to", "2026-05", url=server.url)
    assert resumed.returncode == 0 and "in 1 month · the archive holds" in resumed.stderr
    assert "2 skipped as complete" in resumed.stderr
    assert {q.get("month") for _, q, _ in server.requests} == {"2026-03"}


def list_offline(*args: str) -> subprocess.CompletedProcess[str]:
    return run_list(*args, "--offline")


def test_synced_days_weeks_and_months_open_offline(server: LoopbackServer) -> None:
    server.days.clear()
    server.add_archive(MONTHS, per_day=2)
    assert sync("--from", "2026-03", "--to", "2026-05", url=server.url).returncode == 0
    server.stop()  # the hub gone: the archive answers
    month = list_offline("--month", "2026-04", "--json")
    assert month.returncode == 0, month.stderr
    papers = json.loads(month.stdout)
    assert len(papers) == 2 * 22 and all(p["id"].startswith("2604.") for p in papers)
    day = json.loads(list_offline("--date", "2026-04-07", "--json").stdout)
    assert len(day) == 2 and {p["submitted"] for p in day} == {"2026-04-07"}
    week = json.loads(list_offline("--week", "2026-W14", "--json").stdout)  # Mar 30 – Apr 5
    assert len(week) == 2 * 5 and {p["id"][:4] for p in week} == {"2603", "2604"}
    # Before the synced months: nothing is known, as before.
    outside = list_offline("--month", "2026-02")
    assert outside.returncode == 1 and outside.stdout == ""


def run_list(*args: str, url: str = "http://127.0.0.1:9") -> subprocess.CompletedProcess[str]:
    return papertui("list", *args, env={"PAPERTUI_API_URL": url})


def test_search_works_offline_ranked_by_relevance(server: LoopbackServer) -> None:
    assert run_list("--date", "2026-05-08", url=server.url).returncode == 0  # now kept here
    server.stop()
    offline = run_list("--search", "retrieval", "--offline", "--json")
    assert offline.returncode == 0, offline.stderr
    titles = [p["title"] for p in json.loads(offline.stdout)]
    assert "retrieval" in titles[0].lower() and len(titles) >= 2
    local = run_list("--search", "retrieval", "--local", "--json")
    assert json.loads(local.stdout) == json.loads(offline.stdout)
    # The hub unreachable without --offline: the papers kept here, and a word why.
    fallback = run_list("--search", "retrieval", "--json")
    assert fallback.returncode == 0 and "Searched the papers kept here instead" in fallback.stderr
    for nothing in ("zzz-nothing", '"'):
        none = run_list("--search", nothing, "--local")
        assert (
            none.returncode == 1 and none.stderr.count("\n") == 1 and "Traceback" not in none.stderr
        )
    bad = run_list("--local", "--date", "2026-05-08")
    assert bad.returncode == 2 and "--local searches" in bad.stderr


def test_the_synced_archive_lists_filters_and_searches_with_the_network_gone(
    server: LoopbackServer,
) -> None:
    empty = papertui("list", "--archive")
    assert empty.returncode == 1 and "papertui sync fetches the archive" in empty.stderr
    server.days.clear()
    total = server.add_archive(MONTHS, per_day=2)
    assert sync("--from", "2026-03", "--to", "2026-05", url=server.url).returncode == 0
    gone = {"PAPERTUI_API_URL": "http://127.0.0.1:9"}
    listed = papertui("list", "--archive", "--limit", "1000", env=gone)
    assert listed.returncode == 0, listed.stderr
    days = [line.split("\t")[5] for line in listed.stdout.splitlines()]
    assert len(days) == total and days == sorted(days, reverse=True)  # newest first
    # A word of the abstracts only (not in any title): the archive's text is searched.
    words = papertui("list", "--archive", "--filter", "abstract:manipulation", "--json", env=gone)
    found = json.loads(words.stdout)
    assert words.returncode == 0 and found and len(found) < total
    assert all("manipulation" in p["summary"].lower() for p in found)  # whole records
    assert all(p["authors"] for p in found)
    entries = [e for m in MONTHS for day in archive_entries(m, 2).values() for e in day]
    most = max(e["paper"]["upvotes"] for e in entries)
    top = papertui("list", "--archive", "--sort", "upvotes", "--limit", "1", env=gone)
    assert top.stdout.split("\t")[1] == str(most)
    none = papertui("list", "--archive", "--filter", "zzz-nothing", env=gone)
    assert none.returncode == 1 and "no paper matches the filter" in none.stderr
    april = len([e for e in entries if e["paper"]["id"].startswith("2604.")])
    month = papertui("list", "--month", "2026-04", "--offline", "--limit", "1000", env=gone)
    assert month.returncode == 0 and len(month.stdout.splitlines()) == april


def test_a_second_sync_at_once_says_one_is_running_and_fetches_nothing(
    server: LoopbackServer,
) -> None:
    """Three syncs at once fetched the whole archive three times."""
    server.days.clear()
    server.add_archive(MONTHS, per_day=2)
    server.overrides["/api/daily_papers"] = hang  # the first sync is busy with its first month
    first = subprocess.Popen(
        [SCRIPT, "sync", "--from", "2026-03", "--to", "2026-05"],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PAPERTUI_API_URL": server.url},
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 20
        while not server.requests and time.monotonic() < deadline:
            time.sleep(0.05)
        asked = len(server.requests)
        second = sync("--from", "2026-03", "--to", "2026-05", url=server.url)
        assert second.returncode == 1 and len(server.requests) == asked
        assert second.stderr == (
            "papertui: error: another papertui sync is running on this cache: it keeps the "
            "archive; this one did nothing\n"
        )
    finally:
        first.kill()
        first.communicate()


def test_piped_a_line_a_month_and_waits_under_a_second_unsaid(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`--rate 20/4` made about 100 lines "waiting 0 s for the hub's rate limit"."""
    from papertui.cli.sync_cmd import LineProgress
    from papertui.service import SyncEvent

    show = LineProgress()
    for event in (
        SyncEvent("month", "2026-05"),
        *(SyncEvent("wait", "2026-05", wait=0.3, said="the hub's rate limit") for _ in range(3)),
        SyncEvent("done", "2026-05", papers=40, requests=5),
        SyncEvent("month", "2026-04"),
        SyncEvent("wait", "2026-04", wait=12.0, said="a 429: the hub asked us to wait"),
        SyncEvent("done", "2026-04", papers=38, requests=9),
        SyncEvent("skipped", "2026-03"),
    ):
        show(event)
    assert capsys.readouterr().err.splitlines() == [
        "2026-05: 40 papers (5 requests so far)",
        "2026-04: 38 papers (9 requests so far; 12 s waiting)",
        "2026-03: complete, skipped",
    ]
