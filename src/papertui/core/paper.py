"""The `Paper` record and what every arXiv id gives: its links and its validity. Pure.

Every string in a `Paper` has been through `text.clean_text` (parsing is the sanitising
boundary), so the rest of the program treats its fields as safe to display, never as markup.
Optional data stays `None` when the source leaves it out: no repo means no star count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

# arXiv ids, new style (2605.05242) and old style (cs/0601001): safe to put in a URL path.
ID_PATTERN = re.compile(r"\d{4}\.\d{4,5}|[a-z][a-z.-]{0,30}/\d{7}", re.IGNORECASE)  # fullmatch
MAX_TITLE = 1000
MAX_SUMMARY = 20_000
MAX_AUTHORS = 2000


def valid_id(pid: str) -> bool:
    """Whether `pid` is an arXiv id (and so safe inside a URL path)."""
    return bool(ID_PATTERN.fullmatch(pid))


def all_valid_ids(ids: list[str]) -> bool:
    """`valid_id` of every one of `ids` (a C-level loop: 10,000 ids in about 5 ms)."""
    return all(map(ID_PATTERN.fullmatch, ids))


class MalformedEntry(ValueError):
    """Data that cannot become a record (skipped and counted, never fatal)."""


class Organization(NamedTuple):
    name: str
    fullname: str

    @property
    def display(self) -> str:
        return self.fullname or self.name


class ArxivLinks:
    """The links every arXiv id has: the HF page, the abstract page and the PDF."""

    __slots__ = ()
    id: str

    @property
    def hf_url(self) -> str:
        return f"https://huggingface.co/papers/{self.id}"

    @property
    def arxiv_url(self) -> str:
        return f"https://arxiv.org/abs/{self.id}"

    @property
    def pdf_url(self) -> str:
        return f"https://arxiv.org/pdf/{self.id}"


# Not frozen (treat it as immutable all the same): see ARCHITECTURE.md, "the startup path".
@dataclass(slots=True)
class Paper(ArxivLinks):
    id: str
    title: str
    summary: str = ""
    authors: tuple[str, ...] = ()
    published: date | None = None  # the arXiv date
    submitted: date | None = None  # the Daily Papers date
    upvotes: int | None = None
    comments: int | None = None
    organization: Organization | None = None
    submitter: str | None = None
    github_repo: str | None = None
    github_stars: int | None = None
    project_page: str | None = None
    ai_summary: str | None = None
    ai_keywords: tuple[str, ...] = ()
    media_urls: tuple[str, ...] = ()

    @property
    def code_url(self) -> str | None:
        """The GitHub repo, or a project page that is itself on GitHub."""
        if self.github_repo:
            return self.github_repo
        if self.project_page and self.project_page.lower().startswith("https://github.com/"):
            return self.project_page
        return None
