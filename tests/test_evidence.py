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


def test_an_unbracketed_promulgation_note_gives_the_orders_number_and_date():
    d = doc("青岚市城市供水条例\n1994年7月19日国务院令第158号颁布\n第一章 总则\n第一条 为了加强城市供水管理,制定本条例。")
    assert (d.doc_number.printed, d.signed) == ("国务院令第158号", dt.date(1994, 7, 19))


def test_a_site_word_after_a_headline_is_not_the_title():
    d = doc("青岚市物业管理办法全文\n时间:2024-08-14 00:49:49 物业管理师\n青岚市物业管理办法全文\n"
            "《青岚市物业管理办法》从二00五年七月二十日开始实行,下面是整理的办法全文:\n第一章 总则")
    assert d.title == "青岚市物业管理办法"


def test_a_heading_printed_twice_is_the_title_whatever_its_last_word():
    d = doc("青岚县人民政府《关于禁止燃放烟花爆竹的通告》(征求意见稿)的反馈情况\n青岚县人民政府 发布时间: 2025-04-11 14:20\n"
            "青岚县人民政府《关于禁止燃放烟花爆竹的通告》(征求意见稿)的反馈情况\n为进一步加强县城区烟花爆竹燃放管理,县人民政府决定公开征求意见。")
    assert d.title == "青岚县人民政府《关于禁止燃放烟花爆竹的通告》(征求意见稿)的反馈情况"


def test_a_rule_line_between_letterhead_and_title_keeps_them_one_header():
    d = doc("青岚省劳动厅\n青 岚 省 财 政 厅 文 件\n青劳发[2003]21号\n" + "-" * 80 + "\n关于印发劳动关系处理办法的通知\n"
            "各市劳动局、财政局:\n现将《劳动关系处理办法》印发给你们,请遵照执行。\n青岚省劳动厅\n青岚省财政厅\n二OO三年七月三十一日")
    assert (d.title, d.doc_number.canonical, d.signed) == ("关于印发劳动关系处理办法的通知", "青劳发〔2003〕21号", dt.date(2003, 7, 31))


def test_a_titles_office_beats_a_publisher_field_that_names_no_place():
    d = doc("文 号 | 青政办〔2020〕2 号 | 发文日期 | 2020-04-19 |\n发布机构 | 政府办 | 有 效 性 | 有效 |\n"
            "区人民政府办公室关于印发工作任务分解方案的通知\n各街道办事处,区人民政府各部门:\n现将工作任务分解方案印发给你们。")
    assert d.office == "区人民政府办公室"


def test_as_near_above_and_below_the_number_the_title_that_begins_like_one_wins():
    d = doc("青岚市公文处理有关规定、格式细则\n青政办发〔2013〕11号\n青岚市人民政府办公室关于\n印发《青岚市公文处理有关规定》的通知\n"
            "各镇人民政府,市直各部门:\n现将《青岚市公文处理有关规定》印发给你们,请认真执行。\n2013年2月27日")
    assert d.title == "青岚市人民政府办公室关于印发《青岚市公文处理有关规定》的通知"


def test_a_field_value_that_runs_on_into_the_next_field():
    d = doc("- 发文机关:青岚县政府办公室 成文日期:2024-09-20 18:29\n标 题:\n"
            "青岚县人民政府办公室关于公布第六批非物质文化遗产代表性项目名录的通知 - 文 号:发布日期: 2024-09-20 18:29\n"
            "青岚县人民政府办公室\n关于公布第六批非物质文化\n遗产代表性项目名录的通知\n各镇人民政府,县政府直属各单位:\n"
            "为进一步挖掘非物质文化遗产资源,现予以公布。")
    assert d.title == "青岚县人民政府办公室关于公布第六批非物质文化遗产代表性项目名录的通知"


def test_a_news_lead_names_the_document_and_its_issuer():
    d = doc("青岚市人(ren)民(min)政府發(fa)布《關于禁止(zhi)燃放(fang)煙花爆(bao)竹(zhu)的通告》,具體內容如下:\n"
            "一、主城區禁燃區范圍。\n二、下列場所,禁(jin)止燃(ran)放煙花爆竹。")
    assert d.title == "關于禁止(zhi)燃放(fang)煙花爆(bao)竹(zhu)的通告" and d.office == "青岚市人(ren)民(min)政府"


def test_a_dated_number_opening_the_first_line_under_the_title():
    d = doc("青岚省人民政府关于任免国家机关工作人员问题的通知\n"
            "(1985年5月4日青政〔1985〕38号)  根据国务院关于干部任免的规定精神,现将有关问题通知如下:\n一、任免事项。")
    assert (d.doc_number.canonical, d.signed) == ("青政〔1985〕38号", dt.date(1985, 5, 4))


def test_a_laws_title_over_its_adoption_note():
    d = doc("首页 > 法律法规\n青岚省道路运输管理法\n(2003年10月28日青岚省人民代表大会常务委员会第五次会议通过 "
            "根据2011年4月22日常务委员会第二十次会议修正)\n第一章 总则\n第一条 为了维护道路交通秩序,制定本法。")
    assert d.title == "青岚省道路运输管理法"


def test_a_glossed_title_with_blanks_is_given_as_printed():
    d = doc("青岚縣人民政府辦公室 關于印發(fā)青岚縣促進專業(yè)鎮(zhèn)發(fā)展 實施方案的通知\n青政辦發(fā)〔2023〕14號\n"
            "各鄉(xiāng)(鎮(zhèn))人民政府:\n現(xiàn)將實施方案印發(fā)給你們,請認真組織實施。\n青岚縣人民政府辦公室\n2023年9月1日")
    assert d.title == "青岚縣人民政府辦公室 關于印發(fā)青岚縣促進專業(yè)鎮(zhèn)發(fā)展 實施方案的通知"


def test_a_lost_glyph_date_ending_in_its_day_mark():
    d = doc("公开日期: 2021-01-20\n青岚县人民政府关于印发工作要点的通知\n各镇人民政府:\n现将工作要点印发给你们。\n"
            "青岚县人民政府\n2021118日")
    assert d.signed == dt.date(2021, 1, 18)


def test_without_a_header_the_title_naming_its_issuer_wins_over_a_headline():
    d = doc("关于禁止露天焚烧秸秆的通告(2020)\n青岚市人民政府关于禁止露天焚烧秸秆和产生有毒有害烟尘恶臭气体物质的通告\n"
            "为推进生态文明建设,打赢蓝天保卫战,现就有关事项通告如下。")
    assert d.title == "青岚市人民政府关于禁止露天焚烧秸秆和产生有毒有害烟尘恶臭气体物质的通告"


def test_a_headline_with_a_stamp_run_on_still_prints_the_whole_title():
    d = doc("青岚市人民政府关于表彰安全生产先进单位的决定时间:2019-01-23 青岚市人民政府\n关于表彰安全生产先进单位的决定\n"
            "青政〔2018〕17号\n各县、区人民政府,市政府有关部门:\n为表彰先进,市政府决定予以表彰。")
    assert d.title == "青岚市人民政府关于表彰安全生产先进单位的决定"


