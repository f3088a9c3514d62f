from __future__ import annotations

import datetime as dt
import hashlib
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scraper import ids
from scraper.model import Issue

from conftest import BENXI_2021_2, make_doc, number

SLUG = re.compile(r"^(?:[a-z0-9]+(?:-[a-z0-9]+)*)?$")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("黃石", "huangshi"),  # Traditional reads the same as Simplified
        ("黄石", "huangshi"),
        ("本溪", "benxi"),
        ("ABC１２ 本溪", "abc12-benxi"),  # full-width digits folded, ASCII kept
        ("本政办发〔2021〕", "benzhengbanfa-2021"),
        ("  --  ", ""),
    ],
)
def test_slug(text: str, expected: str) -> None:
    assert ids.slug(text) == expected


@given(st.text())
def test_slug_is_always_a_clean_ascii_slug(text: str) -> None:
    assert SLUG.match(ids.slug(text))


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("本溪市人民政府公报", "benxi"),
        ("黃石市人民政府公報", "huangshi"),
        ("鞍山市政府公报", "anshan"),
        ("广东省人民政府公报", "guangdong"),
        ("曲江区公报", "qujiang"),
    ],
)
def test_gazette_slug(name: str, expected: str) -> None:
    assert ids.gazette_slug(name) == expected


@pytest.mark.parametrize(
    ("office", "expected"),
    [
        ("韶关市曲江区人民政府办公室", "shaoguan-qujiang"),
        ("本溪市人民政府办公室", "benxi"),
        ("黃石市人民政府辦公室", "huangshi"),
        ("杭州市西湖区人民政府", "hangzhou-xihu"),  # 杭州, not 杭 + 州
        ("本溪市市场监督管理局", "benxi"),  # 市场… is not a second level
        ("辽宁省本溪市人民政府", "liaoning-benxi"),
        ("国务院办公厅", None),
        ("市人民政府办公室", None),
    ],
)
def test_place_slug(office: str, expected: str | None) -> None:
    assert ids.place_slug(office) == expected


def test_issue_id() -> None:
    assert ids.issue_id(BENXI_2021_2) == "benxi-2021-02"
    huangshi = Issue("黃石市人民政府公報", 2019, 6, 90, None, None, "traditional")
    assert ids.issue_id(huangshi) == "huangshi-2019-06"


@pytest.mark.parametrize("missing", ["gazette", "year", "number"])
def test_issue_id_needs_gazette_year_and_number(missing: str) -> None:
    fields = {"gazette": "本溪市人民政府公报", "year": 2021, "number": 2}
    fields[missing] = None
    assert ids.issue_id(Issue(**fields, total_number=None, published=None, publisher=None, script="simplified")) is None


def test_document_id_from_doc_number() -> None:
    doc = make_doc(2, "关于印发立法计划的通知", number("本政办发", 2021, 5))
    assert ids.document_id(doc, "benxi-2021-02") == "benxi-benzhengbanfa-2021-5"


def test_document_id_of_an_order_has_no_year() -> None:
    doc = make_doc(1, "本溪市住宅专项维修资金管理办法", number("政府令", None, 192), office="本溪市人民政府")
    assert ids.document_id(doc) == "benxi-zhengfuling-192"


def test_document_id_traditional_and_two_level_place() -> None:
    huangshi = make_doc(3, "通知", number("黃政辦發", 2019, 16), office="黃石市人民政府辦公室", script="traditional")
    qujiang = make_doc(1, "通知", number("韶曲府办函", 2020, 67), office="韶关市曲江区人民政府办公室")
    assert ids.document_id(huangshi) == "huangshi-huangzhengbanfa-2019-16"
    assert ids.document_id(qujiang) == "shaoguan-qujiang-shaoqufubanhan-2020-67"


def test_document_id_place_falls_back_to_the_gazette() -> None:
    doc = make_doc(2, "通知", number("本政办发", 2021, 5), office=None)
    assert ids.document_id(doc, "benxi-2021-02", place="benxi") == "benxi-benzhengbanfa-2021-5"


def test_document_id_without_doc_number_hashes_the_title() -> None:
    title = "在全國深化“放管服”改革優化營商環境電視電話會議黃石分會場的講話"
    doc = make_doc(1, title, None, office="黃石市人民政府")
    expected = "huangshi-2019-06-t" + hashlib.sha1(title.encode("utf-8")).hexdigest()[:8]
    assert ids.document_id(doc, "huangshi-2019-06") == expected
    assert ids.document_id(doc, None).startswith("huangshi-t")
    assert ids.document_id(make_doc(1, title, None, office=None)).startswith("doc-t")


def test_document_id_is_stable_and_ascii() -> None:
    doc = make_doc(2, "关于印发立法计划的通知", number("本政办发", 2021, 5))
    first = ids.document_id(doc, "benxi-2021-02")
    assert first == ids.document_id(doc, "benxi-2021-02")
    assert first.isascii() and SLUG.match(first)


def test_document_url_in_an_issue_is_under_its_gazette_year() -> None:
    assert ids.document_url("x", BENXI_2021_2, 2021) == "/benxi/2021/02/x/"


def test_document_url_of_a_lone_document() -> None:
    assert ids.document_url("x", None, 2019) == "/documents/2019/x/"
    assert ids.document_url("x", None, None) == "/documents/undated/x/"
    no_number = Issue("本溪市人民政府公报", 2021, None, None, None, None, "simplified")
    assert ids.document_url("x", no_number, 2021) == "/documents/2021/x/"


def test_document_year() -> None:
    assert ids.document_year(make_doc(1, "t", signed=dt.date(2020, 5, 1))) == 2020
    assert ids.document_year(make_doc(1, "t", signed=None, published=dt.date(2019, 1, 1))) == 2019
    assert ids.document_year(make_doc(1, "t", number("本政发", 2018, 13), signed=None)) == 2018
    assert ids.document_year(make_doc(1, "t", signed=None)) is None


def test_year_folder_of_an_issue_id() -> None:
    from scraper.ids import year_folder

    assert year_folder("benxi-2021-02") == "benxi/2021"
    assert year_folder("shaoguan-qujiang-2020-07") == "shaoguan-qujiang/2020"
    assert year_folder("benxi-2021-02") == ids_issue_folder_year("benxi", 2021, 2)
    assert year_folder("anshan-t1a2b3c4d") is None


def ids_issue_folder_year(gazette: str, year: int, number: int) -> str:
    """What issue_folder gives an issue, cut to its gazette-year: the two must agree."""
    from scraper.ids import issue_folder
    from scraper.model import Issue

    folder = issue_folder(Issue(f"{gazette}", year, number, None, None, None, "simplified"))
    assert folder is not None
    return "/".join(folder.strip("/").split("/")[:2])
