"""What a gazette's archive holds and lacks, found from the issues' own numbering. Pure.

Issues are numbered twice: 2021年第2期 (from 1 each year) and 总第116期 (running). Between two held
issues of one year, the numbers skipped are missing. Across a year's end the running numbers say
how many issues lie between, and the next year's numbering says how many of those are its own
(第1期 … 第n-1期); the rest close the earlier year. Where neither tells (no running numbers, or
whole years between), nothing is claimed missing: the gap is described, its size given when known.
Issues after the latest held one may simply not exist yet, so they are never called missing.
When the two numberings disagree (a combined issue 第3-4期 printed as 第3期), the running number
wins and the disagreement is noted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class IssueRef:
    id: str
    year: int
    number: int
    total: int | None  # 总第N期
    published: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Gap:
    """Issues missing between two held ones (after is None: before the first held issue)."""

    after: IssueRef | None
    before: IssueRef
    missing: tuple[tuple[int, int], ...]  # (year, number) known to be missing
    unplaced: int  # further issues known to be missing whose year and number cannot be told
    totals: tuple[int, int] | None  # the running numbers missing, first and last, where known

    @property
    def count(self) -> int:
        return len(self.missing) + self.unplaced


@dataclass(frozen=True, slots=True)
class Cell:
    number: int
    issue: IssueRef | None  # None: missing


@dataclass(frozen=True, slots=True)
class YearRow:
    year: int
    cells: tuple[Cell, ...]  # 1 … the highest number known for the year, held or missing

    @property
    def held(self) -> int:
        return sum(cell.issue is not None for cell in self.cells)

    @property
    def missing(self) -> int:
        return sum(cell.issue is None for cell in self.cells)


@dataclass(frozen=True, slots=True)
class Coverage:
    held: tuple[IssueRef, ...]  # in order
    gaps: tuple[Gap, ...]
    years: tuple[YearRow, ...]  # newest first
    complete_from: IssueRef | None  # the first held issue …
    complete_to: IssueRef | None  # … and the last one before the first gap after it
    notes: tuple[str, ...] = field(default=())
    unnumbered: int = 0  # issues the numbering does not place

    @property
    def missing(self) -> int:
        return sum(gap.count for gap in self.gaps)

    @property
    def complete(self) -> bool:
        return not self.gaps


def coverage(issues: Iterable[IssueRef], unnumbered: int = 0) -> Coverage:
    """The calendar, the gaps and how far the holdings are complete, for one gazette's issues."""
    held = sorted({(i.year, i.number): i for i in issues}.values(), key=lambda i: (i.year, i.number))
    if not held:
        return Coverage((), (), (), None, None, (), unnumbered)
    gaps: list[Gap] = []
    notes: list[str] = []
    first = held[0]
    if first.number > 1:
        gaps.append(Gap(None, first, tuple((first.year, n) for n in range(1, first.number)), 0,
                        _totals(first.total - first.number + 1, first.total - 1) if first.total else None))
    for a, b in zip(held, held[1:]):
        gap = _between(a, b, notes)
        if gap is not None:
            gaps.append(gap)
    first_inner = next((g for g in gaps if g.after is not None), None)
    complete_to = first_inner.after if first_inner else held[-1]
    return Coverage(tuple(held), tuple(gaps), _calendar(held, gaps), first, complete_to, tuple(notes), unnumbered)


def _between(a: IssueRef, b: IssueRef, notes: list[str]) -> Gap | None:
    by_total = b.total - a.total - 1 if a.total is not None and b.total is not None else None
    if by_total is not None and by_total < 0:
        notes.append(f"{_label(a)}（总第{a.total}期）之后是{_label(b)}（总第{b.total}期）：总期号不连贯，按年内期号判断")
        by_total = None
    totals = _totals(a.total + 1, b.total - 1) if by_total else None
    if a.year == b.year:
        skipped = tuple((a.year, n) for n in range(a.number + 1, b.number))
        if by_total is None or by_total == len(skipped):
            return Gap(a, b, skipped, 0, totals) if skipped else None
        if by_total == 0:
            notes.append(f"{_label(a)}与{_label(b)}之间期号跳过，但总期号连续（可能是合刊）：不计为缺期")
            return None
        notes.append(f"{_label(a)}与{_label(b)}之间：年内期号缺{len(skipped)}期，总期号缺{by_total}期")
        return Gap(a, b, skipped[:by_total], max(0, by_total - len(skipped)), totals)
    head = tuple((b.year, n) for n in range(1, b.number))  # the later year's own numbering
    if by_total is None:
        return Gap(a, b, head, 0, None) if head else None
    rest = by_total - len(head)
    if rest < 0:
        notes.append(f"{_label(a)}（总第{a.total}期）与{_label(b)}（总第{b.total}期）之间的总期号少于年内期号所示")
        return Gap(a, b, head, 0, None) if head else None
    if b.year == a.year + 1:
        tail = tuple((a.year, n) for n in range(a.number + 1, a.number + 1 + rest))
        missing = tail + head
        return Gap(a, b, missing, 0, totals) if missing else None
    return Gap(a, b, head, rest, totals) if head or rest else None


