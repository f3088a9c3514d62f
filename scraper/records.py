"""Document ⇄ the JSON record a store version keeps, and the content hash that tells versions apart."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from .model import Block, DocNumber, Document, Paragraph, Table

# Where a document sits in its issue is not its content: an inserted document must not give
# every later one a new version.
NOT_CONTENT = ("ordinal",)


def to_record(doc: Document) -> dict[str, Any]:
    """All of a document's metadata, lines and blocks as JSON-ready values (dates ISO)."""
    number = doc.doc_number
    return {
        "ordinal": doc.ordinal,
        "title": doc.title,
        "doc_number": None if number is None else _number_record(number),
        "office": doc.office,
        "doc_type": doc.doc_type,
        "signed": _iso(doc.signed),
        "published": _iso(doc.published),
        "recipients": doc.recipients,
        "attachments": list(doc.attachments),
        "script": doc.script,
        "toc_title": doc.toc_title,
        "toc_number": doc.toc_number,
        "lines": list(doc.lines),
        "blocks": [_block_record(block) for block in doc.blocks],
        # Only when an editor corrected a field: records without it keep their content hash.
        **({"overrides": dict(doc.overrides)} if doc.overrides else {}),
        **({"sources": dict(doc.sources)} if doc.sources else {}),
        **({"issuers": list(doc.issuers)} if doc.issuers else {}),
    }


def from_record(record: dict[str, Any]) -> Document:
    """Rebuild the Document a record was made from."""
    number = record["doc_number"]
    return Document(
        ordinal=record["ordinal"],
        title=record["title"],
        doc_number=None if number is None else DocNumber(**number),
        office=record["office"],
        doc_type=record["doc_type"],
        signed=_date(record["signed"]),
        published=_date(record["published"]),
        recipients=record["recipients"],
        attachments=tuple(record["attachments"]),
        script=record["script"],
        lines=tuple(record["lines"]),
        blocks=tuple(_block(block) for block in record["blocks"]),
        toc_title=record.get("toc_title"),
        toc_number=record.get("toc_number"),
        overrides=tuple(sorted((record.get("overrides") or {}).items())),
        sources=tuple((record.get("sources") or {}).items()),
        issuers=tuple(record.get("issuers") or ()),
    )


# One encoder for every call: json.dumps with options builds a new one each time (a record's
# members are encoded one by one below, so that would be most of the cost).
_CANONICAL = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def dumps(record: dict[str, Any]) -> str:
    """Canonical JSON: sorted keys, no spaces, characters kept (not \\u-escaped)."""
    return _CANONICAL.encode(record)


def dumps_and_content(record: dict[str, Any]) -> tuple[str, str]:
    """dumps(record) and content_sha256(record), with each value encoded once (a record's text is
    most of it): canonical JSON is its members in key order, so both are joined from the same parts."""
    members = {key: _CANONICAL.encode(key) + ":" + _CANONICAL.encode(value) for key, value in record.items()}
    ordered = sorted(members)
    whole = "{" + ",".join(members[key] for key in ordered) + "}"
    content = "{" + ",".join(members[key] for key in ordered if key not in NOT_CONTENT) + "}"
    return whole, hashlib.sha256(content.encode("utf-8")).hexdigest()


def content_sha256(record: dict[str, Any]) -> str:
    """sha256 of the canonical JSON of a record's content (metadata + text, not its position)."""
    content = {key: value for key, value in record.items() if key not in NOT_CONTENT}
    return hashlib.sha256(dumps(content).encode("utf-8")).hexdigest()


def _number_record(number: DocNumber) -> dict[str, Any]:
    return {
        "raw": number.raw,
        "agency": number.agency,
        "year": number.year,
        "serial": number.serial,
        "canonical": number.canonical,
        "printed": number.printed,
    }


def _block_record(block: Block) -> dict[str, Any]:
    if isinstance(block, Table):
        return {"type": "table", "rows": [list(row) for row in block.rows]}
    return {"type": "paragraph", "text": block.text}


def _block(record: dict[str, Any]) -> Block:
    if record["type"] == "table":
        return Table(tuple(tuple(row) for row in record["rows"]))
    return Paragraph(record["text"])


def _iso(date: dt.date | None) -> str | None:
    return None if date is None else date.isoformat()


def _date(text: str | None) -> dt.date | None:
    return None if text is None else dt.date.fromisoformat(text)
