"""SearchEntry records → the chunked static index that search.js reads.

Layout under the index folder (every file gzip-compressed JSON, written deterministically):

    manifest.json        counts, shard count, facet values (plain JSON: the first thing fetched)
    t2s.json.gz          the Traditional → Simplified character table (tokens.t2s_table)
    s/<k>.json.gz        postings of the tokens whose hash falls in shard k: {token: [Δdoc, w, …]}
    d/<n>.json.gz        one document's result card and text (for excerpts and phrase checks)
    f/<facet>-<k>.json.gz  documents having the k-th value of a facet (gazette, year, dyear, office, genre, status)
    c/<k>.json.gz        for each of CODE_BLOCK documents, the number of its value of each facet
    n/<year>.json.gz     文号 lookup for one year (0: numbers without a year, e.g. 政府令第192号)

A query fetches the manifest, one shard per distinct token and the cards of the results it shows,
so what it downloads depends on the query, not on the size of the archive. Postings hold every
document of a token, so the statistics behind ranking (document frequency, length) are global:
no merging of separately scored indexes.

Documents are numbered oldest first, so "newest first" is a sort by number. Each posting's weight
is BM25's term-frequency part, quantized to 1…1000, plus 1000 when the token is in the title.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import math
import shutil
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import tokens as T
from .entry import SearchEntry

FORMAT = 1
K1, B = 1.2, 0.75
WEIGHT_SCALE = 1000 / (K1 + 1)  # BM25's tf part is below K1 + 1
TITLE_FLAG = 1000
TITLE_REPEAT = 2  # title tokens also count twice in the body statistics
SHARD_TARGET_POSTINGS = 3000  # ≈ 15 KB of JSON, ≈ 6 KB gzipped, per shard
FACETS = ("gazette", "year", "dyear", "office", "genre", "status")  # dyear: the year of the document's own date
YEAR_FACETS = ("year", "dyear")
CODE_BLOCK = 4096  # documents per file of facet codes (c/<k>.json.gz)
PACK = 1 << 11  # a posting packed as doc * PACK + weight in one array item


@dataclass(frozen=True, slots=True)
class IndexStats:
    documents: int
    tokens: int
    shards: int
    files: int
    bytes: int


def write_index(entries: Iterable[SearchEntry], out_dir: Path) -> IndexStats:
    """Write the whole index under out_dir, replacing what is there."""
    docs = sorted(entries, key=lambda e: (e.date or "", e.url))
    postings = _postings(docs)
    total = sum(len(items) for items in postings.values())
    shards = _shard_count(total)

    writer = _Writer(out_dir)
    by_shard: list[dict[str, list[int]]] = [{} for _ in range(shards)]
    for token in sorted(postings):
        by_shard[T.shard_of(token, shards)][token] = _delta_pairs(postings[token])
    for k, shard in enumerate(by_shard):
        writer.gz(f"s/{k}.json.gz", shard)
    for n, doc in enumerate(docs):
        writer.gz(f"d/{n}.json.gz", _card(doc))
    facets = _facets(docs, writer)
    years = _numbers(docs, writer)
    table = T.t2s_table()
    writer.gz("t2s.json.gz", {"f": "".join(table), "t": "".join(table.values())})
    writer.plain("manifest.json", {
        "format": FORMAT,
        "documents": len(docs),
        "shards": shards,
        "facets": facets,
        "numberYears": years,
        "codeBlock": CODE_BLOCK,
        "built": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
    })
    writer.finish()
    return IndexStats(len(docs), len(postings), shards, writer.files, writer.bytes)


def _postings(docs: list[SearchEntry]) -> dict[str, array]:
    """token → packed (doc number, weight) in doc order."""
    counts: list[tuple[Counter[str], set[str], int]] = []
    for doc in docs:
        # Title characters are tokens too (flagged as title hits), like the body's (index_counts).
        title = T.tokens(doc.title) + T.han_chars(doc.title)
        # The issue a document appeared in is searchable too: 本溪市人民政府公报2021年第2期.
        body = T.index_counts(f"{doc.text}\n{doc.gazette or ''} {doc.issue or ''}")
        for token in title:
            body[token] += TITLE_REPEAT
        counts.append((body, set(title), sum(body.values())))
    average = sum(length for _, _, length in counts) / max(len(counts), 1) or 1.0
    postings: dict[str, array] = defaultdict(lambda: array("Q"))
    for n, (body, title, length) in enumerate(counts):
        norm = K1 * (1 - B + B * length / average)
        for token, tf in body.items():
            weight = max(1, min(999, round(tf * (K1 + 1) / (tf + norm) * WEIGHT_SCALE)))
            if token in title:
                weight += TITLE_FLAG
            postings[token].append(n * PACK + weight)
    return postings


def _delta_pairs(packed: array) -> list[int]:
    out: list[int] = []
    previous = 0
    for item in packed:
        n, weight = divmod(item, PACK)
        out += (n - previous, weight)
        previous = n
    return out


def _shard_count(postings: int) -> int:
    """A power of two giving shards of about SHARD_TARGET_POSTINGS postings."""
    wanted = max(1, math.ceil(postings / SHARD_TARGET_POSTINGS))
    return 1 << (wanted - 1).bit_length()


def _card(doc: SearchEntry) -> dict[str, Any]:
    return {
        "u": doc.url, "t": doc.title, "n": doc.number, "o": doc.office, "g": doc.genre,
        "d": doc.date, "z": doc.gazette, "i": doc.issue, "x": doc.text,
        **({"w": 1} if doc.withdrawn else {}),
        **({"v": doc.status} if doc.status else {}),
        **({"h": doc.head_lines} if doc.head_lines else {}),  # excerpts come from the lines after
    }


def _facet_value(doc: SearchEntry, facet: str) -> str | None:
    value = (doc.date or "")[:4] if facet == "dyear" else getattr(doc, facet)
    return None if value in (None, "") else str(value)


def _facets(docs: list[SearchEntry], writer: _Writer) -> dict[str, list[list[Any]]]:
    """Each facet's values (most documents first) with counts; one document list file per value,
    and per block of documents each one's value numbers (c/<k>.json.gz, -1 for none), from which
    the page counts the values among the results it shows."""
    out: dict[str, list[list[Any]]] = {}
    codes = {facet: [-1] * len(docs) for facet in FACETS}
    for facet in FACETS:
        members: dict[str, list[int]] = defaultdict(list)
        for n, doc in enumerate(docs):
            value = _facet_value(doc, facet)
            if value is not None:
                members[value].append(n)
        order = sorted(members, key=lambda v: (-int(v), "") if facet in YEAR_FACETS else (-len(members[v]), v))
        for k, value in enumerate(order):
            writer.gz(f"f/{facet}-{k}.json.gz", _deltas(members[value]))
            for n in members[value]:
                codes[facet][n] = k
        out[facet] = [[value, len(members[value])] for value in order]
    for start in range(0, len(docs), CODE_BLOCK):
        writer.gz(f"c/{start // CODE_BLOCK}.json.gz", {f: codes[f][start : start + CODE_BLOCK] for f in FACETS})
    return out


def _numbers(docs: list[SearchEntry], writer: _Writer) -> list[int]:
    """文号 lookup files per year: {folded agency|serial: [doc, …]}."""
    by_year: dict[int, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for n, doc in enumerate(docs):
        if doc.number_serial is not None:
            key = T.number_key(doc.number_agency, doc.number_serial)
            by_year[doc.number_year or 0][key].append(n)
    for year, keys in by_year.items():
        writer.gz(f"n/{year}.json.gz", keys)
    return sorted(by_year)


def _deltas(numbers: list[int]) -> list[int]:
    return [n - p for n, p in zip(numbers, [0, *numbers[:-1]])]


class _Writer:
    """Writes index files, counting them; gzip with mtime 0 so equal input gives equal bytes.

    files.json records a digest of every file written; the next build into the same folder (a
    partial rebuild of one gazette-year) rewrites only the files whose bytes changed and deletes
    the ones no longer part of the index.
    """

    LEDGER = "files.json"

    def __init__(self, root: Path):
        self.root = root
        self.files = 0
        self.bytes = 0
        self._dirs: set[Path] = set()
        self._written: dict[str, str] = {}
        ledger = root / self.LEDGER
        try:
            self._previous: dict[str, str] = json.loads(ledger.read_text("utf-8")) if ledger.is_file() else {}
        except ValueError:
            self._previous = {}
        if not self._previous and root.exists():
            shutil.rmtree(root)  # no record of what is there: start clean

    def finish(self) -> None:
        for name in self._previous.keys() - self._written.keys():
            (self.root / name).unlink(missing_ok=True)
        (self.root / self.LEDGER).write_text(json.dumps(self._written, sort_keys=True), encoding="utf-8")

    def gz(self, name: str, value: Any) -> None:
        self._write(name, gzip.compress(_json(value), compresslevel=6, mtime=0))

    def plain(self, name: str, value: Any) -> None:
        self._write(name, _json(value))

    def _write(self, name: str, data: bytes) -> None:
        digest = hashlib.blake2b(data, digest_size=12).hexdigest()
        self._written[name] = digest
        self.files += 1
        self.bytes += len(data)
        path = self.root / name
        if self._previous.get(name) == digest and path.is_file():
            return  # the same bytes are already there
        if path.parent not in self._dirs:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._dirs.add(path.parent)
        path.write_bytes(data)


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
