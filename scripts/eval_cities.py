#!/usr/bin/env python3
"""Score the pipeline on pages written by make_cities.py, through the command line only.

    .venv/bin/python scripts/eval_cities.py OUT [--store PATH] [--worst 12] [--json FILE]

Runs `gazette ingest --store PATH OUT` and `gazette export --format jsonl` (a fresh store in a
temporary folder unless --store is given), then compares the export with OUT/truth.json:

- split precision / recall / F1: a truth document is found when an exported document of its page
  has the right title (similarity >= 0.9 over letters and digits) or the right 文号, and starts at
  the right first line (nothing before its first content line but the document's own heading);
- per-field accuracy over found documents (title, 文号, office, signing date, genre, 主送, 附件);
- documents lost (their content is in no exported document) and glued (inside another one);
- issue metadata, content lines kept, spam strings kept (by trick), chrome strings kept;
- recall by template, encoding, script and 目录 shape, and the worst pages with why.

Only the CLI and the export format (../shared/spec/export.schema.json) are used, never the
pipeline's internals, so the score means the same whatever the splitter becomes.
"""

from __future__ import annotations

import argparse
import difflib
import json
import subprocess
import sys
import tempfile
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIELDS = ("title", "doc_number", "office", "signed", "genre", "recipients", "attachments")
TITLE_SIMILARITY = 0.9
_BRACKETS = str.maketrans({"[": "〔", "]": "〕", "【": "〔", "】": "〕", "(": "〔", ")": "〕", "（": "〔", "）": "〕",
                           "［": "〔", "］": "〕", "„": "〔", "‟": "〕"})


def squash(text: str | None) -> str:
    """NFKC without any whitespace: how two printings of one line compare."""
    return "".join(unicodedata.normalize("NFKC", text or "").split())


