"""HTML → lines a reader sees: drop the invisible, the injected and the site furniture.

Principles, not page-specific strings: an element is dropped because a browser would not show
it (script, display:none, off-screen, zero size), because it is an injected wrapper (rare tag
with a random id), or because it is navigation (nav/footer/aside, chrome class names, blocks
made of links) outside the main content. Everything else is text in reading order.
"""

from __future__ import annotations

import re
from html import unescape as html_unescape
from dataclasses import dataclass, field

import lxml.etree

from .. import patterns as P
from ..errors import ParseError
from ..model import Line, Removal, Table
from ..normalize import fold_blanks
from .fields import read_row
from .hidden import hidden_by_page, hides
from .lines import parse_meta, spam_score

Element = lxml.etree._Element

INVISIBLE_TAGS = {
    "script", "style", "noscript", "iframe", "frame", "frameset", "template", "object", "embed",
    "applet", "svg", "canvas", "audio", "video", "map", "select", "button", "input", "textarea",
    "option", "datalist", "head", "title", "meta", "link", "base", "param", "source", "track",
}  # fmt: skip
BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dialog", "dir",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
    "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "main", "menu", "nav", "ol", "p",
    "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "caption",
    "marquee", "listing", "xmp", "plaintext",
}  # fmt: skip
# Tags SEO injectors wrap around their payload with a random id (<acronym id="fucmw">, fixtures).
INJECTABLE_TAGS = {
    "acronym", "abbr", "address", "bdo", "big", "blockquote", "cite", "dfn", "del", "em", "font", "ins",
    "kbd", "legend", "q", "rp", "rt", "ruby", "s", "samp", "small", "strike", "sub", "sup", "tt", "u",
    "var", "i", "b", "strong", "label", "dd", "dt", "dl", "optgroup", "code", "pre", "span", "li",
}  # fmt: skip
# Tags a modern CMS never emits with an id: any short lowercase id on them is an injector's.
RARE_TAGS = {"acronym", "abbr", "bdo", "big", "blockquote", "cite", "dfn", "del", "ins", "kbd", "q", "rp", "rt", "samp", "strike", "tt", "var", "address", "sub", "sup"}
RANDOM_ID = re.compile(r"^[a-z]{4,8}$|^[a-z0-9]{6,10}$")
VOWELS = set("aeiou")

CHROME_TOKENS = {
    "nav", "navbar", "menu", "breadcrumb", "breadcrumbs", "crumb", "crumbs", "position", "location", "weizhi",
    "dqwz", "footer", "foot", "copyright", "share", "bdshare", "jiathis", "toolbar", "tools", "tool", "print",
    "fontsize", "font", "related", "relate", "xgxx", "xgwj", "xglj", "sidebar", "side", "aside", "banner",
    "search", "login", "pagination", "pager", "topbar", "gotop", "backtop", "qrcode", "ewm", "erweima",
    "ad", "ads", "advert", "friendlink", "links", "header", "head", "top", "bottom", "comment", "comments",
}  # fmt: skip
# Inside the article these words name layout (a "top" box, a "font" span), not furniture.
INSIDE_CHROME_TOKENS = CHROME_TOKENS - {"font", "top", "bottom", "head", "header", "side", "links"}
CLASS_SPLIT = re.compile(r"[^a-z0-9]+")
ATTACHMENT_LINK = re.compile(r"附件|\.(?:docx?|xlsx?|pdf|wps|zip|rar|ofd|et)$", re.I)
WHITESPACE_RUN = re.compile(r"[ \t\r\n\f]+")
CONTROL_SPACE = re.compile(r"[\t\r\n\f]+")
CJK_BREAK = re.compile(rf"(?<=[{P.CJK}，。；：、“”（）《》])\s*\n\s*(?=[{P.CJK}，。；：、“”（）《》])")
STRIP_TAGS = re.compile(r"<[^>]*>")
INVISIBLE_BLOCKS = re.compile(r"<!--.*?-->|<(script|style|noscript|head|template|textarea|select)\b.*?</\1\s*>", re.I | re.S)
BLOCK_BREAK = re.compile(r"<(?:br|/?(?:p|div|li|tr|td|th|h[1-6]|table|section|article))\b[^>]*>", re.I)
RAW_TEXT_OPEN = re.compile(r"<(title|textarea|script|style)\b[^>]*>", re.I)
RAW_TEXT_CLOSE = {name: re.compile(rf"</{name}\s*>", re.I) for name in ("title", "textarea", "script", "style")}
_PAGE_STRUCTURE = re.compile(r"<(?:body|div|p|table)[\s>]|</head\s*>", re.I)
_HEAD_END = re.compile(r"<body[\s>]|</head\s*>", re.I)
RAW_TEXT_STRUCTURE = {"title": _PAGE_STRUCTURE, "textarea": _PAGE_STRUCTURE, "script": _HEAD_END, "style": _HEAD_END}
# <meta name=…> of 政府网站网页设计规范: what each states is read in fields.py.
META_TAGS = {"ArticleTitle", "PubDate", "ContentSource"}
META_CELL_MAX = 300  # a field's value is short; a cell holding more is the page's content
MIN_CONTENT_SHARE = 0.6  # a child holding this share of its parent's text is where the content is


