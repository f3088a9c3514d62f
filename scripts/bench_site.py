"""Benchmark: `gazette build` against plain mkdocs-material on the same documents, and first-query bytes.

Usage::

    python scripts/bench_site.py [--sizes 1000,5000] [--work /tmp/bench_site] [--seed 7]
                                 [--baseline-max 2000] [--repeat 1] [--no-browser]

For each size (a target number of documents) in a fresh folder ``<work>/n<size>/``:

1. ``scripts/make_samples.py`` pages (seeded; about 5.6 documents per issue page, so
   ``issues = 0.95 * size / 5.6`` and ``singles = 0.05 * size``), ingested with
   ``gazette ingest --jobs 0`` into a fresh store; the store's document count is what "per
   document" divides by.
2. **ours**: ``gazette build --store S --site-dir D`` (the project's mkdocs.yml, run from the repo
   root) in a wrapper process that reports wall time and ``getrusage(RUSAGE_CHILDREN).ru_maxrss``
   (the peak RSS of the build process). Then site size, page count, the search index's size, and
   ``scripts/check_links.py`` on the result.
3. **baselines**: every document of the store written as Markdown (``# title`` + one paragraph per
   text line) to ``baseline/docs/<year>/<doc id>.md`` plus a one-line ``index.md``, built with
   ``python -m mkdocs build`` under a minimal configuration: theme material, ``language: zh``,
   ``font: false``, the built-in ``search`` plugin.

   * ``default nav`` — no ``nav`` key, so MkDocs makes its DEFAULT navigation of every page, and
     every page renders it: quadratic. Skipped above ``--baseline-max`` documents (default 2000).
   * ``home nav`` — an explicit ``nav`` holding only the home page (always run): the same pages
     without the navigation cost.

   Material's search downloads ``search/search_index.json`` whole on the first query; its size is
   recorded raw and gzipped (what a compressing server would send).
4. **first query, cold cache** (Chromium via Playwright, ``/usr/bin/chromium``): the site served
   by ``http.server`` on 127.0.0.1, one fresh browser context per query, three queries taken from
   the generated text (a title topic, an existing 文号, a phrase of a document's body). Ours:
   navigate to ``/search/?q=…`` and wait for ``#gz-search[data-state=done]``; material (home-nav
   baseline): navigate to ``/?q=…``, wait for ``search_index.json`` and Material's result list.
   Bytes are the summed response bodies (as received) of every request of that page load, and
   separately of the index part (``/search-index/`` for ours, ``search_index.json`` for material);
   time is from navigation start to results shown.

Output: a table per size; ``growth`` is s/doc at the largest size ÷ s/doc at the smallest (target
≤ 1.2; start-up cost makes small sizes look dearer, so the marginal s/doc between the two sizes is
printed too); ``ours/base`` is ours ÷ baseline per document. Results go to ``<work>/bench_site.json``.
Smoke check: ``--sizes 200,1000``.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import importlib.util
import json
import os
import random
import re
import shutil
import subprocess
import sys
import threading
import time
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scraper.store import Store  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
DOCS_PER_ISSUE = 5.6  # make_samples: 3-8 documents per issue page (measured 5.61 over 100 issues)
SINGLES_SHARE = 0.05
MIB = 1024 * 1024
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1"}
# Runs a command (output to a log file) and prints its wall time and the peak RSS (KiB) of the
# largest process under it; a fresh wrapper per command, so earlier children do not count.
RSS_WRAPPER = (
    "import json, resource, subprocess, sys, time\n"
    "with open(sys.argv[1], 'ab') as log:\n"
    "    t = time.perf_counter()\n"
    "    done = subprocess.run(sys.argv[2:], stdout=log, stderr=subprocess.STDOUT)\n"
    "    s = time.perf_counter() - t\n"
    "print(json.dumps({'rc': done.returncode, 'seconds': s,\n"
    "                  'maxrss_kib': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))\n"
)
HAN_RUN = re.compile(r"[\u4e00-\u9fff]{4,8}")
MATERIAL_DONE = """() => {
  const meta = document.querySelector(".md-search-result__meta");
  return meta !== null && /结果/.test(meta.textContent);
}"""
NAV_NOTE = ("default nav = no `nav` key: MkDocs lists every page in the navigation and renders it "
            "into every page (quadratic); home nav = `nav: [首页: index.md]` only")


# ---------------------------------------------------------------- helpers


def load_module(name: str) -> ModuleType:
    """Import scripts/<name>.py as a module."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def tool(name: str) -> list[str]:
    """A console script of this venv (gazette, mkdocs)."""
    script = Path(sys.executable).parent / name
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", name]


