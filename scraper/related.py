"""Documents made from the same template, found through rare shared text, never by comparing all pairs.

Cities copy each other's 实施方案, then rewrite names, offices and whole paragraphs, while any two
unrelated government documents share stock phrasing (各有关部门要…). So:

* a document's *sketch* is the set of its 5-character shingles (folded text, letters and digits)
  whose 32-bit hash is divisible by SAMPLE: a consistent sample, the same shingle is sampled in
  every document that holds it, so shared text stays shared in the sketches;
* a sketch value held by more than `cap` documents (2 % of the archive, at least 10) is stock
  phrasing; the similarity of two documents is the share of their sketches' union that is
  shared, not stock text: on the seeds' four 医疗卫生行业综合监管制度实施方案 0.06–0.24, and at
  most 0.04 between unrelated documents;
* candidates come from *keys*, sketch values held by 2…KEY_HOLDERS documents: each document
  counts the keys it shares with others (hits) and keeps its CANDIDATES best; only those are
  compared, and the MAX_RELATED most similar above MIN_SIMILARITY are its related documents.

The work per document is bounded (its keys × KEY_HOLDERS holders, CANDIDATES comparisons), and an
index of sketch values (SketchIndex, kept on disk by the site ledger) replaces the all-pairs pass.
A template copied by more than KEY_HOLDERS documents relates its copies through their rarer shared
variations only. The pure parts live here; site/ledger.py keeps the index and the candidates.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from .search.tokens import TOKEN_RUNS, normalize

SHINGLE = 5
SAMPLE = 16  # one shingle in 16 goes into the sketch
MIN_SHINGLES = 50  # a short notice is all boilerplate: never "the same document" as another
MIN_SKETCH = 4
BOILERPLATE_SHARE = 0.02  # a sketch value in more than 2 % of documents (and more than 10) is stock phrasing
KEY_HOLDERS = 64
CANDIDATES = 10
MAX_RELATED = 5
MIN_SIMILARITY = 0.05


@dataclass(frozen=True, slots=True)
class Related:
    doc_id: str
    similarity: float  # share of the two sketches' union that both hold, stock phrasing excluded


@dataclass(frozen=True, slots=True)
class Candidate:
    """One of a document's best candidates: another document, the keys they share, their similarity."""

    other: int
    hits: int
    similarity: float


class SketchIndex(Protocol):
    """The sketches of an archive and, per sketch value, the documents holding it."""

    def sketch(self, num: int) -> np.ndarray | None: ...

    def sketches(self, nums: Sequence[int]) -> dict[int, np.ndarray]: ...

    def holders_count(self, values: Sequence[int]) -> dict[int, int]: ...

    def holders(self, values: Sequence[int]) -> Iterable[tuple[int, int]]: ...


