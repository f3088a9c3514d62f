"""Where the work runs changes nothing: ingest with worker processes (which also derive each
document's record, id, citations and facts, derive.py) writes the same rows as ingest in one
process, and the store derives again whatever a worker's derivation does not fit."""

from __future__ import annotations

import importlib.util
import json
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import HTML_FIXTURES, SEEDS, SHARED
from scraper.cli import main
from scraper.derive import derive
from scraper.errors import StoreError
from scraper.ingest import ingest
from scraper.pipeline import PIPELINE_VERSION, process_path
from scraper.store import Store

ROOT = Path(__file__).resolve().parents[1]
REAL = sorted((SHARED / "real").glob("*.txt"))
# Columns that hold the time of the run (capture, first sighting, journal), not what was read.
RUN_TIMES = {"captured", "first_seen", "created", "changed", "at", "held", "confirmed"}


def samples(folder: Path, issues: int, seed: int) -> Path:
    """Generated pages of other gazettes (scripts/make_samples.py), one folder."""
    spec = importlib.util.spec_from_file_location("make_samples", ROOT / "scripts" / "make_samples.py")
    assert spec is not None and spec.loader is not None
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    list(generator.generate(folder, issues, max(1, issues // 5), seed))
    return folder


def rows(store: Path) -> dict[str, list[str]]:
    """Every row of every table (time-of-run columns blanked), sorted: the whole store's content."""
    db = sqlite3.connect(store)
    try:
        out = {}
        for (table,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"):
            if table in ("store_meta", "sqlite_sequence"):
                continue
            names = [r[1] for r in db.execute(f"PRAGMA table_info({table})")]
            out[table] = sorted(
                json.dumps([None if name in RUN_TIMES else value.hex() if isinstance(value, bytes) else value
                            for name, value in zip(names, row)], ensure_ascii=False)
                for row in db.execute(f"SELECT * FROM {table}"))
        return out
    finally:
        db.close()


def cli_ingest(store: Path, jobs: int, *paths: Path) -> None:
    result = CliRunner().invoke(main, ["ingest", "--store", str(store), "--jobs", str(jobs), *map(str, paths)])
    assert result.exit_code == 0, result.output


def edited(source: Path, target: Path) -> Path:
    """The same pages at the same relative locations, each UTF-8 one with its last sentence edited."""
    for path in source.rglob("*"):
        if path.suffix in (".html", ".txt"):
            out = target / path.relative_to(source)
            out.parent.mkdir(parents=True, exist_ok=True)
            raw = path.read_bytes()
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                out.write_bytes(raw)
                continue
            head, stop, tail = text.rpartition("。")
            out.write_text(head + "！" + tail if stop else text, encoding="utf-8")
    return target


def test_workers_write_the_same_rows_as_one_process(tmp_path: Path) -> None:
    first, other = samples(tmp_path / "first", 24, 3), samples(tmp_path / "other", 24, 4)
    second = edited(first, tmp_path / "second")
    # A second capture of the same locations with one sentence edited makes versions; another
    # with other content, withdrawals. Pages named one by one are stored under their file names:
    # 01.html of many gazettes share a location, so matching weighs many candidates.
    loose = sorted(p for p in first.rglob("*") if p.suffix in (".html", ".txt"))
    stores = {}
    for jobs in (1, 2):
        store = tmp_path / f"j{jobs}.db"
        cli_ingest(store, jobs, *SEEDS, *HTML_FIXTURES, *REAL, first)
        cli_ingest(store, jobs, second)
        cli_ingest(store, jobs, other)
        cli_ingest(store, jobs, first)  # the same bytes as before: duplicates
        cli_ingest(tmp_path / f"loose-j{jobs}.db", jobs, *loose)
        stores[jobs] = rows(store), rows(tmp_path / f"loose-j{jobs}.db")
    assert stores[1] == stores[2]
    together, loose_rows = stores[2]
    assert len(together["versions"]) > len(together["documents"]) > 100 and together["withdrawals"]
    assert together["citations"] and together["validity_facts"] and len(loose_rows["documents"]) > 50


def test_a_derivation_that_does_not_fit_is_made_again(tmp_path: Path) -> None:
    page, other = process_path(SEEDS[0]), process_path(SEEDS[1])
    given = derive(other, complete=True)
    assert not given.fits(page) and derive(page).fits(page)
    # Another reading of the same page (new document objects, as an editor's split correction
    # makes): no longer the objects it was derived from.
    assert not derive(page).fits(replace(page, documents=tuple(replace(d) for d in page.documents)))
    with Store(tmp_path / "given.db") as store:
        store.add(page, PIPELINE_VERSION, given)
    with Store(tmp_path / "plain.db") as store:
        store.add(page, PIPELINE_VERSION)
    assert rows(tmp_path / "given.db") == rows(tmp_path / "plain.db")


def test_a_batch_keeps_each_file_all_or_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ingest commits many files at once; a file that fails half-way leaves nothing, the others stay."""
    broken = SEEDS[1].name
    real_put_page = Store._put_page

    def put_page(self: Store, capture_id: int, parsed):  # type: ignore[no-untyped-def]
        if parsed.capture.location == broken:  # after its blob, capture and audit rows went in
            raise RuntimeError("disk trouble")
        return real_put_page(self, capture_id, parsed)

    monkeypatch.setattr(Store, "_put_page", put_page)
    with Store(tmp_path / "g.db") as store:
        outcomes = list(ingest(SEEDS[:3], store, jobs=1))
    assert [o.ok for o in outcomes] == [True, False, True]
    assert "cannot store capture" in (outcomes[1].error or "")
    # Read by another connection: everything committed, nothing of the broken file.
    db = sqlite3.connect(tmp_path / "g.db")
    locations = [r[0] for r in db.execute("SELECT location FROM captures ORDER BY id")]
    assert locations == [SEEDS[0].name, SEEDS[2].name]
    assert db.execute("SELECT COUNT(*) FROM blobs").fetchone()[0] == 2
    db.close()


def test_a_store_error_inside_a_batch_is_still_a_store_error(tmp_path: Path) -> None:
    with Store(tmp_path / "g.db") as store, store.batch():
        store.add(process_path(SEEDS[0]), PIPELINE_VERSION)
        with pytest.raises(StoreError):
            store.confirm(999, process_path(SEEDS[0]), PIPELINE_VERSION)
        assert store.counts()["captures"] == 1


def test_a_worker_result_crosses_the_pipe_whole_and_compact() -> None:
    """What a worker sends back (run_prepared) unpickles equal, still fits its reading, and is
    pickled as constructor arguments (model.by_fields), not as dataclasses' per-slot state."""
    import pickle

    from scraper.ingest import run_prepared
    from scraper.model import Line

    for path in (SEEDS[0], HTML_FIXTURES[-1]):
        parsed, derived = run_prepared(process_path, path, str(path))  # type: ignore[misc]
        again, derived_again = pickle.loads(pickle.dumps((parsed, derived), pickle.HIGHEST_PROTOCOL))
        assert again == parsed and derived_again.fits(again) and len(again.documents) >= 1
        assert [d.__dict__ for d in derived_again.documents] == [d.__dict__ for d in derived.documents]
    assert Line("文", 3).__reduce__() == (Line, ("文", 3, None))