def measured(cmd: list[str], log: Path, cwd: Path) -> dict[str, Any]:
    """Run cmd in a fresh wrapper: {'rc', 'seconds', 'maxrss_kib'}."""
    done = subprocess.run([sys.executable, "-c", RSS_WRAPPER, str(log), *cmd],
                          cwd=cwd, env=ENV, capture_output=True, text=True, check=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    if result["rc"] != 0:
        tail = log.read_text(errors="replace").strip().splitlines()[-15:]
        raise RuntimeError(f"{' '.join(cmd)} failed ({result['rc']}); {log}:\n" + "\n".join(tail))
    return result


def best_of(repeat: int, run: Any) -> dict[str, Any]:
    """The run with the least wall time of `repeat` runs (peak RSS: the largest seen)."""
    runs = [run() for _ in range(max(1, repeat))]
    best = min(runs, key=lambda r: r["seconds"])
    return {**best, "maxrss_kib": max(r["maxrss_kib"] for r in runs), "all_seconds": [r["seconds"] for r in runs]}


def tree_stats(folder: Path) -> dict[str, int]:
    files = pages = size = 0
    for dirpath, _dirs, names in os.walk(folder):
        for name in names:
            files += 1
            pages += name.endswith(".html")
            size += os.path.getsize(os.path.join(dirpath, name))
    return {"files": files, "html_pages": pages, "bytes": size}


# ---------------------------------------------------------------- data


def make_store(size: int, seed: int, folder: Path, generator: ModuleType) -> tuple[Path, dict[str, Any]]:
    """Generate about `size` documents of samples and ingest them into folder/store.db."""
    singles = max(1, round(size * SINGLES_SHARE))
    issues = max(1, round((size - singles) / DOCS_PER_ISSUE))
    samples = folder / "samples"
    started = time.perf_counter()
    paths = generator.generate(samples, issues, singles, seed)
    generated = time.perf_counter() - started
    store = folder / "store.db"
    log = folder / "ingest.log"
    result = subprocess.run([*tool("gazette"), "ingest", "--store", str(store), "--jobs", "0", str(samples)],
                            cwd=folder, env=ENV, stdout=log.open("wb"), stderr=subprocess.STDOUT)
    ingested = time.perf_counter() - started - generated
    with Store(store) as opened:
        documents = sum(1 for _ in opened.latest_records())
    info = {"issues": issues, "singles": singles, "files": len(paths), "documents": documents,
            "generate_seconds": round(generated, 2), "ingest_seconds": round(ingested, 2),
            "ingest_exit_code": result.returncode}
    if result.returncode != 0:
        print(f"  warning: ingest exit code {result.returncode} (some files rejected), see {log}")
    return store, info


def pick_queries(store_path: Path, seed: int, generator: ModuleType) -> list[dict[str, str]]:
    """Three queries typical of the synthetic text, all present in this store."""
    rng = random.Random(seed)
    with Store(store_path) as store:
        records = list(store.latest_records())
    docs = [r.document for r in records]
    titles = [d.title for d in docs]
    topics = [t for t, _dept in generator.TOPICS if any(t in title for title in titles)]
    topic = rng.choice(topics) if topics else titles[0][:4]
    numbered = [(r.document.doc_number.canonical, r.doc_id) for r in records if r.document.doc_number is not None]
    number, expect = rng.choice(numbered) if numbered else (titles[1][:6], "")
    phrases = [m.group(0) for d in rng.sample(docs, min(50, len(docs)))
               for line in d.lines[1:] for m in HAN_RUN.finditer(line)]
    phrase = rng.choice(phrases) if phrases else titles[2][:4]
    return [{"kind": "title word", "q": topic}, {"kind": "文号", "q": number, "expect": expect}, {"kind": "body phrase", "q": phrase}]


# ---------------------------------------------------------------- baselines


def markdown_escape(text: str) -> str:
    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", text)


def write_baseline_docs(store_path: Path, docs_dir: Path) -> int:
    """One Markdown file per document (# title + a paragraph per line) and a home page."""
    docs_dir.mkdir(parents=True)
    (docs_dir / "index.md").write_text("# 首页\n\n基线站点：每个文件一篇公文。\n", encoding="utf-8")
    count = 0
    with Store(store_path) as store:
        for record in store.latest_records():
            doc = record.document
            year = (record.issue.year if record.issue else None) or (doc.signed.year if doc.signed else "undated")
            folder = docs_dir / str(year)
            folder.mkdir(exist_ok=True)
            body = "\n\n".join(markdown_escape(line) for line in doc.lines if line.strip())
            (folder / f"{record.doc_id}.md").write_text(
                f"# {markdown_escape(doc.title)}\n\n{body}\n", encoding="utf-8")
            count += 1
    return count


def baseline_config(folder: Path, name: str, nav: bool) -> Path:
    lines = ["site_name: 基线", "docs_dir: docs", f"site_dir: site-{name}",
             "theme:", "  name: material", "  language: zh", "  font: false",
             "plugins:", "  - search"]
    if nav:
        lines += ["nav:", "  - 首页: index.md"]
    path = folder / f"mkdocs-{name}.yml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run_baseline(folder: Path, name: str, nav: bool, repeat: int, documents: int) -> dict[str, Any]:
    config = baseline_config(folder, name, nav)
    site = folder / f"site-{name}"
    log = folder / f"build-{name}.log"
    run = best_of(repeat, lambda: measured([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)],
                                           log, folder))
    index = site / "search" / "search_index.json"
    raw = index.read_bytes() if index.exists() else b""
    return {**run, "s_per_doc": run["seconds"] / documents, "site": tree_stats(site),
            "search_index_bytes": len(raw), "search_index_gzip_bytes": len(gzip.compress(raw, 6)),
            "site_dir": str(site)}


