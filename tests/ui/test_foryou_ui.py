"""For you in the reader: `7` and `s`, the ranking's reasons in the detail, no bookmarks."""

from __future__ import annotations

from papertui.core.settings import Config
from papertui.core.sorts import Sort
from papertui.core.views import Kind
from papertui.core.watch import Watch

from .conftest import AppFactory
from .test_reader import detail_text, main, settle, status_text


async def test_seven_ranks_the_last_days_for_the_bookmarks_and_says_why(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await settle(pilot, app)
        screen = main(app)
        await pilot.press("slash", *"diffusion", "enter")
        await pilot.press("b", "j", "b", "escape")  # two diffusion papers bookmarked
        await settle(pilot, app)
        marked = screen.list.marks.ids
        assert len(marked) == 2
        await pilot.press("7")
        await settle(pilot, app)
        assert screen.view.kind is Kind.FOR_YOU and "For you · the last 14 days" in str(
            app.screen.query_one("#title").content  # type: ignore[attr-defined]
        )
        papers = [screen.list.papers[i] for i in screen.list.rows]
        assert len(papers) == 35 and not marked & {p.id for p in papers}  # left out
        assert "diffusion" in (papers[0].title + papers[0].summary).lower()
        assert "for you" in status_text(app) and "35 papers" in status_text(app)
        assert "For you  like your bookmarks: " in detail_text(app)
        await pilot.press("b")  # stays where it is, ★, and the notice says how to rank again
        await settle(pilot, app)
        assert papers[0].id in screen.list.marks.ids and screen.list.current == papers[0]
        assert app._notifications and any(
            n.message.endswith("(r ranks For you again)") for n in app._notifications
        )


async def test_s_sorts_any_view_for_you_and_without_bookmarks_says_so(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await settle(pilot, app)
        screen = main(app)
        for _ in range(4):  # upvotes → date → comments → stars → for you
            await pilot.press("s")
        await settle(pilot, app)
        assert screen.sort is Sort.FOR_YOU and screen.list.count == 37
        assert any("No bookmarks to rank by" in n.message for n in app._notifications)
        votes = [screen.list.papers[i].upvotes or 0 for i in screen.list.rows]
        assert votes == sorted(votes, reverse=True)
        await pilot.press("b")  # the first bookmarked: s again until "for you" ranks by it
        await settle(pilot, app)
        for _ in range(5):
            await pilot.press("s")
        await settle(pilot, app)
        assert screen.sort is Sort.FOR_YOU
        ids = [screen.list.papers[i].id for i in screen.list.rows]
        assert ids[-1] in screen.list.marks.ids and len(ids) == 37  # bookmarked: last
        assert screen.list.current is not None and screen.list.current.id == ids[-1]  # kept
        await pilot.press("g")
        assert "For you  like your bookmarks: " in detail_text(app)


async def test_watched_papers_carry_a_mark_say_why_and_are_told_of_once(
    make_app: AppFactory,
) -> None:
    watch = Watch(authors=("Tao Liu",), queries={"retrieval": "kw:retrieval"})
    app = make_app(config=Config(watch=watch))
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await settle(pilot, app)
        screen = main(app)
        marked = screen.list.watched
        assert marked and all(reasons for reasons in marked.values())
        told = [n.message for n in app._notifications if "watched" in n.message]
        assert told == [f"◆ {len(marked)} watched papers since you last looked: / then is:watched"]
        await pilot.press("slash", *"is:watched", "enter")
        assert screen.list.count == len(marked)
        first = screen.list.current
        assert first is not None
        row = screen.list.render_line(0).text
        assert "◆ " in row
        shown = detail_text(app)
        assert "◆ Watched  " in shown and " · ".join(marked[first.id]) in shown
    again = make_app(config=Config(watch=watch))  # the same papers: nothing new to tell
    async with again.run_test(size=(120, 36), notifications=True) as pilot:
        await settle(pilot, again)
        assert not [n for n in again._notifications if "watched" in n.message]


async def test_nothing_close_says_so_and_plus_and_minus_change_the_window(
    make_app: AppFactory,
) -> None:
    from topics import PROTEIN_BOOKMARKS

    from .test_views_settle import said

    app = make_app()
    for paper in PROTEIN_BOOKMARKS:
        app.service.toggle_bookmark(paper)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, app)
        screen = main(app)
        await pilot.press("plus")  # no window on a day: nothing happens
        assert screen.view.kind is Kind.DAY
        await pilot.press("7")
        await settle(pilot, app)
        assert screen.view.days == 14 and screen.list.count == 0
        assert said(app) == (
            "Nothing close to your bookmarks among the 37 papers of the last 14 days kept "
            "here. + widens the window to 30 days."
        )
        await pilot.press("plus")
        await settle(pilot, app)
        assert screen.view.days == 30 and "the last 30 days" in str(
            app.screen.query_one("#title").content  # type: ignore[attr-defined]
        )
        assert "+ widens the window to 60 days." in said(app)
        await pilot.press("minus", "minus")
        await settle(pilot, app)
        assert screen.view.days == 7 and "among the 37 papers of the last 7 days" in said(app)
        await pilot.press("1", "7")  # For you opens on the window it had
        await settle(pilot, app)
        assert screen.view.days == 7
