"""split: document starts on the real seeds, the TOC check, duplicates and lone documents."""

from __future__ import annotations

import json

import pytest

from conftest import SHARED
from scraper.clean import clean
from scraper.decode import decode
from scraper.pipeline import make_capture, process, read_capture
from scraper.split import split

GOLD = json.loads((SHARED / "seeds" / "gold.json").read_text(encoding="utf-8"))


def split_bytes(raw: bytes, name: str = "x.txt"):
    return split(clean(decode(make_capture(name, raw, "text/plain"))))


def span_starts(text: str) -> list[str]:
    """The first line of each document span of a text page."""
    result = split_bytes(text.encode())
    return [result.clean.lines[s.start].text for s in result.spans]


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


def issue_docs(text: str):
    return process(make_capture("issue.txt", text.encode(), "text/plain")).documents


SPEECH = "在全市防汛工作会议上的讲话\n（2020年6月2日）\n副市长　李明\n同志们：\n今天召开全市防汛工作会议，主要任务是部署今年的防汛工作。\n"
NOTICE = ("青堰市人民政府关于{what}的通知\n{number}\n各县（市、区）人民政府，市政府各部门：\n现就{what}有关事项通知如下。\n"
          "青堰市人民政府\n2020年{month}月3日\n")


def test_a_toc_whose_first_entry_has_no_number_reads_the_bare_numbers_below_the_others():
    # The 目录 opens with a speech (no 文号); the next entries carry theirs on a bare line below. A bare
    # 文号 line followed by another numbered entry is the 目录's, not the body's first document.
    whats = ("加强城市燃气安全工作", "开展城镇老旧小区改造", "做好森林防灭火工作")
    toc = "本期目录\n在全市防汛工作会议上的讲话\n" + "".join(
        f"市人民政府关于{w}的通知\n{'（' if k == 1 else ''}青府发〔2020〕{k + 4}号{'）' if k == 1 else ''}\n" for k, w in enumerate(whats))
    body = SPEECH + "".join(NOTICE.format(what=w, number=f"青府发〔2020〕{k + 4}号", month=k + 3) for k, w in enumerate(whats))
    docs = issue_docs("青堰政报\n2020年第2期\n" + toc + body)
    assert [d.title for d in docs] == ["在全市防汛工作会议上的讲话"] + [f"青堰市人民政府关于{w}的通知" for w in whats]
    assert [d.doc_number.raw if d.doc_number else None for d in docs] == [None] + [f"青府发〔2020〕{k + 4}号" for k in range(3)]
    # 青堰政报 names no level: the speech is the government's of the place its other documents name.
    assert docs[0].office == "青堰市人民政府"


def test_a_bare_number_under_unnumbered_entries_still_begins_the_body():
    text = ("本期目录\n在全市防汛工作会议上的讲话\n市人民政府关于加强城市燃气安全工作的通知\n"
            "青府发〔2020〕4号\n青堰市人民政府关于加强城市燃气安全工作的通知\n各县（市、区）人民政府：\n现就有关事项通知如下。\n"
            "青堰市人民政府\n2020年3月3日\n" + SPEECH)
    result = split_bytes(text.encode())
    assert [e.title for e in result.toc] == ["在全市防汛工作会议上的讲话", "市人民政府关于加强城市燃气安全工作的通知"]
    assert [s.kind for s in result.spans] == ["document", "speech"]


def test_decorated_section_lines_of_a_toc_are_sections():
    text = ("目录\n·市人民政府令·\n青堰市医疗保障基金监管管理规定　　1\n·市人民政府文件·\n"
            "市人民政府关于加强城市燃气安全工作的通知…………3\n"
            "市人民政府令\n青堰市人民政府令　第111号\n《青堰市医疗保障基金监管管理规定》已经市人民政府常务会议审议通过，现予公布，自2020年5月1日起施行。\n"
            "市长　蒋德明\n2020年3月10日\n青堰市医疗保障基金监管管理规定\n第一条　为了加强医疗保障基金监管工作，制定本规定。\n"
            + NOTICE.format(what="加强城市燃气安全工作", number="青府发〔2020〕4号", month=4))
    result = split_bytes(text.encode())
    assert [(e.title, e.section) for e in result.toc] == [
        ("青堰市医疗保障基金监管管理规定", "市人民政府令"), ("市人民政府关于加强城市燃气安全工作的通知", "市人民政府文件")]
    docs = issue_docs(text)
    assert [d.title for d in docs] == ["青堰市医疗保障基金监管管理规定", "青堰市人民政府关于加强城市燃气安全工作的通知"]


