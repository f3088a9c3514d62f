"""A site build: what changed, then the partitions, the search index, the lists, the feeds.

The MkDocs plugin (plugin.py) calls prepare() once MkDocs has listed the hand-written files, and
render() after MkDocs wrote them. Memory is bounded by a partition: the store is read partition
by partition, rows, sketches and candidates go to the site ledger on disk, postings to run files.

A full build (a new site folder) maps every partition (rows, tokens, postings, sketches), computes
every document's related candidates, renders every partition and merges the postings into shards.
An incremental build (plain `gazette build` on a built site) reads the store's change journal
since the ledger's position, maps only the changed documents, works out which pages can show them
(plan.py), renders those, patches the affected search-index files and rewrites the lists above.
Both write the same bytes for the same store: the incremental result equals a full build.
"""

from __future__ import annotations

import gzip
import hashlib
import logging
import shutil
import sqlite3
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from mkdocs.config.defaults import MkDocsConfig

from .. import __version__, ids
from ..search import index as I
from ..search import postings as P
from ..search import tokens as T
from ..store import Store
from ..writes import write_if_changed
from . import archive, lists, related_index, sitemap, theme
from .catalogue import LONE_PART
from .feeds import atom
from .ledger import Ledger, ledger_path
from .pages import CHANGES_URL, DOWNLOADS_URL, GAZETTES_URL, Names, PageSpec
from .partition import Job, MapTask, Mapped, RelatedLink, RenderTask, map_partition, render_partition
from .render import render_body
from .runner import Runner, Serial, runner

log = logging.getLogger("mkdocs.plugins.gazette")
SEARCH_INDEX_DIR = "search-index"
LONE_BATCH = 1000  # lone documents mapped per task
RELATED_BATCH = 2000  # documents per related-candidates task
SENTINEL = f"{GAZETTES_URL}index.html"  # a page every build writes: missing, the site was cleaned
MAX_INCREMENTAL_SHARE = 0.3  # more of the archive changed than this: a full build is cheaper
FULL_BUILD_FROM = 2000  # documents: a smaller archive is always built incrementally when it can be
PARALLEL_FROM = 400  # documents: below this, starting workers costs more than it saves


@dataclass(frozen=True, slots=True)
class Options:
    full: bool = False
    jobs: int = 0  # worker processes; 0: one per core (small builds stay in this process)
    scheduler: str | None = None
    only: tuple[str, ...] = ()  # partitions to re-render whatever changed (benxi/2021)


@dataclass(slots=True)
class Plan:
    """What this build writes."""

    full: bool
    docs: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))  # part → documents
    issues: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # part → issue pages
    part_pages: set[str] = field(default_factory=set)
    downloads: set[str] = field(default_factory=set)
    gazettes: set[str] = field(default_factory=set)
    # kind → browse name → the year pages to write (None: the group's every page)
    groups: dict[str, dict[str, set[str] | None]] = field(default_factory=lambda: defaultdict(dict))
    years: set[str] = field(default_factory=set)
    removed_parts: set[str] = field(default_factory=set)
    moved: list[str] = field(default_factory=list)  # old document folders to delete
    postings_old: dict[int, P.DocPostings] = field(default_factory=dict)
    postings_new: dict[int, P.DocPostings] = field(default_factory=dict)
    reindex: bool = False  # every search-index file is written (a full build)
    remerge: bool = False  # the shards are merged whole again (the token cache lacks old postings)
    runs: list[Path] = field(default_factory=list)
    facets: set[tuple[str, str]] = field(default_factory=set)
    numbers: set[int] = field(default_factory=set)
    dates: set[int] = field(default_factory=set)

    def parts(self) -> set[str]:
        return set(self.docs) | set(self.issues) | self.part_pages | self.downloads

    def group(self, kind: str, name: str, year: str | None) -> None:
        """Write this browse group's main page and `year`'s page (None: all its pages)."""
        found = self.groups[kind]
        if year is None:
            found[name] = None
        elif name not in found:
            found[name] = {year}
        elif found[name] is not None:
            found[name].add(year)  # type: ignore[union-attr]


