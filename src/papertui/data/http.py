"""One JSON GET against the hub, bounded and retried: the only place that imports httpx.

Everything a hostile or broken network can do ends in one `FetchError` whose message says what
failed and what to do. Each request runs under connect/read timeouts *and* an overall deadline
(a server dripping a byte at a time never trips a read timeout); bodies are size-capped while
streaming, counted after decompression; 429, 5xx and broken connections are retried with backoff
that honours `Retry-After`/`RateLimit`, and all attempts of one fetch share a time budget.
httpx is imported lazily so that nothing on the way to the reader's first paint pays for it.
"""

from __future__ import annotations

import asyncio
import email.utils
import functools
import json
import random
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

from papertui import __version__
from papertui.core.archive import RateLimit, parse_rate_limit
from papertui.core.text import clean_text, error_text
from papertui.data.body import check_type, decode_json, read_capped
from papertui.data.fetch_error import FetchError as FetchError  # re-exported
from papertui.data.validators import Validators

if TYPE_CHECKING:
    import ssl

    import httpx

Sleep = Callable[[float], Awaitable[None]]


@dataclass(frozen=True)
class ClientSettings:
    """Every limit of the client, injectable so that fault tests run in seconds."""

    connect_timeout: float = 10.0
    read_timeout: float = 10.0
    request_deadline: float = 20.0  # one attempt, from request to last byte
    budget: float = 30.0  # every attempt and page of one fetch together
    max_attempts: int = 3
    backoff: float = 0.3  # first retry waits about this long, doubling after
    max_wait: float = 10.0  # the longest Retry-After we are willing to honour
    max_bytes: int = 32 * 1024 * 1024  # decompressed body cap
    max_text_bytes: int = 8 * 1024 * 1024  # a paper's full text: a few hundred KB is usual
    page_size: int = 100
    max_pages: int = 50  # 5,000 papers: more than any month has had
    # A command's deadline, on the client's clock: no fetch's budget goes past it.
    ends_at: float | None = None


class _Retryable(Exception):
    def __init__(self, error: FetchError, wait: float | None = None) -> None:
        self.error = error
        self.wait = wait  # what the server asked for, if anything


@dataclass
class Page:
    data: Any
    next_url: str | None
    validators: Validators
    not_modified: bool = False
    rate: RateLimit | None = None  # what the hub's RateLimit header said


