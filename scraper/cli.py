"""The `gazette` command. The only module that prints or decides the exit code."""

from __future__ import annotations

import atexit
import logging
import os
import shutil
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import click

from .errors import StoreError
from .export import FORMATS, Format, export
from .ingest import FileOutcome, Found, discover_named, ingest
from .pipeline import is_warc
from .store import Store

if TYPE_CHECKING:  # MkDocs is imported only by the site commands: ingest and export start faster.
    from mkdocs.config.defaults import MkDocsConfig

    from .site.plugin import GazettePlugin

DEFAULT_STORE = "gazette.db"
DEFAULT_CONFIG = "mkdocs.yml"
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")
# Below this many files, or when stderr is a log file, the per-file lines are progress enough.
PROGRESS_MIN_FILES = 5
PARALLEL_FROM_FILES = 8

store_option = click.option(
    "--store", "store_path", type=click.Path(dir_okay=False, path_type=Path),
    default=DEFAULT_STORE, show_default=True, help="SQLite store file.",
)


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    """--version, as click.version_option prints it, reading the version only when asked."""
    if value and not ctx.resilient_parsing:
        from . import __version__

        click.echo(f"gazette, version {__version__}")
        ctx.exit()


@click.group()
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_print_version,
              help="Show the version and exit.")
def main() -> None:
    """Ingest Chinese municipal government gazettes (政府公报), export their documents, build the site."""


@main.command("ingest")
@store_option
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=0, show_default=True,
              help="Worker processes; 0 = one per core (a few files are read in this process).")
@click.option("--overrides", "overrides_dir", type=click.Path(file_okay=False, path_type=Path),
              default="overrides", show_default=True, help="Editor corrections (overrides/*.toml).")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
def ingest_command(store_path: Path, jobs: int, overrides_dir: Path, paths: tuple[Path, ...]) -> None:
    """Read bulletin pages (.html, .htm, .txt; folders recursively) and WARC files into the store."""
    found = list(discover_named(paths))  # folders walked for pages and WARC files alike
    warcs = [item.path for item in found if is_warc(item.path)]
    files = [item for item in found if not is_warc(item.path)]
    if not files and not warcs:
        raise click.ClickException("no .html, .htm or .txt files found")
    if len(files) < PARALLEL_FROM_FILES:
        jobs = 1  # starting workers would cost more than the files
    with _open_store(store_path, overrides_dir) as store:
        done = _ingest_with_progress(files, store, jobs) if files else []
        done += _ingest_warcs(warcs, store)
    click.echo(total_line(done))
    if any(not outcome.ok for outcome in done):
        sys.exit(1)


def _ingest_with_progress(files: list[Found], store: Store, jobs: int) -> list[FileOutcome]:
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
@click.option("--as-of", "as_of", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Assess validity (时效性) on this day (default: today).")
def export_command(store_path: Path, fmt: Format, output: str, as_of: object = None) -> None:
    """Write the latest version of every document as JSONL or CSV."""
    if not store_path.is_file():
        raise click.ClickException(f"{store_path}: no such store (run gazette ingest first)")
    with _open_store(store_path) as store, _output(output) as out:
        count = export(store, fmt, out, as_of.date() if as_of is not None else None)  # type: ignore[attr-defined]
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
@click.option("--full", is_flag=True, help="Rebuild every page (default: only what changed since the last build).")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=0, show_default=True,
              help="Worker processes for the partitions; 0 = one per core (a small build stays in one process).")
@click.option("--scheduler", metavar="tcp://HOST:8786", default=None,
              help="Run the partitions on this Dask distributed cluster instead.")
@click.option("--only", "only", multiple=True, metavar="FOLDER",
              help="Also rewrite the pages of this partition (e.g. benxi/2021), changed or not; repeatable.")
