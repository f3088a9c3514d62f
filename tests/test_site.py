"""The static site: build it once from the real seeds (plus a hostile page and a withdrawn
document) with `gazette build`, then check the files it wrote. No browser here."""

from __future__ import annotations

import dataclasses
import datetime as dt
import posixpath
import re
from collections.abc import Iterator
from pathlib import Path

import lxml.html
import pytest
import yaml
from click.testing import CliRunner

from scraper import ids
from scraper.cli import main
from scraper.model import Issue, Paragraph
from scraper.site.pages import unique_slugs
from scraper.site.render import front_matter, relative
from scraper.site.structure import classify, display_blocks
from scraper.store import Store
from scraper.stored import LatestRecord

from scraper.pipeline import PIPELINE_VERSION, make_capture, process

from conftest import HTML_FIXTURES, SEEDS, benxi_docs, make_parsed
from test_links import page as lone_page

REPEALED = "benxi-benzhengfa-2018-13"  # 本溪市探索建立涉农资金统筹整合长效机制实施方案 (seed 003)
REPEAL_2018 = lone_page(
    "本溪市人民政府关于废止部分规范性文件的决定", "本政发〔2023〕2号",
    "经市政府研究，决定废止《本溪市人民政府关于印发本溪市探索建立涉农资金统筹整合长效机制实施方案的通知》"
    "（本政发〔2018〕13号）。", "本决定自2023年3月1日起施行。")

ROOT = Path(__file__).resolve().parents[1]
KNOWN_DOC = "benxi-benzhengbanfa-2021-14"
HOSTILE_TITLE = (
    "测试市人民政府办公室关于<script>alert(1)</script><img src=x onerror=alert(1)>*加粗*"
    "[x](javascript:alert(1)){{ 7*7 }}{% if 1 %}的通知"
)
HOSTILE_LINE = '一、<a href="javascript:alert(2)">要求</a>'
HOSTILE_TEXT = "请阅读 **重点** [链接](javascript:alert(3)) {: .x} {{ config }} {% raw %} 认真执行。"
CHANGED_SENTENCE = "为做好住宅专项维修资金的归集和使用工作，现将有关事项通知如下。"
QINGLAN = Issue("青岚市人民政府公报", 2020, 3, 40, dt.date(2020, 3, 30), "青岚市人民政府办公室", "simplified")


def hostile_page() -> str:
    """A lone document whose title and text try every way into the HTML."""
    from html import escape

    lines = ["测试市人民政府办公室文件", "测政办发〔2022〕7号", HOSTILE_TITLE, "各区人民政府：", HOSTILE_LINE,
             HOSTILE_TEXT, "测试市人民政府办公室", "2022年3月1日"]
    body = "\n".join(f"<p>{escape(line, quote=False)}</p>" for line in lines)
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{escape(HOSTILE_TITLE)}</title></head>'
            f'<body><div class="article">{body}</div></body></html>')


