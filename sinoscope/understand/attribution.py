"""Attribution: who a sentence says its information comes from, resolved to the beat's entities.

Cues found in a sentence (English, `cues_en`):
- the source follows the cue: "according to X", "as reported by X", "reported by X", "citing X",
  "data/figures/estimates from X", "a report/study/survey by X", "analysts at X", "an economist
  at X", and after a quote or comma: "…," said X;
- the source precedes a reporting verb: "X said/says/told/reported/estimated/found/noted/
  announced/disclosed/confirmed/wrote/argued/believes/warned/put the figure at", "X data
  show(ed)", "a X report said", "X, the state news agency, said", "X's spokesperson said".
  Not cues: passives and infinitives ("was reported", "is expected", "to question"),
  participles (", announced in October"), actions ("the US added 140 entities");
- a source named before a document noun: "a Merics report", "X's figures", "MIIT data".
Chinese (`cues_zh`): "据X报道/消息/统计/数据/介绍/披露", "记者从X获悉/了解到", "X表示/指出/称/
说/介绍/透露/显示/数据显示/公布/披露/认为/预计/估计/提醒/强调/质疑", "X发布的报告显示". A bare
据悉, 据报道, 据介绍 names nobody: it is a hedge, not a cue.

The source phrase is resolved, in order: (1) a gazetteer mention in it that is not a place
(the one nearest the verb); (2) a capitalised name not in the gazetteer ("IC Insights",
"SemiAnalysis") — kept as written with entity_id None; (3) a generic noun: "the ministry",
"the company", "it", "the report", "报告" point back to the last entity of a fitting type or
the last cited source earlier in the document (anaphora, kept modest), while unnamed groups
("analysts", "officials", "专家", "业内人士") stay as written with entity None and count as
`generic`; (4) a place, only when the phrase is just that place ("China said").

Document credits — a wire dateline ("BEIJING, July 5 (Xinhua) --", "新华社北京7月5日电") or a
credit line among the first two or last three lines ("(Xinhua)", "Source(s): Xinhua",
"来源：新华社", "Xinhua | Updated …") — name the cited source of every claim without a closer
citation, when they resolve to an outlet, agency or organisation other than the publisher.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from ..records import Entity, Sentence
from .cues import Cue, CueFinder, MentionIndex
from .cues_en import find_cues_en
from .cues_zh import find_cues_zh

__all__ = ["Attributor", "Cue", "MentionIndex"]

_EN_DATELINE = re.compile(r"\((?P<src>[A-Z][A-Za-z .&'’-]{1,40})\)\s*(?:--|—|–|-)")
_ZH_DATELINE = re.compile(
    r"^(?P<src>[\u4e00-\u9fffA-Za-z]{2,12}?)(?:[\u4e00-\u9fff]{0,6})\d{1,2}月\d{1,2}日(?:电|讯)"
)
_CREDIT_LINE = re.compile(
    r"^\s*(?:\(|（)?(?:Source\(?s?\)?|Sources|Credit|来源|稿源|转自|Via|文章来源)\s*[:：]\s*"
    r"(?P<src>[^\n]{2,60}?)(?:\)|）)?\s*$|^\s*[\(（](?P<paren>[^()（）\n]{2,40})[\)）]\s*$|"
    r"^\s*(?P<bar>[^|\n]{2,40}?)\s*\|\s*(?:Updated|Published|更新|发布)",
    re.I,
)
_CREDIT_TYPES = ("outlet", "agency", "organization")
_FOLDED_TYPES = ("outlet", "agency", "organization", "company")


class Attributor:
    """Finds citation cues and resolves them to entities. Build once per beat; thread-safe."""

    def __init__(self, entities: Iterable[Entity]) -> None:
        self.entities = {e.id: e for e in entities}
        self.by_source = {e.source_id: e for e in self.entities.values() if e.source_id}
        # Latin names folded to lower case, for capitalised names the linker did not match
        # ("Merics" for "MERICS"); short names are left out ("Arm" is not "arm")
        self.folded: dict[str, str] = {}
        for entity in sorted(self.entities.values(), key=lambda e: e.id):
            for name in entity.names:
                if len(name) >= 4 and name.isascii() and entity.type in _FOLDED_TYPES:
                    self.folded.setdefault(name.casefold(), entity.id)

    def sentence_cues(
        self,
        text: str,
        sentence: Sentence,
        language: str,
        index: MentionIndex,
        prior: Sequence[Cue],
    ) -> list[Cue]:
        """Cues in one sentence of `text`. `index` holds the document's mentions, `prior` the
        named cues of earlier sentences (for "the report said", "it added", "报告显示")."""
        finder = CueFinder(self.entities, text, sentence, index, prior, self.folded)
        if language == "zh":
            find_cues_zh(finder)
        find_cues_en(finder)  # also on Chinese text: quoted English sources
        return finder.cues

    def document_credit(
        self, text: str, index: MentionIndex, publisher_id: str | None
    ) -> Cue | None:
        """The wire source a dateline or credit line names, unless it is the publisher."""
        lines = [(m.start(), m.group()) for m in re.finditer(r"[^\n]+", text)]
        for start, line in lines[:2]:
            m = _EN_DATELINE.search(line[:120]) or _ZH_DATELINE.match(line)
            if m is not None:
                cue = self._credit(text, index, start + m.start("src"), start + m.end("src"))
                if cue is not None:
                    return None if self._is_publisher(cue, publisher_id) else cue
        for start, line in [*lines[-3:], *lines[:2]]:
            m = _CREDIT_LINE.match(line) if len(line) <= 80 else None
            if m is None:
                continue
            group = "src" if m.group("src") else ("paren" if m.group("paren") else "bar")
            cue = self._credit(text, index, start + m.start(group), start + m.end(group))
            if cue is not None:
                return None if self._is_publisher(cue, publisher_id) else cue
        return None

    def _credit(self, text: str, index: MentionIndex, s: int, e: int) -> Cue | None:
        for m in index.within(s, e):
            entity = self.entities.get(m.entity_id)
            if entity is not None and entity.type in _CREDIT_TYPES:
                return Cue(entity.name, entity.id, text[s:e], s, e, s, e, credit=True)
        return None

    def _is_publisher(self, cue: Cue, publisher_id: str | None) -> bool:
        entity = self.entities.get(cue.entity_id or "")
        return publisher_id is not None and entity is not None and entity.source_id == publisher_id

    def publisher_entity(self, publisher_id: str | None) -> Entity | None:
        """The outlet entity that publishes as source `publisher_id` (its `source_id`)."""
        return self.by_source.get(publisher_id) if publisher_id else None