def build_command(store_path: Path, site_dir: Path | None, config_file: Path, full: bool = False, jobs: int = 0,
                  scheduler: str | None = None, only: tuple[str, ...] = ()) -> None:
    """Build the static site from the store: only what changed since the last build, or --full."""
    from mkdocs.commands.build import build
    from mkdocs.exceptions import MkDocsException

    from .site.freshness import full_reason
    from .site.plan import Options

    started = time.perf_counter()
    _require_store(store_path)
    config = _load_site_config(config_file, site_dir)
    plugin = _gazette_plugin(config, config_file)
    plugin.config.store = str(store_path.resolve())
    plugin.progress = click.echo
    target = Path(config.site_dir)
    try:
        reason = "--full" if full else full_reason(config, store_path)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc
    incremental = reason is None
    plugin.options = Options(full=not incremental, jobs=jobs, scheduler=scheduler,
                             only=tuple(folder.strip("/") for folder in only if folder.strip("/")))
    # A full build goes to a staging folder that replaces the site only once it is complete:
    # a failed build leaves the published site as it was. An incremental one writes in place,
    # each file replaced whole.
    staging = target if incremental else target.with_name(f".{target.name}.building")
    if incremental:
        click.echo(f"incremental build of {target}")
    else:
        click.echo(f"full build ({reason})")
        shutil.rmtree(staging, ignore_errors=True)
        config.site_dir = str(staging)
    errors = _ErrorLog()
    quiet = _DirtyBuildNote()
    logging.getLogger("mkdocs").addHandler(errors)
    logging.getLogger("mkdocs.commands.build").addFilter(quiet)
    try:
        build(config, dirty=incremental)
    except MkDocsException as exc:
        if not incremental:
            shutil.rmtree(staging, ignore_errors=True)
        # MkDocs says only "Aborted with a BuildError!"; what went wrong is in its log.
        why = "; ".join(errors.messages) or str(exc)
        unchanged = " (the published site is unchanged)" if not incremental else ""
        raise click.ClickException(f"site build failed{unchanged}: {why}") from exc
    finally:
        logging.getLogger("mkdocs").removeHandler(errors)
        logging.getLogger("mkdocs.commands.build").removeFilter(quiet)
    if not incremental:
        _replace_folder(target, staging)
    click.echo(f"done in {time.perf_counter() - started:.1f} s: {target}")


class _DirtyBuildNote(logging.Filter):
    """MkDocs warns that a 'dirty' build may leave the navigation inaccurate: ours is a fixed list,
    and the build ledger says what else to rewrite."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build" not in record.getMessage()


class _ErrorLog(logging.Handler):
    """Keeps the error messages MkDocs and its plugins log during a build."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _replace_folder(target: Path, staging: Path) -> None:
    """Swap the finished build in with two renames; the old site is deleted by a process of its
    own, in the background (deleting a site of 100,000 pages takes longer than building a part)."""
    for leftover in target.parent.glob(f".{target.name}.old*"):
        shutil.rmtree(leftover, ignore_errors=True)  # one a previous build did not finish deleting
    old = target.with_name(f".{target.name}.old-{os.getpid()}")
    if target.exists():
        target.rename(old)
    staging.rename(target)
    if old.exists():
        import subprocess

        subprocess.Popen([sys.executable, "-c", "import shutil, sys; shutil.rmtree(sys.argv[1], True)", str(old)],
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         start_new_session=True)


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
    if report.suspect:
        parts.append(f"SUSPECT, held for an editor (capture {report.capture_id}: `gazette confirm "
                     f"{report.capture_id}` to let it in): {report.suspect}")
    line = f"{outcome.path}: {', '.join(parts)}"
    for notice in outcome.notices:
        line += f"; warning: {notice.message}"
    return line


def total_line(outcomes: list[FileOutcome]) -> str:
    """The batch in one line."""
    reports = [o.report for o in outcomes if o.report is not None]
    failed = sum(not o.ok for o in outcomes)
    suspect = sum(bool(r.suspect) for r in reports)
    held = f" ({suspect} suspect, held: gazette suspects)" if suspect else ""
    return (
        f"{len(outcomes)} files: {len(outcomes) - failed} stored{held}, {failed} failed; "
        f"{sum(r.documents for r in reports)} documents, {sum(r.new_documents for r in reports)} new, "
        f"{sum(r.new_versions for r in reports)} new versions, "
        f"{sum(len(o.notices) for o in outcomes)} warnings"
    )


@contextmanager
def _open_store(path: Path, overrides_dir: Path | None = None) -> Iterator[Store]:
    """The store, its errors as one-line CLI errors; with overrides_dir, a store that applies
    the editor's overrides/*.toml to every version it writes."""
    from .errors import GazetteError

    try:
        if overrides_dir is None:
            store = Store(path)
        else:
            from .overrides import OverridingStore, load_overrides

            store = OverridingStore(path, load_overrides(overrides_dir))
    except GazetteError as exc:
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


