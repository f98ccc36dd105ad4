"""Bookmarks out: Markdown notes, BibTeX, JSON. Pure: strings in, a string out.

Everything from the data is escaped for its target: no title, note or abstract can make a
Markdown heading, list, link, image, code span or HTML, or break a BibTeX entry; only https://
links are written.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Sequence
from datetime import date
from typing import Any
from urllib.parse import quote

from papertui.bookmarks import Bookmark

FORMATS = ("markdown", "bibtex", "json")

# --- Markdown ----------------------------------------------------------------------------------

_MD_LINE_START = re.compile(r"^(\s*)(?:([-+=>])|(\d+)([.)]))")


_MD_SPECIAL = "\\`*_[]<>&!|~#@$"
_PLAIN_URL = re.compile(r"https://[A-Za-z0-9._~:/?#@!$&'*+,;=%-]+")
_MD_SPECIAL_RE = re.compile(f"[{re.escape(_MD_SPECIAL)}]")


def md_text(text: str) -> str:
    """`text` as literal Markdown inline content, whatever it holds."""
    # Exports are mostly abstracts, which rarely hold any of these: for long text a few
    # memchr scans decide whether the (slower) regex pass is needed at all.
    special = (
        any(c in text for c in _MD_SPECIAL) if len(text) > 256 else _MD_SPECIAL_RE.search(text)
    )
    if special:
        text = _MD_SPECIAL_RE.sub(r"\\\g<0>", text)
    # Scheme and www. autolinks: a backslash keeps them text for CommonMark parsers that
    # linkify the source. ("@" is escaped above, which covers e-mail autolinks.)
    if "://" in text:
        text = text.replace("://", "\\://")
    if "www." in text:
        text = text.replace("www.", "www\\.")
    return text


def md_line(line: str) -> str:
    """A line of a block (the abstract, a note): also nothing that starts a block."""

    text = md_text(line)
    m = _MD_LINE_START.match(text)  # match, not sub: only the start of the line matters
    if m is None:
        return text
    # "- x" becomes "\- x"; "1. x" becomes "1\. x" (a backslash before a digit is literal)
    head = f"{m[1]}\\{m[2]}" if m[2] else f"{m[1]}{m[3]}\\{m[4]}"
    return head + text[m.end() :]


def md_url(url: str | None) -> str | None:
    """A link target, only for https, percent-encoding whatever could end it early."""
    if not url or not url.lower().startswith("https://"):
        return None
    if _PLAIN_URL.fullmatch(url):  # every link papertui builds itself: nothing to encode
        return url
    return quote(url, safe=":/?#@!$&'*+,;=%-._~[]")


def md_link(label: str, url: str | None, *, literal: bool = False) -> str:
    """A link; `literal` labels are our own words, with nothing to escape."""
    text = label if literal else md_text(label)
    target = md_url(url)
    return f"[{text}](<{target}>)" if target else text


def _quote_block(text: str) -> list[str]:
    return [f"> {md_line(line)}" if line.strip() else ">" for line in text.splitlines()]


def to_markdown(bookmarks: Sequence[Bookmark], today: date) -> str:
    lines = [f"# papertui bookmarks, exported {today.isoformat()}", ""]
    lines.append(f"{len(bookmarks)} papers.")
    for b in bookmarks:
        lines += ["", f"## {md_link(b.title, b.hf_url)}", ""]
        if b.authors:
            lines.append(f"- **Authors:** {md_text(', '.join(b.authors))}")
        if b.organization:
            lines.append(f"- **Organization:** {md_text(b.organization)}")
        dates = [f"arXiv {b.published.isoformat()}" if b.published else ""]
        dates.append(f"Daily Papers {b.submitted.isoformat()}" if b.submitted else "")
        if any(dates):
            lines.append(f"- **Dates:** {' · '.join(d for d in dates if d)}")
        if b.upvotes is not None:
            lines.append(f"- **Upvotes:** ▲{b.upvotes}")
        links = [
            md_link("arXiv", b.arxiv_url, literal=True),
            md_link("PDF", b.pdf_url, literal=True),
        ]
        if md_url(b.github_repo):
            links.append(md_link("GitHub", b.github_repo, literal=True))
        if md_url(b.project_page):
            links.append(md_link("Project page", b.project_page, literal=True))
        lines.append(f"- **Links:** {' · '.join(links)}")
        if b.tags:
            lines.append(f"- **Tags:** {', '.join(md_text(t) for t in b.tags)}")
        lines.append(f"- **Added:** {b.added.date().isoformat()}")
        if b.note:
            lines += ["", "**Note:**", ""] + [md_line(n) for n in b.note.splitlines()]
        if b.ai_summary:
            lines += ["", f"**AI summary:** {md_text(b.ai_summary)}"]
        if b.summary:
            lines += ["", *_quote_block(b.summary)]
    return "\n".join(lines) + "\n"


# --- BibTeX ------------------------------------------------------------------------------------

_TEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "$": r"\$",
    "&": r"\&",
    "%": r"\%",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_TEX_RE = re.compile("|".join(re.escape(c) for c in _TEX_SPECIAL))
_STOPWORDS = {"a", "an", "the", "on", "of", "in", "for", "to", "and", "is", "are", "with"}


def tex(text: str) -> str:
    """`text` safe inside a braced BibTeX value: specials escaped, braces always balanced."""
    return _TEX_RE.sub(lambda m: _TEX_SPECIAL[m[0]], " ".join(text.split()))


def _ascii_word(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", folded.lower())


def base_key(b: Bookmark) -> str:
    """First author's surname + year + first title word: 'li2026beyond'."""
    surname = _ascii_word(b.authors[0].split()[-1]) if b.authors and b.authors[0].split() else ""
    year = str((b.published or b.submitted or b.added.date()).year)
    words = (_ascii_word(w) for w in b.title.split())
    first = next((w for w in words if w and w not in _STOPWORDS), "") or "paper"
    return f"{surname or 'anon'}{year}{first}"


