"""What a first search costs a reader: index bytes, requests and results per query, cold cache.

    python scripts/query_bytes.py SITE_DIR [QUERY ...]

Serves a built site on 127.0.0.1, opens /search/?q=… for each query in a fresh Chromium context
and prints the bytes fetched from /search-index/ until the results are shown (and after the page
settles, which includes the filter counts loaded behind the results). Without queries it runs a
fixed mix: one character, two words, a phrase, a 文号, a filter alone.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path
from typing import Any
from urllib.parse import quote

DEFAULT = ["税", "养老服务 森林防火", '"综合监管"', "医疗卫生行业综合监管", "本政发〔2018〕15号", "genre=通知"]


def bench_site() -> Any:
    spec = importlib.util.spec_from_file_location("bench_site", Path(__file__).with_name("bench_site.py"))
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def query_url(base: str, query: str) -> str:
    """`genre=通知` style entries are filters alone; anything else is typed into q."""
    if "=" in query and not query.startswith('"'):
        key, value = query.split("=", 1)
        return f"{base}search/?{key}={quote(value)}"
    return f"{base}search/?q={quote(query)}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("queries", nargs="*")
    args = parser.parse_args(argv)
    bench = bench_site()
    from playwright.sync_api import sync_playwright

    print(f"{'query':<28} {'index KiB':>9} {'requests':>8} {'shown':>5}  first result")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=bench.CHROMIUM, args=["--no-sandbox"])
        with bench.serve(args.site) as base:
            for query in args.queries or DEFAULT:
                got = bench.first_query(browser, query_url(base, query), bench.ours_ready,
                                        lambda u: "/search-index/" in u)
                if "error" in got:
                    print(f"{query:<28} {got['error']}")
                    continue
                print(f"{query:<28} {got['index_bytes'] / 1024:>9.1f} {got['requests']:>8} {got['results']:>5}  "
                      f"{(got['first_href'] or '—').rstrip('/').rsplit('/', 1)[-1]}")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
