"""Polite HTTP: robots.txt, a per-host rate limit, timeouts, retries with backoff, redirects
followed one hop at a time (each hop recorded), gzip, a size limit and conditional requests.

Every response the client receives, robots.txt's included, is handed to `on_exchange` as an
Exchange (the bytes as transferred, the request and both header lists) so the caller can keep it
in a WARC file. No I/O here besides HTTP: the store and the WARC writer are the caller's.
"""

from __future__ import annotations

import datetime as dt
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import urljoin, urlsplit
import os
from urllib.robotparser import RobotFileParser

import httpx

from .. import __version__

# Who is fetching, and how to reach them: set GAZETTE_CONTACT (a URL or an e-mail address) so a
# site's webmaster can write to the archive's operator instead of blocking it.
_CONTACT = os.environ.get("GAZETTE_CONTACT", "").strip()
USER_AGENT = (
    f"gazette/{__version__} (archival of public government gazettes"
    + (f"; +{_CONTACT}" if _CONTACT else "") + ")"
)
MAX_BYTES = 20 * 1024 * 1024  # as ingest's file limit: a bulletin page is rarely over 2 MB
REDIRECTS = (301, 302, 303, 307, 308)
MAX_REDIRECTS = 10

Outcome = Literal["ok", "not-modified", "http-error", "error", "robots", "too-large", "refused", "redirects"]
Validators = Callable[[str], "tuple[str | None, str | None, str | None] | None"]


@dataclass(frozen=True, slots=True)
class Exchange:
    """One request and the response it got, as the WARC keeps them."""

    url: str
    request_headers: tuple[tuple[str, str], ...]
    status: int
    reason: str
    http_version: str
    headers: tuple[tuple[str, str], ...]  # as received
    raw: bytes  # the body as transferred (content-coded; chunked framing removed)
    body: bytes  # the body decoded (gzip/deflate undone)
    truncated: bool  # stopped reading at the size limit
    fetched: str  # ISO 8601 UTC, when the response started

    def header(self, name: str) -> str | None:
        name = name.lower()
        return next((value for key, value in self.headers if key.lower() == name), None)


@dataclass(slots=True)
class FetchResult:
    """What became of one URL: the final response's body, or why there is none."""

    url: str
    outcome: Outcome
    message: str = ""
    final_url: str = ""
    status: int | None = None
    body: bytes = b""
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    fetched: str = ""
    exchanges: list[Exchange] = field(default_factory=list)  # every hop and retry, in order
    retries: int = 0


