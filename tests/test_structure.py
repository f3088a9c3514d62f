"""A document's layout as an official document (GB/T 9704): roles read from its metadata and lines.

Real documents: the seeds (four cities, a 令, a speech in Traditional characters) and the forty
real pages of ../shared/real, read by the pipeline as ingest reads them.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pytest

from scraper.model import Document
from scraper.pipeline import process_path
from scraper.site.structure import Layout, has_header, head_lines, key, layout

from conftest import SEEDS, SHARED, make_doc, pipeline_ready

pytestmark = pytest.mark.skipif(not pipeline_ready(), reason="pipeline stages not implemented yet")
REAL = sorted((SHARED / "real").glob("*.txt"))


@lru_cache(maxsize=None)
def documents(path: Path) -> tuple[Document, ...]:
    return process_path(path).documents


def seed_doc(title_part: str) -> Document:
    return next(d for path in SEEDS for d in documents(path) if title_part in d.title)


def kinds(shown: Layout, kind: str) -> list[str]:
    return [b.text for b in shown.body if b.kind == kind]


def test_a_notice_with_banner_attachment_list_and_one_attachment_printed() -> None:
    doc = seed_doc("本溪市改革完善医疗卫生行业综合监管制度实施方案》的通知")
    shown = layout(doc)
    assert [(b.kind, b.text) for b in shown.head[:2]] == [("banner", "本溪市人民政府办公室文件"), ("number", "本政办发〔2021〕14号")]
    assert shown.head[2].kind == "title" and len(shown.head[2].lines) == 3 and shown.ruled
    assert shown.body[0].kind == "recipients" and shown.body[0].text.startswith("各自治县、区人民政府")
    assert kinds(shown, "signature") == ["本溪市人民政府办公室"] and kinds(shown, "date") == ["2021年4月9日"]
    assert len(kinds(shown, "note")) == 1
    subtitle = next(b for b in shown.body if b.kind == "subtitle")
    assert subtitle.lines == ("本溪市改革完善医疗卫生行业", "综合监管制度实施方案")
    listed = [b for b in shown.body if b.kind == "attachment-list"]
    assert [b.anchor for b in listed] == ["", "fj2"]  # 附件1 is named but not printed
    assert listed[0].lead.startswith("附件")
    assert [(a.anchor, a.label, a.title) for a in shown.attachments] == [("fj2", "附件2", "医疗卫生行业综合监管部门职责分工")]
    assert shown.links == ("", "fj2")
    # The attachment's paragraphs are its own, not the body's; the body's outline stops before it.
    assert not any("发展改革部门会同人民银行" in b.text for b in shown.body)
    assert head_lines(doc) == 5


def test_an_order_keeps_its_header_and_shows_the_regulation_title_it_promulgates() -> None:
    doc = seed_doc("住宅专项维修资金管理办法")
    shown = layout(doc)
    assert [b.kind for b in shown.head] == ["banner", "number", "title"]
    assert kinds(shown, "signature") == ["市长"] and kinds(shown, "date") == ["2021年2月4日"]
    assert kinds(shown, "subtitle") == ["《本溪市住宅专项维修资金管理办法》"]
    chapters = [b for b in shown.body if b.kind == "h2"]
    assert chapters and all(b.chapter for b in chapters)  # 第一章 总则 … centred
    assert any(b.kind == "article" and b.lead.startswith("第一条") for b in shown.body)


def test_a_speech_has_its_speaker_and_date_under_the_title() -> None:
    doc = seed_doc("放管服")
    shown = layout(doc)
    assert [b.kind for b in shown.head] == ["title", "byline", "byline"]
    assert shown.head[2].text == "(2019年6月25日)"
    assert shown.body[0].kind == "recipients" and shown.body[0].text == "同志們:"


def test_a_title_printed_with_its_number_in_brackets_is_shown_once() -> None:
    doc = seed_doc("韶关市曲江区改革完善医疗卫生行业综合监管制度实施方案的通知")
    shown = layout(doc)
    assert [b.kind for b in shown.head] == ["title"] and "韶曲府办函" in shown.head[0].lines[0]
    assert not any(doc.title in b.text for b in shown.body)


def test_a_title_the_text_does_not_print_is_shown_without_dropping_a_line() -> None:
    doc = make_doc(1, "编辑更正后的标题", lines=("原来的标题", "各县区：", "正文。"))
    shown = layout(doc)
    assert [b.kind for b in shown.head] == ["title"] and shown.head[0].lines == ()
    assert [b.text for b in shown.body] == ["原来的标题", "各县区：", "正文。"]


def test_an_attachment_named_in_the_metadata_links_to_its_section() -> None:
    lines = ("某市人民政府文件", "某政发〔2024〕3号", "某市人民政府关于印发甲方案的通知", "各区人民政府：", "现印发给你们。",
             "附件：1.甲方案", "2.乙名单", "某市人民政府", "2024年3月1日", "附件1", "甲方案", "一、总则", "正文。",
             "附件2", "乙名单", "张三")
    doc = make_doc(1, "某市人民政府关于印发甲方案的通知", lines=lines, attachments=("甲方案", "乙名单"))
    shown = layout(doc)
    assert shown.links == ("fj1", "fj2")
    assert [b.anchor for b in shown.body if b.kind == "attachment-list"] == ["fj1", "fj2"]
    assert [a.title for a in shown.attachments] == ["甲方案", "乙名单"]
    # Headings inside an attachment are not the document's outline (no anchor there).
    assert [b.anchor for b in shown.attachments[0].blocks if b.kind == "h2"] == [""]


def test_a_paragraph_that_only_looks_like_a_date_or_title_stays_a_paragraph() -> None:
    lines = ("某市人民政府关于调整工作的通知", "各区：", "会议于下列日期举行：", "2020年12月", "请准时参加。")
    shown = layout(make_doc(1, "某市人民政府关于调整工作的通知", lines=lines))
    assert [b.kind for b in shown.body] == ["recipients", "p", "p", "p"]


@pytest.mark.parametrize(("rows", "header"), [
    ((("序号", "项目", "责任单位"), ("1", "道路", "市交通局")), True),
    ((("1", "2"), ("3", "4")), False),
    ((("这一格是一整句说明文字，写得很长很长很长很长很长。", "x"), ("a", "b")), False),
    ((("姓名", "分工"),), False),
])
def test_a_first_row_of_short_labels_is_a_header_row(rows: tuple, header: bool) -> None:
    assert has_header(rows) is header


def shown_text(shown: Layout) -> str:
    """Every character the page shows for the text, in order (the h1 stands for the title lines)."""
    parts: list[str] = []
    for b in shown.head:
        parts += list(b.lines) if b.kind == "title" else [b.text]
    sections = [(None, shown.body), *((a, a.blocks) for a in shown.attachments)]
    for attachment, blocks in sections:
        if attachment is not None:
            parts += [attachment.label, attachment.title]
        for b in blocks:
            parts += [cell for row in b.rows for cell in row] if b.kind == "table" else [b.lead, *(b.lines or (b.text,))]
    return key("".join(parts))


SEPARATORS = re.compile(r"[：:]")  # between 附件2 and its title, when printed on one line


@pytest.mark.parametrize("path", [*SEEDS, *REAL], ids=lambda p: p.name)
def test_the_layout_shows_every_line_of_the_text(path: Path) -> None:
    """No role drops text: the head, body and attachments hold every character of every line."""
    for doc in documents(path):
        shown = shown_text(layout(doc))
        assert SEPARATORS.sub("", shown) == SEPARATORS.sub("", key("".join(doc.lines))), (path.name, doc.title)
