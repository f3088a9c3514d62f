"""What changed, day by day: new issues, new documents, new versions of known documents.

Days are the dates versions were written to the store, newest first; the first day shown is what
the latest ingest brought. Withdrawn documents (no longer in the latest capture of their issue)
are listed apart, since the store keeps their state, not the day they went missing. lists.py
reads them from the store a day at a time (change_days).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..stored import VersionSummary
from .pages import DocView, IssueView

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
