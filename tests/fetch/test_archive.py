from __future__ import annotations

import asyncio
import gzip
import io
import os
import random
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from sinoscope.errors import InputError
from sinoscope.fetch import HttpFetcher, WarcArchive, iter_warc, read_warc_record
from sinoscope.records import FetchResult
from tests.httpserver import LocalServer, Route

from .support import local_settings, run

ARTICLE = "<html><body><p>中国人工智能企业数量超过5000家。</p></body></html>".encode()


async def _fetch_all(settings: object, archive: WarcArchive, urls: list[str]) -> list[FetchResult]:
    async with HttpFetcher(settings, archive=archive) as fetcher:  # type: ignore[arg-type]
        return [await fetcher.fetch(u) for u in urls]


def _warc_files(directory: Path) -> list[Path]:
    return sorted(directory.rglob("*.warc.gz"))


def test_round_trip_during_fetch(tmp_path: Path) -> None:
    routes = {
        "/robots.txt": Route(status=404),
        "/plain": Route(body=ARTICLE, headers={"Content-Type": "text/html; charset=utf-8"}),
        "/gz": Route(
            body=gzip.compress(ARTICLE),
            headers=[("Content-Encoding", "gzip"), ("Set-Cookie", "a=1"), ("Set-Cookie", "b=2")],
        ),
        "/chunked": Route(body=iter([ARTICLE[:10], ARTICLE[10:]])),
        "/move": Route(status=301, headers={"Location": "/plain"}),
        "/missing": Route(status=404, body=b"nope"),
    }
    settings = local_settings(tmp_path, respect_robots=True)
    with WarcArchive(settings.warc_dir) as archive, LocalServer(routes) as srv:
        urls = [srv.url(p) for p in ("/plain", "/gz", "/chunked", "/move", "/missing")]
        results = run(_fetch_all(settings, archive, urls))
    for result in results:
        assert result.warc_ref is not None, result.url
        again = read_warc_record(settings.warc_dir, result.warc_ref)
        assert again.body == result.body
        assert again.headers == result.headers
        assert again.status == result.status
        assert again.url == again.final_url == result.final_url
        assert again.fetched_at == result.fetched_at
    _, gz, chunked, moved, missing = results
    assert gz.body == ARTICLE and chunked.body == ARTICLE
    assert [v for k, v in gz.headers if k == "set-cookie"] == ["a=1", "b=2"]
    assert not any(k.lower() == "transfer-encoding" for k, _ in chunked.headers)
    assert moved.final_url == srv.url("/plain")
    assert missing.error == "HTTP 404"
    assert read_warc_record(settings.warc_dir, missing.warc_ref or "").error == "HTTP 404"

    (path,) = _warc_files(settings.warc_dir)
    archived = list(iter_warc(path, ref_base=settings.warc_dir))
    # robots.txt, 5 pages, and the 301 hop: every response is kept
    assert [r.status for r in archived] == [404, 200, 200, 200, 301, 200, 404]
    assert [r.final_url for r in archived][1:4] == urls[:3]
    for item in archived:
        assert read_warc_record(settings.warc_dir, item.warc_ref or "").body == item.body
    assert archived[2].body == ARTICLE


def test_request_records_hold_what_was_sent(tmp_path: Path) -> None:
    from warcio.archiveiterator import ArchiveIterator

    settings = local_settings(tmp_path, user_agent="Archivist/1.0")
    with WarcArchive(settings.warc_dir) as archive, LocalServer({"/a": "x"}) as srv:
        run(_fetch_all(settings, archive, [srv.url("/a")]))
    (path,) = _warc_files(settings.warc_dir)
    with open(path, "rb") as handle:
        records = [(r.rec_type, r.http_headers) for r in ArchiveIterator(handle)]
    assert [kind for kind, _ in records] == ["warcinfo", "response", "request"]
    request = records[2][1]
    assert request is not None
    assert request.protocol == "GET" and request.statusline.startswith("/a")
    assert request.get_header("User-Agent") == "Archivist/1.0"


def _result(n: int, size: int = 3000) -> FetchResult:
    """A response with an incompressible body, so its gzip'ed record is about `size` bytes."""
    return FetchResult(
        url=f"https://news.example/{n}",
        final_url=f"https://news.example/{n}",
        status=200,
        headers=(("Content-Type", "application/octet-stream"),),
        body=random.Random(n).randbytes(size),
        fetched_at=datetime(2025, 3, 1, 8, 0, n % 60, tzinfo=UTC),
    )


def test_truncated_file_still_yields_earlier_records(tmp_path: Path) -> None:
    with WarcArchive(tmp_path) as archive:
        refs = [archive.write(_result(n), [("User-Agent", "t")]) for n in range(4)]
        path = archive.current_file
    assert path is not None
    data = path.read_bytes()
    last = int(refs[-1].split("#")[1])  # where the response record of the 4th exchange starts
    expected = [f"https://news.example/{n}" for n in range(4)]
    # cut inside the 4th response record: the three before it survive
    for cut in (last + 3, last + 40, last + 400, last + 2500):
        damaged = tmp_path / f"cut-{cut}.warc.gz"
        damaged.write_bytes(data[:cut])
        got = list(iter_warc(damaged))
        assert [r.url for r in got] == expected[:3], cut
        assert got[2].body == _result(2).body
        with pytest.raises(InputError):
            read_warc_record(tmp_path, f"cut-{cut}.warc.gz#{last}")
    # cut inside its request record (written after the response): the response survives
    damaged = tmp_path / "cut-end.warc.gz"
    damaged.write_bytes(data[:-5])
    assert [r.url for r in iter_warc(damaged)] == expected


