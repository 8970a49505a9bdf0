"""English quantities: find numbers, drop the ones that are not quantities, attach units.

The pipeline over one text: candidate numbers (digits with currency and scale, number words,
fractions, vague amounts such as "dozens of"), then filters (years, dates, clock times,
model names such as "GPT-4" or "iPhone 11", ordinals, addresses), then units (currencies,
measures, counted nouns such as "5,000 AI companies"), then ranges ("from 5 to 7 per cent"),
then the change each number expresses ("more than", "about", "rose 12%").
"""

from __future__ import annotations

import re

from .clues import clues_en
from .mentions_en import find_numbers_en
from .model import Candidate, finish, merge_ranges
from .numbers_en import parse_number_en
from .times import blocked_spans_en, looks_like_year
from .units import (
    CURRENCY_WORD_RE,
    FUNCTION_WORDS,
    MILLION_CODES,
    Unit,
    currency_for_prefix,
    currency_for_word,
    is_plural,
    match_unit_en,
    singular,
)

__all__ = ["candidates_en"]

_LABEL_NOUNS = set(
    """category level phase grade tier stage version chapter section article page number room
    route flight gate platform item step type class series model unit lot block building floor
    track episode season round game match rank ranked part vol volume issue exhibit appendix
    table figure fig option act rule paragraph clause district zone ward lane highway interstate
    channel bus train terminal pier bay suite apartment apt box row seat window tab slide
    question point""".split()
)
_NAME_HYPHEN_PREFIXES = {"last", "top", "bottom", "mid", "no", "covid", "pre", "post", "x", "v"}
_STREET = (
    r"(?:Road|Rd|Street|St|Avenue|Ave|Way|Lane|Ln|Drive|Dr|Boulevard|Blvd|Place|Pl|Square|"
    r"Court|Ct|Close|Crescent|Terrace|Highway|Hwy)"
)
_ADDRESS_AFTER = re.compile(rf"(?:[-–]\d+)?\s+(?:[A-Z0-9][\w.]*\s+){{0,3}}{_STREET}\b")
_DENOMINATORS = set(
    """year month week day hour minute second share barrel ounce gallon litre liter kilo
    kilogram pound ton tonne head person piece unit night trip visit seat mile kilometre gram
    dozen quarter season game""".split()
)


_CONTAINERS = {
    "barrel",
    "ton",
    "tonne",
    "gallon",
    "litre",
    "cubic metre",
    "cubic foot",
    "pound-foot",
}
_SUBSTANCE_OF = re.compile(r"\s+of\s+(?:crude\s+)?[a-z]{3,}(?<!\bthe)(?<!\bits)(?<!\btheir)\b")


_WORD_TOKEN = re.compile(r"[ \t]+([A-Za-z][A-Za-z&]*(?:-[A-Za-z]+)*)")


def _counted_noun(text: str, pos: int, one: bool) -> tuple[str, int, Unit | None] | None:
    """The noun phrase counted by a number: "5,000 AI companies" -> ("AI companies", end)."""
    words: list[tuple[str, int, int]] = []
    i = pos
    for _ in range(6):
        if len(words) >= 4:
            break
        m = _WORD_TOKEN.match(text, i)
        if not m:
            break
        w = m.group(1)
        if w.lower() in ("and", "&") and words and not one and len(words) < 3:
            i = m.end(1)  # "Kia and Hyundai vehicles"
            continue
        if _stops_noun_phrase(w):
            break
        unit = match_unit_en(text, m.start(1), glued=False)
        if unit and unit.kind != "count" and len(unit.text) > 2:
            if words and all(x.isupper() for x, _, _ in words):  # "2.79 million GPU hours"
                return text[words[0][1] : unit.end], unit.end, None
            return unit.text, unit.end, unit  # "517 rushing yards" -> "yards"
        if not words and w.lower().endswith("ed") and len(w) > 4 and not one:
            i = m.end(1)  # "300 recorded songs" -> "songs"
            continue
        words.append((w, m.start(1), m.end(1)))
        if is_plural(w):
            end = m.end(1)
            if w.lower() in _ATTRIBUTIVE_PLURALS:  # "data centre racks", "sales staff"
                end = _compound_head(text, end, 4 - len(words)) or end
            return text[words[0][1] : end], end, None
        if one:
            if w[0].isupper():  # "One US fluid ounce": only a measure unit may follow
                words.pop()
                i = m.end(1)
                continue
            if w.lower().endswith(("ed", "ing")) or words[:-1]:
                return None
            return w, m.end(1), None
        i = m.end(1)
        if text[i : i + 1] not in (" ", "\t"):
            break
    return None