# ---------------------------------------------------------------- browser


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


def first_query(browser: Any, url: str, ready: Any, index_part: Any) -> dict[str, Any]:
    """Load url in a fresh context (cold cache); bytes and time until ready(page) returns."""
    context = browser.new_context()
    page = context.new_page()
    finished: list[Any] = []
    failed: list[str] = []
    errors: list[str] = []
    page.on("requestfinished", lambda r: finished.append(r))
    page.on("requestfailed", lambda r: failed.append(r.url))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    started = time.perf_counter()
    try:
        page.goto(url)
        results, first_href = ready(page)
        seconds = time.perf_counter() - started
        try:
            page.wait_for_load_state("networkidle", timeout=5000)
        except Exception:  # noqa: BLE001 - still report what was received
            pass
        total = index = 0
        bad_status = []
        for request in finished:
            body = request.sizes()["responseBodySize"]
            total += body
            if index_part(request.url):
                index += body
            response = request.response()
            if response is not None and response.status >= 400:
                bad_status.append(f"{response.status} {request.url}")
        return {"seconds": round(seconds, 3), "requests": len(finished), "total_bytes": total,
                "index_bytes": index, "results": results, "first_href": first_href, "failed": failed + bad_status,
                "console_errors": errors[:3]}
    except Exception as exc:  # noqa: BLE001 - a benchmark reports, the tests judge
        return {"error": f"{type(exc).__name__}: {exc}".splitlines()[0]}
    finally:
        context.close()