def test_a_gazettes_title_with_its_date_under_it_and_the_number_below():
    # 青岚市人民政府 / 关于…的通知 / (2019年1月29日) / 青政发〔2019〕1号: one header, not two documents.
    d = doc("青岚市人民政府公报(2019年第3、4期)\n• 总期刊数 总390期\n•   青岚市人民政府\n关于2019年重点办好城乡建设和\n"
            "改善人民生活方面10件实事的通知\n(2019年1月29日)\n青政发〔2019〕1号\n各区、市人民政府,市政府各部门:\n"
            "市政府决定,2019年在城乡建设和改善人民生活方面重点办好10件实事。")
    assert (d.title, d.doc_number.canonical, d.signed, d.office) == (
        "关于2019年重点办好城乡建设和改善人民生活方面10件实事的通知", "青政发〔2019〕1号", dt.date(2019, 1, 29), "青岚市人民政府")


def test_a_headlines_letterhead_over_the_documents_own_is_not_a_document():
    d = doc("青岚省人民政府办公厅文件\n简介:小编为你整理了多篇相关的《青岚省人民政府办公厅文件》,但愿对你有帮助。\n第一篇:青岚省人民政府办公厅文件\n"
            "青岚省人民政府办公厅文件\n青政办发〔2009〕24号\n青岚省人民政府办公厅关于加强高校毕业生\n就业工作的通知\n"
            "各市州人民政府,省政府各厅委:\n经省人民政府同意,现就有关问题通知如下。")
    assert d.doc_number.canonical == "青政办发〔2009〕24号"


def test_a_list_item_naming_a_letterhead_or_an_order_is_neither():
    d = doc("青岚省人民政府办公厅关于印发\n《青岚省人民政府公文格式规定》的通知\n(青政办发〔2001〕99号 2001年5月29日)\n各市、县人民政府:\n"
            "现将《青岚省人民政府公文格式规定》印发给你们,请遵照执行。\n第三条 自治区人民政府公文形式主要有:\n一、青岚省人民政府文件\n"
            "用于向国务院请示和报告工作。\n二、青岚省人民政府令\n用于依照有关法律公布行政规章。")
    assert d.doc_number.canonical == "青政办发〔2001〕99号" and d.signed == dt.date(2001, 5, 29)


def docs(text: str, name: str = "page.txt"):
    return process(make_capture(name, text.encode("utf-8"), "text/plain"))


def test_a_forwarding_notice_without_its_title_is_a_document_of_its_own():
    # The page opens at the 主送 line of the 转发 notice; the forwarded document follows with its header.
    parsed = docs("各镇人民政府(街道办事处),市级各部门:\n现将《青岚市人民政府关于提高最低生活保障标准的通知》(青府发〔2022〕20号)转发给你们,请严格遵照执行。\n"
                  "青岚县人民政府办公室\n2023年1月3日\n青岚市人民政府关于提高最低生活\n保障标准的通知\n青府发〔2022〕20号\n"
                  "各区(市)县政府,市政府各部门:\n经市政府研究决定,从2023年1月起提高我市最低生活保障标准。\n青岚市人民政府\n2022年12月29日")
    first, second = parsed.documents
    assert (first.title, first.doc_number, first.office, first.signed) == ("", None, "青岚县人民政府办公室", dt.date(2023, 1, 3))
    assert (second.doc_number.canonical, second.office, second.signed) == ("青府发〔2022〕20号", "青岚市人民政府", dt.date(2022, 12, 29))
    assert "untitled" in {n.code for n in parsed.notices}


def test_a_spam_page_imitating_a_document_keeps_no_fake_metadata():
    parsed = docs("文件标题\n澳门今晚开特马四不像图 广泛的关注解释落实热议\n发文机关\n地区发展管理委员会\n文号\n县发〔2023〕第3号\n"
                  "发布日期\n2023年11月23日\n文件正文\n一、澳门将于今晚开展主题活动。")
    (d,) = parsed.documents
    assert (d.doc_number, d.office, d.signed) == (None, None, None)
    assert "spam-imitation" in {n.code for n in parsed.notices}
    d = doc("青岚市人民政府关于开展打击非法六合彩专项行动的通知\n青政发〔2023〕3号\n各区人民政府:\n现就开展专项行动通知如下。")
    assert d.doc_number.canonical == "青政发〔2023〕3号"  # a government text fighting gambling is one


def test_a_township_publisher_and_a_glossed_field_value():
    d = doc("索引號 01526089-2-02_D/2016-0510008 發(fā)布機構 青岚縣固東鎮(zhèn)\n公開目錄 公開制度 發(fā)布日期 2016-05-10 16:49:05\n"
            "固東鎮(zhèn)政府信息公開目錄管理制度\n第一條 為保證政府公開信息的規(guī)范,特制定本制度。")
    assert d.office == "青岚縣固東鎮(zhèn)"


def test_a_number_in_a_table_whose_cells_slipped():
    d = doc("【时 效 性】 | 青政复〔2009〕4号 | 【颁布日期】 | |\n【颁布单位】 | 155 | 【实施日期】 | 行政法规 |\n【法规层次】 | 118 | 【文 号】 | 江苏 |\n"
            "青岚市人民政府:\n你市《关于部分行政区划调整的请示》收悉。经研究,批复如下:\n同意调整。\n二○○九年一月八日")
    assert d.doc_number.canonical == "青政复〔2009〕4号"


def test_a_signature_office_wrapped_over_two_lines_and_one_whose_date_lost_its_year():
    d = doc("青岚县防控工作指挥部办公室通告(第1号)\n为切实做好防控工作,现通告如下。\n特此通告\n青岚县新型冠状病毒感染的肺炎疫情\n"
            "防控工作指挥部办公室\n2020年1月26日")
    assert d.office == "青岚县新型冠状病毒感染的肺炎疫情防控工作指挥部办公室"
    d = doc("青岚州人民政府:\n你州呈报的《关于乡镇行政区划调整的请示》收悉,现批复如下:\n同意调整方案。\n青岚省民政厅\n20xx年11月30日")
    assert (d.office, d.signed) == ("青岚省民政厅", None)


def test_an_elderly_mode_toolbar_is_chrome():
    d = doc("打開適老化模式 無障礙瀏覽 x\n青岚镇政府信息公开目录管理和备案制度\n第一条 为保证政府公开信息的规范,特制定本制度。")
    assert d.title == "青岚镇政府信息公开目录管理和备案制度"


def test_a_path_ending_in_the_title_printed_below_it():
    d = doc("欢迎来到EHS平台! 设为首页 收藏\nEHS中国 法规首页 青岚市消防条例\n青岚市消防条例\n下载法规\n颁布部门:青岚市人民代表大会常务委员会\n"
            "颁布日期:2024-01-18生效日期:2024-03-01\n第一章 总 则\n第一条 为了预防火灾和减少火灾危害,制定本条例。")
    assert (d.title, d.office, d.signed) == ("青岚市消防条例", "青岚市人民代表大会常务委员会", dt.date(2024, 1, 18))


