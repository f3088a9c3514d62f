"""Reusing the theme's page parts per position: right when a part depends only on the position,
and caught (then always rendered) when it turns out to depend on the page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from scraper.site.theme import _memoized

ROOT = Path(__file__).resolve().parents[1]


def test_a_part_that_depends_on_the_page_is_caught() -> None:
    calls: list[str] = []

    def render(context: dict[str, Any]) -> Iterator[str]:
        calls.append(context["title"])
        yield f"<nav>{context['position']}</nav>" + (context["title"] if context["leaky"] else "")

    def position(context: dict[str, Any]) -> str:
        return context["position"]

    fixed = _memoized(render, position, "fixed")
    pages = [{"position": "../", "title": f"t{n}", "leaky": False} for n in range(5)]
    assert ["".join(fixed(page)) for page in pages] == ["<nav>../</nav>"] * 5
    assert len(calls) == 2  # rendered once, checked on its first reuse, then reused

    calls.clear()
    leaky = _memoized(render, position, "leaky")
    pages = [{"position": "../", "title": f"t{n}", "leaky": True} for n in range(5)]
    assert ["".join(leaky(page)) for page in pages] == [f"<nav>../</nav>t{n}" for n in range(5)]
    assert len(calls) == 5  # the first reuse showed the difference: every page rendered since


# ---- shells: Material's page rendered once per kind of page, then filled in (shell.py) --------

def _generated_page(config: Any, src_uri: str, title: str, content: str) -> Any:
    from mkdocs.structure.files import File, InclusionLevel
    from mkdocs.structure.pages import Page

    page = Page(None, File.generated(config, src_uri, content="", inclusion=InclusionLevel.NOT_IN_NAV), config)
    page.markdown, page.meta, page.content = "", {"title": title}, content
    return page


def _fill_all(source: str, titles: list[str]) -> tuple[list[str], list[str], Any]:
    """Each title's page rendered through Shells and in full, with a template made of `source`."""
    import jinja2
    from mkdocs.config import load_config

    from scraper.site.shell import Shells

    config = load_config(config_file=str(ROOT / "mkdocs.yml"))
    config.plugins._current_plugin = None  # set by MkDocs while its plugins run; File.generated reads it
    template = jinja2.Environment().from_string(source)
    shells = Shells(config, ["", "gazettes/"])
    filled, full = [], []
    outline = [{"level": 2, "id": "s1", "name": "一、总则", "children": []}]
    for k, title in enumerate(titles):
        page = _generated_page(config, f"benxi/2021/0{k + 1}/doc-{k}.md", title, f"<p>正文{k}</p>")
        filled.append(shells.render(template, {"page": page}, page, outline, ("../../../../",)))
        full.append(template.render({"page": page}))
    return filled, full, shells


def test_pages_of_one_kind_are_filled_into_one_shell() -> None:
    source = ('<title>{{ page.title | striptags }}</title><a href="mailto:x?subject={{ page.title | urlencode }}">'
              '<h1>{{ page.title | e }}</h1>{{ page.content }}<link href="https://x.org/{{ page.url }}">')
    titles = ["本溪市人民政府关于印发实施方案的通知", "关于推进“互联网+政务服务”的意见", "第二号 令", "A & B"]
    filled, full, shells = _fill_all(source, titles)
    assert filled == full
    assert "%E2%80%9C%E4%BA%92" in filled[1] and "subject=" in filled[1]  # the title url-encoded
    assert 'href="https://x.org/benxi/2021/02/doc-1/"' in filled[1]
    assert shells.rendered == 2 and shells.filled == 2  # the first rendered and checked; "A & B" in full


def test_a_theme_showing_more_of_the_page_is_rendered_in_full() -> None:
    filled, full, shells = _fill_all("{{ page.title }} ({{ page.title | length }} 字){{ page.content }}",
                                     ["关于印发实施方案的通知", "关于开展检查的通知", "令"])
    assert filled == full
    assert shells.filled == 0 and shells.rendered == 3


def test_shells_build_the_same_site_as_rendering_every_page(built_site: tuple[Path, Path], tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from test_incremental import assert_same_site, build

    from scraper.site import theme

    site, store = built_site
    build(store, tmp_path / "filled", "--full", "--jobs", "1")
    shells = list(theme._LOADED.values())[-1].shells  # this build's (registered last)
    assert shells.filled >= 20  # 27 of the 55 pages rendered here (many kinds on a small site)
    monkeypatch.setattr(theme, "SHELLS", False)
    build(store, tmp_path / "rendered", "--full", "--jobs", "1")
    assert_same_site(tmp_path / "filled", tmp_path / "rendered")
    assert_same_site(tmp_path / "filled", site)
