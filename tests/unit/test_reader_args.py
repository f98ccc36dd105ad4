"""The reader's hand-read options agree with argparse wherever they answer at all."""

from __future__ import annotations

import itertools

import pytest

from papertui.cli import reader_args
from papertui.cli.parser import build_parser

TOKENS = [
    "--date", "2026-05-08", "--date=2026-05-08", "--trending", "--bookmarks", "--search", "a b",
    "--search=", "--week", "2026-W19", "--month=2026-05", "-x", "--dat", "list", "-", "--date=",
    "--search=-q", "--help", "--version", "--archive", "--local",
]  # fmt: skip


def test_every_answer_is_the_one_argparse_gives() -> None:
    parser = build_parser()
    answered = 0
    for k in range(4):
        for argv in map(list, itertools.product(TOKENS, repeat=k)):
            fast = reader_args(argv)
            if fast is None:
                continue  # argparse reads it
            answered += 1
            assert vars(parser.parse_args(argv)) == vars(fast), argv
    assert answered > 50


@pytest.mark.parametrize(
    "argv",
    [
        ["--help"],
        ["list"],
        ["--dat", "2026-05-08"],  # an abbreviation argparse would accept
        ["--date"],  # a missing value argparse explains
        ["--date", "2026-05-08", "--trending"],  # two views: argparse says they exclude
        ["--search", "-q"],
    ],
)
def test_what_it_does_not_know_goes_to_argparse(argv: list[str]) -> None:
    assert reader_args(argv) is None
