"""The body's header groups: letterheads, 令 headers, 文号 lines, titles, speakers, and how strong
each is as evidence that a document starts there."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .. import lineshapes as S
from .. import patterns as P
from ..docnumber import DocNumber, find_doc_numbers, same_number
from ..model import DocumentSpan
from ..toc import is_category

MAX_TITLE_LINES = 5
FIRST_TITLE_LINES = 12  # where a page without headers prints its title
SHORT_LINE = 30
GROUP_GAP = 2  # header parts may be this many lines apart (a 签发人 line, a stray page number)
STRONG, MEDIUM, WEAK = 3, 2, 1
HEADLINE_NOTE = re.compile(r"\s*[(（][^()（）]{2,30}[)）]\s*$")  # a content site's note after a headline
PUBLIC_GENRES = "通告|公告|布告|佈告"
PUBLIC_GENRE = re.compile(rf"(?:{PUBLIC_GENRES})$")
# A line that ends this way cannot end a title: the title goes on below it (鹤岗市人民政府 鹤岗市中级人民法院印发 /
# 关于…的通知).
CONNECTIVE = re.compile(rf"(?:{P.ISSUING}|{P.ABOUT}|的|和|及|与|與|、|《)$")
HAN = re.compile(rf"[{P.CJK}]")
# A title cannot open with the end of an office's name: the line above holds the rest of it.
BARE_OFFICE = re.compile(rf"^(?:人民政府|政府|办公室|辦公室|办公厅|辦公廳|委员会|委員會)\s*(?:{P.ABOUT}|印发|印發|转发|轉發)")
OPEN_ABOUT = re.compile(rf"{P.ABOUT}[^的之]*$")  # a 关于 no 的 has closed yet
CLOSING = re.compile(rf"[的之](?:{P.GENRE_ALT})$")
TRAILING_NAME = re.compile(rf"(?<=[\s、])[{P.CJK}]{{1,6}}$")  # the last name of a list, after a blank or 、
LATIN = re.compile(r"[A-Za-z]{2}")
TAG_TAIL = re.compile(r"[\"']\s*/?>\s*$")  # a description cut out of its <meta content="…" />
PAGE_NUMBER = re.compile(r"^[\-—–\s]*[(（]?\d{1,4}[)）]?[\-—–\s]*$")
# A news page's line before the document it reprints: 原文如下: / 全文如下 / 附:文件全文 / 通知全文:
REPOST_MARKER = re.compile(r"^(?:附[:：]?)?(?:以下为|以下是)?(?:文件|通知|公告|通告|政策)?(?:原文|全文)(?:如下)?[:：]?$")
ISSUER_PREFIX = re.compile(rf"^(?P<issuer>[{P.CJK}“”·]{{1,40}}?{P.OFFICE_SUFFIX})\s*(?:{P.ABOUT}|印发|印發|转发|轉發)")
# An issuer that begins with its place: 青岚市…, 白沙湾区…, 市人民政府 (a placeless 市/县 is a
# whole name, as 001 prints it: 市人民政府辦公室關于…; 市场监督管理局 is not one).
PLACE_START = re.compile(rf"^(?:{P.PLACE_NAME}|市(?![场場])|县|縣|区|區|省)")
# What site furniture has and a title has not: paths, bars, index codes, spaced-out menus.
WRAP_MIN = 8
FURNITURE = re.compile(r"^[•·]|(?:19|20)\d\d-\d{1,2}-\d{1,2}|[>»›|丨｜\\]|\s/\s|\d{6,}|[A-Za-z0-9-]+\.(?:gov|com|cn|net|org)\b|(?:\S\s+){3,}\S\s{2,}|\S(?:\s{2,}\S){2,}")


@dataclass
class Start:
    span: DocumentSpan
    strength: int
    number: DocNumber | None
    title: str
    names: tuple[str, ...] = ()  # what else it is known by: the rules an order promulgates (《…》)


# ── header groups ──────────────────────────────────────────────────────────────────────────


def candidates(texts: list[str], cells: list[bool], begin: int) -> list[Start]:
    """Every header group of the body, with its strength (0: a title-like line, no evidence)."""
    out: list[Start] = []
    part = [not cells[k] and k >= begin and _header_part(texts, k) for k in range(len(texts))]
    i = begin
    while i < len(texts):
        if not part[i]:
            i += 1
            continue
        end = i + 1
        while end < len(texts) and not cells[end]:
            if part[end] or _speech_part(texts, end):
                end += 1
                continue
            # A stray line inside a header (发布时间… left by the page, a page number) does not end it.
            gap = next((g for g in range(1, GROUP_GAP + 1) if end + g < len(texts) and part[end + g]), None)
            if gap is None or not all(_gap_line(texts[end + k]) for k in range(gap)):
                break
            end += gap
        start = _group(texts, i, end)
        if start is not None:
            out.append(start)
        i = end
    return out


def _speech_part(texts: list[str], k: int) -> bool:
    """A speaker or a date under a speech title (or under its speaker) is part of its header."""
    text, before = texts[k], texts[k - 1] if k else ""
    return (S.is_speaker(text) or S.date_line(text) is not None) and bool(P.SPEECH_TITLE.match(before) or S.is_speaker(before))


def _gap_line(text: str) -> bool:
    if RULE_LINE.match(text):
        return True  # a printed rule (-----, ═══) between a letterhead and its title
    return len(text) <= 40 and not (S.is_sentence(text) or S.recipients(text) or S.date_line(text) or S.is_public_note(text))


def _header_part(texts: list[str], i: int) -> bool:
    """A line that can belong to a document's header: letterhead, 令 header, 文号, title."""
    text = texts[i]
    if len(text) > S.TITLE_LINE_MAX and S.is_sentence(text):
        return False  # the running text: most lines of a page, settled at once
    before = texts[i - 1] if i else None
    if S.is_banner(text) or S.is_order_header(text) or P.BANNER_WORD.match(text):
        return True
    if S.DATE_NOTE.match(text) and before is not None and _title_text(before) is not None:
        return True  # (2019年1月29日) printed under a title, over its 文号 (a gazette's layout)
    if S.number_line(text, before if before and S.is_order_header(before) else None):
        return True
    if _with_number(text) is not None:
        return True
    if S.is_office(text) and not S.is_sentence(text):
        return True
    return _title_text(text) is not None


