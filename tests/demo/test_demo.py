"""`sinoscope demo` end to end: the bundled corpus served on 127.0.0.1 and ingested for real.

The corpus manifests say what every page is (source, language, date, wire copies, near
duplicates); the store must agree with them.
"""

from __future__ import annotations

import socket
import urllib.request
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from sinoscope.beats import load_beat
from sinoscope.demo.run import DemoResult, manifest, run_demo
from sinoscope.demo.server import PORT, CorpusServer
from sinoscope.process import country_zone
from sinoscope.records import Document
from sinoscope.settings import Settings
from sinoscope.store import SearchQuery, Store


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> DemoResult:
    data_dir = tmp_path_factory.mktemp("demo") / "store"
    return run_demo(Settings(), data_dir)


def by_path(result: DemoResult) -> dict[str, Document]:
    with Store.open(result.settings.db_url) as store:
        docs = list(store.iter_documents())
    out: dict[str, Document] = {}
    for d in docs:
        path = d.url.split("/", 3)[3]  # strip http://127.0.0.1:PORT/
        out[path] = d
    return out


def test_every_article_is_stored_with_its_source_and_language(demo: DemoResult) -> None:
    articles = manifest()["article"]
    docs = by_path(demo)
    assert len(articles) >= 60
    missing = [a["path"] for a in articles if a["path"] not in docs]
    assert missing == []
    for a in articles:
        d = docs[str(a["path"])]
        assert d.source_id == a["source"], a["path"]
        assert d.language == a["language"], a["path"]


def test_dates_match_the_manifest(demo: DemoResult) -> None:
    """Times to the minute where the page gives one; else the day, in the publisher's zone."""
    docs = by_path(demo)
    beat = load_beat()
    wrong: list[tuple[object, str, str | None]] = []
    for a in manifest()["article"]:
        expected = a["published"]
        if isinstance(expected, str):
            expected = (
                datetime.fromisoformat(expected)
                if "T" in expected
                else date.fromisoformat(expected)
            )
        got = docs[str(a["path"])].published
        if got is None:
            wrong.append((a["path"], str(expected), None))
            continue
        if isinstance(expected, datetime) and expected.tzinfo is not None:
            zone = expected.tzinfo
            day = expected.date()
            precise = abs((got - expected).total_seconds()) < 60
        else:
            source = beat.source(str(a["source"]))
            zone = (country_zone(source.country) if source else None) or UTC
            day = expected if isinstance(expected, date) else date.fromisoformat(str(expected))
            precise = False
        local = got.astimezone(zone)
        date_only = (local.hour, local.minute, local.second) == (0, 0, 0)
        if not (precise or (date_only and local.date() == day)):
            wrong.append((a["path"], str(expected), str(got)))
    assert wrong == []


def test_wire_copies_and_near_duplicates_are_linked_not_dropped(demo: DemoResult) -> None:
    docs = by_path(demo)
    articles = manifest()["article"]
    for a in articles:
        d = docs[str(a["path"])]
        if a.get("syndicated_from"):
            original = docs[str(a["syndicated_from"])]
            assert d.syndicated_from == original.id, a["path"]
        elif a.get("near_duplicate_of"):
            original = docs[str(a["near_duplicate_of"])]
            assert d.near_duplicate_of == original.id, a["path"]
        else:
            assert d.syndicated_from is None and d.near_duplicate_of is None, a["path"]
            assert d.duplicate_of is None, a["path"]
    copies = sum(1 for a in articles if a.get("syndicated_from"))
    assert demo.summary.syndicated == copies >= 7
    assert demo.summary.near_duplicates == sum(1 for a in articles if a.get("near_duplicate_of"))


def test_failures_are_reported_and_searches_work(demo: DemoResult) -> None:
    reasons = {f.url.rsplit("/", 1)[1]: (f.stage, f.reason) for f in demo.report.failures}
    assert reasons["taiwan-server-makers-weigh-slower-china-ai-orders.html"] == (
        "fetch",
        "HTTP 404",
    )
    assert reasons["feed.xml"][0] == "feed"  # the broken TechCrunch feed, still read in part
    results = dict(demo.searches)
    assert all(results[q] for q in results), results
    with Store.open(demo.settings.db_url) as store:
        zh = store.search(SearchQuery("人工智能", language="zh"))
        assert zh and all(h.language == "zh" for h in zh)
    top = [name for _id, name, _n in demo.summary.top_entities]
    assert "China" in top


def test_demo_refuses_to_wipe_a_folder_it_did_not_make(tmp_path: Path) -> None:
    (tmp_path / "precious.txt").write_text("keep me")
    with pytest.raises(FileExistsError):
        run_demo(Settings(), tmp_path)
    assert (tmp_path / "precious.txt").exists()


def test_every_document_is_in_a_story_and_copies_share_their_originals(demo: DemoResult) -> None:
    docs = by_path(demo)
    with Store.open(demo.settings.db_url) as store:
        assigned = store.story_assignments()
        stories = {s.id: s for s in store.stories()}
    assert set(assigned) == {d.id for d in docs.values()}
    for a in manifest()["article"]:
        original = a.get("syndicated_from") or a.get("near_duplicate_of")
        if original:
            copy_id, original_id = docs[str(a["path"])].id, docs[str(original)].id
            assert assigned[copy_id] == assigned[original_id], a["path"]
    # one event reported in English and in Chinese lands in one story
    assert any(set(s.languages) == {"en", "zh"} for s in stories.values())
    # a copy does not count as an independent publisher
    for s in stories.values():
        assert s.independent_publishers <= len(set(s.sources))


def test_the_corpus_server_keeps_its_address_when_free_and_moves_when_not() -> None:
    def robots(server: CorpusServer) -> int:
        with urllib.request.urlopen(f"{server.base}/robots.txt", timeout=5) as response:
            return int(response.status)

    holder = socket.socket()
    holder.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server does
    try:
        holder.bind(("127.0.0.1", PORT))
        holder.listen()
        ours = True
    except OSError:  # another program holds it: the port is taken all the same
        holder.close()
        ours = False
    try:
        with CorpusServer() as moved:  # taken: any free port, still serving
            assert moved.base != f"http://127.0.0.1:{PORT}" and robots(moved) == 200
        with pytest.raises(OSError):
            CorpusServer(port=PORT)  # asked for that port only
    finally:
        holder.close()
    if not ours:
        return  # the fixed address cannot be tried while another program holds it
    with CorpusServer() as fixed:  # free: the fixed address, so ids repeat from run to run
        assert fixed.base == f"http://127.0.0.1:{PORT}" and robots(fixed) == 200
