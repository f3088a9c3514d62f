"""citations.py: what a document names and how (cites, repeals, amends…), and the keys it is cited by."""

from __future__ import annotations

import pytest

from scraper.citations import document_keys, explained_key, find_citations, title_key

from conftest import make_doc, number


def kinds(*lines: str, title: str = "本溪市人民政府关于某事项的通知") -> list[tuple[str, str, str]]:
    doc = make_doc(1, title, number("本政发", 2023, 1), lines=lines)
    return [(c.kind, c.by, c.key) for c in find_citations(doc)]


def test_numbers_in_any_spelling_are_canonical() -> None:
    found = kinds("根据《国务院办公厅关于某事的意见》（国办发〔2018〕63号）、辽政办发[２０１９]３４号，结合实际。")
    assert ("cites", "number", "国办发〔2018〕63号") in found
    assert ("cites", "number", "辽政办发〔2019〕34号") in found
    assert ("cites", "title", "国务院办公厅关于某事的意见") in found


def test_own_number_and_title_are_not_citations() -> None:
    assert kinds("本政发〔2023〕1号", "本溪市人民政府关于某事项的通知") == []


@pytest.mark.parametrize(("line", "kind"), [
    ("本办法自2023年1月1日起施行，《本溪市甲管理办法》（本政发〔2015〕3号）同时废止。", "repeals"),
    ("经市政府同意，决定废止《本溪市甲管理办法》。", "repeals"),
    ("市政府决定对《本溪市甲管理办法》作如下修改：", "amends"),
    ("《本溪市甲管理办法》宣布失效。", "invalidates"),
    ("根据《国务院关于废止部分规章的决定》要求，结合实际。", "cites"),  # 废止 is inside the cited title
])
def test_the_words_around_a_mention_give_its_kind(line: str, kind: str) -> None:
    found = kinds(line)
    assert found and found[0][0] == kind, found


def test_a_flattened_table_of_contents_repeals_nothing_far_away() -> None:
    line = ("【市政府文件】重庆市人民政府关于废止部分市政府规范性文件的决定……1【市政府部门文件】重庆市某委员会"
            "关于优化审批工作的通知……17重庆市教育委员会等7部门关于印发《重庆市家庭经济困难学生认定办法》的通知")
    assert ("cites", "title", "重庆市家庭经济困难学生认定办法") in kinds(line)


def test_a_cleanup_list_by_its_headers() -> None:
    found = kinds(
        "经清理，市政府决定废止2件、宣布失效1件规范性文件，继续有效1件。",
        "一、决定废止的规范性文件（2件）", "1", "本溪市乙管理规定", "本政办发〔2016〕7号",
        "2", "本溪市丙实施细则", "二、宣布失效的规范性文件（1件）", "本溪市丁工作方案", "本政发〔2014〕2号",
        "三、继续有效的规范性文件", "本溪市戊管理办法", "本政发〔2017〕9号",
        "本决定自印发之日起施行。", "附件：清理目录")
    assert ("repeals", "title", "本溪市乙管理规定") in found
    assert ("repeals", "number", "本政办发〔2016〕7号") in found
    assert ("repeals", "title", "本溪市丙实施细则") in found
    assert ("invalidates", "title", "本溪市丁工作方案") in found and ("invalidates", "number", "本政发〔2014〕2号") in found
    assert ("confirms", "title", "本溪市戊管理办法") in found and ("confirms", "number", "本政发〔2017〕9号") in found
    assert len(found) == 7  # the sentence closing the list names nothing


def test_keys_a_document_is_cited_by() -> None:
    notice = make_doc(1, "本溪市人民政府办公室关于印发《本溪市改革完善医疗卫生行业综合监管制度实施方案》的通知",
                      number("本政办发", 2021, 14))
    assert document_keys(notice) == [
        ("number", "本政办发〔2021〕14号"),
        ("title", "本溪市人民政府办公室关于印发《本溪市改革完善医疗卫生行业综合监管制度实施方案》的通知"),
        ("title", "本溪市改革完善医疗卫生行业综合监管制度实施方案"),
    ]
    plain = make_doc(1, "本溪市人民政府办公室关于印发本溪市人民政府2021年政府规章立法计划的通知")
    assert ("title", "本溪市人民政府2021年政府规章立法计划") in document_keys(plain)
    two = make_doc(1, "某省人民政府办公厅关于印发《甲省级资金管理办法》和《乙省级资金审批办法（暂行）》的通知")
    assert {key for _, key in document_keys(two)} >= {"甲省级资金管理办法", "乙省级资金审批办法(暂行)"}


def test_titles_fold_script_width_and_brackets() -> None:
    assert title_key("黃石市人民政府關於印發〈推進“互聯網＋醫療健康”發展實施方案〉的通知") == \
        title_key("黄石市人民政府关于印发《推进\"互联网+医疗健康\"发展实施方案》的通知")


@pytest.mark.parametrize(("title", "key"), [
    ("关于《本溪市住宅专项维修资金管理办法》的政策解读", "本溪市住宅专项维修资金管理办法"),
    ("《本溪市住宅专项维修资金管理办法》解读", "本溪市住宅专项维修资金管理办法"),
    ("图解：本溪市住宅专项维修资金管理办法", "本溪市住宅专项维修资金管理办法"),
    ("本溪市住宅专项维修资金管理办法", None),
])
def test_a_policy_interpretation_names_what_it_explains(title: str, key: str | None) -> None:
    assert explained_key(title) == key


def test_interpretation_pages_cite_as_interprets() -> None:
    page = make_doc(1, "关于《本溪市住宅专项维修资金管理办法》的政策解读",
                    lines=("关于《本溪市住宅专项维修资金管理办法》的政策解读", "一、制定背景",
                           "依据《中华人民共和国民法典》，结合实际制定。"), office=None)
    found = {(c.kind, c.key) for c in find_citations(page)}
    assert ("interprets", "本溪市住宅专项维修资金管理办法") in found
    assert ("cites", "中华人民共和国民法典") in found
