"""Every key lands: keys typed as one burst (faster than the reader handles them) act in
order, each where the key before it left the focus, and keys typed while a text is laid out
act on the whole text once it is (the detail pane's keys: test_reader.py). A burst is sent
to the driver at once, as a terminal delivers a fast typist's keys (the pilot's `press`
waits after each key)."""

from __future__ import annotations

import threading
from typing import Any

from textual import events
from textual.widgets import Input

from loopback import LONG_ID, Handler, LoopbackServer
from papertui.core.views import Kind
from papertui.tui.app import PaperApp
from papertui.tui.screens.dialogs import SearchDialog
from papertui.tui.screens.reading import ReadingScreen

from .conftest import AppFactory
from .test_reader import detail_text, main, settle
from .test_reading import ORDER


def burst(app: PaperApp, keys: list[str] | str) -> None:
    """`keys` reach the app all at once (key names: "slash", "enter", or characters)."""
    assert app._driver is not None
    names = {"slash": "/", "space": " ", "enter": "\r"}
    for key in keys:
        char = names.get(key, key if len(key) == 1 else None)
        event = events.Key(key, char)
        event.set_sender(app)
        app._driver.send_message(event)


async def to_the_long_paper(pilot: Any, app: PaperApp) -> None:
    """The list settled, the cursor on the loopback hub's 400 KB paper."""
    await settle(pilot, app)
    await pilot.press(*["j"] * ORDER[LONG_ID])


async def landed(pilot: Any, app: PaperApp) -> None:
    """Until the reading screen's text is laid out and every key has acted."""
    for _ in range(200):
        await settle(pilot, app)
        screen = app.screen
        if isinstance(screen, ReadingScreen) and screen.document.settled:
            await settle(pilot, app)
            return
        await pilot.pause(0.02)
    raise AssertionError("the text never settled")


async def test_r_then_g_as_one_gesture_ends_at_the_last_line(
    make_app: AppFactory, server: LoopbackServer
) -> None:
    app = make_app(url=server.url)
    async with app.run_test(size=(120, 36)) as pilot:
        await to_the_long_paper(pilot, app)
        burst(app, "RG")
        await landed(pilot, app)
        screen = app.screen
        assert isinstance(screen, ReadingScreen) and screen.paper.id == LONG_ID
        doc = screen.document
        assert len(doc.laid.strips) > 4000
        assert doc.top == len(doc.laid.strips) - doc.size.height and doc.percent == 100


async def test_keys_on_the_whole_text_wait_for_it_in_order(
    make_app: AppFactory, server: LoopbackServer
) -> None:
    """`]` twice then `k`, typed while the text loads: two sections down, then a line up."""
    app = make_app(url=server.url)
    async with app.run_test(size=(120, 36)) as pilot:
        await to_the_long_paper(pilot, app)
        burst(app, ["R", "right_square_bracket", "right_square_bracket", "k"])
        await landed(pilot, app)
        doc = app.screen.document  # type: ignore[attr-defined]
        below = [s.line for s in doc.sections if s.line > 0]  # the title is on line 0
        assert doc.top == below[1] - 1


async def test_a_search_typed_as_one_burst_searches_for_all_of_it(
    make_app: AppFactory, server: LoopbackServer
) -> None:
    """While the text loads, then once it is there: no letter of the query is taken for a
    key (the `t` of "Section" opened the contents)."""
    app = make_app(url=server.url)
    async with app.run_test(size=(120, 36)) as pilot:
        await to_the_long_paper(pilot, app)
        burst(app, ["R", "slash", *"59 Section", "enter"])
        await landed(pilot, app)
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        doc = screen.document
        assert doc._query == "59 Section" and len(doc.matches) == 1 and doc.current == 0
        assert doc.top <= doc.matches[0].line < doc.top + doc.size.height
        burst(app, ["g", "slash", *"Section", "enter", "n"])
        await settle(pilot, app)
        assert app.screen is screen and doc._query == "Section"
        assert doc.current == 1 and "2 of " in screen._said


async def test_keys_after_s_go_to_the_search_dialog(make_app: AppFactory) -> None:
    """`S enzyme docking` then enter: the query is all of it (the `e` exported the bookmarks,
    the `n` edited a note)."""
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        burst(app, ["S", *"enzyme docking"])
        await settle(pilot, app)
        assert isinstance(app.screen, SearchDialog)
        assert app.screen.query_one(Input).value == "enzyme docking"
        burst(app, ["enter", "j"])
        await settle(pilot, app)
        screen = main(app)
        assert screen.view.kind is Kind.SEARCH and screen.view.arg == "enzyme docking"


async def test_a_filter_typed_then_kept_then_j_moves_the_list(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        burst(app, ["slash", *"diffusion", "enter", "j", "j"])
        await settle(pilot, app)
        screen = main(app)
        assert screen.query_one("#filter", Input).value == "diffusion"
        assert app.focused is screen.list and screen.list.cursor == 2


async def test_a_key_on_the_sample_stays_when_the_live_day_lands(
    make_app: AppFactory, server: LoopbackServer
) -> None:
    """A first run shows the bundled sample of the day asked for while the day is fetched:
    `j` moves on the sample, and the live list keeps the cursor on that paper."""
    release = threading.Event()
    daily = server.route("/api/daily_papers")

    def slow(h: Handler, q: dict[str, str]) -> None:
        release.wait(5)
        daily(h, q)

    server.overrides["/api/daily_papers"] = slow
    app = make_app(url=server.url, cached=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        screen = main(app)
        assert screen._result is not None and screen._result.source == "sample"
        burst(app, "jjj")
        await pilot.pause()
        release.set()
        await settle(pilot, app)
        await settle(pilot, app)
        assert screen._result is not None and screen._result.source == "live"
        assert screen.list.cursor == 3
        assert "MiA-Signature" in detail_text(app)


async def test_a_query_typed_while_the_text_loads_counts_all_of_it(
    make_app: AppFactory, server: LoopbackServer
) -> None:
    app = make_app(url=server.url)
    async with app.run_test(size=(120, 36)) as pilot:
        await to_the_long_paper(pilot, app)
        burst(app, ["R", "slash", *"Details"])
        await landed(pilot, app)
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        assert len(screen.document.matches) == 73  # "### N.5 Details", one in twelve blocks
        assert screen._said == f"{len(screen.document.matches)} matches"
