#!/usr/bin/env python3
"""Measure our static search index against Pagefind's, over the same documents and queries.

    .venv/bin/pip install 'pagefind[extended]'   # the extended binary segments Chinese
    .venv/bin/python scripts/compare_search.py [--store gazette.db]
        [--queries tests/search_queries.json] [--out /tmp/compare] [--repeat 3] [--shown 10]

Both indexes are built from the same SearchEntry records (the ones the site build indexes:
scraper.site.pages.search_entries over the store's latest records).

Build (one run each):
  ours      write_index() in a fresh Python process: wall time, CPU time, peak RSS of that process
            (interpreter + records + build; also its RSS before the build) and tracemalloc's peak
            during write_index alone.
  pagefind  PagefindIndex with add_custom_record(content=title + text, language="zh", meta, filters,
            sort) and write_files(): wall time as the Python API gives it (its service wrapper
            polls the binary's replies every 100 ms, one reply per poll, so wall time grows by
            ~0.1 s per record), and the binary's own CPU time (RUSAGE_CHILDREN) and peak RSS (also
            its RSS once started, before any record).
            Its "files written" step includes waiting (>= 0.3 s) for the files to settle: see settled().
  both      files and bytes in the folder each one writes (ours: search-index/; Pagefind:
            pagefind/, which also holds its JS, WebAssembly and UI files: "index data" leaves
            those out). search.js is listed apart.
  Peak RSS is VmHWM from /proc/<pid>/status, not ru_maxrss: a child forked from this script
  inherits the script's ru_maxrss across exec, so ru_maxrss would report this script's size.
  Our process's RSS before the build is mostly opencc's dictionaries (imported by tokens.py).

Queries (tests/search_queries.json), in Debian's Chromium through Playwright, every query in a
fresh browser context (a cold cache), --repeat times:
  ours      search/?q=… : a bare page with search.js; done when #gz-search[data-state=done]. The
            page renders the first 10 results (search-page.js PAGE_SIZE), fetching their cards.
  pagefind  pagefind.html?q=… : imports /pagefind/pagefind.js, awaits pagefind.search(q) and then
            data() of the first --shown results (default 10, as many as our page renders, so both
            download the same number of result cards).
  hit       an expected document among the first 3 results (the first one for "first" queries).
  ms        performance.now() when the results are ready = ms since navigation start: page,
            scripts (and Pagefind's WebAssembly), index files, result cards. Median over repeats.
  bytes     sum of response body sizes (len(response.body())) of every request the page made,
            as served by Python's http.server (no Content-Encoding). "gz" is the same with every
            response that gzip would shrink counted gzipped: what a server compressing text
            (HTML, JS, JSON, wasm) would send. Our index files and Pagefind's pf_* files are
            already gzip, so that only changes the page and the code.

Everything is served by http.server on 127.0.0.1; Chromium runs with background networking off
and a host-resolver rule that resolves no other host, and any response from elsewhere is reported.
Prints a table and writes <out>/compare.json.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import gzip
import json
import multiprocessing
import resource
import shutil
import statistics
import sys
import threading
import time
import tracemalloc
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scraper.search.entry import SearchEntry  # noqa: E402
from scraper.search.index import write_index  # noqa: E402

SEARCH_JS = ROOT / "templates/overrides/assets/gazette/search.js"  # the engine
SEARCH_PAGE_JS = SEARCH_JS.with_name("search-page.js")  # the page built on it
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
TIMEOUT_MS = 30_000

# Records the moment the search page marks the results done (the scripts themselves are not changed).
OURS_PAGE = """<!doctype html><meta charset=utf-8><title>ours</title><link rel=icon href="data:,">
<div id="gz-search"></div>
<script>
  new MutationObserver((_, observer) => {
    if (document.getElementById("gz-search").dataset.state === "done") {
      window.__doneAt = performance.now();
      observer.disconnect();
    }
  }).observe(document.getElementById("gz-search"), { attributes: true });
