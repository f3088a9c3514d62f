"""A document's blocks → display blocks: outline headings, 条 paragraphs, attachments, tables.

Gazette texts carry their structure in numbering, not markup: 一、 opens a section, （一） a
subsection, 第一章 a chapter, 第一条 an article. Only short lines that do not end a sentence can be
headings, so a paragraph that happens to start with 一、 and runs on stays a paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from ..model import Block, Paragraph, Table

HEADING_MAX_CHARS = 40
SENTENCE_END = ("。", "；", ";", "，", ",", "：", ":")
NUMERAL = "一二三四五六七八九十百零〇两"
SPACE = r"[\s\u00a0\u3000]*"

SECTION = re.compile(rf"^[{NUMERAL}]+{SPACE}、")  # 一、总体要求
SUBSECTION = re.compile(rf"^[（(]{SPACE}[{NUMERAL}]+{SPACE}[）)]")  # （一）落实监管责任
CHAPTER = re.compile(rf"^第{SPACE}[{NUMERAL}\d]+{SPACE}[章编]")  # 第一章 总则
PART = re.compile(rf"^第{SPACE}[{NUMERAL}\d]+{SPACE}节")  # 第一节
ARTICLE = re.compile(rf"^第{SPACE}[{NUMERAL}\d]+{SPACE}条")  # 第一条 (stays a paragraph)
ATTACHMENT = re.compile(rf"^附{SPACE}件{SPACE}[\d{NUMERAL}]*{SPACE}[：:]?")  # 附件1：…

Kind = Literal["h2", "h3", "h4", "p", "article", "attachment", "table"]


@dataclass(frozen=True, slots=True)
class DisplayBlock:
    """One block as the page shows it. `lead` is the bolded 第X条 of an article."""

    kind: Kind
    text: str = ""
    lead: str = ""
    rows: tuple[tuple[str, ...], ...] = ()


def display_blocks(blocks: tuple[Block, ...] | list[Block]) -> list[DisplayBlock]:
    """Every block classified on its own (one pass, no look-ahead)."""
    out: list[DisplayBlock] = []
    for block in blocks:
        if isinstance(block, Table):
            out.append(DisplayBlock("table", rows=block.rows))
        elif isinstance(block, Paragraph):
            out.append(classify(block.text))
    return out


def classify(text: str) -> DisplayBlock:
    """One line of text as a heading, article, attachment marker or paragraph."""
    line = text.strip()
    if is_heading_like(line):
        if CHAPTER.match(line) or SECTION.match(line):
            return DisplayBlock("h2", line)
        if SUBSECTION.match(line) or PART.match(line):
            return DisplayBlock("h3", line)
        if ATTACHMENT.match(line):
            return DisplayBlock("attachment", line)
    article = ARTICLE.match(line)
    if article:
        return DisplayBlock("article", line[article.end():].lstrip(" \u00a0\u3000"), lead=article.group(0))
    return DisplayBlock("p", line)


def is_heading_like(line: str) -> bool:
    """Short and not the end of a sentence."""
    return 0 < len(line) <= HEADING_MAX_CHARS and not line.endswith(SENTENCE_END)
