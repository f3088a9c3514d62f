"""The signing date: the signature's (after an office line, before 此件公开发布, beside a
signatory), a date printed with the 文号 or in the title's note, a promulgation note's, a date run on
after the last sentence, then the 成文日期-like fields."""

from __future__ import annotations

import datetime as dt
import re

from .. import lineshapes as S
from .. import patterns as P
from ..dates import parse_date
from ..docnumber import find_doc_numbers
from ..toc import entry_key
from .evidence import Evidence
from .number import PROMULGATION

# A signature date run on after the last sentence of a text that lost its line breaks.
TRAILING_DATE = re.compile(rf"[。；;!！]\s+(?P<date>{P.DATE_WRITTEN_TEXT})\s*$")


def signature_date_line(ev: Evidence) -> int | None:
    """The line holding the signing date: after the header, an office line or 此件公开发布 beside
    it is the signature; else the first line that is only a date (or office + date)."""
    first = None
    for k in range(ev.body_from, ev.span.end):
        if ev.cells[k] or ev.date_of_line(k) is None or BRACKETED_NOTE.match(ev.texts[k]):
            continue  # (新余市国有资产监督管理委员会 2008年10月6日): a note under an attachment's title
        if first is None:
            first = k
        before = ev.texts[k - 1] if k > 0 else ""
        after = ev.texts[k + 1] if k + 1 < len(ev.texts) else ""
        if S.is_office(before) or S.is_public_note(after) or S.signatory(before) or ev.office_and_date(k):
            return k
    return first


BRACKETED_NOTE = re.compile(r"^\s*[(（][^()（）]+[)）]\s*$")
# A signature date whose year a template or the page lost (20xx年11月30日, 年2月9日): no date, but
# the office above it still signs.
DATE_SHAPE = re.compile(
    r"^\s*(?:(?:(?:19|20)?[xX×]{2,4}|[xX×]{4})?\s*年\s*[0-9一二三四五六七八九十]{1,2}\s*月\s*[0-9一二三四五六七八九十]{1,3}\s*日"
    r"|(?:19|20)\d\d\s*年\s*[0-9一二三四五六七八九十]{1,2}\s*月\s+日)\s*$"  # …or its day left blank: 2020年4月 日
)


def signature_shape_line(ev: Evidence) -> int | None:
    """Without a readable signing date: the line of one whose year is lost, under an office line."""
    for k in range(ev.span.end - 1, ev.body_from, -1):
        if not ev.cells[k] and DATE_SHAPE.match(ev.texts[k]) and S.is_office(ev.texts[k - 1]):
            return k
    return None


def _promulgated(note: re.Match[str]) -> dt.date | None:
    """The date the order number was given: the last date before it, not the adoption meeting's
    ((…年7月25日…常务会议通过, …年10月22日…令第18号发布) is promulgated on October 22nd)."""
    dates = list(P.DATE_WRITTEN.finditer(note.string, 0, note.start("order")))
    return parse_date(dates[-1].group(0)) if dates else None


# A law database's line under the title: the date, then who issued it (1988年12月8日,最高人民法院).
DATE_THEN_ISSUER = re.compile(rf"\s*(?P<date>{P.DATE_WRITTEN_TEXT})\s*[,，、\s]\s*(?P<issuer>[^\s,，。；]{{2,60}}?)\s*")
# 《X》已经…常务会议通过,现予公布: an order's promulgation, its 令 header lost or apart.
PUBLISHES = re.compile(r"现予(?:公布|发布|印发)|予以公布|现予施行")


def _promulgated_above(ev: Evidence) -> dt.date | None:
    """The date under a promulgation printed above the document it names (its 令 header lost: 《X》
    已经…通过,现予公布 / 主席 王某 / 2024年5月8日 / X …): the date X was promulgated."""
    if not ev.span.title:
        return None
    title = entry_key("".join(ev.texts[k] for k in range(*ev.span.title)))
    for k in range(max(0, ev.span.start - 6), ev.span.start):
        if PUBLISHES.search(ev.texts[k]) and any(entry_key(name) == title for name in S.book_titles(ev.texts[k])):
            for j in range(k + 1, min(k + 4, ev.span.start)):
                if date := ev.date_of_line(j):
                    return date
    return None


def signed(ev: Evidence, signed_at: int | None) -> tuple[dt.date | None, str | None]:
    if signed_at is not None:
        return ev.date_of_line(signed_at), "signature"
    for k in range(ev.span.start, min(ev.span.end, max(ev.body_from + 2, ev.header_end + 1))):
        if date := ev.number_then_date(k):
            return date, "number-line"  # (宁政办发〔2001〕99号 2001年5月29日) (real/039)
        note = S.split_note(ev.texts[k])[1] or (ev.texts[k] if k > ev.span.start and S.DATE_NOTE.match(ev.texts[k]) else None)
        if note and not find_doc_numbers(note) and (date := parse_date(note)):
            return date, "title-note"  # …的通知 ((1990年11月16日))
        if (found := PROMULGATION.match(ev.texts[k])) and (date := _promulgated(found)):
            return date, "note"  # (1991年3月26日济南市人民政府令19号发布)
        if k >= ev.body_from - 1 and (note := S.lead_note(ev.texts[k])) and (date := parse_date(note)):
            return date, "note"  # (1985年5月4日皖政〔1985〕38号)  根据…
        if (dated := DATE_THEN_ISSUER.fullmatch(ev.texts[k])) and all(S.is_office(o) for o in re.split(r"[、\s]+", dated["issuer"])):
            return parse_date(dated["date"]), "issuer-line"  # a law database's 1991年1月23日,国家环保局、能源部
        if k > ev.span.start and S.is_office(ev.texts[k - 1]) and P.DATE_ISO.fullmatch(ev.texts[k].strip()):
            return parse_date(ev.texts[k]), "issuer-line"  # 国税函[2002]197号 / 国家税务总局 / 2002-3-11
    for k in range(ev.body_from, ev.span.end):
        if not ev.cells[k] and (found := TRAILING_DATE.search(ev.texts[k])):
            return parse_date(found.group("date")), "signature"  # …作出更大贡献。 二○○五年二月七日
    if ev.page:
        if found := ev.page.fields.date("signed"):
            return found[0], f"field:{found[1]}"
        if date := _promulgated_above(ev):
            return date, "promulgation"
        for k in range(0, min(len(ev.texts), ev.body_from + 3)):
            if date := ev.number_then_date(k):
                return date, "page-line"  # 赣府厅字[2018]87号2018年9月18日… (real/035)
            numbers = find_doc_numbers(ev.originals[k])
            if len(numbers) == 1 and ev.field_like(k, numbers[0]) and (date := parse_date(ev.texts[k])):
                return date, "page-line"
    return None, None