@dataclasses.dataclass(frozen=True)
class Built:
    site: Path
    store: Path
    records: dict[str, LatestRecord]
    output: str


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = tmp_path_factory.mktemp("site")
    db, site = root / "gazette.db", root / "site"
    (root / "hostile").mkdir()
    (root / "hostile" / "evil.html").write_text(hostile_page(), encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(main, ["ingest", "--store", str(db), *map(str, SEEDS), *map(str, HTML_FIXTURES),
                                  str(root / "hostile")])
    assert result.exit_code == 0, result.output
    docs = benxi_docs()
    with Store(db) as store:  # an issue whose later capture drops its second document
        store.add(make_parsed(docs, QINGLAN, "qinglan/2020-03.html"), "test")
        store.add(make_parsed([docs[0], docs[2]], QINGLAN, "qinglan/2020-03.html",
                              captured="2024-02-01T00:00:00+00:00"), "test")
        # …and whose next capture changes one sentence of the first: version 2, reason 'source'.
        lines = (*docs[0].lines[:1], CHANGED_SENTENCE, *docs[0].lines[2:])
        edited = dataclasses.replace(docs[0], lines=lines, blocks=tuple(Paragraph(line) for line in lines))
        store.add(make_parsed([edited, docs[2]], QINGLAN, "qinglan/2020-03.html",
                              captured="2024-03-01T00:00:00+00:00"), "test")
        # A later lone page repealing a seed document (issue 12: validity and citations on the pages).
        # (The seed's 令 has a twin in the 青岚 issue above: a repeal of it by title is ambiguous.)
        store.add(process(make_capture("repeal.html", REPEAL_2018, "text/html")), PIPELINE_VERSION)
        records = {record.doc_id: record for record in store.latest_records()}
    result = runner.invoke(main, ["build", "--store", str(db), "--site-dir", str(site),
                                  "--config", str(ROOT / "mkdocs.yml")])
    assert result.exit_code == 0, result.output
    return Built(site, db, records, result.output)


def css(element: lxml.html.HtmlElement, selector: str) -> list[lxml.html.HtmlElement]:
    """The few CSS selectors these tests use (tag.class, descendants, commas) as XPath."""
    paths = []
    for alternative in selector.split(","):
        path = "."
        for step in alternative.split():
            tag, *classes = step.split(".")
            path += "//" + (tag or "*")
            path += "".join(f"[contains(concat(' ', normalize-space(@class), ' '), ' {c} ')]" for c in classes)
        paths.append(path)
    return element.xpath(" | ".join(paths))


def page_of(built: Built, url: str) -> Path:
    return built.site / url.strip("/") / "index.html"


def content(path: Path) -> lxml.html.HtmlElement:
    """The page's article (what the plugin wrote), without Material's chrome."""
    tree = lxml.html.fromstring(path.read_text(encoding="utf-8"))
    return css(tree, "article.md-content__inner")[0]


def doc_url(record: LatestRecord) -> str:
    return ids.document_url(record.doc_id, record.issue, ids.document_year(record.document))


def generated_pages(built: Built) -> Iterator[Path]:
    """Every page MkDocs rendered (not the small static pointers at each latest version's v<N>/)."""
    for path in built.site.rglob("index.html"):
        if 'http-equiv="refresh"' not in path.read_text(encoding="utf-8")[:400]:
            yield path


def test_build_prints_progress(built: Built) -> None:
    lines = built.output.splitlines()
    assert lines[0].startswith("full build (")
    assert lines[1].startswith("reading store ") and f"{len(built.records)} documents" in lines[1]
    assert any(line.startswith("writing pages: ") for line in lines)
    assert any(line.startswith(f"search index: {len(built.records)} documents") for line in lines)
    assert lines[-1].startswith("done in ") and lines[-1].endswith(str(built.site))


def test_document_page(built: Built) -> None:
    record = built.records[KNOWN_DOC]
    doc = record.document
    url = doc_url(record)
    assert url == ids.issue_folder(record.issue) + KNOWN_DOC + "/"
    article = content(page_of(built, url))
    assert css(article, "h1")[0].text_content() == doc.title
    meta = {css(row, "th")[0].text_content(): css(row, "td")[0] for row in css(article, "table.gz-meta tr")}
    assert meta["文号"].text_content() == doc.doc_number.canonical
    assert meta["发文机关"].text_content() == doc.office
    assert meta["成文日期"].text_content() == doc.signed.isoformat()
    assert [li.text_content() for li in css(meta["附件"], "li")] == list(doc.attachments)
    issue_link = css(meta["所在期次"], "a")[0].get("href")
    assert (page_of(built, url).parent / issue_link / "index.html").resolve() == page_of(built, ids.issue_folder(record.issue)).resolve()
    sections = [line for line in doc.lines if re.match(r"^[一二三四五六七八九十]+、", line) and len(line) <= 40]
    assert sections, "the known document has 一、 sections"
    headings = [h.text_content() for h in css(article, ".gz-doc h2")]
    assert sections[0] in headings
    box = css(article, ".gz-provenance")[0]
    provenance = box.text_content()
    assert record.source.sha256 in provenance
    captured = dt.datetime.fromisoformat(css(box, "time")[0].get("datetime"))
    assert captured == dt.datetime.fromisoformat(record.source.captured)
    assert captured.astimezone(dt.timezone(dt.timedelta(hours=8))).strftime("%Y-%m-%d %H:%M") + "（北京时间）" in provenance
    assert "本页为非官方副本，以原始页面为准" in provenance
    assert f"第 {record.version} 版" in provenance
    crumbs = [a.text_content() for a in css(article, "nav.gz-crumbs a")]
    assert crumbs == ["公报", record.issue.gazette, f"{record.issue.year}年", f"{record.issue.year}年第{record.issue.number}期"]


def test_every_link_in_generated_content_resolves(built: Built) -> None:
    for path in generated_pages(built):
        for link in css(content(path), "a"):
            href = link.get("href")
            if href.startswith(("http://", "https://", "#")):
                continue
            address, _, fragment = href.split("?")[0].partition("#")
            target = (path.parent / address).resolve()
            page = target if target.is_file() else target / "index.html"
            assert page.is_file(), f"{path}: {href}"
            if fragment and page.suffix == ".html":
                assert f'id="{fragment}"' in page.read_text("utf-8"), f"{path}: {href}"


def test_issue_page_lists_its_documents_in_order(built: Built) -> None:
    record = built.records[KNOWN_DOC]
    members = sorted((r for r in built.records.values() if r.issue_id == record.issue_id), key=lambda r: r.ordinal)
    page = page_of(built, ids.issue_folder(record.issue))
    article = content(page)
    rows = css(article, "table.gz-docs tbody tr")
    assert [css(row, "a")[0].text_content() for row in rows] == [r.document.title for r in members]
    for row, member in zip(rows, members):
        target = (page.parent / css(row, "a")[0].get("href") / "index.html").resolve()
        assert target == page_of(built, doc_url(member)).resolve()
        number = member.document.doc_number
        assert css(row, "td.gz-num")[0].text_content() == (number.canonical if number else "—")
        assert css(row, "td")[0].text_content() == str(member.ordinal)
    meta = css(article, "table.gz-meta")[0].text_content()
    assert f"总第{record.issue.total_number}期" in meta and record.issue.published.isoformat() in meta
    assert (record.issue.publisher or "—") in meta


def test_gazette_year_office_genre_pages_exist(built: Built) -> None:
    records = list(built.records.values())
    offices = unique_slugs({r.document.office for r in records if r.document.office})
    genres = unique_slugs({r.document.doc_type for r in records if r.document.doc_type})
    for record in records:
        if record.issue is not None:
            gazette, year, _ = ids.issue_folder(record.issue).strip("/").split("/")
            assert page_of(built, gazette).is_file() and page_of(built, f"{gazette}/{year}").is_file()
        assert page_of(built, doc_url(record)).is_file()
        office_page = page_of(built, f"offices/{offices[record.document.office]}")
        assert record.doc_id in office_page.read_text(encoding="utf-8")
        assert page_of(built, f"genres/{genres[record.document.doc_type]}").is_file()
    for name in ("gazettes", "offices", "genres", "years", "search", "about", "cite", "search-help"):
        assert page_of(built, name).is_file()
    assert '<div id="gz-search"></div>' in page_of(built, "search").read_text(encoding="utf-8")
    assert (built.site / "404.html").is_file()


def test_home_page_keeps_the_intro_and_shows_latest_issues(built: Built) -> None:
    html = page_of(built, "").read_text(encoding="utf-8")
    intro = (ROOT / "docs" / "index.md").read_text(encoding="utf-8").splitlines()[2]
    assert intro in html
    for record in built.records.values():
        if record.issue is not None:
            assert ids.issue_folder(record.issue).lstrip("/") in html


def test_nav_is_bounded(built: Built) -> None:
    doc_paths = {doc_url(r).strip("/") for r in built.records.values()}
    counts = set()
    for path in generated_pages(built):
        tree = lxml.html.fromstring(path.read_text(encoding="utf-8"))
        nav = css(tree, "nav.md-nav--primary")[0]
        links = [a.get("href") for a in css(nav, "a")]
        counts.add(len(links))
        resolved = {posixpath.normpath(posixpath.join(path.parent.relative_to(built.site).as_posix(), h)) for h in links}
        assert not resolved & doc_paths, path
    assert max(counts) <= 20


def test_header_has_a_search_form(built: Built) -> None:
    page = page_of(built, doc_url(built.records[KNOWN_DOC]))
    form = css(lxml.html.fromstring(page.read_text(encoding="utf-8")), "header form")[0]
    assert css(form, "input")[0].get("name") == "q"
    assert (page.parent / form.get("action") / "index.html").resolve() == page_of(built, "search").resolve()


def test_hostile_text_is_literal(built: Built) -> None:
    (record,) = [r for r in built.records.values() if r.document.doc_number and r.document.doc_number.agency == "测政办发"]
    assert record.document.title == HOSTILE_TITLE
    page = page_of(built, doc_url(record))
    html = page.read_text(encoding="utf-8")
    article = content(page)
    # The literal strings are there, as text.
    assert css(article, "h1")[0].text_content() == HOSTILE_TITLE
    assert HOSTILE_LINE in [h.text_content() for h in css(article, "h2")]
    assert any(p.text_content() == HOSTILE_TEXT for p in css(article, "p"))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    # Nothing became markup: no script, handler, javascript: link, emphasis or Markdown link.
    assert not css(article, "script, img, em")
    for element in article.iter():
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), (element.tag, name)
            assert "javascript:" not in value.lower(), (element.tag, name, value)
    assert not re.search(r"<script(?![^>]*(?:__md|src=\"[^\"]*assets/javascripts|id=\"__config\"))", _article_html(html))
    title = css(lxml.html.fromstring(html), "title")[0].text_content()
    assert title.startswith(HOSTILE_TITLE)
    header = css(lxml.html.fromstring(html), ".md-header__topic")[1].text_content().strip()
    assert header == HOSTILE_TITLE


