"""What a reader sees on a generated page: its text lines, hidden elements left out.

Used to check the truth against the page (every title, first and last line is on screen; hidden
spam is not). It knows the hiding tricks `spam.py` uses, stated as CSS facts, not as our markup.
"""

from __future__ import annotations

import re
import unicodedata

import lxml.html
from lxml import etree

_HIDDEN_STYLE = re.compile(
    r"""display\s*:\s*none | visibility\s*:\s*hidden | font-size\s*:\s*[01](px)?\s*(;|$)
      | (left|top)\s*:\s*-\d{3,} | text-indent\s*:\s*-\d{3,} | height\s*:\s*0\s*;.*overflow\s*:\s*hidden""",
    re.X | re.S,
)
_CLASS_RULE = re.compile(r"\.([\w-]+)\s*\{([^}]*)\}")
_BLOCKS = {"p", "div", "br", "tr", "td", "th", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol",
           "dl", "dt", "dd", "section", "article", "header", "footer", "nav", "main", "aside", "center"}


def _tiny(el: etree._Element) -> bool:
    return el.tag == "marquee" and (el.get("width") in ("0", "1") or el.get("height") in ("0", "1"))


def visible_lines(markup: str) -> list[str]:
    """The page's visible text, one line per block, stripped, blank lines dropped."""
    root = lxml.html.fromstring(markup)
    hidden_classes = set()
    for style in root.iter("style"):
        for cls, rule in _CLASS_RULE.findall(style.text or ""):
            if _HIDDEN_STYLE.search(rule):
                hidden_classes.add(cls)
    doomed = []
    for el in root.iter():
        if not isinstance(el.tag, str):  # comments, processing instructions
            doomed.append(el)
            continue
        classes = set((el.get("class") or "").split())
        if (el.tag in ("script", "style", "head", "title", "noscript", "template") or el.get("hidden") is not None
                or _HIDDEN_STYLE.search(el.get("style") or "") or classes & hidden_classes or _tiny(el)):
            doomed.append(el)
    for el in doomed:
        if el.getparent() is not None:
            el.drop_tree()
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag in _BLOCKS:
            el.tail = "\n" + (el.tail or "")
            if el.tag != "br":
                el.text = "\n" + (el.text or "")
    text = root.text_content()
    return [ln.strip() for ln in text.split("\n") if ln.strip()]


def squash(text: str) -> str:
    """Compare texts as a reader would: NFKC, no whitespace at all."""
    return "".join(unicodedata.normalize("NFKC", text).split())
