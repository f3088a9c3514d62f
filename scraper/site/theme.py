"""Generated pages → HTML files, one at a time, through MkDocs' page model and the site's theme.

MkDocs' own build reads every page before it writes any, so it holds the whole site in memory.
The hand-written pages (docs/) still go through it; the generated ones come here: each becomes a
MkDocs Page of a generated File, goes through the same plugin events in the same order
(pre_page, page_markdown, page_content, page_context, post_page), is rendered by the theme's
main.html with the same context, written, and dropped. The body is the rendered, cleaned template
(render.py): Markdown is not run on it (it would only wrap the placeholder in a paragraph).

The primary navigation and the footer are fixed lists (the nav holds no generated page), and the
theme's stylesheet, script and configuration blocks depend only on the configuration, so their
HTML depends only on where the page sits relative to the nav's pages: it is rendered once per
such position and reused (and checked against a real rendering the first time it is reused).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import mkdocs.utils
from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel, get_files
from mkdocs.structure.nav import Navigation, get_navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_relative_url

from .pages import PageSpec
from .render import environment, outline, page_source
from .shell import Shells

log = logging.getLogger("mkdocs.plugins.gazette")
# Parts of Material's page that depend only on where the page sits (links are relative) and on
# the configuration, for a page outside the nav; each is checked once per position (_memoized).
MEMOIZED = ("partials/nav.html", "partials/footer.html")
MEMOIZED_BLOCKS = ("styles", "libs", "fonts", "analytics", "config", "scripts")
SHELLS = True  # generated pages filled into a shell of their kind (shell.py); False: each rendered


@dataclass
class Theme:
    """What rendering a page needs: the configuration, the files and nav of the hand-written site,
    and a theme environment of its own."""

    config: MkDocsConfig
    files: Files
    nav: Navigation
    env: jinja2.Environment | None = None  # MkDocs' own, after on_env; else a new one

    def __post_init__(self) -> None:
        cache = bytecode_cache(Path(self.config.site_dir))
        if self.env is None:
            env = self.config.theme.get_env()
            env.bytecode_cache = cache
            self.env = self.config.plugins.on_env(env, config=self.config, files=self.files)
        # Templates do not change during a build: no stat() of each template on every
        # get_template (every {% import %} of every page).
        self.env.auto_reload = False
        self.doc_files = self.files.documentation_pages()
        self.nav_urls = sorted({page.url for page in self.nav.pages} | {""})
        self._memoize()
        self.shells = Shells(self.config, self.nav_urls)
        root = Path(self.config.config_file_path or ".").resolve().parent
        self.bodies = environment(root / "templates" / "pages", cache)  # the generated pages' templates
        self.bodies.auto_reload = False

    def page(self, spec: PageSpec, body: str) -> bytes:
        """The page's HTML: `body` is its rendered, cleaned content (render.render_body)."""
        config, plugins = self.config, self.config.plugins
        listed = self.files.get_file_from_path(spec.src_uri)
        if listed is not None and listed.page is not None:
            # A page of the nav (gazettes/, changes/…): MkDocs made its Page, placed in the nav;
            # it is rendered again here with its real content, so the nav marks it as current.
            file, page = listed, listed.page
            file.content_string = page_source(spec)
        else:
            file = File.generated(config, spec.src_uri, content=page_source(spec),
                                  inclusion=InclusionLevel.NOT_IN_NAV)
            page = Page(None, file, config)
            page.gazette_generated = True  # type: ignore[attr-defined]
        page = plugins.on_pre_page(page, config=config, files=self.files)
        page.read_source(config)
        page.markdown = plugins.on_page_markdown(page.markdown, page=page, config=config, files=self.files)
        page.content = body
        headings = outline(body)
        page.toc = get_toc(headings)  # the text's own outline, beside it
        page.content = plugins.on_page_content(page.content, page=page, config=config, files=self.files)
        page.active = True
        try:
            context = get_context(self.nav, self.doc_files, config, page)
            template = self.env.get_template(page.meta.get("template", "main.html"))
            context = plugins.on_page_context(context, page=page, config=config, nav=self.nav)
            position = self._position(context)
            if position is None or not SHELLS:
                output = template.render(context)
            else:
                output = self.shells.render(template, context, page, headings, position)
            output = plugins.on_post_page(output, page=page, config=config)
        finally:
            page.active = False
            if listed is None or listed.page is None:
                file.page = None
        return output.encode("utf-8", errors="xmlcharrefreplace")

    def _memoize(self) -> None:
        for name in MEMOIZED:
            try:
                template = self.env.get_template(name)
            except jinja2.TemplateNotFound:
                continue
            template.root_render_func = _memoized(template.root_render_func, self._position, name)  # type: ignore[method-assign]
        try:
            base = self.env.get_template("base.html")
        except jinja2.TemplateNotFound:
            return
        for block in MEMOIZED_BLOCKS:
            if block in base.blocks:
                base.blocks[block] = _memoized(base.blocks[block], self._position, f"base.html#{block}")

    def _position(self, context: Any) -> tuple[str, ...] | None:
        """Where a generated page sits relative to the nav's pages (None: do not reuse)."""
        page = context.get("page")
        if page is None or not getattr(page, "gazette_generated", False):
            return None
        position = getattr(page, "gazette_position", None)
        if position is None:
            position = page.gazette_position = tuple(get_relative_url(url, page.url) for url in self.nav_urls)
        return position


