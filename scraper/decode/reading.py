"""A reading of bytes in one codec: the text, the invalid byte ranges it replaced, its notices."""

from __future__ import annotations

import codecs
from contextvars import ContextVar
from dataclasses import dataclass, field

from ..model import Notice


@dataclass(slots=True)
class Reading:
    """Bytes read in one codec (or mostly one, with pieces in another)."""

    text: str
    codec: str
    source: str
    unexplained: int = 0  # bytes that are no plausible text (see plausible.unexplained)
    errors: list[tuple[int, int]] = field(default_factory=list)  # invalid byte ranges, replaced
    notices: list[Notice] = field(default_factory=list)
    cut_in_character: bool = False  # the bytes end inside a multi-byte character


_ERRORS: ContextVar[list[tuple[int, int]] | None] = ContextVar("gazette_decode_errors", default=None)


def _record(exc: UnicodeError) -> tuple[str, int]:
    """A codecs error handler: replace like "replace", and remember which bytes were invalid."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    found = _ERRORS.get()
    if found is not None:
        found.append((exc.start, exc.end))
    return "\ufffd", exc.end


codecs.register_error("gazette-record", _record)


def recording(raw: bytes, codec: str) -> tuple[str, list[tuple[int, int]]]:
    """The bytes decoded with U+FFFD for each invalid sequence, and the invalid byte ranges."""
    errors: list[tuple[int, int]] = []
    token = _ERRORS.set(errors)
    try:
        return raw.decode(codec, "gazette-record"), errors
    finally:
        _ERRORS.reset(token)


def places(count: int) -> str:
    return "1 place" if count == 1 else f"{count} places"


def line(raw: bytes, offset: int) -> int:
    return raw.count(b"\n", 0, offset) + 1
