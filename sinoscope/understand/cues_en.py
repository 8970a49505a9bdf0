"""English citation cues (see `attribution` for the rules they implement)."""

from __future__ import annotations

import re

import ahocorasick

from ..records import Mention
from .cues import SOURCE_TYPES, Cue, CueFinder

__all__ = ["find_cues_en"]

_AFTER = re.compile(
    r"\b(?:according\s+to|as\s+reported\s+by|reported\s+by|as\s+cited\s+by|cited\s+by|citing|"
    r"(?:data|figures|statistics|estimates?|numbers)\s+(?:from|by|compiled\s+by|published\s+by|"
    r"released\s+by)|(?:an?|the)\s+(?:new\s+|recent\s+|latest\s+|annual\s+)?(?:report|study|"
    r"survey|analysis|paper|tally|count|estimate|teardown)\s+(?:by|from)|(?P<people>(?:[\w-]+\s+)?"
    r"(?:analysts?|economists?|researchers?|experts?|strategists?|scholars?))\s+(?:at|with|from)|"
    r"in\s+a\s+(?:report|statement|filing|note)\s+(?:by|from))\s+",
    re.I,
)
_SAID_AFTER = re.compile(r"(?:[,\"”’]\s*)(?:said|says)\s+(?=[A-Z])")
_NOUN_AFTER_SOURCE = re.compile(
    r"(?:['’]s)?\s+(?:(?:latest|new|recent|annual|own|official|preliminary|customs)\s+)?"
    r"(?:report|study|survey|data|figures|statistics|estimates?|analysis|tally|count|"
    r"calculations|research|index|filing|statement|disclosure|white\s+paper)\b"
)
_NAMED_DOCUMENT = re.compile(
    r"\b(?:[Aa]n?|[Tt]he|[Ii]n\s+an?|[Ii]n\s+the)\s+(?:new\s+|recent\s+|latest\s+)?"
    r"(?P<name>[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,3})(?:['’]s)?\s+(?:report|study|survey|"
    r"analysis|estimate|paper|tally|count|white\s+paper)\b"
)
_VERB = re.compile(
    r"\b(?P<verb>said|says|say|told|tells|reported|reports|estimated|estimates|estimate|found|"
    r"finds|show|shows|showed|noted|notes|announced|announces|stated|disclosed|discloses|"
    r"revealed|reveals|confirmed|confirms|predicted|predicts|projected|forecast|forecasts|wrote|"
    r"writes|argued|argues|argue|believes?|believed|claimed|claims|counted|cautioned|cautions|"
    r"warned|warns|warn|insisted|insists|acknowledged|admitted|explained|pointed\s+out|"
    r"expects?|thinks?|reckons?|questioned|questions|question|doubts?|doubted|suspects?|"
    r"contends?|contended|put\s+the\s+(?:figure|number|total|tally|value)\s+at|"
    r"puts\s+the\s+(?:figure|number|total|tally|value)\s+at|added|adds)\b"
)
_JUDGE = re.compile(
    r"argu|believ|claim|caution|warn|insist|expect|think|reckon|question|doubt|suspect|contend"
)
_NOUNISH = {"estimates", "reports", "claims", "questions", "doubts", "counts", "notes", "finds"}
_NOT_VERB_NEXT = re.compile(
    r"\s+(?:are|were|is|was|have|had|remain|suggest|show|vary|differ|of|from|by|for|about|over|"
    r"that\s+(?:the|a|an)\s)",
)
_PASSIVE = re.compile(
    r"\b(?:is|are|was|were|be|been|being|it's|to|not)\s+(?:also\s+|widely\s+|generally\s+)?$", re.I
)
_PARTICIPLE_NEXT = re.compile(r"\s+(?:in|on|by|at|last|earlier|this|during|for|with|to|as)\b")
_STOP_LEFT = re.compile(
    r"[;:“”\"\[\]]|\b(?:and|but|while|whereas|as|because|although|though|after|before|when|"
    r"that|where|if|since|so)\b"
)
_RELATIVE = re.compile(r"\s*(?:\w+\s+)?(?:which|who|whom|whose)\b", re.I)
_TRAIL = re.compile(
    r"(?:\s+(?:has|have|had|also|previously|earlier|recently|later|further|separately|again|"
    r"would|will|once|already|repeatedly|publicly|officially|then|now|in\s+a\s+statement))+\s*$",
    re.I,
)
_CAPNAME = re.compile(
    r"(?:[A-Z][A-Za-z0-9&.'’-]*[A-Za-z0-9]|[A-Z])(?:\s+(?:of|and|for|&|de)?\s*"
    r"(?:[A-Z][A-Za-z0-9&.'’-]*[A-Za-z0-9]|[A-Z]))*"
)
_CAP_STOP = {
    "The", "A", "An", "It", "He", "She", "They", "We", "This", "That", "These", "Those", "In",
    "On", "At", "By", "For", "Some", "Many", "Several", "Others", "Other", "Both", "Its",
    "Their", "Chinese", "American", "US", "U.S.", "Western", "European", "Japanese", "Local",
    "State", "Officials", "Analysts", "Experts", "Economists", "Observers", "Critics", "Sources",
    "People", "Authorities", "Investors", "Researchers", "Scientists", "Industry", "Government",
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January",
    "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept",
    "Oct", "Nov", "Dec", "AI", "Last", "Next", "But", "And", "Meanwhile", "However", "Still",
    "Such", "Even", "When", "While", "Once", "If", "As", "After", "Before", "Based", "Our", "I",
}  # fmt: skip
_GENERIC_ORG = re.compile(
    r"\b(?:the|this|that|its|their)\s+(?:same\s+)?(?:[\w-]+\s+){0,3}?"
    r"(?P<noun>news\s+agency|ministry|agency|regulator|government|administration|department|"
    r"commission|bureau|council|watchdog|centre|center|office|company|firm|start-?up|"
    r"chipmaker|group|developer|maker|giant|lab)\b",
    re.I,
)
_COMPANY_NOUNS = {"company", "firm", "startup", "start-up", "chipmaker", "group", "developer",
                  "maker", "giant", "lab"}  # fmt: skip
