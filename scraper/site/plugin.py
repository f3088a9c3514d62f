"""The `gazette` MkDocs plugin: the store's documents become generated pages of the site.

on_config fixes a small navigation (documents and issues never go into it: MkDocs renders the nav
into every page, so a full nav would make the build quadratic), on_files reads the store once and
adds one generated file per page, on_page_markdown appends the latest issues to the hand-written
home page, on_post_build writes the search index, on_serve watches the store.
"""

from __future__ import annotations

import logging
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

from ..errors import StoreError
from ..search.index import write_index
from ..store import Store
from . import pages as site_pages
from .render import environment, render_fragment, render_page

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
    {"帮助": [
        {"检索说明": "search-help.md"},
        {"引用本站": "cite.md"},
    ]},
    {"关于": "about.md"},
]
HOME = "index.md"
SEARCH_INDEX_DIR = "search-index"


class GazetteConfig(Config):
    store = c.Type(str, default="gazette.db")
    """The SQLite store; a relative path is read from the folder of mkdocs.yml."""


class GazettePlugin(BasePlugin[GazetteConfig]):
    """Builds the gazette pages from the store (see the module docstring for the hooks)."""

    def __init__(self) -> None:
        self.store_path: Path | None = None
        self.site: site_pages.Site | None = None
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
        except StoreError as exc:
            raise PluginError(f"gazette: cannot read the store {path}: {exc}") from exc
        self.env = environment(self.template_dir)
        specs = site_pages.pages(self.site)
        self._say(f"reading store {path}: {len(self.site.docs)} documents, {len(self.site.issues)} issues")
        try:
            for spec in specs:
                if files.get_file_from_path(spec.src_uri) is not None:
                    raise PluginError(f"gazette: docs/{spec.src_uri} clashes with a generated page")
                files.append(File.generated(
                    config, spec.src_uri, content=render_page(self.env, spec),
                    inclusion=InclusionLevel.NOT_IN_NAV,
                ))
        except jinja2.TemplateError as exc:
            raise PluginError(f"gazette: template error: {exc}") from exc
        self.stats = {"documents": len(self.site.docs), "pages": len(specs),
                      "read_seconds": time.perf_counter() - started}
        self._say(f"writing pages: {len(specs)} generated from the store")
        return files

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if page.file.src_uri != HOME or self.site is None or self.env is None:
            return markdown
        return markdown + "\n" + render_fragment(self.env, "home.md.j2", here="", site=self.site)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.site is None:
            return
        stats = write_index(site_pages.search_entries(self.site), Path(config.site_dir) / SEARCH_INDEX_DIR)
        self.stats["index"] = stats
        self._say(f"search index: {stats.documents} documents, {stats.files} files, {stats.bytes:,} bytes")

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer | None:
        if self.store_path is not None:
            server.watch(str(self.store_path))
        # templates/pages (ours) and templates/overrides (the theme's custom_dir, which MkDocs
        # watches only with --watch-theme).
        if self.templates_root.is_dir():
            server.watch(str(self.templates_root))
        return server
