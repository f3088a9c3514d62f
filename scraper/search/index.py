"""The static index that search.js reads: its files, written piece by piece.

Layout under the index folder (every file gzip-compressed JSON, written deterministically):

    manifest.json        counts, shard count, facet values (plain JSON: the first thing fetched)
    t2s.json.gz          the Traditional → Simplified character table (tokens.t2s_table)
    s/<k>.json.gz        postings of the tokens whose hash falls in shard k: {token: [Δdoc, w, …]},
                         or for a common token {token: {"d": [Δdoc…], "t": [Δdoc…]}} (postings.published)
    d/<n>.json.gz        document n's result card and text (for excerpts)
    f/<facet>-<key>.json.gz  documents having one value of a facet (gazette, year, dyear, office,
                         genre, status); the key is the year itself or a digest of the value
    c/<k>.json.gz        for documents k·CODE_BLOCK … (k+1)·CODE_BLOCK−1: each one's value code of
                         each facet (-1: none), to count filter values among results
    days/<k>.json.gz     for the same documents: each one's day ("day", days since 1970, 0:
                         undated), to sort newest first. Apart from the codes because it is most
                         of their bytes and only a sort by date needs it
    n/<year>/<b>.json.gz 文号 lookup for one year (0: numbers without a year, e.g. 政府令第192号),
                         the numbers whose serial is b modulo NUMBER_BUCKETS (a typed 文号 names
                         its serial: one small file, however many numbers a year holds)

A query fetches the manifest, one shard per distinct token and the cards of the results it shows,
so what it downloads depends on the query, not on the size of the archive. Postings hold every
document of a token, so the statistics behind ranking (document frequency, length) are global:
no merging of separately scored indexes.

Documents are numbered by the store, once and for good (documents.num): adding a document, even an
old one, changes the files holding its own postings and facets, never the others' numbers. A facet
value's code is its rank by the first document number holding it (the manifest lists each value's
code), so a new value, which comes with a new document, takes the next code and recodes nothing. Each
posting's weight is BM25's term-frequency part, quantized to 1…999, plus 1000 when the token is in
the title (postings.py builds and merges the shards).
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import tempfile
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..writes import write_if_changed
from . import postings as P
from . import tokens as T
from .entry import SearchEntry

FORMAT = 4  # 4: days apart from the facet codes (days/<k>.json.gz), 文号 tables in buckets
NUMBER_BUCKETS = 16  # files per year of the 文号 lookup (a year of a national archive: ~100k numbers)
FACETS = ("gazette", "year", "dyear", "office", "genre", "status")  # dyear: the year of the document's own date
YEAR_FACETS = ("year", "dyear")
CODE_BLOCK = 4096  # documents per file of facet codes (c/<k>.json.gz) and of days (days/<k>.json.gz)
EPOCH = dt.date(1970, 1, 1)
# Kept for readers of the index format (tests, compare_search.py).
TITLE_FLAG = P.TITLE_FLAG
PACK = 1 << 11


@dataclass(frozen=True, slots=True)
class IndexStats:
    documents: int
    tokens: int
    shards: int
    files: int
    bytes: int


class IndexWriter:
    """Writes index files under `root`, each only when its bytes change, counting them."""

    def __init__(self, root: Path):
        self.root = root
        self.files = 0
        self.bytes = 0
        self.written = 0
        self.names: set[str] = set()

    def gz(self, name: str, value: Any) -> None:
        self.raw(name, gz_json(value))

    def plain(self, name: str, value: Any) -> None:
        self.raw(name, _json(value))

    def raw(self, name: str, data: bytes) -> None:
        self.files += 1
        self.bytes += len(data)
        self.names.add(name)
        self.written += write_if_changed(self.root / name, data)

    def sweep(self) -> None:
        """Delete the files under root this writer did not write (a whole index replaced)."""
        for path in self.root.rglob("*"):
            if path.is_file() and path.relative_to(self.root).as_posix() not in self.names:
                path.unlink()

    def remove(self, name: str) -> None:
        (self.root / name).unlink(missing_ok=True)


def card(entry: SearchEntry) -> dict[str, Any]:
    """A result card: what the results list shows, and the text excerpts are cut from."""
    return {
        "u": entry.url, "t": entry.title, "n": entry.number, "o": entry.office, "g": entry.genre,
        "d": entry.date, "z": entry.gazette, "i": entry.issue, "x": entry.text,
        **({"w": 1} if entry.withdrawn else {}),
        **({"v": entry.status} if entry.status else {}),
        **({"h": entry.head_lines} if entry.head_lines else {}),  # excerpts come from the lines after
    }


def facet_value(entry: SearchEntry, facet: str) -> str | None:
    value = (entry.date or "")[:4] if facet == "dyear" else getattr(entry, facet)
    return None if value in (None, "") else str(value)


def facet_key(facet: str, value: str) -> str:
    """A facet value's file name: the year itself, else a short digest of the value (stable as
    values come and go, so one new office renames no other office's file)."""
    if facet in YEAR_FACETS:
        return value
    return hashlib.blake2b(value.encode("utf-8"), digest_size=5).hexdigest()


