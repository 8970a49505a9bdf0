"""JSON shapes of claims and analyses, as the `sinoscope claims --json` contract describes.

A claim carries `kind`, `sentence` (verbatim), `start`, `end`, `quantities` (each `text`,
`start`, `end`, `value`, `unit`, `change`, plus `low`/`high` for a range), `metric`,
`metric_text`, `subject`, `attribution` (`name`, `entity_id`, `text`, `kind`), `hedge`, `time`
(`as_of`, `deadline`, `period`, `text`), `topics`, `entities` and its stable `id`.
"""

from __future__ import annotations

from typing import Any

from ..records import Analysis, Claim

__all__ = ["analysis_to_json", "claim_to_json"]


def claim_to_json(claim: Claim) -> dict[str, Any]:
    a, t = claim.attribution, claim.time
    return {
        "id": claim.id,
        "kind": claim.kind,
        "sentence": claim.sentence,
        "start": claim.start,
        "end": claim.end,
        "language": claim.language,
        "quantities": [q.to_json() for q in claim.quantities],
        "metric": claim.metric,
        "metric_text": claim.metric_text,
        "subject": claim.subject,
        "subject_text": claim.subject_text,
        "attribution": {"name": a.name, "entity_id": a.entity_id, "text": a.text, "kind": a.kind},
        "hedge": claim.hedge,
        "time": {"as_of": t.as_of, "deadline": t.deadline, "period": t.period, "text": t.text},
        "topics": list(claim.topics),
        "entities": list(claim.entities),
    }


def analysis_to_json(analysis: Analysis) -> dict[str, Any]:
    """Claims, mentions, topics and candidates (sentences are left out: the text has them)."""
    return {
        "claims": [claim_to_json(c) for c in analysis.claims],
        "mentions": [
            {"entity_id": m.entity_id, "start": m.start, "end": m.end, "text": m.text}
            for m in analysis.mentions
        ],
        "topics": [{"id": t, "score": s} for t, s in analysis.topics],
        "candidates": list(analysis.candidates),
    }