_PEOPLE_TAIL = re.compile(
    r"(?:^|\s)(?:[\w'’-]+\s+){0,2}?(?:industry\s+)?(?:analysts?|experts?|economists?|observers?|"
    r"critics?|sceptics?|skeptics?|scholars?|researchers?|scientists?|insiders?|academics?|"
    r"investors?|executives?|officials?|diplomats?|sources?|spokes(?:person|man|woman)|"
    r"people\s+familiar\s+with\s+the\s+(?:matter|plans?)|traders|bankers|lawyers|authorities|"
    r"officers?|companies|firms|groups|makers|developers|manufacturers|governments)"
    r"(?:\s+(?:who|at|in|with|from)\s+[^,]{1,60})?\s*$",
    re.I,
)
_EXPERT = re.compile(
    r"analyst|expert|economist|observer|critic|sceptic|skeptic|scholar|researcher|scientist|"
    r"insider|academic",
    re.I,
)
_DOC_TAIL = re.compile(
    r"(?:(?P<det>\b(?:the|this|that|its|their)\s+(?:same\s+|latest\s+|new\s+|official\s+)?)|\b)"
    r"(?:report|study|survey|data|figures|statistics|document|guidelines?|plan|paper|index|"
    r"estimates?|filing|statement|opinions|measures|rules|analysis|census|tally)\s*$",
    re.I,
)
_PRONOUN = re.compile(r"^\s*(?:it|they|he|she)\s*$", re.I)
_AFTER_STOP = re.compile(r"[,.;:()\"“”]|\s(?:that|which|who|on|in|last|this|as|when|to)\s")


