"""Shared helpers: synthetic papers at any scale, built from the recorded Daily Papers."""

from __future__ import annotations

import json
import statistics
from dataclasses import replace
from pathlib import Path

from papertui.core.hf import parse_entries
from papertui.core.paper import Paper

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "hf_daily_2026-05-08.json"


def compile_package() -> None:
    """Byte-compile papertui, as installing a wheel does, before anything is timed.

    The editable install (`pip install -e .`) leaves the sources uncompiled, and with
    PYTHONDONTWRITEBYTECODE set (as on the CI machines) every start would compile them anew,
    about 60 ms that an installed papertui never pays, while Textual's own modules come compiled
    by pip. Stale .pyc files are rewritten; up-to-date ones are left alone.
    """
    import compileall

    import papertui

    compileall.compile_dir(Path(papertui.__file__).parent, quiet=1)


def recorded_papers() -> list[Paper]:
    return parse_entries(json.loads(FIXTURE.read_text(encoding="utf-8"))).papers


def synthetic_papers(n: int, start: int = 0) -> list[Paper]:
    """`n` distinct papers: the recorded ones repeated with new ids, titles and counts."""
    base = recorded_papers()
    papers = []
    for i in range(start, start + n):
        src = base[i % len(base)]
        pid = f"{2300 + i // 90000:04d}.{10000 + i % 90000:05d}"
        title = f"{src.title} (variant {i})"
        papers.append(replace(src, id=pid, title=title, upvotes=(i * 37) % 500))
    return papers


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def fmt(ms: float) -> str:
    return f"{ms:.2f} ms" if ms < 100 else f"{ms:.0f} ms"
