"""The line-API list on its own: filtering shortcuts agree with a plain pass, rows render right."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from typing import Any

from textual.app import App, ComposeResult

from papertui.core.bookmark import Bookmark, Snapshot
from papertui.core.hf import parse_entries
from papertui.core.paper import Paper
from papertui.core.query import parse, prepare
from papertui.tui.widgets.paper_list import PaperList
from papertui.tui.widgets.paper_row import fit as _fit
from papertui.tui.widgets.paper_row import visible_spans as _visible_spans

T0 = datetime(2026, 11, 20, tzinfo=UTC)


class ListApp(App[None]):
    def compose(self) -> ComposeResult:
        yield PaperList()


def brute(papers: list[Paper], text: str) -> list[int]:
    query = parse(text)
    return [i for i, p in enumerate(papers) if query.matches(prepare(p))]


async def test_typing_and_erasing_match_a_full_pass(recorded: list[dict[str, Any]]) -> None:
    papers = parse_entries(recorded).papers
    app = ListApp()
    async with app.run_test(size=(100, 30)):
        plist = app.query_one(PaperList)
        plist.set_papers(papers)
        rng = random.Random(7)
        words = [
            "diffusion model",
            "agent rl",
            "-video lang",
            "upvotes:>=5 the",
            'title:"lat',
            "ret",
        ]
        for _ in range(200):
            word = rng.choice(words)
            cut = rng.randint(0, len(word))
            text = word[:cut]
            plist.set_filter(text)
            assert plist.rows == brute(papers, text), text


async def test_random_typing_with_backspaces(recorded: list[dict[str, Any]]) -> None:
    papers = parse_entries(recorded).papers
    app = ListApp()
    async with app.run_test(size=(100, 30)):
        plist = app.query_one(PaperList)
        plist.set_papers(papers)
        for text in ("r", "re", "rew", "re", "ret", "retr", "re", "", "v", "vi", "vid"):
            plist.set_filter(text)
            assert plist.rows == brute(papers, text), repr(text)
        rng = random.Random(11)
        vocabulary = ["reward", "retrieval", "video", "token", "agentic", "bench", "-vid"]
        text = ""
        for _ in range(400):
            if text and rng.random() < 0.35:
                text = text[: rng.randint(0, len(text) - 1)]
            else:
                word = rng.choice(vocabulary)
                text += word[: rng.randint(1, len(word))] + rng.choice(["", " "])
            plist.set_filter(text)
            assert plist.rows == brute(papers, text), repr(text)


async def test_cursor_stays_on_its_paper_while_filtering(recorded: list[dict[str, Any]]) -> None:
    papers = parse_entries(recorded).papers
    app = ListApp()
    async with app.run_test(size=(100, 30)) as pilot:
        plist = app.query_one(PaperList)
        plist.set_papers(papers)
        plist.focus()
        await pilot.press("j")  # "Continuous Latent Diffusion Language Model"
        plist.set_filter("diffusion")
        assert plist.current is not None and plist.current.id == "2605.06548"
        plist.set_filter("")
        assert plist.current.id == "2605.06548" and plist.cursor == 1
        plist.set_papers(list(reversed(papers)), keep_id="2605.06548")
        assert plist.current.id == "2605.06548" and plist.cursor == len(papers) - 2


def test_fit_and_spans() -> None:
    assert _fit("abc", 5) == "abc  " and _fit("abcdef", 4) == "abc…" and _fit("x", 0) == ""
    assert _fit("日本語の論文", 7) == "日本語…"  # wide characters counted in cells
    full = "Recovering Hidden Reward in Diffusion-Based Policies"
    shown = _fit(full, 30)
    assert _visible_spans(full, shown, ("diffusion",)) == [(28, 29)]
    assert _visible_spans(full, shown, ("policies",)) == []
    assert _visible_spans(full, _fit(full, 80), ("reward",)) == [(18, 24)]


async def test_new_tags_and_notes_reach_a_filter_already_in_use(
    recorded: list[dict[str, Any]],
) -> None:
    papers = parse_entries(recorded).papers
    app = ListApp()
    async with app.run_test(size=(100, 30)):
        plist = app.query_one(PaperList)
        plist.set_papers(papers)
        plist.set_filter("tag:zz-new")  # builds every haystack, with no tags yet
        assert plist.count == 0
        mark = Bookmark("2605.06548", "Continuous Latent Diffusion", T0, tags=("zz-new",))
        plist.set_marks(Snapshot([mark]))
        assert [plist.papers[i].id for i in plist.rows] == ["2605.06548"]
        plist.set_filter("zz-new")  # plain words too (they use a second cache)
        assert plist.count == 1


async def settle(app: App[None], pilot: Any) -> None:
    """The filter's threads start (after a frame) and end (a cancelled one too), and the rows
    of the last land."""
    plist = app.query_one(PaperList)
    for _ in range(500):
        if not plist.matching and not any(worker.is_running for worker in app.workers):
            break
        await pilot.pause(0.01)
    await pilot.pause()


async def test_a_filter_over_many_papers_runs_on_a_thread_and_only_the_last_counts(
    recorded: list[dict[str, Any]], monkeypatch: Any
) -> None:
    from papertui.tui.widgets import list_filter, paper_list

    monkeypatch.setattr(paper_list, "THREAD_FROM", 10)  # 37 papers count as many
    monkeypatch.setattr(list_filter, "SLICE", 8)  # and are matched a few at a time
    monkeypatch.setattr(PaperList, "HEAD_BUDGET", 0.0)  # no first rows before the thread
    papers = parse_entries(recorded).papers
    app = ListApp()

    async def settled() -> None:
        await settle(app, pilot)

    async with app.run_test(size=(100, 30)) as pilot:
        plist = app.query_one(PaperList)
        plist.set_papers(papers)
        plist.set_filter("diffusion")
        assert plist.partial and plist.count == 0  # no time for a first row: all on a thread
        await settled()
        assert plist.filter_query.text == "diffusion" and plist.rows == brute(papers, "diffusion")
        for text in ("lang", "langu", "zzz", "agent"):  # typed before any thread is done
            plist.set_filter(text)
        await settled()
        assert plist.filter_query.text == "agent" and plist.rows == brute(papers, "agent")
        plist.set_filter("model")
        plist.set_papers(papers[:20])  # new papers: the running match is for the old ones
        await settled()
        assert plist.filter_query.text == "model" and plist.rows == brute(papers[:20], "model")
        plist.set_filter("")  # clearing is at once
        assert plist.count == 20


async def test_the_first_rows_of_a_long_match_come_with_the_key(
    recorded: list[dict[str, Any]], monkeypatch: Any
) -> None:
    from papertui.tui.widgets import list_filter, paper_list

    monkeypatch.setattr(paper_list, "THREAD_FROM", 10)  # 37 papers count as many
    monkeypatch.setattr(list_filter, "HEAD_SLICE", 2)
    monkeypatch.setattr(PaperList, "HEAD_BUDGET", 60.0)  # the clock never cuts the head short
    papers = parse_entries(recorded).papers
    every = brute(papers, "e")
    assert len(every) > 12  # more than the list's 10 lines
    app = ListApp()
    async with app.run_test(size=(100, 10)) as pilot:
        plist = app.query_one(PaperList)
        plist.set_papers(papers)
        plist.set_filter("e")
        # As the key is handled: a screenful (10 lines), the top of the whole match.
        assert plist.partial and plist.matching and plist.rows == every[:10]
        assert plist.current is papers[every[0]]
        await settle(app, pilot)
        assert not plist.partial and not plist.matching and plist.rows == every
        plist.set_filter("e zzz")  # no match at all, so the head looks at every candidate
        assert plist.rows == [] and not plist.matching
        monkeypatch.setattr(PaperList, "HEAD_BUDGET", 0.0)  # no time for any first rows:
        plist.set_filter("e")  # known: at once
        assert plist.rows == every and not plist.matching
        plist.set_filter("a")  # no rows found yet: none shown, and the list says why
        assert plist.matching and plist.partial and plist.rows == []
        assert "Matching…" in plist.render_line(0).text
        await settle(app, pilot)
        assert plist.rows == brute(papers, "a") and not plist.matching


async def test_a_cursor_below_the_first_rows_stays_put(
    recorded: list[dict[str, Any]], monkeypatch: Any
) -> None:
    from papertui.tui.widgets import list_filter, paper_list

    monkeypatch.setattr(paper_list, "THREAD_FROM", 10)
    monkeypatch.setattr(list_filter, "HEAD_SLICE", 2)
    monkeypatch.setattr(PaperList, "HEAD_BUDGET", 60.0)
    papers = parse_entries(recorded).papers
    every = brute(papers, "e")
    app = ListApp()
    async with app.run_test(size=(100, 10)) as pilot:
        plist = app.query_one(PaperList)
        plist.set_papers(papers)
        plist.cursor = every[-1]  # a paper that matches, far below the first screenful
        plist.set_filter("e")
        # The first rows would put the cursor on top, and the whole match back down again.
        assert not plist.partial and plist.matching and plist.count == len(papers)
        await settle(app, pilot)
        assert plist.rows == every and plist.current is papers[every[-1]]
