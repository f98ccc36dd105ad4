"""The reading screen (`R`) and the linked repos (`m`), driven with the pilot against the
loopback hub: its long paper (2605.06130, 400 KB), its hostile one (2605.06416), a paper it has
no text for (2605.06548) and one with linked repos (2605.05242)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from demo import FROZEN
from loopback import HOSTILE_ID, LONG_ID, LoopbackServer
from papers import long_text
from papertui.data.store import Store
from papertui.tui.app import PaperApp
from papertui.tui.screens.help import HelpScreen
from papertui.tui.screens.main import MainScreen
from papertui.tui.screens.picker import PickDialog
from papertui.tui.screens.reading import ReadingScreen
from papertui.tui.widgets.document_view import DocumentView

from .conftest import AppFactory
from .test_reader import detail_text, settle

ORDER = {"2605.05242": 0, "2605.06548": 1, LONG_ID: 2, HOSTILE_ID: 3}  # rows by upvotes


async def open_paper(pilot: Any, app: PaperApp, pid: str) -> ReadingScreen:
    await settle(pilot, app)
    assert isinstance(app.screen, MainScreen)
    await pilot.press("g", *["j"] * ORDER[pid], "R")
    await settle(pilot, app)
    screen = app.screen
    assert isinstance(screen, ReadingScreen) and screen.paper.id == pid
    return screen


def status(screen: ReadingScreen) -> str:
    return str(screen.query_one("#reading-status").content)  # type: ignore[attr-defined]


def requests_to(server: LoopbackServer, path: str) -> int:
    return sum(1 for p, _, _ in server.requests if p == path)


async def test_read_a_long_paper_with_the_keys_and_go_back_to_the_same_row(
    make_app: AppFactory, server: LoopbackServer
) -> None:
    app = make_app(url=server.url)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_paper(pilot, app, LONG_ID)
        doc = screen.document
        assert doc.laid.complete and len(doc.laid.strips) > 4000
        assert status(screen).startswith(f"{LONG_ID} · fetched now · kept for offline reading")
        height = doc.size.height
        await pilot.press("j", "j", "down")
        assert doc.top == 3
        await pilot.press("k", "up")
        assert doc.top == 1
        await pilot.press("ctrl+d")
        assert doc.top == 1 + height // 2
        await pilot.press("ctrl+u", "space")
        assert doc.top == 1 + height - 1
        await pilot.press("pagedown", "pageup")
        assert doc.top == height
        await pilot.press("G")
        await pilot.pause()
        assert doc.top == len(doc.laid.strips) - height and "· 100%" in status(screen)
        await pilot.press("g")
        assert doc.top == 0
        await pilot.press("q")
        assert isinstance(app.screen, MainScreen)
        assert app.screen.list.current is not None and app.screen.list.current.id == LONG_ID
        assert requests_to(server, f"/papers/{LONG_ID}.md") == 1


async def test_sections_contents_and_reopening_where_the_reader_left(
    make_app: AppFactory, server: LoopbackServer
) -> None:
    app = make_app(url=server.url)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_paper(pilot, app, LONG_ID)
        doc = screen.document
        lines = [s.line for s in doc.sections]
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert doc.top == lines[2]
        await pilot.press("left_square_bracket")
        assert doc.top == lines[1]
        await pilot.press("t")
        await pilot.pause()
        contents = app.screen
        assert isinstance(contents, PickDialog) and len(contents.items) == len(lines)
        await pilot.press("down", "down", "down", "enter")
        await pilot.pause()
        assert app.screen is screen and doc.top == lines[4]
        left_at = doc.top_block
        await pilot.press("escape")
        await settle(pilot, app)
        await pilot.press("R")
        await settle(pilot, app)
        again = app.screen
        assert isinstance(again, ReadingScreen) and again is not screen
        assert again.document.top_block == left_at and again.document.top == lines[4]
        assert requests_to(server, f"/papers/{LONG_ID}.md") == 1  # the kept text
        assert "cached · just now" in status(again)


async def test_search_is_incremental_and_counts(
    make_app: AppFactory, server: LoopbackServer
) -> None:
    app = make_app(url=server.url)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_paper(pilot, app, LONG_ID)
        doc = screen.document
        expected = long_text(title="Skill1: a long paper").count("- nested")
        await pilot.press("slash", *"nest")
        assert f"{expected} matches" in status(screen)
        await pilot.press("e", "d", "x")
        assert "0 matches" in status(screen)
        await pilot.press("backspace", "enter")
        assert f"1 of {expected}" in status(screen)
        first = doc.matches[0].line
        assert doc.top <= first < doc.top + doc.size.height
        await pilot.press("n", "n")
        assert f"3 of {expected}" in status(screen)
        await pilot.press("N", "N", "N")
        assert f"{expected} of {expected}" in status(screen)  # wraps round
        assert doc.top <= doc.matches[-1].line < doc.top + doc.size.height
        # The match under the cursor is drawn apart from the others.
        line = doc.render_line(doc.matches[-1].line - doc.top)
        assert any(seg.style is not None and seg.style.reverse for seg in line)
        # escape closes the search line first, then leaves the paper.
        await pilot.press("slash", "escape")
        assert isinstance(app.screen, ReadingScreen) and app.focused is doc
        assert not screen.query_one("#find").has_class("-shown")
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_links_open_only_https(
    make_app: AppFactory, server: LoopbackServer, opened: list[str]
) -> None:
    app = make_app(url=server.url)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        screen = await open_paper(pilot, app, HOSTILE_ID)
        assert [(k.url, k.openable) for k in screen.document.links] == [
            ("../secret", False),
            ("https://example.org/ok", True),
            ("https://example.org", True),
        ]
        await pilot.press("L")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, PickDialog)  # ../secret can never open: not listed
        assert [link.url for _, link in dialog.items] == [
            "https://example.org/ok",
            "https://example.org",
        ]
        await pilot.press("enter", "j", "enter")  # the list stays open for the next link
        await settle(pilot, app)
        assert app.screen is dialog
        await pilot.press("escape", "o")
        await settle(pilot, app)
        assert opened == [
            "https://example.org/ok",
            "https://example.org",
            f"https://huggingface.co/papers/{HOSTILE_ID}",
        ]


async def test_resize_rewraps_and_keeps_the_place(
    make_app: AppFactory, server: LoopbackServer
) -> None:
    app = make_app(url=server.url)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_paper(pilot, app, LONG_ID)
        doc = screen.document
        await pilot.press(*["right_square_bracket"] * 20)
        block, wide = doc.top_block, len(doc.laid.strips)
        await pilot.resize_terminal(70, 30)
        await settle(pilot, app)
        assert doc.laid.width <= 70 and len(doc.laid.strips) > wide
        assert max(strip.cell_length for strip in doc.laid.strips) <= doc.laid.width
        assert doc.top_block == block and doc.top == doc.laid.line_of(block)


async def test_a_paper_without_text_shows_what_is_known(
    make_app: AppFactory, server: LoopbackServer
) -> None:
    app = make_app(url=server.url)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_paper(pilot, app, "2605.06548")
        text = "\n".join(screen.document.laid.texts)
        assert "The hub has no full text for this paper yet" in status(screen)
        assert "Continuous Latent Diffusion Language Model" in text
        for part in ("Abstract", "AI summary", "Links", "https://arxiv.org/abs/2605.06548"):
            assert part in text
        assert [k.label for k in screen.document.links][:3] == ["Hugging Face", "arXiv", "PDF"]


async def test_a_paper_read_once_opens_offline(
    make_app: AppFactory, server: LoopbackServer, tmp_path: Path
) -> None:
    app = make_app(url=server.url)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_paper(pilot, app, "2605.05242")
    server.stop()
    # Ten days later, with the hub gone: the day is refetched and fails, the text is kept.
    app = make_app(url=server.url, fetched_at=FROZEN - 10 * 86400)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_paper(pilot, app, "2605.05242")
        assert status(screen).startswith("2605.05242 · cached · just now · offline")
        assert any("Agents search the raw corpus" in t for t in screen.document.laid.texts)


async def test_bookmarking_fetches_the_text_once_for_offline_reading(
    make_app: AppFactory, server: LoopbackServer, tmp_path: Path
) -> None:
    app = make_app(url=server.url)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        await pilot.press("j", "j", "b")
        await settle(pilot, app)
        await settle(pilot, app)
        assert requests_to(server, f"/papers/{LONG_ID}.md") == 1
        await pilot.press("R")
        await settle(pilot, app)
        assert isinstance(app.screen, ReadingScreen)
        assert "cached" in status(app.screen)  # the kept text: no second request
        assert requests_to(server, f"/papers/{LONG_ID}.md") == 1
        await pilot.press("b")  # from the reading screen: the same toggle
        await settle(pilot, app)
    kept = Store(tmp_path / "cache.sqlite3").load_text(LONG_ID)
    assert kept is not None and kept[0].startswith("# Skill1: a long paper")


async def test_reading_help_lists_the_reading_keys(
    make_app: AppFactory, server: LoopbackServer
) -> None:
    app = make_app(url=server.url)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_paper(pilot, app, "2605.05242")
        await pilot.press("question_mark")
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen) and help_screen.reading
        keys = help_screen.keys
        assert keys["read_next_section"][0] == ["]"] and keys["read_search"][0] == ["/"]
        await pilot.press("escape", "escape")
        assert isinstance(app.screen, MainScreen)


async def test_linked_repos_are_asked_for_only_where_the_cursor_rests(
    make_app: AppFactory, server: LoopbackServer, opened: list[str]
) -> None:
    # A long rest, so that a loaded machine never takes it between two keys.
    app = make_app(url=server.url, repos_delay=1.5)
    async with app.run_test(size=(120, 36)) as pilot:
        # Held down and back: nothing is asked for the papers passed over, once for the one
        # the cursor rests on.
        await pilot.press(*["j"] * 8, *["k"] * 8)
        await pilot.pause(1.6)
        await settle(pilot, app)
        asked = [p for p, _, _ in server.requests if p.startswith("/api/arxiv/")]
        assert asked == ["/api/arxiv/2605.05242/repos"]
        text = detail_text(app)
        assert "Linked  Models 2 · Datasets 1 · Spaces 1" in text and "dci/large" in text
        await pilot.press("m")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, PickDialog) and len(dialog.items) == 4
        await pilot.press("enter", "j", "y")  # opened; the list stays; y copies the next
        await settle(pilot, app)
        assert opened == ["https://huggingface.co/dci/large"] and app.screen is dialog
        assert app.clipboard == "https://huggingface.co/dci/small"
    kept = Store(Path(app.service.store.path)).load_repos("2605.05242")
    assert kept is not None and [r.id for r in kept[0].models] == ["dci/large", "dci/small"]


async def test_m_loads_the_repos_when_not_yet_asked(
    make_app: AppFactory, server: LoopbackServer
) -> None:
    app = make_app(url=server.url)  # no debounced loading at all
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        await pilot.press("m")
        await settle(pilot, app)
        assert isinstance(app.screen, PickDialog)
        assert [label.plain.split()[1] for label, _ in app.screen.items][:2] == [
            "dci/large",
            "dci/small",
        ]


def test_the_document_view_has_no_widget_per_block() -> None:
    # The point of the line-API view: one widget, whatever the length of the paper.
    assert DocumentView.__mro__[1].__name__ == "ScrollView"


async def test_q_leaves_a_text_that_never_comes(
    make_app: AppFactory, server: LoopbackServer
) -> None:
    from loopback import hang

    server.overrides["/papers/2605.05242.md"] = hang
    app = make_app(url=server.url)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        await pilot.press("R")
        await pilot.pause(0.3)
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        texts = screen.document.laid.texts
        assert any("Loading the full text…" in t for t in texts)
        assert any("Beyond Semantic Similarity" in t for t in texts)
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert not [w for w in app.workers if w.group == "text" and w.is_running]


async def test_search_in_the_reader_without_a_hub_searches_what_is_kept(
    make_app: AppFactory,
) -> None:
    from textual.widgets import Input

    from papertui.core.views import Kind

    app = make_app()  # a closed port: no hub; the recorded day is kept
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await settle(pilot, app)
        await pilot.press("S")
        await pilot.pause()
        app.screen.query_one(Input).value = "retrieval"
        await pilot.press("enter")
        await settle(pilot, app)
        screen = app.screen
        assert isinstance(screen, MainScreen) and screen.view.kind is Kind.SEARCH
        assert screen.list.count >= 2 and screen.list.current is not None
        assert "retrieval" in screen.list.current.title.lower()
        assert any("Searched the papers kept here" in n.message for n in app._notifications)


LINKS_TEXT = "# Many links\n\n" + "\n\n".join(
    f"Paragraph {n} cites [site {n}](https://example.org/{n % 9}) and [a file](../secret/{n})."
    for n in range(40)
)


async def test_the_links_list_opens_where_you_read_merges_and_jumps_by_number(
    make_app: AppFactory, server: LoopbackServer, monkeypatch: Any
) -> None:
    """Nine https URLs, each cited several times, and a relative link a paragraph: listed
    once each with their numbers, none of the relative ones; `L` opens on the first link on
    screen; `1` `7` jumps to [17]; `y` copies; with no browser, the message names `y`."""
    import webbrowser

    server.texts[LONG_ID] = LINKS_TEXT
    monkeypatch.setattr(webbrowser, "open", lambda url: False)  # no browser here
    app = make_app(url=server.url)
    async with app.run_test(size=(100, 20), notifications=True) as pilot:
        screen = await open_paper(pilot, app, LONG_ID)
        await pilot.press("G", "L")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, PickDialog)
        assert len(dialog.items) == 9 and all(link.openable for _, link in dialog.items)
        shown = screen.document.links[screen.document.first_link_on_screen]
        assert dialog.highlighted is not None and dialog.highlighted.url == shown.url != (
            dialog.items[0][1].url
        )
        await pilot.press("1", "7")  # [17] is the ninth paragraph's site: example.org/8
        assert dialog.highlighted is not None and dialog.highlighted.url == "https://example.org/8"
        await pilot.press("y")
        assert app.clipboard == "https://example.org/8"
        await pilot.press("enter")
        await settle(pilot, app)
        said = [n.message for n in app._notifications if "No browser" in n.message]
        assert said == [
            "No browser could be opened here: y copies the link (https://example.org/8)."
        ]
        await pilot.press("escape", "y")
        assert app.clipboard == f"https://huggingface.co/papers/{LONG_ID}"
