"""The document's title: its header's title block, or the same title printed whole elsewhere on the
page, or a field, a heading, an order's 《…》, the page's <title>."""

from __future__ import annotations

import re

from .. import lineshapes as S
from .. import patterns as P
from ..docnumber import find_doc_numbers
from ..normalize import fold_width
from ..toc import entry_key
from .evidence import Evidence, heading, news_lead, unwrap
from .number import SERIAL_TAIL
from .offices import OFFICE_PREFIX

ACT_TITLE_MAX = 20  # 征收土地预公告, 森林防火禁火令: a short act, not a subject


def title(ev: Evidence) -> tuple[str, str | None]:
    body = _header_title(ev)
    if body:
        if whole := _whole_title(ev, body):
            return whole
        a, b = ev.span.title
        joint = b - a > 1 and S.is_office(ev.texts[a]) and S.PLACE.match(ev.texts[a + 1]) is not None  # the next office has its place
        printed = _issuers_apart(ev.printed(body, range(a, b)), ev.originals[a].strip() if joint else "")
        if issuer := _issuer_above(ev, body, a):
            if named := _heading_naming_act(ev, body):
                return named  # 卫生部关于将…纳入…管理的公告(2009年第8号) heads the page over 卫生部 / 公 告
            return issuer + printed, "body"
        return printed, "body"
    if ev.span.toc:
        return ev.toc_entry[0], "toc"
    if ev.page:
        if field := ev.page.fields.text("title"):
            return S.split_note(field[0])[0], f"field:{field[1]}"
        summary = ev.page.fields.text("summary")
        if summary and S.ends_like_title(fold_width(ev.norm(summary[0]))) and len(summary[0]) <= S.TITLE_MAX:
            return summary[0], f"field:{summary[1]}"  # 内容概况 | 市政府关于…的批复
        for k in ev.page.headings:
            text = S.split_note(heading(ev.texts[k]))[0]
            if k == ev.span.banner:
                continue  # 锦州市人民政府令 over its number: the order's header names no act
            if S.ends_like_title(text) and not S.is_office(text):
                return ev.printed(text, [k]), "heading"
    for k in range(ev.span.start, min(ev.span.end, ev.span.start + 12)):
        if found := P.BOOK_TITLE_LINE.match(ev.texts[k]):
            return ev.printed(found.group("title"), [k]), "order-title"
    if ev.span.kind == "order":  # 《…办法》已经…常务会议通过,现予公布: the order promulgates it
        for k in range(ev.body_from, min(ev.span.end, ev.body_from + 3)):
            if named := S.book_titles(ev.texts[k]):
                return ev.printed(named[0], [k]), "order-title"
    if (lead := news_lead(ev)) and S.ends_like_title(lead[1].group("title")):
        return ev.printed(lead[1].group("title"), [lead[0]]), "news-lead"  # XX发布《…的通告》,具体内容如下
    if ev.page and ev.page.page_title:
        # The first piece names the page; one that is only an office is the site's name (青岚市人民政府).
        piece = P.HEADING_SEPARATORS.split(ev.page.page_title)[0].strip()
        if piece and not S.is_office(ev.norm(piece)):
            return piece, "page-title"
    # …never the page's first sentence wrapped before its full stop (为加强…管理,持续…,维护).
    if ev.page and (headlines := [k for k in ev.page.headings if not S.is_office(heading(ev.texts[k]))
                                  and not P.OPENING_CLAUSE.match(heading(ev.texts[k]))]):
        return ev.printed(heading(ev.texts[headlines[0]]), headlines[:1]), "heading"  # a headline that names no genre
    for k in range(ev.body_from, ev.span.end):
        # 附件:教育部关于公布…的通知.pdf: a page that printed no title links its document's own file.
        if (found := FILE_OF_ITSELF.match(ev.texts[k])) and S.starts_like_title(name := found.group("name")) and S.ends_like_title(name):
            return ev.printed(name, [k]), "file-name"
    return "", None


