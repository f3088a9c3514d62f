"""gazette: ingest Chinese municipal government gazettes (政府公报) into a versioned store.

The public surface: `ingest` (files → store), `process` (one capture through the pure stages),
`Store`, and the model types. Everything else is reached through its module.
"""

from __future__ import annotations

from functools import lru_cache


def __getattr__(name: str) -> str:
    # __version__ on first use: importlib.metadata costs a command that never prints it (ingest) ~40 ms.
    if name == "__version__":
        return _version()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@lru_cache(maxsize=1)
def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("gazette")
    except PackageNotFoundError:  # a source tree that was never installed
        return "0.0.0"

# `ingest` names both a submodule and its main function: this binding makes `scraper.ingest` the
# function. Reach the module with `from scraper.ingest import …`.
from .ingest import ingest  # noqa: E402
from .model import Capture, DocNumber, Document, Issue, Notice, Parsed, Removal  # noqa: E402
from .pipeline import process  # noqa: E402
from .store import Store  # noqa: E402

__all__ = [
    "Capture", "DocNumber", "Document", "Issue", "Notice", "Parsed", "Removal",
    "Store", "__version__", "ingest", "process",
]