def find_cues_en(f: CueFinder) -> None:
    """Add the English cues of `f`'s sentence to `f.cues`."""
    st, sent = f.s.start, f.s.text
    found = _triggers(sent)
    if "after" in found:
        for m in _AFTER.finditer(sent):
            f.add(_after(f, st + m.start(), st + m.end(), m.group("people")))
    if "said" in found:
        for m in _SAID_AFTER.finditer(sent):
            f.add(_after(f, st + m.start(), st + m.end(), None))
    if "verb" in found:
        for m in _VERB.finditer(sent):
            f.add(_verb_cue(f, m))
    if "document" not in found:
        return
    for mention in f.mentions:
        if _NOUN_AFTER_SOURCE.match(f.text, mention.end, f.s.end):
            f.add(_mention_cue(f, mention))
    for m in _NAMED_DOCUMENT.finditer(sent):
        f.add(_named_document(f, st + m.start(), st + m.end(), st + m.start("name"),
                              st + m.end("name")))  # fmt: skip


# Cheap first pass: which groups of patterns can match at all (one Aho-Corasick scan of the
# lowercased sentence instead of four regex scans of every sentence).
_TRIGGERS: dict[str, tuple[str, ...]] = {
    "after": ("according", "reported by", "cited by", "citing", "data ", "figures", "statistic",
              "estimate", "numbers", "report", "study", "survey", "analys", "paper", "tally",
              "count", "teardown", "economist", "researcher", "expert", "strategist", "scholar"),
    "said": ("said ", "says "),
    "verb": ("said", "say", "told", "tell", "report", "estimat", "found", "finds", "show",
             "note", "announc", "stated", "disclos", "reveal", "confirm", "predict", "project",
             "forecast", "wrote", "write", "argu", "believ", "claim", "counted", "caution",
             "warn", "insist", "acknowledg", "admit", "explain", "pointed", "expect", "think",
             "reckon", "question", "doubt", "suspect", "contend", "put", "added", "adds"),
    "document": ("report", "study", "survey", "data", "figures", "statistic", "estimate",
                 "analysis", "tally", "count", "calculation", "research", "index", "filing",
                 "statement", "disclosure", "paper"),
}  # fmt: skip
_TRIGGER_AUTOMATON = ahocorasick.Automaton()
for _group, _words in _TRIGGERS.items():
    for _word in _words:
        _known = _TRIGGER_AUTOMATON.get(_word, ())
        _TRIGGER_AUTOMATON.add_word(_word, (*_known, _group))
_TRIGGER_AUTOMATON.make_automaton()


def _triggers(sentence: str) -> set[str]:
    found: set[str] = set()
    for _, groups in _TRIGGER_AUTOMATON.iter(sentence.lower()):
        found.update(groups)
        if len(found) == len(_TRIGGERS):
            break
    return found


def _verb_cue(f: CueFinder, m: re.Match[str]) -> Cue | None:
    st, sent = f.s.start, f.s.text
    verb = m.group("verb")
    before = sent[max(0, m.start() - 20) : m.start()]
    after = sent[m.end() :]
    if _PASSIVE.search(before):
        return None
    if verb in _NOUNISH and _NOT_VERB_NEXT.match(after):
        return None  # "such estimates are uncertain", "questions about …"
    if verb in ("added", "adds") and not re.match(r"\s*(?:that\b|[,.;:\"”]|$)", after):
        return None  # "the US added 140 entities": an action, not speech
    needs_subject = verb in ("show", "shows", "showed", "found", "finds", "added", "adds")
    needs_subject |= verb.startswith(("question", "doubt"))
    if needs_subject and not (
        re.search(
            r"\b(?:data|figures|statistics|report|study|survey|it|he|she|they|analysts|experts|"
            r"economists|critics|observers|sceptics|skeptics|some|many|others|investors)\W*$",
            before,
            re.I,
        )
        or any(0 <= st + m.start() - x.end <= 12 for x in f.mentions)
    ):
        return None
    judgement = _JUDGE.match(verb) is not None
    return _before_verb(f, st + m.start(), st + m.end(), judgement)


