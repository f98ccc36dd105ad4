"""Run every benchmark in turn: `make bench` (or .venv/bin/python benchmarks/run_all.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPTS = [
    "bench_startup.py",
    "bench_list.py",
    "bench_memory.py",
    "bench_export.py",
    "bench_reading.py",
    "bench_sync.py",
    "bench_search.py",
    "bench_archive.py",
    "bench_foryou.py",
    "bench_switch.py",
]

if __name__ == "__main__":
    for script in SCRIPTS:
        print(f"\n## {script}\n", flush=True)
        subprocess.run([sys.executable, str(HERE / script)], cwd=HERE, check=True)
