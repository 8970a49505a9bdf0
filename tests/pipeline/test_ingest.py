"""Ingest end to end: a real HTTP server on 127.0.0.1, a real store (SQLite and PostgreSQL)."""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from sinoscope.beats import load_beat
from sinoscope.errors import InputError
from sinoscope.pipeline import IngestOptions, Ingestor
from sinoscope.settings import Settings
from sinoscope.store import SearchQuery, Store
from sinoscope.store import schema as t

from ..httpserver import LocalServer, Route
from .pages import EN_PARAGRAPHS, T0, ZH_PARAGRAPHS, article, rss, story_pages, write_beat

HTML = {"Content-Type": "text/html; charset=utf-8"}
RSS = {"Content-Type": "application/rss+xml"}


def settings_for(tmp_path: Path, **kw: object) -> Settings:
    base = Settings(
        data_dir=tmp_path / "data",
        allow_private=True,  # the test server is on loopback
        per_host_delay=0.0,
        per_host_concurrency=4,
        timeout=2.0,
        retries=0,
        backoff=0.05,
        workers=1,  # in-process; the bad-input and SIGKILL tests use worker processes
    )
    return replace(base, **kw)  # type: ignore[arg-type]


def snapshot(store: Store) -> list[tuple[object, ...]]:
    d = t.documents
    cols = (
        d.c.id,
        d.c.url,
        d.c.source_id,
        d.c.title,
        d.c.published,
        d.c.language,
        d.c.text,
        d.c.content_hash,
        d.c.duplicate_of,
        d.c.near_duplicate_of,
        d.c.syndicated_from,
    )
    return [tuple(r) for r in store.query(sa.select(*cols).order_by(d.c.id))]


@pytest.fixture
def newsroom() -> Iterator[LocalServer]:
    """Two outlets: Xinhua publishes, China Daily republishes one Xinhua story as a wire copy."""
    routes: dict[str, object] = {}
    server = LocalServer({})
    base = server.origin
    wire = article("China counts 4,500 AI firms", EN_PARAGRAPHS, T0)
    copy = article(
        "Number of AI companies tops 4,500",
        [*EN_PARAGRAPHS, "Source: Xinhua"],
        T0 + timedelta(hours=3),
        byline="China Daily",
    )
    zh = article("我国人工智能企业超过4500家", ZH_PARAGRAPHS, T0, lang="zh")
    routes.update(
        {
            "/xinhua/2024/ai-firms.html": Route(body=wire.encode(), headers=HTML),
            "/xinhua/2024/zh-ai.html": Route(body=zh.encode(), headers=HTML),
            "/china-daily/2024/ai-copy.html": Route(body=copy.encode(), headers=HTML),
            "/xinhua/feed.xml": Route(
                body=rss(
                    base,
                    [
                        ("/xinhua/2024/ai-firms.html", "China counts 4,500 AI firms", T0),
                        ("/xinhua/2024/zh-ai.html", "我国人工智能企业超过4500家", T0),
                    ],
                ),
                headers=RSS,
            ),
            "/china-daily/feed.xml": Route(
                body=rss(
                    base,
                    [
                        (
                            "/china-daily/2024/ai-copy.html",
                            "AI firms top 4,500",
                            T0 + timedelta(hours=3),
                        )
                    ],
                ),
                headers=RSS,
            ),
        }
    )
    server.routes.update(routes)  # type: ignore[arg-type]
    with server:
        yield server


def test_feeds_to_store_with_wire_copy_linked(
    newsroom: LocalServer, tmp_path: Path, store_url: str
) -> None:
    host = newsroom.origin.split("://")[1]
    beat = load_beat(
        write_beat(
            tmp_path / "beat",
            host,
            {
                "xinhua": [newsroom.url("/xinhua/feed.xml")],
                "china-daily": [newsroom.url("/china-daily/feed.xml")],
            },
        )
    )
    settings = settings_for(tmp_path)
    feeds = [newsroom.url("/xinhua/feed.xml"), newsroom.url("/china-daily/feed.xml")]
    with Store.open(store_url) as store:
        report = Ingestor(settings, beat, store).run(feeds)
        assert (report.feeds, report.new, report.failures) == (2, 3, [])
        assert report.syndicated == 1
        docs = {d.url.rsplit("/", 1)[1]: d for d in store.iter_documents()}
        wire, copy, zh = docs["ai-firms.html"], docs["ai-copy.html"], docs["zh-ai.html"]
        assert (wire.source_id, copy.source_id, zh.source_id) == ("xinhua", "china-daily", "xinhua")
        assert copy.syndicated_from == wire.id and wire.syndicated_from is None
        assert wire.title == "China counts 4,500 AI firms"
        assert wire.published == T0 and wire.date_source == "meta"
        assert (wire.language, zh.language) == ("en", "zh")
        assert "4500家" in zh.text and "Related story" not in wire.text
        # search finds the Chinese story by a Chinese word, and collapses the wire copy
        assert [h.document_id for h in store.search(SearchQuery("人工智能企业"))] == [zh.id]
        hits = store.search(SearchQuery("companies ministry"))
        assert [(h.document_id, h.copies) for h in hits] == [(wire.id, 1)]
        # entity mentions were stored (MIIT is named in the English text as "industry ministry"?
        # no: but China and Beijing are)
        mentioned = {r[0] for r in store.query(sa.select(t.mentions.c.entity_id))}
        assert {"china", "beijing"} <= mentioned

        before = snapshot(store)
        again = Ingestor(settings, beat, store).run(feeds)
        assert (again.new, again.updated, again.skipped) == (0, 0, 3)
        assert snapshot(store) == before


