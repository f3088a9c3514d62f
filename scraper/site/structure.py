"""A document's lines → its page layout: the parts of an official document, then its outline.

GB/T 9704-2012 (党政机关公文格式) prints a document in a fixed order: the issuing office's banner
(本溪市人民政府办公室文件, or …令 for an order), the 文号 centred under it, the title centred, the
recipients (主送) flush left, the body, the 附件 list, the signing office and the date on the
right, a note such as （此件公开发布）, then each attachment on its own. Gazettes keep that order
as plain lines. Each role is recognised from the document's stored metadata (title, 文号,
recipients, attachments) matched against its own lines, and from the forms the standard fixes (a
banner ends in 文件 or 令, a date reads 2021年4月9日), never from one city's layout. A line whose
role is uncertain stays a paragraph, and no line is dropped but the title's, which the page's h1
shows once, where the text printed it.

Inside the body, texts carry their structure in numbering, not markup: 一、 opens a section, （一）
a subsection, 第一章 a chapter, 第一条 an article. Only short lines that do not end a sentence
can be headings, so a paragraph that happens to start with 一、 stays a paragraph.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from ..docnumber import parse_doc_number
from ..model import Block, Document, Paragraph, Table

HEADING_MAX_CHARS = 40
SENTENCE_END = ("。", "；", ";", "，", ",", "：", ":")
NUMERAL = "一二三四五六七八九十百零〇两"
SPACE = r"[\s\u00a0\u3000]*"

SECTION = re.compile(rf"^[{NUMERAL}]+{SPACE}、")  # 一、总体要求
SUBSECTION = re.compile(rf"^[（(]{SPACE}[{NUMERAL}]+{SPACE}[）)]")  # （一）落实监管责任
CHAPTER = re.compile(rf"^第{SPACE}[{NUMERAL}\d]+{SPACE}[章编]")  # 第一章 总则
PART = re.compile(rf"^第{SPACE}[{NUMERAL}\d]+{SPACE}节")  # 第一节
ARTICLE = re.compile(rf"^第{SPACE}[{NUMERAL}\d]+{SPACE}条")  # 第一条 (stays a paragraph)
ITEM = re.compile(r"^\d{1,2}\s*[.．、]\s*\S")  # 1.医疗卫生行业综合监管重点任务分工表
ITEM_NUMBER = re.compile(r"^\d{1,2}\s*[.．、]\s*")

# The parts GB/T 9704 fixes. A banner is the issuer's name plus 文件, or an order's 令 header.
BANNER = re.compile(r"^[^\s。，,；;：:]{2,28}(?:\s+[^\s。，,；;：:]{1,16})?(?:文件|令)$")
# A date line (2021年4月9日, 二〇一一年七月十三日), or a signature and date on one line.
_CN = "〇○零一二三四五六七八九十"
DATE = rf"(?:\d{{4}}|[{_CN}]{{4}}){SPACE}年{SPACE}(?:\d{{1,2}}|[{_CN}]{{1,3}}){SPACE}月{SPACE}(?:\d{{1,2}}|[{_CN}]{{1,3}}){SPACE}日"
DATE_LINE = re.compile(rf"^[（(]?{SPACE}{DATE}{SPACE}[）)]?$")
SIGNED_LINE = re.compile(rf"^[^\s。，,；;：:（(]{{2,24}}(?:\s+[^\s。，,；;：:]{{1,12}}){{0,3}}\s+{DATE}$")  # 自治区主席 陈武 2016年12月6日
NOTE = re.compile(r"^[（(]\s*此件[^（）()]{1,20}[）)]$")  # （此件公开发布）
# 附件：1.甲 (the list under the body) against 附件1 / 附件2：乙 (an attachment printed after it).
ATTACHMENT_LIST = re.compile(rf"^附{SPACE}件{SPACE}[：:]{SPACE}(?P<rest>.*)$")
ATTACHMENT_MARK = re.compile(
    rf"^附{SPACE}件{SPACE}(?P<n>\d{{1,2}}|[{NUMERAL}]{{1,3}})?{SPACE}(?:[：:\s]{SPACE}(?P<title>\S.{{0,60}}))?$")
SIGNATURE_MAX = 30
SUBTITLE_MAX = 40
HEAD_SCAN = 8  # a banner, a 文号 and a title of up to five lines fit in the first eight lines

Kind = Literal[
    "h2", "h3", "p", "article", "table",  # the body's own structure
    "banner", "number", "title", "byline",  # the head, centred
    "recipients", "signature", "date", "note", "attachment-list", "subtitle",
]


@dataclass(frozen=True, slots=True)
class DisplayBlock:
    """One block as the page shows it.

    `lead`: the bolded 第X条 of an article, or 附件： before the first attachment of the list;
    `anchor`: a heading's id, or the section an attachment-list line links to; `header`: a table
    whose first row names its columns; `lines`: a title printed over several lines."""

    kind: Kind
    text: str = ""
    lead: str = ""
    rows: tuple[tuple[str, ...], ...] = ()
    anchor: str = ""
    header: bool = False
    chapter: bool = False
    lines: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Attachment:
    """An attachment printed after the document (附件2 / its title / its text), with its anchor."""

    anchor: str
    label: str
    title: str
    blocks: tuple[DisplayBlock, ...]


@dataclass(frozen=True, slots=True)
class Layout:
    """A document page's text: the head (with the h1 where the title was printed), the body,
    the attachments; `links` gives each metadata attachment its section's anchor ("" if not
    printed)."""

    head: tuple[DisplayBlock, ...]
    body: tuple[DisplayBlock, ...]
    attachments: tuple[Attachment, ...]
    links: tuple[str, ...]
    ruled: bool  # a banner was printed: a rule under the head, as under a 红头

    @property
    def has_outline(self) -> bool:
        return any(b.kind in ("h2", "h3") for b in self.body) or bool(self.attachments)


def layout(doc: Document) -> Layout:
    """The document's blocks, each with its role in the page."""
    blocks = list(doc.blocks)
    head, end = _head(blocks, doc)
    body_blocks, attachment_parts = _split_attachments(blocks[end:], doc)
    body = _roles([classify_block(b) for b in body_blocks], body_blocks, doc)
    attachments = tuple(_attachment(label, part, n) for n, (label, part) in enumerate(attachment_parts, 1))
    body = _link_list(_number_headings(body, "s"), attachments)
    return Layout(
        head=tuple(head), body=tuple(body), attachments=attachments,
        links=_links(doc.attachments, attachments),
        ruled=any(b.kind == "banner" for b in head),
    )


