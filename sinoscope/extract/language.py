"""Language of a text (ISO 639-1), with a fast path for Chinese, Japanese and Korean scripts.

A share of Han characters among letters decides Chinese before any model runs (Chinese news
quotes English names and acronyms all the time; English news quotes a few Chinese names);
kana means Japanese and Hangul Korean. Everything else goes to py3langid, on a sample.
"""

from __future__ import annotations

import logging
import re

log = logging.getLogger(__name__)

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HANGUL = re.compile(r"[\uac00-\ud7af\u1100-\u11ff]")
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
_SAMPLE_CHARS = 4000  # read for the script shares
_MODEL_CHARS = 1500  # read by py3langid (its cost grows with the text; 1500 is plenty)
_MIN_LETTERS = 12
# A Latin word carries about as much as one or two Han characters; letters are weighted so
# that a text is Chinese when Han characters make up most of its content.
_LATIN_LETTERS_PER_HAN = 3.0
_ZH_SHARE = 0.5


def cjk_share(text: str) -> float:
    """Share of Han characters among all letters of `text` (0.0 for text without letters)."""
    letters = len(_LETTER.findall(text))
    if not letters:
        return 0.0
    return len(HAN.findall(text)) / letters


def text_length(text: str) -> int:
    """A length that treats Chinese fairly: Han characters plus words of other scripts.

    Whitespace-token counts make a Chinese paragraph look like one word; character counts
    make English look four times longer than it reads. Counting each Han character and each
    other word once puts both on the scale the shingle scorer uses.
    """
    han = len(HAN.findall(text))
    words = len(re.findall(r"[^\W\u3400-\u9fff\uf900-\ufaff_]+", text))
    return han + words


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of `text` ('zh' for Chinese in either script); None when unsure."""
    sample = text[:_SAMPLE_CHARS]
    letters = _LETTER.findall(sample)
    if len(letters) < _MIN_LETTERS:
        return None
    han = len(HAN.findall(sample))
    kana = len(_KANA.findall(sample))
    hangul = len(_HANGUL.findall(sample))
    if kana > 0.05 * len(letters) and kana + han > 0.3 * len(letters):
        return "ja"
    if hangul > 0.3 * len(letters):
        return "ko"
    other = len(letters) - han - kana - hangul
    if han and han / (han + other / _LATIN_LETTERS_PER_HAN) >= _ZH_SHARE:
        return "zh"
    return _classify(sample[:_MODEL_CHARS])


def _classify(sample: str) -> str | None:
    try:
        import py3langid

        code, _score = py3langid.classify(sample)
    except Exception:  # a model failure must not break extraction
        log.debug("py3langid failed", exc_info=True)
        return None
    return str(code) or None