@dataclass(slots=True)
class Extracted:
    lines: list[Line] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    title: str | None = None
    meta: list[tuple[str, str]] = field(default_factory=list)
    removals: list[Removal] = field(default_factory=list)


def parse(text: str, location: str) -> Element:
    """Parse leniently (truncated or broken HTML still yields a tree); huge_tree for deep nesting."""
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
    # lxml refuses to build text nodes holding characters XML forbids (drop_tag merges text): decode
    # removed the controls; \f, whitespace in HTML, becomes a space.
    if "\f" in text:
        text = text.replace("\f", " ")
    # lxml.etree's HTML parser, not lxml.html's: the same libxml2 tree, but its elements are made
    # without lxml.html's Python class lookup, which ran for every element each pass touched.
    parser = lxml.etree.HTMLParser(recover=True, huge_tree=True, remove_comments=True, remove_pis=True)
    try:
        root = lxml.etree.fromstring(text, parser=parser)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise ParseError(f"not parseable as HTML: {exc}", location) from exc
    if root is None:
        raise ParseError("no HTML content", location)
    return root


_STRING = lxml.etree.XPath("string()", smart_strings=False)  # lxml.html's own text_content, shared alike


def _text_content(el: Element) -> str:
    """Every text node inside `el`, in order (what lxml.html's text_content() gives)."""
    return _STRING(el)


def _drop_tree(el: Element) -> None:
    """Remove `el` and all it holds; the text after it stays, joined to what came before."""
    parent = el.getparent()
    if el.tail:
        previous = el.getprevious()
        if previous is None:
            parent.text = (parent.text or "") + el.tail
        else:
            previous.tail = (previous.tail or "") + el.tail
    parent.remove(el)


def _drop_tag(el: Element) -> None:
    """Remove the tag `el` but keep what it holds, its text and children, in its place."""
    parent = el.getparent()
    previous = el.getprevious()
    if el.text and isinstance(el.tag, str):
        if previous is None:
            parent.text = (parent.text or "") + el.text
        else:
            previous.tail = (previous.tail or "") + el.text
    if el.tail:
        if len(el):
            last = el[-1]
            last.tail = (last.tail or "") + el.tail
        elif previous is None:
            parent.text = (parent.text or "") + el.tail
        else:
            previous.tail = (previous.tail or "") + el.tail
    at = parent.index(el)
    parent[at : at + 1] = el[:]


def close_runaway(text: str) -> tuple[str, list[Removal]]:
    """Close a <title>/<textarea>/<script>/<style> whose end tag a damaged byte broke.

    Their content is raw text up to the end tag, so one bad byte in </title> turns the whole page
    into the title (a browser shows a blank page). Page structure inside one (<body>, <div>, <p>
    for a title or textarea; <body> or </head> for a script or style) means its end was lost:
    it is closed just before. Each repair is recorded.
    """
    repairs: list[Removal] = []
    pos = 0
    while (opened := RAW_TEXT_OPEN.search(text, pos)) is not None:
        name = opened.group(1).lower()
        closed = RAW_TEXT_CLOSE[name].search(text, opened.end())
        end = closed.start() if closed else len(text)
        structure = RAW_TEXT_STRUCTURE[name].search(text, opened.end(), end)
        if structure is None:
            pos = closed.end() if closed else len(text)
            continue
        at = structure.start()
        line = text.count("\n", 0, at) + 1
        repairs.append(Removal("unclosed-" + name, f"<{name}> never closed: closed before {text[at:at + 20]!r}", line))
        text = f"{text[:at]}</{name}>{text[at:]}"
        pos = at
    return text, repairs