def citation_keys(bookmarks: Sequence[Bookmark]) -> dict[str, str]:
    """Unique keys by bookmark id. Clashes get a, b, c… in the order they were added, so a
    newer bookmark never changes an older one's key."""
    keys: dict[str, str] = {}
    taken: set[str] = set()
    next_suffix: dict[str, int] = {}
    for b in sorted(bookmarks, key=lambda b: (b.added, b.id)):
        base = key = base_key(b)
        while key in taken:  # each base remembers where its suffixes got to
            n = next_suffix.get(base, 0)
            next_suffix[base] = n + 1
            key = base + _suffix(n)
        taken.add(key)
        keys[b.id] = key
    return keys


def _suffix(n: int) -> str:
    letters = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        letters = chr(ord("a") + r) + letters
    return letters


def to_bibtex(bookmarks: Sequence[Bookmark]) -> str:
    keys = citation_keys(bookmarks)
    entries = []
    for b in bookmarks:
        year = (b.published or b.submitted or b.added.date()).year
        fields = [
            ("title", "{" + tex(b.title) + "}"),
            ("author", tex(" and ".join(b.authors)) if b.authors else "Anonymous"),
            ("year", str(year)),
            ("eprint", tex(b.id)),
            ("archivePrefix", "arXiv"),
            ("url", tex(b.arxiv_url)),
        ]
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
        entries.append(f"@misc{{{keys[b.id]},\n{body}\n}}\n")
    return "\n".join(entries)


# --- JSON ----------------------------------------------------------------------------------------


def record(b: Bookmark) -> dict[str, Any]:
    return {
        "id": b.id,
        "title": b.title,
        "authors": list(b.authors),
        "published": b.published.isoformat() if b.published else None,
        "submitted": b.submitted.isoformat() if b.submitted else None,
        "organization": b.organization,
        "upvotes": b.upvotes,
        "comments": b.comments,
        "github_stars": b.github_stars,
        "added": b.added.isoformat(),
        "tags": list(b.tags),
        "note": b.note,
        "ai_summary": b.ai_summary,
        "ai_keywords": list(b.ai_keywords),
        "summary": b.summary,
        "hf_url": b.hf_url,
        "arxiv_url": b.arxiv_url,
        "pdf_url": b.pdf_url,
        "github_repo": b.github_repo,
        "project_page": b.project_page,
    }


def to_json(bookmarks: Sequence[Bookmark]) -> str:
    """A JSON array, one bookmark a line (json's C encoder only runs without `indent`)."""
    encode = json.JSONEncoder(ensure_ascii=False).encode  # one encoder, not one per record
    lines = ",\n".join(encode(record(b)) for b in bookmarks)
    return f"[\n{lines}\n]\n" if bookmarks else "[]\n"


def render(fmt: str, bookmarks: Sequence[Bookmark], today: date) -> str:
    if fmt == "markdown":
        return to_markdown(bookmarks, today)
    if fmt == "bibtex":
        return to_bibtex(bookmarks)
    if fmt == "json":
        return to_json(bookmarks)
    raise ValueError(f"unknown format {fmt!r}")
