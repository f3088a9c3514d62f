"""Suspect captures: garbled text, or damaged bytes that would replace stored text, are stored and
audited but held for an editor; `gazette confirm` lets one in, `gazette suspects` lists them."""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from dataclasses import replace
from pathlib import Path

from click.testing import CliRunner, Result

from conftest import HTML_FIXTURES
from scraper.cli import main
from scraper.pipeline import make_capture, process
from scraper.store import Store

GOOD = HTML_FIXTURES[0].read_bytes()  # 本溪 2021年第2号: 6 documents
# The page's UTF-8 read as GBK and saved again as UTF-8: valid bytes, garbled text (鏈邯甯…).
GARBLED = GOOD.decode().encode().decode("gb18030", "replace").encode()


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def exported(store: Path) -> list[dict]:
    result = run("export", "--store", str(store))
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def integrity(store: Path) -> None:
    db = sqlite3.connect(store)
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_a_garbled_recapture_is_held_until_an_editor_confirms_it(tmp_path: Path):
    store, page = tmp_path / "g.db", tmp_path / "benxi.html"
    page.write_bytes(GOOD)
    assert run("ingest", "--store", str(store), str(page)).exit_code == 0
    before = exported(store)
    assert len(before) == 6

    page.write_bytes(GARBLED)  # the same page captured again, garbled
    result = run("ingest", "--store", str(store), str(page))
    assert result.exit_code == 0
    assert "SUSPECT, held for an editor (capture 2: `gazette confirm 2` to let it in): garbled text: " in result.output
    assert "1 files: 1 stored (1 suspect, held: gazette suspects)" in result.output
    assert exported(store) == before  # the site and the export read the good text still
    with Store(store) as opened:
        assert opened.audit(2).notices[-1].code == "garbled"
        assert opened.raw(opened.capture(2).sha256) == GARBLED  # kept byte for byte
        (suspect,) = opened.suspects()
        assert (suspect.capture.id, suspect.documents, suspect.confirmed) == (2, 1, None)
    listed = run("suspects", "--store", str(store))
    assert re.search(rf"^2  {re.escape(page.name)}  captured .*  1 documents  held: garbled text", listed.output, re.M)
    assert listed.output.splitlines()[-1] == "1 captures held (gazette confirm CAPTURE_ID lets one in)"

    again = run("ingest", "--store", str(store), str(page))  # the same bytes again: still held
    assert "already stored, SUSPECT" in again.output and exported(store) == before

    confirmed = run("confirm", "--store", str(store), "--note", "the site really publishes this", "2")
    assert confirmed.exit_code == 0 and "1 new versions" in confirmed.output
    after = exported(store)  # an editor's word lets it in: a lone page (its issue header is garbled)
    assert after[:6] == before and len(after) == 7 and after[6]["source"]["sha256"] == hashlib.sha256(GARBLED).hexdigest()
    with Store(store) as opened:
        assert opened.suspects() == [] and opened.suspects(confirmed=True)[0].confirmed
    assert run("confirm", "--store", str(store), "2").output.startswith("FAILED capture 2: capture 2 is already confirmed")
    assert run("confirm", "--store", str(store), "1").output.startswith("FAILED capture 1: capture 1 is not held as suspect")
    assert run("confirm", "--store", str(store), "9").exit_code == 1
    integrity(store)


def test_a_garbled_page_alone_adds_no_document_and_is_listed(tmp_path: Path):
    store, page = tmp_path / "g.db", tmp_path / "alone.html"
    page.write_bytes(GARBLED)
    result = run("ingest", "--store", str(store), str(page))
    assert result.exit_code == 0 and "SUSPECT" in result.output
    assert exported(store) == []
    with Store(store) as opened:
        assert opened.counts()["documents"] == 0 and opened.counts()["issues"] == 0
        assert opened.capture(1).issue_id is None
    assert "1 captures held" in run("suspects", "--store", str(store)).output
    integrity(store)


def test_a_cut_recapture_is_held_but_a_cut_first_capture_goes_in(tmp_path: Path):
    cut = GOOD[: int(len(GOOD) * 0.6)]
    store, page = tmp_path / "g.db", tmp_path / "benxi.html"
    page.write_bytes(GOOD)
    run("ingest", "--store", str(store), str(page))
    before = exported(store)
    page.write_bytes(cut)
    result = run("ingest", "--store", str(store), str(page))
    assert "SUSPECT" in result.output and "damaged (the file ends inside a multi-byte character: cut short)" in result.output
    assert exported(store) == before

    fresh = tmp_path / "fresh.db"
    result = run("ingest", "--store", str(fresh), str(page))
    assert "SUSPECT" not in result.output
    assert "warning: the file ends inside a multi-byte character: cut short" in result.output
    assert len(exported(fresh)) == 6  # nothing better is stored: the damaged page is the page
    integrity(store)
    integrity(fresh)


def test_a_site_that_never_closes_its_body_is_not_held_for_it(tmp_path: Path):
    unclosed = GOOD.replace(b"</body>", b"").replace(b"</html>", b"")
    edited = unclosed.replace("各自职责".encode(), "各自的职责".encode(), 1)
    store, page = tmp_path / "g.db", tmp_path / "benxi.html"
    page.write_bytes(unclosed)
    first = run("ingest", "--store", str(store), str(page))
    assert "warning: the page opens <body> but never closes it: cut short?" in first.output
    page.write_bytes(edited)
    second = run("ingest", "--store", str(store), str(page))
    assert "SUSPECT" not in second.output and "1 new versions" in second.output


def test_a_download_cut_after_a_tag_is_held_when_the_page_used_to_close_its_body(tmp_path: Path):
    cut = GOOD[: GOOD.index(b"</p>", len(GOOD) // 2) + 4]
    store, page = tmp_path / "g.db", tmp_path / "benxi.html"
    page.write_bytes(GOOD)
    run("ingest", "--store", str(store), str(page))
    page.write_bytes(cut)
    result = run("ingest", "--store", str(store), str(page))
    assert "SUSPECT" in result.output and "the page opens <body> but never closes it" in result.output


def test_damaged_bytes_let_in_once_are_not_held_when_processed_again(tmp_path: Path):
    cut = process(make_capture("benxi.html", GOOD[: int(len(GOOD) * 0.6)], "text/html"))
    with Store(tmp_path / "g.db") as store:
        assert store.add(cut, "1").suspect is None  # a first capture: nothing better is stored
        # A newer pipeline reads one document fewer from the same bytes (as a rebuild would).
        again = store.add(replace(cut, documents=cut.documents[:-1]), "2")
        assert again.suspect is None and len(again.withdrawn) == 1
