"""The dependency rule of ARCHITECTURE.md: what importing each module loads (in a fresh
process), and the import-linter contracts, which must hold on the tree and fail on a breach."""

from __future__ import annotations

import os
import pkgutil
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import papertui

ROOT = Path(__file__).resolve().parents[2]
LINT = Path(sys.executable).with_name("lint-imports")
MODULES = sorted(
    m.name
    for m in pkgutil.walk_packages(papertui.__path__, "papertui.")
    if "__main__" not in m.name
)

# Never loaded by importing a module of this layer (lazily imported httpx included).
FORBIDDEN = {
    "papertui.core": {"textual", "rich", "httpx", "sqlite3", "platformdirs"},
    "papertui.data": {"textual", "rich", "httpx"},
    "papertui.service": {"textual", "rich", "httpx"},
    "papertui.boot": {"textual", "rich", "httpx"},
    "papertui.tui": {"httpx"},
    "papertui.cli": {"textual", "httpx"},
}
OPENS_THE_READER = {"papertui.cli.reader"}


def forbidden_for(module: str) -> set[str]:
    if module in OPENS_THE_READER:
        return {"httpx"}
    return next((f for layer, f in FORBIDDEN.items() if module.startswith(layer)), set())


def loaded_by_each(modules: list[str]) -> dict[str, set[str]]:
    """The top-level packages that importing each module loads, one fresh child each (forked
    from a bare interpreter, so forty modules cost about one Textual import, not forty)."""
    probe = (
        "import os, sys\n"
        "for name in sys.argv[1:]:\n"
        "    r, w = os.pipe()\n"
        "    if os.fork() == 0:\n"
        "        __import__(name)\n"
        "        os.write(w, ' '.join(sorted({m.split('.')[0] for m in sys.modules})).encode())\n"
        "        os._exit(0)\n"
        "    os.close(w)\n"
        "    with os.fdopen(r) as f: print(name, f.read())\n"
        "    os.wait()\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe, *modules], capture_output=True, text=True, check=True
    )
    return {
        name: set(rest.split())
        for name, _, rest in (line.partition(" ") for line in out.stdout.splitlines())
    }


def test_every_module_is_in_a_layer() -> None:
    top = {m for m in MODULES if m.count(".") == 1}
    assert top == {f"papertui.{n}" for n in ("boot", "cli", "core", "data", "service", "tui")}


def test_importing_a_module_loads_nothing_its_layer_forbids() -> None:
    loaded = loaded_by_each(MODULES)
    assert set(loaded) == set(MODULES)
    breaches = {
        m: forbidden_for(m) & found for m, found in loaded.items() if forbidden_for(m) & found
    }
    assert breaches == {}
    assert "textual" in loaded["papertui.tui.app"]  # the probe sees what it should


def test_papertui_list_never_imports_textual() -> None:
    code = (
        "import contextlib, io, sys\nfrom papertui.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['list', '--offline', '--json'])\n"
        "print(' '.join(sorted(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    mods = set(out.stdout.split())
    assert "papertui.service" in mods and "textual" not in mods


def lint(tree: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(tree / "src"), "COLUMNS": "250"}
    return subprocess.run(
        [str(LINT), "--no-cache", "--config", str(ROOT / "pyproject.toml")],
        capture_output=True,
        text=True,
        env=env,
        cwd=tree,
    )


@pytest.fixture(scope="module")
def copy_of_tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tree = tmp_path_factory.mktemp("tree")
    shutil.copytree(ROOT / "src" / "papertui", tree / "src" / "papertui")
    return tree


def test_the_contracts_hold_on_this_tree(copy_of_tree: Path) -> None:
    result = lint(copy_of_tree)
    assert result.returncode == 0, result.stdout
    assert "0 broken" in result.stdout


BREACHES = [
    ("core/text.py", "import textual\n", "The core is pure"),
    ("data/store.py", "def _ui() -> None:\n    from papertui.tui import app\n", "I/O and the"),
    (
        "tui/widgets/status_bar.py",
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from papertui.data import store\n",
        "The reader reaches data only through the service",
    ),
    (
        "core/text.py",
        "def _cycle() -> None:\n    from papertui.core import fields\n",
        "No import cycles",
    ),
    ("core/paper.py", "def _up() -> None:\n    from papertui import service\n", "Layers"),
]


@pytest.mark.parametrize(("path", "code", "contract"), BREACHES)
def test_a_breach_breaks_its_contract(
    copy_of_tree: Path, tmp_path: Path, path: str, code: str, contract: str
) -> None:
    tree = tmp_path / "tree"
    shutil.copytree(copy_of_tree, tree)
    target = tree / "src" / "papertui" / path
    target.write_text(target.read_text(encoding="utf-8") + "\n\n" + code, encoding="utf-8")
    result = lint(tree)
    assert result.returncode == 1
    broken = [line for line in result.stdout.splitlines() if line.endswith("BROKEN")]
    assert any(line.startswith(contract) for line in broken), result.stdout
