"""One capture through every pure stage: decode → clean → split → metadata.

This is the unit of work that `ingest` runs in worker processes; it does no store I/O.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import replace
from pathlib import Path

from . import clean, decode, metadata, split
from . import patterns as P
from .errors import InputError
from .model import Capture, Document, Notice, Parsed
from .plausible import GARBLED, Garble, garbled
from .provenance import printed_url
from .lineshapes import PLACE, ends_like_title
from .script import to_simplified_chars

# Bump when a change to decode/clean/split/metadata can change what a capture yields:
# the store uses it to tell a "processing" change from a "source" change.
PIPELINE_VERSION = "3"  # 3: decoding that explains damaged bytes; garbled captures marked

# A bulletin page is rarely over 2 MB; 20 MB leaves room for scanned-table pages while keeping
# one pathological file from holding a worker's memory hostage.
MAX_BYTES = 20 * 1024 * 1024

SUFFIX_MEDIA_TYPES = {
    ".html": "text/html",
    ".htm": "text/html",
    ".shtml": "text/html",
    ".txt": "text/plain",
}
WARC_SUFFIXES = (".warc", ".warc.gz")  # told apart here, by name: finding them needs no warcio


def is_warc(path: str | Path) -> bool:
    return str(path).lower().endswith(WARC_SUFFIXES)


def read_capture(path: Path, max_bytes: int = MAX_BYTES) -> Capture:
    """Read a file as a raw capture, refusing what cannot be a bulletin page."""
    media_type = SUFFIX_MEDIA_TYPES.get(path.suffix.lower())
    if media_type is None:
        raise InputError(f"unsupported file type {path.suffix!r} (expected .html, .htm or .txt)", str(path))
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(f"file is {size / 2**20:.1f} MB, over the {max_bytes / 2**20:.0f} MB limit", str(path))
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}", str(path)) from exc
    return make_capture(str(path), raw, media_type)


SPAM_IMITATION = "spam-imitation"  # the Notice code of a document whose title is spam


def make_capture(location: str, raw: bytes, media_type: str | None, captured: str | None = None) -> Capture:
    """Wrap raw bytes as a Capture with its sha256 and capture time."""
    when = captured or dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()
    return Capture(location, raw, hashlib.sha256(raw).hexdigest(), when, media_type)


def process(capture: Capture) -> Parsed:
    """Run the pure stages over one capture. Raises a GazetteError subclass on bad input."""
    # A fetched page's media_type is its whole Content-Type header, charset included.
    page = decode.decode(capture, capture.media_type)
    cleaned = clean.clean(page)
    issue_text = split.split(cleaned)
    parsed = metadata.describe(capture, page, issue_text)
    return judge(replace(parsed, source_url=printed_url(page)))


def judge(parsed: Parsed) -> Parsed:
    """Mark a capture whose documents still read as garbled text (plausible.py) with a "garbled"
    notice: the store holds such a capture for an editor instead of making it current. A document
    whose title is gambling or adult spam imitates a government one: its 文号, office and date are
    the spammer's, not an issuer's, and are not kept."""
    parsed = _spam_imitations(parsed)
    worst: tuple[Document, Garble] | None = None
    for doc in parsed.documents:
        found = garbled(doc.text)
        if found is not None and (worst is None or found.share > worst[1].share):
            worst = (doc, found)
    if worst is None:
        return parsed
    doc, found = worst
    notice = Notice(GARBLED, f"garbled text: {found.rare} of {found.total} Chinese characters of document "
                    f"{doc.ordinal} ({doc.title[:24]}) are rare, private-use or invalid ({found.share:.0%})")
    return replace(parsed, notices=(*parsed.notices, notice))


SPAM_SEPARATORS = re.compile(r"[,，|｜_]+")


def _after_spam(title: str) -> str | None:
    """The title a spammer's run of words was spliced before (澳门新葡京,青岚市人民政府关于…的通知): the
    last piece after their commas, when it opens with a place, ends as a title does and holds no spam word."""
    pieces = SPAM_SEPARATORS.split(title)
    last = pieces[-1].strip() if len(pieces) > 1 else ""
    simple = to_simplified_chars(last)
    if len(last) >= 6 and ends_like_title(simple) and PLACE.match(simple) \
            and not P.SPAM_STRONG_RE.search(simple) and not P.SPAM_WEAK_RE.search(simple):
        return last
    return None


def _spam_imitations(parsed: Parsed) -> Parsed:
    docs, notices = [], []
    for doc in parsed.documents:
        title = to_simplified_chars(doc.title)  # the lexicon knows each word in Simplified
        if title and P.SPAM_STRONG_RE.search(title) and (own := _after_spam(doc.title)):
            doc = replace(doc, title=own)  # 国产,…免费看黄色的网址,,西安市規范性文件管理辦法: spam spliced before a title
            title = to_simplified_chars(own)
        if title and P.SPAM_STRONG_RE.search(title) and not P.ENFORCEMENT.search(title):
            notices.append(Notice(SPAM_IMITATION, f"document {doc.ordinal} ({doc.title[:24]}) is spam imitating a government "
                                  "document: its 文号, office and dates are not kept"))
            doc = replace(doc, doc_number=None, office=None, issuers=(), signed=None, toc_number=None)
        docs.append(doc)
    if not notices and all(a is b for a, b in zip(docs, parsed.documents)):
        return parsed
    return replace(parsed, documents=tuple(docs), notices=(*parsed.notices, *notices))


def process_path(path: Path, max_bytes: int = MAX_BYTES) -> Parsed:
    """read_capture + process, the worker entry point."""
    return process(read_capture(path, max_bytes))