def _block_text(texts: list[str], block: tuple[int, int]) -> str:
    """A title block's lines joined as one title (each line's title, 《…》 unwrapped)."""
    return "".join(_title_text(texts[k]) or texts[k] for k in range(*block))


# 你局《关于…的请示》(雁应急〔2019〕54号) / 收悉: a 批复 citing the request it answers, wrapped before 收悉.
CITED_REQUEST = re.compile(r"^(?:你们?|贵|您)[\u4e00-\u9fff]{0,8}《")
ANNOUNCING = re.compile(rf"(?:{PUBLIC_GENRES})如下")


@lru_cache(maxsize=8192)  # each line is read as a title by several rules
def _title_text(text: str) -> str | None:
    """The title a line holds (《…》 unwrapped, a trailing dated note cut), if it can be (part of) one."""
    if CITED_REQUEST.match(text) or P.TOC_HEADING.match(text) or P.OPENING_CLAUSE.match(text):
        return None  # …and 目录 is a heading of the issue (its linked entries may be gone as navigation)
    if found := P.BOOK_TITLE_LINE.match(text):
        text = found.group("title")
    text = S.split_note(S.without_news_place(text))[0]
    return text if S.title_like(text) else None


@lru_cache(maxsize=8192)
def _with_number(text: str) -> tuple[str, DocNumber] | None:
    """A title with its 文号 glued before or after it: …的通知(岳办发〔2017〕2号), 京政办发〔2016〕26号《…》."""
    if len(text) > S.TITLE_MAX or S.is_sentence(text) or S.continues(text) or CITED_REQUEST.match(text):
        return None
    if found := P.TRAILING_NUMBER.search(text):
        numbers = find_doc_numbers(found.group("number"))
        title = text[: found.start()].strip()
        if numbers and title and S.title_like(title):
            return title, numbers[0]
    numbers = find_doc_numbers(text)
    if len(numbers) != 1:
        return None
    at = text.find(numbers[0].raw)
    before, after = text[:at].strip(), text[at + len(numbers[0].raw) :].strip()
    if before and not after and (S.ends_like_title(before) or S.starts_like_title(before)) and S.title_like(before):
        return before, numbers[0]  # 广西壮族自治区土地整治办法 广西壮族自治区人民政府令 第116号
    if after and not before and (title := _title_text(after.strip())) and (S.ends_like_title(title) or S.starts_like_title(title)):
        return title, numbers[0]
    return None


