"""One partition of the site: a gazette-year (benxi/2021/…) or the lone documents of a year
(documents/2019/…). The unit of a build's work and of its memory: a task reads only its
partition's records from the store (read-only), so the largest partition, not the archive, sets
what a worker holds.

Two tasks per partition, each a plain function of picklable arguments (they run in this process,
in worker processes or on Dask workers alike):

* map_partition: catalogue rows, search tokens (from the store's cache, else tokenized and
  returned for the cache), the postings of its documents (a run file in a full build), sketches;
* render_partition: its pages (year, issues, documents, versions, diffs), per-document JSON,
  latest-version pointers, search cards and its downloads.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
import numpy as np

from .. import related as R
from ..errors import GazetteError
from ..search import postings as P
from ..search import tokens as T
from ..search.index import card, gz_json
from ..standing import Standing, standing_of
from ..store import Store
from ..stored import LatestRecord
from ..validity import assess
from ..writes import write_if_changed
from . import archive, sitemap, theme, versions
from .captures import write_captures
from .catalogue import DocRow, IssueRow, doc_row, issue_row, transitions, validity_row
from .pages import (
    LONE_URL,
    DocView,
    IssueView,
    Listed,
    ListedStanding,
    Names,
    PageSpec,
    Site,
    breadcrumbs,
    build_site,
    issue_label,
    search_entry,
)
from .render import render_body
from .structure import layout

log = logging.getLogger("mkdocs.plugins.gazette")
SEARCH_INDEX_DIR = "search-index"


@dataclass(frozen=True, slots=True)
class Job:
    """What every task of one build shares (sent to worker processes and Dask workers)."""

    store: Path
    site_dir: Path
    config_file: Path
    work: Path  # scratch space of this build: postings runs
    tokenizer: str
    today: str  # the build's day (ISO, UTC): validity is assessed on it
    immutable: bool = False  # open the store without locks (workers on other machines)

    @property
    def day(self) -> dt.date:
        return dt.date.fromisoformat(self.today)


@dataclass(frozen=True, slots=True)
class MapTask:
    key: str  # the partition, or the lone documents' batch
    issue_ids: tuple[str, ...] = ()
    nums: tuple[int, ...] = ()
    doc_ids: tuple[str, ...] = ()
    run: bool = True  # write a postings run (a full build); else return each document's postings


@dataclass(slots=True)
class Mapped:
    key: str
    rows: list[DocRow] = field(default_factory=list)
    issues: list[IssueRow] = field(default_factory=list)
    tokens: list[tuple[str, bytes]] = field(default_factory=list)  # new entries for the store's cache
    sketches: list[tuple[int, np.ndarray | None]] = field(default_factory=list)
    run: Path | None = None
    postings: int = 0
    doc_postings: list[tuple[int, P.DocPostings]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class RelatedLink:
    """What a document page shows of a related document."""

    url: str
    title: str
    office: str | None
    similarity: float


@dataclass(frozen=True, slots=True)
class RenderTask:
    part: str
    issue_ids: tuple[str, ...]  # a gazette-year's issues
    nums: tuple[int, ...]  # a lone year's documents
    docs: frozenset[int] | None  # the documents whose pages to write (None: all)
    issues: frozenset[str] | None  # the issue pages to write (None: all)
    part_page: bool  # the year page, or the lone year's list
    names: Names
    gazette_names: dict[str, str]
    related: dict[int, tuple[RelatedLink, ...]]
    downloads: bool


@dataclass(slots=True)
class Rendered:
    part: str
    pages: int = 0
    documents: int = 0
    downloads: list[archive.DownloadFile] = field(default_factory=list)


def open_store(job: Job) -> Store:
    return Store(job.store, readonly=True, immutable=job.immutable)


def read_records(store: Store, issue_ids: tuple[str, ...], nums: tuple[int, ...]) -> list[LatestRecord]:
    return [*store.records_where("issue_id", issue_ids), *store.records_where("num", nums)]


def map_partition(job: Job, task: MapTask) -> Mapped:
    """Rows, tokens, postings and sketches of one partition's documents."""
    out = Mapped(task.key)
    with open_store(job) as store:
        records = read_records(store, task.issue_ids, task.nums) + list(store.records_where("id", task.doc_ids))
        cached = store.cached_tokens([r.content_sha256 for r in records], job.tokenizer)
        standings = {}
        for record in records:
            gone = store.withdrawal(record.doc_id) if record.status == "withdrawn" else None
            standings[record.num] = validity_row(store.validity_facts(record.doc_id),
                                                 store.validity_events(record.doc_id), job.day,
                                                 gone.captured if gone is not None else None)
    issues: dict[str, IssueRow] = {}
    docs: list[tuple[int, P.DocPostings]] = []
    for record in records:
        issue = issue_row(record)
        if issue is not None:
            issues.setdefault(issue.id, issue)
        data = cached.get(record.content_sha256)
        if data is None:
            tokens = T.document_tokens(record.document.title, record.document.text)
            data = cached[record.content_sha256] = tokens.encode()
            out.tokens.append((record.content_sha256, data))
        else:
            tokens = T.DocTokens.decode(data)
        gazette = record.issue.gazette if issue is not None and record.issue is not None else None
        label = issue_label(record.issue) if issue is not None and record.issue is not None else None
        postings = P.doc_postings(tokens, gazette, label)
        docs.append((record.num, postings))
        out.rows.append(doc_row(record, postings, standings[record.num]))
        out.sketches.append((record.num, R.sketch(record.document.text)))
    out.issues = sorted(issues.values(), key=lambda i: i.id)
    if task.run:
        out.run = job.work / "runs" / f"{_file_name(task.key)}.run"
        out.postings = P.write_run(out.run, docs)
    else:
        out.doc_postings = docs
        out.postings = sum(len(d.counts) for _, d in docs)
    return out


