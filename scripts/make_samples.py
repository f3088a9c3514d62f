"""Seeded generator of synthetic government gazette (政府公报) pages for an invented city.

Usage::

    python scripts/make_samples.py OUT_DIR [--issues N] [--singles M] [--seed S]

Writes N issue pages (defaults: 12 issues, 4 single-document pages, seed 7) for
three invented gazettes of 青岚市 (沧澜省), plus M single-document pages, and
``OUT_DIR/truth.json`` describing every file. The same arguments always give
byte-identical output. Benchmarks can import ``generate(out_dir, issues, singles, seed)``.

Layout::

    OUT_DIR/<gazette-slug>/<year>/<number:02d>.html   (or .txt for plain text dumps)
    OUT_DIR/singles/<index:03d>.html                  (or .txt)
    OUT_DIR/truth.json

Issues are drawn from the years 2016-2025; when N exceeds what the three gazettes
publish in those years, earlier years are used too. About 1 page in 4 is
GB18030-encoded and declares ``charset=gb2312``, about 1 in 6 has its content
converted to Traditional characters (chrome and spam stay Simplified), about 1
in 5 is a plain-text dump instead of HTML. Stale files in OUT_DIR are not removed.

truth.json: ``{"generator": {...}, "files": {relpath: file}}`` where each file has
format, encoding, declared_charset, template, script, issue (gazette, year, number,
total_number, published, publisher, script; null for singles), header ([start, end)
of masthead + 目录 in content_lines, or null), documents, spam, spam_kinds, chrome
and content_lines (every visible content line, stripped, table cells one per line).
Each document has title, doc_number (canonical: 〔〕 and ASCII digits; 政府令第N号
for orders), doc_number_raw, office, doc_type, signed, recipients, attachments,
embedded_title (the plan printed after a 印发 notice's signature), speaker, span
([start, end) in content_lines), first_line and last_line. Strings are in the
page's script; spam and chrome strings never occur inside content_lines.
"""

import argparse
import datetime as dt
import html
import json
import math
import random
import string
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import opencc

FIRST_YEAR, LAST_YEAR = 2016, 2025
PROVINCE_GOV, PROVINCE_PREFIX = "沧澜省人民政府", "澜政"
CN_DIGITS = "〇一二三四五六七八九"
FULLWIDTH_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")
HALF_PUNCT = {"half": str.maketrans("，（）：；", ",():;"), "comma": str.maketrans("，", ",")}
BRACKETS = (("〔", "〕"), ("[", "]"), ("［", "］"), ("【", "】"))
BRACKET_WEIGHTS = (80, 10, 6, 4)
SURNAMES = "林周陈沈顾陆韩程苏叶"
GIVEN_NAMES = ("青山", "晓岚", "建国", "志远", "文涛", "海峰", "卫东", "明辉", "雅琴", "国庆")

TOPICS = (  # (subject, lead department without the 市/区/县 prefix)
    ("城镇燃气安全专项整治", "住房和城乡建设局"), ("老旧小区改造", "住房和城乡建设局"),
    ("数字乡村建设", "农业农村局"), ("营商环境优化提升", "发展和改革局"),
    ("森林防灭火", "应急管理局"), ("养老服务体系建设", "民政局"),
    ("中小学课后服务", "教育局"), ("河湖长制", "水务局"),
    ("农村人居环境整治提升", "农业农村局"), ("公共资源交易监督管理", "财政局"),
    ("食品安全监管", "市场监督管理局"), ("就业创业促进", "人力资源和社会保障局"),
    ("夜间经济发展", "商务局"), ("全域旅游示范区创建", "文化和旅游局"),
    ("大气污染防治", "生态环境局"), ("耕地保护", "自然资源局"),
    ("基层医疗卫生服务能力提升", "卫生健康局"), ("公共交通优先发展", "交通运输局"),
    ("政务服务“一网通办”", "政务服务管理局"), ("安全生产大排查大整治", "应急管理局"),
)
NOTICE_TITLES = ("关于进一步加强{t}工作的通知", "关于做好{y}年{t}工作的通知",
                 "关于开展{t}专项检查的通知", "关于调整{p}{t}工作领导小组成员的通知")
PLAN_NAMES = ("{p}{t}实施方案", "{p}{t}三年行动方案（{y}—{y2}年）", "{p}{t}工作方案",
              "{p}{t}管理办法", "{p}{t}考核办法（试行）")
OTHER_TITLES = {
    "opinion": ("关于加快推进{t}的实施意见", "关于进一步加强{t}的意见"),
    "measures": ("{p}{t}管理办法", "{p}{t}暂行办法"),
    "plan": ("{p}{y}年{t}工作方案", "{p}{t}实施方案"),
    "bulletin": ("关于{y0}年度{t}工作考核结果的通报", "关于表扬{y0}年度{t}工作先进单位的通报"),
    "decision": ("关于废止和修改部分{s}政府规范性文件的决定", "关于表彰{y0}年度{t}先进集体的决定"),
    "reply": ("关于同意{u}{t}实施方案的批复", "关于{u}申请{t}项目资金的批复"),
    "letter": ("关于商请支持{t}有关事项的函", "关于{t}有关问题的复函"),
}
INTROS = {
    "notice": ("为深入贯彻落实{cite}精神，进一步做好{t}工作，经{s}政府同意，现将有关事项通知如下：",
               "根据{cite}要求，结合我{s}实际，现就做好{t}工作通知如下："),
    "opinion": ("为加快推进{t}，根据{cite}精神，结合我{s}实际，现提出如下意见。",),
    "plan": ("为贯彻落实{cite}部署要求，扎实推进{t}工作，结合我{s}实际，制定本方案。",
             "为进一步规范{t}工作，根据{cite}等有关规定，制定本实施方案。"),
}
SECTION_HEADS = ("总体要求", "工作目标", "主要任务", "重点工作", "实施步骤", "职责分工", "保障措施", "工作要求")
SUB_HEADS = ("加强组织领导", "压实主体责任", "强化资金保障", "完善工作机制", "加强督促检查",
             "做好宣传引导", "严格考核问责", "强化信息共享", "健全长效机制", "提升服务水平")