def _memoized(render: Callable[[Any], Iterator[str]], key_of: Callable[[Any], Any], name: str
              ) -> Callable[[Any], Iterator[str]]:
    """`render` (a template's or block's render function) reusing its output per key. The first
    reuse of each key is checked against a real rendering: a theme whose part does depend on the
    page after all is caught, and that part is then always rendered."""
    cache: dict[Any, str] = {}
    checked: set[Any] = set()
    broken = False

    def memoized(context: Any) -> Iterator[str]:
        nonlocal broken
        key = None if broken else key_of(context)
        if key is None:
            yield from render(context)
            return
        html = cache.get(key)
        if html is None:
            html = cache[key] = "".join(render(context))
        elif key not in checked:
            real = "".join(render(context))
            if real != html:
                broken = True
                log.warning("gazette: %s depends on the page; rendered for every page", name)
                html = real
            checked.add(key)
        yield html

    return memoized


def forget_paths() -> None:
    """Empty MkDocs' memo of split URL paths (mkdocs.utils._norm_parts, an unbounded lru_cache
    that get_relative_url fills with every page's URL): in a long build it grew with the archive,
    ~70 MiB over a 100k-document build. Called after each task; the memo still serves within one."""
    memo = getattr(mkdocs.utils, "_norm_parts", None)
    if memo is not None and hasattr(memo, "cache_clear"):
        memo.cache_clear()


def bytecode_cache(site_dir: Path) -> jinja2.BytecodeCache:
    """Compiled templates kept beside the build ledger: compiling Material's templates costs
    about a second a build, more than an incremental build's pages (keyed by the template's
    source, so an edited template is compiled again)."""
    folder = site_dir / ".gazette" / "templates"
    folder.mkdir(parents=True, exist_ok=True)
    return jinja2.FileSystemBytecodeCache(str(folder))


# ---- in a worker process: the same objects, made from the configuration file -----------------

_LOADED: dict[tuple[str, str], Theme] = {}
_LOADING = threading.Lock()  # a Dask worker may run tasks in several threads


def register(config_file: Path, site_dir: Path, theme: Theme) -> None:
    """The build's own process renders with the theme MkDocs already set up."""
    _LOADED[(str(config_file), str(site_dir.resolve()))] = theme


def load(config_file: Path, site_dir: Path) -> Theme:
    """The theme of this configuration, set up once per process the way MkDocs' build does it
    (configuration, plugins' on_config and on_files, navigation, on_nav), without building."""
    key = (str(config_file), str(site_dir.resolve()))
    with _LOADING:
        return _LOADED[key] if key in _LOADED else _load(key, config_file, site_dir)


def _load(key: tuple[str, str], config_file: Path, site_dir: Path) -> Theme:
    from mkdocs.config import load_config

    from . import plugin

    plugin.WORKER = True  # the gazette plugin's own hooks stand aside in workers
    config = load_config(config_file=str(config_file), site_dir=str(site_dir))
    config = config.plugins.on_config(config)
    files = get_files(config)
    files.add_files_from_theme(config.theme.get_env(), config)
    files = config.plugins.on_files(files, config=config)
    nav = get_navigation(files, config)
    nav = config.plugins.on_nav(nav, config=config, files=files)
    _LOADED[key] = Theme(config, files, nav)
    return _LOADED[key]
