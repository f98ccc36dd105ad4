"""Bookmarks out: Markdown notes, BibTeX, JSON. Pure: strings in, a string out.

Everything from the data is escaped for its target: no title, note or abstract can make a
Markdown heading, list, link, image, code span or HTML, or break a BibTeX entry; only https://
links are written.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from json.encoder import encode_basestring_ascii
from urllib.parse import quote

from papertui.core.bookmark import Bookmark
from papertui.core.paper import all_valid_ids
from papertui.core.text import plural

# --- Markdown ----------------------------------------------------------------------------------

_MD_LINE_START = re.compile(r"^(\s*)(?:([-+=>])|(\d+)([.)]))")


_MD_SPECIAL = "\\`*_[]<>&!|~#@$"
_PLAIN_URL = re.compile(r"https://[A-Za-z0-9._~:/?#@!$&'*+,;=%-]+")
_MD_SPECIAL_RE = re.compile(f"[{re.escape(_MD_SPECIAL)}]")


def md_text(text: str) -> str:
    """`text` as literal Markdown inline content, whatever it holds."""
    if len(text) > 256:
        # Long text (abstracts, which rarely hold any of these): a memchr scan per character,
        # and a C replace for each one present, beat the regex by far. Backslashes go first,
        # so the backslashes added for the others are not doubled.
        for ch in _MD_SPECIAL:
            if ch in text:
                text = text.replace(ch, "\\" + ch)
    elif _MD_SPECIAL_RE.search(text):
        text = _MD_SPECIAL_RE.sub(r"\\\g<0>", text)
    # Scheme and www. autolinks: a backslash keeps them text for CommonMark parsers that
    # linkify the source. ("@" is escaped above, which covers e-mail autolinks.)
    if "://" in text:
        text = text.replace("://", "\\://")
    if "www." in text:
        text = text.replace("www.", "www\\.")
    return text


def md_texts(texts: Iterable[str]) -> list[str]:
    """`md_text` of many short texts, escaped in one pass over them all."""
    # NUL cannot occur in data (clean_text replaces every control character), so it
    # separates the texts safely; nothing md_text does spans or removes it.
    return md_text("\x00".join(texts)).split("\x00")


def md_line(line: str) -> str:
    """A line of a block (the abstract, a note): also nothing that starts a block (an
    indented line would be code)."""
    return _block_safe(md_text(line.lstrip()))


def _block_safe(text: str) -> str:
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


def _quote_block(text: str) -> str:
    if "\n" not in text:  # most abstracts are one paragraph
        return f"> {md_line(text)}"
    return "\n".join(f"> {md_line(line)}" if line.strip() else ">" for line in text.splitlines())


def to_markdown(bookmarks: Sequence[Bookmark], today: date) -> str:
    return "".join(markdown_parts(bookmarks, today))


def markdown_parts(bookmarks: Sequence[Bookmark], today: date) -> Iterator[str]:
    """The Markdown document in pieces, one per bookmark, so it can be written as it is made."""
    _check_ids(bookmarks)
    # The short fields of all entries are escaped in bulk: a few passes instead of thousands.
    escaped = zip(
        md_texts(b.title for b in bookmarks),
        md_texts(", ".join(b.authors) for b in bookmarks),
        md_texts(b.organization or "" for b in bookmarks),
        md_texts(b.ai_summary or "" for b in bookmarks),
        strict=True,
    )
    count = plural(len(bookmarks), "paper")
    yield f"# papertui bookmarks, exported {today.isoformat()}\n\n{count}.\n"
    yield from map(_md_entry, bookmarks, escaped)


def _md_entry(b: Bookmark, escaped: tuple[str, str, str, str]) -> str:
    """One bookmark: its title as a heading, a list of facts, then note, AI summary, abstract."""
    title, authors, organization, ai_summary = escaped
    # The HF, arXiv and PDF links are built from the id alone, which _check_ids has checked.
    lines = ["", f"## [{title}](<{b.hf_url}>)", ""]
    if b.authors:
        lines.append(f"- **Authors:** {authors}")
    if b.organization:
        lines.append(f"- **Organization:** {organization}")
    dates = [f"arXiv {b.published.isoformat()}"] if b.published else []
    if b.submitted:
        dates.append(f"Daily Papers {b.submitted.isoformat()}")
    if dates:
        lines.append(f"- **Dates:** {' · '.join(dates)}")
    if b.upvotes is not None:
        lines.append(f"- **Upvotes:** ▲{b.upvotes}")
    links = f"- **Links:** [arXiv](<{b.arxiv_url}>) · [PDF](<{b.pdf_url}>)"
    if md_url(b.github_repo):
        links += f" · {md_link('GitHub', b.github_repo, literal=True)}"
    if md_url(b.project_page):
        links += f" · {md_link('Project page', b.project_page, literal=True)}"
    lines.append(links)
    if b.tags:
        lines.append(f"- **Tags:** {', '.join(md_texts(b.tags))}")
    lines.append(f"- **Added:** {b.added.date().isoformat()}")
    if b.note:
        lines += ["", "**Note:**", ""] + [md_line(n) for n in b.note.splitlines()]
    if b.ai_summary:
        lines += ["", f"**AI summary:** {ai_summary}"]
    if b.summary:
        lines += ["", _quote_block(b.summary)]
    lines.append("")
    return "\n".join(lines)


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
    text = " ".join(text.split())
    return _TEX_RE.sub(lambda m: _TEX_SPECIAL[m[0]], text) if _TEX_RE.search(text) else text


_NOT_ALNUM = re.compile(r"[^a-z0-9]")


def _ascii_word(text: str) -> str:
    if not text.isascii():  # "Müller" becomes "muller"
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = text.lower()
    return text if text.isalnum() else _NOT_ALNUM.sub("", text)  # ASCII: isalnum is [a-z0-9]


def base_key(b: Bookmark) -> str:
    """First author's surname + year + first title word: 'li2026beyond'."""
    surname = _ascii_word(b.authors[0].split()[-1]) if b.authors and b.authors[0].split() else ""
    year = _year(b)
    words = (_ascii_word(w) for w in b.title.split())
    first = next((w for w in words if w and w not in _STOPWORDS), "") or "paper"
    return f"{surname or 'anon'}{year}{first}"