def extract(text: str, location: str, traditional_page: bool) -> Extracted:
    """The page's visible, non-chrome text as lines, with real tables kept."""
    text, repairs = close_runaway(text)
    root = parse(text, location)
    if _lost_text(root, text):
        return _flat_text(text, location)
    out = Extracted(title=_title(root), meta=_meta_tags(root), removals=repairs)
    hidden = hidden_by_page(root)
    _drop_invisible(root, hidden, out.removals)
    _unwrap_injected(root, out.removals)
    _drop_spam_links(root, traditional_page, out.removals)
    body = root.find("body")
    if body is None:
        body = root
    sizes = _text_sizes(body)
    content = _content_root(body, sizes)
    _drop_chrome(body, content, sizes, out.removals)
    _LineWriter(out).write(body)
    return out


def _lost_text(root: Element, text: str) -> bool:
    """libxml2 stops nesting at 2048 levels (256 without huge_tree) and drops what is deeper."""
    markup_free = STRIP_TAGS.sub("", INVISIBLE_BLOCKS.sub("", text))
    in_tree = _count(_text_content(root))
    if in_tree >= 0.5 * _count(markup_free):
        return False  # unescaping only shortens the text: nothing can have been lost
    visible = _count(html_unescape(markup_free))
    return visible > 0 and in_tree < 0.5 * visible


def _flat_text(text: str, location: str) -> Extracted:
    """Last resort for a tree the parser could not hold: tags become line breaks, text stays."""
    text = INVISIBLE_BLOCKS.sub("", text)
    text = BLOCK_BREAK.sub("\n", text)
    lines = [_inline_text(html_unescape(x)) for x in STRIP_TAGS.sub("", text).split("\n")]
    out = Extracted(lines=[Line(x) for x in lines if x])
    out.removals.append(Removal("flattened", f"{location}: nested too deep for an HTML tree; read as text", None))
    return out


def _title(root: Element) -> str | None:
    title = root.find(".//title")
    text = _text_content(title).strip() if title is not None else ""
    return text or None


def _meta_tags(root: Element) -> list[tuple[str, str]]:
    """The <meta> fields government sites carry by the national web standard (ArticleTitle, PubDate,
    ContentSource): evidence like a field table's, read before the page's own furniture goes."""
    out = []
    for meta in root.iter("meta"):
        name = (meta.get("name") or "").strip()
        if name in META_TAGS and (content := (meta.get("content") or "").strip()):
            out.append((name, _inline_text(html_unescape(content))))
    return out


def _is_hidden(el: Element, hidden: dict[Element, str]) -> str | None:
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in INVISIBLE_TAGS:
        return f"invisible-{tag}"
    get = el.get  # cheaper than el.attrib, a new proxy object per element
    if get("hidden") is not None:
        return "hidden-attribute"
    style = get("style")
    if style and hides(style):
        return "hidden-style"
    if tag == "marquee" and _tiny(el.attrib):
        return "hidden-marquee"
    if (kind := get("type")) and kind.lower() == "hidden":
        return "hidden-attribute"
    return hidden.get(el) if hidden else None


def _tiny(attrib: dict) -> bool:
    def small(v: str | None) -> bool:
        return v is not None and re.fullmatch(r"\s*[0-3](?:px)?\s*", v) is not None

    return small(attrib.get("width")) or small(attrib.get("height"))


def _drop_invisible(root: Element, hidden: dict[Element, str], removals: list[Removal]) -> None:
    doomed = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            doomed.append((el, "comment"))
            continue
        rule = _is_hidden(el, hidden)
        if rule:
            doomed.append((el, rule))
    for el, rule in doomed:
        if el.getparent() is None:
            continue
        text = _short(_text_content(el)) if isinstance(el.tag, str) else ""
        if text and rule not in ("invisible-script", "invisible-style", "invisible-head"):
            removals.append(Removal(rule, text, el.sourceline))
        _drop_tree(el)


def _unwrap_injected(root: Element, removals: list[Removal]) -> None:
    """<acronym id="fucmw"> and friends: keep any visible text they hold, lose the tag."""
    for el in list(root.iter(*INJECTABLE_TAGS)):
        ident = el.get("id", "")
        if RANDOM_ID.match(ident) and (el.tag in RARE_TAGS or _looks_random(ident)) and el.getparent() is not None:
            removals.append(Removal("injected-tag", f"<{el.tag} id={ident!r}>", el.sourceline))
            _drop_tag(el)


def _looks_random(ident: str) -> bool:
    """fucmw, nvydm: no dictionary word; few vowels or digits mixed in."""
    letters = [c for c in ident if c.isalpha()]
    vowels = sum(c in VOWELS for c in letters)
    return any(c.isdigit() for c in ident) or vowels <= len(letters) // 3