def _article_html(html: str) -> str:
    return html[html.index("<article"):html.index("</article>")]


def test_withdrawn_document_has_a_notice(built: Built) -> None:
    withdrawn = [r for r in built.records.values() if r.status == "withdrawn"]
    assert withdrawn
    for record in withdrawn:
        article = content(page_of(built, doc_url(record)))
        assert "此文件已撤回" in css(article, ".gz-withdrawn")[0].text_content()
    current = built.records[KNOWN_DOC]
    assert not css(content(page_of(built, doc_url(current))), ".gz-withdrawn")


def test_tables_in_text_are_tables(built: Built) -> None:
    record = next(r for r in built.records.values()
                  if r.issue_id and r.issue and r.issue.gazette == QINGLAN.gazette
                  and any(hasattr(b, "rows") for b in r.document.blocks))
    table = next(b for b in record.document.blocks if hasattr(b, "rows"))
    rows = css(content(page_of(built, doc_url(record))), ".gz-doc table tr")
    # The first row names the columns: a header row (th scope=col), the rest data cells.
    assert [tuple(c.text_content() for c in css(row, "th, td")) for row in rows] == list(table.rows)
    assert [th.get("scope") for th in css(rows[0], "th")] == ["col"] * len(table.rows[0])
    assert all(not css(row, "th") for row in rows[1:])


