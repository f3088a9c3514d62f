"""Shared test data: paths of the seeds, hand-built records, and the built, served site."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from scraper.model import (
    Capture,
    CleanText,
    DocNumber,
    Document,
    Issue,
    Line,
    Notice,
    Page,
    Paragraph,
    Parsed,
    Removal,
    Table,
)

# The real material the tests read: ../shared beside the project, or where GAZETTE_SHARED says.
SHARED = Path(os.environ.get("GAZETTE_SHARED") or Path(__file__).resolve().parents[2] / "shared")
# The builds a run compares are made on one day: a suite that crosses midnight (UTC) would assess
# validity on two days and compare two honest but different sites (sitemap.xml.gz, statuses).
os.environ.setdefault("GAZETTE_BUILD_DAY", dt.datetime.now(dt.timezone.utc).date().isoformat())
if not (SHARED / "seeds" / "gold.json").is_file():
    raise pytest.UsageError(
        f"the tests read the seeds, fixtures and real pages in {SHARED}, which is not there: "
        "put the shared folder beside the project or set GAZETTE_SHARED to it"
    )
SEEDS = sorted((SHARED / "seeds").glob("*.txt"))
HTML_FIXTURES = sorted((SHARED / "fixtures" / "html").glob("*.html"))
SCHEMA_PATH = SHARED / "spec" / "export.schema.json"

BENXI_2021_2 = Issue("本溪市人民政府公报", 2021, 2, 116, dt.date(2021, 4, 28), "本溪市人民政府办公室", "simplified")


def number(agency: str, year: int | None, serial: int) -> DocNumber:
    """A DocNumber as docnumber.py spells it canonically."""
    canonical = f"{agency}〔{year}〕{serial}号" if year else f"{agency}第{serial}号"
    return DocNumber(canonical, agency, year, serial, canonical)


def make_doc(
    ordinal: int,
    title: str,
    doc_number: DocNumber | None = None,
    lines: tuple[str, ...] | None = None,
    office: str | None = "本溪市人民政府办公室",
    **fields: object,
) -> Document:
    """A document with plausible metadata; `lines` defaults to a text unique to the title."""
    body = lines or (f"{title}的正文第一段。", f"为做好{title}相关工作，现通知如下。", "(此件公开发布)")
    values: dict[str, object] = {
        "ordinal": ordinal,
        "title": title,
        "doc_number": doc_number,
        "office": office,
        "doc_type": "通知",
        "signed": dt.date(2021, 1, 12),
        "published": None,
        "recipients": "各自治县、区人民政府",
        "attachments": (),
        "script": "simplified",
        "lines": body,
        "blocks": tuple(Paragraph(line) for line in body),
    }
    values.update(fields)
    return Document(**values)  # type: ignore[arg-type]


def make_parsed(
    documents: tuple[Document, ...] | list[Document],
    issue: Issue | None = BENXI_2021_2,
    location: str = "benxi/2021-02.html",
    raw: bytes | None = None,
    captured: str = "2024-01-01T00:00:00+00:00",
) -> Parsed:
    """A Parsed as the pipeline would hand it over; raw bytes default to something per content."""
    data = raw if raw is not None else repr(tuple(documents)).encode("utf-8")
    capture = Capture(location, data, hashlib.sha256(data).hexdigest(), captured, "text/html")
    page = Page(location, "html", data.decode("utf-8", "replace"), "utf-8", "meta")
    clean = CleanText(
        location,
        tuple(Line(text) for d in documents for text in d.lines),
        removals=(Removal("hidden-style", "买球网址", 12),),
        notices=(Notice("toc-mismatch", "TOC lists 3, body holds 2", 5),),
    )
    return Parsed(capture, page, clean, issue, tuple(documents), clean.notices)


def benxi_docs() -> list[Document]:
    """Three documents of one issue: a 令 without year, two 通知 with 文号, one with a table."""
    return [
        make_doc(1, "本溪市住宅专项维修资金管理办法", number("政府令", None, 192), office="本溪市人民政府", doc_type="令"),
        make_doc(2, "本溪市人民政府办公室关于印发立法计划的通知", number("本政办发", 2021, 5),
                 attachments=("立法计划", "分工表")),
        make_doc(3, "本溪市人民政府办公室关于调整市政府领导同志工作分工的通知", number("本政办发", 2021, 12),
                 blocks=(Paragraph("分工如下："), Table((("姓名", "分工"), ("张三", "财政")))),
                 lines=("分工如下：", "姓名", "分工", "张三", "财政")),
    ]


def pipeline_ready() -> bool:
    """The stages are written by another developer; the real-page tests run once they work."""
    from scraper.pipeline import process_path

    try:
        process_path(SEEDS[0])
    except NotImplementedError:
        return False
    return True


@pytest.fixture
def docs() -> list[Document]:
    return benxi_docs()


# ---- the built site, served, and a browser (test_site.py, test_search_browser.py) ------------

HOSTILE_PAGE = Path(__file__).parent / "data" / "hostile.html"
EDITED_SENTENCE = ("请按照立法程序和计划安排组织实施。", "请各有关单位认真贯彻落实。")


@dataclass(frozen=True)
class Site:
    root: Path  # the built site folder
    store: Path
    url: str  # http://127.0.0.1:<port>/


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The seeds (text and HTML) and the hostile page ingested, then built once per session."""
    from click.testing import CliRunner

    from scraper.cli import main

    work = tmp_path_factory.mktemp("site")
    store, root = work / "gazette.db", work / "site"
    runner = CliRunner()
    paths = [str(p) for p in (*SEEDS, *HTML_FIXTURES, HOSTILE_PAGE)]
    ingest = runner.invoke(main, ["ingest", "--store", str(store), "--jobs", "1", *paths])
    assert ingest.exit_code == 0, ingest.output
    # A later capture of the first seed with one sentence edited: that document gets version 2.
    from scraper.pipeline import PIPELINE_VERSION, make_capture, process
    from scraper.store import Store as _Store

    raw = SEEDS[0].read_text("utf-8").replace(EDITED_SENTENCE[0], EDITED_SENTENCE[1])
    assert raw != SEEDS[0].read_text("utf-8")
    with _Store(store) as db:
        db.add(process(make_capture(SEEDS[0].name, raw.encode("utf-8"), "text/plain",
                                    "2030-01-01T00:00:00+00:00")), PIPELINE_VERSION)
    build = runner.invoke(main, ["build", "--store", str(store), "--site-dir", str(root)])
    assert build.exit_code == 0, build.output
    return root, store


