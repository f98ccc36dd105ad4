from __future__ import annotations

import contextlib
import copy
import json
from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from papertui.core import records
from papertui.core.hf import parse_entries, parse_entry
from papertui.core.paper import MalformedEntry
from papertui.core.records import PUBLIC_KEYS, from_record, to_record

HOSTILE_TITLE = "\x1b]52;c;ZXZpbA==\x07[/] [@click=app.quit]x\x1b[2J \u202eevil \x9b31m"


def test_recorded_response_parses_whole(recorded: list[dict[str, Any]]) -> None:
    result = parse_entries(recorded)
    assert result.skipped == 0 and len(result.papers) == 37
    first = result.papers[0]
    assert first.id == "2605.05242"
    assert first.title.startswith("Beyond Semantic Similarity")
    assert first.upvotes == 86 and first.comments == 3
    assert (
        first.github_stars == 101
        and first.github_repo == "https://github.com/DCI-Agent/DCI-Agent-Lite"
    )
    assert len(first.authors) == 19 and first.authors[0] == "Zhuofeng Li"
    assert first.organization is not None and first.organization.name == "TIGER-Lab"
    assert first.published == date(2026, 5, 3) and first.submitted == date(2026, 5, 8)
    assert first.ai_summary and "retrieval systems" in first.ai_keywords
    assert first.submitter == "ZhuofengLi"
    assert first.hf_url == "https://huggingface.co/papers/2605.05242"
    assert first.arxiv_url == "https://arxiv.org/abs/2605.05242"
    assert first.pdf_url == "https://arxiv.org/pdf/2605.05242"


def test_unknown_stays_unknown(recorded: list[dict[str, Any]]) -> None:
    papers = parse_entries(recorded).papers
    no_repo = [p for p in papers if p.github_repo is None]
    assert no_repo and all(p.github_stars is None for p in no_repo)
    assert sum(p.ai_summary is None for p in papers) == 2
    assert sum(p.organization is None for p in papers) == 37 - 23
    assert sum(bool(p.media_urls) for p in papers) == 4


def test_flat_paper_and_legacy_search_shapes(recorded: list[dict[str, Any]]) -> None:
    flat = parse_entry(recorded[0]["paper"])
    assert flat.id == "2605.05242" and flat.upvotes == 86 and flat.comments is None
    legacy = parse_entry(
        {"id": "2401.00001", "title": "Old shape", "thumbnailUrl": "x", "source": "y"}
    )
    assert legacy.title == "Old shape" and legacy.upvotes is None and legacy.authors == ()


def test_null_is_treated_like_missing(recorded: list[dict[str, Any]]) -> None:
    entry = copy.deepcopy(recorded[0])
    entry["paper"]["githubRepo"] = None
    entry["paper"]["organization"] = None
    entry["organization"] = None
    paper = parse_entry(entry)
    assert paper.github_repo is None and paper.github_stars is None and paper.organization is None


@pytest.mark.parametrize(
    "bad",
    [
        None,
        42,
        "text",
        [],
        {},
        {"paper": {"title": "no id"}},
        {"paper": {"id": "2605.1", "title": "short id"}},
        {"paper": {"id": "../../etc/passwd", "title": "path"}},
        {"paper": {"id": "2605.05242"}},
        {"paper": {"id": "2605.05242", "title": 7}},
    ],
)
def test_malformed_entries_raise(bad: Any) -> None:
    with pytest.raises(MalformedEntry):
        parse_entry(bad)


def test_malformed_entries_are_skipped_and_counted(recorded: list[dict[str, Any]]) -> None:
    mixed = [recorded[0], None, {"paper": {"id": 5}}, recorded[1], recorded[0]]
    result = parse_entries(mixed)
    assert [p.id for p in result.papers] == ["2605.05242", "2605.06548"]
    assert result.skipped == 2
    with pytest.raises(MalformedEntry):
        parse_entries({"not": "a list"})


def test_wrong_types_degrade_to_unknown(recorded: list[dict[str, Any]]) -> None:
    entry = copy.deepcopy(recorded[0])
    entry["paper"].update(upvotes="86", githubStars=-1, authors="nobody", publishedAt="yesterday")
    entry["numComments"] = True
    paper = parse_entry(entry)
    assert paper.upvotes is None and paper.github_stars is None and paper.comments is None
    assert paper.authors == () and paper.published is None


