"""The Markdown-to-lines renderer of the reading screen: blocks, layout, search."""

from __future__ import annotations

import re

import pytest

from loopback import SAMPLE_TEXT
from papers import HOSTILE_TEXT, long_text
from papertui.core.text import clean_document
from papertui.tui.document.blocks import parse, split_chunks
from papertui.tui.document.layout import MARGIN, lay_out
from papertui.tui.document.search import Haystack, find

# What may never reach a terminal: ESC and the other C0 controls but tab and newline, DEL and
# C1 (CSI 0x9b among them), bidi overrides and isolates.
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def lines_of(text: str, width: int = 80) -> list[str]:
    return lay_out(parse(text).blocks, width).texts


def test_headings_are_sections_with_their_lines() -> None:
    laid = lay_out(parse(SAMPLE_TEXT).blocks, 100)
    titles = [(s.level, s.title) for s in laid.sections]
    assert titles == [
        (1, "Beyond Semantic Similarity: Rethinking Retrieval for Agentic Search"),
        (2, "Abstract"),
        (2, "1 Introduction"),
    ]
    for section in laid.sections:
        assert laid.texts[section.line].strip() == section.title
    # A top-level heading is underlined to its own width.
    assert laid.texts[1].strip() == "─" * len(titles[0][1])


def test_a_table_keeps_its_columns_and_alignment() -> None:
    lines = lines_of(SAMPLE_TEXT, 100)
    header = next(n for n, line in enumerate(lines) if "method" in line and "nDCG@10" in line)
    bm25, dci = lines[header + 2], lines[header + 3]
    assert bm25.split() == ["BM25", "41.2"] and dci.split() == ["DCI", "52.9"]
    # The second column is right-aligned, as `---:` asks.
    assert bm25.rstrip().endswith("41.2") and len(bm25.rstrip()) == len(lines[header].rstrip())


def test_code_keeps_its_indentation_and_is_never_joined() -> None:
    lines = lines_of(SAMPLE_TEXT, 100)
    code = [line for line in lines if "│" in line]
    assert code == [
        " " * MARGIN + "│ def search(corpus):",
        " " * MARGIN + '│     return [line for line in corpus if "agent" in line]',
    ]


def test_links_are_numbered_and_only_https_is_openable() -> None:
    text = (
        "See [the code](https://github.com/a/b), [plain](http://example.org), "
        "[rel](../secret), [anchor](#S2) and [js](javascript:alert(1)).\n"
    )
    parsed = parse(text)
    assert [(link.number, link.label, link.openable) for link in parsed.links] == [
        (1, "the code", True),
        (2, "plain", False),
        (3, "rel", False),
    ]
    line = lay_out(parsed.blocks, 120).texts[0]
    assert "the code[1]" in line and "plain[2]" in line and "rel[3]" in line
    # An anchor inside the paper gets no number; a javascript: link is not a link at all.
    assert "anchor and" in line and "[js](javascript:alert(1))" in line


def test_link_numbers_continue_after_the_first_chunk() -> None:
    parsed = parse("[x](https://example.org/x)\n", first_link=7)
    assert parsed.links[0].number == 7 and "x[7]" in lay_out(parsed.blocks, 80).texts[0]


def test_an_image_is_one_line_with_its_caption_and_is_never_fetched() -> None:
    text = "![Figure 1: the loop, with a caption long enough to need cutting](fig.png)\n"
    lines = lines_of(text * 1, 40)
    assert len(lines) == 1
    assert lines[0].startswith(" " * MARGIN + "▣ Figure 1: the loop") and lines[0].endswith("…")
    assert "fig.png" not in "".join(lines)


def test_math_is_shown_as_its_source() -> None:
    lines = lines_of("The loss $\\mathcal{L}_t = x^2$ holds.\n\n$$\n\\sum_i a_i\n$$\n", 80)
    assert "$\\mathcal{L}_t = x^2$" in lines[0]
    assert any("\\sum_i a_i" in line for line in lines[1:])


def test_lists_and_quotes() -> None:
    text = "> a quote **bold**\n\n1. one\n   - sub\n2. two\n"
    lines = [line.strip() for line in lines_of(text) if line.strip()]
    assert lines == ["▌ a quote bold", "1. one", "• sub", "2. two"]


def test_lines_fit_the_width_and_rewrap() -> None:
    blocks = parse(long_text(30_000)).blocks
    for width in (40, 80, 120):
        laid = lay_out(blocks, width)
        assert max(strip.cell_length for strip in laid.strips) <= width
    narrow, wide = lay_out(blocks, 50), lay_out(blocks, 120)
    assert len(narrow.strips) > len(wide.strips)
    assert len(narrow.sections) == len(wide.sections)


def test_hostile_text_reaches_no_line_as_an_escape() -> None:
    # Cleaned as the service cleans it; character references decoded by the parser (&#x202e;)
    # are cleaned again on the way into a block.
    text = clean_document(HOSTILE_TEXT) + "\n\nA &#x202e;reversed&#x202c; word and &#27;[2J.\n"
    laid = lay_out(parse(text).blocks, 80)
    for strip in laid.strips:
        for segment in strip:
            assert not UNSAFE.search(segment.text), repr(segment.text)
    joined = "\n".join(laid.texts)
    # Rich markup in a paper stays text.
    assert "[bold red]markup[/]" in joined and "[red]not markup[/red]" in joined


def test_the_text_splits_where_both_halves_parse_as_the_whole() -> None:
    text = long_text(60_000)
    first, rest = split_chunks(text, 10_000)
    assert first + rest == text and 10_000 <= len(first) < 14_000
    whole = parse(text)
    halves = parse(first)
    second = parse(rest, len(halves.links) + 1)
    assert [b.text.plain for b in whole.blocks] == [
        b.text.plain for b in halves.blocks + second.blocks
    ]
    # The second half's links are in its blocks, counted from its first (the view shifts them).
    shifted = [link._replace(block=link.block + len(halves.blocks)) for link in second.links]
    assert whole.links == halves.links + shifted


@pytest.mark.parametrize("fence", ["```", "~~~", "$$"])
def test_the_text_never_splits_inside_a_fence(fence: str) -> None:
    block = f"{fence}\n" + "".join(f"\n# not a heading {n}\n" for n in range(200)) + f"{fence}\n"
    text = "intro\n\n" + block + "\n# After\n\ntail\n"
    first, rest = split_chunks(text, 20)
    assert first.endswith(block + "\n") and rest.startswith("# After")


def test_search_finds_every_occurrence_in_cells() -> None:
    texts = ["  Attention is all", "  attention, attention", "", "  本 attention"]
    hay = Haystack(texts)
    matches = find(hay, "attention")
    assert [(m.line, m.start, m.end) for m in matches] == [
        (0, 2, 11),
        (1, 2, 11),
        (1, 13, 22),
        (3, 5, 14),  # 本 takes two cells
    ]
    assert len(find(hay, "Attention")) == 1  # a capital makes it case-sensitive
    assert find(hay, "") == [] and find(hay, "zzz") == [] and find(hay, "all\n  att") == []
    # Lowercasing İ makes two characters: the lines are then searched one by one.
    odd = Haystack(["İstanbul attention", "x attention"])
    assert [(m.line, m.start) for m in find(odd, "attention")] == [(0, 9), (1, 2)]
