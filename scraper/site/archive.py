"""Bulk data for archivists: the whole archive as JSONL, CSV and the SQLite store, one JSON file
per document (its export record plus every version's metadata), and a manifest with counts and
the sha256 of every file, so a downloaded copy can be checked.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .. import export
from ..pipeline import PIPELINE_VERSION
from ..provenance import public_path
from ..standing import Standing, standing
from ..store import Store
from ..stored import LatestRecord, VersionSummary

FILES = (
    ("documents.jsonl", "每篇文件的最新版本，一行一个 JSON 对象（字段见 export.schema.json）"),
    ("documents.csv", "同上，CSV 格式（UTF-8，附件以“；”分隔）"),
    ("gazette.db", "完整的 SQLite 数据库：原始网页（逐字节）、采集记录、全部版本、清洗审计"),
)


@dataclass(frozen=True, slots=True)
class DownloadFile:
    name: str
    description: str
    bytes: int
    sha256: str


@dataclass(frozen=True, slots=True)
class Manifest:
    built: str
    pipeline_version: str
    counts: dict[str, int]
    files: list[DownloadFile] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def prepare_downloads(store: Store, workdir: Path, built: str) -> Manifest:
    """Write the download files into workdir (the build moves them into the site at the end)."""
    workdir.mkdir(parents=True, exist_ok=True)
    with open(workdir / "documents.jsonl", "w", encoding="utf-8", newline="\n") as out:
        export.export(store, "jsonl", out)
    with open(workdir / "documents.csv", "w", encoding="utf-8", newline="") as out:
        export.export(store, "csv", out)
    store.copy_to(workdir / "gazette.db")
    counts = store.counts()
    files = [
        DownloadFile(name, description, (workdir / name).stat().st_size, _sha256(workdir / name))
        for name, description in FILES
    ]
    wanted = ("documents", "versions", "issues", "captures", "blobs")
    return Manifest(built, PIPELINE_VERSION, {key: counts[key] for key in wanted}, files)


def read_manifest(site_dir: Path) -> Manifest | None:
    """The manifest a previous full build published, for a partial build's downloads page."""
    path = site_dir / "downloads" / "manifest.json"
    if not path.is_file():
        return None
    data = json.loads(path.read_text("utf-8"))
    return Manifest(data["built"], data["pipeline_version"], data["counts"],
                    [DownloadFile(**item) for item in data["files"]])


def publish_downloads(manifest: Manifest, workdir: Path, site_dir: Path) -> Path:
    """Move the prepared files into <site>/downloads/ with manifest.json beside them."""
    target = site_dir / "downloads"
    target.mkdir(parents=True, exist_ok=True)
    for item in manifest.files:
        shutil.move(str(workdir / item.name), target / item.name)
    (target / "manifest.json").write_text(
        json.dumps(manifest.to_json(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return target


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


def write_document_json(
    store: Store, versions: dict[str, list[VersionSummary]], site_dir: Path, only: set[str] | None = None,
    as_of: dt.date | None = None,
) -> int:
    """One <doc>.json per document (or per document id in `only`); returns how many were written."""
    count = 0
    day = as_of or export.today()
    for record in store.latest_records():
        if only is not None and record.doc_id not in only:
            continue
        data = document_json(record, versions.get(record.doc_id, []), standing(store, record, day))
        path = site_dir / (data["url"].strip("/") + ".json")  # = DocView.json_url
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        count += 1
    return count


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
