"""One official document as printed lines, with its truth.

A document is built the way 党政机关公文格式 (GB/T 9704) and real gazettes print it: an optional
banner letterhead, the 文号 (before or after the title), the title wrapped over 1–3 lines, the 主送
line, the body, an 附件 list, the signature block (one or two offices, a date in one of several
written forms), （此件公开发布）, and attachment sections whose titles look like document titles.
令 carry a 题注 and the signatory; speeches a speaker and a date; 任免 notices name lists.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field, replace
from typing import Callable

from . import dates
from .cities import City, Dept
from .phrases import (
    PLAN_WORDS, POSTS, RULE_WORDS, TASKS, TOPICS, Topic, fill, hanzi_ordinal, opening, paragraph, person, sentence,
)

# Lines before the first content line: what a reader takes as the document's heading.
HEADER_ROLES = frozenset({"banner", "docnum", "title", "recipients", "order_head", "order_num", "speaker", "speech_date"})


@dataclass
class Line:
    text: str
    role: str
    table: int | None = None  # a table cell: which table of the document, row, column
    row: int = 0
    col: int = 0


@dataclass
class Doc:
    kind: str
    lines: list[Line]
    title: str
    doc_number: str | None  # as printed
    doc_number_canonical: str | None
    offices: list[str]  # as printed in letterhead / signature, joint issuers all listed
    office: str  # the one a reader credits (the lead issuer)
    genre: str
    signed: dt.date | None
    recipients: str | None
    attachments: list[str]
    section: str  # 目录 section: order / gov / office / dept / joint / personnel / speech
    toc_title: str  # the title as a 目录 prints it
    toc_number: str | None  # the number as a 目录 prints it
    notes: list[str] = field(default_factory=list)

    @property
    def first_content(self) -> int:
        return next(i for i, ln in enumerate(self.lines) if ln.role not in HEADER_ROLES)

    @property
    def chars(self) -> int:
        return sum(len(ln.text) for ln in self.lines)


class Numbers:
    """文号 serials per agency and year, increasing with gaps like a real register."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._next: dict[tuple[str, int], int] = {}
        self._order = 0

    def take(self, agency: str, year: int) -> int:
        key = (agency, year)
        serial = self._next.get(key, self._rng.randint(1, 6))
        self._next[key] = serial + self._rng.randint(1, 5)
        return serial

    def order(self, base: int) -> int:
        """Government orders are numbered across years (第192号)."""
        if not self._order:
            self._order = base
        self._order += 1
        return self._order


@dataclass
class Ctx:
    """Everything a document builder needs: the city, the randomness, the dates, the registers."""

    city: City
    rng: random.Random
    numbers: Numbers
    used_topics: list[str] = field(default_factory=list)

    def topic(self) -> Topic:
        fresh = [t for t in TOPICS if t.name not in self.used_topics] or list(TOPICS)
        t = self.rng.choice(fresh)
        self.used_topics.append(t.name)
        return t

    def number(self, agency: str, year: int) -> tuple[str, str, tuple[str, int, int]]:
        serial = self.numbers.take(agency, year)
        left, right = self.city.bracket
        printed = f"{agency}{left}{year}{right}{serial}号"
        if self.rng.random() < 0.06:  # real pages: 桂政办发【2015】78 号, 渝北府发 〔2017〕 7号
            printed = f"{agency}{left}{year}{right}{serial} 号"
        return printed, f"{agency}〔{year}〕{serial}号", (agency, year, serial)

    @property
    def prov_gov(self) -> str:
        return f"{self.city.province}人民政府"


# ---------------------------------------------------------------- shared pieces

def wrap(rng: random.Random, text: str, lines: int | None = None) -> list[str]:
    """Break a long title over 1–3 centred lines, at 关于/的 boundaries when there are some."""
    if len(text) <= 18 or rng.random() < 0.3:
        return [text]
    n = lines or (3 if len(text) > 40 and rng.random() < 0.5 else 2)
    cuts: list[int] = []
    for k in range(1, n):
        target = len(text) * k // n
        best = target
        for marker in ("关于", "的通知", "的意见", "的批复", "的决定", "的函", "的通告", "的通报", "《"):
            pos = text.find(marker, max(4, target - 6), target + 6)
            if pos > 0:
                best = pos + (2 if marker == "关于" else 0)
                break
        cuts.append(best + rng.randint(-1, 1) if best == target else best)
    cuts = sorted(c for c in set(cuts) if 3 < c < len(text) - 2)
    parts, last = [], 0
    for c in cuts:
        parts.append(text[last:c])
        last = c
    parts.append(text[last:])
    return [p for p in parts if p]


