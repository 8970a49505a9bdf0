"""The store: SQLAlchemy Core tables, Alembic migrations and full-text search."""

from .claims import ClaimQuery, StoredClaim
from .documents import LinkUpdate, StoredSignature
from .fetchlog import SourceHealth
from .search import SearchHit, SearchQuery, index_text, parse_query
from .store import Store

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
