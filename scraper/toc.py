"""An issue's table of contents (目录): where it is and what it lists.

A 目录 starts at its heading (000:16, 003:15) or, without one, at a run of "title(文号)" lines
near the top. It holds section headers (本溪市人民政府令, 市政府办公室文件 …; they may come back
more than once, interleaved) and entries: a title, maybe wrapped over lines, maybe with its 文号
in brackets (before or after), maybe followed by dot leaders and a page number, sometimes two or
more entries flattened into one line (real/030). It ends where the body begins: a line that is
none of these, or a title that repeats an entry already read (the body prints the first document).
"""

from __future__ import annotations

import re

from . import lineshapes as S
from . import patterns as P
from .docnumber import find_doc_numbers
from .model import TocEntry

NOT_KEY = re.compile(rf"[^{P.CJK}0-9A-Za-z]")  # what entry_key drops

MAX_TOC_START = 0.4  # a TOC sits in the first part of an issue
MAX_ENTRY_LINES = 3
MAX_ENTRY_LEN = 160
SECTION_WORDS = (
    "文件|政府令|规章|規章|规范性文件|規範性文件|人事任免|任免|领导讲话|領導講話|讲话|講話|部门文件|部門文件|其他|"
    "会议纪要|會議紀要|政策解读|政策解讀|大事记|大事記|公告|通告|决定|決定|命令|批复|批覆|意见|意見|通知|函|"
    "发文|發文|联合发文|聯合發文|公文|文件选登|规范性文件"
)
BULLET = "■□●○◆◇▲△★☆·•"
CATEGORY = re.compile(
    r"^[■□●○◆◇▲△★☆·•\-\s]*[【\[〔]?(?:(?![的之于於])[\u4e00-\u9fff]){0,8}(?:文件|政府令|规章|規章|任免|讲话|講話|发文|發文|其他|解读|解讀|"
    r"大事记|大事記|纪要|紀要|规范性文件|規範性文件|文件选登)[】\]〕]?[■□●○◆◇▲△★☆·•\-\s]*$"
)
# A section names a kind of document (市政府文件, 【通知】, ◆决定◆); 的 makes it a title's tail (…救助的实施意见).
SECTION = re.compile(
    rf"^[■□●○◆◇▲△★☆·•\-\s]*[【\[〔]?(?:{P.BANNER.pattern[1:-1]}|{P.ORDER_HEADER.pattern[1:-1]}|(?:(?![的之于於])[{P.CJK}]){{0,8}}(?:{SECTION_WORDS}))[】\]〕]?[■□●○◆◇▲△★☆·•\-\s]*$"
    rf"|^[■□●○◆◇▲△★☆][{P.CJK}]{{2,12}}$"
)
# Dot leaders and a page number: ……(9), …… 12, ·····3, or a bare page number after a space.
PAGE_REF = re.compile(r"(?:[.…·．\-—_]{2,}\s*[(（]?\s*\d{1,4}\s*[)）]?|\s+[(（]?\d{1,4}[)）]?|[(（]\d{1,4}[)）]|(?<=[^\d\s])\d{1,3}\))$")
# Inside a flattened line: the same marks, followed by the next entry.
PAGE_REF_INSIDE = re.compile(r"(?:[.…·．\-—_]{2,}\s*[(（]?\s*\d{1,4}\s*[)）]?|[(（]\d{1,4}[)）]|(?<=[^\d\s(（])\d{1,3}\)"
                             rf"|(?<=[{''.join(sorted({g[-1] for g in P.GENRES}))}])[ \u3000]{{2,}}\d{{1,4}}(?=[\u4e00-\u9fff【■□●○◆◇▲△★☆]))")  # …的讲话　　2市政府令…
SECTION_INLINE = re.compile(r"^[【\[〔](?P<section>[^】\]〕]{2,20})[】\]〕]")
# …or after a bullet, run on into the entry: ■政府规章北嵩市…管理规定.
SECTION_BULLET = re.compile(rf"^[{BULLET}](?P<section>[{P.CJK}]{{0,8}}?(?:{SECTION_WORDS}))(?=[{P.CJK}])"
                            rf"|^[{BULLET}]?(?P<named>[{P.CJK}]{{0,8}}?(?:{SECTION_WORDS}))[·•:：](?=[{P.CJK}])")  # …or before one: ·政府规章·…