def _after(f: CueFinder, cue_start: int, cue_end: int, people: str | None) -> Cue | None:
    """Source after the cue: "according to the Ministry …", "analysts at Gartner"."""
    limit = min(f.s.end, cue_end + 90)
    verb = _VERB.search(f.text, cue_end, limit) if people else None
    if verb is not None:
        limit = verb.start()  # "Experts at the forum said …": the source ends at the verb
    m = _AFTER_STOP.search(f.text, cue_end, limit)
    end = m.start() if m else limit
    for mention in f.mentions:  # a stop word inside a name does not cut it
        if cue_end <= mention.start < end < mention.end:
            end = mention.end
            m2 = _AFTER_STOP.search(f.text, end, limit)
            end = m2.start() if m2 else limit
    if end <= cue_end:
        return None
    cue = _resolve(f, cue_start, end, cue_end, end, nearest_to_end=False)
    if people and (cue is None or cue.generic):  # "analysts at Beijing-based institutes"
        text = f.text[cue_start:end].strip()
        return Cue(text, None, text, cue_start, end, cue_start, end, generic=True,
                   expert=_EXPERT.search(people) is not None)  # fmt: skip
    return cue


def _before_verb(f: CueFinder, verb_start: int, verb_end: int, judgement: bool) -> Cue | None:
    """Source before a reporting verb: "X said", "X, the state news agency, said"."""
    lo = max(f.s.start, verb_start - 160)
    window = f.text[lo:verb_start]
    cut = 0
    for m in _STOP_LEFT.finditer(window):
        if not any(x.start < lo + m.start() < x.end for x in f.mentions):
            cut = m.end()
    seg_start = lo + cut
    commas = [seg_start - 1] + [
        lo + i
        for i, ch in enumerate(window)
        if ch == "," and lo + i >= seg_start and not window[i + 1 : i + 2].isdigit()
    ]
    segments = [(commas[i] + 1, commas[i + 1]) for i in range(len(commas) - 1)]
    segments.append((commas[-1] + 1, verb_start))
    segments.reverse()
    first_s, first_e = segments[0]
    trail = _TRAIL.search(f.text, first_s, first_e)
    if trail is not None and trail.end() == first_e:
        first_e = trail.start()
    if f.text[first_s:first_e].strip():
        return _resolve(f, first_s, verb_end, first_s, first_e, True, judgement)
    if _PARTICIPLE_NEXT.match(f.text, verb_end):
        return None  # ", announced in October 2023": a participle, not a citation
    best: Cue | None = None
    for s, e in segments[1:3]:  # an appositive stands between: "X, the news agency, said"
        if _RELATIVE.match(f.text, s, e):
            continue
        cue = _resolve(f, s, verb_end, s, e, True, judgement)
        if cue is not None and not cue.generic:
            return cue
        best = best or cue
    return best


def _resolve(
    f: CueFinder,
    cue_start: int,
    cue_end: int,
    src_start: int,
    src_end: int,
    nearest_to_end: bool,
    judgement: bool = False,
) -> Cue | None:
    phrase = f.text[src_start:src_end]
    if not phrase.strip():
        return None
    start, end = min(cue_start, src_start), max(cue_end, src_end)
    text = f.text[start:end].strip()
    inside = f.inside(src_start, src_end)
    named = [m for m in inside if f.type_of(m) in (*SOURCE_TYPES, "policy")]
    if named:
        mention = named[-1] if nearest_to_end else named[0]
        return f.entity_cue(mention, start, end, judgement)
    places = [m for m in inside if f.type_of(m) == "place"]
    cap = _capitalised(f, phrase, src_start, nearest_to_end, places)
    if cap is not None:
        name, s, e = cap
        entity = f.by_name(name)
        if entity is not None:
            return Cue(entity.name, entity.id, text, start, end, s, e, judgement=judgement)
        return Cue(name, None, text, start, end, s, e, judgement=judgement)
    generic = _generic(f, phrase, src_start)
    if generic is not None:
        name, entity_id, is_generic, expert = generic
        return Cue(name, entity_id, text, start, end, src_start, src_end, generic=is_generic,
                   expert=expert, judgement=judgement)  # fmt: skip
    if places and len(phrase.split()) <= 2:  # "China said", "Washington argues"
        return f.entity_cue(places[-1] if nearest_to_end else places[0], start, end, judgement)
    return None


