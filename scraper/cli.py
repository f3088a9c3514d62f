"""The `gazette` command. The only module that prints or decides the exit code."""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import click

from . import __version__
from .errors import StoreError
from .export import FORMATS, Format, export
from .ingest import FileOutcome, discover, ingest
from .store import Store

if TYPE_CHECKING:  # MkDocs is imported only by the site commands: ingest and export start faster.
    from mkdocs.config.defaults import MkDocsConfig

    from .site.plugin import GazettePlugin

DEFAULT_STORE = "gazette.db"
DEFAULT_CONFIG = "mkdocs.yml"
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")
# Below this many files, or when stderr is a log file, the per-file lines are progress enough.
PROGRESS_MIN_FILES = 5

store_option = click.option(
    "--store", "store_path", type=click.Path(dir_okay=False, path_type=Path),
    default=DEFAULT_STORE, show_default=True, help="SQLite store file.",
)


@click.group()
@click.version_option(__version__, prog_name="gazette")
def main() -> None:
    """Ingest Chinese municipal government gazettes (政府公报), export their documents, build the site."""


@main.command("ingest")
@store_option
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=1, show_default=True,
              help="Worker processes; 0 = one per core.")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
def ingest_command(store_path: Path, jobs: int, paths: tuple[Path, ...]) -> None:
    """Read bulletin pages (.html, .htm, .txt; folders recursively) into the store."""
    files = list(discover(paths))  # paths only, to size the progress bar
    if not files:
        raise click.ClickException("no .html, .htm or .txt files found")
    with _open_store(store_path) as store:
        done = _ingest_with_progress(files, store, jobs)
    click.echo(total_line(done))
    if any(not outcome.ok for outcome in done):
        sys.exit(1)


def _ingest_with_progress(files: list[Path], store: Store, jobs: int) -> list[FileOutcome]:
    outcomes = ingest(files, store, jobs)
    if len(files) < PROGRESS_MIN_FILES or not sys.stderr.isatty():
        done = []
        for outcome in outcomes:
            click.echo(summary_line(outcome))
            done.append(outcome)
        return done
    # The lines wait for the bar to finish: interleaved with it they would garble the terminal.
    with click.progressbar(outcomes, length=len(files), label="ingesting", file=sys.stderr) as bar:
        done = list(bar)
    for outcome in done:
        click.echo(summary_line(outcome))
    return done


@main.command("export")
@store_option
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, allow_dash=True), default="-",
              help="Output file; - for standard output.")
def export_command(store_path: Path, fmt: Format, output: str) -> None:
    """Write the latest version of every document as JSONL or CSV."""
    if not store_path.is_file():
        raise click.ClickException(f"{store_path}: no such store (run gazette ingest first)")
    with _open_store(store_path) as store, _output(output) as out:
        count = export(store, fmt, out)
    click.echo(f"exported {count} documents", err=True)


config_option = click.option(
    "--config", "config_file", type=click.Path(dir_okay=False, path_type=Path),
    default=DEFAULT_CONFIG, show_default=True, help="MkDocs configuration of the site.",
)


@main.command("build")
@store_option
@click.option("--site-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Output folder (default: site_dir of the configuration, site/).")
@config_option
def build_command(store_path: Path, site_dir: Path | None, config_file: Path) -> None:
    """Build the static site from the store with MkDocs."""
    from mkdocs.commands.build import build
    from mkdocs.exceptions import MkDocsException

    started = time.perf_counter()
    _require_store(store_path)
    config = _load_site_config(config_file, site_dir)
    plugin = _gazette_plugin(config, config_file)
    plugin.config.store = str(store_path.resolve())
    plugin.progress = click.echo
    try:
        build(config)
    except MkDocsException as exc:
        raise click.ClickException(f"site build failed: {exc}") from exc
    click.echo(f"done in {time.perf_counter() - started:.1f} s: {config.site_dir}")


@main.command("serve")
@store_option
@click.option("--dev-addr", default="127.0.0.1:8000", show_default=True,
              help="host:port to serve on; only loopback addresses are accepted.")
