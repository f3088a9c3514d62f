"""Page → CleanText: what a reader sees as the bulletin, minus spam, chrome and artifacts.

HTML goes through the tree rules in html.py first; both HTML and text dumps then go through
the line rules in lines.py. Every dropped piece is recorded as a Removal for the audit.
"""

from __future__ import annotations

import re

from .. import patterns as P
from ..errors import ParseError
from ..model import CleanText, Line, Notice, Page, Removal
from ..script import detect_script
from . import fields, html, lines

__all__ = ["clean"]

FLAT_LINE = 120  # a line this long holding most of a dump lost its line breaks
FLAT_SHARE = 0.7  # …of the text of the lines that could be paragraphs (chrome and field lines are short)
FLAT_PEER = 40
FLAT_BREAK = re.compile(r"[ \t\u3000\u00a0]{2,}|(?<=[\u4e00-\u9fff。；;:：”」）)])[ \t\u3000\u00a0](?=[\u4e00-\u9fff“「《（(])")
BLOCK_MARKUP = re.compile(r"(?i)</?(?:p|div|br|li|tr|h[1-6])\b[^>]*>")
BREADCRUMB_MAX = 80  # a longer line that opens with a breadcrumb carries content after it
CRUMB_SEPARATOR = re.compile(r"[>»›→＞]+|\s/\s")
RELATED_TAIL_SHARE = 0.75  # a 相关信息 head past this share of the page ends the document
RELATED_ITEM_MAX = 80


def clean(page: Page) -> CleanText:
    """Drop what is not the document; keep every line of real content, in order."""
    traditional = detect_script(page.text) == "traditional"
    removals: list[Removal] = []
    meta: list[tuple[str, str]] = []
    tables = ()
    title = None
    if page.kind == "html":
        extracted = html.extract(page.text, page.location, traditional)
        candidates, tables, title = extracted.lines, tuple(extracted.tables), extracted.title
        removals.extend(extracted.removals)
        meta.extend(extracted.meta)
    else:
        candidates = _text_lines(page.text, removals)
    title = _page_title(title, traditional, removals)
    kept = _filter(candidates, traditional, removals, meta)
    if not kept and not any(value for _, value in meta):
        raise ParseError("no readable content left after cleaning", page.location)
    notices = page.notices
    if not kept:
        # A page that is only a CMS field block still names a document (its 文号, dates): keep that.
        notices += (Notice("fields-only", "the page holds CMS fields but no text; only its metadata is kept"),)
    return CleanText(page.location, tuple(kept), tables, tuple(meta), title, tuple(removals), notices)


def _page_title(title: str | None, traditional: bool, removals: list[Removal]) -> str | None:
    """The <title> without the slogan a hacked page's title carries (澳门新葡京娱乐城_关于…的通知)."""
    if not title:
        return title
    rest, cut = lines.cut_spam_pieces(title, traditional)
    removals += [Removal("spam-title", text, None) for text in cut]
    return rest or None


def _text_lines(text: str, removals: list[Removal]) -> list[Line]:
    """A text dump: one line per line; stray HTML tags in it are markup, not text (a <p> or <br>
    still ends a line, real/006). A dump flattened into one giant line is cut at its blanks."""
    out = []
    for number, raw in enumerate(_unflatten(BLOCK_MARKUP.sub("\n", text)).split("\n"), start=1):
        stripped = raw.strip()
        if not stripped:
            continue
        if P.MARKUP_TAG.search(stripped) and not P.MARKUP_ONLY.match(stripped):
            removals.append(Removal("markup-inline", stripped, number))
            stripped = P.MARKUP_TAG.sub("", stripped).strip()
            if not stripped:
                continue
        out.append(Line(stripped, number))
    return out


