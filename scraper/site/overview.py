"""The pages above the partitions as tasks: the gazettes, the browse pages (offices, genres,
years, lone documents), the changes page and the feeds, split so that workers render them beside
the partitions. lists.py makes each page's objects from the ledger; a task reads the ledger and
the store read-only.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from pathlib import Path

from ..store import Store
from ..writes import write_if_changed
from . import lists, theme
from .feeds import atom
from .ledger import Ledger, ledger_path
from .pages import CHANGES_URL, PageSpec
from .partition import Job
from .plan import Plan
from .render import render_body

ROWS_PER_TASK = 3000  # documents listed per task (a browse page lists each of its documents)


@dataclass(frozen=True, slots=True)
class ListsTask:
    top: bool = False  # gazettes/, offices/, genres/, years/, documents/, changes/, the site's feed
    gazettes: tuple[str, ...] = ()  # gazette pages and feeds
    groups: tuple[tuple[str, str, tuple[str, ...] | None], ...] = ()  # (kind, name, years or None: all)
    years: tuple[str, ...] = ()  # years/<key>/


@dataclass(slots=True)
class ListsDone:
    urls: list[str] = field(default_factory=list)


def list_tasks(ledger: Ledger, plan: Plan) -> list[ListsTask]:
    """What this build rewrites above the partitions: everything in a full build, else the lists
    the changed documents are in (plan.py), in tasks of about ROWS_PER_TASK listed documents."""
    gazettes = tuple(sorted(ledger.gazette_names() if plan.full else plan.gazettes))
    tasks = [ListsTask(top=True, gazettes=gazettes)]
    chosen: list[tuple[int, tuple[str, str, tuple[str, ...] | None]]] = []
    for kind, (_, _, column) in lists.KINDS.items():
        sizes = ledger.group_counts(column)
        wanted = {name: None for name in sizes} if plan.full else plan.groups.get(kind, {})
        for name, years in sorted(wanted.items()):
            if name in sizes:
                chosen.append((sizes[name], (kind, name, None if years is None else tuple(sorted(years)))))
    tasks += [ListsTask(groups=tuple(batch)) for batch in _batches(chosen)]
    sizes = ledger.group_counts("year_key")
    years = [(sizes[key], key) for key in sorted(sizes if plan.full else plan.years) if key in sizes]
    tasks += [ListsTask(years=tuple(batch)) for batch in _batches(years)]
    return tasks


def _batches(items: list[tuple[int, object]]) -> list[list[object]]:
    """Items in order, in batches of about ROWS_PER_TASK rows (a bigger item alone)."""
    out: list[list[object]] = []
    rows = 0
    for size, item in items:
        if not out or rows + size > ROWS_PER_TASK:
            out.append([])
            rows = 0
        out[-1].append(item)
        rows += size
    return out


def render_lists(job: Job, task: ListsTask) -> ListsDone:
    """Write the task's pages (and feeds)."""
    look = theme.load(job.config_file, job.site_dir)
    specs: list[PageSpec] = []
    with Ledger(ledger_path(job.site_dir), readonly=True, immutable=job.immutable) as ledger, \
            Store(job.store, readonly=True, immutable=job.immutable) as store:
        views = lists.Views(ledger)
        names = {kind: ledger.names(kind) for kind in lists.KINDS}
        if task.top:
            specs.append(lists.gazettes_spec(lists.ledger_site(ledger, views)))
            specs += lists.browse_index_specs(ledger, names)
            specs.append(lists.changes_spec(store, ledger, views))
            _feeds(look, store, ledger, views, task.gazettes, job.site_dir)
        gazettes = (spec for slug in (task.gazettes if task.top else ())
                    for spec in _gazette_pages(ledger, slug, job.site_dir))
        groups = (spec for kind, name, years in task.groups
                  for spec in lists.group_specs(ledger, views, kind, name, names[kind][name],
                                                None if years is None else set(years)))
        years = (spec for key in task.years for spec in lists.year_specs(ledger, views, key))
        urls = []
        for spec in itertools.chain(specs, gazettes, groups, years):  # each page written, then dropped
            write_if_changed(job.site_dir / spec.url / "index.html", look.page(spec, render_body(look.bodies, spec)))
            urls.append(spec.url)
    return ListsDone(urls)


def _gazette_pages(ledger: Ledger, slug: str, site_dir: Path) -> list[PageSpec]:
    """One gazette's page and coverage (page and coverage.json), from views of its issues alone:
    made one gazette at a time, never every issue of the archive at once."""
    specs: list[PageSpec] = []
    for gazette in lists.gazette_views(ledger, lists.Views(ledger), [slug]):
        write_if_changed(site_dir / gazette.url / "coverage.json", lists.coverage_json(gazette))
        specs += lists.gazette_specs(gazette)
    return specs


def _feeds(look: theme.Theme, store: Store, ledger: Ledger, views: lists.Views, gazettes: tuple[str, ...],
           site_dir: Path) -> None:
    """feed.xml for the site, <gazette>/feed.xml for these gazettes."""
    config = look.config
    site_url = config.site_url or None
    write_if_changed(site_dir / "feed.xml", atom(
        f"{config.site_name}：新增和更新的文件", "feed.xml", CHANGES_URL,
        lists.feed(store, ledger, views, None), site_url, config.site_name))
    names = ledger.gazette_names()
    for slug in gazettes:
        if slug in names:
            write_if_changed(site_dir / slug / "feed.xml", atom(
                f"{names[slug]}：新增和更新的文件", f"{slug}/feed.xml", f"{slug}/",
                lists.feed(store, ledger, views, slug), site_url, config.site_name))
