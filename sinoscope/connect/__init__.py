"""connect: stories across outlets and languages (and, in their own modules, indicators,
corroboration, units and charts).

    clusterer = StoryClusterer(ClusterOptions())
    assignment = clusterer.add(StoryInput(id, text, language, title, source_id, …))
    clusterer.stories()                               # -> list[records.Story]
    clusterer.load(pairs of (StoryInput, story_id))   # continue after a restart

Story modules: stories (the online clusterer), options (ClusterOptions, and how its defaults
were chosen), features (what is compared), names (capitalised names from the text), vectors
(hashed sparse vectors, IDF), retrieval (candidate stories), state (a story's sums and the
similarity), split (two-way splits).
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