@pytest.mark.parametrize("lines, title", [
    # a joint issuer wrapped inside its second name's place
    (["白沙湾区自然资源和规划局 白沙", "湾区民政局关于印发", "《白沙湾区食品安全监管实施细则》的通知", "（白府发〔2020〕1号）"],
     "白沙湾区自然资源和规划局 白沙湾区民政局关于印发《白沙湾区食品安全监管实施细则》的通知"),
    # wrapped after the place, before 市场监督管理局 (市场 is no placeless 市)
    (["北嵩市自然资源和规划局、北嵩市", "市场监督管理局关于印发《北嵩市稳就业促创业实施细则》的通知", "（白府发〔2020〕1号）"],
     "北嵩市自然资源和规划局、北嵩市市场监督管理局关于印发《北嵩市稳就业促创业实施细则》的通知"),
    # a 关于 not yet closed by its 的, wrapped after a word that looks like a genre (标准)
    (["岚溪县人民政府关于表彰2018年度高标准", "农田建设工作先进集体和先进个人的决定", "（白府发〔2020〕1号）"],
     "岚溪县人民政府关于表彰2018年度高标准农田建设工作先进集体和先进个人的决定"),
    # joint issuers one per line: the office line over a title opening with another office of its place
    (["金人社民〔2022〕3号", "金塘市人力资源和社会保障局", "金塘市民政局关于印发", "《金塘市高标准农田建设管理办法》的通知"],
     "金塘市人力资源和社会保障局　金塘市民政局关于印发《金塘市高标准农田建设管理办法》的通知"),  # a blank between them
    # a joint issuer wrapped inside its place, after a party office
    (["金人社民〔2022〕3号", "中共白沙湾区委办公室　白沙湾", "区人民政府办公室印发《关于", "加快推进知识产权保护的实施意见》的通知"],
     "中共白沙湾区委办公室　白沙湾区人民政府办公室印发《关于加快推进知识产权保护的实施意见》的通知"),
    # a title wrapped after a word that ends like an office's (…服务中心)
    (["金人社民〔2022〕3号", "临沅市人民政府关于在政务服务中心", "范围内实行优化营商环境管控措施的通告"],
     "临沅市人民政府关于在政务服务中心范围内实行优化营商环境管控措施的通告"),
    # a joint issuer wrapped inside an office word
    (["岚办发〔2019〕6号", "中共岚溪县委办公室　岚溪县人民政", "府办公室关于印发《关于", "加快推进知识产权保护的实施意见》的通知"],
     "中共岚溪县委办公室　岚溪县人民政府办公室关于印发《关于加快推进知识产权保护的实施意见》的通知"),
    # a joint issuer wrapped right after its place
    (["东陵自然资规〔2018〕4号", "东陵市自然资源和规划局 东陵", "市市场监督管理局关于印发《东陵市中小企业纾困发展实施细则》的通知"],
     "东陵市自然资源和规划局 东陵市市场监督管理局关于印发《东陵市中小企业纾困发展实施细则》的通知"),
    # an issuer cut inside its name before the title line
    (["澜办发〔2021〕3号", "中共澜川市委办公室　澜川市人民政府", "办公室印发《关于加快推进生态环境保护督察整改的实施意见》的通知"],
     "中共澜川市委办公室　澜川市人民政府办公室印发《关于加快推进生态环境保护督察整改的实施意见》的通知"),
], ids=["joint-issuer-cut-in-its-place", "cut-before-market", "open-about", "joint-issuers-one-per-line",
        "cut-in-place-after-party-office", "wrapped-after-zhongxin", "cut-inside-an-office-word", "cut-right-after-the-place",
        "cut-inside-its-name"])
def test_wrapped_titles_are_joined_whole(lines, title):
    """A title wrapped over lines, under or over its 文号, after the text of the document before it."""
    text = ("围绕重点任务，各地各部门要做好政策宣传解读，及时回应社会关切，确保各项任务落到实处。\n" + "\n".join(lines)
            + "\n各有关单位：\n现印发给你们，请遵照执行。\n青岚市民政局\n2020年5月6日\n")
    assert issue_docs(text)[-1].title == title


def test_an_order_right_under_the_masthead_is_not_lost_to_the_issue_number():
    # 临沅市人民政府公报2022年第5号 numbers the issue, not a document: the order below it starts one.
    text = ("临沅市人民政府公报2022年第5号\n临沅市人民政府公报\n2022年第5号（总第62期）\n临沅市人民政府办公室　主办\n"
            "临沅市人民政府令　第119号\n《临沅市城市燃气安全暂行办法》已经市人民政府常务会议通过，现予公布，自2022年7月1日起施行。\n"
            "市长　郑国栋\n二〇二二年四月十六日\n临沅市城市燃气安全暂行办法\n第一条　为了加强城市燃气安全工作，制定本办法。\n"
            + NOTICE.format(what="加强城市燃气安全工作", number="临政〔2022〕4号", month=4).replace("青堰", "临沅"))
    docs = issue_docs(text)
    assert [(d.title, d.doc_type) for d in docs] == [("临沅市城市燃气安全暂行办法", "令"), ("临沅市人民政府关于加强城市燃气安全工作的通知", "通知")]
    assert docs[0].doc_number.raw == "临沅市人民政府令　第119号"


def test_a_toc_entry_wrapped_before_its_genre_word_is_no_section():
    # …城乡居民 / 医疗救助的实施意见: a line ending in 意见 after 的 is a title's tail, not a section (意见).
    text = ("目    录\n·市人民政府文件·\n市人民政府关于加快推进城市燃气安全的实施意见\n市人民政府关于加快推进城乡居民\n医疗救助的实施意见\n"
            "·市政府办公室文件·\n市人民政府办公室关于印发《澜川\n市地质灾害防治实施细则》的通知\n"
            + NOTICE.format(what="加快推进城市燃气安全", number="澜政发〔2021〕3号", month=3).replace("的通知", "的实施意见")
            + NOTICE.format(what="加快推进城乡居民医疗救助", number="澜政发〔2021〕4号", month=4).replace("的通知", "的实施意见"))
    result = split_bytes(text.encode())
    assert [(e.title, e.section) for e in result.toc] == [
        ("市人民政府关于加快推进城市燃气安全的实施意见", "市人民政府文件"),
        ("市人民政府关于加快推进城乡居民医疗救助的实施意见", "市人民政府文件"),
        ("市人民政府办公室关于印发《澜川市地质灾害防治实施细则》的通知", "市政府办公室文件")]


