"""scripts/check_links.py on a tiny hand-made site: exactly the broken internal links are reported."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _load():
    spec = importlib.util.spec_from_file_location("check_links", ROOT / "scripts" / "check_links.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["check_links"] = module  # dataclasses need the module registered
    spec.loader.exec_module(module)
    return module


check_links_module = _load()
check_links = check_links_module.check_links
Broken = check_links_module.Broken


def page(body: str) -> str:
    return f'<!doctype html><html><head><meta charset="utf-8"></head><body>{body}</body></html>'


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "docs" / "公报").mkdir(parents=True)
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "app.js").write_text("")
    (tmp_path / "index.html").write_text(page(
        '<a href="about.html">good file</a>'
        '<a href="missing.html">broken file</a>'
        '<a href="docs/">folder link</a>'
        '<a href="https://example.org/nowhere.html">external</a>'
        '<a href="mailto:x@example.org">mail</a>'
        '<a href="javascript:void(0)">js</a>'
        '<img src="data:image/png;base64,AAAA">'
        '<a href="#nowhere">pure fragment, skipped</a>'
        '<a href="about.html#team">good fragment</a>'
        '<a href="about.html#gone">broken fragment</a>'
        '<script src="assets/app.js"></script>'
        '<link rel="stylesheet" href="assets/missing.css">'
    ), encoding="utf-8")
    (tmp_path / "about.html").write_text(page(
        '<h2 id="team">Team</h2><a href="./">home</a><a href="/index.html?x=1">root</a>'
    ), encoding="utf-8")
    (tmp_path / "docs" / "index.html").write_text(page(
        '<a href="../about.html">up</a><a href="..">up folder</a>'
        '<a href="%E5%85%AC%E6%8A%A5/">encoded folder</a>'
        '<a href="../../outside.html">outside</a>'
        '<img src="missing.png">'
    ), encoding="utf-8")
    (tmp_path / "docs" / "公报" / "index.html").write_text(page('<a href="../">parent</a>'), encoding="utf-8")
    return tmp_path


def test_reports_exactly_the_broken_links(site: Path) -> None:
    broken = check_links(site)
    assert [(b.page, b.url, b.target, b.reason) for b in broken] == [
        ("docs/index.html", "../../outside.html", "", "outside site"),
        ("docs/index.html", "missing.png", "docs/missing.png", "missing file"),
        ("index.html", "about.html#gone", "about.html", "missing id"),
        ("index.html", "assets/missing.css", "assets/missing.css", "missing file"),
        ("index.html", "missing.html", "missing.html", "missing file"),
    ]
    assert {b.tag for b in broken} == {"a", "img", "link"}


def test_counts_and_options(site: Path) -> None:
    report = check_links_module.run(site)
    assert report.pages == 4
    # index: about, missing, docs/, about#team, about#gone, app.js, missing.css = 7;
    # about: 2; docs/index: 5; docs/公报/index: 1.
    assert report.links == 7 + 2 + 5 + 1
    without_fragments = check_links(site, fragments=False)
    assert "about.html#gone" not in {b.url for b in without_fragments}
    assert len(without_fragments) == 4
    same_page = check_links(site, same_page=True)
    assert ("index.html", "#nowhere", "missing id") in {(b.page, b.url, b.reason) for b in same_page}


def test_cli_exit_codes(site: Path, tmp_path_factory: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str]) -> None:
    assert check_links_module.main([str(site)]) == 1
    out = capsys.readouterr().out
    assert "4 pages, 15 internal links checked, 5 broken" in out
    clean = tmp_path_factory.mktemp("clean")
    (clean / "index.html").write_text(page('<a href="index.html">self</a><a href="http://x.org/">ext</a>'))
    assert check_links_module.main([str(clean)]) == 0
    assert check_links_module.main([str(clean / "nope")]) == 2
