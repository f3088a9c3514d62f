"""Identity never loses a document, and does not depend on the order of ingest."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from conftest import HTML_FIXTURES, SEEDS, SHARED
from scraper.cli import main
from scraper.store import Store

REAL = sorted((SHARED / "real").glob("*.txt"))


def ingest(store: Path, *paths: Path) -> None:
    result = CliRunner().invoke(main, ["ingest", "--store", str(store), "--jobs", "1", *map(str, paths)])
    assert result.exit_code == 0, result.output


def ids(store: Path) -> set[str]:
    with Store(store) as opened:
        return {record.doc_id for record in opened.latest_records()}


def test_four_files_with_meaningless_titles_stay_four_documents(tmp_path: Path) -> None:
    for k, body in enumerate(["第一份文件的正文。", "第二份文件说的是另一件事。", "第三份完全不同。", "第四份也不一样。"]):
        (tmp_path / f"{k}.txt").write_text(f"通知\n各单位:\n{body}\n", encoding="utf-8")
    ingest(tmp_path / "g.db", *sorted(tmp_path.glob("*.txt")))
    assert len(ids(tmp_path / "g.db")) == 4


def test_the_same_page_again_is_the_same_document(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("通知\n各单位:\n请于明日上午九时参加会议。\n", encoding="utf-8")
    ingest(tmp_path / "g.db", tmp_path / "a.txt")
    (tmp_path / "a.txt").write_text("通知\n各单位:\n请于明日上午十时参加会议。\n", encoding="utf-8")
    ingest(tmp_path / "g.db", tmp_path / "a.txt")
    with Store(tmp_path / "g.db") as store:
        (only,) = [r.doc_id for r in store.latest_records()]
        assert [v.reason for v in store.versions(only)] == ["new", "source"]


def test_two_concurrent_ingests_of_two_halves_equal_one_ingest_of_all(tmp_path: Path) -> None:
    batch = [*SEEDS, *HTML_FIXTURES, *REAL]
    whole = tmp_path / "whole.db"
    ingest(whole, *batch)
    halves = tmp_path / "halves.db"
    ingest(halves, SEEDS[0])  # the store exists before both writers start
    code = "import sys; from scraper.cli import main; sys.exit(main())"
    runs = [
        subprocess.Popen([sys.executable, "-c", code, "ingest", "--store", str(halves), "--jobs", "1", *map(str, part)],
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        for part in (batch[1::2], batch[0::2][::-1])
    ]
    for run in runs:
        out, _ = run.communicate(timeout=300)
        assert run.returncode == 0, out.decode()
    assert ids(halves) == ids(whole)
    reordered = tmp_path / "reordered.db"
    ingest(reordered, *reversed(batch))
    assert ids(reordered) == ids(whole)