def test_two_documents_of_one_title_are_both_listed_in_the_toc():
    what = "废止和修改部分县政府规范性文件"
    decision = ("梧桐县人民政府文件\n{n}\n梧桐县人民政府关于\n废止和修改部分县政府规范性文件的决定\n各乡镇人民政府，县直各单位：\n"
                "经县人民政府研究，决定废止以下规范性文件。\n梧桐县人民政府\n2021年10月{d}日\n")
    text = (f"本期目录\n县政府文件\n县人民政府关于{what}的决定\n县人民政府关于{what}的决定\n人事任免\n县人民政府关于钱涛等同志职务任免的通知\n"
            + decision.format(n="梧政〔2021〕34号", d=5) + decision.format(n="梧政〔2021〕38号", d=7))
    result = split_bytes(text.encode())
    assert [e.title for e in result.toc] == [f"县人民政府关于{what}的决定"] * 2 + ["县人民政府关于钱涛等同志职务任免的通知"]
    docs = issue_docs(text)
    assert [d.doc_number.raw for d in docs] == ["梧政〔2021〕34号", "梧政〔2021〕38号"]
    assert docs[0].text.startswith("梧桐县人民政府文件")  # no line of the 目录 in it


def test_a_speech_title_takes_no_line_from_above():
    # The list closing the document before (二、先进个人 / names and posts) is no part of the speech's title.
    text = ("附件\n先进集体和先进个人名单\n一、先进集体（2个）\n北嵩市商务局\n北嵩市医疗保障局\n二、先进个人（2名）\n"
            "武宇英　北嵩市住房和城乡建设局科长\n郑佳　北嵩市生态环境局科长\n在全市防汛抗旱现场观摩会上的讲话\n（二〇一九年八月十五日）\n"
            "市长　林振邦\n同志们：\n今天召开全市防汛抗旱现场观摩会，主要任务是总结工作、部署任务。\n")
    result = split_bytes(text.encode())
    speech = [s for s in result.spans if s.kind == "speech"]
    assert len(speech) == 1 and result.clean.lines[speech[0].start].text == "在全市防汛抗旱现场观摩会上的讲话"


def test_a_mastheads_editor_is_no_letterhead():
    text = ("云峤市人民政府公报\n2020年　第2期\n云峤市人民政府办公厅　主办\n云峤市人民政府关于云峤集中供水工\n程国有土地上房屋征收决定的公告\n"
            "云府通〔2019〕5号\n因集中供水工程建设需要，市人民政府决定对相关范围内的房屋实施征收。现将有关事项公告如下：\n"
            "云峤市人民政府\n2019年3月5日\n")
    docs = issue_docs(text)
    assert docs[0].title == "云峤市人民政府关于云峤集中供水工程国有土地上房屋征收决定的公告"
    assert docs[0].text.startswith("云峤市人民政府关于")


@pytest.mark.parametrize("text, speaker", [
    ("副市长　马宏伟", True), ("马宏伟副市长", True), ("市委书记 张三 同志", True),
    ("马宏伟副市长在全市数字政", False),  # a speech's title wrapped after its speaker
])
def test_speaker_lines(text, speaker):
    from scraper import lineshapes as S
    assert S.is_speaker(text) is speaker


@pytest.mark.parametrize("text, office", [
    ("云峤市人民政府办公厅", True), ("云峤市人民政府办公厅　主办", False), ("科技部门户网站", False)])
def test_office_lines(text, office):
    from scraper import lineshapes as S
    assert S.is_office(text) is office


def test_a_parents_name_over_a_title_is_no_co_issuer():
    text = ("牟定县人民政府\n牟定县人民政府办公室关于印发牟定县防汛应急预案的通知\n牟政办发〔2017〕30号\n各乡镇人民政府：\n"
            "现印发给你们，请认真执行。\n牟定县人民政府办公室\n2017年6月23日\n")
    assert issue_docs(text)[0].title == "牟定县人民政府办公室关于印发牟定县防汛应急预案的通知"


