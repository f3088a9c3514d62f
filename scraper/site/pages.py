"""The store's latest records → the site's generated pages. Pure: no I/O, no MkDocs.

One pass over the records groups documents by issue, gazette-year, gazette, office, genre and
year; each group becomes one page that lists its members, and each document one page of its own.
Every document is touched a fixed number of times, so the work is linear in the archive; nothing
here lists the whole archive on every page (the navigation stays a fixed, hand-made list).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from .. import ids
from ..coverage import Coverage, IssueRef, coverage
from ..model import DocNumber, Document, Issue
from ..script import fold_name
from ..search.entry import SearchEntry
from ..standing import Standing
from ..stored import LatestRecord, VersionSummary, WithdrawnBy
from ..validity import STATUS_LABELS
from .structure import head_lines

GAZETTES_URL = "gazettes/"
LONE_URL = "documents/"
OFFICES_URL = "offices/"
GENRES_URL = "genres/"
YEARS_URL = "years/"
SEARCH_URL = "search/"
UNSPECIFIED = "未注明"
UNSPECIFIED_SLUG = "unspecified"
LATEST_ISSUES = 10
GROUP_PAGE_SIZE = 200  # an office or genre with more documents is browsed year by year
LIST_PAGE_ROWS = 500  # rows of a browse page; a longer list goes on over numbered pages (2/, 3/ …)
LATEST_IN_GROUP = 50
CHANGES_URL = "changes/"
COVERAGE_URL = "coverage/"  # under a gazette: its holdings, issue by issue
CAPTURES_URL = "captures/"  # under an issue or a lone document: its raw captures, shown as text
DOWNLOADS_URL = "downloads/"
REASON_LABELS = {"new": "新增", "source": "原始页面更新", "processing": "处理程序更新"}
# Related documents are shown from this share of distinctive text in common. Below it, pairs share
# a topic's stock phrasing, not a template (on the 386-document sample archive three pairs in four
# of those found lie under 0.15, e.g. two unrelated 管理办法 at 0.13; above 0.2 they are the
# same text adapted: 管理办法 and 暂行办法 of one city, one city's plan copied by another).
RELATED_SHOWN = 0.15


@dataclass(frozen=True, slots=True)
class Names:
    """The URL slug of every office and genre name of the archive (browse pages), decided over
    the whole archive (colliding slugs get a hash: unique_slugs)."""

    office: dict[str, str]
    genre: dict[str, str]


@dataclass(frozen=True, slots=True)
class Listed:
    """What a list row shows of a document (a DocView.doc on pages made from the site ledger)."""

    title: str
    doc_number: DocNumber | None
    office: str | None
    doc_type: str | None


class Tally(Sequence[Any]):
    """Stands for a list of which a page made from the site ledger knows only the length
    (issue.docs on the home page): `| length` works, iterating is a template error."""

    def __init__(self, count: int):
        self.count = count

    def __len__(self) -> int:
        return self.count

    def __getitem__(self, index: Any) -> Any:
        raise TypeError("only the number of these items is known on this page")

    def __iter__(self) -> Iterator[Any]:
        raise TypeError("only the number of these items is known on this page")


@dataclass(frozen=True, slots=True)
class ListedValidity:
    status: str

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.status]  # type: ignore[index]


@dataclass(frozen=True, slots=True)
class ListedStanding:
    """What a list row shows of a document's standing (its validity badge), in the shape of
    standing.Standing, for pages that list documents without showing them."""

    validity: ListedValidity
    withdrawn: WithdrawnBy | None = None

    @classmethod
    def of(cls, status: str, withdrawn: WithdrawnBy | None = None) -> ListedStanding:
        return cls(ListedValidity(status), withdrawn)


@dataclass(slots=True)
class DocView:
    """One document as the pages show it (built once, shared by every list it appears in)."""

    id: str
    url: str
    doc: Document | Listed
    issue: IssueView | None
    status: str
    version: int
    content_sha256: str
    source_location: str
    source_sha256: str
    source_captured: str
    date: dt.date | None  # signed, else published, else the issue's date
    year: int | None  # the gazette-year of its issue, else its own year
    office_url: str = ""
    genre_url: str = ""
    year_url: str = ""
    history: list[VersionSummary] = field(default_factory=list)  # every version, oldest first
    related: list[tuple[DocView, float]] = field(default_factory=list)  # similar texts (related.py)
    standing: Standing | ListedStanding | None = None  # validity, citations, withdrawal, provenance (standing.py)

    @property
    def shown_related(self) -> list[tuple[DocView, float]]:
        """The related documents worth a reader's click (RELATED_SHOWN and above)."""
        return [(other, similarity) for other, similarity in self.related if similarity >= RELATED_SHOWN]

    @property
    def lang(self) -> str:
        """The BCP 47 tag of the document's script: zh-Hant for Traditional text, "" otherwise."""
        return script_lang(self.doc.script)

    @property
    def json_url(self) -> str:
        """The document's data beside its folder: benxi/2021/02/<doc-id>.json."""
        return self.url.rstrip("/") + ".json"

    @property
    def title(self) -> str:
        return self.doc.title

    @property
    def number(self) -> str | None:
        return self.doc.doc_number.canonical if self.doc.doc_number else None

    @property
    def source_is_http(self) -> bool:
        return self.source_location.lower().startswith(("http://", "https://"))

    @property
    def withdrawn(self) -> bool:
        return self.status == "withdrawn"

    @property
    def validity_label(self) -> str | None:
        """尚未施行 / 现行有效 / 已修改 / 已废止 / 已失效 / 未知, once the plugin has read it."""
        return self.standing.validity.label if self.standing else None

    @property
    def captures_url(self) -> str:
        """Where the archived raw captures behind this document are shown as text: beside its
        issue (one capture holds the whole issue), or beside a lone document."""
        return (self.issue.url if self.issue else self.url) + CAPTURES_URL

    def capture_url(self, sha256: str) -> str:
        return f"{self.captures_url}{sha256}.html"