# plural-looking nouns that often modify the noun after them ("data centres", "sales staff")
_ATTRIBUTIVE_PLURALS = {
    "data", "media", "sales", "sports", "arms", "goods", "news", "savings", "electronics",
    "communications", "logistics", "customs", "operations", "systems", "services", "jobs",
}  # fmt: skip
# adjectives in -ly that sit inside a noun phrase ("312m monthly active users")
_LY_ADJECTIVES = {"monthly", "daily", "weekly", "yearly", "quarterly", "hourly", "nightly"}
_LY_ADJECTIVES |= {"early", "elderly"}


def _stops_noun_phrase(word: str) -> bool:
    low = word.lower()
    if low in FUNCTION_WORDS:
        return True
    return low.endswith("ly") and len(low) > 4 and low not in _LY_ADJECTIVES


def _compound_head(text: str, pos: int, budget: int) -> int | None:
    """End of the plural noun that a modifying plural leads to within `budget` words
    ("data" -> "data centre racks"), or None when the phrase ends first ("7 data were")."""
    i = pos
    for _ in range(budget):
        if text[i : i + 1] not in (" ", "\t"):
            return None
        m = _WORD_TOKEN.match(text, i)
        if not m or _stops_noun_phrase(m.group(1)):
            return None
        unit = match_unit_en(text, m.start(1), glued=False)
        if unit and unit.kind != "count" and len(unit.text) > 2:
            return None
        if is_plural(m.group(1)):
            return m.end(1)
        i = m.end(1)
    return None


_COMPOUND_RE = re.compile(
    r"(?:\s*(?P<p>per|a|an)\s+|\s*/\s*|-(?P<h>a|per)-)(?=[A-Za-z])"
    r"(?![A-Za-z]+\s+(?:earlier|ago|before|later|after|prior|on|apart|previously)\b)"
)


def _compound(text: str, pos: int) -> tuple[str, int] | None:
    """ "per barrel", "a month", "/kWh" after a unit: (canonical denominator, end)."""
    m = _COMPOUND_RE.match(text, pos)
    if not m:
        return None
    unit = match_unit_en(text, m.end(), glued=False)
    if unit and unit.kind != "percent":
        den, end = unit.canonical, unit.end
    else:
        w = re.match(r"[A-Za-z][A-Za-z-]*", text[m.end() :])
        if not w:
            return None
        den, end = singular(w.group()), m.end() + w.end()
    if m.group("p") in ("a", "an") or m.group("h") == "a":
        if den not in _DENOMINATORS:
            return None
    elif not m.group("p") and not m.group("h") and not unit:
        return None
    return den, end