def test_a_genre_word_spaced_out_at_the_end_of_the_title_line():
    d = doc("青岚县人民政府办公室 关于推进政务信息共享工作的 通 知\n岚政办〔2019〕26号\n各乡镇人民政府,县政府各部门:\n"
            "为推进政务信息共享,现就有关工作通知如下:\n一、基本原则")
    assert d.title == "青岚县人民政府办公室 关于推进政务信息共享工作的 通 知"  # as printed
    assert d.office == "青岚县人民政府办公室"


def test_a_title_that_lost_its_genre_word_over_its_number():
    d = doc("关于春节期间禁止在城区燃放烟花爆竹的\n岚府通〔2019〕2号\n为减少环境污染,确保人民群众生命财产安全,现将有关事项通告如下:\n"
            "一、任何单位和个人不得在城区燃放烟花爆竹。")
    assert (d.title, d.doc_number.printed) == ("关于春节期间禁止在城区燃放烟花爆竹的", "岚府通〔2019〕2号")


def test_a_field_row_run_on_after_the_page_address_and_bracketed_labels_with_blanks():
    d = doc("青岚区人民政府关于撤销两个镇设立街道的批复\nhttp://www.example.gov.cn/zfwj/601f.html发文字号 岚政发〔2021〕1号 发布日期 2021-02-07\n"
            "东镇、西镇人民政府:\n你们的请示收悉。现批复如下:同意撤销东镇,设立东街道。")
    assert d.doc_number.printed == "岚政发〔2021〕1号"
    d = doc("[ 索引号 ] 0001/2023-00005 [ 发文字号 ] 岚府发〔2023〕21号\n[ 成文日期 ] 2023-06-03\n"
            "青岚镇人民政府关于印发自然灾害救助应急预案的通知\n岚府发〔202321\n各村(社区):\n现将预案印发给你们,请认真执行。")
    assert d.doc_number.printed == "岚府发〔2023〕21号"  # the body's copy lost glyphs; the field prints it whole


def test_a_date_glued_before_the_number_and_an_iso_date_after_the_title():
    d = doc("青岚市人民政府关于印发城市管理暂行规定的通知(2004/06/23)\n2004-6-23岚政发〔2004〕89号\n各县(市、区)人民政府:\n"
            "《青岚市城市管理暂行规定》已经市政府讨论通过,现予以印发。\n二oo四年五月十九日")
    assert (d.title, d.doc_number.printed) == ("青岚市人民政府关于印发城市管理暂行规定的通知", "岚政发〔2004〕89号")


def test_an_announcement_serial_under_the_header_below_the_law_it_promulgates():
    d = doc("青岚市人大常委会听证条例\n青岚市人民代表大会常务委员会公告\n第三十七号\n"
            "《青岚市人大常委会听证条例》已经常务委员会会议审议通过,现予公布,自2002年1月1日起施行。\n"
            "青岚市人民代表大会常务委员会\n2001年12月26日")
    assert (d.doc_number.printed, d.doc_number.serial) == ("第三十七号", 37)


def test_a_note_under_a_forwarded_documents_title_is_not_the_signature():
    d = doc("青岚市人民政府办公室关于转发青岚市投资公司管理办法的通知\n岚府办发〔2008〕52号\n各县(区)人民政府:\n"
            "现将市国资委制定的《青岚市投资公司管理办法》转发给你们,请认真遵照执行。\n二○○八年十月十四日\n"
            "青岚市投资公司管理办法\n(青岚市国有资产监督管理委员会 2008年10月6日)\n第一条 为加强管理,制定本办法。")
    assert (d.office, d.signed) == ("青岚市人民政府办公室", dt.date(2008, 10, 14))


def test_a_signature_keeps_its_province_a_database_header_line_drops_it():
    d = doc("发文单位:江岚省青岚市人民政府\n文号:岚政发(2007)56号\n各区县人民政府:\n决定对两区部分行政区划进行调整。\n特此通知。\n"
            "二○○七年二月二十三日\n江岚省青岚市人民政府")
    assert d.office == "江岚省青岚市人民政府"


def test_an_announcement_under_its_issuer_line_after_a_news_story():
    page = ("禁渔期到了 青岚河的鱼钓不得了\n2017年03月03日 来源:青岚发布\n三月,万物复苏,也是鱼类繁衍的时间。各位钓友请注意保护渔业资源。\n"
            "青岚县人民政府\n关于实施2017年天然水域禁渔期的\n通告\n为加强渔业资源保护,依法维护渔业生产秩序,现就有关事项通告如下:\n"
            "一、禁渔时间为3月1日至6月30日。\n青岚县人民政府\n2017年2月28日")
    notice = process(make_capture("page.txt", page.encode("utf-8"), "text/plain")).documents[-1]
    assert (notice.title, notice.office, notice.signed) == ("关于实施2017年天然水域禁渔期的通告", "青岚县人民政府", dt.date(2017, 2, 28))


def test_a_headline_with_its_number_glued_over_the_title_printed_whole():
    d = doc("政府文件\n岚政办发[2020]35号青岚市推进教育均衡发展实施细则的通知\n青岚市人民政府办公室关于印发青岚市推进\n教育均衡发展\n"
            "实施细则的通知\n各乡镇人民政府,市政府有关部门:\n经市政府同意,现将《细则》印发给你们,请认真贯彻执行。\n青岚市人民政府办公室\n2020年9月28日")
    assert d.title == "青岚市人民政府办公室关于印发青岚市推进教育均衡发展实施细则的通知"
    assert d.doc_number.printed == "岚政办发〔2020〕35号"


def test_a_spam_sites_path_and_a_content_sites_note_around_a_headline():
    d = doc("首页『某某注册登陆』-某某娱乐平台-首页-青岚县人民政府办公室关于印发扶贫资金管理办法的通知\n作者:管理员 发布于:2023-03-15\n"
            "经县人民政府同意,现将《扶贫资金管理办法》印发给你们,请结合实际认真贯彻执行。")
    assert d.title == "青岚县人民政府办公室关于印发扶贫资金管理办法的通知"
    d = doc("青岚市关于实施交通管制的通告(青岚市交通管理局)\n社会热点2022-10-12\n青岚市关于实施交通管制的通告(青岚市交通管理局)\n"
            "关于实施交通管制的通告\n为保证防汛车辆安全通行,禁止一切车辆通行。特此通告。\n青岚市公安局\n2021年10月9日")
    assert (d.title, d.office) == ("关于实施交通管制的通告", "青岚市公安局")


def test_a_headline_that_names_no_genre_and_a_series_number_with_its_issuer():
    d = doc("?青岚县延长供暖时间至4月15日\n发布时间:2022-04-02\n经县政府研究决定,延长供暖时间至4月15日24时结束。\n青岚县人民政府\n2022年4月2日")
    assert d.title == "青岚县延长供暖时间至4月15日"
    d = doc("青岚县2021年下半年食品监督抽查结果公示\n食药安办公告〔2021〕9号\n根据工作安排,现将抽查结果公示如下:\n一、抽查情况")
    assert d.doc_number.printed == "食药安办公告〔2021〕9号"


