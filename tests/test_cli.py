from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from scraper import __version__
from scraper.cli import main, summary_line
from scraper.ingest import FileOutcome
from scraper.model import Notice
from scraper.stored import AddReport

from conftest import SEEDS


def test_version() -> None:
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0 and __version__ in result.output


def test_ingest_then_export(tmp_path: Path) -> None:
    db = tmp_path / "gazette.db"
    runner = CliRunner()
    result = runner.invoke(main, ["ingest", "--store", str(db), str(SEEDS[0])])
    assert result.exit_code == 0, result.output
    assert f"{SEEDS[0]}: benxi-2021-02, 6 documents, 6 new versions" in result.output
    assert "1 files: 1 stored, 0 failed; 6 documents, 6 new, 6 new versions" in result.output
    out = tmp_path / "out.jsonl"
    result = runner.invoke(main, ["export", "--store", str(db), "--output", str(out)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 6 and rows[0]["issue"]["id"] == "benxi-2021-02"
    result = runner.invoke(main, ["export", "--store", str(db), "--format", "csv"])
    assert result.exit_code == 0
    assert result.output.splitlines()[0].startswith("id,url,issue_id,issue_gazette")


def _command(*args: str) -> subprocess.CompletedProcess[str]:
    """The console script's entry point in a process of its own, as `gazette ARGS` runs it."""
    return subprocess.run([sys.executable, "-c", "from scraper.cli import entry; entry()", *args],
                          capture_output=True, text=True, encoding="utf-8", timeout=120)


def test_the_command_ends_with_its_exit_code_and_all_its_output(tmp_path: Path) -> None:
    # entry() leaves without tearing the interpreter down: what was printed must still arrive,
    # the store must be complete, and the exit code must be main's.
    db = tmp_path / "gazette.db"
    done = _command("ingest", "--store", str(db), str(SEEDS[0]), str(tmp_path / "missing.txt"))
    assert done.returncode == 1, done.stderr
    assert f"{SEEDS[0]}: benxi-2021-02, 6 documents, 6 new versions" in done.stdout
    assert done.stdout.rstrip().endswith("2 files: 1 stored, 1 failed; 6 documents, 6 new, 6 new versions, 0 warnings")
    done = _command("export", "--store", str(db))
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.splitlines()) == 6 and "exported 6 documents" in done.stderr
    done = _command("export", "--store", str(tmp_path / "none.db"))
    assert done.returncode == 1 and "no such store" in done.stderr
    done = _command("--version")
    assert done.returncode == 0 and __version__ in done.stdout


def test_one_bad_file_exits_1_and_the_rest_is_stored(tmp_path: Path) -> None:
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    db = tmp_path / "gazette.db"
    result = CliRunner().invoke(main, ["ingest", "--store", str(db), "--jobs", "2", str(empty), str(SEEDS[0])])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0].startswith(f"FAILED {empty}: ")
    assert lines[1].startswith(f"{SEEDS[0]}: benxi-2021-02")
    assert lines[-1].startswith("2 files: 1 stored, 1 failed")
    assert "Traceback" not in result.output


def test_no_files_found_is_an_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["ingest", "--store", str(tmp_path / "g.db"), str(tmp_path)])
    assert result.exit_code != 0 and "no .html, .htm or .txt files found" in result.output


def test_export_of_a_missing_store_does_not_create_it(tmp_path: Path) -> None:
    db = tmp_path / "missing.db"
    result = CliRunner().invoke(main, ["export", "--store", str(db)])
    assert result.exit_code == 1 and "no such store" in result.output
    assert not db.exists()


def test_broken_store_is_one_line(tmp_path: Path) -> None:
    db = tmp_path / "broken.db"
    db.write_bytes(b"garbage" * 1000)
    result = CliRunner().invoke(main, ["ingest", "--store", str(db), str(SEEDS[0])])
    assert result.exit_code == 1
    assert f"Error: {db}: cannot open store" in result.output and "Traceback" not in result.output


def test_summary_line_shows_warnings() -> None:
    report = AddReport(7, "benxi-2021-02", 5, 5, 5, 0, False)
    outcome = FileOutcome(Path("a.html"), True, report, notices=(Notice("toc-mismatch", "TOC lists 6, body holds 5"),))
    assert summary_line(outcome) == (
        "a.html: benxi-2021-02, 5 documents, 5 new versions; warning: TOC lists 6, body holds 5"
    )
