"""The quality gate: scores on the gold may not fall below the floors in eval_baseline.json."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from conftest import SHARED

ROOT = Path(__file__).resolve().parent.parent


def load_eval():
    spec = importlib.util.spec_from_file_location("gazette_eval", ROOT / "scripts" / "eval.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_scores_stay_above_the_pinned_floors():
    module = load_eval()
    scores, problems = module.evaluate(SHARED / "seeds", SHARED / "fixtures" / "html")
    real, real_problems = module.evaluate_real(SHARED / "real")
    baseline = json.loads((ROOT / "tests" / "eval_baseline.json").read_text())
    for bound in ("floors", "ceilings"):  # the cities' bounds: below
        baseline[bound] = {k: v for k, v in baseline[bound].items() if not k.startswith("cities_")}
    assert module.gate({**scores, **real}, baseline) == [], problems + real_problems


def test_real_pages_are_scored_field_by_field():
    module = load_eval()
    real, _ = module.evaluate_real(SHARED / "real")
    assert set(real) == {"real_title", "real_doc_number", "real_office", "real_signed", "real_docnumbers"}
    assert module._number_form("渝北府发 〔2017〕 7号") == module._number_form("渝北府发〔2017〕7号")
    assert module._number_form("桂农发(2014)1号") == "桂农发〔2014〕1号"


def test_the_gate_fails_when_a_score_drops():
    module = load_eval()
    assert module.gate({"split_f1": 0.9, "noise_kept": 1}, {"floors": {"split_f1": 0.95}, "ceilings": {"noise_kept": 0}}) == [
        "split_f1 = 0.9 is below the floor 0.95",
        "noise_kept = 1 is above the ceiling 0",
    ]


def test_pages_from_other_cities_stay_above_their_floors(tmp_path):
    """Split F1 and fields on generated issue pages of other cities' layouts (make_cities.py, written
    without reading the pipeline), through the command line, pinned in eval_baseline.json."""
    import sys

    cities = _load_script("make_cities")
    scorer = _load_script("eval_cities")
    assert cities.main([str(tmp_path / "cities"), "--cities", "8", "--issues-per-city", "3", "--seed", "7"]) == 0
    figures = tmp_path / "figures.json"
    assert scorer.main([str(tmp_path / "cities"), "--json", str(figures), "--worst", "0",
                        "--gazette", str(Path(sys.executable).parent / "gazette")]) == 0
    summary = json.loads(figures.read_text())
    kept, lines = summary["content_lines"]
    got = {"cities_split_f1": summary["f1"], "cities_content_kept": kept / lines, "cities_spam_kept": summary["spam_kept"][0],
           **{f"cities_{k}": summary["fields"][k] for k in ("title", "doc_number", "office", "signed")}}
    baseline = json.loads((ROOT / "tests" / "eval_baseline.json").read_text())
    bounds = {bound: {k: v for k, v in baseline[bound].items() if k.startswith("cities_")} for bound in ("floors", "ceilings")}
    assert load_eval().gate(got, bounds) == [], got


def test_pages_read_the_same_when_changed_in_ways_a_reader_would_not_notice():
    """Each seed and real page converted to Traditional, in another site's chrome, with spam spliced
    in, blank lines added or removed, indented, in GB18030, with no-break spaces, its signature on one
    line; each seed's HTML page re-serialized, in font spans, with hidden spam, in a layout table
    (eval_variants.py): every document's title, 文号, office and date stay (Traditional folded back)."""
    variants = _load_script("eval_variants")
    result = variants.evaluate([SHARED / "seeds", SHARED / "real", SHARED / "fixtures" / "html"], list(variants.VARIANTS))
    applied = {name: v["pages"] for name, v in result["variants"].items()}
    assert applied["traditional"] == result["pages"] == 50 and applied["mirror"] == 45 and applied["hiddenspam"] == 5
    baseline = json.loads((ROOT / "tests" / "eval_baseline.json").read_text())
    assert load_eval().gate(result, {"ceilings": {"variants_changed": baseline["ceilings"]["variants_changed"]}}) == [], \
        result["changes"]


def _load_script(name: str):
    import sys

    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module
