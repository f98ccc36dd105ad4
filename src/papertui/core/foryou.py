""" "For you": papers ranked by likeness to the bookmarks, and why. Pure.

A paper is the set of its words (`Bag`: plurals folded, stop words out; those of its title and
AI keywords count double). The profile weighs each word by how many bookmarks have it times
its IDF over the papers at hand and the bookmarks (`DocFreq`), the strongest PROFILE_TERMS
kept, then leaves out the words in GENERIC_SHARE of the papers at hand or more: a word every
abstract uses (scale, key, setting) says nothing of a topic. A paper scores the profile's
weights of the words it shares, over the square root of its word count, plus small bonuses:
an author in common with a bookmark, its upvotes, its recency. It is close to the bookmarks
when that likeness is about as high as the bookmarks' to each other (`_floor`), or it shares
an author; the close papers come first, and only they get a reason. The bookmarked papers
themselves are left out. Every step over a paper's words runs in C
(`map` over `dict.get`, Counters): a Python step per word cost a month of papers 80 ms on the
test machine, and a set made per paper 30 ms.
"""

from __future__ import annotations

import heapq
import math
import re
import statistics
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from datetime import date
from itertools import chain, repeat
from operator import itemgetter
from typing import Any, NamedTuple, TypeGuard

from papertui.core.paper import Paper
from papertui.core.query import SEP
from papertui.core.text import all_safe

WORD = re.compile(r"[a-z][a-z0-9]{2,}")  # what FTS5's unicode61 makes of plain English words
BASE_FORMAT = 1  # of `base_record`: a change to the words or the weights makes a new one
PROFILE_TERMS = 400  # the profile's strongest terms kept: enough for a topic, fast to score
AUTHOR_BONUS = 0.15
UPVOTE_BONUS = 0.05  # at 1,000 upvotes; logarithmic
RECENCY_BONUS = 0.05  # today; halves every RECENCY_DAYS
RECENCY_DAYS = 30
WHY_TERMS = 3
# A paper is close to the bookmarks when its likeness is at least FLOOR_OTHERS of a typical
# (median) bookmark's likeness to the other bookmarks, or FLOOR_OWN of its likeness to all of
# them, whichever is lower. Four protein bookmarks against a day of NLP papers and three
# protein papers (tests/unit/test_foryou.py): NLP papers at most 0.45 of the first, protein
# papers 0.95 and more. Bookmarks with nothing in common (the first near 0) let any paper by.
FLOOR_OTHERS = 0.6
FLOOR_OWN = 0.2
FLOOR_SAMPLE = 64  # bookmarks looked at for the floor (evenly spread): enough for a median
GENERIC_SHARE = 0.2  # a word in this share of the papers at hand or more is no topic's
GENERIC_FROM = 20  # papers at hand from which a share tells a word is generic
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
# A plural's "s" after a word of four letters or more, not after s, i or u: models → model;
# process, analysis, corpus, gpus stay.
_PLURAL = re.compile(r"\b([a-z][a-z0-9]{2,}[^siu\W])s\b")
_STOP_TERMS = STOP | {_PLURAL.sub(r"\1", w) for w in STOP}
_FOLDED: dict[str, str] = {}  # a word ending in s → its singular (or itself), as met


class DocFreq(NamedTuple):
    """In how many of `total` documents each term occurs."""

    total: int
    counts: Mapping[str, int]

    def idf(self) -> dict[str, float]:
        """Terms' inverse document frequencies, each worked out once, on first use."""
        return _Idf(self.total + 1, self.counts)


class _Idf(dict[str, float]):
    """A dict that works out a missing term's IDF: a hit is a plain (C) lookup."""

    def __init__(self, total: int, counts: Mapping[str, int]) -> None:
        super().__init__()
        self.total, self.counts = total, counts

    def __missing__(self, term: str) -> float:
        value = self[term] = math.log(self.total / (self.counts.get(term, 0) + 1)) + 1.0
        return value


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
            # Quoted as written: a repr doubled every backslash of a title.
            parts.append(f"shares an author ({self.author}) with “{self.author_of}”")
        return " · ".join(parts)


class Profile(NamedTuple):
    weights: dict[str, float]  # term → weight, unit length; generic words left out
    authors: dict[str, tuple[str, str]]  # lowercase name → (name, a bookmarked title)
    ids: frozenset[str]  # the bookmarked papers, left out of the ranking
    floor: float = 0.0  # the least likeness of a paper close to the bookmarks

    @property
    def empty(self) -> bool:
        return not self.ids


