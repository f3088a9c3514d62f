"""The single 文号 grammar: every way a real page prints a document number ⇄ DocNumber.

Forms (../shared/real/docnumbers.json holds a real example of each):
  本政办发〔2021〕1号   agency, bracketed year, serial: 〔〕 [] 【】 () （） „‟ ﹝﹞ 〖〗, spaces anywhere
  黔府发〔2018〕第7号   第 before the serial
  赣农厅办函〔〕44号     a year lost from its brackets
  甘区政办发201756号    brackets dropped (2017 + 56); X政发2019年5号
  北京市人民政府令第183号, 国务院国资委、财政部令第 3 号   orders: the agency is the whole issuer, 令 included
  政府令〔2010〕第15号, 广西壮族自治区人民政府令2016年第116号   orders numbered per year
  中华人民共和国主席令(九届第37号)   orders numbered per term
  济南市人民政府第201号令   the 第N号令 form
Full-width digits, Traditional 號 and pinyin glosses (滬府發(fā)〔2017〕92號) are read through.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from . import patterns as P
from .model import DocNumber
from .normalize import OPTIONAL_GLOSS, Normalizer, fold_blanks, fold_width, strip_glosses

CJK = P.CJK
OPEN = r"[〔\[【(（〖﹝{„「『⦅]"
CLOSE = r"[〕\]】)）〗﹞}‟“”」』⦆]"
YEAR = r"(?:19|20)\d\d"
HAO = r"[号號]"
CJK_CHAR = re.compile(rf"[{CJK}]")
CN_SERIAL = r"[一二三四五六七八九十百零〇两]{1,7}"  # 第三十七号 (an announcement's serial)
# A year a template never filled in (黔府函〔20xx〕128号): the number has no year.
TEMPLATE_YEAR = r"(?:19|20)[xX×]{2}|[xX×]{4}"
# The core of a number, right of its agency; searched for, then the agency is read leftwards.
CORE = re.compile(
    rf"(?:{OPEN}(?:(?P<year>{YEAR})|{TEMPLATE_YEAR})?{CLOSE}(?P<di>第)?(?P<serial>\d{{1,5}}){HAO}(?!令)"
    rf"|(?<=[{CJK}])(?P<bare_year>{YEAR})(?:年)?(?P<bare_di>第)?(?P<bare_serial>\d{{1,5}}){HAO}(?!令)"
    rf"|(?<=[{CJK}]){OPEN}(?P<open_year>{YEAR})(?P<open_serial>\d{{1,5}}){HAO}(?!令)"
    rf"|(?<=令)(?P<order_year>{YEAR})年第(?P<order_year_serial>\d{{1,5}}){HAO}"
    rf"|(?<=令)(?P<order_di>第)?(?P<order_serial>\d{{1,5}}){HAO}"
    rf"|(?<=令)[(（](?P<term>[{CJK}]{{1,4}}届)?第(?P<term_serial>\d{{1,5}}){HAO}[)）]"
    rf"|(?<=[{CJK}])(?P<ling_di>第)?(?P<ling_serial>\d{{1,5}}){HAO}令"
    # An announcement's year and serial in brackets after it: 环境保护部公告(2011年第73号).
    rf"|(?<=告)[(（](?P<paren_year>{YEAR})年第(?P<paren_serial>\d{{1,5}}){HAO}[)）])"
)
# Words that end the sentence before a number and never stand in an agency code (single
# characters are place initials too: 同政办发 is 大同's, 文政发 文山's, 和政发 和田's).
AGENCY_STOP = re.compile(
    r"的|之|根据|根據|按照|依据|依據|依照|参照|參照|关于|關於|關于|印发|印發|转发|轉發|批转|批轉|执行|執行|"
    r"落实|落實|贯彻|貫徹|精神|要求|规定|規定|文件|通知|通告|公告|通报|通報|决定|決定|批复|批覆|方案|意见|意見|办法|辦法|以及|及|与|與|或|见|見|号|號"
)
# An order's number in brackets after its name: 湖北省人民政府令(第52号), 主席令(九届第37号).
ORDER_NOTE = re.compile(r"令\s*([(（]\s*[^()（）]{0,8}第\s*\d{1,5}\s*[号號]\s*[)）])")
# …and an announcement's: 环境保护部公告(2011年第73号).
NOTICE_NOTE = re.compile(r"告\s*([(（]\s*\d{4}\s*年\s*第\s*(?P<serial>\d{1,5})\s*[号號]\s*[)）])")
# An announcement series numbered per year by its genre alone (通告〔2015〕4号, 公告〔2020〕1号).
SERIES_WORD = re.compile(r"通告|公告")
# A gazette's whole name before an issue number (临沅市人民政府公报2022年第5号); short codes such as 呼政报
# (a report to the province) and 长宁公报〔2021〕2号 (real/032) are numbers as printed.
GAZETTE_NAMES = ("政府公报", "政府公報")
SERIES_CODE_MAX = 4  # an announcement series' own code before its genre word: 方征启公告
SERIES_ISSUER = re.compile(r"(?:部|局|办|辦|委|厅|廳|署|府|会|會|组|組|室|中心)$")
AGENCY_MAX = 14
ORDER_AGENCY_MAX = 24


# One character in brackets inside an agency code, the code going on after it (民委(政)字, 京政(办)发).
INNER_NOTE = re.compile(rf"[(（][{CJK}][)）]$")
HAO_CHAR = re.compile(r"[号號]")  # no 文号 without it (but for a page that lost it: parse_doc_number)
_GLOSS_AT = re.compile(OPTIONAL_GLOSS.removesuffix("?"))
MARKUP = re.compile(r"<\\?/?[A-Za-z][^<>]{0,80}>")
# A number whose closing bracket and 号 a page lost (牟政办发〔201746): read only when it is the whole string.
CUT_SHORT = re.compile(rf"^(?P<agency>[{CJK}]{{1,14}}){OPEN}(?P<year>{YEAR})(?P<serial>\d{{1,5}})$")
# …and one that lost both brackets and its 号, its code ending as codes do (天政办发201652).
BRACKETS_LOST = re.compile(rf"^(?P<agency>[{CJK}]{{1,12}}(?:发|發|字|函|规|規))(?P<year>{YEAR})(?P<serial>\d{{1,4}})$")
# …and one whose opening bracket is lost (元政2024〕1, 元政2024〕1号).
OPEN_LOST = re.compile(rf"^(?P<agency>[{CJK}]{{1,14}}?)(?P<year>{YEAR}){CLOSE}(?P<serial>\d{{1,5}}){HAO}?$")


def _clean(text: str) -> str:
    """What the grammar reads: markup and glosses gone, half-width digits and brackets, no blanks."""
    return P.SPACES.sub("", fold_width(strip_glosses(MARKUP.sub("", text))))


def canonical(agency: str, year: int | None, serial: int, hao: str = "号", order: bool = False) -> str:
    """Canonical spelling: half-width digits, 〔〕 around the year, no spaces; orders keep 第."""
    year_part = f"〔{year}〕" if year is not None else ("" if order else "〔〕")
    return f"{agency}{year_part}{'第' if order else ''}{serial}{hao}"


# …and one whose code ends in 字 and whose serial is in Chinese digits: 东办秘字第五三一号.
CN_CODED = re.compile(rf"^(?P<agency>[{CJK}]{{1,14}}字)第(?P<serial>{CN_SERIAL}){HAO}$")
# A number of the 1970s–80s, the year's last two digits in brackets before the agency: (78)交公路字412号.
OLD_STYLE = re.compile(rf"^{OPEN}(?P<yy>[5-9]\d){CLOSE}(?P<agency>[{CJK}]{{1,14}}?)第?(?P<serial>\d{{1,5}}){HAO}$")


def parse_doc_number(text: str, header: str | None = None) -> DocNumber | None:
    """Parse a string that is exactly one 文号 (brackets around it, spaces and widths tolerated).

    `header` is the 令 header a bare 第192号 was printed under (本溪市人民政府令), which is its agency.

    >>> parse_doc_number("本政办发〔２０２１〕１号").canonical
    '本政办发〔2021〕1号'
    >>> parse_doc_number("北京市人民政府令第183号").agency
    '北京市人民政府令'
    """
    raw = text.strip(" \t\u3000\u00a0:：,，.。;；《》<>")
    clean = _clean(raw)
    # A number in brackets of its own: (鞍政办发〔2019〕33号).
    while len(clean) > 2 and clean[0] in "(（[【" and clean[-1] in ")）]】" and _balanced(clean[1:-1]):
        clean = clean[1:-1]
    if old := OLD_STYLE.match(clean):
        year = 1900 + int(old.group("yy"))
        number = _number((old.group("agency"), year, int(old.group("serial")), False, False, False, 0), raw)
        return replace(number, printed=clean)
    if coded := CN_CODED.match(clean):  # 东办秘字第五三一号: an older number, its serial in Chinese digits
        serial = _serial_value(coded.group("serial"))
        return DocNumber(raw, coded.group("agency"), None, serial, f"{coded.group('agency')}第{serial}号", clean)
    if header and (ling := re.fullmatch(rf"(第)?(\d{{1,5}}){HAO}令", clean)) and (agency := _clean(header)):
        # 红安县…防控指挥部 / 2号令: a numbered order under the name of whoever gives it
        return _under_header(_number((agency, None, int(ling.group(2)), bool(ling.group(1)), True, True, 0), raw))
    if header and (bare := re.fullmatch(rf"第?(\d{{1,5}}){HAO}", clean)):
        agency = _clean(header)
        if agency.endswith("令"):
            return _under_header(_number((agency, None, int(bare.group(1)), True, True, False, 0), raw))
    found = _parse(clean, header)
    if found is None or found[1] != len(clean) or found[0] != 0:
        if (series := SERIAL.match(clean)) and (head := series.group("agency")) and SERIAL_GENRE.search(head) \
                and not head.endswith("令"):
            number = serial_number(clean[len(head) :], head)  # XX常委会公告 / 第三十七号
            return number if number is None or "\n" in raw else replace(number, raw=raw, printed=clean)
        if cut := CUT_SHORT.match(clean) or OPEN_LOST.match(clean) or BRACKETS_LOST.match(clean):
            number = _number((cut.group("agency"), int(cut.group("year")), int(cut.group("serial")), False, False, False, 0), raw)
            return replace(number, printed=clean)  # printed as the page has it (the glyphs are lost, not ours to add)
        return None
    number = _number(found[2], raw)
    return _under_header(number) if header and number.agency not in clean else number


def _under_header(number: DocNumber) -> DocNumber:
    """A number printed under its 令 header (本溪市人民政府令 / 第192号) is printed as its own line
    has it (第192号); its canonical form and key keep the issuer."""
    return replace(number, printed=number.printed.removeprefix(number.agency))


def find_doc_numbers(text: str, *, header: str | None = None) -> list[DocNumber]:
    """Every 文号 in a text (a sentence, a line), in order. Numbers without an agency are skipped."""
    return list(_find(text, header))


@lru_cache(maxsize=16384)
def _find(text: str, header: str | None) -> tuple[DocNumber, ...]:
    # The same lines are asked about by toc, split and metadata: read each once.
    if not HAO_CHAR.search(text):
        return ()
    clean = _clean(text)
    out = []
    for core in CORE.finditer(clean):
        parsed = _parse_at(clean, core, header)
        if parsed is not None:
            if parsed[5] and not parsed[3]:
                continue  # N号令 without 第 is read only as a whole string (省防控指挥部3号令), never in a text
            number = _number(parsed, text)
            raw = _locate(number, text)
            out.append(_apart_from_office(replace(number, raw=raw, printed=_zeros_kept(number, raw)), text))
    return tuple(out)


def _zeros_kept(number: DocNumber, raw: str) -> str:
    """The printed form with the serial's leading zeros the page prints (昌政征启公告〔2024〕05号); the
    canonical form, which finds the document again, drops them."""
    padded = re.search(rf"(?<!\d)(0+){number.serial}\s*[号號]", fold_width(raw))
    if padded is None:
        return number.printed
    return re.sub(rf"(?<!\d){number.serial}(?=[号號])", padded.group(1) + str(number.serial), number.printed, count=1)


def _apart_from_office(number: DocNumber, text: str) -> DocNumber:
    """An office's name printed before a number with a blank between is not its agency:
    山西省人民政府辦公廳 晉政辦發〔2007〕120號 (a letter-spaced 甘 政发〔2020〕60 号 stays whole)."""
    blanked = fold_blanks(number.raw)  # …or a no-break space between (a page's &nbsp;)
    head, sep, rest = blanked.partition(" ") if " " in blanked else blanked.partition("\u3000")
    head = re.sub(r"\s+", "", head)
    if not sep or len(head) < 4 or not P.OFFICE_NAME.match(head) or not number.agency.startswith(head):
        return number
    again = find_doc_numbers(rest.strip())
    return again[0] if len(again) == 1 else number


def find_doc_number(text: str, *, header: str | None = None) -> DocNumber | None:
    """The first 文号 in a text, or None."""
    found = find_doc_numbers(text, header=header)
    return found[0] if found else None


def parse_order_number(text: str, header: str) -> DocNumber | None:
    """A bare 第192号 printed under a 令 header: the agency is the header (本溪市人民政府令)."""
    return parse_doc_number(text, header)


# A numbered notice's serial after its title (国家税务总局公告2018年第31号 spells it with the issuer;
# many pages print only the bracket): 通告(第1号), (2025年第2號) under …禁火令, (县疫情防控指挥部第1号).
SERIAL = re.compile(rf"^[(（]?(?P<agency>[{CJK}]{{2,16}}?)?(?:(?P<year>{YEAR})年)?(?:第(?P<serial>\d{{1,5}}|{CN_SERIAL})|(?P<bare>\d{{1,5}})){HAO}[)）]?$")
SERIAL_GENRE = re.compile(r"(?:公告|通告|令|通令|禁令)$")
CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}


def _serial_value(text: str) -> int:
    """37, or a serial in Chinese numerals (第三十七号, 第一百零五号)."""
    if text.isdigit():
        return int(text)
    if not any(c in "百十" for c in text):
        return int("".join(str(CN_DIGITS[c]) for c in text))  # 第五三一号, 第一〇五号: a digit each
    total, digit = 0, 0
    for c in text:
        if c in "百十":
            total += (digit or 1) * (100 if c == "百" else 10)
            digit = 0
        else:
            digit = CN_DIGITS[c]
    return total + digit


def serial_number(text: str, title: str) -> DocNumber | None:
    """The serial a 公告/通告/令 prints after its title, with the title's issuer as its agency when
    the bracket names none: 鹤庆县…指挥部办公室通告 + (第1号) → 第1号 (printed as the page has it)."""
    clean, head = _clean(text), _clean(title)
    found = SERIAL.match(clean)
    if not found or not SERIAL_GENRE.search(head) or (clean[0] in "(（") != (clean[-1] in ")）"):
        return None
    agency, year, serial = found.group("agency") or head, found.group("year"), _serial_value(found.group("serial") or found.group("bare"))
    canon = f"{agency}{f'{year}年' if year else ''}第{serial}号"
    return DocNumber(text.strip(), agency, int(year) if year else None, serial, canon, clean.strip("(（)）"))


def same_number(a: DocNumber | None, b: DocNumber | None) -> bool:
    """Two readings of one number: equal keys, or orders whose issuers are a short and a full name
    (政府令第192号 in a 目录, 本溪市人民政府令第192号 in the body)."""
    if a is None or b is None:
        return False
    if a.key == b.key:
        return True
    if a.serial != b.serial or not (a.is_order and b.is_order):
        return False
    if a.year is not None and b.year is not None and a.year != b.year:
        return False
    x, y = _order_stem(a.key_agency), _order_stem(b.key_agency)
    return x.endswith(y) or y.endswith(x)


def _order_stem(agency: str) -> str:
    return agency.removesuffix("令").replace("人民", "")


# ── parsing ──────────────────────────────────────────────────────────────────────────────


def _balanced(text: str) -> bool:
    depth = 0
    for c in text:
        depth += c in "(（[【"
        depth -= c in ")）]】"
        if depth < 0:
            return False
    return depth == 0


def _parse(clean: str, header: str | None) -> tuple[int, int, tuple] | None:
    """The number that ends the string: (start, end, parts)."""
    last = None
    for core in CORE.finditer(clean):
        last = core
    if last is None:
        return None
    parts = _parse_at(clean, last, header)
    return parts if parts is None else (parts[6], last.end(), parts)


def _parse_at(clean: str, core: re.Match[str], header: str | None) -> tuple | None:
    g = core.groupdict()
    if g["serial"] is not None:
        year, serial, di, order, ling = g["year"], g["serial"], bool(g["di"]), False, False
    elif g["open_serial"] is not None:  # 明政文〔201764号: the closing bracket lost
        year, serial, di, order, ling = g["open_year"], g["open_serial"], False, False, False
    elif g["bare_serial"] is not None:
        year, serial, di, order, ling = g["bare_year"], g["bare_serial"], bool(g["bare_di"]), False, False
    elif g["order_year_serial"] is not None:
        year, serial, di, order, ling = g["order_year"], g["order_year_serial"], True, True, False
    elif g["order_serial"] is not None:
        year, serial, di, order, ling = None, g["order_serial"], bool(g["order_di"]), True, False
    elif g["term_serial"] is not None:
        year, serial, di, order, ling = None, g["term_serial"], True, True, False
    elif g["paren_serial"] is not None:
        year, serial, di, order, ling = g["paren_year"], g["paren_serial"], True, False, False
    else:
        year, serial, di, order, ling = None, g["ling_serial"], bool(g["ling_di"]), True, True
    start, agency = _agency_before(clean, core.start(), order, clean[core.end() : core.end() + 1])
    if order and g["ling_serial"] is None and agency == "" and header:
        agency = _clean(header)
    if not agency:
        # 第192号 printed alone under a 令 header, with no header given: not a number on its own.
        if header and g["serial"] is None and g["bare_serial"] is None:
            agency = _clean(header)
        else:
            return None
    if agency.endswith(GAZETTE_NAMES):
        return None  # an issue of the gazette, not a document's number
    if not order and agency.endswith("令"):
        order = True  # 政府令〔2010〕第15号: an order numbered per year
    if order and g["ling_serial"] is None and not agency.endswith("令"):
        return None
    return (agency, int(year) if year else None, int(serial), di, order, ling, start)


def _agency_before(clean: str, end: int, order: bool, after: str = "") -> tuple[int, str]:
    """The agency: the run of Chinese characters just before the number, cut at sentence words."""
    limit = ORDER_AGENCY_MAX if order else AGENCY_MAX
    start = end
    while start > 0 and end - start < limit:
        if CJK_CHAR.match(clean[start - 1]) or (order and clean[start - 1] in "、·"):
            start -= 1
        elif start < end and (inner := INNER_NOTE.search(clean, max(0, start - 5), start)) and inner.start() > 0 \
                and CJK_CHAR.match(clean[inner.start() - 1]):
            start = inner.start()  # 民委(政)字〔1990〕217号: a bracketed character inside the code
        else:
            break
    run = clean[start:end]
    stops = list(AGENCY_STOP.finditer(run))
    if stops and stops[-1].end() == len(run) and SERIES_WORD.fullmatch(stops[-1].group(0)):
        # 通告〔2015〕4号 opening its line, 农业部通告〔2017〕4号: a series of announcements numbered per year
        issuer = run[stops[-2].end() if len(stops) > 1 else 0 : stops[-1].start()]
        # A number standing alone (the whole string, or in brackets of its own), not run into a sentence.
        alone = (start == 0 and not after) or (start > 0 and clean[start - 1] in "(（[【" and after in ")）]】")
        whole = alone and len(stops) == 1
        if (not issuer and start == 0 and len(stops) == 1) or SERIES_ISSUER.search(issuer) \
                or (whole and len(issuer) <= SERIES_CODE_MAX):
            # …or a short code of its own before the genre word, nothing else in its run (方征启公告﹝2022﹞4号:
            # 方城 征收 启动): an abbreviation, not a sentence ending in 公告
            return start + len(run) - len(issuer) - len(stops[-1].group(0)), issuer + stops[-1].group(0)
    if stops:
        cut = stops[-1].end()
        start, run = start + cut, run[cut:]
    if run[:1] in "(（" and (inner := run.find(")") + 1 or run.find("）") + 1):
        start, run = start + inner, run[inner:]  # …通知(暂)青政发: the bracket closed what came before
    if start > 0 and clean[start - 1].isdigit() and run[:1] in "年月日":
        start, run = start + 1, run[1:]  # 2004年10月8日市人民政府令第124号: the date is not the agency
    after_number = stops and stops[-1].group(0) in "号號"
    after_close = not stops and start > 0 and clean[start - 1] in ")）]】〕》、,，"
    if (after_number or after_close) and run[:1] in "和及与與或并" and len(run) > 2:
        start, run = start + 1, run[1:]  # 国办发〔2016〕19号和辽政办发〔2017〕1号, …）和辽政办发〔2019〕34号
    return start, run.strip("、·")


def _number(parts: tuple, raw: str) -> DocNumber:
    agency, year, serial, di, order, ling, _ = parts
    hao = "號" if "號" in raw[-8:] or ("號" in raw and "号" not in raw) else "号"
    if ling:
        canon, printed = f"{agency}第{serial}号令", f"{agency}{'第' if di else ''}{serial}号令"
    elif order and (note := ORDER_NOTE.search(fold_width(strip_glosses(raw)))):
        canon, printed = canonical(agency, year, serial, hao, order), agency + re.sub(r"\s+", "", note[1])
    elif agency.endswith("告") and (note := NOTICE_NOTE.search(fold_width(strip_glosses(raw)))) and int(note["serial"]) == serial:
        canon, printed = canonical(agency, year, serial, hao, order), agency + re.sub(r"\s+", "", note[1])
    else:
        canon = canonical(agency, year, serial, hao, order)
        # What the page prints: 沈政令[1997]29号 has no 第, 黔府发〔2018〕第7号 has one.
        printed = f"{agency}{f'〔{year}〕' if year is not None else ('' if order else '〔〕')}{'第' if di else ''}{serial}{hao}"
        if year is not None and not re.search(OPEN, raw):
            # 兰政函2020 48号, X政发2019年5号: printed without brackets, as the page has it (not ours to add)
            return DocNumber(raw.strip(), agency, year, serial, canon, _stretch(printed, raw))
    return DocNumber(raw.strip(), agency, year, serial, canon, _printed(printed, raw))


def _locate(number: DocNumber, text: str) -> str:
    """The stretch of `text` that prints this number (spaces, widths, brackets and glosses as found)."""
    return _stretch(number.printed, text)


def _stretch(want: str, text: str) -> str:
    if want in text:
        return want
    for start in range(len(text)):
        end = _match_from(want, text, start)
        if end is not None:
            return text[start:end]
    return want


def _match_from(want: str, text: str, start: int) -> int | None:
    """Where `want` ends if `text` prints it from `start`: blanks skipped, full-width digits and any
    bracket shape accepted, a year's brackets optional (甘区政办发201756号), a gloss after a character."""
    i = start
    for k, c in enumerate(want):
        if k:
            while i < len(text) and text[i].isspace():
                i += 1
        if i >= len(text):
            return None if c not in "〔〕" else i
        got = text[i]
        if c == "〔":
            if re.match(OPEN, got):
                i += 1
            continue
        if c == "〕":
            if re.match(CLOSE, got) or got == "年":
                i += 1
            continue
        if c.isdigit() and c != "0" and (k == 0 or not want[k - 1].isdigit()):
            while fold_width(text[i]) == "0" and i + 1 < len(text) and fold_width(text[i + 1]).isdigit():
                i += 1  # a serial printed with leading zeros: 昌政征启公告〔2024〕05号
            got = text[i]
        if got != c and fold_width(got) != c:
            return None
        i += 1
        while (gloss := _GLOSS_AT.match(text, i)) and "\u3400" <= c <= "\u9fff":
            i = gloss.end()  # 浙(zhe)(zhe)(zhe): glossed as often as a converter ran
    return i


def _printed(text: str, raw: str) -> str:
    """The spelling with what the page prints kept: a mirror's pinyin glosses (連政發(fā)〔2011〕97號(hào))."""
    if "(" not in raw and "（" not in raw:
        return text  # no gloss can be there
    spelled = re.sub(rf"{OPEN}(\d{{4}})?{CLOSE}", lambda m: f"〔{m.group(1) or ''}〕", re.sub(r"\s+", "", fold_width(raw)))
    return Normalizer.always().printed(text, spelled)


def number_key(number: DocNumber) -> str:
    """What identifies a number whatever its script or spelling: 黃政發〔2019〕14號 = 黄政发〔2019〕14号."""
    return number.key
