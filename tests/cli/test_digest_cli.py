"""`papertui digest`: offline, watched papers first, For you with bookmarks, safe to cron."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from loopback import LoopbackServer
from papertui.data import paths
from topics import topic_of

from .common import papertui
from .test_foryou_cli import keep, recent


def watch(text: str) -> None:
    config = paths.config_file()
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(text, encoding="utf-8")


def test_a_digest_puts_the_watched_first_then_for_you_then_the_top(isolated_home: Path) -> None:
    papers = recent(12)
    keep(papers)
    watch('[watch]\nauthors = ["Agents Author 1"]\n')
    marked = [p.id for p in papers if topic_of(p) == "math"][:3]
    assert papertui("bookmarks", "add", *marked).returncode == 0
    done = papertui("digest", "--since", (date.today() - timedelta(days=13)).isoformat())
    assert done.returncode == 0, done.stderr
    text = done.stdout
    sections = [line for line in text.splitlines() if line.startswith("## ")]
    assert sections == ["## ◆ Watched", "## For you", "## Top 10 by upvotes"]
    watched = text.split("## For you")[0]
    expected = [p for p in papers if "Agents Author 1" in p.authors]
    assert expected and all(p.hf_url in watched for p in expected)
    assert watched.count("](<https://huggingface.co/papers/") == len(expected)
    for_you = text.split("## For you")[1].split("## Top")[0]
    assert "like your bookmarks" in for_you and not any(m in for_you for m in marked)


def test_nothing_to_report_writes_nothing_and_an_existing_file_needs_force(
    isolated_home: Path,
) -> None:
    out = isolated_home / "digest.md"
    done = papertui("digest", "--date", "2026-05-08", "-o", str(out))
    assert done.returncode == 1 and "No papers of 2026-05-08" in done.stderr
    assert not out.exists()
    keep(recent(2))
    today = date.today().isoformat()
    done = papertui("digest", "--date", today, "-o", str(out))
    assert done.returncode == 0 and out.read_text().startswith("# papertui digest · Daily")
    out.write_text("mine")
    done = papertui("digest", "--date", today, "-o", str(out))
    assert done.returncode == 1 and "pass --force" in done.stderr and out.read_text() == "mine"
    done = papertui("digest", "--date", today, "-o", str(out), "--force", "--top", "1")
    assert done.returncode == 0 and "## Top 1 by upvotes" in out.read_text()
    assert not list(isolated_home.glob("digest.md.*"))  # no temporary file left behind
    done = papertui("digest", "--week", "2026-W99")
    assert done.returncode == 2 and "no such week" in done.stderr


def test_after_a_complete_sync_an_empty_period_is_the_hubs_not_a_reason_to_sync(
    server: LoopbackServer,
) -> None:
    """A cron job told "papertui sync fetches them" after a sync would sync again for
    nothing: the hub has no papers there, and the archive's age says how fresh that is."""
    from datetime import date as day

    today = day.today()
    server.days.clear()
    server.add_archive(["2026-04"], per_day=2)
    server.today = today  # the fake hub's today is this machine's: this month may be synced
    env = {"PAPERTUI_API_URL": server.url}
    for month in ("2026-04", f"{today:%Y-%m}", f"{today - timedelta(days=14):%Y-%m}"):
        assert papertui("sync", "--from", month, "--to", month, env=env).returncode == 0
    saturday = papertui("digest", "--date", "2026-04-04")
    assert saturday.returncode == 1 and saturday.stderr == (
        "papertui: error: The hub has no papers for 2026-04-04 (the archive holds every day "
        "of it, synced just now).\n"
    )
    for_you = papertui("list", "--for-you")
    assert for_you.returncode == 1 and "The hub has no papers for the last 14 days" in (
        for_you.stderr
    )
    unsynced = papertui("digest", "--date", "2026-03-02")
    assert unsynced.returncode == 1 and "papertui sync fetches them" in unsynced.stderr
