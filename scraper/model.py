"""The records passed between the pipeline stages. No I/O here.

raw bytes ─decode→ Page ─clean→ CleanText ─split→ IssueText ─metadata→ Parsed(Issue, Document…)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from functools import lru_cache
from operator import attrgetter
from typing import Literal, TypeVar

Script = Literal["simplified", "traditional"]
PageKind = Literal["html", "text"]
T = TypeVar("T")


def by_fields(cls: type[T]) -> type[T]:
    """Pickle a frozen slots dataclass as cls(*fields). Worker results cross the process pipe 3-4×
    faster than in dataclasses' default slot state, which is set again field by field in Python.
    Not for a class that is subclassed: a subclass's object would come back as `cls`."""
    names = [f.name for f in fields(cls)]  # type: ignore[arg-type]
    get, single = attrgetter(*names), len(names) == 1

    def __reduce__(self: T) -> tuple[type[T], tuple[object, ...]]:
        return cls, (get(self),) if single else get(self)

    cls.__reduce__ = __reduce__  # type: ignore[method-assign,assignment]
    return cls


@by_fields
@dataclass(frozen=True, slots=True)
class Notice:
    """A warning about one capture that the editor should read (never fatal)."""

    code: str  # short stable name, e.g. "toc-mismatch"
    message: str
    line: int | None = None  # 1-based line in the cleaned text, where it helps


@by_fields
@dataclass(frozen=True, slots=True)
class Capture:
    """Raw bytes exactly as read or fetched, with where and when."""

    location: str  # URL or file path
    raw: bytes
    sha256: str
    captured: str  # ISO 8601 date-time, UTC
    media_type: str | None = None  # from the HTTP header or the file suffix


@by_fields
@dataclass(frozen=True, slots=True)
class Page:
    """A capture decoded to text."""

    location: str
    kind: PageKind
    text: str
    encoding: str
    encoding_source: str  # "bom", "http", "meta", "utf-8", "sniffed", …
    notices: tuple[Notice, ...] = ()


@by_fields
@dataclass(frozen=True, slots=True)
class Removal:
    """One line or element that clean() dropped, kept for the audit."""

    rule: str  # a name in patterns.py / clean rules, e.g. "hidden-style"
    text: str
    line: int | None = None  # 1-based source line where known


@by_fields
@dataclass(frozen=True, slots=True)
class Table:
    """A real table kept from HTML: rows of cell texts."""

    rows: tuple[tuple[str, ...], ...]


@by_fields
@dataclass(frozen=True, slots=True)
class Line:
    """One line of cleaned content. Table cells are one line each, in reading order."""

    text: str  # stripped of surrounding blanks; inner spacing kept
    source: int | None = None  # 1-based line in the source (text dumps) or HTML
    cell: tuple[int, int, int] | None = None  # (table index, row, column) for a table cell


@by_fields
@dataclass(frozen=True, slots=True)
class CleanText:
    """What a reader sees as the bulletin's content, minus spam and chrome."""

    location: str
    lines: tuple[Line, ...]
    tables: tuple[Table, ...] = ()
    meta: tuple[tuple[str, str], ...] = ()  # CMS page fields, e.g. ("发布机构", "本溪市人民政府办公室")
    page_title: str | None = None
    removals: tuple[Removal, ...] = ()
    notices: tuple[Notice, ...] = ()


@by_fields
@dataclass(frozen=True, slots=True)
class TocEntry:
    """One entry of an issue's 目录."""

    title: str
    number: str | None  # 文号 as printed in the entry, if any
    line: int  # index into CleanText.lines
    section: str | None = None  # the section header above it, e.g. 本溪市人民政府令


@by_fields
@dataclass(frozen=True, slots=True)
class DocumentSpan:
    """A document's place in the cleaned lines: [start, end) indices, and its header's parts."""

    start: int
    end: int
    kind: Literal["document", "order", "speech", "page", "duplicate"] = "document"
    title: tuple[int, int] | None = None  # [first, last) line indices of the (wrapped) title
    number: int | None = None  # index of the line holding the 文号
    banner: int | None = None  # index of a "XX文件" / "XX令" header line
    toc: TocEntry | None = None


