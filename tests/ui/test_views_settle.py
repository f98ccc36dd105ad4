"""No view hangs on "Loading…": a view built from the papers kept here settles at once with
its rows or its reason, and a search says what the hub found next to what is kept here."""

from __future__ import annotations

from loopback import LoopbackServer
from papertui.core.views import Kind, View

from .conftest import AppFactory
from .test_keys import burst
from .test_reader import main, settle, status_text


def said(app: object) -> str:
    """What the empty list says, all its lines."""
    papers = main(app).list  # type: ignore[arg-type]
    return " ".join(papers.render_line(y).text.strip() for y in range(4)).strip()


async def test_for_you_with_nothing_kept_in_its_window_says_so(make_app: AppFactory) -> None:
    app = make_app(cached=False)  # nothing kept at all (the sample stands in for the day)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        await pilot.press("7")
        await settle(pilot, app)
        screen = main(app)
        assert screen.view.kind is Kind.FOR_YOU and screen.list.count == 0
        assert "No papers of the last 14 days are kept here" in said(app)
        assert "Loading" not in said(app) and "fetching" not in status_text(app)


async def test_local_search_searches_the_papers_kept_here(make_app: AppFactory) -> None:
    """`--local`: `S memory` finds the kept papers whose abstracts say it, even where the hub
    answered the same query with nothing before (that answer is not shown)."""
    app = make_app(local=True)
    store = app.service.store
    store.save_view("search:memory", "search", [], fetched_at=1_778_299_000.0)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        burst(app, ["S", *"memory", "enter"])
        await settle(pilot, app)
        screen = main(app)
        assert screen.view == View(Kind.SEARCH, "memory")
        assert screen.list.count == 5 and "archive" in status_text(app)
        burst(app, ["S", *"enzyme docking", "enter"])
        await settle(pilot, app)
        assert screen.list.count == 0
        assert "No paper kept here matches 'enzyme docking'." in said(app)
        assert "fetching" not in status_text(app)


async def test_a_search_the_hub_finds_nothing_for_says_what_is_kept_here(
    make_app: AppFactory, server: LoopbackServer
) -> None:
    app = make_app(url=server.url)  # the loopback hub searches titles only
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, app)
        burst(app, ["S", *"memory", "enter"])
        await settle(pilot, app)
        screen = main(app)
        assert screen.list.count == 0 and "live" in status_text(app)
        assert "0 on the hub · 5 kept here for 'memory': a shows them." in said(app)
        await pilot.press("a")
        await settle(pilot, app)
        assert screen.list.count == 5 and "archive" in status_text(app)
        assert screen.list.current is not None
        assert "memory" in screen.list.current.summary.lower()


async def test_the_list_says_what_it_shows_over_years_and_after_a_resize(
    make_app: AppFactory,
) -> None:
    """1,200 papers over two years, by date: every date with its year, ranks in four digits;
    `G` then a resize to a smaller terminal and back keeps the cursor's row on screen."""
    from loopback import synthetic_entries

    entries = synthetic_entries(600, "2025-12-30") + synthetic_entries(600, "2026-01-02", 600)
    app = make_app(View(Kind.MONTH, "2026-01"), entries=entries)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, app)
        screen = main(app)
        await pilot.press("s", "g")  # by date (the cursor follows its paper), the top
        papers = screen.list
        assert papers.count == 1200
        first = papers.render_line(0).text
        assert first.startswith("   1 2026-01-02 ▲"), first
        await pilot.press("G")
        for size in ((60, 16), (80, 24), (100, 30), (60, 16)):
            await pilot.resize_terminal(*size)
            await settle(pilot, app)
            height = papers.scrollable_content_region.height
            assert papers.scroll_y <= papers.cursor < papers.scroll_y + height, size
            assert papers.render_line(papers.cursor - int(papers.scroll_y)).text.startswith(
                "1200 2025-12-30"
            )


async def test_a_mistyped_period_is_said_in_the_dialog_and_the_reader_stays(
    make_app: AppFactory,
) -> None:
    from textual.widgets import Input, Label

    from papertui.tui.screens.dialogs import GoToDialog

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, app)
        await pilot.press("D")
        await pilot.pause()
        for typed, said in (
            ("9999-12", "9999-12 is in the future: Daily Papers run from 2023-05-04"),
            ("9999-W52", "9999-W52 is in the future"),
            ("0000-01", "0000-01 is before Daily Papers began"),
        ):
            dialog = app.screen
            assert isinstance(dialog, GoToDialog)
            dialog.query_one(Input).value = typed
            await pilot.press("enter")
            await pilot.pause()
            assert app.is_running and app.screen is dialog
            assert said in str(dialog.query_one("#goto-error", Label).content)
        await pilot.press("escape")
        assert main(app).view == View(Kind.DAY, "2026-05-08")
