"""scripts/make_cities.py: the same seed writes the same bytes, and the truth describes the pages."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "make_cities.py"


def _load():
    spec = importlib.util.spec_from_file_location("make_cities", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)  # puts scripts/ on sys.path for citygen
    return module


make_cities = _load()
from citygen.visible import squash, visible_lines  # noqa: E402


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def full(tmp_path_factory) -> tuple[Path, list[dict]]:
    """The run the README reports: 8 cities × 5 issues + 8 single pages."""
    out = tmp_path_factory.mktemp("cities")
    return out, make_cities.generate(out, 8, 5, 1, 8)


def test_same_seed_writes_the_same_bytes(tmp_path):
    a, b, c = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    assert make_cities.generate(a, 3, 2, 7, 2) == make_cities.generate(b, 3, 2, 7, 2)
    assert _files(a) == _files(b)
    make_cities.generate(c, 3, 2, 8, 2)
    assert _files(a) != _files(c)


def test_every_quoted_string_is_on_screen_in_body_order(full):
    out, pages = full
    for page in pages:
        raw = (out / page["file"]).read_bytes().decode(page["encoding"])
        screen = squash("".join(visible_lines(raw)))
        where = -1
        for doc in page["documents"]:
            for key in ("title", "first_line", "last_line", "doc_number", "recipients"):
                if doc[key]:
                    assert squash(doc[key]) in screen, (page["file"], key, doc[key])
            for name in doc["offices"] + doc["attachments"]:
                assert squash(name) in screen, (page["file"], name)
            if doc["toc"]:
                assert squash(doc["toc"]["title"]) in screen, (page["file"], doc["toc"])
            first = screen.find(squash(doc["first_line"]), where + 1)
            assert first > where, (page["file"], "documents out of body order", doc["title"])
            where = first
            assert doc["first_line"] in doc["lines"] and doc["lines"][-1] == doc["last_line"]
        for spam in page["spam"]:
            assert spam["text"] in raw, (page["file"], spam)  # injected as written
            assert (squash(spam["text"]) in screen) == spam["visible"], (page["file"], spam)


def test_toc_disagreements_are_documented(full):
    _, pages = full
    kinds = {d["kind"] for p in pages for d in p["toc_disagreements"]}
    assert kinds == {"toc_only", "body_only"}
    for page in pages:
        titles = {squash(d["title"]) for d in page["documents"]}
        for dis in page["toc_disagreements"]:
            if dis["kind"] == "toc_only":  # the 目录 promises it, the body does not hold it
                assert squash(dis["title"]) in squash("".join(page["toc_lines"]))
                assert squash(dis["title"]) not in titles
            else:  # the body holds it, the 目录 does not list it
                doc = next(d for d in page["documents"] if d["title"] == dis["title"])
                assert doc["toc"] is None and page["toc"] is not None


def test_encodings_are_what_the_truth_says(full):
    out, pages = full
    for page in pages:
        data = (out / page["file"]).read_bytes()
        data.decode(page["encoding"])
        head = data[:600].lower()
        if page["declared"]:
            assert f"charset={page['declared'].lower()}".encode() in head.replace(b'"', b"")
        else:
            assert b"charset" not in head
        if page["encoding"] == "gbk":
            with pytest.raises(UnicodeDecodeError):
                data.decode("utf-8")


def test_the_run_covers_what_real_gazettes_vary_in(full):
    _, pages = full
    assert {p["template"] for p in pages} == {"trs_div", "table_old", "br_only", "p_styled", "ul_fields", "article_section"}
    assert {(p["encoding"], p["declared"] is None) for p in pages} >= {("gbk", True), ("gbk", False), ("utf-8", True), ("utf-8", False)}
    assert {p["script"] for p in pages} == {"simplified", "traditional"}
    assert len({p["toc"]["style"] for p in pages if p["toc"]}) >= 7
    assert any(p["kind"] == "issue" and p["toc"] is None for p in pages)
    assert {s["trick"] for p in pages for s in p["spam"]} >= {"css_class", "offscreen", "tiny_font", "marquee",
                                                               "comment_link", "spliced", "slogan"}
    genres = {d["genre"] for p in pages for d in p["documents"]}
    assert genres >= {"令", "通知", "意见", "决定", "批复", "函", "通告", "公告", "通报", "讲话"}
    assert any(len(d["offices"]) == 2 for p in pages for d in p["documents"])
    # a 目录 section that comes back after another one (市政府文件 … 市政府令 … 市政府文件)
    def comes_back(sections: list[str]) -> bool:
        runs = [s for k, s in enumerate(sections) if k == 0 or sections[k - 1] != s]
        return len(runs) > len(set(runs))
    assert any(comes_back([d["section"] for d in p["documents"]]) for p in pages if p["kind"] == "issue")
    assert any(d["toc"] and d["toc"]["differs"] for p in pages for d in p["documents"])


def test_command_line(tmp_path):
    out = tmp_path / "o"
    done = subprocess.run([sys.executable, str(SCRIPT), str(out), "--cities", "2", "--issues-per-city", "1",
                           "--singles", "1", "--seed", "3"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    truth = json.loads((out / "truth.json").read_text(encoding="utf-8"))
    assert [p["kind"] for p in truth["pages"]] == ["issue", "single", "issue"]
    assert all((out / p["file"]).is_file() for p in truth["pages"])
    bad = subprocess.run([sys.executable, str(SCRIPT), str(tmp_path / "x"), "--cities", "99"],
                         capture_output=True, text=True)
    assert bad.returncode == 2 and "--cities must be between 1 and 10" in bad.stderr
