"""What the store derives from each document of a capture alone, without reading the store: its
record's canonical JSON and content hash, its 文号 key, place and id, and its cross-document facts
(the keys it is cited by, what it cites, what it says of its own force).

`ingest` computes these in the worker processes, next to the pipeline, so that the one process
writing the store only reads and writes SQLite. The store uses a derivation only for the very
document object it was made from and for the inputs it was made with (the same location, the same
page fields); for anything else (an editor's split or field corrections, a lone page's fields
read from another capture) it derives again, so the rows written never depend on where the work
ran.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from . import citations as C
from . import ids, records, validity
from .model import Document, Issue, Parsed, by_fields
from .validity import Fact

PageInputs = tuple[tuple[tuple[str, str], ...], tuple[str, ...]]  # (page fields, context lines)
NO_PAGE: PageInputs = ((), ())


class DocumentFacts:
    """One document's derivations, each computed on first use (a worker computes them all)."""

    def __init__(self, doc: Document, issue_key: str | None = None, gazette_place: str | None = None,
                 location: str = "", page: PageInputs = NO_PAGE):
        self.document = doc
        self.issue_key = issue_key
        self.gazette_place = gazette_place
        self.location = location
        self.page = page  # what own_facts read besides the document

    @property
    def record(self) -> dict[str, Any]:
        """records.to_record(document), made again on each use (not kept, not sent between processes)."""
        return records.to_record(self.document)

    @cached_property
    def record_json(self) -> str:
        self._encode()
        return self.record_json

    @cached_property
    def content(self) -> str:
        self._encode()
        return self.content

    def _encode(self) -> None:
        """The record's canonical JSON and content hash, from one to_record."""
        record = self.record
        self.__dict__["record_json"], self.__dict__["content"] = records.dumps_and_content(record)

    @cached_property
    def number_key(self) -> str | None:
        number = self.document.doc_number
        return number.key if number else None

    @cached_property
    def place(self) -> str | None:
        return ids.document_place(self.document, self.gazette_place)

    @cached_property
    def base_id(self) -> str:
        return ids.document_id(self.document, self.issue_key, self.gazette_place, self.location)

    @cached_property
    def keys(self) -> tuple[tuple[str, str], ...]:
        return tuple(C.document_keys(self.document))

    @cached_property
    def citations(self) -> tuple[C.Citation, ...]:
        return tuple(C.find_citations(self.document))

    @cached_property
    def facts(self) -> tuple[Fact, ...]:
        return validity.own_facts(self.document, *self.page)

    def complete(self) -> DocumentFacts:
        """Compute every derivation now (in a worker, before the result is sent back)."""
        for name in ("record_json", "content", "number_key", "place", "base_id", "keys", "citations", "facts"):
            getattr(self, name)
        return self


@by_fields
@dataclass(frozen=True, slots=True)
class Derived:
    """A capture's derivations: its issue id and gazette place, and one DocumentFacts per document."""

    issue: Issue | None  # the object they were derived from (identity is checked)
    issue_key: str | None
    gazette_place: str | None
    location: str
    documents: tuple[DocumentFacts, ...]

    def fits(self, parsed: Parsed) -> bool:
        """Derived from exactly this capture's issue and documents, at its location."""
        return (self.issue is parsed.issue and self.location == parsed.capture.location
                and len(self.documents) == len(parsed.documents)
                and all(d.document is doc for d, doc in zip(self.documents, parsed.documents)))

    def by_content(self) -> dict[str, DocumentFacts]:
        """content sha256 → derivations: the store finds a document's facts by its latest version."""
        return {d.content: d for d in self.documents}


def derive(parsed: Parsed, complete: bool = False) -> Derived:
    """The derivations of one parsed capture (lazily, unless `complete`)."""
    issue_key = ids.issue_id(parsed.issue) if parsed.issue is not None else None
    gazette_place = ids.gazette_slug(parsed.issue.gazette) if parsed.issue and parsed.issue.gazette else None
    page = lone_page(parsed)
    location = parsed.capture.location
    docs = tuple(DocumentFacts(doc, issue_key, gazette_place, location, page) for doc in parsed.documents)
    if complete:
        for doc in docs:
            doc.complete()
    return Derived(parsed.issue, issue_key, gazette_place, location, docs)


def lone_page(parsed: Parsed) -> PageInputs:
    """A lone page's CMS fields and its lines outside its one document (what the store keeps in
    page_fields and page_context, and reads for the facts of a document outside any issue)."""
    if parsed.issue is not None:
        return NO_PAGE
    return tuple(parsed.clean.meta), tuple(outside_lines(parsed)) if len(parsed.documents) == 1 else ()


def outside_lines(parsed: Parsed) -> list[str]:
    """A lone page's cleaned lines outside its document, the first CONTEXT_LINES of them."""
    inside = set(parsed.documents[0].lines)
    return [line.text for line in parsed.clean.lines if line.text not in inside][: validity.CONTEXT_LINES]


def page_inputs(fields: Sequence[tuple[str, str]], context: Sequence[str]) -> PageInputs:
    """The store's reading of a page's fields and context, comparable with DocumentFacts.page."""
    return tuple((label, value) for label, value in fields), tuple(context)
