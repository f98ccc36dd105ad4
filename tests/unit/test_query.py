from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from papertui.core.hf import parse_entries
from papertui.core.paper import Organization, Paper
from papertui.core.query import haystack_text, highlight_spans, parse, prepare


@pytest.fixture
def papers(recorded: list[dict[str, Any]]) -> list[Paper]:
    return parse_entries(recorded).papers


def ids(
    papers: list[Paper], text: str, extra: dict[str, dict[str, str]] | None = None
) -> list[str]:
    query = parse(text)
    return [p.id for p in papers if query.matches(prepare(p, (extra or {}).get(p.id)))]


def test_empty_query_matches_everything(papers: list[Paper]) -> None:
    assert parse("  ").empty
    assert len(ids(papers, "")) == 37


def test_words_are_case_insensitive_and_anded(papers: list[Paper]) -> None:
    diffusion = ids(papers, "DIFFUSION")
    assert "2605.06548" in diffusion and len(diffusion) < 37
    both = ids(papers, "diffusion language")
    assert set(both) <= set(diffusion) and "2605.06548" in both


def test_phrases_negation_and_fields(papers: list[Paper]) -> None:
    assert ids(papers, '"continuous latent diffusion"') == ["2605.06548"]
    assert "2605.06548" not in ids(papers, "-diffusion")
    assert len(ids(papers, "-diffusion")) == 37 - len(ids(papers, "diffusion"))
    assert ids(papers, "author:zhuofeng") == ["2605.05242"]
    assert ids(papers, "org:tiger-lab") == ["2605.05242"]
    assert ids(papers, "id:2605.05242") == ["2605.05242"]
    assert "2605.05242" in ids(papers, "kw:agentic")
    assert "2605.05242" in ids(papers, 'title:"semantic similarity"')
    assert ids(papers, "title:corpus abstract:bottleneck") == ["2605.05242"]


def test_numeric_fields(papers: list[Paper]) -> None:
    assert ids(papers, "upvotes:>=86") == ["2605.05242"]
    assert ids(papers, "upvotes:>67") == ["2605.05242", "2605.06548"]
    assert len(ids(papers, "upvotes:<1")) == sum(p.upvotes == 0 for p in papers)
    assert ids(papers, "stars:=101") == ["2605.05242"]
    # Unknown star counts never match, whichever way the comparison goes.
    with_repo = sum(p.github_stars is not None for p in papers)
    assert len(ids(papers, "stars:>=0")) == with_repo
    assert ids(papers, "comments:>=6") == [p.id for p in papers if (p.comments or 0) >= 6]
    assert ids(papers, "upvotes:80") == ["2605.05242"]  # no operator: at least


def test_extra_fields_for_bookmarks(papers: list[Paper]) -> None:
    extra = {"2605.06548": {"tag": "to-read", "note": "check the zygomorphic bits"}}
    assert ids(papers, "tag:to-read", extra) == ["2605.06548"]
    assert ids(papers, "zygomorphic", extra) == ["2605.06548"]


@pytest.mark.parametrize(
    "text",
    [
        '"unclosed phrase',
        "upvotes:>=lots",
        "foo:bar",
        "-",
        ":",
        "title:",
        '""',
        "stars:>=-1",
        "[/]",
    ],
)
def test_malformed_input_is_taken_literally(papers: list[Paper], text: str) -> None:
    parse(text)  # never raises
    ids(papers, text)


def test_unknown_field_is_a_literal_word(papers: list[Paper]) -> None:
    assert parse("foo:bar").predicates and ids(papers, "foo:bar") == []
    assert ids(papers, '"unclosed phrase') == []


def test_highlights_only_positive_title_terms() -> None:
    query = parse('diffusion -video author:chen title:latent "language model"')
    assert query.highlights == ("diffusion", "latent", "language model")
    spans = highlight_spans("Latent Diffusion Language Model diffusion", query.highlights)
    assert (7, 16) in spans and (0, 6) in spans and (17, 31) in spans and (32, 41) in spans


@given(st.text(max_size=60))
def test_property_parse_never_raises(text: str) -> None:
    query = parse(text)
    hay = prepare(Paper(id="2605.00001", title="A title", summary="abs", upvotes=3))
    query.matches(hay)


def test_fields_are_searched_apart_in_one_lowercase_utf8_haystack() -> None:
    paper = Paper(
        id="2605.00002",
        title="Über Diffusion",
        summary="we study chen's method",
        authors=("Wei Zhang", "Ana Núñez"),
        organization=Organization("allenai", "Ai2"),
        ai_keywords=("retrieval",),
        upvotes=7,
    )
    hay = prepare(paper, {"tag": "to-read", "note": "Ask Bob"})
    assert isinstance(hay.text, bytes) and hay.text == hay.text.lower()
    assert parse("über núñez").matches(hay)  # non-ASCII, either case
    assert parse("author:zhang").matches(hay) and not parse("author:chen").matches(hay)
    assert parse("abstract:chen").matches(hay) and not parse("title:chen").matches(hay)
    assert parse("org:allenai").matches(hay) and parse("org:ai2").matches(hay)  # both names
    assert parse("kw:retrieval id:2605.00002 tag:to-read note:bob").matches(hay)
    assert not parse("kw:diffusion").matches(prepare(paper))  # no bookmark: no tag or note
    assert not parse("tag:to-read").matches(prepare(paper))
    assert parse("upvotes:>=7").matches(hay) and not parse("upvotes:>7").matches(hay)
    # a field's text is what the haystack holds between separators, nothing beyond
    start, end = hay.field("title")
    assert hay.text[start:end] == "über diffusion".encode()
    assert prepare(paper, text=haystack_text(paper)).text == prepare(paper).text


def test_a_field_without_its_value_yet_is_left_out(papers: list[Paper]) -> None:
    """As `title:` is typed the list stays as it was (it emptied: "title:" was looked for
    literally); a value that follows filters; an unknown field is still taken literally."""
    every = [prepare(p) for p in papers]
    for typing in ("title:", 'title:"', "-author:", "upvotes:>=", "is:", "is:unr", "Title:"):
        query = parse(typing)
        assert query.empty and all(query.matches(h) for h in every), typing
    assert parse("diffusion title:").matches(prepare(papers[1]))
    assert not parse("title:zzz").matches(prepare(papers[1]))
    assert not parse("foo:").empty and not parse("is:nothing").empty
