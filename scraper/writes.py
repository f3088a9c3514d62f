"""Output files written only when their bytes change, and atomically.

An incremental build rewrites what changed in a published site while it is being served: a file
is replaced by a rename (a reader sees the old or the new bytes, never half), and a file whose
bytes are already there is left alone (its modification time and any cache stay valid).
"""

from __future__ import annotations

import os
from pathlib import Path


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write `data` to `path` unless it already holds exactly these bytes; True if written."""
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)
    return True
