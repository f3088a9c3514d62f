"""The 文号 grammar: matches, near misses, canonical form, and parse(format(n)) == n."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scraper.docnumber import canonical, find_doc_numbers, parse_order_number, serial_number
from scraper.metadata import parse_doc_number


@pytest.mark.parametrize(
    "text, agency, year, serial, canon",
    [
        ("本政办发〔2021〕1号", "本政办发", 2021, 1, "本政办发〔2021〕1号"),
        # One character in brackets inside the code (an older style of some ministries and cities).
        ("民委（政）字〔1990〕217号", "民委(政)字", 1990, 217, "民委(政)字〔1990〕217号"),
        ("本政办发〔２０２１〕１号", "本政办发", 2021, 1, "本政办发〔2021〕1号"),
        ("黃政發〔2019〕14號", "黃政發", 2019, 14, "黃政發〔2019〕14號"),
        ("韶曲府办函[2020]67号", "韶曲府办函", 2020, 67, "韶曲府办函〔2020〕67号"),
        ("青政发（2018）第 5 号", "青政发", 2018, 5, "青政发〔2018〕5号"),
        ("本政发 【2018】 15号", "本政发", 2018, 15, "本政发〔2018〕15号"),
        ("(鞍政办发〔2019〕33号)", "鞍政办发", 2019, 33, "鞍政办发〔2019〕33号"),
        ("政府令第192号", "政府令", None, 192, "政府令第192号"),
        ("本溪市人民政府令第192号", "本溪市人民政府令", None, 192, "本溪市人民政府令第192号"),
        ("北京市人民政府令第183号", "北京市人民政府令", None, 183, "北京市人民政府令第183号"),
        ("政府令〔2010〕第15号", "政府令", 2010, 15, "政府令〔2010〕第15号"),
        ("广西壮族自治区人民政府令2016年第116号", "广西壮族自治区人民政府令", 2016, 116, "广西壮族自治区人民政府令〔2016〕第116号"),
        ("济南市人民政府第201号令", "济南市人民政府", None, 201, "济南市人民政府第201号令"),
        ("国务院国资委、财政部令第 3 号", "国务院国资委、财政部令", None, 3, "国务院国资委、财政部令第3号"),
        ("甘区政办发201756号", "甘区政办发", 2017, 56, "甘区政办发〔2017〕56号"),
        ("国办发„2009‟3号", "国办发", 2009, 3, "国办发〔2009〕3号"),
        ("滬府發(fā)〔2017〕92號", "滬府發", 2017, 92, "滬府發〔2017〕92號"),
        ("赣农厅办函〔〕44号", "赣农厅办函", None, 44, "赣农厅办函〔〕44号"),
    ],
)
def test_parse_doc_number(text, agency, year, serial, canon):
    number = parse_doc_number(text)
    assert number is not None
    assert (number.agency, number.year, number.serial, number.canonical) == (agency, year, serial, canon)


@pytest.mark.parametrize(
    "text",
    ["", "2021年第2号", "第一章  总 则", "本政办发2021", "关于印发本政办发〔2021〕1号文件的通知", "〔2021〕1号", "第192号"],
)
def test_near_misses_are_not_numbers(text):
    assert parse_doc_number(text) is None


def test_bare_order_number_takes_its_agency_from_the_header():
    number = parse_order_number("第192号", "本溪市人民政府令")
    assert (number.raw, number.canonical, number.year) == ("第192号", "本溪市人民政府令第192号", None)


def test_find_numbers_cited_in_a_sentence():
    text = "根据《国务院办公厅关于…的意见》(国办发〔2016〕91号)、《…》(辽政办发〔2017〕94号),现提出如下意见:"
    assert [n.canonical for n in find_doc_numbers(text)][-1] == "辽政办发〔2017〕94号"
    assert len(find_doc_numbers(text)) == 2


AGENCY = st.text(alphabet="本溪政办发黄石府函青岚鞍山", min_size=1, max_size=6)


@given(AGENCY, st.integers(1950, 2099), st.integers(1, 99999))
def test_parse_format_round_trip(agency, year, serial):
    number = parse_doc_number(canonical(agency, year, serial))
    assert (number.agency, number.year, number.serial) == (agency, year, serial)


@pytest.mark.parametrize(
    "text, title, agency, year, serial, printed",
    [
        ("(第1号)", "青岚县防控指挥部办公室通告", "青岚县防控指挥部办公室通告", None, 1, "第1号"),
        ("（2025年第2號）", "青岚区人民政府森林防火禁火令", "青岚区人民政府森林防火禁火令", 2025, 2, "2025年第2號"),
        ("(县疫情防控指挥部第1号)", "通 告", "县疫情防控指挥部", None, 1, "县疫情防控指挥部第1号"),
        ("第 3 号", "青岚市人民政府公告", "青岚市人民政府公告", None, 3, "第3号"),
    ],
)
def test_serial_number_of_a_numbered_notice(text, title, agency, year, serial, printed):
    number = serial_number(text, title)
    assert (number.agency, number.year, number.serial, number.printed) == (agency, year, serial, printed)


@pytest.mark.parametrize("text, title", [("(第1号", "青岚市人民政府公告"), ("第1号", "关于做好工作的通知"), ("(第1号)", "")])
def test_no_serial_number(text, title):
    assert serial_number(text, title) is None


@pytest.mark.parametrize(
    "text, agency, year, serial, printed",
    [
        ("牟政办发〔201746", "牟政办发", 2017, 46, "牟政办发〔201746"),  # closing bracket and 号 lost
        ("元政2024〕1", "元政", 2024, 1, "元政2024〕1"),  # opening bracket and 号 lost
        ("元政2024〕1号", "元政", 2024, 1, "元政2024〕1号"),
    ],
)
def test_a_number_that_lost_glyphs_is_read_as_printed(text, agency, year, serial, printed):
    number = parse_doc_number(text)
    assert (number.agency, number.year, number.serial, number.printed) == (agency, year, serial, printed)
    assert number.canonical == f"{agency}〔{year}〕{serial}号"


@pytest.mark.parametrize(
    "text, agency, serial, printed",
    [
        ("青岚省人民政府令(第52号)", "青岚省人民政府令", 52, "青岚省人民政府令(第52号)"),  # the number in brackets, as printed
        ("青岚省人民政府令（第 52 号）", "青岚省人民政府令", 52, "青岚省人民政府令(第52号)"),
        ("通告〔2015〕4号", "通告", 4, "通告〔2015〕4号"),  # a series numbered by its genre alone
        ("青岚市人大常委会公告第三十七号", "青岚市人大常委会公告", 37, "青岚市人大常委会公告第三十七号"),
        ("青岚市人大常委会公告\n\n第一百零五号", "青岚市人大常委会公告", 105, "第一百零五号"),
        ("岚政函2020 48号", "岚政函", 48, "岚政函2020 48号"),  # no brackets printed: none added
    ],
)
def test_more_printed_forms(text, agency, serial, printed):
    number = parse_doc_number(text)
    assert (number.agency, number.serial, number.printed) == (agency, serial, printed)


def test_a_genre_word_inside_a_sentence_is_no_agency():
    assert find_doc_numbers("现将通告〔2015〕4号的事项说明如下") == []
    assert parse_doc_number("岚政函2020 48号").canonical == "岚政函〔2020〕48号"


def test_a_number_glossed_more_than_once_is_read_through():
    number = parse_doc_number("青(qing)(qing)岚(lan)(lan)(lan)农(nong)辦〔2018〕5號(hao)")
    assert (number.agency, number.year, number.serial) == ("青岚农辦", 2018, 5)
    assert find_doc_numbers("根据青(qing)(qing)岚(lan)政(zheng)發〔2020〕2號精神")[0].agency == "青岚政發"


def test_an_announcement_series_code_of_its_own_before_its_genre_word():
    # 青征启公告: an abbreviation (青岚 征收 启动) numbering a series of 公告 (invented examples).
    number = parse_doc_number("青征启公告﹝2023﹞7号")
    assert (number.agency, number.year, number.serial) == ("青征启公告", 2023, 7)
    found = find_doc_numbers("青岚县人民政府拟征收土地启动公告(青征启公告﹝2023﹞7号)")
    assert [n.agency for n in found] == ["青征启公告"]
    # Run into a sentence, a 公告 before a number is the sentence's word, not an agency.
    assert find_doc_numbers("请阅征收公告〔2022〕4号。") == []
    assert find_doc_numbers("现将征收公告〔2022〕4号的事项说明如下") == []


def test_a_gazettes_issue_number_is_no_documents_but_short_codes_stay():
    assert find_doc_numbers("临沅市人民政府公报2022年第5号") == []  # the masthead of an issue
    assert find_doc_numbers("東陵市人民政府公報2018年第6號") == []
    assert [n.canonical for n in find_doc_numbers("呼政报〔2019〕83号")] == ["呼政报〔2019〕83号"]
    assert [n.canonical for n in find_doc_numbers("长宁公报〔2021〕2号")] == ["长宁公报〔2021〕2号"]


@pytest.mark.parametrize("text, agency, year, serial, raw", [
    ("中华人民共和国生态环境部公告(2019年第12号)", "中华人民共和国生态环境部公告", 2019, 12, "中华人民共和国生态环境部公告(2019年第12号)"),
    ("根据农业农村部公告（2020年第5号）规定", "农业农村部公告", 2020, 5, "农业农村部公告（2020年第5号）"),
])
def test_an_announcements_year_and_serial_in_brackets(text, agency, year, serial, raw):
    (number,) = find_doc_numbers(text)
    assert (number.agency, number.year, number.serial, number.raw) == (agency, year, serial, raw)


def test_a_serial_printed_with_leading_zeros_keeps_them_as_printed():
    (number,) = find_doc_numbers("昌政征启公告〔2024〕05号")
    assert (number.raw, number.printed, number.canonical) == ("昌政征启公告〔2024〕05号", "昌政征启公告〔2024〕05号", "昌政征启公告〔2024〕5号")


def test_a_bracketed_note_before_a_number_is_no_part_of_its_agency():
    # …办法(试行)青政发〔2020〕3号: the bracket closes the title before the number, whose code starts after it.
    assert [n.agency for n in find_doc_numbers("青岚市管理办法(试行)青政发〔2020〕3号")] == ["青政发"]
    assert [n.agency for n in find_doc_numbers("关于印发规则的通知(暂)青政发〔2020〕3号")] == ["青政发"]


def test_an_older_number_with_its_serial_in_chinese_digits():
    found = parse_doc_number("东办秘字第五三一号")
    assert (found.agency, found.year, found.serial, found.printed) == ("东办秘字", None, 531, "东办秘字第五三一号")
    assert parse_doc_number("政政董字第三三号").serial == 33
    assert serial_number("(第一〇五号)", "青岚市人民政府公告").serial == 105  # a digit each, as 第三十七号 is not


def test_a_number_that_lost_its_brackets_and_hao_is_read_only_alone():
    assert parse_doc_number("天政办发201652").canonical == "天政办发〔2016〕52号"
    assert find_doc_numbers("天政办发201652") == []  # in running text such digits are not read as one
