"""The facade's digest of a period: its papers kept here (offline), the watched ones first,
then For you, then the top by upvotes, as safe Markdown (`core.digest`). Blocking."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from papertui.core import digest
from papertui.core.paper import Paper
from papertui.core.sorts import Sort, sort_papers
from papertui.service.files import check_target, write_out
from papertui.service.results import NothingToShow

if TYPE_CHECKING:
    from papertui.data.store import Store
    from papertui.service.foryou_ops import ForYou


class MadeDigest(NamedTuple):
    text: str  # Markdown
    warnings: list[str]


class CannotWrite(Exception):
    """The digest could not be written where asked; the message says why and what to do."""


class DigestOps:
    """A part of `Service` (its base): what it needs of the facade is declared here."""

    if TYPE_CHECKING:

        @property
        def store(self) -> Store: ...
        def watched_in(
            self, papers: Sequence[Paper], texts: Mapping[str, bytes] | None = None
        ) -> dict[str, tuple[str, ...]]: ...
        def for_you(
            self, papers: Sequence[Paper], texts: Mapping[str, bytes] | None = None
        ) -> ForYou: ...
        def nothing_kept(self, first: date, last: date, span: str) -> str: ...

    def digest(self, first: date, last: date, title: str, top: int = 10) -> MadeDigest:
        """The Markdown digest of the papers kept here whose day is `first` to `last`, and
        what the user should be told (the bookmarks file's warnings). Raises NothingToShow
        when there are none."""
        papers = self.store.kept_between(first, last)
        if not papers:
            span = first.isoformat() if first == last else f"{first} to {last}"
            raise NothingToShow(self.nothing_kept(first, last, span))
        watched = self.watched_in(papers)
        ranked = self.for_you(papers)
        for_you = [(p, ranked.why.get(p.id, "")) for p in ranked.closest[:top]]
        made = digest.Digest(
            title=title,
            watched=digest.group_watched(papers, watched),
            reasons=watched,
            for_you=for_you if ranked.profiled else None,
            top=sort_papers(papers, Sort.UPVOTES)[:top],
            total=len(papers),
        )
        return MadeDigest(digest.to_markdown(made), ranked.warnings)

    def write_digest(self, text: str, target: Path, force: bool) -> None:
        """Write a digest to the file the user named: atomically, never over one without
        `force`. Raises CannotWrite."""
        check_target(target.expanduser(), CannotWrite)
        write_out(target, [text.encode("utf-8")], force, CannotWrite)