def test_concurrent_writers_get_distinct_readable_records(tmp_path: Path) -> None:
    async def go(archive: WarcArchive) -> list[str]:
        jobs = [asyncio.to_thread(archive.write, _result(n), []) for n in range(24)]
        return list(await asyncio.gather(*jobs))

    with WarcArchive(tmp_path, max_file_bytes=20_000) as archive:
        refs = run(go(archive))
    assert len(set(refs)) == 24
    assert len(_warc_files(tmp_path)) > 1  # rotated
    for n, ref in enumerate(refs):
        assert read_warc_record(tmp_path, ref).body == _result(n).body


def test_bad_references(tmp_path: Path) -> None:
    with WarcArchive(tmp_path) as archive:
        ref = archive.write(_result(1), [])
    name = ref.split("#")[0]
    for bad in ("no-offset", f"{name}#abc", "../../etc/passwd#0", "missing.warc.gz#0", f"{name}#7"):
        with pytest.raises(InputError):
            read_warc_record(tmp_path, bad)


def test_iter_warc_reads_foreign_uncompressed_chunked_warcs(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc"
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=False)
        chunked = b"5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n"
        headers = StatusAndHeaders(
            "200 OK",
            [("Content-Type", "text/plain"), ("Transfer-Encoding", "chunked")],
            protocol="HTTP/1.1",
        )
        record = writer.create_warc_record(
            "http://old.example/a",
            "response",
            payload=io.BytesIO(chunked),
            length=len(chunked),
            http_headers=headers,
            warc_headers_dict={"WARC-Date": "2019-05-06T07:08:09Z"},
        )
        writer.write_record(record)
        dns = writer.create_warc_record(
            "dns:old.example", "resource", payload=io.BytesIO(b"1.2.3.4"), length=7
        )
        writer.write_record(dns)
    (result,) = list(iter_warc(path))
    assert result.url == "http://old.example/a" and result.body == b"hello world"
    assert result.fetched_at == datetime(2019, 5, 6, 7, 8, 9, tzinfo=UTC)
    assert result.warc_ref == f"{path}#0"


WRITER = """
import sys
from datetime import UTC, datetime
from sinoscope.fetch import WarcArchive
from sinoscope.records import FetchResult
archive = WarcArchive(sys.argv[1])
n = 0
while True:
    body = (b"%d:" % n) * 20000
    archive.write(FetchResult(f"https://k.example/{n}", f"https://k.example/{n}", 200, (), body,
                              datetime.now(UTC)), [])
    n += 1
    if n == 3:
        print("ready", flush=True)
"""


def test_sigkill_mid_write_leaves_earlier_records_readable(tmp_path: Path) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(tmp_path)],
        stdout=subprocess.PIPE,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == b"ready"
    time.sleep(0.2)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    proc.stdout.close()
    (path,) = _warc_files(tmp_path)
    got = list(iter_warc(path))
    assert len(got) >= 3
    for n, result in enumerate(got):
        assert result.url == f"https://k.example/{n}"
        assert result.body == (b"%d:" % n) * 20000


def test_credentials_stay_out_of_the_archive(tmp_path: Path) -> None:
    from warcio.archiveiterator import ArchiveIterator

    settings = local_settings(tmp_path)
    with WarcArchive(settings.warc_dir) as archive, LocalServer({"/a": "x"}) as srv:
        url = srv.url("/a").replace("http://", "http://reader:s3cret@")
        (result,) = run(_fetch_all(settings, archive, [url]))
    assert result.ok
    assert srv.requests[0].headers["Authorization"].startswith("Basic ")  # it was sent …
    (path,) = _warc_files(settings.warc_dir)
    raw = gzip.decompress(path.read_bytes())
    assert b"s3cret" not in raw and b"Authorization" not in raw  # … but not kept
    with open(path, "rb") as handle:
        uris = {r.rec_headers.get_header("WARC-Target-URI") for r in ArchiveIterator(handle)}
    assert srv.url("/a") in uris


def test_from_settings_archives_when_asked(tmp_path: Path) -> None:
    async def go(archive: bool) -> FetchResult:
        settings = local_settings(tmp_path / str(archive), archive=archive)
        async with HttpFetcher.from_settings(settings) as fetcher:
            return await fetcher.fetch(srv.url("/a"))

    with LocalServer({"/a": "x"}) as srv:
        on, off = run(go(True)), run(go(False))
    assert on.warc_ref is not None and off.warc_ref is None
    assert read_warc_record(tmp_path / "True" / "warc", on.warc_ref).body == b"x"
    assert not (tmp_path / "False" / "warc").exists()
