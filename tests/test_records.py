from __future__ import annotations

import dataclasses
import json

from hypothesis import given
from hypothesis import strategies as st

from scraper import records
from scraper.model import DocNumber, Document, Paragraph, Table

from conftest import benxi_docs, make_doc


def test_record_round_trips_every_document_exactly() -> None:
    for doc in benxi_docs():
        record = records.to_record(doc)
        # Through JSON and back, as the store keeps it.
        assert records.from_record(json.loads(records.dumps(record))) == doc


def test_record_keeps_tables_as_rows_and_dates_as_iso() -> None:
    record = records.to_record(benxi_docs()[2])
    assert {"type": "table", "rows": [["姓名", "分工"], ["张三", "财政"]]} in record["blocks"]
    assert record["signed"] == "2021-01-12"
    assert record["doc_number"]["canonical"] == "本政办发〔2021〕12号"


def test_dumps_is_canonical_and_keeps_characters() -> None:
    text = records.dumps({"b": "黃石", "a": 1})
    assert text == '{"a":1,"b":"黃石"}'


def test_content_hash_ignores_position_but_not_text_or_metadata() -> None:
    doc = make_doc(2, "关于印发立法计划的通知")
    base = records.content_sha256(records.to_record(doc))
    moved = dataclasses.replace(doc, ordinal=5)
    edited = dataclasses.replace(doc, lines=doc.lines + ("补充一句。",))
    retitled = dataclasses.replace(doc, title="关于印发立法计划的通知(修订)")
    assert records.content_sha256(records.to_record(moved)) == base
    assert records.content_sha256(records.to_record(edited)) != base
    assert records.content_sha256(records.to_record(retitled)) != base


@st.composite
def documents(draw: st.DrawFn) -> Document:
    """Any document the pipeline could hand over, odd characters and empty fields included."""
    text = st.text(max_size=30)
    maybe_date = st.none() | st.dates()
    doc_number = st.none() | st.builds(DocNumber, text, text, st.none() | st.integers(1900, 2100),
                                       st.integers(0, 10**6), text)
    table = st.builds(Table, st.lists(st.lists(text, max_size=3).map(tuple), max_size=3).map(tuple))
    blocks = st.lists(st.builds(Paragraph, text) | table, max_size=4).map(tuple)
    return Document(
        ordinal=draw(st.integers(1, 500)), title=draw(text), doc_number=draw(doc_number),
        office=draw(st.none() | text), doc_type=draw(st.none() | text), signed=draw(maybe_date),
        published=draw(maybe_date), recipients=draw(st.none() | text),
        attachments=tuple(draw(st.lists(text, max_size=3))), script=draw(st.sampled_from(["simplified", "traditional"])),
        lines=tuple(draw(st.lists(text, max_size=5))), blocks=draw(blocks),
        toc_title=draw(st.none() | text), toc_number=draw(st.none() | text),
    )


@given(documents())
def test_any_document_round_trips_through_json(doc: Document) -> None:
    assert records.from_record(json.loads(records.dumps(records.to_record(doc)))) == doc


@given(documents())
def test_record_json_and_content_hash_from_one_encoding_equal_the_two_dumps(doc: Document) -> None:
    """derive.py encodes each record once for both (its text is most of it)."""
    record = records.to_record(doc)
    assert records.dumps_and_content(record) == (records.dumps(record), records.content_sha256(record))


def test_one_encoding_of_the_seed_records_equals_the_two_dumps() -> None:
    for doc in benxi_docs():
        record = records.to_record(doc)
        assert records.dumps_and_content(record) == (records.dumps(record), records.content_sha256(record))