</script>
<script src="../assets/gazette/search.js"></script>
<script src="../assets/gazette/search-page.js"></script>
"""

PAGEFIND_PAGE = """<!doctype html><meta charset=utf-8><title>pagefind</title><link rel=icon href="data:,">
<div id="pf"></div>
<script type="module">
  const root = document.getElementById("pf");
  try {
    const q = new URLSearchParams(location.search).get("q") || "";
    const pagefind = await import("/pagefind/pagefind.js");
    const search = await pagefind.search(q);
    const shown = await Promise.all(search.results.slice(0, SHOWN).map((r) => r.data()));
    window.__result = { count: search.results.length, urls: shown.map((d) => d.url),
                        titles: shown.map((d) => d.meta.title) };
    window.__doneAt = performance.now();
    root.dataset.state = "done";
  } catch (error) {
    window.__result = { error: String(error) };
    root.dataset.state = "error";
  }
</script>
"""


# ---- records -----------------------------------------------------------------------------

def load_entries(store_path: Path) -> list[SearchEntry]:
    """The records the site build indexes, from the store's latest versions."""
    from scraper.site.pages import build_site, search_entries
    from scraper.store import Store

    return search_entries(build_site(Store(str(store_path)).latest_records()))


def folder_size(path: Path) -> tuple[int, int]:
    files = [p for p in path.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


# ---- building ----------------------------------------------------------------------------

def peak_rss_mb(pid: int | str = "self") -> float | None:
    """The process's peak resident set since its last exec (VmHWM), in MB; None off Linux."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def _build_ours_child(entries: list[SearchEntry], out_dir: str) -> dict[str, Any]:
    """Runs in a fresh process, so its peak RSS is the build's (plus the interpreter's).

    Timed and measured untraced; then built once more under tracemalloc (which slows Python
    down) for the peak of the Python heap during write_index alone.
    """
    idle = peak_rss_mb()
    before = resource.getrusage(resource.RUSAGE_SELF)
    started = time.perf_counter()
    stats = write_index(entries, Path(out_dir))
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_SELF)
    peak = peak_rss_mb()
    tracemalloc.start()
    write_index(entries, Path(out_dir))
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "wall_s": wall,
        "cpu_s": (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime),
        "peak_rss_mb": peak,
        "rss_before_build_mb": idle,
        "python_heap_peak_mb": traced_peak / 2**20,
        "tokens": stats.tokens,
        "shards": stats.shards,
    }


def build_ours(entries: list[SearchEntry], out_dir: Path) -> dict[str, Any]:
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        result = pool.apply(_build_ours_child, (entries, str(out_dir)))
    result["files"], result["bytes"] = folder_size(out_dir)
    result["data_files"], result["data_bytes"] = result["files"], result["bytes"]
    return result


async def _pagefind_write(entries: list[SearchEntry], out_dir: Path) -> tuple[dict[str, float], dict[str, Any]]:
    from pagefind.index import PagefindIndex

    steps: dict[str, Any] = {"started": time.perf_counter()}
    async with PagefindIndex() as index:
        steps["service_up"] = time.perf_counter()
        pid = index._service._backend.pid  # noqa: SLF001
        rss = {"rss_before_build_mb": peak_rss_mb(pid)}
        for e in entries:
            meta = {"title": e.title}
            if e.number:
                meta["number"] = e.number
            filters = {name: [str(value)] for name, value in
                       (("gazette", e.gazette), ("year", e.year), ("office", e.office), ("genre", e.genre))
                       if value is not None}
            await index.add_custom_record(
                url="/" + e.url,
                content=e.title + "\n" + e.text,
                language="zh",
                meta=meta,
                filters=filters,
                sort={"date": e.date} if e.date else None,
            )
        steps["records_added"] = time.perf_counter()
        await index.write_files(output_path=str(out_dir))
        await settled(out_dir)
        steps["files_written"] = time.perf_counter()
        rss["peak_rss_mb"] = peak_rss_mb(pid)
        # Leaving the context writes the files again (the API's default): skip that.
        await index._service.close()  # noqa: SLF001
        index._service = None  # noqa: SLF001
    steps["closed"] = time.perf_counter()
    names = list(steps)
    return {f"{b}_s": steps[b] - steps[a] for a, b in zip(names, names[1:])}, rss


async def settled(out_dir: Path, quiet_s: float = 0.3, limit_s: float = 30) -> None:
    """Wait until the written files stop changing.

    The binary answers WriteFiles before its (tokio) writes have reached the disk: closing the
    service at once leaves empty or cut files (seen: an empty pagefind-entry.json).
    """
    def snapshot() -> dict[str, int]:
        return {str(p): p.stat().st_size for p in out_dir.rglob("*") if p.is_file()}

    deadline = time.perf_counter() + limit_s
    last = snapshot()
    while time.perf_counter() < deadline:
        await asyncio.sleep(quiet_s)
        now = snapshot()
        if now == last and now and all(now.values()):
            return
        last = now
    raise RuntimeError(f"Pagefind's output in {out_dir} did not settle within {limit_s} s")


def build_pagefind(entries: list[SearchEntry], out_dir: Path) -> dict[str, Any]:
    """Runs before any other child process: its CPU time is RUSAGE_CHILDREN's growth."""
    from pagefind.service import get_executable

    executable = get_executable()
    if executable is None or "extended" not in executable.name:
        raise SystemExit(f"need the extended Pagefind binary (pip install 'pagefind[extended]'), got {executable}")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    steps, rss = asyncio.run(_pagefind_write(entries, out_dir))
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    json.loads((out_dir / "pagefind-entry.json").read_text(encoding="utf-8"))  # complete?
    files, size = folder_size(out_dir)
    data = [p for p in out_dir.rglob("*") if p.is_file() and not is_pagefind_code(p)]
    return {
        "binary": str(executable),
        "wall_s": wall,
        "steps": steps,
        "cpu_s": (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime),
        **rss,
        "files": files,
        "bytes": size,
        "data_files": len(data),
        "data_bytes": sum(p.stat().st_size for p in data),
    }