PLACE_OPENING = re.compile(rf"^[{P.CJK}]{{1,6}}?[省市县縣区區州旗盟](?![场場])")  # 北嵩市…, not 市场…
COLUMN_GAP = re.compile(r"[ \u3000]{3,}")  # between two columns of a 目录
PAGE_ONLY = re.compile(r"^[\-—–\s]*[(（]?\d{1,4}[)）]?[\-—–\s]*$")


def find_toc(texts: list[str]) -> tuple[int, int, list[TocEntry]] | None:
    """(first, end) line indices of the TOC and its entries, or None when the issue has none."""
    limit = max(1, int(len(texts) * MAX_TOC_START))
    head = next((i for i, t in enumerate(texts[:limit]) if P.TOC_HEADING.match(t)), None)
    if head is not None:
        end, entries = _entries(texts, head + 1)
        return (head, end, entries) if entries else None
    for i, text in enumerate(texts[:limit]):
        if S.is_sentence(text) and len(text) > 30:
            return None  # the text has begun: a list of titles below it is a document's (a 清理 list)
        if _numbered_entry(text) and i + 1 < len(texts) and (_numbered_entry(texts[i + 1]) or SECTION.match(texts[i + 1])):
            end, entries = _entries(texts, i)
            return (i, end, entries) if len(entries) >= 2 else None
        if len(PAGE_REF_INSIDE.findall(text)) >= 3 and len(_flattened(text)) >= 3:
            end, entries = _entries(texts, i)
            return (i, end, entries)
    return None


def is_category(text: str) -> bool:
    """A line naming a category of documents (市政府令, ■部门文件, 【人事任免】, 领导讲话): a section of
    the 目录 or of the body, never a title (a genre word alone, 通知 or 决定, is not enough; 的 makes
    it a wrapped title's tail, …电视电话会议上的讲话)."""
    return bool(CATEGORY.match(text))


def entry_key(title: str) -> str:
    """What two spellings of one title share: no spaces, brackets or punctuation."""
    return NOT_KEY.sub("", title)


def _numbered_entry(text: str) -> bool:
    return bool(P.TRAILING_NUMBER.search(text)) and len(text) <= MAX_ENTRY_LEN and not S.is_sentence(text)


def _entries(texts: list[str], start: int) -> tuple[int, list[TocEntry]]:
    entries: list[TocEntry] = []
    section: str | None = None
    numbers_below = numbers_before = False
    # The section lines the page prints on their own (重要讲话, 市政府令): in a 目录 flattened into one
    # line they open the entry after them, without brackets.
    sections = frozenset(t.strip("【】[]〔〕■□●○◆◇▲△★☆·•- ") for t in texts if len(t) <= 20 and SECTION.match(t))
    i, end = start, start
    while i < len(texts):
        text = texts[i]
        if PAGE_ONLY.match(text):
            i += 1
            end = i if entries else end
            continue
        if SECTION.match(text) and len(text) <= 40:
            if _body_header_follows(texts, i):
                break
            section, i = text.strip("【】[]〔〕■□●○◆◇▲△★☆·•- "), i + 1
            end = i
            continue
        if numbers_before and S.number_line(text) and (wrapped := _entry_at(texts, i + 1, numbered=False)) \
                and wrapped[1] is None and not _text_follows(texts, i + 1 + wrapped[2]):
            # 临政办〔2022〕28号 / 临沅市人民政府办公室关于…的通知 in a 目录 that prints numbers before
            # titles: one entry wrapped after its number (the body's would have its text below)
            entries.append(TocEntry(wrapped[0], text.strip(), i, section))
            i += 1 + wrapped[2]
            end = i
            continue
        if S.is_banner(text) or S.is_order_header(text) or S.number_line(text):
            break
        flat = _flattened(text, sections) if len(PAGE_REF_INSIDE.findall(text)) >= 2 else _columns(text)
        if len(flat) >= 2:
            for title, number, sec in flat:
                section = sec or section
                entries.append(TocEntry(title, number, i, section))
            i += 1
            end = i
            continue
        # A bare 文号 line after an entry is its number in a 目录 that prints numbers that way; in one
        # that prints them after the titles (…的意见(云府发〔2020〕13号)) it is the body's first.
        entry = _entry_at(texts, i, numbered=not entries or numbers_below)
        if entry is None:
            break
        title, number, used = entry
        numbers_below = numbers_below or (number is not None and used > 1 and _bracketed_number(texts[i + used - 1]) is not None)
        numbers_before = numbers_before or (number is not None and entry_key(text).startswith(entry_key(number)))
        if _repeats(title, number, entries) and not _toc_goes_on(texts, i + used):
            break  # the body prints the first document (two documents of one title are both listed)
        if _text_follows(texts, i + used):
            break  # a title followed by its text (a 主送, a sentence) is the body's first document
        entries.append(TocEntry(title, number, i, section))
        i += used
        end = i
    return end, entries


