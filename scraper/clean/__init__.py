"""Page → CleanText: what a reader sees as the bulletin, minus spam, chrome and artifacts.

HTML goes through the tree rules in html.py first; both HTML and text dumps then go through
the line rules in lines.py. Every dropped piece is recorded as a Removal for the audit.
"""

from __future__ import annotations

from .. import patterns as P
from ..errors import ParseError
from ..model import CleanText, Line, Page, Removal
from ..script import detect_script
from . import html, lines

__all__ = ["clean"]

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
    kept = _filter(candidates, traditional, removals, meta)
    if not kept:
        raise ParseError("no readable content left after cleaning", page.location)
    return CleanText(page.location, tuple(kept), tables, tuple(meta), title, tuple(removals), page.notices)


def _text_lines(text: str, removals: list[Removal]) -> list[Line]:
    """A text dump: one line per line; stray HTML tags in it are markup, not text."""
    out = []
    for number, raw in enumerate(text.split("\n"), start=1):
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
    for index, line in enumerate(candidates):
        rule = lines.classify(line.text, index, total, traditional) if line.cell is None else _cell_rule(line, traditional)
        if rule is None and related_tail and len(line.text) <= RELATED_ITEM_MAX and "。" not in line.text:
            rule = "chrome-related"
        if rule is None and lines.is_related_head(line.text) and index >= RELATED_TAIL_SHARE * total:
            rule, related_tail = "chrome-related", True
        if rule is None:
            kept.append(line)
            continue
        if rule in ("page-meta", "chrome-toolbar"):
            meta.extend(lines.parse_meta(line.text) or [])
        removals.append(Removal(rule, line.text, line.source))
    return kept


def _cell_rule(line: Line, traditional: bool) -> str | None:
    """Table cells are data: only spam is judged there (a cell '打印' or '1' is real)."""
    return "spam-text" if lines.spam_score(line.text, traditional) >= 3 else None
