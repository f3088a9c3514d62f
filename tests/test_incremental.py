"""Incremental builds: plain `gazette build` on a built site rewrites only what the store's change
journal says changed, and the site it leaves is byte for byte the site a full build makes."""

from __future__ import annotations

import dataclasses
import datetime as dt
import gzip
import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from scraper.cli import main
from scraper.model import Issue, Paragraph
from scraper.store import Store

from conftest import benxi_docs, make_doc, make_parsed, number

ROOT = Path(__file__).resolve().parents[1]
LATER = ("2031-01-01T00:00:00+00:00", "2031-02-01T00:00:00+00:00", "2031-03-01T00:00:00+00:00")
NEW_ISSUE = Issue("本溪市人民政府公报", 2021, 3, 117, dt.date(2021, 5, 28), "本溪市人民政府办公室", "simplified")


def build(store: Path, site: Path, *options: str) -> str:
    result = CliRunner().invoke(main, ["build", "--store", str(store), "--site-dir", str(site),
                                       "--config", str(ROOT / "mkdocs.yml"), *options])
    assert result.exit_code == 0, result.output
    return result.output


def files(root: Path) -> dict[str, bytes]:
    """Every file of a site but the build's own ledger."""
    return {path.relative_to(root).as_posix(): path.read_bytes()
            for path in root.rglob("*") if path.is_file() and ".gazette" not in path.parts}


def assert_same_site(incremental: Path, full: Path) -> None:
    a, b = files(incremental), files(full)
    assert sorted(a.keys() - b.keys()) == [], "only in the incremental build"
    assert sorted(b.keys() - a.keys()) == [], "only in the full build"
    differ = sorted(name for name in a if a[name] != b[name])
    assert differ == [], f"{len(differ)} files differ, e.g. {differ[:5]}"


@pytest.fixture()
def copied(built_site: tuple[Path, Path], tmp_path: Path) -> tuple[Path, Path]:
    site, store = built_site
    shutil.copytree(site, tmp_path / "site")
    shutil.copy(store, tmp_path / "gazette.db")
    return tmp_path / "site", tmp_path / "gazette.db"


def stamp(site: Path) -> None:
    for path in site.rglob("*"):
        if path.is_file():
            os.utime(path, ns=(1, 1))


def untouched(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file() and p.stat().st_mtime_ns == 1}


def test_nothing_changed_rewrites_no_document(copied: tuple[Path, Path]) -> None:
    site, store = copied
    stamp(site)
    output = build(store, site)
    assert output.startswith("incremental build")
    left = untouched(site)
    pages = [p.relative_to(site).as_posix() for p in site.rglob("index.html")]
    documents = [p for p in pages if p.count("/") >= 4]  # benxi/2021/02/<id>/index.html
    assert documents and all(p in left for p in documents)
    assert "search-index/manifest.json" in left


def test_changes_equal_a_full_build_after_each(copied: tuple[Path, Path], tmp_path: Path) -> None:
    site, store = copied
    docs = benxi_docs()
    with Store(store) as db:
        record = next(r for r in db.latest_records() if r.issue_id == "benxi-2021-02")
        retitled = dataclasses.replace(record.document, title=record.document.title + "（修订）")
        # captured after the seeds (the first seed's second capture is of 2030): the latest version
        db.add(make_parsed([retitled], record.issue, "benxi/2021-02-corrected.html", captured=LATER[0]), "test")
    stamp(site)
    output = build(store, site)
    assert output.startswith("incremental build")
    left = untouched(site)
    assert any(name.startswith("huangshi/2019/") for name in left)  # another gazette-year: untouched
    assert "（修订）" in (site / "benxi" / "2021" / "02" / "index.html").read_text("utf-8")  # its issue page
    build(store, tmp_path / "full", "--full")
    assert_same_site(site, tmp_path / "full")

    # A new issue with a document of a new office, and a lone page.
    new = [make_doc(1, "关于开展新一轮营商环境评估的通知", number("本政办发", 2021, 40), office="本溪市新设局"),
           *docs[1:3]]
    lone = make_doc(1, "关于公布行政许可事项的决定", number("本政发", 2022, 3), signed=dt.date(2022, 2, 3))
    with Store(store) as db:
        db.add(make_parsed(new, NEW_ISSUE, "benxi/2021-03.html", captured=LATER[1]), "test")
        db.add(make_parsed([lone], None, "lone/2022-3.html", captured=LATER[1]), "test")
    assert build(store, site).startswith("incremental build")
    shutil.rmtree(tmp_path / "full")
    build(store, tmp_path / "full", "--full")
    assert_same_site(site, tmp_path / "full")

    # The issue's next capture drops a document (withdrawn), and the lone document's date moves
    # it to another year's folder.
    moved = dataclasses.replace(lone, signed=dt.date(2023, 1, 5), lines=(*lone.lines, "（2023年修订）"),
                                blocks=(*lone.blocks, Paragraph("（2023年修订）")))
    with Store(store) as db:
        db.add(make_parsed(new[:2], NEW_ISSUE, "benxi/2021-03.html", captured=LATER[2]), "test")
        db.add(make_parsed([moved], None, "lone/2022-3.html", captured=LATER[2]), "test")
    assert build(store, site).startswith("incremental build")
    shutil.rmtree(tmp_path / "full")
    build(store, tmp_path / "full", "--full")
    assert_same_site(site, tmp_path / "full")


