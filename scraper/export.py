"""Store → JSONL or CSV: the latest version of every document, per shared/spec/export.schema.json."""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterator
from typing import Any, Literal, TextIO

from . import ids
from .store import Store
from .stored import LatestRecord

Format = Literal["jsonl", "csv"]
FORMATS: tuple[Format, ...] = ("jsonl", "csv")

ISSUE_FIELDS = ("id", "gazette", "year", "number", "total_number", "published", "publisher")
SOURCE_FIELDS = ("location", "sha256", "captured")
FIELDS = (
    "id", "url", "issue", "ordinal", "title", "doc_number", "doc_number_raw", "office", "doc_type",
    "signed", "published", "recipients", "attachments", "script", "text", "version", "versions",
    "content_sha256", "source", "issuers", "sources",
)
# CSV has no lists: attachment titles may hold ASCII commas and semicolons, rarely the full-width ；.
ATTACHMENT_SEPARATOR = "；"


def export(store: Store, fmt: Format, out: TextIO) -> int:
    """Write every document's latest version to `out`; return how many were written."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}, expected one of {', '.join(FORMATS)}")
    rows = (to_json(record) for record in store.latest_records())
    return write_jsonl(rows, out) if fmt == "jsonl" else write_csv(rows, out)


def to_json(record: LatestRecord) -> dict[str, Any]:
    """One export object: the schema's fields, dates as ISO strings, `issue` null for a lone page."""
    doc, issue = record.document, record.issue
    number = doc.doc_number
    published = doc.published or (issue.published if issue else None)
    return {
        "id": record.doc_id,
        "url": ids.document_url(record.doc_id, issue, ids.document_year(doc)),
        "issue": None if issue is None or record.issue_id is None else {
            "id": record.issue_id,
            "gazette": issue.gazette,
            "year": issue.year,
            "number": issue.number,
            "total_number": issue.total_number,
            "published": _iso(issue.published),
            "publisher": issue.publisher,
        },
        "ordinal": record.ordinal,
        "title": doc.title,
        "doc_number": (number.printed or number.canonical) if number else None,
        "doc_number_raw": number.raw if number else None,
        "office": doc.office,
        "doc_type": doc.doc_type,
        "signed": _iso(doc.signed),
        "published": _iso(published),
        "recipients": doc.recipients,
        "attachments": list(doc.attachments),
        "script": doc.script,
        "text": doc.text,
        "version": record.version,
        "versions": record.version,  # versions are numbered 1…n and never deleted
        "content_sha256": record.content_sha256,
        "source": {
            "location": record.source.location,
            "sha256": record.source.sha256,
            "captured": record.source.captured,
        },
        # Beyond the schema's required fields: every issuer of a joint document, and where each
        # metadata value was read (signature, body, field:文号, toc, override …).
        "issuers": list(doc.issuers) or ([doc.office] if doc.office else []),
        "sources": dict(doc.sources),
    }


def write_jsonl(rows: Iterator[dict[str, Any]], out: TextIO) -> int:
    """One JSON object per line, characters kept (not \\u-escaped)."""
    count = 0
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
        count += 1
    return count


def csv_header() -> list[str]:
    """The export fields flattened: issue.* as issue_*, source.* as source_*."""
    header: list[str] = []
    for name in FIELDS:
        if name == "issue":
            header += [f"issue_{field}" for field in ISSUE_FIELDS]
        elif name == "source":
            header += [f"source_{field}" for field in SOURCE_FIELDS]
        else:
            header.append(name)
    return header


def flatten(row: dict[str, Any]) -> dict[str, Any]:
    """A JSON export object as one CSV row: nested objects spread, lists joined, null empty."""
    flat: dict[str, Any] = {}
    for name, value in row.items():
        if name in ("issue", "source"):
            fields = ISSUE_FIELDS if name == "issue" else SOURCE_FIELDS
            for field in fields:
                flat[f"{name}_{field}"] = None if value is None else value[field]
        elif name in ("attachments", "issuers"):
            flat[name] = ATTACHMENT_SEPARATOR.join(value)
        elif name == "sources":
            flat[name] = ATTACHMENT_SEPARATOR.join(f"{field}={where}" for field, where in value.items())
        else:
            flat[name] = value
    return {name: "" if value is None else value for name, value in flat.items()}


def write_csv(rows: Iterator[dict[str, Any]], out: TextIO) -> int:
    """A header line, then one row per document."""
    writer = csv.DictWriter(out, fieldnames=csv_header())
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow(flatten(row))
        count += 1
    return count


def _iso(date: dt.date | None) -> str | None:
    return None if date is None else date.isoformat()
