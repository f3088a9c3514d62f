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
from dataclasses import dataclass, replace

from . import lineshapes as S
from . import patterns as P
from .dates import parse_date
from .docnumber import find_doc_numbers, parse_doc_number
from .fields import PageFields
from .issue import describe_issue, published_date
from .model import Capture, Document, DocumentSpan, DocNumber, Issue, IssueText, Notice, Page, Paragraph, Parsed, Table
from .normalize import Normalizer, fold_width
from .script import detect_script, to_simplified
from .toc import entry_key, is_category

__all__ = ["describe", "describe_document", "parse_doc_number"]

HEADER_ZONE = 8  # lines after the title where the 主送 line may stand
OFFICE_PREFIX = re.compile(rf"^(?P<office>[{P.CJK}、（）()“”·\s]{{2,80}}?{P.OFFICE_SUFFIX})\s*(?:{P.ABOUT}|印发|印發|转发|轉發|批转|批轉)")
PLACE = re.compile(rf"^(?P<place>[{P.CJK}]{{1,10}}?[省市县縣区區州旗盟])")
# An office named without its place: 市人民政府办公厅, 县政府, 区委 (real/013, 040).
PLACELESS = re.compile(r"^(?:市|县|縣|区|區|省|州|旗|盟|镇|鎮|乡|鄉|自治区|自治區|自治州)")
# A signature date run on after the last sentence of a text that lost its line breaks.
TRAILING_DATE = re.compile(rf"[。；;!！]\s+(?P<date>{P.DATE_WRITTEN.pattern.replace('?P<y>', '?:').replace('?P<m>', '?:').replace('?P<d>', '?:')})\s*$")
# A province before a city or prefecture in an issuer's name: 辽宁省沈阳市人民政府 is 沈阳市人民政府.
PROVINCE_PREFIX = re.compile(rf"^[{P.CJK}]{{2,8}}?(?:省|自治区|自治區)(?=[{P.CJK}]{{2,10}}?(?:市|州|盟|地区|地區))")
# An order's promulgation note under its title: (2004年10月8日市人民政府令第124号发布,根据…修改).
PROMULGATION = re.compile(r"^[(（].{0,40}令第?\s*\d+\s*[号號].{0,6}(?:发布|公布|發布)")
PLACE_ONLY = re.compile(rf"^[{P.CJK}]{{1,8}}(?:省|市|县|縣|区|區|州|自治区|自治區)$")
# A marker a database puts before an abstract's text: <正>, 【摘要】.
LINE_MARKER = re.compile(r"^\s*[<〈【\[(（][^>〉】\])）]{1,4}[>〉】\])）]\s*")
HEADING_SEPARATORS = re.compile(r"\s*[丨|｜_]\s*|\s+[-—–]\s+")
GENRE_AT_END = re.compile(rf"(?P<genre>{P.GENRE_ALT})(?:[(（][^()（）]{{1,20}}[)）])?$")
GENRE_NAMES = {
    "批復": "批复", "復函": "函",
    "实施意见": "意见", "指导意见": "意见", "实施方案": "方案", "工作方案": "方案", "行动方案": "方案",
    "实施细则": "细则", "实施办法": "办法", "管理办法": "办法", "行动计划": "计划", "工作要点": "要点",
    "应急预案": "预案", "复函": "函", "覆函": "函", "批覆": "批复", "批複": "批复", "命令": "令",
}  # fmt: skip
ATTACHMENT_ITEMS_MAX = 20
# Office evidence, strongest first.
OFFICE_RANK = ("signature", "title", "letterhead", "order", "field-issuer", "header-line", "field-publisher", "title-short")


