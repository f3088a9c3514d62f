"""IssueText → Documents: title, 文号, office, genre, signing date, 主送, 附件, from all the evidence.

Each value is chosen among candidates from every place a page states it, strongest first, and
the document records where its values came from (`Document.sources`):
  title     the body's title block; a page heading, 标题/名称 field or <title> that prints the same
            title whole (with its issuing office) wins over a body that put the office on a
            letterhead line; else the field, the heading, a 令's 《…》, the <title>;
  文号       the body's header (文号 line, order number, number glued to the title); the 目录; a
            文号/发文字号 field; a number opening one of the page's first lines;
  office    the signature (all its office lines: joint issuers), the title's own office (关于 …),
            the letterhead, the order's issuer, then 发文机关 and 发布机构 fields, a header line
            naming an office; a name cut short (市人民政府办公厅) takes its place from another;
  signed    the signature date, a date printed with the 文号, a signatory line's date, then the
            成文日期/发文日期 field.
A 文号 cited inside a sentence of the body (…(鄂政发〔2018〕17号)精神, 001:39) is never the
document's own. Page-level evidence (fields, headings, <title>) describes a page holding one document;
on an issue page it describes the issue. Values are given as the page prints them (normalize.py).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from .. import lineshapes as S
from ..docnumber import parse_doc_number
from ..fields import PageFields
from ..ids import PLACE_LEVELS, gazette_stem
from ..issue import describe_issue, published_date
from ..model import Capture, Document, DocumentSpan, Issue, IssueText, Notice, Page, Parsed
from ..normalize import Normalizer, fold_width
from ..script import detect_script
from ..toc import is_category
from .evidence import Evidence, PageEvidence, body_start, heading
from .number import number as read_number
from .offices import PLACELESS, offices as read_offices
from .parts import attachments, blocks, genre, recipients
from .signing import signature_date_line, signature_shape_line, signed as read_signed
from .title import title as read_title

__all__ = ["describe", "describe_document", "parse_doc_number"]


def describe(capture: Capture, page: Page, issue_text: IssueText) -> Parsed:
    """The pipeline's last pure stage: issue and document metadata for one capture."""
    clean = issue_text.clean
    norm = Normalizer("\n".join(line.text for line in clean.lines))
    texts = list(issue_text.texts) or [fold_width(norm(line.text)) for line in clean.lines]
    spans = [s for s in issue_text.spans if s.kind != "duplicate"]
    body = "\n".join(line.text for line in clean.lines[spans[0].start :]) if spans else ""
    script = detect_script(body)
    issue = describe_issue(issue_text, script)
    if issue is None and len(spans) > 1:
        issue = Issue(None, None, None, None, None, None, script)  # many documents make an issue
    fields = PageFields(clean.meta)
    published = issue.published if issue else published_date(fields, [])
    single = None
    if issue is None and len(spans) == 1:
        headings = tuple(i for i in range(0, body_start(texts, spans[0])) if S.title_like(heading(texts[i])))
        single = PageEvidence(fields, headings, clean.page_title)
    docs = tuple(
        describe_document(issue_text, span, k, published, script, texts=texts, norm=norm, page=single)
        for k, span in enumerate(spans, start=1)
    )
    issued_by = [office for d in docs if d.office for office in d.issuers or (d.office,)]
    docs = tuple(_speech_office(d, issue, issued_by) for d in docs)
    # clean.notices already carries decode's: this is every stage's, each once.
    notices = clean.notices + issue_text.notices + tuple(n for d in docs for n in _doc_notices(d))
    return Parsed(capture, page, clean, issue, docs, notices)


def describe_document(
    issue_text: IssueText,
    span: DocumentSpan,
    ordinal: int,
    published: dt.date | None,
    script: str,
    *,
    texts: list[str] | None = None,
    norm: Normalizer | None = None,
    page: PageEvidence | None = None,
) -> Document:
    """Read one span's metadata from its header, signature, 附件 list and the page around it."""
    clean = issue_text.clean
    originals = [line.text for line in clean.lines]
    if texts is None or norm is None:
        norm = Normalizer("\n".join(originals))
        texts = [fold_width(norm(t)) for t in originals]
    cells = [line.cell is not None for line in clean.lines]
    ev = Evidence(texts, originals, norm, span, page, cells, published)
    title, title_from = read_title(ev)
    number, number_from = read_number(ev)
    signed_at = signature_date_line(ev)
    offices, office_from = read_offices(ev, title, signed_at if signed_at is not None else signature_shape_line(ev), number)
    signed, signed_from = read_signed(ev, signed_at)
    toc = ev.toc_entry if span.toc else (None, None)
    first, end = _own_lines(texts, span, cells)
    own = originals[first:end]
    sources = tuple(sorted(
        (name, where)
        for name, where in (("title", title_from), ("doc_number", number_from), ("office", office_from), ("signed", signed_from))
        if where
    ))
    return Document(
        ordinal=ordinal,
        title=title,
        doc_number=number,
        office=" ".join(offices) or None,
        doc_type=genre(title, span, norm),
        signed=signed,
        published=published,
        recipients=recipients(ev),
        attachments=attachments(ev),
        # A Traditional page may quote a Simplified document: each of its documents is looked at.
        script=detect_script("\n".join(own)) if script == "traditional" else script,
        lines=tuple(own),
        blocks=blocks(clean.lines[first:end], clean.tables),
        toc_title=toc[0],
        toc_number=toc[1],
        sources=sources,
        issuers=tuple(offices) if len(offices) > 1 else (),
    )


def _own_lines(texts: list[str], span: DocumentSpan, cells: list[bool]) -> tuple[int, int]:
    """The span without the issue's section lines at its edges (市政府文件, 人事任免, ■领导讲话): they
    belong to the issue's layout, not to the document before or after them."""
    first, end = span.start, span.end
    # A letterhead names its place (青堰市人民政府办公室文件); a placeless one (市政府办公室文件, 市人民政府令)
    # is the issue's section line even where it is the only one over the document.
    while first < end - 1 and not cells[first] and is_category(texts[first]) and first != span.number \
            and (first != span.banner or PLACELESS.match(texts[first].lstrip("【[〔■□●○◆◇▲△★☆·•- "))):
        first += 1
    while end - 1 > first and not cells[end - 1] and is_category(texts[end - 1]):
        end -= 1
    return first, end


def _speech_office(doc: Document, issue: Issue | None, issued_by: list[str]) -> Document:
    """A speech has no signature: the 市长 of 黃石 speaks for 黃石市人民政府 (gold-notes.md §4). A
    gazette named without its level (青堰政报, 厦门政报) takes it from the issue's other issuers."""
    if doc.office or doc.doc_type != "讲话" or not issue or not issue.gazette:
        return doc
    found = S.PLACE.match(issue.gazette)
    place = found.group("place") if found else _place_named(issue.gazette, issued_by)
    return replace(doc, office=place + "人民政府") if place else doc


def _place_named(gazette: str, issued_by: list[str]) -> str | None:
    stem = gazette_stem(gazette)
    if not stem:
        return None
    placed = re.compile(rf"{re.escape(stem)}[{PLACE_LEVELS}]")
    return next((found.group() for office in issued_by if (found := placed.match(office))), None)


def _doc_notices(doc: Document) -> list[Notice]:
    out = []
    if doc.doc_number is None and doc.doc_type not in ("讲话",):
        out.append(Notice("no-number", f"document {doc.ordinal} ({doc.title[:30]}) has no 文号"))
    if not doc.title:
        out.append(Notice("no-title", f"document {doc.ordinal} has no title"))
    return out
