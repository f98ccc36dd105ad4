"""The one facade the reader and the CLI call for data (see `facade.Service`)."""

from papertui.service.digest_ops import CannotWrite
from papertui.service.facade import (
    NO_ARCHIVE,
    Service,
    default_client,
    has_sample,
    load_sample,
)
from papertui.service.foryou_ops import NO_BOOKMARKS, ForYou
from papertui.service.paper_ops import NoText
from papertui.service.results import (
    SAMPLE_DATE,
    Exported,
    NothingToShow,
    PaperText,
    Source,
    ViewResult,
    problem,
)
from papertui.service.sync_ops import SyncEvent, SyncSummary

__all__ = [
    "NO_ARCHIVE",
    "NO_BOOKMARKS",
    "SAMPLE_DATE",
    "CannotWrite",
    "Exported",
    "ForYou",
    "NoText",
    "NothingToShow",
    "PaperText",
    "Service",
    "Source",
    "SyncEvent",
    "SyncSummary",
    "ViewResult",
    "default_client",
    "has_sample",
    "load_sample",
    "problem",
]
