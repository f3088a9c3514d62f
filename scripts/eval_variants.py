#!/usr/bin/env python3
"""Read each page again after changing it in ways its reader would not notice, and count what changed.

    python scripts/eval_variants.py [FOLDER ...] [--variants traditional,chrome,...] [--json] [--show]
    python scripts/eval_variants.py [FOLDER ...] --issues [--show]

A metamorphic check: it needs no gold, so it runs on any page. Pages (.txt, .html) are found in
the folders given, recursively; by default ../shared/seeds, ../shared/real and
../shared/fixtures/html (the seeds as HTML pages). Each page is read as it is, then, a text page, as:

  traditional  converted to Traditional by OpenCC, as a mirror's converter does
  chrome       between another site's breadcrumb, toolbar, share bar and footer
  spam         with two gambling slogans spliced in between its lines
  mirror       all three at once (a hacked Traditional mirror)
  blank        a blank line after every line
  squeeze      blank lines gone, every line stripped
  indent       every paragraph indented with two ideographic spaces
  gbk          saved in GB18030 instead of UTF-8
  crlf         with Windows line ends
  nbsp         every blank a no-break space (&nbsp; as a page's text keeps it)
  joinsig      a signature's office and date, on two lines, put on one
  wrapbody     each paragraph hard-wrapped at one width, as a PDF's text is
  wraptitle    a title printed on a line of its own, wrapped after a random point of it

and an HTML page converted to Traditional, saved in GB18030, and as:

  big5         converted to Traditional and saved in Big5 (what Big5 lacks written as &#…;)

  reserialized parsed and written again by lxml (entities, quotes, tag case)
  spans        every run of text in a <span> with a font, as Word's export writes it
  hiddenspam   four slogans with links between its blocks, in tags of random names, each hidden
               its own way (display, visibility, off-screen, zero font size, zero height)
  layouttable  its body inside an old site's one-cell layout table
  htmlnbsp     every blank in its text a no-break space
  brs          each paragraph a line ended by <br> instead of a <p>
  minified     no blank or line break between its tags

and every document's title, 文号, office and signing date must come out the same (Traditional
folded back to compare). Printed: for each variant, the pages it applied to and the fields that
changed, each line naming the page, the field and the two readings (--show). wraptitle
and wrapbody are reported but not part of the total: where a title is cut between its issuer and
关于 the first line reads as a letterhead, a layout some issuers use; a body wrapped mid-sentence
still puts a line's start where a heading or a cited 文号 could stand.

--issues reads, instead, real documents as an issue prints them: each text page's document that
reads whole alone (a title, a 文号 or an office, a date in its last lines), as its own lines, after
the one before it. Both must be found, each with the fields it had alone.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import zlib
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import lxml.html

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scraper.decode import decode  # noqa: E402
from scraper.pipeline import SUFFIX_MEDIA_TYPES, make_capture, process  # noqa: E402
from scraper.script import to_simplified, to_traditional  # noqa: E402

SHARED = ROOT.parent / "shared"
FIELDS = ("title", "doc_number", "office", "signed")
# Site furniture and slogans written for this check (any site's look: none is copied from a page).
CHROME_TOP = [
    ["首页 > 政务公开 > 政府文件", "【字体：大 中 小】 【打印本页】 【关闭窗口】"],
    ["您当前的位置：首页 » 信息公开 » 规范性文件", "字号：大 中 小　　视力保护色：", "分享到："],
    ["网站首页 | 政务公开 | 办事服务 | 互动交流", "当前位置：首页>>政府信息公开>>通知公告"],
]
CHROME_BOTTOM = [
    ["【打印】 【关闭】", "上一篇：关于开展安全生产检查的通知", "下一篇：无", "主办单位：某市人民政府办公室 ICP备12345678号-1"],
    ["分享到：微信 微博 QQ空间", "扫一扫在手机打开当前页", "版权所有：某县人民政府 网站标识码：1234567890"],
    ["相关链接", "网站地图 | 联系我们 | 隐私声明", "Copyright © 2023 All Rights Reserved 京公网安备 11010502030001号"],
]
SLOGANS = ["澳门新葡京娱乐城官网 www.xpj88.com", "皇冠体育在线投注 真人百家乐 开户送彩金", "威尼斯人娱乐平台 注册即送38元"]
DATE_LINE = re.compile(r"\s*[(（]?(?:(?:19|20)\d\d|[〇○零一二三四五六七八九]{4})年[^\s年]{1,3}月[^\s月]{1,4}日[)）]?\s*")
WRAPPED_MAX = 600  # a longer line is a page run into one line, not a paragraph
Variant = Callable[[str, random.Random, list[dict]], str | None]


def _traditional(text: str, rng: random.Random, docs: list[dict]) -> str:
    return to_traditional(text)


def _chrome(text: str, rng: random.Random, docs: list[dict]) -> str:
    return "\n".join([*rng.choice(CHROME_TOP), text, *rng.choice(CHROME_BOTTOM)])


def _spam(text: str, rng: random.Random, docs: list[dict]) -> str:
    lines = text.split("\n")
    for slogan in rng.sample(SLOGANS, 2):
        lines.insert(rng.randrange(len(lines) + 1), slogan)
    return "\n".join(lines)


def _mirror(text: str, rng: random.Random, docs: list[dict]) -> str:
    return _spam(_chrome(to_traditional(text), rng, docs), rng, docs)


def _blank(text: str, rng: random.Random, docs: list[dict]) -> str:
    return "\n\n".join(text.split("\n"))


def _squeeze(text: str, rng: random.Random, docs: list[dict]) -> str:
    return "\n".join(line.strip() for line in text.split("\n") if line.strip())


def _indent(text: str, rng: random.Random, docs: list[dict]) -> str:
    return "\n".join("\u3000\u3000" + line.strip() if len(line.strip()) > 30 else line for line in text.split("\n"))


def _gbk(text: str, rng: random.Random, docs: list[dict]) -> str:
    return text


def _big5(text: str, rng: random.Random, docs: list[dict]) -> str:
    return to_traditional(text)


def _crlf(text: str, rng: random.Random, docs: list[dict]) -> str:
    return text.replace("\n", "\r\n")


def _nbsp(text: str, rng: random.Random, docs: list[dict]) -> str:
    return text.replace(" ", "\u00a0")


def _wrapbody(text: str, rng: random.Random, docs: list[dict]) -> str:
    """Each paragraph (a line of sentences ending in 。) hard-wrapped at one width, as a PDF's text is."""
    width = rng.randrange(24, 40)
    out = []
    for line in text.split("\n"):
        if width + 8 < len(line.strip()) <= WRAPPED_MAX and line.rstrip().endswith(("。", "；", "：")):
            line = line.strip()
            out += [line[k : k + width] for k in range(0, len(line), width)]
        else:
            out.append(line)
    return "\n".join(out)


