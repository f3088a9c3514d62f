"""CleanText → IssueText: where each document of an issue (or page) starts, from all the evidence.

Evidence for a start, strongest first (gold-notes.md, real/README.md):
  strong   a letterhead (XX文件, or an office line over 文件), a 令 header or order number, a 文号
           line next to a title, a title with its 文号 glued to it;
  medium   a title followed by a 主送 line, a speech title with its speaker or date, a 文号 line
           followed by a 主送 line;
  weak     a bare title after a closing line (signature date, 此件公开发布).
The 目录 is evidence too, not an authority: its entries are matched to body headers by 文号 or by
title (fuzzily); a weak header the 目录 lists is a start, a listed title found in the body without
any header is a start, a strong or medium header it does not list is still a start (and reported),
and an entry with no body is reported. A title the document before it hands out (现将《X》印发给你们)
is its attachment, never a start; so is a run of titles and numbers with no text between them (a
list in a table). The same 文号 and title printed twice on a page yield one document.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from ..model import CleanText, DocumentSpan, IssueText, Notice
from ..normalize import Normalizer, fold_width
from ..script import to_simplified_chars
from ..toc import find_toc
from .. import lineshapes as S
from .. import patterns as P
from .headers import MEDIUM, SHORT_LINE, WEAK, Start, after_closing, candidates, first_title
from .reconcile import dedupe, drop_attachments, drop_lists, reconcile, same_title

__all__ = ["analysis_texts", "same_title", "split"]

IMPRINT_LINE_MAX = 40
CLOSED_REACH = 30  # lines above a closing where the text it closes is looked for
LEAD_TEXT_MIN = 30  # characters of sentences a weakly headed first document holds before its closing
EDITORS = r"主\s*办|主\s*辦|编\s*辑|編\s*輯|出\s*版|承\s*印|印\s*刷|编印|編印"  # who makes the issue
IMPRINT_EDITOR = re.compile(rf"^(?:{EDITORS})")
IMPRINT_FIELD = re.compile(
    rf"^(?:{EDITORS}|地\s*址|电\s*话|電\s*話|邮\s*编|郵\s*編|网\s*址|網\s*址|传\s*真|傳\s*真|发\s*行|發\s*行|准印|"
    r"內部資料|内部资料|免费|免費|赠阅|贈閱)")


def split(clean: CleanText) -> IssueText:
    """Cut an issue into header, TOC and document spans, with a notice for every disagreement."""
    texts = analysis_texts(clean)
    cells = [line.cell is not None for line in clean.lines]
    notices: list[Notice] = []
    toc = find_toc(texts)
    body_from = toc[1] if toc else 0
    entries = tuple(toc[2]) if toc else ()
    starts = candidates(texts, cells, body_from)
    starts = drop_attachments(starts, texts)
    found = starts
    starts = reconcile(texts, starts, entries, body_from, notices) if entries else [s for s in starts if _kept(s, texts)]
    if not entries and starts and (lead := _leading_titled(found, texts, body_from, starts[0].span.start)):
        starts = [lead, *starts]
    starts = drop_lists(starts, texts, cells)
    if not starts:
        first = body_from if body_from < len(texts) else 0
        notices.append(Notice("no-header", "no document header found; the page is read as one document", first + 1))
        title = first_title(texts, cells, first)
        starts = [Start(DocumentSpan(title[0] if title else first, len(texts), "page", title), WEAK, None, "")]
    if (lead := _leading_document(texts, cells, body_from, starts[0].span.start)) is not None:
        # 各镇人民政府: / 现将《…》转发给你们 / 都江堰市人民政府办公室 above the forwarded document's header.
        notices.append(Notice("untitled", "the page opens with a document whose title is not printed (a 主送 line and text before the first header)", lead + 1))
        starts = [Start(DocumentSpan(lead, lead, "document", None), WEAK, None, ""), *starts]
    starts = dedupe(starts, texts, notices)
    imprint = _imprint(texts, starts[-1].span.start + 1)
    spans = tuple(
        replace(s.span, end=(starts[k + 1].span.start if k + 1 < len(starts) else imprint)) for k, s in enumerate(starts)
    )
    notices = _in_page_characters(notices, clean)
    return IssueText(clean, (0, spans[0].start), entries, spans, tuple(notices), tuple(texts), (imprint, len(texts)))


def _imprint(texts: list[str], after: int) -> int:
    """Where the issue's imprint begins under its last document (《XX市人民政府公报》 / 2019年第2期 总第190期 /
    主办:… / 编辑:… / 出版日期:… / 内部资料 免费交流), else the end of the page: it is the issue's, not the document's."""
    k = len(texts)
    while k - 1 >= after and len(texts[k - 1]) <= IMPRINT_LINE_MAX and (
            IMPRINT_FIELD.match(texts[k - 1]) or (_names_issue(texts[k - 1]) and not S.is_sentence(texts[k - 1]))):
        k -= 1
    block = texts[k:]
    named = any(_names_issue(t) for t in block)
    edited = any(IMPRINT_EDITOR.match(t) for t in block)
    return k if named and edited else len(texts)


def _names_issue(text: str) -> bool:
    """《XX市人民政府公报》 alone on its line, or 2019年第2期."""
    return P.GAZETTE_NAME.fullmatch(text.strip("《》 ")) is not None or P.ISSUE_NUMBER.search(text) is not None


def _in_page_characters(notices: list[Notice], clean: CleanText) -> list[Notice]:
    """The titles a notice quotes were read folded to Simplified; an editor searches the page for them
    as it prints them: each folded character given back as this page mostly prints it."""
    if not notices:
        return notices
    pairs = [(to_simplified_chars(line.text), line.text) for line in clean.lines]
    changed = {mine for folded, text in pairs if folded != text for mine, theirs in zip(folded, text) if mine != theirs}
    if not changed:
        return notices
    printed: dict[str, Counter[str]] = {}
    for folded, text in pairs:
        for mine, theirs in zip(folded, text):
            if mine in changed:
                printed.setdefault(mine, Counter())[theirs] += 1
    back = {ord(mine): counts.most_common(1)[0][0] for mine, counts in printed.items()}
    return [replace(n, message=n.message.translate(back)) for n in notices]


def _kept(start: Start, texts: list[str]) -> bool:
    """Without a 目录, a start needs its header's evidence, or, a title alone (an issue's 通告 with no
    文号 and no 主送) that begins as titles do or with its issuer (XX指挥部通知, XX县人民政府禁火令),
    a document closed right above it (its date, 此件公开发布)."""
    if start.strength >= MEDIUM:
        return True
    k = start.span.start
    titled = start.strength == WEAK or (start.span.title is not None and S.named_issuer(start.title) is not None)
    # …and a closing of text: a date under a header (a wiki's 2020年1月23日 over its links) closes nothing
    return titled and k > 0 and after_closing(texts, k) and any(S.is_sentence(t) for t in texts[max(0, k - CLOSED_REACH) : k])


def _leading_titled(found: list[Start], texts: list[str], first: int, end: int) -> Start | None:
    """A document before the first header whose own header is weak (a title alone: an issue's first
    通告 or 方案, no 文号, no 主送), but which the evidence names all the same: its title, its text,
    then a closing (a date, 此件公开发布) right before the next header. Without it the document
    would be read as the issue's front matter and lost."""
    lead = next((s for s in found if first <= s.span.start < end and s.span.title
                 and (s.strength >= WEAK or S.ends_like_title(s.title))), None)  # XX指挥部通知: no 关于
    if lead is None or not after_closing(texts, end):
        return None  # …a news page's report, before the document it reprints, has none
    text = texts[lead.span.title[1] : end]
    return lead if sum(len(t) for t in text if S.is_sentence(t)) >= LEAD_TEXT_MIN else None


def _leading_document(texts: list[str], cells: list[bool], first: int, end: int) -> int | None:
    """Text before the first header that is a document of its own: a 主送 line, then sentences."""
    for k in range(first, end):
        if cells[k]:
            continue
        if S.recipients(texts[k]):
            return k if any(S.is_sentence(t) for t in texts[k + 1 : end]) else None
        if S.is_sentence(texts[k]) and len(texts[k]) > SHORT_LINE:
            return None  # a page's own text (an introduction), not a 主送
    return None


def analysis_texts(clean: CleanText) -> list[str]:
    """The lines as the rules read them: normalized for the page (normalize.py), widths folded."""
    norm = Normalizer("\n".join(line.text for line in clean.lines))
    # A table flattened with its bars (解读《…》 | |) reads as its text.
    return [fold_width(norm(line.text)).strip(" |｜") for line in clean.lines]


