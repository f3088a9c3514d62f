"""Files → pipeline (in worker processes) → store, each file all or nothing, in input order.

The workers also derive what the store keeps of each document alone (derive.py), so the one
process writing the store only reads and writes SQLite; its writes are committed every
COMMIT_FILES files or COMMIT_SECONDS.

Streams: only a bounded number of files is in flight, so a 10k-page archive never sits in memory.
A bad file becomes a failed FileOutcome; it never stops the batch.
"""

from __future__ import annotations

import os
import time
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from pathlib import Path
from typing import NamedTuple

from .derive import Derived, derive
from .errors import GazetteError, StoreError
from .model import Notice, Parsed
from .pipeline import PIPELINE_VERSION, SUFFIX_MEDIA_TYPES, is_warc, process_path
from .store import Store
from .stored import AddReport

Process = Callable[[Path], Parsed]
# Files queued per worker: enough to keep every worker busy while the main process writes, and
# while it waits for a large page whose results it must store before the ones behind it (2 a
# worker: 2.76-2.88 s on the 176 sample pages, three runs; 8: 2.69-2.71 s).
IN_FLIGHT_PER_JOB = 8
# Files stored per commit (each still all or nothing): a commit per file cost as much as storing
# it. A commit at least every second lets readers of the store see an ingest advance.
COMMIT_FILES = 64
COMMIT_SECONDS = 1.0


@dataclass(frozen=True, slots=True)
class FileOutcome:
    """What became of one input file: a store report, or a one-line error naming the file."""

    path: Path
    ok: bool
    report: AddReport | None = None
    error: str | None = None  # "path: what is wrong"
    notices: tuple[Notice, ...] = ()