def test_build_with_a_missing_store_exits_1(tmp_path: Path) -> None:
    missing = tmp_path / "missing.db"
    result = CliRunner().invoke(main, ["build", "--store", str(missing), "--site-dir", str(tmp_path / "site"),
                                       "--config", str(ROOT / "mkdocs.yml")])
    assert result.exit_code == 1 and str(missing) in result.output and "no such store" in result.output
    assert not missing.exists()


def test_plugin_fails_clearly_without_a_store(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    config = load_config(config_file=str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    config.plugins["gazette"].config.store = str(tmp_path / "none.db")
    with pytest.raises(Abort):  # MkDocs logs the PluginError, then aborts
        build(config)
    assert f"gazette: no store at {tmp_path / 'none.db'}" in caplog.text


# ---- pure parts ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("line", "kind"), [
    ("一、总体要求", "h2"),
    ("（二）突出重点领域，深化全要素、全流程监管", "h3"),
    ("(一)落实监管责任,形成多元治理格局", "h3"),
    ("第一章\u00a0 总 则", "h2"),
    ("第三节 监督", "h3"),
    ("附件：1.医疗卫生行业综合监管重点任务分工表", "p"),  # the attachment list: a role of the layout
    ("一、住宅专项维修资金管理实行专户存储、专款专用的原则。", "p"),
    ("一、" + "很长的标题" * 10, "p"),
    ("1.坚持和完善党的全面领导。", "p"),
])
def test_classify(line: str, kind: str) -> None:
    assert classify(line).kind == kind


def test_article_lead_is_split_off() -> None:
    block = classify("第十二条\u00a0 未按本办法规定交存首期住宅专项维修资金的，开发建设单位不得将房屋交付购买人。")
    assert (block.kind, block.lead) == ("article", "第十二条")
    assert block.text.startswith("未按本办法")


def test_display_blocks_keep_tables() -> None:
    doc = benxi_docs()[2]
    assert [b.kind for b in display_blocks(doc.blocks)] == ["p", "table"]


@pytest.mark.parametrize(("target", "here", "expected"), [
    ("benxi/2021/", "benxi/2021/02/", "../"),
    ("benxi/2021/02/x/", "benxi/2021/02/", "x/"),
    ("gazettes/", "", "gazettes/"),
    ("", "benxi/", "../"),
    ("benxi/", "benxi/", "./"),
    ("offices/a/", "benxi/2021/02/x/", "../../../../offices/a/"),
])
def test_relative(target: str, here: str, expected: str) -> None:
    assert relative(target, here) == expected


def test_a_macro_imported_without_context_links_from_each_page_it_is_used_on(tmp_path: Path) -> None:
    """The macro files are imported without context (Jinja keeps one module a process); `rel` still
    reads the page being rendered, and the page templates import them that way."""
    from scraper.site.render import environment, render_fragment

    (tmp_path / "_links.j2").write_text('{% macro to(u) %}<a href="{{ u | rel }}">x</a>{% endmacro %}')
    (tmp_path / "page.md.j2").write_text('{% import "_links.j2" as l %}{{ l.to("offices/a/") }}')
    env = environment(tmp_path)
    assert 'href="../../offices/a/"' in render_fragment(env, "page.md.j2", here="benxi/2021/")
    assert 'href="offices/a/"' in render_fragment(env, "page.md.j2", here="")
    assert 'href="../offices/a/"' in render_fragment(env, "page.md.j2", here="benxi/")
    templates = Path(__file__).resolve().parent.parent / "templates" / "pages"
    assert not [p.name for p in templates.glob("*.j2") if "with context" in p.read_text(encoding="utf-8")]


@pytest.mark.parametrize("title", [HOSTILE_TITLE, 'a: "b" # c\n---\nd', "\x85\x9f\ufeff\u2028标题", "- [x]"])
def test_front_matter_is_yaml_that_reads_back_escaped(title: str) -> None:
    from html import escape

    text = front_matter(title)
    data = yaml.safe_load(text.split("---\n")[1])
    assert data == {"title": escape(title)}
    assert text.count("\n") == 3  # no raw line break of any kind inside the value


def test_colliding_slugs_get_a_hash() -> None:
    slugs = unique_slugs(["黄石市人民政府", "黃石市人民政府", "本溪市人民政府"])
    assert slugs["本溪市人民政府"] == "benxishirenminzhengfu"
    assert slugs["黄石市人民政府"] != slugs["黃石市人民政府"]
    assert all(s.startswith("huangshishirenminzhengfu-") for n, s in slugs.items() if n != "本溪市人民政府")


