"""The pages above the partitions, made from the site ledger a group at a time: the home page's
lists, the gazettes, each gazette, the browse pages (offices, genres, years, lone documents), the
changes page and the feeds. The templates are the same as for partition pages and see the same
objects (pages.py); where a page shows only how many documents a group has, it gets a Tally.

Each function returns the PageSpecs of one kind of page; the engine decides which to render.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TypeVar

from ..coverage import statement
from ..coverage import to_json as coverage_data
from ..model import DocNumber, Issue
from ..store import Store
from ..writes import json_file
from .catalogue import LONE_PART, DocRow, IssueRow
from .changes import CHANGE_DAYS, Change, ChangeDay
from .feeds import FeedEntry
from .feeds import entries as feed_entries
from .ledger import Ledger
from .pages import (
    COVERAGE_URL,
    GAZETTES_URL,
    GENRES_URL,
    GROUP_PAGE_SIZE,
    LATEST_IN_GROUP,
    LATEST_ISSUES,
    LIST_PAGE_ROWS,
    LONE_URL,
    OFFICES_URL,
    YEARS_URL,
    DocView,
    GazetteView,
    Group,
    IssueView,
    Listed,
    ListedStanding,
    PageSpec,
    Tally,
    YearView,
    gazette_coverage,
    unique_slugs,
)

CHANGES_LIST_LIMIT = 200  # new documents (and new issues) listed per day on the changes page
CHANGED_LIST_LIMIT = 2000  # changed documents listed per day (a reprocessing day changes them all)
KINDS = {"office": ("发文机关", OFFICES_URL, "office_name"), "genre": ("文种", GENRES_URL, "genre_name")}


@dataclass(slots=True)
class LedgerSite:
    """What the home and gazettes pages read of the whole site (pages.Site's attributes)."""

    gazettes: list[GazetteView]
    issues: Tally
    docs: Tally
    lone: Tally
    latest_issues: list[IssueView] = field(default_factory=list)


class Views:
    """Page objects from ledger rows, sharing one GazetteView per gazette and IssueView per issue."""

    def __init__(self, ledger: Ledger):
        self.ledger = ledger
        self.names = ledger.gazette_names()
        self._gazettes: dict[str, GazetteView] = {}
        self._issues: dict[str, IssueView] = {}

    def gazette(self, slug: str) -> GazetteView:
        if slug not in self._gazettes:
            self._gazettes[slug] = GazetteView(slug, self.names.get(slug, slug), f"{slug}/")
        return self._gazettes[slug]

    def issue(self, row: IssueRow) -> IssueView:
        if row.id not in self._issues:
            issue = Issue(row.gazette, row.year, row.number, row.total_number, _date(row.published),
                          row.publisher, row.script)  # type: ignore[arg-type]
            self._issues[row.id] = IssueView(row.id, row.url, issue, self.gazette(row.gazette_slug), Tally(0))
        return self._issues[row.id]

    def issues(self, ids: Iterable[str]) -> dict[str, IssueView]:
        wanted = [i for i in set(ids) if i not in self._issues]
        for row in self.ledger.issues(wanted):
            self.issue(row)
        return {i: self._issues[i] for i in set(ids) if i in self._issues}

    def docs(self, rows: list[DocRow]) -> list[DocView]:
        issues = self.issues([row.issue_id for row in rows if row.issue_id])
        return [doc_view(row, issues.get(row.issue_id) if row.issue_id else None) for row in rows]


def doc_view(row: DocRow, issue: IssueView | None) -> DocView:
    """A document as a list row shows it."""
    number = DocNumber(row.number, row.agency or "", row.number_year, row.serial or 0, row.number) if row.number else None
    date = _date(row.date)
    return DocView(
        id=row.id, url=row.url, doc=Listed(row.title, number, row.office, row.genre), issue=issue,
        status="withdrawn" if row.withdrawn else "current", version=row.version, content_sha256=row.content_sha,
        source_location="", source_sha256="", source_captured="", date=date, year=row.year,
        standing=ListedStanding.of(row.status),
    )


# ---- gazettes and the home page -----------------------------------------------------------------


def gazette_views(ledger: Ledger, views: Views, slugs: list[str] | None = None) -> list[GazetteView]:
    """Gazettes (all, or these) with their years and issues; documents counted, not loaded."""
    where, args = "", ()
    if slugs is not None:
        where, args = f"gazette_slug IN ({', '.join('?' * len(slugs))})", tuple(slugs)
    counts = ledger.issue_counts(where, args)
    wanted: dict[str, GazetteView] = {}
    for row in ledger.issues(None, where, args):
        gazette = views.gazette(row.gazette_slug)
        wanted[gazette.slug] = gazette
        year = gazette.years.get(row.year)
        if year is None:
            year = gazette.years[row.year] = YearView(gazette, row.year, f"{row.gazette_slug}/{row.year}/")
        issue = views.issue(row)
        issue.docs = Tally(counts.get(row.id, 0))  # type: ignore[assignment]
        if all(known.id != issue.id for known in year.issues):
            year.issues.append(issue)
    for gazette in wanted.values():
        for year in gazette.years.values():
            year.issues.sort(key=lambda i: (i.issue.number or 0, i.id))
    return sorted(wanted.values(), key=lambda g: g.slug)


def ledger_site(ledger: Ledger, views: Views) -> LedgerSite:
    """What the home and gazettes pages show of the whole archive: each gazette-year counted (its
    issues a Tally), the latest issues. From SQL counts: a view of every issue (16,960 at 100k
    documents, +59 MiB) grew with the archive."""
    gazettes: dict[str, GazetteView] = {}
    issues = 0
    for slug, year, issue_count, documents in ledger.year_counts():
        gazette = gazettes.get(slug)
        if gazette is None:  # not views.gazette: the views' own gazettes keep their issues
            gazette = gazettes[slug] = GazetteView(slug, views.names.get(slug, slug), f"{slug}/")
        gazette.years[year] = YearView(gazette, year, f"{slug}/{year}/", Tally(issue_count), documents)  # type: ignore[arg-type]
        issues += issue_count
    latest_ids = ledger.latest_issue_ids(LATEST_ISSUES)
    found = views.issues(latest_ids)
    counts = ledger.issue_counts(f"issue_id IN ({', '.join('?' * len(latest_ids))})", latest_ids) if latest_ids else {}
    latest = []
    for issue_id in latest_ids:
        issue = found[issue_id]
        issue.docs = Tally(counts.get(issue_id, 0))  # type: ignore[assignment]
        latest.append(issue)
    lone = ledger.count("docs", "issue_id IS NULL")
    return LedgerSite(sorted(gazettes.values(), key=lambda g: g.slug), Tally(issues), Tally(ledger.count("docs")),
                      Tally(lone), latest)


def gazettes_spec(site: LedgerSite) -> PageSpec:
    """gazettes/: every gazette, counted."""
    return _spec(GAZETTES_URL, "gazettes.md.j2", "公报", site=site)


def gazette_specs(g: GazetteView) -> list[PageSpec]:
    """A gazette's page and its coverage page (g with all its issues: gazette_views)."""
    holdings = gazette_coverage(g)
    return [_spec(g.url, "gazette.md.j2", g.name, gazette=g, holdings=holdings, statement=statement(holdings)),
            _spec(f"{g.url}{COVERAGE_URL}", "coverage.md.j2", f"{g.name} 收录情况", gazette=g,
                  holdings=holdings, statement=statement(holdings),
                  issue_urls={i.id: i.url for y in g.years.values() for i in y.issues})]


def coverage_json(gazette: GazetteView) -> bytes:
    """<gazette>/coverage.json: the holdings and gaps of the gazette, as data."""
    data = coverage_data(gazette.slug, gazette.name, gazette_coverage(gazette))
    return json_file(data)


# ---- browse pages ---------------------------------------------------------------------------------


def slugs(ledger: Ledger, kind: str) -> dict[str, str]:
    """name → URL slug of every office (or genre) in the archive."""
    column = KINDS[kind][2]
    return unique_slugs(sorted(ledger.group_counts(column)))


def browse_index_specs(ledger: Ledger, names: dict[str, dict[str, str]]) -> list[PageSpec]:
    """offices/, genres/, years/ and documents/ (the lone documents by year)."""
    specs = []
    for kind, (label, base, column) in KINDS.items():
        counts = ledger.group_counts(column)
        groups = [Group(name, names[kind][name], f"{base}{names[kind][name]}/", Tally(n)) for name, n in counts.items()]
        groups.sort(key=lambda g: (-len(g.docs), g.slug))
        specs.append(_spec(base, "browse.md.j2", f"按{label}浏览", groups=groups, kind=label))
    years = [Group(_year_name(key), key, f"{YEARS_URL}{key}/", Tally(n))
             for key, n in ledger.group_counts("year_key").items()]
    years.sort(key=lambda g: g.slug, reverse=True)
    specs.append(_spec(YEARS_URL, "browse.md.j2", "按年份浏览", groups=years, kind="年份"))
    lone = lone_groups(ledger)
    if lone:
        specs.append(_spec(LONE_URL, "lone.md.j2", "单篇文件", groups=lone))
    return specs


def lone_groups(ledger: Ledger) -> list[Group]:
    counts = ledger.group_counts("part")
    out = []
    for part, n in counts.items():
        folder, _, key = part.partition("/")
        if folder == LONE_PART:
            out.append(Group(f"{key}年" if key != "undated" else "未注明年份", key, f"{LONE_URL}{key}/", Tally(n)))
    return sorted(out, key=lambda g: g.slug, reverse=True)


R = TypeVar("R")  # a page's rows, whatever the list holds


@dataclass(frozen=True, slots=True)
class Pager:
    """Where one page of a long list stands: its number (from 1) among the list's page URLs."""

    number: int
    urls: tuple[str, ...]
    first: int  # the list position (from 1) of its first row

    @property
    def pages(self) -> int:
        return len(self.urls)

    @property
    def url(self) -> str:
        return self.urls[self.number - 1]

    def title(self, title: str) -> str:
        """The list's title, with the page number after the first page."""
        return title if self.number == 1 else f"{title}（第 {self.number} 页）"


def page_urls(url: str, total: int) -> list[str]:
    """The pages of a list of `total` rows: `url`, then `url`2/, 3/ … (LIST_PAGE_ROWS a page)."""
    pages = max(1, math.ceil(total / LIST_PAGE_ROWS))
    return [url, *(f"{url}{k}/" for k in range(2, pages + 1))]


def paged(url: str, total: int, read: Callable[[int, int], R]) -> Iterator[tuple[R, Pager]]:
    """A list of `total` rows at `url`, page by page: read(limit, offset) gives a page's rows
    when that page is written, so a long list (a year of a national archive is ~100,000
    documents, as one page tens of megabytes) is never held whole."""
    urls = tuple(page_urls(url, total))
    for k in range(len(urls)):
        yield read(LIST_PAGE_ROWS, k * LIST_PAGE_ROWS), Pager(k + 1, urls, k * LIST_PAGE_ROWS + 1)


def _pages(ledger: Ledger, views: Views, where: str, args: tuple[object, ...], url: str, total: int
           ) -> Iterator[tuple[list[DocView], Pager]]:
    """A list of documents (newest first) page by page (paged)."""
    return paged(url, total, lambda limit, offset: views.docs(ledger.docs_where(where, args, limit=limit, offset=offset)))


def group_specs(ledger: Ledger, views: Views, kind: str, name: str, slug: str,
                years: set[str] | None) -> Iterator[PageSpec]:
    """An office's or genre's page; over GROUP_PAGE_SIZE documents, one page per year under it
    (all of them, or those in `years`). Made one page at a time, as the caller writes them: the
    biggest group (通知) holds a good part of the archive."""
    label, base, column = KINDS[kind]
    by_year = ledger.group_year_counts(column, name)
    total = sum(by_year.values())
    url = f"{base}{slug}/"
    if total <= GROUP_PAGE_SIZE:
        docs = views.docs(ledger.docs_where(f"{column} = ?", (name,)))
        group = Group(name, slug, url, docs)
        yield _spec(url, "group.md.j2", name, group=group, kind=label, parent=base, years=[], latest=docs, pager=None)
        return
    latest = views.docs(ledger.docs_where(f"{column} = ?", (name,), limit=LATEST_IN_GROUP))
    group = Group(name, slug, url, Tally(total))  # type: ignore[arg-type]
    year_list = [(year, f"{url}{year}/", Tally(by_year[year])) for year in sorted(by_year, reverse=True)]
    yield _spec(url, "group.md.j2", name, group=group, kind=label, parent=base, years=year_list, latest=latest,
                pager=None)
    for year, year_url, _ in year_list:
        if years is not None and year not in years:
            continue
        title = f"{year}年" if year != "undated" else "未注明日期"
        for docs, pager in _pages(ledger, views, f"{column} = ? AND date_year_key = ?", (name, year), year_url,
                                  by_year[year]):
            yield _spec(pager.url, "group_year.md.j2", pager.title(f"{name} {title}"),
                        group=group, kind=label, parent=base, label=title, docs=docs, total=by_year[year],
                        pager=pager)


def group_urls(ledger: Ledger, kind: str, name: str, slug: str) -> list[str]:
    """The URLs group_specs would write for this group (all years)."""
    _, base, column = KINDS[kind]
    by_year = ledger.group_year_counts(column, name)
    url = f"{base}{slug}/"
    if sum(by_year.values()) <= GROUP_PAGE_SIZE:
        return [url]
    return [url, *(page for year, n in by_year.items() for page in page_urls(f"{url}{year}/", n))]


def year_specs(ledger: Ledger, views: Views, key: str) -> Iterator[PageSpec]:
    """years/<year>/ (then 2/, 3/ …): every document of that year, newest first."""
    total = ledger.count("docs", "year_key = ?", (key,))
    name = _year_name(key)
    group = Group(name, key, f"{YEARS_URL}{key}/", Tally(total))  # type: ignore[arg-type]
    for docs, pager in _pages(ledger, views, "year_key = ?", (key,), group.url, total):
        yield _spec(pager.url, "group.md.j2", pager.title(name), group=group,
                    kind="年份", parent=YEARS_URL, years=[], latest=docs, pager=pager)


def year_urls(key: str, total: int) -> list[str]:
    """The URLs year_specs writes for a year of `total` documents."""
    return page_urls(f"{YEARS_URL}{key}/", total)


# ---- changes and feeds ---------------------------------------------------------------------------


class Head(list):  # type: ignore[type-arg]
    """The first items of a longer list, and how long the whole list is (`| length`)."""

    def __init__(self, items: Iterable[object], total: int):
        super().__init__(items)
        self.total = total

    def __len__(self) -> int:
        return self.total


def change_days(store: Store, ledger: Ledger, views: Views, days: int = CHANGE_DAYS) -> list[ChangeDay]:
    """changes.change_days, read a day at a time from the store: the newest `days` days with new
    versions, each with its new issues, new documents (the first CHANGES_LIST_LIMIT by id, and how
    many) and changed documents."""
    recent = store.recent_version_days(days)
    if not recent:
        return []
    firsts: dict[str, list[str]] = defaultdict(list)
    for issue_id, day in store.new_issue_days(recent[-1]).items():
        firsts[day].append(issue_id)
    out = []
    for day in recent:
        new_total, new = store.versions_on(day, first=True, limit=CHANGES_LIST_LIMIT)
        changed_total, changed = store.versions_on(day, first=False, limit=CHANGED_LIST_LIMIT)
        rows = ledger.docs_by_id(sorted({v.doc_id for v in (*new, *changed)}))
        docs = dict(zip((r.id for r in rows.values()), views.docs(list(rows.values()))))
        entry = ChangeDay(day)
        entry.new_docs = Head((Change(docs[v.doc_id], v) for v in new if v.doc_id in docs), new_total)
        entry.changed = Head((Change(docs[v.doc_id], v) for v in changed if v.doc_id in docs), changed_total)
        first_ids = sorted(firsts.get(day, []))  # a first import brings every issue in one day
        issues = views.issues(first_ids[:CHANGES_LIST_LIMIT])
        entry.new_issues = Head(sorted(issues.values(), key=lambda i: i.id), len(first_ids))
        out.append(entry)
    return out


def changes_spec(store: Store, ledger: Ledger, views: Views) -> PageSpec:
    withdrawn = views.docs(ledger.docs_where("withdrawn = 1", order=" ORDER BY issue_id IS NULL, issue_id, ordinal, id"))
    from .pages import CHANGES_URL

    return _spec(CHANGES_URL, "changes.md.j2", "最近变更", days=change_days(store, ledger, views),
                 withdrawn=withdrawn, limit=CHANGES_LIST_LIMIT)


def feed(store: Store, ledger: Ledger, views: Views, gazette: str | None) -> list[FeedEntry]:
    """The newest events of the site (or of one gazette's documents): versions and withdrawals."""
    from .feeds import FEED_SIZE

    where, args = ("gazette_slug = ?", (gazette,)) if gazette is not None else ("", ())
    gone = ledger.docs_where(" AND ".join(filter(None, [where, "withdrawn_at IS NOT NULL"])), args,
                             order=" ORDER BY withdrawn_at DESC, id DESC", limit=FEED_SIZE)
    if gazette is None:
        events = store.newest_versions(FEED_SIZE)
    else:
        newest = ledger.docs_where(where, args, order=" ORDER BY changed DESC, id DESC", limit=FEED_SIZE)
        events = store.newest_versions(FEED_SIZE, [row.id for row in newest])
    rows = ledger.docs_by_id(sorted({v.doc_id for v in events} | {row.id for row in gone}))
    docs = {row.id: view for row, view in zip(rows.values(), views.docs(list(rows.values())))}
    for doc in docs.values():
        doc.history = []
        if doc.withdrawn:
            doc.standing = ListedStanding.of(rows[doc.id].status, store.withdrawal(doc.id))
    for v in events:
        if v.doc_id in docs:
            docs[v.doc_id].history.append(v)
    return feed_entries(list(docs.values()))


# ---- helpers --------------------------------------------------------------------------------------


def _spec(url: str, template: str, title: str, **context: object) -> PageSpec:
    return PageSpec(f"{url}index.md", url, template, title, dict(context))


def _year_name(key: str) -> str:
    return f"{key}年" if key != "undated" else "未注明年份"


def _date(text: str | None) -> dt.date | None:
    return None if text is None else dt.date.fromisoformat(text)

