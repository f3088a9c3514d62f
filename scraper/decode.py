"""Capture → Page: bytes to text, the way a browser would pick the encoding.

Order: byte-order mark, then the HTTP header, then <meta charset> in the first bytes, then
sniffing (strict UTF-8, strict GB18030, charset-normalizer). gb2312/gbk labels are read as
GB18030, its superset, as the WHATWG Encoding Standard and every browser do: many government
pages declare gb2312 and contain GBK-only characters.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from .errors import DecodeError, InputError
from .model import Capture, Notice, Page

BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

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
    "big5-hkscs": "big5hkscs",
    "x-big5": "big5",
    "iso-8859-1": "cp1252",  # WHATWG: latin1 labels decode as windows-1252
    "latin1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "unicode": "utf-16-le",
    "utf8": "utf-8",
}

# A page where more than this share of characters could not be decoded is not a text page.
MAX_REPLACEMENT_SHARE = 0.02
# Control characters other than \t \n \r \f: plenty of them means a binary file.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")
MAX_CONTROL_SHARE = 0.01
BINARY_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")  # \x1b (ESC) occurs in ISO-2022 text
BINARY_MAGIC = (b"\x89PNG", b"%PDF", b"PK\x03\x04", b"GIF8", b"\xff\xd8\xff", b"\xd0\xcf\x11\xe0", b"\x1f\x8b")


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


def sniff(raw: bytes) -> tuple[str, str]:
    """Guess the encoding of undeclared bytes: strict UTF-8, GB18030, then Big5 (Traditional pages).

    Statistics-based detectors happily call Chinese bytes windows-1252; for government pages
    only these three are plausible, and anything else is reported as undecodable.
    """
    for codec in ("utf-8", "gb18030", "big5"):
        try:
            raw.decode(codec)
            return codec, "sniffed"
        except UnicodeDecodeError:
            continue
    best = from_bytes(raw[:200_000], cp_isolation=["utf_8", "gb18030", "big5"]).best()
    if best is not None and (codec := normalize_label(best.encoding)):
        return codec, "sniffed"
    return "gb18030", "fallback"


def decode(capture: Capture, content_type: str | None = None) -> Page:
    """Decode a capture's bytes to a Page; raises InputError/DecodeError on what is not text."""
    raw, where = capture.raw, capture.location
    if not raw.strip():
        raise InputError("empty file", where)
    kind = "text" if (capture.media_type or "").startswith("text/plain") else "html"
    codec, source = _choose(raw, content_type, where)
    text, notices = _decode_with(raw, codec, source, where)
    if len(CONTROL.findall(text[:100_000])) > MAX_CONTROL_SHARE * min(len(text), 100_000):
        raise InputError("binary data, not a text or HTML page", where)
    return Page(where, kind, text.replace("\r\n", "\n").replace("\r", "\n"), codec, source, notices)


def _choose(raw: bytes, content_type: str | None, where: str) -> tuple[str, str]:
    for bom, codec in BOMS:
        if raw.startswith(bom):
            return codec, "bom"
    head = raw[:8192]
    if head.startswith(BINARY_MAGIC) or len(BINARY_BYTES.findall(head)) > MAX_CONTROL_SHARE * len(head):
        # Control bytes without a BOM: an image, PDF or archive saved under a page's name.
        raise InputError("binary data, not a text or HTML page", where)
    return declared_charset(raw, content_type) or sniff(raw)


def _decode_with(raw: bytes, codec: str, source: str, where: str) -> tuple[str, tuple[Notice, ...]]:
    """Decode strictly if possible; otherwise try the sniffed codec, then replace and warn."""
    try:
        return raw.decode(codec).removeprefix("\ufeff"), ()
    except UnicodeDecodeError:
        pass
    if source in ("http", "meta"):
        alt, _ = sniff(raw)
        if alt != codec:
            try:
                text = raw.decode(alt).removeprefix("\ufeff")
                msg = f"declared {codec} but the bytes are {alt}; decoded as {alt}"
                return text, (Notice("encoding-mismatch", msg),)
            except UnicodeDecodeError:
                pass
    text = raw.decode(codec, errors="replace").removeprefix("\ufeff")
    bad = text.count("\ufffd")
    if bad > MAX_REPLACEMENT_SHARE * max(len(text), 1):
        raise DecodeError(f"undecodable bytes: {bad} of {len(text)} characters are invalid {codec}", where)
    return text, (Notice("bad-bytes", f"{bad} invalid {codec} byte sequences replaced with U+FFFD"),)