def display_blocks(blocks: tuple[Block, ...] | list[Block]) -> list[DisplayBlock]:
    """Every block classified on its own (one pass, no look-ahead)."""
    return [classify_block(block) for block in blocks]


def classify_block(block: Block) -> DisplayBlock:
    if isinstance(block, Table):
        return DisplayBlock("table", rows=block.rows, header=has_header(block.rows))
    return classify(block.text)


def classify(text: str) -> DisplayBlock:
    """One line of text as a heading, article or paragraph."""
    line = text.strip()
    if is_heading_like(line):
        if CHAPTER.match(line) or SECTION.match(line):
            return DisplayBlock("h2", line, chapter=bool(CHAPTER.match(line)))
        if SUBSECTION.match(line) or PART.match(line):
            return DisplayBlock("h3", line)
    article = ARTICLE.match(line)
    if article:
        return DisplayBlock("article", line[article.end():].lstrip(" \u00a0\u3000"), lead=article.group(0))
    return DisplayBlock("p", line)


def is_heading_like(line: str) -> bool:
    """Short and not the end of a sentence."""
    return 0 < len(line) <= HEADING_MAX_CHARS and not line.endswith(SENTENCE_END)


def has_header(rows: tuple[tuple[str, ...], ...]) -> bool:
    """A first row of short labels (序号 | 项目 | 责任单位) over at least one more row."""
    if len(rows) < 2 or len(rows[0]) < 2:
        return False
    cells = [cell.strip() for cell in rows[0]]
    return all(0 < len(c) <= 20 and not c.endswith("。") for c in cells) and not all(
        c.replace(".", "").isdigit() for c in cells)


