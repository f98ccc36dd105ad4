""" "For you": papers ranked by likeness to the bookmarks, and why. Pure.

A paper is a bag of its words (title and AI keywords count double the abstract's), weighted by
TF-IDF; the profile is the sum of the bookmarked papers' vectors. A paper's score is its cosine
with the profile, plus small bonuses: an author in common with a bookmark, its upvotes, its
recency. The bookmarked papers themselves are left out. Document frequencies come from the
papers at hand, or from the archive's full-text index when the service has one (`DocFreq`).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from typing import NamedTuple

from papertui.core.paper import Paper
from papertui.core.query import SEP

WORD = re.compile(r"[a-z][a-z0-9]{2,}")  # what FTS5's unicode61 makes of plain English words
PROFILE_TERMS = 400  # the profile's strongest terms kept: enough for a topic, fast to score
AUTHOR_BONUS = 0.15
UPVOTE_BONUS = 0.05  # at 1,000 upvotes; logarithmic
RECENCY_BONUS = 0.05  # today; halves every RECENCY_DAYS
RECENCY_DAYS = 30
WHY_TERMS = 3
# Words that say nothing about a topic: function words and the boilerplate of abstracts.
_STOP_TEXT = """
    the and for with from that this these those are was were been being have has had not but
    can could may might will would should must our their its into onto over under between
    through about than then them they which while where when what who whom how also such both
    each more most other some only very via using use used uses based show shows shown showing
    propose proposed proposes present presents presented approach approaches method methods
    paper work works result results new novel existing across without within however further
    first two three one any all many much well like make makes made achieve achieves achieved
    demonstrate demonstrates extensive experiments experimental outperforms state art code
    available https github com www org project page introduce introduces introducing study
    significantly significant improve improves improved improving performance effective address
"""
STOP = frozenset(_STOP_TEXT.split())


class DocFreq(NamedTuple):
    """In how many of `total` documents each term occurs."""

    total: int
    counts: Mapping[str, int]

    def idf(self) -> Callable[[str], float]:
        """A term's inverse document frequency, each worked out once."""
        known: dict[str, float] = {}
        total, counts = self.total + 1, self.counts

        def idf(term: str) -> float:
            value = known.get(term)
            if value is None:
                value = known[term] = math.log(total / (counts.get(term, 0) + 1)) + 1.0
            return value

        return idf


class Why(NamedTuple):
    """Why a paper ranks where it does: the profile's words it shares (strongest first) and
    the title of a bookmark it shares an author with."""

    words: tuple[str, ...] = ()
    author: str = ""
    author_of: str = ""  # the bookmarked paper's title

    def __str__(self) -> str:
        parts = []
        if self.words:
            parts.append("like your bookmarks: " + ", ".join(self.words))
        if self.author:
            parts.append(f"shares an author ({self.author}) with {self.author_of!r}")
        return " · ".join(parts)


class Profile(NamedTuple):
    weights: dict[str, float]  # term → weight, unit length
    authors: dict[str, tuple[str, str]]  # lowercase name → (name, a bookmarked title)
    ids: frozenset[str]  # the bookmarked papers, left out of the ranking

    @property
    def empty(self) -> bool:
        return not self.ids


class Ranked(NamedTuple):
    papers: list[Paper]  # best first, bookmarked papers left out
    scores: dict[str, float]  # by paper id
    why: dict[str, Why]  # by paper id, for those with a reason


def bag(paper: Paper) -> Counter[str]:
    """A paper's words with their weights: 2 for the title's and keywords', 1 for each of the
    abstract's (at most 3)."""
    return _bag(paper.title, " ".join(paper.ai_keywords), paper.summary)


def _bag(title: str, keywords: str, abstract: str) -> Counter[str]:
    counts: Counter[str] = Counter()
    for word in set(_words(title)) | set(_words(keywords)):
        counts[word] += 2
    for word, n in Counter(_words(abstract)).items():
        counts[word] += min(n, 3)
    return counts


