"""normalize: a mirror's pinyin glosses and letter-spaced lines are read through, values printed back."""

from __future__ import annotations

from scraper.normalize import Normalizer, count_glosses, strip_glosses


def test_glosses_that_are_readings_of_their_character_are_removed():
    text = "上海市人民政府印發(fā)《關(guān)于本市加強(qiáng)政務(wù)誠信建設(shè)的實(shí)施意見》的通知"
    assert strip_glosses(text) == "上海市人民政府印發《關于本市加強政務誠信建設的實施意見》的通知"
    assert count_glosses(text) == 6


def test_brackets_that_are_not_glosses_stay():
    for text in ("(一)总体要求", "办法(试行)", "元(yuan)", "第三条(a)项", "关于(2021)年度"):
        assert strip_glosses(text) == text or text == "元(yuan)" and strip_glosses(text) == "元"
    # 元(yuan) is toneless: only a page with several verified glosses is normalized at all.
    assert not Normalizer("1元(yuan)").glossed


def test_values_are_printed_as_the_page_prints_them():
    page = "連政發(fā)〔2011〕97號(hào)\n市政府關(guān)于印發(fā)《連云港市人民政府全體會(huì)議規(guī)則》的通知"
    norm = Normalizer(page)
    title = norm(page.split("\n")[1])  # a Traditional page is read in Simplified, a character for a character
    assert title == "市政府关于印发《连云港市人民政府全体会议规则》的通知"
    assert norm.printed(title, page) == "市政府關(guān)于印發(fā)《連云港市人民政府全體會(huì)議規(guī)則》的通知"


def test_a_letter_spaced_line_is_read_as_words():
    line = "青 海 省 人 民 政 府 关 于 印 发 若 干 政 策 措 施 的 通 知"
    norm = Normalizer(line)
    assert norm(line) == "青海省人民政府关于印发若干政策措施的通知"
    assert norm.printed("青海省人民政府", line) == "青 海 省 人 民 政 府"


def test_full_width_forms_are_printed_back():
    assert Normalizer("").printed("管理办法(试行)", "关于印发管理办法（试行）的通知") == "管理办法（试行）"


def test_a_genre_word_spaced_out_on_its_own_line_is_one_word():
    norm = Normalizer("")
    assert norm("决 定") == "决定" and norm("通\u3000\u3000知") == "通知" and norm("  公 告 ") == "公告"
    assert norm("张 三") == "张 三"  # a spaced name is not a genre word: left as printed
    assert norm("请 示 报 告 了") == "请 示 报 告 了"


def test_a_character_glossed_more_than_once_loses_every_gloss():
    # A converter run several times glosses one character several times (invented example).
    text = "岚(lan)(lan)(lan)农(nong)(nong)辦〔2019〕3號(hao)"
    assert strip_glosses(text) == "岚农辦〔2019〕3號"
    assert count_glosses(text) == 3  # glossed characters
    assert Normalizer(text).printed("岚农", text) == "岚(lan)(lan)(lan)农(nong)(nong)"
    # Only the readings go: a bracketed word after them stays.
    assert strip_glosses("元(yuan)(ok)") == "元(ok)"


def test_a_page_whose_blanks_are_no_break_spaces_reads_as_with_blanks():
    """A page's &nbsp; kept in its text (•\xa0发文字号:, 2007-10-01\xa0XX办公厅\xa0X发〔2007〕120号): every
    rule reads it as a blank, and the text keeps what the page prints."""
    from conftest import SHARED
    from scraper.pipeline import make_capture, process

    for name in ("000_44fe47e924992053.txt", "004_f967128402f2b31b.txt"):
        text = (SHARED / "seeds" / name).read_text(encoding="utf-8")
        plain, spaced = (process(make_capture(name, t.encode(), "text/plain")).documents for t in (text, text.replace(" ", "\u00a0")))
        assert [(d.title, d.doc_number and d.doc_number.canonical, d.office, d.signed) for d in spaced] == \
               [(d.title.replace(" ", "\u00a0"), d.doc_number and d.doc_number.canonical, d.office, d.signed) for d in plain]
    fields = ("返回顶部\n\n青岚县人民政府工作规则\n\n  •\u00a0索引号:\n\n    6107280000/2024-001005\n  •\u00a0发文字号:\n\n"
              "    青政发〔2024〕7号\n  •\u00a0发文日期:\n\n    2024年04月06日\u00a016:40\n  •\u00a0内容概述:\n\n"
              "青岚县人民政府工作规则\n\n第一章总则\n\n一、根据有关法律规定，结合本县实际，制定本规则。\n")
    doc = process(make_capture("p.txt", fields.encode(), "text/plain")).documents[0]
    assert (doc.doc_number.canonical, doc.signed.isoformat()) == ("青政发〔2024〕7号", "2024-04-06")
    line = ("标题:   青岚市人民政府办公厅关于调整最低工资标准的通知\n"
            "2007-10-01\u00a0青岚市人民政府办公厅\u00a0青政办发〔2007〕120号\u00a0\u00a0\u00a0\u00a0青岚市\n"
            "内容:\u00a0各区人民政府:\n依据有关规定，结合我市实际，现将有关事项通知如下。\n")
    doc = process(make_capture("p.txt", line.encode(), "text/plain")).documents[0]
    assert (doc.doc_number.canonical, doc.signed.isoformat()) == ("青政办发〔2007〕120号", "2007-10-01")
