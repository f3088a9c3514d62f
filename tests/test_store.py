from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path

import pytest

from scraper.errors import StoreError
from scraper.model import Document, Notice, Removal
from scraper.pipeline import PIPELINE_VERSION, process_path
from scraper.store import SCHEMA_VERSION, Store

from conftest import BENXI_2021_2, HTML_FIXTURES, SEEDS, make_doc, make_parsed, number, pipeline_ready

EXPECTED_IDS = ["benxi-zhengfuling-192", "benxi-benzhengbanfa-2021-5", "benxi-benzhengbanfa-2021-12"]


@pytest.fixture
def store(tmp_path: Path):
    with Store(tmp_path / "gazette.db") as opened:
        yield opened


def test_round_trip_keeps_documents_raw_bytes_and_audit(store: Store, docs: list[Document]) -> None:
    parsed = make_parsed(docs)
    report = store.add(parsed, "1")
    assert report.issue_id == "benxi-2021-02"
    assert list(report.document_ids) == EXPECTED_IDS
    assert (report.documents, report.new_documents, report.new_versions, report.unchanged) == (3, 3, 3, 0)
    for doc_id, doc in zip(EXPECTED_IDS, docs):
        stored = store.document(doc_id)
        assert stored is not None and stored.latest.document == doc
        assert (stored.issue_id, stored.ordinal, stored.status) == ("benxi-2021-02", doc.ordinal, "current")
        assert stored.latest.reason == "new" and stored.latest.version == 1
    assert store.issue("benxi-2021-02") == BENXI_2021_2
    assert store.raw(parsed.capture.sha256) == parsed.capture.raw
    audit = store.audit(report.capture_id)
    assert audit.removals == (Removal("hidden-style", "买球网址", 12),)
    assert audit.notices == (Notice("toc-mismatch", "TOC lists 3, body holds 2", 5),)
    assert store.document("no-such-id") is None


def test_counts_after_one_capture(store: Store, docs: list[Document]) -> None:
    store.add(make_parsed(docs), "1")
    assert store.counts() == {
        "blobs": 1, "captures": 1, "issues": 1, "documents": 3, "versions": 3,
        "sightings": 3, "removals": 1, "notices": 1, "suspects": 0, "confirmations": 0,
    }


def test_reingest_of_the_same_bytes_adds_nothing(store: Store, docs: list[Document]) -> None:
    first = store.add(make_parsed(docs), "1")
    before = store.counts()
    again = store.add(make_parsed(docs), "1")
    assert again.duplicate_capture and again.new_versions == 0 and again.new_documents == 0
    assert again.capture_id == first.capture_id
    assert store.counts() == before


def test_same_bytes_at_another_location_records_the_location_only(store: Store, docs: list[Document]) -> None:
    store.add(make_parsed(docs), "1")
    before = store.counts()
    report = store.add(make_parsed(docs, location="mirror/2021-02.html"), "1")
    assert report.duplicate_capture and report.new_versions == 0
    after = store.counts()
    assert after["captures"] == before["captures"] + 1
    assert after["versions"] == before["versions"] and after["blobs"] == before["blobs"]
    assert [c.location for c in store.captures()] == ["benxi/2021-02.html", "mirror/2021-02.html"]


def test_changed_source_gives_exactly_one_new_version(store: Store, docs: list[Document]) -> None:
    store.add(make_parsed(docs), "1")
    edited = dataclasses.replace(docs[1], lines=docs[1].lines + ("本通知自印发之日起施行。",))
    report = store.add(make_parsed([docs[0], edited, docs[2]]), "1")
    assert (report.new_versions, report.unchanged, report.new_documents) == (1, 2, 0)
    versions = store.versions(EXPECTED_IDS[1])
    assert [(v.version, v.reason) for v in versions] == [(1, "new"), (2, "source")]
    assert versions[-1].document == edited
    assert [len(store.versions(i)) for i in EXPECTED_IDS] == [1, 2, 1]


def test_same_bytes_new_pipeline_gives_processing_versions(store: Store, docs: list[Document]) -> None:
    raw = b"<html>same bytes</html>"
    store.add(make_parsed(docs, raw=raw), "1")
    better = dataclasses.replace(docs[0], doc_type="办法")
    report = store.add(make_parsed([better, *docs[1:]], raw=raw), "2")
    assert not report.duplicate_capture
    assert (report.new_versions, report.unchanged) == (1, 2)
    assert [v.reason for v in store.versions(EXPECTED_IDS[0])] == ["new", "processing"]
    assert store.versions(EXPECTED_IDS[0])[-1].pipeline_version == "2"
    assert store.counts()["blobs"] == 1 and store.counts()["captures"] == 2


