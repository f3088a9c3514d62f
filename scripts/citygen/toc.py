"""The issue's 目录 in the shapes real gazettes print it.

Sections by issuing office (printed again each time the body's office changes, so a section can
come back: 市政府文件 … 市政府令 … 市政府文件), entries with 文号 in parentheses, on their own line,
before the title or absent, dot leaders and page numbers, wrapped entries, two columns flattened
into one line, the whole 目录 run together on one line, or a table with a page column. Titles may
drop the city name (市人民政府关于…), and a speech is listed under its speaker's name.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from .cities import City
from .documents import Doc, Line, short_office

SECTION_NAMES = {
    "order": ("{l}政府令", "{l}人民政府令", "政府规章"),
    "gov": ("{l}政府文件", "{l}人民政府文件"),
    "office": ("{l}政府{o}文件", "{l}人民政府{o}文件"),
    "joint": ("{l}委办公室　{l}政府{o}文件", "联合发文"),
    "dept": ("部门文件", "{l}政府部门文件"),
    "personnel": ("人事任免",),
    "speech": ("领导讲话", "重要讲话"),
}
DECOR = ("{}", "{}", "【{}】", "★{}", "■{}", "·{}·")
HEADS = ("目　录", "目录", "本期目录", "目    录")
ALL_STYLES = ("paren", "num_line", "num_before", "dots_page", "no_num", "wrapped", "two_col", "run_on", "table")


@dataclass
class Entry:
    """What the 目录 prints for one document (or for one the body lacks)."""

    title: str
    number: str | None
    page: int | None
    section: str


@dataclass
class Toc:
    lines: list[Line]
    entries: dict[int, Entry]  # body document index → its entry
    toc_only: list[Entry] = field(default_factory=list)
    style: str = ""
    sectioned: bool = False


def section_name(city: City, section: str, rng: random.Random) -> str:
    office_word = city.office[-3:]  # 办公室 / 办公厅
    return rng.choice(SECTION_NAMES[section]).format(l=city.level, o=office_word)


def _dots(rng: random.Random) -> str:
    return rng.choice(("…" * rng.randint(4, 14), "." * rng.randint(8, 30), "·" * rng.randint(6, 20), "　　"))


def _page(rng: random.Random, page: int, style: str) -> str:
    return f"（{page}）" if style == "paren" else str(page)


def build(city: City, rng: random.Random, docs: list[Doc], listed: list[bool], missing: list[Doc],
          missing_after: list[int], style: str, section_names: dict[str, str]) -> Toc:
    """The 目录 for `docs` in body order; `listed[i]` False leaves a body document out, and each
    of `missing` (documents the body lacks) is listed after body document `missing_after[k]`.
    `section_names` is shared with the body's section dividers, so both print the same name."""
    abbreviate = rng.random() < 0.4
    sectioned = rng.random() < 0.8
    decor = rng.choice(DECOR)
    page_style = rng.choice(("paren", "plain"))
    show_pages = style in ("dots_page", "table", "run_on") or rng.random() < 0.3
    with_number = style != "no_num" and rng.random() < 0.9

    # Order of what the 目录 lists: body documents plus the ones it promises but the body lacks.
    listing: list[tuple[int | None, Doc]] = []
    for i, d in enumerate(docs):
        if listed[i]:
            listing.append((i, d))
        for k, after in enumerate(missing_after):
            if after == i:
                listing.append((None, missing[k]))

    page = rng.randint(1, 3)
    entries: dict[int, Entry] = {}
    toc_only: list[Entry] = []
    texts: list[tuple[str, str]] = []  # (kind, text): section / entry / entry_cont
    current = None
    for index, d in listing:
        if sectioned and d.section != current:
            name = section_names.setdefault(d.section, section_name(city, d.section, rng))
            texts.append(("section", decor.format(name)))
            current = d.section
        title = d.toc_title
        if abbreviate:
            title = short_office(city, title)
        number = d.toc_number if with_number else None
        entry = Entry(title, number, page if show_pages else None, d.section)
        if index is None:
            toc_only.append(entry)
        else:
            entries[index] = entry
        page += max(1, d.chars // 1300 + rng.randint(0, 1))
        texts += _entry_texts(rng, style, entry, page_style)

    lines = [Line(rng.choice(HEADS), "toc_head")]
    if style == "run_on":
        lines.append(Line("".join(t for _, t in texts), "toc"))
    elif style == "two_col":
        pending: list[str] = []
        for kind, t in texts:
            if kind == "section":
                if pending:
                    lines.append(Line("　　　　".join(pending), "toc"))
                    pending = []
                lines.append(Line(t, "toc_section"))
                continue
            pending.append(t)
            if len(pending) == 2:
                lines.append(Line("　　　　".join(pending), "toc"))
                pending = []
        if pending:
            lines.append(Line(pending[0], "toc"))
    elif style == "table":
        table_id, row = 900, 0
        for kind, t in texts:
            if kind == "section":
                lines.append(Line(t, "toc_section"))
                continue
            text, _, pg = t.rpartition("\t")
            lines.append(Line(text, "cell", table_id, row, 0))
            lines.append(Line(pg, "cell", table_id, row, 1))
            row += 1
    else:
        for kind, t in texts:
            lines += [Line(part, "toc_section" if kind == "section" else "toc") for part in t.split("\n")]
    return Toc(lines, entries, toc_only, style, sectioned)


def _entry_texts(rng: random.Random, style: str, e: Entry, page_style: str) -> list[tuple[str, str]]:
    num = e.number
    page = "" if e.page is None else _page(rng, e.page, page_style)
    if style == "num_line":
        out = [("entry", e.title)]
        if num:
            out.append(("entry", f"（{num}）" if rng.random() < 0.5 else num))
        return out
    if style == "num_before":
        return [("entry", f"{num}　{e.title}" if num else e.title)]
    if style == "table":
        text = f"{e.title}（{num}）" if num else e.title
        return [("entry", f"{text}\t{e.page}")]
    if style == "wrapped" and len(e.title) > 22:
        cut = rng.randint(12, len(e.title) - 6)
        tail = e.title[cut:] + (f"（{num}）" if num else "") + (_dots(rng) + page if page else "")
        return [("entry", e.title[:cut] + "\n" + tail)]
    text = f"{e.title}（{num}）" if num else e.title
    if page:
        text += _dots(rng) + page
    return [("entry", text)]
