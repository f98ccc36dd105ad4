"""A real HTTP server on 127.0.0.1 that plays the Hugging Face papers API from fixtures.

Used by the client, CLI and end-to-end tests, by the screenshot script, and by hand:

    python tests/loopback.py --port 8765      # then PAPERTUI_API_URL=http://127.0.0.1:8765

It serves `/api/daily_papers` by date, ISO week and month (paged with `Link: rel="next"` like the
real API), `sort=trending`, `/api/papers/search`, `/api/papers/{id}`, papers' texts
`/papers/{id}.md` (a long one and a hostile one among them) and `/api/arxiv/{id}/repos`; it grows
a synthetic archive (`add_archive`) and a rate-limited API bucket (`quota`). Any path can be
overridden with a responder that misbehaves on purpose (drips, hangs, truncates, floods, 429s,
5xx).
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import json
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from papers import HOSTILE_TEXT, long_text

FIXTURES = Path(__file__).resolve().parent / "fixtures"
LONG_ID, HOSTILE_ID = "2605.06130", "2605.06416"
RECORDED_DAY = "2026-05-08"

Responder = Callable[["Handler", dict[str, str]], None]


SAMPLE_TEXT = """\
# Beyond Semantic Similarity: Rethinking Retrieval for Agentic Search

Zhuofeng Li, Haoxiang Zhang, Cong Wei

## Abstract

Modern retrieval systems expose a corpus through a fixed similarity interface.

## 1 Introduction

