"""The issue's own metadata from its masthead, page title and CMS fields.

本溪市人民政府公报 / 2021年第2号(总第116期) (000:11-13), 黃石市人民政府公報2019年第6號(總號:90)
(001:6), 发布日期: 2021-04-28 and 发布机构 in the CMS field table (000:1-3), 日期:[2019-07-18 16:13] (001:8).
"""

from __future__ import annotations

import datetime as dt
import re

from . import patterns as P
from .dates import parse_date
from .fields import PageFields
from .model import Issue, IssueText, Script


# …的公告(2009年第8号): an announcement's serial after its genre word, not an issue of a gazette.
ANNOUNCEMENT_SERIAL = re.compile(r"(?:公告|通告|令)\s*[(（]?\s*$")


def describe_issue(issue_text: IssueText, script: Script) -> Issue | None:
    """Issue metadata, or None when the page is one document outside any issue."""
    clean = issue_text.clean
    fields = PageFields(clean.meta)
    # The masthead above the first document, and the imprint under the last (总第190期, 出版日期).
    header = [clean.lines[i].text for i in (*range(*issue_text.header), *range(*issue_text.imprint))]
    sources = header + [f.value for f in fields.all("title")] + [clean.page_title or ""]
    gazette = _first(P.GAZETTE_NAME, sources, "name")
    numbered = next((m for text in sources if (m := P.ISSUE_NUMBER.search(text)) and not ANNOUNCEMENT_SERIAL.search(text, 0, m.start())), None)
    if gazette is None and numbered is None and not issue_text.toc:
        return None
    total = _first(P.TOTAL_NUMBER, header, "total")
    return Issue(
        gazette=gazette,
        year=int(numbered.group("year")) if numbered else None,
        number=int(numbered.group("number")) if numbered else None,
        total_number=int(total) if total else None,
        published=published_date(fields, header),
        publisher=next((f.value for kind in ("publisher", "issuer") for f in fields.all(kind)), None),
        script=script,
    )


def published_date(fields: PageFields, header: list[str]) -> dt.date | None:
    """When the page says it was published: a CMS date field, else a date in the masthead."""
    for kind in ("published", "signed"):
        if found := fields.date(kind):
            return found[0]
    return next((d for text in header if not P.ISSUE_NUMBER.search(text) and (d := parse_date(text))), None)


def _first(pattern, texts: list[str], group: str) -> str | None:
    for text in texts:
        if text and (found := pattern.search(text)):
            return found.group(group)
    return None
