"""The dependency rule of design.md, proved in fresh interpreters."""

from __future__ import annotations

import subprocess
import sys

import pytest

PURE = ["text", "models", "query", "views", "config", "paths", "fileio"]
DATA = ["db", "store", "readstate", "client", "service", "output", "cli"]


def loaded_after(code: str) -> set[str]:
    probe = f"{code}\nimport sys\nprint(' '.join(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


@pytest.mark.parametrize("module", PURE)
def test_pure_modules_do_no_io_imports(module: str) -> None:
    mods = loaded_after(f"import papertui.{module}")
    assert not {"textual", "httpx", "sqlite3"} & mods


@pytest.mark.parametrize("module", DATA)
def test_data_modules_never_import_textual_or_eager_httpx(module: str) -> None:
    mods = loaded_after(f"import papertui.{module}")
    assert "textual" not in mods and "httpx" not in mods


def test_papertui_list_never_imports_textual() -> None:
    code = (
        "import contextlib, io\nfrom papertui.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n    main(['list', '--offline', '--json'])"
    )
    mods = loaded_after(code)
    assert "papertui.service" in mods and "textual" not in mods
