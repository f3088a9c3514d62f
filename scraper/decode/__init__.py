"""Capture → Page: bytes to text, in the encoding that explains the bytes.

Evidence first: a byte-order mark, then the HTTP header, then <meta charset> in the first bytes
(gb2312/gbk labels read as GB18030, its superset, as the WHATWG Encoding Standard and every
browser do). A declared codec that decodes the bytes strictly into plausible text is taken at once:
that is nearly every page. Otherwise UTF-8, GB18030, Big5 and the declared codec compete, and the
one under which the fewest bytes are invalid or implausible text wins (plausible.py): UTF-8 with a
few bad bytes is still UTF-8, while a GB18030 reading that turns text into rare characters loses.
A mixed page is then decoded piece by piece: a run of GBK inside a UTF-8 page (a CMS including an
old template), a run of UTF-8 inside a GBK page. Last, control characters other than \\t \\n \\r \\f
are removed, so no parser sees them (lxml refuses them in text it builds).

The capture's bytes are never changed: every replacement or removal is a Notice saying how many
and where. Refused are only what no browser would show as text: empty files, binary files (by
magic number), and bytes of which most are no text in any candidate encoding.
"""

from __future__ import annotations

import codecs
import re

from ..errors import DecodeError, InputError
from ..model import Capture, Notice, Page
from ..plausible import unexplained
from ..truncation import truncation
from .pieces import mend
from .reading import Reading, line, places, recording

UTF16_BOMS = ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))

# WHATWG: the meta prescan looks at the first 1024 bytes; CMS pages often put scripts first,
# so look a little further.
PRESCAN_BYTES = 4096
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)
HTTP_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9_\-:.]+)""", re.I)

# Labels browsers map to a superset decoder.
LABEL_ALIASES = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "gb_2312-80": "gb18030",
    "csgb2312": "gb18030",
    "chinese": "gb18030",
    "iso-ir-58": "gb18030",
    # WHATWG's big5 is Big5-HKSCS: Hong Kong's characters (啓, 裏, 着: OpenCC's forms) are in every browser's.
    "big5": "big5hkscs",
    "big5-hkscs": "big5hkscs",
    "x-big5": "big5hkscs",
    "cn-big5": "big5hkscs",
    "csbig5": "big5hkscs",
    "x-x-big5": "big5hkscs",
    "iso-8859-1": "cp1252",  # WHATWG: latin1 labels decode as windows-1252
    "latin1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "unicode": "utf-16-le",
    "utf8": "utf-8",
}

# Government pages are in one of these; statistics-based detectors happily call Chinese bytes
# windows-1252, so nothing else is guessed.
CANDIDATES = ("utf-8", "gb18030", "big5hkscs")
# A strict decode with more implausible bytes than this share of its non-ASCII bytes competes
# (real GB18030 text: under 1%; UTF-8 read as GB18030: over 50%).
FAST_PATH_UNEXPLAINED = 0.05
ASCII = bytes(range(0x80))
# More unexplained bytes than this share under the best codec: not a text page.
MAX_UNEXPLAINED = 0.5
# Control bytes (not \t \n \r \f ESC) are ~10% of compressed or random data and none of a page:
# a page with a few pasted or inserted is still a page.
BINARY_CONTROL_SHARE = 0.05
BINARY_SAMPLE = 1_000_000  # bytes counted
BINARY_MAGIC = {
    b"\x89PNG": "PNG image", b"%PDF": "PDF", b"PK\x03\x04": "ZIP archive (docx/xlsx)", b"GIF8": "GIF image",
    b"\xff\xd8\xff": "JPEG image", b"\xd0\xcf\x11\xe0": "OLE file (doc/xls)", b"\x1f\x8b": "gzip data",
    b"\x7fELF": "executable", b"Rar!": "RAR archive", b"7z\xbc\xaf": "7z archive", b"RIFF": "RIFF media",
}  # fmt: skip
# Control characters no parser should see. \t \n \r \f are whitespace; U+FFFE/U+FFFF are no characters.
CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
CONTROL_BYTES = bytes([*range(0x09), 0x0B, *range(0x0E, 0x1B), *range(0x1C, 0x20)])  # ESC occurs in ISO-2022
# In UTF-8, the only other characters CONTROL removes: DEL, C1 controls, U+FFFE and U+FFFF.
UTF8_C1 = re.compile(rb"\xc2[\x80-\x9f]")  # one literal byte first: a fast scan
UTF8_CONTROLS = (b"\x7f", b"\xef\xbf\xbe", b"\xef\xbf\xbf")
NUL_UTF16_SHARE = 0.3
BAD_BYTES = "bad-bytes"  # the Notice code of invalid bytes replaced with U+FFFD  # this share of NULs on one side of byte pairs: UTF-16 without a BOM


def normalize_label(label: str) -> str | None:
    """Map an encoding label to a Python codec name browsers would use, or None if unknown."""
    name = LABEL_ALIASES.get(label.strip().lower(), label.strip().lower())
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def declared_charset(raw: bytes, content_type: str | None = None) -> tuple[str, str] | None:
    """(codec, source) from the HTTP Content-Type header or a <meta> in the page's first bytes."""
    if content_type:
        found = HTTP_CHARSET.search(content_type)
        if found and (codec := normalize_label(found.group(1))):
            return codec, "http"
    found = META_CHARSET.search(raw[:PRESCAN_BYTES])
    if found and (codec := normalize_label(found.group(1).decode("ascii", "replace"))):
        # A page saved as UTF-8 that still declares utf-16 would be unreadable; browsers do the same.
        return ("utf-8" if codec.startswith("utf-16") else codec), "meta"
    return None


