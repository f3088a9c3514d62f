"""Related documents: sketches of shared text, candidates from rare sketch values, and the
ledger's incremental repair, which must always equal computing everything again."""

from __future__ import annotations

import random
from pathlib import Path

from scraper import related as R
from scraper.search.tokens import normalize
from scraper.site import related_index
from scraper.site.ledger import Ledger

from conftest import SEEDS

CHARS = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可也你能而子那得于着下自之年过发后作里"


def text(rng: random.Random, phrases: list[str], picks: int) -> str:
    """A document: some shared phrases and some text of its own."""
    own = "".join(rng.choice(CHARS) for _ in range(rng.randint(150, 400)))
    chosen = rng.sample(phrases, picks)
    return "。".join([*chosen, own])


def full_candidates(path: Path, texts: dict[int, str]) -> dict[int, list[R.Candidate]]:
    with Ledger(path) as ledger:
        sketches = [(num, s) for num, t in sorted(texts.items()) if (s := R.sketch(t)) is not None]
        ledger.put_sketches(sketches)
        ledger.count_holders()
        cap = related_index.cap_of(ledger)
        return dict(related_index.compute(ledger, [num for num, _ in sketches], cap))


def test_incremental_candidates_equal_computing_them_again(tmp_path: Path) -> None:
    rng = random.Random(11)
    phrases = ["".join(rng.choice(CHARS) for _ in range(rng.randint(40, 120))) for _ in range(60)]
    texts = {num: text(rng, phrases, rng.randint(1, 6)) for num in range(1, 41)}
    path = tmp_path / "incremental.sqlite"
    with Ledger(path) as ledger:
        ledger.put_sketches([(num, s) for num, t in texts.items() if (s := R.sketch(t)) is not None])
        ledger.count_holders()
        cap = related_index.cap_of(ledger)
        ledger.set_meta(related_cap=cap)
        ledger.set_candidates(related_index.compute(ledger, sorted(texts), cap))
    for step in range(6):
        changed: dict[int, str] = {}
        for _ in range(rng.randint(1, 8)):  # new documents, edited ones, one cut short
            kind = rng.random()
            if kind < 0.5:
                num = max(texts) + 1
                changed[num] = text(rng, phrases, rng.randint(1, 6))
            elif kind < 0.9:
                num = rng.choice(sorted(texts))
                changed[num] = texts[num] + "。" + rng.choice(phrases)
            else:
                changed[rng.choice(sorted(texts))] = "太短"
            texts.update(changed)
        with Ledger(path) as ledger:
            related_index.update(ledger, {num: R.sketch(t) for num, t in changed.items()})
            kept = {num: ledger.candidates(num) for num in texts}
        expected = full_candidates(tmp_path / f"full-{step}.sqlite", texts)
        for num in texts:
            assert R.rank(kept[num]) == R.rank(expected.get(num, [])), (step, num)


def test_the_seeds_template_family_is_related(tmp_path: Path) -> None:
    """The four cities' 医疗卫生行业综合监管制度实施方案 (split from the seeds) find each other."""
    from scraper.pipeline import process_path

    documents = [doc for path in SEEDS for doc in process_path(path).documents]
    texts = {num: doc.text for num, doc in enumerate(documents, 1)}
    family = {num for num, doc in enumerate(documents, 1) if "综合监管制度" in normalize(doc.title)}
    assert len(family) == 4
    found = full_candidates(tmp_path / "seeds.sqlite", texts)
    for num in family:
        related = {c.other for c in R.chosen(found[num])}
        assert family - {num} <= related, (num, related)
