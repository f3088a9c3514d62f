"""The document's 主送, 附件 list, genre and blocks."""

from __future__ import annotations

import re

from .. import lineshapes as S
from .. import patterns as P
from ..model import DocumentSpan, Paragraph, Table
from ..normalize import Normalizer, fold_width
from ..script import to_simplified
from .evidence import HEADER_ZONE, Evidence

ATTACHMENT_ITEMS_MAX = 20
# …现就有关事项通告如下: the text's opening announces what follows (a start's evidence as a 主送 is,
# split/headers.py), but a 主送 names bodies.
OPENING_ENDS = ("如下", "如後", "如后")
NAME_LINES = 3  # an attachment heading wraps over at most this many lines
GENRE_AT_END = re.compile(rf"(?P<genre>{P.GENRE_ALT})(?:[(（][^()（）]{{1,20}}[)）])?$")
GENRE_NAMES = {
    "批復": "批复", "復函": "函",
    "实施意见": "意见", "指导意见": "意见", "实施方案": "方案", "工作方案": "方案", "行动方案": "方案",
    "实施细则": "细则", "实施办法": "办法", "管理办法": "办法", "行动计划": "计划", "工作要点": "要点",
    "应急预案": "预案", "复函": "函", "覆函": "函", "批覆": "批复", "批複": "批复", "命令": "令",
}  # fmt: skip


def recipients(ev: Evidence) -> str | None:
    for k in range(ev.body_from, min(ev.span.end, ev.body_from + HEADER_ZONE)):
        if (who := S.recipients(ev.texts[k])) and not who.endswith(OPENING_ENDS):
            return ev.printed(who, [k])
    return None


def attachments(ev: Evidence) -> tuple[str, ...]:
    """The first 附件 list: 附件:1.甲 / 2.乙 (000:500), or 附件: then the name on the next line (003:379)."""
    texts = ev.originals
    for k in range(ev.body_from, ev.span.end):
        found = P.ATTACHMENT.match(texts[k].strip())
        if not found:
            continue
        rest = found.group("rest").strip()
        items = [rest] if rest else []
        for text in texts[k + 1 : min(ev.span.end, k + 1 + ATTACHMENT_ITEMS_MAX)]:
            item = P.ATTACHMENT_ITEM.match(text.strip())
            if not item or not (items or not rest):
                break
            items.append(text)
        if not items and k + 1 < ev.span.end:
            items = [_wrapped_name(texts, k + 1, ev.span.end)]
        return tuple(_attachment_name(x) for x in items if _attachment_name(x))
    return ()


def _wrapped_name(texts: list[str], k: int, end: int) -> str:
    """An attachment's heading under 附件, joined over the lines it wraps on (岚溪县城市燃气安全三年行 /
    动计划(2019—2021年)) when only the join ends as a title does."""
    name = texts[k].strip()
    for j in range(k + 1, min(end, k + NAME_LINES)):
        more = texts[j].strip()
        if S.ends_like_title(name) or S.is_sentence(more) or not S.ends_like_title(name + more):
            break
        name += more
    return name


def genre(title: str, span: DocumentSpan, norm: Normalizer) -> str | None:
    if span.kind == "order":
        return "令"
    if span.kind == "speech":
        return "讲话"
    found = GENRE_AT_END.search(fold_width(norm(title)))
    if not found:
        return None
    word = to_simplified(found.group("genre"))
    return GENRE_NAMES.get(word, word)


def _attachment_name(text: str) -> str:
    found = P.ATTACHMENT_ITEM.match(text.strip())
    return (found.group("name") if found else text).strip().rstrip("\u00a0 ")


def blocks(lines, tables: tuple[Table, ...]) -> tuple[Paragraph | Table, ...]:
    """Paragraphs stay paragraphs; consecutive cells of one table become that table once."""
    out: list[Paragraph | Table] = []
    seen: set[int] = set()
    for line in lines:
        if line.cell is None:
            out.append(Paragraph(line.text))
        elif line.cell[0] not in seen:
            seen.add(line.cell[0])
            out.append(tables[line.cell[0]])
    return tuple(out)