@dataclass(frozen=True, slots=True)
class _Page:
    """What a page holding one document says about it outside the document's own lines."""

    fields: PageFields
    headings: tuple[int, ...]  # indices of title-like lines before the document's body
    page_title: str | None


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
        headings = tuple(i for i in range(0, _body_start(texts, spans[0])) if S.title_like(_unwrap(texts[i])))
        single = _Page(fields, headings, clean.page_title)
    docs = tuple(
        describe_document(issue_text, span, k, published, script, texts=texts, norm=norm, page=single)
        for k, span in enumerate(spans, start=1)
    )
    docs = tuple(_speech_office(d, issue) for d in docs)
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
    page: _Page | None = None,
) -> Document:
    """Read one span's metadata from its header, signature, 附件 list and the page around it."""
    clean = issue_text.clean
    originals = [line.text for line in clean.lines]
    if texts is None or norm is None:
        norm = Normalizer("\n".join(originals))
        texts = [fold_width(norm(t)) for t in originals]
    reader = _Reader(texts, originals, norm, span, page, [line.cell is not None for line in clean.lines])
    title, title_from = reader.title()
    number, number_from = reader.number()
    signed_at = reader.signature_date_line()
    offices, office_from = reader.offices(title, signed_at, number)
    signed, signed_from = reader.signed(signed_at)
    first, end = _own_lines(texts, span, [line.cell is not None for line in clean.lines])
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
        doc_type=_genre(title, span, norm),
        signed=signed,
        published=published,
        recipients=reader.recipients(),
        attachments=reader.attachments(),
        # A Traditional page may quote a Simplified document: each of its documents is looked at.
        script=detect_script("\n".join(own)) if script == "traditional" else script,
        lines=tuple(own),
        blocks=_blocks(clean.lines[first:end], clean.tables),
        toc_title=span.toc.title if span.toc else None,
        toc_number=span.toc.number if span.toc else None,
        sources=sources,
        issuers=tuple(offices) if len(offices) > 1 else (),
    )


def _own_lines(texts: list[str], span: DocumentSpan, cells: list[bool]) -> tuple[int, int]:
    """The span without the issue's section lines at its edges (市政府文件, 人事任免, ■领导讲话): they
    belong to the issue's layout, not to the document before or after them."""
    first, end = span.start, span.end
    while first < end - 1 and not cells[first] and is_category(texts[first]) and first not in (span.banner, span.number):
        first += 1
    while end - 1 > first and not cells[end - 1] and is_category(texts[end - 1]):
        end -= 1
    return first, end


def _unwrap(text: str) -> str:
    found = P.BOOK_TITLE_LINE.match(text)
    return found.group("title") if found else text


def _body_start(texts: list[str], span: DocumentSpan) -> int:
    """Where a document's header ends and its text begins."""
    ends = [span.start + 1]
    if span.title:
        ends.append(span.title[1])
    if span.number is not None:
        ends.append(span.number + 1)
    return min(max(ends), span.end)