def discover(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named, and the bulletin files under folders named (recursive, sorted, hidden skipped).

    A file named explicitly is always yielded, so that a wrong suffix or a missing file is reported
    rather than silently skipped.
    """
    for given in paths:
        path = Path(given)
        if path.is_dir():
            yield from sorted(_walk(path))
        else:
            yield path


class Found(NamedTuple):
    """A file to ingest and the location the store records for it: its path relative to the
    folder given to ingest (a file named alone: its name), never the editor's own local path."""

    path: Path
    location: str


def discover_named(paths: Iterable[str | Path | Found]) -> Iterator[Found]:
    """discover() with each file's public location (see Found); a Found given is kept as it is.
    Files named together are located together (named_locations)."""
    given = [item if isinstance(item, Found) else Path(item) for item in paths]
    folders = {item for item in given if isinstance(item, Path) and item.is_dir()}
    named = named_locations([item for item in given if isinstance(item, Path) and item not in folders])
    for item in given:
        if isinstance(item, Found):
            yield item
        elif item in folders:
            for found in sorted(_walk(item)):
                yield Found(found, found.relative_to(item).as_posix())
        else:
            yield Found(item, named[item])


def named_locations(files: Sequence[Path]) -> dict[Path, str]:
    """The locations of files named one by one: each file's name, but where several different
    files share a name (12.html of two gazettes), their paths from the folder they have in common
    (beixi/2019/12.html, qinglan/2019/12.html). Stored under one name, the second file read as a
    later capture of the first, and its documents became versions of the first file's."""
    by_name: dict[str, set[Path]] = defaultdict(set)
    for path in files:
        by_name[path.name].add(path.resolve())
    out: dict[Path, str] = {}
    for path in files:
        clashing = by_name[path.name]
        if len(clashing) == 1:
            out[path] = path.name
        else:
            out[path] = path.resolve().relative_to(os.path.commonpath(clashing)).as_posix()
    return out


def _walk(folder: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = [name for name in dirs if not name.startswith(".")]  # prune: never descend into .git
        for name in files:
            lower = name.lower()
            if not name.startswith(".") and (Path(lower).suffix in SUFFIX_MEDIA_TYPES or is_warc(lower)):
                yield Path(root, name)


def ingest(
    paths: Iterable[str | Path | Found],
    store: Store,
    jobs: int = 1,
    process: Process = process_path,
    pipeline_version: str = PIPELINE_VERSION,
) -> Iterator[FileOutcome]:
    """Process and store every discovered file, yielding one outcome per file in input order.

    jobs > 1 runs `process` in that many worker processes (0 or less: one per core); the store is
    written by the calling process only. `process` must be a picklable top-level function.
    A folder's files are stored under their paths relative to it (Found.location).
    """
    workers = jobs if jobs > 0 else (os.cpu_count() or 1)
    files = discover_named(paths)
    results = _serial(files, process) if workers == 1 else _parallel(files, workers, process)
    with store.batch() as commit:
        since = time.monotonic()
        for k, (found, result) in enumerate(results, 1):
            yield _store(found, result, store, pipeline_version)
            if k % COMMIT_FILES == 0 or time.monotonic() - since > COMMIT_SECONDS:
                commit()
                since = time.monotonic()


Result = tuple[Parsed, Derived | None] | str  # a file's reading and what the store derives from it, or an error


def _store(found: Found, result: Result, store: Store, pipeline_version: str) -> FileOutcome:
    if isinstance(result, str):
        return FileOutcome(found.path, False, error=result)
    parsed, derived = result
    notices = parsed.notices
    try:
        report = store.add(parsed, pipeline_version, derived)
    except StoreError as exc:
        return FileOutcome(found.path, False, error=_one_line(str(exc)), notices=notices)
    return FileOutcome(found.path, True, report, notices=notices)


def relocate(parsed: Parsed, location: str) -> Parsed:
    """The same reading, recorded under another location (worker processes read the local path)."""
    if parsed.capture.location == location:
        return parsed
    return replace(parsed, capture=replace(parsed.capture, location=location),
                   page=replace(parsed.page, location=location), clean=replace(parsed.clean, location=location))


def run_one(process: Process, path: Path) -> Parsed | str:
    """Process one file; a failure comes back as a one-line message (it also crosses processes)."""
    try:
        return process(path)
    except GazetteError as exc:
        # Sent back as text: GazetteError's source and line would not survive pickling.
        named = exc if exc.source else GazetteError(exc.message, str(path), exc.line)
        return _one_line(str(named))
    # One page hitting a bug in a stage must not stop a 10k-page batch; the message says it is ours.
    except Exception as exc:
        return _one_line(f"{path}: internal error: {type(exc).__name__}: {exc}")


def _serial(files: Iterable[Found], process: Process) -> Iterator[tuple[Found, Result]]:
    for found in files:
        result = run_one(process, found.path)
        # The store derives what it needs as it writes: nothing to gain from deriving it first here.
        yield found, result if isinstance(result, str) else (relocate(result, found.location), None)


def run_prepared(process: Process, path: Path, location: str) -> Result:
    """In a worker process: one file read under its location, with everything the store derives
    from its documents alone (derive.py), so the process writing the store only writes."""
    result = run_one(process, path)
    if isinstance(result, str):
        return result
    parsed = relocate(result, location)
    try:
        return parsed, derive(parsed, complete=True)
    except Exception:  # a bug in a derivation: the store meets it again and names the capture
        return parsed, None


def _parallel(files: Iterable[Found], workers: int, process: Process) -> Iterator[tuple[Found, Result]]:
    todo = iter(files)
    pending: deque[tuple[Found, Future[Result]]] = deque()
    pool = ProcessPoolExecutor(max_workers=workers)
    try:
        while True:
            while len(pending) < workers * IN_FLIGHT_PER_JOB and (found := next(todo, None)) is not None:
                pending.append((found, pool.submit(run_prepared, process, found.path, found.location)))
            if not pending:
                return
            found, future = pending.popleft()
            result: Result
            try:
                result = future.result()
            except BrokenProcessPool:
                # A worker died (killed, out of memory): blame the oldest file, restart the rest.
                result = f"{found.path}: internal error: worker process died"
                pool.shutdown(cancel_futures=True)
                pool = ProcessPoolExecutor(max_workers=workers)
                pending = deque((f, pool.submit(run_prepared, process, f.path, f.location)) for f, _ in pending)
            except Exception as exc:  # e.g. a result that cannot be unpickled: still one file's problem
                result = _one_line(f"{found.path}: internal error: {type(exc).__name__}: {exc}")
            yield found, result
    finally:
        pool.shutdown(cancel_futures=True)


def _one_line(message: str) -> str:
    return " ".join(message.split())


# ---- WARC files (gazette fetch's archives, or one received from elsewhere) -------------------

HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True, slots=True)
class RecordOutcome:
    """What became of one response record of a WARC file (read like a FileOutcome)."""

    path: str  # "<warc file> <url>"
    ok: bool
    report: AddReport | None = None
    error: str | None = None
    notices: tuple[Notice, ...] = ()


def ingest_warc(
    path: str | Path,
    store: Store,
    pipeline_version: str = PIPELINE_VERSION,
) -> Iterator[RecordOutcome]:
    """Every HTML response record with status 200 in a WARC file → a capture (location: its URL,
    media type: its Content-Type header), stored one record per transaction."""
    from .fetch.warc import read_responses
    from .pipeline import make_capture, process

    try:
        for response in read_responses(path):
            media = (response.content_type or "text/html").split(";")[0].strip().lower()
            if response.status != 200 or response.truncated or media not in HTML_TYPES \
                    or response.role in ("listing", "robots"):  # our own listing pages are no bulletins
                continue
            where = f"{path} {response.url}"
            captured = response.date.replace("Z", "+00:00") if response.date else None
            capture = make_capture(response.url, response.payload, response.content_type or "text/html", captured)
            try:
                parsed = process(capture)
            except GazetteError as exc:
                yield RecordOutcome(where, False, error=_one_line(f"{where}: {exc.message}"))
                continue
            except Exception as exc:
                yield RecordOutcome(where, False, error=_one_line(f"{where}: internal error: {type(exc).__name__}: {exc}"))
                continue
            try:
                report = store.add(parsed, pipeline_version)
            except StoreError as exc:
                yield RecordOutcome(where, False, error=_one_line(str(exc)), notices=parsed.notices)
                continue
            yield RecordOutcome(where, True, report, notices=parsed.notices)
    except Exception as exc:  # not a WARC file, truncated gzip, unreadable: one line naming the file
        yield RecordOutcome(str(path), False, error=_one_line(f"{path}: not a readable WARC file: {exc}"))
