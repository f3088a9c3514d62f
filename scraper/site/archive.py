"""Bulk data for archivists: every partition (a gazette-year) as JSONL, CSV and a SQLite store of its
own, one JSON file per document (its export record plus every version's metadata), and a manifest
with counts and the sha256 of every file, so a downloaded copy can be checked. Per partition, so a
build rewrites only the partitions that changed and no file grows with the whole archive.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import orjson

from .. import export
from ..pipeline import PIPELINE_VERSION
from ..provenance import public_path
from ..standing import Standing
from ..store import Store
from ..stored import LatestRecord, VersionSummary
from ..writes import json_file, replace_if_changed, write_if_changed

# Per partition (a gazette-year, or the lone documents of a year): what each file holds.
FILES = (
    ("documents.jsonl", "每篇文件的最新版本，一行一个 JSON 对象（字段见 export.schema.json）"),
    ("documents.csv", "同上，CSV 格式（UTF-8，附件以“；”分隔）"),
    ("gazette.db", "SQLite 数据库：原始网页（逐字节）、采集记录、全部版本、清洗审计"),
)
DESCRIPTIONS = dict(FILES)


@dataclass(frozen=True, slots=True)
class DownloadFile:
    name: str
    description: str
    bytes: int
    sha256: str


@dataclass(frozen=True, slots=True)
class Manifest:
    """downloads/manifest.json without its list of files (written one file at a time)."""

    built: str
    pipeline_version: str
    counts: dict[str, int]


def write_part_downloads(store: Store, records: list[LatestRecord], standings: dict[str, Standing],
                         issue_ids: list[str], site_dir: Path, part: str, label: str) -> list[DownloadFile]:
    """downloads/<part>/: the partition's documents as JSONL and CSV (with their standing), and
    its own SQLite store (raw captures included). Files whose bytes did not change are left alone.
    Each file is written to a temporary file first and compared on disk: a partition's files
    (its raw captures above all) never sit in memory whole."""
    folder = site_dir / "downloads" / part
    folder.mkdir(parents=True, exist_ok=True)
    # One task writes a partition: fixed names (the extract's store id is made from its file name).
    fresh = {name: folder / f".{name}.new" for name, _ in FILES}
    try:
        with open(fresh["documents.jsonl"], "w", encoding="utf-8", newline="\n") as jsonl, \
                open(fresh["documents.csv"], "w", encoding="utf-8", newline="") as csv:
            rows = (export.to_json(record, standings.get(record.doc_id)) for record in records)
            export.write_rows(rows, jsonl=jsonl, csv_out=csv)
        store.extract(fresh["gazette.db"], issue_ids, [record.doc_id for record in records])
        out = []
        for name, description in FILES:
            with open(fresh[name], "rb") as new:
                digest = hashlib.file_digest(new, "sha256").hexdigest()
            size = fresh[name].stat().st_size
            replace_if_changed(fresh[name], folder / name)
            out.append(DownloadFile(f"{part}/{name}", f"{label}：{description}", size, digest))
        return out
    finally:
        for path in fresh.values():
            path.unlink(missing_ok=True)


def manifest(counts: dict[str, int], built: str) -> Manifest:
    wanted = ("documents", "versions", "issues", "captures", "blobs")
    return Manifest(built, PIPELINE_VERSION, {key: counts[key] for key in wanted})


def write_manifest(manifest: Manifest, files: Iterable[DownloadFile], site_dir: Path) -> None:
    """downloads/manifest.json: the manifest's fields, then `files`, written one file at a time
    (a national archive lists tens of thousands) to a temporary file that replaces the manifest
    if its bytes changed. The bytes are json_file's of the whole, "files" last."""
    path = site_dir / "downloads" / "manifest.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    fresh = path.with_name(f".{path.name}.new")
    head = json_file(asdict(manifest))
    assert head.endswith(b"\n}\n")
    try:
        with open(fresh, "wb") as out:
            out.write(head[: -len(b"\n}\n")] + b',\n  "files": [')
            separator = b"\n"
            for item in files:
                lines = orjson.dumps(asdict(item), option=orjson.OPT_INDENT_2).split(b"\n")
                out.write(separator + b"\n".join(b"    " + line for line in lines))
                separator = b",\n"
            out.write(b"]\n}\n" if separator == b"\n" else b"\n  ]\n}\n")
        replace_if_changed(fresh, path)
    finally:
        fresh.unlink(missing_ok=True)


def document_json(record: LatestRecord, versions: list[VersionSummary], where: Standing | None = None) -> dict[str, Any]:
    """The export record (with its standing) plus the metadata of every version, oldest first."""
    out = export.to_json(record, where)
    out["version_history"] = [
        {
            "version": v.version,
            "created": v.created,
            "reason": v.reason,
            "pipeline_version": v.pipeline_version,
            "content_sha256": v.content_sha256,
            "doc_number": v.doc_number,
            "title": v.title,
            "source": {"location": public_path(v.source.location), "sha256": v.source.sha256,
                       "captured": v.source.captured},
        }
        for v in versions
    ]
    return out


def write_document_json(record: LatestRecord, versions: list[VersionSummary], where: Standing | None,
                        site_dir: Path) -> None:
    """<doc>.json beside the document's folder: its export record (with its standing) and every
    version's metadata."""
    data = document_json(record, versions, where)
    path = site_dir / (data["url"].strip("/") + ".json")  # = DocView.json_url
    write_if_changed(path, json_file(data))
