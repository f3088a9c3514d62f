#!/usr/bin/env bash
# Set up, make the bundled sample gazettes, ingest them, export the archive, build the site and
# serve it on http://127.0.0.1:8000/ (Ctrl-C stops; SERVE=0 builds without serving).
# Usage: bash scripts/demo.sh [ISSUES]   (default 24 issues + 6 single-document pages)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
ISSUES="${1:-24}"
rm -rf samples
.venv/bin/python scripts/make_samples.py samples --issues "$ISSUES" --singles 6
rm -f gazette.db
# Also ingest the five real bulletins when ../shared is beside the project.
EXTRA=()
[ -d ../shared/fixtures/html ] && EXTRA+=(../shared/fixtures/html)
.venv/bin/gazette ingest --store gazette.db --jobs 0 samples "${EXTRA[@]}"
mkdir -p build
.venv/bin/gazette export --store gazette.db --format jsonl --output build/documents.jsonl
.venv/bin/gazette export --store gazette.db --format csv --output build/documents.csv
.venv/bin/gazette build --store gazette.db --site-dir site
echo "store: gazette.db   export: build/documents.jsonl, build/documents.csv   site: site/"
if [ "${SERVE:-1}" != 0 ]; then
    echo "serving on http://127.0.0.1:8000/ (search: http://127.0.0.1:8000/search/?q=养老服务) — Ctrl-C to stop"
    exec .venv/bin/gazette serve --store gazette.db --dev-addr 127.0.0.1:8000
fi