# ---- the head: banner, 文号, title, byline ------------------------------------------------------


SPACES = re.compile(r"\s+")


def key(text: str) -> str:
    """Text as compared across wraps and widths: NFKC, no spaces."""
    return SPACES.sub("", unicodedata.normalize("NFKC", text))


def _paragraph(block: Block) -> str | None:
    return block.text.strip() if isinstance(block, Paragraph) else None


def _head(blocks: list[Block], doc: Document) -> tuple[list[DisplayBlock], int]:
    """The head blocks (exactly one "title": the h1's place) and where the body starts."""
    lines: list[str] = []
    for block in blocks[:HEAD_SCAN]:
        text = _paragraph(block)
        if text is None:
            break
        lines.append(text)
    span = _title_span(lines, doc.title)
    if span is None or not all(_is_banner(line, i) or _is_number(line, doc) for i, line in enumerate(lines[:span[0]])):
        # Not printed at the top (an order prints its regulation's title after the order itself):
        # the h1 goes under whatever banner and 文号 open the text.
        end = 0
        while end < len(lines) and (_is_banner(lines[end], end) or _is_number(lines[end], doc)):
            end += 1
        return [_head_block(line, i) for i, line in enumerate(lines[:end])] + [DisplayBlock("title", doc.title)], end
    start, stop = span
    head = [_head_block(line, i) for i, line in enumerate(lines[:start])]
    head.append(DisplayBlock("title", doc.title, lines=tuple(lines[start:stop])))
    end = stop
    while end < len(lines) and len(head) < HEAD_SCAN:
        line = lines[end]
        if _is_number(line, doc):
            head.append(DisplayBlock("number", line))
        elif DATE_LINE.match(line) and (line.startswith(("(", "（")) or head[-1].kind == "byline"):
            head.append(DisplayBlock("byline", line))  # a speech's date: （2019年6月25日）
        elif end + 1 < len(lines) and _is_speaker(line) and DATE_LINE.match(lines[end + 1]):
            head.append(DisplayBlock("byline", line))  # 市长 吴锦, over the date
        else:
            break
        end += 1
    return head, end


def _title_span(lines: list[str], title: str) -> tuple[int, int] | None:
    """[start, stop) of the lines that print the title (wrapped, in 《》, or with its 文号 beside)."""
    wanted = key(title).strip("《》")
    if not wanted:
        return None
    keys = [key(line) for line in lines]
    for start in range(len(lines)):
        joined = ""
        for stop in range(start + 1, min(len(lines), start + 6) + 1):
            joined += keys[stop - 1]
            if joined.strip("《》") == wanted or (stop == start + 1 and _title_with_number(joined, wanted)):
                return start, stop
            if len(joined) > len(wanted) + 30:
                break
    return None


def _title_with_number(line: str, title: str) -> bool:
    """韶关…的通知(韶曲府办函〔2020〕67号) or 京政办发〔2016〕26号《北京市…的通知》."""
    if line.startswith(title):
        rest = line[len(title):]
    elif line.endswith(title) or line.endswith(f"《{title}》"):
        rest = line[: line.rindex(title)].rstrip("《")
    else:
        return False
    number = parse_doc_number(rest) if rest else None
    return number is not None and len(number.agency) <= 12


def _is_banner(line: str, index: int) -> bool:
    return index < 3 and bool(BANNER.match(line)) and parse_doc_number(line) is None


def _is_number(line: str, doc: Document) -> bool:
    """A line that is a 文号 and nothing else (the document's own, or a bare 第192号 of an order)."""
    if len(line) > 40:
        return False
    if doc.doc_number is not None and key(line).strip("()（）") in (key(doc.doc_number.raw), key(doc.doc_number.canonical)):
        return True
    return parse_doc_number(line) is not None


def _is_speaker(line: str) -> bool:
    return 0 < len(line) <= 16 and not any(mark in line for mark in "。，,；;：:")


def _head_block(line: str, index: int) -> DisplayBlock:
    return DisplayBlock("banner" if _is_banner(line, index) else "number", line)


def head_lines(doc: Document) -> int:
    """How many of Document.lines the head takes (banner, 文号, title): search excerpts skip them."""
    blocks = list(doc.blocks)
    return _head_lines(doc, blocks, _head(blocks, doc)[1])


