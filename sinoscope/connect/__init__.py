"""connect: stories across outlets and languages.

    clusterer = StoryClusterer(ClusterOptions())
    assignment = clusterer.add(StoryInput(id, text, language, title, source_id, …))
    clusterer.stories()                               # -> list[records.Story]
    clusterer.load(pairs of (StoryInput, story_id))   # continue after a restart

Modules: stories (the online clusterer), features (what is compared), names (capitalised
names from the text), vectors (hashed sparse vectors, IDF), retrieval (candidate stories),
options (ClusterOptions).
"""

from .features import DocFeatures, document_features
from .names import extract_names
from .options import ClusterOptions
from .stories import (
    StoryAssignment,
    StoryClusterer,
    StoryInput,
    TimelineEntry,
    ordered,
    story_id_for,
)

__all__ = [
    "ClusterOptions",
    "DocFeatures",
    "StoryAssignment",
    "StoryClusterer",
    "StoryInput",
    "TimelineEntry",
    "document_features",
    "extract_names",
    "ordered",
    "story_id_for",
]
