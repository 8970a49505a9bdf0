"""Reading a response body: the size cap while streaming, and content decoding.

We read the raw (still encoded) bytes from httpx and decode them ourselves, because we need
both: the raw bytes go to the WARC archive as they came off the wire, and the decoded bytes
must be capped *while* decompressing (a small gzip bomb must not inflate in memory) and must
be complete (zlib happily returns a prefix of a truncated gzip stream; httpx does not check).
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass

import httpx

try:  # brotli is optional: we only ask for "br" when we can decode it
    import brotli  # type: ignore[import-not-found, unused-ignore]
except ImportError:  # pragma: no cover - depends on the environment
    brotli = None

ACCEPT_ENCODING = "gzip, deflate, br" if brotli is not None else "gzip, deflate"


@dataclass(frozen=True, slots=True)
class Body:
    """What was read: `raw` as received, `decoded` for use; `error` when it is unusable.

    `complete` is True when the whole raw body was read (even if it then failed to decode).
    """

    raw: bytes = b""
    decoded: bytes = b""
    error: str | None = None
    complete: bool = False


class DecodeError(Exception):
    pass


class _Decoder:
    """Decodes one Content-Encoding incrementally; `room` caps the output of each call."""

    def __init__(self, encoding: str) -> None:
        self.encoding = encoding
        self._zlib: zlib._Decompress | None = None
        self._brotli = None
        self._started = False
        if encoding in ("gzip", "x-gzip"):
            self._zlib = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            self._zlib = zlib.decompressobj(zlib.MAX_WBITS)
        elif encoding == "br" and brotli is not None:
            self._brotli = brotli.Decompressor()
        elif encoding not in ("identity", ""):
            raise DecodeError(f"unsupported content encoding {encoding!r}")

    def decode(self, data: bytes, room: int) -> bytes:
        if self._brotli is not None:
            try:
                return bytes(self._brotli.process(data))
            except brotli.error as exc:
                raise DecodeError(f"corrupt br body ({exc})") from None
        if self._zlib is None:
            return data
        if self.encoding == "deflate" and not self._started:
            self._started = True
            # "deflate" is meant to be zlib-wrapped, but some servers send a raw stream
            if len(data) >= 2 and ((data[0] & 0x0F) != 8 or (data[0] << 8 | data[1]) % 31):
                self._zlib = zlib.decompressobj(-zlib.MAX_WBITS)
        try:
            out = self._zlib.decompress(data, room + 1)
            # a gzip body may hold several members; trailing junk after a member is ignored
            while self._zlib.eof and self._zlib.unused_data[:2] == b"\x1f\x8b" and len(out) <= room:
                rest = self._zlib.unused_data
                self._zlib = zlib.decompressobj(16 + zlib.MAX_WBITS)
                out += self._zlib.decompress(rest, room + 1 - len(out))
        except zlib.error as exc:
            raise DecodeError(f"corrupt {self.encoding} body ({exc})") from None
        return out

    def finish(self) -> None:
        if self._zlib is not None and not self._zlib.eof:
            raise DecodeError(f"truncated {self.encoding} body")
        if self._brotli is not None and not self._brotli.is_finished():
            raise DecodeError("truncated br body")


def too_large(max_bytes: int) -> str:
    return f"body larger than {max_bytes} bytes"


async def read_body(response: httpx.Response, max_bytes: int) -> Body:
    """Stream `response`'s body, decoding it; stop as soon as either size passes `max_bytes`.

    The caller closes the response (leaving `client.stream(...)` closes the connection when the
    body was not read to the end, so nothing more is downloaded).
    """
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        return Body(error=too_large(max_bytes))
    encoding = response.headers.get("content-encoding", "").strip().lower()
    try:
        decoder = _Decoder(encoding)
    except DecodeError as exc:
        return Body(error=str(exc))
    raw: list[bytes] = []
    decoded: list[bytes] = []
    raw_size = decoded_size = 0
    async for chunk in response.aiter_raw():
        raw_size += len(chunk)
        if raw_size > max_bytes:
            return Body(error=too_large(max_bytes))
        raw.append(chunk)
        try:
            out = decoder.decode(chunk, max_bytes - decoded_size)
        except DecodeError as exc:
            return Body(raw=b"".join(raw), error=str(exc))
        decoded_size += len(out)
        if decoded_size > max_bytes:
            return Body(error=too_large(max_bytes))
        decoded.append(out)
    raw_bytes = b"".join(raw)
    if raw_bytes:
        try:
            decoder.finish()
        except DecodeError as exc:
            return Body(raw=raw_bytes, error=str(exc), complete=True)
    return Body(raw=raw_bytes, decoded=b"".join(decoded), complete=True)


def decode_body(raw: bytes, content_encoding: str | None) -> Body:
    """Decode a complete raw body (one read back from an archive) the way `read_body` does."""
    try:
        decoder = _Decoder((content_encoding or "").strip().lower())
        decoded = decoder.decode(raw, max(len(raw), 1) * 1100) if raw else b""
        if raw:
            decoder.finish()
    except DecodeError as exc:
        return Body(raw=raw, error=str(exc), complete=True)
    return Body(raw=raw, decoded=decoded, complete=True)
