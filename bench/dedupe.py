"""Benchmark the dedupe stage on synthetic documents with planted near duplicates.

    .venv/bin/python bench/dedupe.py [--docs 100000] [--workers 2] [--data /work/shared/data]

A seeded generator writes English-like text (pseudo-words with a Zipf distribution, topic
words and entity names) and Chinese-like text (words from jieba's dictionary, by frequency),
300–1500 tokens / 500–2000 characters. Planted families: an original plus near duplicates
from the same outlet (1–10% of tokens changed, sentences swapped, a boilerplate line added),
wire copies by other outlets (same body plus the outlet's line, some lightly edited) and
exact copies (other whitespace, case, full-width punctuation). Hard negatives: documents
sharing a long template passage (80–300 tokens) with different bodies, and follow-up stories
that reuse 20–40% of an earlier story's sentences. Documents arrive in random order.

Timed: the full path per document (canonical URL → id, normalise → content hash → shingles →
MinHash, in `--workers` processes; index add in the main process). Reported: time, docs/s,
peak RSS, pair precision and recall (pairs planted in one family vs pairs put in one group),
link accuracy (target and kind of each planted copy), and datasketch's MinHashLSH used plainly
(its own parameters, candidates accepted unverified) on the same signatures. `--data` adds
real-text checks (ECB+ same-topic stories of different events must not be grouped; planted
edits of real English and Chinese texts must be). The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import os
import re
import resource
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import partial
from multiprocessing import get_context
from multiprocessing.pool import Pool
from pathlib import Path
from typing import Any

import numpy as np

from sinoscope.dedupe import (
    DedupeItem,
    DedupeOptions,
    NearDuplicateIndex,
    canonical_url,
    document_id,
    fingerprint,
    normalize_text,
    signature_from_bytes,
    signature_to_bytes,
)

EN_FUNCTION = (
    "the of and to in a is that for on with as by was said it at from its has be are have "
    "will this which an not but after would their also more than been were they had new "
    "over two one who about year he percent into million billion while other could"
).split()
ONSETS = ["", "b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v"]
ONSETS += ["w", "z", "br", "ch", "cl", "cr", "dr", "fl", "gr", "pl", "pr", "sh", "st", "th"]
VOWELS = ["a", "e", "i", "o", "u", "ai", "ea", "ee", "io", "ou", "ia"]
CODAS = ["", "", "", "n", "r", "s", "t", "l", "m", "nd", "st", "ng", "ck", "x"]
CJK_WORD = re.compile(r"^[\u4e00-\u9fff]+$")


# ------------------------------------------------------------------------------ language
@dataclass
class Lang:
    code: str
    words: np.ndarray  # object array of str
    cdf: np.ndarray
    topics: list[np.ndarray]  # topic word ids
    mean_len: float  # characters per word

    def sample(self, rng: np.random.Generator, n: int) -> np.ndarray:
        return np.minimum(np.searchsorted(self.cdf, rng.random(n)), len(self.words) - 1)

    def body(self, rng: np.random.Generator, topic: int, target: int) -> list[np.ndarray]:
        """Sentences of token ids; `target` is tokens (en) or characters (zh)."""
        n = target if self.code == "en" else round(target / self.mean_len)
        ids = self.sample(rng, n)
        from_topic = rng.random(n) < 0.2
        ids[from_topic] = rng.choice(self.topics[topic], int(from_topic.sum()))
        lo, hi = (8, 30) if self.code == "en" else (8, 24)
        cuts = np.cumsum(rng.integers(lo, hi + 1, n // lo + 2))
        cuts = cuts[cuts < n]
        return [s for s in np.split(ids, cuts) if s.size]

    def render(self, sentences: list[np.ndarray], variant: int = 0) -> str:
        """Text of sentences; variant 1 spaces, cases and punctuates differently (exact copy)."""
        ids = np.concatenate(sentences)
        ends = np.cumsum([s.size for s in sentences]) - 1
        tokens = self.words[ids]  # a new object array
        if self.code == "en":
            if variant:
                starts = np.concatenate([[0], ends[:-1] + 1])[::3]
                tokens[starts] = [t.upper() for t in tokens[starts]]
            tokens[ends] = tokens[ends] + "."
            breaks = ends[1::2] if variant else ends[3::4]
            tokens[breaks] = tokens[breaks] + ("  \n" if variant else "\n\n")
            return " ".join(tokens.tolist())
        commas = np.flatnonzero(ids % 9 == 0)
        tokens[commas] = tokens[commas] + ("," if variant else "，")
        tokens[ends] = tokens[ends] + "。"
        breaks = ends[1::2] if variant else ends[2::3]
        tokens[breaks] = tokens[breaks] + ("\n\n" if variant else "\n")
        return "".join(tokens.tolist()).strip()


def english(rng: np.random.Generator, size: int = 40_000, topics: int = 300) -> Lang:
    words = list(EN_FUNCTION)
    seen = set(words)
    while len(words) < size:
        n = int(rng.integers(1, 4))
        w = "".join(
            ONSETS[rng.integers(len(ONSETS))]
            + VOWELS[rng.integers(len(VOWELS))]
            + CODAS[rng.integers(len(CODAS))]
            for _ in range(n)
        )
        if len(w) > 1 and w not in seen:
            seen.add(w)
            words.append(w)
    numbers = [f"{rng.integers(1, 999)},{rng.integers(100, 999)}" for _ in range(300)]
    numbers += [str(y) for y in range(1990, 2036)]
    entities = [w.capitalize() for w in words[5000:8000]]
    vocab = np.array(words[:5000] + numbers + entities + words[8000:], dtype=object)
    weights = 1.0 / (np.arange(len(vocab)) + 2.7) ** 1.05
    return _lang("en", vocab, weights, rng, topics)


def chinese(rng: np.random.Generator, size: int = 50_000, topics: int = 300) -> Lang:
    import jieba  # its dictionary gives real Chinese words and frequencies

    rows = []
    with open(Path(jieba.__file__).with_name("dict.txt"), encoding="utf-8") as f:
        for line in f:
            word, freq, *_ = line.split()
            if CJK_WORD.match(word):
                rows.append((int(freq), word))
    rows.sort(reverse=True)
    rows = rows[:size]
    vocab = np.array([w for _, w in rows], dtype=object)
    weights = np.array([f for f, _ in rows], dtype=float)
    return _lang("zh", vocab, weights, rng, topics)


def _lang(code: str, vocab: np.ndarray, weights: np.ndarray, rng: Any, n_topics: int) -> Lang:
    p = weights / weights.sum()
    topics = [rng.integers(300, min(len(vocab), 20_000), 150) for _ in range(n_topics)]
    mean_len = float((p * np.array([len(w) for w in vocab])).sum())
    return Lang(code, vocab, np.cumsum(p), topics, mean_len)


# -------------------------------------------------------------------------------- corpus
@dataclass(slots=True)
class Synth:
    url: str
    source: str | None
    published: datetime | None
    language: str | None
    text: str
    family: int
    kind: str
    parent: int = -1  # index of the planted original for copies


def edit(lang: Lang, rng: np.random.Generator, body: list[np.ndarray], p: float) -> list:
    flat = np.concatenate(body)
    mask = rng.random(flat.size) < p
    flat[mask] = lang.sample(rng, int(mask.sum()))
    return np.split(flat, np.cumsum([s.size for s in body])[:-1])


def reorder(rng: np.random.Generator, body: list[np.ndarray]) -> list[np.ndarray]:
    body = list(body)
    for _ in range(int(rng.integers(1, 4))):
        if len(body) > 2:
            i = int(rng.integers(0, len(body) - 1))
            body[i], body[i + 1] = body[i + 1], body[i]
    return body


def generate(n_docs: int, seed: int) -> list[Synth]:
    rng = np.random.default_rng(seed)
    langs = {"en": english(rng), "zh": chinese(rng)}
    outlets = [f"outlet-{i}" for i in range(200)]
    wires = [f"wire-{i}" for i in range(6)]
    lines = {  # each outlet's boilerplate line, per language
        (o, code): [lang.sample(rng, int(rng.integers(12, 30)))]
        for o in outlets + wires
        for code, lang in langs.items()
    }
    templates = {
        code: [
            lang.body(
                rng,
                int(rng.integers(300)),
                int(rng.integers(80, 300) * (lang.mean_len * 1.6 if code == "zh" else 1)),
            )
            for _ in range(200)
        ]
        for code, lang in langs.items()
    }
    start = datetime(2025, 1, 1, tzinfo=UTC)
    docs: list[Synth] = []
    bodies: dict[int, tuple[str, int, list[np.ndarray]]] = {}

    def new_doc(
        kind: str,
        code: str,
        source: str | None,
        when: datetime | None,
        body: list[np.ndarray],
        family: int,
        parent: int = -1,
        variant: int = 0,
    ) -> int:
        tag = code if rng.random() < 0.8 else None
        path = f"/{code}/{len(docs)}.html"
        url = f"https://{source or 'unknown'}.example{path}"
        if rng.random() < 0.3:
            url += "?utm_source=feed&utm_medium=rss&spm=a1.b2"
        text = langs[code].render(body, variant)
        docs.append(Synth(url, source, when, tag, text, family, kind, parent))
        return len(docs) - 1

    def length(code: str) -> int:
        return int(rng.integers(300, 1501)) if code == "en" else int(rng.integers(500, 2001))

    n_families = round(0.13 * n_docs)
    while len(docs) < n_docs:
        code = "en" if rng.random() < 0.5 else "zh"
        lang = langs[code]
        topic = int(rng.integers(300))
        when = start + timedelta(minutes=int(rng.integers(0, 30 * 24 * 60)))
        family = len(docs)
        roll = rng.random()
        if n_families > 0:  # an original with planted copies
            n_families -= 1
            wire = rng.random() < 0.5
            source = wires[rng.integers(len(wires))] if wire else outlets[rng.integers(200)]
            body = lang.body(rng, topic, length(code))
            orig = new_doc("original", code, source, when, body, family)
            bodies[orig] = (code, topic, body)
            n_copies = int(rng.choice([1, 1, 1, 2, 2, 3, 3, 4, 5, 8]))
            for _ in range(min(n_copies, n_docs - len(docs))):
                later = when + timedelta(minutes=int(rng.integers(5, 48 * 60)))
                later_or_none = None if rng.random() < 0.1 else later
                other = outlets[rng.integers(200)]
                while other == source:
                    other = outlets[rng.integers(200)]
                kinds = ["near_dup", "wire", "wire_edited", "exact"]
                kind = kinds[rng.choice(4, p=[0.35, 0.35, 0.15, 0.15])]
                copy_source: str | None = source if kind == "near_dup" else other
                if kind == "exact" and rng.random() < 0.5:
                    copy_source = source
                if rng.random() < 0.05:
                    copy_source = None
                if kind == "exact":
                    new_doc("exact", code, copy_source, later_or_none, body, family, orig, 1)
                    continue
                copy = body
                if kind in ("near_dup", "wire_edited"):
                    copy = edit(lang, rng, copy, float(rng.uniform(0.01, 0.10)))
                    if rng.random() < 0.35:
                        copy = reorder(rng, copy)
                elif rng.random() < 0.3:
                    copy = edit(lang, rng, copy, float(rng.uniform(0.0, 0.02)))
                if kind != "near_dup" or rng.random() < 0.35:
                    line = lines[(copy_source or other, code)]
                    copy = line + copy if rng.random() < 0.5 else copy + line
                new_doc(kind, code, copy_source, later_or_none, copy, family, orig)
        elif roll < 0.27:  # hard negative: a template passage and a body of its own
            template = templates[code][rng.integers(200)]
            body = lang.body(rng, topic, length(code))
            body = template + body if rng.random() < 0.5 else body + template
            new_doc("template", code, outlets[rng.integers(200)], when, body, family)
        elif roll < 0.36 and bodies:  # hard negative: a follow-up reusing 20–40% sentences
            keys = list(bodies)
            prev_code, prev_topic, prev = bodies[keys[rng.integers(len(keys))]]
            keep = [s for s in prev if rng.random() < rng.uniform(0.2, 0.4)]
            fresh = langs[prev_code].body(rng, prev_topic, length(prev_code))
            body = keep + fresh[: max(1, len(fresh) - len(keep))]
            new_doc("followup", prev_code, outlets[rng.integers(200)], when, body, family)
        else:
            body = lang.body(rng, topic, length(code))
            idx = new_doc("single", code, outlets[rng.integers(200)], when, body, family)
            if len(bodies) < 5000:
                bodies[idx] = (code, topic, body)
    order = rng.permutation(len(docs))
    remap = {int(old): new for new, old in enumerate(order)}
    shuffled = [docs[i] for i in order]
    for d in shuffled:
        if d.parent >= 0:
            d.parent = remap[d.parent]
    return shuffled


# ------------------------------------------------------------------------------- running
def fingerprint_batch(
    batch: list[tuple[str, str, str | None]], options: DedupeOptions
) -> list[tuple[str, str, bytes]]:
    out = []
    for url, text, language in batch:
        fp = fingerprint(text, language, options)
        out.append(
            (document_id(canonical_url(url)), fp.content_hash, signature_to_bytes(fp.signature))
        )
    return out


def run(docs: list[Synth], options: DedupeOptions, pool: Pool | None) -> dict[str, Any]:
    """The timed path; `pool` (forked before the corpus existed) fingerprints, we add."""
    index = NearDuplicateIndex(options)
    batches = [
        [(d.url, d.text, d.language) for d in docs[i : i + 200]] for i in range(0, len(docs), 200)
    ]
    work = partial(fingerprint_batch, options=options)
    items: list[DedupeItem] = []
    add_time = 0.0
    t0 = time.perf_counter()
    cpu0 = time.process_time() + _children_cpu()
    results = pool.imap(work, batches) if pool else map(work, batches)
    for result in results:
        for doc_id, chash, sig_bytes in result:
            d = docs[len(items)]
            sig = signature_from_bytes(sig_bytes, options.num_perm)
            items.append(DedupeItem(doc_id, d.source, d.published, chash, sig))
            t = time.process_time()
            index.add(items[-1])
            add_time += time.process_time() - t
    elapsed = time.perf_counter() - t0
    if pool:
        pool.close()
        pool.join()  # so that the workers' CPU time is counted
    cpu = time.process_time() + _children_cpu() - cpu0
    return {
        "index": index,
        "items": items,
        "seconds": elapsed,
        "cpu_seconds": cpu,
        "add_cpu_seconds": add_time,
    }


def evaluate(docs: list[Synth], items: list[DedupeItem], index: NearDuplicateIndex) -> dict:
    """Pair scores, link accuracy, hard negatives wrongly grouped, recall per copy kind."""
    position = {it.id: i for i, it in enumerate(items)}
    families = [d.family for d in docs]
    groups = [[position[m] for m in g] for g in index.groups(min_size=2)]
    group_of = {i: k for k, g in enumerate(groups) for i in g}
    wrongly_grouped = sum(
        1
        for i, d in enumerate(docs)
        if d.kind in ("template", "followup")
        and i in group_of
        and any(families[j] != d.family for j in groups[group_of[i]])
    )
    found: Counter[str] = Counter()
    planted: Counter[str] = Counter()
    for i, d in enumerate(docs):
        if d.parent >= 0:
            planted[d.kind] += 1
            found[d.kind] += i in group_of and group_of[i] == group_of.get(d.parent)
    return {
        **_rounded(pair_scores(families, groups)),
        "link_accuracy": round(link_accuracy(docs, [it.id for it in items], index), 4),
        "hard_negatives_wrongly_grouped": wrongly_grouped,
        "copy_found_by_kind": {k: round(found[k] / planted[k], 4) for k in sorted(planted)},
    }


def sweep(
    docs: list[Synth], items: list[DedupeItem], options: DedupeOptions, thresholds: list[float]
) -> list[dict[str, Any]]:
    """Index the same signatures at other thresholds (index time and quality only)."""
    rows = []
    for threshold in thresholds:
        opts = dataclasses.replace(options, threshold=threshold)
        index = NearDuplicateIndex(opts)
        t = time.process_time()
        index.load(items)
        seconds = time.process_time() - t
        quality = evaluate(docs, items, index)
        rows.append(
            {
                "threshold": threshold,
                "bands_rows": list(opts.lsh),
                "index_cpu_seconds": round(seconds, 1),
                **quality,
            }
        )
        print(
            f"threshold {threshold}: LSH {opts.lsh[0]}×{opts.lsh[1]}, index {seconds:.1f} s CPU, "
            f"precision {quality['precision']:.4f}, recall {quality['recall']:.4f}, "
            f"link accuracy {quality['link_accuracy']}, copies found "
            + ", ".join(f"{k} {v:.3f}" for k, v in quality["copy_found_by_kind"].items())
        )
    return rows


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def pair_scores(families: list[int], groups: Iterable[list[int]]) -> dict[str, float]:
    """Pair precision/recall of `groups` (lists of doc positions) against family labels."""
    true_pairs = sum(c * (c - 1) // 2 for c in Counter(families).values())
    predicted = hits = 0
    for g in groups:
        predicted += len(g) * (len(g) - 1) // 2
        hits += sum(c * (c - 1) // 2 for c in Counter(families[i] for i in g).values())
    return {
        "true_pairs": true_pairs,
        "predicted_pairs": predicted,
        "correct_pairs": hits,
        "precision": hits / predicted if predicted else 1.0,
        "recall": hits / true_pairs if true_pairs else 1.0,
    }


def link_accuracy(docs: list[Synth], ids: list[str], index: NearDuplicateIndex) -> float:
    good = total = 0
    for i, d in enumerate(docs):
        if d.parent < 0:
            continue
        total += 1
        orig = docs[d.parent]
        link = index.verdict_for(ids[i]).link
        if d.kind == "exact":
            expected = "duplicate"
        elif d.source and orig.source and d.source != orig.source:
            expected = "syndicated"
        else:
            expected = "near_duplicate"
        good += link.target == ids[d.parent] and link.kind == expected
    return good / total if total else 1.0


def datasketch_plain(sigs: list[np.ndarray], families: list[int], options: DedupeOptions) -> dict:
    """MinHashLSH with its own parameters; every candidate joins the group, unverified."""
    from datasketch import MinHash, MinHashLSH

    t0 = time.perf_counter()
    lsh = MinHashLSH(threshold=options.threshold, num_perm=options.num_perm)
    holder = MinHash(num_perm=options.num_perm)
    parent = list(range(len(sigs)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, sig in enumerate(sigs):
        holder.hashvalues = sig
        for j in lsh.query(holder):
            parent[find(j)] = find(i)
        lsh.insert(i, holder, check_duplication=False)
    seconds = time.perf_counter() - t0
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(sigs)):
        groups[find(i)].append(i)
    scores = pair_scores(families, groups.values())
    return {"seconds": round(seconds, 2), "bands_rows": [lsh.b, lsh.r], **_rounded(scores)}


def signature_speeds(docs: list[Synth], options: DedupeOptions, n: int = 1000) -> dict:
    """Docs/s in one process on the same documents: our `fingerprint`, and the textbook path
    (normalise, shingle strings, datasketch MinHash with SHA-1 per shingle)."""
    from datasketch import MinHash

    sample = docs[:n]
    t0 = time.perf_counter()
    for d in sample:
        fingerprint(d.text, d.language, options)
    ours = len(sample) / (time.perf_counter() - t0)
    t0 = time.perf_counter()
    for d in sample:
        text = normalize_text(d.text)
        if "/zh/" in d.url:
            toks = [c for c in text if "\u4e00" <= c <= "\u9fff"]
            k = options.char_shingle
        else:
            toks = re.findall(r"\w+", text)
            k = options.word_shingle
        m = MinHash(num_perm=options.num_perm)
        m.update_batch(" ".join(toks[i : i + k]).encode() for i in range(len(toks) - k + 1))
    naive = len(sample) / (time.perf_counter() - t0)
    return {"fingerprint_docs_per_s": round(ours), "datasketch_sha1_docs_per_s": round(naive)}


def _rounded(d: dict[str, float]) -> dict[str, float]:
    return {k: round(v, 4) if isinstance(v, float) else v for k, v in d.items()}


def peak_rss_mb() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--workers", type=int, default=min(2, os.cpu_count() or 1))
    ap.add_argument("--threshold", type=float, default=DedupeOptions().threshold)
    ap.add_argument("--num-perm", type=int, default=DedupeOptions().num_perm)
    ap.add_argument("--word-shingle", type=int, default=DedupeOptions().word_shingle)
    ap.add_argument("--char-shingle", type=int, default=DedupeOptions().char_shingle)
    ap.add_argument("--no-baseline", action="store_true", help="skip the datasketch runs")
    ap.add_argument("--data", type=Path, help="the evaluation data folder (/work/shared/data)")
    ap.add_argument(
        "--sweep",
        type=lambda v: [float(x) for x in v.split(",")],
        default=[],
        help="other thresholds to score on the same signatures, e.g. 0.4,0.6,0.8",
    )
    args = ap.parse_args(argv)
    options = DedupeOptions(
        threshold=args.threshold,
        num_perm=args.num_perm,
        word_shingle=args.word_shingle,
        char_shingle=args.char_shingle,
    )

    # fork the workers before the corpus exists, so that their memory is their own
    pool = get_context("fork").Pool(args.workers) if args.workers > 1 else None
    t0 = time.perf_counter()
    docs = generate(args.docs, args.seed)
    gen_seconds = time.perf_counter() - t0
    kinds = Counter(d.kind for d in docs)
    rss_corpus, _ = peak_rss_mb()
    print(
        f"generated {len(docs):,} documents in {gen_seconds:.1f} s: "
        + ", ".join(f"{k} {v:,}" for k, v in sorted(kinds.items()))
    )
    print(
        f"options: threshold {options.threshold}, {options.num_perm} permutations, "
        f"LSH {options.lsh[0]} bands × {options.lsh[1]} rows, shingles: word "
        f"{options.word_shingle}, char {options.char_shingle}; workers {args.workers}"
    )

    out = run(docs, options, pool)
    index: NearDuplicateIndex = out["index"]
    items: list[DedupeItem] = out["items"]
    rss_self, rss_children = peak_rss_mb()
    quality = evaluate(docs, items, index)
    stats = index.stats
    result: dict[str, Any] = {
        "docs": len(docs),
        "seconds": round(out["seconds"], 2),
        "docs_per_s": round(len(docs) / out["seconds"]),
        "cpu_seconds": round(out["cpu_seconds"], 1),
        "index_add_cpu_seconds": round(out["add_cpu_seconds"], 2),
        "peak_rss_mb": round(rss_self),
        "rss_after_corpus_mb": round(rss_corpus),
        "worker_peak_rss_mb": round(rss_children),
        **quality,
        "groups": stats.groups,
        "candidates_checked": stats.candidates_checked,
        "threshold": options.threshold,
        "num_perm": options.num_perm,
        "bands": options.lsh[0],
        "rows": options.lsh[1],
        "word_shingle": options.word_shingle,
        "char_shingle": options.char_shingle,
        "workers": args.workers,
        "generate_seconds": round(gen_seconds, 1),
    }
    print(
        f"full path: {out['seconds']:.1f} s wall ({result['docs_per_s']:,} docs/s), "
        f"{out['cpu_seconds']:.1f} s CPU over all processes (index add "
        f"{out['add_cpu_seconds']:.1f} s); peak RSS {rss_self:.0f} MB (corpus alone "
        f"{rss_corpus:.0f} MB), worker peak {rss_children:.0f} MB"
    )
    print(
        f"pairs: precision {quality['precision']:.4f}, recall {quality['recall']:.4f} "
        f"({quality['correct_pairs']:,} of {quality['true_pairs']:,} planted pairs; "
        f"{quality['predicted_pairs']:,} predicted); link accuracy {quality['link_accuracy']}; "
        f"hard negatives wrongly grouped {quality['hard_negatives_wrongly_grouped']}; "
        f"{stats.candidates_checked:,} candidates verified"
    )
    print(
        "copies grouped with their original: "
        + ", ".join(f"{k} {v:.4f}" for k, v in quality["copy_found_by_kind"].items())
    )
    if args.sweep:
        result["sweep"] = sweep(docs, items, options, args.sweep)
    if not args.no_baseline:
        families = [d.family for d in docs]
        plain = datasketch_plain([it.signature for it in items], families, options)
        speeds = signature_speeds(docs, options)
        result["datasketch_lsh"] = plain
        result["signature_speed"] = speeds
        print(
            f"datasketch MinHashLSH plain ({plain['bands_rows'][0]} bands × "
            f"{plain['bands_rows'][1]} rows, unverified): {plain['seconds']} s for insert+query,"
            f" precision {plain['precision']}, recall {plain['recall']}"
        )
        print(
            f"signatures in one process: fingerprint() {speeds['fingerprint_docs_per_s']:,} "
            f"docs/s; datasketch MinHash with SHA-1 per shingle string "
            f"{speeds['datasketch_sha1_docs_per_s']:,} docs/s"
        )
    if args.data:
        from_real = real_checks(args.data, options)
        result["real"] = from_real
    print(json.dumps(result))
    return 0


# ---------------------------------------------------------------------------- real texts
def real_checks(data: Path, options: DedupeOptions) -> dict[str, Any]:
    """ECB+ (en): stories of different events on one topic must stay apart; planted edits of
    real texts (ECB+, extraction-zh) must be grouped with their source."""
    from lxml import etree

    en: list[tuple[str, str]] = []  # (topic/event label, text)
    for path in sorted((data / "clustering-ecbplus" / "ECB+").glob("*/*.xml")):
        root = etree.parse(str(path)).getroot()
        plus = path.name.endswith("ecbplus.xml")
        tokens = [
            t.text or "" for t in root.iter("token") if not (plus and t.get("sentence") == "0")
        ]
        topic = path.parent.name
        en.append((f"{topic}/{'plus' if plus else 'ecb'}", " ".join(tokens)))
    zh_file = data / "extraction-zh" / "cleaned_ground.json"
    zh = [v["articleBody"] for v in json.loads(zh_file.read_text(encoding="utf-8")).values()]
    zh = [t for t in zh if len(t) >= 200]
    rng = np.random.default_rng(5)

    def add(index: NearDuplicateIndex, doc_id: str, text: str, language: str) -> None:
        fp = fingerprint(text, language, options)
        index.add(DedupeItem(doc_id, doc_id, None, fp.content_hash, fp.signature))

    index = NearDuplicateIndex(options)
    labels: dict[str, str] = {}
    for i, (label, text) in enumerate(en):
        add(index, f"en{i}", text, "en")
        labels[f"en{i}"] = label
    cross_event = same_event = 0
    for g in index.groups(min_size=2):
        for a in range(len(g)):
            for b in range(a + 1, len(g)):
                la, lb = labels[g[a]], labels[g[b]]
                if la.split("/")[0] == lb.split("/")[0] and la != lb:
                    cross_event += 1
                elif la == lb:
                    same_event += 1
    # planted edits of real texts: 1–10% of the words replaced by other words of the text
    import jieba

    jieba.setLogLevel(logging.WARNING)
    found = total = 0
    planted = NearDuplicateIndex(options)
    samples = [("en", t) for _, t in en[::4]] + [("zh", t) for t in zh]
    for i, (code, text) in enumerate(samples):
        words = re.findall(r"\w+|\W+", text) if code == "en" else jieba.lcut(text)
        p = float(rng.uniform(0.01, 0.10))
        pool = [w for w in words if w.strip()]
        edited = [
            pool[rng.integers(len(pool))] if w.strip() and rng.random() < p else w for w in words
        ]
        add(planted, f"{i}.0", text, code)
        add(planted, f"{i}.1", "".join(edited), code)
        total += 1
        found += f"{i}.0" in planted.group(f"{i}.1")
    zh_index = NearDuplicateIndex(options)
    for i, t in enumerate(zh):
        add(zh_index, f"zh{i}", t, "zh")
    zh_grouped = sum(len(g) for g in zh_index.groups(min_size=2))
    out = {
        "ecbplus_docs": len(en),
        "ecbplus_cross_event_pairs_grouped": cross_event,
        "ecbplus_same_event_pairs_grouped": same_event,
        "zh_docs": len(zh),
        "zh_docs_grouped": zh_grouped,
        "planted_real_edits": total,
        "planted_real_edits_found": found,
    }
    print(
        f"real texts: ECB+ {len(en)} docs, same-topic pairs of different events grouped "
        f"{cross_event} (should be 0), same-event pairs grouped {same_event}; "
        f"extraction-zh {len(zh)} distinct articles, {zh_grouped} grouped; planted 1–10% "
        f"edits of real texts found {found}/{total}"
    )
    return out


if __name__ == "__main__":
    sys.exit(main())
