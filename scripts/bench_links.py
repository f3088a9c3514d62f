"""Benchmark: what deriving cross-document facts (citations, validity, keys) costs when storing.

Usage::

    python scripts/bench_links.py [--issues 100] [--singles 20] [--seed 11] [--repeat 3]

Sample pages come from ``scripts/make_samples.py``; they go through the pipeline once, then the
parsed captures are stored into fresh SQLite stores, alternately with the link derivation on
(``Store.add`` as shipped) and off (``_refresh_links`` replaced by a no-op), in this process, best
time of ``--repeat`` kept. It also times a full re-derivation (what opening a store does after the
code deriving the facts changed). Reported as ratios to the store-without-links baseline.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scraper.pipeline import PIPELINE_VERSION, process_path  # noqa: E402
from scraper.store import Store  # noqa: E402


def samples(out: Path, issues: int, singles: int, seed: int) -> list[Path]:
    spec = importlib.util.spec_from_file_location("make_samples", ROOT / "scripts" / "make_samples.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module.generate(out, issues, singles, seed)


def store_all(parsed: list, path: Path, links: bool) -> float:
    with Store(path) as store:
        if not links:
            store._refresh_links = lambda doc_ids: set()  # type: ignore[method-assign]
        started = time.perf_counter()
        for item in parsed:
            store.add(item, PIPELINE_VERSION)
        return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--issues", type=int, default=100)
    parser.add_argument("--singles", type=int, default=20)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = samples(folder / "pages", args.issues, args.singles, args.seed)
        started = time.perf_counter()
        parsed = [process_path(path) for path in paths]
        pipeline = time.perf_counter() - started
        documents = sum(len(p.documents) for p in parsed)
        best = {"without links": float("inf"), "with links": float("inf"), "re-derive all": float("inf")}
        for rep in range(args.repeat):
            for name, links in (("without links", False), ("with links", True)):
                db = folder / f"{rep}-{links}.db"
                best[name] = min(best[name], store_all(parsed, db, links))
            with Store(folder / f"{rep}-True.db") as store:
                store._db.execute("UPDATE settings SET value = 'stale' WHERE key = 'links_version'")
            started = time.perf_counter()
            Store(folder / f"{rep}-True.db").close()  # opening re-derives every document's facts
            best["re-derive all"] = min(best["re-derive all"], time.perf_counter() - started)
    base = best["without links"]
    print(f"{len(paths)} pages, {documents} documents; pipeline (once): {pipeline:.2f} s")
    print(f"  {'measure':<16}{'seconds':>9}{'ratio':>8}")
    for name, seconds in best.items():
        print(f"  {name:<16}{seconds:>9.2f}{seconds / base:>8.2f}")
    print(f"  store with links / (pipeline + store without links): "
          f"{(pipeline + best['with links']) / (pipeline + base):.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
