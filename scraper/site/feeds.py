"""Atom feeds of new and changed documents: one for the whole site, one per gazette.

Each entry is one version (a new document, or a new version of a known one) or one withdrawal,
and never changes once written: its id is a UUID derived from the document id and version number
(or the capture that showed it gone).
"""

from __future__ import annotations

import posixpath
import re
import uuid
from dataclasses import dataclass
from xml.etree import ElementTree as ET

from .pages import REASON_LABELS, DocView

ATOM = "http://www.w3.org/2005/Atom"
FEED_SIZE = 50
# Characters XML 1.0 cannot hold (control characters from broken pages).
NOT_XML = re.compile("[^\x09\x0a\x0d\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True, slots=True)
class FeedEntry:
    id: str
    title: str
    url: str  # site-relative
    updated: str  # RFC 3339
    summary: str
    category: str | None


def entries(docs: list[DocView], limit: int = FEED_SIZE) -> list[FeedEntry]:
    """The newest `limit` events of these documents, newest first: each version (their history)
    and each withdrawal (the capture that no longer held the document)."""
    out = []
    for doc in docs:
        for v in doc.history:
            label = "新增" if v.version == 1 else f"第{v.version}版（{REASON_LABELS.get(v.reason, v.reason)}）"
            parts = [label, v.doc_number or "", doc.doc.office or "", doc.issue.label if doc.issue else ""]
            out.append(FeedEntry(
                id=uuid.uuid5(uuid.NAMESPACE_URL, f"gazette:{v.doc_id}:v{v.version}").urn,
                title=v.title,
                url=doc.url,
                updated=v.created,
                summary=" · ".join(part for part in parts if part),
                category=doc.doc.doc_type,
            ))
        gone = doc.standing.withdrawn if doc.standing else None
        if gone is not None:
            parts = [f"已撤回：{gone.captured[:10]} 采集的原始页面已不再包含本文件", doc.number or "",
                     doc.issue.label if doc.issue else ""]
            out.append(FeedEntry(
                id=uuid.uuid5(uuid.NAMESPACE_URL, f"gazette:{doc.id}:withdrawn:{gone.sha256}").urn,
                title=f"【已撤回】{doc.title}",
                url=doc.url,
                updated=gone.captured,
                summary=" · ".join(part for part in parts if part),
                category=doc.doc.doc_type,
            ))
    out.sort(key=lambda entry: (entry.updated, entry.id), reverse=True)
    return out[:limit]


def atom(title: str, feed_url: str, home_url: str, items: list[FeedEntry], site_url: str | None,
         author: str) -> bytes:
    """The feed document. Links are absolute with a site_url, else relative to the feed's location."""

    def href(target: str) -> str:
        if site_url:
            return site_url.rstrip("/") + "/" + target
        base = posixpath.dirname("/" + feed_url)
        rel = posixpath.relpath("/" + target, base)
        return rel + "/" if target.endswith("/") and not rel.endswith("/") else rel

    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "zh-CN"})
    _text(feed, "id", uuid.uuid5(uuid.NAMESPACE_URL, f"gazette:feed:{feed_url}").urn)
    _text(feed, "title", title)
    _text(feed, "updated", items[0].updated if items else "1970-01-01T00:00:00+00:00")
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "self", "type": "application/atom+xml", "href": href(feed_url)})
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "alternate", "type": "text/html", "href": href(home_url)})
    _text(ET.SubElement(feed, f"{{{ATOM}}}author"), "name", author)
    _text(feed, "generator", "gazette")
    for item in items:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        _text(entry, "id", item.id)
        _text(entry, "title", item.title)
        _text(entry, "updated", item.updated)
        ET.SubElement(entry, f"{{{ATOM}}}link", {"rel": "alternate", "type": "text/html", "href": href(item.url)})
        _text(entry, "summary", item.summary)
        if item.category:
            ET.SubElement(entry, f"{{{ATOM}}}category", {"term": item.category})
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def _text(parent: ET.Element, tag: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}")
    element.text = NOT_XML.sub("", text)
    return element
