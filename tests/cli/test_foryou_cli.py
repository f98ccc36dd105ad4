"""`papertui list --for-you` and `--sort foryou`, offline, from papers kept by a sync."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from papertui.core.paper import Paper
from papertui.data import paths
from papertui.data.store import Store
from topics import topic_of, topical_papers

from .common import papertui


def keep(papers: list[Paper]) -> None:
    """Papers kept as a sync keeps them, a month at a time."""
    store = Store(paths.cache_dir() / "cache.sqlite3")
    months: dict[str, list[Paper]] = {}
    for paper in papers:
        assert paper.submitted is not None
        months.setdefault(f"{paper.submitted:%Y-%m}", []).append(paper)
    for month, kept in months.items():
        store.save_month(month, kept, complete=True)
    store.close()


def recent(per_topic: int) -> list[Paper]:
    """Topical papers of the last 10 days (today included), so For you's 14 days hold them."""
    today = date.today()
    papers = topical_papers(per_topic)
    return [replace(p, submitted=today - timedelta(days=i % 10)) for i, p in enumerate(papers)]


def test_for_you_ranks_the_last_days_like_the_bookmarks(isolated_home: Path) -> None:
    papers = recent(20)
    keep(papers)
    marked = [p.id for p in papers if topic_of(p) == "robotics"][:4]
    assert papertui("bookmarks", "add", *marked).returncode == 0
    done = papertui("list", "--for-you", "--json", "--limit", "10")
    assert done.returncode == 0, done.stderr
    ranked = [p["id"] for p in json.loads(done.stdout)]
    by_id = {p.id: p for p in papers}
    assert sum(topic_of(by_id[i]) == "robotics" for i in ranked) >= 8
    assert not set(marked) & set(ranked)  # the bookmarked papers are left out
    # Another view sorted for you (the archive: light rows, read through their filter text):
    # the same topic on top, the bookmarked ones last.
    done = papertui("list", "--archive", "--sort", "foryou", "--json", "--limit", "500")
    assert done.returncode == 0, done.stderr
    listed = [p["id"] for p in json.loads(done.stdout)]
    assert topic_of(by_id[listed[0]]) == "robotics" and set(listed[-4:]) == set(marked)


def test_for_you_without_bookmarks_says_so_and_sorts_by_upvotes(isolated_home: Path) -> None:
    papers = recent(3)
    keep(papers)
    done = papertui("list", "--for-you", "--json")
    assert done.returncode == 0
    assert done.stderr.count("\n") == 1 and "no bookmarks to rank by" in done.stderr
    votes = [p["upvotes"] for p in json.loads(done.stdout)]
    assert votes == sorted(votes, reverse=True)


def test_for_you_with_nothing_kept_and_days_alone_are_one_line_errors() -> None:
    done = papertui("list", "--for-you")
    assert done.returncode == 1 and "papertui sync" in done.stderr
    assert done.stderr.count("\n") == 1
    done = papertui("list", "--days", "3")
    assert done.returncode == 2 and "--days goes with --for-you" in done.stderr


def test_watched_papers_are_marked_and_filtered(isolated_home: Path) -> None:
    papers = recent(10)
    keep(papers)
    config = paths.config_file()
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(
        '[watch]\nauthors = ["Math Author 2"]\n[watch.queries]\nspeech = "org:speech"\n',
        encoding="utf-8",
    )
    done = papertui("list", "--archive", "--filter", "is:watched", "--json", "--limit", "500")
    assert done.returncode == 0, done.stderr
    listed = json.loads(done.stdout)
    expected = {p.id for p in papers if "Math Author 2" in p.authors or topic_of(p) == "speech"}
    assert {p["id"] for p in listed} == expected
    for record in listed:
        assert record["watched"] in (["author Math Author 2"], ["speech"])
    done = papertui("list", "--archive", "--filter", "-is:watched is:unread", "--json")
    assert done.returncode == 0 and not expected & {p["id"] for p in json.loads(done.stdout)}
    # On a terminal the table marks them as the reader does; piped lines stay as they are.
    table = papertui(
        "list", "--archive", "--limit", "500", env={"FORCE_COLOR": "1", "COLUMNS": "160"}
    )
    marked = [line for line in table.stdout.splitlines() if "◆" in line]
    assert table.returncode == 0 and len(marked) == len(expected)
    assert "◆" not in papertui("list", "--archive", "--limit", "500").stdout


def test_a_bookmarks_file_that_does_not_parse_stops_for_you_and_the_digest(
    isolated_home: Path,
) -> None:
    """Ranked as if there were no bookmarks, a cron job's digest would say nothing of them:
    both say where the file breaks and exit 1, and the file stays as it is."""
    keep(recent(2))
    marks = paths.bookmarks_file()
    marks.parent.mkdir(parents=True, exist_ok=True)
    marks.write_text("not = [valid toml\n", encoding="utf-8")
    for args in (("list", "--for-you", "--limit", "3"), ("digest", "--since", "2026-01-01")):
        done = papertui(*args)
        assert done.returncode == 1 and done.stdout == "", args
        assert f"{marks} line " in done.stderr and "Traceback" not in done.stderr
    assert marks.read_text() == "not = [valid toml\n"


def test_nothing_close_to_the_bookmarks_is_said_in_the_list_and_the_digest(
    isolated_home: Path,
    recorded: list,  # type: ignore[type-arg]
) -> None:
    """Protein bookmarks over a fortnight of NLP papers: no paper is "for you" for words every
    abstract uses; three protein papers among them are, and only they."""
    from papertui.core.hf import parse_entries
    from topics import PROTEIN_BOOKMARKS, PROTEIN_PAPERS

    today = date.today()
    day = [replace(p, submitted=today) for p in parse_entries(recorded).papers]
    keep([*day, *(replace(p, submitted=date(2024, 5, 1)) for p in PROTEIN_BOOKMARKS)])
    added = papertui("bookmarks", "add", *(p.id for p in PROTEIN_BOOKMARKS))
    assert added.returncode == 0, added.stderr
    done = papertui("list", "--for-you")
    assert done.returncode == 1 and done.stdout == ""
    assert "Nothing close to your bookmarks among the 37 papers of the last 14 days" in (
        done.stderr
    )
    digest = papertui("digest", "--date", today.isoformat())
    assert digest.returncode == 0, digest.stderr
    for_you = digest.stdout.split("## For you")[1].split("## Top")[0]
    assert for_you.strip() == "Nothing close to your bookmarks in this period."
    keep([replace(p, submitted=today) for p in PROTEIN_PAPERS])
    done = papertui("list", "--for-you", "--json")
    assert done.returncode == 0, done.stderr
    listed = json.loads(done.stdout)
    assert {p["id"] for p in listed} == {p.id for p in PROTEIN_PAPERS}
    assert all("protein" in p["for_you"] for p in listed)
