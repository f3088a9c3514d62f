"""The site's own memory of what it was built from: an SQLite file inside the site folder.

It holds the store's journal position the site reflects, a fingerprint of the code, templates and
configuration that made it, one catalogue row per document and issue (catalogue.py), the browse
names' URL slugs, the related-documents index (sketches, their holders, each document's best
candidates) and the files the build wrote outside the partitions. An incremental build compares
the store's change journal and new rows with it; a full build starts a new one. Only the process
that plans the build writes it; workers read it read-only.

It lives in <site>/.gazette/ (MkDocs keeps hidden folders when it cleans a site): leave it out
when publishing (rsync --exclude .gazette).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

from .. import related as R
from ..script import fold_name
from .catalogue import DocRow, IssueRow

FOLDER = ".gazette"
FILE = "ledger.sqlite"
FORMAT = "2"
BATCH = 900
CACHE_KIB = 16384  # SQLite's page cache per connection: its default (2 MB) misses more as the ledger grows;
# fixed, so that memory does not grow with the archive (64 MB filled at 100k documents, not at 10k)

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE docs (
    num INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, part TEXT NOT NULL, url TEXT NOT NULL,
    issue_id TEXT, ordinal INTEGER NOT NULL, title TEXT NOT NULL, number TEXT, agency TEXT,
    number_year INTEGER, serial INTEGER, office TEXT, genre TEXT, date TEXT, year INTEGER,
    withdrawn INTEGER NOT NULL, version INTEGER NOT NULL, content_sha TEXT NOT NULL, changed TEXT NOT NULL,
    length INTEGER NOT NULL, postings INTEGER NOT NULL, status TEXT NOT NULL, valid_until TEXT, withdrawn_at TEXT,
    office_name TEXT NOT NULL, genre_name TEXT NOT NULL, year_key TEXT NOT NULL, date_year_key TEXT NOT NULL,
    gazette_slug TEXT, status_label TEXT NOT NULL, office_facet TEXT, genre_facet TEXT, dyear TEXT
);
CREATE INDEX docs_part ON docs(part);
CREATE INDEX docs_issue ON docs(issue_id);
CREATE INDEX docs_office ON docs(office_name, date_year_key);
CREATE INDEX docs_genre ON docs(genre_name, date_year_key);
CREATE INDEX docs_year ON docs(year_key);
CREATE INDEX docs_gazette ON docs(gazette_slug, changed);
CREATE INDEX docs_number ON docs(number_year);
CREATE INDEX docs_valid_until ON docs(valid_until) WHERE valid_until IS NOT NULL;
CREATE INDEX docs_withdrawn ON docs(withdrawn_at) WHERE withdrawn_at IS NOT NULL;
CREATE TABLE issues (
    id TEXT PRIMARY KEY, part TEXT NOT NULL, url TEXT NOT NULL, gazette_slug TEXT NOT NULL, gazette TEXT,
    year INTEGER NOT NULL, number INTEGER, total_number INTEGER, published TEXT, publisher TEXT, script TEXT NOT NULL
);
CREATE INDEX issues_part ON issues(part);
CREATE INDEX issues_gazette ON issues(gazette_slug);
CREATE TABLE names (kind TEXT NOT NULL, name TEXT NOT NULL, slug TEXT NOT NULL, PRIMARY KEY (kind, name));
CREATE TABLE sketches (num INTEGER PRIMARY KEY, data BLOB NOT NULL);
CREATE TABLE holders (value INTEGER NOT NULL, num INTEGER NOT NULL, PRIMARY KEY (value, num)) WITHOUT ROWID;
CREATE TABLE held (value INTEGER PRIMARY KEY, n INTEGER NOT NULL);
CREATE TABLE candidates (
    num INTEGER NOT NULL, other INTEGER NOT NULL, hits INTEGER NOT NULL, similarity REAL NOT NULL,
    PRIMARY KEY (num, other)
) WITHOUT ROWID;
CREATE INDEX candidates_other ON candidates(other);
CREATE TABLE pages (url TEXT PRIMARY KEY);
CREATE TABLE pending_tokens (sha TEXT PRIMARY KEY, data BLOB NOT NULL);
CREATE TABLE downloads (part TEXT NOT NULL, name TEXT NOT NULL, bytes INTEGER NOT NULL, sha256 TEXT NOT NULL,
    PRIMARY KEY (part, name));
"""
DOC_COLUMNS = ("num", "id", "part", "url", "issue_id", "ordinal", "title", "number", "agency", "number_year",
               "serial", "office", "genre", "date", "year", "withdrawn", "version", "content_sha", "changed",
               "length", "postings", "status", "valid_until", "withdrawn_at")
