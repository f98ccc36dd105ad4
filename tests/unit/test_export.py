"""Exports: golden files for all three formats, and hostile text that must stay text."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import bibtexparser
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from papertui.core.bookmark import Bookmark
from papertui.core.export import citation_keys, render, to_bibtex, to_markdown
from papertui.core.hf import parse_entries
from papertui.data.bookmark_file import BookmarkFile

GOLDEN = Path(__file__).resolve().parent.parent / "fixtures" / "golden"
TODAY = date(2026, 11, 28)
T0 = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)
HOSTILE = (
    "# Heading [link](https://evil.example) ![img](https://evil.example/i.png) <b>html</b> "
    "<script>x</script> `code` *em* _u_ ~~s~~ | a | b | &amp; https://bare.example "
    "www.evil.example "
    "a@b.example \\ {brace} $math$ % # ^ ~"
)


def bookmarks(recorded: list[dict[str, Any]], tmp_path: Path) -> list[Bookmark]:
    """Three recorded papers plus a hostile one, saved through the real file."""
    papers = parse_entries(recorded).papers[:3]
    evil = replace(
        papers[2], id="2401.00001", title=HOSTILE, summary=f"{HOSTILE}\n\n- item\n1. one\n> q\n==="
    )
    clock = iter(T0 + timedelta(hours=h) for h in range(10))
    file = BookmarkFile(tmp_path / "bookmarks.toml", None, lambda: next(clock))
    file.add(papers[:1], tags=["rag"], note="Compare with BM25.\n\nAlso: see `grep`.")
    file.add(papers[1:3])
    file.add([evil], tags=["evil"], note=HOSTILE)
    return file.load().bookmarks


@pytest.mark.parametrize(
    ("fmt", "suffix"), [("markdown", "md"), ("bibtex", "bib"), ("json", "json")]
)
def test_golden(fmt: str, suffix: str, recorded: list[dict[str, Any]], tmp_path: Path) -> None:
    text = render(fmt, bookmarks(recorded, tmp_path), TODAY)
    golden = GOLDEN / f"bookmarks.{suffix}"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def _structure(markdown: str) -> dict[str, Any]:
    tokens = MarkdownIt("commonmark").enable("table").enable("strikethrough").parse(markdown)
    found: dict[str, Any] = {"headings": 0, "links": [], "bad": []}
    stack = list(tokens)
    while stack:
        token = stack.pop()
        stack.extend(token.children or [])
        if token.type == "heading_open":
            found["headings"] += 1
        elif token.type == "link_open":
            found["links"].append(token.attrs.get("href"))
        elif token.type in (
            "image",
            "html_inline",
            "html_block",
            "code_inline",
            "code_block",
            "fence",
            "table_open",
            "s_open",
            "em_open",
        ):
            found["bad"].append(token.type)
    return found


def test_markdown_keeps_hostile_text_as_text(
    recorded: list[dict[str, Any]], tmp_path: Path
) -> None:
    items = bookmarks(recorded, tmp_path)
    found = _structure(to_markdown(items, TODAY))
    assert found["bad"] == [] and found["headings"] == 1 + len(items)
    ours = {
        u
        for b in items
        for u in (b.hf_url, b.arxiv_url, b.pdf_url, b.github_repo, b.project_page)
        if u
    }
    assert set(found["links"]) <= ours


@settings(max_examples=150, deadline=None)
@given(
    title=st.text(min_size=1, max_size=80), note=st.text(max_size=80), summary=st.text(max_size=120)
)
def test_property_markdown_from_any_text(title: str, note: str, summary: str) -> None:
    from papertui.core.text import clean_text

    title = clean_text(title) or "t"
    b = Bookmark(
        id="2401.00001",
        title=title,
        added=T0,
        note=clean_text(note, multiline=True),
        summary=clean_text(summary, multiline=True),
        authors=(title,),
        tags=("x",),
    )
    found = _structure(to_markdown([b], TODAY))
    assert found["bad"] == [] and found["headings"] == 2
    assert set(found["links"]) <= {b.hf_url, b.arxiv_url, b.pdf_url}


def test_bibtex_parses_with_unique_stable_keys(
    recorded: list[dict[str, Any]], tmp_path: Path
) -> None:
    items = bookmarks(recorded, tmp_path)
    library = bibtexparser.parse_string(to_bibtex(items))
    assert library.failed_blocks == [] and len(library.entries) == len(items)
    keys = [e.key for e in library.entries]
    assert len(set(keys)) == len(keys) and "li2026beyond" in keys
    first = next(e for e in library.entries if e.key == "li2026beyond")
    fields = first.fields_dict
    assert fields["eprint"].value == "2605.05242" and fields["archivePrefix"].value == "arXiv"
    assert fields["author"].value.startswith("Zhuofeng Li and Haoxiang Zhang and")
    # A newer bookmark with the same base key never renames an older one.
    twin = replace(items[-1], id="2401.00002", added=T0 + timedelta(days=30))
    assert citation_keys([*items, twin])[items[-1].id] == citation_keys(items)[items[-1].id]


@settings(max_examples=100, deadline=None)
@given(
    st.text(min_size=1, max_size=60),
    st.lists(st.text(min_size=1, max_size=20), min_size=1, max_size=3),
)
def test_property_bibtex_always_parses(title: str, authors: list[str]) -> None:
    from papertui.core.text import clean_text

    b = Bookmark(
        id="2401.00001",
        title=clean_text(title) or "t",
        added=T0,
        authors=tuple(a for a in (clean_text(x) for x in authors) if a),
    )
    library = bibtexparser.parse_string(to_bibtex([b]))
    assert library.failed_blocks == [] and len(library.entries) == 1


def test_json_has_a_stable_key_order(recorded: list[dict[str, Any]], tmp_path: Path) -> None:
    data = json.loads(render("json", bookmarks(recorded, tmp_path), TODAY))
    assert list(data[0])[:4] == ["id", "title", "authors", "published"]
    assert data[0]["tags"] == ["evil"]  # newest first


@settings(max_examples=150, deadline=None)
@given(
    text=st.text(max_size=80),
    authors=st.lists(st.text(min_size=1, max_size=20), max_size=3),
    upvotes=st.none() | st.integers(min_value=0, max_value=10**6),
)
def test_property_json_gives_back_exactly_what_went_in(
    text: str, authors: list[str], upvotes: int | None
) -> None:
    # The records are written from a template: any text, quotes, backslashes, newlines,
    # astral characters, must come back unchanged through a real JSON parser.
    b = Bookmark(
        id="2401.00001",
        title=text or "t",
        added=T0,
        authors=tuple(authors),
        note=text,
        summary=text + "\n" + text,
        tags=tuple(authors),
        organization=text or None,
        upvotes=upvotes,
    )
    (record,) = json.loads(render("json", [b], TODAY))
    assert record["title"] == b.title and record["note"] == text
    assert record["summary"] == b.summary and record["organization"] == b.organization
    assert record["authors"] == authors and record["tags"] == authors
    assert record["upvotes"] == upvotes and record["comments"] is None
    assert record["added"] == T0.isoformat() and record["published"] is None
    assert record["hf_url"] == "https://huggingface.co/papers/2401.00001"


def test_json_of_many_bookmarks_is_one_array(
    recorded: list[dict[str, Any]], tmp_path: Path
) -> None:
    items = bookmarks(recorded, tmp_path)
    assert [r["id"] for r in json.loads(render("json", items, TODAY))] == [b.id for b in items]
    assert json.loads(render("json", [], TODAY)) == []


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("50% of $x$ & y_1 #2", r"50\% of \$x\$ \& y\_1 \#2"),
        ("{open", r"\{open"),
        ("close}", r"close\}"),
        ("a\\b", r"a\textbackslash{}b"),
        ("~^", r"\textasciitilde{}\textasciicircum{}"),
        ("plain words", "plain words"),
        ("  runs   of\nspace ", "runs of space"),
    ],
)
def test_bibtex_escaping_directly(raw: str, escaped: str) -> None:
    from papertui.core.export import tex

    assert tex(raw) == escaped
    value = tex(raw)  # braces stay balanced whatever the text held
    assert value.replace(r"\{", "").count("{") == value.replace(r"\}", "").count("}")
