"""The single 文号 grammar: 本政办发〔２０２１〕１号 ⇄ DocNumber(agency, year, serial, canonical)."""

from __future__ import annotations

import re

from . import patterns as P
from .model import DocNumber

FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
STRIP_AROUND = " \t\u3000\u00a0()（）[]［］<>《》:：,，.。;；"


def _int(text: str) -> int:
    return int(text.translate(FULLWIDTH_DIGITS))


def canonical(agency: str, year: int | None, serial: int, hao: str = "号") -> str:
    """Canonical spelling: half-width digits, 〔〕 brackets, no spaces; 令 numbers as 政府令第N号."""
    if year is None:
        return f"{agency}第{serial}{hao}"
    return f"{agency}〔{year}〕{serial}{hao}"


def parse_doc_number(text: str) -> DocNumber | None:
    """Parse a string that is a 文号 (brackets, spaces and full-width digits tolerated).

    >>> parse_doc_number("本政办发〔２０２１〕１号").canonical
    '本政办发〔2021〕1号'
    >>> parse_doc_number("政府令第192号").agency, parse_doc_number("政府令第192号").year
    ('政府令', None)
    """
    raw = text.strip(STRIP_AROUND)
    if not raw:
        return None
    if found := P.DOC_NUMBER.fullmatch(raw):
        return _from_match(found, raw)
    if (found := P.ORDER_NUMBER.fullmatch(raw)) and found.group("agency"):
        return _from_match(found, raw)
    return None


def parse_order_number(text: str, header: str) -> DocNumber | None:
    """A bare 第192号 printed under a 令 header: the agency comes from the header (…政府令 → 政府令)."""
    raw = text.strip(STRIP_AROUND)
    found = P.ORDER_NUMBER.fullmatch(raw)
    if not found:
        return None
    agency = found.group("agency") or _order_agency(header)
    serial = _int(found.group("serial"))
    return DocNumber(raw, agency, None, serial, canonical(agency, None, serial, _hao(raw)))


def find_doc_numbers(text: str) -> list[DocNumber]:
    """Every 文号 with a year cited anywhere in a text, in order."""
    return [_from_match(m, m.group(0)) for m in P.DOC_NUMBER.finditer(text)]


def _from_match(found: re.Match[str], raw: str) -> DocNumber:
    agency = re.sub(r"\s+", "", found.group("agency") or "")
    year_text = found.groupdict().get("year")
    year = _int(year_text) if year_text else None
    serial = _int(found.group("serial"))
    if year is None:
        agency = _order_agency(agency)
    return DocNumber(raw, agency, year, serial, canonical(agency, year, serial, _hao(raw)))


def _order_agency(header: str) -> str:
    """本溪市人民政府令 → 政府令; 国家发展和改革委员会令 → 国家发展和改革委员会令 (kept whole)."""
    if header.endswith("政府令"):
        return "政府令"
    return header or "令"


def _hao(raw: str) -> str:
    return "號" if raw.endswith("號") else "号"
