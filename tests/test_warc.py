"""The WARC files of a fetch: readable by warcio, byte for byte what the server sent, indexed in
the store, and ingestible (here or elsewhere)."""

from __future__ import annotations

import gzip
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from warcio.archiveiterator import ArchiveIterator

from scraper.cli import main
from scraper.fetch.client import PoliteClient
from scraper.fetch.crawl import Crawler, resolve_targets
from scraper.fetch.warc import read_at, read_responses, sha256, warc_folder
from scraper.store import Store

from conftest import HTML_FIXTURES
from fakesite import FakeSite, RecordingTransport, write_source


@pytest.fixture(scope="module")
def fetched(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, FakeSite]]:
    """The fake site fetched once (the slow page dropped: nothing here needs a timeout)."""
    work = tmp_path_factory.mktemp("warc")
    with FakeSite() as site:
        del site.resources["/gb/slow.html"]
        write_source(work / "sources", site)
        with PoliteClient(rate=0, timeout=1, retries=1, backoff=0, max_bytes=200_000,
                          allowed_hosts={"127.0.0.1"}, transport=RecordingTransport()) as http, \
                Store(work / "gazette.db") as store:
            Crawler(store, http, warc_folder(work / "gazette.db"), echo=lambda line: None).run(
                resolve_targets(["fake"], work / "sources"))
        yield work, site


def warc_files(work: Path) -> list[Path]:
    return sorted((work / "gazette-warc").glob("*.warc.gz"))


def test_warc_holds_every_response_byte_for_byte(fetched: tuple[Path, FakeSite]) -> None:
    work, site = fetched
    [warc] = warc_files(work)
    responses, requests, infos = [], [], 0
    with open(warc, "rb") as stream:
        for record in ArchiveIterator(stream):
            if record.rec_type == "warcinfo":
                infos += 1
            elif record.rec_type == "request":
                requests.append(record.rec_headers.get_header("WARC-Concurrent-To"))
            elif record.rec_type == "response":
                status = int(record.http_headers.get_statuscode())
                raw = record.raw_stream.read()
                responses.append((record.rec_headers.get_header("WARC-Target-URI"), status, raw,
                                  record.rec_headers.get_header("WARC-Truncated"),
                                  record.http_headers.get_header("Content-Encoding"),
                                  record.rec_headers.get_header("WARC-Record-ID")))
    assert infos == 1 and len(requests) == len(responses)
    assert set(requests) == {r[5] for r in responses}  # each request points at its response
    sent = [s for s in site.sent if s.status != 304]
    assert [(url.removeprefix(site.url), status) for url, status, *_ in responses] == [
        (s.path, s.status) for s in sent]
    for (url, status, raw, truncated, encoding, _), wire in zip(responses, sent):
        if truncated:  # the page over the limit: its first 200,000 bytes, marked truncated
            assert truncated == "length" and wire.body.startswith(raw) and len(raw) == 200_000
        else:
            assert raw == wire.body, url
        if encoding == "gzip":
            assert gzip.decompress(raw) == HTML_FIXTURES[4].read_bytes()
    statuses = {(url.rsplit("/", 1)[1], status) for url, status, *_ in responses}
    assert {("robots.txt", 200), ("old-2.html", 301), ("flaky.html", 500), ("flaky.html", 200),
            ("missing.html", 404), ("list_3.html", 404), ("huge.html", 200)} <= statuses


def test_store_index_points_at_each_record(fetched: tuple[Path, FakeSite]) -> None:
    work, _ = fetched
    with Store(work / "gazette.db") as store:
        entries = store.warc_entries()
        captures = {c.location: c.sha256 for c in store.captures()}
    assert len(entries) == sum(1 for _ in read_responses(warc_files(work)[0]))
    for entry in entries:
        assert not Path(entry.warc_file).is_absolute()  # relative to the store's folder: movable
        record = read_at(work / entry.warc_file, entry.offset)
        assert (record.url, record.status) == (entry.url, entry.status)
        assert sha256(record.payload) == entry.sha256
        with open(work / entry.warc_file, "rb") as stream:  # the (offset, length) slice is one gzip member
            stream.seek(entry.offset)
            assert gzip.decompress(stream.read(entry.length)).startswith(b"WARC/1.")
        if entry.url in captures and entry.status == 200:
            assert captures[entry.url] == entry.sha256  # the WARC payload is the stored capture


def test_ingest_a_warc_file(fetched: tuple[Path, FakeSite], tmp_path: Path) -> None:
    work, _ = fetched
    elsewhere = tmp_path / "received.warc.gz"
    shutil.copy(warc_files(work)[0], elsewhere)
    store = tmp_path / "other.db"
    result = CliRunner().invoke(main, ["ingest", "--store", str(store), "--overrides", str(tmp_path / "none"),
                                       str(elsewhere)])
    assert result.exit_code == 0, result.output
    assert "5 files: 5 stored, 0 failed" in result.output  # the five issue pages; listings, 404s, 500s skipped
    with Store(store) as other, Store(work / "gazette.db") as original:
        assert sorted((c.location, c.sha256, c.media_type) for c in other.captures()) == sorted(
            (c.location, c.sha256, c.media_type) for c in original.captures())
        assert other.counts()["versions"] == original.counts()["versions"]
    again = CliRunner().invoke(main, ["ingest", "--store", str(store), "--overrides", str(tmp_path / "none"),
                                      str(elsewhere)])
    assert again.exit_code == 0 and "0 new, 0 new versions" in again.output
    broken = tmp_path / "broken.warc.gz"
    broken.write_bytes(b"not a warc at all")
    bad = CliRunner().invoke(main, ["ingest", "--store", str(store), "--overrides", str(tmp_path / "none"),
                                    str(broken)])
    assert bad.exit_code == 1 and f"{broken}: not a readable WARC file" in bad.output


def test_an_old_store_gains_the_fetch_tables(tmp_path: Path) -> None:
    import sqlite3

    from scraper import store as store_module

    path = tmp_path / "v1.db"
    db = sqlite3.connect(path)
    db.executescript(store_module.SCHEMA + "; PRAGMA user_version = 1;")
    db.close()
    with Store(path) as store:
        assert store.warc_entries() == [] and store.validators("http://127.0.0.1/") is None
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == store_module.SCHEMA_VERSION
    db.close()


def test_folders_are_walked_for_warc_files_too(tmp_path: Path) -> None:
    from scraper.ingest import discover

    (tmp_path / "a").mkdir()
    for name in ("a/x.warc.gz", "a/y.WARC", "a/page.html", "a/notes.md"):
        (tmp_path / name).write_bytes(b"")
    found = sorted(p.relative_to(tmp_path).as_posix() for p in discover([tmp_path]))
    assert found == ["a/page.html", "a/x.warc.gz", "a/y.WARC"]