class Ranked(NamedTuple):
    papers: list[Paper]  # best first, bookmarked papers left out
    scores: dict[str, float]  # by paper id
    why: Reasons  # by paper id, for the close ones
    close: int  # how many papers (the first) are close to the bookmarks


class Reasons(Mapping[str, Why]):
    """Why each paper with a reason ranks where it does, worked out when first asked: the
    reader shows one at a time (working out a month's at once cost 20 ms)."""

    def __init__(self, prof: Profile) -> None:
        self._keys, self._weights = frozenset(prof.weights), prof.weights
        self._of: dict[str, tuple[Bag, tuple[str, str] | None]] = {}  # the bag, a shared author
        self._made: dict[str, Why] = {}

    def add(self, pid: str, one: Bag, author: tuple[str, str] | None) -> None:
        self._of[pid] = one, author

    def __getitem__(self, pid: str) -> Why:
        made = self._made.get(pid)
        if made is None:
            one, author = self._of[pid]
            shared = self._keys.intersection(one.strong) | self._keys.intersection(one.rest)
            weight = self._weights.__getitem__  # ties by the word: the same reason every run
            ranked = sorted(shared, key=lambda word: (-weight(word), word))
            name, title = author if author else ("", "")
            made = self._made[pid] = Why(tuple(ranked[:WHY_TERMS]), name, title)
        return made

    def __iter__(self) -> Iterator[str]:
        return iter(self._of)

    def __len__(self) -> int:
        return len(self._of)

    def told(self) -> Mapping[str, str]:
        """The reasons as the reader and the digest tell them, each made when asked."""
        return _Told(self)


class _Told(Mapping[str, str]):
    def __init__(self, reasons: Reasons) -> None:
        self._reasons = reasons

    def __getitem__(self, pid: str) -> str:
        return str(self._reasons[pid])

    def __iter__(self) -> Iterator[str]:
        return iter(self._reasons)

    def __len__(self) -> int:
        return len(self._reasons)


class Bag(NamedTuple):
    """A paper's words (folded, stop words out, each once, sorted): those of its title or AI
    keywords, which weigh double, and the rest. Sequences, not sets: a ranking only looks each
    word up in the profile, and reading a kept bag is then two splits (a set made per paper
    cost a month 30 ms)."""

    strong: Sequence[str]
    rest: Sequence[str]  # none of `strong`
    authors: tuple[str, ...] = ()  # casefolded: a light row has no authors of its own

    @property
    def size(self) -> int:
        return len(self.strong) + len(self.rest)


class Base(NamedTuple):
    """The bookmarks' side of the profile, which the papers ranked do not change (so it is
    kept between rankings, and in the cache: `base_record`): the weight before IDF of each
    word that may reach the profile, the number of bookmarks that have it (a title or
    keywords count twice)."""

    weights: dict[str, float]
    authors: dict[str, tuple[str, str]]  # lowercase name → (name, a bookmarked title)
    ids: frozenset[str]
    terms: frozenset[str]  # the words that may reach the profile
    own: DocFreq  # of `terms` over the bookmarks


def bag(paper: Paper) -> Bag:
    authors = tuple(name.casefold() for name in paper.authors)
    return _bag(paper.title, " ".join(paper.ai_keywords), paper.summary, authors)


def _bag(title: str, keywords: str, abstract: str, authors: tuple[str, ...]) -> Bag:
    strong = _fold(set(WORD.findall(f"{title} {keywords}".lower())) - _STOP_TERMS)
    words = _fold(set(WORD.findall(abstract.lower())) - _STOP_TERMS)
    return Bag(sorted(strong), sorted(words - strong), authors)


def _fold(words: set[str]) -> set[str]:
    """Plurals as their singular ("models" → "model"), each word learnt once."""
    for word in [w for w in words if w[-1] == "s"]:
        term = _FOLDED.get(word)
        if term is None:
            term = _FOLDED[word] = _PLURAL.sub(r"\1", word)
        if term != word:
            words.discard(word)
            words.add(term)
    return words


def words_text(one: Bag) -> str:
    """A bag as a line of text, as the store keeps it: title and keyword words, the rest,
    the authors, apart by the separator. Read back with `bag_of_words` (~4 µs, against ~60
    to make one from an abstract)."""
    return SEP.join((" ".join(one.strong), " ".join(one.rest), "\n".join(one.authors)))


