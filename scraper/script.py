"""Simplified and Traditional Chinese: which one a text is written in, and folding between them.

OpenCC is the reference converter (used by Wikipedia zh); we only ask it which characters change.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import islice

import opencc

from .model import Script


NOT_HAN = re.compile(r"[^\u3400-\u9fff\uf900-\ufaff]+")
SAMPLE_SPAN = 60_000  # characters of the page looked at
SAMPLE_CHARS = 6_000  # Chinese characters compared


@lru_cache(maxsize=None)
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def to_simplified(text: str) -> str:
    """Fold Traditional characters to Simplified (search keys, genre names)."""
    if len(text) <= 64:
        return _short_to_simplified(text)
    return _converter("t2s").convert(text)


@lru_cache(maxsize=65536)
def _short_to_simplified(text: str) -> str:
    # Names, 文号 and titles are folded again and again: cache the short ones.
    return _converter("t2s").convert(text)


def fold_name(name: str) -> str:
    """A gazette's or an office's name as one key whatever the script or width it was printed in:
    青嵐市人民政府公報 and 青岚市人民政府公报, 北溪區 and 北溪区 are one name (shown Simplified)."""
    return to_simplified("".join(unicodedata.normalize("NFKC", name).split()))


HAN_BMP = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))


@lru_cache(maxsize=1)
def t2s_chars() -> dict[str, str]:
    """Every Han character that OpenCC's t2s turns into one different character, asked alone."""
    chars = "".join(chr(cp) for low, high in HAN_BMP for cp in range(low, high + 1))
    # One call over all characters (each on its own line so no phrase rule joins neighbours).
    converted = _converter("t2s").convert("\n".join(chars)).split("\n")
    return {
        source: target
        for source, target in zip(chars, converted, strict=True)
        if len(target) == 1 and target != source
    }


@lru_cache(maxsize=1)
def t2s_translation() -> dict[int, str]:
    return {ord(source): target for source, target in t2s_chars().items()}


@lru_cache(maxsize=1)
def _folded_chars() -> re.Pattern[str]:
    """Any character t2s_chars changes: a text without one (most of them) needs no translation, and
    finding that out is one scan in C, not a dictionary lookup per character."""
    return re.compile("[" + "".join(re.escape(source) for source in sorted(t2s_chars())) + "]")


def to_simplified_chars(text: str) -> str:
    """Traditional → Simplified one character at a time: every character keeps its place, so what a
    rule reads in the folded text is found at the same place in the printed one (search folds so too)."""
    return text.translate(t2s_translation()) if _folded_chars().search(text) else text


def to_traditional(text: str) -> str:
    return _converter("s2t").convert(text)


@lru_cache(maxsize=1)
def _one_script_only() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Character classes of the characters OpenCC changes from Traditional to Simplified and back,
    asked once for every Han character: counting them is then a regex scan, not a conversion."""
    chars = "".join(map(chr, range(0x3400, 0xA000))) + "".join(map(chr, range(0xF900, 0xFB00)))
    simplified, traditional = _converter("t2s").convert(chars), _converter("s2t").convert(chars)
    trad_only = "".join(a for a, b in zip(chars, simplified) if a != b)
    simp_only = "".join(a for a, b in zip(chars, traditional) if a != b)
    return re.compile(f"[{re.escape(trad_only)}]"), re.compile(f"[{re.escape(simp_only)}]")


def script_counts(text: str) -> tuple[int, int]:
    """(characters only Traditional would write, characters only Simplified would write)."""
    trad_only, simp_only = _one_script_only()
    return len(trad_only.findall(text)), len(simp_only.findall(text))


def detect_script(text: str) -> Script:
    """'traditional' when clearly more Traditional-only than Simplified-only characters.

    A sample of the Chinese characters decides: a page's script does not change halfway.
    """
    span = text[:SAMPLE_SPAN]
    trad_only, simp_only = _one_script_only()
    # Traditional-only characters are Han: the sample holds no more of them than the span does.
    if len(list(islice(trad_only.finditer(span), 3))) < 3:
        return "simplified"
    sample = NOT_HAN.sub("", span)[:SAMPLE_CHARS]
    trad = len(trad_only.findall(sample))
    if trad < 3:  # most pages: Simplified whatever the other count, which is the costlier one
        return "simplified"
    return "traditional" if trad > len(simp_only.findall(sample)) * 2 else "simplified"


def is_simplified_only(line: str) -> bool:
    """True for a line with Simplified-only characters and no Traditional ones."""
    trad_only, simp_only = _one_script_only()
    return trad_only.search(line) is None and simp_only.search(line) is not None
