"""The one facade the reader and the CLI call for data (see `facade.Service`)."""

from papertui.service.facade import Service, default_client, has_sample, load_sample
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

__all__ = [
    "SAMPLE_DATE",
    "Exported",
    "NoText",
    "NothingToShow",
    "PaperText",
    "Service",
    "Source",
    "ViewResult",
    "default_client",
    "has_sample",
    "load_sample",
    "problem",
]
