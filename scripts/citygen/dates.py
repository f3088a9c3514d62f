"""How a date is printed in a signature block, a 题注, a cover or a CMS field.

GB/T 9704-1999 had dates in Chinese numerals with 〇; typesetters often type a Latin O or a digit
0 for it, and pages mix numerals and digits (二0二一年5月6日). The 2012 standard uses digits.
"""

from __future__ import annotations

import datetime as dt
import random

_DIGITS = "〇一二三四五六七八九"
SIGNATURE_FORMS = ("arabic", "arabic", "arabic", "hanzi", "hanzi_o", "hanzi_0", "mixed")


def _hanzi_number(n: int) -> str:
    """1..31 as written in dates: 十, 十一, 二十, 二十一, 三十一."""
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _DIGITS[ones]
    head = "" if tens == 1 else _DIGITS[tens]
    return head + "十" + (_DIGITS[ones] if ones else "")


def write(date: dt.date, form: str) -> str:
    """The date in one of SIGNATURE_FORMS (or iso / dashed for CMS fields)."""
    if form == "arabic":
        return f"{date.year}年{date.month}月{date.day}日"
    if form == "padded":
        return f"{date.year}年{date.month:02d}月{date.day:02d}日"
    if form == "iso":
        return date.isoformat()
    zero = {"hanzi": "〇", "hanzi_o": "O", "hanzi_0": "0", "mixed": "0"}[form]
    year = "".join(_DIGITS[int(c)] for c in str(date.year)).replace("〇", zero)
    if form == "mixed":
        return f"{year}年{date.month}月{date.day}日"
    return f"{year}年{_hanzi_number(date.month)}月{_hanzi_number(date.day)}日"


def signature_form(rng: random.Random) -> str:
    return rng.choice(SIGNATURE_FORMS)


def between(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    """A day in [start, end]."""
    return start + dt.timedelta(days=rng.randint(0, max(0, (end - start).days)))