@config_option
def serve_command(store_path: Path, dev_addr: str, config_file: Path) -> None:
    """Serve the site locally, rebuilding when docs/, templates/ or the store change."""
    from mkdocs.commands.serve import serve
    from mkdocs.exceptions import MkDocsException

    host = dev_addr.rsplit(":", 1)[0]
    if host not in LOOPBACK_HOSTS:
        raise click.ClickException(f"--dev-addr {dev_addr}: serve listens on 127.0.0.1 only")
    _require_store(store_path)
    _gazette_plugin(_load_site_config(config_file, None), config_file)
    # serve() reloads the configuration on every rebuild, so the store goes through the
    # environment: mkdocs.yml reads it with `store: !ENV [GAZETTE_STORE, gazette.db]`.
    os.environ["GAZETTE_STORE"] = str(store_path.resolve())
    _show_mkdocs_log()
    try:
        serve(config_file=str(config_file), dev_addr=dev_addr, livereload=True)
    except MkDocsException as exc:
        raise click.ClickException(f"site build failed: {exc}") from exc


def _show_mkdocs_log() -> None:
    """MkDocs' own messages (serving at …, rebuilding …) on stderr, as `mkdocs serve` shows them."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)


def _require_store(store_path: Path) -> None:
    if not store_path.is_file():
        raise click.ClickException(f"{store_path}: no such store (run gazette ingest first)")


def _load_site_config(config_file: Path, site_dir: Path | None) -> MkDocsConfig:
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    if not config_file.is_file():
        raise click.ClickException(f"{config_file}: no such MkDocs configuration")
    try:
        return load_config(config_file=str(config_file), site_dir=str(site_dir.resolve()) if site_dir else None)
    except MkDocsException as exc:
        raise click.ClickException(f"{config_file}: {exc}") from exc


def _gazette_plugin(config: MkDocsConfig, config_file: Path) -> GazettePlugin:
    plugin = config.plugins.get("gazette")
    if plugin is None or type(plugin).__name__ != "GazettePlugin":
        raise click.ClickException(f"{config_file} does not enable the gazette plugin (plugins: - gazette)")
    return plugin  # type: ignore[return-value]


def summary_line(outcome: FileOutcome) -> str:
    """One line per file: its issue, documents, new versions and warnings, or what went wrong."""
    if not outcome.ok or outcome.report is None:
        return f"FAILED {outcome.error}"
    report = outcome.report
    parts = [
        report.issue_id or "no issue",
        f"{report.documents} documents",
        f"{report.new_versions} new versions",
    ]
    if report.duplicate_capture:
        parts.append("already stored")
    if report.withdrawn:
        parts.append(f"withdrawn: {', '.join(report.withdrawn)}")
    line = f"{outcome.path}: {', '.join(parts)}"
    for notice in outcome.notices:
        line += f"; warning: {notice.message}"
    return line


def total_line(outcomes: list[FileOutcome]) -> str:
    """The batch in one line."""
    reports = [o.report for o in outcomes if o.report is not None]
    failed = sum(not o.ok for o in outcomes)
    return (
        f"{len(outcomes)} files: {len(outcomes) - failed} stored, {failed} failed; "
        f"{sum(r.documents for r in reports)} documents, {sum(r.new_documents for r in reports)} new, "
        f"{sum(r.new_versions for r in reports)} new versions, "
        f"{sum(len(o.notices) for o in outcomes)} warnings"
    )


@contextmanager
def _open_store(path: Path) -> Iterator[Store]:
    try:
        store = Store(path)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc
    with store:
        try:
            yield store
        except StoreError as exc:
            raise click.ClickException(str(exc)) from exc


@contextmanager
def _output(name: str) -> Iterator[TextIO]:
    if name == "-":
        yield sys.stdout  # CliRunner swaps sys.stdout, so tests see it too
        return
    # newline="": the csv module writes its own \r\n line ends.
    with open(name, "w", encoding="utf-8", newline="") as out:
        yield out
