"""CMS field rows (索引号 / 发布机构 / 文号 / 成文日期 …): read them as page metadata, never as content.

Real pages print them in many styles (../shared/real): `发布机构:四川省人民政府`, letter-spaced
labels without a colon (`索   引   号 20191202-189769 分        类 其他`, 011), several pairs on one
line (`发布机构 固原市政府办 文 号`, 038), a bullet and the value on the next line (`• 发文字号:` /
`镇政发〔2024〕7号`, 001), bracketed labels (`【发布文号】…【发布日期】…`, 026), labels with a
mirror's pinyin glosses (`發(fā)布機(jī)構(gòu)`, 040). A row is recognised by its labels, from a
lexicon of the field names government CMSs use; a line holding one known label without a colon only
counts inside a block of field rows or at the top of the page, so body text is never taken for one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..docnumber import find_doc_numbers
from ..normalize import Normalizer, fold_blanks, fold_width, strip_glosses
from ..script import to_simplified_chars

# Field labels as government CMSs print them (Simplified; Traditional pages are folded first).
LABELS = (
    "索引号 主题分类 主题词 关键词 关键字 体裁分类 组配分类 信息分类 分类 所属主题 所属类别 公文种类 文种 "
    "发布机构 发布单位 发布部门 发文机关 发文机构 发文单位 发文部门 制发机关 成文机关 责任部门 公开责任部门 "
    "发文字号 发文文号 发布文号 文件编号 文号 发文号 字号 编号 "
    "成文日期 发文日期 发文时间 签发日期 印发日期 生成日期 生效日期 生效时间 施行日期 废止日期 废止时间 失效日期 "
    "发布日期 发布时间 公开日期 公布日期 上载日期 更新时间 "
    "标题 名称 信息名称 文件名称 题名 文件标题 "
    "有效性 时效性 时效 效力状态 效力级别 有效期 "
    "公开方式 公开范围 公开时限 公开形式 来源 信息来源 文件来源 内容概述 摘要 备注 "
    "浏览次数 访问次数 阅读次数 点击数 浏览量 点击 阅读 浏览 时间 日期 作者 "
    "制定机关 颁布机关 公布日期 施行日期 效力等级 时效性 法规类别 签署日期 登记日期 所属机构 统一登记号 信息时效期 "
    "内容概况 效力状况 公开时限 公开形式 公开程序 "
    "公开目录 公开类别 信息类别 文件类型 所属分类 颁布部门 颁布单位 颁布日期 颁布时间 法律效力 效力层级 "
    "主题 体裁 分类词 文件下载"
).split()
# Every character a label may begin with, in either script: lines that cannot hold one are skipped.
LABEL_CHARS = {label[0] for label in LABELS}  # a Traditional page's head is looked up folded
STAMP_START = re.compile(r"[12１２]")
NUMBER_LABELS = {"发文字号", "发文文号", "发布文号", "文件编号", "文号", "发文号", "字号", "编号", "索引号"}
INDEX_CODE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z\-/_.]{5,}$")
DATE_LABELS = {label for label in LABELS if label.endswith(("日期", "时间"))}
# Labels that name a field wherever they stand (来源 or 名称 alone may open a sentence of a body).
STRONG = set(
    "索引号 主题分类 体裁分类 组配分类 信息分类 发布机构 发文机关 发文机构 成文机关 发文字号 发文文号 发布文号 文号 "
    "成文日期 发文日期 生成日期 废止日期 公开方式 公开范围 有效性 时效性 信息名称 所属主题 内容概述".split()
)
TOP_LINES = 25  # a page's field block sits near its top
# A label may carry an ordinal in brackets: 主题(一) 综合政务 主题(二) 文秘工作.
_SPACED = "(?:" + "|".join(r"\s*".join(map(re.escape, label)) for label in sorted(LABELS, key=len, reverse=True)) + r")(?:[(（][一二三四五六七八九十\d][)）])?"
# A label: maybe a bullet or 【】 around it, then a colon, blanks, or the end of the line; two labels
# joined by a slash name one value (备注/文号:…), which the last one reads.
LABEL = re.compile(
    rf"(?:^|(?<=[\s】\]|｜;；,，/／]))[•·\-\*]?\s*(?:[【\[]\s*(?P<boxed>{_SPACED})\s*[】\]]\s*[:：]?|(?P<label>{_SPACED})\s*(?:[:：]|\s|$|(?=[【\[])|(?=[/／]\s*(?:{_SPACED})\s*[:：])))"
)
# A date and time may open a field row: 2011-06-18 00:00:00 来源: 本站原创 (real/010).
STAMP = r"(?:(?:19|20)\d\d[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s+)?"
LEAD = re.compile(rf"^[•·\-\*\s]*{STAMP}(?:[【\[]\s*(?P<boxed>{_SPACED})\s*[】\]](?P<bcolon>)|(?P<label>{_SPACED})\s*(?P<colon>[:：])?)")
# Labels whose value is the document itself: never take the next line as their value.
CONTENT_LABELS = {"内容概述", "内容概况", "摘要", "备注"}


@dataclass(frozen=True, slots=True)
class FieldRow:
    """One line of CMS fields: its (label, value) pairs and whether the next line is its value."""

    pairs: tuple[tuple[str, str], ...]
    takes_next: bool  # the last label has no value on this line (• 发文字号: / 镇政发〔2024〕7号)


def _folded(text: str, plain: str | None = None) -> str:
    """The line the labels are matched on: glosses gone, half-width, Simplified (same length).
    `plain`: the line with glosses gone and half-width, if the caller has it already."""
    plain = fold_width(strip_glosses(text)) if plain is None else plain
    return to_simplified_chars(plain)


def read_row(text: str, in_block: bool) -> FieldRow | None:
    """The field pairs of a line, if the whole line is CMS fields (else None)."""
    head = text.lstrip(" \t\u3000•·-*【[")[:1]
    if not head or (head not in LABEL_CHARS and to_simplified_chars(head) not in LABEL_CHARS and not STAMP_START.match(head)):
        return None  # cheap: no label can begin here
    plain = fold_width(strip_glosses(text))
    folded = _folded(text, plain)
    lead = LEAD.match(folded)
    if lead is None or len(folded) > 240:
        return None
    if glued := _glued_row(text, plain, folded, in_block):
        return glued
    found = list(LABEL.finditer(folded))
    labels = [re.sub(r"\s+", "", m.group("boxed") or m.group("label")) for m in found]
    first = re.sub(r"\s+", "", lead.group("boxed") or lead.group("label"))
    boxed = lead.group("boxed") is not None
    pairs = []
    if stamp := re.match(STAMP, folded[lead.start() :].lstrip("•·-* ")):
        if stamp.group(0).strip():
            pairs.append(("时间", stamp.group(0).strip()))
    for k, m in enumerate(found):
        value = plain[m.end() : found[k + 1].start() if k + 1 < len(found) else len(plain)]
        pairs.append((labels[k], _as_printed(value.strip(" \t\u3000:：•·[]【】|｜;；/／"), text)))
    shift = len(pairs) - len(found)  # a stamp opening the row is a pair of its own
    for k in range(len(found) - 2, -1, -1):
        if pairs[shift + k][1] == "" and folded[found[k].end() : found[k + 1].start()].strip() in ("/", "／"):
            pairs[shift + k] = (labels[k], pairs[shift + k + 1][1])  # 备注/文号: one value, both names
    if not pairs:
        return None
    # A strong label counts anywhere when a value follows it; a bare label alone is a table cell.
    strong = boxed or lead.group("colon") is not None or len(found) >= 2 or (first in STRONG and pairs[0][1] != "")
    if not (strong or in_block):
        return None
    if len(found) == 1 and lead.group("colon") is None and not boxed and len(pairs[0][1]) > 80 and not _named(found[0], pairs[-1][1]):
        return None  # 名称 followed by a long text: a sentence, not a field
    alone = len(found) == 1 and pairs[-1][1] == "" and labels[0] not in CONTENT_LABELS
    return FieldRow(tuple(pairs), takes_next=alone)


TITLE_LABELS = {"标题", "名称", "信息名称", "文件名称", "题名", "文件标题"}


def _named(label: re.Match[str], value: str) -> bool:
    """A long value after a title label is the document's name when it reads as one (no sentence
    stop), or when the label is letter-spaced as only a table prints it (名  稱 …)."""
    name = label.group("label") or ""
    spaced = name != re.sub(r"\s+", "", name)
    return spaced or (re.sub(r"\s+", "", name) in TITLE_LABELS and not re.search(r"[。；;！？!?]", value))


GLUED = re.compile(rf"(?P<label>{'|'.join(sorted(STRONG | {'发文机构', '发文字号', '发布日期', '成文日期'}, key=len, reverse=True))})")

GLUED_IN_BLOCK = re.compile(rf"(?P<label>{'|'.join(sorted((label for label in LABELS if len(label) >= 3), key=len, reverse=True))})")


def _glued_row(text: str, plain: str, folded: str, in_block: bool) -> FieldRow | None:
    """Labels run into their values (發文機構武漢市人民政府辦公廳發文字號武政辦〔2020〕1號): only strong
    labels count, the line must open with one, and two must be there (one, in a block of fields)."""
    found = list(GLUED.finditer(folded))
    start = len(folded) - len(folded.lstrip("•·-* \u3000"))
    short = in_block and len(folded) <= 40
    if short and not found and (one := GLUED_IN_BLOCK.match(folded, start)) and len(folded) > one.end():
        found = [one]  # 施行日期2000年06月23日 / 效力级别国务院规范性文件 among glued rows: any longer label
    if len(found) < (1 if short else 2) or found[0].start() != start or any(folded[m.end() : m.end() + 1] in ":： " for m in found):
        return None
    pairs = tuple((m.group("label"), _as_printed(plain[m.end() : nxt.start() if nxt else len(plain)].strip(" :：|｜"), text))
                  for m, nxt in zip(found, [*found[1:], None]))
    return FieldRow(pairs, takes_next=False)


def _as_printed(value: str, line: str) -> str:
    """A value cut from the normalized line, given back as the page prints it (a mirror's glosses
    kept: 宜政發(fā)[2024]129號, so the 文号 reads as printed)."""
    if not value or (value in line and "(" not in line and "（" not in line):
        return value  # no gloss can follow it
    return Normalizer.always().printed(value, line)


def value_line(label: str, text: str) -> bool:
    """Can this line be the value of a field whose label stood alone on the line before? Only a
    value of the label's kind: a 文号 after 来源: is the document's own line, not the field's."""
    if not 0 < len(text) <= 80 or re.search(r"[。；;！？]", text) or LEAD.match(_folded(text)) or not re.search(r"[^\W_]", text):
        # A sentence, another field, or no letter at all (标题 / | : a table's rule). Spam stays a value:
        # a page whose 文件标题 is spam imitates a document, and judge() needs to see it.
        return False
    plain = fold_width(strip_glosses(text))
    if label == "索引号":
        return bool(INDEX_CODE.match(plain.strip()))  # 015282418/2021-168037
    if find_doc_numbers(plain):
        return label in NUMBER_LABELS
    if re.match(r"^\s*(?:19|20)\d\d\s*[-/.年]", plain):
        return label in DATE_LABELS
    return label not in NUMBER_LABELS and label not in DATE_LABELS


