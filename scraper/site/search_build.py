"""A build's search index: merged from the postings runs in a full build (or when the average
length or the shard count moved), patched in place in an incremental one; then the facet lists,
文号 tables, code blocks and the manifest (search/index.py describes the files).
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..search import index as I
from ..search import postings as P
from ..search import tokens as T
from ..writes import write_if_changed
from .catalogue import LONE_PART
from .ledger import Ledger, ledger_path
from .partition import Job, MapTask, map_partition
from .plan import Plan
from .runner import Runner

SEARCH_INDEX_DIR = "search-index"


@dataclass(frozen=True, slots=True)
class MergeWork:
    """Merge these runs' slices into whole shards (a task)."""

    task: P.MergeTask
    runs: tuple[Path, ...]
    lengths: Path
    average: float


@dataclass(frozen=True, slots=True)
class TablesWork:
    """Facet lists, 文号 tables and code blocks (a task): all of them, or those of these values."""

    every: bool
    facets: frozenset[tuple[str, str]]
    numbers: frozenset[int]
    blocks: frozenset[int]


@dataclass(frozen=True, slots=True)
class TablesDone:
    facets: dict[str, list[list[Any]]]
    number_years: list[int]
    last_doc: int
    documents: int
    codes: str  # a digest of every facet value's code (a change rewrites every code block)


