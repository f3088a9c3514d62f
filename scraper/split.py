"""CleanText → IssueText: find where each document of an issue starts.

A document starts at a header group (gold-notes.md, "Patterns that mark a document start"):
a "XX文件" banner, a "XX令" header, a 文号 line with the title next to it, a title with its
number appended, or a speech title with its speaker and date. A bare title without a 文号
starts a document only when it names an office (…办公室关于…), follows a signature and is
followed by a 主送 line: embedded 实施方案 titles after a signature must not split (001:98).
With a 目录 the TOC is checked against the body and is the authority on what is a document.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, replace

from . import patterns as P
from .docnumber import parse_doc_number, parse_order_number
from .model import CleanText, DocumentSpan, IssueText, Notice, TocEntry
from .toc import entry_key, find_toc

TITLE_LINE_MAX = 60  # one line of a wrapped title
TITLE_MAX = 200  # a whole title
MAX_TITLE_LINES = 5
LOOKAROUND = 4  # lines between a 文号 and its title, a title and its 主送
TITLE_MATCH = 0.85  # similarity of a TOC title and a body title that name the same document


@dataclass
class _Start:
    span: DocumentSpan
    number: str | None  # canonical 文号
    title: str


def split(clean: CleanText) -> IssueText:
    """Cut an issue into header, TOC and document spans, with notices where they disagree."""
    texts = [line.text if line.cell is None else _Cell(line.text) for line in clean.lines]
    notices: list[Notice] = []
    toc = find_toc(clean.lines)
    body_from = toc[1] if toc else 0
    starts = _find_starts(texts, body_from)
    entries = tuple(toc[2]) if toc else ()
    if entries:
        starts = _reconcile(texts, starts, entries, body_from, notices)
    if not starts:
        first = body_from if body_from < len(texts) else 0
        notices.append(Notice("no-header", "no document header found; the page is read as one document", first + 1))
        starts = [_Start(DocumentSpan(first, len(texts), "page"), None, "")]
    starts = _dedupe(starts, texts, notices)
    spans = tuple(
        replace(s.span, end=(starts[k + 1].span.start if k + 1 < len(starts) else len(texts))) for k, s in enumerate(starts)
    )
    return IssueText(clean, (0, spans[0].start), entries, spans, tuple(notices))


# ── header groups ──────────────────────────────────────────────────────────────────────────


def _find_starts(texts: list[str], begin: int) -> list[_Start]:
    starts: list[_Start] = []
    i = begin
    while i < len(texts):
        floor = starts[-1].span.start + 1 if starts else begin
        found = _header_at(texts, i, floor)
        if found is None:
            i += 1
            continue
        start, group_end = found
        if starts and start.span.start <= starts[-1].span.start:
            if start.span.start == starts[-1].span.start and start.number and not starts[-1].number:
                starts[-1] = start  # the same header, now seen with its 文号
            i = max(group_end, i + 1)
            continue
        starts.append(start)
        i = max(group_end, i + 1)
    return starts


def _header_at(texts: list[str], i: int, floor: int) -> tuple[_Start, int] | None:
    """A document header group whose trigger is line i: (its start, the index after the group)."""
    text = texts[i]
    if P.BANNER.match(text) or P.ORDER_HEADER.match(text):
        return _group_from_banner(texts, i)
    if P.DOC_NUMBER_LINE.match(text):
        return _group_from_number(texts, i, floor)
    title = _title_block(texts, i)
    if title is None:
        return None
    first, last = title
    joined = "".join(texts[first:last])
    if found := P.TRAILING_NUMBER.search(joined):
        number = parse_doc_number(found.group("number"))
        span = DocumentSpan(first, first, "document", (first, last), last - 1)
        return _Start(span, number.canonical if number else None, joined[: found.start()]), last
    if P.SPEECH_TITLE.match(joined) and _speech_follows(texts, last):
        return _Start(DocumentSpan(first, first, "speech", (first, last)), None, joined), last
    number_follows = last < len(texts) and P.DOC_NUMBER_LINE.match(texts[last])
    if P.TITLE_START.match(joined) and not number_follows and _after_closing(texts, first) and _recipients_follow(texts, last):
        return _Start(DocumentSpan(first, first, "document", (first, last)), None, joined), last
    return None


def _group_from_banner(texts: list[str], i: int) -> tuple[_Start, int]:
    """XX文件 / XX令, then (in some order) the 文号 and the title."""
    kind = "order" if P.ORDER_HEADER.match(texts[i]) else "document"
    number_at, title, canonical = None, None, None
    j = i + 1
    while j < min(len(texts), i + 1 + LOOKAROUND + MAX_TITLE_LINES):
        text = texts[j]
        if number_at is None and (P.DOC_NUMBER_LINE.match(text) or P.ORDER_NUMBER_LINE.match(text)):
            number_at = j
            parsed = parse_order_number(text, texts[i]) if kind == "order" else _line_number(text)
            canonical = parsed.canonical if parsed else None
            j += 1
            continue
        if title is None and kind == "document" and (block := _title_block(texts, j, strict=False)):
            title = block
            j = block[1]
            continue
        break
    span = DocumentSpan(i, i, kind, title, number_at, i)
    return _Start(span, canonical, "".join(texts[title[0] : title[1]]) if title else ""), j


def _group_from_number(texts: list[str], i: int, floor: int) -> tuple[_Start, int] | None:
    """A 文号 line: its title is just above (000:245-251) or just below (002:1-4)."""
    number = _line_number(texts[i])
    canonical = number.canonical if number else None
    above = _title_ending_at(texts, i, floor)
    if above is not None:
        span = DocumentSpan(above[0], above[0], "document", above, i)
        return _Start(span, canonical, "".join(texts[above[0] : above[1]])), i + 1
    below = _title_block(texts, i + 1, strict=False)
    if below is None:
        return None  # a lone number line without a title is not a header
    span = DocumentSpan(i, i, "document", below, i)
    return _Start(span, canonical, "".join(texts[below[0] : below[1]])), below[1]


def _line_number(text: str):
    found = P.DOC_NUMBER.search(text)
    return parse_doc_number(found.group(0)) if found else None


def _title_block(texts: list[str], i: int, strict: bool = True) -> tuple[int, int] | None:
    """[i, k): lines forming one title that ends with a genre word (wrapped titles joined)."""
    if i >= len(texts) or not _title_like(texts[i]):
        return None
    if strict and not (P.TITLE_START.match(texts[i]) or P.SPEECH_TITLE.match(texts[i]) or P.TRAILING_NUMBER.search(texts[i])):
        return None
    joined = ""
    for k in range(i, min(len(texts), i + MAX_TITLE_LINES)):
        if k > i and not _title_like(texts[k]):
            return None
        joined += texts[k]
        if len(joined) > TITLE_MAX:
            return None
        if P.TITLE_END.search(joined) or (k == i and P.SPEECH_TITLE.match(joined)):
            return i, _extend_title(texts, k + 1, joined)
    return None


def _extend_title(texts: list[str], k: int, joined: str) -> int:
    """…实施方案 / 的通知: a title may reach a genre word and still go on for a short line."""
    while k < len(texts) and _title_like(texts[k]):
        more = texts[k]
        if not (P.TITLE_END.search(joined + more) and (more[0] in "的之(（" or len(more) <= 12)):
            break
        joined += more
        k += 1
    return k


def _title_ending_at(texts: list[str], number_at: int, floor: int) -> tuple[int, int] | None:
    """The wrapped title whose last line is just above the 文号 line, if any (never a TOC entry)."""
    end = number_at

    def part(k: int) -> bool:
        return _title_like(texts[k]) and not P.TRAILING_NUMBER.search(texts[k])

    if end - 1 < floor or not P.TITLE_END.search(texts[end - 1]) or not part(end - 1):
        return None
    first = end - 1
    while first > max(floor, end - MAX_TITLE_LINES) and not P.TITLE_START.match(texts[first]) and part(first - 1):
        first -= 1
    return (first, end) if len("".join(texts[first:end])) <= TITLE_MAX else None


class _Cell(str):
    """A table cell's text: data, never part of a title."""