def test_bad_inputs_are_recorded_and_the_run_goes_on(tmp_path: Path) -> None:
    good = article("A good page", EN_PARAGRAPHS, T0)
    gbk_page = article("数据", ZH_PARAGRAPHS, T0, lang="zh", charset=None).encode("gbk")
    truncated = gzip.compress(good.encode())[:-40]

    def huge() -> Route:
        chunk = b"<p>" + b"x" * 65_000 + b"</p>"
        return Route(body=(chunk for _ in range(800)), headers=HTML)  # ~52 MB, streamed

    routes = {
        "/xinhua/good.html": Route(body=good.encode(), headers=HTML),
        "/xinhua/missing.html": Route(status=404, body=b"not here"),
        "/xinhua/slow.html": Route(body=good.encode(), headers=HTML, delay=3.0),
        "/xinhua/truncated.html": Route(
            body=truncated, headers={**HTML, "Content-Encoding": "gzip"}
        ),
        "/xinhua/huge.html": lambda _req: huge(),
        "/xinhua/garbage.html": Route(body=bytes(range(256)) * 40, headers=HTML),
        "/xinhua/unknown-charset.html": Route(
            body=gbk_page, headers={"Content-Type": "text/html; charset=x-no-such-charset"}
        ),
        "/xinhua/scripts.html": Route(
            body=b"<html><script>alert(1)</script><body onload='x()'></body></html>", headers=HTML
        ),
        "/broken/feed.xml": Route(body=b"<rss><channel><item><title>cut", headers=RSS),
    }
    with LocalServer(routes) as srv:  # type: ignore[arg-type]
        paths = [p for p in routes if p.startswith("/xinhua/")]
        feed = rss(srv.origin, [(p, p, T0) for p in paths])
        srv.routes["/xinhua/feed.xml"] = Route(body=feed, headers=RSS)
        host = srv.origin.split("://")[1]
        beat = load_beat(write_beat(tmp_path / "beat", host, {"xinhua": []}))
        settings = settings_for(tmp_path, timeout=1.0, max_bytes=5_000_000, workers=2)
        with Store.open(settings.db_url) as store:
            report = Ingestor(settings, beat, store).run(
                [srv.url("/xinhua/feed.xml"), srv.url("/broken/feed.xml")]
            )
            reasons = {f.url.rsplit("/", 1)[1]: f.reason for f in report.failures}
            stored = {d.url.rsplit("/", 1)[1]: d for d in store.iter_documents()}
            health = store.source_health()["xinhua"]

    assert set(stored) == {"good.html", "unknown-charset.html"}
    assert "4500家" in stored["unknown-charset.html"].text  # GBK recovered despite the label
    assert reasons["missing.html"] == "HTTP 404"
    assert "timed out" in reasons["slow.html"]
    assert "truncated gzip" in reasons["truncated.html"]
    assert "larger than 5000000 bytes" in reasons["huge.html"]
    assert "no article text" in reasons["garbage.html"]
    assert "no article text" in reasons["scripts.html"]
    assert reasons.get("feed.xml")  # the broken feed, with a reason
    assert health.error_count >= 6 and health.ok_count >= 2


