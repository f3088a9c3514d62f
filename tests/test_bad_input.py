"""Bad input gets one clear line naming the file; nothing crashes the batch or corrupts the store."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from click.testing import CliRunner

from conftest import HTML_FIXTURES, SEEDS
from scraper.cli import main
from scraper.pipeline import make_capture, process
from scraper.store import Store

DEEP = 20_000  # far past libxml2's 2,048-level limit


def write_bad_files(folder: Path) -> dict[str, str]:
    """Each defect as a file, with the words its error line must contain."""
    (folder / "empty.html").write_bytes(b"")
    (folder / "binary.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 64)
    (folder / "undecodable.txt").write_bytes("本溪市公报".encode() + bytes([0x80, 0xFF, 0xC3]) * 4000)
    with open(folder / "huge.html", "wb") as out:  # 50 MB, written sparsely: the size alone refuses it
        out.truncate(50 * 1024 * 1024)
    (folder / "notes.docx").write_bytes(b"PK\x03\x04")
    return {"empty.html": "empty file", "binary.html": "binary", "undecodable.txt": "undecodable",
            "huge.html": "over the 20 MB limit", "notes.docx": "unsupported file type"}


def test_each_bad_file_is_one_line_and_the_good_ones_are_stored(tmp_path: Path):
    bad = tmp_path / "bad"
    bad.mkdir()
    expected = write_bad_files(bad)
    paths = [str(bad / name) for name in expected] + [str(SEEDS[0]), str(HTML_FIXTURES[1])]
    result = CliRunner().invoke(main, ["ingest", "--store", str(tmp_path / "g.db"), *paths])
    assert result.exit_code == 1
    output = result.output + (result.stderr if result.stderr_bytes is not None else "")
    for name, words in expected.items():
        lines = [line for line in output.splitlines() if name in line and words in line]
        assert len(lines) == 1, (name, output)
    assert "Traceback" not in output
    with Store(tmp_path / "g.db") as store:
        assert store.counts()["captures"] == 2
        assert store.counts()["documents"] == 12
    assert sqlite3.connect(tmp_path / "g.db").execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_truncated_html_still_yields_what_it_holds_and_warns():
    raw = HTML_FIXTURES[0].read_bytes()
    parsed = process(make_capture("truncated.html", raw[: len(raw) // 2], "text/html"))
    assert [d.doc_number.canonical for d in parsed.documents][:2] == ["本溪市人民政府令第192号", "本政办发〔2021〕1号"]
    assert "TOC lists 6, body holds 4" in [n.message for n in parsed.notices]


def test_deeply_nested_tags_do_not_lose_the_text():
    body = "<div>" * DEEP + "<p>本溪市人民政府关于做好防汛工作的通知</p><p>本政发〔2021〕3号</p><p>各县区人民政府：</p>" + "</div>" * DEEP
    parsed = process(make_capture("deep.html", f"<html><body>{body}</body></html>".encode(), "text/html"))
    doc = parsed.documents[0]
    assert (doc.title, doc.doc_number.canonical, doc.recipients) == ("本溪市人民政府关于做好防汛工作的通知", "本政发〔2021〕3号", "各县区人民政府")
    assert any(r.rule == "flattened" for r in parsed.clean.removals)


def test_page_with_only_chrome_is_an_error_naming_it(tmp_path: Path):
    page = tmp_path / "chrome.html"
    page.write_text('<html><body><div class="nav"><a href="/">首页</a></div><p>【字体：大 中 小】 打印 关闭窗口</p></body></html>')
    result = CliRunner().invoke(main, ["ingest", "--store", str(tmp_path / "g.db"), str(page)])
    assert result.exit_code == 1
    assert f"{page}: no readable content left after cleaning" in result.output + (result.stderr or "")