@dataclass(slots=True)
class IssueView:
    id: str
    url: str
    issue: Issue
    gazette: GazetteView
    docs: list[DocView] = field(default_factory=list)

    @property
    def label(self) -> str:
        return issue_label(self.issue)

    @property
    def year_url(self) -> str:
        return f"{self.gazette.url}{self.issue.year}/"


@dataclass(slots=True)
class YearView:
    """One gazette's issues of one year."""

    gazette: GazetteView
    year: int
    url: str
    issues: list[IssueView] = field(default_factory=list)  # or a Tally, on the overview pages
    counted: int | None = None  # its documents, when only counted (lists.ledger_site)

    @property
    def documents(self) -> int:
        return self.counted if self.counted is not None else sum(len(issue.docs) for issue in self.issues)


@dataclass(slots=True)
class GazetteView:
    slug: str
    name: str
    url: str
    years: dict[int, YearView] = field(default_factory=dict)

    @property
    def issues(self) -> int:
        return sum(len(year.issues) for year in self.years.values())

    @property
    def documents(self) -> int:
        return sum(year.documents for year in self.years.values())

    def sorted_years(self) -> list[YearView]:
        return [self.years[y] for y in sorted(self.years, reverse=True)]


@dataclass(slots=True)
class Group:
    """Documents sharing an office, a genre or a year: one browse page."""

    name: str
    slug: str
    url: str
    docs: list[DocView] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class PageSpec:
    """A page to generate: where, from which template, its title and what the template sees."""

    src_uri: str
    url: str
    template: str
    title: str
    context: dict[str, Any]


@dataclass(slots=True)
class Site:
    """Everything the templates need, grouped once."""

    gazettes: list[GazetteView]
    issues: list[IssueView]
    docs: list[DocView]
    lone: list[DocView]
    offices: list[Group]
    genres: list[Group]
    years: list[Group]

    @property
    def latest_issues(self) -> list[IssueView]:
        return sorted(self.issues, key=_issue_sort_key, reverse=True)[:LATEST_ISSUES]

    @property
    def lone_years(self) -> list[Group]:
        by_year: dict[str, Group] = {}
        for doc in self.lone:
            key = str(doc.year) if doc.year else "undated"
            group = by_year.get(key)
            if group is None:
                name = f"{doc.year}年" if doc.year else "未注明年份"
                group = by_year[key] = Group(name, key, f"{LONE_URL}{key}/")
            group.docs.append(doc)
        return sorted(by_year.values(), key=lambda g: g.slug, reverse=True)


def script_lang(script: str) -> str:
    return "zh-Hant" if script == "traditional" else ""


