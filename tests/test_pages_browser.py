"""The public pages in Chromium at 1280 px and at 390 px: layout, phones, versions, accessibility.

The served test site (conftest): the seeds, their HTML pages and a hostile page, one document
changed in a later capture (so it has a version 1 page and a diff page).
"""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest

playwright_api = pytest.importorskip("playwright.sync_api")
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
DOC = "benxi/2021/02/benxi-benzhengbanfa-2021-14/"  # banner, 文号, 主送, signature, 附件 list and 附件2
ORDER = "benxi/2021/02/benxi-zhengfuling-192/"
TRADITIONAL = "huangshi/2019/06/huangshi-huangzhengfa-2019-14/"


@pytest.fixture(params=[DESKTOP, PHONE], ids=["desktop", "phone"])
def viewport(request):
    return request.param


@pytest.fixture
def tab(browser, site, viewport):
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(f"{page.url}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(f"{page.url}: {e}"))
    yield page
    context.close()
    assert errors == []


def changed_doc(site) -> str:
    """The site-relative folder of the document that has a second version."""
    return next(p.parents[2] for p in site.root.glob("**/diff/1-2/index.html")).relative_to(site.root).as_posix() + "/"


def every_page_type(site) -> list[str]:
    doc = changed_doc(site)
    office = next((site.root / "offices").glob("*/index.html")).parent.name
    genre = next((site.root / "genres").glob("*/index.html")).parent.name
    year = next((site.root / "years").glob("*/index.html")).parent.name
    related = next(site.root.glob("**/anshan-anzhengbanfa-2019-33/index.html")).parent.relative_to(site.root).as_posix() + "/"
    return [
        "", "gazettes/", "benxi/", "benxi/2021/", "benxi/2021/02/", DOC, ORDER, TRADITIONAL, doc, f"{doc}v1/",
        f"{doc}diff/1-2/", "offices/", f"offices/{office}/", "genres/", f"genres/{genre}/", "years/",
        f"years/{year}/", "documents/", "changes/", "downloads/", "search/?q=" + quote("养老服务 森林防火"),
        "search/?genre=" + quote("通知"), "search-help/", "about/", "cite/",
        f"compare/?a={quote(DOC)}&b={quote(related)}",
    ]


def test_no_page_scrolls_sideways(tab, site, viewport) -> None:
    for path in every_page_type(site):
        if path.startswith("documents/") and not (site.root / "documents").is_dir():
            continue
        response = tab.goto(site.url + path)
        assert response is not None and response.ok, path
        if path.startswith(("search/", "compare/")):
            tab.wait_for_selector("[data-state=done]")
        overflow = tab.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"{path} is {overflow}px wider than {viewport['width']}px"


def box(page, selector: str) -> dict:
    return page.evaluate(
        """(s) => { const e = document.querySelector(s); const r = e.getBoundingClientRect();
                    const st = getComputedStyle(e);
                    return {left: r.left, right: r.right, top: r.top, width: r.width, align: st.textAlign,
                            indent: parseFloat(st.textIndent), color: st.color}; }""", selector)


def text_box(page, selector: str) -> dict:
    """Where the text itself sits (a Range around the element's contents), not its block."""
    return page.evaluate(
        """(s) => { const range = document.createRange(); range.selectNodeContents(document.querySelector(s));
                    const r = range.getBoundingClientRect(); return {left: r.left, right: r.right}; }""", selector)


def test_a_document_is_laid_out_as_an_official_document(tab, site, viewport) -> None:
    tab.goto(site.url + DOC)
    sheet = box(tab, ".gz-doc")
    title = text_box(tab, "h1.gz-title")
    assert tab.locator("h1").count() == 1 and box(tab, "h1.gz-title")["align"] == "center"
    middle = (sheet["left"] + sheet["right"]) / 2
    assert abs((title["left"] + title["right"]) / 2 - middle) < 12  # the title is centred, once
    banner = box(tab, ".gz-banner")
    assert banner["align"] == "center" and banner["color"] == "rgb(198, 40, 40)"
    assert tab.locator(".gz-rule").count() == 1
    recipients = box(tab, ".gz-recipients")
    assert recipients["indent"] == 0 and abs(text_box(tab, ".gz-recipients")["left"] - sheet["left"]) < 2
    for part in (".gz-signature", ".gz-date"):
        assert box(tab, part)["align"] == "right"
        assert text_box(tab, part)["right"] > sheet["right"] - (50 if viewport is DESKTOP else 4)
    paragraph = box(tab, ".gz-doc > p:not([class])")
    assert paragraph["indent"] > 20  # body paragraphs keep their two-character indent
    # The metadata's 附件 entry links to the printed attachment, outside the outline's headings.
    tab.locator("table.gz-meta a[href='#fj2']").first.click(force=viewport is PHONE)
    assert tab.locator("#fj2").is_visible()
    # The attachment is one entry of the outline; headings inside it are not the document's.
    assert tab.locator("details.gz-outline a[href='#fj2']").count() == 1
    assert tab.locator(".gz-attachment .gz-h:not(.gz-attachment__head)").count() == 0
    for heading in ("引用本文", "来源与版本", "版本记录", "相关文件"):
        assert tab.locator(f"h2:has-text('{heading}')").count() == 1, heading


def test_a_document_in_traditional_characters_says_so(tab, site) -> None:
    tab.goto(site.url + TRADITIONAL)
    assert tab.evaluate("document.documentElement.lang") == "zh-Hant"
    tab.goto(site.url + DOC)
    assert tab.evaluate("document.documentElement.lang") != "zh-Hant"
    family = tab.evaluate("getComputedStyle(document.body).fontFamily")
    assert "PingFang SC" in family and "Noto Sans CJK SC" in family and "Microsoft YaHei" in family


def test_on_a_phone_the_text_comes_first(browser, site) -> None:
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(site.url + DOC)
    card = page.locator("details.gz-card")
    assert card.get_attribute("open") is None  # folded to its summary line
    assert "本政办发〔2021〕14号" in page.locator("details.gz-card > summary").inner_text()
    assert box(page, ".gz-recipients")["top"] < PHONE["height"]  # the text starts on the first screen
    outline = page.locator("details.gz-outline")
    assert outline.is_visible() and outline.get_attribute("open") is None
    page.click("details.gz-outline > summary")
    entries = page.locator("details.gz-outline a").all_inner_texts()
    assert "一、总体要求" in entries and any(e.startswith("附件2") for e in entries)
    page.click("details.gz-outline a:has-text('三、保障措施')")
    assert page.evaluate("location.hash") == "#" + page.locator("h2:has-text('三、保障措施')").get_attribute("id")
    # Back to top: Material's button shows while scrolling back up a long document.
    page.mouse.wheel(0, 4000)
    page.wait_for_timeout(300)
    page.mouse.wheel(0, -300)
    page.wait_for_selector(".md-top:not([hidden])")
    page.click(".md-top")
    page.wait_for_function("window.scrollY < 10")
    context.close()


def test_on_a_desktop_the_metadata_table_is_open_and_the_side_outline_shown(browser, site) -> None:
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(site.url + DOC)
    assert page.locator("details.gz-card").get_attribute("open") is not None
    assert page.locator("table.gz-meta").is_visible()
    assert not page.locator("details.gz-outline").is_visible()  # Material's side table of contents instead
    assert page.locator(".md-sidebar--secondary a:has-text('一、总体要求')").is_visible()
    context.close()


def test_an_older_version_is_unmistakable_and_the_current_one_says_it_changed(tab, site) -> None:
    doc = changed_doc(site)
    tab.goto(site.url + doc + "v1/")
    banner = tab.locator(".gz-superseded")
    assert "已被新版本取代" in banner.inner_text()
    assert tab.evaluate("getComputedStyle(document.querySelector('.gz-superseded')).backgroundColor") != "rgba(0, 0, 0, 0)"
    assert box(tab, ".gz-superseded")["top"] < box(tab, ".gz-doc")["top"]
    banner.locator("a:has-text('最新版本')").click()
    tab.wait_for_url(site.url + doc)
    updated = tab.locator(".gz-updated")
    assert "本文件已更新" in updated.inner_text() and box(tab, ".gz-updated")["top"] < box(tab, ".gz-doc")["top"]
    updated.locator("a:has-text('差异')").click()
    tab.wait_for_url(site.url + doc + "diff/1-2/")


def test_the_diff_page_on_a_phone_is_inline_with_context(browser, site) -> None:
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(site.url + changed_doc(site) + "diff/1-2/")
    assert page.locator(".gz-hunk ins").count() >= 1 and page.locator(".gz-hunk .gz-diff-line--context").count() >= 1
    assert not page.locator(".gz-side-by-side").is_visible()
    assert "行起" not in page.locator("article").inner_text()  # no line numbers
    assert page.evaluate("document.documentElement.scrollHeight") < 4000
    context.close()
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(site.url + changed_doc(site) + "diff/1-2/")
    assert page.locator(".gz-side-by-side").is_visible()
    context.close()


def test_lists_are_tables_on_a_desktop_and_cards_on_a_phone(tab, site, viewport) -> None:
    tab.goto(site.url + "benxi/2021/02/")
    first = tab.locator("table.gz-docs tbody tr").first
    title = first.locator("td.gz-title")
    if viewport is PHONE:
        assert tab.evaluate("getComputedStyle(document.querySelector('table.gz-docs tr')).display") == "block"
        assert title.bounding_box()["width"] > 300  # the title gets the card's width
        number = first.locator("td.gz-num")
        assert number.bounding_box()["y"] > title.bounding_box()["y"]  # 文号 · 机关 under the title
    else:
        assert tab.locator("table.gz-docs thead th").first.inner_text() == "序号"
    office = next((site.root / "offices").glob("*/index.html")).parent.name
    tab.goto(f"{site.url}offices/{office}/")
    headers = tab.locator("table.gz-docs thead th").all_inner_texts()
    assert "发文机关" not in headers and "标题" in headers  # no column repeating one value
    scroll = tab.evaluate("(() => { const s = document.querySelector('.gz-scroll'); return s.scrollWidth - s.clientWidth; })()")
    assert scroll <= 1  # nothing clipped
    tab.goto(site.url + "downloads/")
    sizes = tab.locator("table.gz-list td.gz-nowrap").all_inner_texts()
    assert sizes and all(re.fullmatch(r"[\d.]+ (字节|KB|MB|GB)", s) for s in sizes)
    assert "北京时间" in tab.locator("article").inner_text()


def test_the_header_search_box_shows_keyboard_focus(tab, site) -> None:
    tab.goto(site.url)
    tab.keyboard.press("Tab")
    for _ in range(15):
        if tab.evaluate("document.activeElement.id") == "gz-header-q":
            break
        tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.id") == "gz-header-q"
    outline = tab.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", "")


def test_citation_footer_changes_and_about(tab, site) -> None:
    tab.goto(site.url + DOC)
    cite = tab.locator(".gz-cite__text").inner_text()
    assert "[EB/OL]" in cite and f"{site.url}{DOC}" in cite and re.search(r"\[\d{4}-\d\d-\d\d\]", cite)
    assert "本溪市人民政府办公室. " in cite and "本政办发〔2021〕14号" in cite
    footer = tab.locator(".md-copyright").inner_text()
    assert "非官方副本" in footer and "Made with" not in footer
    assert tab.locator(".gz-report a").count() >= 1
    tab.goto(site.url + "changes/")
    assert tab.locator("h3:has-text('新增期次') + ul li").count() >= 3
    tab.goto(site.url + "about/")
    assert tab.locator("#corrections").count() == 1 and tab.locator("#contact").count() == 1