class JsonHttp:
    """GETs of JSON from one base URL, each retried and bounded by `ClientSettings`."""

    def __init__(
        self,
        base_url: str,
        settings: ClientSettings,
        *,
        token: str | None = None,
        sleep: Sleep = asyncio.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.settings = settings
        self._token = token
        self._sleep = sleep
        self.clock = clock
        self._http: httpx.AsyncClient | None = None

    async def aclose(self) -> None:
        if self._http is not None:
            await self._http.aclose()
            self._http = None

    def budget(self) -> Budget:
        """The time all attempts (and pages) of one fetch may take together, within the
        command's deadline if it has one."""
        seconds, ends_at = self.settings.budget, self.settings.ends_at
        if ends_at is not None:
            seconds = min(seconds, ends_at - self.clock())
        return Budget(self.clock, seconds)

    async def get(
        self,
        url: str,
        params: dict[str, str] | None,
        budget: Budget,
        validators: Validators | None,
        what: str = "papers",
        *,
        text: bool = False,
    ) -> Page:
        attempt = 0
        while True:
            attempt += 1
            try:
                deadline = min(self.settings.request_deadline, budget.left())
                if deadline <= 0:
                    reason = "it took too long" if attempt > 1 else "no time was left"
                    raise FetchError(self._gave_up(reason, budget), kind="timeout")
                try:
                    async with asyncio.timeout(deadline):
                        return await self._once(url, params, validators, what, text)
                except TimeoutError:
                    raise _Retryable(
                        FetchError(
                            f"{self._host} did not finish answering within {deadline:.0f} s. "
                            "The network or the server is too slow; try again later.",
                            kind="timeout",
                        )
                    ) from None
            except _Retryable as retry:
                wait = self._wait(retry, attempt, budget)
                if wait is None:
                    raise self._final(retry.error, attempt, budget) from None
                await self._sleep(wait)

    def _final(self, error: FetchError, attempts: int, budget: Budget) -> FetchError:
        """The error to give up with: a timeout says how long we actually waited, in all."""
        if error.kind != "timeout" or attempts == 1:
            return error
        return FetchError(
            f"{self._host} did not finish answering: {attempts} tries in "
            f"{budget.elapsed():.0f} s. The network or the server is too slow; try again later.",
            kind="timeout",
            detail=error.detail,
        )

    def _wait(self, retry: _Retryable, attempt: int, budget: Budget) -> float | None:
        """How long to wait before the next attempt, or None to give up now."""
        if attempt >= self.settings.max_attempts:
            return None
        if retry.wait is not None:
            if retry.wait > self.settings.max_wait or retry.wait > budget.left():
                return None
            return retry.wait
        step = self.settings.backoff * 2 ** (attempt - 1)
        wait = step / 2 + random.random() * step / 2  # jitter: clients do not retry in step
        return wait if wait < budget.left() else None

    async def _once(
        self,
        url: str,
        params: dict[str, str] | None,
        validators: Validators | None,
        what: str,
        text: bool = False,
    ) -> Page:
        import httpx

        http = self._client()
        headers = _validator_headers(validators)
        if text:
            headers["Accept"] = "text/markdown, text/plain;q=0.9"
        try:
            async with http.stream("GET", url, params=params, headers=headers) as response:
                return await self._page(response, what, text)
        except httpx.ConnectTimeout:
            raise _Retryable(self._offline("the connection timed out")) from None
        except httpx.ConnectError as exc:
            raise _Retryable(self._offline("", detail=error_text(exc))) from None
        except httpx.TimeoutException:
            raise _Retryable(
                FetchError(
                    f"{self._host} stopped answering (read timeout). Try again later.",
                    kind="timeout",
                )
            ) from None
        except (httpx.RemoteProtocolError, httpx.ReadError) as exc:
            raise _Retryable(
                FetchError(
                    f"The connection to {self._host} broke off before the whole answer arrived. "
                    "Try again later.",
                    kind="offline",
                    detail=error_text(exc),
                )
            ) from None
        except httpx.HTTPError as exc:
            raise FetchError(
                f"The request to {self._host} failed. Try again later.",
                kind="http",
                detail=error_text(exc),
            ) from None

    async def _page(self, response: httpx.Response, what: str, text: bool = False) -> Page:
        status = response.status_code
        validators = Validators(response.headers.get("etag"), response.headers.get("last-modified"))
        if status == 304:
            return Page(None, None, validators, not_modified=True)
        if status == 429:
            raise _Retryable(self._rate_limited(response), _retry_after(response.headers))
        if status >= 500:
            raise _Retryable(
                FetchError(
                    f"{self._host} had a server error (HTTP {status}). Try again later.",
                    kind="http",
                    status=status,
                ),
                _retry_after(response.headers),
            )
        if status >= 400:
            raise await self._client_error(response, what)
        if status != 200:
            raise self.bad(f"the server answered HTTP {status} where 200 was expected")
        content_type = response.headers.get("content-type", "")
        if text:  # a document: Markdown or plain text, never HTML
            check_type(content_type, self._host, text=True)
            body = await read_capped(response, self.settings.max_text_bytes, self._host)
            return Page(body.decode("utf-8", errors="replace"), None, validators)
        check_type(content_type, self._host)
        body = await read_capped(response, self.settings.max_bytes, self._host)
        data = decode_json(body, self._host)
        rate = parse_rate_limit(response.headers.get("ratelimit"))
        return Page(data, self._next_url(response), validators, rate=rate)

    def _next_url(self, response: httpx.Response) -> str | None:
        link = response.links.get("next", {}).get("url")
        if not link:
            return None
        target = urljoin(str(response.url), link)
        if urlsplit(target)[:2] != urlsplit(self.base_url)[:2]:
            return None  # never follow a page link (or send a token) to another host
        return target

    async def _client_error(self, response: httpx.Response, what: str) -> FetchError:
        status = response.status_code
        try:
            detail = await read_capped(response, 4096, self._host)
            message = json.loads(detail).get("error", "")
            reason = clean_text(message)[:200] if isinstance(message, str) else ""
        except (FetchError, ValueError, AttributeError, RecursionError):
            reason = ""
        hint = {
            400: "Check the date, week or month: it may be malformed or in the future.",
            401: "Check HF_TOKEN: the server did not accept it.",
            403: "Check HF_TOKEN: the server refused access.",
            404: f"No such {what} on the server.",
        }.get(status, "The request was refused.")
        said = f": {reason}" if reason else ""
        return FetchError(
            f"{self._host} rejected the request (HTTP {status}{said}). {hint}",
            kind="http",
            status=status,
        )

    def _rate_limited(self, response: httpx.Response) -> FetchError:
        wait = _retry_after(response.headers)
        when = f"in {wait:.0f} s" if wait is not None else "in a few minutes"
        return FetchError(
            f"{self._host} is rate-limiting us (HTTP 429). Try again {when}; "
            "setting HF_TOKEN raises the limit.",
            kind="rate_limited",
            status=429,
            retry_after=wait,
        )

    def _offline(self, reason: str, detail: str = "") -> FetchError:
        said = f" ({reason})" if reason else ""
        return FetchError(
            f"Cannot reach {self._host}{said}. Check the network connection (or PAPERTUI_API_URL).",
            kind="offline",
            detail=detail,
        )

    def bad(self, reason: str, detail: str = "") -> FetchError:
        return FetchError(
            f"{self._host} sent an unusable answer: {reason}. Try again later.",
            kind="bad_response",
            detail=detail,
        )

    def _gave_up(self, reason: str, budget: Budget) -> str:
        return (
            f"Gave up on {self._host} after {budget.elapsed():.0f} s: {reason}. "
            "Try again later (or allow more time: --timeout)."
        )

    @property
    def _host(self) -> str:
        return urlsplit(self.base_url).netloc or self.base_url

    def _client(self) -> httpx.AsyncClient:
        import httpx

        if self._http is None:
            s = self.settings
            headers = {
                "User-Agent": f"papertui/{__version__}",
                "Accept": "application/json",
                "Accept-Encoding": "gzip, deflate",
            }
            if self._token:
                headers["Authorization"] = f"Bearer {self._token}"
            self._http = httpx.AsyncClient(
                base_url=self.base_url,
                headers=headers,
                timeout=httpx.Timeout(s.read_timeout, connect=s.connect_timeout),
                follow_redirects=False,
                trust_env=False,
                verify=tls_context(),
            )
        return self._http


@functools.cache
def tls_context() -> ssl.SSLContext:
    """httpx's default TLS settings, made once per process: building them (the CA bundle read
    and parsed) costs about 20 ms, and the service opens a client per operation."""
    import httpx

    return httpx.create_ssl_context()


def warm() -> None:
    """Import httpx and make the TLS context now (the reader calls it on a thread while idle),
    so that the first request after the first frame pays for neither."""
    tls_context()


class Budget:
    def __init__(self, clock: Callable[[], float], seconds: float) -> None:
        self._clock = clock
        self._start = clock()
        self._end = self._start + seconds

    def left(self) -> float:
        return self._end - self._clock()

    def elapsed(self) -> float:
        return self._clock() - self._start


def _validator_headers(validators: Validators | None) -> dict[str, str]:
    headers = {}
    if validators and validators.etag:
        headers["If-None-Match"] = validators.etag
    if validators and validators.last_modified:
        headers["If-Modified-Since"] = validators.last_modified
    return headers


def _retry_after(headers: Any) -> float | None:
    """Seconds the server asked us to wait: `Retry-After` (seconds or a date) or `RateLimit` t=."""
    waits: list[float] = []
    value = headers.get("retry-after", "").strip()
    if value.isdigit():
        waits.append(float(value))
    elif value:
        try:
            when = email.utils.parsedate_to_datetime(value)
            waits.append(max(0.0, (when - datetime.now(UTC)).total_seconds()))
        except (TypeError, ValueError):
            pass
    match = re.search(r"\bt=(\d+)", headers.get("ratelimit", ""))
    if match:
        waits.append(float(match[1]))
    return max(waits) if waits else None