def issue_label(issue: Issue) -> str:
    """2021年第2期 (总第116期 is shown apart)."""
    if issue.year is not None and issue.number is not None:
        return f"{issue.year}年第{issue.number}期"
    return "未编号期次"


def build_site(records: Iterable[LatestRecord], names: Names | None = None,
               gazette_names: dict[str, str] | None = None) -> Site:
    """Group the records (in the store's reading order) into gazettes, issues and browse groups.

    A site build gives the archive-wide `names` (browse URLs) and `gazette_names` and groups one
    partition's records: its browse groups are then left empty (site/lists.py makes those)."""
    gazettes: dict[str, GazetteView] = {}
    issues: dict[str, IssueView] = {}
    docs: list[DocView] = []
    lone: list[DocView] = []
    for record in records:
        issue_view = _issue_view(record, gazettes, issues, gazette_names or {})
        doc = record.document
        issue = issue_view.issue if issue_view else None
        date = doc.signed or doc.published or (issue.published if issue else None)
        year = issue.year if issue and issue.year else (date.year if date else ids.document_year(doc))
        url = ids.document_url(record.doc_id, issue if issue_view else None, ids.document_year(doc))
        view = DocView(
            id=record.doc_id, url=url.lstrip("/"), doc=doc, issue=issue_view, status=record.status,
            version=record.version, content_sha256=record.content_sha256,
            source_location=record.source.location, source_sha256=record.source.sha256,
            source_captured=record.source.captured, date=date, year=year,
        )
        docs.append(view)
        (issue_view.docs if issue_view else lone).append(view)
    for issue_view in issues.values():
        issue_view.docs.sort(key=lambda d: (d.doc.ordinal, d.id))
    for gazette in gazettes.values():
        for year_view in gazette.years.values():
            year_view.issues.sort(key=lambda i: (i.issue.number or 0, i.id))
    if names is None:
        # One office, one genre whatever the script a page was printed in (北溪区 and 北溪區).
        offices = _groups(docs, lambda d: d.doc.office, OFFICES_URL, "office_url")
        genres = _groups(docs, lambda d: d.doc.doc_type, GENRES_URL, "genre_url")
        years = _year_groups(docs)
    else:
        offices, genres, years = [], [], []
        for doc in docs:
            doc.office_url = f"{OFFICES_URL}{names.office[group_name(doc.doc.office)]}/"
            doc.genre_url = f"{GENRES_URL}{names.genre[group_name(doc.doc.doc_type)]}/"
            doc.year_url = f"{YEARS_URL}{year_key(doc)}/"
    return Site(
        gazettes=sorted(gazettes.values(), key=lambda g: g.slug),
        issues=list(issues.values()), docs=docs, lone=lone,
        offices=offices, genres=genres, years=years,
    )


def _issue_view(
    record: LatestRecord, gazettes: dict[str, GazetteView], issues: dict[str, IssueView],
    gazette_names: dict[str, str],
) -> IssueView | None:
    issue = record.issue
    folder = ids.issue_folder(issue) if issue is not None else None
    if issue is None or record.issue_id is None or folder is None or issue.year is None:
        return None
    found = issues.get(record.issue_id)
    if found is not None:
        return found
    slug = folder.strip("/").split("/")[0]
    gazette = gazettes.get(slug)
    if gazette is None:
        # Named in Simplified: its Traditional issues (青嵐市人民政府公報) are the same gazette.
        name = gazette_names.get(slug) or (fold_name(issue.gazette) if issue.gazette else slug)
        gazette = gazettes[slug] = GazetteView(slug, name, f"{slug}/")
    year = gazette.years.get(issue.year)
    if year is None:
        year = gazette.years[issue.year] = YearView(gazette, issue.year, f"{slug}/{issue.year}/")
    view = issues[record.issue_id] = IssueView(record.issue_id, folder.lstrip("/"), issue, gazette)
    year.issues.append(view)
    return view


def group_name(value: str | None) -> str:
    """The browse group of an office or genre: the name whatever its script (北溪区 and 北溪區),
    or 未注明."""
    return fold_name(value or "").strip() or UNSPECIFIED


def year_key(doc: DocView) -> str:
    """The browse-by-year group: the date's year, else the document's year, else undated."""
    return str(doc.date.year) if doc.date else (str(doc.year) if doc.year else "undated")