def _attach_unit(text: str, c: Candidate) -> None:
    """Scale, currency word, measure unit, compound, counted noun, in that order."""
    if c.unit_fixed:
        return
    pos = c.end
    if c.vague:
        pos = text.index("of", c.end) + 2 if text.startswith(" of", c.end) else c.end
    glued = pos < len(text) and text[pos] not in " \t\n"
    hyphen = text.startswith("-", pos) and not c.vague
    ws = re.match(r"[ \t]*-?[ \t]*" if hyphen else r"[ \t]*", text[pos:])
    upos = pos + (ws.end() if ws else 0)
    unit: Unit | None = None
    if c.currency is None:
        cm = CURRENCY_WORD_RE.match(text, upos)
        if cm:
            cur = currency_for_word(cm)
            word = cm.group()
            c.currency, c.kind, c.end = cur, "money", cm.end()
            c.unit = cur.name if not re.search(r"[A-Za-z]", word) else word
            if word.upper() in MILLION_CODES:
                c.value *= 1e6
                c.scaled, c.scale_factor = True, 1e6
            _attach_cents(text, c)
            _attach_compound(text, c)
            return
    if c.currency is not None:
        c.kind = "money"
        c.unit = c.currency.name
        _attach_cents(text, c)
        _attach_compound(text, c)
        return
    unit = match_unit_en(text, upos, glued=glued or hyphen)
    if unit and c.scaled and unit.canonical == "pound":
        c.currency = currency_for_prefix("£")
        c.unit, c.kind, c.end = unit.text, "money", unit.end
        return
    if unit and c.fraction:
        c.unit, c.kind, c.end = unit.text, "measure", unit.end
        return
    if c.fraction:
        of = re.match(r"\s+of\s+(?:a|an|one|the)\s+(?:[A-Z][\w.]*\s+){0,2}", text[pos:])
        fu = match_unit_en(text, pos + of.end(), glued=False) if of else None
        if fu and fu.kind == "measure":  # "1/16 of a US pint"
            c.unit, c.kind = fu.text, "measure"
        return
    if unit:
        if hyphen and unit.kind == "duration" and re.match(r"\s+[A-Za-z$€£¥\d]", text[unit.end :]):
            c.skip = "duration adjective"  # "a five-year plan"
            return
        c.unit = "%" if unit.canonical == "percent" else unit.text
        c.unit_canonical = unit.canonical
        c.kind = {"age": "measure"}.get(unit.kind, unit.kind)
        c.end = unit.end
        of = _SUBSTANCE_OF.match(text, c.end) if unit.canonical in _CONTAINERS else None
        if of:  # "1 million barrels of oil"
            c.unit, c.end = text[upos : of.end()], of.end()
        _attach_compound(text, c)
        return
    if glued and re.match(r"[A-Za-z]", text[pos:]):
        c.skip = "glued letters"  # 9000S, 5G, 3D, 1st
        return
    if hyphen and c.is_word:
        hw = re.match(r"-([a-z]{2,})\b(?!-)", text[pos:])
        if hw:  # "three-point range", "six-cylinder engine"
            c.unit, c.kind, c.end = hw.group(1), "count", pos + hw.end()
            return
    if c.fraction or not text[pos : pos + 1].isspace():
        return
    acro = re.match(r"[ \t]+([A-Z]{2,5})(?![\w-])(?![ \t]+[a-z]+s\b)", text[pos:])
    if acro and not c.plain_int and not c.is_word:  # "0.5 WAR", "3.8 GPA"
        c.unit, c.kind, c.end = acro.group(1), "measure", pos + acro.end()
        return
    one = c.value == 1 and not c.scaled
    if one and c.is_word:
        sup = re.match(r"\s+of\s+the(?:\s+most)?(?=\s)", text[pos:])
        if sup:
            noun = _counted_noun(text, pos + sup.end(), one=False)
            if noun:
                c.unit, c.end, c.kind = noun[0], noun[1], "count"
            return
    noun = _counted_noun(text, pos, one=one)
    if noun:
        c.unit, c.end = noun[0], noun[1]
        c.kind = "count" if noun[2] is None else noun[2].kind
        if noun[2] is not None:
            c.unit_canonical = noun[2].canonical
        _attach_compound(text, c)


_CENTS_RE = re.compile(
    r"[ \t]+(?:and[ \t]+)?(?P<n>\d{1,2}|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|"
    r"eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
    r"(?:[ \t]+(?P<c>cents?))?(?=[ \t]*(?:[.,;!?]|$))",
    re.IGNORECASE,
)


def _attach_cents(text: str, c: Candidate) -> None:
    """ "3 dollars 50 cents", "thirteen dollars and forty-five cents", "15 dollars and 15"."""
    if not c.currency or c.currency.name != "dollar" or c.scaled or c.value != int(c.value):
        return
    m = _CENTS_RE.match(text, c.end)
    if m:
        cents = parse_number_en(m.group("n"))
        if cents is not None and cents < 100:
            c.value += cents / 100
            c.end = m.end()


def _attach_compound(text: str, c: Candidate) -> None:
    comp = _compound(text, c.end)
    if not comp:
        return
    head = (
        c.currency.name
        if c.currency and c.currency_prefix
        else c.unit_canonical or singular(c.unit)
    )
    if c.unit == "%":
        return
    c.unit = f"{head} per {comp[0]}"
    c.end = comp[1]