def test_a_toc_in_two_columns_with_numbers_after_titles_leaves_the_bodys_number_alone():
    # Two entries on one line between wide blanks; numbers printed after the titles, so the bare
    # 文号 line after the last entry (a speech) is the body's first document's.
    text = ("目　录\n★市人民政府文件\n"
            "青堰市人民政府关于加强城市燃气安全工作的通知（青府发〔2020〕13号）　　　　青堰市人民政府关于开展城镇老旧小区改造的通知（青府发〔2020〕18号）\n"
            "★重要讲话\n李明副市长在全市防汛工作会议上的讲话\n"
            + "青府发〔2020〕13号\n青堰市人民政府关于\n加强城市燃气安全工作的通知\n各县（市、区）人民政府，市政府各部门：\n"
            "现就加强城市燃气安全工作有关事项通知如下。\n青堰市人民政府\n2020年3月3日\n"
            + NOTICE.format(what="开展城镇老旧小区改造", number="青府发〔2020〕18号", month=4)
            + SPEECH.replace("在全市防汛", "李明副市长在全市防汛").replace("副市长　李明\n", ""))
    result = split_bytes(text.encode())
    assert [(e.title, e.number) for e in result.toc] == [
        ("青堰市人民政府关于加强城市燃气安全工作的通知", "青府发〔2020〕13号"),
        ("青堰市人民政府关于开展城镇老旧小区改造的通知", "青府发〔2020〕18号"),
        ("李明副市长在全市防汛工作会议上的讲话", None)]
    docs = issue_docs(text)
    assert [d.doc_number.raw if d.doc_number else None for d in docs] == ["青府发〔2020〕13号", "青府发〔2020〕18号", None]


def test_a_toc_flattened_into_one_line_with_its_sections_run_on():
    # A 目录 copied from a PDF into one line: page numbers after wide blanks or dot leaders, sections
    # run on into the entry after them (after a bullet, or as the body prints them on their own).
    toc = ("目　录\n■重要讲话在全市防汛工作会议上的讲话　　1■政府规章青堰市燃气安全管理规定（市政府令第245号）"
           "..........3市人民政府文件青堰市人民政府关于开展城镇老旧小区改造的通知（青府发〔2020〕18号）··········5\n")
    body = ("重要讲话\n" + SPEECH + "市人民政府令\n青堰市人民政府令\n第245号\n《青堰市燃气安全管理规定》已经市人民政府常务会议审议通过，现予公布，自2020年5月1日起施行。\n"
            "市长　蒋德明\n2020年3月10日\n青堰市燃气安全管理规定\n第一条　为了加强燃气安全工作，制定本规定。\n"
            "市人民政府文件\n" + NOTICE.format(what="开展城镇老旧小区改造", number="青府发〔2020〕18号", month=4))
    result = split_bytes((toc + body).encode())
    assert [(e.title, e.number, e.section) for e in result.toc] == [
        ("在全市防汛工作会议上的讲话", None, "重要讲话"),
        ("青堰市燃气安全管理规定", "市政府令第245号", "政府规章"),
        ("青堰市人民政府关于开展城镇老旧小区改造的通知", "青府发〔2020〕18号", "市人民政府文件")]
    docs = issue_docs(toc + body)
    assert [d.title for d in docs] == ["在全市防汛工作会议上的讲话", "青堰市燃气安全管理规定", "青堰市人民政府关于开展城镇老旧小区改造的通知"]
    # 市人民政府令 (the issue's section) over 青堰市人民政府令: the nearer header names the issuer.
    assert docs[1].office == "青堰市人民政府"


def test_a_toc_entry_wrapped_after_its_number_in_a_toc_that_prints_numbers_first():
    text = ("目　录\n临政〔2022〕31号　临沅市人民政府关于开展义务教育优质均衡发展专项行动的通知\n临政办〔2022〕28号\n"
            "临沅市人民政府办公室关于加强城市燃气安全工作的通知\n临政办〔2022〕33号　临沅市人民政府办公室关于开展对外贸易稳定增长专项行动的通知\n"
            + "".join(f"{n}\n临沅市人民政府{o}关于{w}的通知\n各县（市、区）人民政府，市政府各部门：\n现就有关事项通知如下。\n临沅市人民政府{o}\n2022年5月{d}日\n"
                      for n, o, w, d in (("临政〔2022〕31号", "", "开展义务教育优质均衡发展专项行动", 3),
                                         ("临政办〔2022〕28号", "办公室", "加强城市燃气安全工作", 4),
                                         ("临政办〔2022〕33号", "办公室", "开展对外贸易稳定增长专项行动", 5))))
    result = split_bytes(text.encode())
    assert [e.number for e in result.toc] == ["临政〔2022〕31号", "临政办〔2022〕28号", "临政办〔2022〕33号"]
    assert len(issue_docs(text)) == 3 and not [n for n in result.notices if n.code == "not-in-toc"]


def test_decisions_over_their_adoption_notes_are_documents():
    # Two decisions on one page, each under its issuer's line and over the note of its adoption.
    decision = ("青岚市人民代表大会常务委员会\n关于{what}的决定\n（2023年5月31日青岚市第十五届人民代表大会常务委员会第七次会议通过）\n"
                "根据有关法律的规定，青岚市第十五届人民代表大会常务委员会第七次会议决定，{what}。\n青岚市人民代表大会常务委员会\n2023年5月31日\n")
    text = ("李明任青岚市代理市长\n2023年5月31日上午，青岚市人大常委会召开会议，审议并表决有关人事事项。\n"
            + decision.format(what="接受王强同志辞去青岚市人民政府市长职务的请求")
            + decision.format(what="李明同志代理青岚市人民政府市长"))
    docs = issue_docs(text)
    assert [d.title for d in docs][-2:] == ["关于接受王强同志辞去青岚市人民政府市长职务的请求的决定", "关于李明同志代理青岚市人民政府市长的决定"]