def test_a_title_with_its_number_in_small_form_brackets():
    # ﹝﹞ (U+FE5D/FE5E) around the year, an agency code ending in the genre word (invented example).
    d = doc("青岚县人民政府拟征收土地启动公告(青征启公告﹝2023﹞7号)\n为保障建设用地,现将拟征收土地有关事项公告如下:\n"
            "一、拟征收土地用途\n特此公告。\n2023年5月6日")
    assert d.title == "青岚县人民政府拟征收土地启动公告"
    assert (d.doc_number.agency, d.doc_number.year, d.doc_number.serial) == ("青征启公告", 2023, 7)


def test_a_latin_line_above_a_title_is_the_pages_not_the_titles():
    d = doc("The Beginning\n青岚县人民政府征收土地预公告\n为保障建设用地,现将拟征收土地有关事项公告如下:\n"
            "一、拟征收土地用途\n特此公告。\n2023年5月6日\nTHE END")
    assert d.title == "青岚县人民政府征收土地预公告"


def test_a_title_that_opens_with_its_issuer_without_guanyu_names_the_office():
    # A date-only signature: the office is the one the title opens with (invented examples).
    d = doc("青岚县人民政府征收土地预公告\n岚政〔2024〕9号\n一、拟征收土地用途\n拟作为建设用地。\n特此公告。\n2024年10月12日")
    assert (d.office, dict(d.sources)["office"]) == ("青岚县人民政府", "title-named")
    assert doc("青岚市公安局通告\n为维护交通秩序,现将有关事项通告如下:\n一、禁止燃放。\n2024年1月2日").office == "青岚市公安局"
    # Where the issuer ends is not known when the subject is an office too: no office is guessed.
    assert doc("青岚市公安局交通警察支队通告\n为维护交通秩序,现将有关事项通告如下:\n一、禁止停车。\n2024年1月2日").office is None
    # A title without a place names no issuer (大同区 is not printed here as an office).
    assert doc("草原禁牧公告\n为保护草原,现将有关事项公告如下:\n一、禁牧期。\n2024年4月15日").office is None


def test_a_date_printed_before_the_number_on_its_line_is_the_signing_date():
    d = doc("青岚省财政厅关于规范收费管理的通知\n青岚省财政厅\n2004年3月16日  青财综〔2004〕17号\n各市财政局:\n"
            "为进一步规范收费管理,现就有关事项通知如下:\n一、降低收费标准。")
    assert (d.doc_number.canonical, d.signed, dict(d.sources)["signed"]) == ("青财综〔2004〕17号", dt.date(2004, 3, 16), "number-line")
    # A date with more words between it and the number is not the number's.
    d = doc("青岚省财政厅关于规范收费管理的通知\n青财综〔2004〕17号\n各市财政局:\n2004年3月16日起执行新标准,现通知如下:\n一、降低收费标准。")
    assert d.signed is None


def test_a_promulgation_note_that_names_the_adoption_meeting_first():
    # An unclosed note: the meeting's date first, then the date the order number was given (invented).
    d = doc("青岚省外商投资企业用地管理办法\n青岚省人民政府\n青岚省外商投资企业用地管理办法\n"
            "(1992年7月25日省人民政府第一三七次常务会议通过, 1992年10月22日省人民政府令第18号发布\n"
            "第一条 为加强本省外商投资企业的用地管理,根据有关法律,制定本办法。\n第二条 本办法适用于本省。")
    assert (d.doc_number.printed, d.signed) == ("省人民政府令第18号", dt.date(1992, 10, 22))
    assert dict(d.sources)["signed"] == "note"


def test_a_headline_with_the_pages_stamp_run_on_is_not_the_text():
    d = doc("青岚网 > 白沙\n4月15日至11月15日为禁牧期!白沙区最新公告 发布时间:2024-04-17 14:47 来源:白沙区人民政府网\n"
            "白沙区草原禁牧公告\n为切实做好我区草原禁牧工作,加强草原保护修复,恢复草原生态,现将有关事项公告如下:\n"
            "一、禁牧区和禁牧期\n禁牧区为全区域内所有草原。\n青岚市白沙区人民政府\n2024年4月15日")
    assert (d.title, d.office) == ("白沙区草原禁牧公告", "青岚市白沙区人民政府")


def test_the_first_paragraph_printed_above_the_title_is_a_teaser():
    # A page description (cut short, with its tag's tail) repeats the document's opening above the title.
    opening = "为切实做好我市草原禁牧工作,遵照保护生态优先的原则,加强草原保护修复,恢复草原生态,提高草原综合植被盖度和生产力。"
    d = doc(f'{opening[:40]}" />\n当前位置:首页 > 新闻资讯 > 正文\n白沙市草原禁牧公告\n{opening}根据有关规定,现将有关事项公告如下:\n'
            "一、禁牧区和禁牧期\n禁牧区为全市所有草原。")
    assert d.title == "白沙市草原禁牧公告"
    # A paragraph that is not printed again is the text: no title is looked for below it.
    d = doc(f"{opening}\n白沙市草原禁牧公告\n一、禁牧区和禁牧期\n禁牧区为全市所有草原。")
    assert d.title != "白沙市草原禁牧公告"


def test_an_announcements_serial_may_leave_out_di():
    d = doc("青岚市防汛抗旱指挥部通告(1号)\n为做好防汛工作,现将有关事项通告如下:\n一、加强巡查。\n青岚市防汛抗旱指挥部\n2020年1月23日")
    assert (d.doc_number.printed, d.doc_number.serial) == ("1号", 1)
    d = doc("青岚市防汛抗旱指挥部通告\n2号\n为做好防汛工作,现将有关事项通告如下:\n一、加强巡查。\n青岚市防汛抗旱指挥部\n2020年1月24日")
    assert (d.doc_number.printed, d.doc_number.serial) == ("2号", 2)
    # Under a notice (no series genre) a bare number is no serial.
    assert doc("青岚市防汛抗旱指挥部关于加强巡查的通知(3号)\n各区:\n现将有关事项通知如下。\n2020年1月24日").doc_number is None


def test_a_short_menu_item_with_latin_letters_is_no_part_of_the_title_below_it():
    d = doc("今天:\nAPP下载\n白沙市草原禁牧公告\n为切实做好我市草原禁牧工作,加强草原保护修复,现将有关事项公告如下:\n"
            "一、禁牧区和禁牧期\n禁牧区为全市所有草原。")
    assert d.title == "白沙市草原禁牧公告"


