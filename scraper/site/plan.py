"""An incremental build's plan: from the store's change journal to the pages and index files that
can show what changed.

A changed document (a new version, a withdrawal, a new position, a change of its issue's header)
is mapped again; comparing its new catalogue row with the old one says which lists hold it (its
issue, year, gazette, office, genre and year browse pages, the search facets, 文号 table and date
file), which partitions' downloads change, and whether its page moved. Then the related-documents
index is repaired (related_index.py): documents whose related list changed, or that show a changed
document's title, get their pages rewritten too; so do all documents of a browse name whose URL
slug changed and of a gazette whose name changed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from ..search import postings as P
from ..search import tokens as T
from ..search.index import CODE_BLOCK
from ..store import Store
from . import lists, related_index
from .catalogue import DocRow, IssueRow
from .pages import GROUP_PAGE_SIZE
from .partition import MapTask, map_partition

if TYPE_CHECKING:
    from .engine import Engine


@dataclass(frozen=True, slots=True)
class Options:
    full: bool = False
    jobs: int = 0  # worker processes; 0: one per core (small builds stay in this process)
    scheduler: str | None = None
    only: tuple[str, ...] = ()  # partitions to re-render whatever changed (benxi/2021)


@dataclass(slots=True)
class Plan:
    """What this build writes."""

    full: bool
    docs: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))  # part → documents
    issues: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # part → issue pages
    part_pages: set[str] = field(default_factory=set)
    downloads: set[str] = field(default_factory=set)
    gazettes: set[str] = field(default_factory=set)
    # kind → browse name → the year pages to write (None: the group's every page)
    groups: dict[str, dict[str, set[str] | None]] = field(default_factory=lambda: defaultdict(dict))
    years: set[str] = field(default_factory=set)
    removed_parts: set[str] = field(default_factory=set)
    moved: list[str] = field(default_factory=list)  # old document folders to delete
    postings_old: dict[int, P.DocPostings] = field(default_factory=dict)
    postings_new: dict[int, P.DocPostings] = field(default_factory=dict)
    reindex: bool = False  # every search-index file is written (a full build)
    remerge: bool = False  # the shards are merged whole again (the token cache lacks old postings)
    runs: list[Path] = field(default_factory=list)
    facets: set[tuple[str, str]] = field(default_factory=set)
    numbers: set[int] = field(default_factory=set)
    blocks: set[int] = field(default_factory=set)  # search-index code blocks

    def parts(self) -> set[str]:
        return set(self.docs) | set(self.issues) | self.part_pages | self.downloads

    def group(self, kind: str, name: str, year: str | None) -> None:
        """Write this browse group's main page and `year`'s page (None: all its pages)."""
        found = self.groups[kind]
        if year is None:
            found[name] = None
        elif name not in found:
            found[name] = {year}
        elif found[name] is not None:
            found[name].add(year)  # type: ignore[union-attr]


def plan_changes(engine: Engine, since: int, upto: int) -> Plan:
    ledger = engine.ledger
    assert ledger is not None
    plan = Plan(full=False)
    with Store(engine.store_path) as store:
        doc_ids, issue_ids = store.changes_since(since, upto)
        doc_ids |= set(store.issue_documents(sorted(issue_ids)))
    for part in engine.options.only:
        doc_ids |= {row.id for row in ledger.docs_where("part = ?", (part.strip("/"),))}
    # Documents whose validity may have changed since the last build's day (a 施行 date passed).
    doc_ids |= {row.id for row in ledger.docs_where("valid_until IS NOT NULL AND valid_until <= ?",
                                                    (engine.job.today,), order="")}
    if not doc_ids:
        return plan
    old_rows = {row.num: row for row in ledger.docs_by_id(sorted(doc_ids)).values()}
    old_issues = {row.id: row for row in ledger.issues(sorted({r.issue_id for r in old_rows.values() if r.issue_id}))}
    old_gazettes = ledger.gazette_names()
    mapped = map_partition(engine.job, MapTask("changes", doc_ids=tuple(sorted(doc_ids)), run=False))
    new_rows = {row.num: row for row in mapped.rows}
    engine.say(f"changed since the last build: {len(new_rows)} documents")

    _old_postings(engine, plan, old_rows, old_issues)
    plan.postings_new = dict(mapped.doc_postings)

    group_before = _group_counts(ledger, old_rows.values(), new_rows.values())
    ledger.begin()
    ledger.put_docs(mapped.rows)
    ledger.put_issues(mapped.issues)
    ledger.db.executemany("INSERT OR IGNORE INTO pending_tokens (sha, data) VALUES (?, ?)", mapped.tokens)
    gazettes = {**old_gazettes, **ledger.gazette_names()}
    for num, row in new_rows.items():
        _changed_row(plan, old_rows.get(num), row, (old_gazettes, gazettes))
    _group_structure(ledger, plan, group_before)
    moved_names = engine._set_names()
    for kind, moved in moved_names.items():
        column = lists.KINDS[kind][2]
        for name in moved:
            for row in ledger.docs_where(f"{column} = ?", (name,), order=""):
                plan.docs[row.part].add(row.num)
            plan.group(kind, name, None)
    new_gazettes = ledger.gazette_names()
    for slug in {s for s in set(old_gazettes) | set(new_gazettes) if old_gazettes.get(s) != new_gazettes.get(s)}:
        plan.gazettes.add(slug)
        plan.facets |= {("gazette", name) for name in (old_gazettes.get(slug), new_gazettes.get(slug)) if name}
        for row in ledger.docs_where("gazette_slug = ?", (slug,), order=""):
            plan.docs[row.part].add(row.num)
            if row.issue_id:
                plan.issues[row.part].add(row.issue_id)
            plan.part_pages.add(row.part)
    # Related documents: repair the index; pages whose list changed, or that show a changed document.
    for num in related_index.update(ledger, dict(mapped.sketches)):
        row = ledger.docs([num]).get(num)
        if row is not None:
            plan.docs[row.part].add(num)
    relinked = [num for num, row in new_rows.items()
                if (old := old_rows.get(num)) is not None and (old.url, old.title, old.office) != (row.url, row.title, row.office)]
    if relinked:
        shown = related_index.related_lists(ledger, ledger.candidate_of(relinked))
        for num, found in shown.items():
            if any(c.other in relinked for c in found):
                row = ledger.docs([num]).get(num)
                if row is not None:
                    plan.docs[row.part].add(num)
    for part in {row.part for row in old_rows.values()} - {row.part for row in new_rows.values()}:
        if not ledger.count("docs", "part = ?", (part,)):
            plan.removed_parts.add(part)
    return plan


def _changed_row(plan: Plan, old: DocRow | None, new: DocRow, gazettes: tuple[dict[str, str], dict[str, str]]) -> None:
    """What one changed document's old and new rows change (gazettes: names before and after)."""
    plan.docs[new.part].add(new.num)
    plan.blocks.add(new.num // CODE_BLOCK)
    for row, names in ((old, gazettes[0]), (new, gazettes[1])):
        if row is None:
            continue
        if row.issue_id:
            plan.issues[row.part].add(row.issue_id)
        plan.part_pages.add(row.part)
        plan.downloads.add(row.part)
        if row.gazette_slug:
            plan.gazettes.add(row.gazette_slug)
        plan.group("office", row.office_name, row.date_year_key)
        plan.group("genre", row.genre_name, row.date_year_key)
        plan.years.add(row.year_key)
        gazette = names.get(row.gazette_slug) if row.gazette_slug else None
        for facet, value in (("gazette", gazette), ("year", row.year), ("dyear", row.dyear),
                             ("office", row.office_facet), ("genre", row.genre_facet), ("status", row.status_label)):
            if value not in (None, ""):
                plan.facets.add((facet, str(value)))
        if row.serial is not None:
            plan.numbers.add(row.number_year or 0)
    if old is not None and old.url != new.url:
        plan.moved.append(old.url)


def _group_counts(ledger, old_rows, new_rows) -> dict[tuple[str, str], int]:  # type: ignore[no-untyped-def]
    """Each touched office's and genre's size before the change (the ledger still holds the old rows)."""
    out: dict[tuple[str, str], int] = {}
    for kind in lists.KINDS:
        column = lists.KINDS[kind][2]
        for row in (*old_rows, *new_rows):
            name = getattr(row, column)
            if (kind, name) not in out:
                out[(kind, name)] = ledger.count("docs", f"{column} = ?", (name,))
    return out


def _group_structure(ledger, plan: Plan, before: dict[tuple[str, str], int]) -> None:  # type: ignore[no-untyped-def]
    """A group crossing GROUP_PAGE_SIZE gains or loses its year pages: write all of them."""
    for (kind, name), count in before.items():
        column = lists.KINDS[kind][2]
        after = ledger.count("docs", f"{column} = ?", (name,))
        if (count > GROUP_PAGE_SIZE) != (after > GROUP_PAGE_SIZE):
            plan.group(kind, name, None)


def _old_postings(engine: Engine, plan: Plan, old_rows: dict[int, DocRow], old_issues: dict[str, IssueRow]) -> None:
    """The postings the changed documents had, to take out of their shards (from the token cache)."""
    with Store(engine.store_path) as store:
        cached = store.cached_tokens(sorted({row.content_sha for row in old_rows.values()}), engine.job.tokenizer)
    for num, row in old_rows.items():
        data = cached.get(row.content_sha)
        if data is None:  # not cached (an older store): rewrite the shards whole
            plan.remerge = True
            continue
        issue = old_issues.get(row.issue_id) if row.issue_id else None
        gazette = issue.gazette if issue else None
        label = issue.label if issue else None
        plan.postings_old[num] = P.doc_postings(T.DocTokens.decode(data), gazette, label)