def bag_of_words(text: str) -> Bag:
    strong, _, rest = text.partition(SEP)
    rest, _, authors = rest.partition(SEP)
    return Bag(strong.split(), rest.split(), tuple(authors.split("\n")) if authors else ())


def bag_of_text(text: bytes) -> Bag:
    """The bag of a light row's paper, from the filter's text of it (`query.haystack_text`:
    title, authors, abstract, organisation, keywords, already lowercase)."""
    fields = text.decode("utf-8", "replace").split(SEP)
    title, abstract = fields[0], fields[2] if len(fields) > 2 else ""
    keywords = fields[4] if len(fields) > 4 else ""
    authors = tuple(a.casefold() for a in fields[1].split("\n") if a) if len(fields) > 1 else ()
    return _bag(title, keywords, abstract, authors)


def base(bookmarked: Sequence[Paper], bags: Mapping[str, Bag]) -> Base:
    counts: Counter[str] = Counter()  # in how many bookmarks a word is, twice in a title
    authors: dict[str, tuple[str, str]] = {}
    ones = [bags.get(paper.id) or bag(paper) for paper in bookmarked]
    for paper, one in zip(bookmarked, ones, strict=True):
        counts.update(one.strong)  # in C: a Python step per word cost 20 ms for 500
        counts.update(one.strong)
        counts.update(one.rest)
        for name in paper.authors:
            authors.setdefault(name.casefold(), (name, paper.title))
    # The words IDF may lift into the profile: its size four times over, by weight before
    # IDF (a document frequency for each of the bookmarks' 20,000 words cost 15 ms a month).
    likely = heapq.nlargest(4 * PROFILE_TERMS, counts.items(), key=itemgetter(1))
    weights = {term: float(n) for term, n in likely}
    terms = frozenset(weights)
    own = corpus_freq(ones, terms)
    return Base(weights, authors, frozenset(p.id for p in bookmarked), terms, own)


def base_record(side: Base) -> dict[str, Any]:
    """The bookmarks' side as the cache keeps it (as JSON): made again it cost 500 bookmarks
    50 ms, read back 3."""
    own = {"total": side.own.total, "counts": dict(side.own.counts)}
    return {"format": BASE_FORMAT, "weights": side.weights, "authors": side.authors, "own": own}


def base_of_record(record: Any, ids: frozenset[str]) -> Base | None:
    """The bookmarks' side read back from the cache (untrusted: the names and titles reach
    the screen), or None when the record is not one this version wrote."""
    if not isinstance(record, dict) or record.get("format") != BASE_FORMAT:
        return None
    weights, authors, own = record.get("weights"), record.get("authors"), record.get("own")
    if not (_of_numbers(weights, float) and isinstance(authors, dict) and isinstance(own, dict)):
        return None
    counts, total = own.get("counts"), own.get("total")
    if not (_of_numbers(counts, int) and type(total) is int and 0 <= total < _LARGEST):
        return None
    pairs = list(authors.values())
    if not all(type(v) is list and len(v) == 2 and all(type(x) is str for x in v) for v in pairs):
        return None
    if not all_safe(chain(authors, chain.from_iterable(pairs))):
        return None
    people = {name: (v[0], v[1]) for name, v in authors.items()}
    return Base(weights, people, ids, frozenset(weights), DocFreq(total, counts))


def _of_numbers(value: Any, kind: type) -> TypeGuard[dict[str, Any]]:
    """Whether `value` is a dict of strings to numbers of `kind` (an int passes for a float)."""
    if not isinstance(value, dict) or not all(type(k) is str for k in value):
        return False
    kinds = (int, float) if kind is float else (int,)
    return all(type(v) in kinds and -_LARGEST < v < _LARGEST for v in value.values())


_LARGEST = 2.0**53  # beyond any count or weight, and a NaN fails it too


def corpus_freq(bags: Iterable[Bag], terms: AbstractSet[str] | None = None) -> DocFreq:
    """Document frequencies of the bags given (the papers at hand and the bookmarks); of
    `terms` only, when given (the profile's: the rest are never asked)."""
    counted = list(bags)
    words = chain.from_iterable(chain.from_iterable((b.strong, b.rest) for b in counted))
    counts = Counter(words if terms is None else filter(terms.__contains__, words))
    return DocFreq(len(counted), counts)


