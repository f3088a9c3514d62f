"""CMS field rows in the styles real pages print them, and what they are evidence of."""

from __future__ import annotations

import datetime as dt

from scraper.clean.fields import field_block, read_row
from scraper.fields import PageFields


def pairs(text: str, in_block: bool = True):
    row = read_row(text, in_block)
    return None if row is None else row.pairs


def test_letter_spaced_labels_without_colons():
    assert pairs("索   引   号 20191202-189769 分        类 其他; 市人民政府办公室") == (
        ("索引号", "20191202-189769"), ("分类", "其他; 市人民政府办公室"))
    assert pairs("发布机构 固原市政府办 文 号") == (("发布机构", "固原市政府办"), ("文号", ""))


def test_bracketed_labels_and_glossed_labels():
    assert pairs("【发布文号】广西壮族自治区人民政府令2016年第116号 【发布日期】2016-12-06") == (
        ("发布文号", "广西壮族自治区人民政府令2016年第116号"), ("发布日期", "2016-12-06"))
    assert pairs("發(fā)布機(jī)構(gòu) 市政府辦 發(fā)文日期 2011-07-13") == (
        ("发布机构", "市政府辦"), ("发文日期", "2011-07-13"))


def test_a_label_alone_takes_its_value_from_the_next_line_only_if_it_fits():
    rows = field_block(["• 发文字号:", "镇政发〔2024〕7号", "• 来源:", "青政发〔2021〕3号", "• 内容概述:", "青岚市某某办法"])
    assert rows[0].pairs == (("发文字号", "镇政发〔2024〕7号"),)
    assert 1 in rows  # the value line belongs to the row
    assert rows[2].pairs == (("来源", ""),) and 3 not in rows  # a 文号 is no 来源
    assert rows[4].pairs == (("内容概述", ""),) and 5 not in rows  # the text itself is no field value


def test_body_text_is_not_a_field():
    assert pairs("时间紧、任务重,各单位要高度重视。", in_block=False) is None
    assert pairs("公开方式", in_block=False) is None  # a table's header cell deep in the body


def test_fields_as_evidence():
    fields = PageFields((("發文機關", "山西省人民政府"), ("文 号", "晋政发〔2018〕13号"), ("成文日期", "2018-03-27"),
                         ("发布机构", "县政府网站"), ("发布日期", "2018年03月28日")))
    assert fields.number()[0].canonical == "晋政发〔2018〕13号"
    assert fields.date("signed") == (dt.date(2018, 3, 27), "成文日期")
    assert fields.date("published") == (dt.date(2018, 3, 28), "发布日期")
    assert fields.first("issuer").value == "山西省人民政府"


def test_labels_joined_by_a_slash_name_one_value():
    assert pairs("- 备注/文号:岚政办〔2018〕21号", in_block=False) == (
        ("备注", "岚政办〔2018〕21号"), ("文号", "岚政办〔2018〕21号"))
    assert pairs("发布机构 / 发文机关:青岚市人民政府", in_block=False) == (
        ("发布机构", "青岚市人民政府"), ("发文机关", "青岚市人民政府"))
    # A slash inside a value is the value's.
    assert pairs("索引号:0001/2018-00021 文号:岚政〔2018〕2号") == (("索引号", "0001/2018-00021"), ("文号", "岚政〔2018〕2号"))
    rows = field_block(["- 索 引 号:0001/2018-00021", "- 备注/文号:岚政办〔2018〕21号", "经县政府同意,现印发给你们。"])
    assert PageFields(tuple(p for r in rows.values() for p in r.pairs)).number()[0].canonical == "岚政办〔2018〕21号"
