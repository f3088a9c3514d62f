"""Scale benchmark: gazette build against plain mkdocs-material + Pagefind, from 10k documents up.

Usage::

    python scripts/bench_scale.py [--sizes 10000,50000] [--work /tmp/bench_scale] [--seed 7]
                                  [--jobs 1] [--compare-jobs 10000] [--verify] [--no-browser]

For each size (a target number of documents), in ``<work>/n<size>/`` (generated and ingested
once; kept, so a second run reuses the store):

1. an archive of several cities: ``scripts/make_samples.py`` writes the gazettes of one invented
   city (青岚市, its district 北溪区 and county 云台县, about 5.6 documents per issue, 5 % lone
   pages); one city per 5,000 documents, each from its own seed with its place names replaced
   (so 50,000 documents are ten cities' gazettes of 2006–2025, not one city's since 1841),
   ingested with ``gazette ingest --jobs 0``; "documents" is what the store then holds.
2. **ours**: ``gazette build --full --jobs J`` into a fresh folder. Wall time, the peak of the
   summed RSS of the whole process tree (sampled every 50 ms with psutil), the site's size.
3. **one issue changed**: one issue page gets a sentence added to one of its documents; the
   time of ``gazette ingest PAGE`` and of the plain (incremental) ``gazette build`` after it.
   With ``--verify``, a full build of the same store into another folder must be byte for byte
   the site the incremental build left (the ledger folder .gazette/ aside).
4. **baseline**: the same documents as Markdown pages (``# title`` + a paragraph per line), built
   by plain mkdocs-material (``language: zh``, a nav of the home page only, no search plugin),
   then indexed by Pagefind's extended binary (``python -m pagefind --site``; pip install
   'pagefind[extended]'), the way Material sites add Pagefind. Wall time of both steps, peak
   process-tree memory, site size.
5. **first query, cold cache** in Chromium (three queries from the generated text: a title
   topic, a 文号, a body phrase): bytes the browser fetched from the search index (ours:
   /search-index/, Pagefind: /pagefind/) until the results show.
6. ``--compare-jobs`` sizes: also ``--jobs 1`` and ``--jobs 2`` full builds, for the speed-up of two
   local workers over one, both on the run's copy of the store, whose token cache step 2 filled
   (step 2 on a freshly ingested store is its first build: every document is tokenized there).

Per-document cost is wall time over documents; ``÷ base`` compares with the baseline of the same
size in the same run (the machine is shared and noisy: compare ratios, not seconds); ``growth``
is the per-document cost at the largest size over the smallest. Results also go to
``<work>/bench_scale.json``. Smoke check: ``--sizes 1000 --no-browser``. Needs the bench extra:
``.venv/bin/pip install -e '.[bench]'`` (Pagefind, psutil).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT))

import bench_site as site_bench  # noqa: E402  (helpers: samples, queries, serving, Chromium)

MIB = 1024 * 1024
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1"}
PAGEFIND_PAGE = """<!doctype html><meta charset=utf-8><title>pagefind</title><link rel=icon href="data:,">
<div id="pf"></div>
<script type="module">
  const root = document.getElementById("pf");
  const q = new URLSearchParams(location.search).get("q") || "";
  const pagefind = await import("/pagefind/pagefind.js");
  const search = await pagefind.search(q);
  const shown = await Promise.all(search.results.slice(0, 10).map((r) => r.data()));
  root.dataset.urls = JSON.stringify(shown.map((d) => d.url));
  root.dataset.state = "done";
