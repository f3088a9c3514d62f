"""The store's cross-document facts (its SQL, kept beside store.py): citations between documents,
validity facts, the keys documents are cited by, withdrawals, and a journal of which documents'
cross-document facts changed.

Facts are derived from each document's latest version by pure functions (citations.py,
validity.py) and kept in tables keyed by document id. When documents change (ingest, fetch,
rebuild), only they are re-read, and only the citations naming their 文号 or titles are resolved
again; every document whose citations, cited-by list or validity inputs changed is written to
`link_changes`, so an incremental build knows which other pages a change affects
(Store.link_changes_since). The tables are derived data: when the code that derives them changes
(LINKS_VERSION), the store recomputes them all when it is next opened.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from collections.abc import Collection, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from . import citations as C
from . import ids, legal_patterns, records, validity
from .derive import DocumentFacts, outside_lines, page_inputs
from .model import Document, Parsed
from .stored import CitationLink, StoredCapture, WithdrawnBy
from .validity import Event, Fact

# The code that derives the tables: when it changes, the store derives them again.
LINKS_VERSION = hashlib.sha256(b"".join(
    Path(module.__file__).read_bytes() for module in (C, validity, legal_patterns)  # type: ignore[arg-type]
)).hexdigest()[:16]

SCHEMA_V3 = """
ALTER TABLE captures ADD COLUMN source_url TEXT;
CREATE TABLE page_fields (
    capture_id INTEGER NOT NULL REFERENCES captures(id),
    position INTEGER NOT NULL,
    label TEXT NOT NULL, value TEXT NOT NULL,
    PRIMARY KEY (capture_id, position)
);
-- A lone page's cleaned lines outside its one document (a 令 preamble: 现予公布，自…起施行).
CREATE TABLE page_context (
    capture_id INTEGER NOT NULL REFERENCES captures(id),
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (capture_id, position)
);
CREATE TABLE withdrawals (
    doc_id TEXT NOT NULL REFERENCES documents(id),
    capture_id INTEGER NOT NULL REFERENCES captures(id),
    PRIMARY KEY (doc_id, capture_id)
);
CREATE TABLE doc_keys (
    doc_id TEXT NOT NULL REFERENCES documents(id),
    by TEXT NOT NULL, key TEXT NOT NULL,
    PRIMARY KEY (doc_id, by, key)
);
CREATE INDEX doc_keys_key ON doc_keys(key, by);
-- Per document: what its page is called and where it is, and the day it acts on others.
CREATE TABLE link_docs (
    doc_id TEXT PRIMARY KEY REFERENCES documents(id),
    title TEXT NOT NULL, url TEXT NOT NULL, acts TEXT
);
CREATE TABLE citations (
    doc_id TEXT NOT NULL REFERENCES documents(id),
    position INTEGER NOT NULL,
    kind TEXT NOT NULL, by TEXT NOT NULL, key TEXT NOT NULL, text TEXT NOT NULL, sentence TEXT NOT NULL,
    target TEXT REFERENCES documents(id),
    matches INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (doc_id, position)
);
CREATE INDEX citations_key ON citations(key, by);
CREATE INDEX citations_target ON citations(target);
CREATE TABLE validity_facts (
    doc_id TEXT NOT NULL REFERENCES documents(id),
    position INTEGER NOT NULL,
    kind TEXT NOT NULL, date TEXT, text TEXT NOT NULL, detail TEXT NOT NULL,
    PRIMARY KEY (doc_id, position)
);
CREATE TABLE link_changes (
    id INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL,
    changed TEXT NOT NULL
);
CREATE INDEX link_changes_changed ON link_changes(changed);
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""
LINK_TABLES = ("doc_keys", "link_docs", "citations", "validity_facts")
EVENT_KINDS = ("repeals", "amends", "invalidates", "confirms")


