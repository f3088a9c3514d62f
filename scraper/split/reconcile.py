"""What the header groups mean together: attachments and lists are not documents, the 目录 is
matched to the body (every disagreement reported), a document printed twice is one."""

from __future__ import annotations

import difflib
import re
from collections.abc import Container
from dataclasses import replace

from .. import lineshapes as S
from .. import patterns as P
from ..docnumber import find_doc_numbers, same_number
from ..model import DocumentSpan, Notice, TocEntry
from ..toc import entry_key
from .headers import MAX_TITLE_LINES, MEDIUM, Start, issuer_added, running_text

TITLE_MATCH = 0.85  # similarity of a TOC title and a body title that name the same document
ATTACHMENT_LOOKAHEAD = 12  # lines of a document's opening where it names what it hands out


# ── attachments and lists ──────────────────────────────────────────────────────────────────


OPENING_LINES, OPENING_CHARS = 5, 200
SAME_OPENING = 0.97  # a copy prints the same words; another 预公告 names other villages
HANDS_OUT = re.compile(rf"{P.ISSUING}\s*《")


def drop_attachments(starts: list[Start], texts: list[str]) -> list[Start]:
    """A title the document before it hands out (现将《X》印发给你们, 附件: X) is that document's
    attachment (001:98, 208, 310): not a start unless it has a 文号 or a letterhead of its own."""
    kept: list[Start] = []
    for start in starts:
        if kept and start.number is not None and _forwarded(kept[-1], start, texts):
            continue
        if kept and start.number is None and start.span.banner is None and start.title:
            prev = kept[-1]
            # Its own title in 《》 hands nothing out (关于贯彻《…法》的意见), unless it prints, forwards or
            # approves it (…印发《关于…的实施意见》的通知: the opinion follows as its attachment).
            own = range(*prev.span.title) if prev.span.title and not HANDS_OUT.search(prev.title) else range(0)
            named = {entry_key(t) for t in S.book_titles(_handing_out(prev, start, texts, own))}  # a 《…》 may wrap over lines
            key = entry_key(start.title)
            before = texts[start.span.start - 1] if start.span.start > 0 else ""
            if key in named or any(n and (key.endswith(n) or n.endswith(key)) for n in named if len(n) >= 6) or P.ATTACHMENT.match(before):
                continue
        kept.append(start)
    return kept


def _handing_out(prev: Start, start: Start, texts: list[str], left_out: Container[int | None]) -> str:
    """The opening of the document before `start`, where it names what it hands out, as one text
    (a 《…》 or a 文号 may wrap over lines): its first lines but `left_out`."""
    last = min(start.span.start, prev.span.start + ATTACHMENT_LOOKAHEAD + 8)
    return "".join(texts[k] for k in range(prev.span.start, last) if k not in left_out)


def _forwarded(prev: Start, start: Start, texts: list[str]) -> bool:
    """A document whose 文号 the one before it forwards or prints in its opening (现将《…的通知》
    陕政办发〔2018〕73号转发你们) is that document's attachment, whatever header it keeps."""
    if same_number(prev.number, start.number):
        return False  # the same document printed again: dedupe's to judge
    own = {*range(*prev.span.title)} if prev.span.title else set()
    opening = _handing_out(prev, start, texts, own | {prev.span.number})
    if not re.search(P.ISSUING, opening):
        return False
    return any(same_number(number, start.number) for number in find_doc_numbers(opening))


def drop_lists(starts: list[Start], texts: list[str], cells: list[bool]) -> list[Start]:
    """Headers with no text of their own before the next one are a list (a 清理 table of titles
    and numbers), not documents: they stay in the document before them."""
    kept: list[Start] = []
    for k, start in enumerate(starts):
        nxt = starts[k + 1].span.start if k + 1 < len(starts) else len(texts)
        body = [t for t, c in zip(texts[start.span.start : nxt], cells[start.span.start : nxt]) if not c]
        listed = start.span.toc is not None or start.span.banner is not None
        if kept and not listed and nxt - start.span.start <= 3 and not any(S.is_sentence(t) or S.recipients(t) for t in body):
            continue
        kept.append(start)
    return kept


# ── the 目录 as evidence ───────────────────────────────────────────────────────────────────


def reconcile(texts: list[str], starts: list[Start], entries: tuple[TocEntry, ...], body_from: int, notices: list[Notice]) -> list[Start]:
    """Pair 目录 entries with body headers; keep what either side proves, report every disagreement."""
    used: set[int] = set()
    found: list[Start] = []
    missing: list[TocEntry] = []
    for entry in entries:
        k = _match_entry(entry, starts, used)
        if k is not None:
            used.add(k)
            found.append(replace(starts[k], span=replace(starts[k].span, toc=entry)))
            continue
        after = max((s.span.start for s in found), default=body_from - 1) + 1
        located = _find_title(texts, entry, after) or _find_title(texts, entry, body_from)
        if located is None or _claimed(located, starts, entry):
            missing.append(entry)
            continue
        found.append(located)
    for k, start in enumerate(starts):
        if k in used or start.strength < MEDIUM or any(f.span.start == start.span.start for f in found):
            continue
        found.append(start)
        notices.append(Notice("not-in-toc", f"the body holds a document the 目录 does not list: {start.title or texts[start.span.start]}", start.span.start + 1))
    found.sort(key=lambda s: s.span.start)
    unique: list[Start] = []
    for start in found:
        if not unique or unique[-1].span.start != start.span.start:
            unique.append(start)
    body = sum(1 for s in unique if s.span.toc is not None)
    if missing or body != len(entries):
        notices.append(Notice("toc-mismatch", f"TOC lists {len(entries)}, body holds {body}", entries[0].line + 1))
    for entry in missing:
        number = f" ({entry.number})" if entry.number else ""
        notices.append(Notice("toc-entry-missing", f"the 目录 lists {entry.title}{number}, which the body does not hold", entry.line + 1))
    return unique


