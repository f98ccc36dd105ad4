"""Checking the config's [keymap] against the reader's bindings, before Textual applies it.

Textual ignores what it cannot use without a word: an unknown binding id, a key name it will
never see, a key taken from another binding. The user is told instead, and a keymap can
never leave the reader without a way to quit (ctrl+q always quits, as Textual's own key).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping

from textual.binding import Binding
from textual.keys import Keys

_MODIFIERS = re.compile(r"^((ctrl|shift|alt|meta|super|hyper)\+)*")
_NAMES = {key.value for key in Keys}


def valid_key(key: str) -> bool:
    """Whether Textual can deliver `key`: a character, or a key name, with modifiers."""
    name = _MODIFIERS.sub("", key.strip())
    if len(name) == 1 or name in _NAMES or re.fullmatch(r"f\d{1,2}", name):
        return True
    try:  # names of characters: question_mark, left_square_bracket
        unicodedata.lookup(name.replace("_", " "))
    except KeyError:
        return False
    return True


def check_keymap(
    keymap: Mapping[str, str], bindings: Iterable[Binding], where: str
) -> tuple[dict[str, str], list[str]]:
    """The usable part of `keymap`, and a warning for each part that is not."""
    by_id = {b.id: b for b in bindings if b.id}
    usable: dict[str, str] = {}
    warnings = []
    for binding_id, keys in keymap.items():
        if binding_id not in by_id:
            said = f"{where}: [keymap] {binding_id}: no such binding id; ignored (? lists them)"
            warnings.append(said)
            continue
        bad = [k for k in keys.split(",") if not valid_key(k)]
        if bad:
            said = f"{where}: [keymap] {binding_id}: not a key: {', '.join(bad)}; ignored"
            warnings.append(said)
            continue
        usable[binding_id] = keys
    quit_keys = usable.get("quit", by_id["quit"].key if "quit" in by_id else "q")
    taken = {
        k.strip()
        for binding_id, keys in usable.items()
        if binding_id != "quit"
        for k in keys.split(",")
    }
    if not {k.strip() for k in quit_keys.split(",")} - taken:
        warnings.append(
            f"{where}: [keymap] leaves no key of its own to quit ({quit_keys} is taken); "
            "ctrl+q still quits"
        )
    return usable, warnings