def _group(texts: list[str], first: int, end: int) -> Start | None:
    """Read one run of header lines [first, end): its parts, its title block and its strength."""
    banner = banner_first = order = order_first = number_at = None
    number: DocNumber | None = None
    title: tuple[int, int] | None = None
    title_text = ""
    glued = False
    speech = False
    numbers: list[tuple[int, DocNumber]] = []
    for k in range(first, end):
        text = texts[k]
        if S.is_banner(text) or (P.BANNER_WORD.match(text) and k > first and S.is_office(texts[k - 1])):
            # 市人民政府文件 (the issue's section) over 青堰市人民政府文件: the nearer is the document's own.
            at = k if S.is_banner(text) else k - 1
            if S.is_banner(text) and k - 1 >= first and S.is_office(texts[k - 1]) and not S.is_banner(texts[k - 1]):
                at = k - 1  # a joint letterhead: 中共北嵩市委办公室 / 北嵩市人民政府办公室文件
            banner_first, banner = (banner_first if banner_first is not None else at), at
            continue
        if S.is_order_header(text):
            # 市人民政府令 (the issue's section) over 金塘市人民政府令 / 第248号: the nearer names the issuer.
            order_first, order = (order_first if order_first is not None else k), k
            continue
        header = texts[order] if order is not None else None
        if found := S.number_line(text, header):
            numbers.append((k, found))
            continue
        if (glue := _with_number(text)) and not glued:
            title_text, number, number_at, title, glued = glue[0], glue[1], k, (k, k + 1), True
            continue
        if P.SPEECH_TITLE.match(text):
            speech = True
    # The title block: the wrapped title closest to the 文号 (above it, else below it).
    blocks = _title_blocks(texts, first, end)
    if glued and (wrapped := [b for b in blocks if b[1] == title[1] and b[0] < title[0]]):
        # …关于开展消 / 防车通道…的通知(雁政〔2022〕33号): the glued line ends a title wrapped from above
        title_text = "".join(_title_text(texts[k]) or texts[k] for k in range(wrapped[0][0], title[0])) + title_text
        title = (wrapped[0][0], title[1])
    elif glued and title[0] > first and not S.starts_like_title(title_text) and _title_line(texts[title[0] - 1]) \
            and (above := _title_text(texts[title[0] - 1])) and not S.ends_like_title(above) and S.starts_like_title(above + title_text):
        # XX办公室关于切实做好当前森林防 / 火工作的紧急通知X政办发〔2010〕16号: the glued line ends a title cut mid-word
        title_text, title = above + title_text, (title[0] - 1, title[1])
    if glued and numbers and any(n[0] > number_at and same_number(n[1], number) for n in numbers) \
            and any(b[0] > number_at for b in blocks):
        # A headline with its 文号 over the document's own header (桂东县关于…的通告 桂政通〔2017〕6号 /
        # 桂政通〔2017〕6号 / 桂东县人民政府 / 关于…的通告): the document's own, nearer its text, counts.
        glued, first_at = False, number_at
        blocks = [b for b in blocks if b[0] > first_at]
        numbers = [n for n in numbers if n[0] > first_at]
    if glued and (below := [b for b in blocks if b[0] > number_at]):
        whole = _block_text(texts, below[0])
        if len(whole) > len(title_text) and whole[-6:] == title_text[-6:] and S.starts_like_title(whole):
            # 凌政办发[2020]35号凌海市推进…细则的通知 over 凌海市人民政府办公室关于印发凌海市推进 / … / …的通知:
            # a CMS headline with the number glued on, over the document's own title printed whole
            glued, blocks = False, below
    if not glued and numbers:
        # Of several 文号 lines, the one next to a title (or to the 令 header) is the document's.
        number_at, number = min(numbers, key=lambda n: min((abs(n[0] - b[1]) for b in blocks), default=0))
    if not glued and not blocks and number_at is not None and number_at > first \
            and (cut := _title_text(texts[number_at - 1])) and S.starts_like_title(cut) and _title_line(texts[number_at - 1]):
        blocks = [(number_at - 1, number_at)]  # 关于…孔明灯(许愿灯)的 / 陆府通〔2019〕2号: a title that lost its genre word
    if not glued and blocks:
        title = _closest(texts, blocks, number_at)
        title_text = _block_text(texts, title)
        speech = speech or bool(P.SPEECH_TITLE.match(title_text))  # a speech's title wrapped over lines
    if title is None and number is None and banner is None and order is None:
        return None
    start = min(x for x in (banner_first, order_first, number_at, title[0] if title else None, _letterhead(texts, first, title)) if x is not None)
    after = end
    strength = 0
    kind = "order" if order is not None or (number is not None and number.is_order) else "document"
    if banner is not None or order is not None or (number is not None and number.is_order and number.agency.endswith("令") and len(number.agency) > 3):
        strength = STRONG  # a letterhead, a 令 header, or a line that is one (青堰市人民政府令 第110号)
    elif number is not None and (title is not None or glued):
        strength = STRONG
    elif speech and _speech_follows(texts, title[1] if title else end):
        strength, kind = MEDIUM, "speech"
    elif (number is not None or title is not None) and _recipients_follow(texts, after):
        strength = MEDIUM
    elif title is not None and title[1] < len(texts) and ADOPTION_NOTE.match(texts[title[1]]):
        strength = MEDIUM  # a title over the note of its adoption ((2023年5月31日…常务委员会第七次会议通过))
    elif title is not None and _letterhead(texts, first, title) is not None and S.starts_like_title(title_text) \
            and PUBLIC_GENRE.search(title_text):
        strength = MEDIUM  # 冊亨縣人民政府 / 關于實施…禁漁期的 / 通告: an announcement has no 主送 to follow it
    elif title is not None and ISSUER_PREFIX.match(title_text) and PUBLIC_GENRE.search(title_text) \
            and (after_closing(texts, start) or ANNOUNCING.search("".join(texts[title[1] : title[1] + 3]))):
        # XX县人民政府关于…的通告 right after the last document's signature, or over its own 现通告如下:
        # an announcement has no 主送 to follow it
        strength = MEDIUM
    elif title is not None and S.starts_like_title(title_text) and after_closing(texts, start):
        strength = WEAK
    if title is None and number is None and banner is None and order is None:
        return None
    if title is not None and strength < STRONG:
        start = title[0] if not (number_at is not None and number_at < title[0]) else start
    span = DocumentSpan(start, start, kind, title, number_at, banner if banner is not None else order)
    names = ()
    if kind == "order":  # 《青堰市食品安全监管管理规定》已经…通过,现予公布: the 目录 lists the order by it
        # (a promulgation note wrapped without its full stop may be read into the header run)
        names = tuple(t for line in texts[start : end + 3] for t in S.book_titles(line))
    return Start(span, strength, number, title_text, names)


