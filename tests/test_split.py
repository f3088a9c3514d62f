"""split: document starts on the real seeds, the TOC check, duplicates and lone documents."""

from __future__ import annotations

import json

import pytest

from conftest import SHARED
from scraper.clean import clean
from scraper.decode import decode
from scraper.pipeline import make_capture, read_capture
from scraper.split import split

GOLD = json.loads((SHARED / "seeds" / "gold.json").read_text(encoding="utf-8"))


def split_bytes(raw: bytes, name: str = "x.txt"):
    return split(clean(decode(make_capture(name, raw, "text/plain"))))


def seed_text(name: str) -> str:
    return (SHARED / "seeds" / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(GOLD))
def test_starts_match_the_gold_lines(name):
    result = split(clean(decode(read_capture(SHARED / "seeds" / name))))
    starts = [result.clean.lines[s.start].source for s in result.spans if s.kind != "duplicate"]
    assert starts == [d["start_line"] for d in GOLD[name]["documents"]]


@pytest.mark.parametrize("name", sorted(GOLD))
def test_html_pages_split_into_the_same_titles(name):
    html = SHARED / "fixtures" / "html" / name.replace(".txt", ".html")
    result = split(clean(decode(read_capture(html))))
    assert len([s for s in result.spans if s.kind != "duplicate"]) == len(GOLD[name]["documents"])


def test_spans_are_ordered_and_cover_the_body():
    for name in GOLD:
        result = split(clean(decode(read_capture(SHARED / "seeds" / name))))
        assert result.header == (0, result.spans[0].start)
        for a, b in zip(result.spans, result.spans[1:]):
            assert a.start < a.end == b.start < b.end
        assert result.spans[-1].end == len(result.clean.lines)


def test_toc_is_read_with_sections():
    result = split(clean(decode(read_capture(SHARED / "seeds" / "000_44fe47e924992053.txt"))))
    assert [e.number for e in result.toc] == ["政府令第192号"] + [f"本政办发〔2021〕{n}号" for n in (1, 5, 12, 13, 14)]
    assert result.toc[0].section == "本溪市人民政府令" and result.toc[1].section == "本溪市人民政府办公室文件"
    assert [s.toc.number for s in result.spans] == [e.number for e in result.toc]


def test_toc_listing_a_document_the_body_lacks_is_reported():
    lines = seed_text("000_44fe47e924992053.txt").split("\n")
    doc5 = GOLD["000_44fe47e924992053.txt"]["documents"][4]
    del lines[doc5["start_line"] - 1 : doc5["end_line"]]
    result = split_bytes("\n".join(lines).encode())
    assert [n.message for n in result.notices if n.code == "toc-mismatch"] == ["TOC lists 6, body holds 5"]
    assert [n.message for n in result.notices if n.code == "toc-entry-missing"] == [
        f"the 目录 lists {doc5['title']} ({doc5['doc_number']}), which the body does not hold"]
    assert len(result.spans) == 5


def test_a_document_printed_twice_yields_one():
    result = split(clean(decode(read_capture(SHARED / "seeds" / "002_e64222d35ec998c8.txt"))))
    kinds = [s.kind for s in result.spans]
    assert kinds == ["document", "duplicate"]
    assert result.clean.lines[result.spans[1].start].source == GOLD["002_e64222d35ec998c8.txt"]["duplicates"][0]["start_line"]
    assert any(n.code == "duplicate" for n in result.notices)


def test_embedded_plan_titles_do_not_split():
    # 001 carries 实施方案/实施意见 titles after signatures (lines 98, 208, 310): one document each.
    result = split(clean(decode(read_capture(SHARED / "seeds" / "001_1f1f326015fe0637.txt"))))
    sources = [result.clean.lines[s.start].source for s in result.spans]
    assert not {98, 208, 310} & set(sources)


def test_a_page_without_any_header_is_one_document():
    result = split_bytes("各区人民政府：\n现将有关事项通知如下。\n一、总体要求\n请认真贯彻执行。".encode())
    assert [(s.start, s.end, s.kind) for s in result.spans] == [(0, 4, "page")]
    assert result.notices[0].code == "no-header"


def test_title_wrapped_at_a_genre_word_is_joined():
    text = "青岚市人民政府办公室关于印发青岚市防汛抗旱应急预案和工作方案\n的通知\n青政办发〔2021〕7号\n各区人民政府：\n现印发给你们。"
    result = split_bytes(text.encode())
    span = result.spans[0]
    assert (span.start, span.title, span.number) == (0, (0, 2), 2)
