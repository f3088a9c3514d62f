from __future__ import annotations

import json
from pathlib import Path

import pytest

from scraper.errors import DecodeError, InputError
from scraper.ingest import FileOutcome, discover, ingest
from scraper.model import Issue, Parsed
from scraper.errors import ParseError
from scraper.pipeline import read_capture
from scraper.store import Store

from conftest import HTML_FIXTURES, SEEDS, SHARED, make_doc, make_parsed, pipeline_ready


def fake_process(path: Path) -> Parsed:
    """A stand-in pipeline: one document per line of an issue-NN.txt file; fails like the real one."""
    capture = read_capture(path)
    if not capture.raw:
        raise InputError("empty file", str(path))
    try:
        text = capture.raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DecodeError("bytes are not text in any known encoding", str(path)) from exc
    if "NOSOURCE" in text:
        raise ParseError("no content", line=3)  # a stage that forgot to name the file
    if "BOOM" in text:
        raise RuntimeError("a stage has a bug")
    issue = Issue("本溪市人民政府公报", 2021, int(path.stem[-2:]), None, None, None, "simplified")
    docs = [make_doc(i, title, lines=(title,)) for i, title in enumerate(text.split(), start=1)]
    return make_parsed(docs, issue, location=str(path), raw=capture.raw)


