"""Bookmarks in the reader: b, 5, n, T, e, stars, and tag:/note: in the filter."""

from __future__ import annotations

import tomllib
from pathlib import Path

from textual.widgets import Input, TextArea

from papertui.core.settings import Config
from papertui.core.views import Kind
from papertui.tui.screens.main import MainScreen

from .conftest import AppFactory
from .test_reader import detail_text, main, settle, status_text


async def test_bookmark_note_tags_view_and_export(make_app: AppFactory, tmp_path: Path) -> None:
    export_to = tmp_path / "out" / "notes.md"
    app = make_app(config=Config(export_path=str(export_to)))
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await settle(pilot, app)
        screen = main(app)
        await pilot.press("b", "j", "b")
        await settle(pilot, app)
        assert screen.list.marks.ids == {"2605.05242", "2605.06548"}
        assert any("Bookmarked" in n.message for n in app._notifications)
        assert "★ bookmarked" in detail_text(app)
        await pilot.press("n")
        await pilot.pause()
        note = app.screen.query_one(TextArea)
        note.text = "check the ablations"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        await pilot.press("T")
        await pilot.pause()
        tags = app.screen.query_one(Input)
        tags.value = "to-read, diffusion"
        await pilot.press("enter")
        await settle(pilot, app)
        assert isinstance(app.screen, MainScreen)
        doc = tomllib.loads((tmp_path / "bookmarks.toml").read_text())
        entry = doc["bookmarks"]["2605.06548"]
        assert entry["note"] == "check the ablations" and entry["tags"] == ["to-read", "diffusion"]
        shown = detail_text(app)
        assert "Note  check the ablations" in shown and "#to-read · #diffusion" in shown
        # The filter matches tags and notes.
        await pilot.press("slash", *"tag:to-read")
        assert screen.list.count == 1 and screen.list.current.id == "2605.06548"  # type: ignore[union-attr]
        await pilot.press("escape", "slash", *"note:ablations")
        assert screen.list.count == 1
        await pilot.press("escape")
        # View 5: the bookmarks, newest first, from the file.
        await pilot.press("5")
        await settle(pilot, app)
        assert screen.view.kind is Kind.BOOKMARKS
        assert [p.id for p in screen.list.papers] == ["2605.06548", "2605.05242"]
        assert "bookmarks file" in status_text(app) and "newest bookmark first" in status_text(app)
        await pilot.press("e")
        await settle(pilot, app)
        assert export_to.exists() and "check the ablations" in export_to.read_text()
        assert any(str(export_to) in n.message for n in app._notifications)
        # Removing a bookmark with a note or tags asks first; any key but y keeps it.
        await pilot.press("b")
        await pilot.pause()
        question = str(app.screen.query_one("#question").content)  # type: ignore[attr-defined]
        assert question == "Remove the bookmark and its note and 2 tags? y/n"
        await pilot.press("n")
        await settle(pilot, app)
        assert isinstance(app.screen, MainScreen) and len(screen.list.papers) == 2
        # Removing from the bookmarks view takes it off the list.
        await pilot.press("b", "y")
        await settle(pilot, app)
        assert [p.id for p in screen.list.papers] == ["2605.05242"]
        # With none left, `e` says so and leaves the last export alone.
        await pilot.press("b")
        await settle(pilot, app)
        await pilot.press("e")
        await settle(pilot, app)
        assert any("No bookmarks to export" in n.message for n in app._notifications)
        assert "check the ablations" in export_to.read_text()


async def test_note_needs_a_bookmark(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await settle(pilot, app)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert any("Bookmark the paper first" in n.message for n in app._notifications)


async def test_help_lists_bookmark_filter_and_sort_keys(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        await pilot.press("question_mark")
        keys = app.screen.keys  # type: ignore[attr-defined]
        wanted = ("bookmark", "note", "tags", "export", "view_bookmarks", "filter", "sort")
        for binding_id in wanted:
            assert binding_id in keys, binding_id


async def test_a_hand_edit_that_breaks_the_file_never_costs_a_bookmark(
    make_app: AppFactory, tmp_path: Path
) -> None:
    """The file broken by hand while the reader runs: `b` is refused, naming the file and the
    line, the file is left as it is (it was moved aside and replaced by one holding the new
    bookmark alone), the stars stay; once the file parses again, `b` goes through."""
    path = tmp_path / "bookmarks.toml"
    app = make_app()
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await settle(pilot, app)
        screen = main(app)
        await pilot.press("b")
        await settle(pilot, app)
        good = path.read_text()
        broken = good + "\nmy note = oops\n"
        path.write_text(broken)
        await pilot.press("j", "b")
        await settle(pilot, app)
        said = [n.message for n in app._notifications if "nothing was changed" in n.message]
        assert said == [
            f"{path} line {broken.count(chr(10))}: expected '=' after a key in a key/value pair"
            " — fix it and try again; nothing was changed"
        ]
        assert path.read_text() == broken and not list(tmp_path.glob("bookmarks.toml.*-*"))
        assert screen.list.marks.ids == {"2605.05242"}  # the star stays
        await pilot.press("5")  # the bookmarks view shows them as last read, and says why
        await settle(pilot, app)
        assert screen.list.count == 1 and any("does not parse" in n.message
                                              for n in app._notifications)  # fmt: skip
        path.write_text(good)  # fixed: the next b goes through
        await pilot.press("2", "j", "b")
        await settle(pilot, app)
        assert screen.list.marks.ids == {"2605.05242", "2605.06548"}
        assert set(tomllib.loads(path.read_text())["bookmarks"]) == screen.list.marks.ids
