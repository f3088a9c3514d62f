"""Check the internal links of a built static site: every target file must exist.

Usage::

    python scripts/check_links.py SITE_DIR [--no-fragments] [--same-page] [--max-report N]

Every ``.html`` file under SITE_DIR is parsed once with lxml. Internal links are the ``href`` of
``a`` and ``link`` and the ``src`` of ``script`` and ``img``; links with a scheme (http, https,
mailto, javascript, data, …) or a host (``//cdn…``) are external and skipped, and so are pure
``#fragment`` links unless ``--same-page`` is given. A link is resolved against its page's URL
(the page ``a/b/index.html`` is served as ``a/b/``; a link starting with ``/`` against the site
root), percent-decoded, its query dropped; a URL naming a folder (``foo/``, ``..``) means that
folder's ``index.html``. It is broken when the target file is missing or lies outside SITE_DIR,
or (fragment checks on by default) when it carries ``#id`` into an HTML page that has no element
with that id (or ``<a name>``). ``#`` alone and ``#top`` always count as found.

Prints each broken link, then a summary (pages, links checked, broken); exit code 1 if any link
is broken, 2 if SITE_DIR is not a folder. Importable: ``check_links(site_dir) -> list[Broken]``.

Pages are read as UTF-8 (what MkDocs writes). The ids of every page are kept from that single
parse, so a fragment check never parses a page again.
"""

from __future__ import annotations

import argparse
import os
import posixpath
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import etree

LINK_ATTRS = {"a": "href", "link": "href", "script": "src", "img": "src"}
ALWAYS_FOUND_FRAGMENTS = {"", "top"}
MISSING_FILE, MISSING_ID, OUTSIDE = "missing file", "missing id", "outside site"


@dataclass(frozen=True, order=True, slots=True)
class Broken:
    """One broken link: where it is, what it says, what it resolved to and why it fails."""

    page: str  # the page holding the link, relative to the site, POSIX separators
    url: str  # the attribute value as written
    target: str  # the resolved file relative to the site ("" when outside the site)
    reason: str  # MISSING_FILE, MISSING_ID or OUTSIDE
    tag: str = field(default="a", compare=False)

    def __str__(self) -> str:
        where = f" -> {self.target}" if self.target else ""
        return f"{self.page}: <{self.tag}> {self.url}{where} ({self.reason})"


@dataclass(slots=True)
class Report:
    pages: int
    links: int  # internal link occurrences checked
    broken: list[Broken]
    seconds: float


@dataclass(slots=True)
class _Page:
    links: list[tuple[str, str]]  # (tag, url)
    ids: frozenset[str]


def check_links(site_dir: Path, *, fragments: bool = True, same_page: bool = False) -> list[Broken]:
    """Every broken internal link of the site under site_dir, sorted by page and URL."""
    return run(site_dir, fragments=fragments, same_page=same_page).broken


def run(site_dir: Path, *, fragments: bool = True, same_page: bool = False) -> Report:
    """check_links with the counts the summary prints."""
    started = time.perf_counter()
    site_dir = Path(site_dir)
    files, folders = _inventory(site_dir)
    pages: dict[str, _Page] = {}
    parser = etree.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)
    for rel in sorted(files):
        if rel.endswith((".html", ".htm")):
            pages[rel] = _parse(site_dir / rel, parser, with_ids=fragments)

    broken: list[Broken] = []
    checked = 0
    for rel, page in pages.items():
        for tag, url in page.links:
            resolved = _resolve(rel, url, same_page)
            if resolved is None:
                continue
            checked += 1
            target, fragment = resolved
            if target is None:
                broken.append(Broken(rel, url, "", OUTSIDE, tag))
                continue
            if target == "" or target.endswith("/"):
                target += "index.html"  # a folder URL
            elif target in folders:
                target += "/index.html"  # a folder named without its slash (e.g. "..")
            if target not in files:
                broken.append(Broken(rel, url, target, MISSING_FILE, tag))
            elif (fragments and fragment not in ALWAYS_FOUND_FRAGMENTS and target in pages
                  and fragment not in pages[target].ids):
                broken.append(Broken(rel, url, target, MISSING_ID, tag))
    broken.sort()
    return Report(len(pages), checked, broken, time.perf_counter() - started)


def _inventory(site_dir: Path) -> tuple[set[str], set[str]]:
    """Every file and folder under site_dir, relative, POSIX separators (root folder is "")."""
    files: set[str] = set()
    folders: set[str] = {""}
    for dirpath, dirnames, filenames in os.walk(site_dir):
        here = Path(dirpath).relative_to(site_dir).as_posix()
        here = "" if here == "." else here
        for name in dirnames:
            folders.add(posixpath.join(here, name))
        for name in filenames:
            files.add(posixpath.join(here, name))
    return files, folders


def _parse(path: Path, parser: etree.HTMLParser, *, with_ids: bool) -> _Page:
    try:
        root = etree.fromstring(path.read_bytes(), parser)
    except (etree.XMLSyntaxError, ValueError):
        root = None
    if root is None:  # empty or unparseable file: no links, no ids
        return _Page([], frozenset())
    links = [(el.tag, value) for el in root.iter(*LINK_ATTRS)
             if (value := el.get(LINK_ATTRS[el.tag])) is not None]
    ids: frozenset[str] = frozenset()
    if with_ids:
        ids = frozenset(root.xpath("//@id | //a/@name"))
    return _Page(links, ids)


def _resolve(page: str, url: str, same_page: bool) -> tuple[str | None, str] | None:
    """(target path relative to the site or None when outside it, fragment), or None to skip."""
    url = url.strip()
    if not url:
        return None  # href="" is the page itself: nothing to check
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None  # http(s), mailto, javascript, data, tel, //host…: external
    fragment = unquote(parts.fragment)
    path = unquote(parts.path)
    if not path:
        if url.startswith("?"):
            return None  # ?query only: the page itself
        if not same_page:
            return None  # pure #fragment
        return page, fragment
    if path.startswith("/"):
        joined = path.lstrip("/")
    else:
        joined = posixpath.join(posixpath.dirname(page), path)
    trailing = path.endswith("/") or path.endswith("/.") or path in (".", "..") or path.endswith("/..")
    normal = posixpath.normpath(joined) if joined else "."
    if normal == ".." or normal.startswith("../"):
        return None, fragment
    normal = "" if normal == "." else normal
    if trailing:
        normal = normal + "/" if normal else ""
    return normal, fragment


def _print_report(site_dir: Path, report: Report, max_report: int) -> None:
    for item in report.broken[:max_report]:
        print(item)
    if len(report.broken) > max_report:
        print(f"… and {len(report.broken) - max_report} more")
    print(f"{site_dir}: {report.pages} pages, {report.links} internal links checked, "
          f"{len(report.broken)} broken ({report.seconds:.2f} s)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site_dir", type=Path)
    parser.add_argument("--no-fragments", action="store_true", help="do not check #ids")
    parser.add_argument("--same-page", action="store_true", help="also check pure #fragment links")
    parser.add_argument("--max-report", type=int, default=200, help="broken links to print (default 200)")
    args = parser.parse_args(argv)
    if not args.site_dir.is_dir():
        print(f"{args.site_dir}: not a folder", file=sys.stderr)
        return 2
    report = run(args.site_dir, fragments=not args.no_fragments, same_page=args.same_page)
    _print_report(args.site_dir, report, args.max_report)
    return 1 if report.broken else 0


if __name__ == "__main__":
    raise SystemExit(main())
