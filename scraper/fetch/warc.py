"""Every fetched response as WARC (ISO 28500) with warcio: request + response records, gzipped
one record per member, so that (file, offset, length) in the store's index reads one record back.

The response record keeps the body as transferred (gzip included) with the headers as received;
only `Transfer-Encoding: chunked` is renamed (httpx removes the chunk framing, so a reader must
not look for it).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from .. import __version__
from .client import Exchange


def warc_folder(store_path: str | Path) -> Path:
    """gazette.db → gazette-warc/ beside it."""
    path = Path(store_path)
    return path.with_name(f"{path.stem}-warc")


@dataclass(frozen=True, slots=True)
class Written:
    """Where a response record went."""

    path: Path
    offset: int
    length: int


@dataclass(frozen=True, slots=True)
class WarcResponse:
    """One response record read back."""

    url: str
    status: int
    headers: tuple[tuple[str, str], ...]
    content_type: str | None
    payload: bytes  # decoded (content-encoding undone)
    raw_payload: bytes  # as stored: the bytes the server sent
    date: str
    truncated: bool
    offset: int
    role: str | None = None  # X-Gazette-Role of our own records


class WarcWriter:
    """Writes one gzipped WARC file per run: <folder>/YYYYMMDD-HHMMSS-<n>.warc.gz, opened lazily."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.path: Path | None = None
        self.records = 0
        self._file: BinaryIO | None = None
        self._writer: WARCWriter | None = None

    def __enter__(self) -> WarcWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = self._writer = None

    def _open(self) -> WARCWriter:
        if self._writer is not None:
            return self._writer
        self.folder.mkdir(parents=True, exist_ok=True)
        stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%d-%H%M%S")
        n = 1
        while (self.folder / f"{stamp}-{n}.warc.gz").exists():
            n += 1
        self.path = self.folder / f"{stamp}-{n}.warc.gz"
        self._file = open(self.path, "xb")
        self._writer = WARCWriter(self._file, gzip=True)
        info = self._writer.create_warcinfo_record(
            self.path.name, {"software": f"gazette/{__version__}", "format": "WARC File Format 1.1"})
        self._writer.write_record(info)
        return self._writer

    def write(self, exchange: Exchange, role: str | None = None) -> Written:
        """Append the request and response records of one exchange; where the response lies.

        `role` (listing, issue, page, robots) goes into an X-Gazette-Role field, so that ingest
        can skip listing pages of our own WARC files.
        """
        writer = self._open()
        assert self._file is not None and self.path is not None
        parts = urlsplit(exchange.url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        request = writer.create_warc_record(
            exchange.url, "request", payload=io.BytesIO(b""),
            http_headers=StatusAndHeaders(f"GET {target} {exchange.http_version}",
                                          list(exchange.request_headers), is_http_request=True),
            warc_headers_dict={"WARC-Date": _warc_date(exchange.fetched)},
        )
        headers = [
            ("X-Gazette-Original-Transfer-Encoding", value) if key.lower() == "transfer-encoding" else (key, value)
            for key, value in exchange.headers
        ]
        warc_headers = {"WARC-Date": _warc_date(exchange.fetched)}
        if exchange.truncated:
            warc_headers["WARC-Truncated"] = "length"
        if role:
            warc_headers["X-Gazette-Role"] = role
        response = writer.create_warc_record(
            exchange.url, "response", payload=io.BytesIO(exchange.raw),
            http_headers=StatusAndHeaders(f"{exchange.status} {exchange.reason}".strip(), headers,
                                          protocol=exchange.http_version),
            warc_headers_dict=warc_headers,
        )
        request.rec_headers.add_header("WARC-Concurrent-To", response.rec_headers.get_header("WARC-Record-ID"))
        offset = self._file.tell()
        writer.write_record(response)
        length = self._file.tell() - offset
        writer.write_record(request)
        self._file.flush()
        self.records += 1
        return Written(self.path, offset, length)


def read_responses(path: str | Path) -> Iterator[WarcResponse]:
    """Every response record of a WARC file (gzipped or not), in order."""
    with open(path, "rb") as stream:
        iterator = ArchiveIterator(stream)
        for record in iterator:
            if record.format not in ("warc", "arc2warc"):
                # warcio reads anything as an ARC record: only WARC files are archives here.
                raise ValueError(f"a {record.format} record where WARC was expected")
            if record.rec_type != "response" or record.http_headers is None:
                continue
            # warcio finds a record's offset by reading it to its end: read the payload first.
            yield _response(record, iterator.get_record_offset)


def read_at(path: str | Path, offset: int) -> WarcResponse:
    """The response record at an offset (from the store's index)."""
    with open(path, "rb") as stream:
        stream.seek(offset)
        for record in ArchiveIterator(stream):
            return _response(record, lambda: offset)
    raise ValueError(f"{path}: no record at offset {offset}")


def _response(record: object, offset: Callable[[], int]) -> WarcResponse:
    http = record.http_headers  # type: ignore[attr-defined]
    warc = record.rec_headers  # type: ignore[attr-defined]
    raw = record.raw_stream.read()  # type: ignore[attr-defined]
    encoding = (http.get_header("Content-Encoding") or "").lower()
    payload = raw
    if encoding in ("gzip", "x-gzip", "deflate"):
        from .client import _decode_body

        payload, _ = _decode_body(raw, encoding, 1 << 62)
    status = int(http.get_statuscode() or 0)
    return WarcResponse(
        url=warc.get_header("WARC-Target-URI"),
        status=status,
        headers=tuple(http.headers),
        content_type=http.get_header("Content-Type"),
        payload=payload,
        raw_payload=raw,
        date=warc.get_header("WARC-Date"),
        truncated=warc.get_header("WARC-Truncated") is not None,
        offset=offset(),
        role=warc.get_header("X-Gazette-Role"),
    )


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _warc_date(iso: str) -> str:
    return dt.datetime.fromisoformat(iso).astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
