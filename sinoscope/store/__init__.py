"""The store: SQLAlchemy Core tables, Alembic migrations and full-text search."""

from .claims import ClaimQuery, StoredClaim
from .search import SearchHit, SearchQuery, index_text, parse_query
from .store import LinkUpdate, SourceHealth, Store, StoredSignature

__all__ = [
    "ClaimQuery",
    "LinkUpdate",
    "SearchHit",
    "SearchQuery",
    "SourceHealth",
    "Store",
    "StoredClaim",
    "StoredSignature",
    "index_text",
    "parse_query",
]
