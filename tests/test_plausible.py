"""plausible: common Han characters, unexplained bytes, garbled text, measured on ../shared's pages."""

from __future__ import annotations

import pytest

from conftest import SEEDS, SHARED
from scraper.plausible import common_han, garble, unexplained

PAGES = SEEDS + sorted((SHARED / "real").glob("*.txt"))


def test_the_common_set_is_gb2312_level_1_and_big5_common():
    common = common_han()
    assert len(common) == 6722
    assert {"本", "溪", "政", "府", "黃", "醫", "療"} <= common  # Simplified and Traditional
    # 兰州市人民政府办 in UTF-8 read as GBK: 鍏板窞甯備汉姘戞斂搴滃姙, half of it rare.
    mojibake = "兰州市人民政府办".encode().decode("gb18030")
    assert [c for c in mojibake if c not in common] == list("鍏窞甯戞滃姙")


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_real_text_is_plain_and_its_mojibake_garbled(path):
    text = path.read_text("utf-8")
    assert not garble(text).garbled and garble(text).share < 0.01
    as_gbk = text.encode().decode("gb18030", "replace")
    as_big5 = text.encode().decode("big5", "replace")
    assert garble(as_gbk).share > 0.5 and garble(as_big5).share > 0.5
    # Under the right codec, almost every byte is plausible text; under the wrong one, most are not.
    assert unexplained(text, "utf-8") < 0.01 * len(text.encode())
    assert unexplained(as_gbk, "gb18030") > 0.3 * len(text.encode())


def test_short_texts_are_never_called_garbled():
    assert not garble("鍏板窞甯").garbled  # 4 characters say too little
    assert garble("鍏板窞甯備汉姘戞斂搴滃姙").garbled
