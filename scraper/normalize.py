"""Undo what mirror sites do to a text before any rule reads it; map values back to the printed text.

Mirror and spam sites run pages through broken converters that insert the pinyin of a character
after it: 滬府發(fā)〔2017〕92號, 關(guān)于 (../shared/real/002, 024, 025, 040). Every rule (文号,
titles, offices, dates, field labels) reads the normalized text; values are then given back as the
page prints them (`printed`), because the export keeps a document's original characters.

A gloss is removed only when it is a reading of the character it follows (pypinyin's dictionary)
and the page holds at least MIN_GLOSSES of them: (a) in an enumeration, or 元(yuán) in a
textbook, are left alone.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from pypinyin.constants import PINYIN_DICT

from .patterns import GENRES
from .script import detect_script, to_simplified_chars

MIN_GLOSSES = 2
# A converter run more than once glosses a character more than once: 浙(zhe)(zhe)(zhe).
GLOSS = re.compile(r"(?P<han>[\u3400-\u9fff\uf900-\ufaff])(?P<glosses>(?:[(（][a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]{1,7}[)）])+)")
# Characters a browser does not show: zero-width spaces and joiners, soft hyphens, BOMs.
INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_GLOSS_HERE = re.compile(r"[(（]([a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]{1,7})[)）]")
# A line whose characters are spaced out one by one (PDF extraction): 青 海 省 人 民 政 府.
LETTER_SPACED = re.compile(r"(?:[\u3400-\u9fff][ \u3000]){5,}[\u3400-\u9fff]")
SPACE_BETWEEN_HAN = re.compile(r"(?<=[\u3400-\u9fff“”《》（）、，])[ \u3000](?=[\u3400-\u9fff“”《》（）、，])")
# A genre word spaced out on a line of its own under a wrapped title: 通  知, 决 定, 公 告.
SPACED_WORD = re.compile(r"^[ \u3000]*(?:[\u3400-\u9fff][ \u3000]+){1,3}[\u3400-\u9fff][ \u3000]*$")
SPACED_GENRES = frozenset(GENRES)
# …and spaced out at the end of the title's own line: 关于…工作的 通 知.
SPACED_TAIL = re.compile(r"(?<=[\u3400-\u9fff])[ \u3000]+((?:[\u3400-\u9fff][ \u3000]+){1,3}[\u3400-\u9fff])[ \u3000]*$")
# A blank a converter could not encode, printed as '?': 市?人?民?政?府, ????2024年3月25日 (an ideographic
# space in a page re-encoded without it). A '?' between letters or digits (a URL's query) is left.
LOST_BLANK = re.compile(r"(?<![^\u3400-\u9fff\u3000-\u303f\uff00-\uffef\s])\?+(?![^\u3400-\u9fff\u3000-\u303f\uff00-\uffef\s\d])")
# What says a page lost its blanks: a run of them, or one between two Han characters.
LOST_BLANK_SIGN = re.compile(r"\?{2,}|(?<=[\u3400-\u9fff])\?(?=[\u3400-\u9fff])")
MIN_LOST_BLANKS = 3
# What may stand after a Han character in the printed text where the normalized text has nothing.
OPTIONAL_GLOSS = r"(?:[(（][a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]{1,7}[)）])?"


@lru_cache(maxsize=8192)
def _readings(char: str) -> frozenset[str]:
    value = PINYIN_DICT.get(ord(char), "")
    if not value:
        return frozenset()
    # With tone marks (rén) and without them (ren): mirrors print both.
    marked = value.split(",")
    plain = ("".join(c for c in unicodedata.normalize("NFD", r) if not unicodedata.combining(c)) for r in marked)
    return frozenset(marked) | frozenset(plain)


def _is_gloss(found: re.Match[str]) -> bool:
    return _GLOSS_HERE.match(found.group("glosses")).group(1).lower() in _readings(found.group("han"))


def _unglossed(found: re.Match[str]) -> str:
    """The character without the glosses that are its readings (a bracketed word after them stays)."""
    readings, rest = _readings(found.group("han")), found.group("glosses")
    while (gloss := _GLOSS_HERE.match(rest)) and gloss.group(1).lower() in readings:
        rest = rest[gloss.end() :]
    return found.group("han") + rest


def count_glosses(text: str) -> int:
    """How many pinyin glosses (a character followed by its own reading in brackets) a text holds."""
    if not _GLOSS_HERE.search(text):
        return 0  # no bracketed Latin word at all: most pages
    return sum(1 for found in GLOSS.finditer(text) if _is_gloss(found))


def strip_glosses(text: str) -> str:
    """Remove every pinyin gloss that is a reading of the character before it."""
    return GLOSS.sub(_unglossed, text) if "(" in text or "（" in text else text


class Normalizer:
    """The normalization one page needs: decided once per page, applied to each line."""

    def __init__(self, page_text: str):
        self.glossed = count_glosses(page_text) >= MIN_GLOSSES
        self.lost_blanks = "?" in page_text and len(LOST_BLANK_SIGN.findall(page_text)) >= MIN_LOST_BLANKS
        # A page converted to Traditional is read in Simplified, a character for a character: the
        # rules know each word once, and `printed` gives a value back in the page's own characters.
        self.traditional = detect_script(page_text) == "traditional"

    @classmethod
    def always(cls) -> Normalizer:
        """For a short string known to be one value (a 文号): every verified gloss goes."""
        made = cls("")
        made.glossed, made.lost_blanks, made.traditional = True, False, False
        return made

    def __call__(self, text: str) -> str:
        text = fold_blanks(INVISIBLE.sub("", text))
        if self.lost_blanks and "?" in text:
            text = LOST_BLANK.sub(lambda found: "\u3000" * len(found.group()), text)
        if " " in text or "\u3000" in text:  # every spacing rule needs a blank: most lines hold none
            if LETTER_SPACED.search(text):
                text = SPACE_BETWEEN_HAN.sub("", text)  # 青 海 省 人 民 政 府 (a PDF's letter-spaced line)
            elif SPACED_WORD.match(text) and self._genre(re.sub(r"[ \u3000]", "", text)):
                text = text.replace(" ", "").replace("\u3000", "")
            elif (tail := SPACED_TAIL.search(text)) and self._genre(re.sub(r"[ \u3000]", "", tail[1])):
                text = text[: tail.start()] + re.sub(r"[ \u3000]", "", tail[1])
        text = strip_glosses(text) if self.glossed else text
        return to_simplified_chars(text) if self.traditional else text

    def _genre(self, word: str) -> bool:
        """A genre word in either script (答復 is 答复's Traditional form, as the lexicon's 答覆 is)."""
        return word in SPACED_GENRES or (self.traditional and to_simplified_chars(word) in SPACED_GENRES)

    def printed(self, value: str, original: str) -> str:
        """`value` (read from the normalized text) as `original` prints it: glosses, blanks between
        letters, full-width forms, odd blanks and a Traditional page's characters included."""
        if not value or (value in original and not self.glossed):
            return value
        folded = fold_blanks(to_simplified_chars(original) if self.traditional else original)
        if not self.glossed and " " not in folded and "\u3000" not in folded:
            at = fold_width(folded).find(value)  # both folds keep every character's position
            if at >= 0:
                return original[at : at + len(value)]
        first, wide = value[0], _wide(value[0])  # where the value can start, maybe full-width
        for start in range(len(original)):
            if folded[start] != first and folded[start] != wide:
                continue  # _printed_from would fail on the first character
            end = _printed_from(value, folded, start, self.glossed)
            if end is not None:
                return original[start:end]  # the folded text keeps the original's places
        return value