def _letterhead(texts: list[str], first: int, title: tuple[int, int] | None) -> int | None:
    """The office line right above a title that begins 关于… (real/023): the document starts there."""
    if title is None or title[0] - 1 < first:
        return None
    above = texts[title[0] - 1]
    return title[0] - 1 if S.is_office(above) and not S.ends_like_title(above) else None


def _title_blocks(texts: list[str], first: int, end: int) -> list[tuple[int, int]]:
    """Wrapped titles inside a header run. A title is found at the line where it reaches its genre
    word (…的通知), goes on over a short continuation line, and reaches upwards over the lines it
    wraps from until it begins like a title (XX关于…, 在…的讲话). A standalone office line above it is the
    letterhead (real/023), and site furniture (paths, index codes, menus) is never part of it."""
    blocks: list[tuple[int, int]] = []
    j = first
    while j < end:
        piece = _title_text(texts[j])
        if piece is None or not _title_line(texts[j]):
            j += 1
            continue
        joined, last = piece, j + 1
        if not S.ends_like_title(piece):
            if not (cut := _genre_cut(texts, j, end)):
                j += 1
                continue
            joined, last = cut, j + 2  # …的通 / 知: the genre word cut in two
        while _continues(texts, last, end, joined):
            joined += _title_text(texts[last]) or ""
            last += 1
        top = j
        floor = blocks[-1][1] if blocks else first
        while top - 1 >= floor and j - top < MAX_TITLE_LINES - 1 and (
                not (S.starts_like_title(joined) or P.SPEECH_TITLE.match(joined)) or CONNECTIVE.search(texts[top - 1])
                or _cut_issuer(joined) or _cut_place(texts[top - 1], joined) or _forwarded_from(texts[top - 1], joined)):
            prev = texts[top - 1]
            if BARE_OFFICE.match(joined) and S.is_office(prev) and not S.is_banner(prev):
                joined, top = prev + joined, top - 1  # …澜川市人民政府 / 办公室印发…: the issuer cut inside its name
                continue
            above = _title_text(prev)
            if above is None or not _title_line(prev) or S.ends_like_title(above) or len(joined) + len(above) > S.TITLE_MAX \
                    or not HAN.search(prev) or (LATIN.search(prev) and len(above) < WRAP_MIN):
                break  # …and a line without a Chinese character (The Beginning, Home), or a short one with Latin
                # letters (APP下载, WAP版), is the page's, never a title's
            if len(above) < min(WRAP_MIN, len(texts[top]) - 4) and not CONNECTIVE.search(prev) \
                    and not P.SPEECH_TITLE.match(above + joined) and not _mends_start(above, joined):
                break  # a title wraps from a full line: a short line above it is the page's (图片, 政府信息公开)
            joined, top = above + joined, top - 1
        if top - 1 >= floor and _joint_issuer(texts[top - 1], joined):
            joined, top = texts[top - 1] + joined, top - 1
        if not S.continues(texts[top]):  # …防火 / 命令》(市政发〔2020〕130号): a sentence's tail, no title
            blocks.append((top, last))
        j = last
    return blocks


