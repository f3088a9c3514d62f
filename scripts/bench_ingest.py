"""Benchmark: ingest throughput against a bare HTML parse, and peak memory as the archive grows.

Usage::

    python scripts/bench_ingest.py [--issues 200] [--jobs 1] [--sizes 100,400,1600] [--seed 7]
                                   [--repeat 3] [--keep DIR] [--json]

Sample pages come from ``scripts/make_samples.py`` (deterministic for a given seed), written to a
temporary folder, or to DIR with ``--keep DIR`` (left in place, with the SQLite stores).

Part 1, throughput (``--issues`` issue pages; only the .html files, all in this process, each
measurement repeated ``--repeat`` times, interleaved, best time kept):

* ``bare parse``  — read bytes, decode with the charset the page declares (gb2312/gbk read as
  gb18030, errors replaced), ``BeautifulSoup(text, "lxml").get_text()``. The yardstick.
* ``pipeline``    — ``scraper.pipeline.process_path`` per file: decode, clean, split, metadata.
* ``ingest j=1``  — ``scraper.ingest.ingest`` into a fresh SQLite store, one process.
* ``ingest j=N``  — the same with N = os.cpu_count() worker processes (pool start-up included).
* ``bare parse CLI``, ``gazette ingest -j1``, ``gazette ingest`` — end to end, each a fresh
  process given the same files: the bare parse as a process of its own (importing bs4 only), and
  the ``gazette ingest`` command line (start-up, decoding, the pipeline, the SQLite writes) with
  one worker and with its default (one per core) into a fresh store; ratios to ``bare parse CLI``.

MB/s is raw HTML bytes over wall time. ``ratio`` is MB/s over the bare parse's MB/s: the target
is ratio >= 0.5 for the pipeline (the whole pipeline costs at most twice a bare parse).

Part 2, memory (one size per ``--sizes`` entry, in issues, plus one single page per ten issues;
.html and .txt): a fresh wrapper process runs ``gazette ingest --store S DIR --jobs J`` (J =
``--jobs``, 0 = one per core) and reports ``getrusage(RUSAGE_CHILDREN).ru_maxrss``: the peak RSS
of the largest single process in that ingest (on Linux, not the sum over workers). Streaming
means the peak stays flat: ``growth`` = largest size's peak / smallest size's peak, ~1.0-1.3.
"""

from __future__ import annotations

import sys

if __name__ == "__main__" and sys.argv[1:2] == ["--bare"]:  # the yardstick as a process of its own
    import re

    from bs4 import BeautifulSoup

    charset = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
    for name in sys.argv[2:]:
        raw = open(name, "rb").read()
        found = charset.search(raw[:2048])
        label = found.group(1).decode("ascii").lower() if found else "utf-8"
        label = "gb18030" if label in ("gb2312", "gbk", "x-gbk", "gb18030") else label
        BeautifulSoup(raw.decode(label, "replace"), "lxml").get_text()
    sys.exit(0)

import argparse
import importlib.util
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from types import ModuleType

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scraper.ingest import ingest  # noqa: E402
from scraper.pipeline import process_path  # noqa: E402
from scraper.store import Store  # noqa: E402

MB = 1e6
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
GB_LABELS = {"gb2312", "gbk", "x-gbk", "gb18030"}
# Prints the peak RSS (KiB) of the largest process under the command it runs.
RSS_WRAPPER = (
    "import resource, subprocess, sys\n"
    "done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL)\n"
    "print(done.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
)


@dataclass(frozen=True)
class Throughput:
    name: str
    seconds: float  # best of the repeats
    mb_per_s: float
    ratio: float  # mb_per_s / bare parse mb_per_s
    failed: int  # files the pipeline or store rejected (should be 0)


@dataclass(frozen=True)
class Memory:
    issues: int
    files: int
    mb_on_disk: float
    peak_rss_mb: float
    seconds: float
    exit_code: int


