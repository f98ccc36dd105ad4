"""The watch list: its config table checked, and what of it each paper matches."""

from __future__ import annotations

from dataclasses import replace

from papertui.core.paper import Organization
from papertui.core.query import Flags, parse, prepare
from papertui.core.settings import validate as validate_config
from papertui.core.watch import Watch, validate, watched
from topics import topic_of, topical_papers


def test_every_watched_authors_paper_is_found_and_nothing_else_is_marked() -> None:
    papers = topical_papers(30)  # each topic has its own eight authors
    watch = Watch(authors=("robotics author 3", "SPEECH Author 5"))  # any case
    found = watched([prepare(p) for p in papers], watch)
    expected = {p.id for p in papers if {"Robotics Author 3", "Speech Author 5"} & set(p.authors)}
    assert expected and set(found) == expected
    one = next(iter(found.values()))
    assert one[0] in ("author robotics author 3", "author SPEECH Author 5")


def test_orgs_and_named_queries_and_is_flags() -> None:
    papers = topical_papers(5)
    watch = Watch(orgs=("Proteins",), queries={"math-hits": "kw:theorem upvotes:>=0"})
    found = watched([prepare(p) for p in papers], watch)
    for paper in papers:
        reasons = found.get(paper.id, ())
        assert ("org Proteins" in reasons) == (topic_of(paper) == "proteins")
        if "math-hits" in reasons:
            assert "theorem" in paper.ai_keywords
    # An organisation matches by its short or full name, and is said once.
    paper = replace(papers[0], organization=Organization("nv", "NVIDIA"))
    both = watched([prepare(paper)], Watch(orgs=("nv", "nvidia")))
    assert both[paper.id] == ("org nv", "org nvidia")
    # is: asks the flags given with the haystack.
    flags = Flags(watched={papers[0].id}, bookmarked={papers[1].id}, read={papers[2].id})
    for text, expected in (
        ("is:watched", {papers[0].id}),
        ("is:bookmarked", {papers[1].id}),
        ("is:read", {papers[2].id}),
        ("-is:unread", {papers[2].id}),
    ):
        query = parse(text)
        assert {p.id for p in papers if query.matches(prepare(p, flags=flags))} == expected
    assert parse("is:nonsense").highlights == ("is:nonsense",)  # not a flag: taken literally
    # A query says which flags it asks, so a caller reads only those (bookmarks, read marks).
    assert parse("is:Watched -is:unread diffusion").flags == {"watched", "unread"}
    assert not parse('"what is: this" is:nonsense').flags


def test_the_config_table_is_checked_entry_by_entry() -> None:
    said: list[str] = []
    watch = validate(
        {
            "authors": ["Tri Dao", 3, "\x1b[31mEvil"],
            "orgs": "nvidia",
            "queries": {"rlhf": "kw:rlhf upvotes:>=5", "empty": "   ", "bad": 4},
            "colour": "red",
        },
        said.append,
    )
    assert watch.authors == ("Tri Dao", "\ufffd[31mEvil") and watch.orgs == ()  # no escape
    assert dict(watch.queries) == {"rlhf": "kw:rlhf upvotes:>=5"}
    assert len(said) == 5 and any("watch.orgs must be a list" in s for s in said)
    assert validate("nope", said.append) == Watch() and "watch must be a table" in said[-1]
    config = validate_config({"watch": {"authors": ["A B"]}}, said.append)
    assert config.watch.authors == ("A B",)