def _title_like(text: str) -> bool:
    """Short, no sentence punctuation, not a date, number, signature note or attachment line."""
    return (
        not isinstance(text, _Cell)
        and 2 <= len(text) <= TITLE_MAX
        and not P.ATTACHMENT_ITEM.match(text)
        and not any(c in text for c in "。；;：:！？")
        and not P.DATE_LINE.match(text)
        and not P.DOC_NUMBER_LINE.match(text)
        and not P.PUBLIC_NOTE.match(text)
        and not P.ATTACHMENT.match(text)
        and (len(text) <= TITLE_LINE_MAX or bool(P.TITLE_END.search(text)))
    )


def _speech_follows(texts: list[str], k: int) -> bool:
    near = texts[k : k + 3]
    return any(P.DATE_LINE.match(t) or P.SPEAKER.match(t) for t in near)


def _after_closing(texts: list[str], first: int) -> bool:
    """The line before a bare title closes a document (a date, 此件公开发布) or nothing precedes it."""
    before = [t for t in texts[max(0, first - 3) : first]]
    return not before or any(P.DATE_LINE.match(t) or P.PUBLIC_NOTE.match(t) for t in before)


def _recipients_follow(texts: list[str], k: int) -> bool:
    return any(P.RECIPIENTS.match(t) and P.RECIPIENT_HINT.search(t) for t in texts[k : k + 2])


