"""A build's search index: merged from the postings runs in a full build (or when the average
length or the shard count moved), patched in place in an incremental one; then the facet lists,
文号 tables, date files and the manifest (search/index.py describes the files).
"""

from __future__ import annotations

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
    """Facet lists, 文号 tables and date files (a task): all of them, or those of these values."""

    every: bool
    facets: frozenset[tuple[str, str]]
    numbers: frozenset[int]
    dates: frozenset[int]


@dataclass(frozen=True, slots=True)
class TablesDone:
    facets: dict[str, list[list[Any]]]
    number_years: list[int]
    date_chunks: int
    documents: int


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
            tasks += [MergeWork(task, runs, lengths, average) for task in P.merge_tasks(shards, total_postings)]
        else:
            self._patch_postings(plan, self.writer, average, shards)
        ledger.set_meta(average=average, shards=shards)
        every = plan.reindex or moved
        tasks.append(TablesWork(every, frozenset(plan.facets), frozenset(plan.numbers), frozenset(plan.dates)))
        return tasks

    def finish(self, tables: TablesDone) -> None:
        """The manifest, once every shard and table is written; shards beyond the count go."""
        for k in range(self.shards, self.old_shards):
            self.writer.remove(f"s/{k}.json.gz")
        self.writer.plain("manifest.json", I.manifest(
            tables.documents, self.shards, tables.facets, tables.number_years, tables.date_chunks,
            self.ledger.meta("as_of") or "", P.common_weight(self.average)))
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
            private = weights_dir(self.site_dir) / f"{shard}.json.gz"
            content = P.exact(P.decode_shard(path.read_bytes()) if path.is_file() else {},
                              P.decode_shard(private.read_bytes()) if private.is_file() else {})  # type: ignore[arg-type]
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
        _write_private(private_dir / f"{shard}.json.gz", left_out)
        names.append(name)
    return names


def tables_work(job: Job, work: TablesWork) -> TablesDone:
    """Facet lists, 文号 tables and date files (a worker reads the ledger read-only)."""
    writer = I.IndexWriter(job.site_dir / SEARCH_INDEX_DIR)
    with Ledger(ledger_path(job.site_dir), readonly=True, immutable=job.immutable) as ledger:
        facets = {}
        for facet in I.FACETS:
            column = _FACET_COLUMNS[facet]
            counts = {str(v): n for v, n in _facet_counts(ledger, facet).items()}
            facets[facet] = I.facet_order(facet, counts)
            wanted = None if work.every else {v for f, v in work.facets if f == facet}
            found = _grouped(ledger.db.execute(  # one pass, a value at a time
                f"SELECT CAST({column} AS TEXT) AS value, num FROM docs WHERE {column} IS NOT NULL"
                f" AND {column} != '' ORDER BY value, num"), wanted)
            for value, nums in found:
                writer.gz(I.facet_file(facet, value), I.deltas(nums))
            for value in sorted((wanted or set()) - counts.keys()):
                writer.remove(I.facet_file(facet, value))
        years = sorted({(y or 0) for (y,) in ledger.db.execute(
            "SELECT DISTINCT number_year FROM docs WHERE serial IS NOT NULL")})
        wanted_years = None if work.every else {str(y) for y in work.numbers}
        for year, rows in _grouped(ledger.db.execute(
                "SELECT CAST(COALESCE(number_year, 0) AS TEXT) AS year, agency, serial, num FROM docs"
                " WHERE serial IS NOT NULL ORDER BY COALESCE(number_year, 0), num"), wanted_years, whole=True):
            table: dict[str, list[int]] = defaultdict(list)
            for agency, serial, num in rows:
                table[T.number_key(agency, serial)].append(num)
            writer.gz(f"n/{year}.json.gz", table)
        for year in sorted((wanted_years or set()) - {str(y) for y in years}):
            writer.remove(f"n/{year}.json.gz")
        top = ledger.db.execute("SELECT COALESCE(MAX(num), -1) FROM docs").fetchone()[0]
        chunks = top // I.DATE_CHUNK + 1
        for chunk in sorted(range(chunks) if work.every else work.dates):
            days = [0] * I.DATE_CHUNK
            for num, date in ledger.db.execute("SELECT num, date FROM docs WHERE num >= ? AND num < ?",
                                               (chunk * I.DATE_CHUNK, (chunk + 1) * I.DATE_CHUNK)):
                days[num % I.DATE_CHUNK] = I.day_number(date)
            writer.gz(f"o/{chunk}.json.gz", days)
        if work.every:
            I.write_character_table(writer)
        return TablesDone(facets, years, chunks, ledger.count("docs"))


def _write_private(path: Path, postings: dict[str, list[int]]) -> None:
    if postings:
        write_if_changed(path, P.encode_shard(postings))  # type: ignore[arg-type]
    else:
        path.unlink(missing_ok=True)


def _facet_counts(ledger: Ledger, facet: str) -> dict[object, int]:
    column = _FACET_COLUMNS[facet]
    return {value: n for value, n in ledger.db.execute(
        f"SELECT {column}, COUNT(*) FROM docs WHERE {column} IS NOT NULL AND {column} != '' GROUP BY {column}")}


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


_FACET_COLUMNS = {"gazette": "(SELECT gazette FROM issues WHERE issues.id = docs.issue_id)", "year": "year",
                  "office": "office", "genre": "genre"}