BODY_SENTENCES = (
    "各地各部门要把{t}工作摆上重要议事日程，主要负责同志亲自抓、负总责，确保各项任务落到实处。",
    "到{y2}年底，全{s}{t}工作机制更加健全，重点领域突出问题得到有效解决，群众满意度明显提升。",
    "{d}要会同有关部门建立工作台账，实行清单化管理，每季度通报一次工作进展情况。",
    "严格落实{cite}有关要求，加大监督检查力度，对工作推进不力的单位予以通报。",
    "{s}财政要统筹安排相关资金，支持{t}重点项目建设，提高资金使用效益。",
    "充分利用报刊、广播电视、政府网站和政务新媒体等渠道，广泛宣传{t}的政策措施和典型经验。",
    "坚持问题导向和目标导向，聚焦{t}的薄弱环节，分类施策、精准发力，推动工作提质增效。",
    "各{units}要结合实际制定具体措施，于每年12月15日前将工作总结报送{d}。",
    "建立健全部门协同联动机制，加强信息共享和业务协同，形成工作合力。（{d}牵头，各{units}按职责分工负责）",
    "加快推进{t}信息化建设，推动数据互联互通，实现“一网统管”，提升精细化管理水平。",
    "完善考核评价办法，将{t}工作纳入年度目标责任考核，考核结果作为评先评优的重要依据。",
    "加强专业人才队伍建设，每年至少组织开展一次{t}业务培训，不断提升干部业务能力。",
    "鼓励和引导社会力量参与{t}，形成政府主导、部门联动、社会参与的工作格局。",
)
CLOSINGS = ("本通知自印发之日起施行。", "执行中遇到的问题，请及时向{d}反映。", "各{units}要认真抓好落实，确保取得实效。")
ARTICLES = (
    "{s}人民政府应当加强对{t}工作的领导，将其纳入国民经济和社会发展规划。",
    "{d}是本{s}{t}工作的主管部门，负责本办法的组织实施。",
    "发展改革、财政、自然资源、生态环境等部门按照各自职责，做好{t}相关工作。",
    "鼓励社会资本参与{t}，依法保护投资者的合法权益。",
    "有关单位应当建立健全内部管理制度，定期开展自查，及时消除安全隐患。",
    "任何单位和个人有权对违反本办法的行为进行投诉、举报。",
    "违反本办法规定的，由{d}责令限期改正；逾期不改正的，依照有关法律、法规的规定予以处罚。",
    "国家机关工作人员在{t}工作中玩忽职守、滥用职权、徇私舞弊的，依法给予处分；构成犯罪的，依法追究刑事责任。",
)
CHAPTERS = ("总　　则", "管理职责", "监督检查", "法律责任", "附　　则")
LAWS = ("《中华人民共和国行政许可法》", "《中华人民共和国安全生产法》", "《沧澜省{t}条例》")
MEETINGS = ("全{s}安全生产工作会议", "全{s}优化营商环境工作推进会", "{y}年全{s}经济工作会议",
            "全{s}{t}工作现场推进会", "全{s}防汛抗旱工作会议")
SPEECH_POINTS = ("提高政治站位，切实增强做好{t}工作的责任感和紧迫感", "突出工作重点，扎实推进{t}各项任务落地见效",
                 "强化责任落实，确保{t}工作取得实实在在的成效", "改进工作作风，以钉钉子精神抓好{t}工作")
SPEECH_BODY = ("这项工作事关全{s}发展大局，事关人民群众切身利益，各级各部门必须高度重视，决不能掉以轻心。",
               "要对照年度目标任务，逐项梳理、逐项推进，能快则快、能早则早，确保按时保质完成。",
               "要建立健全工作责任制，层层压实责任，对工作不力、造成严重后果的，要严肃追责问责。",
               "各级领导干部要深入基层、深入一线，及时研究解决工作中遇到的困难和问题。",
               "要加强统筹协调，各部门要主动担当、密切配合，切实形成上下联动、齐抓共管的工作格局。",
               "要坚持底线思维，健全风险防控机制，确保不发生系统性、区域性问题。")
ATTACHMENT_NAMES = ("{t}重点任务分工表", "{t}工作进度安排表", "{y}年度{t}考核评分细则",
                    "{p}{t}工作领导小组成员名单", "{t}工作联系人回执")
TABLE_HEADER = ("序号", "重点任务", "牵头单位", "配合单位", "完成时限")
SPAM_PHRASES = ("天天彩票注册送彩金", "澳门新葡京娱乐城", "百家乐真人在线开户", "亚洲无码视频在线观看",
                "皇冠体育投注官网", "首存送百分百彩金", "幸运飞艇稳赚计划", "高清无码电影在线观看",
                "六合彩开奖现场直播", "金沙娱乐城注册送88元", "午夜福利在线观看", "北京赛车精准计划群")
HIDDEN_SPAM = {
    "display-none": '<div style="display:none">{x}</div>',
    "display-none-caps": '<div style="DISPLAY: none; ">{x}</div>',
    "visibility-hidden": '<span style="visibility:hidden">{x}</span>',
    "font-size-0": '<p style="font-size:0px;line-height:0">{x}</p>',
    "offscreen": '<div style="position:absolute;left:-9999px;top:-9999px">{x}</div>',
    "marquee": '<marquee width="1" height="1" scrollamount="3000">{x}</marquee>',
    "style-class": '<div class="{cls}">{x}</div>',
    "hidden-attr": "<div hidden>{x}</div>",
}
EMPTY_WRAPPERS = ('<acronym id="{i}"><blockquote id="{i}"></blockquote></acronym>',
                  '<dfn id="{i}"><address id="{i}"><sub id="{i}"></sub></address></dfn>',
                  '<acronym id="{i}"></acronym>')
CHARSETS = {"gb18030": ('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">',),
            "utf-8": ('<meta charset="utf-8">', '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">')}
DECLARED_CHARSET = {"gb18030": "gb2312", "utf-8": "utf-8"}
TEXT_WRAPPERS = ("acronym", "abbr", "dfn", "var")


@dataclass(frozen=True)
class Gazette:
    slug: str
    place: str  # 青岚市
    level: str  # 市 / 区 / 县
    abbr: str  # 文号 prefix of the government, e.g. 岚政
    per_year: int
    orders: bool  # whether the government issues 政府令
    units: str  # the level below, as in 各{units}
    recipients: tuple[str, ...]
    subunits: tuple[str, ...]

    @property
    def name(self) -> str:
        return f"{self.place}人民政府公报"

    @property
    def gov(self) -> str:
        return f"{self.place}人民政府"

    @property
    def office(self) -> str:
        return f"{self.gov}办公室"