def test_withdrawn_document_is_marked_in_its_search_card(built: Built) -> None:
    import gzip
    import json

    index = built.site / "search-index"
    cards = [json.loads(gzip.decompress(p.read_bytes())) for p in (index / "d").glob("*.json.gz")]
    by_url = {card["u"]: card for card in cards}
    for record in built.records.values():
        card = by_url[doc_url(record).lstrip("/")]
        assert card.get("w") == (1 if record.status == "withdrawn" else None), record.doc_id


# ---- data for archivists: downloads, per-document JSON, feeds, changes ---------------------------

ATOM = "{http://www.w3.org/2005/Atom}"


def test_downloads_match_their_manifest(built: Built) -> None:
    """Per partition (gazette-year): JSONL, CSV and a store of its own, each in the manifest."""
    import hashlib
    import json

    folder = built.site / "downloads"
    manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
    names = {f["name"] for f in manifest["files"]}
    assert {"benxi/2021/documents.jsonl", "benxi/2021/documents.csv", "benxi/2021/gazette.db"} <= names
    assert any(name.startswith("documents/") for name in names)  # the lone documents, by year
    for item in manifest["files"]:
        data = (folder / item["name"]).read_bytes()
        assert len(data) == item["bytes"] and hashlib.sha256(data).hexdigest() == item["sha256"]
    lines = [line for name in names if name.endswith(".jsonl")
             for line in (folder / name).read_text("utf-8").splitlines()]
    assert len(lines) == manifest["counts"]["documents"] == len(built.records)
    assert {json.loads(line)["id"] for line in lines} == set(built.records)
    with Store(folder / "benxi" / "2021" / "gazette.db") as copy:  # a whole, readable store
        counts = copy.counts()
        assert counts["documents"] == sum(1 for r in built.records.values() if r.issue_id and r.issue_id.startswith("benxi-2021"))
        assert counts["blobs"] >= 1 and counts["versions"] >= counts["documents"]
    page = content(built.site / "downloads" / "index.html")
    assert manifest["files"][0]["sha256"] in page.text_content()


@pytest.mark.parametrize("count", [0, 1, 3])
def test_the_manifest_written_file_by_file_is_the_whole_as_json(tmp_path: Path, count: int) -> None:
    import dataclasses

    from scraper.site import archive
    from scraper.writes import json_file

    head = archive.manifest({"documents": 5, "versions": 6, "issues": 1, "captures": 2, "blobs": 2}, "2026-01-01T00:00:00Z")
    files = [archive.DownloadFile(f"benxi/202{k}/documents.jsonl", f"本溪 202{k}年：\"每篇\"", 10 ** k, "ab" * 32)
             for k in range(count)]
    archive.write_manifest(head, iter(files), tmp_path)
    whole = {**dataclasses.asdict(head), "files": [dataclasses.asdict(f) for f in files]}
    assert (tmp_path / "downloads" / "manifest.json").read_bytes() == json_file(whole)
    assert [p.name for p in (tmp_path / "downloads").iterdir()] == ["manifest.json"]


def test_every_document_has_its_json_with_all_versions(built: Built) -> None:
    import json

    with Store(built.store) as store:
        versions = store.version_summaries()
    for doc_id, record in built.records.items():
        path = built.site / (doc_url(record).strip("/") + ".json")
        data = json.loads(path.read_text("utf-8"))
        assert data["id"] == doc_id and data["title"] == record.document.title
        assert [v["version"] for v in data["version_history"]] == [v.version for v in versions[doc_id]]
        assert data["version_history"][-1]["content_sha256"] == record.content_sha256
        link = css(content(page_of(built, doc_url(record))), "div.gz-provenance a")
        assert any(a.get("href") == f"../{doc_id}.json" for a in link)


def test_feeds_are_atom(built: Built) -> None:
    from lxml import etree

    for path in [built.site / "feed.xml", *built.site.glob("*/feed.xml")]:
        feed = etree.parse(str(path)).getroot()
        assert feed.tag == f"{ATOM}feed", path
        for name in ("id", "title", "updated", "author"):
            assert feed.find(f"{ATOM}{name}") is not None, (path, name)
        assert feed.find(f"{ATOM}link[@rel='self']") is not None
        entries = feed.findall(f"{ATOM}entry")
        assert entries, path
        ids_seen = [e.findtext(f"{ATOM}id") for e in entries]
        assert len(set(ids_seen)) == len(ids_seen)
        for entry in entries:
            assert entry.findtext(f"{ATOM}title") and entry.findtext(f"{ATOM}id").startswith("urn:uuid:")
            assert dt.datetime.fromisoformat(entry.findtext(f"{ATOM}updated")).tzinfo is not None
            href = entry.find(f"{ATOM}link[@rel='alternate']").get("href")
            target = (path.parent / href / "index.html").resolve()
            assert target.is_file(), (path, href)
    gazettes = {r.issue_id.rsplit("-", 2)[0] for r in built.records.values() if r.issue_id}
    assert {p.parent.name for p in built.site.glob("*/feed.xml")} == gazettes  # one per gazette