def _calendar(held: list[IssueRef], gaps: list[Gap]) -> tuple[YearRow, ...]:
    by_year: dict[int, dict[int, IssueRef | None]] = {}
    for issue in held:
        by_year.setdefault(issue.year, {})[issue.number] = issue
    for gap in gaps:
        for year, number in gap.missing:
            by_year.setdefault(year, {}).setdefault(number, None)
    rows = []
    for year in sorted(by_year, reverse=True):
        known = by_year[year]
        cells = tuple(Cell(n, known.get(n)) for n in range(1, max(known) + 1) if n in known)
        rows.append(YearRow(year, cells))
    return tuple(rows)


def _totals(first: int, last: int) -> tuple[int, int] | None:
    return (first, last) if first <= last and first > 0 else None


def _label(issue: IssueRef) -> str:
    return f"{issue.year}年第{issue.number}期"


def label(year: int, number: int) -> str:
    return f"{year}年第{number}期"


def by_gazette(issues: Iterable[tuple[str, str | None, int | None, int | None, int | None, dt.date | None]]
               ) -> dict[str, tuple[str, Coverage]]:
    """(issue id, gazette name, year, number, total, published) rows → gazette slug → (name, coverage).
    The slug is the issue id's (benxi-2021-02 → benxi): one gazette whatever script its name is in."""
    from .script import fold_name

    refs: dict[str, list[IssueRef]] = {}
    names: dict[str, str] = {}
    unnumbered: dict[str, int] = {}
    for issue_id, name, year, number, total, published in issues:
        slug = issue_id.rsplit("-", 2)[0]
        names.setdefault(slug, fold_name(name) if name else slug)
        if year is None or number is None:
            unnumbered[slug] = unnumbered.get(slug, 0) + 1
            continue
        refs.setdefault(slug, []).append(IssueRef(issue_id, year, number, total, published))
    return {slug: (names[slug], coverage(refs.get(slug, []), unnumbered.get(slug, 0))) for slug in sorted(names)}


def statement(found: Coverage) -> str:
    """How complete the holdings are, in one sentence a reader can cite."""
    if not found.held:
        return "尚未收录任何期次。"
    first, last = found.held[0], found.held[-1]
    held = f"收录{_label(first)}至{_label(last)}" if first != last else f"收录{_label(first)}"
    parts = [f"{held}，共{len(found.held)}期"]
    inner = [gap for gap in found.gaps if gap.after is not None]
    head = next((gap for gap in found.gaps if gap.after is None), None)
    if not inner:
        parts.append("其间期号连续，没有缺期" if len(found.held) > 1 else "")
    elif found.complete_to is not None and found.complete_to != first:
        parts.append(f"自{_label(first)}起完整至{_label(found.complete_to)}")
    else:
        parts.append(f"{_label(first)}之后即有缺期")
    if head is not None:
        parts.append(f"{first.year}年第{first.number}期之前的{head.count}期未收录")
    if found.missing:
        parts.append(f"共知缺{found.missing}期")
    return "；".join(part for part in parts if part) + "。"


def to_json(slug: str, name: str, found: Coverage) -> dict[str, object]:
    """The coverage of one gazette as data: for editors (what to fetch) and archivists."""
    def ref(issue: IssueRef | None) -> dict[str, object] | None:
        return None if issue is None else {"id": issue.id, "year": issue.year, "number": issue.number,
                                           "total_number": issue.total}
    return {
        "gazette": slug, "name": name, "statement": statement(found), "held": len(found.held),
        "missing": found.missing, "unnumbered": found.unnumbered,
        "complete_from": ref(found.complete_from), "complete_to": ref(found.complete_to),
        "gaps": [{"after": ref(g.after), "before": ref(g.before),
                  "missing": [{"year": y, "number": n} for y, n in g.missing], "unplaced": g.unplaced,
                  "total_numbers": list(g.totals) if g.totals else None} for g in found.gaps],
        "notes": list(found.notes),
    }