# ── TOC reconciliation and duplicates ──────────────────────────────────────────────────────


def _reconcile(texts: list[str], starts: list[_Start], entries: tuple[TocEntry, ...], body_from: int, notices: list[Notice]) -> list[_Start]:
    """Pair TOC entries with body starts in order; the TOC decides what is a document."""
    matched: list[_Start] = []
    used: set[int] = set()
    for entry in entries:
        k = _match_entry(entry, starts, used)
        if k is None:
            found = _find_title(texts, entry, matched[-1].span.start + 1 if matched else body_from)
            if found is None:
                continue
            matched.append(found)
            continue
        used.add(k)
        matched.append(_Start(replace(starts[k].span, toc=entry), starts[k].number, starts[k].title))
    matched.sort(key=lambda s: s.span.start)
    if len(matched) != len(entries):
        notices.append(Notice("toc-mismatch", f"TOC lists {len(entries)}, body holds {len(matched)}", entries[0].line + 1))
    for k, start in enumerate(starts):
        if k not in used and not any(m.span.start == start.span.start for m in matched):
            notices.append(Notice("not-in-toc", f"a document header not listed in the TOC is kept with the document before it: {start.title or texts[start.span.start]}", start.span.start + 1))
    return matched


def _match_entry(entry: TocEntry, starts: list[_Start], used: set[int]) -> int | None:
    """The same 文号 first; else the same title where the numbers do not contradict it."""
    number = parse_doc_number(entry.number) if entry.number else None
    free = [k for k in range(len(starts)) if k not in used]
    if number:
        for k in free:
            if starts[k].number == number.canonical:
                return k
    for k in free:
        clash = number and starts[k].number and starts[k].number != number.canonical
        if not clash and starts[k].title and _same_title(entry.title, starts[k].title):
            return k
    return None


def _same_title(a: str, b: str) -> bool:
    ka, kb = entry_key(a), entry_key(b)
    return ka == kb or difflib.SequenceMatcher(None, ka, kb, autojunk=False).ratio() >= TITLE_MATCH


def _find_title(texts: list[str], entry: TocEntry, begin: int) -> _Start | None:
    """A TOC title printed in the body without a header we recognised (wrapped or not)."""
    key = entry_key(entry.title)
    for i in range(begin, len(texts)):
        if not key.startswith(entry_key(texts[i])[:8]) or not texts[i]:
            continue
        joined, k = "", i
        while k < len(texts) and len(entry_key(joined)) < len(key) and k < i + MAX_TITLE_LINES:
            joined += texts[k]
            k += 1
        if _same_title(entry.title, joined):
            return _Start(DocumentSpan(i, i, "document", (i, k), toc=entry), None, joined)
    return None


def _dedupe(starts: list[_Start], texts: list[str], notices: list[Notice]) -> list[_Start]:
    """A page printing one document twice (002) yields it once: same 文号 and same title."""
    kept: list[_Start] = []
    for start in starts:
        twin = next((s for s in kept if _same_document(s, start)), None)
        if twin is None:
            kept.append(start)
            continue
        notices.append(Notice("duplicate", f"the page prints document {start.number or start.title} twice; the copy at line {start.span.start + 1} is left out", start.span.start + 1))
        kept.append(_Start(replace(start.span, kind="duplicate"), start.number, start.title))
    return kept


def _same_document(a: _Start, b: _Start) -> bool:
    if a.number and b.number:
        return a.number == b.number and (not a.title or not b.title or _same_title(a.title, b.title))
    return bool(a.title) and entry_key(a.title) == entry_key(b.title)
