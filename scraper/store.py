"""Parsed captures → documents and their versions in SQLite. The only module with SQL.

Append-only: a version row is never updated or deleted (triggers refuse it), raw bytes are kept
byte for byte, and each capture goes in all or nothing (a transaction, or a savepoint of a batch's),
so the store is never half-written.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any

from . import ids, records
from .decode import BAD_BYTES
from .derive import Derived, DocumentFacts, derive
from .errors import StoreError
from .matching import Known, match
from .store_links import SCHEMA_V3, LinkTables
from .model import DocNumber, Document, Issue, Notice, Parsed, Removal
from .plausible import GARBLED
from .stored import (
    AddReport,
    Audit,
    LatestRecord,
    Source,
    StoredCapture,
    StoredDocument,
    StoredVersion,
    StoreState,
    Suspect,
    VersionSummary,
    QueuedUrl,
    WarcEntry,
)
from .truncation import TRUNCATED

SCHEMA_VERSION = 5

SCHEMA = """
CREATE TABLE blobs (
    sha256 TEXT PRIMARY KEY,
    raw BLOB NOT NULL
);
CREATE TABLE issues (
    id TEXT PRIMARY KEY,
    gazette TEXT, year INTEGER, number INTEGER, total_number INTEGER,
    published TEXT, publisher TEXT, script TEXT NOT NULL
);
-- (sha256, location, pipeline_version): re-processing the same bytes under a new pipeline is a
-- capture row of its own, so its audit and its 'processing' versions point at it.
CREATE TABLE captures (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL REFERENCES blobs(sha256),
    location TEXT NOT NULL,
    captured TEXT NOT NULL,
    media_type TEXT,
    encoding TEXT,
    pipeline_version TEXT NOT NULL,
    issue_id TEXT REFERENCES issues(id),
    UNIQUE (sha256, location, pipeline_version)
);
CREATE INDEX captures_location ON captures(location);
CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    issue_id TEXT REFERENCES issues(id),
    ordinal INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('current', 'withdrawn')),
    first_seen TEXT NOT NULL
);
CREATE INDEX documents_issue ON documents(issue_id);
CREATE TABLE versions (
    doc_id TEXT NOT NULL REFERENCES documents(id),
    version INTEGER NOT NULL CHECK (version >= 1),
    capture_id INTEGER NOT NULL REFERENCES captures(id),
    created TEXT NOT NULL,
    pipeline_version TEXT NOT NULL,
    reason TEXT NOT NULL CHECK (reason IN ('new', 'source', 'processing')),
    content_sha256 TEXT NOT NULL,
    doc_number TEXT,        -- the 文号's identity key (DocNumber.key) and title, copied out of record to find documents
    title TEXT NOT NULL,
    record TEXT NOT NULL,   -- JSON: records.to_record()
    PRIMARY KEY (doc_id, version)
);
CREATE INDEX versions_doc_number ON versions(doc_number);
CREATE INDEX versions_title ON versions(title);
CREATE TRIGGER versions_no_update BEFORE UPDATE ON versions
BEGIN SELECT RAISE(ABORT, 'versions are append-only'); END;
CREATE TRIGGER versions_no_delete BEFORE DELETE ON versions
BEGIN SELECT RAISE(ABORT, 'versions are append-only'); END;
-- Which documents each capture held: finds withdrawn documents and lone pages seen before.
CREATE TABLE sightings (
    capture_id INTEGER NOT NULL REFERENCES captures(id),
    doc_id TEXT NOT NULL REFERENCES documents(id),
    ordinal INTEGER NOT NULL,
    PRIMARY KEY (capture_id, doc_id)
);
CREATE INDEX sightings_doc ON sightings(doc_id);
CREATE TABLE removals (
    capture_id INTEGER NOT NULL REFERENCES captures(id),
    rule TEXT NOT NULL, line INTEGER, text TEXT NOT NULL
);
CREATE INDEX removals_capture ON removals(capture_id);
CREATE TABLE notices (
    capture_id INTEGER NOT NULL REFERENCES captures(id),
    code TEXT NOT NULL, line INTEGER, message TEXT NOT NULL
);
CREATE INDEX notices_capture ON notices(capture_id);
"""

# Version 2 (gazette fetch): the WARC index, HTTP validators per URL and resumable fetch runs.
# A version-1 store gets these tables on open; nothing else changes.
SCHEMA_V2 = """
CREATE TABLE warc_records (
    id INTEGER PRIMARY KEY,
    warc_file TEXT NOT NULL,    -- path relative to the store's folder
    offset INTEGER NOT NULL,    -- of the response record's gzip member
    length INTEGER NOT NULL,
    url TEXT NOT NULL,
    sha256 TEXT,                -- of the decoded payload (= the capture's sha256 for a stored page)
    fetched TEXT NOT NULL,
    status INTEGER NOT NULL
);
CREATE INDEX warc_records_url ON warc_records(url);
CREATE INDEX warc_records_sha256 ON warc_records(sha256);
CREATE TABLE http_validators (
    url TEXT PRIMARY KEY,
    etag TEXT, last_modified TEXT, sha256 TEXT,
    checked TEXT NOT NULL
);
CREATE TABLE fetch_runs (
    id INTEGER PRIMARY KEY,
    targets TEXT NOT NULL,
    started TEXT NOT NULL,
    finished TEXT
);
CREATE TABLE fetch_queue (
    run_id INTEGER NOT NULL REFERENCES fetch_runs(id),
    url TEXT NOT NULL,
    kind TEXT NOT NULL,         -- listing, issue, page
    source TEXT,                -- the sources/ file's name, or NULL for a bare URL
    page INTEGER,               -- listing page number
    state TEXT NOT NULL CHECK (state IN ('queued', 'done', 'failed', 'skipped')),
    note TEXT,
    position INTEGER NOT NULL,
    PRIMARY KEY (run_id, url)
);
"""
# Version 3 (issue 12): cross-document facts, withdrawals, page fields (store_links.py).
# Version 4 (damaged bytes): captures held for an editor instead of becoming current, and the
# editor's confirmations. Append-only like versions: a confirmation is a row, nothing is updated.
SCHEMA_V4 = """
CREATE TABLE suspects (
    capture_id INTEGER PRIMARY KEY REFERENCES captures(id),
    reason TEXT NOT NULL,       -- why it is held: garbled text, or damage that would replace stored text
    documents INTEGER NOT NULL, -- documents the pipeline read in it
    held TEXT NOT NULL
);
CREATE TABLE confirmations (
    sha256 TEXT PRIMARY KEY REFERENCES blobs(sha256),  -- these bytes are never held again
    capture_id INTEGER NOT NULL REFERENCES captures(id),
    confirmed TEXT NOT NULL,
    note TEXT
);
"""
# Version 5 (incremental builds): every document gets a permanent number (the search index's
# document number: a new document never renumbers the others), a change journal that triggers
# fill on every write a site shows (a version, a withdrawal, a new position, an issue's header),
# and the search tokens of each content hash, so a text is tokenized once in its life.
# Cross-document facts (store_links.link_changes) join the journal through a trigger too.
SCHEMA_V5 = """
ALTER TABLE documents ADD COLUMN num INTEGER;
UPDATE documents SET num = rowid;
CREATE UNIQUE INDEX documents_num ON documents(num);
CREATE INDEX versions_created ON versions(created);
CREATE TABLE store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT INTO store_meta (key, value) VALUES ('store_id', lower(hex(randomblob(16))));
CREATE TABLE changes (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    doc_id TEXT,                -- the document whose pages change, or NULL
    issue_id TEXT,              -- an issue whose header changed (all its documents), or NULL
    kind TEXT NOT NULL,         -- version, status, ordinal, issue, or a fact table's name
    at TEXT NOT NULL
);
CREATE TRIGGER journal_version AFTER INSERT ON versions
BEGIN INSERT INTO changes (doc_id, kind, at) VALUES (NEW.doc_id, 'version', NEW.created); END;
CREATE TRIGGER journal_status AFTER UPDATE OF status ON documents WHEN OLD.status IS NOT NEW.status
BEGIN INSERT INTO changes (doc_id, kind, at) VALUES (NEW.id, 'status', strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now')); END;
CREATE TRIGGER journal_ordinal AFTER UPDATE OF ordinal ON documents WHEN OLD.ordinal IS NOT NEW.ordinal
BEGIN INSERT INTO changes (doc_id, kind, at) VALUES (NEW.id, 'ordinal', strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now')); END;
CREATE TRIGGER journal_new_issue AFTER INSERT ON issues
BEGIN INSERT INTO changes (issue_id, kind, at) VALUES (NEW.id, 'issue', strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now')); END;
CREATE TRIGGER journal_issue AFTER UPDATE ON issues WHEN OLD.gazette IS NOT NEW.gazette OR OLD.year IS NOT NEW.year
    OR OLD.number IS NOT NEW.number OR OLD.total_number IS NOT NEW.total_number
    OR OLD.published IS NOT NEW.published OR OLD.publisher IS NOT NEW.publisher OR OLD.script IS NOT NEW.script
BEGIN INSERT INTO changes (issue_id, kind, at) VALUES (NEW.id, 'issue', strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now')); END;
CREATE TRIGGER journal_facts AFTER INSERT ON link_changes
BEGIN INSERT INTO changes (doc_id, kind, at) VALUES (NEW.doc_id, 'facts', NEW.changed); END;
CREATE INDEX link_changes_doc ON link_changes(doc_id, changed);
CREATE TRIGGER journal_withdrawal AFTER INSERT ON withdrawals
BEGIN INSERT INTO changes (doc_id, kind, at) VALUES (NEW.doc_id, 'withdrawal', strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now')); END;
CREATE TABLE token_cache (
    content_sha256 TEXT NOT NULL,
    tokenizer TEXT NOT NULL,    -- search.tokens.TOKENIZER: a change of the tokenizer misses the cache
    data BLOB NOT NULL,         -- search.tokens.DocTokens.encode()
    PRIMARY KEY (content_sha256, tokenizer)
) WITHOUT ROWID;
"""
MIGRATIONS = {2: SCHEMA_V2, 3: SCHEMA_V3, 4: SCHEMA_V4, 5: SCHEMA_V5}

TABLES = ("blobs", "captures", "issues", "documents", "versions", "sightings", "removals", "notices",
          "suspects", "confirmations")
# Notices that mark a capture as damaged: it may add documents, but replaces no stored text
# without an editor (garbled captures are held whatever they would do).
DAMAGE_CODES = (BAD_BYTES, TRUNCATED)

# The latest version of each document, joined to what export and matching need.
LATEST = """
SELECT d.id, d.issue_id, d.ordinal, d.status, v.version, v.content_sha256, v.record,
       v.doc_number, v.title, c.location, c.sha256, c.captured
FROM documents d
JOIN versions v ON v.doc_id = d.id
    AND v.version = (SELECT MAX(version) FROM versions WHERE doc_id = d.id)
JOIN captures c ON c.id = v.capture_id
"""

# What matching needs of the latest versions (candidates), not their whole records.
CANDIDATES = """
SELECT d.id, d.issue_id, d.ordinal, v.title, v.content_sha256, json_extract(v.record, '$.doc_number'),
       json_extract(v.record, '$.office'), json_extract(v.record, '$.lines')
FROM documents d
JOIN versions v ON v.doc_id = d.id
    AND v.version = (SELECT MAX(version) FROM versions WHERE doc_id = d.id)
JOIN captures c ON c.id = v.capture_id
"""

# The same, with the issue, in reading order; export streams it.
RECORDS = """
SELECT d.id, d.issue_id, d.ordinal, d.status, v.version, v.content_sha256, v.record,
       c.location, c.sha256, c.captured,
       i.gazette, i.year, i.number, i.total_number, i.published, i.publisher, i.script, d.num, v.created
FROM documents d
JOIN versions v ON v.doc_id = d.id
    AND v.version = (SELECT MAX(version) FROM versions WHERE doc_id = d.id)
JOIN captures c ON c.id = v.capture_id
LEFT JOIN issues i ON i.id = d.issue_id
"""
READING_ORDER = " ORDER BY d.issue_id IS NULL, d.issue_id, d.ordinal, d.id"
EXPORT = RECORDS + READING_ORDER
SUMMARIES = (
    "SELECT v.doc_id, v.version, v.created, v.pipeline_version, v.reason, v.content_sha256,"
    " v.doc_number, v.title, c.location, c.sha256, c.captured"
    " FROM versions v JOIN captures c ON c.id = v.capture_id"
)
# Records kept read for matching (their texts: some MB at most).
CANDIDATE_READS = 1024
# Parameters per IN (…) list: well under SQLite's limit of 32,766 host parameters.
BATCH = 900
VERSION_COLUMNS = "doc_id, version, capture_id, created, pipeline_version, reason, content_sha256, record"


class Store(LinkTables):
    """A gazette store in one SQLite file. Use as a context manager, or call close()."""

    def __init__(self, path: str | Path, readonly: bool = False, immutable: bool = False):
        """readonly: for build workers, which never write (and never migrate); immutable: also
        without locks, for workers reading a store on a shared filesystem that nobody writes
        during the build."""
        self.path = str(path)
        self._batching = False  # inside batch(): each transaction is a savepoint of a longer one
        # content sha256 → (文号 key, text, place) of a stored record, as matching reads it
        self._candidate_reads: dict[str, tuple[str | None, str, str | None]] = {}
        try:
            if readonly or immutable:
                uri = f"{Path(self.path).resolve().as_uri()}?mode=ro" + ("&immutable=1" if immutable else "")
                self._db = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
                found = self._db.execute("PRAGMA user_version").fetchone()[0]
                if found != SCHEMA_VERSION:
                    raise StoreError(f"store schema version {found}, this gazette reads {SCHEMA_VERSION}"
                                     " (any writing command, e.g. gazette ingest, upgrades it)", self.path)
                return
            # isolation_level=None: transactions are ours (BEGIN IMMEDIATE … COMMIT), not implicit.
            self._db = sqlite3.connect(self.path, isolation_level=None)
            self._db.execute("PRAGMA foreign_keys = ON")
            self._db.execute("PRAGMA journal_mode = WAL")
            # In WAL mode NORMAL never corrupts the store; a power cut may lose the last files
            # committed (ingest them again), but commits no longer wait for the disk one by one.
            self._db.execute("PRAGMA synchronous = NORMAL")
            self._migrate()
            self._ensure_links()
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open store: {exc}", self.path) from exc

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection."""
        self._db.close()

    def _migrate(self) -> None:
        found = self._db.execute("PRAGMA user_version").fetchone()[0]
        if found == SCHEMA_VERSION:
            return
        if found not in range(SCHEMA_VERSION):
            raise StoreError(f"store schema version {found}, this gazette reads {SCHEMA_VERSION}", self.path)
        with self._transaction():
            steps = [SCHEMA] if found == 0 else []
            steps += [MIGRATIONS[version] for version in range(max(found, 1) + 1, SCHEMA_VERSION + 1)]
            for step in steps:
                for statement in step.split(";\n"):
                    if statement.strip():
                        self._db.execute(statement)
            if 0 < found < 3:
                self._backfill_withdrawals()
            self._db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        if self._batching:
            with self._savepoint():
                yield
            return
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
            self._db.execute("COMMIT")
        except BaseException:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            raise

    @contextmanager
    def _savepoint(self) -> Iterator[None]:
        """All or nothing inside the batch's transaction (begun here when none is open)."""
        if not self._db.in_transaction:
            self._db.execute("BEGIN IMMEDIATE")
        self._db.execute("SAVEPOINT batched")
        try:
            yield
            self._db.execute("RELEASE batched")
        except BaseException:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK TO batched")
                self._db.execute("RELEASE batched")
            raise

    @contextmanager
    def batch(self) -> Iterator[Callable[[], None]]:
        """Many writes, one commit: inside, every add() is still all or nothing (a savepoint of
        one longer transaction), and what was written is committed by the function yielded and on
        leaving, by error too (a capture cut short was already rolled back to its savepoint).
        A commit per small capture costs as much as storing it; until committed, other
        connections do not see the writes."""
        if self._batching:  # nested: the outer batch commits
            yield lambda: None
            return

        def commit() -> None:
            if self._db.in_transaction:
                self._db.execute("COMMIT")

        self._batching = True
        try:
            yield commit
        finally:
            self._batching = False
            commit()

    # ---- writing -------------------------------------------------------------------------

    def add(self, parsed: Parsed, pipeline_version: str, derived: Derived | None = None) -> AddReport:
        """Store one parsed capture in one transaction; raise StoreError (nothing written) on failure.

        `derived`: derive.derive(parsed) made elsewhere (an ingest worker); used only where it fits."""
        try:
            with self._transaction():
                return self._add(parsed, pipeline_version, derived)
        except StoreError:
            raise
        # Any failure, a bug included, must leave the store as it was and name the capture.
        except Exception as exc:
            raise StoreError(f"cannot store capture: {type(exc).__name__}: {exc}", parsed.capture.location) from exc

    def _prepared(self, parsed: Parsed) -> Parsed:
        """The capture as it goes in (OverridingStore applies the editor's split corrections)."""
        return parsed

    def _add(self, parsed: Parsed, pipeline_version: str, derived: Derived | None = None) -> AddReport:
        parsed = self._prepared(parsed)
        capture = parsed.capture
        duplicate = self._db.execute(
            "SELECT id, issue_id FROM captures WHERE sha256 = ? AND pipeline_version = ? ORDER BY id LIMIT 1",
            (capture.sha256, pipeline_version),
        ).fetchone()
        if duplicate is not None:
            return self._add_duplicate(parsed, pipeline_version, duplicate[0], duplicate[1])
        confirmed = self._confirmed(capture.sha256)
        if not confirmed and (garbled := _notice(parsed, (GARBLED,))):
            return self._hold(parsed, pipeline_version, garbled.message)
        self._db.execute("SAVEPOINT accept")
        report = self._accept(parsed, pipeline_version, derived=derived)
        # Damaged bytes already let in once are being re-processed (rebuild): nothing new to fear.
        damage = None if confirmed or self._accepted(capture.sha256, report.capture_id) \
            else _notice(parsed, DAMAGE_CODES)
        if damage is not None and not self._site_habit(damage, report.capture_id, capture.location):
            replaced = self._db.execute(
                "SELECT COUNT(*) FROM versions WHERE capture_id = ? AND reason = 'source'", (report.capture_id,)
            ).fetchone()[0]
            if replaced or report.withdrawn:
                self._db.execute("ROLLBACK TO accept")
                self._db.execute("RELEASE accept")
                what = [f"change {replaced} stored documents"] * bool(replaced)
                what += [f"withdraw {len(report.withdrawn)}"] * bool(report.withdrawn)
                return self._hold(parsed, pipeline_version, f"damaged ({damage.message}); it would {' and '.join(what)}")
        self._db.execute("RELEASE accept")
        return report

    def _accept(self, parsed: Parsed, pipeline_version: str, capture_id: int | None = None,
                derived: Derived | None = None) -> AddReport:
        """The capture's issue, documents and versions (and the capture row, unless given)."""
        capture = parsed.capture
        # What a worker derived, if it derived it from this very reading; else derived here, lazily.
        derived = derived if derived is not None and derived.fits(parsed) else derive(parsed)
        issue_key = self._put_issue(parsed.issue, derived.issue_key)
        if capture_id is None:
            capture_id = self._put_capture(parsed, pipeline_version, issue_key)
            self._put_audit(capture_id, parsed)
        else:  # a held capture, released: it was stored without an issue the store did not know
            self._db.execute(
                "UPDATE captures SET issue_id = ? WHERE id = ? AND issue_id IS NULL", (issue_key, capture_id))
        self._put_page(capture_id, parsed)
        doc_ids, new_ids, new_versions = self._put_documents(parsed, derived, pipeline_version, capture_id, issue_key)
        withdrawn = self._withdraw(capture_id, capture.location, capture.captured, issue_key, doc_ids)
        self._record_withdrawals(capture_id, withdrawn)
        # Every document of the page, changed or not: a page field (时效性) may change alone.
        self._refresh_links(doc_ids, derived.by_content(), new_ids)
        return AddReport(
            capture_id=capture_id,
            issue_id=issue_key,
            documents=len(doc_ids),
            new_documents=len(new_ids),
            new_versions=new_versions,
            unchanged=len(doc_ids) - new_versions,
            duplicate_capture=False,
            document_ids=tuple(doc_ids),
            withdrawn=withdrawn,
        )

    def _hold(self, parsed: Parsed, pipeline_version: str, reason: str) -> AddReport:
        """Keep a suspect capture (bytes, row, audit) without letting it touch any document."""
        key = ids.issue_id(parsed.issue) if parsed.issue is not None else None
        if key is not None and self.issue(key) is None:
            key = None  # a garbled header must not create an issue; a confirmation fills it in
        capture_id = self._put_capture(parsed, pipeline_version, key)
        self._put_audit(capture_id, parsed)
        self._db.execute(
            "INSERT INTO suspects (capture_id, reason, documents, held) VALUES (?, ?, ?, ?)",
            (capture_id, reason, len(parsed.documents), _now()),
        )
        return AddReport(capture_id, key, len(parsed.documents), 0, 0, 0, False, suspect=reason)

    def _accepted(self, sha256: str, other_than: int) -> bool:
        """Have these bytes gone in before, under another capture row (another pipeline version)?"""
        return self._db.execute(
            "SELECT 1 FROM captures WHERE sha256 = ? AND id != ?"
            " AND EXISTS (SELECT 1 FROM sightings s WHERE s.capture_id = captures.id)",
            (sha256, other_than)).fetchone() is not None

    def _confirmed(self, sha256: str) -> bool:
        return self._db.execute("SELECT 1 FROM confirmations WHERE sha256 = ?", (sha256,)).fetchone() is not None

    def _site_habit(self, damage: Notice, capture_id: int, location: str) -> bool:
        """A page that never closes its <body> says so in every capture: that is the site, not a
        cut download, when the last capture of the location that went in said the same."""
        if damage.code != TRUNCATED or "never closes" not in damage.message:
            return False
        last = self._db.execute(
            "SELECT MAX(c.id) FROM captures c WHERE c.location = ? AND c.id != ?"
            " AND EXISTS (SELECT 1 FROM sightings s WHERE s.capture_id = c.id)", (location, capture_id)).fetchone()[0]
        row = self._db.execute(
            "SELECT message FROM notices WHERE capture_id = ? AND code = ? AND message = ?",
            (last, TRUNCATED, damage.message)).fetchone()
        return row is not None

    def _add_duplicate(self, parsed: Parsed, pipeline_version: str, first: int, issue_key: str | None) -> AddReport:
        """Bytes already processed by this pipeline: at most note the extra location."""
        capture = parsed.capture
        row = self._db.execute(
            "SELECT id FROM captures WHERE sha256 = ? AND location = ? AND pipeline_version = ?",
            (capture.sha256, capture.location, pipeline_version),
        ).fetchone()
        if row is not None:
            capture_id = row[0]
        else:
            capture_id = self._put_capture(parsed, pipeline_version, issue_key)
            self._db.execute(
                "INSERT INTO sightings (capture_id, doc_id, ordinal) SELECT ?, doc_id, ordinal FROM sightings"
                " WHERE capture_id = ?",
                (capture_id, first),
            )
        held = self._db.execute("SELECT reason, documents FROM suspects WHERE capture_id = ?", (first,)).fetchone()
        if held is not None and not self._confirmed(capture.sha256):
            self._db.execute(
                "INSERT OR IGNORE INTO suspects (capture_id, reason, documents, held) VALUES (?, ?, ?, ?)",
                (capture_id, held[0], held[1], _now()))
            return AddReport(capture_id, issue_key, held[1], 0, 0, 0, True, suspect=held[0])
        doc_ids = [r[0] for r in self._db.execute(
            "SELECT doc_id FROM sightings WHERE capture_id = ? ORDER BY ordinal", (first,))]
        return AddReport(capture_id, issue_key, len(doc_ids), 0, 0, len(doc_ids), True, tuple(doc_ids))

    def _put_issue(self, issue: Issue | None, key: str | None) -> str | None:
        if issue is None or key is None:
            return None
        # The newest capture's reading of the issue header wins; documents keep their own history.
        self._db.execute(
            "INSERT INTO issues (id, gazette, year, number, total_number, published, publisher, script)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET gazette = excluded.gazette,"
            " year = excluded.year, number = excluded.number, total_number = excluded.total_number,"
            " published = excluded.published, publisher = excluded.publisher, script = excluded.script",
            (key, issue.gazette, issue.year, issue.number, issue.total_number,
             _iso(issue.published), issue.publisher, issue.script),
        )
        return key

    def _put_capture(self, parsed: Parsed, pipeline_version: str, issue_key: str | None) -> int:
        capture = parsed.capture
        self._db.execute("INSERT OR IGNORE INTO blobs (sha256, raw) VALUES (?, ?)", (capture.sha256, capture.raw))
        cursor = self._db.execute(
            "INSERT INTO captures (sha256, location, captured, media_type, encoding, pipeline_version, issue_id)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (capture.sha256, capture.location, capture.captured, capture.media_type,
             parsed.page.encoding, pipeline_version, issue_key),
        )
        return int(cursor.lastrowid or 0)

    def _put_audit(self, capture_id: int, parsed: Parsed) -> None:
        self._db.executemany(
            "INSERT INTO removals (capture_id, rule, line, text) VALUES (?, ?, ?, ?)",
            [(capture_id, r.rule, r.line, r.text) for r in parsed.clean.removals],
        )
        self._db.executemany(
            "INSERT INTO notices (capture_id, code, line, message) VALUES (?, ?, ?, ?)",
            [(capture_id, n.code, n.line, n.message) for n in parsed.notices],
        )

    def _put_documents(
        self, parsed: Parsed, derived: Derived, pipeline_version: str, capture_id: int, issue_key: str | None
    ) -> tuple[list[str], set[str], int]:
        """Each document's id (matched, else new), the ids created now, and how many versions were added."""
        docs = parsed.documents
        places = [facts.place for facts in derived.documents]
        location = parsed.capture.location
        matched = match(docs, self._candidates(docs, issue_key, location), places)
        doc_ids: list[str] = []
        new_ids: set[str] = set()
        new_versions = 0
        for doc, facts, known_id in zip(docs, derived.documents, matched):
            if known_id is None:
                doc_id = self._new_document(doc, facts.base_id, issue_key, parsed.capture.captured)
                new_ids.add(doc_id)
            else:
                doc_id = known_id
                # Back in a capture: current again, unless this capture is older than the one
                # that showed it gone (an old capture ingested late revives nothing).
                gone = self._db.execute(
                    "SELECT MAX(c.captured) FROM withdrawals w JOIN captures c ON c.id = w.capture_id"
                    " JOIN documents d ON d.id = w.doc_id WHERE w.doc_id = ? AND d.status = 'withdrawn'",
                    (doc_id,)).fetchone()[0]
                revived = gone is None or _instant(parsed.capture.captured) >= _instant(gone)
                self._db.execute(
                    "UPDATE documents SET ordinal = ?, status = CASE WHEN ? THEN 'current' ELSE status END,"
                    " issue_id = COALESCE(?, issue_id) WHERE id = ?", (doc.ordinal, revived, issue_key, doc_id))
            new_versions += self._put_version(
                doc_id, facts, capture_id, parsed.capture.sha256, pipeline_version, parsed.capture.captured)
            self._db.execute(
                "INSERT INTO sightings (capture_id, doc_id, ordinal) VALUES (?, ?, ?)", (capture_id, doc_id, doc.ordinal))
            doc_ids.append(doc_id)
        return doc_ids, new_ids, new_versions

    def _candidates(self, docs: Sequence[Document], issue_key: str | None, location: str) -> list[Known]:
        """Stored documents a new one may continue: the same issue's, those seen at this location, and
        those with one of the new documents' 文号 (the same document published on another page)."""
        keys = [d.doc_number.key for d in docs if d.doc_number]
        seen_here = {row[0] for row in self._db.execute(
            "SELECT s.doc_id FROM sightings s JOIN captures k ON k.id = s.capture_id WHERE k.location = ?",
            (location,))}
        # A document belongs to one issue: by 文号, an issue's document continues a lone page's (or
        # its own issue's); a lone page continues any. A reprint in another issue is its own record.
        # Ids first, each by its own index (one query with these ORs scanned every document: the
        # ingest of a page cost in proportion to the archive), then the conditions on their latest versions.
        wanted = set(seen_here)
        if issue_key is not None:
            wanted.update(row[0] for row in self._db.execute("SELECT id FROM documents WHERE issue_id = ?", (issue_key,)))
        if keys:
            wanted.update(row[0] for row in self._db.execute(
                "SELECT DISTINCT doc_id FROM versions WHERE doc_number IN (%s)" % _marks(keys), keys))
        if not wanted:
            return []
        wanted_list = sorted(wanted)
        rows = self._db.execute(
            CANDIDATES + " WHERE d.id IN (%s) AND ((d.issue_id = ? AND ? IS NOT NULL) OR (v.doc_number IN (%s) AND"
            " (? IS NULL OR d.issue_id IS NULL OR d.issue_id = ?)) OR d.id IN (%s))"
            % (_marks(wanted_list), _marks(keys), _marks(sorted(seen_here))),
            (*wanted_list, issue_key, issue_key, *keys, issue_key, issue_key, *sorted(seen_here)),
        )
        out = []
        for doc_id, doc_issue, ordinal, title, content, number, office, lines in rows:
            same_page = (issue_key is not None and doc_issue == issue_key) or doc_id in seen_here
            # What matching reads of a record depends on its content alone (not on its position):
            # the documents of a location are candidates again for each page stored there.
            read = self._candidate_reads.get(content)
            if read is None:
                if len(self._candidate_reads) >= CANDIDATE_READS:
                    self._candidate_reads.clear()
                read = self._candidate_reads[content] = (
                    DocNumber(**json.loads(number)).key if number is not None else None,
                    "\n".join(json.loads(lines)), ids.office_place(office))
            key, text, place = read
            out.append(Known(doc_id, ordinal, key, title, text, same_page, place))
        return out

    def _new_document(self, doc: Document, base: str, issue_key: str | None, seen: str) -> str:
        # The id (base: ids.document_id) depends on the document alone; only two different documents
        # that would share one (the same title twice in an issue) are told apart, by their position.
        doc_id = base
        if self._db.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone():
            doc_id = f"{base}-{doc.ordinal}"
            suffix = 1
            while self._db.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone():
                suffix += 1
                doc_id = f"{base}-{doc.ordinal}-{suffix}"
        self._db.execute(
            "INSERT INTO documents (id, issue_id, ordinal, status, first_seen, num)"
            " VALUES (?, ?, ?, 'current', ?, (SELECT COALESCE(MAX(num), 0) + 1 FROM documents))",
            (doc_id, issue_key, doc.ordinal, seen),
        )
        return doc_id

    def _put_version(
        self, doc_id: str, facts: DocumentFacts, capture_id: int, raw_sha256: str, pipeline_version: str,
        captured: str,
    ) -> int:
        """Append a version of facts.document if the content changed; return how many were added (0 or 1)."""
        content = facts.content
        latest = self._db.execute(
            "SELECT v.version, v.content_sha256, c.sha256, c.captured FROM versions v"
            " JOIN captures c ON c.id = v.capture_id WHERE v.doc_id = ? ORDER BY v.version DESC LIMIT 1",
            (doc_id,),
        ).fetchone()
        if latest is not None and latest[1] == content:
            return 0
        if latest is not None and _instant(captured) < _instant(latest[3]):
            # An older capture ingested late (a WARC from elsewhere) is kept, raw and sighted, but
            # its older text must not become the latest version of what a newer capture showed.
            return 0
        # Bytes this document was already read from (by any pipeline): only our reading changed.
        # Comparing with the latest version's capture alone called a rebuild 'source' for a
        # document the newer capture left unchanged (its latest version still points at the older one).
        seen = latest is not None and self._db.execute(
            "SELECT 1 FROM sightings s JOIN captures c ON c.id = s.capture_id WHERE s.doc_id = ? AND c.sha256 = ?"
            " LIMIT 1", (doc_id, raw_sha256)).fetchone() is not None
        version, reason = (1, "new") if latest is None else (
            latest[0] + 1, "processing" if seen else _reason(latest[2], raw_sha256))
        self._db.execute(
            "INSERT INTO versions (doc_id, version, capture_id, created, pipeline_version, reason,"
            " content_sha256, doc_number, title, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            # doc_number: the 文号's identity key, by which later captures find the document again
            (doc_id, version, capture_id, _now(), pipeline_version, reason, content, facts.number_key,
             facts.document.title, facts.record_json),
        )
        return 1

    def _withdraw(
        self, capture_id: int, location: str, captured: str, issue_key: str | None, doc_ids: list[str]
    ) -> tuple[str, ...]:
        """Mark documents of this issue that the previous capture of this location held and this one lacks."""
        if issue_key is None:
            return ()
        previous = self._db.execute(
            "SELECT id, captured FROM captures WHERE location = ? AND id != ? AND issue_id = ?"
            " AND EXISTS (SELECT 1 FROM sightings s WHERE s.capture_id = captures.id) ORDER BY captured DESC, id DESC LIMIT 1",
            (location, capture_id, issue_key),
        ).fetchone()
        if previous is None or previous[1] > captured:  # an older capture ingested late withdraws nothing
            return ()
        gone = [
            row[0]
            for row in self._db.execute(
                "SELECT s.doc_id FROM sightings s JOIN documents d ON d.id = s.doc_id WHERE s.capture_id = ?"
                " AND d.issue_id = ? AND d.status = 'current' ORDER BY s.ordinal",
                (previous[0], issue_key),
            )
            if row[0] not in doc_ids
        ]
        self._db.executemany("UPDATE documents SET status = 'withdrawn' WHERE id = ?", [(d,) for d in gone])
        return tuple(gone)

    # ---- reading -------------------------------------------------------------------------

    def latest_records(self) -> Iterator[LatestRecord]:
        """The latest version of every document, issue by issue in reading order, streamed."""
        for row in self._db.execute(EXPORT):
            yield _latest(row)

    def version_summaries(self, doc_ids: Sequence[str] | None = None) -> dict[str, list[VersionSummary]]:
        """Every version (metadata only) of every document, or of these, oldest first per document."""
        out: dict[str, list[VersionSummary]] = {}
        if doc_ids is None:
            batches: Iterator[Sequence[str]] | list[Sequence[str]] = [()]
        else:
            batches = (doc_ids[i : i + BATCH] for i in range(0, len(doc_ids), BATCH))
        for batch in batches:
            where = "" if doc_ids is None else f" WHERE v.doc_id IN ({_marks(batch)})"
            for row in self._db.execute(SUMMARIES + where + " ORDER BY v.doc_id, v.version", tuple(batch)):
                out.setdefault(row[0], []).append(VersionSummary(*row[:8], Source(*row[8:])))
        return out

    # ---- reading for the site build (scraper/site/engine.py) ------------------------------

    def state(self) -> StoreState:
        """Which store this is, the last entry of its change journal, and the time of that state."""
        store_id = self._db.execute("SELECT value FROM store_meta WHERE key = 'store_id'").fetchone()[0]
        seq, at = self._db.execute("SELECT COALESCE(MAX(seq), 0), MAX(at) FROM changes").fetchone()
        created = self._db.execute("SELECT MAX(created) FROM versions").fetchone()[0]
        return StoreState(store_id, seq, max(filter(None, (at, created)), default="1970-01-01T00:00:00+00:00"))

    def changes_since(self, seq: int, upto: int) -> tuple[set[str], set[str]]:
        """(document ids, issue ids) the journal names after entry `seq`, up to entry `upto`."""
        docs: set[str] = set()
        issues: set[str] = set()
        for doc_id, issue_id in self._db.execute(
                "SELECT doc_id, issue_id FROM changes WHERE seq > ? AND seq <= ?", (seq, upto)):
            if doc_id is not None:
                docs.add(doc_id)
            if issue_id is not None:
                issues.add(issue_id)
        return docs, issues

    def records_where(self, column: str, values: Sequence[Any]) -> Iterator[LatestRecord]:
        """Latest records whose document `column` (num, id or issue_id) is one of `values`, in
        reading order within each batch of values."""
        if column not in ("num", "id", "issue_id"):
            raise ValueError(f"records_where: no column {column!r}")
        for start in range(0, len(values), BATCH):
            batch = tuple(values[start : start + BATCH])
            query = RECORDS + f" WHERE d.{column} IN ({_marks(batch)})" + READING_ORDER
            for row in self._db.execute(query, batch):
                yield _latest(row)

    def lone_nums(self) -> list[int]:
        """The numbers of the documents outside any issue."""
        return [r[0] for r in self._db.execute("SELECT num FROM documents WHERE issue_id IS NULL ORDER BY num")]

    def count_changed(self, seq: int, upto: int) -> int:
        """How many documents the journal names after entry `seq`, directly or by their issue."""
        return self._db.execute(
            "SELECT COUNT(*) FROM (SELECT doc_id FROM changes WHERE seq > ?1 AND seq <= ?2 AND doc_id IS NOT NULL"
            " UNION SELECT d.id FROM documents d JOIN changes c ON c.issue_id = d.issue_id"
            " WHERE c.seq > ?1 AND c.seq <= ?2)", (seq, upto)).fetchone()[0]

    def issue_ids(self) -> list[str]:
        """Every issue that holds a document, sorted."""
        return [row[0] for row in self._db.execute(
            "SELECT DISTINCT issue_id FROM documents WHERE issue_id IS NOT NULL ORDER BY issue_id")]

    def issue_documents(self, issue_ids: Sequence[str]) -> list[str]:
        """The ids of the documents of these issues."""
        out: list[str] = []
        for start in range(0, len(issue_ids), BATCH):
            batch = tuple(issue_ids[start : start + BATCH])
            out += [row[0] for row in self._db.execute(
                f"SELECT id FROM documents WHERE issue_id IN ({_marks(batch)})", batch)]
        return out

    def cached_tokens(self, shas: Sequence[str], tokenizer: str) -> dict[str, bytes]:
        """content sha256 → the cached search tokens of that content, for those in the cache."""
        out: dict[str, bytes] = {}
        for start in range(0, len(shas), BATCH):
            batch = tuple(shas[start : start + BATCH])
            out.update(self._db.execute(
                f"SELECT content_sha256, data FROM token_cache WHERE tokenizer = ? AND content_sha256 IN"
                f" ({_marks(batch)})", (tokenizer, *batch)))
        return out

    def cache_tokens(self, items: Iterable[tuple[str, bytes]], tokenizer: str) -> None:
        """Keep the search tokens of these contents (content sha256, encoded tokens), consumed as
        they come (a cursor over every document's tokens is never held whole)."""
        with self._transaction():
            self._db.executemany(
                "INSERT OR IGNORE INTO token_cache (content_sha256, tokenizer, data) VALUES (?, ?, ?)",
                ((sha, tokenizer, data) for sha, data in items))

    def recent_version_days(self, days: int) -> list[str]:
        """The `days` most recent days (YYYY-MM-DD, newest first) on which versions were written."""
        out: list[str] = []
        bound = "9999"
        while len(out) < days:  # one index probe per day, however many versions a day holds
            latest = self._db.execute("SELECT MAX(created) FROM versions WHERE created < ?", (bound,)).fetchone()[0]
            if latest is None:
                break
            out.append(latest[:10])
            bound = latest[:10]
        return out

    def versions_on(self, day: str, first: bool, limit: int | None = None) -> tuple[int, list[VersionSummary]]:
        """How many first versions (new documents), or later versions, were written on `day`
        (YYYY-MM-DD), and the first `limit` of them by document id and version."""
        end = (dt.date.fromisoformat(day) + dt.timedelta(days=1)).isoformat()
        where = " WHERE v.created >= ? AND v.created < ? AND v.version " + ("= 1" if first else "> 1")
        count = self._db.execute("SELECT COUNT(*) FROM versions v" + where, (day, end)).fetchone()[0]
        rows = self._db.execute(SUMMARIES + where + " ORDER BY v.doc_id, v.version LIMIT ?",
                                (day, end, -1 if limit is None else limit))
        return count, [VersionSummary(*row[:8], Source(*row[8:])) for row in rows]

    def new_issue_days(self, since: str) -> dict[str, str]:
        """issue id → the day (YYYY-MM-DD) its first document was first written, for the issues
        whose first day is `since` or later."""
        return dict(self._db.execute(
            "SELECT d.issue_id, substr(MIN(v.created), 1, 10) FROM documents d JOIN versions v"
            " ON v.doc_id = d.id AND v.version = 1 WHERE d.issue_id IN (SELECT d2.issue_id FROM versions v2"
            " JOIN documents d2 ON d2.id = v2.doc_id WHERE v2.version = 1 AND v2.created >= ?"
            " AND d2.issue_id IS NOT NULL) GROUP BY d.issue_id HAVING MIN(v.created) >= ?", (since, since)))

    def newest_versions(self, limit: int, doc_ids: Sequence[str] | None = None) -> list[VersionSummary]:
        """The `limit` newest versions (of these documents), newest first (feeds)."""
        order = " ORDER BY v.created DESC, v.doc_id DESC, v.version DESC LIMIT ?"
        if doc_ids is None:
            rows = list(self._db.execute(SUMMARIES + order, (limit,)))
        else:
            rows = []
            for start in range(0, len(doc_ids), BATCH):
                batch = tuple(doc_ids[start : start + BATCH])
                rows += self._db.execute(SUMMARIES + f" WHERE v.doc_id IN ({_marks(batch)})" + order,
                                         (*batch, limit))
            rows.sort(key=lambda r: (r[2], r[0], r[1]), reverse=True)
        return [VersionSummary(*row[:8], Source(*row[8:])) for row in rows[:limit]]

    def doc_urls(self, doc_ids: Sequence[str]) -> dict[str, str]:
        """document id → its site-relative URL (no leading slash), for the documents the
        archive holds (store_links' link_docs)."""
        out: dict[str, str] = {}
        for batch in _batches(sorted(set(doc_ids))):
            out.update((doc_id, url.lstrip("/")) for doc_id, url in self._db.execute(
                f"SELECT doc_id, url FROM link_docs WHERE doc_id IN ({', '.join('?' * len(batch))})", batch))
        return out

    def fact_days(self, doc_ids: Sequence[str]) -> dict[str, str]:
        """document id → the day (ISO) its cross-document facts last changed (link_changes)."""
        out: dict[str, str] = {}
        for batch in _batches(sorted(set(doc_ids))):
            out.update((doc_id, changed[:10]) for doc_id, changed in self._db.execute(
                f"SELECT doc_id, MAX(changed) FROM link_changes WHERE doc_id IN ({', '.join('?' * len(batch))})"
                " GROUP BY doc_id", batch))
        return out

    def extract(self, target: str | Path, issue_ids: Sequence[str], doc_ids: Sequence[str]) -> None:
        """A store of its own at `target` holding these issues and documents: their captures
        (raw bytes included), versions, sightings and audit. The same rows give the same bytes,
        so an unchanged partition's download stays byte for byte the same file."""
        path = Path(target)
        path.unlink(missing_ok=True)
        out = sqlite3.connect(str(path), isolation_level=None)
        try:
            out.execute("PRAGMA journal_mode = OFF")
            out.execute("BEGIN")
            for step in [SCHEMA, *(MIGRATIONS[v] for v in range(2, SCHEMA_VERSION + 1))]:
                for statement in step.split(";\n"):
                    if statement.strip():
                        out.execute(statement)
            # The journal records this store's own later writes, not how the extract was made.
            triggers = list(out.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"
                                        " AND name LIKE 'journal_%' ORDER BY name"))
            for name, _ in triggers:
                out.execute(f"DROP TRIGGER {name}")
            out.execute("UPDATE store_meta SET value = ? WHERE key = 'store_id'",
                        (hashlib.sha256(f"{self.state().store_id}:{path.name}:{','.join(issue_ids)}"
                                        f":{len(doc_ids)}".encode()).hexdigest()[:32],))
            out.execute("PRAGMA user_version = %d" % SCHEMA_VERSION)
            out.execute("COMMIT")
            out.execute("ATTACH DATABASE ? AS src", (f"{Path(self.path).resolve().as_uri()}?mode=ro",))
        except sqlite3.Error:
            out.close()
            raise
        try:
            out.execute("BEGIN")
            out.execute("CREATE TEMP TABLE want_docs (id TEXT PRIMARY KEY)")
            out.executemany("INSERT OR IGNORE INTO want_docs VALUES (?)", [(d,) for d in doc_ids])
            out.execute("CREATE TEMP TABLE want_captures (id INTEGER PRIMARY KEY)")
            out.executemany("INSERT OR IGNORE INTO want_captures SELECT id FROM src.captures WHERE issue_id = ?",
                            [(i,) for i in issue_ids])
            out.execute("INSERT OR IGNORE INTO want_captures SELECT capture_id FROM src.versions"
                        " WHERE doc_id IN (SELECT id FROM want_docs)")
            out.execute("INSERT OR IGNORE INTO want_captures SELECT capture_id FROM src.sightings"
                        " WHERE doc_id IN (SELECT id FROM want_docs)")
            for statement in (
                "INSERT INTO blobs SELECT * FROM src.blobs WHERE sha256 IN (SELECT sha256 FROM src.captures"
                " WHERE id IN (SELECT id FROM temp.want_captures)) ORDER BY sha256",
                "INSERT INTO issues SELECT * FROM src.issues WHERE id IN (SELECT issue_id FROM src.captures"
                " WHERE id IN (SELECT id FROM temp.want_captures)) OR id IN (SELECT issue_id FROM src.documents"
                " WHERE id IN (SELECT id FROM temp.want_docs)) ORDER BY id",
                "INSERT INTO captures SELECT * FROM src.captures WHERE id IN (SELECT id FROM temp.want_captures) ORDER BY id",
                "INSERT INTO documents SELECT * FROM src.documents WHERE id IN (SELECT id FROM temp.want_docs) ORDER BY num",
                "INSERT INTO versions SELECT * FROM src.versions WHERE doc_id IN (SELECT id FROM temp.want_docs)"
                " ORDER BY doc_id, version",
                "INSERT INTO sightings SELECT * FROM src.sightings WHERE doc_id IN (SELECT id FROM temp.want_docs)"
                " AND capture_id IN (SELECT id FROM temp.want_captures) ORDER BY capture_id, doc_id",
                "INSERT INTO removals SELECT * FROM src.removals WHERE capture_id IN"
                " (SELECT id FROM temp.want_captures) ORDER BY rowid",
                "INSERT INTO notices SELECT * FROM src.notices WHERE capture_id IN"
                " (SELECT id FROM temp.want_captures) ORDER BY rowid",
                "INSERT INTO page_fields SELECT * FROM src.page_fields WHERE capture_id IN"
                " (SELECT id FROM temp.want_captures) ORDER BY capture_id, position",
                "INSERT INTO page_context SELECT * FROM src.page_context WHERE capture_id IN"
                " (SELECT id FROM temp.want_captures) ORDER BY capture_id, position",
                "INSERT INTO withdrawals SELECT * FROM src.withdrawals WHERE doc_id IN (SELECT id FROM temp.want_docs)"
                " AND capture_id IN (SELECT id FROM temp.want_captures) ORDER BY doc_id, capture_id",
            ):
                out.execute(statement)
            for _, sql in triggers:
                out.execute(sql)
            out.execute("COMMIT")
            out.execute("DETACH DATABASE src")
        finally:
            out.close()

    def checkpoint(self) -> None:
        """Fold the write-ahead log into the store file, so readers that cannot share memory
        (build workers on other machines, opened immutable) see every committed write."""
        self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def document(self, doc_id: str) -> StoredDocument | None:
        """A document's state and latest version, or None if the store has no such id."""
        row = self._db.execute(
            "SELECT id, issue_id, ordinal, status, first_seen FROM documents WHERE id = ?", (doc_id,)
        ).fetchone()
        if row is None:
            return None
        found, issue_id, ordinal, status, first_seen = row
        return StoredDocument(found, issue_id, ordinal, status, first_seen, self.versions(doc_id)[-1])

    def versions(self, doc_id: str) -> list[StoredVersion]:
        """Every version of a document, oldest first."""
        rows = self._db.execute(
            f"SELECT {VERSION_COLUMNS} FROM versions WHERE doc_id = ? ORDER BY version", (doc_id,))
        return [_version(row) for row in rows]

    def issue(self, issue_id: str) -> Issue | None:
        """An issue's metadata as last captured."""
        row = self._db.execute(
            "SELECT gazette, year, number, total_number, published, publisher, script FROM issues WHERE id = ?",
            (issue_id,),
        ).fetchone()
        return None if row is None else _issue(row)

    def issues(self) -> Iterator[tuple[str, Issue]]:
        """Every issue (id and metadata as last captured), by id."""
        for row in self._db.execute(
                "SELECT id, gazette, year, number, total_number, published, publisher, script FROM issues ORDER BY id"):
            yield row[0], _issue(row[1:])

    def captures(self) -> Iterator[StoredCapture]:
        """Every capture, in the order stored."""
        cursor = self._db.execute(
            "SELECT id, sha256, location, captured, media_type, encoding, pipeline_version, issue_id"
            " FROM captures ORDER BY id"
        )
        for row in cursor:
            yield StoredCapture(*row)

    def capture(self, capture_id: int) -> StoredCapture | None:
        """One capture row, or None."""
        row = self._db.execute(
            "SELECT id, sha256, location, captured, media_type, encoding, pipeline_version, issue_id"
            " FROM captures WHERE id = ?", (capture_id,)
        ).fetchone()
        return None if row is None else StoredCapture(*row)

    def version_captures(self, doc_id: str) -> list[tuple[StoredVersion, StoredCapture]]:
        """Every version of a document, oldest first, each with the capture it was made from."""
        rows = self._db.execute(
            "SELECT " + ", ".join(f"v.{c.strip()}" for c in VERSION_COLUMNS.split(",")) + ","
            " c.id, c.sha256, c.location, c.captured, c.media_type, c.encoding, c.pipeline_version, c.issue_id"
            " FROM versions v JOIN captures c ON c.id = v.capture_id WHERE v.doc_id = ? ORDER BY v.version",
            (doc_id,),
        )
        return [(_version(row[:8]), StoredCapture(*row[8:])) for row in rows]

    def last_seen_in(self, doc_id: str) -> StoredCapture | None:
        """The latest capture (by capture time, then order stored) that held the document."""
        row = self._db.execute(
            "SELECT c.id, c.sha256, c.location, c.captured, c.media_type, c.encoding, c.pipeline_version,"
            " c.issue_id FROM sightings s JOIN captures c ON c.id = s.capture_id WHERE s.doc_id = ?"
            " ORDER BY c.captured DESC, c.id DESC LIMIT 1",
            (doc_id,),
        ).fetchone()
        return None if row is None else StoredCapture(*row)

    def withdrawn_by(self, doc_id: str) -> StoredCapture | None:
        """The first later capture of a page that held the document and no longer does, or None."""
        row = self._db.execute(
            "SELECT id, sha256, location, captured, media_type, encoding, pipeline_version, issue_id"
            " FROM captures c WHERE c.location IN (SELECT k.location FROM sightings s JOIN captures k"
            " ON k.id = s.capture_id WHERE s.doc_id = ?)"
            " AND EXISTS (SELECT 1 FROM sightings s WHERE s.capture_id = c.id)"
            " AND c.id NOT IN (SELECT capture_id FROM sightings WHERE doc_id = ?)"
            " AND c.captured >= (SELECT MAX(k.captured) FROM sightings s JOIN captures k"
            " ON k.id = s.capture_id WHERE s.doc_id = ?)"
            " ORDER BY c.captured, c.id LIMIT 1",
            (doc_id, doc_id, doc_id),
        ).fetchone()
        return None if row is None else StoredCapture(*row)

    def raw(self, sha256: str) -> bytes | None:
        """The raw bytes of a capture, exactly as read."""
        row = self._db.execute("SELECT raw FROM blobs WHERE sha256 = ?", (sha256,)).fetchone()
        return None if row is None else bytes(row[0])

    def audit(self, capture_id: int) -> Audit:
        """The removals and notices recorded for one capture."""
        removals = self._db.execute(
            "SELECT rule, text, line FROM removals WHERE capture_id = ? ORDER BY rowid", (capture_id,))
        notices = self._db.execute(
            "SELECT code, message, line FROM notices WHERE capture_id = ? ORDER BY rowid", (capture_id,))
        return Audit(tuple(Removal(*r) for r in removals), tuple(Notice(*n) for n in notices))

    def copy_to(self, path: str | Path) -> None:
        """A consistent copy of the whole store (SQLite's online backup), e.g. for bulk download."""
        target = sqlite3.connect(str(path))
        try:
            self._db.backup(target)
        finally:
            target.close()

    def counts(self) -> dict[str, int]:
        """Rows per table."""
        return {table: self._db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] for table in TABLES}


    # ---- suspect captures: held for an editor (gazette suspects, gazette confirm) -------------

    def confirm(self, capture_id: int, parsed: Parsed, pipeline_version: str, note: str | None = None) -> AddReport:
        """An editor vouches for a held capture: its documents go in as if it had never been held.

        `parsed` is the capture's raw bytes through today's pipeline. Its bytes are never held again.
        """
        try:
            with self._transaction():
                row = self._db.execute(
                    "SELECT c.sha256, c.location, f.capture_id FROM suspects s JOIN captures c ON c.id = s.capture_id"
                    " LEFT JOIN confirmations f ON f.sha256 = c.sha256 WHERE s.capture_id = ?", (capture_id,)
                ).fetchone()
                if row is None:
                    raise StoreError(f"capture {capture_id} is not held as suspect", self.path)
                if row[2] is not None:
                    raise StoreError(f"capture {capture_id} is already confirmed (by capture {row[2]})", self.path)
                if (parsed.capture.sha256, parsed.capture.location) != (row[0], row[1]):
                    raise StoreError(f"capture {capture_id} is {row[1]} sha256:{row[0][:12]}, not the bytes given", self.path)
                self._db.execute(
                    "INSERT INTO confirmations (sha256, capture_id, confirmed, note) VALUES (?, ?, ?, ?)",
                    (row[0], capture_id, _now(), note))
                return self._accept(self._prepared(parsed), pipeline_version, capture_id)
        except StoreError:
            raise
        except Exception as exc:
            raise StoreError(f"cannot confirm capture {capture_id}: {type(exc).__name__}: {exc}", self.path) from exc

    def suspects(self, confirmed: bool = False) -> list[Suspect]:
        """Captures held for an editor, oldest first (with `confirmed`, the confirmed ones too)."""
        rows = self._db.execute(
            "SELECT c.id, c.sha256, c.location, c.captured, c.media_type, c.encoding, c.pipeline_version, c.issue_id,"
            " s.reason, s.documents, s.held, f.confirmed FROM suspects s JOIN captures c ON c.id = s.capture_id"
            " LEFT JOIN confirmations f ON f.sha256 = c.sha256 ORDER BY c.id")
        return [Suspect(StoredCapture(*row[:8]), *row[8:]) for row in rows if confirmed or row[11] is None]

    # ---- fetching: dry runs, the WARC index, HTTP validators, resumable runs (gazette fetch) ----

    def dry_run(self, parsed: Parsed, pipeline_version: str) -> AddReport:
        """What add() would do with this capture, without writing anything."""
        if self._batching:
            self._db.execute("SAVEPOINT dry_run")
            try:
                return self._add(parsed, pipeline_version)
            finally:
                self._db.execute("ROLLBACK TO dry_run")
                self._db.execute("RELEASE dry_run")
        self._db.execute("BEGIN IMMEDIATE")
        try:
            return self._add(parsed, pipeline_version)
        finally:
            self._db.execute("ROLLBACK")

    def add_warc_entry(self, entry: WarcEntry) -> None:
        """Index one response record of a WARC file."""
        self._db.execute(
            "INSERT INTO warc_records (warc_file, offset, length, url, sha256, fetched, status)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (entry.warc_file, entry.offset, entry.length, entry.url, entry.sha256, entry.fetched, entry.status),
        )

    def warc_entries(self, url: str | None = None) -> list[WarcEntry]:
        """Indexed WARC response records, oldest first; only those of `url` if given."""
        query = "SELECT warc_file, offset, length, url, sha256, fetched, status FROM warc_records"
        rows = self._db.execute(query + " WHERE url = ? ORDER BY id" if url else query + " ORDER BY id",
                                (url,) if url else ())
        return [WarcEntry(*row) for row in rows]

    def validators(self, url: str) -> tuple[str | None, str | None, str | None] | None:
        """(ETag, Last-Modified, sha256) remembered for a URL's last 200 response, or None."""
        row = self._db.execute(
            "SELECT etag, last_modified, sha256 FROM http_validators WHERE url = ?", (url,)).fetchone()
        return None if row is None else (row[0], row[1], row[2])

    def set_validators(self, url: str, etag: str | None, last_modified: str | None, sha256: str | None) -> None:
        self._db.execute(
            "INSERT INTO http_validators (url, etag, last_modified, sha256, checked) VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,"
            " sha256 = excluded.sha256, checked = excluded.checked",
            (url, etag, last_modified, sha256, _now()),
        )

    def open_fetch_run(self, targets: str) -> tuple[int, bool]:
        """The unfinished run for these targets (resumed: True), or a new run."""
        row = self._db.execute(
            "SELECT id FROM fetch_runs WHERE targets = ? AND finished IS NULL ORDER BY id DESC LIMIT 1",
            (targets,)).fetchone()
        if row is not None:
            return int(row[0]), True
        cursor = self._db.execute("INSERT INTO fetch_runs (targets, started) VALUES (?, ?)", (targets, _now()))
        return int(cursor.lastrowid or 0), False

    def enqueue(self, run_id: int, url: str, kind: str, source: str | None = None, page: int | None = None) -> bool:
        """Queue a URL in a run unless it is already there; True if queued now."""
        cursor = self._db.execute(
            "INSERT OR IGNORE INTO fetch_queue (run_id, url, kind, source, page, state, position)"
            " VALUES (?, ?, ?, ?, ?, 'queued', (SELECT COUNT(*) FROM fetch_queue WHERE run_id = ?))",
            (run_id, url, kind, source, page, run_id),
        )
        return cursor.rowcount > 0

    def next_queued(self, run_id: int) -> QueuedUrl | None:
        """The oldest URL of the run still to fetch."""
        row = self._db.execute(
            "SELECT run_id, url, kind, source, page, state, note FROM fetch_queue WHERE run_id = ?"
            " AND state = 'queued' ORDER BY position LIMIT 1", (run_id,)).fetchone()
        return None if row is None else QueuedUrl(*row)

    def mark_queued(self, run_id: int, url: str, state: str, note: str | None = None) -> None:
        """Record what became of a queued URL: done, failed or skipped."""
        self._db.execute(
            "UPDATE fetch_queue SET state = ?, note = ? WHERE run_id = ? AND url = ?", (state, note, run_id, url))

    def fetch_queue(self, run_id: int) -> list[QueuedUrl]:
        """Every URL of a run, in queue order."""
        rows = self._db.execute(
            "SELECT run_id, url, kind, source, page, state, note FROM fetch_queue WHERE run_id = ?"
            " ORDER BY position", (run_id,))
        return [QueuedUrl(*row) for row in rows]

    def finish_fetch_run(self, run_id: int) -> None:
        self._db.execute("UPDATE fetch_runs SET finished = ? WHERE id = ?", (_now(), run_id))


def _latest(row: Sequence[Any]) -> LatestRecord:
    doc_id, issue_id, ordinal, status, version, content, record = row[:7]
    location, sha256, captured = row[7:10]
    issue = None if issue_id is None else _issue(row[10:17])
    return LatestRecord(
        doc_id, issue_id, issue, ordinal, status, version, content,
        records.from_record(json.loads(record)), Source(location, sha256, captured), row[17], row[18],
    )


def _issue(row: Sequence[Any]) -> Issue:
    gazette, year, number, total_number, published, publisher, script = row
    return Issue(gazette, year, number, total_number, _date(published), publisher, script)


def _version(row: Sequence[Any]) -> StoredVersion:
    doc_id, version, capture_id, created, pipeline_version, reason, content, record = row
    document = records.from_record(json.loads(record))
    return StoredVersion(doc_id, version, capture_id, created, pipeline_version, reason, content, document)


def _notice(parsed: Parsed, codes: Sequence[str]) -> Notice | None:
    """The capture's first notice with one of these codes."""
    return next((n for n in parsed.notices if n.code in codes), None)


def _reason(latest_raw_sha256: str, raw_sha256: str) -> str:
    """Different bytes: the source changed; same bytes: only our processing did."""
    return "processing" if latest_raw_sha256 == raw_sha256 else "source"


def _batches(values: Sequence[Any]) -> Iterator[tuple[Any, ...]]:
    for start in range(0, len(values), BATCH):
        yield tuple(values[start : start + BATCH])


def _marks(values: Sequence[object]) -> str:
    return ", ".join("?" * len(values))


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


def _iso(date: dt.date | None) -> str | None:
    return None if date is None else date.isoformat()


def _instant(text: str) -> dt.datetime:
    """A capture time for comparison (ISO 8601; one without a zone is taken as UTC)."""
    try:
        when = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return dt.datetime.min.replace(tzinfo=dt.timezone.utc)
    return when if when.tzinfo else when.replace(tzinfo=dt.timezone.utc)


def _date(text: str | None) -> dt.date | None:
    return None if text is None else dt.date.fromisoformat(text)
