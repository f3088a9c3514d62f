"""One gazette, one office whatever the script a page was printed in."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from scraper import ids
from scraper.model import Issue
from scraper.script import fold_name
from scraper.site.pages import build_site, search_entries
from scraper.store import Store

from conftest import make_doc, make_parsed, number

SIMPLIFIED = Issue("青岚市人民政府公报", 2020, 3, 40, dt.date(2020, 3, 30), "青岚市人民政府办公室", "simplified")
TRADITIONAL = Issue("青嵐市人民政府公報", 2020, 4, 41, dt.date(2020, 4, 15), "青嵐市人民政府辦公室", "traditional")


def test_names_fold_across_scripts_and_widths() -> None:
    assert fold_name("青嵐市人民政府公報") == fold_name("青岚市人民政府公报") == "青岚市人民政府公报"
    assert fold_name("北溪區人民政府辦公室") == "北溪区人民政府办公室"
    assert fold_name("北溪区 人民政府") == "北溪区人民政府"


def test_traditional_issues_are_the_same_gazette_and_office(tmp_path: Path) -> None:
    """Issue 12: 青岚市人民政府公报 and 青嵐市人民政府公報, 北溪区 and 北溪區 were separate gazettes and
    offices in lists and search filters; filtering by the gazette dropped its Traditional issues."""
    simplified = make_doc(1, "北溪区人民政府办公室关于甲的通知", number("北溪政办发", 2020, 3), office="北溪区人民政府办公室")
    traditional = make_doc(1, "北溪區人民政府辦公室關於乙的通知", number("北溪政辦發", 2020, 9),
                           office="北溪區人民政府辦公室", script="traditional")
    with Store(tmp_path / "gazette.db") as store:
        store.add(make_parsed([simplified], SIMPLIFIED, "qinglan/2020-03.html"), "1")
        store.add(make_parsed([traditional], TRADITIONAL, "qinglan/2020-04.html"), "1")
        site = build_site(store.latest_records())
    assert [g.name for g in site.gazettes] == ["青岚市人民政府公报"]
    assert sorted(issue.id for issue in site.gazettes[0].years[2020].issues) == ["qinglan-2020-03", "qinglan-2020-04"]
    offices = {group.name: len(group.docs) for group in site.offices}
    assert offices == {"北溪区人民政府办公室": 2}
    assert len({doc.office_url for doc in site.docs}) == 1  # one page, one slug: no hash-suffixed twin
    entries = search_entries(site)
    assert {e.gazette for e in entries} == {"青岚市人民政府公报"}  # the gazette filter keeps both issues
    assert {e.office for e in entries} == {"北溪区人民政府办公室"}
    assert ids.gazette_slug(TRADITIONAL.gazette) == ids.gazette_slug(SIMPLIFIED.gazette) == "qinglan"
    # The documents themselves keep the characters they were printed in.
    assert {doc.doc.office for doc in site.docs} == {"北溪区人民政府办公室", "北溪區人民政府辦公室"}
