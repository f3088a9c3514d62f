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

import dataclasses
import datetime as dt
import gzip
import itertools
import logging
import os
import shutil
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from .. import ids
from ..search import tokens as T
from ..store import Store
from ..writes import write_if_changed
from . import archive, lists, overview, related_index, sitemap, theme
from .catalogue import LONE_PART
from .ledger import Ledger, ledger_path
from .freshness import fingerprint, full_reason
from .pages import CHANGES_URL, COVERAGE_URL, DOWNLOADS_URL, GAZETTES_URL, Names, PageSpec
from .partition import Job, MapTask, Mapped, RelatedLink, Rendered, RenderTask, map_partition, render_partition
from .render import render_body
from .plan import Options, Plan
from .runner import Runner, Serial, runner
from .search_build import MergeWork, SearchBuild, TablesDone, TablesWork, merge_work, tables_work

log = logging.getLogger("mkdocs.plugins.gazette")
LONE_BATCH = 150  # lone documents mapped per task: about a large gazette-year (its memory sets the peak)
RELATED_BATCH = 2000  # documents per related-candidates task
PARALLEL_FROM = 400  # documents: below this, starting workers costs more than it saves


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
                       T.tokenizer_id(), build_day(), immutable=bool(self.options.scheduler))
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
            ledger.begin()
            for batch in batches:
                ledger.set_candidates(related_index.compute(ledger, list(batch), cap))
            ledger.commit()
            return
        # The workers read the ledger: nothing is written to it until they are done (a writer
        # would lock them out), the candidates wait in a file.
        pending = self.job.work / "candidates.bin"
        pending.parent.mkdir(parents=True, exist_ok=True)
        with open(pending, "wb") as out:
            for found in self.runner.map(relate_batch, (self.job, cap), batches):
                related_index.to_file(found, out)
        ledger.begin()
        for found in related_index.from_file(pending):
            ledger.set_candidates(found)
        ledger.commit()
        pending.unlink()

    def _map_changes(self, since: int, upto: int) -> Plan:
        from .plan import plan_changes

        assert self.ledger is not None
        return plan_changes(self, since, upto)

    def _runner(self, documents: int) -> Runner:
        """Workers for this much work: by default (one per core) a few hundred documents are
        quicker in this process; an explicit --jobs N is always N workers."""
        if self.options.scheduler:
            return runner(scheduler=self.options.scheduler)
        if self.options.jobs == 0 and documents < PARALLEL_FROM:
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
        """The partitions, the search index and the lists above, all as tasks on the same
        workers; then what needs all of them done: the downloads page, sitemaps, the ledger."""
        ledger, plan = self.ledger, self.plan
        assert ledger is not None and plan is not None
        theme.register(self.config_file, self.site_dir, look)
        try:
            ledger.commit()
            self._delete_moved(plan)
            started = time.perf_counter()
            parts = self._render_tasks(plan)
            # Forked after the theme is registered: workers inherit it, compiled and ready.
            self.runner = self._runner(sum(len(t.nums) + 6 * len(t.issue_ids) if t.docs is None else len(t.docs)
                                           for t in parts))
            index = SearchBuild(ledger, plan, self.runner, self.job, self.site_dir, self.say)
            tasks = itertools.chain(index.start(), overview.list_tasks(ledger, plan), self._with_links(parts))
            ledger.commit()  # workers read the ledger from here on; it is written again after them
            pages = documents = 0
            downloads: dict[str, list[archive.DownloadFile]] = {}
            urls: set[str] = set()
            tables = None
            for done in self.runner.map(run_task, self.job, tasks):
                if isinstance(done, Rendered):
                    pages += done.pages
                    documents += done.documents
                    if done.downloads:
                        downloads[done.part] = done.downloads
                elif isinstance(done, overview.ListsDone):
                    urls.update(done.urls)
                elif isinstance(done, TablesDone):
                    tables = done
            started = self._phase("pages, index and lists", started)
            assert tables is not None
            index.finish(tables)
            ledger.begin()
            for part, files in downloads.items():
                ledger.set_downloads(part, [(f.name, f.bytes, f.sha256) for f in files])
            ledger.drop_downloads(plan.removed_parts)
            ledger.commit()
            self.stats.update(pages=pages, rendered_documents=documents, **index.stats)
            self.say(f"writing pages: {pages} pages of {len(parts)} partitions on {self.runner.workers} worker(s)")
            urls.update(self._downloads_page(look))
            self._sweep_pages(urls)
            if self.config.site_url:
                self._sitemaps(self.config.site_url)
            self._cache_tokens()
            ledger.set_meta(complete=1)
            ledger.commit()
            self._phase("finish", started)
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
            lone = part.startswith(f"{LONE_PART}/")
            tasks.append(RenderTask(
                part=part, issue_ids=() if lone else tuple(ledger.part_issue_ids(part)),
                nums=tuple(r.num for r in rows) if lone else (),
                docs=None if wanted is None else frozenset(wanted),
                issues=None if plan.full else frozenset(plan.issues.get(part, set())),
                part_page=plan.full or part in plan.part_pages,
                names=names, gazette_names={s: n for s, n in gazette_names.items() if part.startswith(f"{s}/")},
                related={}, downloads=plan.full or part in plan.downloads,  # see _with_links
            ))
        # The biggest partitions first, so no worker is left with one at the end.
        return sorted(tasks, key=lambda t: -(len(t.nums) + 15 * len(t.issue_ids)))

    def _with_links(self, tasks: list[RenderTask]) -> Iterator[RenderTask]:
        """Each task with its documents' related links, made as the runner takes it: made all at
        once, the links of every document of the archive would sit in memory for the whole build."""
        ledger = self.ledger
        assert ledger is not None
        for task in tasks:
            nums = task.nums or ledger.part_nums(task.part)
            wanted = [num for num in nums if task.docs is None or num in task.docs]
            yield dataclasses.replace(task, related=self._related_links(wanted))

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

    # ---- the pages above the partitions ------------------------------------------------------------

    def _downloads_page(self, look: theme.Theme) -> list[str]:
        """downloads/ (then 2/, 3/ …) and manifest.json: every partition's files (known once every
        partition is written), read from the ledger a page at a time: a national archive has tens
        of thousands. Returns the pages' URLs."""
        ledger, views = self.ledger, self.views
        assert ledger is not None and views is not None
        with Store(self.store_path, readonly=True) as store:
            counts = store.counts()
        manifest = archive.manifest(counts, ledger.meta("as_of") or "")

        def files(rows: Iterable[tuple[str, str, int, str]]) -> Iterator[archive.DownloadFile]:
            for part, name, size, sha in rows:
                described = f"{_part_title(part, views)}：{archive.DESCRIPTIONS[name.rsplit('/', 1)[-1]]}"
                yield archive.DownloadFile(name, described, size, sha)

        archive.write_manifest(manifest, files(ledger.downloads()), self.site_dir)
        urls = []
        for rows, pager in lists.paged(DOWNLOADS_URL, ledger.count("downloads"),
                                       lambda limit, offset: list(files(ledger.downloads(limit, offset)))):
            spec = PageSpec(f"{pager.url}index.md", pager.url, "downloads.md.j2", pager.title("数据下载"),
                            {"manifest": manifest, "files": rows, "pager": pager})
            write_if_changed(self.site_dir / spec.url / "index.html", look.page(spec, render_body(look.bodies, spec)))
            urls.append(spec.url)
        return urls

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

    def _sweep_pages(self, written: set[str]) -> None:
        """Delete the pages above the partitions that no longer exist (a group renamed or gone)."""
        ledger = self.ledger
        assert ledger is not None
        now = self._global_urls() | written
        for url in ledger.pages() - now:
            (self.site_dir / url / "index.html").unlink(missing_ok=True)
            try:
                (self.site_dir / url).rmdir()
            except OSError:
                pass
        ledger.set_pages(now)

    def _global_urls(self) -> set[str]:
        ledger = self.ledger
        assert ledger is not None
        urls = {GAZETTES_URL, CHANGES_URL, DOWNLOADS_URL, "offices/", "genres/", "years/"}
        urls |= {f"{slug}/{sub}" for slug in ledger.gazette_names() for sub in ("", COVERAGE_URL)}
        for kind in lists.KINDS:
            for name, slug in ledger.names(kind).items():
                urls.update(lists.group_urls(ledger, kind, name, slug))
        urls |= {url for key, n in ledger.group_counts("year_key").items() for url in lists.year_urls(key, n)}
        if ledger.count("docs", "issue_id IS NULL"):
            urls.add(f"{LONE_PART}/")
        return urls

    def _cache_tokens(self) -> None:
        """The tokens made in this build go into the store's cache (workers never write the store)."""
        ledger = self.ledger
        assert ledger is not None
        if ledger.db.execute("SELECT 1 FROM pending_tokens LIMIT 1").fetchone() is not None:
            # Streamed row by row: a first build holds every document's tokens here.
            with Store(self.store_path) as store:
                store.cache_tokens(ledger.db.execute("SELECT sha, data FROM pending_tokens"), self.job.tokenizer)
        ledger.db.execute("DELETE FROM pending_tokens")


