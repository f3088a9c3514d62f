"""Material's page around a generated page: rendered once per kind of page, then filled in.

Rendering the theme's main.html cost as much as our own template for each page, and nearly all of
its output is the same for every page of one kind: the header, the nav, the footer, the scripts.
What differs is the page's title, its URL, its outline and its content. A shell is the theme
rendered once for a stand-in page whose values are sentinels (a private-use character around a
name); a page of the same kind is that output with its own values put in their places.

A kind is the template, where the page sits relative to the nav's pages, its front matter other
than the title, the shape of its outline and whether its content has its own <h1>. A page is filled only when its values are ones no
filter changes (no markup characters, no runs of white space): any other page is rendered in
full. The first page of each kind is rendered in full too and compared; a kind whose filled page
differs (a theme or plugin showing something else of the page) is rendered in full from then on.
"""

from __future__ import annotations

import itertools
import logging
import posixpath
import re
import threading
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import jinja2
from jinja2.utils import url_quote
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

log = logging.getLogger("mkdocs.plugins.gazette")

MARK = "\ue000"  # private use: no escape, striptags or urlencode leaves it out or changes it
QUOTED_MARK = url_quote(MARK)
NAME = "([a-z]+[0-9]*(?:<h1)?)"  # content<h1: the content of a page that has its own heading
SLOT = re.compile(f"{MARK}{NAME}{MARK}|{re.escape(QUOTED_MARK)}{NAME}{re.escape(QUOTED_MARK)}")
# A value any filter leaves as it is: no markup or URL syntax, no control characters, no private
# use, and white space only as single inner spaces (striptags folds the rest).
PLAIN = re.compile(r"[^\x00-\x1f\x7f&<>\"'%#?/\\\ue000-\uf8ff]+")
SEGMENT = re.compile(r"[A-Za-z0-9_.\-]+")
KEPT_NAMES = ("index", "README")  # file names MkDocs treats specially: kept in the stand-in path
MAX_SHELLS = 256  # kinds kept per process (a shell is the size of one page without its content)


@dataclass(frozen=True, slots=True)
class Shell:
    """A rendered page split at its sentinels: literal text, and (slot, url-encoded) in between."""

    parts: tuple[str | tuple[str, bool], ...]

    @classmethod
    def parse(cls, html: str) -> Shell:
        parts: list[str | tuple[str, bool]] = []
        start = 0
        for found in SLOT.finditer(html):
            parts.append(html[start:found.start()])
            parts.append((found.group(1) or found.group(2), found.group(1) is None))
            start = found.end()
        parts.append(html[start:])
        return cls(tuple(parts))

    def fill(self, values: Mapping[str, str]) -> str | None:
        """The page with `values` in place; None when a slot has no value (a sentinel the
        stand-in showed in a form this module does not know)."""
        out = []
        for part in self.parts:
            if isinstance(part, str):
                out.append(part)
                continue
            name, quoted = part
            if name not in values:
                return None
            out.append(url_quote(values[name]) if quoted else values[name])
        return "".join(out)