def body_section(ctx: Ctx, topic: Topic, heading: str, paras: int) -> list[Line]:
    lines = [Line(heading, "heading")]
    numbered = ctx.rng.random() < 0.7
    for k, task in enumerate(ctx.rng.sample(TASKS, paras)):
        if numbered:
            lines.append(Line(f"（{hanzi_ordinal(k + 1)}）{task}。" + sentence(ctx.rng, ctx.city.lvl), "body"))
        else:
            lines.append(Line(paragraph(ctx.rng, topic, ctx.city.lvl), "body"))
    return lines


def citation(ctx: Ctx, topic: Topic, year: int) -> str:
    """A higher-level document cited in the body (its 文号 is NOT this document's)."""
    city = ctx.city
    n = ctx.rng.randint(3, 98)
    return f"《{ctx.prov_gov}办公厅关于加强{topic.name}工作的通知》（{city.prov}政办发〔{year - 1}〕{n}号）"


def signature(ctx: Ctx, offices: list[str], signed: dt.date, public: bool = True) -> list[Line]:
    rng = ctx.rng
    written = dates.write(signed, dates.signature_form(rng))
    if len(offices) == 1 and rng.random() < 0.05:  # a flattened page: office and date on one line
        lines = [Line(f"{offices[0]}　　{written}", "sign")]
    else:
        lines = [Line(o, "sign_office") for o in offices] + [Line(written, "sign_date")]
    if public and rng.random() < 0.75:
        lines.append(Line(rng.choice(("（此件公开发布）", "（此件公开发布）", "（此件主动公开）")), "public"))
    return lines


def header(ctx: Ctx, title: str, number: str | None, banner: list[str], recipients: str | None) -> list[Line]:
    """Banner, 文号, title and 主送, in one of the orders real pages print them."""
    rng = ctx.rng
    lines = [Line(b, "banner") for b in banner]
    title_lines = [Line(t, "title") for t in wrap(rng, title)]
    where = rng.random()
    if number and where < 0.05 and len(title_lines) == 1:  # 文号 glued after the title
        title_lines = [Line(f"{title}（{number}）", "title")]
        lines += title_lines
    elif number and where < 0.25:
        lines += title_lines + [Line(f"（{number}）" if rng.random() < 0.5 else number, "docnum")]
    else:
        if number:
            lines.append(Line(number, "docnum"))
        lines += title_lines
    if recipients:
        lines.append(Line(f"{recipients}：", "recipients"))
    return lines


def attachment_list(names: list[str]) -> list[Line]:
    if len(names) == 1:
        return [Line(f"附件：{names[0]}", "attach_list")]
    out = [Line(f"附件：1．{names[0]}", "attach_list")]
    out += [Line(f"{k}．{n}", "attach_list") for k, n in enumerate(names[1:], start=2)]
    return out


def task_table(ctx: Ctx, topic: Topic, table_id: int) -> list[Line]:
    """A 分工表 as table cells (rendered as a real <table> or flattened, one cell per line)."""
    city = ctx.city
    head = ("序号", "重点任务", "牵头单位", "完成时限")
    cells = [Line(h, "cell", table_id, 0, c) for c, h in enumerate(head)]
    depts = [d for d in city.depts]
    for r in range(1, ctx.rng.randint(3, 6)):
        task = ctx.rng.choice(TASKS)
        dept = ctx.rng.choice(depts)
        row = (str(r), f"{task}，推进{topic.name}", f"{city.lvl}{dept.name}", f"{ctx.rng.choice(('6', '9', '12'))}月底前")
        cells += [Line(v, "cell", table_id, r, c) for c, v in enumerate(row)]
    return cells


def recipients_for(city: City, rng: random.Random) -> str:
    if city.level == "市":
        options = ("各县（市、区）人民政府，市政府各部门、各直属机构", "各县市区人民政府，市直各单位",
                   "各县（市、区）人民政府，市政府各工作部门，各有关单位")
    elif city.level == "县":
        options = ("各乡（镇）人民政府，县政府各部门", "各乡镇人民政府、街道办事处，县直各单位")
    else:
        options = ("各街道办事处，区政府各部门，各有关单位", "各镇人民政府、街道办事处，区直各单位")
    return rng.choice(options)


def issuer(ctx: Ctx, prefer_gov: float = 0.5) -> tuple[str, str, str]:
    """(office as printed, 文号 agency, 目录 section) for a government or office document."""
    city = ctx.city
    if ctx.rng.random() < prefer_gov:
        return city.gov, city.gov_fa, "gov"
    return city.office_full, city.office_fa, "office"


def short_office(city: City, title: str) -> str:
    """How a 目录 may print a title: the government without the city name (市人民政府办公室关于…)."""
    return title.replace(city.name, city.level, 1) if title.startswith(city.gov) else title


def make_doc(ctx: Ctx, kind: str, lines: list[Line], title: str, number: tuple[str, str, tuple] | None,
             offices: list[str], genre: str, signed: dt.date | None, recipients: str | None,
             attachments: list[str], section: str, toc_title: str | None = None,
             toc_number: str | None = None) -> Doc:
    printed, canonical = number[:2] if number else (None, None)
    return Doc(kind, lines, title, printed, canonical, offices, offices[0], genre, signed, recipients,
               attachments, section, toc_title or title, toc_number if toc_number is not None else printed)