def build_day() -> str:
    """The day validity is assessed on: today (UTC), or GAZETTE_BUILD_DAY (YYYY-MM-DD)."""
    day = os.environ.get("GAZETTE_BUILD_DAY")
    return dt.date.fromisoformat(day).isoformat() if day else dt.datetime.now(dt.timezone.utc).date().isoformat()


def run_task(job: Job, task: object) -> object:
    """One task of a build's render phase, whatever its kind (runners take one function); then
    MkDocs' memo of the pages' URLs is emptied (theme.forget_paths)."""
    try:
        if isinstance(task, RenderTask):
            return render_partition(job, task)
        if isinstance(task, overview.ListsTask):
            return overview.render_lists(job, task)
        if isinstance(task, MergeWork):
            return merge_work(job, task)
        if isinstance(task, TablesWork):
            return tables_work(job, task)
        raise TypeError(f"not a build task: {task!r}")
    finally:
        theme.forget_paths()


def relate_batch(job_cap: tuple[Job, int], nums: tuple[int, ...]) -> list[tuple[int, list]]:
    """A worker's share of the related candidates (reads the ledger read-only)."""
    job, cap = job_cap
    with Ledger(job.site_dir / ".gazette" / "ledger.sqlite", readonly=True, immutable=job.immutable) as ledger:
        return related_index.compute(ledger, list(nums), cap)


def _part_title(part: str, views: lists.Views) -> str:
    folder, _, year = part.partition("/")
    if folder == LONE_PART:
        return f"单篇文件 {year}年" if year != "undated" else "单篇文件 未注明年份"
    return f"{views.names.get(folder, folder)} {year}年"

