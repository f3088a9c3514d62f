"""Reusing the theme's page parts per position: right when a part depends only on the position,
and caught (then always rendered) when it turns out to depend on the page."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from scraper.site.theme import _memoized


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
