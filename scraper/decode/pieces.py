"""Mixed pages, piece by piece: a GBK run inside a UTF-8 page (a CMS including an old template),
a UTF-8 run inside a GB18030 page. Each piece is kept only where its reading explains more bytes."""

from __future__ import annotations

import re

from ..model import Notice
from ..plausible import has_implausible_pair, unexplained
from .reading import Reading, line, places, recording

# Bytes that may be GB18030 text: high bytes, with the ASCII-range trail bytes of GBK characters and
# the digits of GB18030's four-byte sequences (U+00A0, a no-break space, is 81 30 84 36).
GB_RUN = re.compile(rb"(?:[\x81-\xfe][\x30-\x39][\x81-\xfe][\x30-\x39]|[\x81-\xfe][\x40-\x7e]|[\x80-\xff])+")
# A UTF-8 character of three bytes (CJK, CJK punctuation, full-width forms): a run holding one may
# be UTF-8 inside a GBK page; its UTF-8 sequences (two-byte ones too: U+00A0 is C2 A0).
UTF8_RUN = re.compile(rb"[\xe2-\xef][\x80-\xbf]{2}")
UTF8_SEQUENCE = re.compile(rb"(?:[\xe2-\xef][\x80-\xbf]{2}|[\xc2-\xdf][\x80-\xbf])+")


def gb_runs_in_utf8(raw: bytes, reading: Reading) -> None:
    """Where a UTF-8 page has invalid bytes, read each run of bytes holding them as GB18030 too,
    and keep that reading where it explains more of the run."""
    parts: list[str] = []
    errors: list[tuple[int, int]] = []
    pos = piece_bytes = 0
    pieces: list[int] = []
    for start, end in _runs_with_errors(raw, reading.errors):
        as_utf8, _ = recording(raw[start:end], "utf-8")
        as_gb, gb_errors = recording(raw[start:end], "gb18030")
        if unexplained(as_gb, "gb18030") >= unexplained(as_utf8, "utf-8"):
            continue
        before, before_errors = recording(raw[pos:start], "utf-8")
        parts += [before, as_gb]
        errors += [(a + pos, b + pos) for a, b in before_errors] + [(a + start, b + start) for a, b in gb_errors]
        pos = end
        pieces.append(start)
        piece_bytes += end - start
    if not pieces:
        return
    rest, rest_errors = recording(raw[pos:], "utf-8")
    parts.append(rest)
    errors += [(a + pos, b + pos) for a, b in rest_errors]
    text = "".join(parts).removeprefix("\ufeff")
    first = line(raw, pieces[0])
    reading.text, reading.errors = text, errors
    reading.unexplained = unexplained(text, "utf-8")
    reading.notices.append(Notice(
        "mixed-encoding", f"{piece_bytes} bytes in {places(len(pieces))} decoded as GB18030 inside a UTF-8 page "
        f"(first at line {first})", first))


def _runs_with_errors(raw: bytes, errors: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The runs of possible GB18030 text around the invalid ranges, in order, without overlap."""
    runs: list[tuple[int, int]] = []
    for start, _ in errors:
        if runs and start < runs[-1][1]:
            continue
        while start > 0 and (raw[start - 1] >= 0x80 or (start > 1 and raw[start - 2] >= 0x81 and 0x30 <= raw[start - 1] <= 0x7E)):
            start -= 1
        if runs:
            start = max(start, runs[-1][1])
        found = GB_RUN.match(raw, start)
        if found is not None:
            runs.append(found.span())
    return runs


def utf8_runs_in_gb(raw: bytes, reading: Reading) -> None:
    """Runs of UTF-8 in a GB18030 page: where reading a run's UTF-8 characters as UTF-8 (and the
    rest of the run as GB18030) explains more of the run than GB18030 alone, that reading is kept."""
    if not reading.unexplained or not has_implausible_pair(reading.text):
        return  # no mojibake in the GB18030 reading, so no UTF-8 run in the bytes
    found: list[tuple[int, int, str]] = []
    for run in GB_RUN.finditer(raw):
        start, end = run.span()
        if UTF8_RUN.search(raw, start, end) is None:
            continue
        as_gb, _ = recording(raw[start:end], "gb18030")
        mixed, pieces = _utf8_pieces(raw, start, end)
        if pieces and unexplained(mixed, "utf-8") < unexplained(as_gb, "gb18030"):
            found.append((start, end, mixed))
    if not found:
        return
    parts: list[str] = []
    errors: list[tuple[int, int]] = []
    pos = 0
    for start, end, mixed in found:
        before, before_errors = recording(raw[pos:start], "gb18030")
        parts += [before, mixed]
        errors += [(a + pos, b + pos) for a, b in before_errors]
        pos = end
    rest, rest_errors = recording(raw[pos:], "gb18030")
    parts.append(rest)
    errors += [(a + pos, b + pos) for a, b in rest_errors]
    reading.text = "".join(parts).removeprefix("\ufeff")
    reading.errors = errors
    reading.unexplained = unexplained(reading.text, "gb18030")
    first = line(raw, found[0][0])
    reading.notices.append(Notice(
        "mixed-encoding", f"{sum(e - s for s, e, _ in found)} bytes in {places(len(found))} decoded as UTF-8 "
        f"inside a GB18030 page (first at line {first})", first))


def _utf8_pieces(raw: bytes, start: int, end: int) -> tuple[str, int]:
    """The run with its valid UTF-8 sequences read as UTF-8 and the bytes between as GB18030,
    and how many UTF-8 sequences it took."""
    parts: list[str] = []
    pos, pieces = start, 0
    for match in UTF8_SEQUENCE.finditer(raw, start, end):
        try:
            as_utf8 = match.group().decode("utf-8")
        except UnicodeDecodeError:  # surrogates and overlong forms have the pattern's shape
            continue
        parts += [recording(raw[pos:match.start()], "gb18030")[0], as_utf8]
        pos = match.end()
        pieces += 1
    parts.append(recording(raw[pos:end], "gb18030")[0])
    return "".join(parts), pieces