def ours_ready(page: Any) -> tuple[int, str | None]:
    page.wait_for_selector("#gz-search[data-state=done]", timeout=30000)
    hrefs = page.eval_on_selector_all(".gz-result__title", "els => els.map(e => e.getAttribute('href'))")
    return len(hrefs), (hrefs[0] if hrefs else None)


def material_ready(page: Any) -> tuple[int, str | None]:
    # The meta line reads "正在初始化搜索引擎" (or "键入以开始搜索") until the query has run.
    page.wait_for_function(MATERIAL_DONE, timeout=60000)
    try:  # the list fills in with the meta line
        page.wait_for_selector(".md-search-result__item", timeout=1000)
    except Exception:  # noqa: BLE001 - no results is a valid answer
        pass
    hrefs = page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => e.getAttribute('href'))")
    return len(hrefs), (hrefs[0] if hrefs else None)


def browse(ours_site: Path, material_site: Path | None, queries: list[dict[str, str]]) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    out: dict[str, Any] = {"ours": [], "material": []}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM,
                                    args=["--no-sandbox", "--disable-background-networking"])
        try:
            with serve(ours_site) as base:
                for item in queries:
                    out["ours"].append({**item, **first_query(
                        browser, f"{base}search/?q={quote(item['q'])}", ours_ready,
                        lambda u: "/search-index/" in u)})
            if material_site is not None:
                with serve(material_site) as base:
                    for item in queries:
                        out["material"].append({**item, **first_query(
                            browser, f"{base}?q={quote(item['q'])}", material_ready,
                            lambda u: u.split("?")[0].endswith("/search_index.json"))})
        finally:
            browser.close()
    return out


# ---------------------------------------------------------------- one size


def bench_size(size: int, args: argparse.Namespace, generator: ModuleType, checker: ModuleType) -> dict[str, Any]:
    folder = args.work / f"n{size}"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    print(f"== size {size}: generating and ingesting samples in {folder}", flush=True)
    store, data = make_store(size, args.seed, folder, generator)
    documents = data["documents"]
    print(f"   {documents} documents from {data['files']} files "
          f"(generate {data['generate_seconds']} s, ingest {data['ingest_seconds']} s)", flush=True)

    site = folder / "site"
    print("   gazette build …", flush=True)
    ours = best_of(args.repeat, lambda: measured(
        [*tool("gazette"), "build", "--store", str(store), "--site-dir", str(site)], folder / "build-ours.log", ROOT))
    ours["s_per_doc"] = ours["seconds"] / documents
    ours["site"] = tree_stats(site)
    ours["search_index"] = tree_stats(site / "search-index")
    links = checker.run(site)
    ours["check_links"] = {"pages": links.pages, "links": links.links, "broken": len(links.broken),
                           "seconds": round(links.seconds, 2), "first_broken": [str(b) for b in links.broken[:5]]}
    print(f"   ours: {ours['seconds']:.1f} s, {ours['site']['html_pages']} pages, "
          f"check_links {links.links} links / {len(links.broken)} broken", flush=True)

    base_folder = folder / "baseline"
    write_baseline_docs(store, base_folder / "docs")
    baselines: dict[str, Any] = {}
    print("   mkdocs-material baseline, home nav …", flush=True)
    baselines["home_nav"] = run_baseline(base_folder, "home-nav", True, args.repeat, documents)
    if documents <= args.baseline_max:
        print("   mkdocs-material baseline, default nav …", flush=True)
        baselines["default_nav"] = run_baseline(base_folder, "default-nav", False, 1, documents)
    else:
        baselines["default_nav"] = {"skipped": f"{documents} documents > --baseline-max {args.baseline_max}"}
        print(f"   default-nav baseline skipped ({baselines['default_nav']['skipped']})", flush=True)

    queries = pick_queries(store, args.seed, generator)
    browser: dict[str, Any] = {"skipped": "--no-browser"}
    if not args.no_browser:
        if not Path(CHROMIUM).exists():
            browser = {"skipped": f"{CHROMIUM} not found"}
        else:
            print(f"   first queries in Chromium: {[q['q'] for q in queries]}", flush=True)
            browser = browse(site, Path(baselines["home_nav"]["site_dir"]), queries)
    return {"size": size, "data": data, "ours": ours, "baselines": baselines,
            "queries": queries, "first_query": browser}


