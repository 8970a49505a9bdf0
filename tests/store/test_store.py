"""The store on a real SQLite file and a real PostgreSQL database (same tests, both)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

import sinoscope.store.search as search_module
from sinoscope.errors import NotFound, StoreError
from sinoscope.records import Document, FetchResult, Source
from sinoscope.store import LinkUpdate, SearchQuery, Store

T0 = datetime(2024, 4, 19, 2, 30, tzinfo=UTC)


def doc(doc_id: str, text: str, **kw: object) -> Document:
    fields: dict[str, object] = {
        "id": doc_id,
        "url": f"https://example.org/{doc_id}",
        "canonical_url": f"https://example.org/{doc_id}",
        "source_id": "xinhua",
        "title": f"Title {doc_id}",
        "author": None,
        "published": T0,
        "date_source": "meta",
        "language": "en",
        "text": text,
        "content_hash": f"hash-{doc_id}",
        "fetched_at": T0 + timedelta(hours=1),
    }
    fields.update(kw)
    return Document(**fields)  # type: ignore[arg-type]


EN = "China now has more than 4,500 artificial intelligence companies, the ministry said."
ZH = "工业和信息化部表示，我国人工智能企业数量已超过4500家，华为昇腾芯片出货量增长。"


def test_save_is_idempotent_and_round_trips(store: Store) -> None:
    d = doc("a1", EN, published=datetime(2024, 4, 19, 10, 30, tzinfo=UTC))
    assert store.save_document(d, signature=b"\x00" * 16) is True
    assert store.save_document(d, signature=b"\x00" * 16) is False
    assert store.count_documents() == 1
    back = store.get_document("a1")
    assert back == d
    assert back.published is not None and back.published.tzinfo is not None


def test_migrations_run_once(store_url: str) -> None:
    Store.open(store_url).close()
    with Store.open(store_url) as again:
        assert again.count_documents() == 0


def test_search_english_and_chinese(store: Store) -> None:
    store.save_document(doc("en1", EN, title="AI companies top 4,500"))
    store.save_document(doc("zh1", ZH, title="人工智能企业超4500家", language="zh"))
    store.save_document(doc("other", "Wheat harvest figures were released today.", title="Farm"))

    assert [h.document_id for h in store.search(SearchQuery("companies"))] == ["en1"]
    # stemming: "company" finds "companies"
    assert [h.document_id for h in store.search(SearchQuery("company ministry"))] == ["en1"]
    assert [h.document_id for h in store.search(SearchQuery("华为 昇腾"))] == ["zh1"]
    assert [h.document_id for h in store.search(SearchQuery("人工智能企业"))] == ["zh1"]
    # a Chinese word that is not in the text (only its characters are) does not match
    assert store.search(SearchQuery("华腾")) == []
    assert store.search(SearchQuery("companies -ministry")) == []
    hits = store.search(SearchQuery("4500", language="zh"))
    assert [h.document_id for h in hits] == ["zh1"]
    assert "4500" in hits[0].snippet


def test_search_filters_and_collapses_copies(store: Store) -> None:
    store.save_document(doc("orig", EN, source_id="xinhua", published=T0))
    store.save_document(
        doc("copy", EN, source_id="china-daily", published=T0 + timedelta(hours=3)),
        links=[],
    )
    store.update_links([LinkUpdate("copy", syndicated_from="orig", similarity=0.97)])
    hits = store.search(SearchQuery("companies"))
    assert [(h.document_id, h.copies) for h in hits] == [("orig", 1)]
    every = store.search(SearchQuery("companies", include_copies=True))
    assert {h.document_id for h in every} == {"orig", "copy"}
    assert store.search(SearchQuery("companies", source_ids=("cgtn",))) == []
    assert store.search(SearchQuery("companies", since=T0 + timedelta(days=1))) == []
    linked = store.linked_documents("orig")
    assert [(k, d.id) for k, d in linked] == [("syndicated", "copy")]


def test_get_document_by_prefix_and_missing(store: Store) -> None:
    store.save_document(doc("abcdef123456", EN))
    assert store.get_document("abcdef12").id == "abcdef123456"
    with pytest.raises(NotFound, match="sinoscope search"):
        store.get_document("nope")


def test_iter_documents_streams_in_date_order(store: Store) -> None:
    for i in range(7):
        store.save_document(doc(f"d{i}", EN, published=T0 - timedelta(days=i)))
    ids = [d.id for d in store.iter_documents(batch_size=3)]
    assert ids == [f"d{i}" for i in reversed(range(7))]
    recent = [d.id for d in store.iter_documents(since=T0 - timedelta(days=2), batch_size=2)]
    assert recent == ["d2", "d1", "d0"]


def test_fetch_log_validators_and_health(store: Store) -> None:
    store.upsert_sources([Source("xinhua", "Xinhua", "state_media", "CN", "en")])
    ok = FetchResult(
        url="https://example.org/feed.xml",
        final_url="https://example.org/feed.xml",
        status=200,
        headers=(("ETag", '"v1"'), ("Last-Modified", "Fri, 19 Apr 2024 02:30:00 GMT")),
        body=b"<rss/>",
        fetched_at=T0,
    )
    store.record_fetch(ok, source_id="xinhua", purpose="feed")
    assert store.cached_validators(ok.url) == ('"v1"', "Fri, 19 Apr 2024 02:30:00 GMT")
    bad = FetchResult(
        url="https://example.org/gone",
        final_url="https://example.org/gone",
        status=404,
        headers=(),
        body=b"",
        fetched_at=T0,
        error="HTTP 404",
    )
    store.record_fetch(bad, source_id="xinhua", purpose="page")
    store.record_failure(
        url="https://example.org/x", stage="extract", reason="empty", source_id="xinhua"
    )
    health = store.source_health()["xinhua"]
    assert (health.ok_count, health.error_count, health.consecutive_failures) == (1, 2, 2)
    assert health.last_error == "extract: empty"
    reasons = [f["reason"] for f in store.failures()]
    assert reasons == ["empty", "HTTP 404"]


def test_unsupported_url_is_a_clear_error() -> None:
    with pytest.raises(StoreError, match="postgresql://"):
        Store.open("mysql://localhost/x")


def test_search_by_relevance_and_by_date(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """Newest first by default; by relevance the best match first, on both backends. On
    SQLite relevance ranks the newest RELEVANCE_WINDOW matches only."""
    texts = {
        "weak": "Officials discussed many topics, among them one chip export rule.",
        "strong": "Chip export rules: the new chip export rules cover chip tools and "
        "chip design software, and the export rules take effect at once.",
        "mid": "The export rules were discussed again; chip makers said little.",
    }
    for age, (doc_id, text) in enumerate(texts.items()):
        store.save_document(doc(doc_id, text, published=T0 - timedelta(days=age)))
    by_date = store.search(SearchQuery("chip export"))
    assert [h.document_id for h in by_date] == ["weak", "strong", "mid"]
    by_relevance = store.search(SearchQuery("chip export", sort="relevance"))
    assert by_relevance[0].document_id == "strong"
    assert {h.document_id for h in by_relevance} == set(texts)
    if store.engine.dialect.name == "sqlite":
        monkeypatch.setattr(search_module, "RELEVANCE_WINDOW", 2)
        windowed = store.search(SearchQuery("chip export", sort="relevance"))
        # the two newest matches ranked; the oldest ("mid") is outside the window
        assert [h.document_id for h in windowed] == ["strong", "weak"]