class Shells:
    """The shells of one theme environment, by kind (bounded: least recently used go)."""

    def __init__(self, config: MkDocsConfig, nav_urls: list[str]) -> None:
        self.config = config
        # Folders that hold a page of the nav: kept in the stand-in's path, so that its links to
        # those pages are the real page's (offices/x/ links to offices/ as ../).
        self.nav_folders = {url[: k + 1] for url in nav_urls for k, c in enumerate(url) if c == "/"}
        self.shells: OrderedDict[tuple[Any, ...], Shell | None] = OrderedDict()  # None: render in full
        self.filled = self.rendered = 0
        self.lock = threading.Lock()  # a Dask worker renders in several threads with one theme

    def render(self, template: jinja2.Template, context: dict[str, Any], page: Page,
               outline: list[dict[str, Any]], position: tuple[str, ...]) -> str:
        """main.html for `page` (its context made and passed through the plugins), from the
        shell of its kind when it has one, else rendered."""
        values = _values(page, outline)
        if values is None:
            return self._full(template, context)
        values["path"] = self._stand_in_path(values["segments"])
        key = (template.name, position, values["path"], _frozen(page.meta, "title"),
               _shape(outline), values["heading"])
        with self.lock:
            shell = self.shells.get(key, False)
            if shell:
                self.shells.move_to_end(key)
        if shell is None:
            return self._full(template, context)
        if shell is not False:
            html = shell.fill(values["slots"])
            if html is not None:
                self.filled += 1
                return html
        # A new kind: the stand-in's shell, checked against this page rendered in full.
        real = self._full(template, context)
        made: Shell | None = self._make(template, context, page, values, outline, position)
        if made.fill(values["slots"]) != real:
            log.debug("gazette: pages like %s are rendered in full", page.url)
            made = None
        with self.lock:
            self.shells[key] = made
            if len(self.shells) > MAX_SHELLS:
                self.shells.popitem(last=False)
        return real

    def _stand_in_path(self, segments: list[str]) -> str:
        """The stand-in's source path: the real one's folders that hold nav pages, and a file
        name MkDocs treats specially, are kept; every other segment is a sentinel."""
        names, folder, kept = [], "", True
        for k, name in enumerate(segments):
            folder += name + "/"
            if k == len(segments) - 1:
                kept = name in KEPT_NAMES
            else:
                kept = kept and folder in self.nav_folders
            names.append(name if kept else f"{MARK}u{k}{MARK}")
        return "/".join(names) + ".md"

    def _full(self, template: jinja2.Template, context: dict[str, Any]) -> str:
        self.rendered += 1
        return template.render(context)

    def _make(self, template: jinja2.Template, context: dict[str, Any], page: Page,
              values: dict[str, Any], outline: list[dict[str, Any]],
              position: tuple[str, ...]) -> Shell:
        stand_in = _stand_in(self.config, page, values, outline)
        stand_in.gazette_generated = True  # type: ignore[attr-defined]
        stand_in.gazette_position = position  # type: ignore[attr-defined]
        stand_in.active = True
        try:
            html = template.render(dict(context, page=stand_in))
        finally:
            stand_in.active = False
            stand_in.file.page = None
        return Shell.parse(html)


def _values(page: Page, outline: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The page's slot values, or None when one is not plain (the page is rendered in full)."""
    title = page.title
    if not isinstance(title, str) or page.meta.get("title") != title or not _plain(title):
        return None
    parts = page.file.src_uri.split("/")
    stem, suffix = posixpath.splitext(parts[-1])
    if suffix != ".md" or not all(SEGMENT.fullmatch(part) for part in (*parts[:-1], stem)):
        return None
    segments = [*parts[:-1], stem]
    slots = {f"u{k}": part for k, part in enumerate(segments)}
    slots["title"] = title
    content = page.content or ""
    # Material adds the title as a heading unless the content has one: part of the kind.
    heading = "<h1" in content
    slots["content<h1" if heading else "content"] = content
    for k, token in enumerate(_walk(outline)):
        if not (_plain(token["name"]) and SEGMENT.fullmatch(token["id"])):
            return None
        slots[f"n{k}"], slots[f"a{k}"] = token["name"], token["id"]
    return {"segments": segments, "slots": slots, "heading": heading}


def _stand_in(config: MkDocsConfig, page: Page, values: dict[str, Any], outline: list[dict[str, Any]]) -> Page:
    """A page of the same kind whose title, path segments, outline and content are sentinels."""
    file = File.generated(config, values["path"], content="",
                          inclusion=InclusionLevel.NOT_IN_NAV)
    stand_in = Page(None, file, config)
    stand_in.markdown = ""
    stand_in.meta = dict(page.meta, title=f"{MARK}title{MARK}")
    stand_in.content = f"{MARK}content<h1{MARK}" if values["heading"] else f"{MARK}content{MARK}"
    counter = itertools.count()

    def sentinel(tokens: list[dict[str, Any]]) -> list[dict[str, Any]]:
        out = []
        for token in tokens:
            k = next(counter)
            out.append({"level": token["level"], "id": f"{MARK}a{k}{MARK}", "name": f"{MARK}n{k}{MARK}",
                        "children": sentinel(token["children"])})
        return out

    stand_in.toc = get_toc(sentinel(outline))
    return stand_in


def _walk(tokens: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The outline's tokens in document order (the order the stand-in numbers them)."""
    out = []
    for token in tokens:
        out.append(token)
        out.extend(_walk(token["children"]))
    return out


def _shape(tokens: list[dict[str, Any]]) -> tuple[Any, ...]:
    return tuple((token["level"], _shape(token["children"])) for token in tokens)


def _plain(value: str) -> bool:
    return bool(PLAIN.fullmatch(value)) and " ".join(value.split()) == value


def _frozen(meta: Mapping[str, Any], *without: str) -> tuple[Any, ...]:
    return tuple(sorted((key, repr(value)) for key, value in meta.items() if key not in without))
