"""Dates as Chinese documents print them: 2021年2月4日, 二〇二一年二月四日, 二O二O年三月五日,
二0二一年5月6日, 2021-02-04."""

from __future__ import annotations

import datetime as dt

from . import patterns as P

CN_VALUES = {
    "〇": 0, "○": 0, "零": 0, "O": 0, "o": 0, "Ｏ": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5,
    "六": 6, "七": 7, "八": 8, "九": 9,
}  # fmt: skip
FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")


def _digit(c: str) -> int:
    c = c.translate(FULLWIDTH)
    return int(c) if c.isdigit() else CN_VALUES[c]


def _number(text: str) -> int:
    """2021, 二〇二一, 二O二一, 二0二一 (digit by digit); 二十四 → 24, 十二 → 12, 三十 → 30."""
    if "十" not in text:
        return int("".join(str(_digit(c)) for c in text))
    tens, _, units = text.partition("十")
    return (_digit(tens) if tens else 1) * 10 + (_digit(units) if units else 0)


def _make(y: int, m: int, d: int) -> dt.date | None:
    if not 1900 <= y <= 2100:
        return None
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def parse_date(text: str) -> dt.date | None:
    """The first valid date in a text, written or ISO; None if there is none."""
    for found in P.DATE_WRITTEN.finditer(text):
        try:
            date = _make(*(_number(found.group(k)) for k in "ymd"))
        except (KeyError, ValueError):
            continue
        if date is not None:
            return date
    if found := P.DATE_ISO.search(text):
        return _make(*(int(found.group(k)) for k in "ymd"))
    return None