</script>
"""


DOCS_PER_CITY = 5000
# (city, district, county) replacing 青岚, 北溪 and 云台 in each further city's pages.
CITIES = (
    ("白川", "东坡", "石门"), ("临江", "西岭", "马渡"), ("丰源", "南浦", "竹山"), ("枫林", "北岗", "桃源"),
    ("石泉", "金湾", "龙潭"), ("青阳", "玉泉", "松溪"), ("河口", "新城", "黄坪"), ("凤鸣", "东湖", "柏树"),
    ("桐乡", "西湾", "鹤岭"), ("金坪", "南关", "杏林"), ("玉屏", "北塘", "白鹭"), ("长林", "中山", "莲花"),
    ("清河", "东岸", "梧桐"), ("蓝田", "西郊", "银杏"), ("沐阳", "南门", "翠峰"), ("柳岸", "北郊", "红石"),
    ("芦溪", "东关", "紫荆"), ("梅川", "西山", "青溪"), ("榆林", "南岭", "绿洲"), ("桂丰", "北山", "金沙"),
)
ORIGINAL = ("青岚", "北溪", "云台")


def make_archive(size: int, seed: int, folder: Path, generator: Any) -> tuple[Path, dict[str, Any]]:
    """About `size` documents of one city per DOCS_PER_CITY, ingested into folder/store.db."""
    import opencc

    to_traditional = opencc.OpenCC("s2t").convert
    samples = folder / "samples"
    cities = max(1, round(size / DOCS_PER_CITY))
    if cities > len(CITIES) + 1:
        raise SystemExit(f"at most {(len(CITIES) + 1) * DOCS_PER_CITY} documents (add names to CITIES)")
    started = time.perf_counter()
    files = 0
    for k in range(cities):
        share = size // cities
        singles = max(1, round(share * site_bench.SINGLES_SHARE))
        issues = max(1, round((share - singles) / site_bench.DOCS_PER_ISSUE))
        out = samples / f"city{k:02d}"
        paths = generator.generate(out, issues, singles, seed + k)
        files += len(paths)
        if k == 0:
            continue
        names = list(zip(ORIGINAL, CITIES[k - 1]))
        names += [(f"{ORIGINAL[0][1]}政", f"{CITIES[k - 1][0][1]}政")]  # the city's 文号 prefix (岚政)
        names += [(to_traditional(a), to_traditional(b)) for a, b in names]
        truth = json.loads((out / "truth.json").read_text("utf-8"))["files"]
        for path in paths:
            encoding = truth[path.relative_to(out).as_posix()]["encoding"]
            text = path.read_bytes().decode(encoding)
            for old, new in names:
                text = text.replace(old, new)
            path.write_bytes(text.encode(encoding))
    generated = time.perf_counter() - started
    store = folder / "store.db"
    result = run([*site_bench.tool("gazette"), "ingest", "--store", str(store), "--jobs", "0", str(samples)],
                 folder / "ingest.log", folder, check=False)
    from scraper.store import Store

    with Store(store) as opened:
        documents = opened.counts()["documents"]
    info = {"cities": cities, "files": files, "documents": documents, "generate_seconds": round(generated, 1),
            "ingest_seconds": result["seconds"], "ingest_peak_mib": result["peak_mib"]}
    return store, info


def run(cmd: list[str], log: Path, cwd: Path = ROOT, check: bool = True) -> dict[str, Any]:
    """Run a command; wall time and the peak summed RSS of its whole process tree."""
    started = time.perf_counter()
    with open(log, "wb") as out:
        child = subprocess.Popen(cmd, cwd=cwd, env=ENV, stdout=out, stderr=subprocess.STDOUT)
    peak = [0]
    stop = threading.Event()

    def sample() -> None:
        try:
            root = psutil.Process(child.pid)
        except psutil.Error:
            return
        while not stop.is_set():
            total = 0
            try:
                for process in [root, *root.children(recursive=True)]:
                    try:
                        total += process.memory_info().rss
                    except psutil.Error:
                        pass
            except psutil.Error:
                pass
            peak[0] = max(peak[0], total)
            stop.wait(0.05)

    watcher = threading.Thread(target=sample, daemon=True)
    watcher.start()
    code = child.wait()
    stop.set()
    watcher.join()
    seconds = time.perf_counter() - started
    if code != 0 and check:
        tail = log.read_text(errors="replace").strip().splitlines()[-15:]
        raise RuntimeError(f"{' '.join(cmd)} failed ({code}); {log}:\n" + "\n".join(tail))
    return {"seconds": round(seconds, 2), "peak_mib": round(peak[0] / MIB, 1)}


def site_size(folder: Path) -> dict[str, int]:
    stats = site_bench.tree_stats(folder)
    ledger = folder / ".gazette"
    if ledger.is_dir():
        extra = site_bench.tree_stats(ledger)
        stats = {key: stats[key] - extra[key] for key in stats} | {"ledger_bytes": extra["bytes"]}
    return stats


def settle() -> None:
    """Let the disk finish what earlier commands left (deleted folders are trimmed lazily on this
    kind of machine and would slow whatever runs next)."""
    os.sync()
    time.sleep(2)


def ours(store: Path, folder: Path, name: str, jobs: int, documents: int) -> dict[str, Any]:
    site = folder / name
    shutil.rmtree(site, ignore_errors=True)
    settle()
    result = run([*site_bench.tool("gazette"), "build", "--full", "--jobs", str(jobs), "--store", str(store),
                  "--site-dir", str(site)], folder / f"{name}.log")
    return {**result, "ms_per_doc": round(1000 * result["seconds"] / documents, 2), "site": site_size(site)}


def change_one_issue(samples: Path) -> Path:
    """Add a sentence to one document of an issue page in the middle of the archive."""
    pages = sorted(p for p in samples.rglob("*.html") if p.parent.name != "singles")
    page = pages[len(pages) // 2]
    raw = page.read_bytes()
    encoding = "gb18030" if b"gb2312" in raw[:2000].lower() else "utf-8"
    text = raw.decode(encoding)
    cut = text.find("。", len(text) // 2)
    page.write_bytes((text[:cut] + "，并由市政府督查室跟踪督办" + text[cut:]).encode(encoding))
    return page


def one_issue(store: Path, folder: Path, samples: Path, verify: bool) -> dict[str, Any]:
    page = change_one_issue(samples)
    site = folder / "ours"
    settle()
    ingest = run([*site_bench.tool("gazette"), "ingest", "--store", str(store), str(page)], folder / "update-ingest.log")
    build = run([*site_bench.tool("gazette"), "build", "--store", str(store), "--site-dir", str(site)],
                folder / "update-build.log")
    out = {"page": str(page.relative_to(samples)), "ingest_seconds": ingest["seconds"],
           "build_seconds": build["seconds"], "seconds": round(ingest["seconds"] + build["seconds"], 2),
           "build_peak_mib": build["peak_mib"],
           "build_output": (folder / "update-build.log").read_text(errors="replace").strip().splitlines()}
    if verify:
        full = folder / "ours-verify"
        shutil.rmtree(full, ignore_errors=True)
        run([*site_bench.tool("gazette"), "build", "--full", "--store", str(store), "--site-dir", str(full)],
            folder / "verify.log")
        differ = compare(site, full)
        out["equals_full_build"] = not differ
        out["differing_files"] = differ[:10]
        shutil.rmtree(full, ignore_errors=True)
    return out


def compare(a: Path, b: Path) -> list[str]:
    def files(root: Path) -> dict[str, Path]:
        return {p.relative_to(root).as_posix(): p for p in root.rglob("*")
                if p.is_file() and ".gazette" not in p.relative_to(root).parts}

    left, right = files(a), files(b)
    differ = sorted(left.keys() ^ right.keys())
    differ += sorted(name for name in left.keys() & right.keys() if left[name].read_bytes() != right[name].read_bytes())
    return differ


def baseline(store: Path, folder: Path, documents: int) -> dict[str, Any]:
    base = folder / "baseline"
    shutil.rmtree(base, ignore_errors=True)
    site_bench.write_baseline_docs(store, base / "docs")
    settle()
    config = base / "mkdocs.yml"
    config.write_text("\n".join([
        "site_name: 基线", "docs_dir: docs", "site_dir: site", "theme:", "  name: material", "  language: zh",
        "  font: false", "plugins: []", "nav:", "  - 首页: index.md"]) + "\n", encoding="utf-8")
    mkdocs = run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)], base / "mkdocs.log", base)
    pagefind = run([sys.executable, "-m", "pagefind", "--site", str(base / "site")], base / "pagefind.log", base)
    seconds = mkdocs["seconds"] + pagefind["seconds"]
    (base / "site" / "pf-search.html").write_text(PAGEFIND_PAGE, encoding="utf-8")
    return {"mkdocs": mkdocs, "pagefind": pagefind, "seconds": round(seconds, 2),
            "peak_mib": max(mkdocs["peak_mib"], pagefind["peak_mib"]),
            "ms_per_doc": round(1000 * seconds / documents, 2), "site": site_size(base / "site")}


def pagefind_ready(page: Any) -> tuple[int, str | None]:
    page.wait_for_selector("#pf[data-state=done]", state="attached", timeout=60000)
    urls = json.loads(page.get_attribute("#pf", "data-urls") or "[]")
    return len(urls), (urls[0] if urls else None)


def first_queries(ours_site: Path, base_site: Path, queries: list[dict[str, str]]) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    out: dict[str, Any] = {"ours": [], "pagefind": []}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=site_bench.CHROMIUM,
                                    args=["--no-sandbox", "--disable-background-networking"])
        try:
            with site_bench.serve(ours_site) as url:
                for item in queries:
                    out["ours"].append({**item, **site_bench.first_query(
                        browser, f"{url}search/?q={quote(item['q'])}", site_bench.ours_ready,
                        lambda u: "/search-index/" in u)})
            with site_bench.serve(base_site) as url:
                for item in queries:
                    out["pagefind"].append({**item, **site_bench.first_query(
                        browser, f"{url}pf-search.html?q={quote(item['q'])}", pagefind_ready,
                        lambda u: "/pagefind/" in u and not u.endswith((".js", ".wasm", ".css")))})
        finally:
            browser.close()
    return out


def bench_size(size: int, args: argparse.Namespace) -> dict[str, Any]:
    folder = args.work / f"n{size}"
    folder.mkdir(parents=True, exist_ok=True)
    generator = site_bench.load_module("make_samples")
    store = folder / "store.db"
    samples = folder / "samples"
    if not (folder / "made.json").exists():
        print(f"n={size}: generating and ingesting …", flush=True)
        shutil.rmtree(samples, ignore_errors=True)
        store.unlink(missing_ok=True)
        made, info = make_archive(size, args.seed, folder, generator)
        (folder / "made.json").write_text(json.dumps(info), encoding="utf-8")
    info = json.loads((folder / "made.json").read_text(encoding="utf-8"))
    work = folder / "run"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    shutil.copy(store, work / "store.db")  # the one-issue change goes into a copy
    documents = info["documents"]
    print(f"n={size}: {documents} documents; building ours (--jobs {args.jobs}) …", flush=True)
    result: dict[str, Any] = {"size": size, "data": info}
    result["ours"] = ours(work / "store.db", work, "ours", args.jobs, documents)
    print(f"n={size}: one issue changed …", flush=True)
    changed_samples = work / "samples"
    shutil.copytree(samples, changed_samples)
    result["one_issue"] = one_issue(work / "store.db", work, changed_samples, args.verify)
    print(f"n={size}: baseline (mkdocs-material + Pagefind) …", flush=True)
    result["baseline"] = baseline(store, work, documents)
    if size in args.compare_jobs:
        print(f"n={size}: --jobs 1 and --jobs 2 …", flush=True)
        # On the run's copy of the store, whose token cache the measured build filled: both
        # builds read cached tokens (the original store would leave the first one tokenizing).
        one = ours(work / "store.db", work, "jobs1", 1, documents)
        two = ours(work / "store.db", work, "jobs2", 2, documents)
        result["jobs"] = {"1": one, "2": two, "speedup": round(one["seconds"] / two["seconds"], 2)}
        shutil.rmtree(work / "jobs1", ignore_errors=True)
        shutil.rmtree(work / "jobs2", ignore_errors=True)
    if not args.no_browser:
        print(f"n={size}: first queries in Chromium …", flush=True)
        queries = site_bench.pick_queries(store, args.seed, generator)
        result["first_query"] = first_queries(work / "ours", work / "baseline" / "site", queries)
    return result


def kib(n: float | None) -> str:
    return "—" if n is None else f"{n / 1024:,.0f} KiB"


def report(results: list[dict[str, Any]]) -> None:
    print()
    print("| documents | ours ms/doc | base ms/doc | ÷ base | ours peak (tree) | base peak (tree) | ours site | base site "
          "| one issue: ingest + build | = full build |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in results:
        o, b, u = r["ours"], r["baseline"], r["one_issue"]
        same = {True: "yes", False: "NO"}.get(u.get("equals_full_build"), "—")
        print(f"| {r['data']['documents']:,} | {o['ms_per_doc']} | {b['ms_per_doc']} | "
              f"{o['ms_per_doc'] / b['ms_per_doc']:.2f} | {o['peak_mib']:,.0f} MiB | {b['peak_mib']:,.0f} MiB | "
              f"{o['site']['bytes'] / MIB:,.0f} MiB | {b['site']['bytes'] / MIB:,.0f} MiB | "
              f"{u['ingest_seconds']} + {u['build_seconds']} = {u['seconds']} s | {same} |")
    if len(results) > 1:
        first, last = results[0], results[-1]
        ours_growth = last["ours"]["ms_per_doc"] / first["ours"]["ms_per_doc"]
        base_growth = last["baseline"]["ms_per_doc"] / first["baseline"]["ms_per_doc"]
        print(f"\ngrowth of ms/doc {first['data']['documents']:,} → {last['data']['documents']:,}: "
              f"ours {ours_growth:.2f}, baseline {base_growth:.2f}")
    for r in results:
        if "jobs" in r:
            j = r["jobs"]
            print(f"\n{r['data']['documents']:,} documents: --jobs 1 {j['1']['seconds']} s, --jobs 2 {j['2']['seconds']} s: "
                  f"{j['speedup']}× (peak {j['1']['peak_mib']:,.0f} / {j['2']['peak_mib']:,.0f} MiB)")
        if "first_query" in r:
            print(f"\nfirst query, {r['data']['documents']:,} documents (index bytes / all bytes, results):")
            for ours_q, base_q in zip(r["first_query"]["ours"], r["first_query"]["pagefind"]):
                print(f"  {ours_q['kind']:12} {ours_q['q'][:20]:20} ours {kib(ours_q.get('index_bytes'))} / "
                      f"{kib(ours_q.get('total_bytes'))}, {ours_q.get('results')} · Pagefind "
                      f"{kib(base_q.get('index_bytes'))} / {kib(base_q.get('total_bytes'))}, {base_q.get('results')}"
                      + (f"  error: {ours_q.get('error') or base_q.get('error')}" if ours_q.get("error") or base_q.get("error") else ""))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,50000", help="documents per archive, comma-separated")
    parser.add_argument("--work", type=Path, default=Path("/tmp/bench_scale"))
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--jobs", type=int, default=1, help="workers of the measured full build (0: one per core)")
    parser.add_argument("--compare-jobs", default=None,
                        help="sizes at which --jobs 1 and --jobs 2 are compared (default: the smallest)")
    parser.add_argument("--verify", action="store_true", help="check the one-issue update against a full build")
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium first-query part")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    args.compare_jobs = {int(s) for s in (args.compare_jobs or str(min(sizes))).split(",") if s.strip()}
    args.work.mkdir(parents=True, exist_ok=True)
    results = []
    for size in sizes:
        results.append(bench_size(size, args))
        (args.work / "bench_scale.json").write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    report(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