def _drop_spam_links(root: Element, traditional_page: bool, removals: list[Removal]) -> None:
    """A link whose own text is gambling/adult spam goes, even inside a real paragraph."""
    for a in list(root.iter("a")):
        text = _text_content(a).strip()
        if text and spam_score(text, traditional_page) >= 3 and a.getparent() is not None:
            removals.append(Removal("spam-link", _short(text), a.sourceline))
            _drop_tree(a)


def _text_sizes(body: Element) -> dict[Element, tuple[int, int]]:
    """(visible characters, characters inside links) per element, children before parents."""
    sizes: dict[Element, tuple[int, int]] = {}
    # Reversed document order puts every element after all of its descendants (lxml's C-level
    # walk, elements only: comments and processing instructions hold no visible text of their own).
    for el in reversed(list(body.iter(lxml.etree.Element))):
        total, linked = _count(el.text), 0
        for child in el:  # one pass over the children: each is a new proxy object in lxml
            ct, cl = sizes.get(child, (0, 0))
            total += _count(child.tail) + ct
            linked += cl
        # Everything inside a link is linked text.
        sizes[el] = (total, total if el.tag == "a" else linked)
    return sizes


_UNCOUNTED = " \t\r\n\f\u00a0\u3000"  # blanks a reader does not see as text


def _count(text: str | None) -> int:
    if not text or not text.strip(_UNCOUNTED):
        return 0  # most tails are a line break and indentation
    return len(text) - sum(map(text.count, _UNCOUNTED))


def _content_root(body: Element, sizes: dict) -> Element:
    """Walk down while one child holds most of the non-link text: that element is the article."""
    node = body
    while True:
        total, linked = sizes.get(node, (0, 0))
        own = total - linked
        best = max((c for c in node if c in sizes), key=lambda c: sizes[c][0] - sizes[c][1], default=None)
        if best is None or own == 0 or (sizes[best][0] - sizes[best][1]) < MIN_CONTENT_SHARE * own:
            return node
        node = best


def _chrome_reason(el: Element, sizes: dict) -> str | None:
    tag = el.tag
    if tag in ("nav", "aside", "header", "footer"):
        return f"chrome-{tag}"
    if _class_tokens(el) & CHROME_TOKENS:
        return "chrome-class"
    total, linked = sizes.get(el, (0, 0))
    if total >= 4 and linked >= 0.5 * total and tag in ("div", "ul", "ol", "table", "dl", "p", "section", "span", "td", "li"):
        return "chrome-links"
    return None


def _drop_chrome(body, content, sizes: dict, removals: list[Removal]) -> None:
    """Drop furniture: outside the content anything chrome-like; inside, only small link lists."""
    keep = set(content.iterancestors()) | {content}
    doomed = []
    stack = [c for c in body if isinstance(c.tag, str)]
    while stack:
        el = stack.pop()
        if el in keep and el is not content:
            stack.extend(c for c in el if isinstance(c.tag, str))
            continue
        if el is content:
            doomed.extend(_chrome_inside(content, sizes))
            continue
        reason = _chrome_reason(el, sizes)
        if reason and not _is_heading(el) and not any(_is_heading(d) for d in el.iterdescendants()):
            doomed.append((el, reason))
        else:
            stack.extend(c for c in el if isinstance(c.tag, str))
    for el, reason in doomed:
        if el.getparent() is not None:
            text = _short(_text_content(el))
            if text:
                removals.append(Removal(reason, text, el.sourceline))
            _drop_tree(el)


def _chrome_inside(content, sizes: dict) -> list:
    """Inside the article only lists of links that are not attachments are furniture."""
    found = []
    content_total = sizes.get(content, (1, 0))[0] or 1
    for el in content.iter("div", "ul", "ol", "dl", "table", "p", "section"):
        total, linked = sizes.get(el, (0, 0))
        if total == 0 or total > 0.3 * content_total:
            continue
        links = [_text_content(a).strip() for a in el.iter("a")]
        if len(links) >= 2 and linked >= 0.8 * total and not any(ATTACHMENT_LINK.search(t) for t in links):
            found.append((el, "chrome-links"))
        elif el.tag != "table" and _class_tokens(el) & INSIDE_CHROME_TOKENS:
            found.append((el, "chrome-class"))
    return found


def _class_tokens(el) -> set[str]:
    """Words of an element's class and id: top-nav → {top, nav}."""
    return set(CLASS_SPLIT.split(f"{el.get('class', '')} {el.get('id', '')}".lower()))


def _is_heading(el) -> bool:
    return el.tag in ("h1", "h2", "h3") or "title" in (el.get("class", "") + el.get("id", "")).lower()