# ---------------------------------------------------------------- report


def fmt_kb(n: int | None) -> str:
    return "-" if n is None else f"{n / 1024:,.1f}"


def s_doc(entry: dict[str, Any]) -> Any:
    """Seconds per document, None for a skipped build."""
    return entry.get("s_per_doc")


def ms(x: float | None) -> str:
    return "-" if x is None else f"{x * 1000:.2f}"


def summary(results: list[dict[str, Any]]) -> dict[str, Any]:
    first, last = results[0], results[-1]
    out: dict[str, Any] = {}
    for name, get in (("ours", lambda r: r["ours"]), ("home_nav", lambda r: r["baselines"]["home_nav"]),
                      ("default_nav", lambda r: r["baselines"]["default_nav"])):
        a, b = get(first), get(last)
        if len(results) < 2 or s_doc(a) is None or s_doc(b) is None:
            out[name] = {"growth": None, "marginal_s_per_doc": None}
            continue
        da, db = first["data"]["documents"], last["data"]["documents"]
        out[name] = {"growth": s_doc(b) / s_doc(a),
                     "marginal_s_per_doc": (b["seconds"] - a["seconds"]) / (db - da) if db != da else None}
    out["ours_over_baseline"] = {
        str(r["data"]["documents"]): {name: (s_doc(r["ours"]) / s_doc(b) if s_doc(b) else None)
                                      for name, b in r["baselines"].items()}
        for r in results}
    return out


