"""An issue page or a single-document page: documents, 目录, cover, chrome, spam, encoding, truth.

The truth of a page is what a careful reader would write down: the issue's metadata, every
document in body order with its fields as printed, where the 目录 disagrees with the body, the
spam strings injected and the site chrome around the article.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, replace
from typing import Callable

from . import dates, spam, toc as tocs
from .cities import City
from .documents import HEADER_ROLES, Ctx, Doc, Line, Numbers, build, converted, pick_kinds
from .phrases import hanzi_ordinal
from .templates import BODY_SLOT, Chrome, View, chrome, render
from .visible import squash, visible_lines

SECTION_ORDER = ("order", "gov", "joint", "office", "dept", "personnel")
_ENCODINGS = {  # choice → (declared charsets, codec)
    "utf-8": (("utf-8", "UTF-8"), "utf-8"),
    "utf-8-undeclared": (("",), "utf-8"),
    "gbk": (("gb2312", "GBK", "gbk"), "gbk"),
    "gbk-undeclared": (("",), "gbk"),
    "big5": (("big5",), "big5"),
}


@dataclass
class Built:
    path: str  # relative to OUT
    data: bytes
    truth: dict


class Converter:
    """Simplified → Traditional with OpenCC (the reference converter), or the identity."""

    def __init__(self, traditional: bool, variant: str = "s2t") -> None:
        self.traditional = traditional
        self._cc = None
        if traditional:
            import opencc  # the project's own dependency

            self._cc = opencc.OpenCC(variant)

    def __call__(self, text: str) -> str:
        return self._cc.convert(text) if self._cc else text


def converter(city: City, rng: random.Random) -> Converter:
    """The page's script: a Big5 site writes Taiwan-standard characters (為 群 眾), others OpenCC's."""
    traditional = city.script == "traditional" or city.script == "mixed" and rng.random() < 0.35
    return Converter(traditional, "s2tw" if "big5" in city.encodings else "s2t")


# ---------------------------------------------------------------- body order

def body_order(rng: random.Random, docs: list[Doc]) -> list[Doc]:
    """Documents grouped in runs by 目录 section; sometimes a section comes back later (interleaved)."""
    speech_first = rng.random() < 0.6
    order = (("speech",) if speech_first else ()) + SECTION_ORDER + (() if speech_first else ("speech",))
    runs: list[list[Doc]] = []
    for sec in order:
        group = [d for d in docs if d.section == sec]
        if group:
            runs.append(group)
    if len(runs) >= 2 and rng.random() < 0.5:
        splittable = [k for k, r in enumerate(runs[:-1]) if len(r) >= 2]
        if splittable:
            k = rng.choice(splittable)
            cut = rng.randint(1, len(runs[k]) - 1)
            tail = runs[k][cut:]
            runs[k] = runs[k][:cut]
            runs.insert(rng.randint(k + 2, len(runs)), tail)
    return [d for r in runs for d in r]


# ---------------------------------------------------------------- truth

def doc_truth(doc: Doc, extra_header: list[str] | None = None) -> dict:
    fc = doc.first_content
    return {
        "title": doc.title,
        "doc_number": doc.doc_number,
        "doc_number_canonical": doc.doc_number_canonical,
        "offices": doc.offices,
        "office": doc.office,
        "genre": doc.genre,
        "signed": doc.signed.isoformat() if doc.signed else None,
        "recipients": doc.recipients,
        "attachments": doc.attachments,
        "first_line": doc.lines[fc].text,
        "last_line": doc.lines[-1].text,
        "header_lines": [ln.text for ln in doc.lines[:fc]] + (extra_header or []),
        "kind": doc.kind,
        "section": doc.section,
        "lines": [ln.text for ln in doc.lines],
        "toc": None,
    }


def entry_truth(e: tocs.Entry, conv: Callable[[str], str], doc: dict | None = None) -> dict:
    """What the 目录 prints for a document; `differs` names the fields it prints otherwise than the body."""
    out = {"title": conv(e.title), "doc_number": conv(e.number) if e.number else None, "page": e.page,
           "section": e.section}
    if doc is not None:
        out["differs"] = [k for k in ("title", "doc_number") if squash(out[k] or "") != squash(doc[k] or "")]
    return out


# ---------------------------------------------------------------- spam placement

def place_spam(rng: random.Random, view: View, tricks: tuple[str, ...], owner: list[int | None],
               boundaries: list[int], protected: set[int]) -> list[dict]:
    """Put 2–5 injections into the view; returns their truth. Visible splices never touch a line
    the truth quotes (titles, first and last lines), so the truth stays what a clean page says."""
    records = []
    lines = view.lines
    body = [i for i, ln in enumerate(lines) if ln.role == "body" and owner[i] is not None and i not in protected]
    for k, inj in enumerate(spam.plan(rng, tricks)):
        token = f"@@SPAM{k}@@"
        if inj.head:
            view.head.append(inj.head)
        if inj.trick == "spliced":
            long = [i for i in body if len(lines[i].text) >= 24]
            if not long:
                continue
            i = rng.choice(long)
            marks = [p + 1 for p, ch in enumerate(lines[i].text[:-1]) if ch in "，。；" and 4 < p < len(lines[i].text) - 4]
            view.inline.setdefault(i, []).append((rng.choice(marks) if marks else len(lines[i].text) // 2, token))
        elif inj.inline and body:
            i = rng.choice(body)
            view.inline.setdefault(i, []).append((rng.randint(1, len(lines[i].text) - 1), token))
        elif inj.trick == "slogan":
            view.between.setdefault(rng.choice(boundaries), []).append(token)
        elif rng.random() < 0.3:
            view.outside.append(token)
        else:
            view.between.setdefault(rng.randint(0, len(lines)), []).append(token)
        records.append({"text": inj.text, "trick": inj.trick, "visible": inj.visible, "token": token, "html": inj.html})
    return records


# ---------------------------------------------------------------- encoding and self-check

def encode(city: City, rng: random.Random, make_html: Callable[[str], str]) -> tuple[bytes, str, str]:
    """Render with the declared charset and encode; a page its codec cannot hold goes out as UTF-8."""
    choice = rng.choice(city.encodings)
    declared_options, codec = _ENCODINGS[choice]
    declared = rng.choice(declared_options)
    markup = make_html(declared)
    try:
        return markup.encode(codec), codec, declared
    except UnicodeEncodeError:
        markup = make_html("utf-8")
        return markup.encode("utf-8"), "utf-8", "utf-8"


def check(truth: dict, data: bytes) -> None:
    """The truth must describe the page: every quoted string is on screen, hidden spam is not."""
    markup = data.decode(truth["encoding"])
    screen = squash("".join(visible_lines(markup)))
    problems = ["a spam slot left unfilled"] if "@@SPAM" in markup else []
    for d in truth["documents"]:
        for key in ("title", "first_line", "last_line", "doc_number", "recipients"):
            if d[key] and squash(d[key]) not in screen:
                problems.append(f"{key} {d[key]!r}")
        for o in d["offices"]:
            if squash(o) not in screen:
                problems.append(f"office {o!r}")
    for s in truth["spam"]:
        if s["text"] not in markup:
            problems.append(f"spam {s['text']!r} ({s['trick']}) not injected")
        elif (squash(s["text"]) in screen) != s["visible"]:
            problems.append(f"spam {s['text']!r} ({s['trick']}) visible={not s['visible']}")
    if problems:
        raise AssertionError(f"{truth['file']}: truth does not match the page: " + "; ".join(problems[:5]))


# ---------------------------------------------------------------- pages

def issue_page(city: City, rng: random.Random, numbers: Numbers, year: int, number: int, total: int,
               published: dt.date) -> Built:
    ctx = Ctx(city, rng, numbers)
    n = rng.randint(4, 11)
    kinds = pick_kinds(rng, city, n)
    signed = sorted(published - dt.timedelta(days=rng.randint(5, 75)) for _ in range(n))
    banner_p = rng.choice((0.0, 0.3, 0.6))
    made = [build(ctx, kind, s, banner_p) for kind, s in zip(kinds, signed)]
    docs = body_order(rng, made)

    toc_style = None
    if rng.random() > 0.12:
        toc_style = rng.choice(city.toc_styles) if rng.random() < 0.8 else rng.choice(tocs.ALL_STYLES)
    listed = [True] * len(docs)
    missing: list[Doc] = []
    missing_after: list[int] = []
    if toc_style and rng.random() < 0.2:
        missing.append(build(ctx, rng.choice(("work_notice", "personnel", "reply")), signed[-1], banner_p))
        missing_after.append(rng.randrange(len(docs)))
    if toc_style and rng.random() < 0.15 and len(docs) > 2:
        listed[rng.randrange(len(docs))] = False

    conv = converter(city, rng)  # applied to the rendered page and to the truth, once each
    traditional = conv.traditional
    names: dict[str, str] = {}  # one name per section in the 目录 and in the body
    toc = tocs.build(city, rng, docs, listed, missing, missing_after, toc_style, names) if toc_style else None

    # cover
    word = city.issue_word
    num_text = f"第{number}{word}" if rng.random() < 0.9 else f"第{hanzi_ordinal(number)}{word}"
    cover: list[Line] = []
    if rng.random() < 0.85:
        cover.append(Line(city.gazette, "cover_name"))
        if rng.random() < 0.6:
            cover.append(Line(f"{year}年{num_text}（总第{total}期）", "cover"))
        else:
            cover += [Line(f"{year}年　{num_text}", "cover"), Line(f"（总第{total}期）", "cover")]
        if rng.random() < 0.5:
            cover.append(Line(f"{city.office_full}　主办", "cover"))
        if rng.random() < 0.6:
            cover.append(Line(f"{dates.write(published, 'arabic')}出版", "cover"))
    lines: list[Line] = list(cover)
    owner: list[int | None] = [None] * len(lines)
    if toc:
        lines += toc.lines
        owner += [None] * len(toc.lines)
    dividers = rng.random() < 0.3
    boundaries = [len(lines)]
    current = None
    truths = []
    for k, d in enumerate(docs):
        if dividers and d.section != current:
            lines.append(Line(names.setdefault(d.section, tocs.section_name(city, d.section, rng)), "section"))
            owner.append(None)
        current = d.section
        boundaries.append(len(lines))
        for ln in d.lines:
            lines.append(Line(ln.text, ln.role, None if ln.table is None else k * 10 + ln.table, ln.row, ln.col))
            owner.append(k)
        t = doc_truth(converted(d, conv))
        if toc and k in toc.entries:
            t["toc"] = entry_truth(toc.entries[k], conv, t)
        truths.append(t)
    boundaries.append(len(lines))

    lines = [replace(ln, text=conv(ln.text)) for ln in lines]  # line by line, as the truth is
    protected = {i for i, ln in enumerate(lines) if owner[i] is not None and (ln.role in HEADER_ROLES)}
    for k in range(len(docs)):
        idx = [i for i, o in enumerate(owner) if o == k]
        first = idx[0] + docs[k].first_content
        protected |= {first, idx[-1]}

    issue_name = f"{city.gazette}{year}年第{number}{word}"
    time = f"{published.isoformat()} {rng.randint(8, 17):02d}:{rng.randint(0, 59):02d}"
    view = View(city, "", f"{issue_name}_政府公报_{city.gov}", rng.choice((issue_name, f"{year}年第{number}{word}")),
                [("索引号", f"{rng.randint(10**9, 10**10 - 1)}/{year}-{rng.randint(1, 99999):05d}"),
                 ("发布机构", city.office_full), ("信息名称", issue_name), ("主题分类", "政府公报"),
                 ("发文字号", rng.choice(("", f"{year}年第{number}{word}"))), ("发布日期", published.isoformat())]
                if rng.random() < 0.7 else [],
                time, city.office_full, lines, flatten_tables=rng.random() < 0.4)
    spam_records = place_spam(rng, view, city.spam, owner, boundaries, protected)
    template = rng.choice(city.templates)
    ch = chrome(city, rng, ["政务公开", "政府公报", f"{year}年"], time, city.office_full)

    truth = {
        "kind": "issue",
        "city": conv(city.name),
        "template": template,
        "script": "traditional" if traditional else "simplified",
        "issue": {"gazette": conv(city.gazette), "year": year, "number": number,
                  "total_number": total if cover else None,  # only the cover prints it
                  "published": published.isoformat()},
        "toc": None if not toc else {"style": toc.style, "sectioned": toc.sectioned,
                                     "listed": len(toc.entries) + len(toc.toc_only)},
        "toc_disagreements": [],
        "documents": truths,
        "cover_lines": [conv(ln.text) for ln in cover],
        "toc_lines": [conv(ln.text) for ln in toc.lines] if toc else [],
        "between_lines": [conv(ln.text) for ln in lines if ln.role == "section"],
    }
    if toc:
        truth["toc_disagreements"] += [{"kind": "toc_only", **entry_truth(e, conv)} for e in toc.toc_only]
        truth["toc_disagreements"] += [{"kind": "body_only", "title": truths[k]["title"], "doc_number": truths[k]["doc_number"]}
                                       for k in range(len(docs)) if not listed[k]]
    return _finish(city, rng, template, view, ch, conv, spam_records, truth)


def single_page(city: City, rng: random.Random, numbers: Numbers, published: dt.date) -> Built:
    """One document on a CMS 信息公开 page: field table, h1 title, the body (title maybe not repeated)."""
    ctx = Ctx(city, rng, numbers)
    kinds = pick_kinds(rng, city, 1)
    signed = published - dt.timedelta(days=rng.randint(1, 20))
    doc = build(ctx, kinds[0], signed, 0.2)
    conv = converter(city, rng)
    traditional = conv.traditional
    lines = list(doc.lines)
    glued = any(ln.role == "title" and ln.text != doc.title and doc.title in ln.text for ln in lines)
    if rng.random() < 0.15 and doc.kind != "order" and not glued:  # the title only in the page's h1
        lines = [ln for ln in lines if ln.role != "title"]
    if doc.doc_number and rng.random() < 0.2 and doc.kind != "order":  # the 文号 only in the field table
        lines = [ln for ln in lines if ln.role != "docnum"]
    doc = replace(doc, lines=lines)
    t = doc_truth(converted(doc, conv), [conv(doc.title)])
    time = f"{published.isoformat()} {rng.randint(8, 17):02d}:{rng.randint(0, 59):02d}"
    publisher = doc.office if rng.random() < 0.8 else f"{city.name[:-1]}{city.level}政府办"
    signed_field = doc.signed.isoformat() if doc.signed else ""
    fields = [("索引号", f"{rng.randint(10**9, 10**10 - 1)}/{published.year}-{rng.randint(1, 99999):05d}"),
              ("发布机构", publisher), ("发文字号", doc.doc_number or ""), ("成文日期", signed_field),
              ("发布日期", published.isoformat()), ("主题分类", rng.choice(("综合政务", "政府文件", "其他"))),
              ("有效性", "有效")]
    if rng.random() < 0.15:
        fields = []
    lines = [replace(ln, text=conv(ln.text)) for ln in lines]  # line by line, as the truth is
    view = View(city, "", f"{doc.title}_{city.gov}", doc.title, fields, time, doc.office, lines,
                flatten_tables=rng.random() < 0.4)
    if not fields and not any(ln.role == "docnum" for ln in lines):
        t["doc_number"] = t["doc_number_canonical"] = None  # printed nowhere: nothing to read
    owner: list[int | None] = [0] * len(lines)
    protected = {i for i, ln in enumerate(lines) if ln.role in HEADER_ROLES} | {doc.first_content, len(lines) - 1}
    spam_records = place_spam(rng, view, city.spam, owner, [0, len(lines)], protected)
    template = rng.choice(city.templates)
    ch = chrome(city, rng, ["政务公开", rng.choice(("政府文件", "通知公告", "政策文件"))], time, doc.office)
    truth = {"kind": "single", "city": conv(city.name), "template": template,
             "script": "traditional" if traditional else "simplified", "issue": None, "toc": None,
             "toc_disagreements": [], "documents": [t], "cover_lines": [], "toc_lines": [], "between_lines": []}
    return _finish(city, rng, template, view, ch, conv, spam_records, truth)


def _finish(city: City, rng: random.Random, template: str, view: View, ch: Chrome, conv: Converter,
            spam_records: list[dict], truth: dict) -> Built:
    """Render, convert the script, put the spam in, encode, and record what a reader sees."""
    seed = rng.random()

    def make(declared: str) -> str:
        view.charset = declared
        page, body = render(template, view, random.Random(seed), ch)
        markup = conv(page).replace(BODY_SLOT, body)  # the body's lines are converted already
        for rec in spam_records:  # spam on a Traditional page is Traditional too (mirror sites)
            markup = markup.replace(rec["token"], conv(rec["html"]))
        return markup

    data, codec, declared = encode(city, rng, make)
    truth["encoding"] = codec
    truth["declared"] = declared or None
    truth["spam"] = [{"text": conv(r["text"]), "trick": r["trick"], "visible": r["visible"]} for r in spam_records]
    truth["chrome"] = [conv(s) for s in ch.strings()]
    return Built("", data, truth)