def fingerprint(config: MkDocsConfig) -> str:
    """What the pages are made with besides the store: this code, the configuration, the
    templates and hand-written pages, MkDocs and the theme. Any change → a full build."""
    digest = hashlib.sha256(__version__.encode())
    root = Path(config.config_file_path or ".").resolve().parent
    package = Path(__file__).resolve().parent.parent
    folders = [(package, "*.py"), (root / "templates", "*"), (Path(config.docs_dir), "*")]
    for folder, pattern in folders:
        for path in sorted(folder.rglob(pattern)):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(folder).as_posix().encode())
                digest.update(path.read_bytes())
    if config.config_file_path:
        digest.update(Path(config.config_file_path).read_bytes())
    from importlib.metadata import version

    for name in ("mkdocs", "mkdocs-material"):
        digest.update(version(name).encode())
    digest.update(T.tokenizer_id().encode())
    return digest.hexdigest()[:24]


def full_reason(config: MkDocsConfig, store_path: Path) -> str | None:
    """Why this site folder needs a full build (None: an incremental one will do)."""
    site_dir = Path(config.site_dir)
    path = ledger_path(site_dir)
    if not path.is_file():
        return "no build ledger in the site folder"
    if not (site_dir / SENTINEL).is_file():
        return "the site folder was cleaned"
    try:
        return _ledger_reason(config, path, store_path)
    except sqlite3.Error as exc:
        return f"the build ledger cannot be read ({exc})"


def _ledger_reason(config: MkDocsConfig, path: Path, store_path: Path) -> str | None:
    with Ledger(path, readonly=True) as ledger, Store(store_path) as store:
        state = store.state()
        if ledger.meta("complete") != "1":
            return "the last build did not finish"
        if ledger.meta("store_id") != state.store_id:
            return "the site was built from another store"
        if int(ledger.meta("seq") or 0) > state.seq:
            return "the store is older than the site"
        if ledger.meta("fingerprint") != fingerprint(config):
            return "code, templates or configuration changed since the last build"
        documents = ledger.count("docs")
        changed = store.count_changed(int(ledger.meta("seq") or 0), state.seq)
        if documents >= FULL_BUILD_FROM and changed > MAX_INCREMENTAL_SHARE * documents:
            return "most of the archive changed"
    return None


