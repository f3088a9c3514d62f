"""Editor overrides: overrides/<gazette-slug>.toml corrects what the pipeline read, per document id.

    # overrides/benxi.toml
    ["benxi-benzhengbanfa-2021-14"]
    title = "本溪市人民政府办公室关于……的通知"
    doc_number = "本政办发〔2021〕14号"
    signed = 2021-04-02            # a TOML date, or "2021-04-02"
    recipients = ""                # an empty string clears a field

    [split."benxi-2021-02"]        # an issue id (or, for a lone page, its location)
    start = ["本溪市住宅专项维修资金管理办法"]  # a document begins at the line beginning so
    join = ["附件2"]               # the document the splitter began at this line joins the one before

Field corrections are applied after metadata, as the document's version is written (the store
decides the id first, by 文号/title/position, so an override follows its document across
captures and rebuilds). The version record keeps what the pipeline had read under "overrides",
so the document page can say which fields an editor corrected. Split corrections re-cut the
issue's document spans between split and metadata; a rule that matches no line is reported.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from . import records
from .derive import DocumentFacts
from .docnumber import parse_doc_number
from .errors import GazetteError
from .matching import Known
from .ids import issue_id
from .metadata import describe
from .model import Document, DocumentSpan, IssueText, Notice, Parsed
from .split import split
from .store import Store

FIELDS = ("title", "doc_number", "office", "doc_type", "signed", "published", "recipients")
DATE_FIELDS = ("signed", "published")
# For the page's notice and the CLI.
LABELS = {
    "title": "标题", "doc_number": "文号", "office": "发文机关", "doc_type": "文种",
    "signed": "成文日期", "published": "发布日期", "recipients": "主送",
}


class OverrideError(GazetteError):
    """An overrides file is unreadable or holds an unknown key or a bad value."""


@dataclass(frozen=True, slots=True)
class Overrides:
    """Corrections by document id, with the file each came from."""

    fields: dict[str, dict[str, Any]] = field(default_factory=dict)  # doc id → field → value
    files: dict[str, str] = field(default_factory=dict)  # doc id → file
    digest: str = "none"  # changes whenever any correction does
    splits: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)  # issue → start/join

    def __bool__(self) -> bool:
        return bool(self.fields or self.splits)

    def resplit(self, parsed: Parsed) -> Parsed:
        """The capture re-cut by its split corrections (the same Parsed when it has none)."""
        key = issue_id(parsed.issue) if parsed.issue is not None else None
        rules = self.splits.get(key or "") or self.splits.get(parsed.capture.location)
        if not rules:
            return parsed
        issue_text = split(parsed.clean)
        spans, notices = _recut(issue_text, rules.get("start", ()), rules.get("join", ()))
        described = describe(parsed.capture, parsed.page, replace(issue_text, spans=spans))
        return replace(described, notices=(*parsed.notices, *notices))

    def apply(self, doc_id: str, doc: Document) -> Document:
        """The document with its corrections; `overrides` names each corrected field's old value.

        A correction equal to what the pipeline read is no correction and is not recorded.
        """
        wanted = self.fields.get(doc_id)
        if not wanted:
            return doc
        changes: dict[str, Any] = {}
        was: dict[str, str | None] = dict(doc.overrides)
        for name, value in wanted.items():
            before = getattr(doc, name)
            if _shown(before) == _shown(value):  # 文号 compared canonically
                continue
            changes[name] = value
            was.setdefault(name, _shown(before))
        if not changes:
            return doc
        sources = dict(doc.sources) | {name: "override" for name in changes}
        return replace(doc, **changes, overrides=tuple(sorted(was.items())), sources=tuple(sorted(sources.items())))


def _recut(issue_text: IssueText, starts: tuple[str, ...], joins: tuple[str, ...]) -> tuple[tuple[DocumentSpan, ...], list[Notice]]:
    lines = [line.text for line in issue_text.clean.lines]
    spans = list(issue_text.spans)
    notices: list[Notice] = []
    for text in joins:
        at = next((k for k, s in enumerate(spans) if k > 0 and any(
            _begins(lines, i, text) for i in range(s.start, max(s.start + 1, s.title[1] if s.title else 0)))), None)
        if at is None:
            notices.append(Notice("override-split", f"split correction join {text!r}: no document begins with it"))
            continue
        before = spans[at - 1]
        spans[at - 1 : at + 1] = [replace(before, end=spans[at].end)]
    for text in starts:
        found = None
        for k, s in enumerate(spans):
            line = next((i for i in range(s.start + 1, s.end) if _begins(lines, i, text)), None)
            if line is not None and s.kind != "duplicate":
                found = (k, line)
                break
        if found is None:
            notices.append(Notice("override-split", f"split correction start {text!r}: no line inside a document begins with it"))
            continue
        k, line = found
        number = line + 1 if line + 1 < spans[k].end and parse_doc_number(lines[line + 1]) else None
        spans[k : k + 1] = [replace(spans[k], end=line),
                            DocumentSpan(line, spans[k].end, "document", title=(line, line + 1), number=number)]
    return tuple(spans), notices


def _begins(lines: list[str], i: int, text: str) -> bool:
    """Line i begins with the text, read across wrapped lines (titles are often cut in two)."""
    return "".join(lines[i : i + 4]).replace(" ", "").startswith(text.replace(" ", ""))


def load_overrides(folder: str | Path) -> Overrides:
    """Every *.toml file of the folder; a missing folder means no overrides."""
    folder = Path(folder)
    if not folder.is_dir():
        return Overrides()
    fields: dict[str, dict[str, Any]] = {}
    files: dict[str, str] = {}
    splits: dict[str, dict[str, tuple[str, ...]]] = {}
    digest = hashlib.sha256()
    for path in sorted(folder.glob("*.toml")):
        where = str(path)
        try:
            text = path.read_bytes()
            data = tomllib.loads(text.decode("utf-8"))
        except OSError as exc:
            raise OverrideError(f"cannot read: {exc.strerror or exc}", where) from exc
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise OverrideError(f"not valid TOML: {exc}", where) from exc
        for issue, rules in _split_rules(data.pop("split", {}), where).items():
            if issue in splits:
                raise OverrideError(f"split.{issue}: split corrections given twice", where)
            splits[issue] = rules
        for doc_id, values in data.items():
            if not isinstance(values, dict):
                raise OverrideError(
                    f"{doc_id}: expected a table of corrections ([\"{doc_id}\"] then title = …)", where)
            if doc_id in files:
                raise OverrideError(f"{doc_id}: already corrected in {files[doc_id]}", where)
            fields[doc_id] = {name: _value(doc_id, name, value, where) for name, value in values.items()}
            files[doc_id] = where
        digest.update(path.name.encode() + b"\0" + text + b"\0")
    return Overrides(fields, files, digest.hexdigest()[:12] if fields or splits else "none", splits)


def _split_rules(table: Any, where: str) -> dict[str, dict[str, tuple[str, ...]]]:
    """[split."<issue id>"] start = [...], join = [...]: lists of line beginnings."""
    if not isinstance(table, dict):
        raise OverrideError("split: expected tables such as [split.\"benxi-2021-02\"]", where)
    out: dict[str, dict[str, tuple[str, ...]]] = {}
    for issue, rules in table.items():
        if not isinstance(rules, dict):
            raise OverrideError(f"split.{issue}: expected start = [...] and/or join = [...]", where)
        for name, value in rules.items():
            if name not in ("start", "join"):
                raise OverrideError(f"split.{issue}.{name}: unknown key (expected start or join)", where)
            if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
                raise OverrideError(f"split.{issue}.{name}: expected a list of line beginnings", where)
        out[issue] = {name: tuple(v.strip() for v in value) for name, value in rules.items()}
    return out


def _value(doc_id: str, name: str, value: Any, where: str) -> Any:
    key = f"{doc_id}.{name}"
    if name not in FIELDS:
        raise OverrideError(f"{key}: unknown field (expected one of {', '.join(FIELDS)})", where)
    if name in DATE_FIELDS:
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            if not value.strip():
                return None
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                pass
        raise OverrideError(f"{key}: expected a date such as 2021-04-02, got {value!r}", where)
    if not isinstance(value, str):
        raise OverrideError(f"{key}: expected a string, got {value!r}", where)
    text = value.strip()
    if name == "title":
        if not text:
            raise OverrideError(f"{key}: a title cannot be empty", where)
        return text
    if name == "doc_number":
        if not text:
            return None
        number = parse_doc_number(text)
        if number is None:
            raise OverrideError(f"{key}: {value!r} is not a 文号 (e.g. 本政办发〔2021〕14号)", where)
        return number
    return text or None


def _shown(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    canonical = getattr(value, "canonical", None)
    return canonical if canonical is not None else str(value)


class OverridingStore(Store):
    """A Store that applies editor overrides to each version it writes."""

    def __init__(self, path: str | Path, overrides: Overrides | None = None):
        super().__init__(path)
        self.overrides = overrides or Overrides()

    def _prepared(self, parsed: Parsed) -> Parsed:
        """Split corrections first (add, dry_run and confirm all come here), then the usual matching."""
        return self.overrides.resplit(parsed)

    def _put_version(  # type: ignore[override]
        self, doc_id: str, facts: DocumentFacts, capture_id: int, raw_sha256: str, pipeline_version: str,
        captured: str,
    ) -> int:
        if doc_id in self.overrides.fields:
            facts = DocumentFacts(self.overrides.apply(doc_id, records.from_record(facts.record)))
        return super()._put_version(doc_id, facts, capture_id, raw_sha256, pipeline_version, captured)

    def _candidates(self, docs: Any, issue_key: str | None, location: str) -> list[Known]:  # type: ignore[override]
        """Corrected documents are matched by what the pipeline read, not by the correction."""
        known = super()._candidates(docs, issue_key, location)
        if not self.overrides:
            return known
        out = []
        for candidate in known:
            if candidate.id in self.overrides.fields:
                stored = self.document(candidate.id)
                was = dict(stored.latest.document.overrides) if stored else {}
                candidate = replace(
                    candidate,
                    title=was.get("title") or candidate.title,
                    doc_number=was["doc_number"] if "doc_number" in was else candidate.doc_number,
                )
            out.append(candidate)
        return out
