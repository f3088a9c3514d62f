"""One row per document and per issue: what the site's lists show, derived from a record. Pure.

The site ledger keeps these rows, so the pages that list documents (home, gazettes, browse pages,
changes) are made from small rows read by SQL, a group at a time, instead of from every record in
memory; and comparing a document's new row with its old one tells which lists it changes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .. import ids
from ..search.postings import DocPostings
from ..stored import LatestRecord
from .pages import UNSPECIFIED

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

    @property
    def office_name(self) -> str:
        """The browse group: the office, or 未注明."""
        return (self.office or "").strip() or UNSPECIFIED

    @property
    def genre_name(self) -> str:
        return (self.genre or "").strip() or UNSPECIFIED

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


def doc_row(record: LatestRecord, postings: DocPostings) -> DocRow:
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
    )


def _iso(date: dt.date | None) -> str | None:
    return None if date is None else date.isoformat()