def test_changes_page_lists_new_issues_and_withdrawn_documents(built: Built) -> None:
    page = content(built.site / "changes" / "index.html")
    text = page.text_content()
    assert "最近一次更新" in text and "新增期次" in text and "本溪市人民政府公报 2021年第2期" in text
    withdrawn = [r for r in built.records.values() if r.status == "withdrawn"]
    for record in withdrawn:
        assert record.document.title in text


def test_changes_page_lists_the_first_new_issues_and_how_many_more(built: Built, monkeypatch) -> None:
    """A first import brings every issue in one day: the page lists the first ones and counts
    the rest, so an incremental build does not render the whole archive's issues."""
    from scraper.site import lists
    from scraper.site.ledger import Ledger, ledger_path
    from scraper.store import Store

    with Ledger(ledger_path(built.site), readonly=True) as ledger, Store(built.store, readonly=True) as store:
        everything = lists.change_days(store, ledger, lists.Views(ledger))
        monkeypatch.setattr(lists, "CHANGES_LIST_LIMIT", 1)
        capped = lists.change_days(store, ledger, lists.Views(ledger))
    total = sum(len(day.new_issues) for day in everything)
    assert total >= 3 and [len(d.new_issues) for d in capped] == [len(d.new_issues) for d in everything]
    assert all(list.__len__(day.new_issues) <= 1 for day in capped)


def test_a_changed_document_has_version_and_diff_pages(built: Built) -> None:
    changed = [r for r in built.records.values() if r.version == 2]
    assert len(changed) == 1
    record = changed[0]
    url = doc_url(record).strip("/")
    page = content(built.site / url / "index.html")
    history = css(page, "div.gz-history li")
    assert len(history) == 2 and "原始页面更新" in history[1].text_content()
    old = content(built.site / url / "v1" / "index.html")
    old_text = old.text_content()
    assert "这是本文件的第 1 版" in old_text and CHANGED_SENTENCE not in old_text
    assert record.document.lines[0] in old_text
    stub = (built.site / url / "v2" / "index.html").read_text("utf-8")
    assert 'url=../' in stub  # the latest version's address points at the document page
    diff = content(built.site / url / "diff" / "1-2" / "index.html")
    inserted = "".join(node.text_content() for node in css(diff, "div.gz-diff ins"))
    deleted = "".join(node.text_content() for node in css(diff, "div.gz-diff del"))
    assert inserted and inserted in CHANGED_SENTENCE and deleted
    assert "元数据（文号、标题、发文机关、文种、日期、主送、附件）没有变化" in diff.text_content()
    assert css(diff, "table.gz-sbs")
    one_version = next(r for r in built.records.values() if r.version == 1)
    assert not (built.site / doc_url(one_version).strip("/") / "v1" / "index.md").exists()
    assert (built.site / doc_url(one_version).strip("/") / "v1" / "index.html").is_file()


def test_related_documents_are_shown_above_a_meaningful_share(built: Built) -> None:
    """The four cities' 医疗卫生行业综合监管制度实施方案 share 7–26 % of their distinctive text
    (exactly; related.py estimates it from a sample of the text, benxi–anshan 0.256 as about 0.23);
    only pairs from RELATED_SHOWN up are shown (below it two documents share a topic's stock
    phrasing, not a template), each with its share, its label and a link to the word comparison."""
    from scraper.related import related
    from scraper.site.pages import RELATED_SHOWN
    from scraper.site.render import related_label

    found = related(((r.doc_id, r.document.text) for r in built.records.values()), None)
    benxi, anshan = "benxi-benzhengbanfa-2021-14", "anshan-anzhengbanfa-2019-33"
    closest = next(r for r in found[benxi] if r.doc_id == anshan)
    assert closest.similarity >= 0.2 and found[benxi][0] == closest
    assert any(r.similarity < RELATED_SHOWN for r in found[benxi])  # the family's weak pairs
    for doc_id, record in built.records.items():
        page = content(page_of(built, doc_url(record)))
        linked = {css(li, "a")[0].get("href", "").rstrip("/").rsplit("/", 1)[-1] for li in css(page, "div.gz-related li")}
        wanted = {r.doc_id for r in found.get(doc_id, []) if r.similarity >= RELATED_SHOWN}
        assert linked == wanted, doc_id
    page = content(page_of(built, doc_url(built.records[benxi])))
    item = css(page, "div.gz-related li")[0]
    assert related_label(closest.similarity) in item.text_content() and "compare/?a=" in css(item, "a")[-1].get("href")


