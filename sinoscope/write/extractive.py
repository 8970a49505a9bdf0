"""Prose from the sources' own sentences: attributed, merged, cited, checked.

    prose = Prose(scope, Checker(scope, linker))
    prose.fact(fact, index)        # "…, as reported by Xinhua and Caixin." [1][2]
    prose.dispute(dispute)         # "Xinhua reported that …, while Caixin reported that …"
    prose.single(fact)             # "Only Reuters reported that …"

Rules:
- A sentence is a source's own sentence, quoted or lightly framed: an opening connective
  ("However,", "此外，") may be dropped, a first word such as "The" lower-cased after a frame,
  the full stop moved. Any clause with a number or a name keeps its wording.
- Framing words name who said it: the outlet ("as reported by Xinhua", "据新华社报道") and,
  when the claim cites someone the sentence does not name, that source ("According to MIIT").
  Several independent outlets stating the same fact are named together and cited together
  ("as reported by Xinhua and Caixin" [1][2]); more than `max_citations` become "and other
  outlets". Frames add no number and no name but those of the cited outlets and sources.
- Chinese sentences in an English briefing are quoted in the original (the renderer adds
  "original Chinese quoted; no translation configured"); English ones in a Chinese briefing
  are quoted and marked （英文原文）.
- Every sentence is checked by the verifier against the spans it cites before it is kept
  (`Checker`); when a frame fails (e.g. a metric's name is not in the sources), the next,
  plainer one is tried, down to the bare source sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from ..records import BriefingSentence, Citation
from ..understand.entities import EntityLinker
from .facts import STOP_WORDS
from .figures import Dispute, FigureChange, IndicatorLine
from .labels import LABELS
from .scope import Scope
from .select import Fact, Passage
from .verify import metric_names_of, resolve_citations, verify_sentence

__all__ = ["Checker", "Prose", "citation", "join_names"]


_EN_CONNECTIVE = re.compile(
    r"^(?:however|meanwhile|moreover|furthermore|additionally|notably|nevertheless|"
    r"nonetheless|in addition|also|still|yet|but|and|besides|similarly|likewise|indeed|"
    r"importantly|overall|ultimately|consequently|thus|therefore|in fact|separately),\s+"
    r"|^(?:but|and)\s+(?!for\b)(?=\w)",
    re.IGNORECASE,
)  # "But China still relies on imports" quoted as "China still relies on imports"; not
#    "But for subsidies, …" (meaning "were it not for")
_ZH_CONNECTIVE = re.compile(r"^(?:此外|同时|另外|不过|然而|但是|与此同时|而且|另一方面|其中)[，,]")
_OPENERS = frozenset(
    """officials analysts experts authorities observers researchers investors companies firms
    industry insiders sources people data figures sales shares prices revenue demand exports
    imports users""".split()
)
_QUOTE_END = ("”", '"', "’", "'", "」", ")")
_NAMED = 3  # outlets named in one sentence; more are cited as "and other outlets"


# ---------------------------------------------------------------------------------- check
class Checker:
    """Runs the verifier on a sentence before it is kept, with the names a briefing allows:
    the cited documents' outlets, whom their claims are attributed to, and the names of
    their metrics."""

    def __init__(self, scope: Scope, linker: EntityLinker | None = None) -> None:
        self.scope = scope
        self.linker = linker
        self.rejected = 0
        self._metric_names = metric_names_of(list(scope.metrics.values()))

    def _text(self, doc_id: str) -> str | None:
        doc = self.scope.documents.get(doc_id)
        return doc.text if doc is not None else None

    def _names(self, doc_id: str) -> Sequence[str]:
        doc = self.scope.documents.get(doc_id)
        if doc is None:
            return ()
        return tuple(n for n in (self.scope.publisher_name(doc_id), doc.source_id) if n)

    def passes(self, sentence: BriefingSentence) -> bool:
        if not sentence.citations:
            return False
        spans = resolve_citations(
            sentence, self._text, names=self._names, claims=self.scope.claims_by_id.get,
            metric_names=self._metric_names,
        )  # fmt: skip
        check = verify_sentence(
            sentence, spans, linker=self.linker, options=self.scope.options.verify
        )
        return check.ok

    def first(self, candidates: Iterable[BriefingSentence]) -> BriefingSentence | None:
        for sentence in candidates:
            if self.passes(sentence):
                return sentence
            self.rejected += 1
        return None


# ---------------------------------------------------------------------------------- words
def join_names(names: Sequence[str], language: str, more: bool = False) -> str:
    """ "Xinhua", "Xinhua and Caixin", "Xinhua, Caixin and other outlets"; 新华社、财新和…"""
    names = list(dict.fromkeys(n for n in names if n))
    if language == "zh":
        if more:
            return "、".join(names) + LABELS["zh"]["others"]
        if len(names) <= 1:
            return "".join(names)
        return "、".join(names[:-1]) + "和" + names[-1]
    if more:
        names = [*names, LABELS["en"]["others"]]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _clean(text: str, language: str) -> str:
    text = re.sub(r"\s+", " " if language != "zh" else "", text).strip()
    if language == "zh":
        return _ZH_CONNECTIVE.sub("", text)
    stripped = _EN_CONNECTIVE.sub("", text)
    first = stripped.split(" ", 1)[0]
    if stripped != text and first[:1].islower() and first[1:].islower():  # not iFlytek, xAI
        stripped = stripped[0].upper() + stripped[1:]
    return stripped


def _core(text: str) -> str:
    """An English sentence without its closing full stop (kept when it ends in a quote)."""
    return text[:-1].rstrip() if text.endswith((".", "!")) else text


def _embedded(text: str, document: str) -> str | None:
    """The sentence as it reads after a frame ("Xinhua reported that …"): a common first
    word lower-cased ("The" -> "the"), a name kept ("China", "MIIT", or a word the document
    capitalises mid-sentence); None when the first word cannot be told apart (a frame would
    then misquote it, so the sentence is quoted whole instead)."""
    m = re.match(r"[A-Za-z][A-Za-z'’\-]*", text)
    if not m:
        return text
    word = m.group()
    if len(word) > 1 and word.isupper():
        return text
    if word.lower() in STOP_WORDS or word.lower() in _OPENERS:
        return text[0].lower() + text[1:]
    if re.search(r"[a-z0-9,;:]\s+" + re.escape(word) + r"\b", document):
        return text  # capitalised mid-sentence too: a name
    return None


def _mentions(text: str, name: str) -> bool:
    return bool(name) and name.casefold() in text.casefold()


def citation(p: Passage) -> Citation:
    return Citation(p.document_id, p.start, p.end, p.claim.id if p.claim else None)


# a sentence that opens by naming who said it ("Stanford's AI Index 2025 reported that …")
_OWN_SPEAKER = re.compile(
    r"^(?:[\w'’.-]+\s+){1,8}?(?:reported|said|says|announced|estimated|found)"
    r"(?:\s+[\w'’.-]+){0,3}?\s+that\b",
    re.IGNORECASE,
)


class Prose:
    """Writes the briefing's sentences from selected facts and figures (see the module doc)."""

    def __init__(self, scope: Scope, checker: Checker) -> None:
        self.scope = scope
        self.checker = checker
        self.language = scope.options.language

    # ------------------------------------------------------------------------- who
    def outlet(self, p: Passage) -> str:
        return self.scope.publisher_name(p.document_id, self.language)

    def voice(self, p: Passage) -> str | None:
        """Whom the passage's claim cites, when the sentence does not name them itself."""
        claim = p.claim
        if claim is None or claim.attribution.kind != "cited" or not claim.attribution.name:
            return None
        name = claim.attribution.name
        outlet = self.outlet(p)
        if _mentions(p.text, name) or (claim.attribution.text and claim.attribution.text in p.text):
            return None
        short, long = sorted((name.casefold(), outlet.casefold()), key=len)
        if short in long:
            return None
        return name

    def _reporters(self, sources: Sequence[Passage]) -> str:
        """The outlets, named; a name with digits ("36Kr") is left to "other outlets", as the
        verifier would take its digits for a figure no source states."""
        names = list(dict.fromkeys(self.outlet(p) for p in sources))
        named = [n for n in names if not re.search(r"\d", n)]
        if not named:
            return ""
        return join_names(
            named[:_NAMED], self.language, more=len(named) < len(names) or len(named) > _NAMED
        )

    def _document(self, p: Passage) -> str:
        return self.scope.documents[p.document_id].text

    # ------------------------------------------------------------------------ clauses
    def _quote(self, p: Passage) -> str:
        """The passage in quotation marks, without its closing full stop."""
        text = _clean(p.text, p.language)
        return f"“{text.rstrip('。.；;')}”"

    def _clause(self, who: str, p: Passage, verb: str = "reported") -> str:
        """ "Xinhua reported that …" / "新华社报道称，…": the passage after who said it,
        quoted across languages or when its first word cannot follow "that"."""
        text = _clean(p.text, p.language)
        if self.language == "zh":
            if p.language == "zh":
                return f"{who}报道称，{text.rstrip('。；;')}"
            return f"{who}报道（英文原文）：{self._quote(p)}"
        embedded = _embedded(_core(text), self._document(p)) if p.language != "zh" else None
        if embedded is None or _OWN_SPEAKER.match(embedded):
            # "CSET reported that Stanford's AI Index reported that …" reads as a stutter
            return f"{who} {verb}: {self._quote(p)}"
        return f"{who} {verb} that {embedded}"

    def _bare(self, p: Passage, cites: tuple[Citation, ...]) -> BriefingSentence:
        return BriefingSentence(_clean(p.text, p.language), cites)

    # -------------------------------------------------------------------------- facts
    def fact(self, fact: Fact, index: int = 0, prefix: str = "") -> BriefingSentence | None:
        sources = fact.sources[: self.scope.options.max_citations]
        cites = tuple(citation(p) for p in sources)
        who = self._reporters(fact.sources)
        lead = fact.lead
        texts = self._fact_texts(lead, who, index) if who else []
        candidates = [BriefingSentence(prefix + t, cites) for t in texts]
        if len(sources) > 1 and self._reporters(
            [lead]
        ):  # the lead alone, when the others do not carry its words
            alone = self._fact_texts(lead, self.outlet(lead), index)
            candidates += [BriefingSentence(prefix + t, (citation(lead),)) for t in alone]
        candidates.append(self._bare(lead, (citation(lead),)))
        return self.checker.first(candidates)

    def _fact_texts(self, lead: Passage, who: str, index: int) -> list[str]:
        """Frames for a fact's lead sentence, best first (rotated down a section so a
        paragraph does not repeat one frame)."""
        text = _clean(lead.text, lead.language)
        voice = self.voice(lead)
        if voice and _mentions(who, voice):
            voice = None  # already named as one of the outlets
        if self.language == "zh":
            if lead.language != "zh":
                return [f"据{who}报道（英文原文）：{self._quote(lead)}。"]
            if text.startswith(("据", "根据")):  # "据A报道，据B…" stutters
                return [f"{text.rstrip('。；;')}（来源：{who}）。"]
            zh_forms = [f"据{who}报道，{text}", f"{who}报道称，{text}"]
            if voice:
                return [f"据{who}援引{voice}报道，{text}", *zh_forms]
            return _rotated(zh_forms, index)
        if lead.language == "zh":
            if voice:
                return [f"{who} reported, citing {voice}: “{text}”", f"{who} reported: “{text}”"]
            return [f"{who} reported: “{text}”"]
        core = _core(text)
        inner = _embedded(core, self._document(lead))
        own_speaker = _OWN_SPEAKER.match(core)  # "Stanford's AI Index reported that …"
        says_who = own_speaker or re.search(
            r"\b(?:reported by|according to)\b", core, re.IGNORECASE
        )
        suffix = not core.endswith(_QUOTE_END) and not says_who
        forms: list[str] = []
        if voice and inner is not None and not own_speaker:
            if suffix:
                forms.append(f"According to {voice}, {inner}, as reported by {who}.")
            forms.append(f"{who} reported, citing {voice}, that {inner}.")
        plain = []
        if suffix:
            plain.append(f"{core}, as reported by {who}.")
        elif says_who and not core.endswith(_QUOTE_END):
            # the sentence names its own source: keep it whole, say who carried it after
            plain.append(f"{core} (reported by {who}).")
        if inner is not None and not says_who:
            plain.append(f"According to {who}, {inner}.")
        if inner is not None and not own_speaker:  # not "X reported that Y reported that"
            plain.append(f"{who} reported that {inner}.")
        forms += _rotated(plain, index)
        forms.append(f"{who} reported: {self._quote(lead)}.")
        return forms

    def single(self, fact: Fact) -> BriefingSentence | None:
        """A story below the threshold: its best fact, saying who reported it, and that they
        alone did only when they are all the story's publishers (an English and a Chinese
        outlet may carry a story in words no fact merges across; "only" would be false)."""
        sources = fact.sources[: self.scope.options.max_citations]
        who = self._reporters(fact.sources)
        cites = tuple(citation(p) for p in sources)
        lead = fact.lead
        stats = self.scope.story_stats.get(fact.story) if fact.story else None
        publishers = {self.scope.publisher(p.document_id) for p in fact.sources}
        alone = stats is None or stats.publishers <= len(publishers)  # "only" must be true
        only, only_zh = ("Only ", "仅") if alone else ("", "")
        if not who:
            texts = []
        elif self.language == "zh":
            texts = [f"{only_zh}{self._clause(who, lead)}。"]
        else:
            texts = [
                f"{only}{self._clause(who, lead)}.",
                f"{only}{who} reported: {self._quote(lead)}.",
            ]
        candidates = [BriefingSentence(t, cites) for t in dict.fromkeys(texts)]
        candidates.append(self._bare(lead, (citation(lead),)))
        return self.checker.first(candidates)

    # ------------------------------------------------------------------------ figures
    def _label(self, metric: str) -> str | None:
        """ "number of AI companies", "Big Fund size" (a proper name keeps its capital)."""
        m = self.scope.metrics.get(metric)
        if m is None:
            return None
        if self.language == "zh":
            return m.name_zh
        words = m.name.split()
        acronym = len(words[0]) > 1 and words[0][1].isupper()
        proper = len(words) > 1 and words[1][:1].isupper() and not words[1].isupper()
        if not acronym and not proper:
            words[0] = words[0].lower()
        return " ".join(words)

    def _on(self, metric: str) -> list[str]:
        """Openers naming the metric (tried first), then none."""
        label = self._label(metric)
        if not label:
            return [""]
        return [f"关于{label}，" if self.language == "zh" else f"On the {label}, ", ""]

    def dispute(self, dispute: Dispute) -> BriefingSentence | None:
        """Every side of a disagreement, each with who said it: "A reported that …, while B
        reported that …" (three or more sides: "A …; B …; while C …")."""
        unnamed = "另一家媒体" if self.language == "zh" else "another outlet"
        clauses = [
            self._clause(self._reporters(side) or unnamed, side[0]) for side in dispute.sides
        ]
        cites = tuple(dict.fromkeys(citation(p) for side in dispute.sides for p in side))
        if self.language == "zh":
            body = "；".join(clauses[:-1]) + "；而" + clauses[-1] + "。"
        else:
            body = "; ".join(clauses[:-1]) + ", while " + clauses[-1] + "."
        texts = [_opened(o, body) for o in self._on(dispute.metric)]
        return self.checker.first(BriefingSentence(t, cites) for t in texts)

    def indicator(self, line: IndicatorLine) -> list[BriefingSentence]:
        """The latest figure (and an earlier one), then the target, as two sentences."""
        zh = self.language == "zh"
        out: list[BriefingSentence] = []
        parts = [self._clause(self.outlet(line.latest), line.latest)]
        cites = [citation(line.latest)]
        if line.earlier is not None:
            clause = self._clause(self.outlet(line.earlier), line.earlier)
            parts.append(f"此前，{clause}" if zh else f"earlier, {clause}")
            cites.append(citation(line.earlier))
        body = ("；".join(parts) + "。") if zh else ("; ".join(parts) + ".")
        texts = [_opened(o, body) for o in self._on(line.metric)]
        first = self.checker.first(BriefingSentence(t, tuple(cites)) for t in texts)
        if first is not None:
            out.append(first)
        if line.target is not None:
            who = self.outlet(line.target)
            if zh:
                body = f"目标方面，{self._clause(who, line.target)}。"
            elif line.target.language == "zh":
                body = f"The target, as reported by {who}: {self._quote(line.target)}."
            else:
                body = f"The target, as reported by {who}: {_clean(line.target.text, 'en')}"
            target = self.checker.first([BriefingSentence(body, (citation(line.target),))])
            if target is not None:
                out.append(target)
        return out

    def changed_figure(self, change: FigureChange) -> BriefingSentence | None:
        zh = self.language == "zh"
        now = self._clause(self.outlet(change.now), change.now, "now reports")
        before = self._clause(self.outlet(change.before), change.before)
        body = (
            f"{now}；上期简报引用的是：{before}。"
            if zh
            else f"{now}; the last briefing cited this: {before}."
        )
        cites = (citation(change.now), citation(change.before))
        texts = [_opened(o, body) for o in self._on(change.metric)]
        return self.checker.first(BriefingSentence(t, cites) for t in texts)

    def new_facts(self, facts: Sequence[Fact]) -> list[BriefingSentence | None]:
        """Facts new since the last briefing: the first line kept with the lead-in says so,
        the later ones say "also" (one lead-in before every line reads like a form)."""
        zh = self.language == "zh"
        lead_in = "上期以来新增：" if zh else "New since the last briefing: "
        also = "另有新增：" if zh else "Also new: "
        out: list[BriefingSentence | None] = []
        said = False
        for index, fact in enumerate(facts):
            line = self.fact(fact, index, also if said else lead_in)
            said = said or (line is not None and line.text.startswith(lead_in))
            out.append(line)
        return out

    def quiet(self, sentence: BriefingSentence) -> BriefingSentence | None:
        prefix = "本期无后续报道：" if self.language == "zh" else "No new reports this period on: "
        return self.checker.first(
            [BriefingSentence(prefix + sentence.text, sentence.citations, sentence.original)]
        )


def _rotated(forms: list[str], index: int) -> list[str]:
    if not forms:
        return forms
    k = index % len(forms)
    return forms[k:] + forms[:k]


def _opened(opener: str, body: str) -> str:
    if not opener:
        return body[:1].upper() + body[1:]
    return opener + body