def _genre_cut(texts: list[str], j: int, end: int) -> str | None:
    """A title whose genre word the line cut in two (…重点文物保护单位的通 / 知): the two lines joined,
    when only the short line below completes the word."""
    piece = _title_text(texts[j]) or ""
    tail = texts[j + 1].strip() if j + 1 < end else ""
    if not tail or len(tail) > GENRE_TAIL_MAX or not HAN_ONLY.match(tail):
        return None
    found = GENRE_END.search(piece + tail)
    return piece + tail if found and found.start() < len(piece) < found.end() else None


def _mends_start(above: str, joined: str) -> bool:
    """A title wrapped after a short first line, wherever the line fell (吉林市人民政 / 府关于…, 关于加强元旦 /
    节前后…的通告): the short line is its start when only with it does the title begin as a title begins
    (its issuer whole, 关于)."""
    whole = above + joined
    if _cut_issuer(joined):
        return not _cut_issuer(whole)
    return not S.starts_like_title(joined) and S.starts_like_title(whole)


FORWARDS = re.compile(rf"^\s*{P.ISSUING}[{P.CJK}、“”]{{2,40}}?{P.OFFICE_SUFFIX}(?:等(?:部门|部門|单位|單位)?)?\s*$")


def _forwarded_from(above: str, joined: str) -> bool:
    """转发省人力资源社会保障厅等部门 / 关于做好…的意见的通知: the line above names whose 关于 title a
    notice forwards, so the title begins there."""
    return bool(re.match(P.ABOUT, joined)) and bool(FORWARDS.match(above))


