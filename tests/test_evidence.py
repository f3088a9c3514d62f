"""Metadata from every kind of evidence, on small pages in the shapes real pages print (../shared/real).

The texts are made up; the shapes are real: a letterhead over a 关于 title, a field table, a joint
signature, a law database's issuer line, an order's promulgation note, a dump that lost its breaks.
"""

from __future__ import annotations

import datetime as dt

from scraper.pipeline import make_capture, process


def doc(text: str, name: str = "page.txt"):
    parsed = process(make_capture(name, text.encode("utf-8"), "text/plain"))
    assert len(parsed.documents) == 1, [d.title for d in parsed.documents]
    return parsed.documents[0]


def test_letterhead_over_a_title_and_a_field_table():
    d = doc("当前位置:政务公开 > 政策文件\n索 引 号 : 0001/2025-00001\n发布机构:青岚市人民政府\n成文日期:2025-09-28\n"
            "文  号:青政发〔2025〕18号\n青岚市人民政府\n关于印发《青岚市人民政府工作规则》的通知\n青政发〔2025〕18号\n"
            "各区人民政府,市政府各部门:\n现将《青岚市人民政府工作规则》印发给你们,请认真贯彻执行。\n青岚市人民政府\n2025年9月28日")
    assert (d.title, d.doc_number.printed, d.office, d.signed) == (
        "关于印发《青岚市人民政府工作规则》的通知", "青政发〔2025〕18号", "青岚市人民政府", dt.date(2025, 9, 28))
    assert dict(d.sources) == {"title": "body", "doc_number": "body", "office": "signature", "signed": "signature"}


def test_a_heading_that_prints_the_title_whole_wins_over_the_letterhead_form():
    d = doc("政务服务丨青岚市人民政府关于持续深化改革的实施意见\n发布日期:2021-07-19\n青岚市人民政府\n关于持续深化改革的实施意见\n"
            "青政字〔2021〕30号\n各区人民政府,市政府各部门:\n为持续深化改革,制定本意见。")
    assert d.title == "青岚市人民政府关于持续深化改革的实施意见"
    assert d.office == "青岚市人民政府" and d.published == dt.date(2021, 7, 19)


def test_a_joint_signature_keeps_every_issuer():
    d = doc("中共青岚市委办公室青岚市人民政府办公室印发《关于全面推进政务公开工作的实施意见》的通知(青办发〔2017〕2号)\n"
            "各区委、区人民政府,市直各单位:\n《关于全面推进政务公开工作的实施意见》已经市委、市人民政府同意,现印发给你们。\n"
            "中共青岚市委办公室\n青岚市人民政府办公室\n2017年1月10日")
    assert d.issuers == ("中共青岚市委办公室", "青岚市人民政府办公室")
    assert d.office == "中共青岚市委办公室 青岚市人民政府办公室"
    assert d.doc_number.canonical == "青办发〔2017〕2号" and d.signed == dt.date(2017, 1, 10)


def test_fields_speak_where_the_body_is_silent():
    d = doc("返回顶部\n青岚县人民政府工作规则\n• 索引号:\n6107280000/2024-001005\n• 发文机构:\n县政府网站\n• 发文字号:\n"
            "青政发〔2024〕7号\n• 发文日期:\n2024年04月06日 16:40\n• 发布日期:\n2024年04月06日 16:34\n青岚县人民政府工作规则\n"
            "第一章 总则\n一、根据有关规定,结合本县实际,制定本规则。")
    assert d.title == "青岚县人民政府工作规则"
    assert d.doc_number.canonical == "青政发〔2024〕7号" and dict(d.sources)["doc_number"] == "field:发文字号"
    assert d.office is None  # 县政府网站 is a website, not an issuer
    assert d.signed == dt.date(2024, 4, 6)


def test_a_law_database_page_of_an_order():
    d = doc("您的位置: 首页 » 法律资料网 » 法律法规 »\n青岚市人工影响天气管理规定\n作者:法律资料网 时间:2024-07-06 04:34:58\n"
            "青岚市人工影响天气管理规定\n江东省青岚市人民政府\n青岚市人工影响天气管理规定\n政府令〔2010〕第15号\n"
            "《青岚市人工影响天气管理规定》已经2010年12月14日市政府第76次常务会议通过,现予公布,自2011年2月1日起施行。\n"
            "市长\n二○一○年十二月二十五日\n第一章总则\n第一条为加强管理,制定本规定。")
    assert (d.title, d.doc_number.printed, d.office, d.signed) == (
        "青岚市人工影响天气管理规定", "政府令〔2010〕第15号", "青岚市人民政府", dt.date(2010, 12, 25))
    assert d.doc_type == "令"


def test_dates_written_with_latin_o_or_digit_zero():
    d = doc("青岚市人民政府办公室关于做好防汛工作的通知\n青政办发〔2020〕5号\n各区人民政府:\n现就有关事项通知如下。\n"
            "青岚市人民政府办公室\n二O二O年三月五日")
    assert d.signed == dt.date(2020, 3, 5)
    d = doc("青岚市人民政府办公室关于做好防汛工作的通知\n青政办发〔2021〕5号\n各区人民政府:\n现就有关事项通知如下。\n"
            "青岚市人民政府办公室\n二0二一年5月6日")
    assert d.signed == dt.date(2021, 5, 6)


