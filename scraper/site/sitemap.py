"""Sitemaps, for a site with a site_url: one per partition (<part>/sitemap.xml, its issue,
document, version and diff pages), one for the lists (sitemap-lists.xml), MkDocs' own for the
hand-written pages (moved to sitemap-pages.xml), and sitemap.xml as the index of them all. The
protocol allows 50,000 URLs a file: split this way, no file grows with the archive.
"""

from __future__ import annotations

from collections.abc import Iterable
from xml.sax.saxutils import escape

NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
PART_FILE = "sitemap.xml"
LISTS_FILE = "sitemap-lists.xml"
PAGES_FILE = "sitemap-pages.xml"


def urlset(site_url: str, urls: Iterable[tuple[str, str | None]]) -> bytes:
    """A sitemap of (site-relative URL, last modified date or None)."""
    base = site_url.rstrip("/") + "/"
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', f'<urlset xmlns="{NS}">']
    for url, modified in urls:
        lastmod = f"<lastmod>{escape(modified)}</lastmod>" if modified else ""
        lines.append(f"<url><loc>{escape(base + url)}</loc>{lastmod}</url>")
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def index(site_url: str, sitemaps: Iterable[str]) -> bytes:
    """The sitemap index (sitemap.xml) of these site-relative sitemap files."""
    base = site_url.rstrip("/") + "/"
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', f'<sitemapindex xmlns="{NS}">']
    lines += [f"<sitemap><loc>{escape(base + name)}</loc></sitemap>" for name in sitemaps]
    lines.append("</sitemapindex>")
    return ("\n".join(lines) + "\n").encode("utf-8")