def bag_of_text(text: bytes) -> Counter[str]:
    """The bag of a light row's paper, from the filter's text of it (`query.haystack_text`:
    title, authors, abstract, organisation, keywords, already lowercase)."""
    fields = text.decode("utf-8", "replace").split(SEP)
    title, abstract = fields[0], fields[2] if len(fields) > 2 else ""
    keywords = fields[4] if len(fields) > 4 else ""
    return _bag(title, keywords, abstract)


def corpus_freq(bags: Iterable[Mapping[str, float]]) -> DocFreq:
    """Document frequencies of the bags given (the papers at hand and the bookmarks)."""
    counts: Counter[str] = Counter()
    total = 0
    for words in bags:
        counts.update(words.keys())
        total += 1
    return DocFreq(total, counts)


def profile(bookmarked: Sequence[Paper], bags: Mapping[str, Counter[str]], df: DocFreq) -> Profile:
    """The bookmarks' profile: their vectors summed (each of unit length, so a long abstract
    does not outweigh a short one), the strongest PROFILE_TERMS kept."""
    total: dict[str, float] = {}
    authors: dict[str, tuple[str, str]] = {}
    idf = df.idf()
    for paper in bookmarked:
        for term, weight in _vector(bags.get(paper.id) or bag(paper), idf).items():
            total[term] = total.get(term, 0.0) + weight
        for name in paper.authors:
            authors.setdefault(name.casefold(), (name, paper.title))
    kept = dict(sorted(total.items(), key=lambda tw: -tw[1])[:PROFILE_TERMS])
    return Profile(_unit(kept), authors, frozenset(p.id for p in bookmarked))


def rank(
    papers: Sequence[Paper],
    prof: Profile,
    bags: Mapping[str, Counter[str]],
    df: DocFreq,
    today: date,
) -> Ranked:
    """`papers` best first for the profile; bookmarked papers left out. Ties keep the order
    given (by upvotes, as the caller sorts first)."""
    scores: dict[str, float] = {}
    why: dict[str, Why] = {}
    idf, weights = df.idf(), prof.weights
    for paper in papers:
        if paper.id in prof.ids:
            continue
        vector = _vector(bags.get(paper.id) or bag(paper), idf)
        shared = {t: w * weights[t] for t, w in vector.items() if t in weights}
        score = sum(shared.values())
        author = _shared_author(paper, prof)
        score += (AUTHOR_BONUS if author else 0.0) + _bonus(paper, today)
        scores[paper.id] = score
        words = tuple(sorted(shared, key=lambda t: -shared[t])[:WHY_TERMS])
        if words or author:
            name, title = author if author else ("", "")
            why[paper.id] = Why(words, name, title)
    kept = [p for p in papers if p.id in scores]
    order = sorted(range(len(kept)), key=lambda i: (-scores[kept[i].id], i))
    return Ranked([kept[i] for i in order], scores, why)


def _shared_author(paper: Paper, prof: Profile) -> tuple[str, str] | None:
    for name in paper.authors:
        found = prof.authors.get(name.casefold())
        if found:
            return found
    return None


def _bonus(paper: Paper, today: date) -> float:
    votes = UPVOTE_BONUS * math.log1p(max(paper.upvotes or 0, 0)) / math.log1p(1000)
    day = paper.submitted or paper.published
    if day is None:
        return votes
    age = max((today - day).days, 0)
    return votes + RECENCY_BONUS * math.pow(0.5, age / RECENCY_DAYS)


def _words(text: str) -> list[str]:
    return [_singular(w) for w in WORD.findall(text.lower()) if w not in STOP]


def _singular(word: str) -> str:
    """ "models" and "model" as one word; "analysis", "process", "corpus" left alone."""
    if len(word) > 4 and word[-1] == "s" and word[-2] not in "siu":
        return word[:-1]
    return word


def _vector(words: Mapping[str, float], idf: Callable[[str], float]) -> dict[str, float]:
    return _unit({t: w * idf(t) for t, w in words.items()})


def _unit(vector: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(w * w for w in vector.values()))
    return {t: w / norm for t, w in vector.items()} if norm else {}