def with_papers(side: Base, bags: Mapping[str, Bag]) -> DocFreq:
    """The document frequencies of the profile's terms over the bookmarks (kept in `side`)
    and the papers `bags` (those bookmarked counted once)."""
    papers = corpus_freq((b for pid, b in bags.items() if pid not in side.ids), side.terms)
    counts = Counter(side.own.counts)
    counts.update(papers.counts)
    return DocFreq(side.own.total + papers.total, counts)


def weigh(side: Base, df: DocFreq, marked: Iterable[Bag] = ()) -> Profile:
    """The profile: the bookmarks' weights times IDF, the strongest PROFILE_TERMS kept, the
    generic words left out; its floor from the bookmarked papers' words (`marked`; without
    them, every paper that shares a word is close)."""
    idf, weights = df.idf(), side.weights
    scored = {term: weights[term] * idf[term] for term in side.terms}
    kept = dict(heapq.nlargest(PROFILE_TERMS, scored.items(), key=itemgetter(1)))
    papers = df.total - side.own.total  # the papers at hand, not the bookmarks
    if papers >= GENERIC_FROM:
        cut, own = GENERIC_SHARE * papers, side.own.counts
        kept = {t: w for t, w in kept.items() if df.counts.get(t, 0) - own.get(t, 0) < cut}
    return Profile(_unit(kept), side.authors, side.ids, _floor(kept, idf, list(marked)))


def _floor(kept: dict[str, float], idf: Mapping[str, float], marked: Sequence[Bag]) -> float:
    """The least likeness (to the unit profile of `kept`) of a paper close to the bookmarks:
    from how like a bookmark is to the others (its own words' weight taken out: a bookmark
    adds its IDF to each of its words, twice for a title word) and to all of them."""
    if not marked:
        return 0.0
    norm = math.sqrt(sum(w * w for w in kept.values())) or 1.0
    others, own = [], []
    for one in marked[:: max(1, len(marked) // FLOOR_SAMPLE)]:
        strong = [(kept[t], idf[t]) for t in one.strong if t in kept]
        rest = [(kept[t], idf[t]) for t in one.rest if t in kept]
        size = norm * (math.sqrt(one.size) or 1.0)
        own.append((2 * sum(w for w, _ in strong) + sum(w for w, _ in rest)) / size)
        shared = 2 * sum(max(0.0, w - 2 * f) for w, f in strong)
        others.append((shared + sum(max(0.0, w - f) for w, f in rest)) / size)
    return min(FLOOR_OTHERS * statistics.median(others), FLOOR_OWN * statistics.median(own))


def profile(bookmarked: Sequence[Paper], bags: Mapping[str, Bag], df: DocFreq) -> Profile:
    """`weigh(base(...), df, ...)`, for one ranking."""
    side = base(bookmarked, bags)
    return weigh(side, df, [bags.get(p.id) or bag(p) for p in bookmarked])


def likeness(one: Bag, weights: Mapping[str, float]) -> float:
    """The weights of the words a paper shares (title and keyword words twice), over the
    square root of its word count."""
    weight, zeros = weights.get, repeat(0.0)
    score = 2.0 * sum(map(weight, one.strong, zeros)) + sum(map(weight, one.rest, zeros))
    return score / (math.sqrt(one.size) or 1.0)


def rank(
    papers: Sequence[Paper],
    prof: Profile,
    bags: Mapping[str, Bag],
    today: date,
) -> Ranked:
    """`papers` best first for the profile, those close to the bookmarks first; bookmarked
    papers left out. Ties keep the order given (by upvotes, as the caller sorts first). Only
    the words a paper shares with the profile are looked at (the profile carries the IDF),
    the paper's length normalising."""
    scores: dict[str, float] = {}
    why = Reasons(prof)
    weights, floor = prof.weights, prof.floor
    for paper in papers:
        if paper.id in prof.ids:
            continue
        one = bags.get(paper.id) or bag(paper)
        score = likeness(one, weights)
        author = _shared_author(one, prof)
        scores[paper.id] = score + (AUTHOR_BONUS if author else 0.0) + _bonus(paper, today)
        if author or (score and score >= floor):
            why.add(paper.id, one, author)
    kept = [p for p in papers if p.id in scores]
    ordered = sorted(kept, key=lambda p: (p.id not in why, -scores[p.id]))  # stable: ties keep
    return Ranked(ordered, scores, why, len(why))


def _shared_author(one: Bag, prof: Profile) -> tuple[str, str] | None:
    for name in one.authors:
        found = prof.authors.get(name)
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


def _unit(vector: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(w * w for w in vector.values()))
    return {t: w / norm for t, w in vector.items()} if norm else {}
