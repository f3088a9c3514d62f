"""Document history and diffs on the real text of a seed, re-captured with edits.

The seed 000 (本溪市人民政府公报 2021 第2期) is captured once as it is, then again at the same
location a month later with one sentence of 本政办发〔2021〕5号 rewritten and the 文号 of
本政办发〔2021〕12号 corrected to 11号 (in the 目录 and in the body).
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from scraper.cli import main
from scraper.diff import FieldChange, coloured, diff_versions, line_hunks, text_diff, unified
from scraper.history import history
from scraper.matching import Known, match
from scraper.model import Parsed
from scraper.pipeline import PIPELINE_VERSION, make_capture, process
from scraper.store import Store

from conftest import SEEDS, make_doc, number

SEED = SEEDS[0]
LOCATION = "http://www.benxi.gov.cn/zwgk/zfgb/2021/2.html"  # one page, captured twice
FIRST, LATER, LATEST = "2024-01-01T00:00:00+00:00", "2024-02-01T00:00:00+00:00", "2024-03-01T00:00:00+00:00"

OLD_WORDS, NEW_WORDS = "按照立法程序和计划安排组织实施", "各有关单位认真贯彻落实"
EDITED = "benxi-benzhengbanfa-2021-5"  # its sentence 请按照…组织实施 becomes 请各有关单位认真贯彻落实
RENUMBERED = "benxi-benzhengbanfa-2021-12"  # its 文号 becomes 本政办发〔2021〕11号
DROPPED = "benxi-benzhengbanfa-2021-13"
ALL_IDS = ["benxi-zhengfuling-192", "benxi-benzhengbanfa-2021-1", EDITED, RENUMBERED, DROPPED,
           "benxi-benzhengbanfa-2021-14"]


def seed_text() -> str:
    return SEED.read_bytes().decode("utf-8")


def edited_text() -> str:
    text = seed_text()
    assert text.count(OLD_WORDS) == 1 and text.count("本政办发〔2021〕12号") == 2  # 目录 and body
    return text.replace(OLD_WORDS, NEW_WORDS).replace("本政办发〔2021〕12号", "本政办发〔2021〕11号")


def without_13(text: str) -> str:
    """The page without 本政办发〔2021〕13号: its 目录 entry and its body (banner to the next banner)."""
    lines = text.split("\n")
    lines = [line for line in lines if "(本政办发〔2021〕13号)" not in line]
    start = next(i for i, line in enumerate(lines) if line.strip() == "本政办发〔2021〕13号")
    end = next(i for i, line in enumerate(lines) if line.strip() == "本政办发〔2021〕14号")

    def banner(index: int) -> int:
        return max(i for i in range(index) if lines[i].strip().endswith("文件"))

    return "\n".join(lines[: banner(start)] + lines[banner(end):])


def parse(text: str, captured: str) -> Parsed:
    return process(make_capture(LOCATION, text.encode("utf-8"), "text/plain", captured))


@pytest.fixture
def store(tmp_path: Path):
    with Store(tmp_path / "gazette.db") as opened:
        yield opened


@pytest.fixture
def two_captures(store: Store) -> Store:
    first = store.add(parse(seed_text(), FIRST), PIPELINE_VERSION)
    assert list(first.document_ids) == ALL_IDS
    return store


# ---- the store's versions ----------------------------------------------------------------------


def test_only_the_two_changed_documents_get_a_source_version(two_captures: Store) -> None:
    store = two_captures
    report = store.add(parse(edited_text(), LATER), PIPELINE_VERSION)
    # The 文号 correction keeps the document's id: version 2 of 12号, not a new document 11号.
    assert list(report.document_ids) == ALL_IDS
    assert (report.new_documents, report.new_versions, report.withdrawn) == (0, 2, ())
    for doc_id in ALL_IDS:
        expected = [(1, "new"), (2, "source")] if doc_id in (EDITED, RENUMBERED) else [(1, "new")]
        assert [(v.version, v.reason) for v in store.versions(doc_id)] == expected, doc_id
    renumbered = store.document(RENUMBERED)
    assert renumbered is not None and renumbered.status == "current"
    assert renumbered.latest.document.doc_number.canonical == "本政办发〔2021〕11号"  # type: ignore[union-attr]


def test_reingesting_either_capture_adds_nothing(two_captures: Store) -> None:
    store = two_captures
    store.add(parse(edited_text(), LATER), PIPELINE_VERSION)
    before = store.counts()
    for text, when in ((seed_text(), FIRST), (edited_text(), LATER)):
        again = store.add(parse(text, when), PIPELINE_VERSION)
        assert again.duplicate_capture and again.new_versions == 0 and again.new_documents == 0
    assert store.counts() == before


def test_the_changed_sentence_is_one_deletion_and_one_insertion(two_captures: Store) -> None:
    store = two_captures
    store.add(parse(edited_text(), LATER), PIPELINE_VERSION)
    old, new = store.versions(EDITED)
    diff = diff_versions(old, new)
    assert (diff.doc_id, diff.from_version, diff.to_version) == (EDITED, 1, 2)
    assert diff.metadata == () and diff.other == ()
    assert (diff.deleted, diff.inserted) == (len(OLD_WORDS), len(NEW_WORDS))
    [hunk] = diff.hunks
    changes = [op for op in hunk.ops if op[0] != "equal"]
    assert changes == [("delete", OLD_WORDS), ("insert", NEW_WORDS)]
    assert [line.kind for line in hunk.lines if line.kind != "context"] == ["delete", "insert"]
    deleted, inserted = (line for line in hunk.lines if line.kind != "context")
    assert [op for op in deleted.ops if op[0] == "delete"] == [("delete", OLD_WORDS)]
    assert [op for op in inserted.ops if op[0] == "insert"] == [("insert", NEW_WORDS)]
    assert inserted.text.endswith("请各有关单位认真贯彻落实。") and deleted.new_number is None
    # Context is two lines either side, not the whole document.
    assert sum(line.kind == "context" for line in hunk.lines) <= 4 < len(new.document.lines)


def test_the_doc_number_change_is_a_metadata_change(two_captures: Store) -> None:
    store = two_captures
    store.add(parse(edited_text(), LATER), PIPELINE_VERSION)
    diff = diff_versions(*store.versions(RENUMBERED))
    assert diff.metadata == (FieldChange("doc_number", "文号", "本政办发〔2021〕12号", "本政办发〔2021〕11号"),)
    # The 文号 line of the text changed too: one character.
    assert (diff.deleted, diff.inserted) == (1, 1)
    text = unified(diff)
    assert "- 文号: 本政办发〔2021〕12号\n+ 文号: 本政办发〔2021〕11号\n" in text
    assert "\n-本政办发〔2021〕12号\n+本政办发〔2021〕11号\n" in text and "@@ line " in text
    assert text.index("文号:") < text.index("@@")
    assert "\x1b[" not in text and "\x1b[" in coloured(diff)


def test_a_document_gone_from_the_later_capture_is_withdrawn(two_captures: Store) -> None:
    store = two_captures
    parsed = parse(without_13(seed_text()), LATER)
    assert [d.doc_number.canonical for d in parsed.documents if d.doc_number][-2:] == [
        "本政办发〔2021〕12号", "本政办发〔2021〕14号"]
    report = store.add(parsed, PIPELINE_VERSION)
    assert report.withdrawn == (DROPPED,) and report.new_versions == 0
    entries = history(store, DROPPED)
    assert [e.version for e in entries] == [1]
    assert entries[0].status == "withdrawn" and entries[0].status_zh == "已撤下"
    assert entries[0].withdrawn is not None
    assert (entries[0].withdrawn.location, entries[0].withdrawn.captured) == (LOCATION, LATER)
    assert {e.status for e in history(store, EDITED)} == {"current"}
    assert history(store, EDITED)[0].withdrawn is None
    result = CliRunner().invoke(main, ["history", "--store", store.path, DROPPED])
    assert result.exit_code == 0, result.output
    assert f"status: WITHDRAWN (已撤下): absent from {LOCATION} captured {LATER}" in result.output
    # Back in a still later capture: current again.
    store.add(parse(seed_text() + "\n", LATEST), PIPELINE_VERSION)
    assert history(store, DROPPED)[0].status == "current"


def test_same_bytes_under_another_pipeline_give_processing_versions(store: Store) -> None:
    parsed = parse(seed_text(), FIRST)
    store.add(parsed, PIPELINE_VERSION)
    first = parsed.documents[0]
    better = dataclasses.replace(first, title=first.title + "(修订)")
    report = store.add(dataclasses.replace(parsed, documents=(better, *parsed.documents[1:])), "test-2")
    assert (report.new_versions, report.new_documents) == (1, 0)
    entries = history(store, ALL_IDS[0])
    assert [(e.version, e.reason, e.pipeline_version) for e in entries] == [
        (1, "new", PIPELINE_VERSION), (2, "processing", "test-2")]
    assert entries[1].reason_zh == "重新处理" and entries[1].reason_en == "re-processed"
    assert entries[0].raw_sha256 == entries[1].raw_sha256 == parsed.capture.sha256
    assert [c.label for c in entries[1].metadata] == ["标题"] and (entries[1].inserted, entries[1].deleted) == (0, 0)
    assert [len(store.versions(i)) for i in ALL_IDS[1:]] == [1] * 5


def test_history_entries_name_their_capture_and_change_size(two_captures: Store) -> None:
    store = two_captures
    store.add(parse(edited_text(), LATER), PIPELINE_VERSION)
    first, second = history(store, EDITED)
    assert (first.version, first.reason, first.reason_zh, first.inserted, first.deleted) == (1, "new", "首次收录", None, None)
    assert (second.reason, second.reason_en, second.inserted, second.deleted) == (
        "source", "source changed", len(NEW_WORDS), len(OLD_WORDS))
    assert (first.location, first.captured, second.captured) == (LOCATION, FIRST, LATER)
    assert first.raw_sha256 != second.raw_sha256
    assert store.raw(second.raw_sha256) == edited_text().encode("utf-8")
    assert second.latest and not first.latest and second.to_json()["source"]["captured"] == LATER
    assert [c.key for c in history(store, RENUMBERED)[1].metadata] == ["doc_number"]
    assert history(store, "no-such-document") == []


# ---- pure diff functions ----------------------------------------------------------------------


def test_text_diff_keeps_a_changed_chinese_phrase_whole() -> None:
    old = "市政府各委办局要按照立法程序和计划安排组织实施。"
    new = "市政府各委办局要认真贯彻落实。"
    assert text_diff(old, new) == [
        ("equal", "市政府各委办局要"), ("delete", "按照立法程序和计划安排组织实施"),
        ("insert", "认真贯彻落实"), ("equal", "。")]
    assert text_diff("同一句话。", "同一句话。") == [("equal", "同一句话。")]
    assert text_diff("", "新") == [("insert", "新")]


def test_line_hunks_collapse_unchanged_lines() -> None:
    old = [f"第{n}条 内容{n}。" for n in range(1, 21)]
    new = list(old)
    new[4] = "第5条 内容已修改。"
    new[15:16] = ["第16条 内容16。", "第16条之一 新增内容。"]
    first, second = line_hunks(old, new, context=2)
    assert (first.old_start, first.old_count, first.new_start, first.new_count) == (3, 5, 3, 5)
    assert [line.kind for line in first.lines] == ["context"] * 2 + ["delete", "insert"] + ["context"] * 2
    assert [op for op in first.ops if op[0] != "equal"] == [("delete", "5"), ("insert", "已修改")]
    assert [line.text for line in second.lines if line.kind == "insert"] == ["第16条之一 新增内容。"]
    assert second.lines[-1].old_number == 18 and second.lines[-1].new_number == 19
    assert line_hunks(old, old) == []
    [merged] = line_hunks(old, new, context=6)  # contexts overlap: one hunk
    assert [op for op in merged.ops if op[0] != "equal"] == [
        ("delete", "5"), ("insert", "已修改"), ("insert", "第16条之一 新增内容。")]
    inline = "".join(text for _, text in merged.ops)  # the changed runs with the context between them
    assert inline.startswith("第5条 内容") and "。\n第6条 内容6。\n" in inline
    assert inline.endswith("第16条 内容16。\n第16条之一 新增内容。")


def test_renumbered_matches_only_on_the_same_page() -> None:
    doc = make_doc(4, "关于调整分工的通知", number("本政办发", 2021, 11))
    text = doc.text
    elsewhere = Known("a", 4, "本政办发〔2021〕12号", doc.title, text)
    assert match([doc], [elsewhere]) == [None]  # another page: two 文号, two documents
    same_page = dataclasses.replace(elsewhere, same_page=True)
    assert match([doc], [same_page]) == ["a"]
    # Not when the stored document's own 文号 is still on the page.
    kept = make_doc(5, doc.title, number("本政办发", 2021, 12))
    assert match([doc, kept], [same_page]) == [None, "a"]
    # Nor when the text is another one.
    other = dataclasses.replace(same_page, text="完全不同的一段文字。" * 5)
    assert match([doc], [other]) == [None]


# ---- the command line ---------------------------------------------------------------------------


@pytest.fixture
def changed_store(two_captures: Store) -> str:
    two_captures.add(parse(edited_text(), LATER), PIPELINE_VERSION)
    return two_captures.path


def test_cli_history_table(changed_store: str) -> None:
    result = CliRunner().invoke(main, ["history", "--store", changed_store, RENUMBERED])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith(RENUMBERED) and lines[1] == "status: current (最新版本)"
    assert lines[2].split()[:5] == ["version", "created", "reason", "+chars", "-chars"]
    assert lines[3].split()[0] == "1" and "new 首次收录" in lines[3] and LOCATION in lines[3]
    assert lines[4].split()[0] == "2" and "source 原文变更" in lines[4]
    assert "+1" in lines[4] and "-1" in lines[4] and lines[4].endswith("文号、目录文号")
    as_json = json.loads(CliRunner().invoke(
        main, ["history", "--store", changed_store, "--format", "json", RENUMBERED]).output)
    assert as_json["status"] == "current" and [v["reason"] for v in as_json["versions"]] == ["new", "source"]
    assert as_json["versions"][1]["metadata"][0]["new"] == "本政办发〔2021〕11号"


def test_cli_diff_text_json_and_colour(changed_store: str) -> None:
    runner = CliRunner()
    text = runner.invoke(main, ["diff", "--store", changed_store, EDITED])
    assert text.exit_code == 0, text.output
    assert "\x1b[" not in text.output  # not a terminal: plain text
    assert f"-为加强法治政府建设" in text.output and f"{NEW_WORDS}。" in text.output
    assert text.output == runner.invoke(main, ["diff", "--store", changed_store, EDITED, "1", "2"]).output
    forced = runner.invoke(main, ["diff", "--store", changed_store, "--color", EDITED])
    assert "\x1b[" in forced.output and NEW_WORDS in forced.output
    as_json = runner.invoke(main, ["diff", "--store", changed_store, "--format", "json", RENUMBERED])
    data = json.loads(as_json.output)
    assert data["metadata"] == [{"key": "doc_number", "label": "文号",
                                 "old": "本政办发〔2021〕12号", "new": "本政办发〔2021〕11号"}]
    assert (data["from_version"], data["to_version"], data["inserted"], data["deleted"]) == (1, 2, 1, 1)


def test_cli_diff_errors_and_single_versions(changed_store: str, tmp_path: Path) -> None:
    runner = CliRunner()
    unknown = runner.invoke(main, ["diff", "--store", changed_store, "no-such-doc"])
    assert unknown.exit_code == 1 and "no-such-doc" in unknown.output
    assert len(unknown.output.strip().splitlines()) == 1
    version = runner.invoke(main, ["diff", "--store", changed_store, EDITED, "1", "3"])
    assert version.exit_code == 1 and "no version 3" in version.output and EDITED in version.output
    lone = runner.invoke(main, ["diff", "--store", changed_store, DROPPED])
    assert lone.exit_code == 0 and "nothing to compare" in lone.output
    history_unknown = runner.invoke(main, ["history", "--store", changed_store, "no-such-doc"])
    assert history_unknown.exit_code == 1 and "no-such-doc" in history_unknown.output
    missing = runner.invoke(main, ["history", "--store", str(tmp_path / "none.db"), EDITED])
    assert missing.exit_code == 1 and "no such store" in missing.output
    assert not (tmp_path / "none.db").exists()
