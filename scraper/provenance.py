"""Where a capture came from, as the public may be told. Pure functions.

A fetched page has its URL. A file has the path relative to the folder given to ingest (ingest.py
records it so), never the editor's own local path; a page saved from the web often still prints
its own address (<link rel="canonical">, og:url, 原文链接：…), which is the source a reader wants.
The sources are hacked sites, so a printed URL is shown as what the page claims, and only an
absolute http(s) URL is taken.
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from . import legal_patterns as L
from .model import Page

MAX_URL = 2000
HEAD_SPAN = 200_000  # characters searched for <link>/<meta>: they sit in the head


@dataclass(frozen=True, slots=True)
class Provenance:
    """What a page says about where a document came from."""

    url: str | None  # the page's address on the web: fetched from it, or the one the page prints
    url_is_printed: bool  # True when `url` is only what the page claims (a file's canonical link)
    path: str | None  # for a file: its path relative to the folder given to ingest


def printed_url(page: Page) -> str | None:
    """The address a page gives as its own: <link rel=canonical>, og:url, or a 原文链接 line."""
    text = page.text
    if page.kind == "html":
        head = text[:HEAD_SPAN]
        for tag in L.LINK_TAG.findall(head):
            attrs = _attributes(tag)
            if "canonical" in attrs.get("rel", "").lower().split() and (url := _web_url(attrs.get("href"))):
                return url
        for tag in L.META_TAG.findall(head):
            attrs = _attributes(tag)
            if attrs.get("property", attrs.get("name", "")).lower() == "og:url" and (url := _web_url(attrs.get("content"))):
                return url
    for found in L.PRINTED_URL.finditer(text):
        if url := _web_url(found["url"]):
            return url
    return None


def is_web(location: str) -> bool:
    return location.lower().startswith(("http://", "https://"))


def public_path(location: str) -> str:
    """A file location safe to publish: relative, without `..`; an absolute path (a store written
    before locations were made relative) keeps only its file name."""
    path = location.replace("\\", "/")
    if is_web(path):
        return location
    absolute = path.startswith("/") or re.match(r"^[A-Za-z]:/", path) is not None or path.startswith("~")
    parts = [part for part in path.split("/") if part not in ("", ".")]
    if absolute or ".." in parts:
        return posixpath.basename(path) or "unknown"
    return "/".join(parts) or "unknown"


def provenance(location: str, source_url: str | None) -> Provenance:
    """The public account of a capture's origin from its location and the URL it printed."""
    if is_web(location):
        return Provenance(location, False, None)
    return Provenance(source_url, source_url is not None, public_path(location))


def _attributes(tag: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for found in L.ATTRIBUTE.finditer(tag):
        value = found["dq"] if found["dq"] is not None else found["sq"] if found["sq"] is not None else found["bare"]
        out.setdefault(found["name"].lower(), html.unescape(value or "").strip())
    return out


def _web_url(value: str | None) -> str | None:
    if not value or len(value) > MAX_URL:
        return None
    value = value.strip()
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname or any(c in value for c in " <>\"'\n"):
        return None
    return value