def test_blanks_lost_to_question_marks_are_blanks():
    # A page re-encoded without its ideographic spaces prints them as '?': the letterhead spaced out
    # and the signature's date pushed right are read through them.
    d = doc("市人民政府关于我市青山路等9条街路巷命名的通知\n市?人?民?政?府\n关于我市青山路等9条街路巷命名的通知\n?\n"
            "各镇人民政府、街道办事处，市政府各部门：\n经研究，决定对我市青山路等9条街路巷予以命名，自发文之日起正式使用。\n?\n"
            "??????????????????2024年3月25日\n")
    assert d.signed == dt.date(2024, 3, 25)
    assert d.title == "市人民政府关于我市青山路等9条街路巷命名的通知"


def test_a_news_lead_with_an_image_before_the_document():
    d = doc("4月2日，某省青岚县人民政府发布\n《关于全县辖区内河道禁止采砂的通告》\n切实加强河道水生态环境\n"
            "![](/media/upload/image/201804/6993210015.jpg)\n青岚县人民政府关于全县辖区内河道禁止采砂的通告\n"
            "为彻底改善我县河道水生态环境，保障防洪安全，经县政府研究，现就全县辖区内河道禁止采砂有关事项通告如下：\n"
            "一、全县河道采砂禁采期暂定五年。\n")
    assert (d.title, d.office) == ("青岚县人民政府关于全县辖区内河道禁止采砂的通告", "青岚县人民政府")
    assert d.recipients is None  # …通告如下: the text's opening, no 主送


def test_an_order_named_with_its_issuer_gives_the_office():
    d = doc("青岚县人民政府森林防火禁火令\n近期天气干燥，森林火险等级高。为有效预防森林火灾发生，县政府决定在全县范围内禁止一切野外用火。\n")
    assert d.office == "青岚县人民政府"


def test_an_act_under_its_issuers_line_is_named_with_it():
    # 青岚县人民政府 / 征收土地预公告: the title is the act with its issuer, as the document is cited.
    d = doc("青岚县人民政府\n征收土地预公告\n青岚镇南关村及有关农户：\n为了公共利益的需要，依据土地管理法律法规，现将土地征收有关事项公告如下：\n"
            "一、征收范围\n拟征收你村位于村南侧的土地，面积约2.7公顷。\n")
    assert (d.title, d.office) == ("青岚县人民政府征收土地预公告", "青岚县人民政府")
    # …but a 关于 title under a letterhead is the 关于 line alone (real/023).
    d = doc("青岚县人民政府\n关于禁止河道采砂的通告\n为保障防洪安全，现就有关事项通告如下：\n一、全县河道禁止采砂。\n")
    assert d.title == "关于禁止河道采砂的通告"


def test_a_page_run_into_one_line_from_its_number_field_to_its_signature():
    d = doc("文件编号青农发〔2023〕58号正文内容青岚区人民政府:为做好对口合作工作,需安排专项资金50万元,妥否,请批示。"
            "附件:关于申请对口合作专项资金的请示(青合作〔2023〕7号)(联系人:王明,联系电话:0574-87000000)青岚区农业农村局2023年9月1日。")
    assert (d.doc_number.printed, d.office, d.signed) == ("青农发〔2023〕58号", "青岚区农业农村局", dt.date(2023, 9, 1))
    assert not any("正文内容" in line for line in d.lines)


def test_a_news_page_that_reprints_the_document_after_its_report():
    d = doc("3月11日,青岚市人民政府办公室发布关于推动分布式光伏发电项目高质量发展的通知征求意见。文件指出,以下建筑不得建设光伏设施。\n"
            "1.已挂牌的历史建筑。\n2.五年内规划拆迁的建筑。\n原文如下:\n"
            "青岚市人民政府办公室关于推动分布式光伏发电项目高质量发展的通知征求意见\n"
            "为推动我市分布式光伏发电项目高质量发展,结合我市实际,拟印发本通知。\n一、总体要求。坚持安全第一。")
    assert d.title == "青岚市人民政府办公室关于推动分布式光伏发电项目高质量发展的通知征求意见"
    assert d.office == "青岚市人民政府办公室"


def test_the_last_name_of_a_commendation_list_is_no_part_of_the_signature():
    d = doc("青岚市人民政府关于表彰2020年度安全生产先进个人的决定\n青政发〔2021〕3号\n各县区人民政府，市政府各部门：\n"
            "为表彰先进，市人民政府决定，对以下同志予以表彰。\n缪丽萍　青岚市自然资源和规划局副科长\n"
            "麦志坚　青岚市卫生健康委员会干部\n柯国栋　青岚市住房和城乡建设局主任科员\n青岚市人民政府\n2021年2月10日")
    assert d.office == "青岚市人民政府" and d.issuers == ()


def test_a_speech_in_a_gazette_of_a_place_ending_in_zhou_speaks_for_the_whole_place():
    text = ("汀州市人民政府公报\n2021年第11期\n汀州市人民政府办公室关于做好河道采砂管理工作的通知\n汀政办发〔2021〕5号\n"
            "各县区人民政府，市政府各部门：\n现将有关事项通知如下，请认真贯彻执行。\n汀州市人民政府办公室\n2021年10月1日\n"
            "在全市河道采砂工作电视电话会议上的讲话\n副市长　翁远航\n（2021年10月19日）\n同志们：\n今天召开这次会议，部署河道采砂工作。")
    parsed = process(make_capture("issue.txt", text.encode(), "text/plain"))
    assert [d.office for d in parsed.documents] == ["汀州市人民政府办公室", "汀州市人民政府"]


def test_a_field_table_row_naming_the_title_with_letter_spaced_labels():
    # 名  稱 … and 文  號 … rows of a flattened table: the long name is the title field, not a
    # sentence, and the 文号 row is read with it (a copy of a county page, Traditional, a spam line on top).
    d = doc("连码专家六肖复式五连\n首 頁 > 信息公開 > 正文\n"
            "北溪縣人民政府辦公室轉發《青嵐市人民政府辦公廳關于印發青嵐市實體政務大廳管理暫行辦法》和《青嵐市政務服務網運行管理暫行辦法》的通知\n"
            "發布時間:2019-02-25 16:32 來源:北溪縣人民政府\n索 引 號 11610527Q-2019-000024 成文日期 2019-02-25\n"
            "發布機構 北溪縣人民政府 發布日期 2019-02-25\n"
            "名  稱 北溪縣人民政府辦公室轉發《青嵐市人民政府辦公廳關于印發青嵐市實體政務大廳管理暫行辦法》和《青嵐市政務服務網運行管理暫行辦法》的通知\n"
            "文  號 北政辦發〔2019〕9號 主 題 詞 北溪縣 政務大廳\n\n各鎮人民政府,縣政府有關工作部門:\n"
            "現將《青嵐市人民政府辦公廳關于印發<青嵐市實體政務大廳管理暫行辦法><青嵐市政務服務網運行管理暫行辦法>的通知》"
            "青政辦發〔2018〕73號轉發你們,請認真貫徹執行。\n北溪縣人民政府辦公室\n2019年2月22日\n"
            "青嵐市人民政府辦公廳\n印發《青嵐市實體政務大廳管理暫行辦法》\n《青嵐市政務服務網運行管理暫行辦法》的通知\n"
            "青政辦發〔2018〕73號\n各區人民政府,市人民政府各工作部門:\n現將兩個辦法印發給你們,請認真貫徹執行。")
    # The notice it forwards (its 文号 named in the opening: 青政辦發〔2018〕73號轉發你們) is its attachment.
    assert d.title.startswith("北溪縣人民政府辦公室轉發《") and d.title.endswith("的通知")
    assert (d.doc_number.printed, d.office, d.signed, d.published) == (
        "北政辦發〔2019〕9號", "北溪縣人民政府辦公室", dt.date(2019, 2, 22), dt.date(2019, 2, 25))


