"""The patterns of a document's legal life: when it takes effect and expires, what it cites,
repeals or amends, and the URL a page prints as its own. Named, compiled once, each with the
wording that motivated it (seeds are ../shared/seeds/NNN_*.txt, real pages ../shared/real/NNN.txt).

Kept apart from patterns.py (the pipeline's splitting and metadata rules): these run over stored
documents, after the pipeline.
"""

from __future__ import annotations

import re

from .patterns import CJK, DIGIT

X = re.VERBOSE

# ── 施行日期: when a document takes effect ─────────────────────────────────────────────────
# 自2021年4月1日起施行 (seed 000:39, 000:241), 自2011年2月1日起施行 (real 008), also 执行/实施/生效.
_DATE = rf"(?:{DIGIT}{{4}}\s*年\s*{DIGIT}{{1,2}}\s*月\s*{DIGIT}{{1,2}}\s*日|[〇○零一二三四五六七八九]{{4}}年[一二三四五六七八九十]{{1,3}}月[一二三四五六七八九十]{{1,3}}日)"
_TAKES_EFFECT = r"(?:起|开始)?\s*(?:施行|执行|实施|生效|试行|起效)"
EFFECTIVE_ON_DATE = re.compile(rf"自\s*(?P<date>{_DATE})\s*{_TAKES_EFFECT}")
# 自印发之日起施行, 自发布之日起施行, 自公布之日起30日后施行, 自印发之日起三十日后施行.
EFFECTIVE_ON_EVENT = re.compile(
    rf"""自\s*(?P<event>印发|发布|公布|颁布|下发|签发|发文)\s*之?\s*日\s*起
    (?:\s*(?P<days>{DIGIT}{{1,3}}|[一二三四五六七八九十]{{1,3}})\s*(?:日|天)\s*(?:后|以后))?\s*{_TAKES_EFFECT}""", X)
# The subject of a 施行 sentence is the document itself (本办法, 本通知…), a 令 publishing it
# (现予公布, seed 000:39) or nothing (自…起施行。): a sentence about another text
# (《预算法》自…起施行) does not give this document's date.
OWN_SUBJECT = re.compile(
    rf"(?:^|[，,；;：:\s])(?:本|此)[{CJK}]{{0,8}}?(?:办法|规定|通知|意见|方案|细则|决定|规则|条例|制度|标准|规划|"
    rf"计划|措施|政策|规范|指引|指南|公告|通告|文件|目录|清单|导则|批复|令|章程|纲要|要点|准则)"
    rf"|现予(?:公布|发布|印发|颁布)|现将[^。]{{0,80}}?印发|^\s*(?:自|从)\s*(?:{_DATE}|印发|发布|公布|下发)")
# Every sentence the rules above and below can match holds one of these words.
FORCE_WORDS = re.compile(r"施行|执行|实施|生效|试行|起效|有效期|执行期|实施期|试行期|暂行期|暂行")
# ── 有效期: how long it stays in force ──────────────────────────────────────────────────────
# 有效期5年, 有效期为五年, 有效期限3年, 试行期为2年, 试行2年, 暂行两年.
_COUNT = r"(?P<count>\d{1,2}|[一二两三四五六七八九十]{1,2})"
VALID_YEARS = re.compile(
    rf"(?:有效期|试行期|暂行期)(?:限)?\s*(?:为|是)?\s*{_COUNT}\s*(?:个)?\s*(?P<unit>年|月)"
    rf"|(?:试行|暂行)\s*(?P<count2>\d{{1,2}}|[一二两三四五六七八九十]{{1,2}})\s*年")
# 有效期至2025年12月31日, 有效期自2021年1月1日至2025年12月31日, 试行期截至….
VALID_UNTIL = re.compile(
    rf"(?:有效期|执行期|实施期|试行期)(?:限)?\s*(?:为|是)?\s*(?:自?\s*{_DATE}\s*起?\s*)?"
    rf"(?:至|到|截至|截止到?)\s*(?P<date>{_DATE})")
# 有效期:长期有效 (real 022): explicitly without an end.
OPEN_ENDED = re.compile(r"长期有效|无固定期限|长期")
# (试行), (暂行), 暂行办法 (real 019): provisional by title.
PROVISIONAL = re.compile(r"试行|暂行")

# ── CMS validity fields: 有效性/时效性 (real 001, 006, 038), 有效期 (022), 废止日期 (000, 023),
#    生效日期/失效日期 (026), 废止时间 (012) ─────────────────────────────────────────────────────
FIELD_LINE = re.compile(
    r"""(?:^|(?<=[\s•·|｜【\[]))(?P<label>有效性|时效性|效力状态|时效状态|有效期|废止日期|废止时间|失效日期|失效时间|
    生效日期|生效时间|施行日期|实施日期)\s*[】\]]?\s*[:：]?\s*(?P<value>[^\s【】\[\]:：]{0,24})""", X)
