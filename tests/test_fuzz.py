"""Fuzzing: damaged copies of real pages through the whole pipeline and the store.

Each example takes a page of ../shared (as captured, or re-encoded as GBK/Big5), stores it
undamaged (or not: then the damaged copy is the first capture), damages a copy with one or two
mutations of tests/damage.py and ingests it at the same location. Whatever the damage: no exception
but a clean GazetteError, no refusal of a page that is mostly intact but for content the cleaning
rules cannot find, an intact store (integrity, foreign keys, versions unchanged), no held capture
behind a version, and no current document whose Han text is mostly characters the undamaged page
does not hold. Derandomized so CI is repeatable; scripts/fuzz.py runs 10,000 inputs.
"""

from __future__ import annotations

import random
import sqlite3
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from damage import KINDS, damage, foreign_share, originals
from scraper.errors import GazetteError, ParseError
from scraper.pipeline import PIPELINE_VERSION, make_capture, process
from scraper.store import Store

ORIGINALS = originals()
MOSTLY = 0.5


def _versions(db: sqlite3.Connection) -> dict[tuple[str, int], tuple]:
    return {(row[0], row[1]): row[2:] for row in db.execute(
        "SELECT doc_id, version, capture_id, content_sha256, record FROM versions")}


@settings(max_examples=120, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(
    index=st.integers(0, len(ORIGINALS) - 1),
    kinds=st.lists(st.sampled_from(KINDS), min_size=1, max_size=2),
    seed=st.integers(0, 2**32 - 1),
    recapture=st.booleans(),
)
def test_damaged_real_pages_are_stored_safely(index: int, kinds: list[str], seed: int, recapture: bool) -> None:
    original = ORIGINALS[index]
    damaged = damage(original, tuple(kinds), random.Random(seed))
    location = f"fuzz/{original.name}"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.db"
        with Store(path) as store:
            if recapture:
                good = process(make_capture(location, original.raw, original.media_type, "2024-01-01T00:00:00+00:00"))
                store.add(good, PIPELINE_VERSION)
            db = sqlite3.connect(path)
            before = _versions(db)
            if not damaged.raw:
                return
            try:
                parsed = process(make_capture(location, damaged.raw, original.media_type, "2024-02-01T00:00:00+00:00"))
            except GazetteError as exc:  # a refusal is one clean line naming the page…
                assert exc.source == location
                # …and a page mostly intact is refused only when the cleaning rules find no content
                # in its broken markup (an <a> or a field table swallowing the article).
                assert damaged.intact < 0.9 or isinstance(exc, ParseError), (exc, damaged.kinds)
                return
            report = store.add(parsed, PIPELINE_VERSION)

            assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            assert db.execute("PRAGMA foreign_key_check").fetchall() == []
            after = _versions(db)
            assert {key: after.get(key) for key in before} == before  # append-only
            if report.suspect:
                assert all(row[0] != report.capture_id for row in after.values())
            for record in store.latest_records():
                share, han = foreign_share(record.document.text, original.chars)
                assert han < 10 or share <= MOSTLY, (record.doc_id, share, record.document.title, damaged.kinds)
            db.close()
