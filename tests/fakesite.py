"""A fake gazette site on 127.0.0.1 for the fetch tests, built from the HTML fixtures.

/robots.txt forbids /private/; /gb/list.html and /gb/list_2.html list the issues (list_3 is a 404,
the end of the pattern pagination); issue pages in UTF-8, in GBK served as gb2312, gzip-encoded;
a redirect, a 404, a 500 that recovers, a page too slow to answer and a page over the size limit.
The server logs every request (headers included) and every response body it sent.
"""

from __future__ import annotations

import gzip
import hashlib
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx

from conftest import HTML_FIXTURES

LAST_MODIFIED = "Wed, 28 Apr 2021 08:00:00 GMT"


@dataclass
class Resource:
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    location: str | None = None
    fail_first: int = 0  # answer 500 this many times first
    delay: float = 0.0  # seconds before answering
    gzip: bool = False
    validators: bool = True  # ETag + Last-Modified, and 304 on a match


@dataclass
class Sent:
    path: str
    status: int
    body: bytes  # the bytes on the wire after the headers
    headers: dict[str, str] = field(default_factory=dict)


def fixture(index: int) -> bytes:
    return HTML_FIXTURES[index].read_bytes()


def gbk_page() -> bytes:
    """Fixture 1 re-encoded as GB18030; its <meta> still says utf-8: only the HTTP header is right."""
    return fixture(1).decode("utf-8").encode("gb18030")


def listing(links: list[tuple[str, str]], next_page: str | None) -> bytes:
    items = "".join(f'<li><a href="{href}">{text}</a> <span>2021-04-28</span></li>' for href, text in links)
    more = f'<a class="next" href="{next_page}">下一页</a>' if next_page else ""
    return (f'<html><head><meta charset="utf-8"><title>政府公报</title></head><body>'
            f'<ul class="gb-list">{items}</ul><div class="pages">{more}</div></body></html>').encode()


def build_resources() -> dict[str, Resource]:
    big = b"<html><body>" + "很长的页面。".encode() * 40_000 + b"</body></html>"
    return {
        "/robots.txt": Resource(b"User-agent: *\nDisallow: /private/\n", "text/plain", validators=False),
        "/gb/list.html": Resource(listing([
            ("issue-0.html", "2021年第2期"),
            ("issue-1.html", "2019年第6期"),
            ("old-2.html", "第3期（旧地址）"),
            ("missing.html", "第4期"),
            ("flaky.html", "第5期"),
            ("/private/secret.html", "内部第1期"),
            ("http://example.gov.cn/outside.html", "外站第1期"),
            ("about.html", "关于我们"),  # filtered out by the link-text rule
        ], "list_2.html")),
        "/gb/list_2.html": Resource(listing([
            ("slow.html", "第6期"),
            ("huge.html", "第7期"),
            ("issue-4.html", "第8期"),
        ], None)),
        "/gb/issue-0.html": Resource(fixture(0)),
        "/gb/issue-1.html": Resource(gbk_page(), "text/html; charset=gb2312"),
        "/gb/old-2.html": Resource(b"", status=301, location="/gb/issue-2.html", validators=False),
        "/gb/issue-2.html": Resource(fixture(2)),
        "/gb/flaky.html": Resource(fixture(3), fail_first=1),
        "/gb/slow.html": Resource(fixture(2), delay=1.0),
        "/gb/huge.html": Resource(big),
        "/gb/issue-4.html": Resource(fixture(4), gzip=True),
        "/private/secret.html": Resource(fixture(0)),
    }


class FakeSite:
    """The server, its resources (change them between runs) and its logs."""

    def __init__(self) -> None:
        self.resources = build_resources()
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.sent: list[Sent] = []
        self._failures: dict[str, int] = {}
        self._lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802
                site.handle(self)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> FakeSite:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def paths(self) -> list[str]:
        return [path for path, _ in self.requests]

    def handle(self, handler: BaseHTTPRequestHandler) -> None:
        path = handler.path.split("?", 1)[0]
        headers = {k: v for k, v in handler.headers.items()}
        with self._lock:
            self.requests.append((path, headers))
        resource = self.resources.get(path)
        if resource is None:
            return self._send(handler, path, 404, b"<html><body>404 Not Found</body></html>", {})
        if resource.delay:
            time.sleep(resource.delay)
        with self._lock:
            failures = self._failures.get(path, 0)
            if failures < resource.fail_first:
                self._failures[path] = failures + 1
                fail = True
            else:
                fail = False
        if fail:
            return self._send(handler, path, 500, b"<html><body>500 Internal Server Error</body></html>", {})
        out: dict[str, str] = {"Content-Type": resource.content_type}
        if resource.location:
            out["Location"] = resource.location
        if resource.validators:
            etag = '"' + hashlib.sha256(resource.body).hexdigest()[:16] + '"'
            out["ETag"] = etag
            out["Last-Modified"] = LAST_MODIFIED
            if headers.get("If-None-Match") == etag or (
                    "If-None-Match" not in headers and headers.get("If-Modified-Since") == LAST_MODIFIED):
                return self._send(handler, path, 304, b"", {"ETag": etag})
        body = resource.body
        if resource.gzip and "gzip" in headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, mtime=0)
            out["Content-Encoding"] = "gzip"
        self._send(handler, path, resource.status, body, out)

    def _send(self, handler: BaseHTTPRequestHandler, path: str, status: int, body: bytes,
              headers: dict[str, str]) -> None:
        handler.send_response(status)
        for key, value in headers.items():
            handler.send_header(key, value)
        if status != 304:
            handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        try:
            handler.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # the client stopped reading (size limit)
            pass
        with self._lock:
            self.sent.append(Sent(path, status, body, headers))


class RecordingTransport(httpx.HTTPTransport):
    """Records every host the client contacts and refuses any but 127.0.0.1."""

    def __init__(self) -> None:
        super().__init__()
        self.hosts: list[str] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.hosts.append(request.url.host)
        if request.url.host != "127.0.0.1":
            raise httpx.ConnectError(f"test transport refuses {request.url.host}", request=request)
        return super().handle_request(request)


def write_source(folder: Path, site: FakeSite, **extra: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "fake.toml"
    path.write_text(
        f'name = "测试市人民政府公报"\n'
        f'listing = ["{site.url}/gb/list.html"]\n'
        f"rate = 0\n"
        f"[pagination]\n"
        f'next = "a.next"\n'
        f'pattern = "{site.url}/gb/list_{{page}}.html"\n'
        f"first_page = 2\n"
        f"max_pages = 3\n"
        f"[issues]\n"
        f'links = "ul.gb-list li a"\n'
        f'text = "期"\n'
        + "".join(f"{key} = {value}\n" for key, value in extra.items()),
        encoding="utf-8",
    )
    return path
