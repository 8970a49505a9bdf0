"""The WARC archive: every HTTP response kept as it came, so re-extraction needs no re-fetch.

    archive = WarcArchive(settings.warc_dir)
    ref = archive.write(result, request_headers, raw_body=wire_bytes)   # "2025-01-31/…#1234"
    again = read_warc_record(settings.warc_dir, ref)                    # a FetchResult
    for result in iter_warc(path):                                      # any .warc / .warc.gz
        ...

Layout: DIRECTORY/YYYY-MM-DD/sinoscope-HHMMSS-PID-NNNNN.warc.gz, one file per archive object
(one per run), a new one after ~1 GB. Each file opens with a warcinfo record; each exchange is
a response record followed by its request record (WARC-Concurrent-To links them), each record
its own gzip member, flushed at once. A process killed mid-write leaves at worst one damaged
member at the end of the file: the readers stop there and keep everything before it.

The response record holds the status line and headers as received (minus Transfer-Encoding,
since the payload is stored de-chunked) and the body as received (still gzip'ed when it came
gzip'ed). Readers decode it again, so `read_warc_record(...).body == result.body`.
"""

from __future__ import annotations

import io
import logging
import os
import threading
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from http import HTTPStatus
from pathlib import Path
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from ..errors import InputError
from ..records import FetchResult
from .body import decode_body
from .guard import redact

log = logging.getLogger(__name__)

MAX_FILE_BYTES = 1_000_000_000
_HOP_BY_HOP = {"transfer-encoding"}
_SECRET_REQUEST_HEADERS = {"authorization", "proxy-authorization", "cookie"}


