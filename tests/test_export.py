from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import hashlib
import io
import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from scraper.export import csv_header, export
from scraper.store import Store

from conftest import SCHEMA_PATH, benxi_docs, make_doc, make_parsed, number

PROJECT_SCHEMA = Path(__file__).resolve().parents[1] / "spec" / "export.schema.json"


@pytest.fixture
def store(tmp_path: Path):
    """One issue of three documents (the first edited once) and one lone page."""
    with Store(tmp_path / "gazette.db") as opened:
        docs = benxi_docs()
        opened.add(make_parsed(docs), "1")
        opened.add(make_parsed([dataclasses.replace(docs[0], lines=("改过的正文。",)), *docs[1:]]), "1")
        lone = make_doc(1, "鞍山市人民政府办公室关于印发实施方案的通知", number("鞍政办发", 2019, 33),
                        office="鞍山市人民政府办公室", signed=dt.date(2019, 8, 30), published=dt.date(2019, 9, 2))
        opened.add(make_parsed([lone], issue=None, location="https://www.anshan.gov.cn/a.html"), "1")
        yield opened


def export_jsonl(store: Store) -> list[dict]:
    out = io.StringIO()
    count = export(store, "jsonl", out)
    lines = out.getvalue().splitlines()
    assert count == len(lines)
    return [json.loads(line) for line in lines]


@pytest.mark.parametrize("schema", [SCHEMA_PATH, PROJECT_SCHEMA], ids=["shared", "project"])
def test_jsonl_matches_the_schema(store: Store, schema: Path) -> None:
    validator = Draft202012Validator(json.loads(schema.read_text()), format_checker=FormatChecker())
    Draft202012Validator.check_schema(validator.schema)
    rows = export_jsonl(store)
    assert len(rows) == 4
    for row in rows:
        errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(row)]
        assert errors == []
        dt.datetime.fromisoformat(row["source"]["captured"])  # format "date-time" is not always checked


def test_the_project_schema_extends_the_shared_one_without_changing_it() -> None:
    shared, ours = json.loads(SCHEMA_PATH.read_text()), json.loads(PROJECT_SCHEMA.read_text())
    assert set(shared["required"]) <= set(ours["required"])
    for name, definition in shared["properties"].items():
        if name == "source":  # extended with url and url_is_printed; the shared fields as they were
            assert ours["properties"][name]["required"] == definition["required"]
            for field, spec in definition["properties"].items():
                assert ours["properties"][name]["properties"][field]["type"] == spec["type"]
            continue
        assert ours["properties"][name] == definition, name
    added = set(ours["required"]) - set(shared["required"])
    assert added == {"status", "withdrawn", "validity", "cites", "cited_by"}


def test_a_withdrawn_document_says_so_with_the_capture_that_showed_it_gone(tmp_path: Path) -> None:
    """Issue 12: after a re-captured issue dropped a document, export listed it like a current one."""
    docs = benxi_docs()
    with Store(tmp_path / "gazette.db") as opened:
        opened.add(make_parsed(docs, captured="2024-01-01T00:00:00+00:00"), "1")
        gone = opened.add(make_parsed(docs[:2], captured="2024-02-01T08:00:00+00:00", raw=b"second"), "1")
        assert gone.withdrawn == ("benxi-benzhengbanfa-2021-12",)
        rows = {row["id"]: row for row in export_jsonl(opened)}
        out = io.StringIO()
        export(opened, "csv", out)
    withdrawn = rows["benxi-benzhengbanfa-2021-12"]
    assert withdrawn["status"] == "withdrawn"
    assert withdrawn["withdrawn"] == {"date": "2024-02-01", "capture": {
        "location": "benxi/2021-02.html", "sha256": hashlib.sha256(b"second").hexdigest(),
        "captured": "2024-02-01T08:00:00+00:00"}}
    assert rows["benxi-zhengfuling-192"]["status"] == "current" and rows["benxi-zhengfuling-192"]["withdrawn"] is None
    csv_rows = {row["id"]: row for row in csv.DictReader(io.StringIO(out.getvalue()))}
    assert csv_rows["benxi-benzhengbanfa-2021-12"]["withdrawn_date"] == "2024-02-01"
    assert csv_rows["benxi-benzhengbanfa-2021-12"]["status"] == "withdrawn"
    assert csv_rows["benxi-benzhengbanfa-2021-12"]["withdrawn_sha256"] == hashlib.sha256(b"second").hexdigest()
    assert csv_rows["benxi-zhengfuling-192"]["withdrawn_date"] == ""


def test_export_never_publishes_an_absolute_local_path(tmp_path: Path) -> None:
    with Store(tmp_path / "gazette.db") as opened:
        opened.add(make_parsed(benxi_docs(), location="/home/editor/tmp/page.html"), "1")
        opened.add(make_parsed([make_doc(1, "关于甲的通知", number("本政发", 2020, 1))], issue=None,
                               location="../shared/seeds/x.txt"), "1")
        rows = export_jsonl(opened)
    assert {row["source"]["location"] for row in rows} == {"page.html", "x.txt"}


def test_jsonl_values(store: Store) -> None:
    first, second, _, lone = export_jsonl(store)
    assert first["id"] == "benxi-zhengfuling-192"
    assert first["url"] == "/benxi/2021/02/benxi-zhengfuling-192/"
    assert first["issue"] == {
        "id": "benxi-2021-02", "gazette": "本溪市人民政府公报", "year": 2021, "number": 2,
        "total_number": 116, "published": "2021-04-28", "publisher": "本溪市人民政府办公室",
    }
    assert (first["version"], first["versions"], first["text"]) == (2, 2, "改过的正文。")
    assert first["published"] == "2021-04-28"  # the issue's date when the page gives none
    assert second["doc_number"] == "本政办发〔2021〕5号" and second["attachments"] == ["立法计划", "分工表"]
    assert second["signed"] == "2021-01-12" and second["version"] == 1
    assert lone["issue"] is None
    assert lone["url"] == "/documents/2019/anshan-anzhengbanfa-2019-33/"
    assert lone["published"] == "2019-09-02"
    assert lone["source"]["location"] == "https://www.anshan.gov.cn/a.html"


def test_csv_header_and_rows(store: Store) -> None:
    out = io.StringIO()
    assert export(store, "csv", out) == 4
    reader = csv.DictReader(io.StringIO(out.getvalue()))
    assert reader.fieldnames == csv_header()
    assert "issue_total_number" in csv_header() and "source_sha256" in csv_header()
    assert "issue" not in csv_header() and "attachments" in csv_header()
    rows = list(reader)
    assert [row["id"] for row in rows] == [r["id"] for r in export_jsonl(store)]
    assert rows[1]["attachments"] == "立法计划；分工表"
    assert rows[1]["issue_id"] == "benxi-2021-02" and rows[1]["issue_number"] == "2"
    assert rows[3]["issue_id"] == "" and rows[3]["recipients"] == "各自治县、区人民政府"
    assert rows[2]["text"] == "分工如下：\n姓名\n分工\n张三\n财政"  # multi-line text survives quoting


def test_empty_store_exports_nothing(tmp_path: Path) -> None:
    with Store(tmp_path / "empty.db") as store:
        out = io.StringIO()
        assert export(store, "jsonl", out) == 0
        assert out.getvalue() == ""


def test_unknown_format_is_refused(store: Store) -> None:
    with pytest.raises(ValueError, match="xml"):
        export(store, "xml", io.StringIO())  # type: ignore[arg-type]