def _text_follows(texts: list[str], k: int) -> bool:
    """The line after an entry is running text, a 主送, a speaker or a date: what follows a document's
    title in the body, not an entry in the 目录."""
    while k < len(texts) and PAGE_ONLY.match(texts[k]):
        k += 1
    if k >= len(texts):
        return False
    text = texts[k]
    return S.is_sentence(text) or S.recipients(text) is not None or S.is_speaker(text) or S.date_line(text) is not None


def _toc_goes_on(texts: list[str], k: int) -> bool:
    """After a title listed again: a section of the 目录, or another entry, not the body's text."""
    while k < len(texts) and PAGE_ONLY.match(texts[k]):
        k += 1
    if k >= len(texts):
        return False
    if SECTION.match(texts[k]) and len(texts[k]) <= 40:
        return not _body_header_follows(texts, k)
    entry = _entry_at(texts, k, numbered=False)
    return entry is not None and not _text_follows(texts, k + entry[2])


def _body_header_follows(texts: list[str], i: int) -> bool:
    """A section header right above a 文号 line or a letterhead is the body's, not the TOC's."""
    nxt = texts[i + 1] if i + 1 < len(texts) else ""
    return S.number_line(nxt, texts[i] if S.is_order_header(texts[i]) else None) is not None or S.is_banner(nxt)


def _repeats(title: str, number: str | None, entries: list[TocEntry]) -> bool:
    """A title seen before, without a new 文号 of its own: the body has begun."""
    key = entry_key(title)
    for entry in entries:
        seen = entry_key(entry.title)
        # A 目录 may add to a title (黄立群县长在…的讲话) or cut it short: one contains the other.
        same = key == seen or (min(len(key), len(seen)) >= 8 and (key in seen or seen in key))
        if same and (number is None or entry.number is None or entry_key(number) == entry_key(entry.number)):
            return True
    return False


def _entry_at(texts: list[str], i: int, numbered: bool = True) -> tuple[str, str | None, int] | None:
    """An entry starting at line i: (title, number, lines used), joining wrapped lines. A bare 文号
    line after it is its number only in a 目录 whose entries carry numbers (`numbered`); in one
    whose entries do not, it begins the body (岚府发[2019]27号 over the first document's title)."""
    joined = ""
    for used in range(1, MAX_ENTRY_LINES + 1):
        if i + used - 1 >= len(texts):
            return None
        text = texts[i + used - 1]
        if S.is_sentence(text) or S.date_line(text) or S.is_banner(text) or S.recipients(text):
            return None
        if used > 1 and SECTION.match(text):
            return None
        joined += text
        if len(joined) > MAX_ENTRY_LEN:
            return None
        parsed = _parse_entry(joined)
        following = texts[i + used] if i + used < len(texts) else ""
        if parsed and parsed[1] is None and following[:1] in "(（的之" and not _bracketed_number(following) \
                and used < MAX_ENTRY_LINES and _parse_entry(joined + following):
            continue  # …三年行动计划 / (2021—2023年)的通知(梧政〔2021〕42号): the title goes on
        if parsed:
            title, number = parsed
            # (本政办发〔2021〕1号) on the line after its title; an order's number belongs to an order
            # (青堰市人民政府令 第110号 under a …的函 is the body's first document beginning).
            if number is None and (alone := _bracketed_number(following)):
                order = find_doc_numbers(alone)[0].is_order
                bracketed = following.strip()[:1] in "(（"
                if (not order or P.ORDER_TITLE.search(title)) and (bracketed or numbered or _entry_follows(texts, i + used + 1)):
                    return title, alone, used + 1
            return title, number, used
    return None