Agents search the raw corpus with `grep` and friends; see [the code](https://github.com/DCI-Agent/DCI-Agent-Lite).

| method | nDCG@10 |
|---|---:|
| BM25 | 41.2 |
| DCI | 52.9 |

```python
def search(corpus):
    return [line for line in corpus if "agent" in line]
```

![Figure 1: the loop](https://arxiv.org/html/2605.05242/fig1.png)
"""


SAMPLE_REPOS: dict[str, Any] = {
    "models": [
        {"id": "dci/small", "downloads": 12, "likes": 1, "pipeline_tag": "text-generation"},
        {"id": "dci/large", "downloads": 5400, "likes": 30},
        {"id": "../etc/passwd", "downloads": 10**9},
    ],
    "datasets": [{"id": "dci/bright-corpus", "downloads": 800, "likes": 4}],
    "spaces": [
        {"id": "dci/demo", "likes": 7, "sdk": "gradio"},
        {"id": "dci/\u001b]0;x\u0007evil", "likes": 99},
    ],
}


def load_recorded() -> list[dict[str, Any]]:
    return json.loads((FIXTURES / f"hf_daily_{RECORDED_DAY}.json").read_text(encoding="utf-8"))


def synthetic_entries(n: int, day: str, start: int = 0) -> list[dict[str, Any]]:
    """`n` entries shaped like the recorded ones, with distinct ids, for paging and scale."""
    base = load_recorded()
    out = []
    for i in range(start, start + n):
        entry = copy.deepcopy(base[i % len(base)])
        pid = f"2605.{90000 + i:05d}"
        entry["paper"]["id"] = pid
        entry["paper"]["title"] = f"Synthetic paper {i}: " + entry["paper"]["title"]
        entry["paper"]["upvotes"] = (i * 37) % 500
        entry["paper"]["submittedOnDailyAt"] = f"{day}T10:00:00.000Z"
        entry["title"] = entry["paper"]["title"]
        out.append(entry)
    return out


def archive_entries(month: str, per_day: int) -> dict[str, list[dict[str, Any]]]:
    """A month of a synthetic archive: `per_day` papers each weekday, ids unique to the month
    (`YYMM.NNNNN`, as arXiv's), upvotes varied."""
    base = load_recorded()
    first = date.fromisoformat(month + "-01")
    days: dict[str, list[dict[str, Any]]] = {}
    n, day = 0, first
    while day.month == first.month:
        if day.weekday() < 5:
            entries = []
            for _ in range(per_day):
                entry = copy.deepcopy(base[n % len(base)])
                paper = entry["paper"]
                paper["id"] = f"{first:%y%m}.{n + 1:05d}"
                paper["title"] = entry["title"] = f"Archived {month} #{n}: {paper['title']}"
                paper["upvotes"] = (n * 37) % 300
                paper["submittedOnDailyAt"] = f"{day.isoformat()}T10:00:00.000Z"
                entries.append(entry)
                n += 1
            days[day.isoformat()] = entries
        day += timedelta(days=1)
    return days


class Handler(BaseHTTPRequestHandler):
    server: LoopbackServer
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        self.server.requests.append((parts.path, query, dict(self.headers)))
        responder = self.server.route(parts.path)
        # The client hanging up on a misbehaving responder is what these tests are for.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            responder(self, query)

    def log_message(self, format: str, *args: Any) -> None:
        pass

    # helpers for responders

    def send(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        merged = {"Content-Type": "application/json; charset=utf-8"} | (headers or {})
        for key, value in merged.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def json_body(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> Responder:
    body = json.dumps(data).encode()
    return lambda h, q: h.send(status, body, headers)


def raw(status: int, body: bytes, headers: dict[str, str] | None = None) -> Responder:
    return lambda h, q: h.send(status, body, headers)


def sequence(*responders: Responder) -> Responder:
    """Each call takes the next responder; the last one repeats."""
    calls = iter(responders)
    last: list[Responder] = [responders[-1]]

    def respond(h: Handler, q: dict[str, str]) -> None:
        responder = next(calls, last[0])
        responder(h, q)

    return respond


def hang(h: Handler, q: dict[str, str]) -> None:
    """Accept the request and never answer (until the server stops)."""
    h.server.stopping.wait(30)


def drip(interval: float = 0.5) -> Responder:
    """A 200 whose body arrives one byte every `interval` seconds."""

    def respond(h: Handler, q: dict[str, str]) -> None:
        body = json.dumps(load_recorded()).encode()
        h.send_response(200)
        h.send_header("Content-Type", "application/json")
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        for byte in body:
            if h.server.stopping.wait(interval):
                return
            h.wfile.write(bytes([byte]))
            h.wfile.flush()

    return respond


def truncated(h: Handler, q: dict[str, str]) -> None:
    """Promise the whole body, send half, hang up."""
    body = json.dumps(load_recorded()).encode()
    h.send_response(200)
    h.send_header("Content-Type", "application/json")
    h.send_header("Content-Length", str(len(body)))
    h.end_headers()
    h.wfile.write(body[: len(body) // 2])
    h.wfile.flush()
    h.close_connection = True


def flood(size: int, gzipped: bool = False) -> Responder:
    """A JSON-typed body of `size` bytes, streamed without a Content-Length."""

    def respond(h: Handler, q: dict[str, str]) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "application/json")
        if gzipped:
            h.send_header("Content-Encoding", "gzip")
        h.send_header("Connection", "close")
        h.end_headers()
        h.close_connection = True
        block = b" " * (1 << 20)
        packer = zlib.compressobj(9, zlib.DEFLATED, 31) if gzipped else None  # 31: gzip framing
        h.wfile.write(packer.compress(b"[") if packer else b"[")
        sent = 0
        while sent < size and not h.server.stopping.is_set():
            h.wfile.write(packer.compress(block) if packer else block)
            sent += len(block)
        if packer:
            h.wfile.write(packer.flush())

    return respond


class LoopbackServer(ThreadingHTTPServer):
    """The fake hub. `days` maps YYYY-MM-DD to entries; `trending` is served as given."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, port: int = 0, today: date | None = None) -> None:
        super().__init__(("127.0.0.1", port), Handler)
        self.requests: list[tuple[str, dict[str, str], dict[str, str]]] = []
        self.overrides: dict[str, Responder] = {}
        self.stopping = threading.Event()
        self.today = today or date(2026, 5, 11)
        recorded = load_recorded()
        self.days: dict[str, list[dict[str, Any]]] = {RECORDED_DAY: recorded}
        # HF trending is not by upvotes: a fixed shuffle the tests can recognise.
        self.trending = recorded[5:] + recorded[:5]
        # Papers' full texts (GET /papers/{id}.md); an id not here answers 404 with HTML.
        # 2605.06130 is long (400 KB, like the hub's longest) and 2605.06416 hostile.
        self.texts: dict[str, str] = {
            "2605.05242": SAMPLE_TEXT,
            LONG_ID: long_text(title="Skill1: a long paper"),
            HOSTILE_ID: HOSTILE_TEXT,
        }
        self.repos: dict[str, dict[str, Any]] = {"2605.05242": SAMPLE_REPOS}
        self._thread: threading.Thread | None = None
        # The API bucket's rate limit, when a test sets `quota`: every /api/daily_papers answer
        # says what is left (RateLimit), and past the quota it is a 429 until `reset_window()`.
        self.quota: int | None = None
        self.window_used = 0
        self.reset_seconds = 30

    def reset_window(self) -> None:
        self.window_used = 0

    def add_archive(self, months: list[str], per_day: int = 3) -> int:
        """A synthetic archive over `months`; returns how many papers it holds."""
        added = 0
        for month in months:
            for day, entries in archive_entries(month, per_day).items():
                self.days[day] = entries
                added += len(entries)
        return added

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def start(self) -> LoopbackServer:
        self._thread = threading.Thread(target=self.serve_forever, daemon=True)
        self._thread.start()
        return self

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # clients hanging up on a misbehaving responder is the point of these tests

    def stop(self) -> None:
        self.stopping.set()
        self.shutdown()
        self.server_close()

    def route(self, path: str) -> Responder:
        if path in self.overrides:
            return self.overrides[path]
        if path == "/api/daily_papers":
            return self._daily
        if path == "/api/papers/search":
            return self._search
        if path.startswith("/api/papers/"):
            return self._paper
        if path.startswith("/papers/") and path.endswith(".md"):
            return self._text
        if path.startswith("/api/arxiv/") and path.endswith("/repos"):
            return self._repos
        return json_body({"error": "Not Found"}, 404)

    def _repos(self, h: Handler, q: dict[str, str]) -> None:
        pid = h.path.split("?")[0][len("/api/arxiv/") : -len("/repos")]
        if not any(e["paper"]["id"] == pid for entries in self.days.values() for e in entries):
            h.send(404, json.dumps({"error": "Paper not found"}).encode())
            return
        h.send(
            200,
            json.dumps(self.repos.get(pid, {"models": [], "datasets": [], "spaces": []})).encode(),
        )

    def _text(self, h: Handler, q: dict[str, str]) -> None:
        pid = h.path.split("?")[0][len("/papers/") : -len(".md")]
        if pid not in self.texts:
            page = b"<!doctype html><html><body>404: not indexed</body></html>"
            h.send(404, page, {"Content-Type": "text/html; charset=utf-8"})
            return
        body = self.texts[pid].encode("utf-8")
        h.send(200, body, {"Content-Type": "text/markdown; charset=utf-8"})

    def _entries_for(self, q: dict[str, str]) -> list[dict[str, Any]] | str:
        """The entries a query asks for, or an error message for a 400."""
        if q.get("sort", "publishedAt") not in ("publishedAt", "trending"):
            return "Invalid sort"
        if q.get("sort") == "trending":
            return self.trending
        try:
            days = list(self._days_of(q))
        except ValueError as exc:
            return str(exc)
        if any(d > self.today for d in days[:1]):
            return "Date is in the future"
        return [e for d in days for e in self.days.get(d.isoformat(), [])]

    def _days_of(self, q: dict[str, str]) -> Iterator[date]:
        if "date" in q:
            yield date.fromisoformat(q["date"])
        elif "week" in q:
            year, week = q["week"].split("-W")
            monday = date.fromisocalendar(int(year), int(week), 1)
            yield from (monday + timedelta(days=i) for i in range(7))
        elif "month" in q:
            first = date.fromisoformat(q["month"] + "-01")
            day = first
            while day.month == first.month:
                yield day
                day += timedelta(days=1)
        else:
            yield from sorted((date.fromisoformat(d) for d in self.days), reverse=True)

    def _rate_headers(self, h: Handler) -> dict[str, str] | None:
        """The RateLimit headers of one more request; None (after a 429 is sent) past quota."""
        if self.quota is None:
            return {}
        self.window_used += 1
        left = self.quota - self.window_used
        policy = {"RateLimit-Policy": f'"fixed window";"api";q={self.quota};w=300'}
        if left < 0:
            headers = {"RateLimit": f'"api";r=0;t={self.reset_seconds}', **policy}
            h.send(
                429,
                b'{"error":"rate limited"}',
                {**headers, "Retry-After": str(self.reset_seconds)},
            )
            return None
        return {"RateLimit": f'"api";r={left};t={self.reset_seconds}', **policy}

    def _daily(self, h: Handler, q: dict[str, str]) -> None:
        rate = self._rate_headers(h)
        if rate is None:
            return
        entries = self._entries_for(q)
        if isinstance(entries, str):
            h.send(400, json.dumps({"error": entries}).encode())
            return
        if q.get("sort") != "trending":
            entries = sorted(entries, key=lambda e: -e["paper"]["upvotes"])
        limit, page = int(q.get("limit", 50)), int(q.get("p", 0))
        chunk = entries[page * limit : (page + 1) * limit]
        headers = dict(rate)
        if (page + 1) * limit < len(entries):
            rest = "&".join(f"{k}={v}" for k, v in q.items() if k not in ("p", "limit"))
            link = f"/api/daily_papers?p={page + 1}&limit={limit}&{rest}"
            headers["Link"] = f'<{link}>; rel="next"'
        h.send(200, json.dumps(chunk).encode(), headers)

    def _search(self, h: Handler, q: dict[str, str]) -> None:
        needle = q.get("q", "").lower()
        every = [e for entries in self.days.values() for e in entries]
        found = [e for e in every if needle in e["paper"]["title"].lower()]
        h.send(200, json.dumps(found[: int(q.get("limit", 50))]).encode())

    def _paper(self, h: Handler, q: dict[str, str]) -> None:
        pid = h.path.rsplit("/", 1)[-1].split("?")[0]
        for entries in self.days.values():
            for entry in entries:
                if entry["paper"]["id"] == pid:
                    h.send(200, json.dumps(entry["paper"]).encode())
                    return
        h.send(404, json.dumps({"error": "Paper not found"}).encode())


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--month-papers", type=int, default=0, help="add N synthetic papers to May")
    args = parser.parse_args()
    server = LoopbackServer(args.port)
    if args.month_papers:
        server.days["2026-05-04"] = synthetic_entries(args.month_papers, "2026-05-04")
    print(f"serving the fake hub at {server.url} (ctrl+c stops)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        time.sleep(0)


if __name__ == "__main__":
    main()
