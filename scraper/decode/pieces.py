"""Mixed pages, piece by piece: a GBK run inside a UTF-8 page (a CMS including an old template),
a UTF-8 run inside a GB18030 page. Each piece is kept only where its reading explains more bytes."""

from __future__ import annotations

import re

from ..model import Notice
from ..plausible import has_implausible_pair, unexplained
from .reading import Reading, line, places, recording

# A run of UTF-8 characters of three bytes (CJK, CJK punctuation, full-width forms) in a GBK page.
UTF8_RUN = re.compile(rb"(?:[\xe2-\xef][\x80-\xbf]{2}){2,}")


def gb_runs_in_utf8(raw: bytes, reading: Reading) -> None:
    """Where a UTF-8 page has invalid bytes, read each run of non-ASCII bytes holding them as
    GB18030 too, and keep that reading where it explains more of the run."""
    parts: list[str] = []
    errors: list[tuple[int, int]] = []
    pos = pieces = piece_bytes = 0
    for start, end in _runs_with_errors(raw, reading.errors):
        as_utf8, _ = recording(raw[start:end], "utf-8")
        gb_end = end
        as_gb, gb_errors = recording(raw[start:end], "gb18030")
        if gb_errors and gb_errors[-1][1] == end - start and end < len(raw) and 0x40 <= raw[end] <= 0x7E:
            # A GBK character whose trail byte is in the ASCII range ends the run one byte early.
            longer, longer_errors = recording(raw[start:end + 1], "gb18030")
            if len(longer_errors) < len(gb_errors):
                as_gb, gb_errors, gb_end = longer, longer_errors, end + 1
        if unexplained(as_gb, "gb18030") >= unexplained(as_utf8, "utf-8"):
            continue
        before, before_errors = recording(raw[pos:start], "utf-8")
        parts += [before, as_gb]
        errors += [(a + pos, b + pos) for a, b in before_errors] + [(a + start, b + start) for a, b in gb_errors]
        pos = gb_end
        pieces += 1
        piece_bytes += gb_end - start
    if not pieces:
        return
    rest, rest_errors = recording(raw[pos:], "utf-8")
    parts.append(rest)
    errors += [(a + pos, b + pos) for a, b in rest_errors]
    text = "".join(parts).removeprefix("\ufeff")
    first = line(raw, reading.errors[0][0])
    reading.text, reading.errors = text, errors
    reading.unexplained = unexplained(text, "utf-8")
    reading.notices.append(Notice(
        "mixed-encoding", f"{piece_bytes} bytes in {places(pieces)} decoded as GB18030 inside a UTF-8 page "
        f"(first at line {first})", first))


def _runs_with_errors(raw: bytes, errors: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The maximal runs of non-ASCII bytes around the invalid ranges, in order, without overlap."""
    runs: list[tuple[int, int]] = []
    for start, end in errors:
        if runs and start < runs[-1][1]:
            continue
        left, right = start, end
        while left > 0 and raw[left - 1] >= 0x80:
            left -= 1
        while right < len(raw) and raw[right] >= 0x80:
            right += 1
        runs.append((max(left, runs[-1][1]) if runs else left, right))
    return runs


def utf8_runs_in_gb(raw: bytes, reading: Reading) -> None:
    """Runs of valid UTF-8 in a GB18030 page that read as text in UTF-8 and as mojibake in GB18030."""
    if not reading.unexplained or not has_implausible_pair(reading.text):
        return  # no mojibake in the GB18030 reading, so no UTF-8 run in the bytes
    found = []
    for match in UTF8_RUN.finditer(raw):
        start, end = match.span()
        try:
            as_utf8 = raw[start:end].decode("utf-8")
        except UnicodeDecodeError:  # surrogates and overlong forms match the pattern's shape
            continue
        as_gb, _ = recording(raw[start:end], "gb18030")
        if 2 * unexplained(as_utf8, "utf-8") < unexplained(as_gb, "gb18030"):
            found.append((start, end, as_utf8))
    if not found:
        return
    parts: list[str] = []
    errors: list[tuple[int, int]] = []
    pos = 0
    for start, end, as_utf8 in found:
        before, before_errors = recording(raw[pos:start], "gb18030")
        parts += [before, as_utf8]
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
