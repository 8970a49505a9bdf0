"""Sinoscope: track China's AI drive and the US-China technology race from the sources up."""

from .records import (
    Beat,
    Document,
    Entity,
    Extraction,
    Feed,
    FetchResult,
    Hints,
    Metric,
    MetricTarget,
    Page,
    Quantity,
    Source,
    Topic,
)
from .settings import Settings, load_settings

__version__ = "0.1.0"

__all__ = [
    "Beat",
    "Document",
    "Entity",
    "Extraction",
    "Feed",
    "FetchResult",
    "Hints",
    "Metric",
    "MetricTarget",
    "Page",
    "Quantity",
    "Settings",
    "Source",
    "Topic",
    "__version__",
    "load_settings",
]