def _cut_issuer(title: str) -> bool:
    """A title whose issuer has lost its place to the line above: 人民政府办公室关于…,
    住房和城乡建设局关于… (a joint issuer's name wrapped: 金塘市发展和改革委员会 金塘市 / 住房和…)."""
    found = ISSUER_PREFIX.match(title)
    if not found:
        return False
    issuer = found.group("issuer")
    return not (PLACE_START.match(issuer) or issuer.startswith(("中共", "中国", "国务院", "國務院", "中华", "中華")))


def _joint_issuer(above: str, title: str) -> bool:
    """金塘市人力资源和社会保障局 / 金塘市民政局关于印发…: an office line of the same place over a title
    that opens with another office is its first issuer (joint), not a letterhead (a letterhead is
    over a 关于… without one, real/023, or is the same office)."""
    found = ISSUER_PREFIX.match(title)
    if found is None or not S.is_office(above) or S.is_banner(above):
        return False
    office, issuer = P.SPACES.sub("", above), found.group("issuer")
    mine, theirs = PLACE_START.match(office), PLACE_START.match(issuer)
    if office in issuer or issuer in office:
        return False  # 牟定县人民政府 over 牟定县人民政府办公室关于…: the site's or the parent's name, not a co-issuer
    return mine is not None and theirs is not None and len(mine.group()) >= 2 and mine.group() == theirs.group()


def _cut_place(above: str, title: str) -> bool:
    """A joint issuer wrapped inside its place: 白沙湾区自然资源和规划局 白沙 / 湾区民政局关于…. The
    line above ends in the place's first characters, and the place is printed whole before them."""
    tail = TRAILING_NAME.search(above)
    found = PLACE_START.match(title)
    if tail is None or found is None or tail.start() == 0:
        return False
    # 中共白沙湾区委办公室 白沙湾 / 区人民政府办公室印发…; 東陵市自然资源和规划局 東陵 / 市市场监督管理局…
    places = {tail.group() + found.group(), tail.group() + title[:1]}
    return any(len(place) >= 3 and place in above[: tail.start()] for place in places)


def _title_line(text: str) -> bool:
    """A line that can be part of a title: not a letterhead, 文号, speaker or piece of furniture."""
    text = S.split_note(text)[0]
    if is_category(text):
        return False  # 市政府令, 人事任免: the issue's section line, not a title
    if PAGE_NUMBER.match(text):
        return False
    return not (
        S.is_office(text) or S.number_line(text) or S.is_banner(text) or S.is_order_header(text) or S.is_speaker(text)
        or S.signatory(text) or P.DATE_WRITTEN.search(text) or FURNITURE.search(text)
    )


def _continues(texts: list[str], j: int, end: int, joined: str) -> bool:
    """…实施方案 / 的通知: a title may reach a genre word and still go on for a short line."""
    if j >= end or (more := _title_text(texts[j])) is None or not _title_line(texts[j]):
        return False
    if (joined.endswith(more) or HEADLINE_NOTE.sub("", joined).endswith(more)) and len(more) >= 4:
        return False  # the same title printed again (a headline or a path ending in it, then the heading)
    if not S.ends_like_title(joined + more) or OUTLINE_START.match(more):
        return False  # …and 一、保障措施 opens the text's first section, whatever its last word
    # …关于表彰2018年度高标准 / 农田建设工作先进集体和先进个人的决定: a 关于 not yet closed by its 的 ends
    # in a word that only looks like a genre (标准, 规划); the line that closes it goes on the title.
    return more[0] in "的之(（" or len(more) <= 12 or (OPEN_ABOUT.search(joined) is not None and CLOSING.search(more) is not None)


