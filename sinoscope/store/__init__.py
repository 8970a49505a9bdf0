"""The store: SQLAlchemy Core tables, Alembic migrations and full-text search."""

from .search import SearchHit, SearchQuery, index_text, parse_query
from .store import LinkUpdate, SourceHealth, Store, StoredSignature

__all__ = [
    "LinkUpdate",
    "SearchHit",
    "SearchQuery",
    "SourceHealth",
    "Store",
    "StoredSignature",
    "index_text",
    "parse_query",
]