def test_a_closing_date_that_lost_some_glyphs_keeps_its_parts_apart():
    d = doc("北溪县人民政府办公室关于印发《北溪县地质灾害应急预案》的通知\n各乡镇人民政府,县级各部门:\n"
            "现将《北溪县地质灾害应急预案》印发给你们,请认真贯彻执行。\n北溪县人民政府办公室\n2018年3月13\n北溪县地质灾害应急预案\n一、总则")
    assert d.signed == dt.date(2018, 3, 13)
    d = doc("北溪县人民政府办公室关于印发北溪县环境应急预案的通知\n北政办发〔2017〕46号\n各乡镇人民政府:\n"
            "现将《北溪县环境应急预案》印发给你们,请认真贯彻执行。\n北溪县人民政府办公室\n(此件公开发布)\n{ 2017 6 23\n北溪县环境应急预案")
    assert d.signed == dt.date(2017, 6, 23)
    d = doc("关于上半年重点工作落实情况的通报\n各乡镇人民政府,县直各单位:\n现将上半年重点工作落实情况通报如下。\n"
            "一、总体情况\n北溪县人民政府办公室           2022年8月19\n")
    assert (d.office, d.signed) == ("北溪县人民政府办公室", dt.date(2022, 8, 19))  # office and date on one line, 日 lost


def test_a_date_whose_glyphs_were_lost_right_under_the_last_sentence_signs():
    # The office of the signature is lost too: 20151214 alone under the text, the page published later.
    d = doc("青岚市人民政府办公厅关于印发《青岚市行政执法公示制度》的通知\n信息来源:青岚市人民政府办公厅 发布时间:2015-12-22 12:07\n"
            "各县、区人民政府,市政府各部门:\n《青岚市行政执法公示制度》已经市人民政府常务会议审议通过,现印发给你们,请认真贯彻执行。\n"
            "20151214\n青岚市行政执法公示制度\n第一条 为规范行政执法行为,制定本制度。")
    assert (d.signed, d.published) == (dt.date(2015, 12, 14), dt.date(2015, 12, 22))


def test_an_order_whose_header_opens_the_page_is_named_by_the_rules_it_promulgates():
    d = doc("青岚市人民政府令\n(第1号)\n《青岚市城市供热管理办法》已经2008年11月15日市政府第6次常务会议通过,现予发布,自发布之日起施行。\n"
            "代市长 王某某\n二〇〇九年一月五日\n青岚市城市供热管理办法\n第一章 总 则\n第一条 为了加强城市供热管理,制定本办法。")
    assert (d.title, d.doc_number.canonical, d.office, d.signed) == (
        "青岚市城市供热管理办法", "青岚市人民政府令第1号", "青岚市人民政府", dt.date(2009, 1, 5))


def test_a_promulgation_above_a_document_whose_order_header_was_lost_dates_it():
    d = doc("《青岚市人民政府关于修改和废止部分政府规章的决定》已经2024年4月25日市人民政府第12次常务会议审议通过,现予公布,自公布之日起施行。\n"
            "市长 王某某\n2024年5月8日\n青岚市人民政府关于修改和废止部分政府规章的决定\n"
            "为了维护法制统一,经市人民政府常务会议审议通过,决定修改和废止以下政府规章:\n一、对2部政府规章的部分条款予以修改。")
    assert (d.title, d.office, d.signed) == ("青岚市人民政府关于修改和废止部分政府规章的决定", "青岚市人民政府", dt.date(2024, 5, 8))
    assert dict(d.sources)["signed"] == "promulgation"


def test_a_title_field_drops_the_number_and_registration_code_a_cms_adds():
    d = doc("当前位置:首页 > 政府信息公开 > 政府文件\n发文单位:青岚市人民政府成文日期:2021年12月30日\n"
            "标  题:青岚市人民政府关于印发青岚市政府投资项目管理办法(2021年修订)的通知(青政发〔2021〕25号)(统一编号:QLZFG-2021-005)\n"
            "发文字号:青政发〔2021〕25号发布日期:2021年12月31日\n\n"
            "青岚市人民政府关于印发青岚市政府投资项目管理办法(2021年修订)的通知(青政发〔2021〕25号)(统一编号:QLZFG-2021-005)\n\n"
            "分享 微信\n各县(区)人民政府,市直各有关单位:\n《青岚市政府投资项目管理办法》已经市人民政府同意,现印发给你们。")
    assert (d.title, d.doc_number.printed) == ("青岚市人民政府关于印发青岚市政府投资项目管理办法(2021年修订)的通知", "青政发〔2021〕25号")


def test_an_office_is_named_before_what_it_does_and_completed_from_its_issuer_line():
    d = doc("青岚省人民政府贯彻国务院关于进一步推进青岚地区改革开放和经济社会发展指导意见的实施意见 青政发[2009]69号 2009-11-03 "
            "为贯彻《国务院关于进一步推进青岚地区改革开放和经济社会发展的指导意见》(国发[2008]30号,以下简称《指导意见》)精神,"
            "现结合我省实际,按照突出重点的原则,提出以下实施意见。 一、总体要求 (一)基本原则。坚持科学发展,推进转型升级。")
    assert (d.office, d.doc_number.canonical, d.signed) == ("青岚省人民政府", "青政发〔2009〕69号", dt.date(2009, 11, 3))
    d = doc("您的位置: 首页 » 法律资料网 » 法律法规 »\n青岚省政府办公厅转发省文化厅关于文化产业资金管理办法的通知\n"
            "青岚省人民政府办公厅\n青政办发〔2007〕7号\n青岚省政府办公厅转发省文化厅关于文化产业资金管理办法的通知\n"
            "各市、县人民政府,省各委、办、厅、局:\n省文化厅《关于文化产业资金管理办法》已经省人民政府同意,现转发给你们。\n二○○七年一月二十六日")
    assert (d.office, d.signed) == ("青岚省人民政府办公厅", dt.date(2007, 1, 26))


def test_a_title_fields_value_is_a_line_with_a_letter():
    d = doc("标题\n|\n|\n- 9 years ago\n各市人民政府:\n现将有关事项通知如下。\n一、总体要求")
    assert d.title != "|"


