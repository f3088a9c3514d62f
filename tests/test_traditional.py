"""A page converted to Traditional (a mirror's converter) reads as its Simplified original: the rules
read it folded one character for one, and every value comes back in the page's own characters."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import SHARED
from scraper.clean.lines import classify
from scraper.pipeline import make_capture, process
from scraper.script import to_simplified_chars, to_traditional

SIMPLIFIED_SEEDS = ["000_44fe47e924992053.txt", "003_3c735c8859fecd57.txt", "004_f967128402f2b31b.txt"]


def documents(text: str):
    return process(make_capture("page.txt", text.encode(), "text/plain")).documents


def fields(doc) -> tuple:
    number = doc.doc_number.printed if doc.doc_number else None
    values = (doc.title, number, doc.office, doc.recipients, doc.toc_title, doc.toc_number, *doc.attachments)
    return (*(to_simplified_chars(v) if v else v for v in values), doc.signed, doc.doc_type, len(doc.lines))


@pytest.mark.parametrize("name", SIMPLIFIED_SEEDS)
def test_a_seed_converted_to_traditional_reads_the_same(name):
    text = (SHARED / "seeds" / name).read_text(encoding="utf-8")
    converted = to_traditional(text)
    plain, mirrored = documents(text), documents(converted)
    assert [fields(d) for d in mirrored] == [fields(d) for d in plain]
    for doc in mirrored:  # …and each value is printed on the converted page as it is given
        for value in (doc.title, doc.office, doc.doc_number.printed if doc.doc_number else None):
            assert not value or value.replace("\u3000", "") in converted.replace("\n", "").replace(" ", "").replace("\u3000", "")


# Pages written for these rules; each is also read as a mirror's converter prints it (发布 → 發佈,
# 编号 → 編號, 签署 → 簽署, 澳门 → 澳門).
ORDER = ("青岚市城市供水管理办法\n1994年7月19日青岚市人民政府令第158号发布\n第一章　总则\n"
         "第一条　为了加强城市供水管理，发展城市供水事业，制定本办法。\n第二条　本办法自发布之日起施行。\n")
GLUED_FIELD = ("文件编号青农发〔2023〕112号正文内容青岚区人民政府:今年是我区与白沙市建立对口合作关系的第二年,为切实做好"
               "对口合作工作,需安排专项资金用于对口合作工作,妥否,请批示,附件:对口合作工作方案青岚市青岚区农业农村局2023年9月1日。")
FIELD_ROWS = ("青岚县人民政府森林防火禁火令\n索引号:698598533/2012-1370466 文号:\n签署日期:2012-09-20 登记日期:2012-09-20 所属机构:\n"
              "青岚县人民政府\n森林防火禁火令\n为有效防范和遏制森林火灾，特发布如下禁火令：\n一、全年为森林防火期。\n"
              "青岚县人民政府\n2012年9月20日\n")
SPAM_TITLE = ("文件标题\n澳门今晚特马资料 精准解读热议\n发文机关\n青岚县发展管理委员会\n文号\n县发〔2023〕第3号\n"
              "发布日期\n2023年11月23日\n文件正文\n一、澳门今晚特马资料将于今晚公布，活动旨在促进交流。\n")


@pytest.mark.parametrize("text", [ORDER, GLUED_FIELD, FIELD_ROWS, SPAM_TITLE], ids=["order", "glued", "rows", "spam"])
def test_a_page_and_its_traditional_mirror_read_alike(text):
    assert [fields(d) for d in documents(to_traditional(text))] == [fields(d) for d in documents(text)]


def test_an_orders_promulgation_note_is_read_in_either_script():
    for text in (ORDER, to_traditional(ORDER)):  # 發佈: OpenCC's form of 发布
        doc = documents(text)[0]
        assert to_simplified_chars(doc.doc_number.printed) == "青岚市人民政府令第158号"
        assert doc.signed == dt.date(1994, 7, 19)
    assert documents(to_traditional(ORDER))[0].doc_number.printed == "青嵐市人民政府令第158號"


def test_a_mirrors_spam_headline_is_no_document_in_either_script():
    for text in (SPAM_TITLE, to_traditional(SPAM_TITLE)):
        doc = documents(text)[0]
        assert (doc.doc_number, doc.office, doc.signed) == (None, None, None)


@pytest.mark.parametrize(
    "line, rule",
    [("您当前的位置：首页 » 信息公开 » 规范性文件", "chrome-breadcrumb"), ("你现在所在的位置: 首页", "chrome-breadcrumb"),
     ("所在栏目：政策文件", "chrome-breadcrumb"), ("位置：政务公开 > 文件", "chrome-breadcrumb"),
     ("位置：东至河边，西至山脚", None), ("位置及面积：东至河边", None)],
)
def test_a_breadcrumb_is_where_you_are_not_a_place_named(line, rule):
    assert classify(line, 0, 50, False) == rule
    assert classify(to_traditional(line), 0, 50, True) == rule


def test_a_notice_quotes_a_traditional_page_in_its_own_characters():
    text = to_traditional("青岚市人民政府公报\n目录\n青岚市人民政府关于做好防汛工作的通知（青政发〔2020〕3号）\n"
                          "青岚市人民政府关于加强森林防火工作的通知（青政发〔2020〕4号）\n"
                          "青岚市人民政府关于做好防汛工作的通知\n青政发〔2020〕3号\n各区人民政府：\n现就有关事项通知如下。\n青岚市人民政府\n2020年5月3日\n")
    parsed = process(make_capture("issue.txt", text.encode(), "text/plain"))
    quoted = [n.message for n in parsed.notices if "森林" in n.message]
    assert quoted and all("關於加強森林防火工作的通知" in m for m in quoted)
