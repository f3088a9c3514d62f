"""Postings on disk: written per partition as sorted runs, merged per group of shards, patched in
place when a few documents change. No step holds the whole archive's postings.

A shard holds every posting of the tokens whose FNV-1a hash falls in it (hash mod a power of two,
the shard count). Runs are sorted by the token's hash with its bits reversed: for any power-of-two
shard count the tokens of one shard are then contiguous in every run, so a merge task reads one
slice of each run, whatever the shard count turns out to be once every partition is mapped. A run
starts with the byte offsets of RANGES equal slices of that order, which is how tasks find theirs.

A run line is `hash TAB token TAB num,tf,flag;num,tf,flag…` (flag 1: the token is in the title).
Weights are computed when merging, because they need the archive's average length.
"""

from __future__ import annotations

import gzip
import json
import math
import struct
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from . import tokens as T

K1, B = 1.2, 0.75
WEIGHT_SCALE = 1000 / (K1 + 1)  # BM25's tf part is below K1 + 1
TITLE_FLAG = 1000
TITLE_REPEAT = 2  # title tokens also count twice in the body statistics
SHARD_TARGET_POSTINGS = 3000  # ≈ 15 KB of JSON, ≈ 6 KB gzipped, per shard
RANGE_BITS = 12
RANGES = 1 << RANGE_BITS
HEADER = struct.Struct(f"<{RANGES + 1}Q")
# Run bytes one merge task reads (~11 bytes a posting: ~270k postings, ≈ 30 MiB at its peak).
TASK_BYTES = 3_000_000
Deltas = list[int] | np.ndarray  # a posting list as the shards store it: Δnum, weight, Δnum, weight…
PATCH_IN_ARRAYS = 2048  # list entries (2 a posting): longer lists are patched with numpy
COMMON_MIN = 1024  # documents: below this no posting list is published without its weights


@dataclass(frozen=True, slots=True)
class DocPostings:
    """One document's contribution to the index: token → term frequency, its title tokens and
    its length (the sum of its frequencies, as BM25 counts it)."""

    counts: dict[str, int]
    title: frozenset[str]
    length: int  # bucketed: length_bucket()

    def weights(self, average: float) -> dict[str, int]:
        """token → its posting's weight in this document."""
        return {token: weight(tf, self.length, average, token in self.title) for token, tf in self.counts.items()}


def doc_postings(tokens: T.DocTokens, gazette: str | None, issue: str | None) -> DocPostings:
    """A document's postings: its text, its gazette and issue label (so 本溪市人民政府公报2021年第2期
    finds that issue's documents), and its title counted TITLE_REPEAT more times."""
    counts = dict(tokens.body)
    for token, tf in T.index_counts(f"{gazette or ''} {issue or ''}").items():
        counts[token] = counts.get(token, 0) + tf
    for token in tokens.title:
        counts[token] = counts.get(token, 0) + TITLE_REPEAT
    return DocPostings(counts, frozenset(tokens.title), length_bucket(sum(counts.values())))


def length_bucket(length: int) -> int:
    """A document's length for BM25, rounded to steps of 2**(1/4) (≈ 19 %; BM25 weights move by
    a few per cent across a step): editing a sentence leaves the weights of every other token of
    the document as they were, so an incremental build patches only the postings that changed."""
    if length <= 0:
        return 0
    return round(2 ** (round(math.log2(length) * 4) / 4))


def average_bucket(total_length: int, documents: int) -> float:
    """The average document length BM25 normalizes by, rounded to steps of 2**(1/8) (≈ 9 %), so
    that adding documents leaves every weight as it was until the average really moves."""
    if documents == 0 or total_length == 0:
        return 1.0
    return 2 ** (round(math.log2(total_length / documents) * 8) / 8)


def weight(tf: int, length: int, average: float, in_title: bool) -> int:
    """BM25's term-frequency part quantized to 1…999, plus TITLE_FLAG for a title token."""
    norm = K1 * (1 - B + B * length / average)
    value = max(1, min(999, round(tf * (K1 + 1) / (tf + norm) * WEIGHT_SCALE)))
    return value + TITLE_FLAG if in_title else value


