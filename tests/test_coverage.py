"""coverage.py: gaps in a gazette's holdings, found from 年第N期 and 总第N期, none invented."""

from __future__ import annotations

import importlib.util
import random
import sys
from pathlib import Path

import pytest

from scraper.coverage import IssueRef, coverage
from scraper.pipeline import make_capture, process

ROOT = Path(__file__).resolve().parents[1]


def ref(year: int, number: int, total: int | None = None) -> IssueRef:
    return IssueRef(f"x-{year}-{number:02d}", year, number, total)


def missing(found) -> set[tuple[int, int]]:  # noqa: ANN001
    return {slot for gap in found.gaps for slot in gap.missing}


def test_within_a_year() -> None:
    found = coverage([ref(2021, 1, 101), ref(2021, 2, 102), ref(2021, 5, 105), ref(2021, 6, 106)])
    assert missing(found) == {(2021, 3), (2021, 4)}
    assert found.complete_to == ref(2021, 2, 102) and found.complete_from == ref(2021, 1, 101)
    assert [(c.number, c.issue is not None) for c in found.years[0].cells] == \
        [(1, True), (2, True), (3, False), (4, False), (5, True), (6, True)]


def test_across_a_year_end_the_running_numbers_tell_which_year() -> None:
    # 2020 had issues up to 第12期 (总第112期); the archive has 第1期, 第10期 and 2021年第2期 (总第114期).
    found = coverage([ref(2020, 1, 101), ref(2020, 10, 110), ref(2021, 2, 114)])
    assert missing(found) - {(2020, n) for n in range(2, 10)} == {(2020, 11), (2020, 12), (2021, 1)}
    assert found.gaps[-1].totals == (111, 113)


def test_without_running_numbers_nothing_is_invented_after_a_years_last_held_issue() -> None:
    found = coverage([ref(2020, 1), ref(2020, 2), ref(2021, 2)])
    assert missing(found) == {(2021, 1)}  # 2020 may have ended with 第2期


def test_whole_years_between_are_counted_not_placed() -> None:
    found = coverage([ref(2018, 11, 71), ref(2018, 12, 72), ref(2021, 1, 109)])
    gap = found.gaps[-1]
    assert gap.missing == () and gap.unplaced == 36 and gap.totals == (73, 108)


def test_before_the_first_held_issue_of_its_year() -> None:
    found = coverage([ref(2019, 3, 51), ref(2019, 4, 52)])
    assert missing(found) == {(2019, 1), (2019, 2)}
    assert found.complete_to == ref(2019, 4, 52)  # complete from the first held issue on


def test_a_combined_issue_is_no_gap() -> None:
    found = coverage([ref(2021, 1, 38), ref(2021, 3, 40), ref(2021, 5, 41)])  # 第3-4期 printed as 第3期
    assert missing(found) == {(2021, 2)} and found.notes


def test_the_latest_issue_has_no_gap_after_it() -> None:
    found = coverage([ref(2024, 1, 1), ref(2024, 2, 2)])
    assert found.complete and found.complete_to == ref(2024, 2, 2)


# ---- a generated gazette with removed issues, through the real pipeline --------------------------

def make_samples():  # noqa: ANN201
    spec = importlib.util.spec_from_file_location("make_samples", ROOT / "scripts" / "make_samples.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    sys.modules["make_samples"] = module
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


@pytest.mark.parametrize("seed", [3, 8])
def test_gaps_in_a_generated_gazette_are_all_found_and_none_invented(seed: int) -> None:
    """Two gazettes of the sample city over three years (issue pages rendered by
    scripts/make_samples.py in all its layouts, scripts and encodings), some issues removed: every
    removed issue between the first and the last held one is found, at its year and number, and no
    held issue is called missing."""
    ms = make_samples()
    rng = random.Random(seed)
    first_year = 2021
    gazettes = [g for g in ms.GAZETTES if g.slug in ("beixi", "yuntai")]
    slots = [(g, y, k) for y in range(first_year, first_year + 3) for g in gazettes for k in range(1, g.per_year + 1)]
    removed = set(rng.sample(range(len(slots)), 14))
    counters: dict = {}
    held: dict[str, list[IssueRef]] = {}
    truth_missing: dict[str, set[tuple[int, int]]] = {}
    for index, slot in enumerate(slots):
        g, year, number = slot
        if index in removed:
            truth_missing.setdefault(g.slug, set()).add((year, number))
            continue
        page = ms.make_issue(index, slot, first_year, seed, counters)
        data, _ = ms.render_page(page, seed)
        media = "text/plain" if page.relpath.endswith(".txt") else "text/html"
        issue = process(make_capture(page.relpath, data, media)).issue
        assert issue is not None and (issue.year, issue.number) == (year, number), page.relpath
        assert issue.total_number == page.issue["total_number"], page.relpath
        held.setdefault(g.slug, []).append(IssueRef(page.relpath, year, number, issue.total_number))
    for slug, refs in held.items():
        found = coverage(refs)
        first, last = min((r.year, r.number) for r in refs), max((r.year, r.number) for r in refs)
        expected = {slot for slot in truth_missing.get(slug, set()) if slot < last and (slot >= first or slot[0] == first[0])}
        assert missing(found) == expected, slug
        assert not any(gap.unplaced for gap in found.gaps)
        assert not {(r.year, r.number) for r in refs} & missing(found)


def test_the_coverage_command_lists_the_gaps(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from scraper.cli import main
    from scraper.store import Store

    from conftest import SEEDS

    store = tmp_path / "gazette.db"
    with Store(store) as opened:
        for path in SEEDS[:2]:
            opened.add(process(make_capture(path.name, path.read_bytes(), "text/plain")), "1")
    result = CliRunner().invoke(main, ["coverage", "--store", str(store), "benxi"])
    assert result.exit_code == 0, result.output
    assert "benxi  本溪市人民政府公报: 1 issues held, 1 missing" in result.output
    assert "missing before the first held issue: 2021年第1期 (总第115期)" in result.output
    result = CliRunner().invoke(main, ["coverage", "--store", str(store), "--format", "json"])
    import json

    data = {g["gazette"]: g for g in json.loads(result.output)}
    assert data["huangshi"]["missing"] == 5 and data["benxi"]["gaps"][0]["missing"] == [{"year": 2021, "number": 1}]
    assert CliRunner().invoke(main, ["coverage", "--store", str(store), "nowhere"]).exit_code != 0
