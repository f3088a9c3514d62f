"""What changed between two versions of a document: metadata fields and Chinese-aware text diffs. Pure.

Chinese has no spaces, so a word diff is meaningless and a plain character diff scatters a changed
phrase into single characters that happen to recur (实, 的, 市). The text is compared per character
with diff-match-patch and then cleaned up semantically (`diff_cleanupSemantic`), which folds those
stray one-character equalities back into the edit: 请按照立法程序和计划安排组织实施 → 请各有关单位认真
贯彻落实 is one deletion and one insertion, not five of each.

Documents are lists of lines (`Document.lines`), so the text is aligned line by line first; only the
changed runs of lines are compared per character, and unchanged lines collapse into hunks with a
few lines of context, as a unified diff shows them.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import click
from diff_match_patch import diff_match_patch

from .model import Document
from .records import to_record
from .stored import StoredVersion

OpKind = Literal["equal", "insert", "delete"]
Op = tuple[str, str]  # (OpKind, text)
LineKind = Literal["context", "delete", "insert"]

# Seconds diff-match-patch may spend on one comparison before it returns a coarser (still correct)
# diff; a gazette document compares in milliseconds, this bounds a pathological pair.
DIFF_TIMEOUT = 1.0
CONTEXT = 2

_OPS: dict[int, OpKind] = {0: "equal", 1: "insert", -1: "delete"}

# The metadata a reader sees, in the order of a document page, with the Chinese label.
FIELDS: tuple[tuple[str, str], ...] = (
    ("doc_number", "文号"),
    ("title", "标题"),
    ("office", "发文机关"),
    ("doc_type", "文种"),
    ("signed", "成文日期"),
    ("published", "发布日期"),
    ("recipients", "主送"),
    ("attachments", "附件"),
)
# Record fields outside the metadata and the text that can also tell two versions apart.
OTHER_FIELDS: tuple[tuple[str, str], ...] = (
    ("blocks", "段落与表格结构"),
    ("toc_title", "目录标题"),
    ("toc_number", "目录文号"),
    ("script", "字形"),
)
ABSENT = "（无）"


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One metadata field that differs; values as display strings, "" when absent."""

    key: str  # doc_number, title, office, doc_type, signed, published, recipients, attachments
    label: str  # 文号, 标题, 发文机关, 文种, 成文日期, 发布日期, 主送, 附件
    old: str
    new: str

    def to_json(self) -> dict[str, str]:
        return {"key": self.key, "label": self.label, "old": self.old, "new": self.new}


@dataclass(frozen=True, slots=True)
class HunkLine:
    """One displayed line of a hunk, with its changed characters marked.

    A context line has one ("equal", text) op; a deleted line has "equal"/"delete" ops (the
    characters that went), an inserted line "equal"/"insert" ops (the characters that came).
    """

    kind: LineKind
    old_number: int | None  # 1-based line number in the old version (None for an inserted line)
    new_number: int | None  # 1-based line number in the new version (None for a deleted line)
    text: str
    ops: tuple[Op, ...]

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "old_number": self.old_number, "new_number": self.new_number,
                "text": self.text, "ops": [list(op) for op in self.ops]}


@dataclass(frozen=True, slots=True)
class Hunk:
    """A run of changed lines with up to `context` unchanged lines around it.

    `lines` is the unified view (context, then each changed run's deleted lines, then its inserted
    lines); `ops` is the inline view of the changed lines only: the character ops of each changed run,
    runs separated by ("equal", "\\n…\\n") when context lies between them. Lines within a run are
    joined by "\\n" inside the ops.
    """

    old_start: int  # 1-based; the line before the hunk when it holds no old line (0 at the top)
    old_count: int
    new_start: int
    new_count: int
    lines: tuple[HunkLine, ...]
    ops: tuple[Op, ...]

    @property
    def header(self) -> str:
        """`@@ -old_start,old_count +new_start,new_count @@`, as unified diffs head a hunk."""
        return f"@@ -{self.old_start},{self.old_count} +{self.new_start},{self.new_count} @@"

    def to_json(self) -> dict[str, Any]:
        return {
            "old_start": self.old_start, "old_count": self.old_count,
            "new_start": self.new_start, "new_count": self.new_count,
            "lines": [line.to_json() for line in self.lines],
            "ops": [list(op) for op in self.ops],
        }


@dataclass(frozen=True, slots=True)
class DocumentDiff:
    """Everything that differs between two versions of one document."""

    doc_id: str
    from_version: int
    to_version: int
    metadata: tuple[FieldChange, ...]
    hunks: tuple[Hunk, ...]
    inserted: int  # characters inserted in the text (line breaks not counted)
    deleted: int  # characters deleted from the text
    other: tuple[str, ...] = ()  # keys of OTHER_FIELDS that differ (table structure, TOC entry, script)

    @property
    def changed(self) -> bool:
        return bool(self.metadata or self.hunks or self.other)

    def to_json(self) -> dict[str, Any]:
        """JSON-ready values (json.dumps(diff.to_json(), ensure_ascii=False))."""
        labels = dict(OTHER_FIELDS)
        return {
            "doc_id": self.doc_id,
            "from_version": self.from_version,
            "to_version": self.to_version,
            "inserted": self.inserted,
            "deleted": self.deleted,
            "metadata": [change.to_json() for change in self.metadata],
            "other": [{"key": key, "label": labels[key]} for key in self.other],
            "hunks": [hunk.to_json() for hunk in self.hunks],
        }


# ---- text ------------------------------------------------------------------------------------


def text_diff(old: str, new: str, timeout: float = DIFF_TIMEOUT) -> list[Op]:
    """Character-level ops turning `old` into `new`, semantically cleaned up (whole changed words)."""
    if old == new:
        return [("equal", old)] if old else []
    engine = diff_match_patch()
    engine.Diff_Timeout = timeout
    diffs = engine.diff_main(old, new, False)  # checklines=False: our callers align lines themselves
    engine.diff_cleanupSemantic(diffs)
    return [(_OPS[kind], text) for kind, text in diffs if text]


def line_hunks(old_lines: Sequence[str], new_lines: Sequence[str], context: int = CONTEXT) -> list[Hunk]:
    """Hunks of changed lines, each with inline character ops; unchanged lines collapse to `context`."""
    matcher = difflib.SequenceMatcher(None, list(old_lines), list(new_lines), autojunk=False)
    hunks = []
    for group in matcher.get_grouped_opcodes(context):
        lines: list[HunkLine] = []
        ops: list[Op] = []
        for index, (tag, i1, i2, j1, j2) in enumerate(group):
            if tag == "equal":
                lines.extend(
                    HunkLine("context", i + 1, j + 1, old_lines[i], ((("equal", old_lines[i]),) if old_lines[i] else ()))
                    for i, j in zip(range(i1, i2), range(j1, j2))
                )
                if ops and index < len(group) - 1:  # context between two changed runs of one hunk
                    ops.append(("equal", "\n" + "\n".join(old_lines[i1:i2]) + "\n"))
                continue
            run = text_diff("\n".join(old_lines[i1:i2]), "\n".join(new_lines[j1:j2]))
            if tag == "delete":
                run = [("delete", "\n".join(old_lines[i1:i2]))]
            elif tag == "insert":
                run = [("insert", "\n".join(new_lines[j1:j2]))]
            ops.extend(run)
            old_side, new_side = _split_lines(run)
            lines.extend(
                HunkLine("delete", i1 + k + 1, None, "".join(t for _, t in segs), tuple(segs))
                for k, segs in enumerate(old_side[: i2 - i1])
            )
            lines.extend(
                HunkLine("insert", None, j1 + k + 1, "".join(t for _, t in segs), tuple(segs))
                for k, segs in enumerate(new_side[: j2 - j1])
            )
        first, last = group[0], group[-1]
        old_count, new_count = last[2] - first[1], last[4] - first[3]
        hunks.append(Hunk(
            first[1] + 1 if old_count else first[1], old_count,
            first[3] + 1 if new_count else first[3], new_count,
            tuple(lines), tuple(_merge(ops)),
        ))
    return hunks


def _split_lines(run: Sequence[Op]) -> tuple[list[list[Op]], list[list[Op]]]:
    """Cut a run's ops at line breaks into the old side's lines and the new side's lines."""
    old: list[list[Op]] = [[]]
    new: list[list[Op]] = [[]]
    for kind, text in run:
        sides = (old, new) if kind == "equal" else (old,) if kind == "delete" else (new,)
        for side in sides:
            for index, piece in enumerate(text.split("\n")):
                if index:
                    side.append([])
                if piece:
                    side[-1].append((kind, piece))
    return old, new


def _merge(ops: Sequence[Op]) -> list[Op]:
    merged: list[Op] = []
    for kind, text in ops:
        if merged and merged[-1][0] == kind:
            merged[-1] = (kind, merged[-1][1] + text)
        elif text:
            merged.append((kind, text))
    return merged


# ---- documents -------------------------------------------------------------------------------


def metadata_changes(old: Document, new: Document) -> list[FieldChange]:
    """The metadata fields that differ (文号 compared in its canonical form); the text is not here."""
    return [
        FieldChange(key, label, _value(old, key), _value(new, key))
        for key, label in FIELDS
        if _value(old, key) != _value(new, key)
    ]


def diff_documents(
    old: Document, new: Document, doc_id: str = "", from_version: int = 0, to_version: int = 0,
    context: int = CONTEXT,
) -> DocumentDiff:
    """Metadata changes, text hunks and character counts between two readings of a document."""
    hunks = line_hunks(old.lines, new.lines, context)
    inserted = deleted = 0
    for hunk in hunks:
        for kind, text in hunk.ops:
            size = len(text.replace("\n", ""))
            if kind == "insert":
                inserted += size
            elif kind == "delete":
                deleted += size
    old_record, new_record = to_record(old), to_record(new)
    other = tuple(key for key, _ in OTHER_FIELDS if old_record[key] != new_record[key])
    if "blocks" in other and hunks and _shape(old_record) == _shape(new_record):
        # Blocks carry the same text as the lines: a text change is already shown in the hunks.
        other = tuple(key for key in other if key != "blocks")
    return DocumentDiff(
        doc_id, from_version, to_version, tuple(metadata_changes(old, new)), tuple(hunks),
        inserted, deleted, other,
    )


def diff_versions(old: StoredVersion, new: StoredVersion, context: int = CONTEXT) -> DocumentDiff:
    """diff_documents for two stored versions of one document."""
    return diff_documents(old.document, new.document, new.doc_id, old.version, new.version, context)


def _shape(record: dict[str, Any]) -> list[str]:
    """The blocks' structure with the text left out: paragraphs, and tables with their row counts."""
    return [block["type"] + (f":{len(block['rows'])}" if block["type"] == "table" else "")
            for block in record["blocks"]]


def _value(doc: Document, key: str) -> str:
    if key == "doc_number":
        return doc.doc_number.canonical if doc.doc_number else ""
    if key == "attachments":
        return "；".join(doc.attachments)
    value = getattr(doc, key)
    if value is None:
        return ""
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


# ---- rendering for the terminal ----------------------------------------------------------------


def unified(diff: DocumentDiff) -> str:
    """Plain unified-style text: metadata changes first, then the hunks; no colour."""
    return "\n".join(_render(diff, colour=False)) + "\n"


def coloured(diff: DocumentDiff) -> str:
    """The same with ANSI colours and the changed characters of each line highlighted."""
    return "\n".join(_render(diff, colour=True)) + "\n"


def _render(diff: DocumentDiff, colour: bool) -> list[str]:
    def paint(text: str, **style: Any) -> str:
        return click.style(text, **style) if colour else text

    out = [paint(f"{diff.doc_id}: version {diff.from_version} → {diff.to_version}", bold=True)]
    out.append(f"+{diff.inserted} / -{diff.deleted} characters, {len(diff.metadata)} metadata fields changed")
    for change in diff.metadata:
        out.append(paint(f"- {change.label}: {change.old or ABSENT}", fg="red"))
        out.append(paint(f"+ {change.label}: {change.new or ABSENT}", fg="green"))
    labels = dict(OTHER_FIELDS)
    for key in diff.other:
        out.append(paint(f"# 另有改动: {labels[key]} ({key})", fg="yellow"))
    for hunk in diff.hunks:
        out.append(paint(f"@@ line {max(hunk.new_start, 1)} @@", fg="cyan"))
        for line in hunk.lines:
            if line.kind == "context":
                out.append(" " + line.text)
            elif not colour:
                out.append(("-" if line.kind == "delete" else "+") + line.text)
            else:
                fg, bg = ("red", "red") if line.kind == "delete" else ("green", "green")
                mark = "-" if line.kind == "delete" else "+"
                body = "".join(
                    click.style(text, fg=fg) if kind == "equal"
                    else click.style(text, fg="white", bg=bg, bold=True)
                    for kind, text in line.ops
                )
                out.append(click.style(mark, fg=fg) + body)
    if not diff.changed:
        out.append("(no change)")
    return out