# 【制定机关】…•【公布日期】…•【字号】…: a legal database's field run, copied into one line with the
# title before it and the text after it (…的通知文章属性•【制定机关】…【主题分类】…正文上海市…).
BOXED = re.compile(rf"•?\s*[【\[]\s*(?:{_SPACED})\s*[】\]]")
RUN_MARKERS = re.compile(r"(?:文章属性|法规属性|正文)(?=\s*(?:•?\s*[【\[]|$))|(?<=[^\s])正文(?=[\u4e00-\u9fff])")


def split_run_on(text: str) -> list[str]:
    """A line holding a run of boxed fields, cut into the text before it, one line per field and the
    text after it (at the database's 正文 marker). Other lines come back whole."""
    if text.count("【") + text.count("[") < 2:
        return [text]
    folded = _folded(text)
    boxes = list(BOXED.finditer(folded))
    if len(boxes) < 2:
        return [text]
    cuts = [m.start() for m in boxes]
    after = RUN_MARKERS.search(folded, boxes[-1].end())
    pieces = [text[: cuts[0]]]
    pieces += [text[a:b] for a, b in zip(cuts, cuts[1:] + [after.start() if after else len(text)])]
    if after:
        pieces.append(text[after.end() :])
    out = []
    for piece in pieces:
        piece = RUN_MARKERS.sub("", piece) if piece is pieces[0] else piece
        if piece.strip():
            out.append(piece.strip())
    return out