def render_partition(job: Job, task: RenderTask) -> Rendered:
    """Write the partition's pages and files that the task asks for."""
    out = Rendered(task.part)
    look = theme.load(job.config_file, job.site_dir)
    site_dir = job.site_dir
    with open_store(job) as store:
        records = read_records(store, task.issue_ids, task.nums)
        by_num = {record.num: record for record in records}
        site = build_site(records, task.names, task.gazette_names)
        wanted = [doc for doc, record in zip(site.docs, records) if task.docs is None or record.num in task.docs]
        history = store.version_summaries([doc.id for doc in wanted])
        nums = {doc.id: record.num for doc, record in zip(site.docs, records)}
        shown = {doc.id for doc in wanted}
        fact_days = store.fact_days(sorted(shown))
        for doc in site.docs:
            doc.history = history.get(doc.id, [])
            doc.related = [(_linked(link), link.similarity) for link in task.related.get(nums[doc.id], ())]
            if doc.id in shown:
                doc.standing = site_standing(store, doc, by_num[nums[doc.id]], job.day, fact_days.get(doc.id))
            else:  # a row of a list: its validity badge
                facts, events = store.validity_facts(doc.id), store.validity_events(doc.id)
                doc.standing = ListedStanding.of(assess(facts, events, job.day).status)
        specs: list[PageSpec] = []
        if task.part_page:
            specs += _part_pages(site)
        specs += [_issue_spec(issue) for issue in site.issues if task.issues is None or issue.id in task.issues]
        for doc in wanted:
            assert isinstance(doc.standing, Standing)
            urls = store.doc_urls([e.doc_id for e in doc.standing.validity.evidence if e.doc_id])
            specs.append(PageSpec(f"{doc.url}index.md", doc.url, "document.md.j2", doc.title,
                                  {"doc": doc, "layout": layout(doc.doc), "lang": doc.lang,  # type: ignore[arg-type]
                                   "crumbs": breadcrumbs(doc), "doc_urls": urls}))
            specs += versions.version_pages(store, [doc])
        for spec in specs:
            _write_page(look, spec, site_dir)
        out.pages = len(specs)
        index = site_dir / SEARCH_INDEX_DIR
        for doc in wanted:
            record = by_num[nums[doc.id]]
            archive.write_document_json(record, doc.history, doc.standing, site_dir)  # type: ignore[arg-type]
            write_if_changed(site_dir / versions.version_url(doc, doc.version) / "index.html", versions.latest_stub(doc))
            entry = search_entry(doc)
            write_if_changed(index / "d" / f"{record.num}.json.gz", gz_json(card(entry)))
        write_captures(store, wanted, site_dir)
        out.documents = len(wanted)
        if look.config.site_url:
            write_if_changed(site_dir / task.part / sitemap.PART_FILE,
                             sitemap.urlset(look.config.site_url, _part_urls(site, records)))
        if task.downloads:
            standings = {doc.id: doc.standing for doc in site.docs if isinstance(doc.standing, Standing)}
            if len(standings) < len(site.docs):
                standings = {doc.id: site_standing(store, doc, by_num[nums[doc.id]], job.day,
                                                   store.fact_days([doc.id]).get(doc.id)) for doc in site.docs}
            out.downloads = archive.write_part_downloads(store, records, standings, list(task.issue_ids), site_dir,
                                                         task.part, _part_label(site, task))
    return out


