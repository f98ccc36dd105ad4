"""The filter language, shared by `papertui list --filter` and the reader's filter line. Pure.

    diffusion "language model" -video author:chen org:tiger kw:retrieval upvotes:>=20 is:unread

Plain words are case-insensitive substrings that must all occur somewhere (title, authors,
abstract, keywords, organization, id, and tags/notes where a bookmark has them). `-` negates a
term. `is:watched`, `is:bookmarked`, `is:read` and `is:unread` ask the list's `Flags`.
Parsing happens once per query; matching a paper is a handful of `in` tests against
lowercase haystacks prepared once per paper. Nothing here raises on malformed input: what cannot
be read as syntax is taken literally.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Container, Mapping, Sequence
from typing import NamedTuple

from papertui.core.paper import Paper

TEXT_FIELDS = ("title", "author", "abstract", "org", "kw", "id", "tag", "note")
NUMERIC_FIELDS = ("upvotes", "comments", "stars")
FLAGS = ("watched", "bookmarked", "read", "unread")  # `is:watched`...
_FIELD_ALIASES = {"authors": "author", "summary": "abstract", "keyword": "kw", "tags": "tag"}
_OPS: dict[str, Callable[[int, int], bool]] = {
    ">=": operator.ge,
    "<=": operator.le,
    ">": operator.gt,
    "<": operator.lt,
    "=": operator.eq,
    "": operator.ge,  # `upvotes:20` reads as "at least 20"
}
_NUMERIC = re.compile(r"(>=|<=|>|<|=)?(\d{1,9})")
_TOKEN = re.compile(r'(-?)(?:([A-Za-z]+):)?(?:"([^"]*)"?|(\S+))')


# The fields of a haystack, in order, joined by SEP: what `author:` or `kw:` looks in.
FIELD_ORDER = ("title", "author", "abstract", "org", "kw", "id", "tag", "note")
SEP = "\x1f"  # the unit separator: clean_text never lets a control character through
_SEP = SEP.encode()


class Flags(NamedTuple):
    """What `is:` asks of a paper, by id: shared by every haystack of a list, and live (the
    reader's set of read ids is the one it updates)."""

    watched: Container[str] = frozenset()
    bookmarked: Container[str] = frozenset()
    read: Container[str] = frozenset()


NO_FLAGS = Flags()


class Haystack:
    """One paper's lowercase text, every field in one UTF-8 string (a third of the memory of
    Python text with a single non-ASCII character in it), the paper for its counts, and the
    flags `is:` asks about."""

    __slots__ = ("flags", "paper", "text")

    def __init__(self, text: bytes, paper: Paper, flags: Flags = NO_FLAGS) -> None:
        self.text = text
        self.paper = paper
        self.flags = flags

    def field(self, name: str) -> tuple[int, int]:
        """Where field `name` lies in `text`: (start, end); (0, 0) when it has none."""
        start, text = 0, self.text
        for _ in range(FIELD_ORDER.index(name)):
            start = text.find(_SEP, start) + 1
            if start == 0:
                return 0, 0
        end = text.find(_SEP, start)
        return start, len(text) if end == -1 else end


def text_columns(paper: Paper) -> tuple[str, str, str, str, str]:
    """A paper's text as the full-text index's columns (title, abstract, authors, keywords,
    organisation: `fts.COLUMNS`): authors and keywords one a line, the organisation's name and
    full name on two. The filter's haystack is made of the same, so the archive can read it
    back from the index."""
    org = paper.organization
    return (
        paper.title,
        paper.summary,
        "\n".join(paper.authors),
        "\n".join(paper.ai_keywords),
        f"{org.name}\n{org.fullname}" if org else "",
    )


def haystack_text(paper: Paper) -> bytes:
    """The lowercase text the filter searches for `paper` (`FIELD_ORDER`)."""
    return haystack_of(text_columns(paper), paper.id)


def haystack_of(columns: Sequence[str], pid: str) -> bytes:
    """A haystack's text from a paper's `text_columns` and its id."""
    title, abstract, authors, keywords, org = columns
    return SEP.join((title, authors, abstract, org, keywords, pid)).lower().encode()


def with_extra(text: bytes, tag: str, note: str) -> bytes:
    """A haystack's text with a bookmark's tags and note added as their fields."""
    return text + (SEP + tag + SEP + note).lower().encode()


def prepare(
    paper: Paper,
    extra: Mapping[str, str] | None = None,
    text: bytes | None = None,
    flags: Flags = NO_FLAGS,
) -> Haystack:
    """The haystack of `paper` (from its fields, or `text` made by `haystack_text` before);
    `extra` adds a bookmark's `tag` and `note`."""
    text = haystack_text(paper) if text is None else text
    if extra:
        text = with_extra(text, extra.get("tag", ""), extra.get("note", ""))
    return Haystack(text, paper, flags)


Predicate = Callable[[Haystack], bool]


class Query(NamedTuple):  # see ARCHITECTURE.md, "the startup path"
    text: str
    predicates: tuple[Predicate, ...] = ()
    highlights: tuple[str, ...] = ()  # lowercase terms worth marking in titles
    # When every term is a plain word: the words, so a caller can test `w in hay.all` in a
    # tight loop with no function call per paper (the common case, and the hot path).
    plain_words: tuple[str, ...] | None = None
    flags: frozenset[str] = frozenset()  # what its `is:` terms ask ("watched", "unread", ...)

    @property
    def empty(self) -> bool:
        return not self.predicates

    def matches(self, hay: Haystack) -> bool:
        return all(pred(hay) for pred in self.predicates)

    def narrows(self, previous: Query) -> bool:
        """Whether every paper matching this query also matches `previous`.

        True when both are plain words and this text extends the previous one (typing
        "diffu" after "diff", or "diff u" after "diff "), so a filter can search only the
        previous matches instead of every paper.
        """
        return (
            previous.plain_words is not None
            and self.plain_words is not None
            and self.text.startswith(previous.text)
        )


def parse(text: str) -> Query:
    """Compile `text` into a `Query`. Never raises."""
    predicates: list[Predicate] = []
    highlights: list[str] = []
    flags: set[str] = set()
    plain: list[str] | None = []
    for match in _TOKEN.finditer(text):
        negate, name, phrase, word = match[1] == "-", match[2], match[3], match[4]
        raw = phrase if phrase is not None else word
        pred, term, field_name = _term(name, raw, match[0].lstrip("-"))
        if pred is None:
            continue
        if field_name == "is":
            flags.add(raw.lower())
        if plain is not None and (negate or field_name or name or phrase is not None):
            plain = None
        elif plain is not None:
            plain.append(term)
        if negate:
            predicates.append(_negate(pred))
        else:
            predicates.append(pred)
            if term and field_name in (None, "title"):
                highlights.append(term)
    words = tuple(plain) if plain is not None and predicates else None
    return Query(text, tuple(predicates), tuple(highlights), words, frozenset(flags))


def _term(name: str | None, raw: str, literal: str) -> tuple[Predicate | None, str, str | None]:
    """One term as a predicate, the text it looks for, and the field it looks in."""
    if name is None and raw.endswith(":"):  # `title:` alone: a field, its value to come
        name, raw = raw[:-1], ""
    if name is not None:
        key = _FIELD_ALIASES.get(name.lower(), name.lower())
        if _unfinished(key, raw):  # `title:` as it is typed: nothing until a value follows
            return None, "", key
        if key == "is" and raw.lower() in FLAGS:
            return _flag(raw.lower()), "", key
        if key in NUMERIC_FIELDS:
            numeric = _NUMERIC.fullmatch(raw)
            if numeric:
                return _count(key, _OPS[numeric[1] or ""], int(numeric[2])), "", key
        elif key in TEXT_FIELDS and raw:
            return _in_field(key, raw.lower()), raw.lower(), key
        # An unknown field or a malformed value: look for the whole token literally.
        raw = literal.replace('"', "")
    needle = raw.lower()
    if not needle:
        return None, "", None
    return _anywhere(needle), needle, None


def _unfinished(key: str, raw: str) -> bool:
    """Whether a field's value is still being typed: none yet (`title:`, `upvotes:>=`), or the
    start of an `is:` flag (`is:unr`)."""
    if key in TEXT_FIELDS:
        return not raw
    if key in NUMERIC_FIELDS:
        return raw in _OPS
    if key == "is":
        value = raw.lower()
        return value not in FLAGS and any(flag.startswith(value) for flag in FLAGS)
    return key == "is" and not raw


def _anywhere(needle: str) -> Predicate:
    data = needle.encode()
    return lambda hay: data in hay.text


def _in_field(key: str, needle: str) -> Predicate:
    data = needle.encode()

    def check(hay: Haystack) -> bool:
        start, end = hay.field(key)
        return end > start and hay.text.find(data, start, end) != -1

    return check


_COUNTS = {"upvotes": "upvotes", "comments": "comments", "stars": "github_stars"}


def _count(key: str, op: Callable[[int, int], bool], bound: int) -> Predicate:
    attribute = _COUNTS[key]

    def check(hay: Haystack) -> bool:
        value = getattr(hay.paper, attribute)
        return value is not None and op(value, bound)  # unknown never matches

    return check


def _flag(flag: str) -> Predicate:
    if flag == "unread":
        return lambda hay: hay.paper.id not in hay.flags.read
    if flag == "read":
        return lambda hay: hay.paper.id in hay.flags.read
    if flag == "bookmarked":
        return lambda hay: hay.paper.id in hay.flags.bookmarked
    return lambda hay: hay.paper.id in hay.flags.watched


def _negate(pred: Predicate) -> Predicate:
    return lambda hay: not pred(hay)


def highlight_spans(title: str, terms: tuple[str, ...]) -> list[tuple[int, int]]:
    """Where the query's terms occur in `title`, as (start, end) pairs for highlighting."""
    lowered = title.lower()
    spans = []
    for term in terms:
        start = lowered.find(term)
        while start != -1 and term:
            spans.append((start, start + len(term)))
            start = lowered.find(term, start + len(term))
    return spans