GAZETTES = (
    Gazette("qinglan", "青岚市", "市", "岚政", 24, True, "区、县人民政府",
            ("各区、县人民政府，市政府各部门、各直属机构：", "各区、县人民政府，青岚高新区管委会，市政府各部门：",
             "各区、县人民政府，市政府有关部门："), ("北溪区人民政府", "南湖区人民政府", "云台县人民政府")),
    Gazette("beixi", "北溪区", "区", "北溪政", 12, False, "街道办事处",
            ("各街道办事处，区政府各部门、各直属机构：", "各街道办事处、镇人民政府，区政府有关部门："),
            ("云峰街道办事处", "溪口镇人民政府")),
    Gazette("yuntai", "云台县", "县", "云台政", 6, False, "乡镇人民政府",
            ("各乡镇人民政府，县政府各部门：", "各乡镇人民政府，县直各单位："), ("石门镇人民政府", "白沙乡人民政府")),
)
# genre -> (doc_type, weight in issues, weight in district issues)
GENRES = {
    "notice": ("通知", 20, 22), "issue_notice": ("通知", 25, 25), "opinion": ("意见", 8, 8),
    "measures": ("办法", 4, 4), "plan": ("方案", 4, 5), "bulletin": ("通报", 6, 7),
    "decision": ("决定", 4, 4), "reply": ("批复", 6, 6), "letter": ("函", 5, 5),
    "order": ("令", 6, 0), "speech": ("讲话", 5, 4),
}
SECTION_ORDER = {"order": 0, "speech": 1}


@dataclass(frozen=True)
class Template:
    name: str
    container: str
    mode: str  # p | indent | br | span
    crumb: str
    meta_table: bool


TEMPLATES = (
    Template("trs", '<div id="zoom" class="TRS_Editor">', "p", "position", True),
    Template("ucap", '<div id="UCAP-CONTENT" class="bt_content">', "br", "crumbs", False),
    Template("article", '<div class="article-content">', "indent", "breadcrumb", True),
    Template("ueditor", '<div class="view TRS_UEDITOR trs_paper_default">', "span", "dqwz", False),
)

Block = tuple  # ("p"|"c"|"r", text or tuple of parts) | ("title", text, breaks) | ("t", rows)
_CONVERTER: list[opencc.OpenCC] = []


def to_traditional(text: str) -> str:
    if not _CONVERTER:
        _CONVERTER.append(opencc.OpenCC("s2t"))
    return _CONVERTER[0].convert(text)


@dataclass(frozen=True)
class Style:
    """How a page prints its content: punctuation variant and script."""

    punct: str  # full | half | comma
    traditional: bool

    def __call__(self, text: str) -> str:
        if self.punct in HALF_PUNCT:
            text = text.translate(HALF_PUNCT[self.punct])
        return to_traditional(text) if self.traditional else text


@dataclass
class Ctx:
    """What one document is about; used to fill phrase templates."""

    g: Gazette
    topic: str
    dept: str
    year: int
    office: str
    unit: str  # the subordinate unit a 批复/函 answers

    def fill(self, rng: random.Random, template: str) -> str:
        return template.format(t=self.topic, d=self.dept, s=self.g.level, p=self.g.place, y=self.year,
                               y0=self.year - 1, y2=self.year + 2, units=self.g.units, o=self.office,
                               u=self.unit.removesuffix("人民政府"),
                               cite=citation(rng, self) if "{cite}" in template else "")


@dataclass
class Doc:
    genre: str
    office: str
    title: str
    signed: dt.date
    number: str | None = None
    number_raw: str | None = None
    toc_number: str | None = None
    recipients: str | None = None
    attachments: list[str] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    section: str = ""
    embedded_title: str | None = None
    speaker: str | None = None


@dataclass
class Page:
    relpath: str
    g: Gazette
    style: Style
    fmt: str  # html | text
    encoding: str  # utf-8 | gb18030
    template: Template | None
    issue: dict[str, Any] | None
    head: list[Block]
    docs: list[Doc]
    visible_spam: bool = False  # a visible spam line after the last real line (HTML only)


# ---------------------------------------------------------------- small helpers

def cn_count(n: int) -> str:
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else CN_DIGITS[tens] + "十")
    return head + (CN_DIGITS[ones] if ones or not tens else "")


def date_text(rng: random.Random, d: dt.date) -> str:
    if rng.random() < 0.3:
        year = "".join(CN_DIGITS[int(c)] for c in str(d.year))
        return f"{year}年{cn_count(d.month)}月{cn_count(d.day)}日"
    return f"{d.year}年{d.month}月{d.day}日"


def rand_id(rng: random.Random, n: int = 5) -> str:
    return "".join(rng.choices(string.ascii_lowercase, k=n))


def raw_number(rng: random.Random, prefix: str, year: int, serial: int) -> str:
    left, right = rng.choices(BRACKETS, BRACKET_WEIGHTS)[0]
    y, n = str(year), str(serial)
    if rng.random() < 0.06:
        y, n = y.translate(FULLWIDTH_DIGITS), n.translate(FULLWIDTH_DIGITS)
    return f"{prefix}{left}{y}{right}{n}号"


def citation(rng: random.Random, ctx: Ctx) -> str:
    y, n = rng.randint(ctx.year - 4, ctx.year - 1), rng.randint(1, 60)
    return rng.choice((
        f"《国务院关于{ctx.topic}的指导意见》（国发〔{y}〕{n}号）",
        f"《国务院办公厅关于{ctx.topic}的意见》（国办发〔{y}〕{n}号）",
        f"《{PROVINCE_GOV}关于{ctx.topic}的实施意见》（{PROVINCE_PREFIX}发〔{y}〕{n}号）",
        f"《{ctx.g.office}关于{ctx.topic}的通知》（{ctx.g.abbr}办发〔{y}〕{n}号）",
    ))


