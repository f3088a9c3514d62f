"""What one line of a Chinese official document can be: the shapes split, toc and metadata read.

Every function takes a line already normalized (normalize.py: mirror glosses gone, widths folded)
and stripped. They only look at the line itself (and say so when they need a neighbour).
"""

from __future__ import annotations

import re
from functools import lru_cache

from . import patterns as P
from .dates import parse_date
from .docnumber import find_doc_numbers, parse_doc_number
from .model import DocNumber
from .script import to_simplified

TITLE_LINE_MAX = 60  # one line of a wrapped title
TITLE_MAX = 200  # a whole title
SENTENCE_END = re.compile(r"[。；;！？!?]")
# What may stand beside a 文号 on its line: 签发人 (上行文), a date (real/039), brackets, blanks.
# A title's trailing note in brackets (doubled sometimes): a date, a 文号 and date, a promulgation.
# What a content site adds to a headline after the title it copies: 全文, (全文), 最新全文, 原文.
SITE_SUFFIX = re.compile(r"\s*[(（【\[]?(?:最新)?(?:全文|原文|完整版|完整版本)(?:下载|下載)?[)）】\]]?\s*$")
SITE_PATH = re.compile(r"\s*-+\s*")
SITE_PATH_WORDS = re.compile(r"首页|首頁|注册|註冊|登陆|登錄|登录|娱乐|娛樂|平台|官网|官網")
LEAD_NOTE = re.compile(r"^[(（](?P<note>[^()（）]{6,60})[)）]")
# A date in brackets alone on its line, under a title: (2019年1月29日).
DATE_NOTE = re.compile(rf"^[(（]\s*{P.DATE_WRITTEN.pattern}\s*[)）]$")
# A list item's number: 一、 (一) 1. 1、 ⑴.
LIST_ITEM = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}\s*[、.．]|[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}\s*[、.．](?!\d))")
TITLE_NOTE = re.compile(r"^(?P<title>.{4,}?)\s*[(（]+\s*(?P<note>[^()（）]{4,80}?)\s*[)）]+\s*$")
# A database's edition note after a title: (2004年修正), (2019修订).
EDITION = re.compile(r"^\s*(?:19|20)\d\d\s*年?\s*(?:修正|修订|修訂|修改|修正本|修订本)\s*$")
# A normative document's registration code after its title: (统一编号:HCZFG-2021-005), (登记号:…).
REGISTRATION = re.compile(r"^\s*(?:统一编号|統一編號|统一登记号|統一登記號|登记号|登記號|备案号|備案號|登记编号)\s*[:：]")
# 各区、县(市)人民政府,市政府各委、办、局: 经市政府同意,… (the 主送 with the text run on).
GLUED_RECIPIENTS = re.compile(
    r"^(?P<who>[^。；;！？!?:：]{2,150}?(?:政府|单位|單位|局|办|辦|委|部门|部門|机构|機構|会|會|区|區|县|縣|市|镇|鎮|乡|鄉|处|處|室|厅|廳|队|所|司|校|院|街道|企业|企業|公司|部队|部隊))[:：]\s*\S"
)
# A 文号 holds 号 (or, cut short by a page that lost glyphs, a bracket and five digits).
MAY_HOLD_NUMBER = re.compile(r"[号號]|[〔\[【(（]\s*(?:19|20)\d{3}|^[\u4e00-\u9fff]{1,12}[发發字函规規](?:19|20)\d{3,7}$")
# A line that goes on from the one before (…《白银市人民政府 2021 年度森林草原防火 / 命令》(市政发…)):
# it opens with closing punctuation or closes a quotation it never opened.
CONTINUATION = re.compile(r"^[》」』”）)、，,。；;：:]|^[^《]*》")
# …publishes, it does not issue; a masthead's 云峤市人民政府办公厅 主办 names who edits the gazette.
ABOUT_IN = re.compile(P.ABOUT)  # …关于在政务服务中心 / 范围内…: a title wrapped after a word like an office's
# …and a cadre is a person (XX委员会干部 ends like 部): a name list's line, not a signature.
NOT_OFFICES = ("网站", "網站", "门户", "門戶", "平台", "网", "網", "系统", "系統", "频道", "頻道", "主办", "主辦", "承办", "承辦", "协办", "協辦",
               "干部", "幹部")
NUMBER_LINE_REST = re.compile(r"^[\s()（）\[\]【】,，:：]*(?:签发人[:：]?\s*[\u4e00-\u9fff·\s]{0,12})?[\s()（）,，]*$")


def is_sentence(text: str) -> bool:
    """A line of running text: it holds a full stop, a semicolon, ! or ?."""
    return bool(SENTENCE_END.search(text))


@lru_cache(maxsize=8192)
def date_line(text: str):
    """The date of a line that is only a date (maybe bracketed): a signature or speech date."""
    return parse_date(text) if P.DATE_LINE.match(text) else None