def _capitalised(
    f: CueFinder, phrase: str, offset: int, last: bool, places: list[Mention]
) -> tuple[str, int, int] | None:
    """A capitalised name not in the gazetteer ("IC Insights", "Eddie Wu")."""
    found: list[tuple[str, int, int]] = []
    for m in _CAPNAME.finditer(phrase):
        tokens = [
            (t.group(), offset + m.start() + t.start()) for t in re.finditer(r"\S+", m.group())
        ]
        while tokens and (_bare(tokens[0][0]) in _CAP_STOP or tokens[0][0].endswith("-based")):
            tokens.pop(0)
        if not tokens:
            continue
        start, end = tokens[0][1], tokens[-1][1] + len(tokens[-1][0])
        if len(tokens) == 1 and re.fullmatch(r"[A-Z]{1,2}\d*|[A-Z]\d+", tokens[0][0]):
            continue  # "R1", "V3": product names, not sources
        if any(p.start <= start < p.end for p in places):
            continue
        if any(x.start <= start < x.end for x in f.inside(offset, offset + len(phrase))):
            continue  # a product or other non-source mention ("R1", "Qwen")
        sentence_initial = not f.text[f.s.start : start].strip()
        followed = f.text[end : offset + len(phrase)].strip()
        if sentence_initial and len(tokens) == 1 and followed:
            continue  # "Energy is the bigger question": a common word opening the sentence
        name = f.text[start:end].removesuffix("'s").removesuffix("’s")
        found.append((name, start, start + len(name)))
    if not found:
        return None
    return found[-1] if last else found[0]


def _bare(word: str) -> str:
    return word.removesuffix("'s").removesuffix("’s").rstrip(".,")


def _generic(f: CueFinder, phrase: str, offset: int) -> tuple[str, str | None, bool, bool] | None:
    """(name, entity_id, generic, expert) for "the ministry", "it", "analysts", "the report"."""
    org = _GENERIC_ORG.search(phrase)
    if org is not None:
        noun = org.group("noun").lower()
        if noun == "news agency":
            types: tuple[str, ...] = ("outlet",)
        elif noun in _COMPANY_NOUNS:
            types = ("company",)
        else:
            types = ("agency", "organization")
        entity = f.last_entity(types, offset + org.start())
        if entity is not None:
            return entity.name, entity.id, False, False
        return org.group().strip(), None, True, False
    people = _PEOPLE_TAIL.search(phrase)
    if people is not None:
        expert = _EXPERT.search(people.group()) is not None
        name = re.sub(r"^(?:by|from|at|of|to|with)\s+", "", people.group().strip(), flags=re.I)
        return name, None, True, expert
    doc = _DOC_TAIL.search(phrase)
    pronoun = _PRONOUN.match(phrase) is not None
    if pronoun or (doc is not None and doc.group("det")):
        cue = f.last_cited(offset, include_generic=pronoun)
        if cue is not None:
            return cue.name, cue.entity_id, cue.generic, cue.expert
        entity = f.last_entity(("agency", "organization", "company", "outlet"), offset)
        if entity is not None:
            return entity.name, entity.id, False, False
    if doc is not None:
        return phrase.strip(), None, True, False
    return None


def _named_document(f: CueFinder, start: int, end: int, s: int, e: int) -> Cue | None:
    """ "a Merics report", "the Rhodium study": a source named before a document noun."""
    if any(m.start < e and s < m.end for m in f.mentions):
        return None  # a gazetteer mention: `_mention_cue` handles it
    name = f.text[s:e]
    if name.split()[0] in _CAP_STOP:
        return None
    entity = f.by_name(name)
    if entity is not None:
        return Cue(entity.name, entity.id, f.text[start:end], start, end, s, e)
    return Cue(name, None, f.text[start:end], start, end, s, e)


def _mention_cue(f: CueFinder, mention: Mention) -> Cue | None:
    """ "a Merics report", "MIIT data", "Xinhua's figures"."""
    entity = f.entities.get(mention.entity_id)
    if entity is None or entity.type not in SOURCE_TYPES:
        return None
    noun = _NOUN_AFTER_SOURCE.match(f.text, mention.end, f.s.end)
    end = noun.end() if noun else mention.end
    return f.entity_cue(mention, mention.start, end)