def test_a_number_and_date_under_the_title_and_a_title_over_two_lines():
    d = doc("青岚市人民政府办公厅关于印发\n《青岚市人民政府公文格式规定》的通知\n(青政办发〔2001〕99号 2001年5月29日)\n"
            "各县(区)人民政府,市政府各部门:\n现予印发。")
    assert d.title == "青岚市人民政府办公厅关于印发《青岚市人民政府公文格式规定》的通知"
    assert (d.doc_number.canonical, d.signed, d.office) == ("青政办发〔2001〕99号", dt.date(2001, 5, 29), "青岚市人民政府办公厅")


def test_a_dump_that_lost_its_line_breaks():
    d = doc("当前位置:首页 > 政务公开 > 政策文件 青岚市人民政府办公室关于印发《青岚市某某办法》的通知 青政办发〔2021〕3号 "
            "各区人民政府,市政府各部门:现将《青岚市某某办法》印发给你们,请认真贯彻执行。 青岚市人民政府办公室 2021年3月1日 "
            "青岚市某某办法 第一条 为了规范某某工作,制定本办法。第二条 本办法适用于本市。")
    assert d.title == "青岚市人民政府办公室关于印发《青岚市某某办法》的通知"
    assert (d.doc_number.canonical, d.office, d.signed) == ("青政办发〔2021〕3号", "青岚市人民政府办公室", dt.date(2021, 3, 1))


def test_an_order_known_only_by_its_promulgation_note():
    d = doc("青岚市政府信息公开规定\n(2004年10月8日市人民政府令第124号发布,根据2008年4月16日的决定修改,重新公布。)\n"
            "第一章 总则\n第一条 为了保障知情权,制定本规定。")
    assert d.title == "青岚市政府信息公开规定"
    assert d.doc_number.printed == "市人民政府令第124号"


def test_a_page_of_fields_only_keeps_its_metadata():
    parsed = process(make_capture("stub.txt", "发布机构:某某门户网站 文号:青科发〔2017〕145号\n公开日期: 2018-03-05".encode(), "text/plain"))
    d = parsed.documents[0]
    assert d.lines == () and d.doc_number.canonical == "青科发〔2017〕145号" and d.office is None
    assert "fields-only" in [n.code for n in parsed.notices]


def test_numbers_cited_in_sentences_are_not_the_documents():
    d = doc("青岚市人民政府关于加强管理的通知\n各区人民政府:\n根据《国务院关于加强管理的意见》(国发〔2016〕76号)精神,现通知如下。\n"
            "青岚市人民政府\n2017年12月20日")
    assert d.doc_number is None


def test_a_signature_date_whose_glyphs_were_lost():
    d = doc("青岚市人民政府办公室关于印发应急预案的通知\n各镇人民政府:\n现将应急预案印发给你们。\n青岚市人民政府办公室\n2018525")
    assert d.signed == dt.date(2018, 5, 25)


def test_a_lost_glyph_date_that_only_the_publication_date_makes_plain():
    # 2022128 is January 28th or December 8th; a page published on January 29th was not signed in December.
    page = ("发布时间 2022-01-29\n青岚区人民政府关于印发工作要点的通知\n各街道办事处:\n现将工作要点印发给你们。\n"
            "青岚区人民政府\n{}")
    assert doc(page.format("2022128")).signed == dt.date(2022, 1, 28)
    assert doc(page.format("2022128").replace("发布时间 2022-01-29\n", "")).signed is None  # nothing tells them apart


def test_a_notices_serial_after_its_title():
    # 公告 and 通告 are numbered per issuer (and year): 通告(第1号), (2025年第2号) under the title.
    d = doc("青岚县疫情防控工作指挥部办公室通告(第1号)\n发布时间:2020-01-26\n为切实做好疫情防控工作,现通告如下。\n"
            "特此通告\n青岚县疫情防控工作指挥部办公室\n2020年1月26日")
    assert (d.doc_number.printed, d.doc_number.serial, d.office) == ("第1号", 1, "青岚县疫情防控工作指挥部办公室")
    d = doc("青岚区人民政府森林防火禁火令\n(2025年第2號)\n我區未來幾天將持續晴好天氣,區政府決定在全區范圍內嚴禁一切野外用火。\n"
            "青岚區人民政府\n2025年1月8日")
    assert (d.doc_number.printed, d.doc_number.year, d.doc_number.serial) == ("2025年第2號", 2025, 2)
    d = doc("青岚区人民政府关于做好防汛工作的通知\n(第1号)\n各街道办事处:\n现就做好防汛工作通知如下。")
    assert d.doc_number is None  # a 通知 is not numbered that way: (第1号) is not its 文号


def test_a_letterhead_that_reads_as_issuer_and_genre_is_not_the_title():
    # The letterhead lost 文件 to a stray 决定 over the 文号; the title with a subject is under it.
    d = doc("中国共产党青岚县委员会(决定\n青字〔2010〕8号\n中共青岚县委\n青岚县人民政府\n关于表彰2009年度目标考核优秀单位的\n决 定\n"
            "2009年,全县上下认真贯彻落实各项决策部署,圆满完成了全年目标任务,现决定对优秀单位予以表彰。")
    assert d.title.replace(" ", "") == "关于表彰2009年度目标考核优秀单位的决定"
    assert d.doc_number.canonical == "青字〔2010〕8号"