@lru_cache(maxsize=8192)
def number_line(text: str, header: str | None = None) -> DocNumber | None:
    """The 文号 of a line that is (almost) only a 文号: 本政办发〔2021〕1号, (宁政办发〔2001〕99号
    2001年5月29日), 第192号 under a 令 header, a 签发人 beside it."""
    if len(text) > 60 or is_sentence(text) or not MAY_HOLD_NUMBER.search(text):
        return None
    if header and (number := parse_doc_number(text, header)):
        return number
    if number := parse_doc_number(text):
        return number
    found = find_doc_numbers(text)
    if len(found) != 1:
        return None
    rest = text.replace(found[0].raw, " ", 1)
    rest = P.DATE_ISO.sub(" ", P.DATE_WRITTEN.sub(" ", rest))
    return found[0] if NUMBER_LINE_REST.match(rest) else None


def is_banner(text: str) -> bool:
    """XX人民政府文件, 中共XX委办公室 XX人民政府办公室文件: a letterhead (一、XX人民政府文件 is a list item)."""
    return bool(P.BANNER.match(text)) and not LIST_ITEM.match(text)


def is_order_header(text: str) -> bool:
    """本溪市人民政府令: the header of an order (二、XX人民政府令 is a list item naming the form)."""
    return bool(P.ORDER_HEADER.match(text)) and not LIST_ITEM.match(text)


@lru_cache(maxsize=8192)
def is_office(text: str) -> bool:
    """A line that is one office name, nothing else (a letterhead without 文件, a signature line).
    A website (科技部门户网站, 县政府网站) publishes, it does not issue."""
    compact = P.SPACES.sub("", text).lstrip("•·-*")
    return (3 <= len(compact) <= 40 and bool(P.OFFICE_NAME.match(compact)) and not P.SIGNATORY.match(compact)
            and not compact.endswith(NOT_OFFICES) and not ABOUT_IN.search(compact))


def ends_like_title(text: str) -> bool:
    """Ends with a genre word: …的通知, …实施方案(2023—2025年), …(本政办发〔2021〕1号)."""
    return bool(P.TITLE_END.search(text))


def starts_like_title(text: str) -> bool:
    """XX办公室关于…, 关于印发…, XX印发《…》, 转发…: how a notice's title begins."""
    return bool(P.TITLE_START.match(text) or P.TITLE_ISSUES.match(text) or P.TITLE_VERB.match(text))


@lru_cache(maxsize=8192)
def split_note(text: str) -> tuple[str, str | None]:
    """A title with a bracketed note after it: …的通知 ((1990年11月16日)), …办法（2004年…令第124号发布）;
    a site's word after a headline's title (…管理办法全文, …条例(全文)) is cut."""
    if (site := SITE_SUFFIX.search(text)) and ends_like_title(text[: site.start()]):
        text = text[: site.start()]
    if SITE_PATH_WORDS.search(text) and len(pieces := SITE_PATH.split(text)) > 1 and ends_like_title(pieces[-1]) \
            and SITE_PATH_WORDS.search("".join(pieces[:-1])):
        text = pieces[-1]  # 首页『…注册登陆』-…娱乐平台-首页-XX关于…的通知: a (spam) site's path before the title
    notes: list[str] = []
    while (found := TITLE_NOTE.match(text)) and (
            P.DATE_WRITTEN.search(note := found.group("note")) or P.DATE_ISO.fullmatch(note.strip())
            or find_doc_numbers(note) or REGISTRATION.match(note) or EDITION.match(note)):
        text = found.group("title").strip()  # …的通知(河政发〔2021〕25号)(统一编号:HCZFG-2021-005): both notes
        notes.insert(0, note)
    return (text, " ".join(notes)) if notes else (text, None)


def lead_note(text: str) -> str | None:
    """A dated 文号 in brackets opening the line under a title, the text run on after it
    (a law database: (1985年5月4日皖政〔1985〕38号)  根据…): the note."""
    found = LEAD_NOTE.match(text)
    if found and P.DATE_WRITTEN.search(found.group("note")) and len(find_doc_numbers(found.group("note"))) == 1:
        return found.group("note")
    return None


@lru_cache(maxsize=8192)
def continues(text: str) -> bool:
    """A line that goes on from the one before: it cannot begin a title."""
    return bool(CONTINUATION.match(text))


@lru_cache(maxsize=8192)  # splitting asks it of the same lines again and again
def title_like(text: str) -> bool:
    """Could be (a line of) a title: short, no sentence punctuation, not a date, 文号 or list item."""
    return (
        2 <= len(text) <= TITLE_MAX
        and not is_sentence(text)
        and not any(c in text for c in ":：")
        and not P.ATTACHMENT_ITEM.match(text)
        and not P.DATE_LINE.match(text)
        and not P.PUBLIC_NOTE.match(text)
        and not P.ATTACHMENT.match(text)
        and number_line(text) is None
        and (len(text) <= TITLE_LINE_MAX or ends_like_title(text))
    )