@by_fields
@dataclass(frozen=True, slots=True)
class IssueText:
    """An issue cut into its parts: header lines, table of contents and document spans."""

    clean: CleanText
    header: tuple[int, int]  # [start, end) of the lines before the first document
    toc: tuple[TocEntry, ...]
    spans: tuple[DocumentSpan, ...]
    notices: tuple[Notice, ...] = ()
    # Each line as the rules read it (normalize.py: mirror glosses gone, widths folded), aligned
    # with clean.lines; values are printed back from clean.lines.
    texts: tuple[str, ...] = ()
    imprint: tuple[int, int] = (0, 0)  # [start, end) of the issue's imprint printed under its last document


@by_fields
@dataclass(frozen=True, slots=True)
class DocNumber:
    """A 文号: 本政办发〔2021〕1号 → agency 本政办发, year 2021, serial 1 (docnumber.py reads them)."""

    raw: str  # exactly as found in the text
    agency: str  # as printed before the year or 第 (orders: the whole issuer, 北京市人民政府令)
    year: int | None
    serial: int
    canonical: str  # half-width digits, 〔〕 around the year, no spaces, pinyin glosses removed
    printed: str = ""  # the canonical spelling with what the page prints kept (第, glosses): the export's

    @property
    def is_order(self) -> bool:
        """A 令: 北京市人民政府令第183号, 济南市人民政府第201号令."""
        return self.agency.endswith("令") or self.canonical.endswith("号令")

    @property
    def key(self) -> str:
        """Identity whatever the script: 黃政發〔2019〕14號 and 黄政发〔2019〕14号 share it."""
        return _fold_number(self.canonical)

    @property
    def key_agency(self) -> str:
        return _fold_number(self.agency)


@lru_cache(maxsize=65536)  # matching asks for the keys of the same 文号 many times
def _fold_number(text: str) -> str:
    from .script import to_simplified  # late: script imports model

    return to_simplified(text).replace("號", "号")


@by_fields
@dataclass(frozen=True, slots=True)
class Issue:
    """Metadata of one gazette issue (期)."""

    gazette: str | None
    year: int | None
    number: int | None
    total_number: int | None
    published: dt.date | None
    publisher: str | None
    script: Script


@by_fields
@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str


Block = Paragraph | Table


@by_fields
@dataclass(frozen=True, slots=True)
class Document:
    """One document of an issue, with its metadata and cleaned text."""

    ordinal: int
    title: str
    doc_number: DocNumber | None
    office: str | None
    doc_type: str | None
    signed: dt.date | None
    published: dt.date | None
    recipients: str | None
    attachments: tuple[str, ...]
    script: Script
    lines: tuple[str, ...]  # the cleaned text, one line each (table cells one per line)
    blocks: tuple[Block, ...]  # the same text with structure: paragraphs and real tables
    toc_title: str | None = None
    toc_number: str | None = None
    # Fields an editor corrected (overrides/*.toml): (field, what the pipeline had read), sorted.
    overrides: tuple[tuple[str, str | None], ...] = ()
    # Where each value was read: (field, source), e.g. ("office", "signature"), ("doc_number", "field:文号").
    sources: tuple[tuple[str, str], ...] = ()
    # Every issuer of a jointly issued document, as printed (office is them joined by a space).
    issuers: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


@by_fields
@dataclass(frozen=True, slots=True)
class Parsed:
    """Everything the pipeline made of one capture."""

    capture: Capture
    page: Page
    clean: CleanText
    issue: Issue | None  # None for a page that holds one document outside any issue
    documents: tuple[Document, ...]
    notices: tuple[Notice, ...] = field(default=())  # every stage's, decode's included, each once
    source_url: str | None = None  # the address the page prints as its own (provenance.printed_url)