class SearchBuild:
    """The search-index part of one build: start() patches shards or returns the merge tasks,
    tables() the task for the other files; finish() writes the manifest."""

    def __init__(self, ledger: Ledger, plan: Plan, runner: Runner, job: Job, site_dir: Path,
                 say: Callable[[str], None]):
        self.ledger = ledger
        self.plan = plan
        self.runner = runner
        self.job = job
        self.site_dir = site_dir
        self.say = say
        self.stats: dict[str, object] = {}
        self.writer = I.IndexWriter(site_dir / SEARCH_INDEX_DIR)

    def start(self) -> list[MergeWork | TablesWork]:
        """Patch the shards of an incremental build now, or return the tasks that merge them
        whole (a full build, or the average length or the shard count moved); and the tables task."""
        ledger, plan = self.ledger, self.plan
        _, total_length, total_postings = ledger.totals()
        documents = ledger.count("docs")
        self.average = average = P.average_bucket(total_length, documents)
        self.shards = shards = P.shard_count(total_postings)
        self.old_shards = int(ledger.meta("shards") or 0)
        moved = str(average) != ledger.meta("average") or str(shards) != ledger.meta("shards")
        tasks: list[MergeWork | TablesWork] = []
        if plan.reindex or plan.remerge or moved:
            if not plan.runs:  # an incremental build whose average or shard count moved: map again
                plan.runs = self._map_runs()
            lengths = self.job.work / "lengths.npy"
            lengths.parent.mkdir(parents=True, exist_ok=True)
            np.save(lengths, ledger.lengths())
            shutil.rmtree(weights_dir(self.site_dir), ignore_errors=True)
            runs = tuple(sorted(plan.runs))
            tasks += [MergeWork(task, runs, lengths, average) for task in P.merge_tasks(shards, runs)]
        else:
            self._patch_postings(plan, self.writer, average, shards)
        ledger.set_meta(average=average, shards=shards)
        every = plan.reindex or moved
        tasks.append(TablesWork(every, frozenset(plan.facets), frozenset(plan.numbers), frozenset(plan.blocks)))
        return tasks

    def finish(self, tables: TablesDone) -> None:
        """The manifest, once every shard and table is written; shards beyond the count go."""
        for k in range(self.shards, self.old_shards):
            self.writer.remove(f"s/{k}.json.gz")
        self.writer.plain("manifest.json", I.manifest(
            tables.documents, self.shards, tables.facets, tables.number_years, tables.last_doc,
            self.ledger.meta("as_of") or "", P.common_weight(self.average)))
        self.ledger.set_meta(facet_codes=tables.codes)
        self.stats["index"] = {"documents": tables.documents, "shards": self.shards}
        self.say(f"search index: {tables.documents} documents, {self.shards} shards")

    def _map_runs(self) -> list[Path]:
        ledger = self.ledger
        tasks = []
        for part in ledger.parts():
            if part.startswith(f"{LONE_PART}/"):
                tasks.append(MapTask(part, nums=tuple(ledger.part_nums(part))))
            else:
                tasks.append(MapTask(part, tuple(ledger.part_issue_ids(part))))
        runs = []
        for mapped in self.runner.map(map_partition, self.job, tasks):
            if mapped.run is not None:
                runs.append(mapped.run)
            ledger.db.executemany("INSERT OR IGNORE INTO pending_tokens (sha, data) VALUES (?, ?)", mapped.tokens)
        return runs

    def _patch_postings(self, plan: Plan, writer: I.IndexWriter, average: float, shards: int) -> None:
        """Only the postings whose presence or weight changed: their shards are read, patched, written."""
        removed: dict[int, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
        added: dict[int, dict[str, list[tuple[int, int]]]] = defaultdict(lambda: defaultdict(list))
        for num in set(plan.postings_old) | set(plan.postings_new):
            old = plan.postings_old[num].weights(average) if num in plan.postings_old else {}
            new = plan.postings_new[num].weights(average) if num in plan.postings_new else {}
            for token, value in old.items():
                if new.get(token) != value:
                    removed[P.token_hash(token) % shards][token].add(num)
            for token, value in new.items():
                if old.get(token) != value:
                    added[P.token_hash(token) % shards][token].append((num, value))
        common = P.common_from(shards)
        for shard in sorted(set(removed) | set(added)):
            path = writer.root / f"s/{shard}.json.gz"
            private = weights_dir(self.site_dir) / f"{shard}.bin"
            content = P.exact(P.decode_shard(path.read_bytes()) if path.is_file() else {},
                              P.decode_private(private.read_bytes()) if private.is_file() else {})
            public, left_out = P.published(P.patch(content, removed[shard], added[shard]), common)
            writer.raw(f"s/{shard}.json.gz", P.encode_shard(public))
            _write_private(private, left_out)
        self.stats["patched_shards"] = len(set(removed) | set(added))

def weights_dir(site_dir: Path) -> Path:
    """The exact postings of common tokens (postings.published), for patching: not published."""
    return site_dir / ".gazette" / "weights"


def merge_work(job: Job, work: MergeWork) -> list[str]:
    """A worker's share of the shards: merge the runs' slices, write the shard files (and the
    exact postings of their common tokens beside the ledger)."""
    index_dir, private_dir = job.site_dir / SEARCH_INDEX_DIR, weights_dir(job.site_dir)
    lengths = np.load(work.lengths, mmap_mode="r")
    common = P.common_from(work.task.shards)
    names = []
    for shard, content in P.merge(work.task, work.runs, lengths, work.average):
        name = f"s/{shard}.json.gz"
        public, left_out = P.published(content, common)
        write_if_changed(index_dir / name, P.encode_shard(public))
        _write_private(private_dir / f"{shard}.bin", left_out)
        names.append(name)
    return names


def tables_work(job: Job, work: TablesWork) -> TablesDone:
    """Facet lists, 文号 tables and code blocks (a worker reads the ledger read-only)."""
    writer = I.IndexWriter(job.site_dir / SEARCH_INDEX_DIR)
    with Ledger(ledger_path(job.site_dir), readonly=True, immutable=job.immutable) as ledger:
        gazettes = ledger.gazette_names()
        facets, codes = {}, {}
        for facet in I.FACETS:
            counts, first = _facet_counts(ledger, facet, gazettes)
            codes[facet] = I.facet_codes(first)
            facets[facet] = I.facet_order(facet, counts, codes[facet])
            wanted = None if work.every else {v for f, v in work.facets if f == facet}
            for value, nums in _facet_members(ledger, facet, gazettes, wanted):
                writer.gz(I.facet_file(facet, value), I.deltas(nums))
            for value in sorted((wanted or set()) - counts.keys()):
                writer.remove(I.facet_file(facet, value))
        years = sorted({(y or 0) for (y,) in ledger.db.execute(
            "SELECT DISTINCT number_year FROM docs WHERE serial IS NOT NULL")})
        wanted_years = None if work.every else {str(y) for y in work.numbers}
        # Only the years asked for are read (docs_number indexes number_year): an incremental
        # build rewrites the tables of the years it touched, not the archive's.
        only = "" if wanted_years is None else _years_clause(wanted_years)
        for year, rows in _grouped(ledger.db.execute(
                "SELECT CAST(COALESCE(number_year, 0) AS TEXT) AS year, agency, serial, num FROM docs"
                f" WHERE serial IS NOT NULL{only} ORDER BY COALESCE(number_year, 0), num"), wanted_years, whole=True):
            table: dict[str, list[int]] = defaultdict(list)
            for agency, serial, num in rows:
                table[T.number_key(agency, serial)].append(num)
            for name, bucket in I.number_buckets(year, table):
                writer.gz(name, bucket)
        for year in sorted((wanted_years or set()) - {str(y) for y in years}):
            for name, _ in I.number_buckets(year, {}):
                writer.remove(name)
        last = ledger.db.execute("SELECT COALESCE(MAX(num), -1) FROM docs").fetchone()[0]
        digest = hashlib.sha256(json.dumps(codes, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:24]
        every = work.every or digest != ledger.meta("facet_codes")
        _code_blocks(ledger, writer, codes, gazettes, last, None if every else work.blocks)
        if work.every:
            I.write_character_table(writer)
        return TablesDone(facets, years, last, ledger.count("docs"), digest)


def _code_blocks(ledger: Ledger, writer: I.IndexWriter, codes: dict[str, dict[str, int]], gazettes: dict[str, str],
                 last: int, blocks: frozenset[int] | None) -> None:
    """c/<k>.json.gz and days/<k>.json.gz for these blocks (None: all), read in document order a
    block at a time."""
    query = f"SELECT num, {', '.join(_FACET_COLUMNS[f] for f in I.FACETS)}, date FROM docs"
    if blocks is None:
        chosen = range(last // I.CODE_BLOCK + 1)
    else:
        chosen = sorted(b for b in blocks if b <= last // I.CODE_BLOCK)
    for block in chosen:
        rows = []
        for row in ledger.db.execute(query + " WHERE num >= ? AND num < ?",
                                     (block * I.CODE_BLOCK, (block + 1) * I.CODE_BLOCK)):
            values = dict(zip(I.FACETS, row[1:-1]))
            values["gazette"] = gazettes.get(values["gazette"]) if values["gazette"] else None
            rows.append((row[0], {f: None if v is None else str(v) for f, v in values.items()}, row[-1]))
        writer.gz(f"c/{block}.json.gz", I.code_block(block, rows, codes, last))
        writer.gz(f"days/{block}.json.gz", I.day_block(block, rows, last))


def _years_clause(years: set[str]) -> str:
    """SQL selecting the docs whose 文号 year is one of these (0: no year)."""
    listed = ", ".join(str(int(y)) for y in sorted(years) if int(y)) or "NULL"
    undated = " OR number_year IS NULL OR number_year = 0" if "0" in years else ""
    return f" AND (number_year IN ({listed}){undated})"


def _write_private(path: Path, postings: dict[str, P.Deltas]) -> None:
    if postings:
        write_if_changed(path, P.encode_private(postings))
    else:
        path.unlink(missing_ok=True)


def _facet_counts(ledger: Ledger, facet: str, gazettes: dict[str, str]) -> tuple[dict[str, int], dict[str, int]]:
    """Each value of a facet: how many documents, and the first document number holding it."""
    column = _FACET_COLUMNS[facet]
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    for value, n, num in ledger.db.execute(
            f"SELECT {column}, COUNT(*), MIN(num) FROM docs WHERE {column} IS NOT NULL AND {column} != ''"
            f" GROUP BY {column}"):
        name = gazettes.get(value, value) if facet == "gazette" else str(value)
        counts[name] = counts.get(name, 0) + n
        first[name] = min(first.get(name, num), num)
    return counts, first


def _facet_members(ledger: Ledger, facet: str, gazettes: dict[str, str], wanted: set[str] | None
                   ) -> Iterator[tuple[str, list[int]]]:
    """(value, its document numbers, ascending) for the wanted values (None: all), one at a time."""
    column = _FACET_COLUMNS[facet]
    if facet != "gazette":
        only, args = "", ()
        if wanted is not None:  # only these values' rows are read, not the archive's
            only, args = f" AND CAST({column} AS TEXT) IN ({', '.join('?' * len(wanted))})", tuple(sorted(wanted))
        yield from _grouped(ledger.db.execute(
            f"SELECT CAST({column} AS TEXT) AS value, num FROM docs WHERE {column} IS NOT NULL"
            f" AND {column} != ''{only} ORDER BY value, num", args), wanted)
        return
    slugs: dict[str, list[str]] = defaultdict(list)
    for slug, name in sorted(gazettes.items()):
        if wanted is None or name in wanted:
            slugs[name].append(slug)
    for name, found in sorted(slugs.items()):
        nums = [r[0] for r in ledger.db.execute(
            f"SELECT num FROM docs WHERE gazette_slug IN ({', '.join('?' * len(found))}) ORDER BY num", found)]
        if nums:
            yield name, nums


def _grouped(rows: Iterable[Sequence[object]], wanted: set[str] | None, whole: bool = False
             ) -> Iterator[tuple[str, list]]:
    """Rows sorted by their first column → (value, [second column… or the rest of each row]), for
    the values in `wanted` (None: all). One group in memory at a time."""
    current: str | None = None
    items: list = []
    for row in rows:
        value = str(row[0])
        if value != current:
            if current is not None and (wanted is None or current in wanted):
                yield current, items
            current, items = value, []
        if wanted is None or value in wanted:
            items.append(tuple(row[1:]) if whole else row[1])
    if current is not None and (wanted is None or current in wanted):
        yield current, items


_FACET_COLUMNS = {"gazette": "gazette_slug", "year": "year", "dyear": "dyear", "office": "office_facet",
                  "genre": "genre_facet", "status": "status_label"}