def test_issue_section_lines_and_joint_letterheads_fall_on_the_right_side():
    # 市政府办公室文件 (placeless: the issue's section) belongs to no document; 中共青堰市委办公室 over
    # 青堰市人民政府办公室文件 is the next document's joint letterhead, not the end of the one before.
    text = ("市政府办公室文件\n青政办发〔2020〕3号\n青堰市人民政府办公室关于加强城市燃气安全工作的通知\n各县（市、区）人民政府：\n"
            "现就有关事项通知如下。\n青堰市人民政府办公室\n2020年3月3日\n"
            "中共青堰市委办公室\n青堰市人民政府办公室文件\n青委办发〔2020〕5号\n中共青堰市委办公室　青堰市人民政府办公室关于开展城镇老旧小区改造的通知\n"
            "各县（市、区）党委和人民政府：\n现就有关事项通知如下。\n中共青堰市委办公室\n青堰市人民政府办公室\n2020年4月3日\n")
    docs = issue_docs(text)
    assert [d.text.split("\n")[0] for d in docs] == ["青政办发〔2020〕3号", "中共青堰市委办公室"]
    assert docs[0].text.rstrip().endswith("2020年3月3日")


def test_a_traditional_related_reading_head_is_chrome():
    from scraper.clean.lines import is_related_head
    assert is_related_head("相關閱讀") and is_related_head("相关阅读：") and not is_related_head("相关部门")


def test_a_toc_entry_the_body_lacks_does_not_take_a_like_titled_document():
    # The 目录 lists two 任免 notices; the body prints only the second (5号). The first entry (13号),
    # a few names apart, is reported missing, not laid over the other's header.
    notice = ("{n}\n金塘市人民政府关于任免{who}等同志职务的通知\n各县（市、区）人民政府，市政府各部门：\n经市人民政府研究决定：\n"
              "{who}为金塘市水利局副局长。\n金塘市人民政府\n2022年5月{d}日\n")
    text = ("目　录\n金塘市人民政府关于任免韩立平等同志职务的通知（金政任〔2022〕13号）\n"
            "金塘市人民政府关于任免邹强涛等同志职务的通知（金政任〔2022〕5号）\n"
            + notice.format(n="金政任〔2022〕5号", who="邹强涛", d=3))
    docs = issue_docs(text)
    assert [(d.title, d.doc_number.raw) for d in docs] == [("金塘市人民政府关于任免邹强涛等同志职务的通知", "金政任〔2022〕5号")]
    result = split_bytes(text.encode())
    assert [n.code for n in result.notices if n.code == "toc-entry-missing"] == ["toc-entry-missing"]


def test_a_flattened_toc_section_before_a_middle_dot():
    text = ("目　录\n·政府规章·青堰市燃气安全管理规定（市政府令第246号）..........（1）·市政府文件·青堰市人民政府关于开展城镇老旧小区改造的通知（青府发〔2020〕18号）..........（3）\n"
            "青堰市人民政府令\n第246号\n《青堰市燃气安全管理规定》已经市人民政府常务会议审议通过，现予公布，自2020年5月1日起施行。\n"
            "市长　蒋德明\n2020年3月10日\n青堰市燃气安全管理规定\n第一条　为了加强燃气安全工作，制定本规定。\n"
            + NOTICE.format(what="开展城镇老旧小区改造", number="青府发〔2020〕18号", month=4))
    assert [(e.title, e.section) for e in split_bytes(text.encode()).toc] == [
        ("青堰市燃气安全管理规定", "政府规章"), ("青堰市人民政府关于开展城镇老旧小区改造的通知", "市政府文件")]


def test_a_flattened_toc_section_run_on_without_a_mark():
    text = ("目　录\n领导讲话在全市道路交通安全现场观摩会上的讲话　　2市人民政府令青堰市河湖长制实施办法（市政府令第244号）………3\n"
            + SPEECH.replace("防汛工作会议", "道路交通安全现场观摩会")
            + "青堰市人民政府令\n第244号\n《青堰市河湖长制实施办法》已经市人民政府常务会议通过，现予公布，自2019年5月1日起施行。\n"
            "市长　林振邦\n2019年4月1日\n青堰市河湖长制实施办法\n第一条　为了推行河湖长制，制定本办法。\n")
    assert [(e.title, e.section) for e in split_bytes(text.encode()).toc] == [
        ("在全市道路交通安全现场观摩会上的讲话", "领导讲话"), ("青堰市河湖长制实施办法", "市人民政府令")]


def test_a_numbered_heading_of_an_attachment_is_no_document_for_the_next_documents_zhusong():
    # 三、工作规则 / a paragraph / the next document's header and 主送: that 主送 is not the heading's
    text = ("青岚市人民政府办公室关于同意建立青岚市耕地保护工作联席会议制度的函\n青政办函〔2020〕3号\n市自然资源局：\n"
            "你局《关于建立联席会议制度的请示》收悉。经市人民政府同意，现函复如下：同意建立联席会议制度。\n"
            "青岚市人民政府办公室\n2020年8月4日\n附件\n青岚市耕地保护工作联席会议制度\n一、主要职能\n"
            "统筹协调全市耕地保护工作，研究解决工作中的重大问题。\n三、工作规则\n"
            "联席会议原则上每半年召开一次全体会议，由召集人主持。\n"
            "青岚市人民政府办公室关于同意建立青岚市公共卫生应急管理工作联席会议制度的函（青政办函〔2020〕8号）\n"
            "市民政局：\n你局《关于建立联席会议制度的请示》收悉。经市人民政府同意，现函复如下：同意建立。\n"
            "青岚市人民政府办公室\n2020年8月6日")
    assert span_starts(text) == [
        "青岚市人民政府办公室关于同意建立青岚市耕地保护工作联席会议制度的函",
        "青岚市人民政府办公室关于同意建立青岚市公共卫生应急管理工作联席会议制度的函（青政办函〔2020〕8号）"]


