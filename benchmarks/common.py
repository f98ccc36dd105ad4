"""Shared helpers: synthetic papers at any scale, built from the recorded Daily Papers."""

from __future__ import annotations

import json
import statistics
from dataclasses import replace
from pathlib import Path

from papertui.models import Paper, parse_entries

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "hf_daily_2026-05-08.json"


def recorded_papers() -> list[Paper]:
    return parse_entries(json.loads(FIXTURE.read_text(encoding="utf-8"))).papers


def synthetic_papers(n: int) -> list[Paper]:
    """`n` distinct papers: the recorded ones repeated with new ids, titles and counts."""
    base = recorded_papers()
    papers = []
    for i in range(n):
        src = base[i % len(base)]
        pid = f"{2300 + i // 90000:04d}.{10000 + i % 90000:05d}"
        title = f"{src.title} (variant {i})"
        papers.append(replace(src, id=pid, title=title, upvotes=(i * 37) % 500))
    return papers


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def fmt(ms: float) -> str:
    return f"{ms:.2f} ms" if ms < 100 else f"{ms:.0f} ms"