# ---------------------------------------------------------------- genres

def order(ctx: Ctx, signed: dt.date) -> Doc:
    """政府令: header, 题注, signatory, then the rules with chapters and articles."""
    city, rng = ctx.city, ctx.rng
    topic = ctx.topic()
    title = f"{city.name}{topic.name}{rng.choice(RULE_WORDS)}"
    serial = ctx.numbers.order(100 + sum(map(ord, city.slug)) % 150)
    agency = f"{city.gov}令"
    form = city.order_form
    if form == "oneline":
        head = [Line(f"{agency}　第{serial}号", "order_head")]
        printed = f"{agency}　第{serial}号"
    else:
        head = [Line(agency, "order_head"), Line(f"第{serial}号" if rng.random() < 0.7 else f"第 {serial} 号", "order_num")]
        printed = f"{agency}{head[1].text}"
    meeting = signed - dt.timedelta(days=rng.randint(5, 40))
    effective = signed + dt.timedelta(days=rng.randint(20, 90))
    effective = effective.replace(day=1)
    head.append(Line(f"《{title}》已经{dates.write(meeting, 'arabic')}{city.lvl}人民政府第{rng.randint(8, 140)}次常务会议"
                     f"{rng.choice(('通过', '审议通过'))}，现予公布，自{dates.write(effective, 'arabic')}起施行。", "body"))
    head.append(Line(f"{city.head_title}　{city.head_name}", "sign_person"))
    head.append(Line(dates.write(signed, rng.choice(("arabic", "arabic", "hanzi"))), "sign_date"))
    head += [Line(t, "rule_title") for t in wrap(rng, title, 1 if len(title) < 20 else 2)]
    chapters = ("总　则", "管理职责", "规范要求", "监督检查", "法律责任", "附　则")
    art = 0
    for c, chap in enumerate(chapters[: rng.randint(3, 6)]):
        head.append(Line(f"第{hanzi_ordinal(c + 1)}章　{chap}", "heading"))
        for _ in range(rng.randint(2, 4)):
            art += 1
            if art == 1:
                text = f"为了加强{topic.name}工作，{topic.goal}，根据有关法律、法规，结合本{city.lvl}实际，制定本办法。"
            elif art == 2:
                text = f"本{city.lvl}行政区域内的{topic.name}及其监督管理活动，适用本办法。"
            else:
                text = sentence(rng, city.lvl)
            head.append(Line(f"第{hanzi_ordinal(art)}条　{text}", "body"))
    art += 1
    head.append(Line(f"第{hanzi_ordinal(art)}条　本办法自{dates.write(effective, 'arabic')}起施行。", "body"))
    short_agency = rng.choice(("市政府令", "市人民政府令")) if city.order_form != "hao_ling" else "市人民政府"
    toc_number = f"{short_agency}第{serial}号令" if city.order_form == "hao_ling" else f"{short_agency}第{serial}号"
    canonical = f"{agency}第{serial}号"
    return make_doc(ctx, "order", head, title, (printed, canonical, (agency, None, serial)), [city.gov], "令",
                    signed, None, [], "order", toc_number=toc_number)


def issuing_notice(ctx: Ctx, signed: dt.date, banner_p: float) -> Doc:
    """关于印发《…实施方案》的通知, followed by the plan itself (a title that must not split)."""
    city, rng = ctx.city, ctx.rng
    topic = ctx.topic()
    office, agency, section = issuer(ctx)
    word = fill(rng.choice(PLAN_WORDS), y=str(signed.year), y2=str(signed.year + 2))
    plan = f"{city.name}{topic.name}{word}"
    marks = rng.random() < 0.5
    title = f"{office}关于印发{'《' + plan + '》' if marks else plan}的通知"
    number = ctx.number(agency, signed.year)
    recipients = recipients_for(city, rng)
    banner = [f"{office}文件"] if rng.random() < banner_p else []
    lines = header(ctx, title, number[0], banner, recipients)
    if rng.random() < 0.5:
        lines.append(Line(f"现将《{plan}》印发给你们，请认真贯彻执行。", "body"))
    else:
        lines.append(Line(f"《{plan}》已经{city.lvl}人民政府同意，现印发给你们，请结合实际认真组织实施。", "body"))
    lines += signature(ctx, [office], signed)
    if rng.random() < 0.3:
        lines.append(Line("附件", "attach_label"))
    lines += [Line(t, "attach_title") for t in wrap(rng, plan, 2 if len(plan) > 20 else 1)]
    lines.append(Line(opening(rng, topic, city.lvl, ctx.prov_gov) + f"根据{citation(ctx, topic, signed.year)}精神，制定本方案。", "body"))
    headings = ("总体要求", "主要任务", "保障措施", "工作步骤", "职责分工")
    for k, h in enumerate(headings[: rng.randint(2, 4)]):
        lines += body_section(ctx, topic, f"{hanzi_ordinal(k + 1)}、{h}", rng.randint(1, 3))
    if rng.random() < 0.3:
        lines.append(Line(f"{city.name}{topic.name}重点任务分工表", "attach_title"))
        lines += task_table(ctx, topic, 1)
        lines.append(Line(f"本方案自印发之日起施行，由{city.lvl}{topic.dept}负责解释。", "body"))
    return make_doc(ctx, "issuing_notice", lines, title, number, [office], "通知", signed, recipients, [],
                    section, toc_title=title)