def _short(text: str, limit: int = 120) -> str:
    text = WHITESPACE_RUN.sub(" ", text).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


class _LineWriter:
    """Serialises a cleaned tree into lines: block elements and <br> break lines; tables stay tables."""

    def __init__(self, out: Extracted):
        self.out = out
        self.buffer: list[str] = []
        self.source: int | None = None

    def write(self, root) -> None:
        stack: list = [("open", root)]
        while stack:
            action, item = stack.pop()
            if action == "text":
                self._text(item[0], item[1])
            elif action == "break":
                self._flush()
            else:
                self._open(item, stack)
        self._flush()

    def _open(self, el, stack: list) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if el.tail:
            stack.append(("text", (el.tail, el.sourceline)))
        if tag == "br":
            stack.append(("break", None))
            return
        if tag == "table" and _is_meta_table(el):
            self._meta_table(el)
            return
        if tag == "table" and self._is_data_table(el):
            stack.append(("break", None))
            self._flush()
            self._table(el)
            return
        block = tag in BLOCK_TAGS
        if block:
            stack.append(("break", None))
        stack.extend(("open", c) for c in reversed(el) if isinstance(c.tag, str) or c.tail)
        if el.text:
            stack.append(("text", (el.text, el.sourceline)))
        if block:
            stack.append(("break", None))

    def _text(self, text: str, sourceline: int | None) -> None:
        if self.source is None and text.strip():
            self.source = sourceline
        self.buffer.append(text)

    def _flush(self) -> None:
        if self.buffer:
            text = _inline_text("".join(self.buffer))
            if text:
                self.out.lines.append(Line(text, self.source))
        self.buffer = []
        self.source = None

    def _is_data_table(self, table) -> bool:
        """A table of data (≥ 2 rows, ≥ 2 columns, no nested tables or long block content)."""
        if table.find(".//table") is not None:
            return False
        rows = list(table.iter("tr"))
        if len(rows) < 2 or max((len(r.findall("td")) + len(r.findall("th")) for r in rows), default=0) < 2:
            return False
        longest = max((len(_text_content(c)) for c in table.iter("td", "th")), default=0)
        return longest < 2000

    def _meta_table(self, table) -> None:
        """A CMS field table (索引号/发布机构/…): its pairs go to the page's fields, not the text."""
        for row in table.iter("tr"):
            cells = [_cell_text(c) for c in row if c.tag in ("td", "th")]
            text = " ".join(c for c in cells if c)
            if not text:
                continue
            self.out.removals.append(Removal("page-meta", _short(text), row.sourceline))
            fields = read_row(fold_blanks(text), in_block=True)
            self.out.meta.extend(fields.pairs if fields else parse_meta(re.sub(r"([:：])\s+", r"\1", text)) or [])

    def _table(self, table) -> None:
        index = len(self.out.tables)
        rows: list[tuple[str, ...]] = []
        for r, row in enumerate(table.iter("tr")):
            cells = []
            for c, cell in enumerate(x for x in row if x.tag in ("td", "th")):
                text = _cell_text(cell)
                cells.append(text)
                if text:
                    self.out.lines.append(Line(text, cell.sourceline, (index, r, c)))
            rows.append(tuple(cells))
        self.out.tables.append(Table(tuple(rows)))


def _is_meta_table(table) -> bool:
    """At least two of the table's own cells are CMS field labels (索引号：, 发布机构：…) and they are a
    good share. A layout table that merely holds a field table (and the article) is not one."""
    own = table.xpath("./tr/td | ./tr/th | ./*/tr/td | ./*/tr/th")
    if table.find(".//table") is not None and any(len(_text_content(c)) > META_CELL_MAX for c in own):
        return False
    cells = [_cell_text(c) for c in own]
    labels = sum(1 for c in cells if P.META_PAIR.match(c) or P.META_PAIR.match(c + "："))
    return labels >= 2 and labels >= 0.25 * len(cells) and all(len(c) <= META_CELL_MAX for c in cells)


def _cell_text(cell) -> str:
    return _inline_text("".join(cell.itertext()).replace("\n", " "))


def _inline_text(text: str) -> str:
    """Whitespace as a browser renders it: a newline between CJK characters vanishes."""
    if "\n" in text:  # most runs of text hold none: the two substitutions are then no-ops
        text = CJK_BREAK.sub("", text)
    if not text.isprintable():  # a tab, CR, LF or form feed is not printable
        text = CONTROL_SPACE.sub(" ", text)
    return text.strip(" \u3000\u00a0\ufeff\u200b")