def decode(capture: Capture, content_type: str | None = None) -> Page:
    """Decode a capture's bytes to a Page; raises InputError/DecodeError only on what is not text."""
    raw, where = capture.raw, capture.location
    if not raw.strip():
        raise InputError("empty file", where)
    for magic, what in BINARY_MAGIC.items():
        if raw.startswith(magic):
            raise InputError(f"binary data ({what}), not a text or HTML page", where)
    kind = "text" if (capture.media_type or "").startswith("text/plain") else "html"
    controls = 0
    if utf16 := _utf16(raw, content_type):
        reading = _replacing(raw, *utf16)
    else:
        sample = raw[:BINARY_SAMPLE]
        controls = len(sample) - len(sample.translate(None, CONTROL_BYTES))
        if controls > BINARY_CONTROL_SHARE * len(sample):
            raise InputError(f"binary data, not a text or HTML page ({controls / len(sample):.0%} control bytes)", where)
        reading = _read(raw, content_type, controls)
    if reading.unexplained > MAX_UNEXPLAINED * len(raw):
        share = reading.unexplained / len(raw)
        raise DecodeError(f"undecodable bytes: {share:.0%} of the bytes are no text in "
                          f"{reading.codec} (nor in {', '.join(c for c in CANDIDATES if c != reading.codec)})", where)
    if reading.codec == "utf-8" and not controls and len(raw) <= BINARY_SAMPLE and not UTF8_C1.search(raw) \
            and not any(control in raw for control in UTF8_CONTROLS):
        text, removed = reading.text, None  # the bytes hold none: no need to look at the text
    else:
        text, removed = _strip_controls(reading.text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    notices = [*reading.notices]
    if removed:
        notices.append(removed)
    if cut := truncation(text, kind, reading.cut_in_character):
        notices.append(cut)
    return Page(where, kind, text, reading.codec, reading.source, tuple(notices))


def _utf16(raw: bytes, content_type: str | None) -> tuple[int, str, str] | None:
    """(bytes to skip, codec, source) for a UTF-16 page: by its BOM, its HTTP header or its NULs."""
    for bom, codec in UTF16_BOMS:
        if raw.startswith(bom):
            return len(bom), codec, "bom"
    declared = declared_charset(raw, content_type)
    if declared and declared[0].startswith("utf-16"):  # only an HTTP header can say so (see above)
        return 0, *declared
    if declared is None and (codec := _utf16_without_bom(raw)):
        return 0, codec, "sniffed"
    return None


def _read(raw: bytes, content_type: str | None, controls: int) -> Reading:
    """Bytes without a UTF-16 form: the declared codec if it explains them, else the best candidate.
    `controls`: how many control bytes they hold."""
    declared = ("utf-8", "bom") if raw.startswith(codecs.BOM_UTF8) else declared_charset(raw, content_type)
    codec, source = declared or ("utf-8", "sniffed")
    fast = _strict(raw, codec, source, controls)
    if fast is None and declared is None:
        fast = _strict(raw, "gb18030", "sniffed", controls)
    if fast is not None:
        reading = fast
    else:
        reading = _compete(raw, declared)
    if declared and reading.codec != declared[0]:
        reading.notices.insert(0, Notice(
            "encoding-mismatch", f"declared {declared[0]} but the bytes are {reading.codec}; decoded as {reading.codec}"))
    mend(raw, reading)
    _note_errors(raw, reading)
    return reading


def _strict(raw: bytes, codec: str, source: str, controls: int) -> Reading | None:
    """The bytes decoded without error (a last character cut in half allowed) into plausible text."""
    cut = False
    try:
        text = raw.decode(codec)
    except UnicodeDecodeError as exc:
        if exc.end != len(raw) or not exc.reason.startswith(("unexpected end", "incomplete")):
            return None
        try:
            text, cut = raw[: exc.start].decode(codec), True
        except UnicodeDecodeError:
            return None
    # Valid UTF-8 is almost never anything else; a legacy codec decodes nearly any bytes, so the
    # text must also be plausible (a UTF-8 page read as GB18030 is valid, and mojibake).
    bad = controls if codec.startswith("utf-8") else unexplained(text, codec)
    if bad > FAST_PATH_UNEXPLAINED * (len(raw) - len(raw.translate(None, ASCII))):
        return None
    return Reading(text.removeprefix("\ufeff"), codec, source, bad, cut_in_character=cut)


def _compete(raw: bytes, declared: tuple[str, str] | None) -> Reading:
    """Each candidate reads all the bytes; the fewest unexplained bytes wins (ties: the declared)."""
    names = ([declared[0]] if declared else []) + [c for c in CANDIDATES if not declared or c != declared[0]]
    readings = []
    for codec in names:
        text, errors = recording(raw, codec)
        readings.append(Reading(text.removeprefix("\ufeff"), codec, "sniffed", unexplained(text, codec), errors))
    best = min(readings, key=lambda reading: reading.unexplained)  # the first of equals: the declared
    if declared and best.codec == declared[0]:
        best.source = declared[1]
    if best.errors and best.errors[-1][1] == len(raw):
        best.cut_in_character = _cut_in_character(raw, best.codec, best.errors[-1][0])
    return best


def _replacing(raw: bytes, start: int, codec: str, source: str) -> Reading:
    text, errors = recording(raw[start:], codec)
    errors = [(a + start, b + start) for a, b in errors]
    return Reading(text, codec, source, sum(b - a for a, b in errors) + _controls(text), errors)


def _utf16_without_bom(raw: bytes) -> str | None:
    """UTF-16 text without a byte-order mark: NULs in every other byte (ASCII markup)."""
    head = raw[:4096]
    pairs = len(head) // 2
    if pairs < 16 or b"\x00" not in head:
        return None
    if head[1::2].count(0) > NUL_UTF16_SHARE * pairs and head[0::2].count(0) < 0.05 * pairs:
        return "utf-16-le"
    if head[0::2].count(0) > NUL_UTF16_SHARE * pairs and head[1::2].count(0) < 0.05 * pairs:
        return "utf-16-be"
    return None


def _cut_in_character(raw: bytes, codec: str, start: int) -> bool:
    """Do the bytes from `start` look like the first bytes of a character cut off by the end?"""
    try:
        raw[start:].decode(codec)
    except UnicodeDecodeError as exc:
        return exc.reason.startswith(("unexpected end", "incomplete"))
    return False


def _note_errors(raw: bytes, reading: Reading) -> None:
    errors = reading.errors
    if reading.cut_in_character and errors and errors[-1][1] == len(raw):
        errors = errors[:-1]  # reported as truncation, not as bad bytes
        reading.text = reading.text.removesuffix("\ufffd")
    if not errors:
        return
    count = sum(b - a for a, b in errors)
    first = line(raw, errors[0][0])
    reading.notices.append(Notice(
        BAD_BYTES, f"{count} invalid {reading.codec} bytes in {places(len(errors))} replaced with U+FFFD "
        f"(first at line {first})", first))


def _strip_controls(text: str) -> tuple[str, Notice | None]:
    if (at := CONTROL.search(text)) is None:
        return text, None
    found = CONTROL.findall(text)
    first = text.count("\n", 0, at.start()) + 1
    kinds = sorted(set(found))
    shown = ", ".join(f"U+{ord(c):04X}" for c in kinds[:5]) + (", …" if len(kinds) > 5 else "")
    notice = Notice("control-characters", f"{len(found)} control characters removed ({shown}; first at line {first})", first)
    return CONTROL.sub("", text), notice


def _controls(text: str) -> int:
    return len(CONTROL.findall(text))