ADV_ISSUE = ("青岚市人民政府公报\n2021年第11期\n{first}\n青政办发〔2021〕5号\n各县区人民政府，市政府各部门：\n"
             "现将有关事项通知如下，请认真贯彻执行。\n青岚市人民政府办公室\n2021年10月1日\n★　★　★\n{speech}\n"
             "（2021年10月19日）\n同志们：\n今天召开这次会议，主要任务是部署河道采砂工作。\n同志们，让我们真抓实干！")


@pytest.mark.parametrize("first, speech, titles", [
    # a speech title wrapped after a short first line; its tail is no section line (…会议上的讲话)
    ("青岚市人民政府办公室关于做好河道采砂管理工作的通知", "在全市河道采砂工作\n电视电话会议上的讲话\n副市长　翁远航",
     ["青岚市人民政府办公室关于做好河道采砂管理工作的通知", "在全市河道采砂工作电视电话会议上的讲话"]),
    # a speaker's name before 在 is a title's first line, not a signatory
    ("青岚市人民政府办公室关于做好河道采砂管理工作的通知", "邝文涛常务副市长在全市乡\n村民宿现场观摩会上的讲话",
     ["青岚市人民政府办公室关于做好河道采砂管理工作的通知", "邝文涛常务副市长在全市乡村民宿现场观摩会上的讲话"]),
    # a title wrapped mid-word, its 文号 glued to the second line
    ("青岚市人民政府办公室关于做好河\n道采砂管理工作的通知（青政办发〔2021〕5号）", "在全市河道采砂工作电视电话会议上的讲话\n副市长　翁远航",
     ["青岚市人民政府办公室关于做好河道采砂管理工作的通知", "在全市河道采砂工作电视电话会议上的讲话"]),
])
def test_wrapped_titles_of_an_issue_from_elsewhere(first, speech, titles):
    assert [d.title for d in issue_docs(ADV_ISSUE.format(first=first, speech=speech))] == titles


def test_a_reply_citing_the_request_it_answers_is_one_document():
    # 你局《关于…的请示》(文号) wrapped before 收悉: the request cited, not a title with its number
    text = ("雁岭市人民政府关于同意沙坪客运枢纽建设的批复（雁政函〔2019〕15号）\n雁岭市交通运输局：\n"
            "你局《关于沙坪客运枢纽建设的请示》（雁交〔2019〕54号）\n收悉。经研究，现批复如下：\n一、同意建设。\n"
            "雁岭市人民政府\n2019年4月17日")
    result = split_bytes(text.encode())
    assert len(result.spans) == 1 and result.clean.lines[result.spans[0].start].text.startswith("雁岭市人民政府关于同意")


def test_an_order_under_a_toc_heading_whose_linked_entries_went_as_navigation():
    # the 目录's <a> list is dropped as a block of links; its heading stays and is no order's title
    body = ("<h1>雁岭市人民政府公报</h1><p>2023年第5期</p><h3>目　录</h3>"
            "<ul><li><a href='#d1'>雁岭市山洪灾害防御若干规定</a></li><li><a href='#d2'>雁岭市人民政府关于开展消防车通道治理的通知</a></li></ul>"
            "<h2 id='d1'>雁岭市人民政府令</h2><p>第71号</p>"
            "<p>《雁岭市山洪灾害防御若干规定》已经2023年4月21日市人民政府第53次常务会议审议通过，现予公布，自2023年6月1日起施行。</p>"
            "<p>市长　阮文涛</p><p>二〇二三年五月十四日</p><p>雁岭市山洪灾害防御若干规定</p><p>第一条　为了防御山洪灾害，制定本规定。</p>"
            "<h2 id='d2'>雁岭市人民政府关于开展消防车通道治理的通知</h2><p>雁政发〔2023〕34号</p><p>各县区人民政府：</p>"
            "<p>现就有关事项通知如下。</p><p>雁岭市人民政府</p><p>2023年5月10日</p>")
    html = f"<html><head><meta charset='utf-8'></head><body><div class='content'>{body}</div></body></html>"
    parsed = process(make_capture("x.html", html.encode(), "text/html"))
    assert [(d.title, d.doc_number.canonical) for d in parsed.documents] == [
        ("雁岭市山洪灾害防御若干规定", "雁岭市人民政府令第71号"), ("雁岭市人民政府关于开展消防车通道治理的通知", "雁政发〔2023〕34号")]


