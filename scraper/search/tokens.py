"""Search normalization and tokens, shared by the indexer and (mirrored) by search.js.

Chinese has no spaces, and a word segmenter splits a phrase one way in the text and another way in
the query (医疗卫生 → 医疗 卫生 or 医疗卫生), so matches are lost. Overlapping character bigrams
never disagree: 物业管理区域 is 物业 业管 管理 理区 区域 wherever it is written. Latin letters and
digits are whole words (2018, 5g). Before that, text is folded so that what a reader counts as
the same matches: NFKC (full-width ２０１８ → 2018), lower case, and Traditional → Simplified one
character at a time from OpenCC's table, so 互聯網 and 互联网 are one token stream. The folding is
per character on purpose: search.js repeats it with the same table, and highlighting maps
positions one to one.
"""

from __future__ import annotations

import hashlib
import re
import struct
import unicodedata
import zlib
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from ..script import t2s_chars, t2s_translation, to_simplified_chars

# CJK Unified Ideographs, Extension A, compatibility ideographs, Extensions B–H.
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
TOKEN_RUNS = re.compile(rf"[{HAN}]+|[a-z0-9]+")
HAN_RUNS = re.compile(rf"[{HAN}]+")
MAX_WORD = 24  # longer Latin/digit runs (hashes, URLs) are cut: nobody types them whole


def t2s_table() -> dict[str, str]:
    """Every Han character that OpenCC's t2s turns into one different character (script.py)."""
    return t2s_chars()


def fold_char(char: str) -> str:
    """One character as search sees it (may be empty or several characters after NFKC)."""
    return unicodedata.normalize("NFKC", char).lower().translate(t2s_translation())


def normalize(text: str) -> str:
    """NFKC, lower case, Traditional → Simplified per character."""
    text = unicodedata.normalize("NFKC", text).lower()
    return to_simplified_chars(text)


def tokens(text: str) -> list[str]:
    """Tokens of raw text in order (with repeats): Han bigrams, lone Han characters, Latin/digit words."""
    return _tokens(normalize(text))


def _tokens(folded: str) -> list[str]:
    out: list[str] = []
    for run in TOKEN_RUNS.findall(folded):
        if run[0].isascii():
            out.append(run[:MAX_WORD])
        elif len(run) == 1:
            out.append(run)
        else:
            out.extend(run[i : i + 2] for i in range(len(run) - 1))
    return out


def han_chars(text: str) -> list[str]:
    """The Han characters of a text, folded, each once."""
    return list(dict.fromkeys(char for run in HAN_RUNS.findall(normalize(text)) for char in run))


def token_counts(text: str) -> Counter[str]:
    return Counter(tokens(text))


def index_counts(text: str) -> Counter[str]:
    """What a text puts in the index: its tokens, plus every Han character on its own, so that a
    one-character query (税, 稅 folded alike) finds each text holding it, not only titles."""
    folded = normalize(text)  # once: NFKC of a long text costs a third of its tokens' time
    counts = Counter(_tokens(folded))
    counts.update(char for run in HAN_RUNS.findall(folded) if len(run) > 1 for char in run)
    return counts


def shard_of(token: str, shards: int) -> int:
    """FNV-1a (32-bit) over the token's UTF-16 code units, as search.js computes it."""
    data = token.encode("utf-16-le")
    value = 0x811C9DC5
    for unit in struct.unpack(f"<{len(data) // 2}H", data):
        value ^= unit
        value = (value * 0x01000193) & 0xFFFFFFFF
    return value % shards


def number_key(agency: str | None, serial: int) -> str:
    """The lookup key of a 文号 within its year's file: folded agency + serial (本政发|15)."""
    return f"{normalize(agency or '')}|{serial}"


@dataclass(frozen=True, slots=True)
class DocTokens:
    """What the index needs of one document's content: its text's token counts and its title's
    tokens (bigrams, words and each Han character, so a one-character query finds titles)."""

    body: dict[str, int]
    title: tuple[str, ...]

    def encode(self) -> bytes:
        """Compact bytes for the store's token cache (tokens never hold \x1e or \x1f): title
        tokens, body tokens, their counts."""
        parts = ("\x1f".join(self.title), "\x1f".join(self.body), ",".join(map(str, self.body.values())))
        return zlib.compress("\x1e".join(parts).encode("utf-8"), 1)

    @classmethod
    def decode(cls, data: bytes) -> DocTokens:
        title, body, counts = zlib.decompress(data).decode("utf-8").split("\x1e")
        found = dict(zip(body.split("\x1f"), map(int, counts.split(",")))) if body else {}
        return cls(found, tuple(title.split("\x1f")) if title else ())


def document_tokens(title: str, text: str) -> DocTokens:
    """The search tokens of a document's own content (the index adds its gazette and issue)."""
    return DocTokens(dict(index_counts(text)), tuple(tokens(title) + han_chars(title)))


@lru_cache(maxsize=1)
def tokenizer_id() -> str:
    """Names this tokenizer in the token cache: a digest of this module, of script.py (its table) and
    of OpenCC's version, so any change to how tokens are made misses the cache instead of reusing
    stale tokens."""
    try:
        converter = version("opencc")
    except PackageNotFoundError:
        converter = "unknown"
    digest = hashlib.sha256(Path(__file__).read_bytes() + (Path(__file__).parent.parent / "script.py").read_bytes()
                            + converter.encode())
    return digest.hexdigest()[:16]
