"""Damaged copies of real pages: the mutations behind tests/test_fuzz.py and scripts/fuzz.py.

The originals are read from ../shared at run time (seeds, fixtures/html, real/), each as captured
(UTF-8) and, where the text allows, re-encoded as a GBK page (its <meta charset> rewritten, or
none for a text dump) and as Big5. Each mutation takes bytes and a random.Random and returns the
damaged bytes with `intact`: the share of the original's bytes still there, in order (an insertion
keeps them all; a cut keeps its prefix; a GBK run spliced into a UTF-8 page loses no text).
"""

from __future__ import annotations

import os
import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

# ../shared beside the project, or where GAZETTE_SHARED says (as in conftest.py).
SHARED = Path(os.environ.get("GAZETTE_SHARED") or Path(__file__).resolve().parents[2] / "shared")
META_CHARSET = re.compile(rb"(<meta[^>]+charset\s*=\s*[\"']?\s*)([A-Za-z0-9_\-]+)", re.I)
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
CONTROLS = bytes([*range(0, 9), 11, *range(14, 32), 127])
TAGS = (b"<b>", b"<div>", b"<span>", b"</p>", b"<font color=red>", b"<br>", b"<i></i>", b"<td>", b"<p class=x>")


@dataclass(frozen=True)
class Original:
    """An undamaged page: its bytes, how they are encoded and the characters it holds."""

    name: str
    raw: bytes
    media_type: str
    encoding: str  # utf-8, gb18030 or big5
    text: str

    @property
    def chars(self) -> frozenset[str]:
        return frozenset(self.text)


@dataclass(frozen=True)
class Damaged:
    raw: bytes
    intact: float  # share of the original's bytes kept, in order
    kinds: tuple[str, ...]


def originals(shared: Path = SHARED) -> list[Original]:
    """Every page of ../shared, as captured and re-encoded as GBK (and Big5 where it can be)."""
    out = []
    paths = sorted((shared / "seeds").glob("*.txt")) + sorted((shared / "fixtures" / "html").glob("*.html")) \
        + sorted((shared / "real").glob("*.txt"))
    for path in paths:
        raw = path.read_bytes()
        media = "text/html" if path.suffix == ".html" else "text/plain"
        text = raw.decode("utf-8")
        name = f"{path.parent.name}/{path.name}"
        out.append(Original(name, raw, media, "utf-8", text))
        for codec, label in (("gb18030", b"gb2312"), ("big5", b"big5")):
            try:
                encoded = text.encode(codec)
            except UnicodeEncodeError:
                continue  # a Simplified page has no Big5 form
            if media == "text/html":
                encoded = META_CHARSET.sub(lambda m: m.group(1) + label, encoded)
            out.append(Original(f"{name}@{codec}", encoded, media, codec, encoded.decode(codec)))
    return out


def cut(raw: bytes, rnd: random.Random) -> tuple[bytes, float]:
    at = rnd.randrange(1, len(raw))
    return raw[:at], at / len(raw)


def insert_random(raw: bytes, rnd: random.Random) -> tuple[bytes, float]:
    out = bytearray(raw)
    for _ in range(rnd.randint(1, 16)):
        out.insert(rnd.randrange(len(out) + 1), rnd.randrange(256))
    return bytes(out), 1.0


def delete_span(raw: bytes, rnd: random.Random) -> tuple[bytes, float]:
    length = rnd.randint(1, max(1, len(raw) // 10))
    at = rnd.randrange(max(1, len(raw) - length))
    return raw[:at] + raw[at + length:], 1 - length / len(raw)


def repeat_span(raw: bytes, rnd: random.Random) -> tuple[bytes, float]:
    length = rnd.randint(1, max(1, len(raw) // 10))
    at = rnd.randrange(max(1, len(raw) - length))
    return raw[:at + length] + raw[at:], 1.0


def control_chars(raw: bytes, rnd: random.Random) -> tuple[bytes, float]:
    out = bytearray(raw)
    for _ in range(rnd.randint(1, 20)):
        out.insert(rnd.randrange(len(out) + 1), rnd.choice(CONTROLS))
    return bytes(out), 1.0


def tag_flood(raw: bytes, rnd: random.Random) -> tuple[bytes, float]:
    at = rnd.randrange(len(raw) + 1)
    return raw[:at] + rnd.choice(TAGS) * rnd.randint(50, 20_000) + raw[at:], 1.0


def flip_bytes(raw: bytes, rnd: random.Random) -> tuple[bytes, float]:
    out = bytearray(raw)
    count = max(1, len(raw) // 100)
    for at in rnd.sample(range(len(raw)), count):
        out[at] = rnd.randrange(256)
    return bytes(out), 1 - count / len(raw)


def splice(raw: bytes, text: str, encoding: str, other: str, rnd: random.Random) -> bytes:
    """The page with one run of its own text (20-2,000 characters) written in `other`."""
    length = rnd.randint(20, 2000)
    start = rnd.randrange(max(1, len(text) - length))
    end = min(len(text), start + length)
    head, run, tail = text[:start], text[start:end], text[end:]
    try:
        return head.encode(encoding) + run.encode(other) + tail.encode(encoding)
    except UnicodeEncodeError:
        return raw


MUTATIONS: dict[str, Callable[[bytes, random.Random], tuple[bytes, float]]] = {
    "cut": cut,
    "insert-random": insert_random,
    "delete-span": delete_span,
    "repeat-span": repeat_span,
    "control-chars": control_chars,
    "tag-flood": tag_flood,
    "flip-1%": flip_bytes,
}
# Encoding splices need the original's text: GBK into a UTF-8 page, UTF-8 into a GBK page.
SPLICES = ("gbk-in-utf8", "utf8-in-gbk")
KINDS = (*MUTATIONS, *SPLICES)


def damage(original: Original, kinds: tuple[str, ...], rnd: random.Random) -> Damaged:
    """Apply the mutations in order (a splice first, as it re-encodes the original's text)."""
    raw, intact = original.raw, 1.0
    for kind in kinds:
        if kind == "gbk-in-utf8" and original.encoding == "utf-8":
            raw = splice(raw, original.text, "utf-8", "gb18030", rnd)
        elif kind == "utf8-in-gbk" and original.encoding == "gb18030":
            raw = splice(raw, original.text, "gb18030", "utf-8", rnd)
        elif kind in MUTATIONS and raw:
            raw, kept = MUTATIONS[kind](raw, rnd)
            intact *= kept
    return Damaged(raw, intact, kinds)


def random_kinds(original: Original, rnd: random.Random) -> tuple[str, ...]:
    """One or two mutations; an encoding splice where the original's encoding allows one."""
    kinds = [rnd.choice(list(MUTATIONS)) for _ in range(rnd.choice((1, 1, 2)))]
    splice_kind = {"utf-8": "gbk-in-utf8", "gb18030": "utf8-in-gbk"}.get(original.encoding)
    if splice_kind and rnd.random() < 0.25:
        kinds = [splice_kind, *kinds[:1]]
    return tuple(kinds)


def foreign_share(text: str, chars: frozenset[str]) -> tuple[float, int]:
    """(share of the Han characters of `text` that the undamaged page does not hold, Han count)."""
    han = HAN.findall(text)
    if not han:
        return 0.0, 0
    return sum(c not in chars for c in han) / len(han), len(han)
