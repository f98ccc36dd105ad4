"""The [keymap] check: unknown ids, keys Textual never sends, and a way to quit kept."""

from __future__ import annotations

from textual.binding import Binding

from papertui.tui.keymap import check_keymap, valid_key

BINDINGS = [
    Binding("q", "quit", "Quit", id="quit"),
    Binding("s", "sort", "Sort", id="sort"),
    Binding("j,down", "down", "Down", id="cursor_down"),
]


def test_valid_keys() -> None:
    for key in ("z", "?", "ctrl+d", "pagedown", "question_mark", "shift+tab", "f5", "ctrl+alt+x"):
        assert valid_key(key), key
    for key in ("", "bogus", "ctrl+", "pageup2", "two words"):
        assert not valid_key(key), key


def test_unknown_ids_and_bad_keys_are_named_and_left_out() -> None:
    usable, warnings = check_keymap(
        {"sort": "z", "nope": "x", "cursor_down": "j,dowwn"}, BINDINGS, "/c/config.toml"
    )
    assert usable == {"sort": "z"}
    assert warnings == [
        "/c/config.toml: [keymap] nope: no such binding id; ignored (? lists them)",
        "/c/config.toml: [keymap] cursor_down: not a key: dowwn; ignored",
    ]


def test_taking_q_from_quit_is_said_and_ctrl_q_remains() -> None:
    usable, warnings = check_keymap({"sort": "q"}, BINDINGS, "config.toml")
    assert usable == {"sort": "q"}
    assert warnings == [
        "config.toml: [keymap] leaves no key of its own to quit (q is taken); ctrl+q still quits"
    ]
    _, fine = check_keymap({"sort": "q", "quit": "x"}, BINDINGS, "config.toml")
    assert fine == []
