"""A document's history for archivists: every version, where its bytes came from, why it exists and
how much it changed from the one before. Reads the store; no SQL here (store.py holds it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .diff import DocumentDiff, FieldChange, diff_versions
from .store import Store
from .stored import Reason, Status, StoredCapture

# Why a version exists, as a reader is told: (Chinese label, English label, explanation).
REASONS: dict[str, tuple[str, str, str]] = {
    "new": ("首次收录", "first captured", "the document's first reading"),
    "source": ("原文变更", "source changed",
               "a later capture of the page holds different bytes and the document reads differently"),
    "processing": ("重新处理", "re-processed",
                   "the same bytes read by a newer pipeline version: our reading changed, not the source"),
}
STATUS_LABELS: dict[str, tuple[str, str]] = {
    "current": ("最新版本", "current"),  # not 现行, which reads as "in force" (时效性)
    "withdrawn": ("已撤下", "withdrawn"),
}


@dataclass(frozen=True, slots=True)
class Withdrawal:
    """The capture that no longer held a withdrawn document."""

    location: str
    captured: str
    capture_id: int

    def to_json(self) -> dict[str, Any]:
        return {"location": self.location, "captured": self.captured, "capture_id": self.capture_id}


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One version of a document with its source and its change from the previous version."""

    doc_id: str
    version: int
    created: str  # when the store made this version (UTC ISO)
    reason: Reason
    pipeline_version: str
    capture_id: int
    location: str  # where the capture was read from (URL or path)
    captured: str  # when it was captured (UTC ISO)
    raw_sha256: str  # the capture's raw bytes: Store.raw(raw_sha256)
    inserted: int | None  # characters inserted in the text since the previous version (None for v1)
    deleted: int | None
    metadata: tuple[FieldChange, ...]  # metadata fields changed since the previous version
    other: tuple[str, ...]  # other record fields changed (diff.OTHER_FIELDS keys)
    status: Status  # the document's status now (the same on every entry)
    withdrawn: Withdrawal | None  # for a withdrawn document: the capture that no longer held it
    latest: bool

    @property
    def reason_zh(self) -> str:
        return REASONS[self.reason][0]

    @property
    def reason_en(self) -> str:
        return REASONS[self.reason][1]

    @property
    def reason_note(self) -> str:
        """One English sentence on what the reason means."""
        return REASONS[self.reason][2]

    @property
    def status_zh(self) -> str:
        return STATUS_LABELS[self.status][0]

    def to_json(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "version": self.version,
            "created": self.created,
            "reason": self.reason,
            "reason_zh": self.reason_zh,
            "reason_en": self.reason_en,
            "pipeline_version": self.pipeline_version,
            "source": {"capture_id": self.capture_id, "location": self.location,
                       "captured": self.captured, "sha256": self.raw_sha256},
            "inserted": self.inserted,
            "deleted": self.deleted,
            "metadata": [change.to_json() for change in self.metadata],
            "other": list(self.other),
            "status": self.status,
            "withdrawn": None if self.withdrawn is None else self.withdrawn.to_json(),
            "latest": self.latest,
        }


def history(store: Store, doc_id: str) -> list[HistoryEntry]:
    """Every version of a document, oldest first; [] when the store has no such document."""
    stored = store.document(doc_id)
    if stored is None:
        return []
    withdrawn = _withdrawal(store.withdrawn_by(doc_id)) if stored.status == "withdrawn" else None
    rows = store.version_captures(doc_id)
    entries = []
    previous = None
    for index, (version, capture) in enumerate(rows):
        change: DocumentDiff | None = None if previous is None else diff_versions(previous, version)
        entries.append(HistoryEntry(
            doc_id=doc_id,
            version=version.version,
            created=version.created,
            reason=version.reason,
            pipeline_version=version.pipeline_version,
            capture_id=capture.id,
            location=capture.location,
            captured=capture.captured,
            raw_sha256=capture.sha256,
            inserted=None if change is None else change.inserted,
            deleted=None if change is None else change.deleted,
            metadata=() if change is None else change.metadata,
            other=() if change is None else change.other,
            status=stored.status,
            withdrawn=withdrawn,
            latest=index == len(rows) - 1,
        ))
        previous = version
    return entries


def _withdrawal(capture: StoredCapture | None) -> Withdrawal | None:
    return None if capture is None else Withdrawal(capture.location, capture.captured, capture.id)