GENRE_END = re.compile(rf"(?:{P.GENRE_ALT})$")
GENRE_TAIL_MAX = 3  # the rest of a genre word on the line below: 知, 意见, 施方案
HAN_ONLY = re.compile(rf"^[{P.CJK}]+$")
OUTLINE_START = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,3}[)）]|\d{1,2}[.、．]|第[一二三四五六七八九十百]+[章节條条])")
RULE_LINE = re.compile(r"^[-—–_=═─━*·.]{3,}$")
ADOPTION_NOTE = re.compile(r"^[(（].{0,200}(?:通过|通過|批准|批準|公布|发布|發布)[^()（）]{0,40}[)）]$")
REPEATED_MIN = 8  # a repeated heading shorter than this is site furniture (首页, 政策文件)
NEAR_TITLE = 3  # lines between a 文号 and a title it may belong to, either side


def _closest(texts: list[str], blocks: list[tuple[int, int]], number_at: int | None) -> tuple[int, int]:
    """The title next to the 文号: just above it (000:245) or just below it (003:34), the nearer.
    A letterhead that reads as an issuer and a genre word (中国共产党XX县委员会(决定) yields to a
    title with a subject as near on the other side."""
    if number_at is None:
        return blocks[-1]

    def distance(b: tuple[int, int]) -> int:
        return number_at - b[1] if b[1] <= number_at else b[0] - number_at - 1

    def bare(b: tuple[int, int]) -> bool:
        text = _block_text(texts, b)
        found = P.TITLE_END.search(text)
        return bool(found) and S.is_office(text[: found.start()].rstrip("(（ "))

    near = [b for b in blocks if distance(b) <= NEAR_TITLE]
    if any(bare(b) for b in near) and not all(bare(b) for b in near):
        blocks = [b for b in blocks if not bare(b)]
    def issued(b: tuple[int, int]) -> bool:
        return S.starts_like_title(_block_text(texts, b))

    # As near both sides: the one that begins like a title (XX办公室关于…) over a page's headline.
    return min(blocks, key=lambda b: (distance(b), not issued(b), b[0] > number_at))


def _speech_follows(texts: list[str], k: int) -> bool:
    return any(S.date_line(t) or S.is_speaker(t) for t in texts[max(0, k - 2) : k + 3])


def after_closing(texts: list[str], first: int) -> bool:
    """The line before a bare title closes a document (a date, 此件公开发布) or nothing precedes it."""
    before = texts[max(0, first - 3) : first]
    return not before or any(S.date_line(t) or S.is_public_note(t) for t in before)


def _recipients_follow(texts: list[str], k: int) -> bool:
    """A 主送 within the next lines, before any text: the 主送 of the next document, under its own
    header after a paragraph, is not this heading's (三、工作规则 / 联席会议原则上… / 市民政局:)."""
    for t in texts[k : k + 3]:
        if S.recipients(t):
            return True
        if S.is_sentence(t):
            return False
    return False


