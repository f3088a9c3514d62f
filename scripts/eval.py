#!/usr/bin/env python3
"""Score the pipeline against the gold: split F1, metadata accuracy, content kept, noise kept.

    python scripts/eval.py [--seeds ../shared/seeds] [--html ../shared/fixtures/html]
        [--real ../shared/real] [--json] [--gate tests/eval_baseline.json]

Each seed is scored twice: as its text dump and as its HTML page. The real pages of other issuers
(../shared/real: NNN.txt, gold.json, docnumbers.json; or any folder in that format) are scored
field by field: title (similar enough once blanks and punctuation are gone), 文号 (as printed,
blanks and bracket forms aside; null where the page has none of its own), office and signing date,
and every real 文号 string parsed to its agency, year and serial. With --gate the command exits 1
when a score falls below the floor pinned in the baseline file (a quality gate, as in
trafilatura's tests/eval_gate.py).
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
import unicodedata
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


REAL_FIELDS = ("title", "doc_number", "office", "signed")
TITLE_SIMILARITY = 0.9


def evaluate_real(folder: Path) -> tuple[dict, list[str]]:
    """Field accuracy on real pages with gold (documents and mirrors; issue heads are not scored)."""
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    right: dict = defaultdict(int)
    total: dict = defaultdict(int)
    problems: list[str] = []
    for page in gold:
        if page["kind"] == "gazette_issue":
            continue
        docs = list(process_path(folder / page["file"]).documents)
        want_title = _plain(page["title"]) if page["title"] else None
        doc = max(docs, key=lambda d: _ratio(want_title, _plain(d.title))) if want_title else docs[0]
        number = doc.doc_number.printed or doc.doc_number.canonical if doc.doc_number else None
        got = {"title": doc.title, "doc_number": number, "office": doc.office,
               "signed": doc.signed.isoformat() if doc.signed else None}
        for field in REAL_FIELDS:
            want = page[field]
            if want is None and field != "doc_number":
                continue  # not printed: nothing to score (a null 文号 must come out null)
            total[field] += 1
            if field == "title":
                ok = _ratio(want_title, _plain(got["title"])) >= TITLE_SIMILARITY
            elif field in ("doc_number", "office"):
                ok = _number_form(got[field]) == _number_form(want)
            else:
                ok = got[field] == want
            right[field] += ok
            if not ok:
                problems.append(f"{page['file']} {field}: got {got[field]!r} want {want!r}")
    scores = {f"real_{field}": round(right[field] / max(total[field], 1), 4) for field in REAL_FIELDS}
    numbers = json.loads((folder / "docnumbers.json").read_text(encoding="utf-8"))
    parsed_right = 0
    for row in numbers:
        found = parse_doc_number(row["raw"])
        got = None if found is None else (_number_form(found.agency), found.year, found.serial)
        ok = got == (_number_form(row["agency_code"]), row["year"], row["serial"])
        parsed_right += ok
        if not ok:
            problems.append(f"docnumber {row['raw']!r}: got {got} want {row['agency_code'], row['year'], row['serial']}")
    scores["real_docnumbers"] = round(parsed_right / max(len(numbers), 1), 4)
    return scores, problems


def _plain(text: str | None) -> str:
    return re.sub(r"[\s\u3000]+", "", unicodedata.normalize("NFKC", text or ""))


def _ratio(a: str | None, b: str) -> float:
    return difflib.SequenceMatcher(None, a or "", b, autojunk=False).ratio()


def _number_form(text: str | None) -> str | None:
    """Blanks, widths and bracket shapes aside: 渝北府发 〔2017〕 7号 = 渝北府发〔2017〕7号."""
    if text is None:
        return None
    text = _plain(text)
    text = re.sub(r"[\[【]", "〔", re.sub(r"[\]】]", "〕", text))
    return re.sub(r"[(（](\d{4})[)）]", r"〔\1〕", text)


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
    parser.add_argument("--real", type=Path, default=ROOT.parent / "shared" / "real",
                        help="a folder of real pages with gold.json and docnumbers.json ('' to skip)")
    parser.add_argument("--json", action="store_true", help="print scores as JSON only")
    parser.add_argument("--gate", type=Path, help="baseline file with floors; exit 1 below them")
    args = parser.parse_args()
    scores, problems = evaluate(args.seeds, args.html)
    if str(args.real) not in ("", ".") and (args.real / "gold.json").exists():
        real_scores, real_problems = evaluate_real(args.real)
        scores.update(real_scores)
        problems += real_problems
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
