"""Dates as Chinese documents print them: 2021年2月4日, 二〇二一年二月四日, 2021-02-04."""

from __future__ import annotations

import datetime as dt

from . import patterns as P

CN_VALUES = {"〇": 0, "○": 0, "零": 0, "Ｏ": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")


def _cn_number(text: str) -> int:
    """二十四 → 24, 十二 → 12, 三十 → 30, 二〇二一 (digit by digit) → 2021."""
    if "十" not in text:
        return int("".join(str(CN_VALUES[c]) for c in text))
    tens, _, units = text.partition("十")
    return (CN_VALUES[tens] if tens else 1) * 10 + (CN_VALUES[units] if units else 0)


def _make(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def parse_date(text: str) -> dt.date | None:
    """The first date in a text, in any of the three forms; None if there is none or it is invalid."""
    if found := P.DATE_NUMERIC.search(text):
        y, m, d = (int(found.group(k).translate(FULLWIDTH)) for k in "ymd")
        return _make(y, m, d)
    if found := P.DATE_CHINESE.search(text):
        try:
            return _make(*(_cn_number(found.group(k)) for k in "ymd"))
        except (KeyError, ValueError):
            return None
    if found := P.DATE_ISO.search(text):
        return _make(*(int(found.group(k)) for k in "ymd"))
    return None