def first_title(texts: list[str], cells: list[bool], first: int) -> tuple[int, int] | None:
    """Without any header, the page's title is a line near the top that reads as a whole title;
    one that names its issuer (XX关于…的通告) wins over a page's headline (信阳息县…的通知). The
    document starts there. A news page that reports the document, then prints it after 原文如下:,
    prints it whole under that line, however long its report."""
    if reposted := _reposted_title(texts, cells, first):
        return reposted
    found: list[tuple[tuple[int, int], str]] = []
    text_from = min(len(texts), first + FIRST_TITLE_LINES)
    for k in range(first, text_from):
        line = P.RUN_ON_STAMP.sub("", texts[k])  # a headline with the page's stamp run on is the page's
        if (running_text(line) or S.recipients(line)) and not _teaser(texts, k):
            text_from = k
            break  # the text has begun: a title below it is an attachment's (a short 欢迎来到…! is not text,
            # nor is a line without a Chinese character: an image's link);
            # a paragraph printed again below is a teaser (the page's description), the text begins there
        if cells[k] or (found and k < found[-1][0][1]):
            continue
        for block in _title_blocks(texts, k, min(len(texts), k + MAX_TITLE_LINES)):
            if block[0] == k:
                found.append((block, "".join(_title_text(texts[j]) or "" for j in range(*block))))
    # A path or headline ending in the title printed below it (EHS中国 法规首页 太原市消防条例 / 太原市消防条例):
    # the latter, however short; else a short title-like line is a menu's (政策文件).
    bare = {t: HEADLINE_NOTE.sub("", t) for _, t in found}  # 新乡长垣市关于…的通告(长垣市交通管理局) / 关于…的通告
    tails = {t2 for _, t in found for _, t2 in found if len(t2) < len(bare[t]) and bare[t].endswith(t2)}
    # …unless what it adds is the issuer: 上高县人民政府关于…的通告 under a news lead's 《关于…的通告》.
    found = [(b, t) for b, t in found
             if not any(bare[t].endswith(t2) and t != t2 and not issuer_added(bare[t], t2) for t2 in tails)]
    found = [(b, t) for b, t in found if S.starts_like_title(t) or len(t) >= 8 or t in tails]
    named = [block for block, joined in found if ISSUER_PREFIX.match(joined)]
    issued = [block for block, joined in found if S.starts_like_title(joined)]
    return (named or issued or [block for block, _ in found] or [_noted_title(texts, cells, first, text_from)
                                                         or _repeated_heading(texts, cells, first, text_from)])[0]


def _reposted_title(texts: list[str], cells: list[bool], first: int) -> tuple[int, int] | None:
    for k in range(first, len(texts) - 1):
        if REPOST_MARKER.match(texts[k]) and not cells[k + 1]:
            for block in _title_blocks(texts, k + 1, min(len(texts), k + 1 + MAX_TITLE_LINES)):
                joined = "".join(_title_text(texts[j]) or "" for j in range(*block))
                if block[0] == k + 1 and (ISSUER_PREFIX.match(joined) or S.starts_like_title(joined)):
                    return block
    return None


def issuer_added(longer: str, shorter: str) -> bool:
    """上高县人民政府关于…的通告 over 关于…的通告: the longer is the shorter with its issuer before it."""
    return len(longer) > len(shorter) and longer.endswith(shorter) and S.is_office(longer[: -len(shorter)])


def running_text(text: str) -> bool:
    """A paragraph of the text: a sentence longer than a short line, in Chinese (an image's link,
    ![](/media/…jpg), is none)."""
    return S.is_sentence(text) and len(text) > SHORT_LINE and HAN.search(text) is not None


def _teaser(texts: list[str], k: int) -> bool:
    """A paragraph that opens a later line (a page's description or summary, maybe cut short: the
    document's first paragraph printed again above its title)."""
    head = TAG_TAIL.sub("", texts[k]).rstrip(".…")
    return len(head) > SHORT_LINE and any(t.startswith(head) for t in texts[k + 1 :])


def _noted_title(texts: list[str], cells: list[bool], first: int, end: int) -> tuple[int, int] | None:
    """A line over a note of its adoption ((2025年8月27日…常务委员会第二十六次会议通过 …批准)) is a
    rule's title, whatever its last word."""
    for k in range(first, min(end, len(texts) - 1)):
        if not cells[k] and ADOPTION_NOTE.match(texts[k + 1]) and S.title_like(texts[k]) and _title_line(texts[k]):
            return (k, k + 1)
    return None


def _repeated_heading(texts: list[str], cells: list[bool], first: int, end: int) -> tuple[int, int] | None:
    """A line printed twice above the text (the page's headline, then the document's own heading) is
    its title even when it ends in no genre word (…《…的通告》(征求意见稿)的反馈情况)."""
    seen: set[str] = set()
    for k in range(first, end):
        text = texts[k]
        if text in seen and not cells[k] and len(text) >= REPEATED_MIN and S.title_like(text) and _title_line(text):
            return (k, k + 1)
        seen.add(text)
    return None


