"""SearchEntry records → the chunked static search index the browser reads (work in progress)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .entry import SearchEntry


@dataclass(frozen=True, slots=True)
class IndexStats:
    documents: int
    files: int
    bytes: int


def write_index(entries: Iterable[SearchEntry], out_dir: Path) -> IndexStats:
    """Write the index under out_dir (replacing what is there)."""
    items = list(entries)
    out_dir.mkdir(parents=True, exist_ok=True)
    return IndexStats(len(items), 0, 0)
