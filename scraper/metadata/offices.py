"""Who issued the document: every office of its signature (joint issuers), the title's own office,
the letterhead, the order's issuer, 发文机关 and 发布机构 fields, a header line; a name cut short is
completed from another piece of evidence, a province before a city dropped."""

from __future__ import annotations

import re

from .. import lineshapes as S
from .. import patterns as P
from ..model import DocNumber
from ..normalize import fold_width
from ..script import to_simplified
from .evidence import Evidence, news_lead

OFFICE_PREFIX = re.compile(rf"^(?P<office>[{P.CJK}、（）()“”·\s]{{2,80}}?{P.OFFICE_SUFFIX})\s*(?:{P.ABOUT}|{P.ISSUING})")
# What an office does in a title before the 关于 of what it acts on (贯彻国务院关于…): not its name.
ACTS = re.compile(rf"贯彻|貫徹|落实|落實|执行|執行|{P.ISSUING}")
# A name a copier or a template masked: (略)人民政府办公厅, XX县人民政府, ××局. Names no one.
MASKED = re.compile(r"[(（]\s*略\s*[)）]|[Xx×Ｘ＊*]{2}")
# An office named without its place: 市人民政府办公厅, 县政府, 区委 (real/013, 040).
PLACELESS = re.compile(r"^(?:市|县|縣|区|區|省|州|旗|盟|镇|鎮|乡|鄉|自治区|自治區|自治州)")
# A province before a city or prefecture in an issuer's name: 辽宁省沈阳市人民政府 is 沈阳市人民政府.
PROVINCE_PREFIX = re.compile(rf"^[{P.CJK}]{{2,8}}?(?:省|自治区|自治區)(?=[{P.CJK}]{{2,10}}?(?:市|州|盟|地区|地區))")
PRINTED_WHOLE = ("signature", "title", "order", "field-issuer", "title-named")
# A township publishing in its own name (发布机构 固东镇).
TOWNSHIP = re.compile(rf"^[{P.CJK}]{{1,10}}(?:镇|鎮|乡|鄉|街道)$")
# Office evidence, strongest first.
OFFICE_RANK = ("signature", "title", "letterhead", "order", "field-issuer", "title-named", "header-line", "field-publisher", "title-short",
               "news-lead")


def offices(ev: Evidence, title: str, signed_at: int | None, number: DocNumber | None) -> tuple[list[str], str | None]:
    found: dict[str, list[str]] = {}
    if signed_at is not None and (names := _signature_offices(ev, signed_at)):
        found["signature"] = names
    if prefix := OFFICE_PREFIX.match(fold_width(ev.norm(title))):
        office = re.sub(r"\s+", "", prefix.group("office"))
        if (verb := ACTS.search(office)) and S.is_office(office[: verb.start()]):
            office = office[: verb.start()]  # 浙江省人民政府贯彻国务院关于…: the office is before its verb
        found["title-short" if PLACELESS.match(office) else "title"] = [ev.norm.printed(office, title)]
    elif office := S.named_issuer(re.sub(r"\s+", "", fold_width(ev.norm(title)))):
        found["title-named"] = [ev.norm.printed(office, title)]
    if ev.span.banner is not None:
        banner = ev.texts[ev.span.banner]
        if S.is_order_header(banner):
            found["order"] = [ev.printed(banner[:-1], [ev.span.banner])]
        else:
            name = re.sub(r"\s*文\s*件$", "", banner).strip()
            if name:
                found["letterhead"] = [ev.printed(re.sub(r"\s+", "", name), [ev.span.banner])]
    if ev.span.banner is None and ev.span.title and ev.span.title[0] > ev.span.start:
        above = ev.span.title[0] - 1  # 青岛市人民政府 / 关于…的通知: an office line over a 关于 title
        if S.is_office(ev.texts[above]) and not PLACELESS.match(ev.texts[above].lstrip("•·-* ")):
            name = re.sub(r"\s+", "", ev.texts[above]).lstrip("•·-*")
            found["letterhead"] = [ev.printed(name, [above])]
    if number is not None and number.is_order and (office := _order_office(number)):
        if "order" not in found or PLACELESS.match(found["order"][0]):
            found["order"] = [office]  # 市人民政府令 (a section line) / 東陵市人民政府令 第201號
    if ev.page:
        for kind in ("issuer", "publisher"):
            for field in ev.page.fields.all(kind):
                name = re.sub(r"\s+", "", fold_width(field.value))
                if S.is_office(ev.norm(name)) or TOWNSHIP.match(ev.norm(name)):  # read without a mirror's glosses
                    found.setdefault(f"field-{kind}", [name])
        for k in list(ev.page.headings) + list(range(0, ev.header_end)):  # a page's one document: its whole head
            if S.is_office(ev.texts[k]) and not S.is_banner(ev.texts[k]):
                name = re.sub(r"\s+", "", ev.texts[k]).lstrip("•·-*")
                found.setdefault("header-line", [ev.printed(name, [k])])
    if lead := news_lead(ev):
        found["news-lead"] = [ev.printed(lead[1].group("office"), [lead[0]])]  # XX发布《…》,具体内容如下
    if "title-short" in found and "field-publisher" in found and not S.PLACE.match(found["field-publisher"][0]):
        found.pop("field-publisher")  # 区人民政府办公室 from the title says more than a 发布机构 of 政府办
    for rank in OFFICE_RANK:
        if rank in found and (names := [name for name in found[rank] if not MASKED.search(name)]):
            names = _complete(names, found)
            if rank not in PRINTED_WHOLE:  # a database adds the province to its issuer line; a signature or a field is as printed
                names = [PROVINCE_PREFIX.sub("", name) for name in names]
            return names, rank
    return [], None