def work_notice(ctx: Ctx, signed: dt.date, banner_p: float) -> Doc:
    """A 通知 with numbered sections, an 附件 list and attachment sections after the signature."""
    city, rng = ctx.city, ctx.rng
    topic = ctx.topic()
    office, agency, section = issuer(ctx, 0.4)
    shape = rng.choice(("关于做好{y}年{t}工作的通知", "关于进一步加强{t}工作的通知", "关于开展{t}专项行动的通知"))
    title = office + fill(shape, y=str(signed.year), t=topic.name)
    number = ctx.number(agency, signed.year)
    recipients = recipients_for(city, rng)
    banner = [f"{office}文件"] if rng.random() < banner_p else []
    lines = header(ctx, title, number[0], banner, recipients)
    lines.append(Line(opening(rng, topic, city.lvl, ctx.prov_gov) + "经" + city.lvl + "人民政府同意，现就有关事项通知如下：", "body"))
    for k, h in enumerate(("明确工作目标", "突出工作重点", "强化工作保障")[: rng.randint(2, 3)]):
        lines.append(Line(f"{hanzi_ordinal(k + 1)}、{h}", "heading"))
        lines.append(Line(paragraph(rng, topic, city.lvl), "body"))
        if k == 0:
            lines.append(Line(f"到{signed.year + 1}年底，{topic.goal}。", "body"))
    attachments: list[str] = []
    if rng.random() < 0.6:
        attachments = [f"{city.name}{topic.name}工作领导小组成员名单"]
        if rng.random() < 0.5:
            attachments.append(f"{topic.name}重点任务分工表")
        lines += attachment_list(attachments)
    lines += signature(ctx, [office], signed)
    for k, name in enumerate(attachments):
        lines.append(Line(f"附件{k + 1}" if len(attachments) > 1 else "附件", "attach_label"))
        lines.append(Line(name, "attach_title"))
        if name.endswith("名单"):
            lines.append(Line(f"组　长：{person(rng)}　{city.lvl}人民政府副{city.lvl}长", "body"))
            lines.append(Line(f"副组长：{person(rng)}　{city.lvl}人民政府办公室副主任", "body"))
            lines.append(Line("成　员：" + "、".join(f"{person(rng)}（{city.lvl}{d.name}）" for d in rng.sample(city.depts, 4)), "body"))
            lines.append(Line(f"领导小组办公室设在{city.lvl}{topic.dept}，负责日常工作。", "body"))
        else:
            lines += task_table(ctx, topic, k + 1)
            lines.append(Line(f"注：各责任单位于每季度末前报送工作进展情况。", "body"))
    return make_doc(ctx, "work_notice", lines, title, number, [office], "通知", signed, recipients,
                    attachments, section)


def opinion(ctx: Ctx, signed: dt.date, banner_p: float) -> Doc:
    city, rng = ctx.city, ctx.rng
    topic = ctx.topic()
    office, agency, section = issuer(ctx)
    title = office + rng.choice(("关于加快推进{t}的实施意见", "关于进一步加强{t}工作的意见", "关于推动{t}高质量发展的意见")).format(t=topic.name)
    number = ctx.number(agency, signed.year)
    recipients = recipients_for(city, rng)
    banner = [f"{office}文件"] if rng.random() < banner_p else []
    lines = header(ctx, title, number[0], banner, recipients)
    lines.append(Line(opening(rng, topic, city.lvl, ctx.prov_gov) + f"经{city.lvl}人民政府同意，现提出如下意见。", "body"))
    for k, h in enumerate(("总体要求", "重点任务", "支持政策", "组织保障")[: rng.randint(2, 4)]):
        lines += body_section(ctx, topic, f"{hanzi_ordinal(k + 1)}、{h}", rng.randint(1, 3))
    lines.append(Line(f"本意见自印发之日起施行，有效期{rng.choice(('3', '5'))}年。", "body"))
    lines += signature(ctx, [office], signed)
    return make_doc(ctx, "opinion", lines, title, number, [office], "意见", signed, recipients, [], section)


