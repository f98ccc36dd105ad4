"""The watch list (config `[watch]`): authors, organisations and named queries in the filter
language, and what of it a paper matches. Pure.

    [watch]
    authors = ["Yann LeCun", "Tri Dao"]
    orgs = ["nvidia", "Allen Institute for AI"]
    [watch.queries]
    rlhf = 'kw:rlhf upvotes:>=5'

An author matches a paper's author of that name (any case); an organisation, the paper's
organisation's short or full name (any case); a query, as the filter does. Matching reads the
filter's haystack, so light rows (the archive's) are watched as whole papers are.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from types import MappingProxyType
from typing import Any, NamedTuple

from papertui.core.query import Flags, Haystack, Query, parse
from papertui.core.text import clean_text


class Watch(NamedTuple):
    authors: tuple[str, ...] = ()
    orgs: tuple[str, ...] = ()
    queries: Mapping[str, str] = MappingProxyType({})  # name → query (filter language)

    @property
    def empty(self) -> bool:
        return not (self.authors or self.orgs or self.queries)


class Watcher:
    """A watch list compiled once: `matches(hay)` says what of it a paper matches."""

    __slots__ = ("_authors", "_orgs", "_queries")

    def __init__(self, watch: Watch) -> None:
        self._authors = {a.casefold(): a for a in watch.authors}
        self._orgs = {o.casefold(): o for o in watch.orgs}
        self._queries: list[tuple[str, Query]] = [
            (name, parse(text)) for name, text in watch.queries.items() if not parse(text).empty
        ]

    def matches(self, hay: Haystack) -> tuple[str, ...]:
        """What `hay`'s paper matches, in words ("author Tri Dao", "org nvidia", "rlhf")."""
        found: list[str] = []
        authors, orgs = self._authors, self._orgs
        if authors:
            found += [f"author {authors[n]}" for n in _lines(hay, "author") if n in authors]
        if orgs:
            found += [f"org {orgs[n]}" for n in _lines(hay, "org") if n in orgs]
        found += [name for name, query in self._queries if query.matches(hay)]
        return tuple(dict.fromkeys(found))  # an org by its name and full name: once


def watched(
    haystacks: Sequence[Haystack], watch: Watch, flags: Flags | None = None
) -> dict[str, tuple[str, ...]]:
    """What each paper matches of `watch`, by id, for the papers that match anything."""
    if watch.empty:
        return {}
    watcher = Watcher(watch)
    found = {}
    for hay in haystacks:
        if flags is not None:
            hay.flags = flags
        reasons = watcher.matches(hay)
        if reasons:
            found[hay.paper.id] = reasons
    return found


def _lines(hay: Haystack, field: str) -> list[str]:
    """A field of `hay` a line each (authors, an organisation's two names), casefolded."""
    start, end = hay.field(field)
    text = hay.text[start:end].decode("utf-8", "replace")
    return [line.casefold() for line in text.split("\n") if line]


def validate(raw: Any, warn: Callable[[str], None]) -> Watch:
    """The `[watch]` table, checked: a bad entry is left out with a warning naming it."""
    if raw is None:
        return Watch()
    if not isinstance(raw, Mapping):
        warn("watch must be a table (authors, orgs, queries); ignored")
        return Watch()
    for key in raw:
        if key not in Watch._fields:
            warn(f"unknown key 'watch.{clean_text(str(key))}' ignored")
    queries = raw.get("queries", {})
    if not isinstance(queries, Mapping):
        warn("watch.queries must be a table of name = 'query'; ignored")
        queries = {}
    named = {}
    for name, text in queries.items():
        label = clean_text(str(name))
        if isinstance(text, str) and clean_text(text) and not parse(clean_text(text)).empty:
            named[label] = clean_text(text)
        else:
            warn(f"watch.queries.{label} must be a query in the filter language; ignored")
    return Watch(_names(raw, "authors", warn), _names(raw, "orgs", warn), MappingProxyType(named))


def _names(raw: Mapping[str, Any], key: str, warn: Callable[[str], None]) -> tuple[str, ...]:
    value = raw.get(key, [])
    if not isinstance(value, list):
        warn(f"watch.{key} must be a list of names; ignored")
        return ()
    names = []
    for item in value:
        if isinstance(item, str) and clean_text(item):
            names.append(clean_text(item))
        else:
            warn(f"watch.{key}: {clean_text(str(item))!r} is not a name; ignored")
    return tuple(names)