class PoliteClient:
    """One crawler's HTTP client. Use as a context manager, or call close()."""

    def __init__(
        self,
        *,
        user_agent: str = USER_AGENT,
        rate: float = 2.0,
        timeout: float = 20.0,
        retries: int = 3,
        backoff: float = 1.0,
        max_bytes: int = MAX_BYTES,
        allowed_hosts: set[str] | None = None,
        on_exchange: Callable[[Exchange], None] | None = None,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ):
        self.user_agent = user_agent
        self.rate = rate
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.max_bytes = max_bytes
        self.allowed_hosts = allowed_hosts
        self.on_exchange = on_exchange
        self.host_rates: dict[str, float] = {}
        self.requests = 0  # HTTP requests sent, robots.txt's included
        self.bytes = 0  # body bytes received as transferred
        self._sleep = sleep
        self._last: dict[str, float] = {}
        self._robots: dict[str, RobotFileParser] = {}
        self._robots_trouble: dict[str, str] = {}  # origin → why its robots.txt forbids everything
        self._http = httpx.Client(
            headers={"User-Agent": user_agent, "Accept-Encoding": "gzip, deflate"},
            timeout=httpx.Timeout(timeout),
            follow_redirects=False,
            transport=transport,
            trust_env=False,  # no proxy from the environment: requests go where the URL says
        )

    def __enter__(self) -> PoliteClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    # ---- public -------------------------------------------------------------------------------

    def get(self, url: str, validators: Validators | None = None) -> FetchResult:
        """GET a URL politely, following redirects hop by hop; never raises for network trouble."""
        result = FetchResult(url, "error")
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            refused = self._refusal(current)
            if refused:
                result.outcome, result.message = refused
                return result
            known = validators(current) if validators else None
            headers = {}
            if known and known[0]:
                headers["If-None-Match"] = known[0]
            if known and known[1]:
                headers["If-Modified-Since"] = known[1]
            exchange, error = self._with_retries(current, headers, result)
            if exchange is None:
                result.outcome, result.message = "error", error
                return result
            result.final_url, result.status, result.fetched = current, exchange.status, exchange.fetched
            location = exchange.header("location")
            if exchange.status in REDIRECTS and location:
                current = urljoin(current, location.strip())
                continue
            return self._finish(result, exchange)
        result.outcome, result.message = "redirects", f"more than {MAX_REDIRECTS} redirects"
        return result

    def allowed(self, url: str) -> bool:
        """Whether robots.txt of the URL's host lets us fetch it (fetched once per host)."""
        return self._robots_for(url).can_fetch(self.user_agent, url)

    # ---- steps --------------------------------------------------------------------------------

    def _refusal(self, url: str) -> tuple[Outcome, str] | None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return "refused", f"not an http(s) URL: {url}"
        if self.allowed_hosts is not None and parts.hostname not in self.allowed_hosts:
            return "refused", f"host {parts.hostname} is not allowed in this run"
        if not self.allowed(url):
            return "robots", self._robots_trouble.get(_origin(url), "disallowed by robots.txt")
        return None

    def _finish(self, result: FetchResult, exchange: Exchange) -> FetchResult:
        result.content_type = exchange.header("content-type")
        result.etag = exchange.header("etag")
        result.last_modified = exchange.header("last-modified")
        if exchange.status == 304:
            result.outcome, result.message = "not-modified", "304 not modified"
        elif exchange.truncated:
            result.outcome = "too-large"
            result.message = f"over the {self.max_bytes:,} byte limit: stopped reading"
        elif exchange.status >= 400:
            result.outcome, result.message = "http-error", f"HTTP {exchange.status} {exchange.reason}".strip()
        elif exchange.status != 200:
            result.outcome, result.message = "http-error", f"HTTP {exchange.status} (expected 200)"
        else:
            result.outcome, result.body = "ok", exchange.body
        return result

    def _with_retries(
        self, url: str, headers: dict[str, str], result: FetchResult
    ) -> tuple[Exchange | None, str]:
        """One request, retried with exponential backoff on 5xx, timeouts and connection errors."""
        error = ""
        for attempt in range(self.retries + 1):
            if attempt:
                result.retries += 1
                self._sleep(self.backoff * 2 ** (attempt - 1))
            try:
                exchange = self._request(url, headers)
            except httpx.TimeoutException:
                error = f"timed out after {self.timeout:g} s"
                continue
            except httpx.TransportError as exc:
                error = f"connection failed: {type(exc).__name__}: {exc}".rstrip(": ")
                continue
            result.exchanges.append(exchange)
            if exchange.status >= 500 and attempt < self.retries:
                error = f"HTTP {exchange.status}"
                continue
            return exchange, ""
        if self.retries:
            error += f" ({self.retries + 1} attempts)"
        return None, error

    def _request(self, url: str, headers: dict[str, str]) -> Exchange:
        """One GET, waiting first for the host's rate limit; the body read up to the size limit."""
        host = urlsplit(url).netloc.lower()
        self._wait(host, url)
        fetched = _now()
        self.requests += 1
        try:
            with self._http.stream("GET", url, headers=headers) as response:
                raw = bytearray()
                truncated = False
                deadline = time.monotonic() + 3 * self.timeout  # a page dripping in byte by byte
                for chunk in response.iter_raw():
                    raw += chunk
                    if len(raw) > self.max_bytes:
                        truncated = True
                        break
                    if time.monotonic() > deadline:
                        raise httpx.ReadTimeout("page still arriving", request=response.request)
                kept = bytes(raw[: self.max_bytes]) if truncated else bytes(raw)
                body, too_big = _decode_body(kept, response.headers.get("content-encoding"), self.max_bytes)
                exchange = Exchange(
                    url=url,
                    request_headers=tuple(
                        (k.decode("latin-1"), v.decode("latin-1")) for k, v in response.request.headers.raw),
                    status=response.status_code,
                    reason=response.reason_phrase,
                    http_version=response.http_version,
                    headers=tuple((k.decode("latin-1"), v.decode("latin-1")) for k, v in response.headers.raw),
                    raw=kept,
                    body=body,
                    truncated=truncated or too_big,
                    fetched=fetched,
                )
        finally:
            self._last[host] = time.monotonic()
        self.bytes += len(exchange.raw)
        if self.on_exchange is not None:
            self.on_exchange(exchange)
        return exchange

    def _wait(self, host: str, url: str) -> None:
        delay = self.host_rates.get(host, self.rate)
        robots = self._robots.get(_origin(url))
        if robots is not None:
            crawl_delay = robots.crawl_delay(self.user_agent)
            if crawl_delay:
                delay = max(delay, float(crawl_delay))
        last = self._last.get(host)
        if last is not None:
            wait = delay - (time.monotonic() - last)
            if wait > 0:
                self._sleep(wait)

    def _robots_for(self, url: str) -> RobotFileParser:
        origin = _origin(url)
        parser = self._robots.get(origin)
        if parser is not None:
            return parser
        parser = RobotFileParser(origin + "/robots.txt")
        holder = FetchResult(parser.url, "error")
        exchange, error = self._with_retries(parser.url, {}, holder)
        # RFC 9309: a robots.txt that is missing (4xx) allows everything; one that cannot be
        # reached (5xx, network) forbids everything for now.
        if exchange is None or exchange.status >= 500:
            parser.disallow_all = True
            why = error if exchange is None else f"HTTP {exchange.status}"
            self._robots_trouble[origin] = f"robots.txt unreachable ({why}): nothing fetched from this host"
        elif exchange.status >= 400 or exchange.truncated:
            parser.allow_all = True
        elif exchange.status == 200:
            parser.parse(exchange.body.decode("utf-8", "replace").splitlines())
        else:  # a redirect for robots.txt is not followed here: treat as missing
            parser.allow_all = True
        parser.modified()
        self._robots[origin] = parser
        return parser


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc.lower()}"


def _decode_body(raw: bytes, encoding: str | None, limit: int) -> tuple[bytes, bool]:
    """Undo gzip/deflate, stopping at `limit` decoded bytes; (body, over the limit)."""
    coding = (encoding or "").strip().lower()
    if coding in ("", "identity"):
        return raw, False
    if coding in ("gzip", "x-gzip", "deflate"):
        wbits = 16 + zlib.MAX_WBITS if "gzip" in coding else zlib.MAX_WBITS
        try:
            inflater = zlib.decompressobj(wbits)
            body = inflater.decompress(raw, limit + 1)
        except zlib.error:
            if coding != "deflate":
                return raw, False
            try:  # servers send raw deflate as "deflate" too
                inflater = zlib.decompressobj(-zlib.MAX_WBITS)
                body = inflater.decompress(raw, limit + 1)
            except zlib.error:
                return raw, False
        return body[:limit], len(body) > limit
    return raw, False  # an encoding we did not ask for: keep the bytes as they came


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()
