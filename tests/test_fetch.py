"""gazette fetch against a fake gazette site on 127.0.0.1 (tests/fakesite.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from scraper.cli import main
from scraper.fetch.client import USER_AGENT, PoliteClient
from scraper.fetch.crawl import Crawler, FetchReport, link_date, resolve_targets
from scraper.fetch.sources import SourceError, load_source
from scraper.fetch.warc import warc_folder
from scraper.store import Store

from conftest import HTML_FIXTURES
from fakesite import FakeSite, RecordingTransport, write_source

ISSUES = ("issue-0.html", "issue-1.html", "issue-2.html", "flaky.html", "issue-4.html")


@pytest.fixture
def site() -> Iterator[FakeSite]:
    with FakeSite() as running:
        yield running


def crawl(tmp_path: Path, site: FakeSite, limit: int | None = None, **client: object) -> tuple[FetchReport, RecordingTransport]:
    """One run over the fake source with short timeouts and no rate delay."""
    transport = RecordingTransport()
    settings = {"rate": 0.0, "timeout": 0.3, "retries": 1, "backoff": 0.01, "max_bytes": 200_000,
                "allowed_hosts": {"127.0.0.1"}, "transport": transport, **client}
    targets = resolve_targets(["fake"], tmp_path / "sources") if (tmp_path / "sources").is_dir() else []
    with PoliteClient(**settings) as http, Store(tmp_path / "gazette.db") as store:  # type: ignore[arg-type]
        crawler = Crawler(store, http, warc_folder(tmp_path / "gazette.db"), echo=lambda line: None)
        report = crawler.run(targets, limit)
    return report, transport


def test_fetch_fake_site(tmp_path: Path, site: FakeSite) -> None:
    write_source(tmp_path / "sources", site)
    report, transport = crawl(tmp_path, site)
    assert report.finished
    assert report.listings == 2  # list.html, list_2.html; list_3.html is a 404: the end
    assert report.pages == 5 and report.stored == 5
    failed = {url.rsplit("/", 1)[1]: why for url, why in report.failed}
    assert failed["missing.html"] == "HTTP 404 Not Found"
    assert failed["slow.html"].startswith("timed out after 0.3 s")
    assert failed["huge.html"].startswith("over the 200,000 byte limit")
    assert len(failed) == 3
    skipped = {url.rsplit("/", 1)[1]: why for url, why in report.skipped}
    assert skipped == {"secret.html": "disallowed by robots.txt",
                       "outside.html": "host example.gov.cn is not allowed in this run"}
    # Nothing but 127.0.0.1 was contacted; robots.txt once; the forbidden path never.
    assert set(transport.hosts) == {"127.0.0.1"}
    paths = site.paths()
    assert paths.count("/robots.txt") == 1
    assert "/private/secret.html" not in paths and "/gb/about.html" not in paths
    assert paths.count("/gb/flaky.html") == 2  # 500, then 200
    assert paths.count("/gb/slow.html") == 2  # timed out twice (one retry)
    assert paths.count("/gb/missing.html") == 1  # a 4xx is not retried
    assert all(headers["User-Agent"] == USER_AGENT for _, headers in site.requests)
    assert USER_AGENT.startswith("gazette/") and "archival of public government gazettes" in USER_AGENT
    with Store(tmp_path / "gazette.db") as store:
        captures = {c.location.rsplit("/", 1)[1]: c for c in store.captures()}
        assert set(captures) == set(ISSUES)
        assert captures["issue-1.html"].encoding == "gb18030"
        assert captures["issue-1.html"].media_type == "text/html; charset=gb2312"
        # The header, not the page's wrong <meta charset="utf-8">, decoded it: no mismatch warning.
        notices = store.audit(captures["issue-1.html"].id).notices
        assert not [n for n in notices if n.code == "encoding-mismatch"]
        assert captures["issue-1.html"].issue_id == "huangshi-2019-06"
        assert captures["issue-0.html"].issue_id == "benxi-2021-02"
        assert store.raw(captures["issue-4.html"].sha256) == HTML_FIXTURES[4].read_bytes()  # gzip undone
        statuses = {(e.url.rsplit("/", 1)[1], e.status) for e in store.warc_entries()}
        assert {("old-2.html", 301), ("issue-2.html", 200), ("flaky.html", 500), ("flaky.html", 200),
                ("missing.html", 404), ("robots.txt", 200)} <= statuses
        assert store.validators(f"{site.url}/gb/issue-0.html") is not None


def test_same_documents_from_gbk_and_utf8(tmp_path: Path, site: FakeSite) -> None:
    site.resources["/gb/issue-0.html"].body = HTML_FIXTURES[1].read_bytes()  # UTF-8 twin of the GBK page
    write_source(tmp_path / "sources", site)
    crawl(tmp_path, site)
    with Store(tmp_path / "gazette.db") as store:
        docs = [r for r in store.latest_records() if r.issue_id == "huangshi-2019-06"]
        by_location: dict[str, int] = {}
        for capture in store.captures():
            if capture.issue_id == "huangshi-2019-06":
                by_location[capture.location.rsplit("/", 1)[1]] = capture.id
    assert set(by_location) == {"issue-0.html", "issue-1.html"}
    assert len(docs) == 6  # the GBK page found the same six documents, no new ones


def test_second_run_asks_conditionally_and_downloads_nothing(tmp_path: Path, site: FakeSite) -> None:
    write_source(tmp_path / "sources", site)
    crawl(tmp_path, site)
    with Store(tmp_path / "gazette.db") as store:
        before = store.counts()
        warc_before = len(store.warc_entries())
    first = len(site.requests)
    report, _ = crawl(tmp_path, site)
    assert report.pages == 0 and report.stored == 0 and report.new_versions == 0
    assert report.not_modified == 5
    again = site.requests[first:]
    conditional = {path for path, headers in again if "If-None-Match" in headers and "If-Modified-Since" in headers}
    assert {f"/gb/{name}" for name in ISSUES} <= conditional
    assert {"/gb/list.html", "/gb/list_2.html"} <= conditional  # listings too: read back from the WARC
    answered = {s.path for s in site.sent[len(site.sent) - len(again):] if s.status == 304}
    assert {f"/gb/{name}" for name in ISSUES} | {"/gb/list.html", "/gb/list_2.html"} <= answered
    with Store(tmp_path / "gazette.db") as store:
        assert store.counts() == before
        # only the pages that failed again (404, 500→timeout, too large) were written anew
        assert {e.url.rsplit("/", 1)[1] for e in store.warc_entries()[warc_before:]} <= {
            "missing.html", "slow.html", "huge.html", "old-2.html", "list_3.html", "robots.txt"}

    # One page changes: one new capture, one new version.
    page = site.resources["/gb/issue-4.html"]
    text = page.body.decode("utf-8")
    assert "。" in text
    page.body = text.replace("。", "；", 1).encode("utf-8")
    report, _ = crawl(tmp_path, site)
    assert (report.pages, report.stored, report.new_versions, report.not_modified) == (1, 1, 1, 4)
    with Store(tmp_path / "gazette.db") as store:
        after = store.counts()
        assert after["captures"] == before["captures"] + 1
        assert after["versions"] == before["versions"] + 1
        changed = [r for r in store.latest_records() if r.version == 2]
        assert len(changed) == 1 and changed[0].source.location.endswith("/gb/issue-4.html")
        assert store.versions(changed[0].doc_id)[-1].reason == "source"


def test_interrupted_run_resumes_where_it_stopped(tmp_path: Path, site: FakeSite) -> None:
    write_source(tmp_path / "sources", site)
    first, _ = crawl(tmp_path, site, limit=4)  # the listing page and three of its links
    assert not first.finished and not first.resumed
    seen = len(site.requests)
    second, _ = crawl(tmp_path, site)
    assert second.resumed and second.finished and second.run_id == first.run_id
    assert first.pages + second.pages == 5
    later = [path for path, _ in site.requests[seen:]]
    assert "/gb/list.html" not in later and "/gb/issue-0.html" not in later  # done before: not asked again
    with Store(tmp_path / "gazette.db") as store:
        states = [item.state for item in store.fetch_queue(first.run_id)]
        assert "queued" not in states
    third, _ = crawl(tmp_path, site)  # a finished run: the next one is new
    assert not third.resumed and third.run_id != first.run_id


def test_rate_limit_per_host(site: FakeSite) -> None:
    waits: list[float] = []
    with PoliteClient(rate=0.5, timeout=1, retries=0, allowed_hosts={"127.0.0.1"}, sleep=waits.append) as http:
        for name in ("issue-0.html", "issue-2.html", "issue-4.html"):
            assert http.get(f"{site.url}/gb/{name}").outcome == "ok"
    # robots.txt then three pages, each preceded by a wait of up to 0.5 s (nothing really slept)
    assert len(waits) == 3 and all(0 < wait <= 0.5 for wait in waits)


def test_client_refuses_other_hosts_without_contacting_them() -> None:
    transport = RecordingTransport()
    with PoliteClient(allowed_hosts={"127.0.0.1"}, transport=transport) as http:
        result = http.get("https://www.gov.cn/zhengce/")
    assert result.outcome == "refused" and transport.hosts == []


def test_missing_robots_allows_and_unreachable_robots_forbids(site: FakeSite) -> None:
    del site.resources["/robots.txt"]
    with PoliteClient(rate=0, retries=0, allowed_hosts={"127.0.0.1"}) as http:
        assert http.get(f"{site.url}/private/secret.html").outcome == "ok"  # 404 robots.txt: allowed
    site.resources["/robots.txt"] = site.resources["/gb/flaky.html"]
    site.resources["/robots.txt"].fail_first = 99
    with PoliteClient(rate=0, retries=0, allowed_hosts={"127.0.0.1"}) as http:
        result = http.get(f"{site.url}/gb/issue-0.html")  # 5xx robots.txt: everything forbidden
    assert result.outcome == "robots" and result.message.startswith("robots.txt unreachable (HTTP 500)")


def test_since_skips_older_issues(tmp_path: Path, site: FakeSite) -> None:
    write_source(tmp_path / "sources", site)
    transport = RecordingTransport()
    with PoliteClient(rate=0, timeout=0.3, retries=0, allowed_hosts={"127.0.0.1"}, transport=transport) as http, \
            Store(tmp_path / "gazette.db") as store:
        crawler = Crawler(store, http, tmp_path / "warc", since=dt.date(2021, 5, 1), echo=lambda line: None)
        report = crawler.run(resolve_targets(["fake"], tmp_path / "sources"))
    # every link of the first listing is dated 2021-04-28: nothing fetched, no further page read
    assert report.pages == 0 and report.listings == 1
    assert "/gb/list_2.html" not in site.paths()
    assert link_date("2019年第6期", "") == dt.date(2019, 12, 31)
    assert link_date("", "http://x/art/2021/4/28/art_1.html") is None
    assert link_date("", "http://x/t20210428_1.html") == dt.date(2021, 4, 28)


def test_cli_fetch_of_a_bare_url(tmp_path: Path, site: FakeSite, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GAZETTE_FETCH_ALLOWED_HOSTS", "127.0.0.1")
    store = tmp_path / "gazette.db"
    args = ["fetch", "--store", str(store), "--rate", "0", "--timeout", "0.5", "--retries", "0",
            "--sources", str(tmp_path / "none"), f"{site.url}/gb/issue-0.html"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "benxi-2021-02, 6 documents, 6 new versions" in result.output
    assert "1 pages fetched, 1 stored" in result.output
    assert list((tmp_path / "gazette-warc").glob("*.warc.gz"))
    again = CliRunner().invoke(main, args)
    assert "unchanged (304)" in again.output and "0 pages fetched" in again.output
    outside = CliRunner().invoke(main, [*args[:-1], "https://www.gov.cn/"])
    assert outside.exit_code == 0 and "skipped https://www.gov.cn/: host www.gov.cn is not allowed" in outside.output
    missing = CliRunner().invoke(main, ["fetch", "--store", str(store), "--sources", str(tmp_path), "nosuch"])
    assert missing.exit_code != 0 and "nosuch.toml: no such source" in missing.output


def test_cli_update_fetches_and_builds(tmp_path: Path, site: FakeSite, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GAZETTE_FETCH_ALLOWED_HOSTS", "127.0.0.1")
    write_source(tmp_path / "sources", site)
    del site.resources["/gb/slow.html"]  # keep the test fast: a 404 instead of two timeouts
    args = ["update", "--store", str(tmp_path / "gazette.db"), "--rate", "0", "--timeout", "0.5",
            "--retries", "1", "--backoff", "0", "--max-bytes", "200000", "--sources", str(tmp_path / "sources"),
            "--site-dir", str(tmp_path / "site"), "fake"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output  # missing.html, slow.html (404) and huge.html failed
    assert "5 pages fetched, 5 stored" in result.output
    assert (tmp_path / "site" / "benxi" / "2021" / "02" / "index.html").is_file()
    again = CliRunner().invoke(main, args)
    assert "nothing new: site not rebuilt" in again.output


def test_source_files_are_validated(tmp_path: Path) -> None:
    good = 'name = "公报"\nlisting = "https://a.example/list.html"\n[issues]\nlinks = "ul a"\n'
    cases = {
        'name = "公报"\nlisting = "https://a.example/"\n[issues]\nlinks = "ul a"\nspeed = 1\n': "speed: unknown key",
        good + "[pagination]\nnext_page = \"a\"\n": "pagination.next_page: unknown key",
        'name = "公报"\nlisting = "ftp://a.example/"\n[issues]\nlinks = "ul a"\n': "listing: 'ftp://a.example/' is not",
        'name = "公报"\nlisting = "https://a.example/"\n': "issues.links: missing",
        'name = "公报"\nlisting = "https://a.example/"\n[issues]\nlinks = "ul >> a"\n': "issues.links: not a valid CSS",
        good + "[pagination]\npattern = \"https://a.example/list.html\"\n": "pagination.pattern: must contain {page}",
        good.replace('"ul a"', '"ul a"\ntext = "第(期"'): "issues.text: not a valid regular expression",
        "rate = -1\n" + good: "rate: expected seconds",
        "name = \n": "not valid TOML",
    }
    for n, (text, message) in enumerate(cases.items()):
        path = tmp_path / f"s{n}.toml"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(SourceError) as caught:
            load_source(path)
        assert str(caught.value).startswith(f"{path}: ") and message in str(caught.value), str(caught.value)
    (tmp_path / "ok.toml").write_text(good, encoding="utf-8")
    source = load_source(tmp_path / "ok.toml")
    assert source.slug == "ok" and source.listing == ("https://a.example/list.html",) and source.rate == 2.0


def test_example_source_is_valid() -> None:
    source = load_source(Path(__file__).resolve().parents[1] / "sources" / "example.toml")
    assert source.name == "青岚市人民政府公报" and source.content == "div.article"
