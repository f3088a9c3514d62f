from __future__ import annotations

import dataclasses

from scraper.matching import Known, match, similarity

from conftest import make_doc, number


def known(doc_id: str, ordinal: int, doc_number: str | None, title: str, text: str = "", same_page: bool = True) -> Known:
    return Known(doc_id, ordinal, doc_number, title, text, same_page)


def test_match_by_doc_number_even_when_title_and_position_change() -> None:
    doc = make_doc(4, "新标题", number("本政办发", 2021, 5))
    assert match([doc], [known("a", 2, "本政办发〔2021〕5号", "旧标题")]) == ["a"]


def test_match_by_title_when_there_is_no_doc_number() -> None:
    doc = make_doc(1, "在全市优化营商环境大会上的讲话")
    assert match([doc], [known("a", 3, None, "在全市优化营商环境大会上的讲话", doc.text)]) == ["a"]


def test_a_title_alone_never_joins_documents_of_different_pages() -> None:
    doc = make_doc(1, "在全市优化营商环境大会上的讲话")
    assert match([doc], [known("a", 1, None, "在全市优化营商环境大会上的讲话", doc.text, same_page=False)]) == [None]


def test_a_weak_title_never_matches() -> None:
    # Four different documents from four files, each titled 通知, stay four documents.
    doc = make_doc(1, "通知")
    assert match([doc], [known("a", 1, None, "通知", "另一份文件。")]) == [None]
    assert match([doc], [known("a", 2, None, "通知", doc.text, same_page=False)]) == [None]


def test_different_doc_numbers_never_match_on_title() -> None:
    doc = make_doc(1, "关于做好春节期间工作的通知", number("本政办发", 2022, 1))
    stored = known("a", 1, "本政办发〔2021〕1号", "关于做好春节期间工作的通知", doc.text, same_page=False)
    assert match([doc], [stored]) == [None]


def test_match_by_position_and_similar_text() -> None:
    doc = make_doc(2, "标题在新抓取中改了")
    similar = doc.text.replace("现通知如下", "现通知如下：")
    assert similarity(doc.text, similar) >= 0.8
    assert match([doc], [known("a", 2, None, "原来的标题", similar)]) == ["a"]
    assert match([doc], [known("a", 3, None, "原来的标题", similar)]) == [None]  # other position
    assert match([doc], [known("a", 2, None, "原来的标题", "完全不同的一段文字。")]) == [None]


def test_each_stored_document_is_claimed_once_strongest_evidence_first() -> None:
    # doc 1 shares doc 2's stored title, doc 2 has the stored 文号: the 文号 claims first.
    first = make_doc(1, "关于调整分工的通知")
    second = make_doc(2, "关于调整分工的通知(更正)", number("本政办发", 2021, 12))
    stored = [known("a", 2, "本政办发〔2021〕12号", "关于调整分工的通知")]
    assert match([first, second], stored) == [None, "a"]


def test_two_equal_new_documents_do_not_share_one_stored_document() -> None:
    doc = make_doc(1, "关于做好节日期间安全工作的通知")
    twin = dataclasses.replace(doc, ordinal=2)
    assert match([doc, twin], [known("a", 1, None, doc.title, doc.text)]) == ["a", None]