def site_standing(store: Store, doc: DocView, record: LatestRecord, today: dt.date, fact_day: str | None) -> Standing:
    """The document's standing on the build's day (standing.standing_of), dated by the last day
    anything it rests on changed: the last day its status could have changed (a date of its
    validity facts or of a document acting on it), its latest version, its cross-document facts.
    Any later day gives the same answer, so a page is rewritten when its standing changes, not
    every day (and an incremental build, re-rendering a document when such a day passes, gives
    the same page as a full build)."""
    found = standing_of(store, doc.id, record.status, record.source, today)
    v = found.validity
    facts = store.validity_facts(doc.id)
    events = store.validity_events(doc.id)
    days = [day for day in transitions(facts, events) if day <= today]
    days += [dt.date.fromisoformat(text[:10]) for text in (record.created, fact_day) if text]
    if found.withdrawn is not None:
        days.append(dt.date.fromisoformat(found.withdrawn.captured[:10]))
    as_of = min(max(days, default=today), today)
    return dataclasses.replace(found, validity=dataclasses.replace(v, as_of=as_of))


def _part_urls(site: Site, records: list[LatestRecord]) -> list[tuple[str, str | None]]:
    """Every page of the partition, documents with the day of their latest version."""
    urls: list[tuple[str, str | None]] = [(spec.url, None) for spec in _part_pages(site)]
    urls += [(issue.url, None) for issue in sorted(site.issues, key=lambda i: i.url)]
    for doc, record in sorted(zip(site.docs, records), key=lambda pair: pair[0].url):
        urls.append((doc.url, record.created[:10] or None))
        urls += [(versions.version_url(doc, n), None) for n in range(1, record.version)]
        urls += [(versions.diff_url(doc, n - 1, n), None) for n in range(2, record.version + 1)]
    return urls


def _write_page(look: theme.Theme, spec: PageSpec, site_dir: Path) -> None:
    try:
        body = render_body(look.bodies, spec)
    except jinja2.TemplateError as exc:
        raise GazetteError(f"template error in {spec.template} for {spec.url}: {exc}") from exc
    write_if_changed(site_dir / spec.url / "index.html", look.page(spec, body))


def _part_pages(site: Site) -> list[PageSpec]:
    specs = []
    for gazette in site.gazettes:
        for year in gazette.years.values():
            specs.append(PageSpec(f"{year.url}index.md", year.url, "year.md.j2", f"{gazette.name} {year.year}年",
                                  {"year": year}))
    for group in site.lone_years:
        specs.append(PageSpec(f"{group.url}index.md", group.url, "group.md.j2", f"单篇文件 {group.name}",
                              {"group": group, "kind": "单篇文件", "parent": LONE_URL, "years": [],
                               "latest": group.docs, "pager": None}))
    return specs


def _issue_spec(issue: IssueView) -> PageSpec:
    title = f"{issue.gazette.name} {issue.label}"
    return PageSpec(f"{issue.url}index.md", issue.url, "issue.md.j2", title, {"issue": issue})


def _linked(link: RelatedLink) -> DocView:
    """A related document as its page link shows it."""
    return DocView(id="", url=link.url, doc=Listed(link.title, None, link.office, None), issue=None,
                   status="current", version=0, content_sha256="", source_location="", source_sha256="",
                   source_captured="", date=None, year=None)


def _part_label(site: Site, task: RenderTask) -> str:
    """本溪市人民政府公报 2021年, or 单篇文件 2019年."""
    _, _, year = task.part.partition("/")
    for gazette in site.gazettes:
        return f"{gazette.name} {year}年"
    return f"单篇文件 {year}年" if year != "undated" else "单篇文件 未注明年份"


def _file_name(key: str) -> str:
    return key.replace("/", "__")
