"""truncation: a page cut short is still a page, and says so."""

from __future__ import annotations

import pytest

from conftest import HTML_FIXTURES
from scraper.truncation import truncation

PAGE = '<html><head><title>公报</title></head><body><p>本溪市人民政府公报</p></body></html>'


@pytest.mark.parametrize(("text", "why"), [
    (PAGE[:-20], "the page opens <body> but never closes it: cut short?"),
    (PAGE[:-3], "the page ends inside a tag ('</ht'): cut short"),
    ('<html><body><p>本溪</p><!-- 统计代码 <script>', "the page ends inside a comment: cut short"),
    ('<html><body><p>本溪</p><a href="/x', "the page ends inside a tag ('<a href=\"/x'): cut short"),
])
def test_cut_pages_are_named(text, why):
    notice = truncation(text, "html")
    assert notice is not None and (notice.code, notice.message) == ("truncated", why)


def test_whole_pages_and_text_dumps_are_not():
    assert truncation(PAGE, "html") is None
    assert truncation(PAGE + "\n<script>var a = 1 < 2;</script>\n", "html") is None
    assert truncation("本溪市人民政府公报\n2021年第2号", "text") is None
    for path in HTML_FIXTURES:
        assert truncation(path.read_text("utf-8"), "html") is None, path.name


def test_a_cut_inside_a_character_wins_and_applies_to_text_dumps_too():
    notice = truncation("本溪市人民政府公报\n第2", "text", cut_in_character=True)
    assert notice is not None and notice.message == "the file ends inside a multi-byte character: cut short"
    assert notice.line == 2