def is_pagefind_code(path: Path) -> bool:
    """Pagefind's JS, CSS and WebAssembly, as opposed to the index proper."""
    return path.suffix in (".js", ".css") or path.name.startswith("wasm.")


# ---- serving and querying ----------------------------------------------------------------

class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args: Any) -> None:
        pass


def serve(root: Path) -> tuple[ThreadingHTTPServer, str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}/"


def gz_size(body: bytes) -> int:
    return min(len(body), len(gzip.compress(body, 6)))


def run_query(browser: Any, url: str, engine: str, base: str) -> dict[str, Any]:
    """One cold load: a fresh context (empty cache), the results, the time, the bytes."""
    context = browser.new_context()
    page = context.new_page()
    responses: list[Any] = []
    errors: list[str] = []
    page.on("response", lambda response: responses.append(response))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    try:
        page.goto(url)
        if engine == "ours":
            page.wait_for_selector("#gz-search[data-state=done]", state="attached", timeout=TIMEOUT_MS)
            hrefs = page.eval_on_selector_all(".gz-result__title", "els => els.map(e => e.href)")
            titles = page.eval_on_selector_all(".gz-result__title", "els => els.map(e => e.textContent)")
            urls = [h.removeprefix(base) for h in hrefs]
            count = None
        else:
            page.wait_for_selector("#pf[data-state]", state="attached", timeout=TIMEOUT_MS)
            result = page.evaluate("window.__result")
            if "error" in result:
                errors.append(result["error"])
            urls = [u.lstrip("/") for u in result.get("urls", [])]
            titles = result.get("titles", [])
            count = result.get("count")
        done_ms = page.evaluate("window.__doneAt ?? null")
        page.wait_for_load_state("networkidle")
        bodies: list[tuple[str, bytes]] = []
        for response in responses:
            try:
                bodies.append((response.url, response.body()))
            except Exception:  # a redirect or an aborted request has no body
                bodies.append((response.url, b""))
    finally:
        context.close()
    return {
        "urls": urls,
        "titles": titles,
        "count": count,
        "ms": done_ms,
        "requests": len(bodies),
        "bytes": sum(len(b) for _, b in bodies),
        "bytes_gz": sum(gz_size(b) for _, b in bodies),
        "files": [[u.removeprefix(base), len(b)] for u, b in bodies],
        "foreign": [u for u, _ in bodies if not u.startswith(base)],
        "errors": errors,
    }