def key(text: str | None) -> str:
    """Letters and digits only (titles and names compared without spaces or punctuation)."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", text or "") if unicodedata.category(ch)[0] in "LN")


def number_key(text: str | None) -> str:
    return squash(text).translate(_BRACKETS)


_T2S = None


def simplified(text: str | None) -> str:
    """Genre words compared in Simplified (a Traditional page may say 講話)."""
    global _T2S
    if text is None:
        return ""
    try:
        if _T2S is None:
            import opencc

            _T2S = opencc.OpenCC("t2s")
        return _T2S.convert(text)
    except ImportError:
        return text


# ---------------------------------------------------------------- running the CLI

def run_cli(out: Path, store: Path, gazette: Path) -> tuple[list[dict], dict[str, list[str]], str]:
    """Ingest OUT into the store and export it; returns records, ingest messages per file, and the summary."""
    ingest = subprocess.run([str(gazette), "ingest", "--store", str(store), str(out)],
                            capture_output=True, text=True)
    messages: dict[str, list[str]] = defaultdict(list)
    summary = ""
    for line in (ingest.stdout + "\n" + ingest.stderr).splitlines():
        path, sep, rest = line.partition(": ")
        failed = path.startswith("FAILED ")
        path = path.removeprefix("FAILED ")
        if sep and path.endswith((".html", ".htm")):
            messages[_rel(out, path)].append(("FAILED: " if failed else "") + rest)
        elif line.strip() and " files:" in line:
            summary = line.strip()
    export = subprocess.run([str(gazette), "export", "--store", str(store), "--format", "jsonl"],
                            capture_output=True, text=True)
    if export.returncode != 0:
        raise SystemExit(f"gazette export failed ({export.returncode}): {export.stderr.strip()}")
    records = [json.loads(ln) for ln in export.stdout.splitlines() if ln.strip()]
    return records, messages, summary or f"ingest exit code {ingest.returncode}"


def _rel(out: Path, location: str) -> str:
    p = Path(location)
    if not p.is_absolute():
        p = Path.cwd() / p
    try:
        return p.resolve().relative_to(out.resolve()).as_posix()
    except ValueError:
        return location


# ---------------------------------------------------------------- matching one page

@dataclass
class PageScore:
    truth: dict
    records: list[dict]
    found: dict[int, int] = field(default_factory=dict)  # truth index → record index
    why: list[str] = field(default_factory=list)
    lost: int = 0
    glued: int = 0
    misread: int = 0
    spurious: int = 0
    fields: dict[str, list[bool]] = field(default_factory=lambda: defaultdict(list))
    ends_right: int = 0
    divider_starts: int = 0
    lines_total: int = 0
    lines_kept: int = 0
    spam_kept: list[dict] = field(default_factory=list)
    chrome_kept: list[str] = field(default_factory=list)
    issue_fields: dict[str, bool] = field(default_factory=dict)


def _lines(record: dict) -> list[str]:
    return [s for s in (squash(ln) for ln in record.get("text", "").split("\n")) if s]


def start(record: dict, truth_doc: dict, dividers: frozenset[str] = frozenset()) -> str | None:
    """Does the record start at this document? "clean" when nothing comes before its first content
    line but the document's own heading, "divider" when an issue's section line (which belongs to
    no document) comes before it too, None when anything else does (the 目录, another document)."""
    first = squash(truth_doc["first_line"])
    heading = "".join(squash(h) for h in truth_doc["header_lines"])
    lines = _lines(record)
    for i, ln in enumerate(lines):
        pos = ln.find(first)
        if pos >= 0:
            before = [b for b in [*lines[:i], ln[:pos]] if b and b not in heading]
            if not before:
                return "clean"
            return "divider" if all(b in dividers for b in before) else None
    return None


def title_ok(record: dict, truth_doc: dict) -> bool:
    a, b = key(record.get("title")), key(truth_doc["title"])
    return bool(a) and difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= TITLE_SIMILARITY


def number_ok(record: dict, truth_doc: dict) -> bool:
    if not truth_doc["doc_number"]:
        return False
    got = {number_key(record.get("doc_number")), number_key(record.get("doc_number_raw"))} - {""}
    want = {number_key(truth_doc["doc_number_canonical"]), number_key(truth_doc["doc_number"])}
    # An order printed as 澜川市人民政府令 / 第193号: the number line alone (as ../shared/seeds' gold
    # gives 第192号) is the same number, its header the line above.
    header = truth_doc.get("header_lines") or []
    for above, line in zip(header, header[1:]):
        if above.endswith("令") and number_key(line) and number_key(above + line) in want:
            want.add(number_key(line))
    return bool(got & want)


def field_checks(record: dict, t: dict) -> dict[str, bool]:
    if t["doc_number"]:
        num = number_ok(record, t)
    else:
        num = not record.get("doc_number")
    offices = {key(t["office"])} | ({key("".join(t["offices"]))} if t["offices"] else set())
    return {
        "title": key(record.get("title")) == key(t["title"]),
        "doc_number": num,
        "office": key(record.get("office")) in offices,
        "signed": record.get("signed") == t["signed"],
        "genre": simplified(record.get("doc_type")) == t["genre"],
        "recipients": key(record.get("recipients")) == key(t["recipients"]),
        "attachments": [key(a) for a in record.get("attachments") or []] == [key(a) for a in t["attachments"]],
    }


def _pieces(spam: str) -> list[str]:
    """A spam string and its parts (a slogan and its web address): keeping either is keeping spam."""
    parts = [p for p in spam.split() if len(p) >= 4]
    return [spam, *parts] if len(parts) > 1 else [spam]


def score_page(truth: dict, records: list[dict]) -> PageScore:
    ps = PageScore(truth, sorted(records, key=lambda r: r.get("ordinal", 0)))
    docs = truth["documents"]
    recs = ps.records
    used: set[int] = set()
    dividers = frozenset(squash(x) for x in truth.get("between_lines", []))
    for i, t in enumerate(docs):
        for j, r in enumerate(recs):
            if j in used or not (title_ok(r, t) or number_ok(r, t)):
                continue
            how = start(r, t, dividers)
            if how:
                ps.found[i] = j
                ps.divider_starts += how == "divider"
                used.add(j)
                break
    owner_of = {j: i for i, j in ps.found.items()}
    texts = [squash(r.get("text", "")) for r in recs]
    for i, t in enumerate(docs):
        if i in ps.found:
            r = recs[ps.found[i]]
            for name, ok in field_checks(r, t).items():
                ps.fields[name].append(ok)
                if not ok and name in ("title", "doc_number", "office", "signed"):
                    got = r.get({"genre": "doc_type"}.get(name, name))
                    ps.why.append(f"{name} of 《{t['title'][:24]}》: got {str(got)[:40]!r}, want {str(t[name] if name != 'doc_number' else t['doc_number'])[:40]!r}")
            if squash(r.get("text", "")).endswith(squash(t["last_line"])):
                ps.ends_right += 1
            continue
        first = squash(t["first_line"])
        holders = [j for j, tx in enumerate(texts) if first in tx]
        if not holders:
            ps.lost += 1
            ps.why.append(f"lost: 《{t['title'][:30]}》 (its first line is in no exported document)")
        elif any(j in owner_of for j in holders):
            ps.glued += 1
            host = docs[owner_of[next(j for j in holders if j in owner_of)]]
            ps.why.append(f"glued: 《{t['title'][:30]}》 inside 《{host['title'][:24]}》")
        else:
            ps.misread += 1
            r = recs[holders[0]]
            what = "starts elsewhere" if not start(r, t, dividers) else "heading misread"
            ps.why.append(f"{what}: 《{t['title'][:30]}》 exported as {str(r.get('title'))[:30]!r} / {r.get('doc_number')!r}")
    for j, r in enumerate(recs):
        if j in used:
            continue
        holders = [i for i, t in enumerate(docs) if squash(t["first_line"]) in texts[j]]
        if any(i not in ps.found for i in holders):
            continue  # already explained as the truth document it carries
        ps.spurious += 1
        lines = _lines(r)
        head = lines[0] if lines else ""
        inside = [t for t in docs if any(head and head in squash(x) for x in t["lines"])]
        toc = any(head and head in squash(x) for x in truth.get("toc_lines", []) + truth.get("cover_lines", []))
        where = f"cut inside 《{inside[0]['title'][:24]}》" if inside else "the cover or 目录" if toc else "not a document"
        ps.why.append(f"spurious ({where}): {str(r.get('title'))[:36]!r} starting {head[:30]!r}")

    page_text = "".join(texts) + "".join(squash(r.get("title")) for r in recs)
    clean = page_text
    for s in truth["spam"]:
        for piece in _pieces(s["text"]):
            clean = clean.replace(squash(piece), "")
    for t in docs:
        for ln in t["lines"]:
            ps.lines_total += 1
            ps.lines_kept += squash(ln) in clean
    ps.spam_kept = [s for s in truth["spam"] if any(squash(piece) in page_text for piece in _pieces(s["text"]))]
    fields_text = page_text + "".join(squash(r.get(k) or "") for r in recs for k in ("office", "recipients"))
    ps.chrome_kept = [c for c in truth["chrome"] if squash(c) in fields_text]
    if truth["issue"]:
        issues = Counter(json.dumps(r.get("issue"), sort_keys=True, ensure_ascii=False) for r in recs if r.get("issue"))
        got = json.loads(issues.most_common(1)[0][0]) if issues else {}
        want = truth["issue"]
        ps.issue_fields = {
            "gazette": key(got.get("gazette")) == key(want["gazette"]),
            "year": got.get("year") == want["year"],
            "number": got.get("number") == want["number"],
            "total_number": got.get("total_number") == want["total_number"],
            "published": got.get("published") == want["published"],
        }
    return ps


# ---------------------------------------------------------------- report

def ratio(a: int, b: int) -> str:
    return f"{a / b:.3f}" if b else "n/a"


def summarize(scores: list[PageScore], records_total: int, merged_versions: int) -> dict:
    truth_docs = sum(len(s.truth["documents"]) for s in scores)
    found = sum(len(s.found) for s in scores)
    exported = sum(len(s.records) for s in scores)
    precision = found / exported if exported else 0.0
    recall = found / truth_docs if truth_docs else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    fields = {name: [ok for s in scores for ok in s.fields[name]] for name in FIELDS}
    issue_pages = [s for s in scores if s.truth["issue"]]
    spam_total = sum(len(s.truth["spam"]) for s in scores)
    by_trick: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for s in scores:
        kept = {x["text"] for x in s.spam_kept}
        for x in s.truth["spam"]:
            by_trick[x["trick"]][1] += 1
            by_trick[x["trick"]][0] += x["text"] in kept
    return {
        "pages": len(scores), "issue_pages": len(issue_pages), "truth_documents": truth_docs,
        "exported_documents": exported, "exported_elsewhere": records_total - exported,
        "found": found, "precision": precision, "recall": recall, "f1": f1,
        "lost": sum(s.lost for s in scores), "glued": sum(s.glued for s in scores),
        "misread": sum(s.misread for s in scores), "spurious": sum(s.spurious for s in scores),
        "records_with_several_versions": merged_versions,
        "fields": {k: (sum(v) / len(v) if v else None) for k, v in fields.items()},
        "ends_right": sum(s.ends_right for s in scores) / found if found else None,
        "starts_after_section_line": sum(s.divider_starts for s in scores),
        "issue": {k: sum(s.issue_fields.get(k, False) for s in issue_pages) / len(issue_pages) if issue_pages else None
                  for k in ("gazette", "year", "number", "total_number", "published")},
        "content_lines": [sum(s.lines_kept for s in scores), sum(s.lines_total for s in scores)],
        "spam_kept": [sum(len(s.spam_kept) for s in scores), spam_total],
        "spam_kept_by_trick": {k: v for k, v in sorted(by_trick.items())},
        "chrome_kept": [sum(len(s.chrome_kept) for s in scores), sum(len(s.truth["chrome"]) for s in scores)],
    }


def breakdown(scores: list[PageScore], label) -> list[str]:
    groups: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for s in scores:
        g = groups[label(s.truth)]
        g[0] += len(s.found)
        g[1] += len(s.truth["documents"])
    return [f"{k} {v[0]}/{v[1]}" for k, v in sorted(groups.items(), key=lambda kv: kv[1][0] / max(1, kv[1][1]))]


def report(summary: dict, scores: list[PageScore], messages: dict[str, list[str]], ingest_summary: str, worst: int) -> str:
    s = summary
    out = [f"ingest: {ingest_summary}",
           f"pages {s['pages']} ({s['issue_pages']} issues) · truth documents {s['truth_documents']} · "
           f"exported {s['exported_documents']}" + (f" (+{s['exported_elsewhere']} not on any generated page)" if s["exported_elsewhere"] else ""),
           f"split      precision {s['precision']:.3f}  recall {s['recall']:.3f}  F1 {s['f1']:.3f}   "
           f"(found {s['found']}, spurious {s['spurious']})",
           f"missed     lost {s['lost']} · glued into another document {s['glued']} · misread/mis-started {s['misread']}"
           f" · records holding >1 version {s['records_with_several_versions']}",
           "fields     " + "  ".join(f"{k} {v:.3f}" if v is not None else f"{k} n/a" for k, v in s["fields"].items())
           + (f"   (over {s['found']} found; ends right {s['ends_right']:.3f};"
              f" {s['starts_after_section_line']} begin with the issue's section line)" if s["ends_right"] is not None else ""),
           "issue      " + "  ".join(f"{k} {v:.3f}" if v is not None else f"{k} n/a" for k, v in s["issue"].items()),
           f"content    {s['content_lines'][0]}/{s['content_lines'][1]} lines kept",
           f"spam kept  {s['spam_kept'][0]}/{s['spam_kept'][1]}  ("
           + ", ".join(f"{k} {a}/{b}" for k, (a, b) in s["spam_kept_by_trick"].items()) + ")",
           f"chrome     {s['chrome_kept'][0]}/{s['chrome_kept'][1]} strings kept",
           "recall by template: " + ", ".join(breakdown(scores, lambda t: t["template"])),
           "recall by encoding: " + ", ".join(breakdown(scores, lambda t: f"{t['encoding']}/{t['declared'] or 'undeclared'}")),
           "recall by script:   " + ", ".join(breakdown(scores, lambda t: t["script"])),
           "recall by 目录:     " + ", ".join(breakdown(scores, lambda t: (t["toc"] or {}).get("style", "none") if t["kind"] == "issue" else "single")),
           "recall by city:     " + ", ".join(breakdown(scores, lambda t: t["city"]))]
    bad = sorted(scores, key=lambda p: (len(p.found) - len(p.truth["documents"]) - p.spurious, p.truth["file"]))
    out.append(f"worst {worst} pages:")
    for p in bad[:worst]:
        t = p.truth
        toc = (t["toc"] or {}).get("style", "no 目录") if t["kind"] == "issue" else "single"
        out.append(f"  {t['file']}  found {len(p.found)}/{len(t['documents'])}, spurious {p.spurious}  "
                   f"[{t['template']}, {t['encoding']}/{t['declared'] or 'undeclared'}, {t['script']}, {toc}]")
        for m in messages.get(t["file"], [])[:2]:
            out.append(f"    ingest: {m[:150]}")
        for w in p.why[:6]:
            out.append(f"    - {w}")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path, help="a folder written by scripts/make_cities.py")
    ap.add_argument("--store", type=Path, help="store to ingest into (default: a fresh one in a temporary folder)")
    ap.add_argument("--gazette", type=Path, default=ROOT / ".venv" / "bin" / "gazette", help="the gazette command")
    ap.add_argument("--worst", type=int, default=12, help="how many of the worst pages to explain")
    ap.add_argument("--json", type=Path, help="also write the figures as JSON here")
    args = ap.parse_args(argv)
    truth_path = args.out / "truth.json"
    if not truth_path.is_file():
        ap.error(f"{truth_path}: no truth.json (write OUT with scripts/make_cities.py)")
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        store = args.store or Path(tmp) / "cities.db"
        records, messages, ingest_summary = run_cli(args.out, store, args.gazette)
    by_page: dict[str, list[dict]] = defaultdict(list)
    for r in records:
        by_page[_rel(args.out, r["source"]["location"])].append(r)
    scores = [score_page(p, by_page.get(p["file"], [])) for p in truth["pages"]]
    merged = sum(1 for r in records if r.get("versions", 1) > 1)
    summary = summarize(scores, len(records), merged)
    print(report(summary, scores, messages, ingest_summary, args.worst))
    if args.json:
        args.json.write_text(json.dumps(summary, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
