"""Mixed pages, piece by piece: a GBK run inside a UTF-8 page (a CMS including an old template),
a UTF-8 run inside a GB18030 page. Each run of non-ASCII bytes that looks damaged is read all in
the page's codec, all in the other, and as UTF-8 stretches within GB18030; the reading that
explains the most bytes is kept."""

from __future__ import annotations

import re

from ..model import Notice
from ..plausible import implausible_at, unexplained
from .reading import Reading, line, places, recording

# Bytes that may be GB18030 text: high bytes, with the ASCII-range trail bytes of GBK characters and
# the digits of GB18030's four-byte sequences (U+00A0, a no-break space, is 81 30 84 36).
GB_RUN = re.compile(rb"(?:[\x81-\xfe][\x30-\x39][\x81-\xfe][\x30-\x39]|[\x81-\xfe][\x40-\x7e]|[\x80-\xff])+")
# A UTF-8 character of three bytes (CJK, CJK punctuation, full-width forms), and a stretch of
# UTF-8 characters (two-byte ones too: U+00A0 is C2 A0).
UTF8_CHAR = re.compile(rb"[\xe2-\xef][\x80-\xbf]{2}")
UTF8_STRETCH = re.compile(rb"(?:[\xe2-\xef][\x80-\xbf]{2}|[\xc2-\xdf][\x80-\xbf])+")
# A UTF-8 stretch read as UTF-8 inside a GB18030 run holds at least this many three-byte characters:
# one alone turns up by chance in GBK text about once in 70 characters.
STRETCH_MIN_CHARS = 2
# Another encoding is believed when one of its pieces holds this many bytes (three GBK characters,
# two UTF-8 ones): random damage leaves a byte or two that may read as some character by chance.
MIN_EVIDENCE = 6
OTHER = {"utf-8": "gb18030", "gb18030": "utf-8"}
NAMES = {"utf-8": "UTF-8", "gb18030": "GB18030"}


def mend(raw: bytes, reading: Reading) -> None:
    """Read the runs of another encoding in a UTF-8 or GB18030 page in that encoding, and say so.

    A UTF-8 page: the runs holding invalid bytes. A GB18030 page whose reading shows mojibake: the
    runs holding UTF-8-shaped characters.
    """
    primary = reading.codec
    if primary == "utf-8" and reading.errors:
        runs = _runs_with_errors(raw, reading.errors)
    elif primary == "gb18030" and reading.unexplained:
        runs = _runs_with_mojibake(raw, reading.text)
    else:
        return
    found = [(start, end, *_best(raw[start:end], primary)) for start, end in runs]
    found = [piece for piece in found if piece[4]]
    if not found or max(piece[4] for piece in found) < MIN_EVIDENCE:
        return  # a few bytes that chance reads as a character or two are damage, not another encoding
    parts: list[str] = []
    errors: list[tuple[int, int]] = []
    pos = other_bytes = 0
    mended: list[int] = []
    for start, end, text, run_errors, foreign in found:
        before, before_errors = recording(raw[pos:start], primary)
        parts += [before, text]
        errors += _shifted(before_errors, pos) + _shifted(run_errors, start)
        pos = end
        mended.append(start)
        other_bytes += foreign
    if not mended:
        return
    rest, rest_errors = recording(raw[pos:], primary)
    reading.text = "".join([*parts, rest]).removeprefix("\ufeff")
    reading.errors = errors + _shifted(rest_errors, pos)
    reading.unexplained = unexplained(reading.text, primary)
    first = line(raw, mended[0])
    reading.notices.append(Notice(
        "mixed-encoding", f"{other_bytes} bytes in {places(len(mended))} decoded as {NAMES[OTHER[primary]]} "
        f"inside a {NAMES[primary]} page (first at line {first})", first))


Plan = list[tuple[str, int, int]]  # (codec, start, end) segments covering a run


def _best(chunk: bytes, primary: str) -> tuple[str, list[tuple[int, int]], int]:
    """The reading of a run that explains the most of it, its invalid ranges, and how many of its
    bytes it reads in the other codec (ties go to the page's own codec)."""
    plans: list[Plan] = [[(primary, 0, len(chunk))], [(OTHER[primary], 0, len(chunk))]]
    if (stretches := _utf8_stretches(chunk)) is not None:
        plans.append(stretches)
    best = min(plans, key=lambda plan: sum(
        unexplained(chunk[start:end].decode(codec, "replace"), codec) for codec, start, end in plan))
    parts: list[str] = []
    errors: list[tuple[int, int]] = []
    for codec, start, end in best:
        text, found = recording(chunk[start:end], codec)
        parts.append(text)
        errors += _shifted(found, start)
    return "".join(parts), errors, sum(end - start for codec, start, end in best if codec != primary)


def _utf8_stretches(chunk: bytes) -> Plan | None:
    """The run with its UTF-8 stretches read as UTF-8 and the bytes between as GB18030, or None
    if it has no stretch (or is one: that is the UTF-8 reading)."""
    plan: Plan = []
    pos = 0
    for match in UTF8_STRETCH.finditer(chunk):
        if len(UTF8_CHAR.findall(match.group())) < STRETCH_MIN_CHARS:
            continue
        try:
            match.group().decode("utf-8")
        except UnicodeDecodeError:  # surrogates and overlong forms have the pattern's shape
            continue
        if match.start() > pos:
            plan.append(("gb18030", pos, match.start()))
        plan.append(("utf-8", match.start(), match.end()))
        pos = match.end()
    if pos < len(chunk):
        plan.append(("gb18030", pos, len(chunk)))
    return plan if len(plan) > 1 else None


def _runs_with_errors(raw: bytes, errors: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The runs of possible GB18030 text around the invalid ranges, in order, without overlap."""
    runs: list[tuple[int, int]] = []
    for start, _ in errors:
        if runs and start < runs[-1][1]:
            continue
        while start > 0 and raw[start - 1] >= 0x80:  # back to the ASCII byte before the run
            start -= 1
        if runs:
            start = max(start, runs[-1][1])
        found = GB_RUN.match(raw, start)
        if found is not None:
            runs.append(found.span())
    return runs


def _runs_with_mojibake(raw: bytes, text: str) -> list[tuple[int, int]]:
    """The runs of a GB18030 page's bytes whose reading holds implausible characters (mojibake, or
    a rare character) and UTF-8-shaped ones."""
    runs: list[tuple[int, int]] = []
    char = offset = examined = 0
    for at in implausible_at(text):
        # Bytes before it: its GB18030 form, less 3 for each U+FFFD (4 bytes, for 1 invalid byte).
        before = text[char:at]
        offset += len(before.encode("gb18030")) - 3 * before.count("\ufffd")
        char = at
        if offset < examined:
            continue
        start = min(offset, len(raw))
        while start > examined and raw[start - 1] >= 0x80:
            start -= 1
        found = GB_RUN.search(raw, start)
        if found is None:
            break
        examined = found.end()
        if UTF8_CHAR.search(raw, *found.span()):
            runs.append(found.span())
    return runs


def _shifted(ranges: list[tuple[int, int]], by: int) -> list[tuple[int, int]]:
    return [(start + by, end + by) for start, end in ranges]
