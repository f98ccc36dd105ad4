"""The detail pane: everything known about one paper, then its abstract, scrollable.

Built from `Text` objects only: a title holding `[/]` or `[@click=app.quit]` is shown as those
characters and can neither crash the widget nor run an action.
"""

from __future__ import annotations

from rich.console import Group
from rich.text import Text
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from papertui.core.paper import Paper
from papertui.core.repos import LinkedRepo, Repos
from papertui.tui.widgets.paper_row import STARS

TOP_REPOS = 3  # of each kind, in the detail; `m` lists them all


def _date(paper: Paper) -> str:
    parts = []
    if paper.published:
        parts.append(f"arXiv {paper.published:%a %d %b %Y}")
    if paper.submitted:
        parts.append(f"Daily Papers {paper.submitted:%a %d %b %Y}")
    return " · ".join(parts)


def _counts(paper: Paper) -> Text:
    text = Text()
    text.append("▲ ", "bold")
    text.append("–" if paper.upvotes is None else str(paper.upvotes), "bold")
    text.append(" upvotes · ")
    text.append("–" if paper.comments is None else str(paper.comments))
    text.append(" comments")
    if paper.github_stars is not None:
        text.append(f" · {STARS} {paper.github_stars} GitHub stars")
    return text


def _links(paper: Paper) -> Text:
    rows = [("HF page", paper.hf_url), ("arXiv", paper.arxiv_url), ("PDF", paper.pdf_url)]
    if paper.code_url:
        rows.append(("GitHub", paper.code_url))
    if paper.project_page and paper.project_page != paper.code_url:
        rows.append(("Project", paper.project_page))
    text = Text()
    for n, (label, url) in enumerate(rows):
        text.append(f"{label:<8}", "dim")
        text.append(url, "underline")
        if n < len(rows) - 1:
            text.append("\n")
    return text


def short_count(value: int | None) -> str:
    """1234 -> 1.2k, 1234567 -> 1.2M: a column of counts stays narrow."""
    if value is None:
        return "–"
    for limit, suffix in ((1_000_000_000, "B"), (1_000_000, "M"), (1_000, "k")):
        if value >= limit:
            return f"{value / limit:.1f}".rstrip("0").rstrip(".") + suffix
    return str(value)


def repo_line(repo: LinkedRepo) -> Text:
    text = Text(repo.id)
    if repo.downloads is not None:
        text.append(f"  ↓ {short_count(repo.downloads)}", "dim")
    if repo.likes is not None:
        text.append(f"  ♥ {short_count(repo.likes)}", "dim")
    return text


def repos_count(repos: Repos) -> str:
    counts = (("Models", repos.models), ("Datasets", repos.datasets), ("Spaces", repos.spaces))
    return " · ".join(f"{name} {len(items)}" for name, items in counts)


def render_repos(repos: Repos | str) -> Text:
    """`Models 40 · Datasets 2 · Spaces 1` and the top three of each; or what is known of them
    (a string: loading, or why they are unknown)."""
    if isinstance(repos, str):
        return Text.assemble(("Linked  ", "bold"), (repos, "dim"))
    kinds = (("Models", repos.models), ("Datasets", repos.datasets), ("Spaces", repos.spaces))
    text = Text.assemble(
        ("Linked  ", "bold"), " · ".join(f"{name} {len(items)}" for name, items in kinds)
    )
    if not any(items for _, items in kinds):
        text.append("  (nothing on the hub cites this paper)", "dim")
        return text
    for name, items in kinds:
        for repo in items[:TOP_REPOS]:
            text.append(f"\n{name[:-1]:<8}", "dim")
            text.append_text(repo_line(repo))
    text.append("\nm lists them all", "dim")
    return text