# ---- history and diff (imports local: the other commands start without diff-match-patch) -------

HISTORY_FORMATS = ("text", "json")


@main.command("history")
@store_option
@click.option("--format", "fmt", type=click.Choice(HISTORY_FORMATS), default="text", show_default=True)
@click.argument("doc_id")
def history_command(store_path: Path, fmt: str, doc_id: str) -> None:
    """Every version of a document: when, why, from which capture, and how much changed."""
    import json

    from .history import history

    _require_store(store_path)
    with _open_store(store_path) as store:
        entries = history(store, doc_id)
        title = store.document(doc_id).latest.document.title if entries else ""  # type: ignore[union-attr]
    if not entries:
        raise click.ClickException(f"no document {doc_id!r} in {store_path}")
    if fmt == "json":
        last = entries[-1]
        click.echo(json.dumps({
            "doc_id": doc_id, "title": title, "status": last.status,
            "withdrawn": None if last.withdrawn is None else last.withdrawn.to_json(),
            "versions": [entry.to_json() for entry in entries],
        }, ensure_ascii=False, indent=2))
        return
    for line in history_lines(entries, title):
        click.echo(line)


def history_lines(entries: list, title: str) -> list[str]:  # list[HistoryEntry]
    """The history table as text lines (status line first)."""
    from .diff import OTHER_FIELDS

    labels = dict(OTHER_FIELDS)
    last = entries[-1]
    lines = [f"{last.doc_id}  {title}"]
    if last.status == "withdrawn":
        where = (f": absent from {last.withdrawn.location} captured {last.withdrawn.captured}"
                 if last.withdrawn else "")
        lines.append(f"status: WITHDRAWN (已撤下){where}")
    else:
        lines.append("status: current (最新版本)")
    rows = [("version", "created", "reason", "+chars", "-chars", "source", "metadata changed")]
    for entry in entries:
        changed = [f.label for f in entry.metadata] + [labels[key] for key in entry.other]
        rows.append((
            str(entry.version), entry.created[:16].replace("T", " "), f"{entry.reason} {entry.reason_zh}",
            "—" if entry.inserted is None else f"+{entry.inserted}",
            "—" if entry.deleted is None else f"-{entry.deleted}",
            f"{entry.location} @ {entry.captured[:10]} sha256:{entry.raw_sha256[:12]} pipeline {entry.pipeline_version}",
            "、".join(changed) or ("—" if entry.inserted is None else "none"),
        ))
    widths = [max(_width(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    for row in rows:
        cells = [_pad(cell, widths[i], right=i in (3, 4)) for i, cell in enumerate(row[:-1])]
        lines.append("  ".join([*cells, row[-1]]).rstrip())
    return lines


@main.command("diff")
@store_option
@click.option("--format", "fmt", type=click.Choice(HISTORY_FORMATS), default="text", show_default=True)
@click.option("--color/--no-color", "colour", default=None,
              help="Colours and inline highlights (default: when standard output is a terminal).")
@click.argument("doc_id")
@click.argument("from_version", type=int, required=False)
@click.argument("to_version", type=int, required=False)
def diff_command(
    store_path: Path, fmt: str, colour: bool | None, doc_id: str, from_version: int | None, to_version: int | None
) -> None:
    """What changed in a document between two versions (default: the last two)."""
    import json

    from .diff import coloured, diff_versions, unified

    _require_store(store_path)
    with _open_store(store_path) as store:
        versions = store.versions(doc_id)
    if not versions:
        raise click.ClickException(f"no document {doc_id!r} in {store_path}")
    numbers = {v.version: v for v in versions}
    last = versions[-1].version
    if from_version is None and len(versions) == 1:
        click.echo(f"{doc_id} has only version 1: nothing to compare")
        return
    old_number = last - 1 if from_version is None else from_version
    new_number = last if to_version is None else to_version
    for number in (old_number, new_number):
        if number not in numbers:
            raise click.ClickException(f"{doc_id} has no version {number} (versions 1–{last})")
    diff = diff_versions(numbers[old_number], numbers[new_number])
    if fmt == "json":
        click.echo(json.dumps(diff.to_json(), ensure_ascii=False, indent=2))
        return
    if colour is None:
        colour = sys.stdout.isatty()
    click.echo(coloured(diff) if colour else unified(diff), nl=False, color=colour)


def _width(text: str) -> int:
    """Terminal columns: CJK characters take two."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int, right: bool = False) -> str:
    space = " " * (width - _width(text))
    return space + text if right else text + space


# ---- fetch, update, rebuild (the scraper on the web; editor overrides) ---------------------------

DEFAULT_SOURCES = "sources"
DEFAULT_OVERRIDES = "overrides"
# Tests (and cautious operators) restrict the hosts a run may contact: comma-separated names.
ALLOWED_HOSTS_ENV = "GAZETTE_FETCH_ALLOWED_HOSTS"


def _ingest_warcs(warcs: list[Path], store: Store) -> list:  # list[RecordOutcome]
    from .ingest import ingest_warc

    done = []
    for warc in warcs:
        for outcome in ingest_warc(warc, store):
            click.echo(summary_line(outcome))  # type: ignore[arg-type]
            done.append(outcome)
    return done


def _fetch_options(command):  # type: ignore[no-untyped-def]
    options = [
        click.option("--sources", "sources_dir", type=click.Path(file_okay=False, path_type=Path),
                     default=DEFAULT_SOURCES, show_default=True, help="Folder of sources/*.toml."),
        click.option("--overrides", "overrides_dir", type=click.Path(file_okay=False, path_type=Path),
                     default=DEFAULT_OVERRIDES, show_default=True, help="Editor corrections (overrides/*.toml)."),
        click.option("--since", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
                     help="Skip issues a listing dates before this day (YYYY-MM-DD)."),
        click.option("--rate", type=click.FloatRange(min=0), default=None,
                     help="Seconds between requests to one host (default: the source's `rate`, 2 for URLs)."),
        click.option("--timeout", type=click.FloatRange(min=0.01), default=20.0, show_default=True,
                     help="Seconds to wait for a server."),
        click.option("--retries", type=click.IntRange(min=0), default=3, show_default=True,
                     help="Retries after a 5xx answer, a timeout or a lost connection (backoff 1, 2, 4 s…)."),
        click.option("--backoff", type=click.FloatRange(min=0), default=1.0, show_default=True,
                     help="Seconds before the first retry; doubled for each next one."),
        click.option("--max-bytes", type=click.IntRange(min=1), default=20 * 1024 * 1024, show_default=True,
                     help="Stop reading a page beyond this many bytes (and report it)."),
        click.option("--limit", type=click.IntRange(min=1), default=None,
                     help="Handle at most this many URLs now; the next run continues the queue."),
        store_option,
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _run_fetch(store_path: Path, targets: tuple[str, ...], sources_dir: Path, overrides_dir: Path,
               since: object, rate: float | None, timeout: float, retries: int, backoff: float,
               max_bytes: int, limit: int | None):  # -> FetchReport
    from .fetch.client import PoliteClient
    from .fetch.crawl import Crawler, resolve_targets
    from .fetch.sources import SourceError
    from .fetch.warc import warc_folder

    try:
        resolved = resolve_targets(list(targets), sources_dir)
    except SourceError as exc:
        raise click.ClickException(str(exc)) from exc
    allowed = os.environ.get(ALLOWED_HOSTS_ENV)
    client = PoliteClient(
        rate=2.0 if rate is None else rate, timeout=timeout, retries=retries, backoff=backoff,
        max_bytes=max_bytes, allowed_hosts={h.strip() for h in allowed.split(",") if h.strip()} if allowed else None,
    )
    with client, _open_store(store_path, overrides_dir) as store:
        crawler = Crawler(store, client, warc_folder(store_path.resolve()),
                          since=since.date() if since is not None else None, echo=click.echo,  # type: ignore[attr-defined]
                          source_rates=rate is None)  # --rate wins over every source's own rate
        report = crawler.run(resolved, limit)
    click.echo(report.total_line())
    for path in report.warc_files:
        click.echo(f"WARC: {path}")
    return report


@main.command("fetch")
@_fetch_options
@click.argument("targets", nargs=-1, required=True)
def fetch_command(store_path: Path, targets: tuple[str, ...], **options: object) -> None:
    """Fetch issue pages of SOURCEs (sources/<name>.toml) or single URLs into WARC files and the store.

    Polite: robots.txt, a delay per host, retries with backoff, conditional requests (a page that
    did not change is not downloaded again). An interrupted run continues where it stopped.
    """
    report = _run_fetch(store_path, targets, **options)  # type: ignore[arg-type]
    if report.failed:
        sys.exit(1)


@main.command("update")
@_fetch_options
@click.option("--site-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Output folder of the site (default: site_dir of the configuration, site/).")
@config_option
@click.argument("source")
@click.pass_context
def update_command(ctx: click.Context, store_path: Path, source: str, site_dir: Path | None,
                   config_file: Path, **options: object) -> None:
    """Fetch what changed on a SOURCE, store it, and rebuild the site if anything is new."""
    report = _run_fetch(store_path, (source,), **options)  # type: ignore[arg-type]
    if report.new_versions or (site_dir is not None and not site_dir.exists()):
        # An incremental build: what the store's journal says changed is rewritten, with the
        # pages of documents whose citations or validity the new captures touched.
        ctx.invoke(build_command, store_path=store_path, site_dir=site_dir, config_file=config_file)
    else:
        click.echo("nothing new: site not rebuilt")
    if report.failed:
        sys.exit(1)


@main.command("rebuild")
@store_option
@click.option("--overrides", "overrides_dir", type=click.Path(file_okay=False, path_type=Path),
              default=DEFAULT_OVERRIDES, show_default=True, help="Editor corrections (overrides/*.toml).")
@click.option("--site/--no-site", "with_site", default=True, show_default=True,
              help="Rebuild the site afterwards (when something changed).")
@click.option("--site-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Output folder of the site (default: site_dir of the configuration, site/).")
@config_option
@click.argument("issue_id")
@click.pass_context
def rebuild_command(ctx: click.Context, store_path: Path, overrides_dir: Path, with_site: bool,
                    site_dir: Path | None, config_file: Path, issue_id: str) -> None:
    """Re-run the pipeline and the overrides over one issue's stored captures (or a lone document's)."""
    from .errors import GazetteError
    from .overrides import LABELS
    from .rebuild import rebuild

    _require_store(store_path)
    with _open_store(store_path, overrides_dir) as store:
        try:
            report = rebuild(store, issue_id)  # type: ignore[arg-type]
        except GazetteError as exc:
            raise click.ClickException(str(exc)) from exc
    for note in report.notes:
        click.echo(f"note: {note}")
    for change in report.changed:
        fields = "、".join(LABELS.get(name, name) for name in change.fields) or "—"
        what = "new document" if change.new else f"changed: {fields}"
        click.echo(f"{change.doc_id}: version {change.version} ({change.reason}), {what}")
    for doc_id in report.withdrawn:
        click.echo(f"{doc_id}: withdrawn")
    click.echo(f"{issue_id}: {report.captures} captures re-processed, {len(report.changed)} new versions"
               + (f", {len(report.withdrawn)} withdrawn" if report.withdrawn else ""))
    if with_site and (report.changed or report.withdrawn):
        ctx.invoke(build_command, store_path=store_path, site_dir=site_dir, config_file=config_file)


# ---- suspect captures (garbled, or damaged and replacing stored text): held for an editor -------


@main.command("suspects")
@store_option
@click.option("--all", "show_all", is_flag=True, help="Also list the captures already confirmed.")
def suspects_command(store_path: Path, show_all: bool) -> None:
    """List the captures held for an editor: stored byte for byte, but behind no document yet."""
    _require_store(store_path)
    with _open_store(store_path) as store:
        held = store.suspects(confirmed=show_all)
    for suspect in held:
        capture = suspect.capture
        state = f"confirmed {suspect.confirmed[:16]}" if suspect.confirmed else "held"
        click.echo(f"{capture.id}  {capture.location}  captured {capture.captured[:16]}  {suspect.documents} documents"
                   f"  {state}: {suspect.reason}")
    waiting = sum(s.confirmed is None for s in held)
    click.echo(f"{waiting} captures held" + (" (gazette confirm CAPTURE_ID lets one in)" if waiting else ""))


@main.command("confirm")
@store_option
@click.option("--overrides", "overrides_dir", type=click.Path(file_okay=False, path_type=Path),
              default=DEFAULT_OVERRIDES, show_default=True, help="Editor corrections (overrides/*.toml).")
@click.option("--note", default=None, help="Why the capture is good (kept with the confirmation).")
@click.argument("capture_ids", nargs=-1, required=True, type=int)
def confirm_command(store_path: Path, overrides_dir: Path, note: str | None, capture_ids: tuple[int, ...]) -> None:
    """Let held captures in: their raw bytes go through today's pipeline and become versions."""
    from .errors import GazetteError
    from .model import Capture
    from .pipeline import PIPELINE_VERSION, process

    _require_store(store_path)
    failed = False
    with _open_store(store_path, overrides_dir) as store:
        for capture_id in capture_ids:
            capture = store.capture(capture_id)
            raw = store.raw(capture.sha256) if capture is not None else None
            if capture is None or raw is None:
                click.echo(f"FAILED capture {capture_id}: no such capture in {store_path}")
                failed = True
                continue
            try:
                parsed = process(Capture(capture.location, raw, capture.sha256, capture.captured, capture.media_type))
                report = store.confirm(capture_id, parsed, PIPELINE_VERSION, note)
            except GazetteError as exc:
                click.echo(f"FAILED capture {capture_id}: {exc.message}")
                failed = True
                continue
            click.echo(summary_line(FileOutcome(Path(capture.location), True, report)))
    if failed:
        sys.exit(1)


# ---- coverage: which issues each gazette's archive holds and lacks -------------------------------

@main.command("coverage")
@store_option
@click.option("--format", "fmt", type=click.Choice(HISTORY_FORMATS), default="text", show_default=True)
@click.argument("gazette", required=False)
def coverage_command(store_path: Path, fmt: str, gazette: str | None) -> None:
    """Per gazette: the issues held, the gaps found from their numbering (年第N期, 总第N期), and how
    far the holdings are complete. GAZETTE: a gazette's slug (benxi) to show only that one."""
    import json

    from .coverage import by_gazette, statement, to_json

    _require_store(store_path)
    with _open_store(store_path) as store:
        rows = [(issue_id, issue.gazette, issue.year, issue.number, issue.total_number, issue.published)
                for issue_id, issue in store.issues()]
    found = by_gazette(rows)
    if gazette is not None:
        if gazette not in found:
            raise click.ClickException(f"no gazette {gazette!r} in {store_path} (known: {', '.join(found) or 'none'})")
        found = {gazette: found[gazette]}
    if fmt == "json":
        click.echo(json.dumps([to_json(slug, name, cov) for slug, (name, cov) in found.items()],
                              ensure_ascii=False, indent=2))
        return
    for slug, (name, cov) in found.items():
        click.echo(f"{slug}  {name}: {len(cov.held)} issues held, {cov.missing} missing")
        click.echo(f"  {statement(cov)}")
        for gap in cov.gaps:
            where = f"after {gap.after.year}年第{gap.after.number}期" if gap.after else "before the first held issue"
            labels = "、".join(f"{y}年第{n}期" for y, n in gap.missing)
            extra = f" and {gap.unplaced} more" if gap.unplaced else ""
            span = None if not gap.totals else (
                str(gap.totals[0]) if gap.totals[0] == gap.totals[1] else f"{gap.totals[0]}–{gap.totals[1]}")
            totals = f" (总第{span}期)" if span else ""
            click.echo(f"  missing {where}: {labels or '—'}{extra}{totals}")
        for note in cov.notes:
            click.echo(f"  note: {note}")
        if cov.unnumbered:
            click.echo(f"  {cov.unnumbered} issues without a year or number are not placed")


def entry() -> None:
    """The `gazette` console script: `main`, then the process ends without tearing the interpreter
    down. Freeing every object a command loaded (pypinyin's dictionaries, hundreds of compiled
    patterns, MkDocs' theme) one by one costs 0.15–0.2 s, a quarter of a one-page ingest; the
    operating system frees the memory at once. Exit handlers still run and output is flushed."""
    try:
        main()
        code: object = 0
    except SystemExit as done:
        code = done.code
    if code is not None and not isinstance(code, int):
        print(code, file=sys.stderr)  # as the interpreter reports sys.exit("message")
        code = 1
    atexit._run_exitfuncs()  # logging's flush, multiprocessing's and weakref finalizers
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a reader that went away (gazette export | head)
            pass
    os._exit(code or 0)
