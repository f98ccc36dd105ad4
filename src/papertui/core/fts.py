"""Offline search: a query in the filter language made into an SQLite FTS5 MATCH expression,
and the same ranking (BM25, title weighted above abstract) computed here for an SQLite built
without FTS5. Pure.

Nothing the user types reaches FTS5 as syntax: every word and phrase goes in double quotes (a
quote in it doubled) and is matched as a prefix, so `zzz-nothing`, `"` or `NEAR(` are words,
never an error. Fields map onto the index's columns; terms on fields the index lacks (id, tag,
counts) are left to the filter language, which the caller applies to what FTS5 found.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from typing import NamedTuple

from papertui.core.paper import Paper
from papertui.core.query import text_columns

COLUMNS = ("title", "abstract", "authors", "keywords", "org")
WEIGHTS = (10.0, 1.0, 3.0, 3.0, 1.0)  # bm25() weights, in the order of COLUMNS
_FIELDS = {
    "title": "title", "abstract": "abstract", "summary": "abstract", "author": "authors",
    "authors": "authors", "kw": "keywords", "keyword": "keywords", "org": "org",
}  # fmt: skip
_TERM = re.compile(r'(-?)(?:([A-Za-z]+):)?(?:"([^"]*)"?|(\S+))')
K1, B = 1.2, 0.75  # FTS5's bm25() constants


class Term(NamedTuple):
    tokens: tuple[str, ...]  # the words of a word or a phrase, as the index tokenizes them
    column: str | None  # one of COLUMNS, or None for any
    negated: bool


def terms(text: str) -> list[Term]:
    """The searchable terms of a query (fields the index lacks are left out)."""
    found = []
    for match in _TERM.finditer(text):
        negated, field, phrase, word = match.groups()
        column = None
        if field:
            column = _FIELDS.get(field.lower())
            if column is None:
                continue  # id:, tag:, upvotes:… are the filter's to apply
        tokens = tuple(tokenize(phrase if phrase is not None else word))
        if tokens:
            found.append(Term(tokens, column, bool(negated)))
    return found


def match_expression(found: Sequence[Term]) -> str | None:
    """The MATCH string for FTS5, or None when there is nothing to look for (no positive
    term: FTS5 cannot start from a NOT)."""
    wanted = [_phrase(t) for t in found if not t.negated]
    if not wanted:
        return None
    expression = " AND ".join(wanted)
    for term in found:
        if term.negated:
            expression = f"({expression}) NOT {_phrase(term)}"
    return expression


def _phrase(term: Term) -> str:
    quoted = '"' + " ".join(term.tokens).replace('"', '""') + '"*'
    return f"{term.column} : {quoted}" if term.column else quoted


def tokenize(text: str) -> list[str]:
    """Words as FTS5's unicode61 tokenizer makes them (remove_diacritics 2): letters and
    digits, lowercased, accents dropped; everything else separates."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return [w for w in re.split(r"[^\w]|_", bare) if w]


def rank(papers: Sequence[Paper], found: Sequence[Term]) -> list[Paper]:
    """What FTS5 would find for `found`, best first by its bm25() with WEIGHTS: for an SQLite
    without FTS5 (a scan; the same order)."""
    docs = [[tokenize(text) for text in text_columns(p)] for p in papers]
    matching = [i for i, doc in enumerate(docs) if _matches(doc, found)]
    if not matching:
        return []
    lengths = [sum(len(col) for col in doc) for doc in docs]
    average = sum(lengths) / len(lengths)
    positive = [t for t in found if not t.negated]
    idf = {t: _idf(len(docs), sum(1 for doc in docs if _hits(doc, t) > 0)) for t in positive}
    scores = {}
    for i in matching:
        score = 0.0
        for term in positive:
            tf = _hits(docs[i], term, weighted=True)
            score += idf[term] * tf * (K1 + 1) / (tf + K1 * (1 - B + B * lengths[i] / average))
        scores[i] = score
    return [papers[i] for i in sorted(matching, key=lambda i: (-scores[i], i))]


def _idf(total: int, having: int) -> float:
    value = math.log((total - having + 0.5) / (having + 0.5))
    return value if value > 0 else 1e-6


def _matches(doc: list[list[str]], found: Sequence[Term]) -> bool:
    return all((_hits(doc, t) > 0) != t.negated for t in found)


def _hits(doc: list[list[str]], term: Term, weighted: bool = False) -> float:
    total = 0.0
    for name, weight, words in zip(COLUMNS, WEIGHTS, doc, strict=True):
        if term.column is not None and term.column != name:
            continue
        count = _phrase_count(words, term.tokens)
        total += count * (weight if weighted else 1.0)
    return total


def _phrase_count(words: list[str], tokens: tuple[str, ...]) -> int:
    """How often the phrase occurs, its last word as a prefix (as `"…"*` in FTS5)."""
    size = len(tokens)
    count = 0
    for start in range(len(words) - size + 1):
        if all(words[start + k] == tokens[k] for k in range(size - 1)) and words[
            start + size - 1
        ].startswith(tokens[-1]):
            count += 1
    return count