def decision(ctx: Ctx, signed: dt.date, banner_p: float) -> Doc:
    """决定: a commendation with a name list, or an abolition listing other documents' titles and 文号."""
    city, rng = ctx.city, ctx.rng
    topic = ctx.topic()
    office, agency, section = city.gov, city.gov_fa, "gov"
    number = ctx.number(agency, signed.year)
    recipients = recipients_for(city, rng)
    banner = [f"{office}文件"] if rng.random() < banner_p else []
    attachments: list[str] = []
    if rng.random() < 0.5:
        title = f"{office}关于表彰{signed.year - 1}年度{topic.name}工作先进集体和先进个人的决定"
        lines = header(ctx, title, number[0], banner, recipients)
        lines.append(Line(f"{signed.year - 1}年，全{city.lvl}各地各部门认真落实{topic.name}各项工作部署，涌现出一批先进集体和先进个人。"
                          f"为表彰先进、树立典型，{city.lvl}人民政府决定，对{city.lvl}{topic.dept}等{rng.randint(5, 20)}个先进集体和"
                          f"{rng.randint(10, 40)}名先进个人予以通报表彰。", "body"))
        lines.append(Line("希望受到表彰的集体和个人珍惜荣誉，再接再厉。" + sentence(rng, city.lvl), "body"))
        name = f"{city.name}{signed.year - 1}年度{topic.name}工作先进集体和先进个人名单"
        attachments = [name]
        lines += attachment_list(attachments)
        lines += signature(ctx, [office], signed)
        lines.append(Line("附件", "attach_label"))
        lines += [Line(t, "attach_title") for t in wrap(rng, name, 2)]
        lines.append(Line(f"一、先进集体（{rng.randint(3, 6)}个）", "heading"))
        for d in rng.sample(city.depts, 3):
            lines.append(Line(f"{city.name}{d.name}", "body"))
        lines.append(Line(f"二、先进个人（{rng.randint(3, 6)}名）", "heading"))
        for d in rng.sample(city.depts, 3):
            lines.append(Line(f"{person(rng)}　{city.name}{d.name}科长", "body"))
    else:
        title = f"{office}关于废止和修改部分{city.lvl}政府规范性文件的决定"
        lines = header(ctx, title, number[0], banner, recipients)
        lines.append(Line(f"为维护法制统一，{city.lvl}人民政府对现行规范性文件进行了清理。经{city.lvl}人民政府研究，决定：", "body"))
        lines.append(Line(f"一、对以下{rng.randint(2, 3)}件规范性文件予以废止", "heading"))
        for k in range(1, rng.randint(3, 4)):
            old = rng.choice(TOPICS)
            y = signed.year - rng.randint(4, 12)
            lines.append(Line(f"{k}．{city.gov}关于加强{old.name}工作的通知（{city.gov_fa}〔{y}〕{rng.randint(2, 90)}号）", "body"))
        lines.append(Line("二、对以下规范性文件的部分条款予以修改", "heading"))
        lines.append(Line(f"将《{city.name}{topic.name}管理办法》第{hanzi_ordinal(rng.randint(3, 12))}条中的“{city.lvl}{topic.dept}”修改为“{city.lvl}有关主管部门”。", "body"))
        lines.append(Line("本决定自公布之日起施行。", "body"))
        lines += signature(ctx, [office], signed)
    return make_doc(ctx, "decision", lines, title, number, [office], "决定", signed, recipients, attachments, section)


def reply(ctx: Ctx, signed: dt.date, banner_p: float) -> Doc:
    """批复 to one department; the body cites the request's own 文号."""
    city, rng = ctx.city, ctx.rng
    topic = ctx.topic()
    dept = rng.choice(city.depts)
    office = city.gov if rng.random() < 0.7 else city.office_full
    agency = city.gov_han if office == city.gov else city.office_han
    thing = rng.choice((f"{topic.place_word}建设项目", f"{topic.place_word}调整方案", f"设立{city.name[:-1]}{topic.place_word}"))
    title = f"{office}关于同意{thing}的批复"
    number = ctx.number(agency, signed.year)
    recipients = f"{city.name}{dept.name}"
    lines = header(ctx, title, number[0], [], recipients)
    req = f"{city.short}{dept.code}〔{signed.year}〕{rng.randint(2, 60)}号"
    lines.append(Line(f"你局《关于{thing}的请示》（{req}）收悉。经研究，现批复如下：", "body"))
    lines.append(Line(f"一、同意{thing}。", "body"))
    lines.append(Line(f"二、{sentence(rng, city.lvl)}", "body"))
    if rng.random() < 0.5:
        lines.append(Line(f"三、请你局会同有关部门严格按照规定组织实施，{topic.goal}。", "body"))
    lines.append(Line("此复。", "body"))
    lines += signature(ctx, [office], signed)
    section = "gov" if office == city.gov else "office"
    return make_doc(ctx, "reply", lines, title, number, [office], "批复", signed, recipients, [], section)