DERIVED = ("office_name", "genre_name", "year_key", "date_year_key", "gazette_slug", "status_label", "office_facet",
           "genre_facet", "dyear")
ISSUE_COLUMNS = ("id", "part", "url", "gazette_slug", "gazette", "year", "number", "total_number", "published",
                 "publisher", "script")
SELECT_DOCS = f"SELECT {', '.join(DOC_COLUMNS)} FROM docs"
SELECT_ISSUES = f"SELECT {', '.join(ISSUE_COLUMNS)} FROM issues"
# Newest first, undated last, then by id: pages._newest_first.
NEWEST_FIRST = " ORDER BY date IS NULL, date DESC, id"


def ledger_path(site_dir: Path) -> Path:
    return site_dir / FOLDER / FILE


class Ledger:
    """The ledger of one site folder. Use as a context manager, or call close()."""

    def __init__(self, path: Path, readonly: bool = False, immutable: bool = False):
        self.path = path
        self._gazette_names: dict[str, str] | None = None  # read once: every list and table asks
        if readonly or immutable:
            uri = f"{path.resolve().as_uri()}?mode=ro" + ("&immutable=1" if immutable else "")
            self.db = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
            self.db.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
            return
        fresh = not path.exists()
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(str(path), isolation_level=None)
        # A rollback journal, not WAL: workers on other machines may read it over a shared
        # filesystem, where WAL's shared memory does not work.
        self.db.execute("PRAGMA journal_mode = DELETE")
        self.db.execute("PRAGMA synchronous = NORMAL")
        self.db.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        if fresh:
            self.db.executescript(SCHEMA)
            self.set_meta(format=FORMAT)

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def closed(self) -> Iterator[None]:
        """The connection closed for a while (e.g. while forking workers that will open the
        ledger themselves: SQLite's locks do not survive a fork), then opened again."""
        self.db.close()
        try:
            yield
        finally:
            self.db = sqlite3.connect(str(self.path), isolation_level=None)
            self.db.execute("PRAGMA synchronous = NORMAL")
            self.db.execute(f"PRAGMA cache_size = -{CACHE_KIB}")

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One transaction (one sync to disk) for many writes, unless one is already open."""
        if self.db.in_transaction:
            yield
            return
        self.db.execute("BEGIN")
        try:
            yield
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    def begin(self) -> None:
        self.db.execute("BEGIN")

    def commit(self) -> None:
        if self.db.in_transaction:
            self.db.execute("COMMIT")

    def rollback(self) -> None:
        if self.db.in_transaction:
            self.db.execute("ROLLBACK")

    # ---- meta --------------------------------------------------------------------------------

    def meta(self, key: str, default: str | None = None) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return default if row is None else row[0]

    def set_meta(self, **values: Any) -> None:
        with self.transaction():
            self.db.executemany("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE"
                                " SET value = excluded.value", [(k, str(v)) for k, v in values.items()])

    # ---- documents and issues ----------------------------------------------------------------

    def put_docs(self, rows: Iterable[DocRow]) -> None:
        with self.transaction():
            marks = ", ".join("?" * (len(DOC_COLUMNS) + len(DERIVED)))
            self.db.executemany(
                f"INSERT OR REPLACE INTO docs ({', '.join(DOC_COLUMNS + DERIVED)}) VALUES ({marks})",
                [(*(getattr(row, c) for c in DOC_COLUMNS), *(getattr(row, c) for c in DERIVED)) for row in rows])

    def put_issues(self, rows: Iterable[IssueRow]) -> None:
        with self.transaction():
            marks = ", ".join("?" * len(ISSUE_COLUMNS))
            self._gazette_names = None
            self.db.executemany(f"INSERT OR REPLACE INTO issues ({', '.join(ISSUE_COLUMNS)}) VALUES ({marks})",
                                [tuple(getattr(row, c) for c in ISSUE_COLUMNS) for row in rows])

    def delete_issues(self, issue_ids: Iterable[str]) -> None:
        with self.transaction():
            self._gazette_names = None
            self.db.executemany("DELETE FROM issues WHERE id = ?", [(i,) for i in issue_ids])

    def docs(self, nums: Sequence[int]) -> dict[int, DocRow]:
        out: dict[int, DocRow] = {}
        for batch in _batches(nums):
            for row in self.db.execute(SELECT_DOCS + f" WHERE num IN ({_marks(batch)})", batch):
                out[row[0]] = _doc(row)
        return out

    def docs_by_id(self, doc_ids: Sequence[str]) -> dict[str, DocRow]:
        out: dict[str, DocRow] = {}
        for batch in _batches(doc_ids):
            for row in self.db.execute(SELECT_DOCS + f" WHERE id IN ({_marks(batch)})", batch):
                out[row[1]] = _doc(row)
        return out

    def docs_where(self, where: str, args: Sequence[Any] = (), order: str = NEWEST_FIRST,
                   limit: int | None = None, offset: int = 0) -> list[DocRow]:
        query = SELECT_DOCS + (f" WHERE {where}" if where else "") + order
        if limit is not None:
            query += f" LIMIT {int(limit)} OFFSET {int(offset)}"
        return [_doc(row) for row in self.db.execute(query, tuple(args))]

    def nums_of_issues(self, issue_ids: Sequence[str]) -> list[int]:
        out: list[int] = []
        for batch in _batches(issue_ids):
            out += [r[0] for r in self.db.execute(f"SELECT num FROM docs WHERE issue_id IN ({_marks(batch)})", batch)]
        return out

    def issues(self, issue_ids: Sequence[str] | None = None, where: str = "", args: Sequence[Any] = ()
               ) -> list[IssueRow]:
        if issue_ids is None:
            return [IssueRow(*row) for row in self.db.execute(
                SELECT_ISSUES + (f" WHERE {where}" if where else "") + " ORDER BY id", tuple(args))]
        out: list[IssueRow] = []
        for batch in _batches(issue_ids):
            out += [IssueRow(*row) for row in self.db.execute(SELECT_ISSUES + f" WHERE id IN ({_marks(batch)})", batch)]
        return out

    def issue_counts(self, where: str = "", args: Sequence[Any] = ()) -> dict[str, int]:
        """issue id → its number of documents."""
        return dict(self.db.execute(
            "SELECT issue_id, COUNT(*) FROM docs WHERE issue_id IS NOT NULL" + (f" AND {where}" if where else "")
            + " GROUP BY issue_id", tuple(args)))

    def year_counts(self) -> list[tuple[str, int, int, int]]:
        """(gazette slug, year, issues, documents) of every gazette-year."""
        return list(self.db.execute(
            "SELECT i.gazette_slug, i.year, COUNT(*), COALESCE(SUM(c.n), 0) FROM issues i LEFT JOIN"
            " (SELECT issue_id, COUNT(*) AS n FROM docs WHERE issue_id IS NOT NULL GROUP BY issue_id) c"
            " ON c.issue_id = i.id GROUP BY i.gazette_slug, i.year ORDER BY i.gazette_slug, i.year"))

    def latest_issue_ids(self, limit: int) -> list[str]:
        """The newest issues: by date (else 1 January of their year), then number, then id, all descending."""
        return [r[0] for r in self.db.execute(
            "SELECT id FROM issues ORDER BY COALESCE(published, printf('%04d-01-01', year)) DESC,"
            " COALESCE(number, 0) DESC, id DESC LIMIT ?", (limit,))]

    def parts(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT DISTINCT part FROM docs ORDER BY part")]

    def part_issue_ids(self, part: str) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT id FROM issues WHERE part = ? ORDER BY id", (part,))]

    def part_nums(self, part: str) -> list[int]:
        return [r[0] for r in self.db.execute("SELECT num FROM docs WHERE part = ? ORDER BY num", (part,))]

    def gazette_names(self) -> dict[str, str]:
        """gazette slug → its name in Simplified (青嵐市人民政府公報 is 青岚市人民政府公报), as the
        first issue (by id) of that gazette spells it."""
        if self._gazette_names is None:
            out: dict[str, str] = {}
            # SQLite's bare-column rule: with MIN(id), `gazette` comes from that first issue's row.
            for slug, name, _ in self.db.execute(
                    "SELECT gazette_slug, gazette, MIN(id) FROM issues GROUP BY gazette_slug ORDER BY gazette_slug"):
                out[slug] = fold_name(name) if name else slug
            self._gazette_names = out
        return dict(self._gazette_names)

    def count(self, table: str, where: str = "", args: Sequence[Any] = ()) -> int:
        return self.db.execute(f"SELECT COUNT(*) FROM {table}" + (f" WHERE {where}" if where else ""),
                               tuple(args)).fetchone()[0]

    def totals(self) -> tuple[int, int, int]:
        """(documents, sum of lengths, sum of distinct tokens) for the search index."""
        row = self.db.execute("SELECT COUNT(*), COALESCE(SUM(length), 0), COALESCE(SUM(postings), 0) FROM docs").fetchone()
        return int(row[0]), int(row[1]), int(row[2])

    def lengths(self) -> np.ndarray:
        """Each document's length, indexed by document number."""
        top = self.db.execute("SELECT COALESCE(MAX(num), 0) FROM docs").fetchone()[0]
        out = np.zeros(top + 1, dtype=np.int64)
        for num, length in self.db.execute("SELECT num, length FROM docs"):
            out[num] = length
        return out

    def group_counts(self, column: str) -> dict[str, int]:
        return dict(self.db.execute(f"SELECT {column}, COUNT(*) FROM docs GROUP BY {column}"))

    def group_year_counts(self, column: str, name: str) -> dict[str, int]:
        return dict(self.db.execute(f"SELECT date_year_key, COUNT(*) FROM docs WHERE {column} = ?"
                                    " GROUP BY date_year_key", (name,)))

    # ---- browse names → slugs ----------------------------------------------------------------

    def names(self, kind: str) -> dict[str, str]:
        return dict(self.db.execute("SELECT name, slug FROM names WHERE kind = ?", (kind,)))

    def set_names(self, kind: str, slugs: dict[str, str]) -> None:
        with self.transaction():
            self.db.execute("DELETE FROM names WHERE kind = ?", (kind,))
            self.db.executemany("INSERT INTO names (kind, name, slug) VALUES (?, ?, ?)",
                                [(kind, name, slug) for name, slug in slugs.items()])

    # ---- files written outside the partitions -------------------------------------------------

    def pages(self) -> set[str]:
        return {r[0] for r in self.db.execute("SELECT url FROM pages")}

    def set_pages(self, urls: Iterable[str]) -> None:
        with self.transaction():
            self.db.execute("DELETE FROM pages")
            self.db.executemany("INSERT INTO pages (url) VALUES (?)", [(u,) for u in sorted(urls)])

    def downloads(self, limit: int = -1, offset: int = 0) -> Iterator[tuple[str, str, int, str]]:
        """Every partition's download files (part, name, bytes, sha256) in order, as read."""
        return self.db.execute("SELECT part, name, bytes, sha256 FROM downloads ORDER BY part, name"
                               " LIMIT ? OFFSET ?", (limit, offset))

    def set_downloads(self, part: str, files: Iterable[tuple[str, int, str]]) -> None:
        with self.transaction():
            self.db.execute("DELETE FROM downloads WHERE part = ?", (part,))
            self.db.executemany("INSERT INTO downloads (part, name, bytes, sha256) VALUES (?, ?, ?, ?)",
                                [(part, name, size, sha) for name, size, sha in files])

    def drop_downloads(self, parts: Iterable[str]) -> None:
        with self.transaction():
            self.db.executemany("DELETE FROM downloads WHERE part = ?", [(p,) for p in parts])

    # ---- related documents: sketches, holders, candidates (related.SketchIndex) ---------------

    def sketch(self, num: int) -> np.ndarray | None:
        row = self.db.execute("SELECT data FROM sketches WHERE num = ?", (num,)).fetchone()
        return None if row is None else R.decode(row[0])

    def sketches(self, nums: Sequence[int]) -> dict[int, np.ndarray]:
        out: dict[int, np.ndarray] = {}
        for batch in _batches(nums):
            for num, data in self.db.execute(f"SELECT num, data FROM sketches WHERE num IN ({_marks(batch)})", batch):
                out[num] = R.decode(data)
        return out

    def sketched(self) -> int:
        return self.count("sketches")

    def holders_count(self, values: Sequence[int]) -> dict[int, int]:
        out: dict[int, int] = {}
        for batch in _batches(values):
            out.update(self.db.execute(f"SELECT value, n FROM held WHERE value IN ({_marks(batch)})", batch))
        return out

    def holders(self, values: Sequence[int]) -> Iterator[tuple[int, int]]:
        for batch in _batches(values):
            yield from self.db.execute(f"SELECT value, num FROM holders WHERE value IN ({_marks(batch)})", batch)

    def put_sketches(self, items: Sequence[tuple[int, np.ndarray]]) -> None:
        """Add sketches of documents that have none yet (a full build: count_holders() after).
        Their (value, document) pairs are appended to a heap table: inserting them into the
        holders index one batch at a time would touch pages all over it, ever more as it grows."""
        with self.transaction():
            self.db.execute("CREATE TABLE IF NOT EXISTS holders_new (value INTEGER NOT NULL, num INTEGER NOT NULL)")
            self.db.executemany("INSERT INTO sketches (num, data) VALUES (?, ?)",
                                [(num, R.encode(values)) for num, values in items])
            self.db.executemany("INSERT INTO holders_new (value, num) VALUES (?, ?)",
                                [(int(value), num) for num, values in items for value in values.tolist()])

    def count_holders(self) -> None:
        """The holders index (in order, one pass) and held = holders per value, from scratch
        (after a full build's put_sketches)."""
        with self.transaction():
            self.db.execute("CREATE TABLE IF NOT EXISTS holders_new (value INTEGER NOT NULL, num INTEGER NOT NULL)")
            self.db.execute("INSERT OR IGNORE INTO holders (value, num) SELECT value, num FROM holders_new"
                            " ORDER BY value, num")
            self.db.execute("DROP TABLE holders_new")
            self.db.execute("DELETE FROM held")
            self.db.execute("INSERT INTO held (value, n) SELECT value, COUNT(*) FROM holders GROUP BY value")

    def replace_sketch(self, num: int, values: np.ndarray | None) -> tuple[set[int], set[int]]:
        """Set one document's sketch (None: it has none); returns the (added, removed) values."""
        with self.transaction():
            old = self.sketch(num)
            before = set(old.tolist()) if old is not None else set()
            after = set(values.tolist()) if values is not None else set()
            added, removed = after - before, before - after
            if values is None:
                self.db.execute("DELETE FROM sketches WHERE num = ?", (num,))
            else:
                self.db.execute("INSERT OR REPLACE INTO sketches (num, data) VALUES (?, ?)", (num, R.encode(values)))
            self.db.executemany("DELETE FROM holders WHERE value = ? AND num = ?", [(v, num) for v in removed])
            self.db.executemany("INSERT INTO holders (value, num) VALUES (?, ?)", [(v, num) for v in sorted(added)])
            self.db.executemany("UPDATE held SET n = n - 1 WHERE value = ?", [(v,) for v in removed])
            self.db.executemany("DELETE FROM held WHERE value = ? AND n <= 0", [(v,) for v in removed])
            self.db.executemany("INSERT INTO held (value, n) VALUES (?, 1) ON CONFLICT (value) DO UPDATE SET n = n + 1",
                                [(v,) for v in sorted(added)])
            return added, removed

    def value_holders(self, value: int) -> list[int]:
        return [r[0] for r in self.db.execute("SELECT num FROM holders WHERE value = ?", (value,))]

    def candidates(self, num: int) -> list[R.Candidate]:
        return [R.Candidate(*row) for row in self.db.execute(
            "SELECT other, hits, similarity FROM candidates WHERE num = ? ORDER BY hits DESC, other", (num,))]

    def candidates_of(self, nums: Sequence[int]) -> dict[int, list[R.Candidate]]:
        out: dict[int, list[R.Candidate]] = {}
        for batch in _batches(nums):
            for num, other, hits, sim in self.db.execute(
                    f"SELECT num, other, hits, similarity FROM candidates WHERE num IN ({_marks(batch)})"
                    " ORDER BY num, hits DESC, other", batch):
                out.setdefault(num, []).append(R.Candidate(other, hits, sim))
        return out

    def set_candidates(self, items: Iterable[tuple[int, Sequence[R.Candidate]]]) -> None:
        with self.transaction():
            for num, found in items:
                self.db.execute("DELETE FROM candidates WHERE num = ?", (num,))
                self.db.executemany("INSERT INTO candidates (num, other, hits, similarity) VALUES (?, ?, ?, ?)",
                                    [(num, c.other, c.hits, c.similarity) for c in found])

    def candidate_of(self, others: Sequence[int]) -> set[int]:
        """The documents that have any of these among their candidates."""
        out: set[int] = set()
        for batch in _batches(others):
            out.update(r[0] for r in self.db.execute(
                f"SELECT num FROM candidates WHERE other IN ({_marks(batch)})", batch))
        return out


def _doc(row: Sequence[Any]) -> DocRow:
    values = list(row)
    values[15] = bool(values[15])  # withdrawn
    return DocRow(*values)


def _batches(values: Sequence[Any]) -> Iterator[tuple[Any, ...]]:
    values = list(values)
    for start in range(0, len(values), BATCH):
        yield tuple(values[start : start + BATCH])


def _marks(values: Sequence[Any]) -> str:
    return ", ".join("?" * len(values))