def _filter(candidates: list[Line], traditional: bool, removals: list[Removal], meta: list) -> list[Line]:
    kept: list[Line] = []
    total = len(candidates)
    related_tail = False
    candidates = _run_on(candidates)
    total = len(candidates)
    rows = fields.field_block([line.text if line.cell is None else "" for line in candidates])
    for index, line in enumerate(candidates):
        if index in rows:
            meta.extend(rows[index].pairs)
            removals.append(Removal("page-meta", line.text, line.source))
            continue
        rule = lines.classify(line.text, index, total, traditional) if line.cell is None else _cell_rule(line, traditional)
        if rule is None and related_tail and len(line.text) <= RELATED_ITEM_MAX and "。" not in line.text:
            rule = "chrome-related"
        if rule is None and lines.is_related_head(line.text) and index >= RELATED_TAIL_SHARE * total:
            rule, related_tail = "chrome-related", True
        if rule == "chrome-breadcrumb" and len(line.text) > BREADCRUMB_MAX and (rest := _after_breadcrumb(line.text)):
            # A text dump whose body is one line after the breadcrumb: drop the path, keep the body.
            removals.append(Removal(rule, line.text[: len(line.text) - len(rest)].strip(), line.source))
            kept.append(Line(rest, line.source))
            continue
        if rule is None:
            text, jammed = lines.cut_jammer(line.text) if line.cell is None else (line.text, [])
            for piece in jammed:
                removals.append(Removal("jammer", piece, line.source))
            text, spliced = lines.cut_spliced_spam(text, traditional)
            for piece in spliced:
                removals.append(Removal("spam-spliced", piece, line.source))
            if text != line.text:
                line = Line(text, line.source, line.cell)
            if text:
                kept.append(line)
            continue
        if rule == "spam-text":
            # A headline or a sentence with a slogan glued to it: the slogan goes, the rest stays.
            rest, cut = lines.cut_spam_pieces(line.text, traditional)
            if rest and cut and lines.is_clean_remainder(rest, traditional):
                removals += [Removal(rule, text, line.source) for text in cut]
                kept.append(Line(rest, line.source, line.cell))
                continue
        if rule in ("page-meta", "chrome-toolbar"):
            meta.extend(lines.parse_meta(line.text) or [])
        removals.append(Removal(rule, line.text, line.source))
    return kept


def _run_on(candidates: list[Line]) -> list[Line]:
    """Lines holding a legal database's run of boxed fields, or a document's parts run together, are
    cut into their parts (fields.split_run_on, lines.unglue)."""
    out: list[Line] = []
    for line in candidates:
        pieces = [q for p in fields.split_run_on(line.text) for q in lines.unglue(p)] if line.cell is None else [line.text]
        out.extend([line] if len(pieces) == 1 else [Line(piece, line.source) for piece in pieces])
    return out


def _unflatten(text: str) -> str:
    """A dump whose text is nearly all one line (its line breaks lost on the way) gets them back where
    the page had blanks between paragraphs: a run of blanks, or a blank between two Chinese characters."""
    rows = [row.strip() for row in text.split("\n")]
    longest = max(rows, key=len, default="")
    if len(longest) < FLAT_LINE or len(longest) < FLAT_SHARE * sum(len(row) for row in rows if len(row) >= FLAT_PEER):
        return text
    return text.replace(longest, FLAT_BREAK.sub("\n", longest))


def _after_breadcrumb(text: str) -> str | None:
    """What follows a breadcrumb path on its line: after the last separator, the last crumb ends at
    the first blank (当前位置:首页 > 政务公开 > 正文 各区人民政府:…)."""
    seps = list(CRUMB_SEPARATOR.finditer(text[:160]))
    if not seps:
        return None
    tail = text[seps[-1].end() :].lstrip()
    gap = re.search(r"\s", tail[:24])
    rest = tail[gap.end() :] if gap else tail
    return rest.strip() or None


def _cell_rule(line: Line, traditional: bool) -> str | None:
    """Table cells are data: only spam is judged there (a cell '打印' or '1' is real)."""
    return "spam-text" if lines.spam_score(line.text, traditional) >= 3 else None
