"""Text normalisation, content hashes and shingles.

`normalize_text` is the form that is hashed and shingled (never shown): NFKC (full-width
letters, digits and punctuation become ASCII, the ideographic space a space), typographic
quotes and dashes made plain, zero-width characters and soft hyphens removed, case folded,
runs of whitespace collapsed to one space, and no space next to a CJK character (outlets
differ in how they space "华为 Mate 60" and in where they break Chinese lines).

`shingles` turns normalised text into tokens, then into hashed k-grams of tokens. A token is
one CJK character (Han, kana, bopomofo) or a run of other letters and digits; punctuation and
spaces separate tokens and are dropped. Alphabetic text uses word 3-grams; CJK text (chosen by
`language`, or by the share of CJK tokens when the language is unknown) uses character
4-grams, about two Chinese words. The docstring of `sinoscope.dedupe` gives the measured
effect of these sizes.

Each shingle becomes a 32-bit hash computed from code points with numpy (no per-token
Python work): a token hashes to a polynomial of its code points, a shingle to a weighted sum
of its token hashes, both mixed with the 64-bit MurmurHash3 finalizer. The hashes are stable
across runs, processes and platforms, so signatures built from them can be stored.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import cache

import numpy as np
import numpy.typing as npt

__all__ = [
    "CHAR_SHINGLE",
    "CJK_SHARE",
    "WORD_SHINGLE",
    "content_hash",
    "is_cjk_language",
    "normalize_text",
    "shingles",
    "uses_char_shingles",
]

WORD_SHINGLE = 3  #: tokens per shingle for alphabetic text
CHAR_SHINGLE = 4  #: characters per shingle for CJK text
CJK_SHARE = 0.5  #: share of CJK tokens from which text of unknown language is CJK

_CJK_RANGES = (
    (0x3005, 0x3007),  # 々 〆 〇
    (0x3040, 0x30FF),  # hiragana, katakana
    (0x3100, 0x312F),  # bopomofo
    (0x31A0, 0x31FF),  # bopomofo extended, katakana extensions
    (0x3400, 0x4DBF),  # Han extension A
    (0x4E00, 0x9FFF),  # Han
    (0xF900, 0xFAFF),  # Han compatibility
)
_CJK_CLASS = "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in _CJK_RANGES) + "\U00020000-\U0003ffff"
_CJK_LANGUAGES = frozenset({"zh", "ja", "yue", "wuu", "gan", "hak", "hsn", "nan", "cdo", "lzh"})

# the full-width forms common in Chinese text, and what NFKC makes of them
_COMMON_WIDE = tuple(zip("，：；！？（）％\u3000", ",:;!?()% ", strict=True))
_TYPOGRAPHIC = {
    **dict.fromkeys("‘’‚‛′`", "'"),
    **dict.fromkeys("“”„‟″«»", '"'),
    **dict.fromkeys("‐‑‒–—―−", "-"),
    **dict.fromkeys("\u00ad\u200b\u200c\u200d\u2060\ufeff", ""),
}
_SPACE_NEXT_TO_CJK = re.compile(f" (?:(?=[{_CJK_CLASS}])|(?<=[{_CJK_CLASS}] ))")


def normalize_text(text: str) -> str:
    """The form of `text` that is hashed and shingled (see the module docstring); idempotent."""
    if not text.isascii():
        # NFKC maps these too, but is fast only on text that is already normalised
        for wide, narrow in _COMMON_WIDE:
            if wide in text:
                text = text.replace(wide, narrow)
        text = unicodedata.normalize("NFKC", text)
        for fancy, plain in _TYPOGRAPHIC.items():
            if fancy in text:
                text = text.replace(fancy, plain)
        text = unicodedata.normalize("NFKC", text.casefold())  # casefold can denormalise
        return _SPACE_NEXT_TO_CJK.sub("", " ".join(text.split()))
    return " ".join(text.lower().split())


def content_hash(text: str) -> str:
    """SHA-256 (hex) of the normalised text: copies differing in spacing, case, full-width
    forms or quote style hash alike."""
    return hash_normalized(normalize_text(text))


def hash_normalized(normalized: str) -> str:
    """`content_hash` of text already passed through `normalize_text`."""
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()


def is_cjk_language(language: str | None) -> bool:
    """True for Chinese, Japanese and the other languages written without word spaces."""
    if not language:
        return False
    return re.split(r"[-_]", language.strip().lower(), maxsplit=1)[0] in _CJK_LANGUAGES


def uses_char_shingles(text: str, language: str | None = None) -> bool:
    """Whether `shingles` treats `text` as CJK (character shingles)."""
    if language:
        return is_cjk_language(language)
    classes = _classes(_code_points(normalize_text(text)))
    return _mostly_cjk(classes, int(np.count_nonzero(_token_starts(classes))))


def shingles(
    text: str,
    language: str | None = None,
    *,
    word_size: int = WORD_SHINGLE,
    char_size: int = CHAR_SHINGLE,
) -> npt.NDArray[np.uint32]:
    """The distinct 32-bit shingle hashes of `text` (sorted); empty when it has no tokens.

    `language` (an ISO code such as "zh-CN") picks character shingles for CJK languages and
    word shingles otherwise; None decides by the share of CJK tokens in the text. A text
    shorter than one shingle gives a single shingle of all its tokens.
    """
    return np.unique(shingle_hashes(normalize_text(text), language, word_size, char_size))


def shingle_hashes(
    normalized: str, language: str | None, word_size: int, char_size: int
) -> npt.NDArray[np.uint32]:
    """Shingle hashes of already normalised text, unsorted and with repeats (cheaper)."""
    if not (1 <= word_size <= _MAX_SHINGLE and 1 <= char_size <= _MAX_SHINGLE):
        raise ValueError(
            f"shingle sizes must be 1 to {_MAX_SHINGLE} tokens, got {word_size} and "
            f"{char_size}; the defaults are {WORD_SHINGLE} and {CHAR_SHINGLE}"
        )
    cp = _code_points(normalized)
    classes = _classes(cp)
    starts = _token_starts(classes)
    n_tokens = int(np.count_nonzero(starts))
    if n_tokens == 0:
        return np.empty(0, dtype=np.uint32)
    cjk = is_cjk_language(language) if language else _mostly_cjk(classes, n_tokens)
    tokens = _token_hashes(cp, classes, starts)
    return _kgram_hashes(tokens, min(char_size if cjk else word_size, n_tokens))


# --------------------------------------------------------------------------- numpy core
_OTHER, _WORD, _CJK = 0, 1, 2
_M64 = (np.uint64(0xFF51AFD7ED558CCD), np.uint64(0xC4CEB9FE1A85EC53))
_POLY = np.uint64(0x100000001B3)
_MAX_SHINGLE = 8
_WINDOW = 1 << 16  # characters hashed in one numpy pass (a token longer than this is cut)
#: odd multipliers combining the token hashes of one shingle (fixed: signatures are stored)
_KGRAM = np.array(
    [0x9E3779B97F4A7C15, 0xBF58476D1CE4E5B9, 0x94D049BB133111EB, 0xD6E8FEB86659FD93,
     0xA0761D6478BD642F, 0xE7037ED1A0B428DB, 0x8EBC6AF09C88C6E3, 0x589965CC75374CC3],
    dtype=np.uint64,
)  # fmt: skip


@cache
def _class_table() -> npt.NDArray[np.uint8]:
    """Token class of every BMP code point: other (0), word (1) or CJK (2)."""
    bmp = "".join(" " if 0xD800 <= c < 0xE000 else chr(c) for c in range(0x10000))
    table = np.zeros(0x10000, dtype=np.uint8)
    table[[m.start() for m in re.finditer(r"[^\W_]", bmp)]] = _WORD
    for lo, hi in _CJK_RANGES:
        table[lo : hi + 1] = _CJK
    return table


@cache
def _powers() -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.uint64]]:
    """P^(i+1) and P^-i modulo 2^64 for i < _WINDOW (P is odd, so it has an inverse)."""
    with np.errstate(over="ignore"):
        up = np.cumprod(np.full(_WINDOW, _POLY, dtype=np.uint64), dtype=np.uint64)
        down = np.ones(_WINDOW, dtype=np.uint64)
        inverse = np.uint64(pow(int(_POLY), -1, 1 << 64))
        down[1:] = np.cumprod(np.full(_WINDOW - 1, inverse, dtype=np.uint64), dtype=np.uint64)
    return up, down


def _mostly_cjk(classes: npt.NDArray[np.uint8], n_tokens: int) -> bool:
    return n_tokens > 0 and int(np.count_nonzero(classes == _CJK)) >= CJK_SHARE * n_tokens


def _code_points(text: str) -> npt.NDArray[np.uint32]:
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")


def _classes(cp: npt.NDArray[np.uint32]) -> npt.NDArray[np.uint8]:
    """Token class of each code point; outside the BMP only Han extensions count (as CJK)."""
    classes = _class_table().take(cp.astype(np.intp), mode="clip")  # U+FFFF is "other"
    if cp.size and int(cp.max()) > 0xFFFF:
        astral = cp > 0xFFFF
        classes[astral] = np.where((cp[astral] >= 0x20000) & (cp[astral] < 0x40000), _CJK, 0)
    return classes


def _token_starts(classes: npt.NDArray[np.uint8]) -> npt.NDArray[np.bool_]:
    word = classes == _WORD
    starts = classes == _CJK
    if word.size:
        starts[0] |= word[0]
        starts[1:] |= word[1:] & ~word[:-1]
    return starts


def fmix64(values: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]:
    """The 64-bit MurmurHash3 finalizer (a bijection that spreads every input bit)."""
    values = values ^ (values >> np.uint64(33))
    values *= _M64[0]
    values ^= values >> np.uint64(33)
    values *= _M64[1]
    values ^= values >> np.uint64(33)
    return values


def _token_hashes(
    cp: npt.NDArray[np.uint32], classes: npt.NDArray[np.uint8], starts: npt.NDArray[np.bool_]
) -> npt.NDArray[np.uint64]:
    """One 64-bit hash per token: Σ (code point + 1) × P^(place in token + 1), mixed.

    Texts longer than _WINDOW characters are hashed window by window, cut between tokens.
    """
    begins = np.flatnonzero(starts)
    if cp.size <= _WINDOW:
        return _window_hashes(cp, classes, begins)
    parts = []
    lo = 0
    while lo < begins.size:
        base = int(begins[lo])
        hi = max(lo + 1, int(np.searchsorted(begins, base + _WINDOW, side="right")) - 1)
        end = min(int(begins[hi]) if hi < begins.size else cp.size, base + _WINDOW)
        parts.append(_window_hashes(cp[base:end], classes[base:end], begins[lo:hi] - base))
        lo = hi
    return np.concatenate(parts)


def _window_hashes(
    cp: npt.NDArray[np.uint32], classes: npt.NDArray[np.uint8], begins: npt.NDArray[np.intp]
) -> npt.NDArray[np.uint64]:
    # a polynomial over the whole window, summed per token, then shifted to the token start
    up, down = _powers()
    values = np.where(classes, cp + np.uint32(1), np.uint32(0)).astype(np.uint64)
    values *= up[: cp.size]
    sums = np.add.reduceat(values, begins)
    sums *= down[begins]
    return fmix64(sums)


def _kgram_hashes(tokens: npt.NDArray[np.uint64], size: int) -> npt.NDArray[np.uint32]:
    count = tokens.size - size + 1
    combined = tokens[:count] * _KGRAM[0]
    for j in range(1, size):
        combined += tokens[j : j + count] * _KGRAM[j]
    return (fmix64(combined) >> np.uint64(32)).astype(np.uint32)