class Engine:
    """One build of one site folder (see the module docstring)."""

    def __init__(self, config: MkDocsConfig, store_path: Path, options: Options,
                 say: Callable[[str], None]):
        self.config = config
        self.store_path = store_path
        self.options = options
        self.say = say
        self.site_dir = Path(config.site_dir)
        self.config_file = Path(config.config_file_path or "mkdocs.yml").resolve()
        self.ledger: Ledger | None = None
        self.plan: Plan | None = None
        self.stats: dict[str, object] = {}
        self.phases: dict[str, float] = {}  # seconds per phase, for the closing line
        self.views: lists.Views | None = None
        self.started = time.perf_counter()

    # ---- prepare: what changed, rows, sketches, candidates -----------------------------------

    def prepare(self) -> None:
        with Store(self.store_path) as store:
            state = store.state()
            if self.options.scheduler:
                store.checkpoint()  # workers elsewhere open the store without shared memory
        full = self.options.full or full_reason(self.config, self.store_path) is not None
        path = ledger_path(self.site_dir)
        if full and path.exists():
            shutil.rmtree(path.parent)
        self.ledger = ledger = Ledger(path)
        ledger.set_meta(complete=0)
        self.job = Job(self.store_path.resolve(), self.site_dir.resolve(), self.config_file, path.parent / "work",
                       T.tokenizer_id(), immutable=bool(self.options.scheduler))
        self.runner: Runner = Serial()
        try:
            if full:
                self.plan = self._map_all()
            else:
                started = time.perf_counter()
                self.plan = self._map_changes(int(ledger.meta("seq") or 0), state.seq)
                self._phase("changes", started)
        finally:
            self.runner.close()
        ledger.set_meta(store_id=state.store_id, seq=state.seq, as_of=state.as_of, fingerprint=fingerprint(self.config))
        self.views = lists.Views(ledger)
        self.stats.update(documents=ledger.count("docs"), issues=ledger.count("issues"), full=full)
        changed = "" if full else f", {sum(len(v) for v in self.plan.docs.values())} pages of documents to rewrite"
        self.say(f"reading store {self.store_path}: {self.stats['documents']} documents, "
                 f"{self.stats['issues']} issues{changed}")

    def _map_all(self) -> Plan:
        ledger = self.ledger
        assert ledger is not None
        with Store(self.store_path) as store:
            issue_ids = store.issue_ids()
            lone = [record for record in store.lone_nums()]
        by_part: dict[str, list[str]] = defaultdict(list)
        for issue_id in issue_ids:
            by_part[ids.year_folder(issue_id) or issue_id].append(issue_id)
        tasks = [MapTask(part, tuple(found)) for part, found in sorted(by_part.items())]
        tasks += [MapTask(f"{LONE_PART}-{k}", nums=tuple(lone[k : k + LONE_BATCH]))
                  for k in range(0, len(lone), LONE_BATCH)]
        plan = Plan(full=True)
        self.runner = self._runner(len(issue_ids) * 6 + len(lone))
        ledger.begin()
        total = 0
        started = time.perf_counter()
        for mapped in self.runner.map(map_partition, self.job, tasks):
            self._apply_mapped(mapped)
            if mapped.run is not None:
                plan.runs.append(mapped.run)
            total += mapped.postings
        ledger.count_holders()
        ledger.commit()
        started = self._phase("map", started)
        self._set_names()
        self._relate_all()
        self._phase("related", started)
        plan.reindex = True
        for part in ledger.parts():
            plan.docs[part] = set()  # all, see _render_tasks
            plan.part_pages.add(part)
            plan.downloads.add(part)
        return plan

    def _apply_mapped(self, mapped: Mapped) -> None:
        ledger = self.ledger
        assert ledger is not None
        ledger.put_docs(mapped.rows)
        ledger.put_issues(mapped.issues)
        ledger.db.executemany("INSERT OR IGNORE INTO pending_tokens (sha, data) VALUES (?, ?)", mapped.tokens)
        if self.plan is None or self.plan.full:
            ledger.put_sketches([(num, values) for num, values in mapped.sketches if values is not None])

    def _set_names(self) -> dict[str, dict[str, str]]:
        """The office and genre slugs over the whole archive; returns the names whose slug changed."""
        ledger = self.ledger
        assert ledger is not None
        moved: dict[str, dict[str, str]] = {}
        for kind in lists.KINDS:
            before = ledger.names(kind)
            after = lists.slugs(ledger, kind)
            ledger.set_names(kind, after)
            moved[kind] = {name: slug for name, slug in before.items() if after.get(name) != slug}
        return moved

    def _relate_all(self) -> None:
        ledger = self.ledger
        assert ledger is not None
        cap = related_index.cap_of(ledger)
        ledger.set_meta(related_cap=cap)
        ledger.commit()
        nums = [row[0] for row in ledger.db.execute("SELECT num FROM sketches ORDER BY num")]
        batches = [tuple(nums[k : k + RELATED_BATCH]) for k in range(0, len(nums), RELATED_BATCH)]
        # Workers read the ledger: they must be started while this process has it closed
        # (SQLite's locks do not survive a fork: a child would see the parent's as its own).
        self.runner.close()
        with ledger.closed():
            self.runner = self._runner(len(nums))
        if isinstance(self.runner, Serial):
            results: Iterable[list[tuple[int, list]]] = (related_index.compute(ledger, list(b), cap) for b in batches)
        else:
            results = self.runner.map(relate_batch, (self.job, cap), batches)
        ledger.begin()
        for found in results:
            ledger.set_candidates(found)
        ledger.commit()

    def _map_changes(self, since: int, upto: int) -> Plan:
        from .plan import plan_changes

        assert self.ledger is not None
        return plan_changes(self, since, upto)

    def _runner(self, documents: int) -> Runner:
        """Workers for this much work: a few hundred documents are quicker in this process."""
        if self.options.scheduler:
            return runner(scheduler=self.options.scheduler)
        if documents < PARALLEL_FROM:
            return Serial()
        return runner(self.options.jobs)

    def _phase(self, name: str, since: float) -> float:
        now = time.perf_counter()
        self.phases[name] = self.phases.get(name, 0.0) + now - since
        return now

    def abandon(self) -> None:
        """The build failed: stop the workers and leave the ledger marked unfinished."""
        runner_ = getattr(self, "runner", None)
        if runner_ is not None:
            runner_.close()
        if self.ledger is not None:
            try:
                self.ledger.rollback()
                self.ledger.close()
            except Exception:  # already closed by render()
                pass
            self.ledger = None

    # ---- what the hand-written pages show (the home page) -------------------------------------

    def home_site(self) -> lists.LedgerSite:
        assert self.ledger is not None and self.views is not None
        return lists.ledger_site(self.ledger, self.views)

    def generated_urls(self) -> set[str]:
        """Top-level folders of generated pages: a hand-written page there would clash."""
        assert self.ledger is not None
        tops = {GAZETTES_URL, "offices/", "genres/", "years/", CHANGES_URL, DOWNLOADS_URL, f"{LONE_PART}/"}
        tops |= {f"{slug}/" for slug in self.ledger.gazette_names()}
        return tops

    # ---- render: partitions, search index, lists, feeds, downloads ------------------------------

    def render(self, look: theme.Theme) -> None:
        ledger, plan = self.ledger, self.plan
        assert ledger is not None and plan is not None
        theme.register(self.config_file, self.site_dir, look)
        try:
            ledger.commit()
            self._delete_moved(plan)
            started = time.perf_counter()
            tasks = self._render_tasks(plan)
            # Forked after the theme is registered: workers inherit it, compiled and ready.
            self.runner = self._runner(sum(len(t.nums) + 6 * len(t.issue_ids) if t.docs is None else len(t.docs)
                                           for t in tasks))
            pages = documents = 0
            downloads: dict[str, list[archive.DownloadFile]] = {}
            for rendered in self.runner.map(render_partition, self.job, tasks):
                pages += rendered.pages
                documents += rendered.documents
                if rendered.downloads:
                    downloads[rendered.part] = rendered.downloads
            ledger.begin()
            for part, files in downloads.items():
                ledger.set_downloads(part, [(f.name, f.bytes, f.sha256) for f in files])
            ledger.drop_downloads(plan.removed_parts)
            ledger.commit()
            self.stats.update(pages=pages, rendered_documents=documents)
            started = self._phase("partitions", started)
            self.say(f"writing pages: {pages} pages of {len(tasks)} partitions on {self.runner.workers} worker(s)")
            self._search_index(plan)
            started = self._phase("search index", started)
            self._global_pages(look, plan)
            started = self._phase("lists and feeds", started)
            self._cache_tokens()
            ledger.set_meta(complete=1)
            ledger.commit()
            self._phase("ledger", started)
            self.say("time: " + ", ".join(f"{name} {seconds:.1f} s" for name, seconds in self.phases.items()))
        finally:
            self.runner.close()
            shutil.rmtree(self.job.work, ignore_errors=True)
            ledger.close()

    def _render_tasks(self, plan: Plan) -> list[RenderTask]:
        ledger = self.ledger
        assert ledger is not None
        gazette_names = ledger.gazette_names()
        office, genre = ledger.names("office"), ledger.names("genre")
        tasks = []
        for part in sorted(plan.parts() - plan.removed_parts):
            rows = ledger.docs_where("part = ?", (part,), order=" ORDER BY num")
            if not rows:
                continue
            wanted = None if plan.full else plan.docs.get(part, set())
            names = Names({r.office_name: office[r.office_name] for r in rows},
                          {r.genre_name: genre[r.genre_name] for r in rows})
            related = self._related_links([r.num for r in rows if wanted is None or r.num in wanted])
            lone = part.startswith(f"{LONE_PART}/")
            tasks.append(RenderTask(
                part=part, issue_ids=() if lone else tuple(ledger.part_issue_ids(part)),
                nums=tuple(r.num for r in rows) if lone else (),
                docs=None if wanted is None else frozenset(wanted),
                issues=None if plan.full else frozenset(plan.issues.get(part, set())),
                part_page=plan.full or part in plan.part_pages,
                names=names, gazette_names={s: n for s, n in gazette_names.items() if part.startswith(f"{s}/")},
                related=related, downloads=plan.full or part in plan.downloads,
            ))
        # The biggest partitions first, so no worker is left with one at the end.
        return sorted(tasks, key=lambda t: -(len(t.nums) + 15 * len(t.issue_ids)))

    def _related_links(self, nums: list[int]) -> dict[int, tuple[RelatedLink, ...]]:
        ledger = self.ledger
        assert ledger is not None
        chosen = related_index.related_lists(ledger, nums)
        others = ledger.docs(sorted({c.other for found in chosen.values() for c in found}))
        return {num: tuple(RelatedLink(others[c.other].url, others[c.other].title, others[c.other].office, c.similarity)
                           for c in found if c.other in others)
                for num, found in chosen.items() if found}

    def _delete_moved(self, plan: Plan) -> None:
        for url in plan.moved:
            folder = self.site_dir / url
            shutil.rmtree(folder, ignore_errors=True)
            (self.site_dir / (url.rstrip("/") + ".json")).unlink(missing_ok=True)
        for part in plan.removed_parts:
            folder = self.site_dir / part
            if part.startswith(f"{LONE_PART}/") and folder.is_dir():
                shutil.rmtree(folder, ignore_errors=True)
            shutil.rmtree(self.site_dir / "downloads" / part, ignore_errors=True)

    # ---- the search index ------------------------------------------------------------------------

    def _search_index(self, plan: Plan) -> None:
        ledger = self.ledger
        assert ledger is not None
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
        assert ledger is not None
        if not plan.runs:  # an incremental build whose average or shard count moved: map again
            plan.runs = self._map_runs()
        lengths_path = self.job.work / "lengths.npy"
        lengths_path.parent.mkdir(parents=True, exist_ok=True)
        np.save(lengths_path, ledger.lengths())
        total = ledger.totals()[2]
        tasks = [(t, tuple(sorted(plan.runs)), lengths_path, average) for t in P.merge_tasks(shards, total)]
        written = set()
        for names in self.runner.map(merge_task, self.site_dir / SEARCH_INDEX_DIR, tasks):
            written.update(names)
        old = int(ledger.meta("shards") or 0)
        for k in range(shards, old):
            writer.remove(f"s/{k}.json.gz")
        writer.files += len(written)

    def _map_runs(self) -> list[Path]:
        ledger = self.ledger
        assert ledger is not None
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
        for shard in sorted(set(removed) | set(added)):
            path = writer.root / f"s/{shard}.json.gz"
            content = P.decode_shard(path.read_bytes()) if path.is_file() else {}
            writer.raw(f"s/{shard}.json.gz", P.encode_shard(P.patch(content, removed[shard], added[shard])))
        self.stats["patched_shards"] = len(set(removed) | set(added))

    def _search_tables(self, plan: Plan, writer: I.IndexWriter, documents: int, shards: int) -> None:
        """Facet lists, 文号 tables and date files: all of them in a full build, else those the
        changed documents are in; and the manifest."""
        ledger = self.ledger
        assert ledger is not None
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
        writer.plain("manifest.json", I.manifest(documents, shards, facets, years, chunks,
                                                 ledger.meta("as_of") or ""))

    # ---- the pages above the partitions ------------------------------------------------------------

    def _global_pages(self, look: theme.Theme, plan: Plan) -> None:
        ledger, views = self.ledger, self.views
        assert ledger is not None and views is not None
        names = {kind: ledger.names(kind) for kind in lists.KINDS}
        site = self.home_site()
        specs = lists.gazettes_specs([g for g in site.gazettes if plan.full or g.slug in plan.gazettes], site)
        specs += lists.browse_index_specs(ledger, names)
        for kind in lists.KINDS:
            wanted = {name: None for name in names[kind]} if plan.full else plan.groups.get(kind, {})
            for name, years in sorted(wanted.items()):
                if name in names[kind]:
                    specs += lists.group_specs(ledger, views, kind, name, names[kind][name], years)
        year_keys = ledger.group_counts("year_key") if plan.full else plan.years
        for key in sorted(year_keys):
            if ledger.count("docs", "year_key = ?", (key,)):
                specs += lists.year_specs(ledger, views, key)
        with Store(self.store_path, readonly=True) as store:
            specs.append(lists.changes_spec(store, ledger, views))
            manifest = archive.manifest(
                [archive.DownloadFile(name, f"{_part_title(part, views)}：{archive.DESCRIPTIONS[name.rsplit('/', 1)[-1]]}",
                                      size, sha) for part, name, size, sha in ledger.downloads()],
                store.counts(), ledger.meta("as_of") or "")
            archive.write_manifest(manifest, self.site_dir)
            specs.append(PageSpec(f"{DOWNLOADS_URL}index.md", DOWNLOADS_URL, "downloads.md.j2", "数据下载",
                                  {"manifest": manifest}))
            self._feeds(store, plan)
        for spec in specs:
            write_if_changed(self.site_dir / spec.url / "index.html", look.page(spec, render_body(look.bodies, spec)))
        self._sweep_pages(specs)
        if self.config.site_url:
            self._sitemaps(self.config.site_url)

    def _sitemaps(self, site_url: str) -> None:
        """sitemap.xml becomes the index of MkDocs' own (the hand-written pages), the lists' and
        each partition's sitemap."""
        ledger = self.ledger
        assert ledger is not None
        own = self.site_dir / "sitemap.xml"
        if own.is_file() and b"<urlset" in own.read_bytes()[:200]:
            write_if_changed(self.site_dir / sitemap.PAGES_FILE, own.read_bytes())
        write_if_changed(self.site_dir / sitemap.LISTS_FILE,
                         sitemap.urlset(site_url, ((url, None) for url in sorted(ledger.pages()))))
        files = [sitemap.PAGES_FILE, sitemap.LISTS_FILE, *(f"{part}/{sitemap.PART_FILE}" for part in ledger.parts())]
        data = sitemap.index(site_url, files)
        write_if_changed(own, data)
        write_if_changed(self.site_dir / "sitemap.xml.gz", gzip.compress(data, mtime=0))

    def _sweep_pages(self, written: list[PageSpec]) -> None:
        """Delete the pages above the partitions that no longer exist (a group renamed or gone)."""
        ledger = self.ledger
        assert ledger is not None
        now = self._global_urls()
        for url in ledger.pages() - now:
            (self.site_dir / url / "index.html").unlink(missing_ok=True)
            try:
                (self.site_dir / url).rmdir()
            except OSError:
                pass
        ledger.set_pages(now | {spec.url for spec in written})

    def _global_urls(self) -> set[str]:
        ledger = self.ledger
        assert ledger is not None
        urls = {GAZETTES_URL, CHANGES_URL, DOWNLOADS_URL, "offices/", "genres/", "years/"}
        urls |= {f"{slug}/" for slug in ledger.gazette_names()}
        for kind in lists.KINDS:
            for name, slug in ledger.names(kind).items():
                urls.update(lists.group_urls(ledger, kind, name, slug))
        urls |= {f"years/{key}/" for key in ledger.group_counts("year_key")}
        if ledger.count("docs", "issue_id IS NULL"):
            urls.add(f"{LONE_PART}/")
        return urls

    def _feeds(self, store: Store, plan: Plan) -> None:
        ledger, views = self.ledger, self.views
        assert ledger is not None and views is not None
        site_url = self.config.site_url or None
        author = self.config.site_name
        write_if_changed(self.site_dir / "feed.xml", atom(
            f"{self.config.site_name}：新增和更新的文件", "feed.xml", CHANGES_URL,
            lists.feed(store, ledger, views, None), site_url, author))
        names = ledger.gazette_names()
        for slug in sorted(names if plan.full else plan.gazettes & set(names)):
            write_if_changed(self.site_dir / slug / "feed.xml", atom(
                f"{names[slug]}：新增和更新的文件", f"{slug}/feed.xml", f"{slug}/",
                lists.feed(store, ledger, views, slug), site_url, author))

    def _cache_tokens(self) -> None:
        """The tokens made in this build go into the store's cache (workers never write the store)."""
        ledger = self.ledger
        assert ledger is not None
        rows = list(ledger.db.execute("SELECT sha, data FROM pending_tokens"))
        if rows:
            with Store(self.store_path) as store:
                store.cache_tokens(rows, self.job.tokenizer)
        ledger.db.execute("DELETE FROM pending_tokens")


def relate_batch(job_cap: tuple[Job, int], nums: tuple[int, ...]) -> list[tuple[int, list]]:
    """A worker's share of the related candidates (reads the ledger read-only)."""
    job, cap = job_cap
    with Ledger(job.site_dir / ".gazette" / "ledger.sqlite", readonly=True, immutable=job.immutable) as ledger:
        return related_index.compute(ledger, list(nums), cap)


def merge_task(index_dir: Path, task: tuple[P.MergeTask, tuple[Path, ...], Path, float]) -> list[str]:
    """A worker's share of the shards: merge the runs' slices, write the shard files."""
    merge, runs, lengths_path, average = task
    lengths = np.load(lengths_path, mmap_mode="r")
    names = []
    for shard, content in P.merge(merge, runs, lengths, average):
        name = f"s/{shard}.json.gz"
        write_if_changed(index_dir / name, P.encode_shard(content))
        names.append(name)
    return names


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


def _part_title(part: str, views: lists.Views) -> str:
    folder, _, year = part.partition("/")
    if folder == LONE_PART:
        return f"单篇文件 {year}年" if year != "undated" else "单篇文件 未注明年份"
    return f"{views.names.get(folder, folder)} {year}年"

