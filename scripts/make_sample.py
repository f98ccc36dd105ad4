"""Rebuild src/papertui/data/sample.json, the bundled offline snapshot, from a recorded response.

    python scripts/make_sample.py tests/fixtures/hf_daily_2026-05-08.json

Keeps the API's entry shape (so the sample goes through the same parser as live data) and drops
what papertui never reads (avatars, internal ids) to keep the wheel small.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

TARGET = Path(__file__).resolve().parent.parent / "src" / "papertui" / "data" / "sample.json"
PAPER_KEYS = (
    "id", "title", "summary", "authors", "publishedAt", "submittedOnDailyAt", "upvotes",
    "githubRepo", "githubStars", "projectPage", "ai_summary", "ai_keywords", "organization",
    "mediaUrls",
)  # fmt: skip


def slim(entry: dict[str, Any]) -> dict[str, Any]:
    paper = {k: entry["paper"][k] for k in PAPER_KEYS if k in entry["paper"]}
    paper["authors"] = [{"name": a["name"]} for a in paper["authors"]]
    if "organization" in paper:
        paper["organization"] = {k: paper["organization"][k] for k in ("name", "fullname")}
    out: dict[str, Any] = {"paper": paper, "numComments": entry["numComments"]}
    out["submittedBy"] = {"name": entry["submittedBy"]["name"]}
    return out


def main() -> None:
    entries = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    TARGET.write_text(json.dumps([slim(e) for e in entries], ensure_ascii=False, indent=0) + "\n")
    print(f"wrote {len(entries)} papers to {TARGET}")


if __name__ == "__main__":
    main()
