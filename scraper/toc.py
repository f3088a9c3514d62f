"""An issue's table of contents (目录): where it is and what it lists.

The TOC starts at a 目录 heading (000:16, 003:15), or, without one, at a run of at least two
"title(文号)" lines near the top. It holds section headers (本溪市人民政府令, …文件) and entries,
possibly wrapped over lines and followed by page numbers. It ends where the body starts: at a
line that is neither, or at a section header or title seen before (the body repeats them).
"""

from __future__ import annotations

import re

from . import patterns as P
from .model import Line, TocEntry

MAX_TOC_START = 0.4  # a TOC sits in the first part of an issue
MAX_ENTRY_LINES = 3
MAX_ENTRY_LEN = 160
SECTION = re.compile(
    rf"^(?:{P.BANNER.pattern[1:-1]}|{P.ORDER_HEADER.pattern[1:-1]}|"
    rf"[{P.CJK}]{{0,12}}(?:文件|政府令|规范性文件|規範性文件|人事任免|领导讲话|領導講話|讲话|講話|部门文件|部門文件|其他|会议纪要|會議紀要|政策解读|政策解讀|大事记|大事記))$"
)
SENTENCE = re.compile(r"[。；;！？]")


def find_toc(lines: tuple[Line, ...]) -> tuple[int, int, list[TocEntry]] | None:
    """(first, end) line indices of the TOC and its entries, or None when the issue has none."""
    texts = [line.text for line in lines]
    limit = max(1, int(len(texts) * MAX_TOC_START))
    head = next((i for i, t in enumerate(texts[:limit]) if P.TOC_HEADING.match(t)), None)
    if head is not None:
        end, entries = _entries(texts, head + 1)
        return (head, end, entries) if entries else None
    for i, text in enumerate(texts[:limit]):
        if _entry_with_number(text) and i + 1 < len(texts) and _entry_with_number(texts[i + 1]):
            end, entries = _entries(texts, i)
            return (i, end, entries) if len(entries) >= 2 else None
    return None


def entry_key(title: str) -> str:
    """What two spellings of one title share: no spaces, brackets or punctuation."""
    return re.sub(rf"[^{P.CJK}0-9A-Za-z]", "", title)


def _repeats(title: str, number: str | None, entries: list[TocEntry]) -> bool:
    """A title seen before, without a new 文号 of its own: the body has begun."""
    key = entry_key(title)
    for entry in entries:
        same = key.startswith(entry_key(entry.title)) or entry_key(entry.title).startswith(key)
        if same and (number is None or entry.number is None or entry_key(number) == entry_key(entry.number)):
            return True
    return False


def _entry_with_number(text: str) -> bool:
    return bool(P.TRAILING_NUMBER.search(text)) and len(text) <= MAX_ENTRY_LEN and not SENTENCE.search(text)


def _entries(texts: list[str], start: int) -> tuple[int, list[TocEntry]]:
    entries: list[TocEntry] = []
    sections: set[str] = set()
    section: str | None = None
    i, end = start, start
    while i < len(texts):
        text = texts[i]
        if SECTION.match(text) and len(text) <= 40:
            if text in sections:
                break  # the body repeats the first section header (000:35, 003:34)
            sections.add(text)
            section, i = text, i + 1
            continue
        entry = _entry_at(texts, i)
        if entry is None:
            break
        title, number, used = entry
        if _repeats(title, number, entries):
            break  # the first body title repeats an entry
        entries.append(TocEntry(title, number, i, section))
        i += used
        end = i
    return end, entries


def _entry_at(texts: list[str], i: int) -> tuple[str, str | None, int] | None:
    """An entry starting at line i: (title, number, lines used), joining wrapped lines."""
    joined = ""
    for used in range(1, MAX_ENTRY_LINES + 1):
        if i + used - 1 >= len(texts):
            return None
        text = texts[i + used - 1]
        if SENTENCE.search(text) or P.DOC_NUMBER_LINE.match(text) or P.DATE_LINE.match(text):
            return None
        joined += text
        if len(joined) > MAX_ENTRY_LEN:
            return None
        parsed = _parse_entry(joined)
        if parsed:
            return parsed[0], parsed[1], used
    return None


def _parse_entry(text: str) -> tuple[str, str | None] | None:
    text = P.TOC_PAGE_REF.sub("", text).strip() if not P.TRAILING_NUMBER.search(text) else text
    number = None
    if found := P.TRAILING_NUMBER.search(text):
        number = found.group("number")
        text = text[: found.start()].strip()
    if not P.TITLE_END.search(text) and number is None:
        return None
    return text, number
