"""Editor split corrections (overrides/*.toml [split."<issue id>"]) on a real seed."""

from __future__ import annotations

from pathlib import Path

import pytest

from scraper.overrides import OverrideError, OverridingStore, load_overrides
from scraper.pipeline import PIPELINE_VERSION, process_path

from conftest import SEEDS

BENXI = SEEDS[0]  # 本溪市人民政府公报 2021年第2期: six documents


def write(folder: Path, text: str) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / "benxi.toml").write_text(text, encoding="utf-8")
    return folder


def titles(store: OverridingStore) -> list[str]:
    return [r.document.title for r in store.latest_records() if r.status == "current"]


def test_join_and_start_recut_the_issue(tmp_path: Path) -> None:
    parsed = process_path(BENXI)
    assert len(parsed.documents) == 6
    folder = write(tmp_path / "overrides", """
[split."benxi-2021-02"]
join = ["本溪市人民政府办公室关于对2020年落实"]   # the 5th document is taken as part of the 4th
start = ["附件2"]                                # the 6th document's second attachment stands alone
""")
    with OverridingStore(tmp_path / "g.db", load_overrides(folder)) as store:
        report = store.add(parsed, PIPELINE_VERSION)
        assert report.documents == 6  # 6 − 1 joined + 1 started
        got = titles(store)
        fourth = next(r.document for r in store.latest_records() if r.document.ordinal == 4)
        assert "真抓实干成效明显" in "\n".join(fourth.lines)  # the joined text is in the 4th
        assert not any(title.startswith("本溪市人民政府办公室关于对2020年") for title in got)
        assert got[-1].startswith("附件2")


def test_a_rule_that_matches_nothing_is_reported_not_ignored(tmp_path: Path) -> None:
    folder = write(tmp_path / "overrides", '[split."benxi-2021-02"]\nstart = ["这一行不存在"]\n')
    with OverridingStore(tmp_path / "g.db", load_overrides(folder)) as store:
        report = store.add(process_path(BENXI), PIPELINE_VERSION)
        assert report.documents == 6
        notices = store.audit(report.capture_id).notices
        assert any(n.code == "override-split" and "这一行不存在" in n.message for n in notices)


@pytest.mark.parametrize("text, message", [
    ('[split."benxi-2021-02"]\nbegin = ["x"]\n', "unknown key"),
    ('[split."benxi-2021-02"]\nstart = "x"\n', "expected a list"),
    ('split = 3\n', "expected tables"),
])
def test_bad_split_rules_name_the_file_and_key(tmp_path: Path, text: str, message: str) -> None:
    folder = write(tmp_path / "overrides", text)
    with pytest.raises(OverrideError) as caught:
        load_overrides(folder)
    assert message in str(caught.value) and "benxi.toml" in str(caught.value.source)


def test_rebuild_applies_a_new_split_correction(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from scraper.cli import main

    db, folder = tmp_path / "g.db", tmp_path / "overrides"
    folder.mkdir()
    runner = CliRunner()
    assert runner.invoke(main, ["ingest", "--store", str(db), "--overrides", str(folder), str(BENXI)]).exit_code == 0
    write(folder, '[split."benxi-2021-02"]\njoin = ["本溪市人民政府办公室关于对2020年落实"]\n')
    result = runner.invoke(main, ["rebuild", "--store", str(db), "--overrides", str(folder), "--no-site",
                                  "benxi-2021-02"])
    assert result.exit_code == 0, result.output
    assert "benxi-benzhengbanfa-2021-13: withdrawn" in result.output
    assert "benxi-benzhengbanfa-2021-12: version 2 (processing)" in result.output
    again = runner.invoke(main, ["rebuild", "--store", str(db), "--overrides", str(folder), "--no-site",
                                 "benxi-2021-02"])
    assert "0 new versions" in again.output