def render_paper(
    paper: Paper,
    *,
    read: bool = False,
    marked: bool = False,
    tags: tuple[str, ...] = (),
    note: str = "",
    repos: Repos | str | None = None,
    why: str = "",
    watched: tuple[str, ...] = (),
) -> Group:
    """The detail of `paper` as Rich renderables built from plain text; `why`: why For you
    ranks it where it does; `watched`: what it matches of the watch list."""
    head = Text(paper.title, style="bold")
    flags = [f for f, on in (("★ bookmarked", marked), ("read", read)) if on]
    flags += [f"#{tag}" for tag in tags]
    parts: list[Text] = [head]
    if flags:
        parts.append(Text(" · ".join(flags), style="dim italic"))
    if note:
        parts.append(Text.assemble(("Note  ", "bold"), note))
    if watched:
        parts.append(Text.assemble(("◆ Watched  ", "bold"), " · ".join(watched)))
    if why:
        parts.append(Text.assemble(("For you  ", "bold"), why))
    if paper.authors:
        parts.append(Text(", ".join(paper.authors), style="italic"))
    # The abstract right under the title and authors: at 80×24 the pane shows ten lines.
    parts.append(Text("Abstract", style="bold underline"))
    parts.append(Text(paper.summary or "(no abstract)"))
    if paper.ai_summary:
        parts.append(Text.assemble(("AI summary  ", "bold"), (paper.ai_summary, "italic")))
    if paper.ai_keywords:
        parts.append(Text.assemble(("Keywords  ", "bold"), ", ".join(paper.ai_keywords)))
    meta = Text()
    if paper.organization:
        meta.append(paper.organization.display, "bold")
        meta.append(" · ")
    meta.append(_date(paper), "dim")
    meta.append(f"\n{paper.id}", "dim")
    parts += [meta, _counts(paper), _links(paper)]
    if repos is not None:
        parts.append(render_repos(repos))
    spaced: list[Text] = []
    for part in parts:
        spaced += [part, Text("")]
    return Group(*spaced[:-1])


class PaperDetail(VerticalScroll, can_focus=True):
    """Scrollable detail of the highlighted paper. Focused, the list's keys scroll it (the
    same binding ids, so a remapped key works in both)."""

    BINDINGS = [
        Binding("j,down", "lines(1)", "Down", show=False, id="cursor_down"),
        Binding("k,up", "lines(-1)", "Up", show=False, id="cursor_up"),
        Binding("g,home", "edge(0)", "First", show=False, id="first"),
        Binding("G,end", "edge(1)", "Last", show=False, id="last"),
        Binding("ctrl+d", "half_page(1)", "Half page down", show=False, id="half_page_down"),
        Binding("ctrl+u", "half_page(-1)", "Half page up", show=False, id="half_page_up"),
        Binding("pagedown,space", "page(1)", "Page down", show=False, id="page_down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="page_up"),
    ]

    DEFAULT_CSS = """
    PaperDetail { padding: 0 1; }
    PaperDetail > #detail-body { width: 1fr; }
    """

    # Every key moves from where the last one left the pane, at once: an animated scroll
    # restarts from the offset it has reached, and 20 quick `j` moved ~6 lines.

    def action_lines(self, count: int) -> None:
        self.scroll_to(y=self.scroll_y + count, animate=False, immediate=True)

    def action_half_page(self, direction: int) -> None:
        self.action_lines(direction * max(1, self.scrollable_content_region.height // 2))

    def action_page(self, direction: int) -> None:
        self.action_lines(direction * max(1, self.scrollable_content_region.height - 1))

    def action_edge(self, end: int) -> None:
        self.scroll_to(y=self.max_scroll_y if end else 0, animate=False, immediate=True)

    def compose(self):  # type: ignore[no-untyped-def]
        yield Static(Text("Nothing selected.", style="dim"), id="detail-body")

    def show(
        self,
        paper: Paper | None,
        *,
        read: bool = False,
        marked: bool = False,
        loading: bool = False,
        tags: tuple[str, ...] = (),
        note: str = "",
        repos: Repos | str | None = None,
        keep_scroll: bool = False,
        why: str = "",
        watched: tuple[str, ...] = (),
    ) -> None:
        body = self.query_one("#detail-body", Static)
        if paper is None:
            body.update(Text("Nothing selected.", style="dim"))
        elif loading:
            body.update(Group(Text(paper.title, style="bold"), Text(""), Text("loading…", "dim")))
        else:
            body.update(
                render_paper(
                    paper,
                    read=read,
                    marked=marked,
                    tags=tags,
                    note=note,
                    repos=repos,
                    why=why,
                    watched=watched,
                )
            )
        if not keep_scroll:
            self.scroll_home(animate=False)
