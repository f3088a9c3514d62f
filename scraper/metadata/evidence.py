"""One document's evidence, shared by the readers of each field: its lines as the rules read them
and as the page prints them, its span, the page around it, and the small readings several use."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cached_property

from .. import lineshapes as S
from .. import patterns as P
from ..dates import parse_date
from ..docnumber import find_doc_numbers
from ..fields import PageFields
from ..model import DocNumber, DocumentSpan
from ..normalize import Normalizer, fold_width

HEADER_ZONE = 8  # lines after the title where the 主送 line may stand
PLACE_ONLY = re.compile(rf"^[{P.CJK}]{{1,8}}(?:省|市|县|縣|区|區|州|自治区|自治區)$")


@dataclass(frozen=True, slots=True)
class PageEvidence:
    """What a page holding one document says about it outside the document's own lines."""

    fields: PageFields
    headings: tuple[int, ...]  # indices of title-like lines before the document's body
    page_title: str | None


# A news page's lead: 聊城市人民政府发布《关于禁止燃放烟花爆竹的通告》,具体内容如下: the document and its issuer.
NEWS_LEAD = re.compile(
    rf"^(?P<office>[{P.CJK}、]{{2,40}}?{P.OFFICE_SUFFIX})(?:近日|日前|今天|今日)?(?:发布|發布|印发|印發|公布|頒布|颁布)了?"
    rf"《(?P<title>[^《》]{{4,120}})》[,，]?(?:全文|具体内容|具體內容|内容|內容)"
)


def news_lead(ev: Evidence) -> tuple[int, re.Match[str]] | None:
    """A page without a header whose first lines announce the document they print."""
    if ev.span.kind != "page":
        return None
    for k in range(ev.span.start, min(ev.span.end, ev.span.start + 3)):
        if found := NEWS_LEAD.match(ev.texts[k]):
            return k, found
    return None


# A flattened page's stamp run on after its headline: …的决定时间:2019-01-23 信阳市人民政府.
FIELD_TAIL = re.compile(r"(?:发布|發布|更新)?(?:时间|時間|日期|来源|來源)[:：].*$")


def heading(text: str) -> str:
    """A line above the document as a heading: 《…》 unwrapped, a run-on stamp cut."""
    text = text.lstrip("?？\ufffd□")  # a character the page's encoding lost, before its headline
    return FIELD_TAIL.sub("", unwrap(text)).strip() or unwrap(text)


def unwrap(text: str) -> str:
    found = P.BOOK_TITLE_LINE.match(text)
    return found.group("title") if found else text


def body_start(texts: list[str], span: DocumentSpan) -> int:
    """Where a document's header ends and its text begins."""
    ends = [span.start + 1]
    if span.title:
        ends.append(span.title[1])
    if span.number is not None:
        ends.append(span.number + 1)
    return min(max(ends), span.end)


TOC_ENTRY_LINES = 4