def test_only_rewrites_a_partition_whatever_changed(built: Built, tmp_path: Path) -> None:
    """--only benxi/2021 writes that gazette-year again (a page deleted by hand comes back);
    pages whose bytes are already there are left alone, and other partitions are not read."""
    import os
    import shutil

    site, db = tmp_path / "site", tmp_path / "gazette.db"
    shutil.copytree(built.site, site)
    shutil.copy(built.store, db)
    for path in site.rglob("*.html"):
        os.utime(path, ns=(1, 1))
    page = site / doc_url(built.records[KNOWN_DOC]).strip("/") / "index.html"
    page.unlink()
    result = CliRunner().invoke(main, ["build", "--store", str(db), "--site-dir", str(site),
                                       "--config", str(ROOT / "mkdocs.yml"), "--only", "benxi/2021"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("incremental build")
    assert page.is_file() and (page.parent / "v1" / "index.html").is_file()
    untouched = [p for p in site.rglob("index.html") if p.stat().st_mtime_ns == 1]
    assert any(p.is_relative_to(site / "huangshi" / "2019") for p in untouched)
    assert any(p.is_relative_to(site / "benxi" / "2021") for p in untouched)  # same bytes: not rewritten


def test_document_outline_is_the_pages_table_of_contents(built: Built) -> None:
    path = page_of(built, doc_url(built.records[KNOWN_DOC]))
    tree = lxml.html.fromstring(path.read_text(encoding="utf-8"))
    headings = {h.get("id"): " ".join(h.text_content().split()) for h in css(content(path), "h2.gz-h")}
    assert headings and all(re.fullmatch(r"s\d+|fj\d+", anchor) for anchor in headings)
    toc = css(tree, "nav.md-nav--secondary")[0]
    links = {a.get("href").lstrip("#"): a.text_content().strip() for a in css(toc, "a")}
    for anchor, text in headings.items():
        assert links.get(anchor) == text


def test_a_failed_build_leaves_the_published_site_alone(built: Built, tmp_path: Path) -> None:
    import shutil

    site = tmp_path / "site"
    shutil.copytree(built.site, site)
    (site / "marker.txt").write_text("published", encoding="utf-8")
    # A hand-written page where a generated one goes: the plugin refuses to build.
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    (tmp_path / "docs" / "gazettes").mkdir()
    (tmp_path / "docs" / "gazettes" / "index.md").write_text("# 冲突\n", encoding="utf-8")
    (tmp_path / "templates").symlink_to(ROOT / "templates")
    config = tmp_path / "mkdocs.yml"
    config.write_text((ROOT / "mkdocs.yml").read_text("utf-8"), encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--store", str(built.store), "--site-dir", str(site),
                                       "--config", str(config)])
    assert result.exit_code == 1
    assert "clashes with a generated page" in result.output and "published site is unchanged" in result.output
    assert (site / "marker.txt").read_text("utf-8") == "published"
    assert (site / "index.html").is_file()
    assert not (tmp_path / ".site.building").exists()


# ---- issue 12: validity, citations, provenance, the archived captures, coverage -----------------

def test_document_page_shows_its_validity_with_evidence_and_who_repeals_it(built: Built) -> None:
    repeal = next(r for r in built.records.values() if r.source.location == "repeal.html")
    page = content(page_of(built, doc_url(built.records[REPEALED])))
    box = css(page, "div.gz-validity")[0]
    assert "已废止" in box.text_content() and "自 2023-03-01 起" in box.text_content()
    assert "决定废止《本溪市人民政府关于印发本溪市探索建立涉农资金统筹整合长效机制实施方案的通知》" in box.text_content()
    hrefs = [a.get("href") for a in box.iter("a")]
    assert any(h.rstrip("/").endswith(repeal.doc_id) for h in hrefs)
    cited_by = css(page, "div.gz-links")[0]
    assert "被废止" in cited_by.text_content()
    back = content(page_of(built, doc_url(repeal)))
    links = css(back, "div.gz-links")[0]
    assert any(a.get("href", "").rstrip("/").endswith(REPEALED) for a in links.iter("a"))
    assert "现行有效" in css(back, "div.gz-validity")[0].text_content()  # 本决定自2023年3月1日起施行
    unknown = content(page_of(built, doc_url(built.records[KNOWN_DOC])))
    assert "未知" in css(unknown, "div.gz-validity")[0].text_content()


def test_no_published_file_shows_a_local_path(built: Built) -> None:
    """Issue 12: provenance showed the editor's own paths (/tmp/…/page.html, ../shared/…)."""
    local = str(built.store.parent)
    for path in built.site.rglob("*"):
        if path.suffix in (".html", ".json", ".xml", ".jsonl", ".csv") and path.is_file():
            text = path.read_text("utf-8", errors="replace")
            assert local not in text and "../shared" not in text and str(SEEDS[0].parent) not in text, path


def test_the_archived_capture_is_shown_as_text_under_a_strict_policy(built: Built) -> None:
    hostile = next(r for r in built.records.values() if r.source.location == "evil.html")
    page = content(page_of(built, doc_url(hostile)))
    [view] = [a.get("href") for a in css(page, "div.gz-provenance a") if "captures/" in a.get("href", "")]
    target = (page_of(built, doc_url(hostile)).parent / view).resolve()
    text = target.read_text("utf-8")
    assert 'http-equiv="Content-Security-Policy"' in text and "default-src 'none'" in text
    tree = lxml.html.fromstring(text)
    assert tree.xpath("//script | //iframe | //img | //object | //embed | //link | //base") == []
    raw = built.records[hostile.doc_id].source.sha256
    assert raw in text and "&lt;script&gt;" in text  # the page's markup, escaped, as text


def test_each_gazette_has_a_coverage_page_and_data(built: Built) -> None:
    import json

    page = content(built.site / "benxi" / "coverage" / "index.html")
    text = page.text_content()
    assert "收录2018年第6期至2021年第2期" in text
    assert len(css(page, "table.gz-coverage span.gz-cell--missing")) == 6  # 2018年第1–5期 and 2021年第1期
    held = css(page, "a.gz-cell--held")
    assert len(held) == 2 and all((built.site / "benxi" / "coverage" / a.get("href") / "index.html").resolve().is_file()
                                  for a in held)
    data = json.loads((built.site / "benxi" / "coverage.json").read_text("utf-8"))
    assert data["held"] == 2 and data["missing"] == 18 and data["statement"] in text
    assert "收录2018年第6期至2021年第2期" in content(built.site / "benxi" / "index.html").text_content()


def test_search_cards_and_filters_carry_the_validity(built: Built) -> None:
    import gzip
    import json

    index = built.site / "search-index"
    manifest = json.loads((index / "manifest.json").read_text("utf-8"))
    statuses = {value: count for value, count, *_ in manifest["facets"]["status"]}
    assert statuses.get("已废止") == 1 and statuses.get("未知", 0) >= 1
    cards = [json.loads(gzip.decompress(p.read_bytes())) for p in (index / "d").glob("*.json.gz")]
    assert {c["u"]: c.get("v") for c in cards}[doc_url(built.records[REPEALED]).lstrip("/")] == "已废止"


def test_a_withdrawal_is_in_the_feed_and_the_document_json(built: Built) -> None:
    import json

    from lxml import etree

    withdrawn = next(r for r in built.records.values() if r.status == "withdrawn")
    feed = etree.parse(str(built.site / "qinglan" / "feed.xml")).getroot()
    titles = [e.findtext(f"{ATOM}title") for e in feed.findall(f"{ATOM}entry")]
    assert f"【已撤回】{withdrawn.document.title}" in titles
    data = json.loads((built.site / (doc_url(withdrawn).strip("/") + ".json")).read_text("utf-8"))
    assert data["status"] == "withdrawn" and data["withdrawn"]["date"] == "2024-02-01"
    assert data["validity"]["label"] in ("未知", "现行有效") and "cited_by" in data


def test_mkdocs_memo_of_url_paths_is_emptied_after_each_task() -> None:
    # MkDocs memoizes every URL it splits, without a bound; a 100k build's render tasks filled it
    # with ~70 MiB. theme.forget_paths (run after each task) must keep reaching that memo.
    import mkdocs.utils

    from scraper.site import theme

    mkdocs.utils.get_relative_url("benxi/2021/2/some-doc/", "benxi/2021/")
    assert mkdocs.utils._norm_parts.cache_info().currsize > 0
    theme.forget_paths()
    assert mkdocs.utils._norm_parts.cache_info().currsize == 0


def test_the_overview_counts_every_gazette_year_and_finds_the_latest_issues(built_site: tuple[Path, Path]) -> None:
    # The home and gazettes pages read counts from SQL, not a view of every issue: the same
    # numbers as the full views, and the latest issues in the order the pages always used.
    from scraper.site import lists
    from scraper.site.ledger import Ledger, ledger_path

    site, _ = built_site
    with Ledger(ledger_path(site), readonly=True) as ledger:
        counted = lists.ledger_site(ledger, lists.Views(ledger))
        full = lists.gazette_views(ledger, lists.Views(ledger))
        issues = [issue for g in full for year in g.years.values() for issue in year.issues]
        newest = sorted(issues, key=lambda i: (i.issue.published or dt.date(i.issue.year or 1, 1, 1),
                                               i.issue.number or 0, i.id), reverse=True)
        assert [i.id for i in counted.latest_issues] == [i.id for i in newest[:lists.LATEST_ISSUES]]
        assert [len(i.docs) for i in counted.latest_issues] == [len(i.docs) for i in newest[:lists.LATEST_ISSUES]]
        assert len(counted.issues) == len(issues) > 0
        assert [(g.slug, [(y.year, len(y.issues), y.documents) for y in g.sorted_years()]) for g in counted.gazettes] \
            == [(g.slug, [(y.year, len(y.issues), y.documents) for y in g.sorted_years()]) for g in full]
