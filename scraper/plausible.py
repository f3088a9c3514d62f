"""Which characters are plausible in a Chinese government page: the measure behind decode's choice
of encoding and the check for garbled text.

Common Han characters are GB2312's level 1 (the 3,755 most used Simplified characters, rows
0xB0-0xD7) and Big5's 常用字 block (5,401 Traditional characters, 0xA440-0xC67E). Text read with
the wrong codec lands mostly outside them: UTF-8 read as GBK (鍏板窞甯…) pairs a lead byte 0xE4-0xE9
with a continuation byte, which is GB2312 level 2 or a GBK extension. Measured on the 45 real
pages and seeds in ../shared: at most 0.5% of their Han characters are not common; the same
pages read as GB18030 have 59-73% rare ones, as Big5 31-56% (and many invalid bytes).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

GARBLED = "garbled"  # the Notice code of a capture whose text reads as garbled (pipeline.judge)
# A text this share (or more) of whose Han characters are rare, private-use or U+FFFD is garbled.
GARBLED_SHARE = 0.25
GARBLED_MIN_CHARS = 12  # fewer characters than this say too little either way

# Non-ASCII characters real pages use besides common Han: Latin-1 signs (nbsp © ° ± · ×), the
# scripts of language links and bilingual regions (Greek, Cyrillic, Arabic/Uyghur, Tibetan,
# Mongolian, kana, Hangul), general punctuation (— “” … ‰), letterlike and number forms (℃ № Ⅱ),
# arrows, maths, enclosed numbers (①), box drawing and shapes (■ ○), misc symbols (★), CJK
# punctuation, enclosed CJK (㈠), square units (㎡), full-width forms, and GB2312's row of pinyin
# letters and zhuyin (ā ǐ ü ㄅ: glosses in mirrored pages). The rest of U+0080-U+00FF (Ã¦ shapes:
# CJK read as windows-1252), C1 controls, rare Han, private use and U+FFFD explain no text.
PLAUSIBLE_RANGES = (
    "\t\n\r\x0c\x20-\x7e\u00a0\u00a7\u00a9\u00ab\u00ae\u00b0\u00b1\u00b7\u00bb\u00d7\u00f7"
    "\u0391-\u03c9\u0400-\u04ff\u0600-\u06ff\u0f00-\u0fff\u1800-\u18af\u3040-\u30ff\uac00-\ud7a3\u2010-\u206f\u2100-\u218f\u2190-\u22ff\u2460-\u24ff\u2500-\u25ff\u2600-\u26ff"
    "\u3000-\u303f\u3200-\u33ff\uff01-\uffef\ufeff"
)
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
HAN_OR_MARKS = re.compile(f"[{HAN}\ue000-\uf8ff\ufffd]")
HAN_OR_MARKS_RUN = re.compile(f"[{HAN}\ue000-\uf8ff\ufffd]+")


def _decodable(codec: str, leads: range, trails: list[int]) -> str:
    out = []
    for lead in leads:
        for trail in trails:
            try:
                out.append(bytes([lead, trail]).decode(codec))
            except UnicodeDecodeError:
                continue
    return "".join(out)


@lru_cache(maxsize=1)
def common_han() -> frozenset[str]:
    """GB2312 level 1 and Big5's common block (6,722 characters)."""
    big5_trails = [*range(0x40, 0x7F), *range(0xA1, 0xFF)]
    gb = _decodable("gb2312", range(0xB0, 0xD8), list(range(0xA1, 0xFF)))
    big5 = _decodable("big5", range(0xA4, 0xC6), big5_trails) + _decodable("big5", range(0xC6, 0xC7), list(range(0x40, 0x7F)))
    return frozenset(gb + big5)


@lru_cache(maxsize=1)
def _implausible() -> re.Pattern[str]:
    """Any character that is not plausible text (the class is compiled once: ~7,000 members)."""
    members = "".join(sorted(common_han())) + _decodable("gb2312", range(0xA8, 0xA9), list(range(0xA1, 0xFF)))
    return re.compile(f"[^{PLAUSIBLE_RANGES}{re.escape(members)}]")


def implausible_at(text: str) -> Iterator[int]:
    """Where the text holds implausible characters, in order."""
    return (found.start() for found in _implausible().finditer(text))


def unexplained(text: str, codec: str) -> int:
    """About how many bytes of `text`'s encoding in `codec` are not plausible text.

    An implausible character counts the bytes it took (GB18030 and Big5: 2; UTF-8: 2 or 3);
    U+FFFD stands for an invalid sequence and a control character for its byte: they count 1.
    """
    total = 0
    utf8 = codec.startswith("utf-8")
    for char in _implausible().findall(text):
        if char == "\ufffd" or char < "\x80":
            total += 1
        elif not utf8:
            total += 2
        else:
            total += 2 if char < "\u0800" else 3
    return total


@dataclass(frozen=True, slots=True)
class Garble:
    """How garbled a text looks: rare Han, private-use and U+FFFD characters among all of them."""

    rare: int
    total: int

    @property
    def share(self) -> float:
        return self.rare / self.total if self.total else 0.0

    @property
    def garbled(self) -> bool:
        return self.total >= GARBLED_MIN_CHARS and self.share >= GARBLED_SHARE


def garble(text: str) -> Garble:
    """Count the Han/private-use/U+FFFD characters of a text and the rare ones among them."""
    rare = _rare_count(text)
    return Garble(rare, sum(map(len, HAN_OR_MARKS_RUN.findall(text))) if rare else 0)


def garbled(text: str) -> Garble | None:
    """The text's Garble if it reads as garbled, else None (most texts: one scan, no counting)."""
    if _rare_count(text) < GARBLED_SHARE * GARBLED_MIN_CHARS:
        return None
    found = garble(text)
    return found if found.garbled else None


def _rare_count(text: str) -> int:
    return sum(1 for char in _implausible().findall(text) if HAN_OR_MARKS.match(char))
