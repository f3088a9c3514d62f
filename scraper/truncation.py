"""Does a decoded page look cut short? A download stopped early still yields a page (lxml recovers
what it holds), but the editor must know that the end of it is missing.

Signs, from the most to the least certain: the bytes end inside a multi-byte character (decode
knows), the text ends inside a tag or a comment, or the page opens <body>/<html> and never closes
it. A text dump carries no markup: only the first sign applies to it.
"""

from __future__ import annotations

import re

from .model import Notice, PageKind

TRUNCATED = "truncated"  # the Notice code
OPEN_TAG_AT_END = re.compile(r"<(?:[A-Za-z/!?][^<>]*)?$")
TAIL = 2000  # characters of the end that a cut leaves its marks in
OPENS = {"body": re.compile(r"<body[\s>]", re.I), "html": re.compile(r"<html[\s>]", re.I)}
CLOSES = {"body": re.compile(r"</body\s*>", re.I), "html": re.compile(r"</html\s*>", re.I)}


def truncation(text: str, kind: PageKind, cut_in_character: bool = False) -> Notice | None:
    """A "truncated" Notice saying why the page looks cut short, or None."""
    line = text.count("\n") + 1
    if cut_in_character:
        return Notice(TRUNCATED, "the file ends inside a multi-byte character: cut short", line)
    if kind != "html":
        return None
    tail = text[-TAIL:].rstrip()
    if tail.rfind("<!--") > tail.rfind("-->"):
        return Notice(TRUNCATED, "the page ends inside a comment: cut short", line)
    if found := OPEN_TAG_AT_END.search(tail):
        return Notice(TRUNCATED, f"the page ends inside a tag ({found.group(0)[:40]!r}): cut short", line)
    for name in ("body", "html"):
        # The end tags are near the end (searched there first), the start tags near the start.
        closed = CLOSES[name].search(text, max(0, len(text) - TAIL)) or CLOSES[name].search(text)
        if not closed and OPENS[name].search(text):
            return Notice(TRUNCATED, f"the page opens <{name}> but never closes it: cut short?", line)
    return None