def title_breaks(rng: random.Random, title: str) -> list[int]:
    """Offsets where a title wraps; empty for a one-line title."""
    if len(title) <= 20 and rng.random() < 0.6:
        return []
    parts = 3 if len(title) > 34 else 2
    first = next((title.find(k) + len(k) for k in ("关于印发", "关于")
                  if k in title and 6 <= title.find(k) + len(k) <= len(title) - 8), 0)
    if not first:
        step = len(title) // parts
        return [step * i for i in range(1, parts)]
    if parts == 2:
        return [first]
    return [first, first + (len(title) - first) // 2]


def split_at(text: str, breaks: list[int]) -> list[str]:
    edges = [0, *breaks, len(text)]
    return [text[a:b] for a, b in zip(edges, edges[1:]) if text[a:b]]


def expand(blocks: list[Block], style: Style) -> list[Block]:
    """Apply the page style and split wrapped titles into lines."""
    out: list[Block] = []
    for block in blocks:
        kind, payload = block[0], block[1]
        if kind == "t":
            out.append(("t", [[style(c) for c in row] for row in payload]))
        elif kind == "title":
            out.extend(("c", part) for part in split_at(style(payload), block[2]))
        elif isinstance(payload, tuple):
            out.append((kind, "".join(style(p) for p in payload)))
        else:
            out.append((kind, style(payload)))
    return out


# ---------------------------------------------------------------- document bodies

def sections(rng: random.Random, ctx: Ctx, count: int) -> list[Block]:
    out: list[Block] = []
    heads = sorted(rng.sample(SECTION_HEADS, count), key=SECTION_HEADS.index)
    sentences = rng.sample(BODY_SENTENCES, len(BODY_SENTENCES))  # draw without repeats, cycling if needed
    say = lambda k: ctx.fill(rng, sentences[k % len(sentences)])  # noqa: E731
    for i, head in enumerate(heads, 1):
        out.append(("p", f"{cn_count(i)}、{head}"))
        for j, sub in enumerate(rng.sample(SUB_HEADS, rng.randint(1, 3)), 1):
            out.append(("p", f"（{cn_count(j)}）{sub}。{say(len(out))}"))
            if rng.random() < 0.2:
                out += [("p", f"{k}.{say(len(out) + k)}") for k in range(1, rng.randint(2, 4))]
    return out


def task_table(rng: random.Random, ctx: Ctx) -> Block:
    rows = [list(TABLE_HEADER)]
    for i in range(1, rng.randint(3, 7)):
        month = rng.randint(3, 12)
        rows.append([str(i), f"{rng.choice(SUB_HEADS)}，推进{ctx.topic}", ctx.dept, f"各{ctx.g.units}",
                     rng.choice((f"{ctx.year}年{month}月底前", "长期坚持"))])
    return ("t", rows)


def member_table(rng: random.Random, ctx: Ctx, receipt: bool) -> Block:
    """A 名单 (member list) or a 回执 (reply slip with blank cells) attachment."""
    if receipt:
        return ("t", [["单位名称", "联系人", "职务", "联系电话"], [ctx.dept, "", "", ""]])
    lv = ctx.g.level
    roles = ["组　长", "副组长"] + ["成　员"] * rng.randint(2, 5)
    posts = [f"{lv}政府{lv}长", f"{lv}政府副{lv}长"] + [f"{lv}{d}主要负责人" for _, d in rng.sample(TOPICS, len(roles) - 2)]
    names = [rng.choice(SURNAMES) + rng.choice(GIVEN_NAMES) for _ in roles]
    return ("t", [["职务", "姓名", "单位及职务"]] + [list(row) for row in zip(roles, names, posts)])


def articles(rng: random.Random, ctx: Ctx, effective: str, chapters: bool) -> list[Block]:
    texts = [f"为了加强{ctx.topic}管理，根据{ctx.fill(rng, rng.choice(LAWS))}等法律、法规，结合本{ctx.g.level}实际，制定本办法。",
             f"本办法适用于本{ctx.g.level}行政区域内{ctx.topic}及其监督管理活动。"]
    texts += [ctx.fill(rng, a) for a in rng.sample(ARTICLES, rng.randint(3, len(ARTICLES)))]
    texts.append(f"本办法自{effective}起施行。")
    out: list[Block] = []
    cut = {0: 0, 2: 1, len(texts) - 3: 3, len(texts) - 1: 4} if chapters else {}
    for i, text in enumerate(texts):
        if i in cut:
            out.append(("c", f"第{cn_count(len([k for k in cut if k <= i]))}章　{CHAPTERS[cut[i]]}"))
        out.append(("p", f"第{cn_count(i + 1)}条　{text}"))
    return out


def attachment_list(names: list[str]) -> list[Block]:
    if not names:
        return []
    if len(names) == 1:
        return [("p", f"附件：{names[0]}")]
    return [("p", f"附件：1.{names[0]}")] + [("p", f"　　　{i}.{n}") for i, n in enumerate(names[1:], 2)]


def attachment_sections(rng: random.Random, ctx: Ctx, names: list[str]) -> list[Block]:
    out: list[Block] = []
    for i, name in enumerate(names, 1):
        if rng.random() < 0.2:
            continue  # listed but not printed, as often happens
        out += [("p", f"附件{i}" if len(names) > 1 else "附件"), ("c", name)]
        if "名单" in name or "回执" in name:
            out.append(member_table(rng, ctx, "回执" in name))
        else:
            out += [task_table(rng, ctx)] if "表" in name else sections(rng, ctx, 1)
    return out


def signature(rng: random.Random, office: str, signed: dt.date) -> list[Block]:
    out: list[Block] = [("r", office), ("r", date_text(rng, signed))]
    return out + [("p", "（此件公开发布）")] if rng.random() < 0.6 else out


def genre_body(rng: random.Random, ctx: Ctx, genre: str) -> list[Block]:
    """The paragraphs between the recipients line and the signature."""
    if genre in ("reply", "letter"):
        num = f"（{ctx.unit[:2]}政〔{ctx.year}〕{rng.randint(1, 40)}号）" if genre == "reply" else ""
        out = [("p", f"你单位《关于{ctx.topic}有关事项的请示》{num}收悉。经研究，现{'批复' if genre == 'reply' else '函复'}如下：")]
        return out + sections(rng, ctx, 1)[1:] + [("p", "特此函复。" if genre == "letter" else "此复。")]
    if genre == "decision":
        items = [("p", f"{cn_count(i)}、废止《{ctx.office}关于{ctx.topic}的通知》（{ctx.g.abbr}发〔{ctx.year - rng.randint(3, 9)}〕"
                       f"{rng.randint(1, 80)}号）。") for i in range(1, rng.randint(2, 5))]
        return [("p", f"为维护法制统一，经{ctx.g.level}政府研究，决定：")] + items + [("p", "本决定自公布之日起施行。")]
    if genre == "bulletin":
        out = [("p", f"为充分调动做好{ctx.topic}工作的积极性，根据{citation(rng, ctx)}规定，经{ctx.g.level}政府研究，现将考核结果通报如下：")]
        out += [task_table(rng, ctx)] if rng.random() < 0.4 else sections(rng, ctx, 2)
        return out + [("p", "希望受到表扬的单位珍惜荣誉，再接再厉，为全" + ctx.g.level + "高质量发展作出新的更大贡献。")]
    intro = INTROS.get(genre, INTROS["plan"])
    out = [("p", ctx.fill(rng, rng.choice(intro)))] + sections(rng, ctx, rng.randint(2, 4))
    return out + [("p", ctx.fill(rng, rng.choice(CLOSINGS)))] if genre == "notice" else out


# ---------------------------------------------------------------- whole documents

def header(rng: random.Random, doc: Doc, single: bool) -> list[Block]:
    title: Block = ("title", doc.title, title_breaks(rng, doc.title))
    layout = rng.choice("abce" if single else "abc")
    if layout == "e":  # title(number) on one line, like a CMS page heading
        return [("c", (doc.title, f"（{doc.number_raw}）"))]
    if layout == "a":
        return [("c", f"{doc.office}文件"), ("c", doc.number_raw), title]
    return [title, ("c", doc.number_raw)] if layout == "b" else [("c", doc.number_raw), title]


def plain_doc(rng: random.Random, ctx: Ctx, doc: Doc, single: bool) -> None:
    names = [ctx.fill(rng, n) for n in rng.sample(ATTACHMENT_NAMES, rng.randint(1, 3))] if rng.random() < 0.3 else []
    if doc.genre in ("reply", "letter"):
        doc.recipients = (ctx.unit if doc.genre == "reply" else rng.choice((ctx.unit, ctx.dept))) + "："
    elif doc.genre not in ("measures", "plan") or rng.random() < 0.5:
        doc.recipients = rng.choice(ctx.g.recipients)
    body = articles(rng, ctx, "印发之日", False) if doc.genre == "measures" else genre_body(rng, ctx, doc.genre)
    post: list[Block] = []
    if doc.embedded_title:  # 印发 notice: the plan follows the signature, with its own title and no 文号
        plan = doc.embedded_title
        shown = f"《{plan}》" if f"《{plan}》" in doc.title else plan
        body = [("p", f"{shown}已经{ctx.g.level}政府同意，现印发给你们，请结合实际认真贯彻执行。")]
        plan_body = articles(rng, ctx, "印发之日", False) if "办法" in plan else genre_body(rng, ctx, "plan")
        post = [("title", plan, title_breaks(rng, plan)), *plan_body, *attachment_list(names)]
    else:
        body += attachment_list(names)
    recipients = [("p", doc.recipients)] if doc.recipients else []
    doc.blocks = header(rng, doc, single) + recipients + body + signature(rng, doc.office, doc.signed) + post
    doc.blocks += attachment_sections(rng, ctx, names)
    doc.attachments = names
    doc.recipients = doc.recipients.rstrip("：") if doc.recipients else None


def order_doc(rng: random.Random, ctx: Ctx, doc: Doc, leader: str) -> None:
    effective = doc.signed + dt.timedelta(days=rng.randint(20, 90))
    eff = f"{effective.year}年{effective.month}月{effective.day}日"
    passed = doc.signed - dt.timedelta(days=rng.randint(5, 40))
    doc.blocks = [("c", f"{doc.office}令"), ("c", doc.number_raw),
                  ("p", f"《{doc.title}》已经{passed.year}年{passed.month}月{passed.day}日{ctx.g.level}政府第"
                        f"{rng.randint(20, 120)}次常务会议审议通过，现予公布，自{eff}起施行。"),
                  ("r", f"{ctx.g.level}长　{leader}"), ("r", date_text(rng, doc.signed)),
                  ("c", ("《", doc.title, "》") if rng.random() < 0.5 else doc.title)]
    doc.blocks += articles(rng, ctx, eff, rng.random() < 0.6)


def speech_doc(rng: random.Random, ctx: Ctx, doc: Doc, leader: str) -> None:
    d = doc.signed
    doc.speaker = f"{ctx.g.level}长　{leader}"
    doc.blocks = [("title", doc.title, title_breaks(rng, doc.title)), ("c", doc.speaker),
                  ("c", f"（{d.year}年{d.month}月{d.day}日）"), ("p", "同志们：")]
    doc.blocks.append(("p", f"刚才，{ctx.dept}通报了有关工作情况，几位同志作了很好的发言，我完全同意。下面，我再强调几点意见。"))
    for i, point in enumerate(rng.sample(SPEECH_POINTS, rng.randint(2, 4))):
        body = "".join(ctx.fill(rng, s) for s in rng.sample(SPEECH_BODY, 2))
        doc.blocks.append(("p", f"第{'一二三四'[i]}，要{ctx.fill(rng, point)}。{body}"))
    doc.blocks.append(("p", f"同志们，做好{ctx.topic}工作意义重大、任务艰巨。希望大家真抓实干、奋发有为，为建设"
                            f"更高水平的{ctx.g.place}作出新的更大贡献！"))


def make_title(rng: random.Random, ctx: Ctx, genre: str, plan: str | None) -> str:
    if genre == "speech":
        return f"在{ctx.fill(rng, rng.choice(MEETINGS))}上的讲话"
    if genre == "issue_notice":
        return f"{ctx.office}关于印发{'《' + plan + '》' if rng.random() < 0.5 else plan}的通知"
    if genre == "notice":
        return ctx.office + ctx.fill(rng, rng.choice(NOTICE_TITLES))
    if genre in ("order", "measures", "plan"):  # these carry no office in the title
        return ctx.fill(rng, rng.choice(OTHER_TITLES["plan" if genre == "plan" else "measures"]))
    return ctx.office + ctx.fill(rng, rng.choice(OTHER_TITLES[genre]))


def leader_name(g: Gazette, year: int) -> str:
    rng = random.Random(f"{g.slug}:leader:{year // 5}")
    return rng.choice(SURNAMES) + rng.choice(GIVEN_NAMES)


def build_doc(rng: random.Random, g: Gazette, genre: str, signed: dt.date, counters: dict, single: bool) -> Doc:
    use_gov = genre in ("order", "speech") or rng.random() < (0.7 if genre in ("reply", "decision") else 0.35)
    office = g.gov if use_gov else g.office
    topic, dept = rng.choice(TOPICS)
    ctx = Ctx(g, topic, f"{g.level}{dept}", signed.year, office, rng.choice(g.subunits))
    plan = ctx.fill(rng, rng.choice(PLAN_NAMES)) if genre == "issue_notice" else None
    doc = Doc(genre, office, make_title(rng, ctx, genre, plan), signed, embedded_title=plan)
    if genre == "order":
        key = ("令", g.slug)
        counters[key] = max(counters.get(key, 0) + 1, 100 + 5 * (signed.year - FIRST_YEAR) + signed.month // 3)
        doc.number, doc.number_raw, doc.toc_number = (f"政府令第{counters[key]}号", f"第{counters[key]}号",
                                                      f"政府令第{counters[key]}号")
        order_doc(rng, ctx, doc, leader_name(g, signed.year))
    elif genre == "speech":
        speech_doc(rng, ctx, doc, leader_name(g, signed.year))
    else:
        prefix = (g.abbr if use_gov else g.abbr + "办") + ("函" if genre in ("reply", "letter") else "发")
        key = (prefix, signed.year)
        rate = 30 if prefix.endswith("政发") else 80 if prefix.endswith("办发") else 50  # documents per year
        expected = signed.timetuple().tm_yday * rate // 366 + rng.randint(1, 3)
        counters[key] = max(counters.get(key, 0) + 1, expected)  # rises through the year, never repeats
        doc.number = f"{prefix}〔{signed.year}〕{counters[key]}号"
        doc.number_raw = doc.toc_number = raw_number(rng, prefix, signed.year, counters[key])
        plain_doc(rng, ctx, doc, single)
    doc.section = "领导讲话" if genre == "speech" else f"{office}{'令' if genre == 'order' else '文件'}"
    return doc


# ---------------------------------------------------------------- issues and pages

def issue_slots(rng: random.Random, n: int) -> tuple[list[tuple[Gazette, int, int]], int]:
    per_year = sum(g.per_year for g in GAZETTES)
    first = min(FIRST_YEAR, LAST_YEAR + 1 - math.ceil(n / per_year))
    slots = [(g, y, k) for y in range(first, LAST_YEAR + 1) for g in GAZETTES for k in range(1, g.per_year + 1)]
    return [slots[i] for i in sorted(rng.sample(range(len(slots)), n))], first


def published_date(rng: random.Random, g: Gazette, year: int, number: int) -> dt.date:
    month = math.ceil(number * 12 / g.per_year)
    if g.per_year == 24:
        return dt.date(year, month, rng.randint(8, 14) if number % 2 else rng.randint(22, 28))
    return dt.date(year, month, rng.randint(15, 28))


def pick_genres(rng: random.Random, g: Gazette, count: int) -> list[str]:
    names = list(GENRES)
    weights = [GENRES[n][1] if g.orders else GENRES[n][2] for n in names]
    picked = rng.choices(names, weights, k=count)
    for once in ("order", "speech"):  # at most one of each per issue
        while picked.count(once) > 1:
            picked[picked.index(once, picked.index(once) + 1)] = "notice"
    return picked


def issue_docs(rng: random.Random, g: Gazette, published: dt.date, counters: dict) -> list[Doc]:
    genres = pick_genres(rng, g, rng.randint(3, 8))
    dated = sorted((published - dt.timedelta(days=rng.randint(7, 75)), x) for x in genres)
    docs = [build_doc(rng, g, genre, signed, counters, single=False) for signed, genre in dated]
    docs.sort(key=lambda d: (SECTION_ORDER.get(d.genre, 2 if d.office == g.gov else 3), d.signed))
    return docs


def issue_head(rng: random.Random, g: Gazette, meta: dict, docs: list[Doc]) -> list[Block]:
    total = f"（总第{meta['total_number']}期）" if rng.random() < 0.7 else f"（总号：{meta['total_number']}）"
    head: list[Block] = [("c", g.name), ("c", f"{meta['year']}年第{meta['number']}号{total}"),
                         ("c", rng.choice(("目　　录", "目    录", "目录")))]
    section = None
    for doc in docs:
        if doc.section != section:
            section = doc.section
            head.append(("p", section))
        head.append(("p", (doc.title, f"（{doc.toc_number}）") if doc.toc_number else doc.title))
    return head


def page_style(rng: random.Random, index: int) -> tuple[Style, str, str, Template, bool]:
    punct = rng.choices(("full", "half", "comma"), (5, 4, 1))[0]
    style = Style(punct, traditional=index % 6 == 3)
    fmt = "text" if index % 5 == 2 else "html"
    encoding = "gb18030" if fmt == "html" and index % 4 == 1 else "utf-8"
    template = TEMPLATES[(3 * index + index // 4) % len(TEMPLATES)]  # spread evenly across pages
    return style, fmt, encoding, template, index % 5 == 4


def make_issue(index: int, slot: tuple[Gazette, int, int], first_year: int, seed: int, counters: dict) -> Page:
    g, year, number = slot
    rng = random.Random(f"{seed}:{g.slug}:{year}:{number}")
    published = published_date(rng, g, year, number)
    meta = {"gazette": g.name, "year": year, "number": number,
            "total_number": 10 + (year - first_year) * g.per_year + number,
            "published": published.isoformat(), "publisher": g.office}
    docs = issue_docs(rng, g, published, counters)
    style, fmt, encoding, template, tail = page_style(rng, index)
    ext = "txt" if fmt == "text" else "html"
    return Page(f"{g.slug}/{year}/{number:02d}.{ext}", g, style, fmt, encoding, template, meta,
                issue_head(rng, g, meta, docs), docs, tail)


def make_single(index: int, seed: int, counters: dict) -> Page:
    rng = random.Random(f"{seed}:single:{index}")
    g = rng.choice(GAZETTES)
    genre = rng.choice(("notice", "issue_notice", "issue_notice", "opinion", "letter", "bulletin"))
    signed = dt.date(rng.randint(FIRST_YEAR, LAST_YEAR), rng.randint(1, 12), rng.randint(1, 28))
    doc = build_doc(rng, g, genre, signed, counters, single=True)
    style, fmt, encoding, template, tail = page_style(rng, index + 1)
    ext = "txt" if fmt == "text" else "html"
    return Page(f"singles/{index:03d}.{ext}", g, style, fmt, encoding, template, None, [], [doc], tail)


# ---------------------------------------------------------------- rendering

LINE_FORMATS = {
    "p": {"c": '<p style="text-align:center">{x}</p>', "p": '<p style="text-indent:2em">{x}</p>',
          "r": '<p style="text-align:right">{x}</p>'},
    "indent": {"c": '<p align="center"><strong>{x}</strong></p>', "p": "<p>\u3000\u3000{x}</p>",
               "r": '<p align="right">{x}\u3000\u3000\u3000\u3000</p>'},
    "br": {"c": "&nbsp;&nbsp;{x}<br>", "p": "&nbsp;&nbsp;&nbsp;&nbsp;{x}<br>", "r": "&nbsp;" * 40 + "{x}<br>"},
    "span": {"c": '<p align="center"><span style="font-family:方正小标宋简体;font-size:22pt">{x}</span></p>',
             "p": '<p class="MsoNormal" style="text-indent:32pt"><span style="font-family:仿宋_GB2312">{x}</span></p>',
             "r": '<p align="right" style="text-align:right"><span style="font-family:仿宋_GB2312">{x}</span></p>'},
}
SPAN_SPLIT = '</span><span style="font-family:仿宋_GB2312">'


def content_lines(blocks: list[Block]) -> list[str]:
    lines: list[str] = []
    for kind, payload in blocks:
        texts = [c for row in payload for c in row] if kind == "t" else [payload]
        lines += [t.strip() for t in texts if t.strip()]
    return lines


def text_lines(rng: random.Random, kind: str, payload: Any) -> list[str]:
    if kind == "t":
        return [""] + [line for row in payload for c in row for line in ([c, ""] if rng.random() < 0.5 else [c])]
    if kind == "r":
        return [" " * rng.randint(20, 120) + payload]
    if kind == "c":
        return [" " * rng.randint(2, 10) + payload] + ([""] if rng.random() < 0.5 else [])
    indent = rng.choice(("  ", "\u3000\u3000", "\xa0 \xa0 ", ""))
    return [indent + payload] + ([""] if rng.random() < 0.4 else [])


def render_text(rng: random.Random, page: Page, blocks: list[Block], when: str) -> tuple[str, list[str], list[str]]:
    """A plain-text dump like the seeds: chrome lines on top, spam tags and a spam tail."""
    chrome = [f"索引号: {index_code(rng, page)} 发布机构: {page.g.office}", f"发布时间:{when} 【字体:"]
    wid = rand_id(rng)
    spam = [EMPTY_WRAPPERS[0].format(i=wid), EMPTY_WRAPPERS[2].format(i=wid)] if rng.random() < 0.5 else []
    lines = spam[:1] + chrome + [""] + spam[1:]
    for kind, payload in blocks:
        lines += text_lines(rng, kind, payload)
    if rng.random() < 0.5:
        spam.append(rng.choice(SPAM_PHRASES))
        lines += ["", spam[-1]]
    if rng.random() < 0.5:
        chrome.append("关闭")
        lines.append("关闭")
    return "\n".join(lines), chrome, spam


def html_text(rng: random.Random, mode: str, text: str, wid: str, used: list[str]) -> str:
    out = html.escape(text, quote=False)
    if mode == "span" and len(text) > 8 and rng.random() < 0.15:
        cut = rng.randint(2, len(out) - 2)
        out = out[:cut] + SPAN_SPLIT + out[cut:]
    elif rng.random() < 0.04:  # spam wrapper around real text; the text must survive
        tag = rng.choice(TEXT_WRAPPERS)
        out = f'<{tag} id="{wid}">{out}</{tag}>'
        used.append(tag)
    return out


def table_html(rows: list[list[str]]) -> str:
    cells = ["<tr>" + "".join(f"<td><p>{html.escape(c, quote=False)}</p></td>" for c in row) + "</tr>"
             for row in rows]
    return '<table border="1" cellspacing="0" cellpadding="0"><tbody>\n' + "\n".join(cells) + "\n</tbody></table>"


def container_html(rng: random.Random, page: Page, blocks: list[Block], spam: list[str],
                   tail: str | None, wid: str) -> tuple[str, list[str]]:
    """The content container with hidden spam mixed in and an optional visible spam line at the end."""
    mode, used = page.template.mode, []
    parts = []
    for kind, payload in blocks:
        parts.append(table_html(payload) if kind == "t" else
                     LINE_FORMATS[mode][kind].format(x=html_text(rng, mode, payload, wid, used)))
        if rng.random() < 0.08:
            parts.append("<br>" if mode == "br" else "<p>&nbsp;</p>")
    for fragment in spam:
        parts.insert(rng.randint(0, len(parts)), fragment)
    if tail:
        parts.append(LINE_FORMATS[mode]["p"].format(x=tail))
    inner = "\n".join(parts)
    if mode == "br":
        inner = f'<div class="content-text">\n{inner}\n</div>'
    return f"{page.template.container}\n{inner}\n</div>", used


def spam_fragments(rng: random.Random) -> tuple[list[str], list[str], list[str], str]:
    """Hidden SEO spam: (html fragments, phrases, kinds, extra css for the head)."""
    kinds = rng.sample(sorted(HIDDEN_SPAM), rng.randint(1, 3))
    cls = "c" + rand_id(rng, 4)
    fragments, phrases = [], []
    for kind in kinds:
        picked = rng.sample(SPAM_PHRASES, rng.randint(1, 2))
        links = "".join(f'<a href="http://www.{rand_id(rng, 8)}.com/" target="_blank">{p}</a>' for p in picked)
        fragments.append(HIDDEN_SPAM[kind].format(x=links, cls=cls))
        phrases += picked
    css = f"\n<style>.{cls}{{display:none}}</style>" if "style-class" in kinds else ""
    return fragments, phrases, kinds, css


def index_code(rng: random.Random, page: Page) -> str:
    return f"11{rng.randint(10**12, 10**13 - 1)}X/{page.docs[0].signed.year}-{rng.randint(1, 99999):05d}"


def chrome_html(rng: random.Random, page: Page, when: str) -> tuple[str, str, list[str]]:
    """Site chrome around the content: (html above, html below, strings that must be removed)."""
    g, t = page.g, page.template
    code, icp, idx = rng.randint(10**9, 10**10 - 1), rng.randint(10**7, 10**8 - 1), index_code(rng, page)
    label = rng.choice(("当前位置：", "您现在的位置："))
    where = "政府公报" if page.issue else "政府文件"
    top = [f'<div class="top-nav"><a href="/">网站首页</a><a href="/zwgk/">政务公开</a><a href="/hdjl/">互动交流</a>'
           f'<a href="/zjql/">走进{g.place}</a></div>',
           f'<div class="{t.crumb}">{label}<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; '
           f'<a href="/zwgk/zfgb/">{where}</a></div>']
    chrome = ["网站首页", "互动交流", f"走进{g.place}", label]
    if t.meta_table:
        rows = (("索引号：", idx), ("发布机构：", g.office), ("发布日期：", when[:10]), ("主题分类：", where))
        cells = "".join(f"<tr><th>{a}</th><td>{b}</td></tr>" for a, b in rows)
        top.append(f'<table class="xxgk_table">{cells}</table>')
        chrome += ["索引号：", idx, "发布机构：", "发布日期：", "主题分类："]
    else:
        hits = rng.randint(50, 9999)
        top.append(f'<div class="info">发布时间：{when}　来源：{g.office}　浏览次数：<span id="hits">{hits}</span></div>')
        chrome += [f"发布时间：{when}", f"来源：{g.office}", "浏览次数："]
    top.append('<div class="toolbar">【字体：<a href="javascript:doZoom(16)">大</a> <a href="javascript:doZoom(14)">中</a> '
               '<a href="javascript:doZoom(12)">小</a>】 <a href="javascript:window.print()">打印</a> '
               '<a href="javascript:window.close()">关闭窗口</a></div>')
    chrome += ["【字体：", "打印", "关闭窗口"]
    return "\n".join(top), *bottom_chrome(rng, page, code, icp, chrome)


def bottom_chrome(rng: random.Random, page: Page, code: int, icp: int, chrome: list[str]) -> tuple[str, list[str]]:
    g, topic = page.g, rng.choice(TOPICS)[0]
    heading = rng.choice(("相关信息", "相关解读"))
    links = [f"图解：{g.place}{topic}政策要点", f"一图读懂{g.place}{rng.choice(TOPICS)[0]}"]
    bottom = [f'<div class="related"><h3>{heading}</h3><ul>' + "".join(f'<li><a href="/zcjd/{i}.html">{x}</a></li>'
                                                                        for i, x in enumerate(links)) + "</ul></div>",
              '<div class="share">分享到：<a>微博</a><a>微信</a><a>QQ空间</a></div>',
              f'<div class="footer">主办单位：{g.office}　网站标识码：{code}　澜ICP备{icp}号-1　'
              '<a href="/zc/">政府网站找错</a></div>', '<script>var _hmt = _hmt || [];</script>']
    chrome += [heading, *links, "分享到：", "QQ空间", f"主办单位：{g.office}", f"网站标识码：{code}", f"澜ICP备{icp}号-1",
               "政府网站找错"]
    return "\n".join(bottom), chrome


def render_html(rng: random.Random, page: Page, blocks: list[Block], when: str) -> tuple[str, list[str], list[str],
                                                                                 list[str]]:
    """An HTML page: (html, chrome strings, spam strings, spam kinds)."""
    fragments, phrases, kinds, css = spam_fragments(rng)
    wid = rand_id(rng)
    tail = rng.choice(SPAM_PHRASES) if page.visible_spam else None
    body, wrapped = container_html(rng, page, blocks, fragments[::2], tail, wid)
    top, bottom, chrome = chrome_html(rng, page, when)
    wrappers = "\n".join(rng.choice(EMPTY_WRAPPERS).format(i=wid) for _ in range(rng.randint(1, 3)))
    issue = page.issue
    name = f"{issue['gazette']}{issue['year']}年第{issue['number']}号" if issue else page.docs[0].title
    text = "\n".join([
        '<!DOCTYPE html>', f'<html lang="zh-CN"><head>{rng.choice(CHARSETS[page.encoding])}',
        f"<title>{name}_{page.g.gov}门户网站</title>{css}", '<script src="/js/jquery.min.js"></script>',
        "</head><body>", wrappers, top, '<div class="article">', body, *fragments[1::2], "</div>", bottom,
        "</body></html>\n"])
    kinds = kinds + ["wrapper-tags"] + (["wrapper-text"] if wrapped else []) + (["visible-tail"] if tail else [])
    return text, chrome, list(dict.fromkeys(phrases + ([tail] if tail else []))), kinds


# ---------------------------------------------------------------- truth and output

def doc_truth(doc: Doc, style: Style, span: list[int], lines: list[str]) -> dict[str, Any]:
    opt = lambda s: style(s) if s else None  # noqa: E731
    return {"title": style(doc.title), "doc_number": opt(doc.number), "doc_number_raw": opt(doc.number_raw),
            "office": style(doc.office), "doc_type": GENRES[doc.genre][0], "signed": doc.signed.isoformat(),
            "recipients": opt(doc.recipients), "attachments": [style(a) for a in doc.attachments],
            "embedded_title": opt(doc.embedded_title), "speaker": opt(doc.speaker), "span": span,
            "first_line": lines[span[0]], "last_line": lines[span[1] - 1]}


def render_page(page: Page, seed: int) -> tuple[bytes, dict[str, Any]]:
    rng = random.Random(f"{seed}:render:{page.relpath}")
    head = expand(page.head, page.style)
    bodies = [expand(doc.blocks, page.style) for doc in page.docs]
    lines, spans = content_lines(head), []
    for blocks in bodies:
        spans.append([len(lines), len(lines) + len(content_lines(blocks))])
        lines += content_lines(blocks)
    day = dt.date.fromisoformat(page.issue["published"]) if page.issue else page.docs[0].signed + dt.timedelta(days=3)
    when = f"{day.isoformat()} {rng.randint(8, 17):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}"
    flat = head + [b for blocks in bodies for b in blocks]
    if page.fmt == "text":
        text, chrome, spam = render_text(rng, page, flat, when)
        kinds = ["wrapper-tags-as-text"] * bool(spam) + ["visible-tail"] * any(s in SPAM_PHRASES for s in spam)
    else:
        text, chrome, spam, kinds = render_html(rng, page, flat, when)
    check_clean(page.relpath, lines, chrome + spam)
    script = "traditional" if page.style.traditional else "simplified"
    issue = dict(page.issue, gazette=page.style(page.issue["gazette"]), script=script) if page.issue else None
    truth = {"format": page.fmt, "encoding": page.encoding,
             "declared_charset": None if page.fmt == "text" else DECLARED_CHARSET[page.encoding],
             "template": page.template.name if page.fmt == "html" else None,
             "script": script, "issue": issue, "header": [0, spans[0][0]] if page.head else None,
             "documents": [doc_truth(d, page.style, s, lines) for d, s in zip(page.docs, spans)],
             "spam": spam, "spam_kinds": kinds, "chrome": chrome, "content_lines": lines}
    return text.encode(page.encoding), truth


def check_clean(where: str, lines: list[str], removable: list[str]) -> None:
    """Spam and chrome strings must never occur in real content, or the truth would be useless."""
    joined = "\n".join(lines)
    clash = [s for s in removable if s in joined]
    if clash:
        raise AssertionError(f"{where}: chrome/spam strings found in content: {clash}")


def generate(out_dir: Path, issues: int = 12, singles: int = 4, seed: int = 7) -> list[Path]:
    """Write the sample pages and truth.json under out_dir; return the page paths in order."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    slots, first_year = issue_slots(random.Random(seed), issues)
    counters: dict = {}
    pages = [make_issue(i, slot, first_year, seed, counters) for i, slot in enumerate(slots)]
    pages += [make_single(i, seed, counters) for i in range(singles)]
    truth: dict[str, Any] = {}
    written = []
    for page in pages:
        data, truth[page.relpath] = render_page(page, seed)
        path = out_dir / page.relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(path)
    meta = {"seed": seed, "issues": issues, "singles": singles, "first_year": first_year}
    payload = json.dumps({"generator": meta, "files": dict(sorted(truth.items()))}, ensure_ascii=False, indent=1)
    (out_dir / "truth.json").write_text(payload + "\n", encoding="utf-8")
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--issues", type=int, default=12, help="issue pages to write (default 12)")
    parser.add_argument("--singles", type=int, default=4, help="single-document pages to write (default 4)")
    parser.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    args = parser.parse_args(argv)
    paths = generate(args.out_dir, args.issues, args.singles, args.seed)
    print(f"wrote {len(paths)} pages and truth.json to {args.out_dir}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
