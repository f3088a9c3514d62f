"""scripts/eval_cities.py: the scorer gives a perfect export full marks and counts each kind of miss."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _load(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


make_cities = _load("make_cities")
ev = _load("eval_cities")


def perfect(page: dict) -> list[dict]:
    """What an ideal pipeline would export for the page (field names as in the export schema)."""
    return [{"ordinal": k + 1, "title": d["title"], "doc_number": d["doc_number_canonical"],
             "doc_number_raw": d["doc_number"], "office": d["office"], "doc_type": d["genre"], "signed": d["signed"],
             "recipients": d["recipients"], "attachments": d["attachments"], "text": "\n".join(d["lines"]),
             "issue": page["issue"], "source": {"location": page["file"]}}
            for k, d in enumerate(page["documents"])]


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> list[dict]:
    return make_cities.generate(tmp_path_factory.mktemp("c"), 4, 2, 11, 2)


def test_a_perfect_export_scores_one(pages):
    scores = [ev.score_page(p, perfect(p)) for p in pages]
    s = ev.summarize(scores, sum(len(x.records) for x in scores), 0)
    assert (s["precision"], s["recall"], s["f1"]) == (1.0, 1.0, 1.0)
    assert all(v == 1.0 for v in s["fields"].values()), s["fields"]
    assert all(v == 1.0 for v in s["issue"].values() if v is not None)
    assert s["content_lines"][0] == s["content_lines"][1] and s["ends_right"] == 1.0
    assert s["spam_kept"][0] == 0 and s["chrome_kept"][0] == 0 and s["lost"] == s["glued"] == 0


def test_a_glued_document_is_missed_and_explained(pages):
    page = next(p for p in pages if p["kind"] == "issue" and len(p["documents"]) >= 3)
    records = perfect(page)
    records[0]["text"] += "\n" + records[1]["text"]
    del records[1]
    ps = ev.score_page(page, records)
    assert len(ps.found) == len(page["documents"]) - 1 and ps.glued == 1 and ps.spurious == 0
    assert any(w.startswith("glued: ") for w in ps.why)


def test_a_document_starting_with_the_toc_is_not_found(pages):
    page = next(p for p in pages if p["toc_lines"])
    records = perfect(page)
    records[0]["text"] = "\n".join(page["toc_lines"]) + "\n" + records[0]["text"]
    ps = ev.score_page(page, records)
    assert 0 not in ps.found and ps.misread == 1


def test_lost_content_spam_and_wrong_fields_are_counted(pages):
    page = next(p for p in pages if p["kind"] == "issue" and len(p["documents"]) >= 3 and p["spam"])
    records = perfect(page)
    del records[2]  # its text is nowhere
    records[0]["text"] += "\n" + page["spam"][0]["text"]
    records[1]["signed"] = "1999-01-01"
    records[1]["title"] = records[1]["title"] + "（节选）"  # still similar enough to be found
    ps = ev.score_page(page, records)
    assert ps.lost == 1 and len(ps.spam_kept) == 1
    assert ps.fields["signed"].count(False) == 1 and ps.fields["title"].count(False) == 1
    assert 1 in ps.found


def test_doc_numbers_compare_across_bracket_forms(pages):
    doc = {"doc_number": "岚府发[2019]5号", "doc_number_canonical": "岚府发〔2019〕5号"}
    assert ev.number_ok({"doc_number": "岚府发〔2019〕5号"}, doc)
    assert ev.number_ok({"doc_number": None, "doc_number_raw": "岚府发【2019】5号"}, doc)
    assert not ev.number_ok({"doc_number": "岚府发〔2019〕6号"}, doc)


def test_end_to_end_through_the_command_line(tmp_path):
    out = tmp_path / "c"
    pages = make_cities.generate(out, 1, 1, 2, 1)
    (out / "truth.json").write_text(json.dumps({"pages": pages}, ensure_ascii=False), encoding="utf-8")
    figures = tmp_path / "figures.json"
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "eval_cities.py"), str(out),
                           "--store", str(tmp_path / "s.db"), "--json", str(figures)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "split      precision" in done.stdout and "worst" in done.stdout
    s = json.loads(figures.read_text(encoding="utf-8"))
    assert s["pages"] == 2 and s["truth_documents"] >= 2 and 0 <= s["found"] <= s["truth_documents"]
    assert s["exported_documents"] >= 1  # the pipeline stored something from the generated pages
