"""Proper names taken from the text itself: runs of capitalised words ("Lindsay Lohan",
"Betty Ford Center", "Bank of America", "EYP MCF").

The beat's gazetteer knows China-AI entities only; stories about anything else (and the
people, places and firms a gazetteer misses) are told apart by the names they share. The
rules are plain and language-agnostic for Latin script:

- a name is a run of capitalised words (an initial capital, or all capitals such as "NASA"),
  which may contain a lower-case joiner ("of", "de", "van", "al" …) between two capitalised
  words, and may not cross punctuation;
- a sentence's first word is kept only when its lower-case form is not a function word and
  does not occur in lower case elsewhere in the document (so "Police said" loses "Police",
  "Lohan said" keeps "Lohan");
- a possessive ends a name ("Reid's lawyer" gives "reid");
- titles ("Mr", "President", "Gov") and calendar words (months, weekdays) are dropped from
  the edges of a run: dates are features of their own;
- headline lines in Title Case (short, most long words capitalised, no full stop at the
  end) give no names: every word there is capitalised, and the body repeats the names.

`extract_names` returns each name lower-cased with single spaces, in order of appearance
(repeats kept, so callers can count them).
"""

from __future__ import annotations

import re

__all__ = ["extract_names"]

_WORD = re.compile(
    r"[^\W\d_](?:[^\W_]|['’.\-&](?=[^\W_]))*|\d+(?:[.,]\d+)*[^\W_]*|[.,;:!?()\"“”«»—–/|]"
)
_BREAK = frozenset('.,;:!?()"“”«»—–/|')
_JOINERS = frozenset("of de del della der van von al bin da la le y and &".split())
_TITLES = frozenset(
    """mr mrs ms dr prof sir gen col lt sgt capt gov sen rep president minister premier
    chancellor secretary judge justice chief king queen prince princess pope saint st
    rev sheriff mayor officer detective spokesman spokeswoman spokesperson ceo chairman
    director general commissioner attorney district""".split()
)
_CALENDAR = frozenset(
    """january february march april may june july august september october november
    december jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday
    thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun today
    yesterday tomorrow""".split()
)
# function words that open sentences in capitals; the document's own lower-case words add to it
_FUNCTION = frozenset(
    """a an the this that these those there here it its he she they we you i his her their
    our your my in on at by for from with without into onto over under after before during
    since until while when where why how what which who whom whose if then but and or nor so
    yet as of to up down out about above below between among against through across per
    also just only even still however meanwhile although though because despite according
    all any both each every few many more most much no none not some such other another one
    two three four five six seven eight nine ten first last next new said says say will
    would could should can may might must shall do does did is are was were be been being
    has have had get got let yes mr mrs ms""".split()
)
_TITLE_CASE_SHARE = 0.85  # a short line with this share of capitalised long words is a headline
_TITLE_MAX_WORDS = 24


def _is_capitalised(word: str) -> bool:
    return word[0].isupper()


def _title_case_line(words: list[str]) -> bool:
    long_words = [w for w in words if len(w) > 3 and w[0].isalpha()]
    if len(long_words) < 3 or len(words) > _TITLE_MAX_WORDS or words[-1] in ".!?":
        return False
    capitalised = sum(1 for w in long_words if _is_capitalised(w))
    return capitalised >= _TITLE_CASE_SHARE * len(long_words)


def _word_sets(lines: list[list[str]]) -> tuple[set[str], set[str]]:
    """Words seen in lower case, and capitalised words seen inside a sentence."""
    lower: set[str] = set()
    inner: set[str] = set()
    for words in lines:
        previous = "."
        for word in words:
            if word[0].islower():
                lower.add(word)
            elif word[0].isupper() and previous not in _BREAK:
                inner.add(word)
            previous = word
    return lower, inner


def _trim(run: list[str]) -> list[str]:
    start, end = 0, len(run)
    while start < end and (
        run[start].lower().rstrip(".") in _TITLES
        or run[start].lower() in _FUNCTION
        or run[start].lower() in _CALENDAR
        or run[start].lower() in _JOINERS
    ):
        start += 1
    while end > start and (
        run[end - 1].lower() in _CALENDAR
        or run[end - 1].lower() in _JOINERS
        or run[end - 1][0].isdigit()
    ):
        end -= 1
    return run[start:end]


def extract_names(text: str) -> list[str]:
    """Capitalised-word names in `text`, lower-cased, in order of appearance (see module doc)."""
    lines = [[m.group(0) for m in _WORD.finditer(line)] for line in text.splitlines()]
    lines = [words for words in lines if words and not _title_case_line(words)]
    lower, inner = _word_sets(lines)
    names: list[str] = []
    for words in lines:
        run: list[str] = []
        sentence_start = True
        for i, word in enumerate(words):
            if word in _BREAK:
                _flush(run, names)
                run = []
                sentence_start = word in ".!?" or (sentence_start and word in '"“(')
                continue
            if word[0].isdigit():
                if run:
                    run.append(word)
                sentence_start = False
                continue
            if _is_capitalised(word):
                if sentence_start and not run and word not in inner:
                    low = word.lower()
                    following = words[i + 1] if i + 1 < len(words) else "."
                    if (
                        low in _FUNCTION
                        or low in lower
                        or following in _BREAK
                        or not _is_capitalised(following)
                    ):
                        sentence_start = False
                        continue
                if word.endswith(("'s", "’s")):  # a possessive ends the name
                    run.append(word[:-2])
                    _flush(run, names)
                    run = []
                else:
                    run.append(word)
            elif (
                run
                and word.lower() in _JOINERS
                and i + 1 < len(words)
                and _is_capitalised(words[i + 1])
                and words[i + 1] not in _BREAK
            ):
                run.append(word)
            else:
                _flush(run, names)
                run = []
            sentence_start = False
        _flush(run, names)
    return names


def _flush(run: list[str], names: list[str]) -> None:
    trimmed = _trim(run)
    if not trimmed:
        return
    name = " ".join(w.lower().replace("’", "'") for w in trimmed)
    if len(name) > 1:
        names.append(name)
