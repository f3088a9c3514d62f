"""The records the store hands back: what add() did, and rows read for export, audit and diff."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .model import Document, Issue, Notice, Removal

Status = Literal["current", "withdrawn"]
Reason = Literal["new", "source", "processing"]


@dataclass(frozen=True, slots=True)
class AddReport:
    """What Store.add() did with one capture."""

    capture_id: int
    issue_id: str | None
    documents: int  # documents the capture holds
    new_documents: int
    new_versions: int  # including the first version of each new document
    unchanged: int
    duplicate_capture: bool  # same bytes already stored under this pipeline version: nothing added
    document_ids: tuple[str, ...] = ()  # in the capture's order
    withdrawn: tuple[str, ...] = ()  # documents of the issue no longer at this location
    # Why the capture is held for an editor (garbled, or damaged and replacing stored text); its
    # documents went in nowhere. None: they went in.
    suspect: str | None = None


@dataclass(frozen=True, slots=True)
class StoredCapture:
    """One row of the captures table (the raw bytes stay in the store: Store.raw(sha256))."""

    id: int
    sha256: str
    location: str
    captured: str
    media_type: str | None
    encoding: str | None
    pipeline_version: str
    issue_id: str | None


@dataclass(frozen=True, slots=True)
class StoredVersion:
    """One immutable version of a document."""

    doc_id: str
    version: int
    capture_id: int
    created: str
    pipeline_version: str
    reason: Reason
    content_sha256: str
    document: Document


@dataclass(frozen=True, slots=True)
class Suspect:
    """A capture held for an editor: stored, audited, but behind no version until confirmed."""

    capture: StoredCapture
    reason: str
    documents: int  # documents the pipeline read in it
    held: str  # when it was held
    confirmed: str | None = None  # when an editor confirmed its bytes


@dataclass(frozen=True, slots=True)
class StoredDocument:
    """A document's identity and state, with its latest version."""

    id: str
    issue_id: str | None
    ordinal: int
    status: Status
    first_seen: str
    latest: StoredVersion


@dataclass(frozen=True, slots=True)
class Source:
    """Where the bytes behind a version came from."""

    location: str
    sha256: str
    captured: str


@dataclass(frozen=True, slots=True)
class VersionSummary:
    """One version's metadata without its text: for history boxes, feeds and per-document JSON."""

    doc_id: str
    version: int
    created: str
    pipeline_version: str
    reason: Reason
    content_sha256: str
    doc_number: str | None  # canonical 文号 of that version
    title: str
    source: Source


@dataclass(frozen=True, slots=True)
class LatestRecord:
    """The latest version of one document with its issue and source: one line of the export."""

    doc_id: str
    issue_id: str | None
    issue: Issue | None
    ordinal: int
    status: Status
    version: int  # versions are numbered 1…n, so this is also how many the store holds
    content_sha256: str
    document: Document
    source: Source
    num: int = 0  # the document's permanent number (search index, build partitions)
    created: str = ""  # when the latest version was written


@dataclass(frozen=True, slots=True)
class Audit:
    """What the pipeline dropped from a capture and what it warned about."""

    removals: tuple[Removal, ...]
    notices: tuple[Notice, ...]


@dataclass(frozen=True, slots=True)
class WarcEntry:
    """Where one fetched response lies in the store's WARC files (gazette fetch)."""

    warc_file: str  # relative to the store's folder
    offset: int
    length: int
    url: str
    sha256: str | None  # of the decoded payload
    fetched: str
    status: int


@dataclass(frozen=True, slots=True)
class QueuedUrl:
    """One URL of a fetch run, as the store remembers it (so an interrupted run resumes)."""

    run_id: int
    url: str
    kind: str  # listing, issue, page
    source: str | None
    page: int | None
    state: str  # queued, done, failed, skipped
    note: str | None = None


@dataclass(frozen=True, slots=True)
class StoreState:
    """Which store, how far its change journal goes, and when it last changed (ISO 8601)."""

    store_id: str
    seq: int
    as_of: str


@dataclass(frozen=True, slots=True)
class WithdrawnBy:
    """The capture of a document's page that no longer held it."""

    capture_id: int
    location: str
    sha256: str
    captured: str


@dataclass(frozen=True, slots=True)
class CitationLink:
    """One document naming another: resolved to a document when the archive holds exactly one
    with that 文号 or title (matches 2+: ambiguous, not linked; 0: not in the archive)."""

    source: str  # the citing document's id
    kind: str  # citations.Kind: cites, repeals, amends, expires, confirms, interprets
    by: str  # number or title
    key: str
    text: str  # as printed
    sentence: str
    target: str | None
    matches: int
    source_title: str
    source_url: str
    target_title: str | None
    target_url: str | None