def run_queries(site: Path, queries: list[dict[str, Any]], url_to_id: dict[str, str],
                repeat: int) -> dict[str, list[dict[str, Any]]]:
    from playwright.sync_api import sync_playwright

    server, base = serve(site)
    pages = {"ours": base + "search/?q=", "pagefind": base + "pagefind.html?q="}
    out: dict[str, list[dict[str, Any]]] = {"ours": [], "pagefind": []}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for item in queries:
                for engine, prefix in pages.items():
                    runs = [run_query(browser, prefix + quote(item["q"]), engine, base) for _ in range(repeat)]
                    first = runs[0]
                    ids = [url_to_id.get(u, u) for u in first["urls"]]
                    need = ids[:1] if item.get("first") else ids[:3]
                    out[engine].append({
                        "q": item["q"],
                        "kind": item.get("kind"),
                        "first": bool(item.get("first")),
                        "expect": item["expect"],
                        "hit": any(x in item["expect"] for x in need),
                        "top": ids[:3],
                        "top_titles": first["titles"][:3],
                        "results_count": first["count"],
                        "ms": statistics.median(r["ms"] for r in runs if r["ms"] is not None)
                        if any(r["ms"] is not None for r in runs) else None,
                        "ms_runs": [r["ms"] for r in runs],
                        "requests": first["requests"],
                        "files": first["files"],
                        "bytes": first["bytes"],
                        "bytes_gz": first["bytes_gz"],
                        "foreign": sorted({u for r in runs for u in r["foreign"]}),
                        "errors": sorted({e for r in runs for e in r["errors"]}),
                    })
            browser.close()
    finally:
        server.shutdown()
    return out


# ---- report ------------------------------------------------------------------------------

def summary(rows: list[dict[str, Any]], build: dict[str, Any]) -> dict[str, Any]:
    ms = [r["ms"] for r in rows if r["ms"] is not None]
    return {
        "hits": sum(r["hit"] for r in rows),
        "queries": len(rows),
        "ms_median": statistics.median(ms) if ms else None,
        "ms_max": max(ms) if ms else None,
        "bytes_median": statistics.median(r["bytes"] for r in rows),
        "bytes_max": max(r["bytes"] for r in rows),
        "bytes_gz_median": statistics.median(r["bytes_gz"] for r in rows),
        "bytes_gz_max": max(r["bytes_gz"] for r in rows),
        "requests_median": statistics.median(r["requests"] for r in rows),
        "requests_max": max(r["requests"] for r in rows),
        "build": build,
    }


def kb(n: float) -> str:
    return f"{n / 1024:.1f}"


def ms(n: float | None) -> str:
    return "?" if n is None else f"{n:.0f}"


