"""gazette rebuild and editor overrides (overrides/*.toml)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from scraper import records
from scraper.cli import main
from scraper.overrides import OverrideError, Overrides, OverridingStore, load_overrides
from scraper.store import Store

from conftest import HTML_FIXTURES, make_doc, number

ISSUE = "benxi-2021-02"


def run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture
def ingested(tmp_path: Path) -> tuple[Path, Path, list[str]]:
    """Fixture 000 (本溪 2021 第2期, six documents) in a store; an empty overrides folder."""
    store, overrides = tmp_path / "gazette.db", tmp_path / "overrides"
    overrides.mkdir()
    run("ingest", "--store", str(store), "--overrides", str(overrides), str(HTML_FIXTURES[0]))
    with Store(store) as opened:
        ids = [r.doc_id for r in opened.latest_records() if r.issue_id == ISSUE]
    assert len(ids) == 6
    return store, overrides, ids


def versions(store: Path) -> dict[str, list[tuple[int, str]]]:
    with Store(store) as opened:
        return {doc: [(v.version, v.reason) for v in opened.versions(doc)]
                for doc in (r.doc_id for r in opened.latest_records())}


def test_an_override_gives_exactly_that_document_a_processing_version(ingested: tuple[Path, Path, list[str]]) -> None:
    store, overrides, ids = ingested
    target = ids[1]
    with Store(store) as opened:
        old_title = opened.document(target).latest.document.title  # type: ignore[union-attr]
    (overrides / "benxi.toml").write_text(f'["{target}"]\ntitle = "更正后的标题"\n', encoding="utf-8")
    out = run("rebuild", "--store", str(store), "--overrides", str(overrides), "--no-site", ISSUE)
    assert f"{target}: version 2 (processing), changed: 标题" in out
    assert f"{ISSUE}: 1 captures re-processed, 1 new versions" in out
    after = versions(store)
    assert after[target] == [(1, "new"), (2, "processing")]
    assert all(after[doc] == [(1, "new")] for doc in ids if doc != target)
    with Store(store) as opened:
        latest = opened.document(target).latest.document  # type: ignore[union-attr]
        counts = opened.counts()
    assert latest.title == "更正后的标题" and dict(latest.overrides) == {"title": old_title}
    # Again: nothing (not even a capture row).
    out = run("rebuild", "--store", str(store), "--overrides", str(overrides), "--no-site", ISSUE)
    assert f"{ISSUE}: 1 captures re-processed, 0 new versions" in out
    with Store(store) as opened:
        assert opened.counts() == counts
    # Ingesting the same page again keeps the correction (the bytes are already stored).
    run("ingest", "--store", str(store), "--overrides", str(overrides), str(HTML_FIXTURES[0]))
    assert versions(store) == after
    # The correction withdrawn: the pipeline's title comes back, as processing.
    (overrides / "benxi.toml").unlink()
    out = run("rebuild", "--store", str(store), "--overrides", str(overrides), "--no-site", ISSUE)
    assert f"{target}: version 3 (processing), changed: 标题" in out
    with Store(store) as opened:
        latest = opened.document(target).latest.document  # type: ignore[union-attr]
    assert latest.title == old_title and latest.overrides == ()


def test_a_corrected_doc_number_keeps_the_document(ingested: tuple[Path, Path, list[str]]) -> None:
    store, overrides, ids = ingested
    target = ids[2]
    (overrides / "benxi.toml").write_text(
        f'["{target}"]\ndoc_number = "本政办发〔2021〕99号"\nsigned = 2021-04-01\noffice = "本溪市人民政府"\n',
        encoding="utf-8")
    out = run("rebuild", "--store", str(store), "--overrides", str(overrides), "--no-site", ISSUE)
    assert f"{target}: version 2 (processing), changed: 文号、发文机关、成文日期" in out
    with Store(store) as opened:
        latest = opened.document(target).latest.document  # type: ignore[union-attr]
        assert opened.counts()["documents"] == 6  # matched by what the pipeline read: no new document
    assert latest.doc_number is not None and latest.doc_number.canonical == "本政办发〔2021〕99号"
    assert latest.signed is not None and latest.signed.isoformat() == "2021-04-01"
    assert {name for name, _ in latest.overrides} == {"doc_number", "signed", "office"}
    out = run("rebuild", "--store", str(store), "--overrides", str(overrides), "--no-site", ISSUE)
    assert "0 new versions" in out


def test_overrides_apply_during_ingest(tmp_path: Path, ingested: tuple[Path, Path, list[str]]) -> None:
    _, _, ids = ingested
    folder = tmp_path / "fresh-overrides"
    folder.mkdir()
    (folder / "benxi.toml").write_text(f'["{ids[0]}"]\ntitle = "入库时即更正"\n', encoding="utf-8")
    fresh = tmp_path / "fresh.db"
    run("ingest", "--store", str(fresh), "--overrides", str(folder), str(HTML_FIXTURES[0]))
    with Store(fresh) as opened:
        stored = opened.document(ids[0])
    assert stored is not None and stored.latest.version == 1 and stored.latest.document.title == "入库时即更正"


@pytest.mark.parametrize(("text", "message"), [
    ('["x"]\ntitel = "a"\n', "x.titel: unknown field"),
    ('["x"]\nsigned = "April"\n', "x.signed: expected a date"),
    ('["x"]\ndoc_number = "第几号"\n', "x.doc_number: '第几号' is not a 文号"),
    ('["x"]\ntitle = ""\n', "x.title: a title cannot be empty"),
    ('["x"]\noffice = 3\n', "x.office: expected a string"),
    ('x = "a"\n', "x: expected a table"),
    ('["x"\n', "not valid TOML"),
])
def test_invalid_overrides_name_file_and_key(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "benxi.toml").write_text(text, encoding="utf-8")
    with pytest.raises(OverrideError) as caught:
        load_overrides(tmp_path)
    assert str(caught.value).startswith(f"{tmp_path / 'benxi.toml'}: ") and message in str(caught.value)
    store = tmp_path / "gazette.db"
    result = CliRunner().invoke(main, ["ingest", "--store", str(store), "--overrides", str(tmp_path),
                                       str(HTML_FIXTURES[0])])
    assert result.exit_code != 0 and message in result.output


def test_the_same_document_in_two_files_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text('["x"]\ntitle = "甲"\n', encoding="utf-8")
    (tmp_path / "b.toml").write_text('["x"]\ntitle = "乙"\n', encoding="utf-8")
    with pytest.raises(OverrideError, match="already corrected in"):
        load_overrides(tmp_path)


def test_old_records_without_overrides_still_read(tmp_path: Path) -> None:
    doc = make_doc(1, "关于甲的通知", number("本政办发", 2021, 5))
    record = records.to_record(doc)
    assert "overrides" not in record  # an uncorrected record is exactly what it was before
    assert records.from_record(json.loads(records.dumps(record))) == doc
    corrected = Overrides({"d": {"title": "关于乙的通知"}}).apply("d", doc)
    again = records.from_record(json.loads(records.dumps(records.to_record(corrected))))
    assert again.title == "关于乙的通知" and again.overrides == (("title", "关于甲的通知"),)
    assert Overrides({"d": {"title": "关于甲的通知"}}).apply("d", doc) is doc  # no change, no record


def test_rebuild_of_an_unknown_issue_fails(ingested: tuple[Path, Path, list[str]]) -> None:
    store, overrides, _ = ingested
    result = CliRunner().invoke(main, ["rebuild", "--store", str(store), "--overrides", str(overrides),
                                       "--no-site", "nowhere-1999-01"])
    assert result.exit_code != 0 and "no issue or lone document 'nowhere-1999-01'" in result.output


def test_document_page_lists_corrected_fields(ingested: tuple[Path, Path, list[str]], tmp_path: Path) -> None:
    store, overrides, ids = ingested
    (overrides / "benxi.toml").write_text(f'["{ids[1]}"]\ntitle = "更正后的标题"\n', encoding="utf-8")
    site = tmp_path / "site"
    run("rebuild", "--store", str(store), "--overrides", str(overrides), "--site-dir", str(site), ISSUE)
    pages = list(site.glob(f"**/{ids[1]}/index.html"))
    assert len(pages) == 1
    html = pages[0].read_text(encoding="utf-8")
    assert "编辑更正" in html and "更正后的标题" in html
    other = next(iter(site.glob(f"**/{ids[0]}/index.html"))).read_text(encoding="utf-8")
    assert "编辑更正" not in other


def test_overriding_store_is_a_plain_store_without_overrides(tmp_path: Path) -> None:
    with OverridingStore(tmp_path / "gazette.db") as store:
        assert not store.overrides and store.counts()["versions"] == 0


def test_a_rebuild_after_a_recapture_writes_no_false_versions(tmp_path: Path) -> None:
    """Issue 12: ingest a page, then a second capture with one sentence edited, then rebuild with
    nothing else changed. The rebuild used to re-read the older capture too, writing v3 (the old
    text) and v4 (the new text again), both as 'source'."""
    store, overrides = tmp_path / "gazette.db", tmp_path / "overrides"
    overrides.mkdir()
    page = tmp_path / "benxi" / "2021-02.html"
    page.parent.mkdir()
    original = HTML_FIXTURES[0].read_bytes()
    page.write_bytes(original)
    run("ingest", "--store", str(store), "--overrides", str(overrides), str(page))
    edited = original.decode("utf-8").replace("请按照立法程序和计划安排组织实施。", "请各有关单位认真贯彻落实。")
    assert edited.encode("utf-8") != original
    page.write_text(edited, encoding="utf-8")
    out = run("ingest", "--store", str(store), "--overrides", str(overrides), str(page))
    assert "1 new versions" in out
    before = versions(store)
    changed = [doc for doc, history in before.items() if len(history) == 2]
    assert len(changed) == 1 and before[changed[0]] == [(1, "new"), (2, "source")]
    with Store(store) as opened:
        counts = opened.counts()
    out = run("rebuild", "--store", str(store), "--overrides", str(overrides), "--no-site", ISSUE)
    assert f"{ISSUE}: 1 captures re-processed, 0 new versions" in out
    assert versions(store) == before
    with Store(store) as opened:
        assert opened.counts()["versions"] == counts["versions"]
        text = opened.document(changed[0]).latest.document.text  # type: ignore[union-attr]
    assert "请各有关单位认真贯彻落实。" in text
    # An override now: exactly one 'processing' version, read from the latest capture.
    target = [doc for doc in before if doc != changed[0]][0]
    (overrides / "benxi.toml").write_text(f'["{changed[0]}"]\ntitle = "更正后的标题"\n["{target}"]\n'
                                          'title = "另一个更正"\n', encoding="utf-8")
    out = run("rebuild", "--store", str(store), "--overrides", str(overrides), "--no-site", ISSUE)
    assert f"{ISSUE}: 1 captures re-processed, 2 new versions" in out
    after = versions(store)
    assert after[changed[0]] == [(1, "new"), (2, "source"), (3, "processing")]
    assert after[target] == [(1, "new"), (2, "processing")]  # its last version came from the first capture
    with Store(store) as opened:
        latest = opened.document(changed[0]).latest.document  # type: ignore[union-attr]
    assert "请各有关单位认真贯彻落实。" in latest.text and latest.title == "更正后的标题"