def test_full_builds_are_reproducible(built_site: tuple[Path, Path], tmp_path: Path) -> None:
    site, store = built_site
    build(store, tmp_path / "again", "--full")
    assert_same_site(tmp_path / "again", site)


def test_sitemaps_per_partition_with_a_site_url(copied: tuple[Path, Path], tmp_path: Path) -> None:
    """With a site_url, sitemap.xml indexes one sitemap per partition and one for the lists."""
    site, store = copied
    project = tmp_path / "project"
    project.mkdir()
    for name in ("docs", "templates"):
        (project / name).symlink_to(ROOT / name)
    config = project / "mkdocs.yml"
    config.write_text((ROOT / "mkdocs.yml").read_text("utf-8") + "site_url: https://example.org/gazette/\n", "utf-8")

    def build_with(target: Path, *options: str) -> str:
        result = CliRunner().invoke(main, ["build", "--store", str(store), "--site-dir", str(target),
                                           "--config", str(config), *options])
        assert result.exit_code == 0, result.output
        return result.output

    build_with(site)
    index = (site / "sitemap.xml").read_text("utf-8")
    assert "<sitemapindex" in index and "https://example.org/gazette/benxi/2021/sitemap.xml" in index
    assert "https://example.org/gazette/sitemap-pages.xml" in index
    part = (site / "benxi" / "2021" / "sitemap.xml").read_text("utf-8")
    assert "https://example.org/gazette/benxi/2021/02/" in part and "<lastmod>" in part
    lists = (site / "sitemap-lists.xml").read_text("utf-8")
    assert "https://example.org/gazette/offices/" in lists
    with Store(store) as db:
        db.add(make_parsed([make_doc(1, "关于做好防汛工作的通知", number("本政办发", 2021, 41))], NEW_ISSUE,
                           "benxi/2021-03.html"), "test")
    assert build_with(site).startswith("incremental build")
    assert "https://example.org/gazette/benxi/2021/03/" in (site / "benxi" / "2021" / "sitemap.xml").read_text("utf-8")
    build_with(tmp_path / "full", "--full")
    assert_same_site(site, tmp_path / "full")