def test_identity_survives_retitling_and_reordering(store: Store, docs: list[Document]) -> None:
    store.add(make_parsed(docs), "1")
    inserted = make_doc(1, "本溪市人民政府关于新增事项的通知", number("本政发", 2021, 3), office="本溪市人民政府")
    moved = [dataclasses.replace(d, ordinal=d.ordinal + 1) for d in docs]
    moved[2] = dataclasses.replace(moved[2], title="本溪市人民政府办公室关于调整分工的通知")  # matched by 文号
    report = store.add(make_parsed([inserted, *moved]), "1")
    assert list(report.document_ids) == ["benxi-benzhengfa-2021-3", *EXPECTED_IDS]
    assert report.new_documents == 1
    assert report.new_versions == 2  # the new document, and the retitled one; moving is no change
    assert store.document(EXPECTED_IDS[0]).ordinal == 2  # type: ignore[union-attr]


def test_document_without_doc_number_matched_by_title(store: Store) -> None:
    speech = make_doc(1, "在全市优化营商环境大会上的讲话", office="本溪市人民政府", doc_type="讲话")
    first = store.add(make_parsed([speech]), "1")
    second = store.add(make_parsed([dataclasses.replace(speech, signed=None)]), "1")
    assert first.document_ids == second.document_ids
    assert first.document_ids[0].startswith("benxi-2021-02-t")
    assert second.new_versions == 1


def test_document_absent_from_a_newer_capture_is_withdrawn(store: Store, docs: list[Document]) -> None:
    store.add(make_parsed(docs, captured="2024-01-01T00:00:00+00:00"), "1")
    report = store.add(make_parsed(docs[:2], captured="2024-02-01T00:00:00+00:00"), "1")
    assert report.withdrawn == (EXPECTED_IDS[2],)
    assert [store.document(i).status for i in EXPECTED_IDS] == ["current", "current", "withdrawn"]  # type: ignore[union-attr]
    back = store.add(make_parsed(docs, captured="2024-03-01T00:00:00+00:00", raw=b"v3"), "1")
    assert back.withdrawn == () and store.document(EXPECTED_IDS[2]).status == "current"  # type: ignore[union-attr]


def test_another_location_of_the_issue_withdraws_nothing(store: Store, docs: list[Document]) -> None:
    store.add(make_parsed(docs), "1")
    report = store.add(make_parsed(docs[:1], location="benxi/2021-02-part1.html"), "1")
    assert report.withdrawn == ()
    assert {store.document(i).status for i in EXPECTED_IDS} == {"current"}  # type: ignore[union-attr]


def test_lone_documents_match_globally_by_doc_number(store: Store) -> None:
    lone = make_doc(1, "鞍山市人民政府办公室关于印发实施方案的通知", number("鞍政办发", 2019, 33),
                    office="鞍山市人民政府办公室")
    first = store.add(make_parsed([lone], issue=None, location="a.html"), "1")
    changed = dataclasses.replace(lone, recipients="各县(市)区人民政府")
    second = store.add(make_parsed([changed], issue=None, location="b.html"), "1")
    assert first.issue_id is None and first.document_ids == ("anshan-anzhengbanfa-2019-33",)
    assert second.document_ids == first.document_ids
    assert [v.reason for v in store.versions("anshan-anzhengbanfa-2019-33")] == ["new", "source"]


def test_the_same_number_from_the_same_place_on_a_lone_page_is_the_same_document(store: Store, docs: list[Document]) -> None:
    store.add(make_parsed(docs), "1")
    report = store.add(make_parsed([docs[1]], issue=None, location="lone.html"), "1")
    assert report.document_ids == (EXPECTED_IDS[1],)
    assert report.new_documents == 0
    assert store.document(EXPECTED_IDS[1]).issue_id == "benxi-2021-02"  # type: ignore[union-attr]


def test_the_same_number_from_another_place_is_another_document(store: Store, docs: list[Document]) -> None:
    store.add(make_parsed(docs), "1")
    elsewhere = dataclasses.replace(docs[1], office="青岚市人民政府办公室", lines=("另一份文件的正文。",))
    report = store.add(make_parsed([elsewhere], issue=None, location="lone.html"), "1")
    assert report.new_documents == 1
    assert report.document_ids == ("qinglan-benzhengbanfa-2021-5",)


def test_a_same_title_twice_in_one_issue_gets_ids_by_position(store: Store) -> None:
    twins = [make_doc(k, "关于做好节日期间安全工作的通知", lines=(f"第{k}份的正文。",)) for k in (1, 2)]
    report = store.add(make_parsed(twins), "1")
    assert len(set(report.document_ids)) == 2
    assert report.document_ids[1] == report.document_ids[0] + "-2"


