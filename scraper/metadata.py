"""IssueText → Documents: title, 文号, office, genre, signing date, recipients, attachments.

Only the document's own header and signature are read for its metadata: a 文号 cited inside a
sentence of the body (…(鄂政发〔2018〕17号)精神, 001:39) is never the document's own.
"""

from __future__ import annotations

import re
from dataclasses import replace

from . import patterns as P
from .dates import parse_date
from .docnumber import parse_doc_number, parse_order_number
from .issue import describe_issue, published_date
from .model import Capture, Document, DocumentSpan, DocNumber, Issue, IssueText, Notice, Page, Paragraph, Parsed, Table
from .script import detect_script, to_simplified

__all__ = ["describe", "describe_document", "parse_doc_number"]

HEADER_ZONE = 8  # lines after the title where the 主送 line may stand
OFFICE = re.compile(rf"^[{P.CJK}、（）()\s]{{2,60}}{P.OFFICE_SUFFIX}$")
OFFICE_PREFIX = re.compile(rf"^(?P<office>.+?{P.OFFICE_SUFFIX})\s*(?:关于|關於|關于|关於)")
SIGNATURE_DATE = re.compile(rf"^(?P<office>[{P.CJK}、（）()\s]{{2,60}}?{P.OFFICE_SUFFIX})?\s*(?P<date>.+)$")
PLACE = re.compile(rf"^(?P<place>[{P.CJK}]{{1,10}}?[省市县縣区區州旗盟])")
GENRE_NAMES = {
    "实施意见": "意见", "指导意见": "意见", "实施方案": "方案", "工作方案": "方案", "行动方案": "方案",
    "实施细则": "细则", "实施办法": "办法", "管理办法": "办法", "行动计划": "计划", "工作要点": "要点",
    "复函": "函", "覆函": "函", "批覆": "批复", "批複": "批复", "命令": "令",
}  # fmt: skip
ATTACHMENT_ITEMS_MAX = 20


def describe(capture: Capture, page: Page, issue_text: IssueText) -> Parsed:
    """The pipeline's last pure stage: issue and document metadata for one capture."""
    clean = issue_text.clean
    spans = [s for s in issue_text.spans if s.kind != "duplicate"]
    body = "\n".join(line.text for line in clean.lines[spans[0].start :]) if spans else ""
    script = detect_script(body)
    issue = describe_issue(issue_text, script)
    if issue is None and len(spans) > 1:
        issue = Issue(None, None, None, None, None, None, script)  # many documents make an issue
    published = issue.published if issue else published_date(dict(reversed(clean.meta)), [])
    docs = tuple(describe_document(issue_text, span, k, published, script) for k, span in enumerate(spans, start=1))
    docs = tuple(_speech_office(d, issue) for d in docs)
    # clean.notices already carries decode's: this is every stage's, each once.
    notices = clean.notices + issue_text.notices + tuple(n for d in docs for n in _doc_notices(d))
    return Parsed(capture, page, clean, issue, docs, notices)


def describe_document(issue_text: IssueText, span: DocumentSpan, ordinal: int, published, script) -> Document:
    """Read one span's metadata from its header, signature and 附件 list."""
    clean = issue_text.clean
    texts = [line.text for line in clean.lines[span.start : span.end]]
    rel = _Relative(span)
    title, number = _title_and_number(texts, span, rel, clean.page_title)
    body_from = max(x for x in (rel.title_end, rel.number_end, 1 if span.banner is not None else 0))
    signed_at = _signature_date(texts, body_from)
    office = _office(texts, span, title, signed_at, rel)
    return Document(
        ordinal=ordinal,
        title=title,
        doc_number=number,
        office=office,
        doc_type=_genre(title, span),
        signed=parse_date(texts[signed_at]) if signed_at is not None else None,
        published=published,
        recipients=_recipients(texts, body_from),
        attachments=_attachments(texts, body_from),
        script=detect_script("\n".join(texts)) if script == "traditional" or len(texts) > 3 else script,
        lines=tuple(texts),
        blocks=_blocks(clean.lines[span.start : span.end], clean.tables),
        toc_title=span.toc.title if span.toc else None,
        toc_number=span.toc.number if span.toc else None,
    )


class _Relative:
    """The span's header line indices made relative to the span's first line."""

    def __init__(self, span: DocumentSpan):
        s = span.start
        self.title = (span.title[0] - s, span.title[1] - s) if span.title else None
        self.number = span.number - s if span.number is not None else None
        self.banner = span.banner - s if span.banner is not None else None
        self.title_end = self.title[1] if self.title else 0
        self.number_end = self.number + 1 if self.number is not None else 0


def _title_and_number(texts: list[str], span: DocumentSpan, rel: _Relative, page_title: str | None) -> tuple[str, DocNumber | None]:
    title = "".join(texts[rel.title[0] : rel.title[1]]) if rel.title else ""
    number = None
    if found := P.TRAILING_NUMBER.search(title):
        number = parse_doc_number(found.group("number"))
        title = title[: found.start()].strip()
    if rel.number is not None and number is None:
        line = texts[rel.number]
        if span.kind == "order":
            number = parse_order_number(line, texts[rel.banner] if rel.banner is not None else "")
        elif found := P.DOC_NUMBER.search(line):
            number = parse_doc_number(found.group(0))
    if number is None and span.toc and span.toc.number:
        number = parse_doc_number(span.toc.number)
    if not title:
        title = _fallback_title(texts, span, page_title)
    return title, number


