"""Which stored document a newly parsed one continues: by 文号, then title, then position + text.

Pure: the store hands in the candidates (documents of the same issue, or for a lone page the
documents sharing its 文号 or title and those seen at the same location).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from .model import Document

# Same position and this similar: a corrected re-capture of the same document (title fixed, 文号
# added by a better pipeline). Chinese notices share many characters, so the full ratio decides,
# not just quick_ratio, which only compares character counts.
MIN_SIMILARITY = 0.8


@dataclass(frozen=True, slots=True)
class Known:
    """A stored document, as its latest version shows it."""

    id: str
    ordinal: int
    doc_number: str | None  # canonical 文号
    title: str
    text: str
    # Held by an earlier capture of the same issue or page: there, a document at its place with a
    # similar text but another 文号 is this one with its 文号 corrected, not a second document.
    same_page: bool = False


def match(docs: Sequence[Document], known: Sequence[Known]) -> list[str | None]:
    """For each new document, the id of the stored one it continues, or None for a new document.

    Each stored document is claimed at most once, and the stronger evidence claims first: all 文号
    matches before any title match, all title matches before any similarity match, and a corrected
    文号 (a stored document of the same page whose 文号 no new document claimed) last.
    """
    found: list[str | None] = [None] * len(docs)
    free = list(known)
    for same in (_same_number, _same_title, _same_place_and_text, _renumbered):
        for index, doc in enumerate(docs):
            if found[index] is not None:
                continue
            hit = _first(free, doc, same)
            if hit is not None:
                found[index] = hit.id
                free.remove(hit)
    return found


def similarity(a: str, b: str) -> float:
    """difflib's ratio, skipped when the cheap upper bounds already rule a match out."""
    matcher = SequenceMatcher(None, a, b)
    if matcher.real_quick_ratio() < MIN_SIMILARITY or matcher.quick_ratio() < MIN_SIMILARITY:
        return 0.0
    return matcher.ratio()


def _first(free: list[Known], doc: Document, same: Callable[[Document, Known], bool]) -> Known | None:
    # Among equals, prefer the one at the same position (two stored documents may share a 文号).
    hits = [candidate for candidate in free if same(doc, candidate)]
    hits.sort(key=lambda candidate: candidate.ordinal != doc.ordinal)
    return hits[0] if hits else None


def _number(doc: Document) -> str | None:
    return doc.doc_number.canonical if doc.doc_number else None


def _conflict(doc: Document, known: Known) -> bool:
    """Two different 文号 mean two documents, whatever the titles say."""
    number = _number(doc)
    return number is not None and known.doc_number is not None and number != known.doc_number


def _same_number(doc: Document, known: Known) -> bool:
    number = _number(doc)
    return number is not None and number == known.doc_number


def _same_title(doc: Document, known: Known) -> bool:
    return doc.title == known.title and not _conflict(doc, known)


def _same_place_and_text(doc: Document, known: Known) -> bool:
    if doc.ordinal != known.ordinal or _conflict(doc, known):
        return False
    return similarity(doc.text, known.text) >= MIN_SIMILARITY


def _renumbered(doc: Document, known: Known) -> bool:
    """The same page re-captured with the 文号 corrected: same place or title, similar text."""
    if not known.same_page or not _conflict(doc, known):
        return False
    if doc.ordinal != known.ordinal and doc.title != known.title:
        return False
    return similarity(doc.text, known.text) >= MIN_SIMILARITY