def print_report(result: dict[str, Any]) -> None:
    ours, pf = result["queries"]["ours"], result["queries"]["pagefind"]
    width = max(len(r["q"]) for r in ours) + 2
    print(f"\n{'query':<{width}}  ours  pf     ms ours/pf    KB ours/pf   KB gz ours/pf")
    for a, b in zip(ours, pf):
        mark = lambda r: " hit" if r["hit"] else "MISS"  # noqa: E731
        pad = width - sum(2 if ord(c) > 0x2e7f else 1 for c in a["q"])  # CJK is two columns wide
        print(f"{a['q']}{' ' * pad}  {mark(a)}  {mark(b)}  {ms(a['ms']):>5}/{ms(b['ms']):<5}  "
              f"{kb(a['bytes']):>6}/{kb(b['bytes']):<6}  {kb(a['bytes_gz']):>6}/{kb(b['bytes_gz']):<6}")
    print()
    s = result["summary"]
    for engine, label in (("ours", "ours"), ("pagefind", "Pagefind")):
        t = s[engine]
        bld = t["build"]
        print(f"{label:9} hits {t['hits']}/{t['queries']}   time to results median {ms(t['ms_median'])} ms, "
              f"max {ms(t['ms_max'])} ms   cold query median {kb(t['bytes_median'])} KB "
              f"(gz {kb(t['bytes_gz_median'])}), max {kb(t['bytes_max'])} KB (gz {kb(t['bytes_gz_max'])}), "
              f"requests median {t['requests_median']:.0f}")
        print(f"{'':9} build {bld['wall_s']:.2f} s wall, {bld['cpu_s']:.2f} s CPU, peak RSS "
              f"{bld['peak_rss_mb']:.0f} MB (before build {bld['rss_before_build_mb']:.0f} MB)   output {bld['files']} files, {kb(bld['bytes'])} KB; "
              f"index data {bld['data_files']} files, {kb(bld['data_bytes'])} KB")
        if "steps" in bld:
            print(f"{'':9} (wall: " + ", ".join(f"{k[:-2].replace('_', ' ')} {v:.2f} s" for k, v in bld["steps"].items())
                  + ")")
    print(f"{'':9} (ours also serves search.js: {kb(result['search_js_bytes'])} KB; "
          f"tracemalloc peak of write_index {s['ours']['build']['python_heap_peak_mb']:.1f} MB)")
    misses = [(e, r) for e in ("ours", "pagefind") for r in result["queries"][e] if not r["hit"]]
    if misses:
        print("\nmisses:")
        for engine, r in misses:
            print(f"  {engine:8} {r['q']}  expected {r['expect']}  got {r['top']} {r['top_titles']}"
                  f"{'  (of ' + str(r['results_count']) + ')' if r['results_count'] is not None else ''}")
    problems = [(e, r["q"], r["errors"], r["foreign"]) for e in ("ours", "pagefind")
                for r in result["queries"][e] if r["errors"] or r["foreign"]]
    for engine, q, errors, foreign in problems:
        print(f"  {engine} {q}: errors {errors} foreign requests {foreign}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--store", type=Path, default=ROOT / "gazette.db")
    parser.add_argument("--queries", type=Path, default=ROOT / "tests/search_queries.json")
    parser.add_argument("--out", type=Path, default=Path("/tmp/compare"))
    parser.add_argument("--repeat", type=int, default=3, help="cold loads per query and engine (ms: median)")
    parser.add_argument("--shown", type=int, default=10, help="Pagefind results whose data() is loaded")
    args = parser.parse_args()

    if not args.store.exists():
        raise SystemExit(f"{args.store} not found: run bash scripts/demo.sh first")
    queries = json.loads(args.queries.read_text(encoding="utf-8"))["queries"]
    entries = load_entries(args.store)
    print(f"{len(entries)} documents, {len(queries)} queries")

    site = args.out / "site"
    shutil.rmtree(site, ignore_errors=True)
    site.mkdir(parents=True)
    build_pf = build_pagefind(entries, site / "pagefind")  # first: see its docstring
    build_ours_stats = build_ours(entries, site / "search-index")
    (site / "assets/gazette").mkdir(parents=True)
    shutil.copy(SEARCH_JS, site / "assets/gazette/search.js")
    shutil.copy(SEARCH_PAGE_JS, site / "assets/gazette/search-page.js")
    (site / "search").mkdir()
    (site / "search/index.html").write_text(OURS_PAGE, encoding="utf-8")
    (site / "pagefind.html").write_text(PAGEFIND_PAGE.replace("SHOWN", str(args.shown)), encoding="utf-8")

    url_to_id = {e.url: e.doc_id for e in entries}
    rows = run_queries(site, queries, url_to_id, args.repeat)
    result = {
        "documents": len(entries),
        "text_chars": sum(len(e.title) + len(e.text) for e in entries),
        "repeat": args.repeat,
        "pagefind_shown": args.shown,
        "search_js_bytes": SEARCH_JS.stat().st_size + SEARCH_PAGE_JS.stat().st_size,
        "summary": {"ours": summary(rows["ours"], build_ours_stats),
                    "pagefind": summary(rows["pagefind"], build_pf)},
        "queries": rows,
    }
    print_report(result)
    (args.out / "compare.json").write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"\nwrote {args.out / 'compare.json'}")


if __name__ == "__main__":
    main()