# ── HTML pages: the same page to its reader, other markup ──────────────────────────────────────
BLOCKS = ("p", "div", "td", "li", "h1", "h2", "h3", "h4", "section", "article")


def _tree(text: str):
    return lxml.html.document_fromstring(text)


def _html(tree) -> str:
    return lxml.html.tostring(tree, encoding="unicode", doctype="<!DOCTYPE html>")


def _reserialized(text: str, rng: random.Random, docs: list[dict]) -> str:
    """Parsed and written again: entities, quoting and tag case as a library writes them."""
    return _html(_tree(text))


def _spans(text: str, rng: random.Random, docs: list[dict]) -> str:
    """Every run of text in a <span> with a font (as Word's export and many editors write it)."""
    tree = _tree(text)
    for element in list(tree.iter(*BLOCKS)):
        if element.text and element.text.strip():
            span = lxml.html.Element("span", style="font-family:仿宋_GB2312;font-size:16pt")
            span.text, element.text = element.text, None
            element.insert(0, span)
    return _html(tree)


def _hidden_spam(text: str, rng: random.Random, docs: list[dict]) -> str:
    """Hidden slogans and links between the blocks, each hidden its own way, in tags of random names."""
    tree = _tree(text)
    blocks = [e for e in tree.iter("p", "div", "td") if e.getparent() is not None]
    hides = ["display:none", "visibility:hidden", "position:absolute;left:-9999px", "font-size:0", "height:0;overflow:hidden"]
    for k in range(min(4, len(blocks))):
        at = rng.choice(blocks)
        tag = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(5))
        hidden = lxml.html.fragment_fromstring(
            f'<{tag} style="{rng.choice(hides)}"><a href="http://www.xpj{rng.randrange(100)}.com">{rng.choice(SLOGANS)}</a></{tag}>')
        at.addnext(hidden)
    return _html(tree)


