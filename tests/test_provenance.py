"""Where a capture came from, as published: a URL, or a path relative to the folder given to ingest."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from scraper.cli import main
from scraper.model import Page
from scraper.provenance import printed_url, provenance, public_path
from scraper.store import Store

from conftest import HTML_FIXTURES, SEEDS


def html(head: str = "", body: str = "") -> Page:
    text = f"<html><head>{head}</head><body>{body}</body></html>"
    return Page("x.html", "html", text, "utf-8", "meta")


@pytest.mark.parametrize(("head", "body", "url"), [
    ('<link rel="canonical" href="http://www.benxi.gov.cn/a/1.html">', "", "http://www.benxi.gov.cn/a/1.html"),
    ("<link href='https://gov.cn/b.html' rel='alternate canonical'>", "", "https://gov.cn/b.html"),
    ('<meta property="og:url" content="https://www.gov.cn/c.htm">', "", "https://www.gov.cn/c.htm"),
    ("", "<p>原文链接：http://www.zb.gov.cn/d/e.shtml</p>", "http://www.zb.gov.cn/d/e.shtml"),
    ('<link rel="canonical" href="/relative/only.html">', "", None),  # not an address on the web
    ('<link rel="canonical" href="javascript:alert(1)">', "", None),
    ('<link rel="stylesheet" href="http://cdn.example/x.css">', "", None),
    ("", "<p>没有原文链接</p>", None),
])
def test_the_address_a_page_prints(head: str, body: str, url: str | None) -> None:
    assert printed_url(html(head, body)) == url


def test_a_text_dump_may_print_its_address() -> None:
    page = Page("x.txt", "text", "标题\n正文。\n原文地址: https://www.example.gov.cn/f.html\n", "utf-8", "utf-8")
    assert printed_url(page) == "https://www.example.gov.cn/f.html"


@pytest.mark.parametrize(("location", "public"), [
    ("/tmp/pytest-1/site/page.html", "page.html"),
    ("../shared/seeds/000.txt", "000.txt"),
    ("C:\\Users\\editor\\gazette\\a.html", "a.html"),
    ("benxi/2021/02.html", "benxi/2021/02.html"),
    ("./benxi/02.html", "benxi/02.html"),
    ("https://www.benxi.gov.cn/a.html", "https://www.benxi.gov.cn/a.html"),
])
def test_a_published_path_is_never_a_local_one(location: str, public: str) -> None:
    assert public_path(location) == public


def test_provenance_prefers_the_fetched_url_then_the_printed_one() -> None:
    assert provenance("https://a.gov.cn/1.html", "https://b.gov.cn/2.html").url == "https://a.gov.cn/1.html"
    saved = provenance("benxi/1.html", "https://b.gov.cn/2.html")
    assert (saved.url, saved.url_is_printed, saved.path) == ("https://b.gov.cn/2.html", True, "benxi/1.html")
    assert provenance("/home/x/1.html", None).path == "1.html"


def test_ingest_records_paths_relative_to_the_folder_given(tmp_path: Path) -> None:
    """Issue 12: provenance showed the editor's own paths (/tmp/…/page.html, ../shared/…)."""
    folder = tmp_path / "downloads"
    (folder / "benxi").mkdir(parents=True)
    (folder / "benxi" / "2021-02.html").write_bytes(HTML_FIXTURES[0].read_bytes())
    page = HTML_FIXTURES[2].read_text("utf-8").replace(
        "</head>", '<link rel="canonical" href="http://www.anshan.gov.cn/zwgk/33.html"></head>', 1)
    (folder / "anshan.html").write_text(page, encoding="utf-8")
    store = tmp_path / "gazette.db"
    result = CliRunner().invoke(main, ["ingest", "--store", str(store), str(folder), str(SEEDS[3])])
    assert result.exit_code == 0, result.output
    with Store(store) as opened:
        locations = {capture.location for capture in opened.captures()}
        printed = {r.source.location: opened.printed_url(r.source.sha256, r.source.location)
                   for r in opened.latest_records()}
    assert locations == {"benxi/2021-02.html", "anshan.html", SEEDS[3].name}
    assert printed["anshan.html"] == "http://www.anshan.gov.cn/zwgk/33.html"
    assert printed["benxi/2021-02.html"] is None
    assert not any(str(tmp_path) in location or ".." in location for location in locations)