def _value_and_more(text: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """A value line that runs on into further fields (…的通知 - 文 号:发布日期: 2024-09-20): the
    value, and the fields after it."""
    folded = _folded(text)
    found = LABEL.search(folded, 1)
    if found is None or len(folded) != len(text):
        return text, ()
    rest = read_row(text[found.start() :], True)
    if rest is None:
        return text, ()
    return text[: found.start()].strip(" \t\u3000-—|｜;；"), rest.pairs


def field_block(texts: list[str]) -> dict[int, FieldRow]:
    """The lines of a page that are CMS field rows, with their pairs (values on the next line joined in)."""
    rows: dict[int, FieldRow] = {}
    in_block = False
    skip = set()
    texts = [fold_blanks(text) for text in texts]  # •&nbsp;发文字号: reads as • 发文字号:
    for i, text in enumerate(texts):
        if i in skip:
            continue
        row = read_row(text, in_block or i < TOP_LINES)
        if row is None:
            in_block = False
            continue
        label = row.pairs[-1][0]
        if row.takes_next and i + 1 < len(texts) and value_line(label, texts[i + 1]):
            value, more = _value_and_more(texts[i + 1].strip())
            row = FieldRow(row.pairs[:-1] + ((label, value),) + more, False)
            skip.add(i + 1)
            rows[i + 1] = FieldRow((), False)  # the value line belongs to the row above
        rows[i] = row
        in_block = True
    return rows