def _layout_table(text: str, rng: random.Random, docs: list[dict]) -> str | None:
    """The body inside an old site's layout table."""
    tree = _tree(text)
    body = tree.find("body")
    if body is None:
        return None
    table = lxml.html.fragment_fromstring('<table width="980" align="center"><tr><td valign="top"></td></tr></table>')
    cell = table.find(".//td")
    cell.text, body.text = body.text, None
    for child in list(body):
        cell.append(child)
    body.append(table)
    return _html(tree)


def _html_nbsp(text: str, rng: random.Random, docs: list[dict]) -> str:
    """Every blank inside the text a no-break space (&nbsp;), as editors that keep spacing write it."""
    tree = _tree(text)
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag in ("script", "style"):
            continue
        if element.text:
            element.text = element.text.replace(" ", "\u00a0")
        if element.tail and element.tail.strip():
            element.tail = element.tail.replace(" ", "\u00a0")
    return _html(tree)


def _brs(text: str, rng: random.Random, docs: list[dict]) -> str:
    """Each run of paragraphs written as lines of one block, a <br> after each (no <p> at all)."""
    tree = _tree(text)
    for element in list(tree.iter("p")):
        if element.getparent() is None or element.find(".//p") is not None:
            continue
        element.tag = "span"
        element.attrib.clear()
        element.append(lxml.html.Element("br"))
    return _html(tree)


def _minified(text: str, rng: random.Random, docs: list[dict]) -> str:
    """No blank or line break between tags, as a minifier writes a page."""
    return re.sub(r">\s+<", "><", _html(_tree(text)))


def _plain(text: str | None) -> str:
    return re.sub(r"\s+", "", text or "")


def _joinsig(text: str, rng: random.Random, docs: list[dict]) -> str | None:
    lines = text.split("\n")
    offices = {_plain(d["office"]) for d in docs if d["office"] and d["signed"]}
    for i, line in enumerate(lines):
        if _plain(line) in offices:
            j = next((j for j in range(i + 1, len(lines)) if lines[j].strip()), None)
            if j is not None and DATE_LINE.fullmatch(lines[j]):
                lines[i : j + 1] = [line.rstrip() + "\u3000\u3000" + lines[j].strip()]
                return "\n".join(lines)
    return None