def _match_entry(entry: TocEntry, starts: list[Start], used: set[int]) -> int | None:
    """The same 文号 first; else the same title where the numbers do not contradict it."""
    numbers = find_doc_numbers(entry.number) if entry.number else []
    number = numbers[0] if numbers else None
    free = [k for k in range(len(starts)) if k not in used]
    if number:
        for k in free:
            if same_number(starts[k].number, number):
                return k
    for k in free:
        clash = number and starts[k].number and not same_number(starts[k].number, number)
        names = (starts[k].title, *starts[k].names)
        if not clash and any(name and same_title(entry.title, name) for name in names):
            return k
    return None


def _claimed(located: Start, starts: list[Start], entry: TocEntry) -> bool:
    """A title found in the body that heads another document, whose own 文号 is not the entry's
    (…关于任免韩立平等同志职务的通知 (13号) is not …关于任免邹强涛等同志职务的通知 (5号))."""
    numbers = find_doc_numbers(entry.number) if entry.number else []
    if not numbers or located.span.title is None:
        return False
    a, b = located.span.title
    return any(s.number is not None and s.span.title is not None and not same_number(s.number, numbers[0])
               and s.span.title[0] < b and a < s.span.title[1] for s in starts)


def same_title(a: str, b: str) -> bool:
    """Two spellings of one title (wrapping, punctuation, a few characters apart)."""
    ka, kb = entry_key(a), entry_key(b)
    if not ka or not kb:
        return False
    return ka == kb or difflib.SequenceMatcher(None, ka, kb, autojunk=False).ratio() >= TITLE_MATCH


def _find_title(texts: list[str], entry: TocEntry, begin: int) -> Start | None:
    """A 目录 title printed in the body without a header we recognised (wrapped or not)."""
    key = entry_key(entry.title)
    if len(key) < 4:
        return None
    for i in range(max(begin, 0), len(texts)):
        head = entry_key(texts[i])[:8]
        if not head or not key.startswith(head) or S.is_sentence(texts[i]):
            continue
        joined, k = "", i
        while k < len(texts) and len(entry_key(joined)) < len(key) and k < i + MAX_TITLE_LINES:
            joined += texts[k]
            k += 1
        if same_title(entry.title, joined):
            return Start(DocumentSpan(i, i, "document", (i, k), toc=entry), MEDIUM, None, joined)
    return None


HEADLINE_GAP = 4  # lines between a headline's letterhead and the document's own
MIN_HEADLINE = 8  # a headline shorter than this is no title to compare (政策文件)


def dedupe(starts: list[Start], texts: list[str], notices: list[Notice]) -> list[Start]:
    """A page printing one document twice (002) yields it once: same 文号 and same title. Printed
    twice before any of its text (a site's headline over the document's own header), it is one
    header: the document's own title and 文号 are read from the later, nearer the text."""
    kept: list[Start] = []
    for start in starts:
        if kept and _headline_letterhead(kept[-1], start, texts):
            kept.pop()  # the page's headline repeating the letterhead the document prints below
        twin = next((s for s in kept if s.span.kind != "duplicate" and _same_document(s, start)), None)
        if twin is None:
            kept.append(start)
            continue
        between = texts[twin.span.start : start.span.start]
        if twin is kept[-1] and not any(running_text(t) or S.recipients(t) for t in between):
            kept[-1] = replace(start, span=replace(start.span, start=twin.span.start))
            continue
        if not (twin.number and start.number) and not _same_opening(twin, start, texts):
            kept.append(start)  # one title, other text: two 征收土地预公告 of one issue are two documents
            continue
        notices.append(Notice("duplicate", f"the page prints document {start.number.canonical if start.number else start.title} twice; the copy at line {start.span.start + 1} is left out", start.span.start + 1))
        kept.append(replace(start, span=replace(start.span, kind="duplicate")))
    return kept


def _opening(start: Start, texts: list[str]) -> str:
    """What a document says first, under its header: its first lines, blanks and widths aside."""
    k = start.span.title[1] if start.span.title else start.span.start + 1
    return "".join(entry_key(t) for t in texts[k : k + OPENING_LINES])[:OPENING_CHARS]


def _same_opening(a: Start, b: Start, texts: list[str]) -> bool:
    """Without a 文号 to tell them apart, a document printed twice opens with the same text."""
    first, second = _opening(a, texts), _opening(b, texts)
    return difflib.SequenceMatcher(None, first, second, autojunk=False).ratio() >= SAME_OPENING


def _headline_letterhead(bare: Start, start: Start, texts: list[str]) -> bool:
    """A letterhead alone (no title, no 文号) a few lines over the same letterhead heading a document."""
    a, b = bare.span, start.span
    if bare.title or bare.number or a.banner is None or b.banner is None or b.banner - a.banner > HEADLINE_GAP:
        return False
    between = texts[a.banner + 1 : b.banner]
    return entry_key(texts[a.banner]) == entry_key(texts[b.banner]) and not any(S.recipients(t) for t in between)


def _same_document(a: Start, b: Start) -> bool:
    if a.number and b.number:
        return same_number(a.number, b.number) and (not a.title or not b.title or same_title(a.title, b.title))
    return bool(a.title) and _same_but_issuer(entry_key(a.title), entry_key(b.title)) and not (a.number or b.number)


def _same_but_issuer(a: str, b: str) -> bool:
    """One title, or a headline's 关于… over the document's own XX县人民政府关于… (the issuer added)."""
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    return len(short) >= MIN_HEADLINE and issuer_added(long, short)
