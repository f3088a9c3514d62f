"""Fuzz the whole pipeline and the store with damaged copies of real pages.

Usage::

    python scripts/fuzz.py [--inputs 10000] [--seed 1] [--jobs 0] [--batch 500] [--fresh] [--json]

Every input is one page of ../shared (seeds, fixtures/html, real/, each also re-encoded as GBK and,
where possible, Big5) damaged by one or two mutations of tests/damage.py: cut short, random bytes
inserted, a span deleted or repeated, control characters, a flood of tags, 1% of the bytes flipped,
a GBK run spliced into a UTF-8 page or a UTF-8 run into a GBK page. Input i is the same for a given
--seed whatever --jobs and --batch are.

Each batch of --batch inputs gets a fresh SQLite store, in a worker process of its own. A page's
undamaged original is stored first, at the same location, so a damaged copy is a re-capture that
could replace good text (--fresh: each damaged page alone in an empty store instead). Printed: internal errors (exceptions other than a clean GazetteError
refusal, and store failures), refusals by reason, pages at least 90% intact that were refused,
stored captures, those stored with warnings, suspect captures held for an editor, documents whose
text is mostly (> 50%) Han characters the undamaged page does not hold (stored as current, and
produced by the pipeline at all, held ones included), and the store's integrity (PRAGMA
integrity_check, foreign keys, versions never changed, no held capture behind a version).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sqlite3
import sys
import tempfile
import time
import traceback
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from damage import KINDS, Original, damage, foreign_share, originals, random_kinds  # noqa: E402
from scraper.errors import GazetteError, StoreError  # noqa: E402
from scraper.pipeline import PIPELINE_VERSION, make_capture, process  # noqa: E402
from scraper.store import Store  # noqa: E402

# What decoding and parsing report about damaged bytes (other notices are about the content).
DAMAGE_NOTICES = {"bad-bytes", "control-characters", "mixed-encoding", "truncated", "encoding-mismatch", "garbled"}
MOSTLY = 0.5  # a document "mostly" of characters the page does not hold
MIN_HAN = 10  # shorter texts say too little either way
T0 = 1_700_000_000  # capture times: originals at T0, input i at T0 + 1 + i seconds

_ORIGINALS: list[Original] = []


def when(seconds: int) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime(seconds))


def pick(index: int, seed: int) -> tuple[Original, random.Random]:
    rnd = random.Random(f"{seed}-{index}")
    return rnd.choice(_ORIGINALS), rnd


def run_batch(first: int, count: int, seed: int, with_originals: bool = True) -> dict:
    """Inputs first … first+count-1 through process() and one fresh store; counters as a dict."""
    global _ORIGINALS
    if not _ORIGINALS:
        _ORIGINALS = originals()
    c: Counter[str] = Counter()
    refused: Counter[str] = Counter()
    internal: list[str] = []
    by_kind: Counter[str] = Counter()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.db"
        store = Store(path)
        check = sqlite3.connect(path)
        seen_versions: dict[tuple[str, int], str] = {}
        stored_originals: set[str] = set()
        held_captures: list[int] = []
        for index in range(first, first + count):
            original, rnd = pick(index, seed)
            location = f"fuzz/{original.name}"
            if with_originals and original.name not in stored_originals:
                stored_originals.add(original.name)
                _add(store, check, make_capture(location, original.raw, original.media_type, when(T0)), seen_versions)
            damaged = damage(original, random_kinds(original, rnd), rnd)
            c["inputs"] += 1
            for kind in set(damaged.kinds):
                by_kind[f"{kind} inputs"] += 1
            if not damaged.raw:
                c["empty after damage"] += 1
                continue
            capture = make_capture(location, damaged.raw, original.media_type, when(T0 + 1 + index))
            try:
                parsed = process(capture)
            except GazetteError as exc:
                reason = re.sub(r"\d+(?:\.\d+)?", "N", exc.message)
                refused[reason] += 1
                c["refused"] += 1
                if damaged.intact >= 0.9:
                    c["refused although >= 90% intact"] += 1
                    for kind in set(damaged.kinds):
                        by_kind[f"{kind} refused >= 90% intact"] += 1
                continue
            except Exception as exc:  # the figure this script exists for: must stay 0
                internal.append(f"input {index} ({original.name}, {'+'.join(damaged.kinds)}): "
                                f"{type(exc).__name__}: {exc} | {traceback.format_exc(limit=-2).splitlines()[-3:]}")
                continue
            for doc in parsed.documents:
                share, han = foreign_share(doc.text, original.chars)
                if han >= MIN_HAN and share > MOSTLY:
                    c["mojibake documents produced"] += 1
            try:
                report = _add(store, check, parsed, seen_versions)
            except StoreError as exc:
                internal.append(f"input {index} ({original.name}): store: {exc}")
                continue
            c["stored"] += 1
            if parsed.notices:
                c["stored with warnings"] += 1
            if any(n.code in DAMAGE_NOTICES for n in parsed.notices) or \
                    any(r.rule.startswith("unclosed-") for r in parsed.clean.removals):
                c["stored, damage reported"] += 1
            if report.suspect:
                c["suspect (held for an editor)"] += 1
                for kind in set(damaged.kinds):
                    by_kind[f"{kind} suspect"] += 1
                held_captures.append(report.capture_id)
            for doc_id in report.document_ids:
                stored = store.document(doc_id)
                if stored is None or stored.latest.capture_id != report.capture_id:
                    continue
                share, han = foreign_share(stored.latest.document.text, original.chars)
                if han >= MIN_HAN and share > MOSTLY:
                    c["mojibake documents current"] += 1
        integrity = _integrity(check, seen_versions, held_captures)
        check.close()
        store.close()
    return {"counts": dict(c), "refused": dict(refused), "internal": internal, "integrity": integrity,
            "by_kind": dict(by_kind)}


def _add(store: Store, check: sqlite3.Connection, parsed_or_capture, seen: dict) -> object:
    parsed = process(parsed_or_capture) if not hasattr(parsed_or_capture, "documents") else parsed_or_capture
    report = store.add(parsed, PIPELINE_VERSION)
    for doc_id, version, content in check.execute(
            "SELECT doc_id, version, content_sha256 FROM versions WHERE capture_id = ?", (report.capture_id,)):
        seen[(doc_id, version)] = content
    return report


def _integrity(check: sqlite3.Connection, seen: dict, held: list[int]) -> list[str]:
    problems = []
    if (row := check.execute("PRAGMA integrity_check").fetchone()) != ("ok",):
        problems.append(f"integrity_check: {row}")
    if rows := check.execute("PRAGMA foreign_key_check").fetchall():
        problems.append(f"foreign keys: {rows[:3]}")
    now = {(d, v): c for d, v, c in check.execute("SELECT doc_id, version, content_sha256 FROM versions")}
    if changed := [key for key, content in seen.items() if now.get(key) != content]:
        problems.append(f"versions changed or deleted: {changed[:3]}")
    for capture_id in held:
        if check.execute("SELECT 1 FROM versions WHERE capture_id = ?", (capture_id,)).fetchone():
            problems.append(f"held capture {capture_id} is behind a version")
    return problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=0, help="worker processes; 0 = one per core")
    parser.add_argument("--batch", type=int, default=500, help="inputs per store")
    parser.add_argument("--fresh", action="store_true",
                        help="every damaged page alone in an empty store (a first capture): no originals, --batch 1")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    started = time.perf_counter()
    size = 1 if args.fresh else args.batch
    batches = [(first, min(size, args.inputs - first), args.seed, not args.fresh)
               for first in range(0, args.inputs, size)]
    jobs = args.jobs if args.jobs > 0 else (os.cpu_count() or 1)
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        results = list(pool.map(run_batch, *zip(*batches), chunksize=max(1, len(batches) // (jobs * 20))))
    counts: Counter[str] = Counter()
    refused: Counter[str] = Counter()
    by_kind: Counter[str] = Counter()
    internal: list[str] = []
    integrity: list[str] = []
    for result in results:
        counts.update(result["counts"])
        refused.update(result["refused"])
        by_kind.update(result["by_kind"])
        internal += result["internal"]
        integrity += result["integrity"]
    summary = {
        "command": " ".join(["python", *sys.argv]), "seconds": round(time.perf_counter() - started, 1),
        "inputs": counts["inputs"], "internal errors": len(internal), "refused": counts["refused"],
        "refused by reason": dict(refused.most_common()),
        "refused although >= 90% intact": counts["refused although >= 90% intact"],
        "stored": counts["stored"], "stored with warnings": counts["stored with warnings"],
        "stored, damage reported": counts["stored, damage reported"],
        "suspect (held for an editor)": counts["suspect (held for an editor)"],
        "mojibake documents current": counts["mojibake documents current"],
        "mojibake documents produced": counts["mojibake documents produced"],
        "store integrity": "ok" if not integrity else integrity[:10],
        "by mutation (inputs, suspect, refused >= 90% intact)": {
            kind: f"{by_kind[kind + ' inputs']:6} {by_kind[kind + ' suspect']:6} {by_kind[kind + ' refused >= 90% intact']:6}"
            for kind in KINDS},
        "internal error samples": internal[:10],
    }
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=2))
    else:
        for key, value in summary.items():
            if isinstance(value, dict):
                print(f"{key}:")
                for name, number in value.items():
                    print(f"  {number:>6}  {name}" if isinstance(number, int) else f"  {number}  {name}")
            elif isinstance(value, list):
                print(f"{key}:")
                for line in value:
                    print(f"  {line}")
            else:
                print(f"{key}: {value}")
    sys.exit(1 if internal or integrity or counts["mojibake documents current"] else 0)


if __name__ == "__main__":
    main()