def _year(b: Bookmark) -> int:
    return (b.published or b.submitted or b.added.date()).year


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
    return "".join(bibtex_parts(bookmarks))


def bibtex_parts(bookmarks: Sequence[Bookmark]) -> Iterator[str]:
    _check_ids(bookmarks)
    keys = citation_keys(bookmarks)
    for i, b in enumerate(bookmarks):
        authors = tex(" and ".join(b.authors)) if b.authors else "Anonymous"
        gap = "\n" if i else ""  # a blank line between entries
        yield (
            f"{gap}@misc{{{keys[b.id]},\n"
            f"  title = {{{{{tex(b.title)}}}}},\n"
            f"  author = {{{authors}}},\n"
            f"  year = {{{_year(b)}}},\n"
            f"  eprint = {{{b.id}}},\n"
            f"  archivePrefix = {{arXiv}},\n"
            f"  url = {{{b.arxiv_url}}}\n"
            "}\n"
        )


# --- JSON ----------------------------------------------------------------------------------------


# The records have a fixed shape, so each one is written from a template: the generic encoder
# would build a dict per bookmark and escape the same twenty keys 10,000 times. Strings go
# through json's own C escaper, in its ASCII form (non-ASCII as \u escapes, which every JSON
# reader decodes): it is twice as fast as the other on abstracts.


def _str(value: str) -> str:
    return encode_basestring_ascii(value)


def _opt(value: str | None) -> str:
    return "null" if value is None else encode_basestring_ascii(value)


def _num(value: int | None) -> str:
    return "null" if value is None else str(int(value))


def _arr(values: Iterable[str]) -> str:
    return f"[{', '.join(map(encode_basestring_ascii, values))}]"


def _day(value: date | None) -> str:
    return "null" if value is None else f'"{value.isoformat()}"'


def json_record(b: Bookmark) -> str:
    """One bookmark as a JSON object, keys in a stable order."""
    return (
        f'{{"id": {_str(b.id)}, "title": {_str(b.title)}, "authors": {_arr(b.authors)}, '
        f'"published": {_day(b.published)}, "submitted": {_day(b.submitted)}, '
        f'"organization": {_opt(b.organization)}, "upvotes": {_num(b.upvotes)}, '
        f'"comments": {_num(b.comments)}, "github_stars": {_num(b.github_stars)}, '
        f'"added": "{b.added.isoformat()}", "tags": {_arr(b.tags)}, "note": {_str(b.note)}, '
        f'"ai_summary": {_opt(b.ai_summary)}, "ai_keywords": {_arr(b.ai_keywords)}, '
        f'"summary": {_str(b.summary)}, "hf_url": {_str(b.hf_url)}, '
        f'"arxiv_url": {_str(b.arxiv_url)}, "pdf_url": {_str(b.pdf_url)}, '
        f'"github_repo": {_opt(b.github_repo)}, "project_page": {_opt(b.project_page)}}}'
    )


def to_json(bookmarks: Sequence[Bookmark]) -> str:
    return "".join(json_parts(bookmarks))


def json_parts(bookmarks: Sequence[Bookmark]) -> Iterator[str]:
    """A JSON array, one bookmark a line."""
    if not bookmarks:
        yield "[]\n"
        return
    yield "[\n" + json_record(bookmarks[0])
    yield from (",\n" + json_record(b) for b in bookmarks[1:])
    yield "\n]\n"


_WRITERS: dict[str, Callable[[Sequence[Bookmark], date], Iterator[str]]] = {
    "markdown": markdown_parts,
    "bibtex": lambda bookmarks, _: bibtex_parts(bookmarks),
    "json": lambda bookmarks, _: json_parts(bookmarks),
}
FORMATS = tuple(_WRITERS)  # the first is the default


def parts(fmt: str, bookmarks: Sequence[Bookmark], today: date) -> Iterator[str]:
    """The export in `fmt`, in pieces: written as they come, 10,000 bookmarks never sit in
    memory as one string (and its UTF-8 copy), which costs more in page faults than in work."""
    if fmt not in _WRITERS:
        raise ValueError(f"unknown format {fmt!r}")
    return _WRITERS[fmt](bookmarks, today)


def _check_ids(bookmarks: Sequence[Bookmark]) -> None:
    """Links, eprints and URLs are built from the ids as they are: every one must be valid
    (they are: both ways a Bookmark is made check it; this keeps it so)."""
    if not all_valid_ids([b.id for b in bookmarks]):
        raise ValueError("a bookmark without a valid arXiv id")


def render(fmt: str, bookmarks: Sequence[Bookmark], today: date) -> str:
    return "".join(parts(fmt, bookmarks, today))


def encoded(pieces: Iterable[str], size: int = 1 << 20) -> Iterator[bytes]:
    """`pieces` as UTF-8, gathered into blocks of about `size` characters."""
    batch: list[str] = []
    count = 0
    for piece in pieces:
        batch.append(piece)
        count += len(piece)
        if count >= size:
            yield "".join(batch).encode("utf-8")
            batch, count = [], 0
    if batch:
        yield "".join(batch).encode("utf-8")