def facet_file(facet: str, value: str) -> str:
    return f"f/{facet}-{facet_key(facet, value)}.json.gz"


def facet_order(facet: str, counts: dict[str, int], codes: dict[str, int]) -> list[list[Any]]:
    """The manifest's [[value, count, key, code]…]: years newest first, others most documents
    first."""
    order = sorted(counts, key=lambda v: (-int(v), "") if facet in YEAR_FACETS else (-counts[v], v))
    return [[value, counts[value], facet_key(facet, value), codes[value]] for value in order]


def facet_codes(first: dict[str, int]) -> dict[str, int]:
    """value → code: values ranked by the first document number that holds them."""
    return {value: code for code, value in enumerate(sorted(first, key=lambda v: (first[v], v)))}


def code_block(block: int, rows: Iterable[tuple[int, dict[str, str | None], str | None]],
               codes: dict[str, dict[str, int]], last: int) -> dict[str, list[int]]:
    """c/<block>.json.gz: (num, {facet: value}, date) of the block's documents → each facet's codes,
    for documents block·CODE_BLOCK … up to the last document number."""
    start = block * CODE_BLOCK
    out = {facet: [-1] * _block_size(block, last) for facet in FACETS}
    for num, values, _ in rows:
        for facet in FACETS:
            value = values.get(facet)
            if value not in (None, ""):
                out[facet][num - start] = codes[facet][str(value)]
    return out


def day_block(block: int, rows: Iterable[tuple[int, dict[str, str | None], str | None]], last: int
              ) -> dict[str, list[int]]:
    """days/<block>.json.gz: the same rows → each document's day."""
    start = block * CODE_BLOCK
    out = {"day": [0] * _block_size(block, last)}
    for num, _, date in rows:
        out["day"][num - start] = day_number(date)
    return out


def _block_size(block: int, last: int) -> int:
    return max(0, min(CODE_BLOCK, last + 1 - block * CODE_BLOCK))


def number_entry(entry: SearchEntry) -> tuple[int, str] | None:
    """(year or 0, lookup key) of a document's 文号, if it has one."""
    if entry.number_serial is None:
        return None
    return entry.number_year or 0, T.number_key(entry.number_agency, entry.number_serial)


def number_buckets(year: int | str, table: dict[str, list[int]]) -> list[tuple[str, dict[str, list[int]]]]:
    """A year's 文号 table (key agency|serial → documents) as its NUMBER_BUCKETS files, every one
    written (an empty one too: search.js fetches the bucket of the serial typed)."""
    buckets: list[dict[str, list[int]]] = [{} for _ in range(NUMBER_BUCKETS)]
    for key in sorted(table):
        buckets[int(key.rsplit("|", 1)[1]) % NUMBER_BUCKETS][key] = table[key]
    return [(f"n/{year}/{b}.json.gz", bucket) for b, bucket in enumerate(buckets)]


def day_number(date: str | None) -> int:
    """Days since 1970-01-01 (0 for an undated document: it sorts as the oldest)."""
    return (dt.date.fromisoformat(date) - EPOCH).days if date else 0


