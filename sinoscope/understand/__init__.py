"""understand: a document's text -> sentences, entity mentions, topics and claims.

    from sinoscope.understand import Understander, split_sentences

    understander = Understander(beat)                  # build once per beat
    analysis = understander.analyze(doc_id, text, language="zh", publisher=source,
                                    published=when, title=title)
    analysis.claims      # Claims: kind, quantities, metric, subject, attribution, hedge, time
    split_sentences("Nvidia Corp. lost $589 billion. Shares fell 17%.")

Modules: sentences (splitting), quantities (numbers, units, times), entities (gazetteer
linking), metrics (metric aliases and units), attribution + cues, cues_en, cues_zh (citation
cues), hedges, claims + claim_time + facts (kinds, grouping, time, subject), topics (keyword
scoring), candidates (unknown organisations), analyze (the Understander putting them
together), serialize (JSON shapes).
"""

from .analyze import Understander, UnderstandOptions
from .hedges import find_hedges
from .sentences import split_sentences
from .serialize import analysis_to_json, claim_to_json

__all__ = [
    "UnderstandOptions",
    "Understander",
    "analysis_to_json",
    "claim_to_json",
    "find_hedges",
    "split_sentences",
]
