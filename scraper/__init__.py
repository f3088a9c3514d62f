"""gazette: ingest Chinese municipal government gazettes (政府公报) into a versioned store.

The public surface: `ingest` (files → store), `process` (one capture through the pure stages),
`Store`, and the model types. Everything else is reached through its module.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("gazette")
except PackageNotFoundError:  # a source tree that was never installed
    __version__ = "0.0.0"

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