FILE_OF_ITSELF = re.compile(r"^附\s*件\s*[:：]?\s*(?P<name>[^\s:：]{6,120}?)\.(?:pdf|docx?|wps|ofd|PDF|DOCX?)(?=\s|$)")


def _issuer_above(ev: Evidence, body: str, a: int) -> str | None:
    """固安县人民政府 / 征收土地预公告: a title that is only the act the issuer speaks (no 关于, no
    name of its own) is named with the office line over it, as 固安县人民政府征收土地预公告."""
    if a == 0 or ev.cells[a - 1] or not S.is_office(ev.texts[a - 1]) or S.is_banner(ev.texts[a - 1]):
        return None
    if len(body) > ACT_TITLE_MAX or S.starts_like_title(body) or S.PLACE.match(body) or not S.NAMED_ACT.search(body):
        return None
    return ev.originals[a - 1].strip()


def _heading_naming_act(ev: Evidence, act: str) -> tuple[str, str] | None:
    """A page heading that names the bare act its body prints under the issuer's line (公告): the whole
    title, its serial note cut."""
    if not ev.page:
        return None
    for k in ev.page.headings:
        text = S.split_note(heading(ev.texts[k]))[0]
        if (serial := SERIAL_TAIL.search(text)) or (serial := P.TRAILING_NUMBER.search(text)):
            text = text[: serial.start()].strip()
        if len(text) > len(act) + 4 and text.endswith(re.sub(r"\s+", "", act)) and S.starts_like_title(text):
            return ev.printed(text, [k]), "heading"
    return None


def _issuers_apart(title: str, first: str) -> str:
    """Joint issuers printed one per line over the title (金塘市人力资源和社会保障局 / 金塘市民政局关于…)
    keep a blank between them, as one line prints them."""
    if first and title.startswith(first) and len(title) > len(first) and not title[len(first)].isspace():
        return f"{first}\u3000{title[len(first):]}"
    return title


def _header_title(ev: Evidence) -> str:
    if not ev.span.title:
        return ""
    a, b = ev.span.title
    title = "".join(S.split_note(unwrap(S.without_news_place(ev.texts[k]) if k == a else ev.texts[k]))[0] for k in range(a, b))
    if found := P.TRAILING_NUMBER.search(title):
        title = title[: found.start()].strip()
    elif (serial := SERIAL_TAIL.search(title)) and S.ends_like_title(title[: serial.start()]):
        title = title[: serial.start()].strip()  # …的通告(第十二号): the serial is its number, not its name
    lead = find_doc_numbers(title)
    if lead and title.startswith(lead[0].raw):
        title = unwrap(title[len(lead[0].raw) :].strip())
    elif lead and title.endswith(lead[0].raw):
        title = title[: -len(lead[0].raw)].strip()
    return title


def _whole_title(ev: Evidence, body: str) -> tuple[str, str] | None:
    """The same title printed elsewhere with its issuing office before it (real/016, 019): that one.
    A body that put the office on a letterhead line printed only 关于…; a reader cites it whole."""
    key = entry_key(body)
    if not ev.page or OFFICE_PREFIX.match(body):
        return None
    candidates: list[tuple[str, str, list[int]]] = []
    for k in ev.page.headings:
        candidates += [(piece, "heading", [k]) for piece in P.HEADING_SEPARATORS.split(heading(ev.texts[k]))]
    if field := ev.page.fields.text("title"):
        candidates.append((field[0], f"field:{field[1]}", []))
    if ev.page.page_title:
        candidates += [(piece, "page-title", []) for piece in P.HEADING_SEPARATORS.split(ev.page.page_title)]
    for text, where, lines in candidates:
        whole = entry_key(fold_width(ev.norm(text)))
        if len(whole) > len(key) and whole.endswith(key) and S.is_office(whole[: len(whole) - len(key)]):
            return (ev.printed(text.strip(), lines) if lines else text.strip()), where
    return None
