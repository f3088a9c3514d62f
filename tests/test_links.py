"""Cross-document facts in the store: citations resolved to documents of the archive, repeals and
amendments changing another document's validity, and the journal of documents they affect."""

from __future__ import annotations

import datetime as dt
from html import escape
from pathlib import Path

import pytest
from click.testing import CliRunner

from scraper.docnumber import number_key
from scraper.cli import main
from scraper.pipeline import PIPELINE_VERSION, make_capture, process
from scraper.standing import standing, unique_cited_by
from scraper.store import Store
from scraper.validity import assess

from conftest import BENXI_2021_2, HTML_FIXTURES, SEEDS, make_doc, make_parsed, number

D = dt.date
ORDER_192 = "benxi-zhengfuling-192"  # 本溪市住宅专项维修资金管理办法 (seed 000), 自2021年4月1日起施行


def page(title: str, number_line: str, *paragraphs: str, signed: str = "2023年2月1日",
         office: str = "本溪市人民政府", canonical: str | None = None) -> bytes:
    """A lone document page as a CMS prints it (banner, 文号, title, body, signature)."""
    head = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    lines = [f"{office}文件", number_line, title, "各县、区人民政府，市政府各部门：", *paragraphs, office, signed]
    body = "\n".join(f"<p>{escape(line)}</p>" for line in lines)
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{escape(title)}</title>{head}</head>'
            f'<body><div class="article">{body}</div></body></html>').encode("utf-8")


REPEAL = page(
    "本溪市人民政府关于废止《本溪市住宅专项维修资金管理办法》的决定", "本政发〔2023〕1号",
    "经市政府研究，决定废止《本溪市住宅专项维修资金管理办法》（本溪市人民政府令第192号）。",
    "本决定自2023年3月1日起施行。")
CITING = page(
    "本溪市人民政府办公室关于做好有关工作的通知", "本政办发〔2023〕9号",
    "按照《本溪市人民政府办公室关于印发〈本溪市改革完善医疗卫生行业综合监管制度实施方案〉的通知》"
    "（本政办发〔２０２１〕１４号）要求，认真抓好落实。",
    "参照黄政办发〔2019〕16号和《鞍山市改革完善医疗卫生行业综合监管制度实施方案》，做好衔接。",
    "执行《本溪市人民政府关于印发本溪市促进中医药发展实施方案(2018—2020年)的通知》的有关规定。",
    "落实国办发〔2018〕63号文件精神。", "本通知自印发之日起施行。",
    office="本溪市人民政府办公室", signed="2023年5月6日")
EXPECTED_LINKS = {  # cited document → what the citing page printed
    "benxi-benzhengbanfa-2021-14": "本政办发〔２０２１〕１４号",  # full-width digits
    "huangshi-huangzhengbanfa-2019-16": "黄政办发〔2019〕16号",  # a Traditional page cited in Simplified
    "anshan-anzhengbanfa-2019-33": "《鞍山市改革完善医疗卫生行业综合监管制度实施方案》",  # what the notice publishes
    "benxi-benzhengfa-2018-15": "《本溪市人民政府关于印发本溪市促进中医药发展实施方案(2018—2020年)的通知》",
}


def add_page(store: Store, name: str, data: bytes, captured: str = "2030-01-01T00:00:00+00:00") -> list[str]:
    report = store.add(process(make_capture(name, data, "text/html", captured)), PIPELINE_VERSION)
    return list(report.document_ids)


def add_seeds(store: Store) -> None:
    for path in [*SEEDS, *HTML_FIXTURES]:
        store.add(process(make_capture(path.name, path.read_bytes(),
                                       "text/html" if path.suffix == ".html" else "text/plain")), PIPELINE_VERSION)


def test_numbers_and_titles_cited_link_to_the_documents_the_archive_holds(tmp_path: Path) -> None:
    with Store(tmp_path / "gazette.db") as store:
        add_seeds(store)
        [citing] = add_page(store, "citing.html", CITING)
        links = store.cites(citing)
        linked: dict[str, set[str]] = {}
        for c in links:
            if c.target:
                linked.setdefault(c.target, set()).add(c.text)
        assert set(linked) == set(EXPECTED_LINKS)
        assert all(EXPECTED_LINKS[target] in texts for target, texts in linked.items())
        outside = [c for c in links if c.key == "国办发〔2018〕63号"]
        assert outside and outside[0].target is None and outside[0].matches == 0
        for target in EXPECTED_LINKS:
            [back] = [c for c in unique_cited_by(store.cited_by(target)) if c.source == citing]
            assert back.kind == "cites" and back.source_title == "本溪市人民政府办公室关于做好有关工作的通知"
            assert EXPECTED_LINKS[target] in back.sentence


