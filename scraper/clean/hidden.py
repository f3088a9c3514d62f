"""What a page hides from its reader: by an element's own style, its stylesheets, its scripts.

An injector hides its links in every way a browser honours: `style="display:none"`, a class that a
<style> block hides (by any selector, `div.x`, `#box a`), a script that hides an element as the
page loads, or a script that writes a hidden wrapper's opening tag before the links and its
closing tag after them. None of it is seen by a reader, so none of it is the document.

Hiding that depends on the reader (a :hover rule, a narrow screen's @media rule, a click handler)
is not read as hiding. A page-level rule never takes half of a page's text: a stylesheet that
hides the whole article until a script shows it (an anti-flicker trick) hides nothing here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

import lxml.etree

Element = lxml.etree._Element

# What hides an element whatever its size: no box, no opacity, a font too small to read (under
# 2px), off the screen, clipped or scaled to nothing.
HIDING = re.compile(
    r"display\s*:\s*none|visibility\s*:\s*(?:hidden|collapse)|font-size\s*:\s*(?:0(?:\.0+)?(?:px|pt|em|rem|%)?|(?:0?\.\d+|1(?:\.\d+)?)(?:px|pt)?)\s*(?:;|$|!)"
    r"|(?:left|top|right|text-indent|margin-left|margin-top)\s*:\s*-\d{3,}|opacity\s*:\s*0(?:\.0+)?\s*(?:;|$|!)"
    r"|clip\s*:\s*rect\(\s*0|clip-path\s*:\s*(?:inset\(\s*50%|circle\(\s*0)|transform\s*:\s*scale\(\s*0(?:\.0+)?\s*[,)]",
    re.I,
)
# A box of (almost) no width or height whose overflow is cut off.
ZERO_BOX = re.compile(r"(?:^|[;\s])(?:max-)?(?:width|height)\s*:\s*[01](?:px)?\s*(?:;|$|!)", re.I)
OVERFLOW_HIDDEN = re.compile(r"overflow\s*:\s*hidden", re.I)
INK = re.compile(r"(?:^|[;\s])color\s*:\s*([^;!]+)", re.I)
PAPER = re.compile(r"background(?:-color)?\s*:\s*([^;!]+)", re.I)
SHOWING = re.compile(r"display\s*:\s*(?!none)[a-z-]+|visibility\s*:\s*visible", re.I)
CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
CSS_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
AT_RULE = re.compile(r"@([a-z-]+)([^{;]*)([{;])", re.I)
EVERY_SCREEN = {"", "screen", "all", "only screen"}
WRITE = re.compile(r"""document\.write(?:ln)?\s*\(\s*(['"])(.*?)(?<!\\)\1\s*\)""", re.S)
OPEN_TAG = re.compile(r"<([a-z][a-z0-9]*)\b([^>]*)>", re.I)
STYLE_ATTR = re.compile(r"""style\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)
HIDE_BY_ID = re.compile(
    r"""document\.getElementById\(\s*(['"])([^'"]+)\1\s*\)\.style\.(?:display|visibility)\s*=\s*(['"])(?:none|hidden)\3"""
    r"""|\$\(\s*(['"])#([\w-]+)\4\s*\)\.(?:hide\(\s*\)|css\(\s*['"]display['"]\s*,\s*['"]none['"]\s*\))"""
)
SCRIPT_REST = re.compile(r"[\s;]|<!--|-->|//")
PAGE_SHARE_MAX = 0.5  # a page-level rule hiding this share of the text is not hiding spam


def hides(declarations: str) -> bool:
    """Whether these CSS declarations (a style attribute, a rule's body) hide what they style."""
    if HIDING.search(declarations):
        return True
    if OVERFLOW_HIDDEN.search(declarations) and ZERO_BOX.search(declarations):
        return True
    return _ink_on_paper(declarations)


def _ink_on_paper(declarations: str) -> bool:
    """Text in the colour of its own background (white on white)."""
    paper = PAPER.search(declarations)  # the rarer of the two: most styles set no background
    ink = INK.search(declarations) if paper else None
    return ink is not None and paper is not None and _colour(ink.group(1)) == _colour(paper.group(1)) != ""


def _colour(value: str) -> str:
    value = value.strip().lower().replace(" ", "")
    if re.fullmatch(r"#[0-9a-f]{3}", value):
        value = "#" + "".join(c * 2 for c in value[1:])
    return {"white": "#ffffff", "black": "#000000"}.get(value, value) if re.fullmatch(r"#[0-9a-f]{6}|[a-z]+|rgb\([\d,]+\)", value) else ""


def hidden_by_page(root: Element) -> dict[Element, str]:
    """Elements the page's stylesheets or load-time scripts hide, with the rule that hides each.

    Nothing holding half of the page's text is returned. A hidden wrapper that a script writes
    is made here, as the browser makes it: an element holding what follows the script."""
    found: dict[Element, str] = {}
    for el in _stylesheet_hidden(root):
        found.setdefault(el, "hidden-stylesheet")
    for el in _script_hidden(root):
        found.setdefault(el, "hidden-script")
    wrappers = list(_written_wrappers(root))
    if not found and not wrappers:
        return found
    limit = PAGE_SHARE_MAX * _size("".join(_VISIBLE_TEXT(root)))
    out = {el: rule for el, rule in found.items() if _size(_STRING(el)) < limit}
    for opener, tag, run in wrappers:
        if _size((opener.tail or "") + "".join(_STRING(el) + (el.tail or "") for el in run)) < limit:
            wrapper = lxml.etree.Element(tag)
            wrapper.text, opener.tail = opener.tail, None
            opener.addnext(wrapper)
            wrapper.extend(run)  # each with its tail: all of it is inside the written wrapper
            out[wrapper] = "hidden-script"
    return out


_STRING = lxml.etree.XPath("string()", smart_strings=False)
_VISIBLE_TEXT = lxml.etree.XPath("//body//text()[not(ancestor::script or ancestor::style)]", smart_strings=False)


def _size(text: str) -> int:
    return len("".join(text.split()))


def _stylesheet_hidden(root: Element) -> list[Element]:
    hide: list[str] = []
    show: list[str] = []
    for style in root.iter("style"):
        css = _every_screen(CSS_COMMENT.sub("", style.text or ""))
        for selectors, body in CSS_RULE.findall(css):
            target = hide if hides(body) else show if SHOWING.search(body) else None
            if target is not None:
                target.extend(s.strip() for s in selectors.split(","))
    if not hide:
        return []
    shown = set(_select(root, show))
    return [el for el in _select(root, hide) if el not in shown and not SHOWING.search(el.get("style") or "")]


def _every_screen(css: str) -> str:
    """The rules that apply on every screen: @media blocks for print or for some widths go, as do
    @keyframes, @font-face and the like (their bodies are no rules about elements)."""
    out, pos = [], 0
    while (at := AT_RULE.search(css, pos)) is not None:
        out.append(css[pos:at.start()])
        if at.group(3) == ";":  # @import, @charset
            pos = at.end()
            continue
        end = _block_end(css, at.end())
        if at.group(1).lower() == "media" and at.group(2).strip().lower() in EVERY_SCREEN:
            out.append(_every_screen(css[at.end():end - 1]))
        pos = end
    out.append(css[pos:])
    return "".join(out)


def _block_end(css: str, start: int) -> int:
    """The index after the brace that closes the block opened just before `start`."""
    depth = 1
    for i in range(start, len(css)):
        if css[i] == "{":
            depth += 1
        elif css[i] == "}":
            depth -= 1
            if depth == 0:
                return i + 1
    return len(css)


def _select(root: Element, selectors: Iterable[str]) -> Iterator[Element]:
    for selector in selectors:
        # A pseudo-class (:hover, :focus, :checked) hides on the reader's action, not for good.
        if selector and ":" not in selector and "@" not in selector and (path := _xpath(selector)):
            yield from root.xpath(path)


@lru_cache(maxsize=4096)
def _xpath(selector: str) -> str | None:
    from cssselect import HTMLTranslator, SelectorError  # only pages whose stylesheets hide need it

    try:
        return HTMLTranslator().css_to_xpath(selector)
    except SelectorError:
        return None


def _script_hidden(root: Element) -> list[Element]:
    """Elements a script hides by id as the page loads: a script that does nothing else."""
    ids: list[str] = []
    for script in root.iter("script"):
        text = script.text or ""
        if "none" not in text and "hide" not in text and "hidden" not in text:
            continue
        named = [m.group(2) or m.group(5) for m in HIDE_BY_ID.finditer(text)]
        if named and not SCRIPT_REST.sub("", HIDE_BY_ID.sub("", text)):
            ids.extend(named)
    return [el for ident in ids for el in root.xpath("//*[@id=$ident]", ident=ident)]


def _written_wrappers(root: Element) -> Iterator[tuple[Element, str, list[Element]]]:
    """A script writing a hidden element's opening tag: the elements after it, up to the script
    that writes its closing tag (or the end of the parent, where a browser closes it)."""
    for script in list(root.iter("script")):
        tag = _hidden_opening(_written(script))
        if tag is None:
            continue
        run = []
        for sibling in script.itersiblings():
            if sibling.tag == "script" and f"</{tag}" in _written(sibling).lower():
                break
            run.append(sibling)
        yield script, tag, run


def _written(script: Element) -> str:
    text = script.text or ""
    if "document.write" not in text:
        return ""
    return "".join(m.group(2) for m in WRITE.finditer(text)).replace('\\"', '"').replace("\\'", "'").replace("\\/", "/")


def _hidden_opening(written: str) -> str | None:
    """The tag of a hidden element this writing opens and leaves open."""
    for opened in OPEN_TAG.finditer(written):
        style = STYLE_ATTR.search(opened.group(2))
        if style and hides(style.group(1) or style.group(2) or ""):
            tag = opened.group(1).lower()
            if f"</{tag}" not in written[opened.end():].lower():
                return tag
    return None
