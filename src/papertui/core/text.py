"""Sanitising of untrusted text, done once at the parsing boundary.

Rich and Textual pass ESC and C1 controls to the terminal byte for byte, so every string that
comes from the network, the cache or a user file goes through `clean_text` before anything else
sees it. Brackets and other printable text are kept literally: escaping markup is the renderer's
job (we render data as `Text`/`Content`, never as markup).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import islice

REPLACEMENT = "\ufffd"

# Bidi embedding/override/isolate controls and marks: they reorder what the reader sees.
_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# C0 (except TAB/LF/CR, handled below), DEL and C1. ESC (0x1b) is in C0.
_CONTROLS = "".join(chr(c) for c in range(0x00, 0x20) if c not in (0x09, 0x0A, 0x0D))
_CONTROLS += "\x7f" + "".join(chr(c) for c in range(0x80, 0xA0))

_DROP = {ord(ch): None for ch in _BIDI}
# U+2028/2029 are line breaks to many renderers; treat them as newlines.
_MULTI = {**_DROP, **{ord(ch): REPLACEMENT for ch in _CONTROLS}, 0x2028: "\n", 0x2029: "\n"}
_MULTI[0x0D] = "\n"
_MULTI[0x09] = " "
_SINGLE = {**_MULTI, 0x0A: " ", 0x0D: " ", 0x2028: " ", 0x2029: " "}

_SURROGATE = re.compile("[\ud800-\udfff]")
# Anything clean_text would change. Most strings (and every string read back from our own
# cache) have none, and one regex search is far cheaper than the full clean.
_UNSAFE = "\x7f-\x9f\u2028\u2029\ud800-\udfff" + _BIDI
_BAD_SINGLE = re.compile(f"[\x00-\x1f{_UNSAFE}]")
_BAD_MULTI = re.compile(f"[\x00-\x09\x0b-\x1f{_UNSAFE}]")
_SPACE_AT_BREAK = re.compile(r"[^\S\n]\n|\n[^\S\n]")
_SPACES = re.compile(r"[ \t]+")
_BLANK_LINES = re.compile(r"\n{3,}")


def clean_text(value: str, *, multiline: bool = False) -> str:
    """Return `value` with nothing in it that can steer a terminal.

    Control characters become U+FFFD, bidi controls vanish, lone surrogates are replaced.
    Single-line fields also lose their newlines; runs of spaces collapse and ends are trimmed.
    """
    if _is_clean(value, multiline):
        return value
    return _clean(value, multiline)


def is_safe(value: str, *, multiline: bool = False) -> bool:
    """Whether `value` holds nothing that can steer a terminal (controls, bidi, surrogates;
    newlines too unless `multiline`). Spacing is not judged: this is the security check only,
    for callers that check many fields at once."""
    # isprintable() is C-fast and rejects every control, format and separator character but
    # the space; only text it rejects (say, with a no-break space) needs the exact check.
    if (value.replace("\n", " ") if multiline else value).isprintable():
        return True
    return (_BAD_MULTI if multiline else _BAD_SINGLE).search(value) is None


def all_safe(values: Iterable[str], *, multiline: bool = False) -> bool:
    """`is_safe` of each of `values`. Thousands of strings are checked a block at a time:
    one join and one scan per block is C-speed, and no block is large (a join of 10,000
    abstracts at once would cost tens of MB and the page faults to fill them)."""
    separator = "\n" if multiline else " "
    values = iter(values)
    while block := list(islice(values, 1000)):
        if not is_safe(separator.join(block), multiline=multiline):
            return False
    return True


def all_clean(values: list[str]) -> bool:
    """Whether `clean_text` would leave every one of `values` (single-line) as it is.

    One pass over them joined by a space: a string with a control, a newline or a double space
    shows in the join; one that starts or ends with whitespace shows as a space next to the
    separator (or at either end); only the rare one with other whitespace there (a no-break
    space) needs its own check."""
    if not values:
        return True
    joined = " ".join(values)
    if not is_safe(joined) or "  " in joined or joined[0].isspace() or joined[-1].isspace():
        return False
    if joined.isascii():  # the only ASCII whitespace left is the separators
        return True
    return all(_is_clean(v, False) for v in values)


def _is_clean(value: str, multiline: bool) -> bool:
    """Whether `_clean` would return `value` unchanged (a few C-speed scans, no rewriting)."""
    if not value:
        return True
    if value[0].isspace() or value[-1].isspace() or "  " in value:
        return False
    if not multiline:
        return _BAD_SINGLE.search(value) is None
    if _BAD_MULTI.search(value) is not None or "\n\n\n" in value:
        return False
    return "\n" not in value or _SPACE_AT_BREAK.search(value) is None


def _clean(value: str, multiline: bool) -> str:
    if _SURROGATE.search(value):
        value = _SURROGATE.sub(REPLACEMENT, value)
    if multiline:
        value = value.replace("\r\n", "\n").translate(_MULTI)
        lines = [_SPACES.sub(" ", line).strip() for line in value.split("\n")]
        return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()
    return _SPACES.sub(" ", value.translate(_SINGLE)).strip()


# A document keeps its layout (indentation, tabs, blank lines: code blocks and tables need
# them); only what can steer a terminal goes.
_DOCUMENT = {**_DROP, **{ord(ch): REPLACEMENT for ch in _CONTROLS}, 0x2028: "\n", 0x2029: "\n"}


def clean_document(value: str) -> str:
    """A whole document (a paper's Markdown) with nothing in it that can steer a terminal:
    controls become U+FFFD, bidi controls vanish, lone surrogates are replaced, line ends
    become "\n"; spacing and layout are kept."""
    if _SURROGATE.search(value):
        value = _SURROGATE.sub(REPLACEMENT, value)
    return value.replace("\r\n", "\n").replace("\r", "\n").translate(_DOCUMENT)


def clean_url(value: str) -> str | None:
    """Return a cleaned http(s) URL, or None when the value is not one we would ever open."""
    url = clean_text(value)
    if REPLACEMENT in url or " " in url or len(url) > 2048:
        return None
    lowered = url.lower()
    if not (lowered.startswith("https://") or lowered.startswith("http://")):
        return None
    return url


def is_openable(url: str | None) -> bool:
    """Only https:// links ever reach a browser or an export."""
    return url is not None and url.lower().startswith("https://")


def toml_error(path: object, exc: BaseException) -> str:
    """A TOML file that does not parse, in a few words with its line: "PATH line 12: invalid
    value" (tomllib says "Invalid value (at line 12, column 5)")."""
    if isinstance(exc, RecursionError):
        return f"{path}: nested too deeply"
    if isinstance(exc, UnicodeDecodeError):
        return f"{path}: not UTF-8 text (byte {exc.start})"
    message = error_text(exc)
    found = re.search(r"\s*\(at line (\d+), column \d+\)", message)
    if found is None:
        return f"{path}: {message[:1].lower()}{message[1:]}"
    said = message[: found.start()] + message[found.end() :]
    return f"{path} line {found[1]}: {said[:1].lower()}{said[1:]}"


def error_text(exc: BaseException, limit: int = 160) -> str:
    """An exception's message, safe to show and short, or its type when it has none."""
    return clean_text(str(exc))[:limit] or type(exc).__name__


def ellipsize(value: str, width: int) -> str:
    """Cut `value` to `width` characters, marking the cut with an ellipsis."""
    if width <= 0:
        return ""
    if len(value) <= width:
        return value
    return value[: width - 1].rstrip() + "…"


def age(seconds: float) -> str:
    """'just now', '4 min ago', '3 h ago', '2 days ago': the age of cached data."""
    if seconds < 60:
        return "just now"
    if seconds < 3600:
        return f"{int(seconds // 60)} min ago"
    if seconds < 86400 * 2:
        return f"{int(seconds // 3600)} h ago"
    return f"{int(seconds // 86400)} days ago"


def plural(count: int, word: str, many: str = "") -> str:
    """'1 paper', '2 papers'; '2 matches' when told the plural."""
    return f"{count} {word if count == 1 else many or word + 's'}"