def test_a_masked_issuer_names_no_office():
    # A copier masked the issuer ((略) 人民政府办公厅); a template prints XX县人民政府: no one's name.
    d = doc("青政办〔2023〕28号\n各市、自治州人民政府,省政府各委、办、厅、局:\n《青岚湖示范区创建工作方案》 (略) 政府常务会议审议通过,"
            "现印发给你们,请认真组织实施。\n(略) 人民政府办公厅\n2023年3月24日\n(此件公开发布)\n青岚湖示范区创建工作方案\n一、总体要求")
    assert (d.office, d.signed) == (None, dt.date(2023, 3, 24))
    d = doc("XX县人民政府关于做好森林防火工作的通知\n各乡镇人民政府:\n现将有关事项通知如下。\nXX县人民政府\n2020年3月1日")
    assert (d.office, d.signed) == (None, dt.date(2020, 3, 1))


def test_a_page_that_prints_no_title_but_links_its_own_file_is_named_by_it():
    d = doc("各省、自治区、直辖市人民政府: 根据《国务院关于大力发展职业教育的决定》(国发[2005]35号)的有关规定,现同意将8所学校予以备案(名单见附件)。 "
            "附件:青岚部关于公布备案的高等职业学校名单的通知.pdf 中华人民共和国青岚部二○○八年四月十一日\n责任编辑:admin")
    assert (d.title, d.office, d.signed) == ("青岚部关于公布备案的高等职业学校名单的通知", "中华人民共和国青岚部", dt.date(2008, 4, 11))


def test_a_report_of_a_years_work_is_issued_by_the_office_its_title_opens_with():
    d = doc("青岚市北溪区政府2015年推进依法行政工作情况及2016年工作打算\n25.02.2016  10:00\n"
            "2015年,是北溪区全面推进依法行政的一年。一年以来,我区认真贯彻党的十八大精神,加强组织领导。")
    assert d.office == "青岚市北溪区政府"


def test_a_spaced_genre_word_under_a_traditional_title_is_read_whole():
    d = doc("北溪行審復〔2019〕4號\n關於縣十四屆人大三次會議第147號議案的\n答 復\n朱某某等代表:\n"
            "你們提出的《關於規範農業園區建設審批流程的建議》已收悉,現答覆如下:\n我局認爲你們的建議很有建設性。\n北溪縣行政審批局\n2019年7月15日")
    assert (d.title, d.doc_number.printed, d.office) == ("關於縣十四屆人大三次會議第147號議案的答 復", "北溪行審復〔2019〕4號", "北溪縣行政審批局")


def test_glued_field_rows_of_a_glossed_mirror_keep_what_the_page_prints():
    # A law database's rows, label run into value, copied by a mirror that glosses characters.
    d = doc("發(fā)文機(jī)關(guān)國(guó)務(wù)院\n發(fā)文日期2000年06月23日\n時(shí)效性現(xiàn)行有效\n"
            "發(fā)文字號(hào)國(guó)函〔2000〕83號(hào)\n施行日期2000年06月23日\n效力級(jí)別國(guó)務(wù)院規(guī)范性文件\n"
            "青嵐省人民政府:\n你省《關(guān)于撤地設(shè)市的請(qǐng)示》收悉。現(xiàn)批復(fù)如下:\n一、同意撤銷青嵐地區(qū)。")
    assert (d.doc_number.printed, d.office, d.signed) == ("國(guó)函〔2000〕83號(hào)", "國(guó)務(wù)院", dt.date(2000, 6, 23))
    assert d.title == ""  # 施行日期2000年06月23日 is a field row among them, not a title


def test_a_title_that_forwards_an_offices_document_begins_at_its_verb():
    d = doc("青岚省人民政府办公厅\n转发省人力资源社会保障厅等部门\n关于做好2010年普通高校毕业生\n就业工作的意见的通知\n"
            "青政办发〔2010〕21号\n各市人民政府,省政府各部门:\n省人力资源社会保障厅等部门《关于做好2010年普通高校毕业生就业工作的意见》"
            "已经省政府同意,现转发给你们,请认真贯彻执行。\n青岚省人民政府办公厅\n2010年4月30日")
    assert (d.title, d.office) == ("转发省人力资源社会保障厅等部门关于做好2010年普通高校毕业生就业工作的意见的通知", "青岚省人民政府办公厅")


def test_a_law_databases_issue_time_field_signs():
    d = doc("法規(guī)庫(kù)\n\n青嵐省人民政府關(guān)于任免國(guó)家機(jī)關(guān)工作人員問(wèn)題的通知\n\n青政[1985]38號(hào)\n\n"
            "頒布時(shí)間:1985-05-04 00:00:00.000 發(fā)文單位:青嵐省人民政府\n\n  根據(jù)有關(guān)規(guī)定,現(xiàn)將有關(guān)問(wèn)題通知如下:\n  一、任免權(quán)限")
    assert d.signed == dt.date(1985, 5, 4)


def test_a_news_report_run_on_into_the_document_it_reprints():
    d = doc("青岚省成立地理普查领导小组 王某任组长\n原标题:青岚省成立地理普查领导小组\n王某任组长新闻网6月13日电\n"
            "据省政府网消息,省人民政府办公厅公布关于成立地理普查领导小组的通知,由副省长王某任组长。全文如下:青岚省人民政府办公厅关于成立"
            "第一次全省地理普查领导小组的通知各市人民政府,省政府各部门:为加强对普查的领导,省人民政府决定成立领导小组。现将有关事项通知如下:")
    assert (d.title, d.office) == ("青岚省人民政府办公厅关于成立第一次全省地理普查领导小组的通知", "青岚省人民政府办公厅")


def test_a_title_cut_mid_word_above_its_line_glued_to_its_number():
    d = doc("公文网\n\n市人民政府办公室关于切实做好当前森林防\n\n火工作的紧急通知青政办发〔2010〕16号\n\n"
            "各区、乡、镇人民政府,市政府有关部门:\n\n近段时间,天气晴好,森林火险等级迅速升高。")
    assert (d.title, d.doc_number.printed) == ("市人民政府办公室关于切实做好当前森林防火工作的紧急通知", "青政办发〔2010〕16号")



def test_a_law_databases_date_and_issuer_line_under_the_title_signs():
    d = doc("青岚货物集装化用具准运证管理办法\n\n作者:法律资料网 时间:2024-07-01 13:16:35  浏览:8817   来源:法律资料网\n\n"
            "青岚货物集装化用具准运证管理办法\n\n青岚部\n\n\n青岚货物集装化用具准运证管理办法\n\n1990年3月10日,青岚部\n\n"
            "第1条 为了加强集装化运输质量管理,特制定本办法。\n第2条 本办法所称集装化用具,是指用于装载货物的器具。")
    assert (d.signed, d.office) == (dt.date(1990, 3, 10), "青岚部")
    d = doc("青岚税务总局关于外商投资企业采购国产设备有关退税问题的通知\n\n青税函[2002]197号\n青岚税务总局\n2002-3-11\n\n"
            "各省、自治区、直辖市国家税务局:\n近接有关部门来函,现就有关问题通知如下:")
    assert d.signed == dt.date(2002, 3, 11)