def letter(ctx: Ctx, signed: dt.date, banner_p: float) -> Doc:
    """函 answering a department, with a 联席会议制度 attached (a title that must not split)."""
    city, rng = ctx.city, ctx.rng
    topic = ctx.topic()
    dept = rng.choice(city.depts)
    office = city.office_full
    system = f"{city.name}{topic.name}工作联席会议制度"
    title = f"{office}关于同意建立{system}的函"
    number = ctx.number(city.office_han, signed.year)
    recipients = f"{city.lvl}{dept.name}"
    lines = header(ctx, title, number[0], [], recipients)
    lines.append(Line(f"你局《关于建立{system}的请示》收悉。经{city.lvl}人民政府同意，现函复如下：", "body"))
    lines.append(Line(f"{city.lvl}人民政府同意建立由你局牵头的{system}。联席会议不刻制印章，不正式行文，"
                      f"请按照{city.lvl}人民政府有关文件精神认真组织开展工作。", "body"))
    attachments = [system]
    lines += attachment_list(attachments)
    lines += signature(ctx, [office], signed)
    lines.append(Line("附件", "attach_label"))
    lines.append(Line(system, "attach_title"))
    lines += body_section(ctx, topic, "一、主要职能", 2)
    lines.append(Line("二、成员单位", "heading"))
    lines.append(Line("、".join(f"{city.lvl}{d.name}" for d in rng.sample(city.depts, 5)) + "。", "body"))
    lines.append(Line("三、工作规则", "heading"))
    lines.append(Line(f"联席会议原则上每半年召开一次全体会议，由召集人或召集人委托的副召集人主持。", "body"))
    return make_doc(ctx, "letter", lines, title, number, [office], "函", signed, recipients, attachments, "office")


def announcement(ctx: Ctx, signed: dt.date, banner_p: float) -> Doc:
    """通告 / 公告: no 主送, numbered items, 特此公告."""
    city, rng = ctx.city, ctx.rng
    topic = ctx.topic()
    office = city.gov
    if rng.random() < 0.5:
        genre, title = "通告", f"{office}关于在{topic.place_word}范围内实行{topic.name}管控措施的通告"
        intro, closing = "为切实做好" + topic.name + "工作，保障人民群众生命财产安全，根据有关法律法规，现就有关事项通告如下：", "特此通告。"
    else:
        genre, title = "公告", f"{office}关于{city.name[:-1]}{topic.place_word}国有土地上房屋征收决定的公告"
        intro, closing = f"因{topic.place_word}建设需要，根据《国有土地上房屋征收与补偿条例》等规定，{city.lvl}人民政府决定对相关范围内的房屋实施征收。现将有关事项公告如下：", "特此公告。"
    number = ctx.number(city.tong, signed.year)
    lines = header(ctx, title, number[0], [], None)
    lines.append(Line(intro, "body"))
    for k in range(rng.randint(3, 5)):
        lines.append(Line(f"{hanzi_ordinal(k + 1)}、{sentence(rng, city.lvl)}", "body"))
    lines.append(Line(f"本{genre}自发布之日起施行。", "body"))
    lines.append(Line(closing, "body"))
    lines += signature(ctx, [office], signed, public=False)
    return make_doc(ctx, "announcement", lines, title, number, [office], genre, signed, None, [], "gov")


def bulletin(ctx: Ctx, signed: dt.date, banner_p: float) -> Doc:
    """通报 with a results table as its attachment."""
    city, rng = ctx.city, ctx.rng
    topic = ctx.topic()
    office, agency, section = issuer(ctx, 0.3)
    title = f"{office}关于{signed.year - 1}年度{topic.name}工作考核结果的通报"
    number = ctx.number(agency, signed.year)
    recipients = recipients_for(city, rng)
    banner = [f"{office}文件"] if rng.random() < banner_p else []
    lines = header(ctx, title, number[0], banner, recipients)
    lines.append(Line(f"根据{city.lvl}{topic.dept}等部门对{signed.year - 1}年度{topic.name}工作的考核情况，现将考核结果通报如下：", "body"))
    lines.append(Line(paragraph(rng, topic, city.lvl), "body"))
    lines.append(Line("特此通报。", "body"))
    name = f"{signed.year - 1}年度{topic.name}工作考核结果"
    lines += attachment_list([name])
    lines += signature(ctx, [office], signed)
    lines.append(Line("附件", "attach_label"))
    lines.append(Line(name, "attach_title"))
    cells = [Line(h, "cell", 1, 0, c) for c, h in enumerate(("序号", "单位", "得分", "等次"))]
    for r in range(1, rng.randint(4, 7)):
        d = rng.choice(city.depts)
        vals = (str(r), f"{city.lvl}{d.name}", str(rng.randint(80, 99)), rng.choice(("优秀", "良好")))
        cells += [Line(v, "cell", 1, r, c) for c, v in enumerate(vals)]
    lines += cells
    lines.append(Line("注：考核结果按得分高低排列。", "body"))
    return make_doc(ctx, "bulletin", lines, title, number, [office], "通报", signed, recipients, [name], section)


