"""A page's CMS fields (CleanText.meta) read as typed evidence: which label says what.

Labels are folded (Traditional → Simplified, blanks and pinyin glosses gone) and grouped by what
they state. A field's value is evidence like any other (metadata.py weighs it against the body):
发文机关 names the issuer, 发布机构 only the publisher; 成文日期 is the signing date, 发布日期 the
publication date; a value that does not look like what its label promises (发文机构: 县政府网站,
real/001) is no evidence at all.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .dates import parse_date
from .docnumber import find_doc_numbers, parse_doc_number
from .model import DocNumber
from .normalize import strip_glosses
from .script import to_simplified

# What each label states, strongest label first within a kind.
KINDS = {
    "number": ("发文字号", "文号", "发文文号", "发布文号", "文件编号", "发文号", "字号"),
    "issuer": ("发文机关", "发文机构", "发文单位", "发文部门", "制发机关", "成文机关", "制定机关", "颁布机关", "颁布部门", "颁布单位"),
    "publisher": ("发布机构", "发布单位", "发布部门", "所属机构", "文件来源", "信息来源", "来源", "责任部门", "公开责任部门", "ContentSource"),
    # 公布日期 last: a legal database's promulgation date, the signing date of a rule without a 落款.
    "signed": ("成文日期", "发文日期", "发文时间", "签发日期", "签署日期", "印发日期", "公布日期", "颁布日期", "颁布时间"),
    "published": ("发布日期", "发布时间", "公开日期", "公布日期", "上载日期", "生成日期", "日期", "时间", "PubDate"),
    "summary": ("内容概况", "内容概述"),
    "title": ("标题", "文件标题", "信息名称", "文件名称", "名称", "题名", "ArticleTitle"),
    "validity": ("有效性", "时效性", "时效", "效力状态", "效力状况"),
    "effective": ("生效日期", "生效时间", "施行日期"),
    "expires": ("废止日期", "废止时间", "失效日期"),
}


@dataclass(frozen=True, slots=True)
class Field:
    kind: str
    label: str  # as folded, e.g. 发文字号
    value: str


def _label(raw: str) -> str:
    return to_simplified(re.sub(r"\s+", "", strip_glosses(raw)))


class PageFields:
    """The fields of one page, looked up by what they state."""

    def __init__(self, meta: tuple[tuple[str, str], ...]):
        self._by_kind: dict[str, list[Field]] = {}
        self._numbers: list[Field] = []  # any field whose whole value is one 文号, whatever its label
        for raw_label, value in meta:
            label = _label(raw_label)
            value = value.strip()
            if not value:
                continue
            if parse_doc_number(value) is not None:
                self._numbers.append(Field("number", label, value))
            for kind, labels in KINDS.items():
                if label in labels:
                    self._by_kind.setdefault(kind, []).append(Field(kind, label, value))
        for found in self._by_kind.values():
            found.sort(key=lambda f: KINDS[f.kind].index(f.label))

    def first(self, kind: str) -> Field | None:
        found = self._by_kind.get(kind)
        return found[0] if found else None

    def all(self, kind: str) -> list[Field]:
        return list(self._by_kind.get(kind, ()))

    def number(self) -> tuple[DocNumber, str] | None:
        for field in self.all("number"):
            numbers = find_doc_numbers(field.value)
            if len(numbers) == 1:
                return numbers[0], field.label
        # A table whose cells slipped (【时效性】 | 苏政复〔2009〕4号): a lone number under another label.
        if len(self._numbers) == 1 and not any(find_doc_numbers(f.value) for f in self.all("number")):
            return parse_doc_number(self._numbers[0].value), self._numbers[0].label
        return None

    def date(self, kind: str) -> tuple[dt.date, str] | None:
        for field in self.all(kind):
            if found := parse_date(field.value):
                return found, field.label
        return None

    def text(self, kind: str) -> tuple[str, str] | None:
        field = self.first(kind)
        return (field.value, field.label) if field else None