def test_common_posting_lists_patch_like_a_full_build(copied: tuple[Path, Path], tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Posting lists published without weights (common tokens) are patched from the exact ones
    kept beside the ledger: still equal to a full build, as tokens become common and stop being."""
    from scraper.search import postings

    monkeypatch.setattr(postings, "common_from", lambda shards: 6)
    site, store = copied
    build(store, site, "--full")
    assert any(isinstance(value, dict) for path in (site / "search-index" / "s").glob("*.json.gz")
               for value in json.loads(gzip.decompress(path.read_bytes())).values())
    docs = benxi_docs()
    with Store(store) as db:
        db.add(make_parsed([make_doc(1, "关于做好防汛工作的通知", number("本政办发", 2021, 41)), *docs[:2]],
                           NEW_ISSUE, "benxi/2021-03.html"), "test")
    assert build(store, site).startswith("incremental build")
    build(store, tmp_path / "full", "--full")
    assert_same_site(site, tmp_path / "full")


def test_a_validity_date_passing_rewrites_that_document(copied: tuple[Path, Path], tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Validity is assessed on the build's day: when a document's 施行 date comes, plain `gazette
    build` rewrites its pages (尚未施行 → 现行有效) and the site equals a full build of that day;
    the other documents' pages stay as they were."""
    _, store = copied
    title = "本溪市城市绿化管理办法"
    rules = make_doc(1, title, number("本政发", 2021, 30), lines=(title, "第一条 为加强城市绿化管理，制定本办法。",
                                                               "第二条 本办法自2099年1月1日起施行。"))
    with Store(store) as db:
        db.add(make_parsed([rules], NEW_ISSUE, "benxi/2021-03.html"), "test")
        doc_id = next(r.doc_id for r in db.latest_records() if r.document.title == title)
    site, full = tmp_path / "before", tmp_path / "full"
    monkeypatch.setenv("GAZETTE_BUILD_DAY", "2098-12-31")
    build(store, site, "--full")
    page = next(site.rglob(f"{doc_id}/index.html"))
    assert "尚未施行" in page.read_text("utf-8")
    stamp(site)
    monkeypatch.setenv("GAZETTE_BUILD_DAY", "2099-01-01")
    output = build(store, site)
    assert output.startswith("incremental build") and "现行有效" in page.read_text("utf-8")
    left = untouched(site)
    assert page.relative_to(site).as_posix() not in left
    documents = [p.relative_to(site).as_posix() for p in site.rglob("index.html") if p.parent.name.count("-") >= 3]
    assert sum(p not in left for p in documents) <= 2  # that document (and its issue's list)
    build(store, full, "--full")
    assert_same_site(site, full)


def test_long_browse_lists_go_on_over_numbered_pages(copied: tuple[Path, Path], tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """years/<year>/, an office's or genre's year list and downloads/: LIST_PAGE_ROWS rows a page, then 2/, 3/ …,
    every document on exactly one page, the pages linked both ways; an incremental build that
    adds a page equals a full build."""
    import re

    from scraper.site import lists

    monkeypatch.setattr(lists, "LIST_PAGE_ROWS", 3)
    monkeypatch.setattr(lists, "GROUP_PAGE_SIZE", 2)  # offices and genres browsed year by year
    site, store = copied
    build(store, site, "--full")
    second = sorted(site.glob("genres/*/*/2/index.html"))
    assert second, "a genre's year of more than 3 documents has a page 2"
    assert "第 2 页，共" in second[0].read_text("utf-8")
    with Store(store) as db:
        years: dict[str, int] = {}
        for record in db.latest_records():
            key = str(record.document.signed.year) if record.document.signed else None
            if key:
                years[key] = years.get(key, 0) + 1
    year = max(years, key=lambda y: years[y])
    first = (site / "years" / year / "index.html").read_text("utf-8")
    total = int(re.search(r"共 (\d+) 件文件", first).group(1))
    pages = -(-total // 3)
    assert total > 3 and pages >= 2
    rows: list[str] = []
    for k in range(1, pages + 1):
        folder = site / "years" / year / ("" if k == 1 else f"{k}/")
        html = (folder / "index.html").read_text("utf-8")
        table = html[html.index('<table class="gz-list'):html.index("</table>")]
        found = re.findall(r'<td class="gz-title"><a href="([^"]+)"', table)
        assert 1 <= len(found) <= 3
        rows += [os.path.normpath(os.path.join(folder.relative_to(site).as_posix(), href)) for href in found]
        assert f"第 {k} 页，共 {pages} 页" in html
        if k > 1:
            assert 'rel="prev"' in html
        if k < pages:
            assert 'rel="next"' in html
        if k == 1:
            assert '<a href="2/">2</a>' in html
    assert len(rows) == total == len(set(rows))  # every document once
    assert not (site / "years" / year / f"{pages + 1}").exists()
    # downloads/ too: every file of the manifest on exactly one page, in the manifest's order.
    manifest = json.loads((site / "downloads" / "manifest.json").read_text("utf-8"))
    listed: list[str] = []
    for k in range(1, -(-len(manifest["files"]) // 3) + 1):
        html = (site / "downloads" / ("" if k == 1 else f"{k}/") / "index.html").read_text("utf-8")
        listed += re.findall(r'<td class="gz-title"><a href="[^"]+">([^<]+)</a>', html)
        assert f"第 {k} 页，共" in html
    assert listed == [f["name"] for f in manifest["files"]] and len(listed) > 3

    # A new lone document of that year: a page more or the last one longer, incrementally as fully.
    lone = make_doc(1, "关于公布分页测试事项的决定", number("本政发", int(year), 77), signed=dt.date(int(year), 6, 1))
    with Store(store) as db:
        db.add(make_parsed([lone], None, "lone/paging.html", captured=LATER[1]), "test")
    assert build(store, site).startswith("incremental build")
    build(store, tmp_path / "full", "--full")
    assert_same_site(site, tmp_path / "full")
