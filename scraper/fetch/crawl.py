"""Listing pages → issue links → issue pages → WARC + store, resumably.

A run's queue lives in the store (fetch_queue): listing pages, issue pages and bare URLs, each
`queued` until it is `done`, `failed` or `skipped`. An interrupted run is continued by the next
`gazette fetch` with the same targets; a finished one is followed by a new run that asks the site
only for what changed (If-None-Match / If-Modified-Since from the store).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup

from .. import decode
from ..errors import GazetteError, StoreError
from ..pipeline import PIPELINE_VERSION, make_capture, process
from ..store import Store
from ..stored import QueuedUrl, WarcEntry
from .client import Exchange, FetchResult, PoliteClient
from .sources import Source, SourceError, find_source
from .warc import WarcWriter, read_at, sha256

FULL_DATE = re.compile(r"((?:19|20)\d{2})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})")
YEAR_ONLY = re.compile(r"((?:19|20)\d{2})\s*年")
URL_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})[-_/]?(0[1-9]|1[0-2])[-_/]?(0[1-9]|[12]\d|3[01])(?!\d)")


@dataclass(slots=True)
class FetchReport:
    """What one `gazette fetch` did."""

    run_id: int = 0
    resumed: bool = False
    listings: int = 0  # listing pages read
    pages: int = 0  # issue pages (and bare URLs) downloaded with status 200
    stored: int = 0  # of those, captures the store did not hold yet
    new_documents: int = 0
    new_versions: int = 0
    not_modified: int = 0  # 304 answers
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (url, why)
    failed: list[tuple[str, str]] = field(default_factory=list)
    requests: int = 0
    bytes: int = 0
    retries: int = 0
    seconds: float = 0.0
    warc_files: list[str] = field(default_factory=list)
    issues: set[str] = field(default_factory=set)  # issues with new versions
    finished: bool = False

    def total_line(self) -> str:
        state = "" if self.finished else " (run not finished: run the same command again to continue)"
        return (
            f"{self.requests} requests, {self.bytes:,} bytes in {self.seconds:.1f} s: "
            f"{self.listings} listing pages, {self.pages} pages fetched, {self.stored} stored "
            f"({self.new_documents} new documents, {self.new_versions} new versions), "
            f"{self.not_modified} unchanged (304), {len(self.skipped)} skipped, {len(self.failed)} failed"
            + state
        )


@dataclass(frozen=True, slots=True)
class Target:
    """A source (sources/<name>.toml) or a bare URL."""

    text: str
    source: Source | None


def resolve_targets(targets: list[str], sources_dir: Path) -> list[Target]:
    """Each argument as a source or a URL; SourceError names a bad one."""
    out = []
    for text in targets:
        if text.startswith(("http://", "https://")):
            out.append(Target(text, None))
        else:
            out.append(Target(text, find_source(text, sources_dir)))
    return out


class Crawler:
    """One fetch run over some targets, writing WARC records and captures into one store."""

    def __init__(
        self,
        store: Store,
        client: PoliteClient,
        warc_dir: Path,
        *,
        since: dt.date | None = None,
        echo: Callable[[str], None] = print,
        pipeline_version: str = PIPELINE_VERSION,
        source_rates: bool = True,
    ):
        self.store = store
        self.client = client
        self.warc_dir = warc_dir
        self.since = since
        self.echo = echo
        self.pipeline_version = pipeline_version
        self.source_rates = source_rates  # False: the client's own rate for every host
        self.report = FetchReport()
        self._writer = WarcWriter(warc_dir)
        self._sources: dict[str, Source] = {}
        self._role = "page"
        client.on_exchange = self._keep

    def run(self, targets: list[Target], limit: int | None = None) -> FetchReport:
        """Fetch until the run's queue is empty, or `limit` URLs were handled (then resumable)."""
        started = time.perf_counter()
        key = json.dumps({"targets": [t.text for t in targets], "since": _iso(self.since)}, ensure_ascii=False)
        run_id, resumed = self.store.open_fetch_run(key)
        self.report.run_id, self.report.resumed = run_id, resumed
        for target in targets:
            if target.source is None:
                self.store.enqueue(run_id, target.text, "page")
                continue
            source = target.source
            self._sources[source.slug] = source
            for url in source.listing:
                self.store.enqueue(run_id, url, "listing", source.slug, 1)
                if self.source_rates:
                    self.client.host_rates.setdefault(urlsplit(url).netloc.lower(), source.rate)
        if resumed:
            left = sum(item.state == "queued" for item in self.store.fetch_queue(run_id))
            self.echo(f"resuming fetch run {run_id}: {left} URLs still queued")
        handled = 0
        try:
            while limit is None or handled < limit:
                item = self.store.next_queued(run_id)
                if item is None:
                    self.store.finish_fetch_run(run_id)
                    self.report.finished = True
                    break
                self._handle(item)
                handled += 1
        finally:
            self._writer.close()
            self.report.requests += self.client.requests
            self.report.bytes += self.client.bytes
            self.report.seconds = time.perf_counter() - started
        return self.report

    # ---- one queued URL -------------------------------------------------------------------------

    def _handle(self, item: QueuedUrl) -> None:
        self._role = item.kind
        result = self.client.get(item.url, validators=self.store.validators)
        self.report.retries += result.retries
        if item.kind == "listing":
            state, note = self._listing(item, result)
        else:
            state, note = self._page(item, result)
        self.store.mark_queued(item.run_id, item.url, state, note)

    def _listing(self, item: QueuedUrl, result: FetchResult) -> tuple[str, str]:
        source = self._sources.get(item.source or "")
        if source is None:  # a resumed run whose source file is gone
            return self._fail(item.url, f"source {item.source!r} is not among this run's targets")
        if result.outcome == "not-modified":
            body = self._from_warc(result.final_url)
            if body is None:
                return self._fail(item.url, "304 for a listing we have no copy of")
            result.body = body
        elif result.outcome != "ok":
            if result.status == 404 and (item.page or 1) > 1:
                self.echo(f"{item.url}: end of the listing (404)")
                return "done", "end of listing"
            return self._outcome(item.url, result)
        else:  # a 304 next time reads this copy back from the WARC
            self.store.set_validators(result.final_url or item.url, result.etag, result.last_modified,
                                      sha256(result.body))
        self.report.listings += 1
        base = result.final_url or item.url
        soup = BeautifulSoup(self._text(base, result.body, result.content_type), "lxml")
        links, dated, old = self._issue_links(soup, base, source)
        queued = sum(self.store.enqueue(item.run_id, url, "issue", source.slug) for url in links)
        too_old = dated > 0 and old == dated
        if too_old:
            self.echo(f"{item.url}: every issue listed is older than {self.since}; not reading further pages")
        page = item.page or 1
        if page < source.max_pages and links and not too_old:
            for url in self._next_pages(soup, base, source, page):
                self.store.enqueue(item.run_id, url, "listing", source.slug, page + 1)
        self.echo(f"{item.url}: listing page {page}, {len(links)} issue links ({queued} queued)"
                  + (f", {old} older than {self.since} skipped" if old else ""))
        return "done", f"{len(links)} links"

    def _issue_links(self, soup: BeautifulSoup, base: str, source: Source) -> tuple[list[str], int, int]:
        links: list[str] = []
        dated = old = 0
        for element in soup.select(source.issue_links):
            anchor = element if element.name == "a" else element.find("a")
            if anchor is None or not anchor.get("href"):
                continue
            text = anchor.get_text(" ", strip=True)
            if source.link_text is not None and not source.link_text.search(text):
                continue
            url = urljoin(base, str(anchor["href"]).strip()).split("#", 1)[0]
            if not url.startswith(("http://", "https://")):
                continue
            if self.since is not None:
                parent = anchor.parent.get_text(" ", strip=True) if anchor.parent is not None else ""
                when = link_date(text, url, parent)
                if when is not None:
                    dated += 1
                    if when < self.since:
                        old += 1
                        continue
            if url not in links:
                links.append(url)
        return links, dated, old

    def _next_pages(self, soup: BeautifulSoup, base: str, source: Source, page: int) -> list[str]:
        found = []
        if source.next_page:
            anchor = soup.select_one(source.next_page)
            if anchor is not None and anchor.name != "a":
                anchor = anchor.find("a")
            if anchor is not None and anchor.get("href"):
                found.append(urljoin(base, str(anchor["href"]).strip()))
        if source.page_pattern:
            found.append(source.page_pattern.replace("{page}", str(source.first_page + page - 1)))
        return found

    def _page(self, item: QueuedUrl, result: FetchResult) -> tuple[str, str]:
        if result.outcome == "not-modified":
            self.report.not_modified += 1
            self.echo(f"{item.url}: unchanged (304)")
            return "done", "304"
        if result.outcome != "ok":
            return self._outcome(item.url, result)
        self.report.pages += 1
        url = result.final_url or item.url
        source = self._sources.get(item.source or "")
        if source is not None and source.content:
            soup = BeautifulSoup(self._text(url, result.body, result.content_type), "lxml")
            if soup.select_one(source.content) is None:
                return self._fail(item.url, f"no element matches issues.content {source.content!r}; not stored")
        capture = make_capture(url, result.body, result.content_type or "text/html", result.fetched or None)
        try:
            parsed = process(capture)
            added = self.store.add(parsed, self.pipeline_version)
        except (GazetteError, StoreError) as exc:
            return self._fail(item.url, str(exc).removeprefix(f"{url}: "))
        except Exception as exc:  # a stage's bug must not stop the run
            return self._fail(item.url, f"internal error: {type(exc).__name__}: {exc}")
        self.store.set_validators(url, result.etag, result.last_modified, capture.sha256)
        if not added.duplicate_capture:
            self.report.stored += 1
        self.report.new_documents += added.new_documents
        self.report.new_versions += added.new_versions
        if added.new_versions and added.issue_id:
            self.report.issues.add(added.issue_id)
        moved = f" (from {item.url})" if url != item.url else ""
        parts = [added.issue_id or "no issue", f"{added.documents} documents", f"{added.new_versions} new versions"]
        if added.duplicate_capture:
            parts.append("already stored")
        if added.suspect:
            parts.append(f"SUSPECT, held for an editor (gazette confirm {added.capture_id}): {added.suspect}")
        line = f"{url}{moved}: {len(result.body):,} bytes, {', '.join(parts)}"
        for notice in parsed.notices:
            line += f"; warning: {notice.message}"
        self.echo(line)
        return "done", "stored"

    # ---- helpers --------------------------------------------------------------------------------

    def _outcome(self, url: str, result: FetchResult) -> tuple[str, str]:
        if result.outcome in ("robots", "refused"):
            self.report.skipped.append((url, result.message))
            self.echo(f"skipped {url}: {result.message}")
            return "skipped", result.message
        return self._fail(url, result.message)

    def _fail(self, url: str, message: str) -> tuple[str, str]:
        self.report.failed.append((url, message))
        self.echo(f"FAILED {url}: {message}")
        return "failed", message

    def _keep(self, exchange: Exchange) -> None:
        """Every response but a 304 (which carries nothing new) goes into the WARC and its index."""
        if exchange.status == 304:
            return
        role = "robots" if exchange.url.endswith("/robots.txt") else self._role
        written = self._writer.write(exchange, role)
        if str(written.path) not in self.report.warc_files:
            self.report.warc_files.append(str(written.path))
        home = Path(self.store.path).resolve().parent
        where = written.path.resolve()
        relative = where.relative_to(home) if where.is_relative_to(home) else where
        self.store.add_warc_entry(WarcEntry(
            str(relative), written.offset, written.length, exchange.url, sha256(exchange.body),
            exchange.fetched, exchange.status))

    def _from_warc(self, url: str) -> bytes | None:
        """The last 200 body of a URL, read back from the WARC files through the store's index."""
        for entry in reversed(self.store.warc_entries(url)):
            if entry.status != 200:
                continue
            path = Path(entry.warc_file)
            if not path.is_absolute():
                path = Path(self.store.path).resolve().parent / path
            try:
                return read_at(path, entry.offset).payload
            except (OSError, ValueError):
                continue
        return None

    @staticmethod
    def _text(url: str, body: bytes, content_type: str | None) -> str:
        try:
            return decode.decode(make_capture(url, body, content_type or "text/html"), content_type).text
        except GazetteError:
            return body.decode("utf-8", "replace")


def link_date(text: str, url: str, around: str = "") -> dt.date | None:
    """The date a listing shows for a link: in its text, beside it, in its URL; a bare 2021年 in
    its text counts as that year's last day."""
    for pattern, where in ((FULL_DATE, text), (FULL_DATE, around), (URL_DATE, url)):
        found = pattern.search(where)
        if found:
            try:
                return dt.date(int(found[1]), int(found[2]), int(found[3]))
            except ValueError:
                pass
    year = YEAR_ONLY.search(text)
    return dt.date(int(year[1]), 12, 31) if year else None


def _iso(date: dt.date | None) -> str | None:
    return None if date is None else date.isoformat()


__all__ = ["Crawler", "FetchReport", "SourceError", "Target", "link_date", "resolve_targets"]