@pytest.fixture(scope="session")
def site(built_site: tuple[Path, Path]) -> Iterator[Site]:
    """The built site served over HTTP on 127.0.0.1 (a thread of the test process)."""
    root, store = built_site

    class Quiet(SimpleHTTPRequestHandler):
        """Serves the site as a static host does, 404.html included."""

        def log_message(self, *args: object) -> None:
            pass

        def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
            page = root / "404.html"
            if code != 404 or not page.is_file():
                super().send_error(code, message, explain)
                return
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield Site(root, store, f"http://127.0.0.1:{server.server_port}/")
    server.shutdown()


CHROMIUM = Path("/usr/bin/chromium")


class _Chromium:
    """One Chromium for the session, launched again if it went away (a crash fails the test it
    happened in, not every browser test after it)."""

    def __init__(self, playwright: object) -> None:
        self.playwright, self.launched = playwright, None

    def get(self) -> object:
        if self.launched is None or not self.launched.is_connected():  # type: ignore[attr-defined]
            self.launched = self.playwright.chromium.launch(  # type: ignore[attr-defined]
                executable_path=str(CHROMIUM),
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                      "--disable-component-update", "--no-first-run", "--disable-sync"],
            )
        return self.launched


@pytest.fixture(scope="session")
def chromium() -> Iterator[_Chromium]:
    """Debian's headless Chromium; Playwright never downloads a browser here."""
    sync_api = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM.exists():
        pytest.fail("browser tests need Debian's chromium at /usr/bin/chromium (scripts/setup.sh installs it)")
    with sync_api.sync_playwright() as playwright:
        holder = _Chromium(playwright)
        yield holder
        if holder.launched is not None and holder.launched.is_connected():  # type: ignore[attr-defined]
            holder.launched.close()  # type: ignore[attr-defined]


@pytest.fixture()
def browser(chromium: _Chromium) -> object:
    return chromium.get()


@pytest.fixture()
def page(browser: object) -> Iterator[object]:
    context = browser.new_context()  # type: ignore[attr-defined]
    # Nothing on the site may reach another host: any such request fails the test that made it.
    outside: list[str] = []
    context.route(
        "**/*",
        lambda route: route.continue_() if route.request.url.startswith("http://127.0.0.1:")
        else (outside.append(route.request.url), route.abort()),
    )
    yield context.new_page()
    context.close()
    assert outside == [], f"requests to outside hosts: {outside}"
