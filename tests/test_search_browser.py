"""The built site in a real browser: Debian's Chromium driven by Playwright.

The seeds (text dumps and HTML pages) plus a hostile page are ingested, the site is built once per
session and served on 127.0.0.1; every query of tests/search_queries.json is typed into
/search/?q=… as a reader would.
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path
from urllib.parse import quote

import pytest

from scraper.search import tokens as T

from conftest import SEEDS

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
from check_links import check_links  # noqa: E402

playwright_api = pytest.importorskip("playwright.sync_api")
QUERIES = json.loads((Path(__file__).parent / "search_queries.json").read_text("utf-8"))["queries"]
HOSTILE_ID = "ceshi-cezhengfa-2024-9"


def results(page, site, query: str, extra: str = "") -> list[str]:
    """Document ids of the results shown for a query, in order."""
    page.goto(f"{site.url}search/?q={quote(query)}{extra}")
    page.wait_for_selector("#gz-search[data-state=done]")
    hrefs = page.eval_on_selector_all(".gz-result__title", "els => els.map(e => e.href)")
    return [href.rstrip("/").rsplit("/", 1)[-1] for href in hrefs]


@pytest.mark.parametrize("item", QUERIES, ids=[q["q"] for q in QUERIES])
def test_query_finds_the_document(page, site, item: dict) -> None:
    found = results(page, site, item["q"])
    wanted = found[:1] if item.get("first") else found[:3]
    assert set(wanted) & set(item["expect"]), f"{item['q']} ({item['kind']}): got {found[:5]}"


def test_query_set_is_big_enough() -> None:
    assert len(QUERIES) >= 15
    kinds = " ".join(q["kind"] for q in QUERIES)
    for kind in ("phrase", "Traditional", "文号 exact", "文号 sloppy", "令"):
        assert kind in kinds


def test_browser_tokenizes_as_the_indexer(page, site) -> None:
    samples = [line for path in SEEDS for line in path.read_text("utf-8").splitlines()[:40] if line.strip()]
    samples += ["互聯網+監管 ＡＢＣ５Ｇ", "本政发〔２０１８〕１５号", "𠀀𠀁 ext-B", "ǅ ß İ", "①②", ""]
    page.goto(f"{site.url}search/")
    got = page.evaluate(
        "async (samples) => { await gazetteSearch.ready(); return samples.map(s => gazetteSearch.tokenize(s)); }",
        samples,
    )
    for text, tokens in zip(samples, got):
        assert tokens == T.tokens(text), text
    shards = page.evaluate("(ts) => ts.map(t => gazetteSearch.shardOf(t, 4096))", ["医疗", "2018", "𠀀𠀁"])
    assert shards == [T.shard_of(t, 4096) for t in ["医疗", "2018", "𠀀𠀁"]]


def test_results_show_title_number_office_date_and_highlight(page, site) -> None:
    results(page, site, "医养结合")
    first = page.locator(".gz-result").first
    meta = first.locator(".gz-result__meta").inner_text()
    assert "本政办发〔2018〕58号" in meta and "本溪市人民政府办公厅" in meta and "2018" in meta
    assert "养老服务" in first.locator(".gz-result__title").inner_text()
    assert first.locator(".gz-result__excerpt mark").first.inner_text() == "医养结合"


def test_traditional_text_is_highlighted_for_a_simplified_query(page, site) -> None:
    found = results(page, site, "企业上市挂牌")
    assert found[0] == "huangshi-huangzhengfa-2019-14"
    marks = page.locator(".gz-result").first.locator("mark").all_inner_texts()
    assert "企業上市掛牌" in marks


def test_number_match_is_marked(page, site) -> None:
    results(page, site, "本政发2018 15")
    assert page.locator(".gz-result").first.locator(".gz-result__badge").inner_text() == "文号匹配"


def test_filters_and_date_sort(page, site) -> None:
    results(page, site, "通知")
    everything = page.locator(".gz-search__status").inner_text()
    filtered = results(page, site, "通知", "&gazette=" + quote("黄石市人民政府公报"))
    assert page.locator("select[name=gazette]").input_value() == "黄石市人民政府公报"  # one name, folded
    assert len(filtered) == 5 and all(doc.startswith("huangshi") for doc in filtered)
    # A link written with the gazette's Traditional name (the page prints 黃石市人民政府公報) still filters.
    assert results(page, site, "通知", "&gazette=" + quote("黃石市人民政府公報")) == filtered
    assert int("".join(filter(str.isdigit, everything.split("篇")[0]))) > 10
    page.goto(f"{site.url}search/?q={quote('实施方案')}&sort=date")
    page.wait_for_selector("#gz-search[data-state=done]")
    dates = [
        field for field in page.locator(".gz-result__field").all_inner_texts()
        if len(field) == 10 and field[4] == "-"
    ]
    assert len(dates) >= 5 and dates == sorted(dates, reverse=True)


def test_search_form_updates_the_url(page, site) -> None:
    page.goto(f"{site.url}search/")
    page.wait_for_selector("#gz-search[data-state=done]")
    page.fill(".gz-search__input", "家庭医生")
    page.press(".gz-search__input", "Enter")
    page.wait_for_selector(".gz-result")
    assert "q=%E5%AE%B6%E5%BA%AD%E5%8C%BB%E7%94%9F" in page.url
    assert page.locator(".gz-result__title").first.inner_text().startswith("市人民政府辦公室關于印發推進")
    page.fill(".gz-search__input", "高标准农田")
    page.press(".gz-search__input", "Enter")
    page.wait_for_selector(".gz-result__title:has-text('粮食生产功能区')")
    page.go_back()
    page.wait_for_selector(".gz-result__title:has-text('互聯網')")
    assert page.locator(".gz-search__input").input_value() == "家庭医生"


def test_first_query_fetches_only_its_shards_and_shown_cards(browser, site) -> None:
    """Cold cache: the manifest, the character table, one shard per token, the cards shown, and
    (after the results) the facet codes of the blocks holding the results, to count filter values."""
    query = "医疗卫生行业综合监管"
    context = browser.new_context()
    page = context.new_page()
    fetched: list[str] = []
    page.on("response", lambda r: fetched.append(r.url.split("/search-index/")[1]) if "/search-index/" in r.url else None)
    results(page, site, query)
    page.wait_for_load_state("networkidle")
    shown = page.locator(".gz-result").count()
    context.close()
    manifest = json.loads((site.root / "search-index" / "manifest.json").read_text("utf-8"))
    shards = {f"s/{T.shard_of(t, manifest['shards'])}.json.gz" for t in T.tokens(query)}
    cards = [name for name in fetched if name.startswith("d/")]
    codes = {name for name in fetched if name.startswith("c/")}
    assert codes == {"c/0.json.gz"} and manifest["documents"] < manifest["codeBlock"]
    assert sorted(set(fetched) - set(cards) - codes) == sorted({"manifest.json", "t2s.json.gz", *shards})
    assert len(cards) == shown <= 10 < manifest["documents"]


def test_filter_counts_of_a_large_result_set_wait_for_the_reader(browser, site) -> None:
    """Beyond EAGER_COUNT_BLOCKS code blocks (here set to 0, as a large archive's common word
    would need), the results come without the codes; the counts load when the filters are touched,
    and never show a number that was not counted."""
    context = browser.new_context()
    context.add_init_script("window.GAZETTE_EAGER_COUNT_BLOCKS = 0;")
    page = context.new_page()
    fetched: list[str] = []
    page.on("response", lambda r: fetched.append(r.url.split("/search-index/")[1]) if "/search-index/" in r.url else None)
    found = results(page, site, "通知")
    page.wait_for_load_state("networkidle")
    assert found and not [name for name in fetched if name.startswith(("c/", "days/"))]
    labels = page.locator("select[name=gazette] option").all_inner_texts()
    assert labels[0] == "全部公报" and all("（" not in label for label in labels[1:])
    page.hover("select[name=gazette]")
    page.wait_for_function("() => [...document.querySelectorAll('select[name=gazette] option')]"
                           ".slice(1).some(o => o.textContent.includes('（'))")
    assert "c/0.json.gz" in fetched and not [name for name in fetched if name.startswith("days/")]
    deferred = page.locator("select[name=gazette] option").all_inner_texts()
    context.close()
    eager = browser.new_context()
    page = eager.new_page()
    results(page, site, "通知")
    page.wait_for_load_state("networkidle")
    assert deferred == page.locator("select[name=gazette] option").all_inner_texts()  # the same counts
    eager.close()


def test_newest_first_reads_the_day_blocks_not_the_codes(browser, site) -> None:
    context = browser.new_context()
    page = context.new_page()
    fetched: list[str] = []
    page.on("response", lambda r: fetched.append(r.url.split("/search-index/")[1]) if "/search-index/" in r.url else None)
    page.goto(f"{site.url}search/?gazette={quote('黄石市人民政府公报')}")  # a filter alone: newest first
    page.wait_for_selector("#gz-search[data-state=done]")
    context.close()
    assert "days/0.json.gz" in fetched
    day = json.loads(gzip.decompress((site.root / "search-index" / "days" / "0.json.gz").read_bytes()))
    codes = json.loads(gzip.decompress((site.root / "search-index" / "c" / "0.json.gz").read_bytes()))
    assert "day" not in codes and len(day["day"]) == len(codes["gazette"]) and max(day["day"]) > 17000


def test_missing_page_gets_the_chinese_404_with_working_links(page, site) -> None:
    response = page.goto(f"{site.url}benxi/2031/99/nothing-here/")
    assert response is not None and response.status == 404
    assert "页面不存在" in page.locator("h1").inner_text()
    page.click("text=搜索文件")
    page.wait_for_selector("#gz-search[data-state=done]")
    assert page.url == f"{site.url}search/"


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 800}, {"width": 390, "height": 844}], ids=["desktop", "phone"])
def test_pages_render_without_console_errors(browser, site, viewport) -> None:
    context = browser.new_context(viewport=viewport)
    outside: list[str] = []
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(site.url)
                  else (outside.append(route.request.url), route.abort()))
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(f"{page.url}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(f"{page.url}: {e}"))
    paths = [
        "", "gazettes/", "benxi/", "benxi/2021/", "benxi/2021/02/",
        "benxi/2021/02/benxi-benzhengbanfa-2021-14/", "huangshi/2019/06/huangshi-huangzhengfa-2019-14/",
        "offices/", "genres/", "years/", "search/?q=" + quote("养老服务"), "changes/", "downloads/",
    ]
    for path in paths:
        response = page.goto(site.url + path)
        assert response is not None and response.ok, path
        assert page.locator("h1").count() >= 1, path
        if viewport["width"] < 500:  # nothing wider than the phone screen but scrollable tables
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 1, f"{path} overflows the phone screen by {overflow}px"
    context.close()
    assert errors == [] and outside == []


def test_hostile_page_runs_nothing(browser, site) -> None:
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    doc_url = next(site.root.glob(f"**/{HOSTILE_ID}/index.html")).parent.relative_to(site.root).as_posix()
    page.goto(f"{site.url}{doc_url}/")
    page.wait_for_load_state("load")
    text = page.locator("article").inner_text()
    assert '<script>window.__xss="title"</script>' in page.locator("h1").inner_text()
    assert '<img src=x onerror=window.__xss="text">' in text
    assert '<svg onload=window.__xss="cell-text">' in page.locator("article table.gz-text-table").inner_text()
    assert "*不是粗体*" in text and "[链接](javascript:alert(1))" in text and "{{ config }}" in text
    assert page.evaluate("window.__xss") is None
    live = page.evaluate("""() => {
        const article = document.querySelector("article");
        const handlers = [...document.querySelectorAll("*")].filter(
            (el) => [...el.attributes].some((a) => a.name.startsWith("on")));
        return {
            tags: article.querySelectorAll("script, iframe, svg, object, embed, img").length,
            handlers: handlers.length,
            jsLinks: document.querySelectorAll('[href^="javascript:" i], [src^="javascript:" i]').length,
        };
    }""")
    assert live == {"tags": 0, "handlers": 0, "jsLinks": 0}
    results(page, site, "网络安全防护")
    assert page.locator(".gz-result__title").first.inner_text().startswith("测试市人民政府关于加强网络安全<script>")
    assert page.evaluate("window.__xss") is None
    assert dialogs == []
    context.close()


def test_every_internal_link_of_the_built_site_resolves(site) -> None:
    broken = check_links(site.root, same_page=True)
    assert broken == [], broken[:10]


def test_compare_page_diffs_two_related_documents_across_scripts(page, site) -> None:
    a = "benxi/2021/02/benxi-benzhengbanfa-2021-14/"
    b = "huangshi/2019/06/huangshi-huangzhengbanfa-2019-19/"
    page.goto(f"{site.url}compare/?a={quote(a)}&b={quote(b)}")
    page.wait_for_selector("#gz-compare[data-state=done]")
    assert page.locator(".gz-compare__docs a").count() == 2
    unchanged = page.evaluate(
        "() => [...document.querySelector('.gz-diff').childNodes].filter(n => n.nodeType === 3).map(n => n.textContent).join('')")
    # Shared template text is shown unchanged even though one side is written in Traditional.
    assert "綜合監管" in unchanged or "综合监管" in unchanged
    assert page.locator(".gz-diff ins").count() > 0 and page.locator(".gz-diff del").count() > 0
    page.goto(f"{site.url}compare/?a={quote('https://evil.example/')}&b={quote(b)}")
    page.wait_for_selector("#gz-compare[data-state=done]")
    assert "请从文件页面" in page.locator("#gz-compare").inner_text()


def test_history_version_and_diff_pages_render(browser, site) -> None:
    """A document changed in a later capture of the served test site (see conftest)."""
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    changed = [p.parents[2] for p in site.root.glob("**/diff/1-2/index.html")]
    assert changed, "the test site holds a document with two versions"
    doc = changed[0].relative_to(site.root).as_posix()
    for path in (f"{doc}/", f"{doc}/v1/", f"{doc}/diff/1-2/"):
        response = page.goto(f"{site.url}{path}")
        assert response is not None and response.ok and page.locator("h1").count() >= 1, path
    assert page.locator(".gz-diff ins").count() >= 1
    page.goto(f"{site.url}{doc}/v2/")
    page.wait_for_url(f"{site.url}{doc}/")
    assert page.locator(".gz-history li").count() == 2
    context.close()
    assert errors == []


# ---- issue 12: validity filter, archived captures, coverage --------------------------------------

def test_validity_is_a_filter_and_a_card_badge(page, site) -> None:
    everything = results(page, site, "住宅专项维修资金")
    in_force = results(page, site, "住宅专项维修资金", "&status=" + quote("现行有效"))
    assert in_force and set(in_force) <= set(everything)
    assert "benxi-zhengfuling-192" in in_force  # 自2021年4月1日起施行
    assert page.locator("select[name=status]").input_value() == "现行有效"
    assert "现行有效" in page.locator(".gz-result__badge--status").all_inner_texts()


def test_the_archived_capture_of_a_hostile_page_runs_nothing(browser, site) -> None:
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    doc_url = next(site.root.glob(f"**/{HOSTILE_ID}/index.html")).parent.relative_to(site.root).as_posix()
    page.goto(f"{site.url}{doc_url}/")
    page.locator("a", has_text="以文本查看").first.click()
    page.wait_for_load_state("load")
    assert "/captures/" in page.url
    assert "<script" in page.locator("pre").inner_text()  # the markup is shown as text
    assert page.evaluate("window.__xss") is None and dialogs == []
    live = page.evaluate("() => document.querySelectorAll('script, iframe, img, object, embed, svg, link').length")
    assert live == 0
    context.close()


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 800}, {"width": 390, "height": 844}], ids=["desktop", "phone"])
def test_coverage_and_capture_pages_fit_the_screen(browser, site, viewport) -> None:
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    capture = next(site.root.glob("benxi/2021/02/captures/*.html")).relative_to(site.root).as_posix()
    for path in ("benxi/coverage/", capture, "benxi/2021/02/benxi-zhengfuling-192/"):
        response = page.goto(site.url + path)
        assert response is not None and response.ok, path
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"{path} overflows by {overflow}px"
    context.close()
    assert errors == []
