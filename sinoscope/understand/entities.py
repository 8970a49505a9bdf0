"""Entity linking: find the beat's gazetteer names in text, in English and Chinese.

One Aho-Corasick automaton holds every name and alias of every entity. Text and names are
normalised the same way, character by character so offsets stay exact: NFKC width folding
(ＡＩ → AI, full-width digits), and traditional → simplified Chinese (OpenCC t2s, applied to
both sides, so 華為 finds 华为 and a name OpenCC would rewrite still matches itself). Latin
names match case-sensitively as written or in capitals (Arm ≠ arm, "HUAWEI" headlines), and
only on word boundaries (Intel is not in "intelligence"); Chinese names match anywhere.
Overlaps resolve to the longest match (中芯国际 over 中芯; Alibaba Cloud over Alibaba).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

import ahocorasick
import opencc

from ..records import Entity, Mention


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


_CJK = re.compile("[\u4e00-\u9fff]")


def normalize(text: str) -> str:
    """Width-folded, simplified text of exactly the same length as `text`."""
    if text.isascii():
        return text
    out = unicodedata.normalize("NFKC", text)
    if len(out) != len(text):  # some character folded to several: fold one by one
        chars = []
        for ch in text:
            folded = ch if ch.isascii() else unicodedata.normalize("NFKC", ch)
            chars.append(folded if len(folded) == 1 else ch)
        out = "".join(chars)
    if _CJK.search(out):
        converted = _t2s().convert(out)
        if len(converted) == len(out):
            return converted
        return "".join(c2 if len(c2 := _t2s().convert(c)) == 1 else c for c in out)
    return out


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() and ch.isascii()


class EntityLinker:
    """Finds mentions of `entities` in text. Build once per beat; `find` is thread-safe."""

    def __init__(self, entities: Iterable[Entity]) -> None:
        self._automaton = ahocorasick.Automaton()
        names: dict[str, set[str]] = {}
        for entity in entities:
            for name in entity.names:
                name = name.strip()
                if len(name) < 2:
                    continue
                variants = {normalize(name)}
                if any(c.isascii() and c.isalpha() for c in name):
                    variants.add(normalize(name.upper()))
                for v in variants:
                    names.setdefault(v, set()).add(entity.id)
        for key, ids in names.items():
            # an alias shared by several entities links to the first id in sorted order, so
            # results are stable; the beat's tests keep such collisions deliberate and few
            self._automaton.add_word(key, (len(key), sorted(ids)[0]))
        self._empty = not names
        if not self._empty:
            self._automaton.make_automaton()

    def find(self, text: str) -> list[Mention]:
        """Non-overlapping mentions, longest first, in text order."""
        if self._empty or not text:
            return []
        norm = normalize(text)
        candidates: list[tuple[int, int, str]] = []
        for end_index, (length, entity_id) in self._automaton.iter(norm):
            start, end = end_index - length + 1, end_index + 1
            if _is_word_char(norm[start]) and start > 0 and _is_word_char(norm[start - 1]):
                continue
            if _is_word_char(norm[end - 1]) and end < len(norm) and _is_word_char(norm[end]):
                continue
            candidates.append((start, end, entity_id))
        candidates.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
        taken = bytearray(len(norm))
        chosen: list[Mention] = []
        for start, end, entity_id in candidates:
            if any(taken[start:end]):
                continue
            taken[start:end] = b"\x01" * (end - start)
            chosen.append(Mention(entity_id, start, end, text[start:end]))
        chosen.sort(key=lambda m: m.start)
        return chosen
