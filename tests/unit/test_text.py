from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from papertui.core.text import REPLACEMENT, age, clean_text, clean_url, ellipsize, is_openable

HOSTILE = [
    "\x1b]52;c;ZXZpbA==\x07",  # OSC 52: write the clipboard
    "\x1b]0;pwned\x07",  # OSC 0: window title
    "\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\",  # OSC 8 hyperlink
    "\x1b[2J\x1b[H",  # CSI clear screen
    "\x9b31m\x9d0;title\x9c",  # C1 CSI / OSC / ST
    "\u202eevil\u202c \u2066isolate\u2069",  # bidi override and isolate
]


def _unsafe(text: str) -> list[str]:
    return [
        ch
        for ch in text
        if (unicodedata.category(ch) == "Cc" and ch not in "\n")
        or ch in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
        or 0xD800 <= ord(ch) <= 0xDFFF
    ]


def test_escape_sequences_lose_their_escape() -> None:
    for payload in HOSTILE:
        cleaned = clean_text(f"title {payload} end")
        assert _unsafe(cleaned) == [], repr(cleaned)
        assert "\x1b" not in cleaned and "\x9b" not in cleaned


def test_markup_is_kept_literally() -> None:
    assert clean_text("[/] [@click=app.quit]x[/] [bold]b") == "[/] [@click=app.quit]x[/] [bold]b"


def test_single_line_fields_lose_newlines_and_multiline_keeps_paragraphs() -> None:
    assert clean_text("a\nb\r\nc\u2028d") == "a b c d"
    assert clean_text("para one\n\n\n\npara\ttwo  \r\n", multiline=True) == "para one\n\npara two"


def test_lone_surrogates_are_replaced_and_encode() -> None:
    cleaned = clean_text("a\ud800b")
    assert cleaned == f"a{REPLACEMENT}b"
    cleaned.encode("utf-8")


def test_urls_only_http_and_clean() -> None:
    assert clean_url("https://github.com/x/y") == "https://github.com/x/y"
    assert clean_url("javascript:alert(1)") is None
    assert clean_url("https://a.example/\x1b[2J") is None
    assert clean_url("https://a.example/with space") is None
    assert is_openable("https://x") and not is_openable("http://x") and not is_openable(None)


def test_ellipsize_and_age() -> None:
    assert ellipsize("abcdef", 4) == "abc…"
    assert ellipsize("abc", 4) == "abc"
    assert age(5) == "just now" and age(125) == "2 min ago" and age(3 * 3600) == "3 h ago"
    assert age(5 * 86400) == "5 days ago"


# Every kind of character the cleaner must remove, so that each is generated (st.text() alone
# almost never yields a bidi control), mixed with anything at all.
UNSAFE = list("\x00\x07\x1b\x7f\x85\x9b\x9d\u061c\u200e\u200f\u202a\u202e\u2066\u2069\ud800")


@given(st.text(alphabet=st.sampled_from([*UNSAFE, "a", " ", "\n"])) | st.text())
def test_property_nothing_unsafe_survives(value: str) -> None:
    for multiline in (False, True):
        cleaned = clean_text(value, multiline=multiline)
        assert _unsafe(cleaned) == []
        cleaned.encode("utf-8")
        if not multiline:
            assert "\n" not in cleaned


@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp", "Cf", "Zs"))))
def test_property_printable_text_is_unchanged(value: str) -> None:
    assert clean_text(value) == value


@given(st.text())
def test_property_idempotent(value: str) -> None:
    once = clean_text(value, multiline=True)
    assert clean_text(once, multiline=True) == once


TRICKY = list(" \t\n\r\xa0\u2028\u3000a[\x1b\u202e\x85\x9b")


@given(st.text(alphabet=st.sampled_from(TRICKY)) | st.text())
def test_property_fast_path_agrees_with_the_full_clean(value: str) -> None:
    from papertui.core.text import _clean

    for multiline in (False, True):
        assert clean_text(value, multiline=multiline) == _clean(value, multiline)


@given(st.lists(st.text(alphabet=st.sampled_from(TRICKY)) | st.text(), max_size=2500))
def test_property_all_safe_is_is_safe_of_each(values: list[str]) -> None:
    from papertui.core.text import all_safe, is_safe

    for multiline in (False, True):
        expected = all(is_safe(v, multiline=multiline) for v in values)
        assert all_safe(values, multiline=multiline) == expected
        assert all_safe(iter(values), multiline=multiline) == expected  # any iterable


def test_a_document_loses_what_steers_a_terminal_and_keeps_its_layout() -> None:
    from papertui.core.text import clean_document

    text = "# T\x1b]0;x\x07\r\n\n    code\tcell\r\n\u202ebidi \x9b31m\ud800 end  \n"
    cleaned = clean_document(text)
    assert cleaned == "# T\ufffd]0;x\ufffd\n\n    code\tcell\nbidi \ufffd31m\ufffd end  \n"


@given(st.text(alphabet=st.sampled_from([*UNSAFE, "a", " ", "\t", "\n", "\r"])) | st.text())
def test_property_a_clean_document_is_safe(value: str) -> None:
    from papertui.core.text import clean_document

    cleaned = clean_document(value)
    assert _unsafe(cleaned.replace("\n", " ").replace("\t", " ")) == []
    cleaned.encode("utf-8")
