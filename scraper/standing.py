"""Where a document stands on a given day: withdrawn or not, in force or not (with the evidence),
what it cites and what cites it, and where it came from. Read from the store for one document;
export, the per-document JSON and the site all show the same record.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from .citations import CITED_LABELS, KIND_LABELS
from .provenance import Provenance, provenance, public_path
from .store import Store
from .stored import CitationLink, LatestRecord, Source, WithdrawnBy
from .validity import EVENT_LABELS, Validity, assess


@dataclass(frozen=True, slots=True)
class Standing:
    withdrawn: WithdrawnBy | None
    validity: Validity
    cites: tuple[CitationLink, ...]  # every mention, resolved or not, one per (kind, target or key)
    cited_by: tuple[CitationLink, ...]  # one per (citing document, kind)
    provenance: Provenance

    @property
    def linked(self) -> tuple[CitationLink, ...]:
        """The citations resolved to a document of the archive, one per (kind, target)."""
        return tuple(c for c in self.cites if c.target is not None)

    @property
    def unlinked(self) -> tuple[CitationLink, ...]:
        return tuple(c for c in self.cites if c.target is None)


def standing(store: Store, record: LatestRecord, as_of: dt.date) -> Standing:
    """The standing of the document behind one latest record."""
    return standing_of(store, record.doc_id, record.status, record.source, as_of)


def standing_of(store: Store, doc_id: str, status: str, source: Source, as_of: dt.date) -> Standing:
    """The standing of one document (its status, and the source of its latest version)."""
    withdrawn = store.withdrawal(doc_id) if status == "withdrawn" else None
    validity = assess(store.validity_facts(doc_id), store.validity_events(doc_id), as_of)
    printed = store.printed_url(source.sha256, source.location)
    return Standing(withdrawn, validity, unique_cites(store.cites(doc_id)), unique_cited_by(store.cited_by(doc_id)),
                    provenance(source.location, printed))


def unique_cites(rows: list[CitationLink]) -> tuple[CitationLink, ...]:
    """A document cited by 文号 and by title is listed once; ambiguous and unknown ones by key."""
    seen: set[tuple[str, str]] = set()
    out = []
    for row in rows:
        ident = (row.kind, row.target or f"{row.by}:{row.key}")
        if ident not in seen:
            seen.add(ident)
            out.append(row)
    return tuple(out)


def unique_cited_by(rows: list[CitationLink]) -> tuple[CitationLink, ...]:
    seen: set[tuple[str, str]] = set()
    out = []
    for row in rows:
        if (row.source, row.kind) not in seen:
            seen.add((row.source, row.kind))
            out.append(row)
    return tuple(out)


def to_json(value: Standing) -> dict[str, Any]:
    """The export fields this adds: status, withdrawn, validity, cites, cited_by (source is apart)."""
    v = value.validity
    withdrawn = value.withdrawn
    return {
        "status": "withdrawn" if withdrawn is not None else "current",
        "withdrawn": None if withdrawn is None else {
            "date": withdrawn.captured[:10],
            "capture": {"location": public_path(withdrawn.location), "sha256": withdrawn.sha256,
                        "captured": withdrawn.captured},
        },
        "validity": {
            "status": v.status, "label": v.label, "as_of": v.as_of.isoformat(), "since": _iso(v.since),
            "effective": _iso(v.effective), "expires": _iso(v.expires), "provisional": v.provisional,
            "evidence": [{"kind": e.kind, "text": e.text, "date": _iso(e.date), "document": e.doc_id,
                          "title": e.title} for e in v.evidence],
        },
        "cites": [{"kind": c.kind, "label": KIND_LABELS.get(c.kind, c.kind), "by": c.by, "text": c.text,
                   "key": c.key, "sentence": c.sentence, "document": c.target, "title": c.target_title,
                   "url": c.target_url, "matches": c.matches} for c in value.cites],
        "cited_by": [{"kind": c.kind, "label": CITED_LABELS.get(c.kind, c.kind), "document": c.source,
                      "title": c.source_title, "url": c.source_url, "sentence": c.sentence} for c in value.cited_by],
    }


def source_json(value: Standing) -> dict[str, Any]:
    """The fields added to `source`: the web address, and whether only the page claims it."""
    return {"url": value.provenance.url, "url_is_printed": value.provenance.url_is_printed}


def event_label(kind: str) -> str:
    return EVENT_LABELS.get(kind, KIND_LABELS.get(kind, kind))


def _iso(date: dt.date | None) -> str | None:
    return None if date is None else date.isoformat()
