"""What changed, day by day: new issues, new documents, new versions of known documents.

Days are the dates versions were written to the store, newest first; the first day shown is what
the latest ingest brought. Withdrawn documents (no longer in the latest capture of their issue)
are listed apart, since the store keeps their state, not the day they went missing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..stored import VersionSummary
from .pages import DocView, IssueView, Site

CHANGE_DAYS = 30


@dataclass(slots=True)
class Change:
    doc: DocView
    version: VersionSummary

    @property
    def previous(self) -> int:
        return self.version.version - 1


@dataclass(slots=True)
class ChangeDay:
    date: str
    new_issues: list[IssueView] = field(default_factory=list)
    new_docs: list[Change] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)


def change_days(site: Site, days: int = CHANGE_DAYS) -> list[ChangeDay]:
    """The `days` most recent days with changes, newest first."""
    by_day: dict[str, ChangeDay] = {}
    issue_first: dict[str, str] = {}
    for doc in site.docs:
        for version in doc.history:
            day = version.created[:10]
            entry = by_day.setdefault(day, ChangeDay(day))
            (entry.new_docs if version.version == 1 else entry.changed).append(Change(doc, version))
            if doc.issue is not None and version.version == 1:
                known = issue_first.get(doc.issue.id)
                issue_first[doc.issue.id] = day if known is None else min(known, day)
    issues = {issue.id: issue for issue in site.issues}
    for issue_id, day in issue_first.items():
        by_day[day].new_issues.append(issues[issue_id])
    recent = sorted(by_day.values(), key=lambda d: d.date, reverse=True)[:days]
    for entry in recent:
        entry.new_issues.sort(key=lambda i: i.id)
        entry.new_docs.sort(key=lambda c: c.doc.id)
        entry.changed.sort(key=lambda c: (c.doc.id, c.version.version))
    return recent


def withdrawn(site: Site) -> list[DocView]:
    return [doc for doc in site.docs if doc.withdrawn]