class Evidence:
    """One document's evidence: its lines (normalized and as printed), its span and the page around it."""

    def __init__(self, texts: list[str], originals: list[str], norm: Normalizer, span: DocumentSpan, page: PageEvidence | None, cells: list[bool],
                 published: dt.date | None = None):
        self.texts, self.originals, self.norm, self.span, self.page, self.cells = texts, originals, norm, span, page, cells
        self.body_from = body_start(texts, span)
        # On a page of one document, the lines up to its first sentence still belong to its header
        # (a mirror's issuer line under the title: 天津市人民政府, real pages).
        self.header_end = self.body_from
        while page and self.header_end < min(span.end, self.body_from + HEADER_ZONE) and not (
                S.is_sentence(texts[self.header_end]) or S.recipients(texts[self.header_end])):
            self.header_end += 1
        self.published = published  # the page's or issue's: no signing date comes after it
        self.order_header = texts[span.banner] if span.banner is not None and S.is_order_header(texts[span.banner]) else None


    def printed(self, value: str, lines: range | list[int]) -> str:
        """A value read from the normalized lines, as the page prints it."""
        original = "".join(self.originals[k] for k in lines)
        return self.norm.printed(value, original)


    @cached_property
    def toc_entry(self) -> tuple[str, str | None]:
        """The 目录's entry for this document (title, 文号) as the 目录 prints it (title, 文号 and
        the document's record each ask for it)."""
        entry = self.span.toc
        assert entry is not None
        around = range(entry.line, min(entry.line + TOC_ENTRY_LINES, len(self.originals)))  # a wrapped entry
        return self.printed(entry.title, around), entry.number and self.printed(entry.number, around)

    def office_and_date(self, k: int) -> tuple[str, dt.date] | None:
        """北京市人民政府办公厅 2016年5月28日 on one line, or 自治区主席 陈 武 2016年12月6日."""
        text = self.texts[k]
        found = P.DATE_WRITTEN.search(text) or DAY_LOST.search(text)  # 寿县人民政府督查室  2022年8月19
        if not found or S.is_sentence(text) or len(text) > 80 or found.end() < len(text.rstrip(" )）|｜")):
            return None
        rest = text[: found.start()].strip(" (（")
        date = parse_date(found.group(0)) or digits_date(found.group(0))
        if rest and not (S.is_office(rest) or S.signatory(rest)) and len(pieces := rest.split()) > 1 and S.is_office(pieces[-1]):
            rest = pieces[-1]  # 附件:…通知.pdf 中华人民共和国教育部二○○八年四月十一日: a signature run on after a blank
        if date and rest and (S.is_office(rest) or S.signatory(rest)):
            return rest, date
        return None


    def date_of_line(self, k: int) -> dt.date | None:
        if date := S.date_line(self.texts[k]):
            return date
        before = self.texts[k - 1].rstrip() if k > 0 else ""
        # Under an office, by 此件公开发布, or right under the text's last sentence (the office lost too).
        closing = S.is_office(before) or S.is_public_note(before) or before.endswith(("。", "!", "！")) or CONTACT.match(before) or (
            k + 1 < len(self.texts) and S.is_public_note(self.texts[k + 1]))
        if closing and (date := digits_date(self.texts[k], self.published)):
            return date  # 东宁市人民政府办公室 / 2018525: the page lost the glyphs of 年月日
        both = self.office_and_date(k)
        return both[1] if both else None


    def field_like(self, k: int, number: DocNumber) -> bool:
        """An unlabelled field line: a 文号 with only dates, office and place names beside it."""
        text = self.texts[k]
        if S.is_sentence(text) or len(text) > 80:
            return False
        rest = text.replace(fold_width(self.norm(number.raw)), " ")
        rest = P.DATE_ISO.sub(" ", P.DATE_WRITTEN.sub(" ", rest))
        words = [w for w in re.split(r"[\s|｜]+", rest) if w]
        return bool(words) and all(S.is_office(w) or PLACE_ONLY.match(w) for w in words) and any(S.is_office(w) for w in words)


    def number_then_date(self, k: int) -> dt.date | None:
        """The date printed with a 文号 on its line: right after it (宁政办发〔2001〕99号 2001年5月29日),
        or as all that stands before it (2004年3月16日  财综〔2004〕17号)."""
        numbers = find_doc_numbers(self.originals[k])
        if not numbers:
            return None
        text = self.texts[k]
        printed = fold_width(self.norm(numbers[0].raw))
        at = text.find(printed)
        if at < 0:
            return None
        after = text[at + len(printed) :].lstrip(" )）,，")
        found = P.DATE_WRITTEN.match(after) or P.DATE_ISO.match(after)  # 浙政发[2009]69号 2009-11-03
        if found is None and not text[at + len(printed) :].strip(" )）"):
            found = P.DATE_WRITTEN.fullmatch(text[:at].strip(" (（,，\u3000"))
        return parse_date(found.group(0)) if found else None


# A signature date whose 日 the page lost, at the end of its line after the office.
DAY_LOST = re.compile(r"(?<!\d)(?:19|20)\d\d\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*$")
# The contact line a notice ends with before its date: 联系电话:0391-2958010.
CONTACT = re.compile(r"^\s*(?:联系电话|联系人|联系方式|咨询电话|举报电话|监督电话|联系地址|电话)\s*[:：]")
# A closing date some of whose glyphs were lost but whose parts stay apart (2018年3月13, { 2017 6 23):
# 年 or a blank after the year, 月 or a blank after the month; a stray bracket before it.
LOST_GLYPHS = re.compile(r"[\s{}\[\]()（）]*((?:19|20)\d\d)(?:\s*年\s*|\s+)(\d{1,2})(?:\s*月\s*|\s+)(\d{1,2})\s*日?[\s{}\[\]()（）]*")


def digits_date(text: str, published: dt.date | None = None) -> dt.date | None:
    """A date whose 年/月/日 glyphs were lost (2018525, 20151214, 202091), read only where the split
    into month and day is unambiguous, or made so by the page's publication date (2022128 on a
    page published 2022-01-29 was signed on January 28th, not December 8th)."""
    if parted := LOST_GLYPHS.fullmatch(text):  # 2018年3月13, 2017 6 23: the parts still apart
        try:
            date = dt.date(*(int(parted.group(k)) for k in (1, 2, 3)))
        except ValueError:
            return None
        return date if published is None or date <= published else None  # signed after it was published: no
    found = re.fullmatch(r"\s*((?:19|20)\d\d)\s*年?\s*(\d{2,4})日?\s*", text)  # 2021118日, 2023年814: 月 lost
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
    if len(readings) > 1 and published:
        readings = {day for day in readings if day <= published}
    return readings.pop() if len(readings) == 1 else None