def test_an_orders_wrapped_promulgation_note_still_names_what_the_toc_lists():
    text = ("雁岭市人民政府公报\n2019年第5期\n目　录\n雁岭市智慧停车暂行办法……………………1\n"
            "雁岭市人民政府关于加强秸秆综合利用的通知……………………3\n"
            "雁岭市人民政府令\n第129号\n《雁岭市智慧停车暂行办法》已经2019年3月14日市人民政府第16\n"
            "次常务会议审议通过，现予公布，自2019年5月1日起施行。\n市长　麦德明\n二〇一九年四月一日\n"
            "雁岭市智慧停车暂行办法\n第一条　为了规范停车管理，制定本办法。\n"
            "雁岭市人民政府关于加强秸秆综合利用的通知\n雁政发〔2019〕51号\n各县区人民政府：\n现就有关事项通知如下。\n"
            "雁岭市人民政府\n2019年4月17日")
    result = split_bytes(text.encode())
    lines = [line.text for line in result.clean.lines]
    assert [(lines[s.start], s.toc and s.toc.title) for s in result.spans] == [
        ("雁岭市人民政府令", "雁岭市智慧停车暂行办法"), ("雁岭市人民政府关于加强秸秆综合利用的通知", "雁岭市人民政府关于加强秸秆综合利用的通知")]


def test_an_announcement_right_after_the_last_documents_signature_starts_a_document():
    text = ("枫浦县人民政府关于表彰2021年度乡村民宿工作先进个人的决定\n枫政发〔2022〕3号\n各乡镇人民政府，县政府各部门：\n"
            "为表彰先进，县人民政府决定予以表彰。\n韦国栋　枫浦县水利局主任科员\n枫浦县人民政府\n2022年4月1日\n"
            "枫浦县人民政府关于电动自行车充电设施范围内禁止违规作业的通告\n"
            "为保障电动自行车充电设施工作顺利开展，维护公共秩序，根据有关规定，现通告如下：\n一、严禁违规作业。\n"
            "枫浦县人民政府\n2022年4月8日")
    assert span_starts(text) == [
        "枫浦县人民政府关于表彰2021年度乡村民宿工作先进个人的决定", "枫浦县人民政府关于电动自行车充电设施范围内禁止违规作业的通告"]


def test_the_issues_imprint_under_its_last_document_is_the_issues():
    text = ("枫浦县人民政府公报\n2019年第6期\n枫浦县人民政府关于加强秸秆综合利用的通知\n枫政发〔2019〕5号\n各乡镇人民政府：\n"
            "现就有关事项通知如下。\n枫浦县人民政府\n2019年6月5日\n"
            "《枫浦县人民政府公报》\n2019年第6期　总第100期\n主办：枫浦县人民政府办公室\n编辑：枫浦县人民政府公报编辑部\n"
            "地址：枫浦县行政中心4号楼\n出版日期：2019-06-14\n内部资料　免费交流")
    parsed = process(make_capture("issue.txt", text.encode(), "text/plain"))
    (doc,) = parsed.documents
    assert doc.lines[-1] == "2019年6月5日"
    assert (parsed.issue.number, parsed.issue.total_number) == (6, 100)


def test_a_last_document_ending_with_its_organisers_keeps_them():
    # 主办单位 at a notice's end, with no gazette name or issue number under it: the document's own
    text = ("枫浦县人民政府办公室关于举办农民丰收节的通知\n枫政办发〔2019〕5号\n各乡镇人民政府：\n现就有关事项通知如下。\n"
            "主办：枫浦县农业农村局\n承办：各乡镇人民政府\n枫浦县人民政府办公室\n2019年6月5日")
    (doc,) = issue_docs(text)
    assert doc.lines[-4:] == ("主办：枫浦县农业农村局", "承办：各乡镇人民政府", "枫浦县人民政府办公室", "2019年6月5日")


@pytest.mark.parametrize("before", [
    # after the last document's signature, with the announcement's opening wrapped before its full stop
    "特此通告。\n汀州市人民政府\n二0二0年二月二十五日",
    # after a plan printed under its notice, which ends without a signature
    "四、实施步骤\n（一）严格河道采砂监管。各级行业主管部门要建立季度调度制度，定期通报排名。",
])
def test_an_announcement_over_its_own_opening_formula_starts_a_document(before):
    text = ("汀州市人民政府关于印发汀州市河道采砂工作方案的通知\n汀政发〔2020〕3号\n各县区人民政府：\n现将方案印发给你们。\n"
            f"{before}\n汀州市人民政府关于河道采砂范围内禁止违规作业的通告\n"
            "为保障河道采砂工作顺利开展，维护公共秩序，根据有关法律法规规定\n，现就有关事项通告如下：\n一、严禁违规作业。\n"
            "汀州市人民政府\n2020年3月15日")
    assert span_starts(text) == [
        "汀州市人民政府关于印发汀州市河道采砂工作方案的通知", "汀州市人民政府关于河道采砂范围内禁止违规作业的通告"]


@pytest.mark.parametrize(
    "head, title",
    [("青岚市人民政\n府关于规范城区犬类管理的通告", "青岚市人民政府关于规范城区犬类管理的通告"),
     ("关于加强元旦\n节前后城市管理工作的通告", "关于加强元旦节前后城市管理工作的通告")],
)
def test_a_title_wrapped_after_a_short_first_line_begins_where_it_begins(head, title):
    # The short line is the title's start when only with it does the title begin as titles do.
    text = f"{head}\n青政通〔2015〕4号\n为进一步加强管理，现将有关事项通告如下：\n一、城区范围内实行管理。\n特此通告。\n"
    assert issue_docs(text)[0].title == title


