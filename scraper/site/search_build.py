"""A build's search index: merged from the postings runs in a full build (or when the average
length or the shard count moved), patched in place in an incremental one; then the facet lists,
文号 tables, date files and the manifest (search/index.py describes the files).
"""

from __future__ import annotations

import shutil
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

import numpy as np

from ..search import index as I
from ..search import postings as P
from ..search import tokens as T
from ..writes import write_if_changed
from .catalogue import LONE_PART
from .ledger import Ledger
from .partition import Job, MapTask, map_partition
from .plan import Plan
from .runner import Runner

SEARCH_INDEX_DIR = "search-index"


class SearchBuild:
    """The search-index part of one build."""

    def __init__(self, ledger: Ledger, plan: Plan, runner: Runner, job: Job, site_dir: Path,
                 say: Callable[[str], None]):
        self.ledger = ledger
        self.plan = plan
        self.runner = runner
        self.job = job
        self.site_dir = site_dir
        self.say = say
        self.stats: dict[str, object] = {}
        # The exact postings of common tokens (postings.published), for patching: not published.
        self.weights_dir = site_dir / ".gazette" / "weights"

    def write(self) -> None:
        ledger, plan = self.ledger, self.plan
        writer = I.IndexWriter(self.site_dir / SEARCH_INDEX_DIR)
        documents, total_length, total_postings = ledger.totals()
        average = P.average_bucket(total_length, documents)
        shards = P.shard_count(total_postings)
        moved = str(average) != ledger.meta("average") or str(shards) != ledger.meta("shards")
        if plan.reindex or plan.remerge or moved:
            self._merge_postings(plan, writer, average, shards)
        else:
            self._patch_postings(plan, writer, average, shards)
        ledger.set_meta(average=average, shards=shards)
        self._search_tables(plan, writer, documents, shards)
        self.stats["index"] = I.IndexStats(documents, 0, shards, writer.files, writer.bytes)
        self.say(f"search index: {documents} documents, {shards} shards, {writer.written} files written")

    def _merge_postings(self, plan: Plan, writer: I.IndexWriter, average: float, shards: int) -> None:
        ledger = self.ledger
        if not plan.runs:  # an incremental build whose average or shard count moved: map again
            plan.runs = self._map_runs()
        lengths_path = self.job.work / "lengths.npy"
        lengths_path.parent.mkdir(parents=True, exist_ok=True)
        np.save(lengths_path, ledger.lengths())
        total = ledger.totals()[2]
        tasks = [(t, tuple(sorted(plan.runs)), lengths_path, average) for t in P.merge_tasks(shards, total)]
        shutil.rmtree(self.weights_dir, ignore_errors=True)
        written = set()
        for names in self.runner.map(merge_task, (self.site_dir / SEARCH_INDEX_DIR, self.weights_dir), tasks):
            written.update(names)
        old = int(ledger.meta("shards") or 0)
        for k in range(shards, old):
            writer.remove(f"s/{k}.json.gz")
        writer.files += len(written)

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
            private = self.weights_dir / f"{shard}.json.gz"
            content = P.exact(P.decode_shard(path.read_bytes()) if path.is_file() else {},
                              P.decode_shard(private.read_bytes()) if private.is_file() else {})  # type: ignore[arg-type]
            public, left_out = P.published(P.patch(content, removed[shard], added[shard]), common)
            writer.raw(f"s/{shard}.json.gz", P.encode_shard(public))
            _write_private(private, left_out)
        self.stats["patched_shards"] = len(set(removed) | set(added))

    def _search_tables(self, plan: Plan, writer: I.IndexWriter, documents: int, shards: int) -> None:
        """Facet lists, 文号 tables and date files: all of them in a full build, else those the
        changed documents are in; and the manifest."""
        ledger = self.ledger
        facets = {}
        for facet in I.FACETS:
            column = _FACET_COLUMNS[facet]
            counts = {str(v): n for v, n in _facet_counts(ledger, facet).items()}
            facets[facet] = I.facet_order(facet, counts)
            wanted = None if plan.reindex else {v for f, v in plan.facets if f == facet}
            found = _grouped(ledger.db.execute(  # one pass, a value at a time
                f"SELECT CAST({column} AS TEXT) AS value, num FROM docs WHERE {column} IS NOT NULL"
                f" AND {column} != '' ORDER BY value, num"), wanted)
            for value, nums in found:
                writer.gz(I.facet_file(facet, value), I.deltas(nums))
            for value in sorted((wanted or set()) - counts.keys()):
                writer.remove(I.facet_file(facet, value))
        years = sorted({(y or 0) for (y,) in ledger.db.execute(
            "SELECT DISTINCT number_year FROM docs WHERE serial IS NOT NULL")})
        wanted_years = None if plan.reindex else {str(y) for y in plan.numbers}
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
        for chunk in sorted(range(chunks) if plan.reindex else plan.dates):
            days = [0] * I.DATE_CHUNK
            for num, date in ledger.db.execute("SELECT num, date FROM docs WHERE num >= ? AND num < ?",
                                               (chunk * I.DATE_CHUNK, (chunk + 1) * I.DATE_CHUNK)):
                days[num % I.DATE_CHUNK] = I.day_number(date)
            writer.gz(f"o/{chunk}.json.gz", days)
        if plan.reindex:
            I.write_character_table(writer)
        average = float(ledger.meta("average") or 1.0)
        writer.plain("manifest.json", I.manifest(documents, shards, facets, years, chunks,
                                                 ledger.meta("as_of") or "", P.common_weight(average)))


def merge_task(dirs: tuple[Path, Path], task: tuple[P.MergeTask, tuple[Path, ...], Path, float]) -> list[str]:
    """A worker's share of the shards: merge the runs' slices, write the shard files (and the
    exact postings of their common tokens beside the ledger)."""
    index_dir, weights_dir = dirs
    merge, runs, lengths_path, average = task
    lengths = np.load(lengths_path, mmap_mode="r")
    common = P.common_from(merge.shards)
    names = []
    for shard, content in P.merge(merge, runs, lengths, average):
        name = f"s/{shard}.json.gz"
        public, left_out = P.published(content, common)
        write_if_changed(index_dir / name, P.encode_shard(public))
        _write_private(weights_dir / f"{shard}.json.gz", left_out)
        names.append(name)
    return names


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