def test_failure_mid_add_rolls_back_everything(store: Store, docs: list[Document], monkeypatch) -> None:
    store.add(make_parsed(docs[:1], location="first.html", issue=None), "1")
    before = store.counts()
    calls = []
    original = Store._put_version

    def fail_on_second(self, *args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise OSError("disk full")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Store, "_put_version", fail_on_second)
    with pytest.raises(StoreError) as caught:
        store.add(make_parsed(docs, location="broken/2021-02.html"), "1")
    assert caught.value.source == "broken/2021-02.html"
    assert "disk full" in str(caught.value)
    assert store.counts() == before
    assert [c.location for c in store.captures()] == ["first.html"]


def test_versions_are_append_only(tmp_path: Path, docs: list[Document]) -> None:
    path = tmp_path / "gazette.db"
    with Store(path) as store:
        store.add(make_parsed(docs), "1")
    db = sqlite3.connect(path)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        db.execute("UPDATE versions SET reason = 'source'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        db.execute("DELETE FROM versions")
    db.close()


def test_schema_version_and_wal(tmp_path: Path) -> None:
    path = tmp_path / "gazette.db"
    Store(path).close()
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    db.execute("PRAGMA user_version = 99")
    db.close()
    with pytest.raises(StoreError, match="schema version 99"):
        Store(path)


def test_a_file_that_is_not_a_store_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "not-a.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError) as caught:
        Store(path)
    assert caught.value.source == str(path)


def test_latest_records_streams_issue_documents_in_order(store: Store, docs: list[Document]) -> None:
    lone = make_doc(1, "关于做好防汛工作的通知", number("鞍政办发", 2019, 40), office="鞍山市人民政府办公室")
    store.add(make_parsed([lone], issue=None, location="lone.html"), "1")
    store.add(make_parsed(docs), "1")
    edited = dataclasses.replace(docs[0], lines=("改过的正文。",))
    store.add(make_parsed([edited, *docs[1:]]), "1")
    latest = list(store.latest_records())
    assert [r.doc_id for r in latest] == [*EXPECTED_IDS, "anshan-anzhengbanfa-2019-40"]
    assert latest[0].version == 2 and latest[0].document == edited
    assert latest[0].issue == BENXI_2021_2 and latest[-1].issue is None
    assert latest[0].source.location == "benxi/2021-02.html"


@pytest.mark.skipif(not pipeline_ready(), reason="pipeline stages not finished yet")
@pytest.mark.parametrize("path", [*SEEDS, *HTML_FIXTURES], ids=lambda p: p.name)
def test_real_pages_round_trip(store: Store, path: Path) -> None:
    parsed = process_path(path)
    report = store.add(parsed, PIPELINE_VERSION)
    assert report.new_versions == len(parsed.documents) > 0
    for doc_id, doc in zip(report.document_ids, parsed.documents):
        stored = store.document(doc_id)
        assert stored is not None and stored.latest.document == doc
    assert store.raw(parsed.capture.sha256) == path.read_bytes()
    # The same bytes under a new pipeline version: recorded, but no content changed.
    again = store.add(process_path(path), PIPELINE_VERSION + "-next")
    assert not again.duplicate_capture and again.new_versions == 0
    assert again.document_ids == report.document_ids


def test_an_older_capture_ingested_late_does_not_become_the_latest_version(store: Store, docs: list[Document]) -> None:
    store.add(make_parsed(docs, captured="2024-03-01T00:00:00+00:00"), "1")
    older = dataclasses.replace(docs[1], lines=("一份更早的文本。",))
    report = store.add(make_parsed([docs[0], older, docs[2]], captured="2024-01-01T00:00:00+00:00"), "1")
    assert report.new_versions == 0 and not report.duplicate_capture  # kept as a capture, not as a version
    assert [v.version for v in store.versions(EXPECTED_IDS[1])] == [1]
    assert store.document(EXPECTED_IDS[1]).latest.document == docs[1]  # type: ignore[union-attr]


def test_a_rereading_of_bytes_a_document_was_read_from_is_processing(store: Store, docs: list[Document]) -> None:
    """The second capture leaves docs[0] unchanged, so its latest version still points at the first
    capture; a new pipeline reading the second capture differently is still only 'processing'."""
    store.add(make_parsed(docs, raw=b"first"), "1")
    edited = dataclasses.replace(docs[1], lines=("改过的正文。",))
    store.add(make_parsed([docs[0], edited, docs[2]], raw=b"second"), "1")
    better = dataclasses.replace(docs[0], doc_type="办法")
    store.add(make_parsed([better, edited, docs[2]], raw=b"second"), "2")
    assert [v.reason for v in store.versions(EXPECTED_IDS[0])] == ["new", "processing"]
