"""The document's own 文号: in its header, its 目录 entry, an order's promulgation note, a field, a
number opening one of the page's first lines; never one cited inside a sentence."""

from __future__ import annotations

import re

from .. import lineshapes as S
from ..docnumber import find_doc_numbers, parse_doc_number, serial_number
from ..model import DocNumber
from ..normalize import fold_width
from .evidence import Evidence

# An order's promulgation note under its title: (2004年10月8日市人民政府令第124号发布,根据…修改),
# or unbracketed when it opens with its date: 1994年7月19日国务院令第158号颁布.
# The note may name the adoption meeting first: (1992年7月25日省人民政府第一三七次常务会议通过, 1992年10月22日…令第18号发布.
PROMULGATION = re.compile(
    r"^(?:[(（]|(?:19|20)\d\d\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日).{0,80}?(?P<order>令第?\s*\d+\s*[号號]).{0,6}"
    r"(?:发布|公布|發布|頒布|颁布|宣布)"
)
# A serial in brackets at a title's end: 通告(第1号), 公告（2020年第3号）, 通告(1号) (第 left out).
SERIAL_TAIL = re.compile(r"[(（][^()（）]{0,20}?第?\s*(?:\d{1,5}|[一二三四五六七八九十百零〇两]{1,7})\s*[号號][)）]$")
HEADER_LINES = 8  # how far below the title a 公告 header may stand (a database repeats title and issuer)
# A 公告 header under the title of what it promulgates (深圳市人民代表大会常务委员会公告).
SERIAL_HEADER = re.compile(r"^[\u3400-\u9fff]{4,30}(?:公告|通告)$")
# An order's number alone on its line, under its issuer's name: 2号令, 第3号令.
ORDER_UNDER_ISSUER = re.compile(r"^\s*第?\d{1,5}\s*[号號]令\s*$")
# A marker a database puts before an abstract's text: <正>, 【摘要】.
LINE_MARKER = re.compile(r"^\s*[<〈【\[(（][^>〉】\])）]{1,4}[>〉】\])）]\s*")


def number(ev: Evidence) -> tuple[DocNumber | None, str | None]:
    number, source = _number(ev)
    if number is not None and source == "body" and ev.page and not number.printed.endswith(("号", "號")):
        # The body's copy lost glyphs (浦府〔20221); a field prints the same number whole.
        field = ev.page.fields.number()
        if field and field[0].key == number.key:
            return field[0], f"field:{field[1]}"
    return number, source


def _number(ev: Evidence) -> tuple[DocNumber | None, str | None]:
    span = ev.span
    if span.title:
        for k in range(*span.title):
            if found := _glued_number(ev.originals[k]):
                return found, "body"
    if span.number is not None:
        line = ev.originals[span.number]
        number = parse_doc_number(line, ev.order_header) if ev.order_header else None
        number = number or parse_doc_number(line) or next(iter(find_doc_numbers(line)), None)
        if number:
            return number, "body"
    if found := _serial(ev):
        return found, "body"
    for k in range(max(span.start, 1), min(span.end, span.start + HEADER_LINES)):
        if ORDER_UNDER_ISSUER.match(ev.texts[k]) and S.is_office(ev.texts[k - 1]):
            return parse_doc_number(ev.originals[k], ev.originals[k - 1].strip()), "body"  # XX指挥部 / 2号令
    if span.toc and span.toc.number and (found := find_doc_numbers(ev.toc_entry[1] or "")):
        return found[0], "toc"
    for k in range(ev.span.start, min(ev.span.end, max(ev.body_from + 2, ev.header_end + 1))):
        note = S.split_note(ev.originals[k])[1] or (ev.originals[k].strip() if PROMULGATION.match(ev.texts[k]) else None)
        numbers = find_doc_numbers(note) if note else []
        if len(numbers) == 1 and numbers[0].is_order:
            return numbers[0], "note"  # (2004年10月8日市人民政府令第124号发布,…)
        if k >= ev.body_from - 1 and (note := S.lead_note(ev.originals[k])):
            return find_doc_numbers(note)[0], "note"  # (1985年5月4日皖政〔1985〕38号)  根据…
    if ev.page:
        if field := ev.page.fields.number():
            return field[0], f"field:{field[1]}"
        for k in range(0, min(len(ev.texts), ev.body_from + 3)):
            numbers = find_doc_numbers(ev.originals[k])
            if numbers and LINE_MARKER.sub("", ev.texts[k]).lstrip(" (（[【").startswith(fold_width(ev.norm(numbers[0].raw))):
                return numbers[0], "page-line"  # 赣府厅字[2018]87号2018年9月18日… (real/035)
            if len(numbers) == 1 and ev.field_like(k, numbers[0]):
                return numbers[0], "page-line"  # 2007-10-01 山西省人民政府辦公廳 晉政辦發〔2007〕120號 山西省
    return None, None


def _serial(ev: Evidence) -> DocNumber | None:
    """A 公告/通告/令's serial glued to its title's end (…通告(第1号)) or on the line under it."""
    if not ev.span.title:
        return None
    first, end = ev.span.title
    title = S.without_news_place("".join(ev.texts[first:end]))  # 【精准防控】XX指挥部公告(第47号): the tag is no issuer
    if glued := SERIAL_TAIL.search(title):
        return serial_number(ev.printed(glued.group(0), range(first, end)), title[: glued.start()])
    if end < ev.span.end and (number := serial_number(ev.originals[end], title)):
        return number
    for k in range(end, min(end + HEADER_LINES, ev.span.end - 1)):
        # The law it promulgates over its 公告 header: XX条例 / XX常务委员会公告 / 第三十七号.
        if len(ev.texts[k]) > S.TITLE_LINE_MAX or S.is_sentence(ev.texts[k]):
            break  # the text has begun
        if SERIAL_HEADER.search(ev.texts[k]) and (number := serial_number(ev.originals[k + 1], ev.texts[k])):
            return number
    return None


def _glued_number(line: str) -> DocNumber | None:
    """A 文号 glued to the title on its line: …的通知(岳办发〔2017〕2号), 京政办发〔2016〕26号《…》."""
    numbers = find_doc_numbers(line)
    if len(numbers) != 1:
        return None
    rest = line.replace(numbers[0].raw, "", 1).strip()
    return numbers[0] if rest and not S.is_sentence(rest) and not S.date_line(line) else None


