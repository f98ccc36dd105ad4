"""The one error of fetching from the hub."""

from __future__ import annotations


class FetchError(Exception):
    """Any failure to get papers. `str(error)` is a sentence a person can act on."""

    def __init__(
        self,
        message: str,
        *,
        kind: str,
        status: int | None = None,
        detail: str = "",
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message)
        self.retry_after = retry_after  # seconds the server asked us to wait (a 429)
        self.kind = kind  # offline, timeout, http, rate_limited, bad_response, too_large
        self.status = status
        # What the library said (errno, bytes received...): for --verbose, not the sentence.
        self.detail = detail