def test_a_titles_short_name_is_completed_from_a_field_that_names_the_province_too():
    d = doc("北溪市政府关于分解落实《北溪市国民经济和社会发展第十一个五年规划纲要》主要目标和任务的通知\n\n2020年07月23日06:05:59\n"
            "发布部门: 青岚省北溪市人民政府\n发布文号: 北政发[2006]275号\n\n各区县人民政府,市府各委办局:\n\n《纲要》是未来五年发展的宏伟蓝图。")
    assert d.office == "北溪市人民政府"


def test_field_labels_with_ordinals_and_a_date_after_a_contact_line():
    d = doc("市政府文件\n当前位置:首页 > 政策文件库 >  市政府文件\n\n市政府关于授予王某等同志见义勇为称号的决定\n\n"
            "来源:北溪市人民政府网站    日期:2023-11-21 09:02:08    浏览次数:\n索引号 014046317/2023-04570 生成日期 2023-11-21\n"
            "文件编号 北政发〔2023〕158号 公开时限 长期公开\n主题(一) 综合政务 主题(二) 文秘工作 体裁 决定\n"
            "关键词 决定,公开,政府网站 分类词 文秘工作,综合\n\n各开发区管委会,各镇人民政府:\n王某等同志见义勇为,决定授予其称号。")
    assert d.title == "市政府关于授予王某等同志见义勇为称号的决定"
    d = doc("北溪区人民政府关于征收土地的通告\n各有关单位:\n现将有关事项通告如下。\n联系电话:0391-2958010\n\n2023年814\n")
    assert d.signed == dt.date(2023, 8, 14)


def test_a_signature_whose_day_was_left_blank_still_names_the_office():
    d = doc("市人民政府关于印发北溪市突发事件总体应急预案的通知\n各乡镇人民政府,市政府各部门:\n"
            "修订后的《北溪市突发事件总体应急预案》已经市政府常务会议审议通过,现印发给你们。\n北溪市人民政府\n2020年4月 日\n北溪市突发事件总体应急预案")
    assert (d.office, d.signed) == ("北溪市人民政府", None)


def test_a_notices_serial_in_chinese_numerals_is_its_number_not_part_of_its_title():
    d = doc("关于开展新一轮区域核酸检测的通告(第十二号)\n全县广大居民:\n为严防疫情输入,决定开展新一轮区域核酸检测。现通告如下:\n"
            "一、采样时间\n北溪县疫情防控应急指挥部办公室\n2022年7月21日")
    assert (d.title, d.doc_number.serial, d.office) == ("关于开展新一轮区域核酸检测的通告", 12, "北溪县疫情防控应急指挥部办公室")


def test_a_ministrys_announcement_under_its_letterhead_is_named_by_the_page_heading():
    parsed = process(make_capture("page.txt", (
        "青岚部关于将甲型流感纳入《中华人民共和国传染病防治法》管理的公告(2009年第8号)\n"
        "-------------------------------------------------------------------\n中华人民共和国青岚部\n公 告\n2009年 第 8号\n"
        "经国务院批准,现公告如下:\n一、将甲型流感纳入乙类传染病管理。\n特此公告。\n二〇〇九年四月三十日").encode("utf-8"), "text/plain"))
    assert parsed.issue is None  # 公告(2009年第8号) is the announcement's serial, not a gazette's issue
    (d,) = parsed.documents
    assert (d.title, d.office, d.doc_number.serial, d.signed) == (
        "青岚部关于将甲型流感纳入《中华人民共和国传染病防治法》管理的公告", "中华人民共和国青岚部", 8, dt.date(2009, 4, 30))


def test_a_news_sites_place_before_a_title_and_spam_spliced_before_one():
    d = doc("北京:关于印发《青岚市乡村振兴责任制实施细则》的通知\n各区委、区政府,市委各部委办:\n"
            "经市委、市政府同意,现将《青岚市乡村振兴责任制实施细则》印发给你们,请认真遵照执行。\n中共青岚市委办公厅\n青岚市人民政府办公厅\n2023年7月20日")
    assert d.title == "关于印发《青岚市乡村振兴责任制实施细则》的通知"
    d = doc("澳门新葡京,青岚市人民政府关于加强规范性文件管理的通知\n各区人民政府:\n现就加强规范性文件管理通知如下。\n青岚市人民政府\n2020年1月2日")
    assert (d.title, d.office, d.signed) == ("青岚市人民政府关于加强规范性文件管理的通知", "青岚市人民政府", dt.date(2020, 1, 2))


def test_a_numbered_order_under_the_name_of_whoever_gives_it():
    d = doc("北溪县新型冠状病毒感染的肺炎防控指挥部\n2号令\n各乡镇人民政府,县政府各相关部门:\n"
            "当前我县疫情防控形势严峻复杂,现下达如下命令:\n一、所有大型社会活动一律取消。\n北溪县新型冠状病毒感染的肺炎防控指挥部\n2020年1月24日")
    assert (d.doc_number.printed, d.doc_number.serial, d.doc_number.is_order) == ("2号令", 2, True)
    assert (d.office, d.signed) == ("北溪县新型冠状病毒感染的肺炎防控指挥部", dt.date(2020, 1, 24))


def test_a_columns_tag_before_a_pages_heading_is_no_part_of_the_title():
    d = doc("【精准防控】北溪盟新冠肺炎疫情防控指挥部公告(第47号)\n\n来源:北溪盟疫情防控指挥部 发布日期:2022-11-05 09:10:10 点击量:\n"
            "分享\n下载本页 打印\n\n北溪盟新冠肺炎疫情防控指挥部公告\n\n( 2022第47号)\n\n当前,全盟新冠病例实现清零。请全盟广大干部群众自觉遵守疫情防控相关规定。\n"
            "北溪盟新冠肺炎疫情防控指挥部\n2022年11月5日")
    assert (d.title, d.office, d.doc_number.serial) == ("北溪盟新冠肺炎疫情防控指挥部公告", "北溪盟新冠肺炎疫情防控指挥部", 47)


def test_a_number_that_lost_its_brackets_and_its_hao_on_a_line_of_its_own():
    d = doc("北溪区人民政府办公室关于印发北溪区防汛应急预案的通知\n\n统一登记号 BXDR-2016-01007\n\n北政办发201652\n\n"
            "各街道办事处,区直各单位:\n现将《北溪区防汛应急预案》印发给你们,请认真贯彻执行。\n北溪区人民政府办公室\n2016年10月13日")
    assert (d.doc_number.printed, d.doc_number.canonical) == ("北政办发201652", "北政办发〔2016〕52号")


def test_a_databases_edition_note_after_a_title_is_no_part_of_it():
    d = doc("青岚省实施《食盐加碘消除碘缺乏危害管理条例》办法(2004年修正)\n\n第一条 为了消除碘缺乏危害,根据有关条例,制定本办法。\n"
            "第二条 本办法适用于本省行政区域。")
    assert d.title == "青岚省实施《食盐加碘消除碘缺乏危害管理条例》办法"
