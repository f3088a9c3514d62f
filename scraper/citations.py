"""What a document cites, repeals, amends or explains, and the keys other documents cite it by.
Pure functions over documents; the store resolves the keys to documents of the archive.

A citation is a 文号 (found by docnumber.find_doc_numbers, the one 文号 grammar) or a 《title》 in
the title or body. Its kind comes from the words around it, never from the cited text itself:
a sentence that 废止 what it names (with the 《》 taken out first, so citing 《关于废止…的决定》
repeals nothing), a sentence that amends it (关于修改《X》的决定, 作如下修改), a 清理结果 list
under a header (决定废止的规范性文件, 宣布失效的文件, 继续有效的文件), and a 政策解读 page that
explains the document its title names.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from . import legal_patterns as L
from .docnumber import find_doc_numbers, number_key
from .model import Document, by_fields
from .script import to_simplified
from .validity import sentences

Kind = Literal["cites", "repeals", "amends", "invalidates", "confirms", "interprets"]
By = Literal["number", "title"]
KIND_LABELS: dict[str, str] = {
    "cites": "引用", "repeals": "废止", "amends": "修改", "invalidates": "宣布失效", "confirms": "确认继续有效",
    "interprets": "解读",
}
# What the cited document is called on the citing page, and on the cited one.
CITED_LABELS: dict[str, str] = {
    "cites": "被引用", "repeals": "被废止", "amends": "被修改", "invalidates": "被宣布失效", "confirms": "被确认继续有效",
    "interprets": "被解读",
}
MIN_TITLE_KEY = 5
EXPLAINED_LINES = 4  # a 解读 page names what it explains in its title and first lines  # shorter 《》 (《通知》, 《意见》) name no one document
SENTENCE_MAX = 240
LIST_VERBS: dict[str, Kind] = {"废止": "repeals", "失效": "invalidates", "修改": "amends", "修订": "amends",
                               "继续有效": "confirms", "保留": "confirms"}
FOLD_PUNCT = str.maketrans({"〈": "《", "〉": "》", "“": '"', "”": '"', "‘": "'", "’": "'", "—": "-", "－": "-"})
SPACE = re.compile(r"\s+")


@by_fields
@dataclass(frozen=True, slots=True)
class Citation:
    """One mention of another document in this one."""

    kind: Kind
    by: By
    key: str  # canonical 文号, or the folded title (title_key)
    text: str  # as printed: 国办发〔2016〕19号, 《中华人民共和国预算法》
    sentence: str


def title_key(title: str) -> str:
    """A title folded for matching: NFKC, Traditional → Simplified, no spaces, 〈〉 as 《》."""
    folded = to_simplified(unicodedata.normalize("NFKC", title)).translate(FOLD_PUNCT)
    return SPACE.sub("", folded).strip("《》\"'")


def document_keys(doc: Document) -> list[tuple[By, str]]:
    """The keys others cite this document by: its 文号, its title, and the title of what it
    publishes (关于印发《X》的通知 is cited as 《X》)."""
    keys: list[tuple[By, str]] = []
    if doc.doc_number is not None:
        keys.append(("number", number_key(doc.doc_number)))
    for title in (doc.title, doc.toc_title or ""):
        key = title_key(title)
        if len(key) >= MIN_TITLE_KEY and ("title", key) not in keys:
            keys.append(("title", key))
        inner = L.WRAPPED_TITLE.search(key)
        if inner:
            for published in _outer_quoted(inner["inner"]) or [inner["inner"]]:
                inner_key = title_key(published)
                if len(inner_key) >= MIN_TITLE_KEY and ("title", inner_key) not in keys:
                    keys.append(("title", inner_key))
    return keys


def _outer_quoted(text: str) -> list[str]:
    """The outermost 《…》 of a text, nesting counted: 印发《2021年《政府工作报告》分解表》 → the whole."""
    out, depth, start = [], 0, 0
    for i, char in enumerate(text):
        if char == "《":
            if depth == 0:
                start = i + 1
            depth += 1
        elif char == "》" and depth:
            depth -= 1
            if depth == 0:
                out.append(text[start:i])
    return out


def explained_key(title: str) -> str | None:
    """The title a 政策解读 page explains: 《X》 in its title, else X in 关于X的政策解读 / 图解：X."""
    if not L.INTERPRETS.search(title):
        return None
    quoted = L.QUOTED_TITLE.search(title.translate(FOLD_PUNCT))
    found = quoted["title"] if quoted else None
    if found is None and (bare := L.EXPLAINED.match(title_key(title))):
        found = bare["title"]
    key = title_key(found) if found else None
    return key if key and len(key) >= MIN_TITLE_KEY else None


def find_citations(doc: Document) -> tuple[Citation, ...]:
    """Every 文号 and 《title》 this document names, other than its own, each with its kind."""
    own = {key for _, key in document_keys(doc)}
    found: list[Citation] = []
    explained = explained_key(doc.title)
    interprets = explained is not None
    if explained is not None and explained not in own:
        found.append(Citation("interprets", "title", explained, doc.title, _clip(doc.title)))
    mode: Kind | None = None  # inside a 清理 list: the kind its header gives
    lines = [doc.title, *doc.lines] if not doc.lines or doc.lines[0] != doc.title else list(doc.lines)
    for index, line in enumerate(lines):
        header = L.LIST_HEADER.match(line.strip())
        if header and "《" not in line:
            mode = LIST_VERBS[header["verb"]]
            continue
        if mode and L.SENTENCE_LINE.search(line):
            mode = None  # a list is rows of titles and numbers; a sentence ends it
        for sentence in sentences(line):
            for citation in _mentions(sentence, mode):
                if citation.key == explained:
                    continue  # named by the 解读 page's title: recorded above as what it explains
                if interprets and index < EXPLAINED_LINES and citation.kind == "cites" and citation.by == "number":
                    # the 文号 a 解读 page gives at its top is the one it explains
                    citation = Citation("interprets", citation.by, citation.key, citation.text, citation.sentence)
                if citation.key not in own:
                    found.append(citation)
            if mode and not _has_mention(sentence) and L.BARE_TITLE.match(sentence):
                key = title_key(sentence)
                if key not in own:
                    found.append(Citation(mode, "title", key, sentence, _clip(sentence)))
    return tuple(_dedupe(found))


def mention_kind(sentence: str, start: int, end: int) -> Kind:
    """What the words near a mention at [start, end) do to it: a repeal, an amendment, a
    declaration that it expired, or a plain citation. Other 《》 are blanked first, so a cited
    title holding 废止 repeals nothing."""
    before = _blank_titles(sentence[max(0, start - L.VERB_BEFORE):start])
    after = _blank_titles(sentence[end:end + L.VERB_AFTER])
    near = before + "《》" + after
    if L.REPEALS.search(near):
        return "repeals"
    if L.EXPIRES.search(near):
        return "invalidates"
    if L.AMENDS.search(near):
        return "amends"
    return "cites"


def _blank_titles(text: str) -> str:
    return L.QUOTED_TITLE.sub("《》", text)


def _mentions(sentence: str, mode: Kind | None) -> Iterator[Citation]:
    clipped = _clip(sentence)
    searched = 0
    # The grammar tries every position; most sentences hold no 号 at all (a third of ingest time).
    numbers = find_doc_numbers(sentence) if ("号" in sentence or "號" in sentence) else []
    for number in numbers:
        start = sentence.find(number.raw, searched)
        start = start if start >= 0 else sentence.find(number.raw)
        searched = max(start, 0) + len(number.raw)
        kind = mode or mention_kind(sentence, max(start, 0), max(start, 0) + len(number.raw))
        yield Citation(kind, "number", number_key(number), number.raw, clipped)
    for quoted in L.QUOTED_TITLE.finditer(sentence) if "《" in sentence else ():
        key = title_key(quoted["title"])
        if len(key) >= MIN_TITLE_KEY and not L.NOT_A_DOCUMENT.match(key):
            kind = mode or mention_kind(sentence, quoted.start(), quoted.end())
            yield Citation(kind, "title", key, quoted.group(0), clipped)


def _has_mention(sentence: str) -> bool:
    return bool(L.QUOTED_TITLE.search(sentence)) or (("号" in sentence or "號" in sentence)
                                                      and bool(find_doc_numbers(sentence)))


def _clip(sentence: str) -> str:
    return sentence if len(sentence) <= SENTENCE_MAX else sentence[: SENTENCE_MAX - 1] + "…"


def _dedupe(citations: list[Citation]) -> list[Citation]:
    """One citation per (kind, key): the first sentence that names it."""
    seen: set[tuple[str, str, str]] = set()
    out = []
    for citation in citations:
        ident = (citation.kind, citation.by, citation.key)
        if ident not in seen:
            seen.add(ident)
            out.append(citation)
    return out
