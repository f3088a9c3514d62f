#!/usr/bin/env python3
"""Try `gazette fetch` offline: serve the tests' fake gazette site (the seeds and fixtures as a
listing with pagination, UTF-8 and GBK pages, a redirect, a 404, a flaky 500, a slow page, an
oversized page, a robots.txt rule) on 127.0.0.1, fetch it twice into a fresh store, and print what
each run did. The second run should download nothing new (conditional requests → 304).

Usage: python scripts/fetch_fake_site.py [WORK_DIR]
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from click.testing import CliRunner  # noqa: E402
from fakesite import FakeSite, write_source  # noqa: E402

from scraper.cli import main as gazette  # noqa: E402


def main() -> None:
    work = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp(prefix="gazette-fetch-"))
    os.environ["GAZETTE_FETCH_ALLOWED_HOSTS"] = "127.0.0.1"
    with FakeSite() as site:
        source = write_source(work / "sources", site)
        store = work / "gazette.db"
        for run in (1, 2):
            result = CliRunner().invoke(gazette, [
                "fetch", "--store", str(store), "--sources", str(source.parent), "--timeout", "0.5",
                "--retries", "2", "--backoff", "0.05", "--max-bytes", "150000", "fake"])
            print(f"--- run {run} (exit {result.exit_code}): {len(site.requests)} requests so far")
            print(result.output.strip())
    print(f"store: {store}; WARC files: {sorted(p.name for p in (work / 'gazette-warc').glob('*'))}")


if __name__ == "__main__":
    main()
