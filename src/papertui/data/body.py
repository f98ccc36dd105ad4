"""Reading a response body as the hub's JSON: the type checked, the size capped after
decompression, the JSON strict. Every failure is a `FetchError` with a sentence to show."""

from __future__ import annotations

import json
import zlib
from typing import TYPE_CHECKING, Any

from papertui.core.text import clean_text, error_text
from papertui.data.fetch_error import FetchError

if TYPE_CHECKING:
    import httpx


TEXT_TYPES = ("text/markdown", "text/x-markdown", "text/plain")  # a paper's text, never HTML


def check_type(content_type: str, host: str, *, text: bool = False) -> None:
    """JSON (or, with `text`, Markdown or plain text); anything else is a FetchError."""
    mime = content_type.split(";")[0].strip().lower()
    if (mime in TEXT_TYPES) if text else (mime == "application/json" or mime.endswith("+json")):
        return
    shown = clean_text(mime)[:60] or "no content type"
    where = "where the paper's text belongs" if text else "instead of JSON"
    raise FetchError(
        f"{host} sent {shown} {where}. A proxy or captive portal may be in the way, "
        "or PAPERTUI_API_URL points at the wrong server.",
        kind="bad_response",
    )


async def read_capped(response: httpx.Response, cap: int, host: str) -> bytes:
    """Read the body, decompressing ourselves so the cap counts decompressed bytes."""
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > cap:
        raise too_large(host, cap)
    encoding = response.headers.get("content-encoding", "identity").strip().lower()
    if encoding not in ("identity", "", "gzip", "x-gzip", "deflate"):
        raise FetchError(
            f"{host} sent an unsupported encoding ({encoding[:20]})", kind="bad_response"
        )
    inflater = zlib.decompressobj(47) if encoding not in ("identity", "") else None
    chunks: list[bytes] = []
    size = raw = 0
    try:
        async for chunk in response.aiter_raw():
            raw += len(chunk)
            pending = chunk
            while pending:
                if inflater is None:
                    out, pending = pending, b""
                else:
                    out = inflater.decompress(pending, cap - size + 1)
                    pending = inflater.unconsumed_tail
                size += len(out)
                if size > cap or raw > cap:
                    raise too_large(host, cap)
                chunks.append(out)
    except zlib.error:
        raise FetchError(f"{host} sent a corrupt compressed body", kind="bad_response") from None
    return b"".join(chunks)


def too_large(host: str, cap: int) -> FetchError:
    return FetchError(
        f"{host} sent more than {cap // (1024 * 1024)} MB; stopped reading. "
        "The server is misbehaving; try again later.",
        kind="too_large",
    )


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def decode_json(body: bytes, host: str) -> Any:
    """Strict JSON: UTF-8 without BOM, no NaN/Infinity, bounded nesting."""
    try:
        return json.loads(body.decode("utf-8"), parse_constant=_reject_constant)
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        reason = "nested too deeply" if isinstance(exc, RecursionError) else error_text(exc, 80)
        raise FetchError(
            f"{host} sent a body that is not valid JSON; it may have been cut off. "
            "Try again later.",
            kind="bad_response",
            detail=reason,
        ) from None
