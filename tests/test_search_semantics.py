"""What a query means, asserted in Chromium on the seeds' real text (the served test site).

Each expectation is computed from the store itself (which documents hold a character, a word, a
phrase), so the search is checked against the text, not against numbers copied from a run.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

import pytest

from scraper.search import tokens as T
from scraper.store import Store

playwright_api = pytest.importorskip("playwright.sync_api")
VIEWPORTS = [{"width": 1280, "height": 800}, {"width": 390, "height": 844}]


def texts(store: Path) -> dict[str, str]:
    """doc id → everything search reads of it (title, text, gazette and issue), folded, letters only."""
    with Store(store) as db:
        out = {}
        for record in db.latest_records():
            issue = record.issue
            extra = f"{issue.gazette or ''}{issue.year}年第{issue.number}期" if issue else ""
            out[record.doc_id] = compact(f"{record.document.title}{record.document.text}{extra}")
        return out


def compact(text: str) -> str:
    return re.sub(r"[^\w]|_", "", T.normalize(text))


def holding(store: Path, *needles: str) -> set[str]:
    return {doc for doc, text in texts(store).items() if all(compact(n) in text for n in needles)}


def run(page, site, params: str) -> dict:
    """Open /search/?…; the shown result ids (every page of them), the status and notice."""
    page.goto(f"{site.url}search/?{params}")
    page.wait_for_selector("#gz-search[data-state=done]")
    while page.locator(".gz-search__more:not([hidden])").count():
        before = page.locator(".gz-result").count()
        page.click(".gz-search__more")
        page.wait_for_function(f"document.querySelectorAll('.gz-result').length > {before}")
    hrefs = page.eval_on_selector_all(".gz-result__title", "els => els.map(e => e.href)")
    notice = page.locator(".gz-search__notice")
    return {
        "ids": [h.rstrip("/").rsplit("/", 1)[-1] for h in hrefs],
        "status": page.locator(".gz-search__status").inner_text(),
        "notice": notice.inner_text() if notice.is_visible() else "",
    }


def count_in(status: str) -> int:
    found = re.search(r"(\d+) 篇", status)
    assert found, status
    return int(found.group(1))


@pytest.fixture(params=VIEWPORTS, ids=["desktop", "phone"])
def wide_or_narrow(request, browser):
    context = browser.new_context(viewport=request.param)
    yield context.new_page()
    context.close()


def test_one_character_searches_the_whole_text_in_both_scripts(wide_or_narrow, site) -> None:
    page = wide_or_narrow
    expected = holding(site.store, "税")
    assert len(expected) >= 5  # 税 in bodies, not in titles
    for query in ("税", "稅"):
        got = run(page, site, f"q={quote(query)}")
        assert set(got["ids"]) == expected and count_in(got["status"]) == len(expected), query
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1


def test_every_word_must_match(page, site) -> None:
    got = run(page, site, f"q={quote('放管服 营商环境')}")
    assert got["ids"] and set(got["ids"]) == holding(site.store, "放管服", "营商环境")
    assert "同时包含全部词语" in got["status"]


def test_when_no_document_holds_every_word_the_page_says_so_and_lists_some(page, site) -> None:
    assert not holding(site.store, "养老服务", "森林防火")
    got = run(page, site, f"q={quote('养老服务 森林防火')}")
    assert "没有文件同时包含全部 2 个词语" in got["status"]
    assert "只包含其中一部分词语" in got["notice"]
    assert set(got["ids"]) == holding(site.store, "养老服务") | holding(site.store, "森林防火")
    missing = page.locator(".gz-result__missing").all_inner_texts()
    assert missing and all("森林防火" in line for line in missing)
    terms = page.locator(".gz-search__terms").inner_text()
    assert f"养老服务 {len(holding(site.store, '养老服务'))} 篇" in terms and "森林防火 0 篇" in terms


def test_a_quoted_phrase_must_appear_as_typed(page, site) -> None:
    # The unquoted words may stand apart; quoted, only the documents printing the phrase itself.
    loose = run(page, site, f"q={quote('卫生 监管')}")["ids"]
    got = run(page, site, f"q={quote(chr(34) + '卫生监管' + chr(34))}")
    assert set(got["ids"]) == holding(site.store, "卫生监管") and len(got["ids"]) < len(loose)
    curly = run(page, site, f"q={quote('“卫生监管”')}")
    assert curly["ids"] == got["ids"]


def test_or_finds_either(page, site) -> None:
    got = run(page, site, f"q={quote('家庭医生 OR 高标准农田')}")
    assert set(got["ids"]) == holding(site.store, "家庭医生") | holding(site.store, "高标准农田")


def test_a_misspelt_word_shows_documents_holding_most_of_it(page, site) -> None:
    got = run(page, site, f"q={quote('养老服物')}")
    assert "没有文件包含“养老服物”" in got["status"] and "写法不同" in got["notice"]
    assert holding(site.store, "养老服务") <= set(got["ids"])


def test_no_results_offers_browse_links_and_hints(page, site) -> None:
    got = run(page, site, f"q={quote('量子引力波')}")
    assert got["ids"] == [] and "没有找到包含“量子引力波”的文件" in got["status"]
    help_text = page.locator(".gz-search__help").inner_text()
    assert "繁体和简体已自动互通" in help_text and "错别字" in help_text
    links = page.eval_on_selector_all(".gz-search__help a", "els => els.map(e => e.getAttribute('href'))")
    assert {href.rstrip("/").rsplit("/", 1)[-1] for href in links} >= {"gazettes", "offices", "genres", "years"}
    page.click(".gz-search__help a:has-text('按文种')")
    assert page.url.endswith("/genres/")


def test_filters_alone_list_their_documents_newest_first(wide_or_narrow, site) -> None:
    page = wide_or_narrow
    with Store(site.store) as db:
        notices = [r for r in db.latest_records() if r.document.doc_type == "通知"]
    got = run(page, site, f"genre={quote('通知')}")
    assert set(got["ids"]) == {r.doc_id for r in notices} and count_in(got["status"]) == len(notices)
    dates = [f for f in page.locator(".gz-result__field").all_inner_texts() if re.fullmatch(r"\d{4}-\d\d-\d\d", f)]
    assert dates == sorted(dates, reverse=True) and len(dates) >= len(notices) - 2
    assert page.locator("select[name=genre]").input_value() == "通知"
    assert f"通知（{len(notices)}）" in page.locator("select[name=genre] option:checked").inner_text()
    assert "文种：通知" in page.title()


def test_filter_counts_are_those_of_the_current_results(page, site) -> None:
    expected = holding(site.store, "税")
    with Store(site.store) as db:
        genres = {r.doc_id: r.document.doc_type for r in db.latest_records()}
    run(page, site, f"q={quote('税')}")
    page.wait_for_load_state("networkidle")
    shown = dict(
        re.fullmatch(r"(.+)（(\d+)）", text).groups()
        for text in page.eval_on_selector_all(
            "select[name=genre] option:not([hidden])", "els => els.map(e => e.textContent)")[1:])
    wanted = {}
    for doc in expected:
        if genres[doc]:
            wanted[genres[doc]] = wanted.get(genres[doc], 0) + 1
    assert {k: int(v) for k, v in shown.items()} == wanted


def test_the_year_filter_offers_issue_years_and_the_documents_own(page, site) -> None:
    run(page, site, "")
    groups = page.eval_on_selector_all("select[name=years] optgroup", "els => els.map(e => e.label)")
    assert groups == ["按期次年份", "按成文年份"]
    with Store(site.store) as db:
        signed_2020 = {r.doc_id for r in db.latest_records()
                       if (r.document.signed or r.document.published or (r.issue.published if r.issue else None))
                       and (r.document.signed or r.document.published or r.issue.published).year == 2020}
    assert signed_2020
    got = run(page, site, "dyear=2020")
    assert set(got["ids"]) == signed_2020
    page.select_option("select[name=years]", "year:2021")
    page.wait_for_url("**year=2021**")
    page.wait_for_selector("#gz-search[data-state=done]")
    assert "期次年份：2021" in page.locator(".gz-search__status").inner_text()


def test_results_are_announced_and_the_title_carries_the_query(page, site) -> None:
    run(page, site, f"q={quote('家庭医生')}")
    status = page.locator(".gz-search__status")
    assert status.get_attribute("aria-live") == "polite" and status.get_attribute("role") == "status"
    assert page.title().startswith("“家庭医生”的搜索结果")


def test_a_number_is_highlighted_whole_and_the_excerpt_is_body_text(page, site) -> None:
    run(page, site, f"q={quote('本政发2018 15')}")
    first = page.locator(".gz-result").first
    assert first.locator(".gz-result__number mark").inner_text() == "本政发〔2018〕15号"
    title_only = "调整市政府领导同志工作分工"
    run(page, site, f"q={quote(title_only)}")
    first = page.locator(".gz-result").first
    excerpt = first.locator(".gz-result__excerpt").inner_text()
    assert "本政办发〔2021〕12号" not in excerpt and not excerpt.startswith("本溪市人民政府办公室关于调整")
    assert excerpt.startswith("各自治县")  # the body begins with its 主送