def speech(ctx: Ctx, signed: dt.date, banner_p: float) -> Doc:
    """讲话: title, speaker, date in parentheses; no 文号, no signature."""
    city, rng = ctx.city, ctx.rng
    topic = ctx.topic()
    head_speaker = rng.random() < 0.5
    name = city.head_name if head_speaker else rng.choice(city.deputies)
    post = city.head_title if head_speaker else f"副{city.head_title}"
    meeting = rng.choice((f"全{city.lvl}{topic.name}工作会议", f"{signed.year}年全{city.lvl}{topic.name}工作推进会",
                          f"全{city.lvl}{topic.name}现场观摩会"))
    title = f"在{meeting}上的讲话"
    when = f"（{dates.write(signed, rng.choice(('arabic', 'hanzi')))}）"
    lines = [Line(t, "title") for t in wrap(rng, title, 1 if len(title) < 22 else 2)]
    who = Line(f"{post}　{name}", "speaker")
    lines += [who, Line(when, "speech_date")] if rng.random() < 0.5 else [Line(when, "speech_date"), who]
    lines.append(Line("同志们：", "body"))
    lines.append(Line(f"今天召开{meeting}，主要任务是总结工作、分析形势、部署任务。刚才，几个单位作了发言，讲得很好，我都同意。下面，我讲几点意见。", "body"))
    for k, h in enumerate(("提高思想认识，切实增强责任感紧迫感", "突出工作重点，全力推动各项任务落实", "加强组织领导，确保取得实效")[: rng.randint(2, 3)]):
        lines.append(Line(f"{hanzi_ordinal(k + 1)}、{h}", "heading"))
        lines.append(Line(paragraph(rng, topic, city.lvl), "body"))
    lines.append(Line(f"同志们，做好{topic.name}工作责任重大。让我们紧密团结，真抓实干，为全{city.lvl}高质量发展作出新的更大贡献！", "body"))
    toc_title = f"{name}{post}在{meeting}上的讲话" if rng.random() < 0.5 else title
    doc = make_doc(ctx, "speech", lines, title, None, [city.gov], "讲话", signed, None, [], "speech",
                   toc_title=toc_title, toc_number=None)
    doc.offices = []  # nothing printed: the speaker's government is who a reader credits
    return doc


def personnel(ctx: Ctx, signed: dt.date, banner_p: float) -> Doc:
    """人事任免 notice: 任命 / 免去 lists."""
    city, rng = ctx.city, ctx.rng
    names = [person(rng) for _ in range(rng.randint(3, 6))]
    title = rng.choice((f"{city.gov}关于{names[0]}等同志职务任免的通知", f"{city.gov}关于任免{names[0]}等同志职务的通知"))
    number = ctx.number(city.ren, signed.year)
    recipients = recipients_for(city, rng)
    lines = header(ctx, title, number[0], [], recipients)
    meet = signed - dt.timedelta(days=rng.randint(1, 10))
    lines.append(Line(f"经{dates.write(meet, 'arabic')}{city.lvl}人民政府第{rng.randint(5, 120)}次常务会议研究决定：", "body"))
    cut = rng.randint(1, len(names) - 1)
    posts = rng.sample(POSTS, len(names))
    lines.append(Line("任命：", "body"))
    for n, p in zip(names[:cut], posts):
        lines.append(Line(f"{n}为{fill(p, city=city.name)}；", "body"))
    lines.append(Line("免去：", "body"))
    for n, p in zip(names[cut:], posts[cut:]):
        lines.append(Line(f"{n}的{fill(p, city=city.name)}职务。", "body"))
    lines += signature(ctx, [city.gov], signed)
    return make_doc(ctx, "personnel", lines, title, number, [city.gov], "通知", signed, recipients, [], "personnel")


def dept_notice(ctx: Ctx, signed: dt.date, banner_p: float) -> Doc:
    """A department document, often issued jointly by two departments (both sign)."""
    city, rng = ctx.city, ctx.rng
    topic = ctx.topic()
    two = rng.random() < 0.6
    depts: list[Dept] = rng.sample(city.depts, 2 if two else 1)
    offices = [city.dept_full(d) for d in depts]
    agency = city.short + "".join(d.code for d in depts) + ("" if two else "发")
    word = rng.choice(("管理办法", "实施细则", "工作指引"))
    plan = f"{city.name}{topic.name}{word}"
    joined = rng.choice(("　", " ", "、")).join(offices)
    title = f"{joined}关于印发《{plan}》的通知"
    number = ctx.number(agency, signed.year)
    recipients = rng.choice((f"各县（市、区）{depts[0].name}", "各有关单位")) if city.level == "市" else "各有关单位"
    lines = header(ctx, title, number[0], [], recipients)
    lines.append(Line(f"为{rng.choice(('规范', '加强'))}{topic.name}工作，我们制定了《{plan}》，现印发给你们，请遵照执行。", "body"))
    lines += signature(ctx, offices, signed)
    lines += [Line(t, "attach_title") for t in wrap(rng, plan, 1)]
    lines += body_section(ctx, topic, "第一章　总　则", 2)
    lines += body_section(ctx, topic, "第二章　工作要求", rng.randint(1, 3))
    lines.append(Line(f"本{word[-2:]}自印发之日起施行。", "body"))
    return make_doc(ctx, "dept_notice", lines, title, number, offices, "通知", signed, recipients, [], "dept")


