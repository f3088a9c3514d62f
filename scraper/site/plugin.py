"""The `gazette` MkDocs plugin: the store's documents become pages of the site.

MkDocs builds the hand-written pages (docs/); the plugin builds the rest through the build engine
(engine.py) around MkDocs' own steps: on_config fixes a small navigation (documents and issues
never go into it: MkDocs renders the nav into every page, so a full nav would make the build
quadratic), on_files works out what changed and maps it (rows, tokens, sketches, related
candidates), on_page_markdown appends the latest issues to the hand-written home page,
on_post_build writes the partitions, the search index, the lists and feeds, on_serve watches the
store. `gazette build` sets the build's options (full or incremental, workers); plain
`mkdocs build` makes a full build.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from ..errors import GazetteError, StoreError
from .engine import Engine
from .plan import Options
from .pages import PageSpec
from .render import environment, page_source, render_fragment
from .theme import Theme, bytecode_cache

log = logging.getLogger("mkdocs.plugins.gazette")
WORKER = False  # True in build worker processes: the hooks there only set up the theme

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
# The generated pages the nav names, with their titles (lists.py and engine.py write them).
NAV_PAGES = {
    "gazettes/index.md": "公报", "offices/index.md": "按发文机关浏览", "genres/index.md": "按文种浏览",
    "years/index.md": "按年份浏览", "changes/index.md": "最近变更", "downloads/index.md": "数据下载",
}


class GazetteConfig(Config):
    store = c.Type(str, default="gazette.db")
    """The SQLite store; a relative path is read from the folder of mkdocs.yml."""


class GazettePlugin(BasePlugin[GazetteConfig]):
    """Builds the gazette pages from the store (see the module docstring for the hooks)."""

    def __init__(self) -> None:
        self.store_path: Path | None = None
        self.options = Options()
        self.engine: Engine | None = None
        self.files: Files | None = None
        self.nav: Navigation | None = None
        self.env: jinja2.Environment | None = None
        self.stats: dict[str, Any] = {}
        # The gazette command sets this to print progress lines; MkDocs alone only logs them.
        self.progress: Callable[[str], None] | None = None

    def _say(self, message: str) -> None:
        log.info("gazette: %s", message)
        if self.progress is not None:
            self.progress(message)

    def on_startup(self, *, command: str, dirty: bool) -> None:
        if command == "serve":  # a preview: no worker processes beside the live-reload server's threads
            self.options = Options(jobs=1)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        root = Path(config.config_file_path or ".").resolve().parent
        store = Path(self.config.store).expanduser()
        self.store_path = store if store.is_absolute() else root / store
        self.templates_root = root / "templates"
        if not config.nav:
            config.nav = NAV
        # Generated pages are not in the nav; this also quiets hand-written pages left out.
        config.validation.nav.omitted_files = logging.DEBUG
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if WORKER:
            return self._nav_pages(files, config)
        path = self.store_path
        assert path is not None
        if not path.is_file():
            raise PluginError(f"gazette: no store at {path} (run `gazette ingest --store {path} …` first)")
        self.engine = engine = Engine(config, path, self.options, self._say)
        try:
            engine.prepare()
        except StoreError as exc:
            raise PluginError(f"gazette: cannot read the store {path}: {exc}") from exc
        except GazetteError as exc:
            raise PluginError(f"gazette: {exc}") from exc
        tops = engine.generated_urls()
        for file in files.documentation_pages():
            if file.src_uri != HOME and any(file.url.startswith(top) for top in tops):
                raise PluginError(f"gazette: docs/{file.src_uri} clashes with a generated page")
        self._nav_pages(files, config)
        # The home page lists the latest issues: re-made on every build (a generated file is
        # always built, also when MkDocs skips unchanged hand-written pages).
        if (home := files.get_file_from_path(HOME)) is not None:
            files.remove(home)
            files.append(File.generated(config, HOME, content=home.content_string))
        self.files = files
        return files

    def _nav_pages(self, files: Files, config: MkDocsConfig) -> Files:
        """The generated pages the nav names get a File now, so MkDocs places them in the nav
        (the engine writes their content)."""
        for src_uri, title in NAV_PAGES.items():
            if files.get_file_from_path(src_uri) is None:
                files.append(File.generated(config, src_uri, content=page_source(PageSpec(src_uri, "", "", title, {}))))
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        self.nav = nav
        return nav

    def on_env(self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment | None:
        self.env = env  # the generated pages are rendered with it too (its templates are compiled)
        env.bytecode_cache = bytecode_cache(Path(config.site_dir))
        return env

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if WORKER or page.file.src_uri != HOME or self.engine is None:
            return markdown
        env = environment(self.templates_root / "pages", bytecode_cache(Path(config.site_dir)))
        return markdown + "\n" + render_fragment(env, "home.md.j2", here="", site=self.engine.home_site())

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        engine, self.engine = self.engine, None
        if WORKER or engine is None:
            return
        assert self.files is not None and self.nav is not None
        try:
            engine.render(Theme(config, self.files, self.nav, self.env))
        except GazetteError as exc:
            raise PluginError(f"gazette: {exc}") from exc
        self.stats = engine.stats

    def on_build_error(self, *, error: Exception) -> None:
        engine, self.engine = self.engine, None
        if engine is not None:
            engine.abandon()

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer | None:
        if self.store_path is not None:
            server.watch(str(self.store_path))
        # templates/pages (ours) and templates/overrides (the theme's custom_dir, which MkDocs
        # watches only with --watch-theme).
        if self.templates_root.is_dir():
            server.watch(str(self.templates_root))
        return server
