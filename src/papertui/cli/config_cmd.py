"""`papertui config --path | --show | --init`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from papertui.cli.common import EXIT_OK, fail, warn

if TYPE_CHECKING:
    import argparse


def run(args: argparse.Namespace) -> int:
    from papertui.data import config, paths

    path = paths.config_file()
    if args.path:
        print(path)
        return EXIT_OK
    if args.init:
        try:
            written = config.init(path)
        except OSError as exc:
            return fail(f"cannot write {path}: {exc}")
        if not written:
            return fail(f"{path} already exists; not overwriting it")
        print(f"wrote the default config to {path}")
        return EXIT_OK
    loaded = config.load(path)
    for message in loaded.warnings:
        warn(message)
    print(config.effective_toml(loaded.config), end="")
    return EXIT_OK
