"""Full-text search that works for Chinese as well as English, on SQLite and PostgreSQL.

Neither FTS5's unicode61 tokenizer nor PostgreSQL's parsers split Chinese into words, so the
text handed to the index is pre-tokenised here: every run of CJK characters becomes its
overlapping character bigrams ("华为昇腾" → "华为 为昇 昇腾"), the classic CJK indexing scheme
(no dictionary, no segmentation errors), and a query word becomes the phrase of its bigrams.
Other scripts are left to the backend's tokenizer (Porter stemming on SQLite, the `english`
configuration on PostgreSQL). One function, `search`, hides which backend runs the query.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from . import schema

_CJK = (
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef"  # Han
    "\u3040-\u30ff"  # kana
    "\uac00-\ud7af"  # hangul
)
_CJK_RUN = re.compile(f"[{_CJK}]+")
_WORD_CHAR = rf"(?:(?![{_CJK}])[^\W_])"
_TOKEN = re.compile(rf"[{_CJK}]+|{_WORD_CHAR}+(?:['’]{_WORD_CHAR}+)?")
_SPACE_IN_CJK = re.compile(rf"(?<=[{_CJK}])\s+(?=[{_CJK}])")
_QUERY_PART = re.compile(r'(-?)"([^"]*)"|(-?)(\S+)')


def index_text(text: str) -> str:
    """The text as the full-text index sees it: CJK runs as bigrams, words as they are."""
    out: list[str] = []
    for match in _TOKEN.finditer(text):
        token = match.group()
        if _CJK_RUN.fullmatch(token):
            out.extend(_bigrams(token))
        else:
            out.append(token)
    return " ".join(out)


def _bigrams(run: str) -> list[str]:
    if len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


@dataclass(frozen=True, slots=True)
class QueryTerm:
    """One query word or quoted phrase, as index tokens; `negated` for a leading minus."""

    tokens: tuple[str, ...]
    negated: bool = False


def parse_query(query: str) -> list[QueryTerm]:
    """Words are ANDed, "quoted text" is a phrase, a leading - excludes; CJK words as bigrams."""
    terms: list[QueryTerm] = []
    for m in _QUERY_PART.finditer(query):
        negated = bool(m.group(1) or m.group(3))
        raw = m.group(2) if m.group(2) is not None else m.group(4)
        raw = _SPACE_IN_CJK.sub("", raw)  # "美国 制裁" means the text 美国制裁
        tokens = tuple(index_text(raw).split())
        if tokens:
            terms.append(QueryTerm(tokens, negated))
    return terms


def fts5_expression(terms: list[QueryTerm]) -> str:
    """An FTS5 MATCH expression: positive phrases ANDed, negated ones with NOT."""

    def phrase(term: QueryTerm) -> str:
        return '"' + " ".join(t.replace('"', '""') for t in term.tokens) + '"'

    positive = [phrase(t) for t in terms if not t.negated]
    negative = [phrase(t) for t in terms if t.negated]
    expr = " AND ".join(positive)
    for n in negative:
        expr = f"{expr} NOT {n}"
    return expr


RELEVANCE_WINDOW = 2000  # sort=relevance ranks the newest this many matches (SQLite)
SEQ_SLOTS = 1 << 12  # documents published in the same second get distinct keys


def search_seq(published: datetime, document_id: str) -> int:
    """The index key of a document: its publication second, then a slot from its id.

    Reading the full-text index in descending key order yields newest documents first, so a
    date-sorted query stops after LIMIT rows however many documents match. Callers resolve
    the rare slot collision by taking the next free key.
    """
    slot = int(hashlib.blake2b(document_id.encode(), digest_size=4).hexdigest(), 16) % SEQ_SLOTS
    return int(published.timestamp()) * SEQ_SLOTS + slot


@dataclass(frozen=True, slots=True)
class SearchQuery:
    text: str
    language: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    source_ids: tuple[str, ...] = ()
    limit: int = 20
    include_copies: bool = False  # duplicates, near duplicates and wire copies too
    sort: str = "date"  # "date": newest first; "relevance": best bm25 / ts_rank first

    def __post_init__(self) -> None:
        if self.sort not in ("date", "relevance"):
            raise ValueError(f"sort must be 'date' or 'relevance', not {self.sort!r}")


@dataclass(frozen=True, slots=True)
class SearchHit:
    document_id: str
    title: str | None
    url: str
    source_id: str | None
    published: datetime | None
    language: str | None
    snippet: str
    score: float
    copies: int  # documents linked to this one as duplicates or wire copies


def search(conn: Connection, query: SearchQuery) -> list[SearchHit]:
    """Run a full-text query on whichever backend `conn` speaks; best matches first."""
    terms = parse_query(query.text)
    if not any(not t.negated for t in terms):
        return []
    d, st = schema.documents, schema.search_text
    dialect = conn.dialect.name
    if dialect == "sqlite":
        expr = fts5_expression(terms)
        fts = sa.table("search_fts", sa.column("rowid"))
        score: Any = sa.literal_column("bm25(search_fts, 8.0, 1.0)")  # lower is better
        stmt = (
            sa.select(d.c.id, score.label("score"))
            .select_from(fts)
            .join(st, st.c.seq == fts.c.rowid)
            .join(d, d.c.id == st.c.document_id)
            .where(sa.text("search_fts MATCH :expr").bindparams(expr=expr))
        )
        floor = search_seq(query.since, "") - SEQ_SLOTS if query.since else None
        if query.sort == "relevance":
            # bm25 costs time per matching row: rank the newest RELEVANCE_WINDOW matches only
            window = conn.execute(
                sa.text(
                    "SELECT rowid FROM search_fts WHERE search_fts MATCH :expr "
                    "ORDER BY rowid DESC LIMIT 1 OFFSET :offset"
                ),
                {"expr": expr, "offset": RELEVANCE_WINDOW - 1},
            ).scalar()
            if window is not None:
                floor = max(floor or window, window)
        if floor is not None:
            stmt = stmt.where(fts.c.rowid >= floor)
        order = [fts.c.rowid.desc()] if query.sort == "date" else [score.asc(), fts.c.rowid.desc()]
    elif dialect == "postgresql":
        tsv: Any = sa.column("tsv")
        tsquery: Any = None
        for t in terms:
            q = sa.func.phraseto_tsquery("english", " ".join(t.tokens))
            if t.negated:
                q = sa.func.tsquery_not(q)  # the function behind the !! operator
            tsquery = q if tsquery is None else sa.func.tsquery_and(tsquery, q)
        score = sa.func.ts_rank_cd(tsv, tsquery)
        stmt = (
            sa.select(d.c.id, score.label("score"))
            .select_from(st)
            .join(d, d.c.id == st.c.document_id)
            .where(tsv.op("@@")(tsquery))
        )
        order = [st.c.seq.desc()] if query.sort == "date" else [score.desc(), st.c.seq.desc()]
    else:
        raise ValueError(f"full-text search is not available on {dialect}")

    if query.language:
        stmt = stmt.where(d.c.language == query.language)
    if query.since:
        stmt = stmt.where(d.c.published >= query.since)
    if query.until:
        stmt = stmt.where(d.c.published < query.until)
    if query.source_ids:
        stmt = stmt.where(d.c.source_id.in_(query.source_ids))
    if not query.include_copies:
        stmt = stmt.where(
            d.c.duplicate_of.is_(None),
            d.c.near_duplicate_of.is_(None),
            d.c.syndicated_from.is_(None),
        )
    # rank ids first, then read the hits' columns: sorting whole rows (texts included) of
    # every candidate costs more than the ranking itself
    ranked = conn.execute(stmt.order_by(*order).limit(query.limit)).all()
    ids = [r.id for r in ranked]
    rows = {r.id: r for r in conn.execute(sa.select(*_HIT_COLUMNS).where(d.c.id.in_(ids)))}
    copies = _copy_counts(conn, ids)
    needles = [t for term in terms if not term.negated for t in term.tokens]
    return [
        SearchHit(
            document_id=r.id,
            title=r.title,
            url=r.url,
            source_id=r.source_id,
            published=r.published,
            language=r.language,
            snippet=snippet(r.text, needles),
            score=float(score),
            copies=copies.get(r.id, 0),
        )
        for r, score in ((rows[i], s) for i, s in ranked)
    ]


_HIT_COLUMNS = (
    schema.documents.c.id,
    schema.documents.c.title,
    schema.documents.c.url,
    schema.documents.c.source_id,
    schema.documents.c.published,
    schema.documents.c.language,
    schema.documents.c.text,
)


def _copy_counts(conn: Connection, ids: list[str]) -> dict[str, int]:
    if not ids:
        return {}
    d = schema.documents
    counts: dict[str, int] = {}
    for column in (d.c.duplicate_of, d.c.near_duplicate_of, d.c.syndicated_from):
        stmt = sa.select(column, sa.func.count()).where(column.in_(ids)).group_by(column)
        for target, n in conn.execute(stmt):
            counts[target] = counts.get(target, 0) + n
    return counts


def snippet(text: str, needles: list[str], width: int = 160) -> str:
    """A window of `text` around the first needle found (case-insensitive), with ellipses."""
    lower = text.lower()
    pos = -1
    for needle in needles:
        pos = lower.find(needle.lower())
        if pos >= 0:
            break
    if pos < 0:
        pos = 0
    start = max(0, pos - width // 3)
    end = min(len(text), start + width)
    piece = " ".join(text[start:end].split())
    return ("…" if start > 0 else "") + piece + ("…" if end < len(text) else "")