def _skip_reason(text: str, c: Candidate) -> str | None:
    before = text[max(0, c.start - 40) : c.start]
    after = text[c.end : c.end + 40]
    has_unit = bool(c.unit) or c.currency is not None
    if c.is_word:
        low = text[c.start : c.num_end].lower()
        if low == "one":
            if re.search(
                r"\b(?:the|this|that|each|every|any|no|another|which|same|such|a|only|last|"
                r"of|everyone|anyone|no)\s+$",
                before,
                re.IGNORECASE,
            ):
                return "pronoun one"
            after_num = text[c.num_end : c.num_end + 20]
            if re.match(r"[\s-]+(?:another|day|off|time|way|by|or|\d|[$€£])|\s+that\b", after_num):
                return "idiom one"
            if not c.unit and not re.match(r"\s+of\s+the\b", after):
                return "bare one"
        return None
    countish = not c.currency and (not c.unit or c.kind == "count")
    if c.plain_int and not c.scaled and countish and looks_like_year(text, c.num_start, c.num_end):
        return "year"
    if text[c.start : c.start + 1] in "-−–" and re.search(r"\b[A-Z]{2,}[ \t]$", before):
        return "name-number"  # "COVID -19"
    prev_char = text[c.num_start - 1 : c.num_start] if c.num_start else ""
    if not c.currency_prefix and prev_char.isalpha():
        return "glued to a name"
    hy = re.search(r"([A-Za-z][\w&]*)-$", text[max(0, c.num_start - 20) : c.num_start])
    if hy and not c.currency_prefix:
        word = hy.group(1)
        if word.lower() == "sub":
            c.change = "<"
        elif not word.islower() or word in _NAME_HYPHEN_PREFIXES:
            return "name-number"  # GPT-4, TA-35, COVID-19, last-32
    if re.search(r"(?:\bNo\.?|#)\s?$", before):
        return "rank"
    if c.plain_int and not c.scaled and not has_unit:
        nxt = re.match(r"[ \t]+([A-Z][\w]*)", after)
        if nxt and not is_plural(nxt.group(1)):
            return "name-number"  # "11 Pro Max", "787 Dreamliner", "9 E 71st St"
    if re.search(r"\b(?:top|bottom|the\s+best|the\s+worst)[ \t]+$", before) and not c.unit:
        return "rank"
    if (not has_unit or c.kind == "count") and not c.scaled:
        m = re.search(r"\b([A-Za-z][\w&.]*)[ \t]+$", before)
        word = m.group(1) if m else ""
        head = text[max(0, c.start - 80) : c.start]
        if c.start > 80:
            head = "x x " + head
        sentence_start = re.search(r"(?:^|[.!?:;]\s+|[\"“(]\s*)\S+[ \t]+$", head) is not None
        if word and any(ch.isupper() for ch in word) and not sentence_start:
            return "name-number"
        if word.lower() in _INDEX_NAMES:
            return "name-number"  # "the ftse 100", "S&P 500" in lower-cased text
        if word.lower() in _LABEL_NOUNS:
            return "label"
        if re.search(r"\b[A-Z][a-z]+,\s$", before) and re.match(r",", after):
            return "age apposition"
        if _ADDRESS_AFTER.match(after):
            return "address"
        if re.match(r"(?:[’']s|st|nd|rd|th)\b", after):
            return "ordinal"
    return None


_INDEX_NAMES = set(
    "ftse sp s&p nasdaq dow dax cac nikkei kospi csi sensex nifty stoxx russell fortune asx tsx "
    "ibex topix hsi".split()
)
_DASH_GAP = re.compile(r"[ \t]*[-–][ \t]*")


def candidates_en(text: str) -> list[Candidate]:
    """Candidate quantities with units and changes, before conversion to Quantity records."""
    if not clues_en(text).number:
        return []
    blocked = blocked_spans_en(text)
    cands = [c for c in find_numbers_en(text) if not any(s <= c.num_start < e for s, e in blocked)]
    kept: list[Candidate] = []
    last_end = 0
    skipped_name_end = -1
    for c in cands:
        if c.num_start < last_end:
            continue  # taken by the previous quantity ("3 dollars 50 cents")
        if c.currency_prefix and c.start < last_end:
            c.start, c.currency, c.currency_prefix = c.num_start, None, False  # "10 $ 30 $"
        _attach_unit(text, c)
        if c.skip:
            continue
        c.skip = _skip_reason(text, c)
        if (
            not c.skip
            and skipped_name_end >= 0
            and _DASH_GAP.fullmatch(text[skipped_name_end : c.start])
        ):
            c.skip = "name-number"  # the second half of "Boeing 737-800", "Celtics 112-104"
        if c.skip:
            if c.skip == "name-number":
                skipped_name_end = c.num_end
            continue
        kept.append(c)
        last_end = c.end
    kept = [c for c in merge_ranges(text, kept, "en") if not c.skip]
    return finish(text, kept, "en")
