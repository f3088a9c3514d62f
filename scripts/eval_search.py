#!/usr/bin/env python3
"""Score the site's search with queries made from the archive itself, typed into /search/?q=…

tests/search_queries.json is a fixed, hand-written set over the seeds. This script makes many more
queries from whatever store it is given (the synthetic samples, a real archive), the way readers
type them, and measures how often the right document is in the top 3 (文号 queries: first):

    phrase       a 4–8 character run of a document's text that at most 3 documents contain
    title        the title without its office prefix (关于…的通知 → …)
    traditional  the same title words converted to Traditional (OpenCC s2t)
    number       the canonical 文号, and a sloppy spelling (本政发2018 15, 黄政发 2019 14号)

Usage:
    python scripts/eval_search.py --store gazette.db --site site [--per-kind 60] [--seed 1]

It serves the built site on 127.0.0.1 and drives Debian's Chromium with Playwright.
"""

from __future__ import annotations

import argparse
import functools
import json
import random
import re
import statistics
import sys
import threading
import time
from collections import defaultdict
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import opencc  # noqa: E402

from scraper import ids  # noqa: E402
from scraper.search import tokens as T  # noqa: E402
from scraper.store import Store  # noqa: E402

TITLE_CORE = re.compile(r"关于(?:印发)?(.+?)(?:的(?:通知|意见|通报|批复|决定|报告|函))?$")


def make_queries(store_path: Path, per_kind: int, seed: int) -> list[dict]:
    """Queries with the documents that answer them, drawn at random (seeded)."""
    rng = random.Random(seed)
    docs = []
    with Store(store_path) as store:
        for record in store.latest_records():
            if record.status != "current":
                continue
            doc = record.document
            url = ids.document_url(record.doc_id, record.issue, ids.document_year(doc)).strip("/")
            docs.append((url, doc))
    texts = {url: T.normalize(doc.title + "\n" + doc.text) for url, doc in docs}
    s2t = opencc.OpenCC("s2t")
    queries: dict[str, list[dict]] = defaultdict(list)

    shuffled = docs[:]
    rng.shuffle(shuffled)
    for url, doc in shuffled:
        # phrase: a run of Han characters at most 3 documents hold
        lines = [line for line in doc.lines if len(line) > 20]
        for _ in range(5):
            if not lines or len(queries["phrase"]) >= per_kind:
                break
            line = T.normalize(rng.choice(lines))
            runs = [run for run in re.findall(r"[\u4e00-\u9fff]{4,}", line)]
            if not runs:
                continue
            run = rng.choice(runs)
            size = rng.randint(4, min(8, len(run)))
            start = rng.randint(0, len(run) - size)
            phrase = run[start : start + size]
            holders = [u for u, text in texts.items() if phrase in text]
            if len(holders) <= 3:
                queries["phrase"].append({"q": phrase, "expect": holders})
                break
        # title words
        core = TITLE_CORE.search(doc.title)
        words = core.group(1) if core else doc.title
        words = re.sub(r"^印发", "", words).strip("《》〈〉")
        if len(words) >= 4 and len(queries["title"]) < per_kind:
            holders = [u for u, d in docs if T.normalize(words) in T.normalize(d.title)]
            if len(holders) <= 3:
                queries["title"].append({"q": words, "expect": holders})
                if len(queries["traditional"]) < per_kind and doc.script == "simplified":
                    queries["traditional"].append({"q": s2t.convert(words), "expect": holders})
        # 文号, exact and sloppy
        number = doc.doc_number
        if number and number.year and len(queries["number"]) < per_kind:
            holders = [u for u, d in docs if d.doc_number and d.doc_number.canonical == number.canonical]
            if len(holders) == 1:
                sloppy = rng.choice([
                    f"{number.agency}{number.year} {number.serial}",
                    f"{number.agency} {number.year} {number.serial}号",
                    f"{number.agency}[{number.year}]{number.serial}号",
                    f"{number.agency}（{number.year}）{number.serial}号",
                ])
                queries["number"].append({"q": number.canonical, "expect": holders, "first": True})
                queries["number"].append({"q": sloppy, "expect": holders, "first": True})
    out = []
    for kind, items in queries.items():
        for item in items:
            out.append({"kind": kind, **item})
    return out


def run(site: Path, queries: list[dict]) -> dict:
    from playwright.sync_api import sync_playwright

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}/"
    by_kind: dict[str, list[bool]] = defaultdict(list)
    times: list[float] = []
    misses: list[dict] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        page = browser.new_page()
        for item in queries:
            started = time.perf_counter()
            page.goto(f"{base}search/?q={quote(item['q'])}")
            page.wait_for_selector("#gz-search[data-state=done]")
            times.append(time.perf_counter() - started)
            hrefs = page.eval_on_selector_all(".gz-result__title", "els => els.map(e => e.getAttribute('href'))")
            got = [href.replace(base, "").strip("/") for href in hrefs]
            top = got[:1] if item.get("first") else got[:3]
            hit = bool(set(top) & set(item["expect"]))
            by_kind[item["kind"]].append(hit)
            if not hit:
                misses.append({**item, "got": got[:3]})
        browser.close()
    server.shutdown()
    hits = sum(sum(v) for v in by_kind.values())
    return {
        "queries": len(queries),
        "right": hits,
        "share": round(hits / max(len(queries), 1), 3),
        "by_kind": {kind: f"{sum(v)}/{len(v)}" for kind, v in sorted(by_kind.items())},
        "median_ms": round(statistics.median(times) * 1000) if times else None,
        "max_ms": round(max(times) * 1000) if times else None,
        "misses": misses,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store", type=Path, default=ROOT / "gazette.db")
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--per-kind", type=int, default=60)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--show-misses", type=int, default=15)
    args = parser.parse_args()
    queries = make_queries(args.store, args.per_kind, args.seed)
    result = run(args.site, queries)
    misses = result.pop("misses")
    print(json.dumps(result, ensure_ascii=False, indent=1))
    for miss in misses[: args.show_misses]:
        print(f"miss [{miss['kind']}] {miss['q']!r}: expected {miss['expect'][:2]}, got {miss['got']}")


if __name__ == "__main__":
    main()