class LinkTables:
    """Mixed into Store: `_db` is its connection; document() and last_seen_in() are its readers."""

    _db: sqlite3.Connection

    # ---- writing, inside Store's transactions --------------------------------------------

    def _put_page(self, capture_id: int, parsed: Parsed) -> None:
        """The page's CMS fields, and for a lone page its lines outside the document."""
        self._db.execute("UPDATE captures SET source_url = ? WHERE id = ?", (parsed.source_url, capture_id))
        self._db.executemany(
            "INSERT INTO page_fields (capture_id, position, label, value) VALUES (?, ?, ?, ?)",
            [(capture_id, i, label, value) for i, (label, value) in enumerate(parsed.clean.meta)])
        if parsed.issue is None and len(parsed.documents) == 1:
            self._db.executemany(
                "INSERT INTO page_context (capture_id, position, text) VALUES (?, ?, ?)",
                [(capture_id, i, text) for i, text in enumerate(outside_lines(parsed))])

    def _record_withdrawals(self, capture_id: int, doc_ids: Sequence[str]) -> None:
        self._db.executemany("INSERT OR IGNORE INTO withdrawals (doc_id, capture_id) VALUES (?, ?)",
                             [(doc_id, capture_id) for doc_id in doc_ids])

    def _refresh_links(self, doc_ids: Iterable[str], known: Mapping[str, DocumentFacts] | None = None,
                       new: Collection[str] = ()) -> set[str]:
        """Derive the facts of these documents again from their latest versions and resolve the
        citations their keys touch; return (and journal) every document whose facts changed.

        `known`: derivations already made (in an ingest worker), by content sha256; one is used
        when a document's latest version has that content and its page inputs are the same.
        `new`: documents created in this transaction, which have no rows in these tables yet
        (their rows reference documents(id), and a document is never deleted): not read for."""
        changed: set[str] = set()
        touched_keys: set[tuple[str, str]] = set()
        rewritten: list[str] = []
        for doc_id in dict.fromkeys(doc_ids):
            latest = self._latest(doc_id)
            if latest is None:
                continue
            content, issue_id, record = latest
            # A lone page's fields and context describe its document; an issue page's do not.
            fields, context = self._page_of(self.last_seen_in(doc_id)) if issue_id is None else ([], [])  # type: ignore[attr-defined]
            page = page_inputs(fields, context)
            derived = (known or {}).get(content)
            if derived is None or derived.page != page:
                derived = DocumentFacts(records.from_record(json.loads(record)), page=page)
            doc, facts, keys, found = derived.document, derived.facts, derived.keys, derived.citations
            fresh = doc_id in new
            old_keys = set(self._old(fresh, "SELECT by, key FROM doc_keys WHERE doc_id = ?", doc_id))
            if old_keys != set(keys):
                touched_keys |= old_keys ^ set(keys)
                if not fresh:
                    self._db.execute("DELETE FROM doc_keys WHERE doc_id = ?", (doc_id,))
                self._db.executemany("INSERT OR IGNORE INTO doc_keys (doc_id, by, key) VALUES (?, ?, ?)",
                                     [(doc_id, by, key) for by, key in keys])
            if self._put_facts(doc_id, facts, fresh):
                changed.add(doc_id)
            acts = validity.event_date(facts, doc.signed, doc.published)
            row = (doc.title, _document_url(doc_id, issue_id, doc), acts.isoformat() if acts else None)
            old = self._old(fresh, "SELECT title, url, acts FROM link_docs WHERE doc_id = ?", doc_id)
            if not old or tuple(old[0]) != row:
                self._db.execute("INSERT OR REPLACE INTO link_docs (doc_id, title, url, acts) VALUES (?, ?, ?, ?)",
                                 (doc_id, *row))
                changed.add(doc_id)
                # whom it cites sees its new title, URL or date
                changed |= {t for (t,) in self._old(
                    fresh, "SELECT target FROM citations WHERE doc_id = ? AND target IS NOT NULL", doc_id)}
            if self._put_citations(doc_id, found, changed, fresh):
                rewritten.append(doc_id)
        changed |= self._resolve(touched_keys, rewritten)
        self._journal(changed)
        return changed

    def _latest(self, doc_id: str) -> tuple[str, str | None, str] | None:
        """A document's latest version (content sha256, record JSON) and its issue."""
        row = self._db.execute(
            "SELECT v.content_sha256, d.issue_id, v.record FROM documents d JOIN versions v ON v.doc_id = d.id"
            " WHERE d.id = ? ORDER BY v.version DESC LIMIT 1", (doc_id,)).fetchone()
        return None if row is None else (row[0], row[1], row[2])

    def _old(self, fresh: bool, query: str, doc_id: str) -> list[Any]:
        """A document's rows of a link table; none for a document created in this transaction."""
        return [] if fresh else self._db.execute(query, (doc_id,)).fetchall()

    def _put_facts(self, doc_id: str, facts: Sequence[Fact], fresh: bool = False) -> bool:
        rows = [(doc_id, i, f.kind, f.date.isoformat() if f.date else None, f.text, f.detail)
                for i, f in enumerate(facts)]
        old = [tuple(r) for r in self._old(
            fresh, "SELECT doc_id, position, kind, date, text, detail FROM validity_facts WHERE doc_id = ? ORDER BY position",
            doc_id)]
        if old == rows:
            return False
        if not fresh:
            self._db.execute("DELETE FROM validity_facts WHERE doc_id = ?", (doc_id,))
        self._db.executemany("INSERT INTO validity_facts (doc_id, position, kind, date, text, detail)"
                             " VALUES (?, ?, ?, ?, ?, ?)", rows)
        return True

    def _put_citations(self, doc_id: str, found: Sequence[C.Citation], changed: set[str], fresh: bool = False) -> bool:
        """Replace a document's citations if they differ (targets resolved afterwards)."""
        rows = [(i, c.kind, c.by, c.key, c.text, c.sentence) for i, c in enumerate(found)]
        old = self._old(
            fresh, "SELECT position, kind, by, key, text, sentence, target FROM citations WHERE doc_id = ? ORDER BY position",
            doc_id)
        if [tuple(r[:6]) for r in old] == rows:
            return False
        changed.add(doc_id)
        changed |= {r[6] for r in old if r[6] is not None}  # their cited-by lists lose or change an entry
        if not fresh:
            self._db.execute("DELETE FROM citations WHERE doc_id = ?", (doc_id,))
        self._db.executemany(
            "INSERT INTO citations (doc_id, position, kind, by, key, text, sentence) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(doc_id, *row) for row in rows])
        return True

    def _resolve(self, keys: set[tuple[str, str]], doc_ids: Sequence[str]) -> set[str]:
        """Resolve the citations of these documents and every citation naming these keys."""
        rows: dict[tuple[str, int], tuple[str, str, str | None, int]] = {}
        for doc_id in doc_ids:
            for position, by, key, target, count in self._db.execute(
                    "SELECT position, by, key, target, matches FROM citations WHERE doc_id = ?", (doc_id,)):
                rows[(doc_id, position)] = (by, key, target, count)
        for by, key in keys:
            for doc_id, position, target, count in self._db.execute(
                    "SELECT doc_id, position, target, matches FROM citations WHERE key = ? AND by = ?", (key, by)):
                rows[(doc_id, position)] = (by, key, target, count)
        changed: set[str] = set()
        cache: dict[tuple[str, str], list[str]] = {}
        for (doc_id, position), (by, key, target, count) in rows.items():
            if (by, key) not in cache:
                cache[(by, key)] = [r[0] for r in self._db.execute(
                    "SELECT DISTINCT doc_id FROM doc_keys WHERE key = ? AND by = ?", (key, by))]
            matches = [m for m in cache[(by, key)] if m != doc_id]
            new = matches[0] if len(matches) == 1 else None
            if (new, len(matches)) != (target, count):  # most citations resolve as they did
                self._db.execute("UPDATE citations SET target = ?, matches = ? WHERE doc_id = ? AND position = ?",
                                 (new, len(matches), doc_id, position))
            if new != target:
                changed |= {doc_id} | ({target} if target else set()) | ({new} if new else set())
        return changed

    def _journal(self, doc_ids: set[str]) -> None:
        now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()
        self._db.executemany("INSERT INTO link_changes (doc_id, changed) VALUES (?, ?)",
                             [(doc_id, now) for doc_id in sorted(doc_ids)])

    def _page_of(self, capture: StoredCapture | None) -> tuple[list[tuple[str, str]], list[str]]:
        """A lone page's fields and context lines, from the newest reading of its bytes (an issue
        page's fields describe the issue, not each document)."""
        if capture is None or capture.issue_id is not None:
            return [], []
        row = self._db.execute(
            "SELECT MAX(capture_id) FROM (SELECT capture_id FROM page_fields UNION SELECT capture_id FROM page_context)"
            " WHERE capture_id IN (SELECT id FROM captures WHERE sha256 = ?)", (capture.sha256,)).fetchone()
        source = row[0] if row and row[0] is not None else capture.id
        fields = [(r[0], r[1]) for r in self._db.execute(
            "SELECT label, value FROM page_fields WHERE capture_id = ? ORDER BY position", (source,))]
        context = [r[0] for r in self._db.execute(
            "SELECT text FROM page_context WHERE capture_id = ? ORDER BY position", (source,))]
        return fields, context

    def _ensure_links(self) -> None:
        """Derive every document's facts again when the code deriving them changed."""
        row = self._db.execute("SELECT value FROM settings WHERE key = 'links_version'").fetchone()
        if row is not None and row[0] == LINKS_VERSION:
            return
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:  # a read-only copy (a download): readable as it is
            if "readonly" in str(exc) or "read-only" in str(exc):
                return
            raise
        try:
            again = self._db.execute("SELECT value FROM settings WHERE key = 'links_version'").fetchone()
            if again is not None and again[0] == LINKS_VERSION:  # another process derived them meanwhile
                self._db.execute("COMMIT")
                return
            for table in LINK_TABLES:
                self._db.execute(f"DELETE FROM {table}")
            doc_ids = [r[0] for r in self._db.execute("SELECT id FROM documents ORDER BY id")]
            self._refresh_links(doc_ids)
            self._resolve(set(), doc_ids)
            self._db.execute("INSERT OR REPLACE INTO settings (key, value) VALUES ('links_version', ?)",
                             (LINKS_VERSION,))
            self._db.execute("COMMIT")
        except BaseException:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            raise

    def _backfill_withdrawals(self) -> None:
        """Stores from before the withdrawals table: find the capture that no longer held each."""
        for (doc_id,) in self._db.execute("SELECT id FROM documents WHERE status = 'withdrawn'").fetchall():
            by = self.withdrawn_by(doc_id)  # type: ignore[attr-defined]
            if by is not None:
                self._record_withdrawals(by.id, [doc_id])

    # ---- reading ---------------------------------------------------------------------------

    def withdrawal(self, doc_id: str) -> WithdrawnBy | None:
        """For a withdrawn document, the capture that showed it gone (the latest one recorded)."""
        row = self._db.execute(
            "SELECT c.id, c.location, c.sha256, c.captured FROM withdrawals w JOIN captures c ON c.id = w.capture_id"
            " JOIN documents d ON d.id = w.doc_id WHERE w.doc_id = ? AND d.status = 'withdrawn'"
            " ORDER BY c.captured DESC, c.id DESC LIMIT 1", (doc_id,)).fetchone()
        return None if row is None else WithdrawnBy(*row)

    def capture_for(self, sha256: str, location: str) -> StoredCapture | None:
        """The newest capture row of these bytes at this location (its encoding, its issue)."""
        row = self._db.execute(
            "SELECT id, sha256, location, captured, media_type, encoding, pipeline_version, issue_id FROM captures"
            " WHERE sha256 = ? AND location = ? ORDER BY id DESC LIMIT 1", (sha256, location)).fetchone()
        return None if row is None else StoredCapture(*row)

    def printed_url(self, sha256: str, location: str) -> str | None:
        """The address a page printed as its own (canonical link, 原文链接), newest reading first."""
        row = self._db.execute(
            "SELECT source_url FROM captures WHERE sha256 = ? AND location = ? AND source_url IS NOT NULL"
            " ORDER BY id DESC LIMIT 1", (sha256, location)).fetchone()
        return None if row is None else row[0]

    def page_fields(self, capture_id: int) -> list[tuple[str, str]]:
        """The CMS fields a capture's page printed (CleanText.meta), in order."""
        return [(r[0], r[1]) for r in self._db.execute(
            "SELECT label, value FROM page_fields WHERE capture_id = ? ORDER BY position", (capture_id,))]

    def validity_facts(self, doc_id: str) -> list[Fact]:
        return [Fact(kind, _date(date), text, detail) for kind, date, text, detail in self._db.execute(
            "SELECT kind, date, text, detail FROM validity_facts WHERE doc_id = ? ORDER BY position", (doc_id,))]

    def validity_events(self, doc_id: str) -> list[Event]:
        """What other documents of the archive do to this one: repeal, amend, expire, confirm."""
        marks = ", ".join("?" * len(EVENT_KINDS))
        events: dict[tuple[str, str], Event] = {}  # one per (document, kind): named by 文号 and title alike
        for kind, source, title, acts, sentence in self._db.execute(
                "SELECT c.kind, c.doc_id, l.title, l.acts, c.sentence FROM citations c JOIN link_docs l"
                f" ON l.doc_id = c.doc_id WHERE c.target = ? AND c.kind IN ({marks}) ORDER BY l.acts, c.doc_id, c.position",
                (doc_id, *EVENT_KINDS)):
            events.setdefault((source, kind), Event(kind, source, title, _date(acts), sentence))
        return list(events.values())

    def cites(self, doc_id: str) -> list[CitationLink]:
        """What a document names, in its order, each resolved where the archive holds it."""
        return self._links("c.doc_id = ?", doc_id, "c.position")

    def cited_by(self, doc_id: str) -> list[CitationLink]:
        """The documents that name this one (resolved citations only)."""
        return self._links("c.target = ?", doc_id, "s.acts, c.doc_id, c.position")

    def _links(self, where: str, doc_id: str, order: str) -> list[CitationLink]:
        rows = self._db.execute(
            "SELECT c.doc_id, c.kind, c.by, c.key, c.text, c.sentence, c.target, c.matches, s.title, s.url,"
            " t.title, t.url FROM citations c JOIN link_docs s ON s.doc_id = c.doc_id"
            f" LEFT JOIN link_docs t ON t.doc_id = c.target WHERE {where} ORDER BY {order}", (doc_id,))
        return [CitationLink(*row) for row in rows]

    def link_changes_since(self, since: str) -> set[str]:
        """The documents whose cross-document facts (citations, cited-by, validity inputs)
        changed at or after `since` (ISO time): their pages must be rebuilt even when their
        own text did not change."""
        return {r[0] for r in self._db.execute("SELECT DISTINCT doc_id FROM link_changes WHERE changed >= ?", (since,))}


def _document_url(doc_id: str, issue_id: str | None, doc: Document) -> str:
    """ids.document_url from the stored issue id (benxi-2021-02 → /benxi/2021/02/), without
    reading the issue's name again through pinyin."""
    folder = ids.year_folder(issue_id) if issue_id else None
    if folder is not None and issue_id is not None:
        return f"/{folder}/{issue_id.rsplit('-', 1)[1]}/{doc_id}/"
    return ids.document_url(doc_id, None, ids.document_year(doc))


def _date(text: str | None) -> dt.date | None:
    return None if text is None else dt.date.fromisoformat(text)