def print_report(results: list[dict[str, Any]], totals: dict[str, Any]) -> None:
    print()
    print("Build time (ms per document; wall time of the whole build ÷ documents in the store)")
    head = f"{'docs':>6} {'pages':>6} {'ours s':>7} {'ours':>7} {'home-nav':>9} {'dflt-nav':>9} " \
           f"{'ours/home':>9} {'ours/dflt':>9} {'RSS MiB':>8} {'site MiB':>8} {'links':>11}"
    print(head)
    for r in results:
        o, home, dflt = r["ours"], r["baselines"]["home_nav"], r["baselines"]["default_nav"]
        ratio_home = f"{s_doc(o) / s_doc(home):.2f}" if s_doc(home) else "-"
        ratio_dflt = f"{s_doc(o) / s_doc(dflt):.2f}" if s_doc(dflt) else "-"
        links = o["check_links"]
        print(f"{r['data']['documents']:>6} {o['site']['html_pages']:>6} {o['seconds']:>7.1f} {ms(s_doc(o)):>7} "
              f"{ms(s_doc(home)):>9} {ms(s_doc(dflt)):>9} {ratio_home:>9} {ratio_dflt:>9} "
              f"{o['maxrss_kib'] / 1024:>8.0f} {o['site']['bytes'] / MIB:>8.1f} "
              f"{links['broken']:>4}/{links['links']:<6}")
    for r in results:
        for name, b in r["baselines"].items():
            if "skipped" in b:
                print(f"  note: {name.replace('_', '-')} baseline at {r['size']}: skipped, {b['skipped']}")
            else:
                print(f"  {name.replace('_', '-')} baseline at {r['data']['documents']} docs: {b['seconds']:.1f} s, "
                      f"peak RSS {b['maxrss_kib'] / 1024:.0f} MiB, {b['site']['html_pages']} pages, "
                      f"{b['site']['bytes'] / MIB:.1f} MiB")
    print(f"  {NAV_NOTE}")
    if len(results) > 1:
        for name, t in totals.items():
            if name == "ours_over_baseline" or t["growth"] is None:
                continue
            target = "  (target ≤ 1.2)" if name == "ours" else ""
            print(f"  growth {name.replace('_', '-'):>9}: s/doc at {results[-1]['data']['documents']} ÷ "
                  f"at {results[0]['data']['documents']} = {t['growth']:.2f}{target}; marginal "
                  f"{ms(t['marginal_s_per_doc'])} ms/doc")

    print()
    print("First query on a cold cache (KiB of response bodies; index = /search-index/ for ours, "
          "search_index.json for material; top1: the document with that 文号 ranked first)")
    print(f"{'docs':>6} {pad('query', 34)} {'ours total':>10} {'ours idx':>9} {'ours ms':>8} {'hits':>5} "
          f"{'top1':>4}   {'mat total':>10} {'mat idx':>9} {'mat ms':>8} {'hits':>5} {'top1':>4}")
    for r in results:
        fq = r["first_query"]
        if "skipped" in fq:
            print(f"{r['data']['documents']:>6} skipped: {fq['skipped']}")
            continue
        for i, item in enumerate(fq["ours"]):
            mat = fq["material"][i] if i < len(fq["material"]) else {}
            label = f"{item['kind']}: {item['q']}"
            print(f"{r['data']['documents']:>6} {pad(label, 34)} {cell(item)}   {cell(mat)}")
        home = r["baselines"]["home_nav"]
        print(f"{'':>6} material search_index.json: {fmt_kb(home['search_index_bytes'])} KiB raw, "
              f"{fmt_kb(home['search_index_gzip_bytes'])} KiB gzipped; ours whole index "
              f"{fmt_kb(r['ours']['search_index']['bytes'])} KiB in {r['ours']['search_index']['files']} files")
        problems = [f"{side}: {x['q']}: {x.get('error') or x.get('failed') or x.get('console_errors')}"
                    for side in ("ours", "material") for x in fq[side]
                    if x.get("error") or x.get("failed") or x.get("console_errors")]
        for problem in problems:
            print(f"{'':>6} ! {problem}")


def cell(item: dict[str, Any]) -> str:
    if not item or "error" in item:
        return f"{'error' if item else '-':>10} {'':>9} {'':>8} {'':>5} {'':>4}"
    top = "-"
    if item.get("expect"):
        top = "yes" if item.get("first_href") and item["expect"] in item["first_href"] else "NO"
    return (f"{fmt_kb(item['total_bytes']):>10} {fmt_kb(item['index_bytes']):>9} "
            f"{item['seconds'] * 1000:>8.0f} {item['results']:>5} {top:>4}")


def pad(text: str, width: int) -> str:
    """Left-justify counting East Asian wide characters as two columns."""
    used = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(0, width - used)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,5000", help="target document counts (default 1000,5000)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/bench_site"), help="work folder")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--baseline-max", type=int, default=2000,
                        help="skip the default-nav baseline above this many documents (default 2000)")
    parser.add_argument("--repeat", type=int, default=1, help="builds per measurement, best time kept")
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium first-query part")
    args = parser.parse_args(argv)
    sizes = sorted(int(s) for s in args.sizes.split(",") if s.strip())
    args.work = args.work.resolve()
    args.work.mkdir(parents=True, exist_ok=True)
    generator = load_module("make_samples")
    checker = load_module("check_links")

    results = [bench_size(size, args, generator, checker) for size in sizes]
    totals = summary(results)
    print_report(results, totals)
    out = args.work / "bench_site.json"
    payload = {"args": {"sizes": sizes, "seed": args.seed, "baseline_max": args.baseline_max,
                        "repeat": args.repeat, "browser": not args.no_browser},
               "note": NAV_NOTE, "results": results, "summary": totals}
    out.write_text(json.dumps(payload, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"\nJSON: {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
