"""The "For you" ranking: a topic's bookmarks put that topic on top, and say why."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from papertui.core import foryou
from papertui.core.paper import Paper
from topics import TOPICS, topic_of, topical_papers

TODAY = date(2026, 10, 30)


def ranked_for(papers: list[Paper], bookmarked: list[Paper]) -> foryou.Ranked:
    bags = {p.id: foryou.bag(p) for p in papers}
    df = foryou.corpus_freq(bags.values())
    prof = foryou.profile(bookmarked, bags, df)
    return foryou.rank(papers, prof, bags, TODAY)


def precision_at(ranked: list[Paper], topic: str, k: int = 10) -> float:
    return sum(topic_of(p) == topic for p in ranked[:k]) / k


def test_bookmarks_on_a_topic_put_that_topic_on_top_and_another_topic_moves_it() -> None:
    papers = topical_papers(40)  # 240 papers, 6 topics
    for topic in TOPICS:
        marked = [p for p in papers if topic_of(p) == topic][:5]
        ranked = ranked_for(papers, marked)
        assert precision_at(ranked.papers, topic) >= 0.8, topic
        assert not {p.id for p in marked} & {p.id for p in ranked.papers}  # left out
        assert len(ranked.papers) == len(papers) - 5
    first = ranked_for(papers, [p for p in papers if topic_of(p) == "proteins"][:5])
    second = ranked_for(papers, [p for p in papers if topic_of(p) == "speech"][:5])
    assert [p.id for p in first.papers[:10]] != [p.id for p in second.papers[:10]]
    assert Counter(topic_of(p) for p in second.papers[:10]).most_common(1)[0][0] == "speech"


def test_mixed_bookmarks_rank_a_single_day_by_all_their_topics() -> None:
    # A day's 36 papers against 15 bookmarks: the document frequencies are mostly the
    # bookmarks' own, and the words every paper has (model, training) reach the profile.
    papers = topical_papers(40)
    for chosen in (("proteins", "speech", "math"), ("agents", "robotics", "diffusion")):
        marked = [p for t in chosen for p in [q for q in papers if topic_of(q) == t][:5]]
        ids = {p.id for p in marked}
        day = [
            p
            for t in TOPICS
            for p in [q for q in papers if topic_of(q) == t and q.id not in ids][:6]
        ]
        bags = {p.id: foryou.bag(p) for p in day + marked}
        side = foryou.base(marked, bags)
        prof = foryou.weigh(side, foryou.with_papers(side, {p.id: bags[p.id] for p in day}))
        ranked = foryou.rank(day, prof, bags, TODAY)
        assert {topic_of(p) for p in ranked.papers[:18]} == set(chosen)


def test_the_reasons_name_the_shared_words_and_an_author() -> None:
    papers = topical_papers(20)
    marked = [p for p in papers if topic_of(p) == "proteins"][:3]
    ranked = ranked_for(papers, marked)
    best = ranked.papers[0]
    why = ranked.why[best.id]
    assert why.words and set(why.words) <= set(TOPICS["proteins"].split()) | {"residue"}
    assert str(why).startswith("like your bookmarks: ")
    # A paper with an author of a bookmark says so, with that bookmark's title.
    stranger = replace(papers[1], id="2610.99999", authors=(marked[0].authors[0],))
    ranked = ranked_for([*papers, stranger], marked)
    why = ranked.why[stranger.id]
    assert why.author == marked[0].authors[0] and why.author_of == marked[0].title
    assert f"shares an author ({why.author})" in str(why)


def test_upvotes_and_recency_break_ties_but_do_not_beat_likeness() -> None:
    papers = topical_papers(10)
    marked = [p for p in papers if topic_of(p) == "math"][:3]
    twin = replace(papers[-1], id="2610.90001", upvotes=0, submitted=date(2025, 1, 1))
    popular = replace(twin, id="2610.90002", upvotes=1000, submitted=TODAY)
    ranked = ranked_for([*papers, twin, popular], marked)
    ids = [p.id for p in ranked.papers]
    assert ids.index("2610.90002") < ids.index("2610.90001")  # same words: the newer, liked
    assert ranked.scores["2610.90002"] - ranked.scores["2610.90001"] <= 0.1


def test_no_bookmarks_ranks_nothing_above_anything_by_likeness() -> None:
    papers = topical_papers(3)
    ranked = ranked_for(papers, [])
    assert ranked.why == {} and len(ranked.papers) == len(papers)


def test_words_are_folded_to_one_form_and_stop_words_dropped() -> None:
    paper = Paper(
        id="2610.00001",
        title="Proteins and the protein",
        summary="We propose models; the model is a process of analysis.",
        ai_keywords=("Enzymes",),
    )
    one = foryou.bag(paper)
    # "Proteins" and "protein" are one word; title and keyword words are strong.
    assert one.strong == ["enzyme", "protein"]  # each once, sorted
    assert one.rest == ["analysis", "model", "process"]  # none of the strong ones
    assert {*one.strong, *one.rest} == {"protein", "enzyme", "model", "process", "analysis"}


def test_the_store_keeps_each_papers_words_as_they_would_be_made(tmp_path: Path) -> None:
    from papertui.data.store import Store

    papers = topical_papers(4)
    for paper in papers:
        made = foryou.bag(paper)
        assert foryou.bag_of_words(foryou.words_text(made)) == made
    store = Store(tmp_path / "cache.sqlite3")
    store.save_month("2026-10", papers, complete=True)
    kept = store.words_of([p.id for p in papers] + ["2610.99999"])
    assert set(kept) == {p.id for p in papers}  # one never stored has none: made when asked
    assert all(foryou.bag_of_words(kept[p.id]) == foryou.bag(p) for p in papers)


def test_the_bookmarks_side_read_back_from_the_cache_is_the_same_or_refused() -> None:
    papers = topical_papers(10)
    bags = {p.id: foryou.bag(p) for p in papers}
    side = foryou.base(papers[:8], bags)
    record = json.loads(json.dumps(foryou.base_record(side)))
    assert foryou.base_of_record(record, side.ids) == side
    bad_name = json.loads(json.dumps(record))
    bad_name["authors"]["x\x1b]52;c;evil\x07"] = ["x", "y"]  # it would reach the screen
    wrong_type = json.loads(json.dumps(record)) | {"weights": {"protein": "1"}}
    huge = json.loads(json.dumps(record)) | {"own": {"total": 10**400, "counts": {}}}
    newer = record | {"format": foryou.BASE_FORMAT + 1}
    for refused in (bad_name, wrong_type, huge, newer, [], None, {"format": 1}):
        assert foryou.base_of_record(refused, side.ids) is None


def test_for_you_paints_from_light_rows_in_the_order_the_full_records_give(
    tmp_path: Path,
) -> None:
    from papertui.core.settings import Config
    from papertui.core.views import Kind, View
    from papertui.data.bookmark_file import BookmarkFile
    from papertui.data.store import Store
    from papertui.service import Service

    today = date(2026, 10, 30)
    papers = [  # 48 papers of the last 10 days
        replace(p, submitted=today - timedelta(days=i % 10))
        for i, p in enumerate(topical_papers(8, start=today))
    ]
    store = Store(tmp_path / "cache.sqlite3")
    store.save_month("2026-10", papers, complete=True)
    service = Service(
        Config(),
        store,
        clock=lambda: 1_793_318_400.0,  # 2026-10-30, noon-ish UTC
        bookmarks=lambda: BookmarkFile(tmp_path / "bookmarks.toml"),
    )
    marked = [p for p in papers if topic_of(p) == "speech"][:2]
    for paper in marked:
        service.toggle_bookmark(paper)
    view = View(Kind.FOR_YOU, "14")
    light, full = service.cached(view, light=True), service.cached(view)
    assert light is not None and full is not None
    assert not light.papers[0].summary and full.papers[0].summary  # rows, then records
    assert [p.id for p in light.papers] == [p.id for p in full.papers]
    # The six other speech papers: the rest share only words every topic uses.
    assert len(full.papers) == 6 and {topic_of(p) for p in full.papers} == {"speech"}
    assert full.why == light.why and full.why[full.papers[0].id]
    # The next start paints the last ranking as it was shown, before ranking again.
    service.toggle_bookmark(full.papers[0])
    again = service.cached(view, light=True)
    assert again is not None and [p.id for p in again.papers] == [p.id for p in full.papers]
    ranked_anew = service.cached(view)
    assert ranked_anew is not None and full.papers[0].id not in {p.id for p in ranked_anew.papers}


def test_a_new_process_ranks_alike_from_the_kept_bookmarks_side(tmp_path: Path) -> None:
    from papertui.core.settings import Config
    from papertui.data.bookmark_file import BookmarkFile
    from papertui.data.store import Store
    from papertui.service import Service

    papers = topical_papers(8)
    store = Store(tmp_path / "cache.sqlite3")
    store.save_month("2026-10", papers, complete=True)

    def service() -> Service:
        marks = BookmarkFile(tmp_path / "bookmarks.toml")
        return Service(Config(), store, clock=lambda: 1_793_318_400.0, bookmarks=lambda: marks)

    first = service()
    for paper in [p for p in papers if topic_of(p) == "math"][:3]:
        first.toggle_bookmark(paper)
    ranked = [p.id for p in first.for_you(papers).papers]
    kept = json.loads(store.load_profile() or "")
    assert kept["ids"] == [b.id for b in first.bookmarks().bookmarks]
    assert [p.id for p in service().for_you(papers).papers] == ranked  # from the kept side
    store.save_profile("{not json")  # a spoilt copy is made again, and kept again
    assert [p.id for p in service().for_you(papers).papers] == ranked
    assert json.loads(store.load_profile() or "")["ids"] == kept["ids"]
    # Other bookmarks: the kept side is not theirs, so it is made anew for them.
    other = service()
    for paper in [p for p in papers if topic_of(p) == "speech"][:3]:
        other.toggle_bookmark(paper)
    assert json.loads(store.load_profile() or "")["ids"] == kept["ids"]
    assert topic_of(other.for_you(papers).papers[0]) in {"math", "speech"}
    assert len(json.loads(store.load_profile() or "")["ids"]) == 6


def test_generic_words_never_make_a_paper_for_you(recorded: list) -> None:  # type: ignore[type-arg]
    """Four protein bookmarks against a day of NLP papers: nothing is close ("scale, key,
    setting" made NLP papers "like your bookmarks"); the day with three protein papers in it:
    those three, first, for protein words."""
    from papertui.core.hf import parse_entries
    from topics import PROTEIN_BOOKMARKS, PROTEIN_PAPERS

    day = parse_entries(recorded).papers
    alone = ranked_for(day, PROTEIN_BOOKMARKS)
    assert alone.close == 0 and len(alone.why) == 0 and len(alone.papers) == len(day)
    mixed = ranked_for([*day, *PROTEIN_PAPERS], PROTEIN_BOOKMARKS)
    assert mixed.close == 3
    assert {p.id for p in mixed.papers[:3]} == {p.id for p in PROTEIN_PAPERS}
    generic = {"scale", "key", "setting", "learning", "model", "language", "large"}
    for paper in mixed.papers[:3]:
        words = mixed.why[paper.id].words
        assert "protein" in words and not generic & set(words), words


def test_a_reason_quotes_a_title_as_written() -> None:
    papers = topical_papers(4)
    marked = [replace(p, title="Folding \\ proteins: a “study”") for p in papers[:1]]
    stranger = replace(papers[6], id="2610.99998", authors=(marked[0].authors[0],))
    why = ranked_for([*papers[1:], stranger], marked).why[stranger.id]
    assert str(why).endswith("with “Folding \\ proteins: a “study””")
