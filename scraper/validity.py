"""Validity (时效性): is a document in force, since when, and on what evidence. Pure functions.

A document's own text says when it takes effect (自2021年4月1日起施行, 自印发之日起施行,
自发布之日起30日后施行) and how long it lasts (有效期5年, 有效期至…); a CMS page may print a
有效性/时效性 field. Later documents of the archive repeal, amend or declare it expired
(citations.py finds those, the store resolves them to this document). `assess` weighs it all on
a given day. It never answers 现行有效 without a sentence or a field that says so: 未知 is an
honest answer.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from . import legal_patterns as L
from .dates import parse_date
from .model import Document, by_fields
from .script import to_simplified

FactKind = Literal["effective", "expires", "open-ended", "provisional",
                   "field-in-force", "field-repealed", "field-expired", "field-amended"]
EventKind = Literal["repeals", "amends", "invalidates", "confirms"]
Status = Literal["not-yet-in-force", "in-force", "amended", "repealed", "expired", "unknown"]

STATUS_LABELS: dict[str, str] = {
    "not-yet-in-force": "尚未施行",
    "in-force": "现行有效",
    "amended": "已修改",
    "repealed": "已废止",
    "expired": "已失效",
    "unknown": "未知",
}
FACT_LABELS: dict[str, str] = {
    "effective": "施行", "expires": "有效期", "open-ended": "有效期", "provisional": "试行/暂行",
    "field-in-force": "页面标注", "field-repealed": "页面标注", "field-expired": "页面标注", "field-amended": "页面标注",
}
EVENT_LABELS: dict[str, str] = {"repeals": "废止", "amends": "修改", "invalidates": "宣布失效", "confirms": "确认继续有效"}
CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
# The head of a document where a CMS prints its fields as lines (real 006: 时效性 :现行有效).
FIELD_LINES = 12
FIELD_LINE_MAX = 80
CONTEXT_LINES = 40  # a lone page's lines outside its document kept for this (store_links.py)
SENTENCE_MAX = 240
SENTENCE = re.compile(r"[^。！？；;!?\n]+[。！？；;!?]*")


@by_fields
@dataclass(frozen=True, slots=True)
class Fact:
    """One thing a document says about its own force: a sentence or a page field."""

    kind: FactKind
    date: dt.date | None
    text: str  # the sentence or "label: value" as printed
    detail: str = ""  # how the date was found: 自印发之日起, 有效期5年, 有效性: 有效 …


@dataclass(frozen=True, slots=True)
class Event:
    """Another document of the archive acting on this one (resolved by the store)."""

    kind: EventKind
    doc_id: str
    title: str
    date: dt.date | None  # when that document takes effect, else when it was signed or published
    sentence: str


@dataclass(frozen=True, slots=True)
class Evidence:
    kind: str  # a FactKind or an EventKind
    text: str
    date: dt.date | None = None
    doc_id: str | None = None  # the document that says it, when it is another one
    title: str | None = None


@dataclass(frozen=True, slots=True)
class Validity:
    status: Status
    since: dt.date | None  # the day the status applies from, where known
    effective: dt.date | None
    expires: dt.date | None  # the last day in force, where known
    provisional: bool  # 试行/暂行
    evidence: tuple[Evidence, ...]
    as_of: dt.date

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.status]


def sentences(text: str) -> list[str]:
    """A text cut into sentences (。！？； and line ends), blanks dropped."""
    return [s.strip() for s in SENTENCE.findall(text) if not s.isspace()]


def own_facts(doc: Document, fields: Sequence[tuple[str, str]] = (), context: Sequence[str] = ()) -> tuple[Fact, ...]:
    """What a document says about its own force: 施行 and 有效期 sentences, 试行/暂行 in its title,
    and CMS validity fields. For a page holding this document alone, `fields` are the page's CMS
    fields and `context` its lines outside the document (a 令 preamble the split left out)."""
    facts: list[Fact] = []
    for sentence in [*sentences("\n".join(context)), *sentences(doc.text)]:
        if L.FORCE_WORDS.search(sentence):  # a cheap test first: most sentences say nothing of it
            facts += _sentence_facts(sentence, doc)
    if L.PROVISIONAL.search(doc.title):
        facts.append(Fact("provisional", None, doc.title, "试行/暂行"))
    head = [(m["label"], m["value"]) for line in [*context, *doc.lines[:FIELD_LINES]]
            if len(line) <= FIELD_LINE_MAX for m in L.FIELD_LINE.finditer(line)]
    for label, value in [*fields, *head]:
        facts += _field_facts(label, value)
    return tuple(_dedupe(_expiry_dates(facts, doc)))


def _sentence_facts(sentence: str, doc: Document) -> list[Fact]:
    out: list[Fact] = []
    text = _clip(sentence)
    own = L.OWN_SUBJECT.search(sentence) is not None
    if own:
        for found in L.EFFECTIVE_ON_DATE.finditer(sentence):
            out.append(Fact("effective", parse_date(found["date"]), text, found.group(0)))
        for found in L.EFFECTIVE_ON_EVENT.finditer(sentence):
            out.append(Fact("effective", _event_date(found, doc), text, found.group(0)))
    for found in L.VALID_UNTIL.finditer(sentence):
        out.append(Fact("expires", parse_date(found["date"]), text, found.group(0)))
    if not any(f.kind == "expires" for f in out):
        for found in L.VALID_YEARS.finditer(sentence):
            out.append(Fact("expires", None, text, found.group(0)))
    return out


def _event_date(found: re.Match[str], doc: Document) -> dt.date | None:
    """自印发之日起: the signing date; 自发布之日起: the publication date (each the other's fallback)."""
    issued = found["event"] in ("印发", "下发", "签发", "发文")
    base = (doc.signed or doc.published) if issued else (doc.published or doc.signed)
    if base is None:
        return None
    days = found["days"]
    return base + dt.timedelta(days=_count(days)) if days else base


def _field_facts(label: str, value: str) -> list[Fact]:
    label, value = to_simplified("".join(label.split())), to_simplified(value.strip())  # 有 效 性 too
    text = f"{label}：{value}"
    if not value or label not in L.FIELD_LABELS:
        return []
    date = parse_date(value)
    if label in ("有效性", "时效性", "时效", "效力状态", "时效状态"):
        for pattern, kind in ((L.FIELD_VALUE_REPEALED, "field-repealed"), (L.FIELD_VALUE_EXPIRED, "field-expired"),
                              (L.FIELD_VALUE_AMENDED, "field-amended"), (L.FIELD_VALUE_IN_FORCE, "field-in-force")):
            if pattern.search(value):
                return [Fact(kind, None, text, text)]  # type: ignore[arg-type]
        return []
    if label == "有效期":
        if L.OPEN_ENDED.search(value):
            return [Fact("open-ended", None, text, text)]
        if until := L.VALID_UNTIL.search(label + value):  # 有效期：自…至…: the end date
            return [Fact("expires", parse_date(until["date"]), text, text)]
        return [Fact("expires", date, text, text)] if date and not L.VALID_YEARS.search(label + value) else []
    if date is None:  # 废止日期: 文 (a label glued to the next one, seed 000) says nothing
        return []
    if label.startswith("废止"):
        return [Fact("field-repealed", date, text, text)]
    if label.startswith("失效"):
        return [Fact("field-expired", date, text, text)]
    return [Fact("effective", date, text, text)]


def _expiry_dates(facts: list[Fact], doc: Document) -> list[Fact]:
    """有效期5年 counts from the day the document takes effect (else from its signing)."""
    start = next((f.date for f in facts if f.kind == "effective" and f.date), None) or doc.signed or doc.published
    out = []
    for fact in facts:
        if fact.kind == "expires" and fact.date is None and start is not None:
            found = L.VALID_YEARS.search(fact.detail)
            if found:
                count = _count(found["count"] or found["count2"])
                months = count * 12 if (found["unit"] or "年") == "年" else count
                fact = Fact("expires", _add_months(start, months) - dt.timedelta(days=1), fact.text, fact.detail)
        out.append(fact)
    return out


def assess(facts: Iterable[Fact], events: Iterable[Event], as_of: dt.date) -> Validity:
    """The document's status on `as_of`, with the evidence for it and the day it applies from."""
    facts, events = list(facts), list(events)
    evidence: list[Evidence] = [Evidence(f.kind, f.text, f.date) for f in facts]
    evidence += [Evidence(e.kind, e.sentence, e.date, e.doc_id, e.title) for e in events]
    effective = min((f.date for f in facts if f.kind == "effective" and f.date), default=None)
    dated_effective = any(f.kind == "effective" for f in facts)
    open_ended = any(f.kind == "open-ended" for f in facts)
    expiries = [f.date for f in facts if f.kind == "expires" and f.date]
    expires = None if open_ended or not expiries else max(expiries)
    provisional = any(f.kind == "provisional" for f in facts)

    def result(status: Status, since: dt.date | None) -> Validity:
        return Validity(status, since, effective, expires, provisional, tuple(evidence), as_of)

    def happened(date: dt.date | None) -> bool:
        return date is None or date <= as_of

    repeals = [e for e in events if e.kind == "repeals" and happened(e.date)]
    repeals += [f for f in facts if f.kind == "field-repealed" and happened(f.date)]  # type: ignore[misc]
    if repeals:
        return result("repealed", _earliest(x.date for x in repeals))
    lapsed = [e.date for e in events if e.kind == "invalidates" and happened(e.date)]
    lapsed += [f.date for f in facts if f.kind == "field-expired" and happened(f.date)]
    if expires is not None and expires < as_of:
        lapsed.append(expires + dt.timedelta(days=1))
    if lapsed:
        return result("expired", _earliest(lapsed))
    if effective is not None and effective > as_of:
        return result("not-yet-in-force", effective)
    amended = [e.date for e in events if e.kind == "amends" and happened(e.date)]
    if amended or any(f.kind == "field-amended" for f in facts):
        return result("amended", max((d for d in amended if d), default=None))
    confirmed = [e.date for e in events if e.kind == "confirms" and happened(e.date)]
    if dated_effective or confirmed or any(f.kind == "field-in-force" for f in facts):
        return result("in-force", effective)
    return result("unknown", None)


def event_date(facts: Iterable[Fact], signed: dt.date | None, published: dt.date | None) -> dt.date | None:
    """When a repealing or amending document acts: the day it takes effect, else signed or published."""
    effective = min((f.date for f in facts if f.kind == "effective" and f.date), default=None)
    return effective or signed or published


def _earliest(dates: Iterable[dt.date | None]) -> dt.date | None:
    known = [d for d in dates if d is not None]
    return min(known) if known else None


def _count(text: str) -> int:
    if text.isdigit():
        return int(text)
    if len(text) == 2 and text[0] == "十":
        return 10 + CN_DIGITS[text[1]]
    if len(text) == 2 and text[1] == "十":
        return CN_DIGITS[text[0]] * 10
    return CN_DIGITS.get(text, 0) if len(text) == 1 else sum(CN_DIGITS.get(c, 0) for c in text)


def _add_months(date: dt.date, months: int) -> dt.date:
    month = date.month - 1 + months
    year, month = date.year + month // 12, month % 12 + 1
    for day in (date.day, 30, 29, 28):
        try:
            return dt.date(year, month, day)
        except ValueError:
            continue
    return dt.date(year, month, 28)


def _clip(sentence: str) -> str:
    return sentence if len(sentence) <= SENTENCE_MAX else sentence[: SENTENCE_MAX - 1] + "…"


def _dedupe(facts: list[Fact]) -> list[Fact]:
    """One fact per sentence and kind; a field line that repeats a sentence's date adds nothing."""
    seen: set[tuple[str, dt.date | None, str]] = set()
    dated = {(f.kind, f.date) for f in facts if f.text != f.detail}  # from sentences (fields: text == detail)
    out = []
    for fact in facts:
        key = (fact.kind, fact.date, fact.text)
        is_field = fact.text == fact.detail
        if key in seen or (is_field and fact.date is not None and (fact.kind, fact.date) in dated):
            continue
        seen.add(key)
        out.append(fact)
    return out