def test_every_number_cited_that_the_archive_holds_once_is_linked_and_none_wrongly(tmp_path: Path) -> None:
    """The seeds, the fixtures and the citing page, in two orders: every number citation resolves to
    the one document holding that 文号 (independently computed here), never to another."""
    for order in (1, -1):
        with Store(tmp_path / f"gazette{order}.db") as store:
            pages = [("citing.html", CITING), ("repeal.html", REPEAL)]
            if order == 1:
                add_seeds(store)
            for name, data in pages[::order]:
                add_page(store, name, data)
            if order == -1:
                add_seeds(store)
            holders: dict[str, set[str]] = {}
            for record in store.latest_records():
                if record.document.doc_number:
                    holders.setdefault(number_key(record.document.doc_number), set()).add(record.doc_id)
            checked = 0
            for record in store.latest_records():
                for link in store.cites(record.doc_id):
                    if link.by != "number":
                        continue
                    others = holders.get(link.key, set()) - {record.doc_id}
                    assert link.target == (next(iter(others)) if len(others) == 1 else None), (record.doc_id, link)
                    checked += bool(link.target)
            assert checked >= 2


def test_an_ambiguous_number_is_not_linked(tmp_path: Path) -> None:
    qinglan = BENXI_2021_2.__class__("青岚市人民政府公报", 2020, 3, 40, D(2020, 3, 30), "青岚市人民政府办公室", "simplified")
    twin_a = make_doc(1, "关于甲的通知", number("某政发", 2020, 5), office="本溪市人民政府")
    twin_b = make_doc(1, "关于乙的通知", number("某政发", 2020, 5), office="青岚市人民政府")
    citing = make_doc(1, "关于丙的通知", number("某政发", 2021, 1), office="本溪市人民政府",
                      lines=("根据某政发〔2020〕5号文件要求，做好工作。",))
    with Store(tmp_path / "gazette.db") as store:
        store.add(make_parsed([twin_a], BENXI_2021_2, "a.html"), "1")
        store.add(make_parsed([citing], None, "c.html"), "1")
        [link] = store.cites("benxi-mouzhengfa-2021-1")
        assert link.target is not None  # one document holds it so far
        changed = store.add(make_parsed([twin_b], qinglan, "b.html"), "1")
        [link] = store.cites("benxi-mouzhengfa-2021-1")
        assert (link.target, link.matches) == (None, 2)  # now two: not linked
        assert "benxi-mouzhengfa-2021-1" in store.link_changes_since("2000-01-01")
        assert changed.new_documents == 1


@pytest.mark.parametrize("repeal_first", [False, True], ids=["repeal-after", "repeal-before"])
def test_a_repeal_changes_the_status_of_the_document_it_names(tmp_path: Path, repeal_first: bool) -> None:
    with Store(tmp_path / "gazette.db") as store:
        if repeal_first:
            add_page(store, "repeal.html", REPEAL)
        add_seeds(store)
        before = assess(store.validity_facts(ORDER_192), [], D(2025, 1, 1))
        assert (before.status, before.since) == ("in-force", D(2021, 4, 1))
        since = dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()
        if not repeal_first:
            [repeal] = add_page(store, "repeal.html", REPEAL)
            assert ORDER_192 in store.link_changes_since(since)  # its page must be rebuilt
        records = {r.doc_id: r for r in store.latest_records()}
        repeal = next(d for d, r in records.items() if r.document.title.startswith("本溪市人民政府关于废止"))
        now = standing(store, records[ORDER_192], D(2025, 1, 1))
        assert (now.validity.status, now.validity.label, now.validity.since) == ("repealed", "已废止", D(2023, 3, 1))
        [event] = [e for e in now.validity.evidence if e.kind == "repeals"]
        assert event.doc_id == repeal and "废止《本溪市住宅专项维修资金管理办法》" in event.text
        assert [c.kind for c in now.cited_by] == ["repeals"]
        earlier = standing(store, records[ORDER_192], D(2023, 2, 28))
        assert earlier.validity.status == "in-force"  # the repeal takes effect on 2023-03-01
        own = standing(store, records[repeal], D(2025, 1, 1))
        assert [(c.kind, c.target) for c in own.linked] == [("repeals", ORDER_192)]