def joint_notice(ctx: Ctx, signed: dt.date, banner_p: float) -> Doc:
    """中共X委办公室 X人民政府办公室 jointly: joint banner, both sign."""
    city, rng = ctx.city, ctx.rng
    topic = ctx.topic()
    offices = [city.party_office, city.office_full]
    what = f"关于加快推进{topic.name}的实施意见"
    title = f"{offices[0]}　{offices[1]}印发《{what}》的通知" if rng.random() < 0.5 else \
        f"{offices[0]}　{offices[1]}关于印发《{what}》的通知"
    number = ctx.number(city.party_fa, signed.year)
    recipients = f"各县（市、区）委和人民政府，{city.lvl}委各部委，{city.lvl}直各单位" if city.level == "市" else f"各乡镇党委和人民政府，{city.lvl}直各单位"
    banner = [offices[0], offices[1] + ("文件" if rng.random() < 0.6 else "")] if rng.random() < max(banner_p, 0.6) else []
    lines = header(ctx, title, number[0], banner, recipients)
    lines.append(Line(f"《{what}》已经{city.lvl}委、{city.lvl}人民政府同意，现印发给你们，请结合实际认真贯彻落实。", "body"))
    lines += signature(ctx, offices, signed)
    lines += [Line(t, "attach_title") for t in wrap(rng, what, 1)]
    lines.append(Line(opening(rng, topic, city.lvl, ctx.prov_gov) + "现提出如下实施意见。", "body"))
    lines += body_section(ctx, topic, "一、总体要求", 2)
    lines += body_section(ctx, topic, "二、重点任务", rng.randint(1, 3))
    return make_doc(ctx, "joint_notice", lines, title, number, offices, "通知", signed, recipients, [], "joint")


BUILDERS: dict[str, Callable[[Ctx, dt.date, float], Doc]] = {
    "issuing_notice": issuing_notice, "work_notice": work_notice, "opinion": opinion, "decision": decision,
    "reply": reply, "letter": letter, "announcement": announcement, "bulletin": bulletin, "speech": speech,
    "personnel": personnel, "dept_notice": dept_notice, "joint_notice": joint_notice,
}
WEIGHTS = {"issuing_notice": 6, "work_notice": 4, "opinion": 2, "decision": 1.5, "reply": 1.5, "letter": 1,
           "announcement": 1, "bulletin": 1, "speech": 1, "personnel": 1.5, "dept_notice": 2, "joint_notice": 1}


def build(ctx: Ctx, kind: str, signed: dt.date, banner_p: float) -> Doc:
    if kind == "order":
        return order(ctx, signed)
    return BUILDERS[kind](ctx, signed, banner_p)


def pick_kinds(rng: random.Random, city: City, n: int) -> list[str]:
    kinds = list(WEIGHTS)
    out = rng.choices(kinds, weights=[WEIGHTS[k] for k in kinds], k=n)
    if city.has_orders and rng.random() < 0.45:
        out[rng.randrange(n)] = "order"
    return out


def converted(doc: Doc, conv: Callable[[str], str]) -> Doc:
    """The document in another script, converted line by line as the page prints it; a title
    wrapped over lines is the converted lines joined (a phrase cut by the wrap converts apart)."""
    c = lambda s: conv(s) if s is not None else None  # noqa: E731
    lines = [replace(ln, text=conv(ln.text)) for ln in doc.lines]
    title = conv(doc.title)
    for role in ("title", "rule_title"):
        parts = [k for k, ln in enumerate(doc.lines) if ln.role == role]
        if parts and "".join(doc.lines[k].text for k in parts) == doc.title:
            title = "".join(lines[k].text for k in parts)
    recipients = c(doc.recipients)
    for k, ln in enumerate(doc.lines):
        if ln.role == "recipients":
            recipients = lines[k].text.rstrip("：")
    return replace(doc, lines=lines, title=title,
                   doc_number=c(doc.doc_number), doc_number_canonical=c(doc.doc_number_canonical),
                   offices=[conv(o) for o in doc.offices], office=conv(doc.office), recipients=recipients,
                   attachments=[conv(a) for a in doc.attachments], toc_title=conv(doc.toc_title),
                   toc_number=c(doc.toc_number))