def _groups(docs: list[DocView], key: Any, base: str, attr: str) -> list[Group]:
    """Documents by a name, each name with an ASCII slug; colliding slugs get a hash suffix."""
    by_name: dict[str, list[DocView]] = defaultdict(list)
    for doc in docs:
        by_name[group_name(key(doc))].append(doc)
    slugs = unique_slugs(by_name)
    groups = []
    for name, members in by_name.items():
        group = Group(name, slugs[name], f"{base}{slugs[name]}/", sorted(members, key=_newest_first))
        for doc in members:
            setattr(doc, attr, group.url)
        groups.append(group)
    return sorted(groups, key=lambda g: (-len(g.docs), g.slug))


def unique_slugs(names: Iterable[str]) -> dict[str, str]:
    """name → slug (pinyin); names whose slugs collide (黄石/黃石) each get a short hash of the name."""
    base = {name: UNSPECIFIED_SLUG if name == UNSPECIFIED else (ids.slug(name) or "x") for name in names}
    counts: dict[str, int] = defaultdict(int)
    for slug in base.values():
        counts[slug] += 1
    return {
        name: slug if counts[slug] == 1 else f"{slug}-{hashlib.sha1(name.encode('utf-8')).hexdigest()[:6]}"
        for name, slug in base.items()
    }


def _year_groups(docs: list[DocView]) -> list[Group]:
    by_year: dict[str, Group] = {}
    for doc in docs:
        key = year_key(doc)
        group = by_year.get(key)
        if group is None:
            name = f"{key}年" if key != "undated" else "未注明年份"
            group = by_year[key] = Group(name, key, f"{YEARS_URL}{key}/")
        group.docs.append(doc)
        doc.year_url = group.url
    for group in by_year.values():
        group.docs.sort(key=_newest_first)
    return sorted(by_year.values(), key=lambda g: g.slug, reverse=True)


def _newest_first(doc: DocView) -> tuple[int, str]:
    return (-(doc.date.toordinal() if doc.date else 0), doc.id)


def _issue_sort_key(issue: IssueView) -> tuple[dt.date, int, str]:
    meta = issue.issue
    return (meta.published or dt.date(meta.year or 1, 1, 1), meta.number or 0, issue.id)


def gazette_coverage(gazette: GazetteView) -> Coverage:
    """Which issues of the gazette the archive holds and which its numbering says are missing."""
    return coverage(IssueRef(issue.id, year.year, issue.issue.number, issue.issue.total_number, issue.issue.published)
                    for year in gazette.years.values() for issue in year.issues if issue.issue.number is not None)


def breadcrumbs(doc: DocView) -> list[tuple[str, str]]:
    """(label, site-relative url) from the gazette list down to the document's issue or year."""
    if doc.issue is not None:
        issue = doc.issue
        return [
            ("公报", GAZETTES_URL),
            (issue.gazette.name, issue.gazette.url),
            (f"{issue.issue.year}年", issue.year_url),
            (issue.label, issue.url),
        ]
    year = str(doc.year) if doc.year else "undated"
    return [("公报", GAZETTES_URL), ("单篇文件", LONE_URL),
            (f"{doc.year}年" if doc.year else "未注明年份", f"{LONE_URL}{year}/")]


def search_entries(site: Site) -> list[SearchEntry]:
    """One search entry per document."""
    return [search_entry(doc) for doc in site.docs]


def search_entry(doc: DocView) -> SearchEntry:
    """The fields the search index needs, from one document."""
    number = doc.doc.doc_number
    issue = doc.issue
    return SearchEntry(
        doc_id=doc.id,
        url=doc.url,
        title=doc.title,
        number=number.canonical if number else None,
        number_agency=number.agency if number else None,
        number_year=number.year if number else None,
        number_serial=number.serial if number else None,
        office=fold_name(doc.doc.office) if doc.doc.office else None,  # facet values: one per office
        genre=fold_name(doc.doc.doc_type) if doc.doc.doc_type else None,
        date=doc.date.isoformat() if doc.date else None,
        gazette=issue.gazette.name if issue else None,
        year=doc.year,
        issue=issue.label if issue else None,
        text=doc.doc.text,
        withdrawn=doc.withdrawn,
        status=doc.validity_label,
        head_lines=head_lines(doc.doc),
    )
