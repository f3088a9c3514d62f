"""The archive's related documents, kept in the site ledger: computed whole by a full build, and
kept equal to that by an incremental one, touching only the documents a change can affect.

Invariant: every sketched document's stored candidates are related.candidates() of the current
index. A batch of new sketches (new, changed or shortened documents) changes the holders of some
sketch values; for each such value:

* it is (or was) a key and only gained holders: the earlier holders gain a hit with each new
  one, which enters their candidates if it now ranks among the best (an "entry");
* it lost holders, or stopped being a key: every holder's candidates are recomputed (at most
  KEY_HOLDERS of them);
* it crossed the stock-phrasing cap: every holder's similarities are recomputed;

and whoever has a changed document among its candidates gets its similarities recomputed. When the
cap itself moves (the archive doubled), everything is recomputed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

import numpy as np

from .. import related as R
from .ledger import Ledger


def cap_of(ledger: Ledger) -> int:
    return R.boilerplate_cap(ledger.sketched())


def compute(ledger: Ledger, nums: Sequence[int], cap: int) -> list[tuple[int, list[R.Candidate]]]:
    """Fresh candidates of these documents (a full build's task)."""
    return [(num, R.candidates(num, ledger, cap)) for num in nums]


RECORD = np.dtype([("num", "<i8"), ("other", "<i8"), ("hits", "<i4"), ("similarity", "<f8")])


def to_file(found: list[tuple[int, list[R.Candidate]]], out: BinaryIO) -> None:
    """Append documents' candidates to a file (a document without any: one record, other -1)."""
    rows = [(num, c.other, c.hits, c.similarity) for num, cands in found for c in cands]
    rows += [(num, -1, 0, 0.0) for num, cands in found if not cands]
    np.array(rows, dtype=RECORD).tofile(out)


def from_file(path: Path, chunk: int = 10_000) -> Iterator[list[tuple[int, list[R.Candidate]]]]:
    """The candidates to_file wrote, about `chunk` documents at a time (each document whole)."""
    data = np.memmap(path, dtype=RECORD, mode="r") if path.stat().st_size else np.empty(0, dtype=RECORD)
    out: list[tuple[int, list[R.Candidate]]] = []
    num: int | None = None
    found: list[R.Candidate] = []
    for start in range(0, len(data), chunk):
        for row_num, other, hits, similarity in data[start : start + chunk].tolist():
            if row_num != num:
                if num is not None:
                    out.append((num, found))
                    if len(out) >= chunk:
                        yield out
                        out = []
                num, found = row_num, []
            if other >= 0:
                found.append(R.Candidate(other, hits, similarity))
    if num is not None:
        out.append((num, found))
    if out:
        yield out


def related_lists(ledger: Ledger, nums: Iterable[int]) -> dict[int, list[R.Candidate]]:
    found = ledger.candidates_of(sorted(set(nums)))
    return {num: R.chosen(found.get(num, [])) for num in nums}


def update(ledger: Ledger, sketches: dict[int, np.ndarray | None]) -> set[int]:
    """Apply the new sketches of changed documents and repair the candidates; returns the
    documents whose related documents (or their similarities) changed."""
    before_cap = int(ledger.meta("related_cap") or 0)
    added: dict[int, set[int]] = defaultdict(set)  # value → documents that gained it
    removed: dict[int, set[int]] = defaultdict(set)
    changed: set[int] = set()
    existed: set[int] = set()
    for num, values in sorted(sketches.items()):
        old = ledger.sketch(num)
        if old is not None:
            existed.add(num)
        if old is None and values is None:
            continue
        if old is not None and values is not None and np.array_equal(old, values):
            continue
        gained, lost = ledger.replace_sketch(num, values)
        changed.add(num)
        for value in gained:
            added[value].add(num)
        for value in lost:
            removed[value].add(num)
    cap = R.boilerplate_cap(ledger.sketched())
    ledger.set_meta(related_cap=cap)
    if cap != before_cap:
        return recompute_all(ledger, cap)
    if not changed:
        return set()
    limit = R.key_limit(cap)
    values = sorted(set(added) | set(removed))
    after = ledger.holders_count(values)
    recompute: set[int] = {num for num in changed if sketches.get(num) is not None}
    refresh: set[int] = set()  # similarities only
    entries: dict[int, set[int]] = defaultdict(set)  # earlier holder → changed documents to enter
    for value in values:
        now = after.get(value, 0)
        then = now - len(added[value]) + len(removed[value])
        was_key, is_key = 2 <= then <= limit, 2 <= now <= limit
        crossed = (then <= cap) != (now <= cap)
        if not (was_key or is_key or crossed):
            continue
        holders = set(ledger.value_holders(value)) | removed[value]
        if crossed:
            refresh |= holders
        if not (was_key or is_key):
            continue
        if removed[value] or (was_key and not is_key):
            recompute |= holders
        else:  # only gained holders: earlier holders may take the newcomers in
            for holder in holders - added[value]:
                entries[holder] |= added[value]
    # Whoever counts a changed document among its candidates sees a new similarity (or loses it).
    refresh |= ledger.candidate_of(sorted(changed & existed))
    recompute -= {num for num in recompute if ledger.sketch(num) is None}
    touched = recompute | refresh | set(entries)
    before = related_lists(ledger, touched | changed)
    hits_of: dict[int, dict[int, int]] = {}
    fresh = []
    for num in sorted(recompute):
        found, hits = R.best_candidates(num, ledger, cap)
        fresh.append((num, found))
        hits_of[num] = hits
    ledger.set_candidates(fresh)
    for holder in sorted(set(entries) - recompute):
        _enter(ledger, holder, entries[holder], hits_of, cap)
    for num in sorted(refresh - recompute):
        _refresh(ledger, num, cap)
    for num in sorted((touched | changed) - recompute):
        if ledger.sketch(num) is None:
            ledger.set_candidates([(num, [])])
    touched |= changed
    after_lists = related_lists(ledger, touched)
    return {num for num in touched if before.get(num, []) != after_lists.get(num, [])} | (changed - existed)


def recompute_all(ledger: Ledger, cap: int) -> set[int]:
    """Every document's candidates from scratch (the cap moved); returns those whose related changed."""
    nums = [row[0] for row in ledger.db.execute("SELECT num FROM sketches ORDER BY num")]
    before = related_lists(ledger, nums)
    ledger.db.execute("DELETE FROM candidates")
    for start in range(0, len(nums), 1000):
        ledger.set_candidates(compute(ledger, nums[start : start + 1000], cap))
    after = related_lists(ledger, nums)
    return {num for num in set(before) | set(after) if before.get(num) != after.get(num)}


def _enter(ledger: Ledger, holder: int, newcomers: set[int], hits_of: dict[int, dict[int, int]], cap: int) -> None:
    """Newcomers that now share more keys with `holder` take their place among its candidates."""
    mine = ledger.sketch(holder)
    if mine is None:
        return
    current = {c.other: c for c in ledger.candidates(holder)}
    stock = _stock(ledger, mine, cap)
    theirs = ledger.sketches(sorted(newcomers))
    for other in sorted(newcomers):
        hits = hits_of.get(other, {}).get(holder, 0)
        if hits == 0 or other not in theirs:
            continue
        current[other] = R.Candidate(other, hits, R.similarity(mine, theirs[other], stock))
    best = R.rank(current.values())[: R.CANDIDATES]
    ledger.set_candidates([(holder, best)])


def _refresh(ledger: Ledger, num: int, cap: int) -> None:
    """Recompute the similarities of a document's candidates (the stock phrasing or a sketch moved)."""
    mine = ledger.sketch(num)
    found = ledger.candidates(num)
    if mine is None or not found:
        return
    stock = _stock(ledger, mine, cap)
    theirs = ledger.sketches([c.other for c in found])
    ledger.set_candidates([(num, [
        R.Candidate(c.other, c.hits, R.similarity(mine, theirs[c.other], stock)) for c in found if c.other in theirs
    ])])


def _stock(ledger: Ledger, mine: np.ndarray, cap: int) -> set[int]:
    counts = ledger.holders_count(mine.tolist())
    return {value for value, held in counts.items() if held > cap}
