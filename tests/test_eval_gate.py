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
