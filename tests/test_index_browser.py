"""search.js reads both forms of a posting list: exact ([Δdoc, weight, …]) and a common token's
({d, t}): the same documents are found either way (the ranking of common tokens is coarser)."""

from __future__ import annotations

import functools
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from scraper.search.index import write_index

from test_search_index import entry

ROOT = Path(__file__).resolve().parents[1]
SEARCH_JS = ROOT / "templates" / "overrides" / "assets" / "gazette" / "search.js"


def serve_index(root: Path, common: int | None) -> None:
    (root / "assets" / "gazette").mkdir(parents=True)
    shutil.copy(SEARCH_JS, root / "assets" / "gazette" / "search.js")
    (root / "index.html").write_text('<!doctype html><meta charset="utf-8"><script src="assets/gazette/search.js"></script>',
                                     encoding="utf-8")
    texts = ["推进医养结合，做好养老服务。", "做好物业管理区域的养老服务。", "加强电梯安全管理。", "养老服务设施建设。"]
    entries = [entry(n, f"关于第{n}项养老工作的通知" if n % 3 else "政府令", texts[n % 4]) for n in range(12)]
    write_index(entries, root / "search-index", common=common)


def results(page, url: str, query: str) -> list[int]:  # type: ignore[no-untyped-def]
    page.goto(url)
    page.wait_for_function("() => window.gazetteSearch !== undefined")
    found = page.evaluate("async (q) => (await window.gazetteSearch.search(q)).results.map((r) => r.doc)", query)
    return found


def test_common_posting_lists_find_the_same_documents(page, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    servers, bases = [], {}
    for name, common in (("exact", None), ("common", 2)):
        serve_index(tmp_path / name, common)
        server = ThreadingHTTPServer(("127.0.0.1", 0),
                                     functools.partial(SimpleHTTPRequestHandler, directory=str(tmp_path / name)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        bases[name] = f"http://127.0.0.1:{server.server_port}/"
    try:
        for query in ("养老服务", "物业管理", "电梯安全", "养老"):
            exact = results(page, bases["exact"], query)
            common = results(page, bases["common"], query)
            assert exact and sorted(exact) == sorted(common), query
    finally:
        for server in servers:
            server.shutdown()
