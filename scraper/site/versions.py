"""Pages for a document's past: one permanent page per older version (…/<doc>/v<N>/) and one diff
page per pair of consecutive versions (…/<doc>/diff/<N-1>-<N>/). Only documents with more than
one version get them, so they cost nothing for an archive that never changed; the latest
version's address …/v<N>/ is a small static page pointing at the document page, written without
MkDocs, so every version has a citable address from the day it appears.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from pathlib import Path

from ..diff import OTHER_FIELDS, Hunk, HunkLine, diff_versions
from ..store import Store
from .pages import DocView, PageSpec, breadcrumbs, script_lang
from .structure import layout

OTHER_LABELS = dict(OTHER_FIELDS)


def version_url(doc: DocView, version: int) -> str:
    return f"{doc.url}v{version}/"


def diff_url(doc: DocView, old: int, new: int) -> str:
    return f"{doc.url}diff/{old}-{new}/"


def version_pages(store: Store, docs: list[DocView]) -> Iterator[PageSpec]:
    """Older versions and consecutive diffs of every document that has more than one version."""
    for doc in docs:
        if len(doc.history) < 2:
            continue
        stored = store.versions(doc.id)
        summaries = {summary.version: summary for summary in doc.history}
        crumbs = [*breadcrumbs(doc), (doc.title, doc.url)]
        for version in stored[:-1]:
            yield PageSpec(
                f"{version_url(doc, version.version)}index.md", version_url(doc, version.version),
                "version.md.j2", f"{version.document.title}（第{version.version}版）",
                {"doc": doc, "vdoc": version.document, "summary": summaries[version.version],
                 "layout": layout(version.document), "lang": script_lang(version.document.script),
                 "crumbs": crumbs},
            )
        for old, new in zip(stored, stored[1:]):
            url = diff_url(doc, old.version, new.version)
            yield PageSpec(
                f"{url}index.md", url, "diff.md.j2", f"{doc.title}：第{old.version}版与第{new.version}版的差异",
                {"doc": doc, "diff": diff_versions(old, new), "old": summaries[old.version],
                 "new": summaries[new.version], "crumbs": crumbs},
            )


def side_by_side(hunk: Hunk) -> list[tuple[HunkLine | None, HunkLine | None]]:
    """A hunk's lines as (old, new) rows: context on both sides, each run of deleted lines
    beside the inserted lines that replaced it."""
    rows: list[tuple[HunkLine | None, HunkLine | None]] = []
    deleted: list[HunkLine] = []
    inserted: list[HunkLine] = []

    def flush() -> None:
        for i in range(max(len(deleted), len(inserted))):
            rows.append((deleted[i] if i < len(deleted) else None, inserted[i] if i < len(inserted) else None))
        deleted.clear()
        inserted.clear()

    for line in hunk.lines:
        if line.kind == "delete":
            deleted.append(line)
        elif line.kind == "insert":
            inserted.append(line)
        else:
            flush()
            rows.append((line, line))
    flush()
    return rows


def write_latest_stubs(docs: list[DocView], site_dir: Path) -> int:
    """…/<doc>/v<latest>/index.html: points at the document page, which shows that version."""
    count = 0
    for doc in docs:
        folder = site_dir / version_url(doc, doc.version)
        folder.mkdir(parents=True, exist_ok=True)
        title = html.escape(doc.title)
        folder.joinpath("index.html").write_text(
            "<!doctype html><html lang=\"zh\"><head><meta charset=\"utf-8\">"
            f"<title>{title}（第{doc.version}版）</title>"
            "<meta http-equiv=\"refresh\" content=\"0; url=../\"><link rel=\"canonical\" href=\"../\">"
            # No icon request of its own while it forwards (a 404 for /favicon.ico otherwise).
            "<link rel=\"icon\" href=\"data:,\">"
            f"</head><body><p>第{doc.version}版是本文件的最新版本：<a href=\"../\">{title}</a></p></body></html>\n",
            encoding="utf-8",
        )
        count += 1
    return count