def write_batch(folder: Path) -> list[Path]:
    """Two good issues around an empty file, binary garbage and a file that crashes the pipeline."""
    files = {
        "issue-01.txt": "关于甲的通知\n关于乙的通知".encode(),
        "issue-02.txt": b"",
        "issue-03.txt": bytes(range(256)) * 4,
        "issue-04.txt": "BOOM".encode(),
        "issue-05.txt": "关于丙的通知".encode(),
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return [folder / name for name in files]


def test_discover_walks_folders_sorted_and_skips_hidden(tmp_path: Path) -> None:
    for name in ["b/2.html", "b/1.HTM", "a.txt", ".hidden.html", ".git/x.html", "notes.md", "c/d/e.htm"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    found = [p.relative_to(tmp_path).as_posix() for p in discover([tmp_path])]
    assert found == ["a.txt", "b/1.HTM", "b/2.html", "c/d/e.htm"]


def test_discover_keeps_named_files_even_unsupported_ones(tmp_path: Path) -> None:
    named = [tmp_path / "z.pdf", tmp_path / "missing.html"]
    assert list(discover(named)) == named


def check_batch(outcomes: list[FileOutcome], files: list[Path]) -> None:
    assert [o.path for o in outcomes] == files
    assert [o.ok for o in outcomes] == [True, False, False, False, True]
    assert outcomes[1].error == f"{files[1]}: empty file"
    assert outcomes[2].error == f"{files[2]}: bytes are not text in any known encoding"
    assert outcomes[3].error == f"{files[3]}: internal error: RuntimeError: a stage has a bug"
    assert outcomes[0].report is not None and outcomes[0].report.issue_id == "benxi-2021-01"
    assert outcomes[0].notices[0].code == "toc-mismatch"


def test_files_named_together_with_one_name_stay_apart(tmp_path: Path) -> None:
    """12.html of two gazettes, named one by one: each under its path from their common folder
    (under its bare name the second read as a later capture of the first, and its documents
    became versions of the first file's); a name nobody shares stays the bare name."""
    import shutil

    from scraper.ingest import Found, discover_named

    pages = []
    for folder, seed in (("beixi/2021", SEEDS[0]), ("qinglan/2020", SEEDS[1])):
        (tmp_path / folder).mkdir(parents=True)
        pages.append(shutil.copy(seed, tmp_path / folder / "12.txt"))
    lone = shutil.copy(SEEDS[2], tmp_path / "lone.txt")
    named = [Path(p) for p in (*pages, lone)]
    assert [f.location for f in discover_named(named)] == ["beixi/2021/12.txt", "qinglan/2020/12.txt", "lone.txt"]
    # A file already located (the CLI's Found) is kept as it is, and the others still meet.
    given = [named[0], Found(named[2], "given/lone.txt"), str(named[1])]
    assert [f.location for f in discover_named(given)] == ["beixi/2021/12.txt", "given/lone.txt", "qinglan/2020/12.txt"]
    alone = 0
    for k, path in enumerate(named):
        with Store(tmp_path / f"alone{k}.db") as store:
            assert all(outcome.ok for outcome in ingest([path], store))
            alone += store.counts()["documents"]
    with Store(tmp_path / "together.db") as store:
        assert all(outcome.ok for outcome in ingest(named, store))
        counts = store.counts()
    assert counts["documents"] == counts["versions"] == alone


@pytest.mark.parametrize("jobs", [1, 2])
def test_bad_files_do_not_stop_the_batch(tmp_path: Path, jobs: int) -> None:
    files = write_batch(tmp_path)
    with Store(tmp_path / "gazette.db") as store:
        outcomes = list(ingest([tmp_path], store, jobs=jobs, process=fake_process))
        check_batch(outcomes, files)
        counts = store.counts()
    assert (counts["captures"], counts["issues"], counts["documents"], counts["versions"]) == (2, 2, 3, 3)


def test_error_without_source_is_named_after_the_file(tmp_path: Path) -> None:
    path = tmp_path / "issue-09.txt"
    path.write_text("NOSOURCE")
    with Store(tmp_path / "gazette.db") as store:
        [outcome] = ingest([path], store, process=fake_process)
    assert outcome.error == f"{path} line 3: no content"


def test_reingest_adds_nothing(tmp_path: Path) -> None:
    files = write_batch(tmp_path)
    with Store(tmp_path / "gazette.db") as store:
        list(ingest(files, store, process=fake_process))
        before = store.counts()
        again = [o for o in ingest(files, store, process=fake_process) if o.ok]
        assert all(o.report and o.report.duplicate_capture and o.report.new_versions == 0 for o in again)
        assert store.counts() == before


def test_replaced_document_is_new_and_the_old_one_withdrawn(tmp_path: Path) -> None:
    path = tmp_path / "issue-07.txt"
    path.write_text("关于甲的通知\n关于乙的通知")
    with Store(tmp_path / "gazette.db") as store:
        [first] = ingest([path], store, process=fake_process)
        path.write_text("关于甲的通知\n本溪市防汛抗旱工作安排")
        [second] = ingest([path], store, process=fake_process)
    assert first.report is not None and second.report is not None
    old_ids = first.report.document_ids
    assert second.report.new_documents == 1 and second.report.unchanged == 1
    assert second.report.document_ids[0] == old_ids[0]
    assert second.report.withdrawn == (old_ids[1],)


needs_pipeline = pytest.mark.skipif(not pipeline_ready(), reason="pipeline stages not finished yet")


@needs_pipeline
@pytest.mark.parametrize("jobs", [1, 2])
def test_real_seeds_and_fixtures(tmp_path: Path, jobs: int) -> None:
    gold = json.loads((SHARED / "seeds" / "gold.json").read_text())
    with Store(tmp_path / "gazette.db") as store:
        outcomes = list(ingest([*SEEDS, *HTML_FIXTURES], store, jobs=jobs))
        assert [o.error for o in outcomes if not o.ok] == []
        seeds = {o.path.name: o.report for o in outcomes if o.path.suffix == ".txt"}
        for name, expected in gold.items():
            report = seeds[name]
            assert report is not None
            assert report.documents == len(expected["documents"]), name
            assert all(doc_id.isascii() for doc_id in report.document_ids)
        assert seeds["000_44fe47e924992053.txt"].issue_id == "benxi-2021-02"  # type: ignore[union-attr]
        assert seeds["002_e64222d35ec998c8.txt"].issue_id is None  # type: ignore[union-attr]
        # The HTML pages carry the same documents as the text dumps: found again, not duplicated.
        html = [o.report for o in outcomes if o.path.suffix == ".html"]
        assert sum(r.new_documents for r in html if r) <= 2
        assert store.counts()["documents"] >= 20


@needs_pipeline
def test_real_bad_files_in_a_batch(tmp_path: Path) -> None:
    (tmp_path / "empty.html").write_bytes(b"")
    (tmp_path / "garbage.html").write_bytes(bytes(range(256)) * 64)
    with Store(tmp_path / "gazette.db") as store:
        outcomes = list(ingest([tmp_path / "empty.html", tmp_path / "garbage.html", SEEDS[0]], store))
        assert [o.ok for o in outcomes] == [False, False, True]
        assert outcomes[0].error is not None and outcomes[0].error.startswith(str(tmp_path / "empty.html"))
        assert store.counts()["captures"] == 1
