"""Which stored document a newly parsed one continues. Only strong evidence makes two captures one
document, because a wrong match silently loses a document (it becomes a version of another):

  1. the same 文号 (its identity key: script, brackets and widths folded) from the same place;
  2. on the same page (the same issue, or the same location): the same meaningful title with a
     similar text, or the same position with a very similar text (a re-captured page whose title
     or 文号 a better pipeline corrected), or a corrected 文号 at the same place or title.
A weak title (通知, 公告, 目录, empty) never matches anything, and a title alone never joins
documents from different pages.

Pure: the store hands in the candidates (documents of the same issue, documents seen at the same
location, and documents with one of the new documents' 文号).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from .model import Document
from .script import to_simplified
from .toc import entry_key

# Same position and this similar: a corrected re-capture of the same document (title fixed, 文号
# added by a better pipeline). Chinese notices share many characters, so the full ratio decides,
# not just quick_ratio, which only compares character counts.
MIN_SIMILARITY = 0.8
# Same title on the same page: the text may have been edited, not replaced by another document.
TITLE_SIMILARITY = 0.5
WEAK_TITLE_CHARS = 6  # a title this short (通知, 重要通知) names no document
GENERIC_TITLES = {"通知", "公告", "通告", "目录", "政府公报", "人民政府公报", "政府文件", "文件", "正文", "详情", "无标题"}


@dataclass(frozen=True, slots=True)
class Known:
    """A stored document, as its latest version shows it."""

    id: str
    ordinal: int
    doc_number: str | None  # the 文号's identity key (DocNumber.key)
    title: str
    text: str
    # On the same page as the new capture: the same issue, or seen at the same location. There, a
    # document at its place with a similar text but another 文号 is this one with its 文号 corrected.
    same_page: bool = False
    place: str | None = None  # the place slug its id was made with, when known


def match(docs: Sequence[Document], known: Sequence[Known], places: Sequence[str | None] | None = None) -> list[str | None]:
    """For each new document, the id of the stored one it continues, or None for a new document.

    Each stored document is claimed at most once, and the stronger evidence claims first: all 文号
    matches before any title match, all title matches before any similarity match, and a corrected
    文号 (a stored document of the same page whose 文号 no new document claimed) last. `places` are
    the new documents' place slugs (from their office or gazette), aligned with `docs`.
    """
    found: list[str | None] = [None] * len(docs)
    where = list(places) if places is not None else [None] * len(docs)
    free = list(known)
    steps: tuple[Callable[[Document, str | None, Known], bool], ...] = (
        _same_number, _same_title, _same_place_and_text, _renumbered)
    for same in steps:
        for index, doc in enumerate(docs):
            if found[index] is not None:
                continue
            hit = _first(free, doc, where[index], same)
            if hit is not None:
                found[index] = hit.id
                free.remove(hit)
    return found


def similarity(a: str, b: str, floor: float = MIN_SIMILARITY) -> float:
    """difflib's ratio, skipped (0.0) when the cheap upper bounds already rule `floor` out: its
    real_quick_ratio (lengths) and quick_ratio (characters in common), computed here as difflib
    does but before a SequenceMatcher indexes every character of b, with each text's character
    counts made once (a page's document is compared with many stored ones)."""
    total = len(a) + len(b)
    if _ratio(min(len(a), len(b)), total) < floor or _ratio((_counts(a) & _counts(b)).total(), total) < floor:
        return 0.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def _ratio(matches: int, length: int) -> float:
    """difflib's _calculate_ratio, the same float."""
    return 2.0 * matches / length if length else 1.0


@lru_cache(maxsize=512)
def _counts(text: str) -> Counter[str]:
    return Counter(text)


def weak_title(title: str) -> bool:
    """A title that names no particular document: empty, generic or very short."""
    key = entry_key(title)
    return len(key) < WEAK_TITLE_CHARS or key in GENERIC_TITLES


@lru_cache(maxsize=4096)
def _title_key(title: str) -> str:
    """A title whatever its script and punctuation: a Traditional reprint is the same title."""
    return entry_key(to_simplified(title))


def _first(free: list[Known], doc: Document, place: str | None, same: Callable[[Document, str | None, Known], bool]) -> Known | None:
    # Among equals, prefer the one at the same position (two stored documents may share a 文号).
    hits = [candidate for candidate in free if same(doc, place, candidate)]
    hits.sort(key=lambda candidate: (not candidate.same_page, candidate.ordinal != doc.ordinal))
    return hits[0] if hits else None


def _number(doc: Document) -> str | None:
    return doc.doc_number.key if doc.doc_number else None


def _conflict(doc: Document, known: Known) -> bool:
    """Two different 文号 mean two documents, whatever the titles say."""
    number = _number(doc)
    return number is not None and known.doc_number is not None and number != known.doc_number


def _same_number(doc: Document, place: str | None, known: Known) -> bool:
    number = _number(doc)
    if number is None or number != known.doc_number:
        return False
    # 本政发〔2021〕1号 of 本溪 is not 本政发〔2021〕1号 of another place abbreviated alike.
    return known.same_page or place is None or known.place is None or place == known.place


def _same_title(doc: Document, place: str | None, known: Known) -> bool:
    if not known.same_page or weak_title(doc.title) or _conflict(doc, known):
        return False
    if _title_key(doc.title) != _title_key(known.title):
        return False
    return doc.ordinal == known.ordinal or similarity(doc.text, known.text, TITLE_SIMILARITY) >= TITLE_SIMILARITY


def _same_place_and_text(doc: Document, place: str | None, known: Known) -> bool:
    if not known.same_page or doc.ordinal != known.ordinal or _conflict(doc, known):
        return False
    return similarity(doc.text, known.text) >= MIN_SIMILARITY


def _renumbered(doc: Document, place: str | None, known: Known) -> bool:
    """The same page re-captured with the 文号 corrected: same place or title, similar text."""
    if not known.same_page or not _conflict(doc, known):
        return False
    if doc.ordinal != known.ordinal and _title_key(doc.title) != _title_key(known.title):
        return False
    return similarity(doc.text, known.text) >= MIN_SIMILARITY