class _Reader:
    """One document's evidence: its lines (normalized and as printed) and the page around it."""

    def __init__(self, texts: list[str], originals: list[str], norm: Normalizer, span: DocumentSpan, page: _Page | None, cells: list[bool]):
        self.texts, self.originals, self.norm, self.span, self.page, self.cells = texts, originals, norm, span, page, cells
        self.body_from = _body_start(texts, span)
        # On a page of one document, the lines up to its first sentence still belong to its header
        # (a mirror's issuer line under the title: 天津市人民政府, real pages).
        self.header_end = self.body_from
        while page and self.header_end < min(span.end, self.body_from + HEADER_ZONE) and not (
                S.is_sentence(texts[self.header_end]) or S.recipients(texts[self.header_end])):
            self.header_end += 1
        self.order_header = texts[span.banner] if span.banner is not None and S.is_order_header(texts[span.banner]) else None

    def printed(self, value: str, lines: range | list[int]) -> str:
        """A value read from the normalized lines, as the page prints it."""
        original = "".join(self.originals[k] for k in lines)
        return self.norm.printed(value, original)

    # ── title ──────────────────────────────────────────────────────────────────────────────

    def _header_title(self) -> str:
        if not self.span.title:
            return ""
        a, b = self.span.title
        title = "".join(S.split_note(_unwrap(self.texts[k]))[0] for k in range(a, b))
        if found := P.TRAILING_NUMBER.search(title):
            title = title[: found.start()].strip()
        lead = find_doc_numbers(title)
        if lead and title.startswith(lead[0].raw):
            title = _unwrap(title[len(lead[0].raw) :].strip())
        elif lead and title.endswith(lead[0].raw):
            title = title[: -len(lead[0].raw)].strip()
        return title

    def title(self) -> tuple[str, str | None]:
        body = self._header_title()
        if body:
            if whole := self._whole_title(body):
                return whole
            a, b = self.span.title
            return self.printed(body, range(a, b)), "body"
        if self.span.toc:
            return self.span.toc.title, "toc"
        if self.page:
            if field := self.page.fields.text("title"):
                return field[0], f"field:{field[1]}"
            summary = self.page.fields.text("summary")
            if summary and S.ends_like_title(fold_width(self.norm(summary[0]))) and len(summary[0]) <= S.TITLE_MAX:
                return summary[0], f"field:{summary[1]}"  # 内容概况 | 市政府关于…的批复
            for k in self.page.headings:
                text = _unwrap(self.texts[k])
                if S.ends_like_title(text) and not S.is_office(text):
                    return self.printed(text, [k]), "heading"
        for k in range(self.span.start, min(self.span.end, self.span.start + 12)):
            if found := P.BOOK_TITLE_LINE.match(self.texts[k]):
                return self.printed(found.group("title"), [k]), "order-title"
        if self.span.kind == "order":  # 《…办法》已经…常务会议通过,现予公布: the order promulgates it
            for k in range(self.body_from, min(self.span.end, self.body_from + 3)):
                if named := S.book_titles(self.texts[k]):
                    return self.printed(named[0], [k]), "order-title"
        if self.page and self.page.page_title:
            piece = HEADING_SEPARATORS.split(self.page.page_title)[0].strip()
            if piece:
                return piece, "page-title"
        return "", None

    def _whole_title(self, body: str) -> tuple[str, str] | None:
        """The same title printed elsewhere with its issuing office before it (real/016, 019): that one.
        A body that put the office on a letterhead line printed only 关于…; a reader cites it whole."""
        key = entry_key(body)
        if not self.page or OFFICE_PREFIX.match(body):
            return None
        candidates: list[tuple[str, str, list[int]]] = []
        for k in self.page.headings:
            candidates += [(piece, "heading", [k]) for piece in HEADING_SEPARATORS.split(_unwrap(self.texts[k]))]
        if field := self.page.fields.text("title"):
            candidates.append((field[0], f"field:{field[1]}", []))
        if self.page.page_title:
            candidates += [(piece, "page-title", []) for piece in HEADING_SEPARATORS.split(self.page.page_title)]
        for text, where, lines in candidates:
            whole = entry_key(fold_width(self.norm(text)))
            if len(whole) > len(key) and whole.endswith(key) and S.is_office(whole[: len(whole) - len(key)]):
                return (self.printed(text.strip(), lines) if lines else text.strip()), where
        return None

    # ── 文号 ───────────────────────────────────────────────────────────────────────────────

    def number(self) -> tuple[DocNumber | None, str | None]:
        number, source = self._number()
        if number is not None and source == "body" and self.page and not number.printed.endswith(("号", "號")):
            # The body's copy lost glyphs (浦府〔20221); a field prints the same number whole.
            field = self.page.fields.number()
            if field and field[0].key == number.key:
                return field[0], f"field:{field[1]}"
        return number, source

    def _number(self) -> tuple[DocNumber | None, str | None]:
        span = self.span
        if span.title:
            for k in range(*span.title):
                if found := _glued_number(self.originals[k]):
                    return found, "body"
        if span.number is not None:
            line = self.originals[span.number]
            number = parse_doc_number(line, self.order_header) if self.order_header else None
            number = number or parse_doc_number(line) or next(iter(find_doc_numbers(line)), None)
            if number:
                return number, "body"
        if span.toc and span.toc.number and (found := find_doc_numbers(span.toc.number)):
            return found[0], "toc"
        for k in range(self.span.start, min(self.span.end, max(self.body_from + 2, self.header_end + 1))):
            note = S.split_note(self.originals[k])[1] or (self.originals[k].strip() if PROMULGATION.match(self.texts[k]) else None)
            numbers = find_doc_numbers(note) if note else []
            if len(numbers) == 1 and numbers[0].is_order:
                return numbers[0], "note"  # (2004年10月8日市人民政府令第124号发布,…)
        if self.page:
            if field := self.page.fields.number():
                return field[0], f"field:{field[1]}"
            for k in range(0, min(len(self.texts), self.body_from + 3)):
                numbers = find_doc_numbers(self.originals[k])
                if numbers and LINE_MARKER.sub("", self.texts[k]).lstrip(" (（[【").startswith(fold_width(self.norm(numbers[0].raw))):
                    return numbers[0], "page-line"  # 赣府厅字[2018]87号2018年9月18日… (real/035)
                if len(numbers) == 1 and self._field_like(k, numbers[0]):
                    return numbers[0], "page-line"  # 2007-10-01 山西省人民政府辦公廳 晉政辦發〔2007〕120號 山西省
        return None, None

    # ── dates ──────────────────────────────────────────────────────────────────────────────

    def signature_date_line(self) -> int | None:
        """The line holding the signing date: after the header, an office line or 此件公开发布 beside
        it is the signature; else the first line that is only a date (or office + date)."""
        first = None
        for k in range(self.body_from, self.span.end):
            if self.cells[k] or self._date_of_line(k) is None:
                continue
            if first is None:
                first = k
            before = self.texts[k - 1] if k > 0 else ""
            after = self.texts[k + 1] if k + 1 < len(self.texts) else ""
            if S.is_office(before) or S.is_public_note(after) or S.signatory(before) or self._office_and_date(k):
                return k
        return first

    def _office_and_date(self, k: int) -> tuple[str, dt.date] | None:
        """北京市人民政府办公厅 2016年5月28日 on one line, or 自治区主席 陈 武 2016年12月6日."""
        text = self.texts[k]
        found = P.DATE_WRITTEN.search(text)
        if not found or S.is_sentence(text) or len(text) > 80 or found.end() < len(text.rstrip(" )）|｜")):
            return None
        rest = text[: found.start()].strip(" (（")
        date = parse_date(found.group(0))
        if date and rest and (S.is_office(rest) or S.signatory(rest)):
            return rest, date
        return None

    def _date_of_line(self, k: int) -> dt.date | None:
        if date := S.date_line(self.texts[k]):
            return date
        closing = (k > 0 and S.is_office(self.texts[k - 1])) or (k + 1 < len(self.texts) and S.is_public_note(self.texts[k + 1]))
        if closing and (date := _digits_date(self.texts[k])):
            return date  # 东宁市人民政府办公室 / 2018525: the page lost the glyphs of 年月日
        both = self._office_and_date(k)
        return both[1] if both else None

    def signed(self, signed_at: int | None) -> tuple[dt.date | None, str | None]:
        if signed_at is not None:
            return self._date_of_line(signed_at), "signature"
        for k in range(self.span.start, min(self.span.end, max(self.body_from + 2, self.header_end + 1))):
            if date := self._number_then_date(k):
                return date, "number-line"  # (宁政办发〔2001〕99号 2001年5月29日) (real/039)
            note = S.split_note(self.texts[k])[1]
            if note and not find_doc_numbers(note) and (date := parse_date(note)):
                return date, "title-note"  # …的通知 ((1990年11月16日))
            if PROMULGATION.match(self.texts[k]) and (date := parse_date(self.texts[k])):
                return date, "note"  # (1991年3月26日济南市人民政府令19号发布)
        for k in range(self.body_from, self.span.end):
            if not self.cells[k] and (found := TRAILING_DATE.search(self.texts[k])):
                return parse_date(found.group("date")), "signature"  # …作出更大贡献。 二○○五年二月七日
        if self.page:
            if found := self.page.fields.date("signed"):
                return found[0], f"field:{found[1]}"
            for k in range(0, min(len(self.texts), self.body_from + 3)):
                if date := self._number_then_date(k):
                    return date, "page-line"  # 赣府厅字[2018]87号2018年9月18日… (real/035)
                numbers = find_doc_numbers(self.originals[k])
                if len(numbers) == 1 and self._field_like(k, numbers[0]) and (date := parse_date(self.texts[k])):
                    return date, "page-line"
        return None, None

    def _field_like(self, k: int, number: DocNumber) -> bool:
        """An unlabelled field line: a 文号 with only dates, office and place names beside it."""
        text = self.texts[k]
        if S.is_sentence(text) or len(text) > 80:
            return False
        rest = text.replace(fold_width(self.norm(number.raw)), " ")
        rest = P.DATE_ISO.sub(" ", P.DATE_WRITTEN.sub(" ", rest))
        words = [w for w in re.split(r"[\s|｜]+", rest) if w]
        return bool(words) and all(S.is_office(w) or PLACE_ONLY.match(w) for w in words) and any(S.is_office(w) for w in words)

    def _number_then_date(self, k: int) -> dt.date | None:
        """The date printed right after a 文号 on its line."""
        numbers = find_doc_numbers(self.originals[k])
        if not numbers:
            return None
        text = self.texts[k]
        printed = fold_width(self.norm(numbers[0].raw))
        at = text.find(printed)
        if at < 0:
            return None
        found = P.DATE_WRITTEN.match(text[at + len(printed) :].lstrip(" )）,，"))
        return parse_date(found.group(0)) if found else None

    # ── offices ────────────────────────────────────────────────────────────────────────────

    def offices(self, title: str, signed_at: int | None, number: DocNumber | None) -> tuple[list[str], str | None]:
        found: dict[str, list[str]] = {}
        if signed_at is not None and (names := self._signature_offices(signed_at)):
            found["signature"] = names
        if prefix := OFFICE_PREFIX.match(fold_width(self.norm(title))):
            office = re.sub(r"\s+", "", prefix.group("office"))
            found["title-short" if PLACELESS.match(office) else "title"] = [self.norm.printed(office, title)]
        if self.span.banner is not None:
            banner = self.texts[self.span.banner]
            if S.is_order_header(banner):
                found["order"] = [self.printed(banner[:-1], [self.span.banner])]
            else:
                name = re.sub(r"\s*文\s*件$", "", banner).strip()
                if name:
                    found["letterhead"] = [self.printed(re.sub(r"\s+", "", name), [self.span.banner])]
        if number is not None and number.is_order and (office := _order_office(number)):
            if "order" not in found or PLACELESS.match(found["order"][0]):
                found["order"] = [office]  # 市人民政府令 (a section line) / 東陵市人民政府令 第201號
        if self.page:
            for kind in ("issuer", "publisher"):
                for field in self.page.fields.all(kind):
                    name = re.sub(r"\s+", "", fold_width(field.value))
                    if S.is_office(name):
                        found.setdefault(f"field-{kind}", [name])
            for k in list(self.page.headings) + list(range(self.span.start, self.header_end)):
                if S.is_office(self.texts[k]) and not S.is_banner(self.texts[k]):
                    name = re.sub(r"\s+", "", self.texts[k]).lstrip("•·-*")
                    found.setdefault("header-line", [self.printed(name, [k])])
        for rank in OFFICE_RANK:
            if rank in found:
                return [PROVINCE_PREFIX.sub("", name) for name in _complete(found[rank], found)], rank
        return [], None

    def _signature_offices(self, signed_at: int) -> list[str]:
        both = self._office_and_date(signed_at)
        if both and S.is_office(both[0]):
            return [self.printed(re.sub(r"\s+", "", both[0]), [signed_at])]
        names = []
        k = signed_at - 1
        while k >= self.body_from and len(names) < 4 and not self.cells[k] and S.is_office(self.texts[k]):
            names.insert(0, self.printed(re.sub(r"\s+", "", self.texts[k]), [k]))
            k -= 1
        return names

    # ── 主送 and 附件 ───────────────────────────────────────────────────────────────────────

    def recipients(self) -> str | None:
        for k in range(self.body_from, min(self.span.end, self.body_from + HEADER_ZONE)):
            if who := S.recipients(self.texts[k]):
                return self.printed(who, [k])
        return None

    def attachments(self) -> tuple[str, ...]:
        """The first 附件 list: 附件:1.甲 / 2.乙 (000:500), or 附件: then the name on the next line (003:379)."""
        texts = self.originals
        for k in range(self.body_from, self.span.end):
            found = P.ATTACHMENT.match(texts[k].strip())
            if not found:
                continue
            rest = found.group("rest").strip()
            items = [rest] if rest else []
            for text in texts[k + 1 : min(self.span.end, k + 1 + ATTACHMENT_ITEMS_MAX)]:
                item = P.ATTACHMENT_ITEM.match(text.strip())
                if not item or not (items or not rest):
                    break
                items.append(text)
            if not items and k + 1 < self.span.end:
                items = [texts[k + 1]]
            return tuple(_attachment_name(x) for x in items if _attachment_name(x))
        return ()