def _head_lines(doc: Document, blocks: list[Block], end: int) -> int:
    texts = [b.text for b in blocks[:end] if isinstance(b, Paragraph)]
    return end if len(texts) == end and list(doc.lines[:end]) == texts else 0


# ---- the body: recipients, close, notes, the attachment list, enclosed titles --------------------


def _roles(shown: list[DisplayBlock], blocks: list[Block], doc: Document) -> list[DisplayBlock]:
    """Give the body's parts their GB/T 9704 roles; everything else keeps its classification."""
    out = list(shown)
    texts = [_paragraph(b) for b in blocks]
    if texts and texts[0] is not None and _is_recipients(texts[0], doc):
        out[0] = DisplayBlock("recipients", texts[0])
    closed = -1  # index of the last block of the latest close (signature, date, note)
    i = 0
    while i < len(texts):
        text = texts[i]
        if text is None:
            i += 1
            continue
        if DATE_LINE.match(text) and i > 0:
            out[i] = DisplayBlock("date", text)
            k = i - 1
            while k >= 0 and i - k <= 3 and texts[k] is not None and _is_signature(texts[k]) and out[k].kind == "p":
                out[k] = DisplayBlock("signature", texts[k])
                k -= 1
            closed = i
        elif SIGNED_LINE.match(text) and len(text) <= SIGNATURE_MAX + 20:
            out[i] = DisplayBlock("signature", text)
            closed = i
        elif NOTE.match(text):
            out[i] = DisplayBlock("note", text)
            closed = i
        elif (found := ATTACHMENT_LIST.match(text)) is not None:
            i = _attachment_list(out, texts, i, found.group("rest"), doc)
            continue
        elif closed == i - 1 and i > 0 and _is_subtitle(text) and i + 1 < len(texts):
            i = _subtitle(out, texts, i)
            continue
        i += 1
    return out


def _is_recipients(text: str, doc: Document) -> bool:
    """各自治县、区人民政府，市政府各委办局： (or a speech's 同志们：) as the body's first line."""
    if not text.endswith((":", "：")) or len(text) > 120:
        return False
    if doc.recipients and key(text).startswith(key(doc.recipients)[:8]):
        return True
    return len(text) <= 40 and "。" not in text


def _is_signature(text: str) -> bool:
    """A short line of names: an office, or 市长 over the date of an order."""
    return (0 < len(text) <= SIGNATURE_MAX and not any(mark in text for mark in "。，,；;：:")
            and not (SECTION.match(text) or SUBSECTION.match(text) or ITEM.match(text) or ARTICLE.match(text)))


def _is_subtitle(text: str) -> bool:
    """A short unnumbered line that ends no sentence: the title of the text enclosed after the close."""
    return (0 < len(text) <= SUBTITLE_MAX and not text.endswith(SENTENCE_END) and not NOTE.match(text)
            and not any(p.match(text) for p in (SECTION, SUBSECTION, CHAPTER, PART, ARTICLE, ITEM, DATE_LINE)))


def _subtitle(out: list[DisplayBlock], texts: list[str | None], i: int) -> int:
    """Up to three short lines (a wrapped title and its (2018—2020年)) as one centred title."""
    stop = i
    while stop < len(texts) and stop - i < 3 and texts[stop] is not None and _is_subtitle(texts[stop]):  # type: ignore[arg-type]
        stop += 1
    if stop >= len(texts):  # nothing follows: the lines were the end of the text, not a title
        return i + 1
    lines = tuple(t for t in texts[i:stop] if t is not None)
    out[i] = DisplayBlock("subtitle", "".join(lines), lines=lines)
    for k in range(i + 1, stop):
        out[k] = DisplayBlock("p", "")  # folded into the title above; dropped below
    return stop