def _fallback_title(texts: list[str], span: DocumentSpan, page_title: str | None) -> str:
    """A 令 has no title of its own: the TOC's, else the 《…》 it promulgates; else the page's."""
    if span.toc:
        return span.toc.title
    for text in texts[:12]:
        if found := P.BOOK_TITLE_LINE.match(text):
            return found.group("title")
    if page_title:
        return re.split(r"[_|｜\-—]{1,2}", page_title)[0].strip()
    return texts[0] if texts else ""


def _signature_date(texts: list[str], body_from: int) -> int | None:
    """The first line after the header that is only a date (or an office and a date)."""
    for k in range(body_from, len(texts)):
        found = SIGNATURE_DATE.match(texts[k])
        if found and P.DATE_LINE.match(found.group("date").strip()):
            return k
    return None


def _office(texts: list[str], span: DocumentSpan, title: str, signed_at: int | None, rel: _Relative) -> str | None:
    signature = _signature_office(texts, signed_at)
    prefix = OFFICE_PREFIX.match(title)
    named = prefix.group("office") if prefix else None
    if signature and (not named or named in signature):
        return signature
    if named:
        return named
    if rel.banner is not None:
        banner = texts[rel.banner]
        return re.sub(r"\s*文\s*件$|令$", "", banner) or None
    return signature


def _signature_office(texts: list[str], signed_at: int | None) -> str | None:
    if signed_at is None:
        return None
    same_line = SIGNATURE_DATE.match(texts[signed_at])
    if same_line and same_line.group("office"):
        return same_line.group("office").strip()
    if signed_at > 0 and OFFICE.match(texts[signed_at - 1]) and not P.SIGNATORY.match(texts[signed_at - 1]):
        return re.sub(r"\s+", "", texts[signed_at - 1])
    return None


def _speech_office(doc: Document, issue: Issue | None) -> Document:
    """A speech has no signature: the 市长 of 黃石 speaks for 黃石市人民政府 (gold-notes.md §4)."""
    if doc.office or doc.doc_type != "讲话" or not issue or not issue.gazette:
        return doc
    found = PLACE.match(issue.gazette)
    return replace(doc, office=found.group("place") + "人民政府") if found else doc


def _genre(title: str, span: DocumentSpan) -> str | None:
    if span.kind == "order":
        return "令"
    if span.kind == "speech":
        return "讲话"
    found = P.TITLE_END.search(title)
    if not found:
        return None
    word = to_simplified(found.group(0))
    return GENRE_NAMES.get(word, word)


def _recipients(texts: list[str], body_from: int) -> str | None:
    for text in texts[body_from : body_from + HEADER_ZONE]:
        found = P.RECIPIENTS.match(text)
        if found and P.RECIPIENT_HINT.search(text) and not text.startswith(("附件", "第")):
            return found.group("who").strip()
    return None


def _attachments(texts: list[str], body_from: int) -> tuple[str, ...]:
    """The first 附件 list: 附件:1.甲 / 2.乙 (000:500), or 附件: then the name on the next line (003:379)."""
    for k in range(body_from, len(texts)):
        found = P.ATTACHMENT.match(texts[k])
        if not found:
            continue
        rest = found.group("rest").strip()
        items = [rest] if rest else []
        for text in texts[k + 1 : k + 1 + ATTACHMENT_ITEMS_MAX]:
            item = P.ATTACHMENT_ITEM.match(text)
            if not item or not (items or not rest):
                break
            items.append(text)
        if not items and k + 1 < len(texts):
            items = [texts[k + 1]]
        return tuple(_attachment_name(x) for x in items if _attachment_name(x))
    return ()


def _attachment_name(text: str) -> str:
    found = P.ATTACHMENT_ITEM.match(text.strip())
    return (found.group("name") if found else text).strip().rstrip("\u00a0 ")


def _blocks(lines, tables: tuple[Table, ...]) -> tuple[Paragraph | Table, ...]:
    """Paragraphs stay paragraphs; consecutive cells of one table become that table once."""
    out: list[Paragraph | Table] = []
    seen: set[int] = set()
    for line in lines:
        if line.cell is None:
            out.append(Paragraph(line.text))
        elif line.cell[0] not in seen:
            seen.add(line.cell[0])
            out.append(tables[line.cell[0]])
    return tuple(out)


def _doc_notices(doc: Document) -> list[Notice]:
    out = []
    if doc.doc_number is None and doc.doc_type not in ("讲话",):
        out.append(Notice("no-number", f"document {doc.ordinal} ({doc.title[:30]}) has no 文号"))
    if not doc.title:
        out.append(Notice("no-title", f"document {doc.ordinal} has no title"))
    return out