def deltas(numbers: list[int]) -> list[int]:
    return [n - p for n, p in zip(numbers, [0, *numbers[:-1]])]


def write_character_table(writer: IndexWriter) -> None:
    table = T.t2s_table()
    writer.gz("t2s.json.gz", {"f": "".join(table), "t": "".join(table.values())})


def manifest(documents: int, shards: int, facets: dict[str, list[list[Any]]], number_years: list[int],
             last_doc: int, built: str, common_weight: int) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "documents": documents,
        "lastDoc": last_doc,  # document numbers run up to this one (some may be unused)
        "shards": shards,
        "commonWeight": common_weight,
        "facets": facets,
        "numberYears": number_years,
        "numberBuckets": NUMBER_BUCKETS,
        "codeBlock": CODE_BLOCK,
        "built": built,
    }


def write_index(entries: Iterable[SearchEntry], out_dir: Path, built: str | None = None,
                common: int | None = None) -> IndexStats:
    """The whole index of these entries, in memory and on disk, for small archives and tools.

    Entries without a `num` are numbered oldest first (date, then URL). The site build writes the
    same files partition by partition instead (scraper/site/engine.py)."""
    docs = sorted(entries, key=lambda e: (e.date or "", e.url))
    numbered = [(e.num if e.num is not None else n, e) for n, e in enumerate(docs)]
    writer = IndexWriter(out_dir)
    with tempfile.TemporaryDirectory(prefix="gazette-runs-") as work:
        run = Path(work) / "run"
        items = [(num, P.doc_postings(T.document_tokens(e.title, e.text), e.gazette, e.issue))
                 for num, e in numbered]
        total = P.write_run(run, items)
        lengths = [0] * (max((num for num, _ in numbered), default=0) + 1)
        for num, doc in items:
            lengths[num] = doc.length
        average = P.average_bucket(sum(lengths), len(items))
        shards = P.shard_count(total)
        common = P.common_from(shards) if common is None else common
        tokens = 0
        for task in P.merge_tasks(shards, [run]):
            for shard, content in P.merge(task, [run], lengths, average):
                tokens += len(content)
                writer.raw(f"s/{shard}.json.gz", P.encode_shard(P.published(content, common)[0]))
    members: dict[str, dict[str, list[int]]] = {facet: defaultdict(list) for facet in FACETS}
    numbers: dict[int, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    blocks: dict[int, list[tuple[int, dict[str, str | None], str | None]]] = defaultdict(list)
    for num, entry in sorted(numbered, key=lambda pair: pair[0]):
        writer.gz(f"d/{num}.json.gz", card(entry))
        values = {facet: facet_value(entry, facet) for facet in FACETS}
        for facet, value in values.items():
            if value is not None:
                members[facet][value].append(num)
        if (found := number_entry(entry)) is not None:
            numbers[found[0]][found[1]].append(num)
        blocks[num // CODE_BLOCK].append((num, values, entry.date))
    facets, codes = {}, {}
    for facet in FACETS:
        for value, nums in members[facet].items():
            writer.gz(facet_file(facet, value), deltas(nums))
        codes[facet] = facet_codes({v: nums[0] for v, nums in members[facet].items()})
        facets[facet] = facet_order(facet, {v: len(n) for v, n in members[facet].items()}, codes[facet])
    for year, table in numbers.items():
        for name, bucket in number_buckets(year, table):
            writer.gz(name, bucket)
    last = max((num for num, _ in numbered), default=-1)
    for block, rows in blocks.items():
        writer.gz(f"c/{block}.json.gz", code_block(block, rows, codes, last))
        writer.gz(f"days/{block}.json.gz", day_block(block, rows, last))
    write_character_table(writer)
    when = built or dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    writer.plain("manifest.json", manifest(len(docs), shards, facets, sorted(numbers), last, when,
                                           P.common_weight(average)))
    writer.sweep()
    return IndexStats(len(docs), tokens, shards, writer.files, writer.bytes)


def gz_json(value: Any) -> bytes:
    """An index file's bytes: compact JSON, gzip without a timestamp (equal input, equal bytes)."""
    return gzip.compress(_json(value), compresslevel=6, mtime=0)


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