@lru_cache(maxsize=8192)
def recipients(text: str) -> str | None:
    """The 主送 line's bodies (各区人民政府,市政府各委、办、局:), without the colon. A page that lost
    its line breaks glues the first paragraph after the colon (real pages): still a 主送 when the
    part before the colon is a list of bodies."""
    if text.startswith(("附件", "第", "一、", "注")):
        return None
    found = P.RECIPIENTS.match(text)
    if found and P.RECIPIENT_HINT.search(text):
        who = found.group("who").strip()
        return None if is_sentence(who) or len(who) < 2 else who
    glued = GLUED_RECIPIENTS.match(text)
    if glued and not is_sentence(glued.group("who")) and (glued.group("who").startswith("各") or re.search(r"[、,，]", glued.group("who"))):
        return glued.group("who").strip()
    return None


def is_public_note(text: str) -> bool:
    """（此件公开发布）and its kin: the last line of a notice."""
    return bool(P.PUBLIC_NOTE.match(text))


def is_speaker(text: str) -> bool:
    return bool(P.SPEAKER.match(text))


def signatory(text: str) -> bool:
    """市长, 自治区主席 陈 武 (with or without a date after it)."""
    return bool(P.SIGNATORY.match(P.DATE_WRITTEN.sub("", text).strip()))


NEWS_PLACE = re.compile(rf"^(?:[{P.CJK}]{{2,4}}[:：]|【[^【】]{{1,8}}】)\s*")


def without_news_place(text: str) -> str:
    """北京:关于印发《…》的通知 → 关于印发《…》的通知: a news site's place, or its column's tag
    (【精准防控】), before a title."""
    if (lead := NEWS_PLACE.match(text)) and (starts_like_title(rest := text[lead.end() :])
                                             or (text.startswith("【") and ends_like_title(split_note(rest)[0]))):
        return rest
    return text


def book_titles(text: str) -> list[str]:
    """The 《…》 names a line cites: what a 印发 notice hands out."""
    return [m.group("title") for m in P.BOOK_TITLE.finditer(text)]


# A title that opens with its issuer and goes straight on to its subject, no 关于 between
# (XX县人民政府征收土地预公告, XX市公安局通告, XX县人民政府森林防火禁火令): only an act the issuer speaks in (an announcement,
# a notice, a decision: XX县人民政府工作规则 names whose rules, not who made them), only an
# institution that issues (not a 中心, 所 or 队 a subject may name), and only where the rest is no
# office itself (XX市公安局交通警察支队通告 splits two ways: no evidence).
NAMED_ACT = re.compile(r"(?:公告|通告|布告|通知|通报|决定|令|公示)(?:[(（][^()（）]{1,20}[)）])?$")  # 令: 命令, 禁火令
# Issuing bodies a title may open with, longest first (the two lists below differ only in 政府, 指挥部).
_GOVERNMENT_BODIES = "人民政府办公室|人民政府办公厅|人民政府|政府办公室|政府办公厅"
_OTHER_BODIES = "行政公署|管理委员会|委员会|管委会|办公室|办公厅"
NAMED_ISSUER = re.compile(rf"^(?P<office>.{{2,30}}?(?:{_GOVERNMENT_BODIES}|{_OTHER_BODIES}|指挥部|局|厅))(?P<rest>.*)$")
PLACE = re.compile(rf"^(?P<place>{P.PLACE_NAME})")  # a name that opens with its place: 青岚市…, 白沙湾区…


# …or a report of a year's work under its maker's name (XX区政府2015年推进依法行政工作情况,
# XX市人民政府2021年政府信息公开工作年度报告): the name ends right before the year.
YEAR_REPORT = re.compile(rf"^(?P<office>.{{2,30}}?(?:{_GOVERNMENT_BODIES}|政府|{_OTHER_BODIES}|局|厅))(?:19|20)\d\d年")


NATIONAL = ("中华人民共和国", "国务院", "国家")  # the State's own offices name no place: 中华人民共和国卫生部公告


def named_issuer(title: str) -> str | None:
    """The issuer a title opens with when no 关于 follows it: XX县人民政府征收土地预公告."""
    simple = to_simplified(title)
    if len(simple) == len(title) and (report := YEAR_REPORT.match(simple)) and PLACE.match(report.group("office")):
        return title[: report.end("office")]
    found = NAMED_ISSUER.match(simple) if len(simple) == len(title) else None
    if not found or not (PLACE.match(found.group("office")) or found.group("office").startswith(NATIONAL)) \
            or not NAMED_ACT.search(found.group("rest")):
        return None
    subject = P.TITLE_END.sub("", found.group("rest"))
    if subject and (is_office(subject) or is_office(found.group("rest"))):
        return None  # the subject is an office too: where the issuer ends is not known
    return title[: found.end("office")]
