"""One row per document and per issue: what the site's lists show, derived from a record. Pure.

The site ledger keeps these rows, so the pages that list documents (home, gazettes, browse pages,
changes) are made from small rows read by SQL, a group at a time, instead of from every record in
memory; and comparing a document's new row with its old one tells which lists it changes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .. import ids
from ..script import fold_name
from ..search.postings import DocPostings
from ..stored import LatestRecord
from ..validity import STATUS_LABELS, Event, Fact, assess
from .pages import group_name

LONE_PART = "documents"


@dataclass(frozen=True, slots=True)
class IssueRow:
    id: str
    part: str  # the gazette-year folder, e.g. benxi/2021
    url: str  # benxi/2021/02/
    gazette_slug: str
    gazette: str | None
    year: int
    number: int | None
    total_number: int | None
    published: str | None  # ISO date
    publisher: str | None
    script: str

    @property
    def label(self) -> str:
        """2021年第2期, as pages.issue_label."""
        return f"{self.year}年第{self.number}期" if self.number is not None else "未编号期次"


@dataclass(frozen=True, slots=True)
class DocRow:
    num: int
    id: str
    part: str  # benxi/2021, or documents/2019 (documents/undated) for a lone document
    url: str
    issue_id: str | None  # None: a lone document
    ordinal: int
    title: str
    number: str | None  # canonical 文号
    agency: str | None
    number_year: int | None
    serial: int | None
    office: str | None  # as the document has it
    genre: str | None
    date: str | None  # signed, else published, else the issue's date (ISO)
    year: int | None  # the gazette-year, else the document's own year
    withdrawn: bool
    version: int
    content_sha: str
    changed: str  # when the latest version was written
    length: int  # search: the document's length as BM25 counts it
    postings: int  # search: distinct tokens
    status: str  # validity (时效性) on the build's day: in-force, repealed … (validity.Status)
    valid_until: str | None  # the first day after the build's on which that status may change
    withdrawn_at: str | None  # when the capture that showed it gone was taken (a withdrawn one)

    @property
    def office_name(self) -> str:
        """The browse group: the office whatever its script (北溪区 and 北溪區), or 未注明."""
        return group_name(self.office)

    @property
    def genre_name(self) -> str:
        return group_name(self.genre)

    @property
    def office_facet(self) -> str | None:
        """The search filter's value: one per office whatever its script."""
        return fold_name(self.office) if self.office else None

    @property
    def genre_facet(self) -> str | None:
        return fold_name(self.genre) if self.genre else None

    @property
    def dyear(self) -> str | None:
        """The search filter on the document's own year (its date's)."""
        return self.date[:4] if self.date else None

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]  # type: ignore[index]

    @property
    def year_key(self) -> str:
        """The browse-by-year group: the document's date's year, else its year, else undated."""
        return self.date[:4] if self.date else (str(self.year) if self.year else "undated")

    @property
    def date_year_key(self) -> str:
        """The year page of a large office or genre: the date's year, else undated."""
        return self.date[:4] if self.date else "undated"

    @property
    def gazette_slug(self) -> str | None:
        return None if self.issue_id is None else self.part.split("/")[0]


def issue_row(record: LatestRecord) -> IssueRow | None:
    """The record's issue as the site shows it, or None for a lone document."""
    issue = record.issue
    folder = ids.issue_folder(issue) if issue is not None else None
    if issue is None or record.issue_id is None or folder is None or issue.year is None:
        return None
    slug, year, _ = folder.strip("/").split("/")
    return IssueRow(
        id=record.issue_id, part=f"{slug}/{year}", url=folder.lstrip("/"), gazette_slug=slug,
        gazette=issue.gazette, year=issue.year, number=issue.number, total_number=issue.total_number,
        published=_iso(issue.published), publisher=issue.publisher, script=issue.script,
    )


@dataclass(frozen=True, slots=True)
class Standing:
    """What a list row shows of a document's standing on the build's day (the document page
    shows the whole of standing.Standing)."""

    status: str
    valid_until: str | None
    withdrawn_at: str | None


def validity_row(facts: list[Fact], events: list[Event], today: dt.date, withdrawn_at: str | None) -> Standing:
    """The status on `today`, and the first later day on which it may change."""
    later = [day for day in transitions(facts, events) if day > today]
    return Standing(assess(facts, events, today).status, min(later).isoformat() if later else None, withdrawn_at)


def transitions(facts: list[Fact], events: list[Event]) -> set[dt.date]:
    """Every day on which a document's status can change: its facts' dates and the day after
    each (a last day in force), and the days other documents act on it (validity.assess)."""
    days = {e.date for e in events if e.date is not None}
    for fact in facts:
        if fact.date is not None:
            days |= {fact.date, fact.date + dt.timedelta(days=1)}
    return days


def doc_row(record: LatestRecord, postings: DocPostings, standing: Standing) -> DocRow:
    """The record's row (same date, year and URL rules as pages.build_site)."""
    doc = record.document
    issue = issue_row(record)
    issue_date = record.issue.published if issue is not None and record.issue is not None else None
    date = doc.signed or doc.published or issue_date
    if issue is not None:
        year: int | None = issue.year
        part = issue.part
    else:
        year = date.year if date else ids.document_year(doc)
        part = f"{LONE_PART}/{ids.document_year(doc) or 'undated'}"
    url = ids.document_url(record.doc_id, record.issue if issue is not None else None, ids.document_year(doc))
    number = doc.doc_number
    return DocRow(
        num=record.num, id=record.doc_id, part=part, url=url.lstrip("/"),
        issue_id=issue.id if issue is not None else None, ordinal=record.ordinal, title=doc.title,
        number=number.canonical if number else None, agency=number.agency if number else None,
        number_year=number.year if number else None, serial=number.serial if number else None,
        office=doc.office, genre=doc.doc_type, date=_iso(date), year=year,
        withdrawn=record.status == "withdrawn", version=record.version, content_sha=record.content_sha256,
        changed=record.created, length=postings.length, postings=len(postings.counts),
        status=standing.status, valid_until=standing.valid_until, withdrawn_at=standing.withdrawn_at,
    )


def _iso(date: dt.date | None) -> str | None:
    return None if date is None else date.isoformat()