def _digits_date(text: str) -> dt.date | None:
    """A date whose 年/月/日 glyphs were lost (2018525, 20151214, 202091), read only where the split
    into month and day is unambiguous."""
    found = re.fullmatch(r"\s*((?:19|20)\d\d)(\d{2,4})\s*", text)
    if not found:
        return None
    year, rest = int(found.group(1)), found.group(2)
    readings = set()
    for cut in range(1, len(rest)):
        month, day = int(rest[:cut]), int(rest[cut:])
        if rest[cut] != "0" or cut == len(rest) - 1:
            try:
                readings.add(dt.date(year, month, day))
            except ValueError:
                pass
    return readings.pop() if len(readings) == 1 else None


def _glued_number(line: str) -> DocNumber | None:
    """A 文号 glued to the title on its line: …的通知(岳办发〔2017〕2号), 京政办发〔2016〕26号《…》."""
    numbers = find_doc_numbers(line)
    if len(numbers) != 1:
        return None
    rest = line.replace(numbers[0].raw, "", 1).strip()
    return numbers[0] if rest and not S.is_sentence(rest) and not S.date_line(line) else None


def _order_office(number: DocNumber) -> str | None:
    """广西壮族自治区人民政府令 → 广西壮族自治区人民政府; 政府令 names no office."""
    agency = number.agency.removesuffix("令")
    return agency if PLACE.match(agency) or agency.startswith(("国务院", "國務院", "中华人民共和国")) else None


def _complete(names: list[str], found: dict[str, list[str]]) -> list[str]:
    """市人民政府办公厅 → 广州市人民政府办公厅 when another piece of evidence prints it whole."""
    out = []
    for name in names:
        if PLACELESS.match(name):
            longer = [x for xs in found.values() for x in xs if len(x) > len(name) and to_simplified(x).endswith(to_simplified(name))]
            name = max(longer, key=len) if longer else name
        out.append(name)
    return out


def _speech_office(doc: Document, issue: Issue | None) -> Document:
    """A speech has no signature: the 市长 of 黃石 speaks for 黃石市人民政府 (gold-notes.md §4)."""
    if doc.office or doc.doc_type != "讲话" or not issue or not issue.gazette:
        return doc
    found = PLACE.match(issue.gazette)
    return replace(doc, office=found.group("place") + "人民政府") if found else doc


def _genre(title: str, span: DocumentSpan, norm: Normalizer) -> str | None:
    if span.kind == "order":
        return "令"
    if span.kind == "speech":
        return "讲话"
    found = GENRE_AT_END.search(fold_width(norm(title)))
    if not found:
        return None
    word = to_simplified(found.group("genre"))
    return GENRE_NAMES.get(word, word)


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