def _signature_offices(ev: Evidence, signed_at: int) -> list[str]:
    both = ev.office_and_date(signed_at)
    if both and S.is_office(both[0]):
        return [ev.printed(re.sub(r"\s+", "", both[0]), [signed_at])]
    names = []
    k = signed_at - 1
    while k >= ev.body_from and len(names) < 4 and not ev.cells[k] and S.is_office(ev.texts[k]):
        names.insert(0, ev.printed(re.sub(r"\s+", "", ev.texts[k]), [k]))
        k -= 1
    if len(names) == 1 and k >= ev.body_from and not ev.cells[k] and _wrapped_office(ev.texts[k], ev.texts[k + 1]):
        # 鹤庆县新型冠状病毒感染的肺炎疫情 / 防控工作指挥部办公室: one name wrapped over two lines
        names = [ev.printed(re.sub(r"\s+", "", ev.texts[k] + ev.texts[k + 1]), [k, k + 1])]
    return names


def _wrapped_office(head: str, tail: str) -> bool:
    head = re.sub(r"\s+", "", head)
    # …and a head that already names an office (柯国栋　XX市住房和城乡建设局主任科员, the last of a
    # 表彰 list over the signature) is no office's first half.
    return (2 < len(head) <= 24 and S.PLACE.match(head) is not None and not S.is_sentence(head)
            and not S.is_office(head) and re.search(P.OFFICE_SUFFIX, head) is None
            and S.is_office(head + re.sub(r"\s+", "", tail)))


def _order_office(number: DocNumber) -> str | None:
    """广西壮族自治区人民政府令 → 广西壮族自治区人民政府; 政府令 names no office."""
    agency = number.agency.removesuffix("令")
    return agency if S.PLACE.match(agency) or agency.startswith(("国务院", "國務院", "中华人民共和国")) else None


def _complete(names: list[str], found: dict[str, list[str]]) -> list[str]:
    """市人民政府办公厅 → 广州市人民政府办公厅 when another piece of evidence prints it whole; a title's
    江苏省政府办公厅 → 江苏省人民政府办公厅 when the issuer's line prints the full name."""
    out = []
    for name in names:
        if PLACELESS.match(name):
            longer = [x for xs in found.values() for x in xs if len(x) > len(name) and to_simplified(x).endswith(to_simplified(name))]
            name = max(longer, key=len) if longer else name
        elif state := [x for xs in found.values() for x in xs if to_simplified(x) == "中华人民共和国" + to_simplified(name)]:
            name = state[0]  # 卫生部 in the title, 中华人民共和国卫生部 on the letterhead line
        elif "人民政府" not in (simple := to_simplified(name)) and "政府" in simple:
            # …the issuer's line may name the province too (江苏省南京市人民政府 for 南京市政府)
            full = [y for xs in found.values() for x in xs for y in (x, PROVINCE_PREFIX.sub("", x))
                    if _spelled_short(to_simplified(y)) == simple and y != name]
            name = full[0] if full else name
        out.append(name)
    return out


def _spelled_short(name: str) -> str:
    return name.replace("人民政府", "政府")


