"""validity.py: 施行 and 有效期 sentences, CMS validity fields, and the status on a given day."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from scraper.pipeline import process_path
from scraper.validity import Event, Fact, assess, own_facts, sentences

from conftest import SEEDS, SHARED, make_doc

REAL = sorted((SHARED / "real").glob("*.txt"))
D = dt.date


def facts_of(*lines: str, title: str = "本溪市人民政府关于印发某某办法的通知", **fields: object) -> tuple[Fact, ...]:
    values = {"signed": D(2021, 3, 5), "published": D(2021, 3, 12), **fields}
    return own_facts(make_doc(1, title, lines=lines, **values))


@pytest.mark.parametrize(("sentence", "effective"), [
    ("本办法自2021年4月1日起施行。", D(2021, 4, 1)),
    ("本规定自二〇二一年五月一日起施行。", D(2021, 5, 1)),
    ("《本溪市某某办法》业经市政府常务会议审议通过，现予公布，自2021年6月1日起施行。", D(2021, 6, 1)),
    ("本通知自印发之日起施行。", D(2021, 3, 5)),  # signed
    ("本办法自发布之日起施行。", D(2021, 3, 12)),  # published
    ("本办法自公布之日起30日后施行。", D(2021, 4, 11)),
    ("本意见自印发之日起三十日后施行。", D(2021, 4, 4)),
    ("本实施细则自2022年1月1日起执行。", D(2022, 1, 1)),
    ("自2021年7月1日起施行。", D(2021, 7, 1)),
])
def test_effective_sentences(sentence: str, effective: dt.date) -> None:
    [fact] = [f for f in facts_of("第一条 为了规范管理，制定本办法。", sentence) if f.kind == "effective"]
    assert fact.date == effective and fact.text == sentence


@pytest.mark.parametrize("sentence", [
    "《中华人民共和国预算法》自2015年1月1日起施行以来，成效明显。",  # another text's date
    "各地要认真贯彻，确保各项措施自2021年起落实。",
    "宣布施行重大强制性行政措施。",
])
def test_sentences_about_other_texts_give_no_date(sentence: str) -> None:
    assert [f for f in facts_of(sentence) if f.kind == "effective"] == []


@pytest.mark.parametrize(("sentence", "expires"), [
    ("本办法自2021年4月1日起施行，有效期5年。", D(2026, 3, 31)),
    ("本方案自印发之日起施行，有效期为三年。", D(2024, 3, 4)),
    ("本办法自2021年1月1日起施行，有效期至2025年12月31日。", D(2025, 12, 31)),
    ("本规定自2020年1月1日起试行，试行期为2年。", D(2021, 12, 31)),
    ("有效期自2021年1月1日至2023年6月30日。", D(2023, 6, 30)),
])
def test_validity_periods(sentence: str, expires: dt.date) -> None:
    found = facts_of(sentence)
    assert [f.date for f in found if f.kind == "expires"] == [expires]


def test_status_over_time() -> None:
    found = facts_of("本办法自2021年4月1日起施行，有效期5年。", title="某某管理办法（试行）")
    assert assess(found, [], D(2021, 3, 31)).status == "not-yet-in-force"
    now = assess(found, [], D(2022, 1, 1))
    assert (now.status, now.label, now.since, now.provisional) == ("in-force", "现行有效", D(2021, 4, 1), True)
    later = assess(found, [], D(2026, 4, 1))
    assert (later.status, later.since) == ("expired", D(2026, 4, 1))


def test_never_in_force_without_evidence() -> None:
    bare = facts_of("一、提高认识。", "二、加强领导。", title="某某工作方案（暂行）")
    result = assess(bare, [], D(2022, 1, 1))
    assert result.status == "unknown" and result.label == "未知"


def test_repeal_and_amendment_by_other_documents() -> None:
    found = facts_of("本办法自2021年4月1日起施行。")
    repeal = Event("repeals", "x-2023-1", "关于废止某办法的决定", D(2023, 3, 1), "决定废止《某办法》。")
    amend = Event("amends", "x-2022-9", "关于修改某办法的决定", D(2022, 6, 1), "对《某办法》作如下修改。")
    assert assess(found, [amend], D(2022, 7, 1)).status == "amended"
    assert assess(found, [amend], D(2022, 5, 1)).status == "in-force"  # not yet amended then
    before = assess(found, [amend, repeal], D(2023, 2, 1))
    assert before.status == "amended"
    after = assess(found, [amend, repeal], D(2023, 3, 1))
    assert (after.status, after.label, after.since) == ("repealed", "已废止", D(2023, 3, 1))
    assert any(e.doc_id == "x-2023-1" and e.text == "决定废止《某办法》。" for e in after.evidence)
    confirmed = assess(facts_of("一、加强领导。"), [Event("confirms", "y", "清理结果", D(2020, 1, 1), "继续有效")],
                       D(2021, 1, 1))
    assert confirmed.status == "in-force"  # a 清理 list saying it stays in force is evidence


@pytest.mark.parametrize(("label", "value", "status"), [
    ("时效性", "现行有效", "in-force"), ("有效性", "有效", "in-force"), ("有效性", "失效", "expired"),
    ("时效性", "已废止", "repealed"), ("效力状态", "已修改", "amended"), ("有效性", "", "unknown"),
    ("废止日期", "文", "unknown"),  # a label glued to the next one (seed 000) says nothing
])
def test_cms_fields(label: str, value: str, status: str) -> None:
    doc = make_doc(1, "某某办法", lines=("一、总则。",))
    assert assess(own_facts(doc, [(label, value)]), [], D(2024, 1, 1)).status == status


def test_a_dated_repeal_field_applies_from_its_date() -> None:
    doc = make_doc(1, "某某规则", lines=("一、总则。",))
    found = own_facts(doc, [("生效时间", "2019-01-23"), ("废止时间", "2020-01-23")])
    assert assess(found, [], D(2019, 6, 1)).status == "in-force"
    result = assess(found, [], D(2020, 6, 1))
    assert (result.status, result.since) == ("repealed", D(2020, 1, 23))


# ---- the seeds and ../shared/real: every 施行/有效期 sentence found, no 现行有效 without evidence ----

STATEMENT = re.compile(r"起\s*(?:施行|执行|实施)|有效期")


def page_statements(path: Path) -> list[tuple[str, list[str], tuple[Fact, ...]]]:
    parsed = process_path(path)
    out = []
    for doc in parsed.documents:
        lone = parsed.issue is None and len(parsed.documents) == 1
        context = [line.text for line in parsed.clean.lines if line.text not in set(doc.lines)] if lone else []
        found = own_facts(doc, parsed.clean.meta if lone else (), context)
        texts = [s for s in sentences("\n".join([*context, doc.text])) if STATEMENT.search(s)]
        out.append((doc.title, texts, found))
    return out


@pytest.mark.parametrize("path", [*SEEDS, *REAL], ids=lambda p: p.name)
def test_every_statement_of_force_is_found(path: Path) -> None:
    for title, texts, found in page_statements(path):
        for text in texts:
            field = re.match(r"^.*?(有效期)\s*[:：]\s*(\S+)", text)
            if field:  # a CMS field line: found as a field fact
                assert any(f.text.startswith("有效期") for f in found), (title, text)
            else:
                assert any(f.text == text for f in found), (title, text)
        for fact in found:
            result = assess(found, [], D(2025, 1, 1))
            if result.status == "in-force":
                assert any(e.kind in ("effective", "field-in-force") for e in result.evidence), (title, fact)


def test_the_real_pages_statements_are_counted() -> None:
    """The sentences and fields the set holds today, so a rule that stops finding them is noticed."""
    found = {path.name: [f for _, _, facts in page_statements(path) for f in facts] for path in [*SEEDS, *REAL]}
    effective = {name: sorted({f.date for f in facts if f.kind == "effective" and f.date}) for name, facts in found.items()}
    assert effective["000_44fe47e924992053.txt"] == [D(2021, 4, 1)]
    assert effective["008.txt"] == [D(2011, 2, 1)]
    assert effective["017.txt"] == [D(2006, 1, 1)]  # the 令 preamble outside the split document
    assert effective["026.txt"] == [D(2017, 3, 1)]  # the sentence and the 生效日期 field agree
    assert any(f.kind == "field-in-force" for f in found["006.txt"])  # 时效性 :现行有效
    assert any(f.kind == "field-repealed" and f.date == D(2020, 1, 23) for f in found["012.txt"])
    assert any(f.kind == "open-ended" for f in found["022.txt"])  # 有效期:长期有效
    assert any(f.kind == "field-in-force" for f in found["038.txt"])  # 有效性 有效
    assert any(f.kind == "provisional" for f in found["019.txt"])  # 暂行办法