def _printed_from(value: str, original: str, start: int, glossed: bool) -> int | None:
    """Where `value` ends if `original` prints it from `start`: blanks between characters, full-width
    forms and (on a glossed page) a gloss after a character are allowed."""
    i = start
    for k, c in enumerate(value):
        if c in " \t\u3000" and k:
            continue  # a blank the value keeps: the original's blanks are passed over below
        if k:
            while i < len(original) and original[i] in " \t\u3000":
                i += 1
        if i >= len(original):
            return None
        got = original[i]
        if got != c and got != _wide(c):
            return None
        i += 1
        while glossed and HAN.match(c) and (gloss := _GLOSS_HERE.match(original, i)) and _is_gloss_of(c, gloss.group(1)):
            i = gloss.end()
    return i


def _wide(char: str) -> str:
    """An ASCII character's full-width form (1 → １); any other character itself."""
    return chr(ord(char) + 0xFEE0) if "!" <= char <= "~" else char


def _is_gloss_of(char: str, reading: str) -> bool:
    return reading.lower() in _readings(char)


_HALF_WIDTH = {c: unicodedata.normalize("NFKC", chr(c)) for c in range(0xFF01, 0xFF5F)}
# A no-break space (&nbsp;) or a typographic one is a blank to its reader: the rules know " ".
ODD_BLANKS = "\u00a0\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f"
_BLANKS = dict.fromkeys(map(ord, ODD_BLANKS), " ")
_HALF_WIDTH.update(_BLANKS)


_FULL_WIDTH = re.compile(f"[\uff01-\uff5e{ODD_BLANKS}]")
_ODD_BLANK = re.compile(f"[{ODD_BLANKS}]")


def fold_blanks(text: str) -> str:
    """No-break and typographic spaces to plain blanks, every character keeping its place."""
    return text.translate(_BLANKS) if _ODD_BLANK.search(text) else text


def fold_width(text: str) -> str:
    """Full-width digits, letters and ASCII punctuation to half-width (NFKC on those only), odd
    blanks to plain ones: every character keeps its place."""
    return text.translate(_HALF_WIDTH) if _FULL_WIDTH.search(text) else text