FIELD_LABELS = ("有效性", "时效性", "时效", "效力状态", "时效状态", "有效期", "废止日期", "废止时间", "失效日期", "失效时间",
                "生效日期", "生效时间", "施行日期", "实施日期")
# A label glued to the next field's label (seed 000: 废止日期: 文 号: 2021年第2号) is no value.
FIELD_VALUE_IN_FORCE = re.compile(r"^(?:现行)?有效$|^现行$|^生效$|^有效中$|^现行有效$|^长期有效$")
FIELD_VALUE_REPEALED = re.compile(r"废止|撤销|已废")
FIELD_VALUE_EXPIRED = re.compile(r"失效|过期|无效|届满")
FIELD_VALUE_AMENDED = re.compile(r"已修改|已修订|修正")

# ── Citations ───────────────────────────────────────────────────────────────────────────
# 《中华人民共和国预算法》 (seed 003:57); 〈〉 nest inside 《》 (real 003).
QUOTED_TITLE = re.compile(r"《(?P<title>[^《》\n]{2,120}?)》")
# A 《》 that names no document: a newspaper, a book series, a column.
NOT_A_DOCUMENT = re.compile(r"^(?:求是|新华社|.{0,12}(?:日报|晚报|杂志|公报|公報|周刊|年鉴))$")
# 关于印发《X》的通知: X is the text the notice publishes; citing 《X》 cites the notice.
WRAPPED_TITLE = re.compile(
    r"(?:印发|发布|公布|颁布|转发|下发)(?:修订后的)?\s*(?P<inner>.+?)\s*的\s*(?:通知|决定|命令|令|函|批复)$")
# A bare title in a 清理 list's table cell: a line ending in a genre word (real 030).
BARE_TITLE = re.compile(
    rf"^[{CJK}“”（）()〔〕\d、·\s《》〈〉]{{6,100}}?(?:通知|办法|规定|意见|方案|细则|决定|规则|条例|制度|"
    rf"规划|计划|措施|批复|公告|通告|规范|标准|目录|清单|导则|指引|意见|纪要)(?:[（(][{CJK}]{{2,4}}[)）])?$")

# ── Repeal and amendment ────────────────────────────────────────────────────────────────
# 同时废止 / 予以废止 / 停止执行 / 宣布失效: the verbs, tested on a sentence with its 《》 removed,
# so a cited title holding 废止 (《国务院关于废止部分规章的决定》) repeals nothing.
REPEALS = re.compile(r"废止(?!日期|时间)|停止执行|不再执行|予以撤销|同时撤销")
# How near a verb must be to the title or 文号 it acts on: a flattened 目录 line (real 030) holds
# 关于废止…的决定 and, far along, other titles that nothing repeals.
VERB_BEFORE, VERB_AFTER = 30, 25
EXPIRES = re.compile(r"宣布失效|同时失效|予以失效|自行失效|不再有效")
AMENDS = re.compile(r"作如下修改|作出如下修改|作以下修改|予以修改|修改为|修订为|修正为|关于修改|修改的决定|修正案|"
                    r"部分条款|删去|增加一款|增加一条")
CONFIRMS = re.compile(r"继续有效|继续执行|继续施行|保留")
# A section header of a 清理 result: 一、决定废止的规范性文件（12件）, 附件2 宣布失效的文件目录.
LIST_HEADER = re.compile(
    rf"^(?:[一二三四五六七八九十]+、|附件\s*\d*\s*[:：]?\s*|\d+[.、]\s*)?[{CJK}（）()\d\s]{{0,30}}?"
    rf"(?P<verb>废止|失效|修改|修订|继续有效|保留)[{CJK}（）()\d\s]{{0,30}}(?:文件|规章|目录|清单|件[)）]?)\s*[:：]?$")
SENTENCE_LINE = re.compile(r"[。！？]\s*$|[，,].*[，,]")
# 政策解读 pages: 关于《X》的政策解读, 《X》解读, 图解：X, X答记者问.
INTERPRETS = re.compile(r"解读|图解|答记者问|一图读懂")
EXPLAINED = re.compile(r"^(?:图解|一图读懂)?[:：]?(?:关于)?(?P<title>.+?)(?:的)?(?:政策)?(?:解读|图解|答记者问)?$")

# ── Provenance: the URL a page prints as its own ───────────────────────────────────────────
LINK_TAG = re.compile(r"<link\b[^>]*>", re.I)
META_TAG = re.compile(r"<meta\b[^>]*>", re.I)
ATTRIBUTE = re.compile(r"""(?P<name>[a-zA-Z:_-]+)\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s"'>]+))""")
# 原文链接：http://…, 原文地址, 本文链接 (printed by mirrors and reposting sites).
PRINTED_URL = re.compile(r"(?:原文链接|原文地址|原文网址|原文网页|本文链接|本文地址|原始链接|文章来源网址)\s*[:：]?\s*"
                         r"(?P<url>https?://[^\s<>\"'，。；）)]+)")
