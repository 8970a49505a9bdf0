"""MinHash signatures (sinoscope.dedupe.signatures)."""

from __future__ import annotations

import hashlib

import numpy as np
import pytest
from datasketch import MinHash

from sinoscope.dedupe import (
    DedupeOptions,
    content_hash,
    fingerprint,
    is_empty,
    minhash,
    shingles,
    signature,
    signature_from_bytes,
    signature_to_bytes,
    similarity,
)

STABLE_DIGEST = "44d62bb1e0eb8c24"  # sha256 of the bytes of signature(TEXT), version 1
TEXT = (
    "The Ministry of Industry and Information Technology said the country had more than "
    "4,500 artificial intelligence companies, and that the core industry was worth close to "
    "600 billion yuan last year."
)


@pytest.mark.parametrize("num_perm", [16, 128, 256])
@pytest.mark.parametrize(
    "text", [TEXT, "人工智能企业数量超过4500家，核心产业规模接近6000亿元。", "x"]
)
def test_equals_datasketch_minhash(text: str, num_perm: int) -> None:
    hashes = shingles(text)
    reference = MinHash(num_perm=num_perm, hashfunc=int)
    reference.update_batch(hashes.tolist())
    assert np.array_equal(signature(text, num_perm=num_perm), reference.hashvalues)


def test_large_sets_are_permuted_in_chunks_with_the_same_result() -> None:
    hashes = np.random.default_rng(1).integers(0, 2**32, 20_000, dtype=np.uint64).astype(np.uint32)
    reference = MinHash(num_perm=64, hashfunc=int)
    reference.update_batch(hashes.tolist())
    assert np.array_equal(minhash(hashes, 64), reference.hashvalues)


def test_similarity_estimates_jaccard() -> None:
    rng = np.random.default_rng(7)
    pool = rng.choice(2**32, 3000, replace=False).astype(np.uint32)
    a, b = pool[:1000], pool[400:1400]  # 600 shared of 1400: J = 0.4286
    estimate = similarity(minhash(a), minhash(b))
    assert abs(estimate - 600 / 1400) < 0.1
    assert similarity(minhash(a), minhash(a)) == 1.0
    assert similarity(minhash(a), minhash(pool[2000:])) < 0.05


def test_empty_text_has_an_empty_signature_that_matches_nothing() -> None:
    empty = signature("")
    assert is_empty(empty)
    assert not is_empty(signature(TEXT))
    assert similarity(empty, signature("!!")) == 0.0


def test_signature_is_stable_across_versions() -> None:
    # stored signatures rely on shingling and permutations never changing silently
    digest = hashlib.sha256(signature_to_bytes(signature(TEXT))).hexdigest()[:16]
    assert digest == STABLE_DIGEST


def test_bytes_round_trip_and_checks() -> None:
    sig = signature(TEXT)
    data = signature_to_bytes(sig)
    assert len(data) == 4 + 4 * 128
    back = signature_from_bytes(data, 128)
    assert back.dtype == np.uint32 and np.array_equal(back, sig)
    with pytest.raises(ValueError, match="recompute"):
        signature_from_bytes(b"XXXX" + data[4:])
    with pytest.raises(ValueError, match="minhash_permutations"):
        signature_from_bytes(data, 64)


def test_fingerprint_is_hash_and_signature_in_one_pass() -> None:
    fp = fingerprint(TEXT, "en")
    assert fp.content_hash == content_hash(TEXT)
    assert np.array_equal(fp.signature, signature(TEXT, "en"))
    options = DedupeOptions(num_perm=64, word_shingle=2)
    small = fingerprint(TEXT, "en", options)
    assert np.array_equal(small.signature, signature(TEXT, "en", 64, word_size=2))


def test_mismatched_signatures_cannot_be_compared() -> None:
    with pytest.raises(ValueError, match="num_perm"):
        similarity(signature(TEXT, num_perm=64), signature(TEXT))
