"""Keyboard flows of the reader, driven with Textual's pilot."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from textual.widgets import Input

from loopback import LoopbackServer, raw
from papertui.core.settings import Config
from papertui.core.views import Kind, View
from papertui.data.readstate import ReadState
from papertui.tui.app import PaperApp
from papertui.tui.screens.help import HelpScreen
from papertui.tui.screens.main import MainScreen
from papertui.tui.widgets.paper_detail import PaperDetail
from papertui.tui.widgets.paper_list import PaperList
from papertui.tui.widgets.status_bar import StatusBar

from .conftest import AppFactory


def main(app: PaperApp) -> MainScreen:
    screen = app.screen
    assert isinstance(screen, MainScreen), screen
    return screen


def detail_text(app: PaperApp) -> str:
    body = app.screen.query_one(PaperDetail).query_one("#detail-body")
    console = Console(width=200, record=True)
    console.print(body.content)  # type: ignore[attr-defined]
    return console.export_text()


def status_text(app: PaperApp) -> str:
    return str(app.screen.query_one(StatusBar).render())


async def settle(pilot: Any, app: PaperApp) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_opens_on_the_cached_day_and_follows_the_cursor(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        papers = main(app).list
        assert papers.count == 37 and papers.current is not None and papers.current.upvotes == 86
        assert "Beyond Semantic Similarity" in detail_text(app)
        assert "Daily · Fri 8 May 2026" in str(app.screen.query_one("#title").content)  # type: ignore[attr-defined]
        assert "cached · 10 min ago" in status_text(app) and "37 papers" in status_text(app)
        await pilot.press("j")
        text = detail_text(app)
        assert "Continuous Latent Diffusion Language Model" in text and "Abstract" in text


async def test_navigation_keys(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        papers = main(app).list
        await pilot.press("G")
        assert papers.cursor == 36
        await pilot.press("g")
        assert papers.cursor == 0
        await pilot.press("ctrl+d")
        half = papers.cursor
        assert half > 5
        await pilot.press("ctrl+u")
        assert papers.cursor == 0
        await pilot.press("pagedown")
        assert papers.cursor > half
        await pilot.press("end", "up", "k")
        assert papers.cursor == 34
        await pilot.press("home", "down")
        assert papers.cursor == 1


async def test_filter_as_you_type(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        papers = main(app).list
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        await pilot.press(*"diffusion")
        assert papers.count == 7
        assert all(
            "diffusion" in (p.title + p.summary + " ".join(p.ai_keywords)).lower()
            for p in (papers.papers[i] for i in papers.rows)
        )
        assert "7 of 37" in status_text(app)
        await pilot.press("enter")
        assert app.focused is papers and papers.count == 7
        await pilot.press("escape")
        assert papers.count == 37 and "37 papers" in status_text(app)


async def test_a_long_filter_shows_its_first_rows_and_says_the_rest_comes(
    make_app: AppFactory, monkeypatch: Any
) -> None:
    from papertui.tui.widgets import list_filter, paper_list

    monkeypatch.setattr(paper_list, "THREAD_FROM", 10)  # 37 papers count as many
    monkeypatch.setattr(list_filter, "HEAD_SLICE", 2)
    monkeypatch.setattr(PaperList, "HEAD_BUDGET", 60.0)
    held: list[tuple[Any, ...]] = []  # the rest of the match, held back until the test says
    monkeypatch.setattr(PaperList, "_match_rest", lambda self, *args: held.append(args))
    app = make_app()
    async with app.run_test(size=(120, 16)) as pilot:
        await settle(pilot, app)
        papers = main(app).list
        await pilot.press("slash", "e")
        height = papers.scrollable_content_region.height  # a screenful, under the filter line
        assert papers.partial and papers.count == height and len(held) == 1
        assert f"{height}+ of 37" in status_text(app)
        monkeypatch.undo()
        papers._match_rest(*held[0])
        await settle(pilot, app)
        assert not papers.matching and papers.count > height
        assert f"{papers.count} of 37" in status_text(app)


@pytest.mark.parametrize("owns", [True, False])
async def test_the_reader_freezes_what_the_start_made_once(
    make_app: AppFactory, monkeypatch: Any, owns: bool
) -> None:
    """After the first frame, its garbage collected first; not again as papers land (garbage
    frozen with them was never freed: 100 view switches, +85 MB); never in an app made
    without owning the process (tests, the screenshot script)."""
    import gc

    from papertui.tui.ending import Ending

    calls: list[str] = []  # the real freeze would keep this test process's garbage forever
    monkeypatch.setattr(gc, "freeze", lambda: calls.append("freeze"))
    monkeypatch.setattr(gc, "collect", lambda *a: calls.append("collect") or 0)
    monkeypatch.setattr(Ending, "start", lambda self: calls.append("signals"))
    app = make_app(owns_process=owns)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        await pilot.press("left_square_bracket", "right_square_bracket")
        await settle(pilot, app)
        assert calls == (["signals", "collect", "freeze"] if owns else [])


@pytest.mark.parametrize("pause", [60.0, 0.05])
async def test_the_detail_follows_a_filter_once_typing_pauses_or_ends(
    make_app: AppFactory, monkeypatch: Any, pause: float
) -> None:
    monkeypatch.setattr(MainScreen, "DETAIL_PAUSE", pause)
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        papers = main(app).list
        first = papers.current
        assert first is not None and first.title in detail_text(app)
        await pilot.press("slash", *"diffusion")
        top = papers.current
        assert top is not None and top.id != first.id
        if pause > 1:
            assert first.title in detail_text(app)  # still: the typing has not paused
            await pilot.press("enter")  # the filter kept: the detail follows at once
        else:
            await pilot.pause(0.3)
        assert top.title in detail_text(app)


async def test_filter_fields_and_nothing_matching(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        await pilot.press("slash", *"upvotes:>=60")
        assert main(app).list.count == 3
        await pilot.press("escape", "slash", *"zzzqqq")
        assert main(app).list.count == 0 and "Nothing selected" in detail_text(app)


async def test_periods_and_trending(make_app: AppFactory, server: LoopbackServer) -> None:
    app = make_app(url=server.url)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        await pilot.press("right_square_bracket")
        await settle(pilot, app)
        screen = main(app)
        assert screen.view == View(Kind.DAY, "2026-05-11")
        assert screen.list.count == 0 and "live" in status_text(app)
        await pilot.press("left_square_bracket")
        await settle(pilot, app)
        assert screen.view.arg == "2026-05-08" and screen.list.count == 37
        await pilot.press("1")
        await settle(pilot, app)
        assert "HF trending" in str(app.screen.query_one("#title").content)  # type: ignore[attr-defined]
        assert [p.id for p in screen.list.papers] == [e["paper"]["id"] for e in server.trending]
        assert "HF trending order" in status_text(app)
        # The sample stood in for trending until the live list came: that starts at the top.
        assert (
            screen.list.cursor == 0 and screen.list.current.id == server.trending[0]["paper"]["id"]
        )  # type: ignore[union-attr]
        await pilot.press("2")
        await settle(pilot, app)
        assert screen.view.arg == "2026-05-08"  # the day we were on


async def test_sort_cycles_and_is_named(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        papers = main(app).list
        await pilot.press("s")
        assert "by date" in status_text(app)
        await pilot.press("s")
        assert "by comments" in status_text(app)
        comments = [p.comments or 0 for p in papers.papers]
        assert comments == sorted(comments, reverse=True)
        await pilot.press("s")
        assert "by GitHub stars" in status_text(app)
        assert papers.papers[0].github_stars == max(p.github_stars or 0 for p in papers.papers)
        await pilot.press("s")
        assert "for you" in status_text(app)
        await pilot.press("s")
        assert "by upvotes" in status_text(app)


async def test_open_read_and_back(make_app: AppFactory, tmp_path: Path, opened: list[str]) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        papers = main(app).list
        await pilot.press("enter")
        assert isinstance(app.focused, PaperDetail)
        assert "2605.05242" in papers.read_ids and "read" in detail_text(app)
        await pilot.press("h")
        assert app.focused is papers
        await pilot.press("u")
        assert "2605.05242" not in papers.read_ids
        await pilot.press("j", "o", "O", "p")
        await settle(pilot, app)
        assert opened == [
            "https://huggingface.co/papers/2605.06548",
            "https://arxiv.org/abs/2605.06548",
            "https://arxiv.org/pdf/2605.06548",
        ]
        assert "2605.06548" in papers.read_ids
        await pilot.press("J")  # scrolls the abstract; the list keeps focus
        assert app.focused is papers
        await pilot.press("y")
        await settle(pilot, app)
    assert ReadState(tmp_path / "state.sqlite3").read_ids() == {"2605.06548"}


async def test_help_lists_live_keys_and_honours_the_keymap(make_app: AppFactory) -> None:
    app = make_app(config=Config(keymap={"sort": "z"}))
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        keys = app.screen.keys
        assert keys["filter"] == (["/"], "Filter") and keys["sort"][0] == ["z"]
        assert "cursor_down" in keys and keys["quit"][0] == ["q"]
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
        await pilot.press("z")
        assert "by date" in status_text(app)


async def test_search_dialog(make_app: AppFactory, server: LoopbackServer) -> None:
    app = make_app(url=server.url)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        await pilot.press("S", *"latent", "enter")
        await settle(pilot, app)
        screen = main(app)
        assert screen.view == View(Kind.SEARCH, "latent")
        assert screen.list.count >= 1 and all(
            "latent" in p.title.lower() for p in screen.list.papers
        )


async def test_offline_first_run_opens_on_the_sample(make_app: AppFactory) -> None:
    app = make_app(view=View(Kind.TRENDING), cached=False)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await settle(pilot, app)
        assert main(app).list.count == 37
        assert "sample data" in status_text(app) and "offline" in status_text(app)
        messages = [n.message for n in app._notifications]
        assert any("Cannot reach" in m for m in messages) and any("sample" in m for m in messages)


async def test_failed_refresh_keeps_the_list_and_says_why(
    make_app: AppFactory, server: LoopbackServer
) -> None:
    server.overrides["/api/daily_papers"] = raw(503, b"")
    app = make_app(url=server.url)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await settle(pilot, app)
        await pilot.press("r")
        await settle(pilot, app)
        assert main(app).list.count == 37
        assert "cached · 10 min ago · server error" in status_text(app)  # not "offline"
        assert any("server error" in n.message for n in app._notifications)


async def test_a_day_never_fetched_and_unreachable_says_so(make_app: AppFactory) -> None:
    app = make_app(View(Kind.DAY, "2026-05-07"), cached=False)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await settle(pilot, app)
        assert main(app).list.count == 0
        assert any("Nothing is cached" in n.message for n in app._notifications)
        assert "offline" in status_text(app)


async def test_hostile_text_is_shown_literally(
    make_app: AppFactory, recorded: list[dict[str, Any]]
) -> None:
    entries = json.loads(json.dumps(recorded[:3]))
    entries[0]["paper"]["title"] = "[@click=app.quit]Quit me[/] [bold]x \x1b]52;c;eA==\x07"
    entries[0]["paper"]["authors"] = [{"name": "[/]"}]
    app = make_app(entries=entries)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        text = detail_text(app)
        assert "[@click=app.quit]Quit me[/]" in text and "\x1b" not in text
        await pilot.click(PaperList, offset=(20, 0))
        await pilot.click(PaperDetail, offset=(5, 0))
        await pilot.pause()
        assert app.is_running


async def test_narrow_terminal_stacks_the_panes(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        assert app.screen.query_one("#body").has_class("-stacked")
        assert main(app).list.count == 37


async def test_command_palette_offers_every_action(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        titles = {c.title for c in app.get_system_commands(app.screen)}
        for title in (
            "Sort",
            "Filter",
            "Refresh",
            "Open PDF",
            "Copy arXiv link",
            "Toggle read",
            "Search",
            "Next period",
        ):
            assert title in titles


async def test_quit(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        await pilot.press("q")
        await pilot.pause()
        assert app._exit  # q asked the app to exit (rebinding q away fails this)
    assert app.return_code == 0


async def test_the_collector_paused_for_the_start_runs_again_after_the_first_frame(
    make_app: AppFactory,
) -> None:
    import gc

    app = make_app()
    gc.disable()  # as cli.reader.run does before Textual is imported
    try:
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot, app)
            assert gc.isenabled()
    finally:
        gc.enable()


async def test_leaving_a_view_cancels_its_fetch(
    make_app: AppFactory, server: LoopbackServer
) -> None:
    from textual.worker import WorkerState

    from loopback import hang

    server.overrides["/api/daily_papers"] = hang
    app = make_app(url=server.url, cached=False)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        for _ in range(50):  # the fetch is waiting on the server that never answers
            await pilot.pause(0.02)
            fetches = [w for w in app.workers if w.group == "fetch"]
            if fetches and fetches[0].state is WorkerState.RUNNING:
                break
        assert [w.state for w in fetches] == [WorkerState.RUNNING]
        await pilot.press("5")  # the bookmarks: nothing to fetch
        await settle(pilot, app)
        assert fetches[0].state is WorkerState.CANCELLED
        assert "fetching" not in status_text(app) and "bookmarks file" in status_text(app)
        assert not any("Could not load" in (n.title or "") for n in app._notifications)


async def test_keys_in_the_focused_detail_scroll_it(make_app: AppFactory) -> None:
    from .test_keys import burst

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        screen = main(app)
        await pilot.press("enter")
        detail = screen.detail
        assert app.focused is detail and detail.max_scroll_y > 5
        await pilot.press("j", "j", "j")
        assert detail.scroll_y == 3 and screen.list.cursor == 0
        await pilot.press("k")
        assert detail.scroll_y == 2
        await pilot.press("G")
        assert detail.scroll_y == detail.max_scroll_y
        await pilot.press("g")
        assert detail.scroll_y == 0
        await pilot.press("ctrl+d")
        half = detail.scrollable_content_region.height // 2
        assert detail.scroll_y == half
        await pilot.press("ctrl+u")
        assert detail.scroll_y == 0 and screen.list.cursor == 0
        # A line a press, however fast (an animated scroll took 20 quick presses for ~6).
        burst(app, "jjjjjjjj")
        await settle(pilot, app)
        assert detail.scroll_y == 8
        burst(app, ["k", "k", "ctrl+d"])
        await settle(pilot, app)
        assert detail.scroll_y == min(detail.max_scroll_y, 6 + detail.size.height // 2)


async def test_keys_typed_right_after_slash_reach_the_filter(make_app: AppFactory) -> None:
    from textual import events
    from textual.widgets import Input

    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        for key in ["slash", *"diffusion"]:  # queued at once, as a fast typist or a paste
            char = "/" if key == "slash" else key
            app.post_message(events.Key(key, char))
        await settle(pilot, app)
        box = app.screen.query_one("#filter", Input)
        assert box.value == "diffusion" and app.focused is box
        assert main(app).list.cursor == 0


async def test_search_keeps_the_hubs_order(
    make_app: AppFactory, server: LoopbackServer, recorded: list[dict[str, Any]]
) -> None:
    from loopback import json_body

    hub_order = list(reversed(recorded[:5]))  # least upvoted first: the hub's "best match"
    server.overrides["/api/papers/search"] = json_body(hub_order)
    app = make_app(url=server.url)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        await pilot.press("S", *"agent", "enter")
        await settle(pilot, app)
        papers = main(app).list
        assert [p.id for p in papers.papers] == [e["paper"]["id"] for e in hub_order]
        assert "by relevance" in status_text(app)
        await pilot.press("s")
        assert "by upvotes" in status_text(app)
        await pilot.press("s", "s", "s", "s", "s")  # date, comments, stars, for you, relevance
        assert "by relevance" in status_text(app)


def list_text(app: PaperApp) -> str:
    papers = main(app).list
    return "".join(segment.text for segment in papers.render_line(0))


async def test_no_browser_says_so_and_offers_the_link(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    import webbrowser

    monkeypatch.setattr(webbrowser, "open", lambda url: False)  # as on a server
    app = make_app()
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await settle(pilot, app)
        await pilot.press("o")
        await settle(pilot, app)
        messages = [n.message for n in app._notifications]
        assert not any(m.startswith("Opening") for m in messages)
        assert any(
            "No browser could be opened" in m and "https://huggingface.co/papers/2605.05242" in m
            for m in messages
        )


async def test_a_hung_server_with_nothing_cached_says_what_happened(
    make_app: AppFactory, server: LoopbackServer
) -> None:
    from loopback import hang

    server.overrides["/api/daily_papers"] = hang
    app = make_app(View(Kind.DAY, "2026-05-07"), url=server.url, cached=False)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await pilot.pause(0.3)
        assert "Loading…" in list_text(app) and "fetching" in status_text(app)
        await settle(pilot, app)  # the client gives up within its budget (2 s here)
        assert "not loaded · server did not answer" in status_text(app)
        assert "offline" not in status_text(app)
        assert "Not loaded (server did not answer)" in list_text(app)


async def test_a_weekend_day_says_why_it_is_empty(
    make_app: AppFactory, server: LoopbackServer
) -> None:
    app = make_app(View(Kind.DAY, "2026-05-09"), url=server.url, cached=False)  # a Saturday
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await settle(pilot, app)
        assert main(app).list.count == 0 and "0 papers" in status_text(app)
        assert "No Daily Papers on Saturdays and Sundays" in list_text(app)
        assert any("Fri 2026-05-08" in n.message for n in app._notifications)
        await pilot.press("left_square_bracket")
        await settle(pilot, app)
        assert main(app).view == View(Kind.DAY, "2026-05-08")


async def test_one_paper_is_one_paper(make_app: AppFactory, tmp_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        await pilot.press("b", "5")
        await settle(pilot, app)
        assert "1 paper" in status_text(app) and "1 papers" not in status_text(app)


async def test_d_jumps_to_a_day_week_or_month(make_app: AppFactory) -> None:
    from textual.widgets import Input, Label

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        await pilot.press("D")
        await pilot.pause()
        box = app.screen.query_one("#goto-period", Input)
        box.value = "2026-13"
        await pilot.press("enter")
        await pilot.pause()
        error = str(app.screen.query_one("#goto-error", Label).content)
        assert "not a month" in error and not isinstance(app.screen, MainScreen)
        box.value = "2026-W19"
        await pilot.press("enter")
        await settle(pilot, app)
        assert main(app).view == View(Kind.WEEK, "2026-W19")
        await pilot.press("D", "escape")
        await settle(pilot, app)
        assert main(app).view == View(Kind.WEEK, "2026-W19")


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
async def test_help_key_always_shows_and_period_keys_only_where_they_work(
    make_app: AppFactory, size: tuple[int, int]
) -> None:
    from textual.widgets import Footer
    from textual.widgets._footer import FooterKey

    app = make_app()
    async with app.run_test(size=size) as pilot:
        await settle(pilot, app)

        def visible_keys() -> list[str]:
            footer = app.screen.query_one(Footer)
            return [k.key for k in footer.query(FooterKey) if k.region.right <= size[0]]

        assert "question_mark" in visible_keys() and "left_square_bracket" in visible_keys()
        await pilot.press("1")  # trending: no periods
        await settle(pilot, app)
        assert "question_mark" in visible_keys()
        assert "left_square_bracket" not in visible_keys()
        await pilot.press("question_mark")
        await pilot.pause()
        title = app.screen.query_one("#help-title")
        assert "escape, q or ? closes" in str(title.render())
        assert title.region.bottom <= size[1] and title.region.right <= size[0]


async def test_the_list_shows_the_value_it_is_sorted_by(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        title = lambda: str(app.screen.query_one("#title").content)  # type: ignore[attr-defined]  # noqa: E731
        # The rank as wide as the largest (37: two digits); the title says the order.
        assert list_text(app).startswith(" 1 ▲  86 ✉  3")
        assert title() == " Daily · Fri 8 May 2026 · by upvotes"
        await pilot.press("s")  # by date: the Daily Papers date, then the upvotes
        assert list_text(app).startswith(" 1 05-08 ▲ ")
        assert title() == " Daily · Fri 8 May 2026 · newest first"
        await pilot.press("s")  # by comments
        assert list_text(app).startswith(" 1 ✉   6 ▲ 68")
        await pilot.press("s")  # by stars: their own glyph (★ is a bookmark's)
        assert list_text(app).startswith(" 1 ✦") and "★" not in list_text(app)
        await pilot.press("5")  # the bookmarks open newest first, as --bookmarks does
        assert main(app).sort.value == "added" and title() == " Bookmarks · newest first"


async def test_u_hides_read_papers_and_brings_them_back(make_app: AppFactory) -> None:
    app = make_app(read=("2605.06548",))
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        papers = main(app).list
        await pilot.press("U")
        assert papers.count == 36 and "unread only · 36 of 37" in status_text(app)
        assert "2605.06548" not in [papers.papers[i].id for i in papers.rows]
        await pilot.press("enter", "h")  # reading one keeps it in sight until the list changes
        assert papers.count == 36
        await pilot.press("U")
        assert papers.count == 37 and "37 papers" in status_text(app)


MARKUP_TITLE = "[bold]Bold[/bold] [/] [@click=app.quit]Quit[/] [red]R"


async def test_titles_are_never_markup_in_the_list_or_a_notification(
    make_app: AppFactory, recorded: list[dict[str, Any]]
) -> None:
    entries = json.loads(json.dumps(recorded))
    entries[0]["paper"]["title"] = entries[0]["title"] = MARKUP_TITLE
    app = make_app(entries=entries)
    async with app.run_test(size=(160, 36), notifications=True) as pilot:
        await settle(pilot, app)
        assert list_text(app).startswith(" 1 ▲  86 ✉  3   " + MARKUP_TITLE[:40])
        await pilot.press("b")  # "★ Bookmarked: <title>", which a markup notify would parse
        await settle(pilot, app)
        said = [n for n in app._notifications if "Bookmarked" in n.message]
        assert said and said[0].message == f"★ Bookmarked: {MARKUP_TITLE}"
        assert all(not n.markup for n in app._notifications)
        assert app.is_running  # [@click=app.quit] ran nothing


async def test_only_https_links_reach_a_browser(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch, opened: list[str]
) -> None:
    from papertui.tui.screens.link_actions import LinkActions

    monkeypatch.setattr(LinkActions, "_url", lambda self, which, paper: "http://evil.example/")
    app = make_app()
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await settle(pilot, app)
        await pilot.press("o")
        await settle(pilot, app)
        assert opened == []
        assert any("Only https:// links" in n.message for n in app._notifications)


async def test_six_opens_the_archive_on_light_rows_whole_on_demand(
    make_app: AppFactory, tmp_path: Path
) -> None:
    app = make_app()  # the cached day's papers are in the archive (they have their day)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        await pilot.press("6")
        await settle(pilot, app)
        screen = main(app)
        assert screen.view == View(Kind.ARCHIVE) and screen.list.count == 37
        assert "archive · never synced" in status_text(app) and "by date" in status_text(app)
        current = screen.list.current
        assert current is not None and not current.summary  # a light row
        assert "Abstract" in detail_text(app)  # its whole record, read for the detail
        await pilot.press("slash", *"manipulation", "enter")  # in two abstracts, no title
        assert screen.list.count == 2 and "2 of 37" in status_text(app)
        await pilot.press("b")
        await settle(pilot, app)
        marked = screen.list.current
        assert marked is not None
        saved = (tmp_path / "bookmarks.toml").read_text()
        assert marked.id in saved and "manipulation" in saved.lower()  # saved whole
        await pilot.press("escape", "s")
        assert screen.list.count == 37 and "by comments" in status_text(app)


async def test_an_empty_archive_says_how_to_fill_it(make_app: AppFactory) -> None:
    app = make_app(cached=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        await pilot.press("6")
        await settle(pilot, app)
        assert main(app).list.count == 0
        assert "papertui sync" in main(app).list.placeholder


async def test_with_no_browser_the_message_names_the_key_that_copies_that_link(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    import webbrowser

    monkeypatch.setattr(webbrowser, "open", lambda url: False)
    app = make_app()
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await settle(pilot, app)
        paper = main(app).list.current
        assert paper is not None
        for key, copy, url in (("o", "y", paper.hf_url), ("O", "Y", paper.arxiv_url),
                               ("p", "P", paper.pdf_url)):  # fmt: skip
            await pilot.press(key)
            await settle(pilot, app)
            said = [n.message for n in app._notifications if url in n.message]
            assert said == [f"No browser could be opened here: {copy} copies the link ({url})."]
            await pilot.press(copy)
            assert app.clipboard == url


async def test_at_80x24_the_abstract_is_on_the_details_first_screen(make_app: AppFactory) -> None:
    """Under the title and authors; enter gives the detail the whole height, h the list's
    half back; `?` scrolls with j and k."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        screen = main(app)
        detail = screen.detail
        lines = detail_text(app).splitlines()
        assert lines.index("Abstract") < detail.scrollable_content_region.height
        half = detail.size.height
        await pilot.press("enter")
        await pilot.pause()
        assert not screen.list.display or screen.list.size.height == 0
        assert detail.size.height >= 2 * half - 1  # all but the title and the status
        await pilot.press("h")
        await pilot.pause()
        assert app.focused is screen.list and detail.size.height == half
        await pilot.press("question_mark")
        await pilot.pause()
        box = app.screen.query_one(".dialog")
        assert box.max_scroll_y > 0
        await pilot.press("j", "j", "j")
        assert box.scroll_y == 3
        await pilot.press("k", "G")
        assert box.scroll_y == box.max_scroll_y
        await pilot.press("g")
        assert box.scroll_y == 0


async def test_switching_views_leaves_no_footer_keys_behind(make_app: AppFactory) -> None:
    """Textual's Footer kept every key it had drawn (each watched its `compact`): ~20 more a
    view switch, the heap growing with every switch."""
    import gc

    from textual.widgets._footer import FooterKey

    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)

        def keys_alive() -> int:
            gc.collect()
            return sum(isinstance(o, FooterKey) for o in gc.get_objects())

        before = keys_alive()
        for key in "1212":  # trending and the day: the footer's keys made anew each time
            await pilot.press(key)
            await settle(pilot, app)
        assert keys_alive() <= before + 5  # ~20 more a switch before