def test_hostile_strings_come_out_clean(recorded: list[dict[str, Any]]) -> None:
    entry = copy.deepcopy(recorded[0])
    entry["paper"]["title"] = HOSTILE_TITLE
    entry["paper"]["summary"] = "line\x1b]0;title\x07\nnext\u2067"
    entry["paper"]["authors"] = [{"name": "\x1b[31mRed\x1b[0m"}]
    entry["paper"]["ai_keywords"] = ["\x1b]8;;https://evil\x07k"]
    entry["paper"]["organization"] = {"name": "\x9dorg", "fullname": "[b]Org"}
    entry["paper"]["projectPage"] = "https://ok.example/\x1b]52;c;x\x07"
    paper = parse_entry(entry)
    # The decoded values, not a JSON dump (which escapes C0 controls whatever they hold).
    values = json.dumps(to_record(paper, full=True), ensure_ascii=False)
    text = "".join(_strings(json.loads(values)))
    assert "line" in text and "Red" in text  # the probe sees the fields
    for bad in ("\x1b", "\x9b", "\x9d", "\x07", "\u202e", "\u2067"):
        assert bad not in text
    assert "[/] [@click=app.quit]x" in paper.title  # markup kept literally, rendered as text
    assert paper.project_page is None


def test_records_round_trip(recorded: list[dict[str, Any]]) -> None:
    for paper in parse_entries(recorded).papers:
        record = to_record(paper, full=True)
        assert list(to_record(paper)) == list(PUBLIC_KEYS)
        assert from_record(json.loads(json.dumps(record))) == paper


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=6)
    ),
    max_leaves=20,
)


@given(st.lists(json_values, max_size=5))
def test_property_parse_never_crashes_on_junk(data: list[Any]) -> None:
    result = parse_entries(data)
    assert len(result.papers) + result.skipped <= len(data)


@given(
    title=st.text(min_size=1),
    authors=st.lists(st.text(), max_size=5),
    summary=st.text(),
)
def test_property_parsed_fields_are_terminal_safe(
    title: str, authors: list[str], summary: str
) -> None:
    entry = {
        "paper": {
            "id": "2605.00001",
            "title": title,
            "summary": summary,
            "authors": [{"name": a} for a in authors],
        }
    }
    try:
        paper = parse_entry(entry)
    except MalformedEntry:
        return
    for value in (paper.title, paper.summary, *paper.authors):
        assert not any((ord(c) < 0x20 and c != "\n") or 0x7F <= ord(c) < 0xA0 for c in value)
        value.encode("utf-8")


@given(st.lists(st.sampled_from(["2605.05242", "cs/0601001", "2605.5", "x", "", "2605.05242\n"])))
def test_all_valid_ids_is_valid_id_of_each(ids: list[str]) -> None:
    from papertui.core.paper import all_valid_ids, valid_id

    assert all_valid_ids(ids) == all(valid_id(i) for i in ids)
    assert not valid_id("2605.05242\n")  # $ would have let a trailing newline through


TRICKY_TEXT = st.text(alphabet=st.sampled_from(list("ab ·\xa0\u3000\t\n\x1b\u202e")), max_size=6)
ROW = st.tuples(
    st.sampled_from(["2605.05242", "2605.00001", "bad id", 7]),
    TRICKY_TEXT | st.just("A title"),
    st.none() | st.integers(-2, 5) | st.booleans(),
    st.none() | st.integers(0, 5),
    st.none() | TRICKY_TEXT,
    st.none() | st.just("Org Inc."),
    st.none() | st.sampled_from(["2026-05-08", "garbage", "2026-05-08T10:00:00"]),
    st.none() | st.just("2026-05-01"),
    st.none() | st.integers(0, 5),
).map(list)


@given(st.lists(ROW | st.just(["too", "short"]), max_size=8))
def test_light_rows_in_bulk_are_what_one_by_one_gives(rows: list[Any]) -> None:
    from papertui.core.records import from_row, from_rows

    expected = []
    for row in rows:
        with contextlib.suppress(MalformedEntry):
            expected.append(from_row(row))
    assert from_rows(rows) == expected


def test_light_rows_written_by_to_row_take_the_bulk_path(recorded: list[dict[str, Any]]) -> None:
    from papertui.core.records import from_row, from_rows, to_row

    papers = parse_entries(recorded).papers
    rows = [to_row(p) for p in papers]
    assert records._rows_as_written(rows)
    assert from_rows(rows) == [from_row(r) for r in rows]


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []
