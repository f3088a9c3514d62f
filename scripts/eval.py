#!/usr/bin/env python3
"""Score the pipeline against the gold: split F1, metadata accuracy, content kept, noise kept.

    python scripts/eval.py [--seeds ../shared/seeds] [--html ../shared/fixtures/html] [--json]
        [--gate tests/eval_baseline.json]

Each seed is scored twice: as its text dump and as its HTML page. With --gate the command exits
1 when a score falls below the floor pinned in the baseline file (a quality gate, as in
trafilatura's tests/eval_gate.py).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scraper.docnumber import parse_doc_number, same_number  # noqa: E402
from scraper.pipeline import process_path  # noqa: E402
from scraper.script import to_simplified  # noqa: E402
from scraper.toc import entry_key  # noqa: E402

FIELDS = ("title", "doc_number", "office", "doc_type", "signed", "recipients", "attachments")
EPSILON = 1e-9


def gold_value(field: str, doc: dict):
    """What counts as right for a field: the gold value, or its documented alternative."""
    if field == "doc_number":
        return _GoldNumber(doc)
    if field == "doc_type":
        return {to_simplified(x) for x in (doc.get("doc_type"), doc.get("doc_type_alt")) if x}
    if field == "title":
        return {entry_key(doc["title"])}
    return {json.dumps(doc.get(field), ensure_ascii=False)}


def got_value(field: str, doc) -> object:
    if field == "doc_number":
        return doc.doc_number
    if field == "doc_type":
        return doc.doc_type
    if field == "title":
        return entry_key(doc.title)
    if field == "signed":
        return json.dumps(doc.signed.isoformat() if doc.signed else None)
    if field == "attachments":
        return json.dumps(list(doc.attachments), ensure_ascii=False)
    return json.dumps(getattr(doc, field), ensure_ascii=False)


class _GoldNumber:
    """The gold 文号 as printed and as the 目录 prints it: a parsed number is right when it is either
    (政府令第192号 in the 目录 and 本溪市人民政府令第192号 from the body name one order)."""

    def __init__(self, doc: dict):
        self.spellings = [x for x in (doc.get("doc_number"), doc.get("doc_number_toc")) if x]
        header = "本溪市人民政府令" if doc.get("doc_type") == "令" else None
        self.numbers = [n for x in self.spellings if (n := parse_doc_number(x) or parse_doc_number(x, header))]

    def __contains__(self, got) -> bool:
        if got is None:
            return not self.spellings
        return any(same_number(got, n) for n in self.numbers)

    def __repr__(self) -> str:
        return repr(self.spellings)


def score_file(path: Path, gold: dict, lines: list[str], totals: dict) -> list[str]:
    """Add one file's counts to totals; return readable mismatches."""
    problems = []
    parsed = process_path(path)
    want = gold["documents"]
    got = list(parsed.documents)
    pairs = _pair(want, got)
    totals["docs_gold"] += len(want)
    totals["docs_found"] += len(got)
    totals["docs_matched"] += len(pairs)
    for w, g in pairs:
        for field in FIELDS:
            totals[f"{field}_total"] += 1
            if got_value(field, g) in gold_value(field, w):
                totals[f"{field}_right"] += 1
            else:
                problems.append(f"{path.name} doc {w['ordinal']} {field}: got {got_value(field, g)!r} want {gold_value(field, w)!r}")
    kept = {line for d in got for line in d.lines}
    everything = {line.text for line in parsed.clean.lines}
    for w in want:
        for n in range(w["start_line"], w["end_line"] + 1):
            text = lines[n - 1].strip()
            if text:
                totals["content_total"] += 1
                totals["content_kept"] += text in kept
                if text not in kept:
                    problems.append(f"{path.name} lost content line {n}: {text[:50]}")
    for noise in gold["noise"]:
        totals["noise_total"] += 1
        if noise["text"].strip() in everything:
            totals["noise_kept"] += 1
            problems.append(f"{path.name} kept noise: {noise['text'][:50]}")
    return problems


def _pair(want: list[dict], got: list) -> list[tuple[dict, object]]:
    """Match gold and found documents by title (or 文号), each used once."""
    pairs, used = [], set()
    for w in want:
        for k, g in enumerate(got):
            if k in used:
                continue
            same_title = entry_key(w["title"]) == entry_key(g.title)
            numbered = g.doc_number is not None and g.doc_number in gold_value("doc_number", w)
            if same_title or numbered:
                pairs.append((w, g))
                used.add(k)
                break
    return pairs


def evaluate(seeds: Path, html: Path) -> tuple[dict, list[str]]:
    gold = json.loads((seeds / "gold.json").read_text(encoding="utf-8"))
    totals: dict = defaultdict(int)
    problems: list[str] = []
    for name, entry in sorted(gold.items()):
        lines = (seeds / name).read_text(encoding="utf-8").split("\n")
        for path in (seeds / name, html / name.replace(".txt", ".html")):
            if path.exists():
                problems += score_file(path, entry, lines, totals)
    return summarise(totals), problems


def summarise(t: dict) -> dict:
    precision = t["docs_matched"] / max(t["docs_found"], 1)
    recall = t["docs_matched"] / max(t["docs_gold"], 1)
    scores = {"split_f1": round(2 * precision * recall / max(precision + recall, EPSILON), 4)}
    for field in FIELDS:
        scores[f"{field}_accuracy"] = round(t[f"{field}_right"] / max(t[f"{field}_total"], 1), 4)
    scores["content_kept"] = round(t["content_kept"] / max(t["content_total"], 1), 4)
    scores["noise_kept"] = t["noise_kept"]
    return scores


def gate(scores: dict, baseline: dict) -> list[str]:
    """Scores under their floor (or noise over its ceiling)."""
    failures = []
    for key, floor in baseline.get("floors", {}).items():
        if scores.get(key, 0) + EPSILON < floor:
            failures.append(f"{key} = {scores.get(key)} is below the floor {floor}")
    for key, ceiling in baseline.get("ceilings", {}).items():
        if scores.get(key, 0) > ceiling:
            failures.append(f"{key} = {scores.get(key)} is above the ceiling {ceiling}")
    return failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=ROOT.parent / "shared" / "seeds")
    parser.add_argument("--html", type=Path, default=ROOT.parent / "shared" / "fixtures" / "html")
    parser.add_argument("--json", action="store_true", help="print scores as JSON only")
    parser.add_argument("--gate", type=Path, help="baseline file with floors; exit 1 below them")
    args = parser.parse_args()
    scores, problems = evaluate(args.seeds, args.html)
    if args.json:
        print(json.dumps(scores, indent=1))
    else:
        for problem in problems:
            print("  " + problem)
        for key, value in scores.items():
            print(f"{key:22} {value}")
    if args.gate:
        failures = gate(scores, json.loads(args.gate.read_text()))
        for failure in failures:
            print("GATE:", failure, file=sys.stderr)
        return 1 if failures else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