def test_a_repeal_takes_effect_after_a_rebuild_corrects_it(tmp_path: Path) -> None:
    """An editor's correction of the repealing document's 文号 and a `gazette rebuild`: the
    named document's status follows, and the journal names it."""
    db, overrides = tmp_path / "gazette.db", tmp_path / "overrides"
    overrides.mkdir()
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "repeal.html").write_bytes(REPEAL.replace("《本溪市住宅专项维修资金管理办法》".encode(),
                                                                 "《本溪市住宅专项维修资金管理办法（旧）》".encode())
                                                  .replace("（本溪市人民政府令第192号）".encode(), b""))
    runner = CliRunner()
    result = runner.invoke(main, ["ingest", "--store", str(db), "--overrides", str(overrides), str(SEEDS[0]),
                                  str(tmp_path / "in")])
    assert result.exit_code == 0, result.output
    with Store(db) as store:
        record = next(r for r in store.latest_records() if r.doc_id == ORDER_192)
        assert standing(store, record, D(2025, 1, 1)).validity.status == "in-force"  # the title does not match
        repeal = next(r.doc_id for r in store.latest_records() if r.source.location == "repeal.html")
    (tmp_path / "in" / "repeal.html").write_bytes(REPEAL.replace("（本溪市人民政府令第192号）".encode(), b""))  # corrected
    result = runner.invoke(main, ["ingest", "--store", str(db), "--overrides", str(overrides), str(tmp_path / "in")])
    assert result.exit_code == 0, result.output
    with Store(db) as store:
        record = next(r for r in store.latest_records() if r.doc_id == ORDER_192)
        assert standing(store, record, D(2025, 1, 1)).validity.status == "repealed"
    (overrides / "benxi.toml").write_text(f'["{repeal}"]\ntitle = "本溪市人民政府关于某事项的决定"\n', encoding="utf-8")
    result = runner.invoke(main, ["rebuild", "--store", str(db), "--overrides", str(overrides), "--no-site", repeal])
    assert result.exit_code == 0 and "1 new versions" in result.output, result.output
    with Store(db) as store:  # the body still repeals it: the title was never the evidence
        record = next(r for r in store.latest_records() if r.doc_id == ORDER_192)
        assert standing(store, record, D(2025, 1, 1)).validity.status == "repealed"


def test_a_policy_interpretation_links_to_what_it_explains(tmp_path: Path) -> None:
    explains = page("关于《本溪市住宅专项维修资金管理办法》的政策解读", "",
                    "一、制定背景", "为规范住宅专项维修资金管理，市政府制定了本办法。", office="本溪市住房和城乡建设局")
    with Store(tmp_path / "gazette.db") as store:
        add_seeds(store)
        [doc_id] = add_page(store, "jiedu.html", explains)
        assert [(c.kind, c.target) for c in store.cites(doc_id) if c.target] == [("interprets", ORDER_192)]
        assert [c.kind for c in store.cited_by(ORDER_192)] == ["interprets"]


def test_facts_are_derived_again_when_the_code_changes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with Store(tmp_path / "gazette.db") as store:
        add_seeds(store)
        add_page(store, "repeal.html", REPEAL)
        before = {r.doc_id: (store.cites(r.doc_id), store.validity_facts(r.doc_id)) for r in store.latest_records()}
        store._db.execute("DELETE FROM citations")  # as if derived by older code
        store._db.execute("UPDATE settings SET value = 'old' WHERE key = 'links_version'")
    with Store(tmp_path / "gazette.db") as store:
        after = {r.doc_id: (store.cites(r.doc_id), store.validity_facts(r.doc_id)) for r in store.latest_records()}
    assert after == before


def test_the_journal_names_only_what_a_change_touches(tmp_path: Path) -> None:
    with Store(tmp_path / "gazette.db") as store:
        add_seeds(store)
        assert store.link_changes_since("9999") == set()
        last = store._db.execute("SELECT MAX(id) FROM link_changes").fetchone()[0]
        [citing] = add_page(store, "citing.html", CITING)
        touched = {d for (d,) in store._db.execute("SELECT doc_id FROM link_changes WHERE id > ?", (last,))}
    assert touched == {citing, *EXPECTED_LINKS}