def shard_count(postings: int) -> int:
    """A power of two giving shards of about SHARD_TARGET_POSTINGS postings."""
    wanted = max(1, math.ceil(postings / SHARD_TARGET_POSTINGS))
    return 1 << (wanted - 1).bit_length()


def token_hash(token: str) -> int:
    """FNV-1a of the token (T.shard_of with no modulus)."""
    return T.shard_of(token, 1 << 32)


def token_hashes(tokens: Sequence[str]) -> np.ndarray:
    """token_hash of many tokens at once (a uint64 array), a character position at a time over
    every token at least that long. It replaces a per-process memo of token → hash, which grew
    with the archive's vocabulary and kept the allocator's memory pinned after each task."""
    encoded = [token.encode("utf-16-le") for token in tokens]
    lengths = np.fromiter((len(data) // 2 for data in encoded), dtype=np.int64, count=len(encoded))
    units = np.frombuffer(b"".join(encoded), dtype="<u2").astype(np.uint64)
    starts = np.cumsum(lengths) - lengths
    values = np.full(len(encoded), 0x811C9DC5, dtype=np.uint64)
    order = np.argsort(-lengths, kind="stable")  # longest first: the tokens still going are a prefix
    by_length = lengths[order]
    for i in range(int(by_length[0]) if len(by_length) else 0):
        live = order[: int(np.searchsorted(-by_length, -i, side="left"))]  # the tokens longer than i
        mixed = values[live] ^ units[starts[live] + i]
        values[live] = (mixed * np.uint64(0x01000193)) & np.uint64(0xFFFFFFFF)
    return values


def _reversed_bits(values: np.ndarray) -> np.ndarray:
    """_reverse of each 32-bit value."""
    table = np.asarray(_BYTE_REVERSED, dtype=np.uint64)
    return ((table[values & 0xFF] << np.uint64(24)) | (table[(values >> np.uint64(8)) & 0xFF] << np.uint64(16))
            | (table[(values >> np.uint64(16)) & 0xFF] << np.uint64(8)) | table[values >> np.uint64(24)])


_BYTE_REVERSED = [int(f"{b:08b}"[::-1], 2) for b in range(256)]


def _reverse(value: int) -> int:
    """The 32 bits of `value` in reverse order."""
    r = _BYTE_REVERSED
    return (r[value & 0xFF] << 24) | (r[(value >> 8) & 0xFF] << 16) | (r[(value >> 16) & 0xFF] << 8) | r[value >> 24]


# ---- runs (map side) ---------------------------------------------------------------------------


TF_ITEMS = 64
_TF_ITEMS = ([f"{tf},0" for tf in range(TF_ITEMS)], [f"{tf},1" for tf in range(TF_ITEMS)])  # "tf,flag" made once


def write_run(path: Path, docs: Iterable[tuple[int, DocPostings]]) -> int:
    """Write one run file for these (num, postings) documents; returns how many postings."""
    by_token: dict[str, list[str]] = {}
    count = 0
    plain, titled = _TF_ITEMS
    for num, doc in sorted(docs, key=lambda item: item[0]):  # each token's items by document number
        prefix, title = f"{num},", doc.title
        for token, tf in doc.counts.items():
            tail = (titled if token in title else plain)[tf] if tf < TF_ITEMS else f"{tf},{int(token in title)}"
            found = by_token.get(token)
            if found is None:
                by_token[token] = [prefix + tail]
            else:
                found.append(prefix + tail)
        count += len(doc.counts)
    tokens = list(by_token)
    keyed = sorted(zip(_reversed_bits(token_hashes(tokens)).tolist(), tokens))
    offsets = [0] * (RANGES + 1)
    chunks: list[bytes] = []
    position = HEADER.size
    current = 0
    for key, token in keyed:
        slot = key >> (32 - RANGE_BITS)
        while current < slot:
            current += 1
            offsets[current] = position
        line = f"{key}\t{token}\t{';'.join(by_token[token])}\n".encode("utf-8")
        chunks.append(line)
        position += len(line)
    while current < RANGES:
        current += 1
        offsets[current] = position
    offsets[0] = HEADER.size
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as out:
        out.write(HEADER.pack(*offsets))
        out.writelines(chunks)
    return count


def read_run_slice(path: Path, first: int, last: int) -> Iterator[tuple[int, str, str]]:
    """(reversed hash, token, items) of a run's lines in ranges [first, last)."""
    with open(path, "rb") as run:
        offsets = HEADER.unpack(run.read(HEADER.size))
        start, end = offsets[first], offsets[last]
        if end <= start:
            return
        run.seek(start)
        data = run.read(end - start).decode("utf-8")
    for line in data.splitlines():
        key, token, items = line.split("\t")
        yield int(key), token, items


# ---- merge (reduce side) -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MergeTask:
    """Ranges [first, last) of every run, holding whole shards of a `shards`-shard index."""

    first: int
    last: int
    shards: int


def merge_tasks(shards: int, runs: Sequence[Path]) -> list[MergeTask]:
    """Split the hash order into tasks of about TASK_BYTES of run lines each, on whole shards.

    The sizes come from the runs' headers: tasks planned by the average of the postings came out
    up to 2.5 times apart (a common token's long list lands in one range), and the largest task
    set the build's peak memory."""
    sizes = np.zeros(RANGES, dtype=np.int64)
    for run in runs:
        with open(run, "rb") as source:
            offsets = np.frombuffer(source.read(HEADER.size), dtype="<u8").astype(np.int64)
        sizes += np.diff(offsets)
    step = max(1, RANGES // shards)  # the ranges of one shard, when a shard spans several
    tasks: list[MergeTask] = []
    first = held = 0
    for start in range(0, RANGES, step):
        held += int(sizes[start : start + step].sum())
        if held >= TASK_BYTES:
            tasks.append(MergeTask(first, start + step, shards))
            first, held = start + step, 0
    if first < RANGES:
        tasks.append(MergeTask(first, RANGES, shards))
    return tasks


def merge(task: MergeTask, runs: Sequence[Path], lengths: Sequence[int], average: float
          ) -> Iterator[tuple[int, dict[str, list[int]]]]:
    """(shard, {token: [Δnum, weight, …]}) for every shard in the task's ranges (empty ones too).

    The task's postings are parsed, weighted, sorted and delta-coded as whole arrays (numpy);
    Python touches each token, not each posting. The weights are weight()'s, operation for
    operation (an incremental build patches with weight())."""
    token_ids: dict[str, int] = {}
    keys: list[int] = []  # each token's reversed hash, by token id
    line_tokens: list[int] = []
    counts: list[int] = []
    texts: list[str] = []
    for run in runs:
        for key, token, items in read_run_slice(run, task.first, task.last):
            tid = token_ids.get(token)
            if tid is None:
                tid = token_ids[token] = len(token_ids)
                keys.append(key)
            line_tokens.append(tid)
            counts.append(items.count(";") + 1)
            texts.append(items)
    by_shard: dict[int, dict[str, list[int]]] = {}
    if texts:
        tids, flat, starts = _weighted(texts, line_tokens, counts, lengths, average)  # empties the lists
        tokens = list(token_ids)
        ends = [*starts[1:].tolist(), len(tids)]
        for start, end in zip(starts.tolist(), ends):
            tid = int(tids[start])
            token, shard = tokens[tid], _reverse(keys[tid]) & (task.shards - 1)
            # One token's list at a time: a list of the whole task's items besides would double it.
            by_shard.setdefault(shard, {})[token] = flat[2 * start : 2 * end].tolist()
    for shard in shards_in(task):
        found = by_shard.get(shard, {})
        yield shard, {token: found[token] for token in sorted(found)}


def _weighted(texts: list[str], line_tokens: list[int], counts: list[int], lengths: Sequence[int], average: float
              ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The runs' lines as arrays: each posting's token id, sorted by token then document; the
    postings as [Δnum, weight, …] in that order; where each token's postings start.

    The lists are emptied as soon as they are arrays, and the arrays are 32-bit (document
    numbers, frequencies and token ids fit): a task's peak is its postings about three times over,
    not six."""
    joined = ";".join(texts)
    texts.clear()
    table = np.fromstring(joined.replace(";", ","), dtype=np.int32, sep=",").reshape(-1, 3)
    del joined
    tids = np.repeat(np.asarray(line_tokens, dtype=np.int32), counts)
    line_tokens.clear()
    counts.clear()
    nums, tf, flag = table[:, 0], table[:, 1], table[:, 2]
    norm = K1 * (1 - B + B * np.asarray(lengths, dtype=np.int64)[nums] / average)
    values = np.clip(np.rint(tf * (K1 + 1) / (tf + norm) * WEIGHT_SCALE), 1, 999).astype(np.int32)
    del norm
    values += flag * TITLE_FLAG
    order = np.lexsort((nums, tids))
    tids, nums, values = tids[order], nums[order], values[order]
    del table, order, tf, flag
    starts = np.flatnonzero(np.r_[True, tids[1:] != tids[:-1]])
    flat = np.empty(2 * len(nums), dtype=np.int64)
    flat[0::2] = np.diff(nums, prepend=0)
    flat[0::2][starts] = nums[starts]
    flat[1::2] = values
    return tids, flat, starts


def shards_in(task: MergeTask) -> list[int]:
    """The shards whose tokens fall in the task's ranges of the reversed-hash order."""
    bits = task.shards.bit_length() - 1
    if bits <= RANGE_BITS:
        # The top `bits` bits of the reversed hash are the reversed shard number.
        span = RANGES >> bits
        return sorted({_reverse_bits(slot // span, bits) for slot in range(task.first, task.last)})
    extra = bits - RANGE_BITS
    return sorted(_reverse_bits((slot << extra) | low, bits)
                  for slot in range(task.first, task.last) for low in range(1 << extra))


def _reverse_bits(value: int, bits: int) -> int:
    return int(f"{value:0{bits}b}"[::-1], 2) if bits else 0


def delta_pairs(postings: Sequence[tuple[int, int]], start: int = 0) -> list[int]:
    """[(num, weight)…] sorted by num → [Δnum, weight, …] as the shards store them (Δ from
    `start` for the first)."""
    out: list[int] = []
    previous = start
    for num, value in postings:
        out += (num - previous, value)
        previous = num
    return out


def pairs(deltas: Sequence[int]) -> list[tuple[int, int]]:
    """The inverse of delta_pairs."""
    out: list[tuple[int, int]] = []
    num = 0
    for k in range(0, len(deltas), 2):
        num += deltas[k]
        out.append((num, deltas[k + 1]))
    return out


def common_from(shards: int) -> int:
    """Posting lists longer than this are published without weights (see published()). It moves
    only with the shard count, when every shard is merged again anyway."""
    return max(COMMON_MIN, shards // 2)


def common_weight(average: float) -> int:
    """The weight search.js gives every document of a common token: a single occurrence in a
    document of average length (plus TITLE_FLAG when in the title)."""
    return weight(1, round(average), average, False)


def published(shard: dict[str, Deltas], common: int) -> tuple[dict[str, object], dict[str, Deltas]]:
    """A shard as published, and the exact postings it leaves out.

    A common token (more than `common` documents: 号, 政府, a city's name in its own gazette) is
    published as its documents ("d") and those having it in the title ("t"), delta-coded, without
    weights: its idf is small, so its weights hardly move a ranking, and its list, mostly runs
    of small deltas, compresses to a fraction of a byte a document. That keeps the first query's
    download small however large the archive. Its exact postings go to the build's ledger folder,
    for the next incremental build to patch."""
    public: dict[str, object] = {}
    private: dict[str, Deltas] = {}
    for token in sorted(shard):
        deltas = shard[token]
        if len(deltas) // 2 <= common:
            public[token] = deltas.tolist() if isinstance(deltas, np.ndarray) else deltas
            continue
        private[token] = deltas
        # In arrays: these lists hold up to every document of the archive.
        flat = np.asarray(deltas, dtype=np.int64)
        titled = np.cumsum(flat[0::2])[flat[1::2] >= TITLE_FLAG]
        public[token] = {"d": flat[0::2].tolist(), "t": np.diff(titled, prepend=0).tolist()}
    return public, private


def exact(public: dict[str, object], private: dict[str, Deltas]) -> dict[str, Deltas]:
    """The shard's exact postings from its published form and the postings it left out."""
    return {token: value if isinstance(value, list) else private[token] for token, value in public.items()}


def _deltas(nums: list[int]) -> list[int]:
    return [n - p for n, p in zip(nums, [0, *nums[:-1]])]


def encode_shard(shard: dict[str, object]) -> bytes:
    """A shard file's bytes (tokens sorted, gzip without a timestamp: equal input, equal bytes).
    Level 5 compresses twice as fast as 6 for 3 % more bytes: an incremental build rewrites
    hundreds of shards."""
    data = json.dumps({token: shard[token] for token in sorted(shard)}, ensure_ascii=False,
                      separators=(",", ":")).encode("utf-8")
    return gzip.compress(data, compresslevel=5, mtime=0)


def decode_shard(data: bytes) -> dict[str, object]:
    return json.loads(gzip.decompress(data))


def encode_private(postings: dict[str, Deltas]) -> bytes:
    """The exact postings of a shard's common tokens, for patching (never published): a JSON list
    of [token, length] then each list as little-endian int32. Binary, because these lists hold up
    to every document of the archive and an incremental build reads and writes hundreds of them."""
    tokens = sorted(postings)
    arrays = [np.asarray(postings[token], dtype="<i4") for token in tokens]
    header = json.dumps([[token, len(a)] for token, a in zip(tokens, arrays)], ensure_ascii=False).encode("utf-8")
    return struct.pack("<I", len(header)) + header + b"".join(a.tobytes() for a in arrays)


def decode_private(data: bytes) -> dict[str, np.ndarray]:
    (size,) = struct.unpack_from("<I", data)
    out, offset = {}, 4 + size
    for token, length in json.loads(data[4:offset]):
        out[token] = np.frombuffer(data, dtype="<i4", count=length, offset=offset).astype(np.int64)
        offset += 4 * length
    return out


# ---- patching (incremental builds) ---------------------------------------------------------------


def patch(shard: dict[str, Deltas], removed: dict[str, set[int]], added: dict[str, list[tuple[int, int]]]
          ) -> dict[str, Deltas]:
    """The shard with the nums in `removed[token]` taken out and `added[token]` postings put in."""
    for token in set(removed) | set(added):
        current = shard.get(token, [])
        if isinstance(current, np.ndarray) and len(current) < PATCH_IN_ARRAYS:
            current = current.tolist()
        gone = removed.get(token, set())
        new = sorted(added.get(token, []))
        if len(current) >= PATCH_IN_ARRAYS:
            deltas = _patched_arrays(current, gone, new)
        elif current and not gone and new and new[0][0] > sum(current[::2]):
            deltas = current + delta_pairs(new, start=sum(current[::2]))  # new documents: appended
        else:
            deltas = delta_pairs(sorted([p for p in pairs(current) if p[0] not in gone] + new))
        if len(deltas):
            shard[token] = deltas
        else:
            shard.pop(token, None)
    return shard


def _patched_arrays(current: Deltas, gone: set[int], new: list[tuple[int, int]]) -> np.ndarray:
    """patch() of one long posting list (a common token's), in arrays: the deltas it becomes."""
    flat = np.asarray(current, dtype=np.int64)
    last = int(flat[0::2].sum())
    if not gone and new and new[0][0] > last:  # new documents: appended
        return np.concatenate([flat, np.asarray(delta_pairs(new, start=last), dtype=np.int64)])
    nums, values = np.cumsum(flat[0::2]), flat[1::2]
    if gone:
        keep = ~np.isin(nums, np.fromiter(gone, dtype=np.int64, count=len(gone)))
        nums, values = nums[keep], values[keep]
    if new:
        added = np.asarray(new, dtype=np.int64).reshape(-1, 2)
        nums, values = np.concatenate([nums, added[:, 0]]), np.concatenate([values, added[:, 1]])
        order = np.lexsort((values, nums))
        nums, values = nums[order], values[order]
    out = np.empty(2 * len(nums), dtype=np.int64)
    out[0::2], out[1::2] = np.diff(nums, prepend=0), values
    return out