def _entry_follows(texts: list[str], k: int) -> bool:
    """After a bare 文号 line, another title that is itself followed by a 文号 line: the 目录 goes on
    (its first entries, a speech, carried none). The body's first document has its 主送 or text there."""
    entry = _entry_at(texts, k, numbered=False)
    if entry is None:
        return False
    after = k + entry[2]
    return entry[1] is not None or (after < len(texts) and _bracketed_number(texts[after]) is not None)


def _bracketed_number(text: str) -> str | None:
    """(本政办发〔2021〕1号) or 本政办发〔2021〕1号 alone on the line after an entry's title."""
    found = re.fullmatch(r"\s*[(（]?\s*(?P<n>.+?)\s*[)）]?\s*", text)
    if found and (numbers := find_doc_numbers(found.group("n"))) and len(numbers) == 1 and S.number_line(found.group("n")):
        return found.group("n")
    return None


def _parse_entry(text: str) -> tuple[str, str | None] | None:
    text = PAGE_REF.sub("", text).strip(" .…·．-—_")
    number = None
    if found := P.TRAILING_NUMBER.search(text):
        number = found.group("number")
        text = text[: found.start()].strip()
    elif (lead := find_doc_numbers(text)) and text.startswith(lead[0].raw):
        number = lead[0].raw  # 文号 before the title
        text = text[len(lead[0].raw) :].strip(" 　")
    if not text or S.is_sentence(text) or len(text) < 4:
        return None
    if not S.ends_like_title(text) and number is None:
        return None
    return text, number


def _columns(text: str) -> list[tuple[str, str | None, str | None]]:
    """Two entries side by side (a 目录 set in two columns): each part between wide blanks an entry."""
    parts = [part.strip() for part in COLUMN_GAP.split(text) if part.strip()]
    if len(parts) < 2:
        return []
    parsed = [_parse_entry(part) for part in parts]
    return [(entry[0], entry[1], None) for entry in parsed if entry] if all(parsed) else []


def _section_run_on(piece: str) -> str | None:
    """市人民政府令北嵩市河湖长制实施办法, 领导讲话在全市…的讲话: the shortest opening that is a section,
    where what follows opens like an entry of its own (a place, an issuer and 关于, a speech)."""
    for cut in range(2, min(len(piece) - 5, 16)):
        rest = piece[cut:]
        if SECTION.fullmatch(piece[:cut]) and (PLACE_OPENING.match(rest) or S.starts_like_title(rest) or P.SPEECH_TITLE.match(P.TRAILING_NUMBER.sub("", rest))):
            return piece[:cut]
    return None


def _flattened(text: str, sections: frozenset[str] = frozenset()) -> list[tuple[str, str | None, str | None]]:
    """Entries run together in one line (a 目录 copied from a PDF): cut at the page numbers."""
    out: list[tuple[str, str | None, str | None]] = []
    pos = 0
    for found in PAGE_REF_INSIDE.finditer(text):
        piece = text[pos : found.start()].strip()
        pos = found.end()
        section = None
        while match := SECTION_INLINE.match(piece) or SECTION_BULLET.match(piece):
            section = match.group("section") or match.group("named")
            piece = piece[match.end() :].strip()
        # the longest such name, so the choice never depends on the order of a set
        if lead := max((name for name in sections if piece.startswith(name) and len(piece) > len(name) + 4), key=len, default=None):
            section, piece = lead, piece[len(lead) :].strip()
        elif lead := _section_run_on(piece):
            section, piece = lead, piece[len(lead) :].strip()
        piece = re.sub(r"^\d{4}(?=[\u4e00-\u9fff【])", "", piece)  # a year glued before the first entry
        parsed = _parse_entry(piece) if piece else None
        if parsed:
            out.append((parsed[0], parsed[1], section))
    return out