def shingles(text: str) -> np.ndarray:
    """Sorted unique 32-bit hashes of the 5-character shingles of the folded text (letters and
    digits only), computed over the code points in numpy."""
    chars = "".join(TOKEN_RUNS.findall(normalize(text)))
    count = len(chars) - SHINGLE + 1
    if count <= 0:
        return np.empty(0, dtype=np.uint64)
    codes = np.frombuffer(chars.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    value = np.zeros(count, dtype=np.uint64)
    for k in range(SHINGLE):  # polynomial hash of each window, wrapping mod 2^64
        value = value * np.uint64(1_000_003) + codes[k : k + count]
    return np.unique((value >> np.uint64(32)) ^ (value & np.uint64(0xFFFFFFFF)))


def sketch(text: str) -> np.ndarray | None:
    """The document's sketch (sorted uint32 values), or None for a text too short to relate."""
    found = shingles(text)
    if len(found) < MIN_SHINGLES:
        return None
    sampled = found[found % np.uint64(SAMPLE) == 0].astype(np.uint32)
    return sampled if len(sampled) >= MIN_SKETCH else None


def encode(values: np.ndarray) -> bytes:
    return values.astype("<u4").tobytes()


def decode(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype="<u4")


def boilerplate_cap(documents: int) -> int:
    """Holders above which a sketch value is stock phrasing: 2 % of the sketched documents (at
    least 10), rounded to a power of two so it moves only when the archive doubles."""
    share = BOILERPLATE_SHARE * documents
    return max(10, 1 << max(0, round(math.log2(share)))) if share >= 1 else 10


def key_limit(cap: int) -> int:
    return min(KEY_HOLDERS, cap)


def similarity(mine: np.ndarray, other: np.ndarray, stock: set[int]) -> float:
    """Shared sketch values that are not stock phrasing, over the union of the two sketches."""
    shared = np.intersect1d(mine, other, assume_unique=True)
    union = len(mine) + len(other) - len(shared)
    distinctive = sum(1 for value in shared.tolist() if value not in stock)
    return round(distinctive / union, 3) if union else 0.0


def candidates(num: int, index: SketchIndex, cap: int) -> list[Candidate]:
    """The document's CANDIDATES best candidates (most shared keys, then lowest number), with
    their similarity; empty for a document without a sketch."""
    return best_candidates(num, index, cap)[0]


def best_candidates(num: int, index: SketchIndex, cap: int) -> tuple[list[Candidate], Counter[int]]:
    """candidates(), and the keys the document shares with every other document (hits)."""
    mine = index.sketch(num)
    if mine is None:
        return [], Counter()
    counts = index.holders_count(mine.tolist())
    limit = key_limit(cap)
    keys = [value for value, held in counts.items() if 2 <= held <= limit]
    hits = Counter(other for _, other in index.holders(keys) if other != num)
    best = sorted(hits.items(), key=lambda item: (-item[1], item[0]))[:CANDIDATES]
    stock = {value for value, held in counts.items() if held > cap}
    theirs = index.sketches([other for other, _ in best])
    out = [Candidate(other, shared, similarity(mine, theirs[other], stock)) for other, shared in best if other in theirs]
    return out, hits


def rank(found: Sequence[Candidate]) -> list[Candidate]:
    """Candidates in their order: most shared keys first, then lowest number."""
    return sorted(found, key=lambda c: (-c.hits, c.other))


def chosen(found: Sequence[Candidate]) -> list[Candidate]:
    """The related documents among a document's candidates: most similar first (then number)."""
    kept = [c for c in found if c.similarity >= MIN_SIMILARITY]
    return sorted(kept, key=lambda c: (-c.similarity, c.other))[:MAX_RELATED]


class MemoryIndex:
    """A SketchIndex in memory, for a small archive and tools (the site keeps it in its ledger)."""

    def __init__(self, sketches: dict[int, np.ndarray]):
        self._sketches = sketches
        self._holders: dict[int, list[int]] = {}
        for num in sorted(sketches):
            for value in sketches[num].tolist():
                self._holders.setdefault(value, []).append(num)

    def sketch(self, num: int) -> np.ndarray | None:
        return self._sketches.get(num)

    def sketches(self, nums: Sequence[int]) -> dict[int, np.ndarray]:
        return {num: self._sketches[num] for num in nums if num in self._sketches}

    def holders_count(self, values: Sequence[int]) -> dict[int, int]:
        return {value: len(self._holders[value]) for value in values if value in self._holders}

    def holders(self, values: Sequence[int]) -> Iterable[tuple[int, int]]:
        return [(value, num) for value in values for num in self._holders.get(value, [])]


def related(documents: Iterable[tuple[str, str]], targets: set[str] | None = None) -> dict[str, list[Related]]:
    """(doc id, text) → each document's (or each target's) related documents, most similar first:
    the same answer as the site's ledger gives, computed in memory."""
    ids: list[str] = []
    sketches: dict[int, np.ndarray] = {}
    for num, (doc_id, text) in enumerate(documents):
        ids.append(doc_id)
        if (values := sketch(text)) is not None:
            sketches[num] = values
    index = MemoryIndex(sketches)
    cap = boilerplate_cap(len(sketches))
    out: dict[str, list[Related]] = {}
    for num in sorted(sketches):
        if targets is not None and ids[num] not in targets:
            continue
        found = chosen(candidates(num, index, cap))
        if found:
            out[ids[num]] = [Related(ids[c.other], c.similarity) for c in found]
    return out