def test_every_link_pair_is_consistent(tmp_path: Path) -> None:
    """cites and cited_by are two views of one table."""
    with Store(tmp_path / "gazette.db") as store:
        add_seeds(store)
        add_page(store, "citing.html", CITING)
        add_page(store, "repeal.html", REPEAL)
        ids = [r.doc_id for r in store.latest_records()]
        forward = {(c.source, c.target, c.kind) for d in ids for c in store.cites(d) if c.target}
        backward = {(c.source, c.target, c.kind) for d in ids for c in store.cited_by(d)}
    assert forward == backward and len(forward) == len(EXPECTED_LINKS) + 1
    assert not any(a == b for a, b, _ in forward)  # nothing cites itself


def test_a_rebuild_rewrites_the_pages_of_documents_whose_links_it_changed(tmp_path: Path) -> None:
    """The lone repealing page (documents/2023) names a title no document has; an editor's override
    gives the seed's 令 (benxi/2021) that title and `gazette rebuild` builds the site: the
    repealing page, in another folder, must now link to it."""
    import lxml.html

    root = Path(__file__).resolve().parents[1]
    db, site, overrides = tmp_path / "gazette.db", tmp_path / "site", tmp_path / "overrides"
    overrides.mkdir()
    (tmp_path / "in").mkdir()
    renamed = "本溪市住宅专项维修资金管理办法（修订）"
    (tmp_path / "in" / "repeal.html").write_bytes(REPEAL.replace("（本溪市人民政府令第192号）".encode(), b"").replace(
        "《本溪市住宅专项维修资金管理办法》".encode(), f"《{renamed}》".encode()))
    runner = CliRunner()
    config = ["--config", str(root / "mkdocs.yml")]
    for args in (["ingest", "--store", str(db), "--overrides", str(overrides), str(SEEDS[0]), str(tmp_path / "in")],
                 ["build", "--store", str(db), "--site-dir", str(site), *config]):
        result = runner.invoke(main, args)
        assert result.exit_code == 0, result.output
    [page] = site.glob("documents/2023/*/index.html")

    def linked() -> bool:
        return any(a.rstrip("/").endswith(ORDER_192) for a in
                   lxml.html.fromstring(page.read_text("utf-8")).xpath("//div[@class='gz-links']//a/@href"))

    assert not linked()
    (overrides / "benxi.toml").write_text(f'["{ORDER_192}"]\ntitle = "{renamed}"\n', encoding="utf-8")
    result = runner.invoke(main, ["rebuild", "--store", str(db), "--overrides", str(overrides), "--site-dir", str(site),
                                  *config, "benxi-2021-02"])
    assert result.exit_code == 0, result.output
    assert linked()


def test_a_version_2_store_is_migrated_with_its_withdrawals_and_links(tmp_path: Path) -> None:
    """A store written before schema 3: the new tables are created, the capture that withdrew a
    document is found again, and every document's cross-document facts are derived."""
    import sqlite3

    from conftest import benxi_docs

    docs = benxi_docs()
    path = tmp_path / "gazette.db"
    with Store(path) as store:
        store.add(make_parsed(docs, captured="2024-01-01T00:00:00+00:00"), "1")
        store.add(make_parsed(docs[:2], captured="2024-02-01T00:00:00+00:00", raw=b"second"), "1")
        add_page(store, "repeal.html", REPEAL)
        before = {r.doc_id: (store.cites(r.doc_id), store.validity_facts(r.doc_id), store.withdrawal(r.doc_id))
                  for r in store.latest_records()}
    db = sqlite3.connect(path)
    for table in ("page_fields", "page_context", "withdrawals", "doc_keys", "link_docs", "citations",
                  "validity_facts", "link_changes", "settings", "suspects", "confirmations"):
        db.execute(f"DROP TABLE {table}")
    db.execute("ALTER TABLE captures DROP COLUMN source_url")
    # and what schema 4 added (document numbers, the change journal, the token cache)
    for trigger in ("journal_version", "journal_status", "journal_ordinal", "journal_new_issue", "journal_issue"):
        db.execute(f"DROP TRIGGER {trigger}")
    for table in ("changes", "store_meta", "token_cache"):
        db.execute(f"DROP TABLE {table}")
    db.execute("DROP INDEX documents_num")
    db.execute("DROP INDEX versions_created")
    db.execute("ALTER TABLE documents DROP COLUMN num")
    db.execute("PRAGMA user_version = 2")
    db.commit()
    db.close()
    with Store(path) as store:
        after = {r.doc_id: (store.cites(r.doc_id), store.validity_facts(r.doc_id), store.withdrawal(r.doc_id))
                 for r in store.latest_records()}
    assert after == before
    assert after["benxi-benzhengbanfa-2021-12"][2] is not None  # withdrawn by the second capture
