"""Whether a site folder can be built incrementally, or needs a full build, and why."""

from __future__ import annotations

import hashlib
import sqlite3
from importlib.metadata import version
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from .. import __version__
from ..search import tokens as T
from ..store import Store
from .ledger import Ledger, ledger_path
from .pages import GAZETTES_URL

SENTINEL = f"{GAZETTES_URL}index.html"  # a page every build writes: missing, the site was cleaned
MAX_INCREMENTAL_SHARE = 0.3  # more of the archive changed than this: a full build is cheaper
FULL_BUILD_FROM = 2000  # documents: a smaller archive is always built incrementally when it can be


def fingerprint(config: MkDocsConfig) -> str:
    """What the pages are made with besides the store: this code, the configuration, the
    templates and hand-written pages, MkDocs and the theme. Any change → a full build."""
    digest = hashlib.sha256(__version__.encode())
    root = Path(config.config_file_path or ".").resolve().parent
    package = Path(__file__).resolve().parent.parent
    folders = [(package, "*.py"), (root / "templates", "*"), (Path(config.docs_dir), "*")]
    for folder, pattern in folders:
        for path in sorted(folder.rglob(pattern)):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(folder).as_posix().encode())
                digest.update(path.read_bytes())
    if config.config_file_path:
        digest.update(Path(config.config_file_path).read_bytes())
    for name in ("mkdocs", "mkdocs-material"):
        digest.update(version(name).encode())
    digest.update(T.tokenizer_id().encode())
    return digest.hexdigest()[:24]


def full_reason(config: MkDocsConfig, store_path: Path) -> str | None:
    """Why this site folder needs a full build (None: an incremental one will do)."""
    site_dir = Path(config.site_dir)
    path = ledger_path(site_dir)
    if not path.is_file():
        return "no build ledger in the site folder"
    if not (site_dir / SENTINEL).is_file():
        return "the site folder was cleaned"
    try:
        return _ledger_reason(config, path, store_path)
    except sqlite3.Error as exc:
        return f"the build ledger cannot be read ({exc})"


def _ledger_reason(config: MkDocsConfig, path: Path, store_path: Path) -> str | None:
    with Ledger(path, readonly=True) as ledger, Store(store_path) as store:
        state = store.state()
        if ledger.meta("complete") != "1":
            return "the last build did not finish"
        if ledger.meta("store_id") != state.store_id:
            return "the site was built from another store"
        if int(ledger.meta("seq") or 0) > state.seq:
            return "the store is older than the site"
        if ledger.meta("fingerprint") != fingerprint(config):
            return "code, templates or configuration changed since the last build"
        documents = ledger.count("docs")
        changed = store.count_changed(int(ledger.meta("seq") or 0), state.seq)
        if documents >= FULL_BUILD_FROM and changed > MAX_INCREMENTAL_SHARE * documents:
            return "most of the archive changed"
    return None
