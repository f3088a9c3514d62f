"""The `gazette` MkDocs plugin: the store's documents become generated pages of the site.

on_config fixes a small navigation (documents and issues never go into it: MkDocs renders the nav
into every page, so a full nav would make the build quadratic), on_files reads the store once and
adds one generated file per page, on_page_markdown appends the latest issues to the hand-written
home page, on_post_build writes the search index, on_serve watches the store.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import shutil
import tempfile
import time
from pathlib import Path
from collections.abc import Callable
from typing import Any

import jinja2
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from ..coverage import to_json as coverage_json
from ..errors import StoreError
from ..search.index import write_index
from ..store import Store
from ..standing import standing_of
from ..stored import Source, VersionSummary
from ..related import related as related_documents
from . import archive, changes, feeds, versions
from .captures import write_captures
from . import pages as site_pages
from .pages import CHANGES_URL, DOWNLOADS_URL
from .render import BODY_PLACEHOLDER_HTML, environment, outline, page_source, render_body, render_fragment

log = logging.getLogger("mkdocs.plugins.gazette")

NAV: list[Any] = [
    {"首页": "index.md"},
    {"公报": "gazettes/index.md"},
    {"浏览": [
        {"按发文机关": "offices/index.md"},
        {"按文种": "genres/index.md"},
        {"按年份": "years/index.md"},
    ]},
    {"搜索": "search.md"},
    {"变更": "changes/index.md"},
    {"下载": "downloads/index.md"},
    {"帮助": [
        {"检索说明": "search-help.md"},
        {"引用本站": "cite.md"},
    ]},
    {"关于": "about.md"},
]
HOME = "index.md"
SEARCH_INDEX_DIR = "search-index"
CHANGES_LIST_LIMIT = 200  # new documents listed per day on the changes page
# benxi/2021/…, documents/2019/…: one partition each (the browse pages years/2021/ are not).
YEAR_FOLDER = re.compile(r"(?!years/|offices/|genres/)[^/]+/(\d{4}|undated)/")


class GazetteConfig(Config):
    store = c.Type(str, default="gazette.db")
    """The SQLite store; a relative path is read from the folder of mkdocs.yml."""


class GazettePlugin(BasePlugin[GazetteConfig]):
    """Builds the gazette pages from the store (see the module docstring for the hooks)."""

    def __init__(self) -> None:
        self.store_path: Path | None = None
        self.site: site_pages.Site | None = None
        self.versions: dict[str, list[VersionSummary]] = {}
        self.workdir: Path | None = None  # download files prepared before the site dir exists
        self.manifest: archive.Manifest | None = None
        # A partial build (gazette build --only benxi/2021/): only pages under these folders are
        # written, into the existing site; the search index and feeds are still rewritten whole.
        self.only: tuple[str, ...] = ()
        self.specs: dict[str, site_pages.PageSpec] = {}  # generated pages by src_uri
        self.env: jinja2.Environment | None = None
        self.stats: dict[str, Any] = {}
        # The gazette command sets this to print progress lines; MkDocs alone only logs them.
        self.progress: Callable[[str], None] | None = None

    def _say(self, message: str) -> None:
        log.info("gazette: %s", message)
        if self.progress is not None:
            self.progress(message)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        root = Path(config.config_file_path or ".").resolve().parent
        store = Path(self.config.store).expanduser()
        self.store_path = store if store.is_absolute() else root / store
        self.templates_root = root / "templates"
        self.template_dir = self.templates_root / "pages"
        if not config.nav:
            config.nav = NAV
        # Generated pages are added as NOT_IN_NAV; this also quiets hand-written pages left out.
        config.validation.nav.omitted_files = logging.DEBUG
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        path = self.store_path
        assert path is not None
        if not path.is_file():
            raise PluginError(f"gazette: no store at {path} (run `gazette ingest --store {path} …` first)")
        started = time.perf_counter()
        try:
            with Store(path) as store:
                self.site = site_pages.build_site(store.latest_records())
                self.versions = store.version_summaries()
                today = dt.datetime.now(dt.timezone.utc).date()  # validity is assessed on the build's day
                for doc in self.site.docs:
                    doc.history = self.versions.get(doc.id, [])
                    doc.standing = standing_of(store, doc.id, doc.status, Source(
                        doc.source_location, doc.source_sha256, doc.source_captured), today)
                history_specs = list(versions.version_pages(store, self._scope(self.site.docs)))
                if not self.only:
                    self.workdir = Path(tempfile.mkdtemp(prefix="gazette-downloads-"))
                    built = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
                    self.manifest = archive.prepare_downloads(store, self.workdir, built)
        except StoreError as exc:
            raise PluginError(f"gazette: cannot read the store {path}: {exc}") from exc
        by_id = {doc.id: doc for doc in self.site.docs}
        targets = {doc.id for doc in self._scope(self.site.docs)}
        texts = ((d.id, d.doc.text) for d in self.site.docs)
        for doc_id, found in related_documents(texts, targets if self.only else None).items():
            by_id[doc_id].related = [(by_id[r.doc_id], r.similarity) for r in found]
        self.env = environment(self.template_dir)
        self.env.globals["doc_urls"] = {doc.id: doc.url for doc in self.site.docs}
        manifest = self.manifest or archive.read_manifest(Path(config.site_dir))
        specs = site_pages.pages(self.site, self.only) + [
            site_pages.PageSpec(f"{CHANGES_URL}index.md", CHANGES_URL, "changes.md.j2", "最近变更", {
                "days": changes.change_days(self.site),
                "withdrawn": changes.withdrawn(self.site), "limit": CHANGES_LIST_LIMIT}),
            *([site_pages.PageSpec(f"{DOWNLOADS_URL}index.md", DOWNLOADS_URL, "downloads.md.j2", "数据下载",
                                   {"manifest": manifest})] if manifest else []),
            *history_specs,
        ]
        # A partial build keeps every page above the gazette-year folders (lists, browse pages,
        # changes) current, and inside those folders writes only the ones asked for.
        specs = [spec for spec in specs if self._wanted(spec.url)]
        self._say(f"reading store {path}: {len(self.site.docs)} documents, {len(self.site.issues)} issues")
        if self.only and (home := files.get_file_from_path(HOME)) is not None:
            # A partial build skips unmodified hand-written pages; the home page lists the latest
            # issues, so it is re-made as a generated file, which MkDocs always builds.
            files.remove(home)
            files.append(File.generated(config, HOME, content=home.content_string))
        self.specs = {}
        for spec in specs:
            if files.get_file_from_path(spec.src_uri) is not None:
                raise PluginError(f"gazette: docs/{spec.src_uri} clashes with a generated page")
            self.specs[spec.src_uri] = spec
            files.append(File.generated(
                config, spec.src_uri, content=page_source(spec), inclusion=InclusionLevel.NOT_IN_NAV))
        self.stats = {"documents": len(self.site.docs), "pages": len(specs),
                      "read_seconds": time.perf_counter() - started}
        self._say(f"writing pages: {len(specs)} generated from the store")
        return files

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if page.file.src_uri != HOME or self.site is None or self.env is None:
            return markdown
        return markdown + "\n" + render_fragment(self.env, "home.md.j2", here="", site=self.site)

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        """A generated page's body, rendered now (one page in memory at a time)."""
        spec = self.specs.get(page.file.src_uri)
        if spec is None or self.env is None:
            return html
        try:
            body = render_body(self.env, spec)
        except jinja2.TemplateError as exc:
            raise PluginError(f"gazette: template error in {spec.template} for {spec.url}: {exc}") from exc
        if headings := outline(body):
            page.toc = get_toc(headings)  # the text's own outline, beside it
        return html.replace(BODY_PLACEHOLDER_HTML, body, 1)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.site is None:
            return
        site_dir = Path(config.site_dir)
        stats = write_index(site_pages.search_entries(self.site), site_dir / SEARCH_INDEX_DIR)
        self.stats["index"] = stats
        self._say(f"search index: {stats.documents} documents, {stats.files} files, {stats.bytes:,} bytes")
        self._write_feeds(site_dir, config)
        self._write_coverage(site_dir)
        scope = self._scope(self.site.docs)
        versions.write_latest_stubs(scope, site_dir)
        with Store(self.store_path) as store:
            count = archive.write_document_json(store, self.versions, site_dir, {doc.id for doc in scope})
            shown = write_captures(store, scope, site_dir)
        self._say(f"archived captures: {shown} shown as text")
        if self.manifest is not None and self.workdir is not None:
            archive.publish_downloads(self.manifest, self.workdir, site_dir)
            shutil.rmtree(self.workdir, ignore_errors=True)
            self._say(f"data: {count} document JSON files, downloads/ with {len(self.manifest.files)} files")
        else:
            self._say(f"data: {count} document JSON files (downloads/ is refreshed by a full build)")

    def _wanted(self, url: str) -> bool:
        return not self.only or url.startswith(self.only) or not YEAR_FOLDER.match(url)

    def _scope(self, docs: list[site_pages.DocView]) -> list[site_pages.DocView]:
        """The documents this build writes pages for: all, or those under --only folders."""
        return [doc for doc in docs if doc.url.startswith(self.only)] if self.only else docs

    def _write_feeds(self, site_dir: Path, config: MkDocsConfig) -> None:
        """feed.xml for the site and <gazette>/feed.xml for each gazette."""
        assert self.site is not None
        site_url = config.site_url or None
        author = config.site_name
        (site_dir / "feed.xml").write_bytes(feeds.atom(
            f"{config.site_name}：新增和更新的文件", "feed.xml", CHANGES_URL,
            feeds.entries(self.site.docs), site_url, author))
        by_gazette: dict[str, list[site_pages.DocView]] = {}
        for doc in self.site.docs:
            if doc.issue is not None:
                by_gazette.setdefault(doc.issue.gazette.slug, []).append(doc)
        for gazette in self.site.gazettes:
            docs = by_gazette.get(gazette.slug, [])
            path = site_dir / gazette.url / "feed.xml"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(feeds.atom(
                f"{gazette.name}：新增和更新的文件", f"{gazette.url}feed.xml", gazette.url,
                feeds.entries(docs), site_url, author))

    def _write_coverage(self, site_dir: Path) -> None:
        """<gazette>/coverage.json: the holdings and gaps of each gazette, as data."""
        assert self.site is not None
        for gazette in self.site.gazettes:
            path = site_dir / gazette.url / "coverage.json"
            path.parent.mkdir(parents=True, exist_ok=True)
            data = coverage_json(gazette.slug, gazette.name, site_pages.gazette_coverage(gazette))
            path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer | None:
        if self.store_path is not None:
            server.watch(str(self.store_path))
        # templates/pages (ours) and templates/overrides (the theme's custom_dir, which MkDocs
        # watches only with --watch-theme).
        if self.templates_root.is_dir():
            server.watch(str(self.templates_root))
        return server