def _attachment_list(out: list[DisplayBlock], texts: list[str | None], i: int, rest: str, doc: Document) -> int:
    """附件：1.甲 / 2.乙 (or 附件：甲): the attachments named under the body, one line each."""
    lead = texts[i][: len(texts[i]) - len(rest)] if rest else texts[i]  # type: ignore[index]
    out[i] = DisplayBlock("attachment-list", rest.strip(), lead=lead)
    k = i + 1
    while k < len(texts) and texts[k] is not None and ITEM.match(texts[k] or "") and len(texts[k] or "") <= 80 \
            and not (texts[k] or "").endswith("。"):
        out[k] = DisplayBlock("attachment-list", texts[k] or "")
        k += 1
    return k


# ---- attachments printed after the document ------------------------------------------------------


def _split_attachments(blocks: list[Block], doc: Document) -> tuple[list[Block], list[tuple[str, list[Block]]]]:
    """The body, then each attachment section from its 附件N line to the next."""
    names = {key(name) for name in doc.attachments}
    starts: list[int] = []
    for i, block in enumerate(blocks):
        text = _paragraph(block)
        found = ATTACHMENT_MARK.match(text) if text else None
        if found is None or ATTACHMENT_LIST.match(text or ""):
            continue
        title = found.group("title")
        if title is None or key(title) in names or _after_close(blocks[:i]):
            starts.append(i)
    if not starts:
        return blocks, []
    parts = [(_paragraph(blocks[s]) or "", blocks[s + 1 : e]) for s, e in zip(starts, [*starts[1:], len(blocks)])]
    return blocks[: starts[0]], parts


def _after_close(blocks: list[Block]) -> bool:
    """A date line or a （此件…） note came before: the document itself has ended."""
    return any((text := _paragraph(b)) is not None and (DATE_LINE.match(text) or NOTE.match(text)) for b in blocks)


def _attachment(label_line: str, blocks: list[Block], n: int) -> Attachment:
    found = ATTACHMENT_MARK.match(label_line)
    number = found.group("n") if found else None
    title = (found.group("title") or "") if found else ""
    rest = list(blocks)
    if not title and rest and (first := _paragraph(rest[0])) and len(first) <= 60 and not first.endswith(SENTENCE_END):
        title, rest = first, rest[1:]
    label = f"附件{number}" if number else "附件"
    anchor = f"fj{_number(number) if number else n}"
    shown = _number_headings([classify_block(b) for b in rest], "")
    return Attachment(anchor, label, title, tuple(shown))


def _number(text: str) -> int:
    """附件2 / 附件二 → 2."""
    if text.isdigit():
        return int(text)
    values = {c: i for i, c in enumerate("零一二三四五六七八九")}
    if "十" in text:
        tens, _, units = text.partition("十")
        return (values.get(tens, 1) if tens else 1) * 10 + (values.get(units, 0) if units else 0)
    return values.get(text, 0)


def _links(names: tuple[str, ...], attachments: tuple[Attachment, ...]) -> tuple[str, ...]:
    """Each metadata attachment's section anchor, "" when the text does not print it."""
    return tuple(_anchor_for(name, attachments) for name in names)


def _anchor_for(name: str, attachments: tuple[Attachment, ...]) -> str:
    """The section whose title is this name (by title only: 附件1 may be left out, 附件2 printed)."""
    return next((a.anchor for a in attachments if a.title and key(a.title) == key(name)), "")


def _link_list(blocks: list[DisplayBlock], attachments: tuple[Attachment, ...]) -> list[DisplayBlock]:
    """附件：1.甲 links to 甲's section when that is printed below."""
    out = []
    for block in blocks:
        if block.kind == "attachment-list" and block.text:
            anchor = _anchor_for(ITEM_NUMBER.sub("", block.text), attachments)
            block = DisplayBlock("attachment-list", block.text, lead=block.lead, anchor=anchor)
        out.append(block)
    return out


def _number_headings(blocks: list[DisplayBlock], prefix: str) -> list[DisplayBlock]:
    """Headings get ids s1, s2… (their place in the body); an empty prefix leaves them without."""
    out = []
    for n, block in enumerate(blocks, 1):
        if block.kind == "p" and not block.text:
            continue  # a line folded into the block above it
        if prefix and block.kind in ("h2", "h3"):
            block = DisplayBlock(block.kind, block.text, anchor=f"{prefix}{n}", chapter=block.chapter)
        out.append(block)
    return out
