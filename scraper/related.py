"""Documents made from the same template, found by text similarity (MinHash over character shingles).

Cities copy each other's 实施方案, then rewrite names, offices and whole paragraphs: on the seeds'
four 医疗卫生行业综合监管制度实施方案 the Jaccard similarity of 5-character shingle sets is only
0.07–0.26, while any two unrelated government documents share stock phrasing (各有关部门要…) up
to 0.10. So shingles found in many documents (boilerplate) are dropped first; on what remains the
template family stands at 0.07–0.25 and unrelated pairs below 0.03.

MinHash (128 hash functions) estimates every pair's similarity from 128 numbers per document;
each document's best estimates above half the threshold are then checked exactly on their sets. Banded LSH, the
usual way to avoid comparing all pairs, cannot separate 0.07 from 0.03, so all signatures are
compared in numpy blocks: about a second per few thousand documents (quadratic, see README).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from .search.tokens import TOKEN_RUNS, normalize

SHINGLE = 5
PERMUTATIONS = 128
MIN_SIMILARITY = 0.05  # exact Jaccard of the distinctive shingles
MIN_SHINGLES = 50  # a short notice is all boilerplate: never "the same document" as another
BOILERPLATE_SHARE = 0.02  # a shingle in more than 2 % of documents (and more than 10) is stock phrasing
MAX_RELATED = 5
BLOCK = 256
# Multiply-shift hashing (a odd): (a·h + b) mod 2^64, top 32 bits; numpy's uint64 arithmetic wraps,
# which is exactly the mod 2^64. Fixed seed: the same archive always gives the same results.
_rng = np.random.default_rng(20240601)
_A = _rng.integers(0, 1 << 64, size=PERMUTATIONS, dtype=np.uint64) | np.uint64(1)
_B = _rng.integers(0, 1 << 64, size=PERMUTATIONS, dtype=np.uint64)


@dataclass(frozen=True, slots=True)
class Related:
    doc_id: str
    similarity: float  # Jaccard similarity of the distinctive shingle sets, 0…1


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


def signature(hashes: np.ndarray) -> np.ndarray:
    """128 MinHash values: for each hash function of the family, the minimum over the shingles."""
    return ((_A[:, None] * hashes[None, :] + _B[:, None]) >> np.uint64(32)).min(axis=1).astype(np.uint32)


def related(documents: Iterable[tuple[str, str]], targets: set[str] | None = None) -> dict[str, list[Related]]:
    """doc_id → its related documents (most similar first), from (doc_id, text) pairs.

    With `targets`, only those documents' lists are computed (against the whole archive)."""
    sets = {doc_id: found for doc_id, text in documents if len(found := shingles(text)) >= MIN_SHINGLES}
    if len(sets) < 2:
        return {}
    # Document frequency of every shingle, then each document's distinctive shingles.
    every = np.concatenate(list(sets.values()))
    _, inverse, counts = np.unique(every, return_inverse=True, return_counts=True)
    cap = max(10, math.ceil(BOILERPLATE_SHARE * len(sets)))
    keep = counts[inverse] <= cap
    distinctive: dict[str, np.ndarray] = {}
    start = 0
    for doc_id, found in sets.items():
        distinctive[doc_id] = found[keep[start : start + len(found)]]
        start += len(found)
    ids = [doc_id for doc_id, found in distinctive.items() if len(found) >= MIN_SHINGLES // 2]
    if len(ids) < 2:
        return {}
    matrix = np.vstack([signature(distinctive[doc_id]) for doc_id in ids])
    out: dict[str, list[Related]] = defaultdict(list)
    best_count = min(2 * MAX_RELATED, len(ids) - 1)
    rows = [i for i, doc_id in enumerate(ids) if targets is None or doc_id in targets]
    for start in range(0, len(rows), BLOCK):
        chosen = np.array(rows[start : start + BLOCK], dtype=np.intp)
        block = matrix[chosen]
        agree = np.count_nonzero(block[:, None, :] == matrix[None, :, :], axis=2)
        agree[np.arange(len(block)), chosen] = 0  # not itself
        # Only each document's best estimates are checked exactly: the work stays N × keep.
        best = np.argpartition(-agree, best_count - 1, axis=1)[:, :best_count]
        for row in range(len(block)):
            mine = distinctive[ids[chosen[row]]]
            for col in best[row]:
                if agree[row, col] < PERMUTATIONS * MIN_SIMILARITY / 2:
                    continue
                other = distinctive[ids[col]]
                shared = np.intersect1d(mine, other, assume_unique=True).size
                similarity = shared / (mine.size + other.size - shared)
                if similarity >= MIN_SIMILARITY:
                    out[ids[chosen[row]]].append(Related(ids[col], round(similarity, 3)))
    return {
        doc_id: sorted(items, key=lambda r: (-r.similarity, r.doc_id))[:MAX_RELATED]
        for doc_id, items in out.items()
    }