def test_a_short_page_line_over_a_title_that_begins_as_titles_do_stays_the_pages():
    text = "政府信息公开\n关于加强元旦节前后城市管理工作的通告\n青政通〔2015〕4号\n为进一步加强管理，现将有关事项通告如下：\n"
    assert issue_docs(text)[0].title == "关于加强元旦节前后城市管理工作的通告"


ANNOUNCEMENT = ("关于禁止在城区燃放烟花爆竹的通告\n为减少火灾隐患，保障人民群众生命财产安全，根据有关法律法规规定，现就有关事项通告如下：\n"
                "一、城区范围内全年禁止燃放烟花爆竹。\n二、本通告自发布之日起施行。\n")


def test_a_title_alone_right_after_a_documents_closing_starts_the_next_document():
    # An issue's 通告 with no 文号 and no 主送, after the signature and date of the notice before it.
    text = NOTICE.format(what="做好防汛工作", number="青政发〔2020〕3号", month=5) + ANNOUNCEMENT
    docs = issue_docs(text)
    assert [d.title for d in docs] == ["青堰市人民政府关于做好防汛工作的通知", "关于禁止在城区燃放烟花爆竹的通告"]


def test_a_first_document_with_a_title_alone_is_a_document_not_the_issues_front_matter():
    text = ANNOUNCEMENT + "青堰市人民政府\n2020年4月1日\n" + NOTICE.format(what="做好防汛工作", number="青政发〔2020〕3号", month=5)
    docs = issue_docs(text)
    assert [(d.title, d.signed and d.signed.isoformat()) for d in docs] == [
        ("关于禁止在城区燃放烟花爆竹的通告", "2020-04-01"), ("青堰市人民政府关于做好防汛工作的通知", "2020-05-03")]


def test_what_a_document_prints_out_after_its_closing_stays_its_attachment():
    # …印发《关于…的实施意见》的通知: the opinion after the date is handed out, not a document; its
    # first section (一、重点措施, ending like a title) is no part of the opinion's title either.
    text = ("中共青堰市委办公室　青堰市人民政府办公室印发《关于加快推进燃气管道老化更新的实施意见》的通知\n"
            "青办发〔2023〕4号\n各县（市、区）党委和人民政府，市直各单位：\n现将《关于加快推进燃气管道老化更新的实施意见》印发给你们，请认真贯彻落实。\n"
            "中共青堰市委办公室　青堰市人民政府办公室\n2023年3月1日\n关于加快推进燃气管道老化更新的实施意见\n一、重点措施\n"
            "各地要摸清底数、建立台账，实行销号管理。\n")
    docs = issue_docs(text)
    assert len(docs) == 1 and docs[0].doc_number.canonical == "青办发〔2023〕4号"


def test_a_title_whose_genre_word_the_line_cut_in_two_is_whole():
    text = "青岚县人民政府关于公布第六批县级重点文物保护单位的通\n知\n青政发〔2020〕3号\n各乡镇人民政府：\n现将有关事项通知如下。\n"
    assert issue_docs(text)[0].title == "青岚县人民政府关于公布第六批县级重点文物保护单位的通知"


def test_an_attachment_named_in_a_wrapped_book_title_stays_the_documents():
    text = ("青岚市人民政府办公厅印发关于促进开发区改革和创新发展实施方案的通知\n青政办函〔2017〕103号\n各区人民政府，市政府各部门：\n"
            "经市人民政府同意，现将《关于促进我市开发区改革和\n创新发展的实施方案》印发给你们，请照此执行。\n青岚市人民政府办公厅\n2017年10月9日\n"
            "关于促进我市开发区改革和创新发展的实施方案\n为贯彻落实有关部署，促进开发区改革和创新发展，制定本方案。\n")
    assert len(issue_docs(text)) == 1


def test_two_documents_of_one_title_and_no_number_are_two_when_their_texts_differ():
    # An issue's two 征收土地预公告: one title, other villages. A page printing one document twice
    # (seed 002) prints the same text under both copies.
    notice = "征收土地预公告\n{who}及有关农户：\n为了公共利益的需要，拟征收{who}集体土地，现将有关事项预公告如下：\n一、征收范围：{who}。\n青岚县人民政府\n2024年3月{day}日\n"
    text = notice.format(who="固安镇南关村", day=26) + notice.format(who="固安镇北坡村", day=27)
    docs = issue_docs(text)
    assert [(d.title, d.signed.day) for d in docs] == [("征收土地预公告", 26), ("征收土地预公告", 27)]


def test_a_title_that_opens_with_its_issuer_after_a_closing_starts_a_document():
    text = NOTICE.format(what="做好防汛工作", number="青政发〔2020〕3号", month=5) + (
        "青岚县疫情防控指挥部通知\n为做好疫情防控工作，现就有关事项通知如下。\n一、严格落实各项防控措施。\n")
    assert [d.title for d in issue_docs(text)] == ["青堰市人民政府关于做好防汛工作的通知", "青岚县疫情防控指挥部通知"]


def test_a_date_under_a_header_closes_no_text_before_the_pages_links():
    text = ("青岚县疫情防控指挥部通告(1号)\n2020年1月23日\n青岚县疫情防控指挥部通告(2号)\n"
            "为全力做好疫情防控工作，现将有关事项通告如下：\n一、严格落实各项防控措施。\n")
    assert len(issue_docs(text)) == 1
