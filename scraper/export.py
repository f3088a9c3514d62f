"""Store → JSONL or CSV: the latest version of every document, per shared/spec/export.schema.json."""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterator
from typing import Any, Literal, TextIO

from . import ids
from . import standing as standing_module
from .provenance import public_path
from .standing import Standing, standing
from .store import Store
from .stored import LatestRecord

Format = Literal["jsonl", "csv"]
FORMATS: tuple[Format, ...] = ("jsonl", "csv")

ISSUE_FIELDS = ("id", "gazette", "year", "number", "total_number", "published", "publisher")
SOURCE_FIELDS = ("location", "sha256", "captured", "url", "url_is_printed")
WITHDRAWN_FIELDS = ("date", "location", "sha256", "captured")
VALIDITY_FIELDS = ("status", "label", "as_of", "since", "effective", "expires", "provisional", "evidence")
FIELDS = (
    "id", "url", "issue", "ordinal", "title", "doc_number", "doc_number_raw", "office", "doc_type",
    "signed", "published", "recipients", "attachments", "script", "text", "version", "versions",
    "content_sha256", "source", "issuers", "sources", "status", "withdrawn", "validity", "cites", "cited_by",
)
NESTED = {"issue": ISSUE_FIELDS, "source": SOURCE_FIELDS, "withdrawn": WITHDRAWN_FIELDS, "validity": VALIDITY_FIELDS}
# CSV has no lists: attachment titles may hold ASCII commas and semicolons, rarely the full-width ；.
ATTACHMENT_SEPARATOR = "；"


def export(store: Store, fmt: Format, out: TextIO, as_of: dt.date | None = None) -> int:
    """Write every document's latest version to `out`; return how many were written.
    Validity is assessed as of `as_of` (default: today, UTC)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}, expected one of {', '.join(FORMATS)}")
    day = as_of or today()
    rows = (to_json(record, standing(store, record, day)) for record in store.latest_records())
    return write_jsonl(rows, out) if fmt == "jsonl" else write_csv(rows, out)


def today() -> dt.date:
    return dt.datetime.now(dt.timezone.utc).date()


def to_json(record: LatestRecord, where: Standing | None = None) -> dict[str, Any]:
    """One export object: the schema's fields, dates as ISO strings, `issue` null for a lone page;
    with its standing (spec/export.schema.json): status, withdrawn, validity, cites, cited_by."""
    row = _base_json(record)
    if where is not None:
        row["source"].update(standing_module.source_json(where))
        row.update(standing_module.to_json(where))
    return row


def _base_json(record: LatestRecord) -> dict[str, Any]:
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
            "location": public_path(record.source.location),
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
    return write_rows(rows, jsonl=out)


def write_csv(rows: Iterator[dict[str, Any]], out: TextIO) -> int:
    """A header line, then one row per document."""
    return write_rows(rows, csv_out=out)


def write_rows(rows: Iterator[dict[str, Any]], jsonl: TextIO | None = None, csv_out: TextIO | None = None) -> int:
    """The rows as JSONL, as CSV, or both in one pass (each row made once, none kept)."""
    writer = None
    if csv_out is not None:
        writer = csv.DictWriter(csv_out, fieldnames=csv_header(), extrasaction="ignore", restval="")
        writer.writeheader()
    count = 0
    for row in rows:
        if jsonl is not None:
            jsonl.write(json.dumps(row, ensure_ascii=False) + "\n")
        if writer is not None:
            writer.writerow(flatten(row))
        count += 1
    return count


def csv_header() -> list[str]:
    """The export fields flattened: issue.* as issue_*, source.* as source_*, and so on."""
    header: list[str] = []
    for name in FIELDS:
        if name in NESTED:
            header += [f"{name}_{field}" for field in NESTED[name]]
        else:
            header.append(name)
    return header


def flatten(row: dict[str, Any]) -> dict[str, Any]:
    """A JSON export object as one CSV row: nested objects spread, lists joined, null empty.
    Citations become `label:document-id` (or `label:text` when the archive does not hold it)."""
    flat: dict[str, Any] = {}
    for name, value in row.items():
        if name == "withdrawn":
            capture = (value or {}).get("capture") or {}
            flat.update({"withdrawn_date": (value or {}).get("date"), "withdrawn_location": capture.get("location"),
                         "withdrawn_sha256": capture.get("sha256"), "withdrawn_captured": capture.get("captured")})
        elif name in NESTED:
            for field in NESTED[name]:
                flat[f"{name}_{field}"] = None if value is None else value.get(field)
            if name == "validity" and value is not None:
                flat["validity_evidence"] = "\n".join(e["text"] for e in value["evidence"])
        elif name in ("attachments", "issuers"):
            flat[name] = ATTACHMENT_SEPARATOR.join(value)
        elif name == "sources":
            flat[name] = ATTACHMENT_SEPARATOR.join(f"{field}={where}" for field, where in value.items())
        elif name in ("cites", "cited_by"):
            flat[name] = ATTACHMENT_SEPARATOR.join(f"{c['label']}:{c['document'] or c.get('text')}" for c in value)
        else:
            flat[name] = value
    return {name: "" if value is None else value for name, value in flat.items()}


def _iso(date: dt.date | None) -> str | None:
    return None if date is None else date.isoformat()