def descendants(pid: int) -> list[int]:
    """Every process below `pid` (Linux /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            children.setdefault(int(fields[1]), []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has exited


def test_resume_after_sigkill_gives_the_same_store(tmp_path: Path) -> None:
    import os
    import signal
    import subprocess
    import sys
    import time

    pages = story_pages(24)
    slow = {p: Route(body=h.encode(), headers=HTML, delay=0.15) for p, h in pages.items()}
    with LocalServer(slow) as srv:
        feed = rss(srv.origin, [(p, p, T0) for p in pages])
        srv.routes["/xinhua/feed.xml"] = Route(body=feed, headers=RSS)
        host = srv.origin.split("://")[1]
        beat_dir = write_beat(tmp_path / "beat", host, {"xinhua": [srv.url("/xinhua/feed.xml")]})
        env = {
            **os.environ,
            "SINOSCOPE_ALLOW_PRIVATE": "1",
            "SINOSCOPE_PER_HOST_DELAY": "0",
            "SINOSCOPE_PER_HOST_CONCURRENCY": "2",
            "SINOSCOPE_CONCURRENCY": "2",
            "SINOSCOPE_BEAT": str(beat_dir),
        }

        def ingest(db: Path, data: Path) -> subprocess.Popen[bytes]:
            log = (tmp_path / "ingest.log").open("ab")
            proc = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "sinoscope",
                    "ingest",
                    srv.url("/xinhua/feed.xml"),
                    "--db",
                    str(db),
                    "--data-dir",
                    str(data),
                    "--json",
                ],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=log,
            )
            log.close()  # the child has its own copy
            return proc

        # an uninterrupted run
        full = ingest(tmp_path / "full.db", tmp_path / "full")
        assert full.wait(timeout=120) == 0, (tmp_path / "ingest.log").read_text()

        # a run killed part-way, then run again
        killed_db = tmp_path / "killed.db"
        victim = ingest(killed_db, tmp_path / "killed")
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            time.sleep(0.05)
            if killed_db.exists():
                with Store.open(f"sqlite:///{killed_db}", migrate=False) as s:
                    try:
                        if s.count_documents() >= 6:
                            break
                    except Exception:
                        continue
        workers = descendants(victim.pid)  # its forkserver and the pool's worker processes
        assert workers, "the ingest runs its CPU stage in worker processes"
        victim.send_signal(signal.SIGKILL)
        victim.wait(timeout=10)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and any(alive(p) for p in workers):
            time.sleep(0.2)
        assert not [p for p in workers if alive(p)], "workers outlived their killed parent"
        with Store.open(f"sqlite:///{killed_db}") as s:
            partial = s.count_documents()
        assert 6 <= partial < 24, partial
        resumed = ingest(killed_db, tmp_path / "killed")
        assert resumed.wait(timeout=120) == 0

    with (
        Store.open(f"sqlite:///{tmp_path / 'full.db'}") as a,
        Store.open(f"sqlite:///{killed_db}") as b,
    ):
        assert len(snapshot(a)) == 24
        assert snapshot(a) == snapshot(b)


def test_files_folders_and_warc(tmp_path: Path) -> None:
    folder = tmp_path / "saved"
    folder.mkdir()
    (folder / "one.html").write_text(article("Saved page", EN_PARAGRAPHS, T0), encoding="utf-8")
    (folder / "notes.txt").write_text("\n\n".join(ZH_PARAGRAPHS), encoding="utf-8")
    (folder / "ignored.bin").write_bytes(b"\x00\x01")
    beat = load_beat()
    settings = settings_for(tmp_path)
    with Store.open(settings.db_url) as store:
        report = Ingestor(settings, beat, store).run(
            [str(folder)], IngestOptions(source_id="caixin")
        )
        docs = list(store.iter_documents())
    assert report.new == 2 and not report.failures
    assert {d.origin for d in docs} == {"file"} and {d.source_id for d in docs} == {"caixin"}

    # fetch pages with archiving on, then ingest the WARC into a new store: same documents
    pages = story_pages(3)
    with LocalServer({p: Route(body=h.encode(), headers=HTML) for p, h in pages.items()}) as srv:
        urls = [srv.url(p) for p in pages]
        live = settings_for(tmp_path / "live")
        with Store.open(live.db_url) as store:
            Ingestor(live, beat, store).run(urls)
            fetched = snapshot(store)
    warcs = sorted(live.warc_dir.rglob("*.warc.gz"))
    assert warcs
    offline = settings_for(tmp_path / "offline")
    with Store.open(offline.db_url) as store:
        report = Ingestor(offline, beat, store).run([str(p) for p in warcs])
        assert report.new == 3
        from_warc = snapshot(store)
    assert from_warc == fetched


def test_inputs_that_are_not_urls_or_files_are_refused(tmp_path: Path) -> None:
    settings = settings_for(tmp_path)
    with Store.open(settings.db_url) as store:
        ingestor = Ingestor(settings, load_beat(), store)
        with pytest.raises(InputError, match="neither a URL"):
            ingestor.run(["no/such/file.html"])
        with pytest.raises(InputError, match="only http"):
            ingestor.run(["ftp://example.org/feed.xml"])
