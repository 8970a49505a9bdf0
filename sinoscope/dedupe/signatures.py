"""MinHash signatures of shingle sets, and their bytes form for the store.

`minhash` is datasketch's MinHash (2.x, default "affine32" scheme, seed 1) computed with
numpy over a whole array of shingle hashes at once: each hash is pre-mixed with the 32-bit
MurmurHash3 finalizer, then permuted by `a·h + b mod 2³²` with odd `a`; the signature keeps
the minimum per permutation. It equals `datasketch.MinHash(num_perm, hashfunc=int)` updated
with the same hashes (a test checks this), so datasketch's LSH classes accept our signatures.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
import numpy.typing as npt

from .options import DedupeOptions
from .text import CHAR_SHINGLE, WORD_SHINGLE, hash_normalized, normalize_text, shingle_hashes

__all__ = [
    "EMPTY",
    "Fingerprint",
    "Signature",
    "fingerprint",
    "is_empty",
    "minhash",
    "signature",
    "signature_from_bytes",
    "signature_to_bytes",
    "similarity",
]

Signature = npt.NDArray[np.uint32]

EMPTY = np.uint32(0xFFFFFFFF)  #: every value of the signature of a text without tokens
_SEED = 1  # datasketch's default seed
_MAGIC = b"SMH1"  # Sinoscope MinHash, version 1 of the shingling and permutation scheme
_CHUNK = 4096  # shingles permuted at once (bounds the temporary array to 2 MB at 128 perms)
_M32 = (np.uint32(0x85EBCA6B), np.uint32(0xC2B2AE35))


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """What dedupe needs of a text: its content hash and its MinHash signature."""

    content_hash: str
    signature: Signature


@cache
def _permutations(num_perm: int) -> tuple[Signature, Signature]:
    if not 1 <= num_perm <= 0xFFFF:
        raise ValueError(f"num_perm must be between 1 and 65535, got {num_perm}; 128 is usual")
    gen = np.random.RandomState(_SEED)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a, b


def minhash(hashes: npt.NDArray[np.uint32], num_perm: int = 128) -> Signature:
    """The MinHash signature (uint32, `num_perm` values) of a set of 32-bit hashes.

    Repeats in `hashes` do not matter. An empty set gives a signature of all EMPTY.
    """
    a, b = _permutations(num_perm)
    out = np.full(num_perm, EMPTY, dtype=np.uint32)
    values = np.asarray(hashes, dtype=np.uint32)
    if values.size == 0:
        return out
    values = values ^ (values >> np.uint32(16))
    values *= _M32[0]
    values ^= values >> np.uint32(13)
    values *= _M32[1]
    values ^= values >> np.uint32(16)
    block = np.empty((min(values.size, _CHUNK), num_perm), dtype=np.uint32)
    for start in range(0, values.size, _CHUNK):
        chunk = values[start : start + _CHUNK]
        rows = block[: chunk.size]
        np.multiply(chunk[:, None], a, out=rows)
        rows += b
        np.minimum(out, rows.min(axis=0), out=out)
    return out


def signature(
    text: str,
    language: str | None = None,
    num_perm: int = 128,
    *,
    word_size: int = WORD_SHINGLE,
    char_size: int = CHAR_SHINGLE,
) -> Signature:
    """The MinHash signature of the shingles of `text` (see `sinoscope.dedupe.text`)."""
    return minhash(shingle_hashes(normalize_text(text), language, word_size, char_size), num_perm)


def fingerprint(
    text: str, language: str | None = None, options: DedupeOptions | None = None
) -> Fingerprint:
    """Content hash and signature of `text` with the options' shingle sizes and num_perm,
    normalising the text once. This is what the pipeline computes for each document."""
    opts = options or DedupeOptions()
    normalized = normalize_text(text)
    hashes = shingle_hashes(normalized, language, opts.word_shingle, opts.char_shingle)
    return Fingerprint(hash_normalized(normalized), minhash(hashes, opts.num_perm))


def similarity(a: Signature, b: Signature) -> float:
    """Estimated Jaccard similarity of the shingle sets behind two signatures (0 if empty)."""
    if a.shape != b.shape:
        raise ValueError(
            f"signatures of {a.size} and {b.size} permutations cannot be compared; "
            "recompute them with the same num_perm"
        )
    if is_empty(a) or is_empty(b):
        return 0.0
    return float(np.count_nonzero(a == b)) / a.size


def is_empty(sig: Signature) -> bool:
    """True for the signature of a text without tokens."""
    return bool(np.all(sig == EMPTY))


def signature_to_bytes(sig: Signature) -> bytes:
    """A 4-byte version tag, then the values as little-endian uint32."""
    return _MAGIC + np.asarray(sig, dtype="<u4").tobytes()


def signature_from_bytes(data: bytes, num_perm: int | None = None) -> Signature:
    """The signature stored by `signature_to_bytes`; checks the tag and, if given, the size."""
    if data[: len(_MAGIC)] != _MAGIC or (len(data) - len(_MAGIC)) % 4:
        raise ValueError(
            "not a Sinoscope MinHash signature (version 1); recompute it with "
            "sinoscope.dedupe.signature() from the document text"
        )
    sig = np.frombuffer(data, dtype="<u4", offset=len(_MAGIC)).astype(np.uint32)
    if num_perm is not None and sig.size != num_perm:
        raise ValueError(
            f"stored signature has {sig.size} permutations, expected {num_perm}; recompute "
            "signatures after changing minhash_permutations"
        )
    return sig