def load_generator() -> ModuleType:
    """Import scripts/make_samples.py as a module without it being on sys.path."""
    spec = importlib.util.spec_from_file_location("make_samples", ROOT / "scripts" / "make_samples.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def make_pages(generator: ModuleType, out_dir: Path, issues: int, seed: int) -> list[Path]:
    """Generate `issues` issue pages plus one single page per ten issues; return all page paths."""
    return list(generator.generate(out_dir, issues, max(1, issues // 10), seed))


def declared_encoding(raw: bytes) -> str:
    """The charset a page declares in its first bytes, the simple way (utf-8 when none)."""
    found = META_CHARSET.search(raw[:2048])
    label = found.group(1).decode("ascii").lower() if found else "utf-8"
    return "gb18030" if label in GB_LABELS else label


def bare_parse(paths: Sequence[Path]) -> int:
    """The yardstick: decode + BeautifulSoup(lxml).get_text() per file; returns failures (0)."""
    for path in paths:
        raw = path.read_bytes()
        BeautifulSoup(raw.decode(declared_encoding(raw), "replace"), "lxml").get_text()
    return 0


def run_pipeline(paths: Sequence[Path]) -> int:
    """process_path per file, no store; returns the number of files it rejected."""
    failed = 0
    for path in paths:
        try:
            process_path(path)
        except Exception:  # a benchmark counts failures; the tests judge them
            failed += 1
    return failed


def ingest_runner(store_dir: Path, jobs: int) -> Callable[[Sequence[Path]], int]:
    """A measurement that ingests the files into a fresh store with `jobs` workers."""
    counter = iter(range(1_000_000))

    def run(paths: Sequence[Path]) -> int:
        store_path = store_dir / f"bench-j{jobs}-{next(counter)}.db"
        with Store(store_path) as store:
            return sum(not outcome.ok for outcome in ingest(paths, store, jobs=jobs))

    return run


def command_runner(command: Callable[[Sequence[Path]], list[str]]) -> Callable[[Sequence[Path]], int]:
    """A measurement that runs a command over the files in a fresh process (start-up included)."""

    def run(paths: Sequence[Path]) -> int:
        done = subprocess.run(command(paths), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
        return 0 if done.returncode == 0 else len(paths)

    return run


def cli_measures(store_dir: Path) -> dict[str, Callable[[Sequence[Path]], int]]:
    """End to end: the bare parse as a process of its own (it imports bs4 only), and the
    `gazette ingest` command into fresh stores."""
    counter = iter(range(1_000_000))

    def ingest_command(jobs: int) -> Callable[[Sequence[Path]], list[str]]:
        return lambda paths: [*gazette_command(), "ingest", "--store", str(store_dir / f"cli-{next(counter)}.db"),
                              "--jobs", str(jobs), *map(str, paths)]

    return {
        "bare parse CLI": command_runner(lambda paths: [sys.executable, __file__, "--bare", *map(str, paths)]),
        "gazette ingest -j1": command_runner(ingest_command(1)),
        "gazette ingest": command_runner(ingest_command(0)),
    }


def time_interleaved(
    measures: dict[str, Callable[[Sequence[Path]], int]], paths: Sequence[Path], repeat: int
) -> dict[str, tuple[float, int]]:
    """Best wall time and failure count of each measure; the order rotates on every repeat."""
    best: dict[str, tuple[float, int]] = {}
    names = list(measures)
    for rep in range(repeat):
        for name in names[rep % len(names):] + names[: rep % len(names)]:
            start = time.perf_counter()
            failed = measures[name](paths)
            elapsed = time.perf_counter() - start
            if name not in best or elapsed < best[name][0]:
                best[name] = (elapsed, failed)
            log(f"  rep {rep + 1}/{repeat} {name:<14} {elapsed:6.2f} s")
    return best


def throughput(paths: Sequence[Path], store_dir: Path, repeat: int) -> list[Throughput]:
    """Part 1: every measure over the same .html files, as MB/s and ratio to the bare parse."""
    cores = os.cpu_count() or 1
    measures = {
        "bare parse": bare_parse,
        "pipeline": run_pipeline,
        "ingest j=1": ingest_runner(store_dir, 1),
        f"ingest j={cores}": ingest_runner(store_dir, cores),
        **cli_measures(store_dir),
    }
    megabytes = sum(path.stat().st_size for path in paths) / MB
    best = time_interleaved(measures, paths, repeat)
    rows = []
    for name, (seconds, failed) in best.items():
        # Command lines compare with the bare parse run the same way, start-up included.
        base = megabytes / best["bare parse CLI" if name.startswith("gazette") else "bare parse"][0]
        rate = megabytes / seconds
        rows.append(Throughput(name, seconds, rate, rate / base, failed))
    return rows


def gazette_command() -> list[str]:
    """The installed `gazette` console script, or the same entry point through this interpreter."""
    script = Path(sys.executable).parent / "gazette"
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from scraper.cli import main; main()"]


def peak_rss(command: Sequence[str]) -> tuple[int, float, float]:
    """Run command under a fresh wrapper process: (exit code, peak RSS in MB, wall seconds)."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", RSS_WRAPPER, *command], capture_output=True, text=True, env=env, cwd=ROOT, check=True
    )
    elapsed = time.perf_counter() - start
    code, kib = done.stdout.split()
    return int(code), int(kib) / 1024, elapsed


def memory(generator: ModuleType, work: Path, sizes: Sequence[int], seed: int, jobs: int) -> list[Memory]:
    """Part 2: peak RSS of a full `gazette ingest` for each archive size."""
    rows = []
    for issues in sizes:
        folder = work / f"mem-{issues}"
        paths = make_pages(generator, folder / "pages", issues, seed)
        store = folder / "store.db"
        store.unlink(missing_ok=True)
        command = [*gazette_command(), "ingest", "--store", str(store), str(folder / "pages"), "--jobs", str(jobs)]
        code, rss, seconds = peak_rss(command)
        megabytes = sum(path.stat().st_size for path in paths) / MB
        rows.append(Memory(issues, len(paths), megabytes, rss, seconds, code))
        log(f"  {issues} issues: {len(paths)} files, peak {rss:.1f} MB, {seconds:.1f} s, exit {code}")
    return rows


def growth(rows: Sequence[Memory]) -> float:
    """Peak RSS of the largest archive over that of the smallest."""
    by_size = sorted(rows, key=lambda row: row.issues)
    return by_size[-1].peak_rss_mb / by_size[0].peak_rss_mb


def render(files: int, megabytes: float, speed: list[Throughput], mem: list[Memory]) -> str:
    """The human-readable report (the command is printed before it, when the run starts)."""
    lines = ["", f"Throughput: {files} .html files, {megabytes:.2f} MB (best of repeats)"]
    lines.append(f"  {'measure':<14} {'seconds':>8} {'MB/s':>8} {'ratio':>7} {'failed':>7}")
    for row in speed:
        lines.append(f"  {row.name:<14} {row.seconds:8.3f} {row.mb_per_s:8.2f} {row.ratio:7.2f} {row.failed:7d}")
    pipeline = next(row for row in speed if row.name == "pipeline")
    verdict = "meets" if pipeline.ratio >= 0.5 else "MISSES"
    lines += [f"  pipeline ratio {pipeline.ratio:.2f} {verdict} the >= 0.5 target", ""]
    if mem:
        lines.append("Memory: peak RSS of the largest process in a fresh `gazette ingest`")
        lines.append(f"  {'issues':>7} {'files':>6} {'MB in':>7} {'peak MB':>8} {'seconds':>8} {'exit':>5}")
        for m in mem:
            figures = f"{m.mb_on_disk:7.2f} {m.peak_rss_mb:8.1f} {m.seconds:8.1f} {m.exit_code:5d}"
            lines.append(f"  {m.issues:7d} {m.files:6d} {figures}")
        lines.append(f"  growth (largest / smallest peak): {growth(mem):.2f} (flat ~ 1.0-1.3)")
    return "\n".join(lines)


def summary(command: str, files: int, megabytes: float, speed: list[Throughput], mem: list[Memory]) -> dict:
    """The JSON report."""
    return {
        "command": command,
        "cpu_count": os.cpu_count(),
        "throughput": {"html_files": files, "megabytes": round(megabytes, 3), "rows": [asdict(r) for r in speed]},
        "memory": {"rows": [asdict(m) for m in mem], "growth": growth(mem) if mem else None},
    }


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--issues", type=int, default=200, help="issue pages for the throughput part (default 200)")
    parser.add_argument("--jobs", type=int, default=1, help="workers for the memory part; 0 = one per core (default 1)")
    parser.add_argument("--sizes", default="100,400,1600", help="issues per memory run, comma-separated ('' skips)")
    parser.add_argument("--seed", type=int, default=7, help="sample generator seed (default 7)")
    parser.add_argument("--repeat", type=int, default=3, help="throughput repeats, best kept (default 3)")
    parser.add_argument("--keep", type=Path, help="write samples and stores here and keep them")
    parser.add_argument("--json", action="store_true", help="print a JSON summary instead of the table")
    return parser.parse_args(argv)


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def run(args: argparse.Namespace, work: Path, command: str) -> str:
    """Both parts in `work`; returns the report text (table or JSON)."""
    generator = load_generator()
    log(f"generating {args.issues} issues into {work / 'throughput'}")
    pages = make_pages(generator, work / "throughput" / "pages", args.issues, args.seed)
    html = [path for path in pages if path.suffix == ".html"]
    megabytes = sum(path.stat().st_size for path in html) / MB
    log(f"throughput: {len(html)} .html files, {megabytes:.2f} MB")
    speed = throughput(html, work / "throughput", args.repeat)
    sizes = [int(size) for size in args.sizes.split(",") if size.strip()]
    log(f"memory: sizes {sizes}, jobs {args.jobs}")
    mem = memory(generator, work, sizes, args.seed, args.jobs)
    if args.json:
        return json.dumps(summary(command, len(html), megabytes, speed, mem), indent=2)
    return render(len(html), megabytes, speed, mem)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    command = shlex.join([sys.executable, sys.argv[0], *(sys.argv[1:] if argv is None else argv)])
    if not args.json:
        print(f"command: {command}", flush=True)
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        report = run(args, args.keep, command)
    else:
        with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp:
            report = run(args, Path(tmp), command)
    print(report, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