def _wraptitle(text: str, rng: random.Random, docs: list[dict]) -> str | None:
    lines = text.split("\n")
    titles = {_plain(d["title"]) for d in docs if len(_plain(d["title"])) >= 10}
    for i, line in enumerate(lines):
        if _plain(line) in titles:
            line = line.rstrip()
            cut = rng.randrange(max(4, len(line) // 3), len(line) - 2)
            lines[i : i + 1] = [line[:cut], line[cut:]]
            return "\n".join(lines)
    return None


VARIANTS: dict[str, Variant] = {
    "traditional": _traditional, "chrome": _chrome, "spam": _spam, "mirror": _mirror, "blank": _blank,
    "squeeze": _squeeze, "indent": _indent, "gbk": _gbk, "big5": _big5, "crlf": _crlf, "nbsp": _nbsp, "joinsig": _joinsig,
    "wrapbody": _wrapbody, "wraptitle": _wraptitle,
    "reserialized": _reserialized, "spans": _spans, "hiddenspam": _hidden_spam, "layouttable": _layout_table,
    "htmlnbsp": _html_nbsp, "brs": _brs, "minified": _minified,
}
REPORTED_ONLY = {"wraptitle", "wrapbody"}
HTML_VARIANTS = {"traditional", "gbk", "big5", "reserialized", "spans", "hiddenspam", "layouttable", "htmlnbsp", "brs",
                 "minified"}
TEXT_VARIANTS = set(VARIANTS) - HTML_VARIANTS | {"traditional", "gbk"}
# The variant's bytes: saved in GB18030; a Traditional mirror's in Big5 (what Big5 lacks as &#…;).
ENCODINGS = {"gbk": "gb18030", "big5": "big5hkscs"}


CHARSET = re.compile(r"(?i)(<meta[^>]*charset\s*=\s*[\"']?)[\w-]+")


def page_text(path: str) -> str:
    """A page's text as decoded for reading."""
    return decode(make_capture(path, Path(path).read_bytes(), SUFFIX_MEDIA_TYPES[Path(path).suffix.lower()])).text


def read(text: str, name: str, encoding: str = "utf-8") -> list[dict]:
    """The documents of a page saved in `encoding` (an HTML page's declared charset says so)."""
    media = SUFFIX_MEDIA_TYPES[Path(name).suffix.lower()]
    if media == "text/html":
        text = CHARSET.sub(rf"\g<1>{encoding}", text)
    raw = text.encode(encoding, "xmlcharrefreplace" if media == "text/html" else "strict")
    docs = process(make_capture(name, raw, media)).documents
    return [{"title": to_simplified(d.title or ""),
             "doc_number": to_simplified(d.doc_number.printed) if d.doc_number else None,
             "office": to_simplified(d.office) if d.office else None,
             "signed": d.signed.isoformat() if d.signed else None} for d in docs]


def _same(field: str, a: object, b: object) -> bool:
    return _plain(str(a)) == _plain(str(b)) if field != "signed" else a == b


def check(job: tuple[str, list[str]]) -> list[dict]:
    """One page against its variants: a row per variant applied, with the fields that changed."""
    path, names = job
    try:
        text = page_text(path)
        base = read(text, path)
    except Exception as exc:  # a page the pipeline refuses as it is: no variant to compare
        return [{"page": path, "variant": "as-is", "changes": [f"refused: {exc}"]}]
    rows = []
    html = Path(path).suffix.lower() != ".txt"
    for name in names:
        if name not in (HTML_VARIANTS if html else TEXT_VARIANTS):
            continue
        changed = VARIANTS[name](text, random.Random(zlib.crc32(f"{path}:{name}".encode())), base)
        if changed is None:
            continue
        try:
            got = read(changed, path, ENCODINGS.get(name, "utf-8"))
        except Exception as exc:
            rows.append({"page": path, "variant": name, "changes": [f"refused: {exc}"]})
            continue
        changes = [f"documents: {len(base)} → {len(got)}"] if len(got) != len(base) else [
            f"{field} of document {k + 1}: {a[field]!r} → {b[field]!r}"
            for k, (a, b) in enumerate(zip(base, got)) for field in FIELDS if not _same(field, a[field], b[field])
        ]
        rows.append({"page": path, "variant": name, "changes": changes})
    return rows


# ── issues made of real documents ─────────────────────────────────────────────────────────────


def own_document(path: str) -> tuple[str, str, dict] | None:
    """A text page's one document as its own lines, when it reads as a whole document alone: a title,
    a 文号 or an office, and a closing (its date) in its last lines."""
    try:
        parsed = process(make_capture(path, page_text(path).encode(), "text/plain"))
        if len(parsed.documents) != 1:
            return None
        text = "\n".join(parsed.documents[0].lines)
        alone = read(text, "own.txt")
    except Exception:
        return None
    closed = any(DATE_LINE.fullmatch(line) for line in text.split("\n")[-3:])
    if len(alone) != 1 or not alone[0]["title"] or not (alone[0]["doc_number"] or alone[0]["office"]) or not closed:
        return None
    return path, text, alone[0]


def check_pair(pair: tuple[tuple[str, str, dict], tuple[str, str, dict]]) -> list[str]:
    """Two documents printed one after the other, as an issue prints them: both found, each as alone."""
    (first, a, want_a), (second, b, want_b) = pair
    got = read(a + "\n" + b, "issue.txt")
    if len(got) != 2:
        return [f"{first} + {second}: documents 2 → {len(got)}"]
    return [f"{path} (in an issue) {field}: {want[field]!r} → {doc[field]!r}"
            for path, want, doc in ((first, want_a, got[0]), (second, want_b, got[1]))
            for field in FIELDS if not _same(field, want[field], doc[field])]


def _pages(folders: list[Path]) -> list[str]:
    """The files under the folders, but for working folders (_work/, .cache/) kept beside a set."""
    return sorted(str(p) for folder in folders
                  for p in (folder.rglob("*") if folder.is_dir() else [folder])
                  if p.is_file() and not any(part.startswith(("_", ".")) for part in p.relative_to(folder).parts[:-1]))


def evaluate_issues(folders: list[Path], jobs: int = 0) -> dict:
    pages = [page for page in _pages(folders) if page.endswith(".txt")]
    with ProcessPoolExecutor(jobs or None) as pool:
        docs = [d for d in pool.map(own_document, pages, chunksize=8) if d]
        rows = list(pool.map(check_pair, list(zip(docs, docs[1:])), chunksize=8))
    return {"documents": len(docs), "pairs": len(rows), "changed": sum(bool(r) for r in rows),
            "split_wrong": sum(1 for r in rows if r and "documents 2" in r[0]), "changes": [c for r in rows for c in r]}


def evaluate(folders: list[Path], names: list[str], jobs: int = 0) -> dict:
    pages = [page for page in _pages(folders) if Path(page).suffix.lower() in SUFFIX_MEDIA_TYPES]
    with ProcessPoolExecutor(jobs or None) as pool:
        rows = [row for rows in pool.map(check, [(page, names) for page in pages], chunksize=4) for row in rows]
    per = {name: {"pages": 0, "changed_pages": 0, "changed_fields": 0} for name in names}
    for row in rows:
        if row["variant"] in per:
            per[row["variant"]]["pages"] += 1
            per[row["variant"]]["changed_pages"] += bool(row["changes"])
            per[row["variant"]]["changed_fields"] += len(row["changes"])
    total = sum(v["changed_fields"] for k, v in per.items() if k not in REPORTED_ONLY)
    refused = [row for row in rows if row["variant"] == "as-is"]
    return {"pages": len(pages), "variants": per, "variants_changed": total + len(refused),
            "changes": [row for row in rows if row["changes"]]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folders", nargs="*", type=Path, default=[SHARED / "seeds", SHARED / "real", SHARED / "fixtures" / "html"])
    parser.add_argument("--variants", default=",".join(VARIANTS), help="comma-separated, of: " + ", ".join(VARIANTS))
    parser.add_argument("--jobs", type=int, default=0, help="worker processes (0: one per core)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--show", action="store_true", help="print every change")
    parser.add_argument("--issues", action="store_true",
                        help="instead: print each closed document of the text pages after the one before it, as an issue")
    args = parser.parse_args(argv)
    names = [n for n in args.variants.split(",") if n]
    unknown = set(names) - set(VARIANTS)
    if unknown:
        parser.error(f"unknown variants: {', '.join(sorted(unknown))}")
    if args.issues:
        issues = evaluate_issues(args.folders, args.jobs)
        print(f"documents {issues['documents']}; pairs printed as an issue {issues['pairs']}: read apart wrong "
              f"{issues['split_wrong']}, fields changed in {issues['changed'] - issues['split_wrong']} more")
        for change in issues["changes"] if args.show else []:
            print(change)
        return 0
    result = evaluate(args.folders, names, args.jobs)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return 0
    print(f"pages {result['pages']}; fields changed in all variants but {', '.join(sorted(REPORTED_ONLY))}: "
          f"{result['variants_changed']}")
    for name, v in result["variants"].items():
        if not v["pages"]:
            continue
        note = " (reported only)" if name in REPORTED_ONLY else ""
        print(f"  {name:<12} applied to {v['pages']:>4} pages, changed {v['changed_pages']:>3}, fields {v['changed_fields']:>3}{note}")
    if args.show:
        for row in result["changes"]:
            for change in row["changes"]:
                print(f"{row['page']} [{row['variant']}] {change}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
