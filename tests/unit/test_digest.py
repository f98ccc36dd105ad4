"""The digest's Markdown: the sections in order, and nothing from the data steering it."""

from __future__ import annotations

import re

from papertui.core.digest import Digest, group_watched, to_markdown
from papertui.core.paper import Organization, Paper

HOSTILE = Paper(
    id="2605.00001",
    title="# Pwned [click](javascript:alert(1)) <script>x</script> ![i](https://e.vil/x.png)",
    authors=("- Eve", "1. Mallory"),
    organization=Organization("<b>org</b>", "<b>org</b>"),
    upvotes=7,
    ai_summary="line one\n# not a heading\n> not a quote https://e.vil/a",
)
PLAIN = Paper(id="2605.00002", title="A plain paper", upvotes=30, comments=2)


def test_nothing_from_the_data_makes_markup_and_only_its_own_links_are_links() -> None:
    text = to_markdown(
        Digest(
            "papertui digest · Fri 8 May 2026",
            {"author Eve": [HOSTILE]},
            {HOSTILE.id: ("author Eve",)},
            [(HOSTILE, "like your bookmarks: x")],
            [PLAIN, HOSTILE],
            2,
        )
    )
    headings = [line for line in text.splitlines() if line.startswith("#")]
    assert headings == [
        "# papertui digest · Fri 8 May 2026",
        "## ◆ Watched",
        "### author Eve",
        "## For you",
        "## Top 2 by upvotes",
    ]
    links = re.findall(r"\]\(<([^>]*)>\)", text)
    assert set(links) == {HOSTILE.hf_url, PLAIN.hf_url}  # no javascript:, no image
    assert "<script>" not in text and "<b>" not in text and "![" not in text
    assert "\\[click\\]" in text and "https\\://e.vil" in text
    for line in text.splitlines():  # every fact is an item of its paper's list
        assert not line.startswith((">", "- Eve", "1.")), line


def test_watched_papers_group_by_the_first_thing_they_matched_best_first() -> None:
    a = Paper(id="2605.00003", title="a", upvotes=1)
    b = Paper(id="2605.00004", title="b", upvotes=50)
    groups = group_watched([a, b, PLAIN], {a.id: ("rlhf",), b.id: ("rlhf", "author X")})
    assert groups == {"rlhf": [b, a]}