def archived_headers(headers: Sequence[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    """Response headers as we keep them (FetchResult.headers and the WARC record agree)."""
    return tuple((k, v) for k, v in headers if k.lower() not in _HOP_BY_HOP)


class WarcArchive:
    """Appends WARC records to files under `directory`; safe to share between coroutines/threads."""

    def __init__(
        self, directory: Path | str, *, max_file_bytes: int = MAX_FILE_BYTES, software: str = ""
    ) -> None:
        self.directory = Path(directory)
        self.max_file_bytes = max_file_bytes
        self.software = software or "Sinoscope"
        self._lock = threading.Lock()
        self._file: BinaryIO | None = None
        self._relative = ""
        self._writer: WARCWriter | None = None
        self._count = 0

    def __enter__(self) -> WarcArchive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        with self._lock:
            if self._file is not None:
                self._file.close()
            self._file = self._writer = None

    @property
    def current_file(self) -> Path | None:
        return self.directory / self._relative if self._file is not None else None

    def write(
        self,
        result: FetchResult,
        request_headers: Sequence[tuple[str, str]],
        *,
        raw_body: bytes | None = None,
    ) -> str:
        """Archive one exchange; returns the reference "relative/path.warc.gz#offset".

        Credentials never reach the archive: user:password is cut from the URL and the
        Authorization, Proxy-Authorization and Cookie request headers are left out.

        `raw_body` is the body as received (before content decoding); without it the decoded
        `result.body` is stored and the Content-Encoding/Content-Length headers are dropped.
        """
        if result.status is None:
            raise ValueError("only responses with a status can be archived; check result.status")
        headers = list(archived_headers(result.headers))
        payload = raw_body
        if payload is None:
            payload = result.body
            drop = {"content-encoding", "content-length"}
            headers = [(k, v) for k, v in headers if k.lower() not in drop]
        try:
            reason = HTTPStatus(result.status).phrase
        except ValueError:
            reason = ""
        date = _warc_date(result.fetched_at)
        url = redact(result.final_url or result.url)
        sent = [(k, v) for k, v in request_headers if k.lower() not in _SECRET_REQUEST_HEADERS]
        with self._lock:
            writer, handle = self._open()
            offset = handle.tell()
            response = writer.create_warc_record(
                url,
                "response",
                payload=io.BytesIO(payload),
                length=len(payload),
                http_headers=StatusAndHeaders(
                    f"{result.status} {reason}".strip(), headers, protocol="HTTP/1.1"
                ),
                warc_headers_dict={"WARC-Date": date},
            )
            writer.write_record(response)
            target = _request_target(url)
            request = writer.create_warc_record(
                url,
                "request",
                payload=io.BytesIO(b""),
                length=0,
                http_headers=StatusAndHeaders(f"GET {target} HTTP/1.1", sent, is_http_request=True),
                warc_headers_dict={
                    "WARC-Date": date,
                    "WARC-Concurrent-To": response.rec_headers.get_header("WARC-Record-ID"),
                },
            )
            writer.write_record(request)
            handle.flush()
            return f"{self._relative}#{offset}"

    def _open(self) -> tuple[WARCWriter, BinaryIO]:
        if self._file is not None and self._writer is not None:
            if self._file.tell() < self.max_file_bytes:
                return self._writer, self._file
            self._file.close()
        now = datetime.now(UTC)
        name = f"sinoscope-{now:%H%M%S}-{os.getpid()}-{self._count:05d}.warc.gz"
        self._count += 1
        relative = Path(f"{now:%Y-%m-%d}") / name
        path = self.directory / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        handle: BinaryIO = open(path, "xb")  # noqa: SIM115 - kept open across calls
        writer = WARCWriter(handle, gzip=True, warc_version="1.1")
        info = writer.create_warcinfo_record(
            name, {"software": self.software, "format": "WARC/1.1"}
        )
        writer.write_record(info)
        handle.flush()
        self._file, self._writer, self._relative = handle, writer, relative.as_posix()
        log.info("archiving to %s", path)
        return writer, handle


def _warc_date(when: datetime) -> str:
    when = when.astimezone(UTC) if when.tzinfo else when.replace(tzinfo=UTC)
    return when.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _request_target(url: str) -> str:
    rest = url.split("://", 1)[-1]
    slash = rest.find("/")
    return rest[slash:] if slash >= 0 else "/"


# --------------------------------------------------------------------------------- reading
def _parse_date(value: str | None) -> datetime:
    if value:
        try:
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
            return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
        except ValueError:
            pass
    return datetime.fromtimestamp(0, UTC)


def _to_result(record: ArcWarcRecord, ref: str) -> FetchResult | None:
    """A FetchResult for an HTTP response record; None for other records or a damaged one."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    if not record.http_headers.protocol.upper().startswith("HTTP/"):
        return None
    error = None
    if (record.http_headers.get_header("transfer-encoding") or "").lower() == "chunked":
        body = record.content_stream().read()  # a foreign WARC that kept the chunked framing
    else:
        decoded = decode_body(
            record.raw_stream.read(), record.http_headers.get_header("content-encoding")
        )
        body, error = decoded.decoded, decoded.error
    if _is_truncated(record):  # the file ended inside this record
        return None
    try:
        status: int | None = int(record.http_headers.get_statuscode())
    except (TypeError, ValueError):
        status = None
    url = record.rec_headers.get_header("WARC-Target-URI") or ""
    return FetchResult(
        url=url,
        final_url=url,
        status=status,
        headers=tuple((str(k), str(v)) for k, v in record.http_headers.headers),
        body=body,
        fetched_at=_parse_date(record.rec_headers.get_header("WARC-Date")),
        error=error or (f"HTTP {status}" if status is not None and status >= 400 else None),
        not_modified=status == 304,
        warc_ref=ref,
    )


def iter_warc(path: Path | str, *, ref_base: Path | str | None = None) -> Iterator[FetchResult]:
    """One FetchResult per HTTP response record of a .warc or .warc.gz file, in file order.

    `url` is the WARC-Target-URI, `fetched_at` the WARC-Date; `warc_ref` is "path#offset" with
    the path relative to `ref_base` when given. A damaged or truncated record ends the
    iteration (with a warning): every record before it is still yielded.
    """
    path = Path(path)
    shown = path.relative_to(ref_base).as_posix() if ref_base is not None else str(path)
    with open(path, "rb") as handle:
        records = ArchiveIterator(handle)
        while True:
            try:
                record = next(records)
                result = _to_result(record, "")
                damaged = result is None and _is_truncated(record)
                # only now: warcio reads the rest of the record to find where it ends
                ref = f"{shown}#{records.get_record_offset()}"
            except StopIteration:
                return
            except Exception as exc:  # warcio raises many types on damaged input
                log.warning("stopped reading %s: damaged record (%s)", path, exc)
                return
            if damaged:
                log.warning("stopped reading %s: the last record is truncated", path)
                return
            if result is not None:
                yield replace(result, warc_ref=ref)


def _is_truncated(record: ArcWarcRecord) -> bool:
    """Drain the record; True when the file ended before its declared length."""
    record.raw_stream.read()
    return getattr(record.raw_stream, "limit", 0) > 0


def read_warc_record(warc_dir: Path | str, ref: str) -> FetchResult:
    """The archived response `ref` ("relative/path.warc.gz#offset") under `warc_dir`.

    Raises InputError when the reference is malformed, points outside `warc_dir`, or does not
    lead to a complete HTTP response record.
    """
    base = Path(warc_dir).resolve()
    name, sep, offset_text = ref.rpartition("#")
    if not sep or not name or not offset_text.isdigit():
        raise InputError(f"bad WARC reference {ref!r}; expected 'relative/path.warc.gz#offset'")
    path = (base / name).resolve()
    if not path.is_relative_to(base) or not path.is_file():
        raise InputError(f"WARC reference {ref!r} does not name a file under {base}")
    with open(path, "rb") as handle:
        handle.seek(int(offset_text))
        try:
            result = _to_result(next(ArchiveIterator(handle)), ref)
        except Exception as exc:  # warcio raises many types on damaged input
            raise InputError(f"no readable WARC record at {ref!r} ({exc})") from None
    if result is None:
        raise InputError(f"WARC reference {ref!r} is not a complete HTTP response record")
    return result
