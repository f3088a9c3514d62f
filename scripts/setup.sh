#!/usr/bin/env bash
# Create .venv and install gazette with its test dependencies (idempotent). Browser tests need
# Debian's Chromium (/usr/bin/chromium): installed with apt when missing (as root, or with sudo).
# Playwright drives it; it never downloads a browser of its own.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
if [ ! -x /usr/bin/chromium ] && command -v apt-get >/dev/null; then
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    echo "installing Debian's chromium (for the site and its browser tests)…"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[test]'
# Bytecode ahead of time: where PYTHONDONTWRITEBYTECODE is set (as on CI machines) every command
# would otherwise compile scraper/ again, about 0.1 s of each `gazette` start-up.
.venv/bin/python -m compileall -q scraper >/dev/null
