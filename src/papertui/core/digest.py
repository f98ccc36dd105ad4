"""A period's digest as Markdown: the watched papers first (grouped by what they matched), then
"For you" (when there are bookmarks), then the top by upvotes. Pure: papers in, a string out.

The same injection-safe Markdown as the export (`core.export`): no title, author or summary can
make a heading, list, link, image, code span or HTML; the only links are the papers' own
https:// pages, built from ids checked at parse time.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple

from papertui.core.export import md_line, md_text
from papertui.core.paper import Paper, valid_id
from papertui.core.text import plural

NOTHING_CLOSE = "Nothing close to your bookmarks in this period."


class Digest(NamedTuple):
    title: str  # "Daily Papers · Fri 8 May 2026": our own words around checked dates
    watched: Mapping[str, Sequence[Paper]]  # what matched → the papers, in order
    reasons: Mapping[str, tuple[str, ...]]  # by id: everything each watched paper matched
    # (paper, why), best first, those close to the bookmarks; None: no bookmarks to go by
    for_you: Sequence[tuple[Paper, str]] | None
    top: Sequence[Paper]  # by upvotes
    total: int  # the papers of the period

    @property
    def empty(self) -> bool:
        return not (self.watched or self.for_you or self.top)


def group_watched(
    papers: Sequence[Paper], watched: Mapping[str, tuple[str, ...]]
) -> dict[str, list[Paper]]:
    """The watched papers by the first thing each matched, groups in the watch list's order
    of first appearance, papers by upvotes within a group."""
    groups: dict[str, list[Paper]] = {}
    by_votes = sorted(papers, key=lambda p: -(p.upvotes or 0))
    for paper in by_votes:
        reasons = watched.get(paper.id)
        if reasons:
            groups.setdefault(reasons[0], []).append(paper)
    return groups


def to_markdown(digest: Digest) -> str:
    lines = [f"# {md_text(digest.title)}", "", f"{plural(digest.total, 'paper')} in all."]
    if digest.watched:
        lines += ["", "## ◆ Watched"]
        for reason, papers in digest.watched.items():
            lines += ["", f"### {md_text(reason)}"]
            for paper in papers:
                lines += _entry(paper, matched=digest.reasons.get(paper.id, ()))
    if digest.for_you is not None:
        lines += ["", "## For you"]
        if not digest.for_you:
            lines += ["", NOTHING_CLOSE]
        for paper, why in digest.for_you:
            lines += _entry(paper, why=why)
    if digest.top:
        lines += ["", f"## Top {len(digest.top)} by upvotes"]
        for paper in digest.top:
            lines += _entry(paper)
    return "\n".join(lines) + "\n"


def _entry(paper: Paper, matched: tuple[str, ...] = (), why: str = "") -> list[str]:
    """One paper: a list item with its link, then its facts indented under it."""
    title = md_text(paper.title)
    head = f"[{title}](<{paper.hf_url}>)" if valid_id(paper.id) else title
    lines = ["", f"- {head}"]
    facts = [paper.organization.display] if paper.organization else []
    if paper.upvotes is not None:
        facts.append(f"▲ {paper.upvotes}")
    if paper.comments:
        facts.append(plural(paper.comments, "comment"))
    items = [", ".join(paper.authors), " · ".join(facts)]
    items += [f"matched: {' · '.join(matched)}" if matched else "", why, paper.ai_summary or ""]
    # One line each (newlines folded), and md_line keeps it from starting a block.
    lines += [f"  - {md_line(' '.join(item.split()))}" for item in items if item.strip()]
    return lines
