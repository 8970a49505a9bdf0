"""The near-duplicate index: groups documents and links every member to the group original.

Rule (order-independent): two documents are joined by an edge when their content hashes are
equal, or when they share an LSH band bucket and their signatures agree on at least
`threshold` of the permutations (the estimate is checked, a bucket collision is not enough).
Groups are the connected components of these edges. A group's original is its earliest
published member (unknown dates count as latest; ties go to the smaller id). Every other
member links to the original as

- `syndicated_from` when both sources are known and differ (a wire copy republished,
  verbatim or edited);
- `duplicate_of` when its content hash equals the original's (same or unknown source);
- `near_duplicate_of` otherwise (an edited version from the same source, or unknown source —
  the `Document` docstring assigns unknown publishers to near duplicates).

Edges depend on the two documents only, so the groups, originals and links are the same
whatever order the documents arrive in, and `load` rebuilds exactly what `add` built.
Nothing is dropped: the caller stores every document with its link; a story is counted once
by counting groups. The index is not thread-safe; use one per process or guard it.
"""

from __future__ import annotations

import dataclasses
import logging
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal, TypeVar

import numpy as np

from ..errors import NotFound
from ..records import Document
from .options import DedupeOptions
from .signatures import EMPTY, Signature

__all__ = [
    "DedupeItem",
    "DedupeVerdict",
    "IndexStats",
    "Link",
    "LinkKind",
    "NearDuplicateIndex",
    "apply_link",
]

log = logging.getLogger(__name__)

LinkKind = Literal["original", "duplicate", "near_duplicate", "syndicated"]


@dataclass(frozen=True, slots=True, eq=False)
class DedupeItem:
    """What the index needs of a document (the store persists it; the signature as bytes)."""

    id: str
    source_id: str | None
    published: datetime | None
    content_hash: str
    signature: Signature

    @classmethod
    def of(cls, doc: Document, signature: Signature) -> DedupeItem:
        return cls(doc.id, doc.source_id, doc.published, doc.content_hash, signature)


@dataclass(frozen=True, slots=True)
class Link:
    """The duplicate links of one document; all None for a group original."""

    id: str
    duplicate_of: str | None = None
    near_duplicate_of: str | None = None
    syndicated_from: str | None = None
    similarity: float | None = None

    @property
    def kind(self) -> LinkKind:
        if self.duplicate_of:
            return "duplicate"
        if self.syndicated_from:
            return "syndicated"
        if self.near_duplicate_of:
            return "near_duplicate"
        return "original"

    @property
    def target(self) -> str | None:
        return self.duplicate_of or self.syndicated_from or self.near_duplicate_of


@dataclass(frozen=True, slots=True)
class DedupeVerdict:
    """The outcome of adding one document.

    `link` is the document's own link; `links` holds the links of every document whose links
    changed (the new document included, and group members re-pointed to an earlier
    original): store them all. Re-adding an unchanged document changes nothing, so `links`
    is then empty.
    """

    id: str
    link: Link
    original: str
    group_size: int
    links: tuple[Link, ...] = ()

    def link_for(self, doc_id: str) -> Link | None:
        """The link of `doc_id` if this verdict has one (always for the added document)."""
        if doc_id == self.id:
            return self.link
        return next((link for link in self.links if link.id == doc_id), None)


@dataclass(frozen=True, slots=True)
class IndexStats:
    """Counts: documents, groups (stories), linked documents, candidates verified, edges."""

    documents: int
    groups: int
    linked: int
    candidates_checked: int
    edges: int


def apply_link(doc: Document, link: Link) -> Document:
    """`doc` with the duplicate links of `link` (which must be about it)."""
    if link.id != doc.id:
        raise ValueError(f"link is about document {link.id}, not {doc.id}")
    return dataclasses.replace(
        doc,
        duplicate_of=link.duplicate_of,
        near_duplicate_of=link.near_duplicate_of,
        syndicated_from=link.syndicated_from,
        similarity=link.similarity,
    )


class NearDuplicateIndex:
    """Groups near-duplicate documents incrementally (see the module docstring)."""

    def __init__(self, options: DedupeOptions | None = None) -> None:
        self.options = options or DedupeOptions()
        self._bands, self._rows = self.options.lsh
        self._min_agree = math.ceil(self.options.threshold * self.options.num_perm - 1e-9)
        self._band_bytes = 4 * self._rows
        self._sigs = np.empty((1024, self.options.num_perm), dtype=np.uint32)
        self._ids: list[str] = []  # by slot; slots are never reused
        self._sources: list[str | None] = []  # by slot
        self._hashes: list[str] = []  # by slot
        self._order: list[tuple[float, str]] = []  # (published timestamp, id): min = original
        self._slot: dict[str, int] = {}
        self._buckets: list[dict[bytes, int | list[int]]] = [{} for _ in range(self._bands)]
        self._by_hash: dict[str, int | list[int]] = {}
        self._group: list[int] = []  # slot → group id (a member slot, first in its list)
        self._members: dict[int, list[int]] = {}  # group id → member slots (groups of 2+)
        self._original: dict[int, int] = {}  # group id → original slot (groups of 2+)
        self._links: dict[int, Link] = {}  # slot → link, for linked documents only
        self._candidates = 0
        self._edges = 0

    # ------------------------------------------------------------------------- public
    def __len__(self) -> int:
        return len(self._slot)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._slot

    def add(self, item: DedupeItem) -> DedupeVerdict:
        """Index `item` and return its verdict with every link that changed.

        Adding an id again with the same content, source and date changes nothing; with
        anything different, the old version is removed first (an updated article).
        """
        sig = np.asarray(item.signature, dtype=np.uint32)
        if sig.shape != (self.options.num_perm,):
            raise ValueError(
                f"signature of {item.id} has shape {sig.shape}, expected "
                f"({self.options.num_perm},); compute it with the index's num_perm"
            )
        updates: dict[str, Link] = {}
        old = self._slot.get(item.id)
        if old is not None:
            if (
                self._hashes[old] == item.content_hash
                and self._sources[old] == item.source_id
                and self._order[old][0] == _timestamp(item.published)
                and np.array_equal(self._sigs[old], sig)
            ):
                return self.verdict_for(item.id)
            updates = {link.id: link for link in self.remove(item.id)}
        slot = self._store(item, sig)
        others = self._edges_of(slot, sig, item.content_hash)
        if not others:  # the common case: a new story
            link = Link(item.id)
            return DedupeVerdict(item.id, link, item.id, 1, (*updates.values(), link))
        stale = self._join(slot, others)
        for link in self._relink(self._group[slot], stale, new=slot):
            updates[link.id] = link
        verdict = self.verdict_for(item.id)
        log.debug("%s joins %s's group of %d", item.id, verdict.original, verdict.group_size)
        return dataclasses.replace(verdict, links=tuple(updates.values()))

    def load(self, items: Iterable[DedupeItem]) -> int:
        """Add persisted items (at startup); returns how many were read."""
        count = 0
        for item in items:
            self.add(item)
            count += 1
        return count

    def remove(self, doc_id: str) -> tuple[Link, ...]:
        """Forget a document; returns the changed links of its former group mates."""
        slot = self._slot.pop(doc_id, None)
        if slot is None:
            raise NotFound(f"document {doc_id} is not in the dedupe index")
        self._links.pop(slot, None)
        if not _is_empty(self._sigs[slot]):
            for bucket, key in zip(self._buckets, self._band_keys(self._sigs[slot]), strict=True):
                _discard(bucket, key, slot)
        _discard(self._by_hash, self._hashes[slot], slot)
        group = self._group[slot]
        self._group[slot] = -1
        self._original.pop(group, None)
        members = [m for m in self._members.pop(group, [slot]) if m != slot]
        updates: list[Link] = []
        for component in self._components(members):
            root = component[0]
            for m in component:
                self._group[m] = root
            if len(component) > 1:
                self._members[root] = component
                self._original[root] = min(component, key=self._order.__getitem__)
            updates.extend(self._relink(root, component, new=None))
        return tuple(updates)

    def verdict_for(self, doc_id: str) -> DedupeVerdict:
        """The current link and group of a document (`links` empty)."""
        slot = self._slot.get(doc_id)
        if slot is None:
            raise NotFound(f"document {doc_id} is not in the dedupe index")
        group = self._group[slot]
        size = len(self._members.get(group, (slot,)))
        original = self._ids[self._original.get(group, slot)]
        return DedupeVerdict(doc_id, self._links.get(slot) or Link(doc_id), original, size)

    def group(self, doc_id: str) -> tuple[str, ...]:
        """Ids of the document's group: original first, then by date and id."""
        slot = self._slot.get(doc_id)
        if slot is None:
            raise NotFound(f"document {doc_id} is not in the dedupe index")
        return self._ids_of(self._members.get(self._group[slot], [slot]))

    def groups(self, min_size: int = 1) -> Iterator[tuple[str, ...]]:
        """Every group of at least `min_size` documents, each original first."""
        for slot in self._slot.values():
            if self._group[slot] == slot:
                members = self._members.get(slot, [slot])
                if len(members) >= min_size:
                    yield self._ids_of(members)

    @property
    def stats(self) -> IndexStats:
        groups = sum(1 for s in self._slot.values() if self._group[s] == s)
        return IndexStats(len(self), groups, len(self._links), self._candidates, self._edges)

    # ------------------------------------------------------------------------ internals
    def _ids_of(self, members: list[int]) -> tuple[str, ...]:
        return tuple(self._ids[m] for m in sorted(members, key=self._order.__getitem__))

    def _band_keys(self, sig: Signature) -> list[bytes]:
        """The bucket key of each band: its values' bytes (in memory only, never stored)."""
        raw, size = sig.tobytes(), self._band_bytes
        return [raw[i : i + size] for i in range(0, self._bands * size, size)]

    def _store(self, item: DedupeItem, sig: Signature) -> int:
        slot = len(self._ids)
        if slot == len(self._sigs):
            self._sigs = np.concatenate([self._sigs, np.empty_like(self._sigs)])
        self._sigs[slot] = sig
        self._ids.append(item.id)
        self._sources.append(item.source_id)
        self._hashes.append(item.content_hash)
        self._order.append((_timestamp(item.published), item.id))
        self._slot[item.id] = slot
        self._group.append(slot)
        return slot

    def _edges_of(self, slot: int, sig: Signature, chash: str) -> list[int]:
        """Earlier slots this document has an edge to; registers it in the tables."""
        found: list[int] = []
        same = self._by_hash.get(chash)
        if same is None:
            self._by_hash[chash] = slot
        else:
            found.append(same if isinstance(same, int) else same[0])
            _append(self._by_hash, chash, slot)
        if _is_empty(sig):  # no tokens: only an exact copy is a duplicate
            return found
        candidates: set[int] = set()
        for bucket, key in zip(self._buckets, self._band_keys(sig), strict=True):
            hit = bucket.setdefault(key, slot)
            if isinstance(hit, int):
                if hit != slot:
                    candidates.add(hit)
                    bucket[key] = [hit, slot]
            else:
                candidates.update(hit)
                hit.append(slot)
        if candidates:
            unique = np.fromiter(candidates, dtype=np.int64, count=len(candidates))
            self._candidates += unique.size
            agree = np.count_nonzero(self._sigs[unique] == sig, axis=1)
            found.extend(unique[agree >= self._min_agree].tolist())
        return found

    def _join(self, slot: int, others: list[int]) -> list[int]:
        """Merge the groups of `slot` and `others`; return the members whose original changed."""
        self._edges += len(others)
        groups = {self._group[o] for o in others}
        if not groups:
            return [slot]
        originals = {g: self._original.get(g, g) for g in groups}
        original = min([slot, *originals.values()], key=self._order.__getitem__)
        stale = [slot]
        for g, o in originals.items():
            if o != original:
                stale.extend(self._members.get(g, [g]))
        # the largest group absorbs the others (each slot moves O(log n) times)
        root = max(groups, key=lambda g: len(self._members.get(g, (g,))))
        merged = self._members.pop(root, [root])
        for g in groups - {root}:
            moved = self._members.pop(g, [g])
            self._original.pop(g, None)
            for m in moved:
                self._group[m] = root
            merged.extend(moved)
        self._group[slot] = root
        merged.append(slot)
        self._members[root] = merged
        self._original[root] = original
        return stale

    def _relink(self, group: int, members: list[int], new: int | None) -> list[Link]:
        """Recompute the links of `members` of `group`; return those that changed."""
        original = self._original.get(group, group)
        agree = np.count_nonzero(self._sigs[members] == self._sigs[original], axis=1)
        changed: list[Link] = []
        for m, count in zip(members, agree.tolist(), strict=True):
            link = self._link(m, original, count / self.options.num_perm)
            before = self._links.pop(m, None) or Link(link.id)
            if link.target is not None:
                self._links[m] = link
            if m == new or before != link:
                changed.append(link)
        return changed

    def _link(self, slot: int, original: int, sim: float) -> Link:
        doc_id, target = self._ids[slot], self._ids[original]
        if slot == original:
            return Link(doc_id)
        source, first = self._sources[slot], self._sources[original]
        if source and first and source != first:  # another outlet: a wire copy, verbatim or not
            return Link(doc_id, syndicated_from=target, similarity=sim)
        if self._hashes[slot] == self._hashes[original]:
            return Link(doc_id, duplicate_of=target, similarity=sim)
        return Link(doc_id, near_duplicate_of=target, similarity=sim)

    def _components(self, members: list[int]) -> list[list[int]]:
        """Connected components of the edge rule among `members` (after a removal)."""
        parent = {m: m for m in members}

        def find(x: int) -> int:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        sigs = self._sigs[members]
        bands = sigs[:, : self._bands * self._rows].reshape(len(members), self._bands, self._rows)
        hashes = [self._hashes[m] for m in members]
        empty = np.all(sigs == EMPTY, axis=1)
        for i, m in enumerate(members):
            rest = slice(i + 1, None)
            agree = np.count_nonzero(sigs[rest] == sigs[i], axis=1) >= self._min_agree
            share = np.any(np.all(bands[rest] == bands[i], axis=2), axis=1)
            share &= ~empty[rest] & ~empty[i]
            same = np.array([h == hashes[i] for h in hashes[rest]], dtype=bool)
            for j in np.flatnonzero((agree & share) | same).tolist():
                parent[find(members[i + 1 + j])] = find(m)
        components: dict[int, list[int]] = {}
        for m in members:
            components.setdefault(find(m), []).append(m)
        return [sorted(c) for c in components.values()]


# ---------------------------------------------------------------------------- helpers
_Key = TypeVar("_Key", bytes, str)


def _timestamp(published: datetime | None) -> float:
    if published is None:
        return math.inf
    if published.tzinfo is None:
        published = published.replace(tzinfo=UTC)
    return published.timestamp()


def _is_empty(sig: Signature) -> bool:
    return bool(sig[0] == EMPTY) and bool(np.all(sig == EMPTY))


def _append(table: dict[_Key, int | list[int]], key: _Key, slot: int) -> None:
    hit = table[key]
    if isinstance(hit, int):
        table[key] = [hit, slot]
    else:
        hit.append(slot)


def _discard(table: dict[_Key, int | list[int]], key: _Key, slot: int) -> None:
    hit = table.get(key)
    if hit == slot:
        del table[key]
    elif isinstance(hit, list):
        hit.remove(slot)
        if len(hit) == 1:
            table[key] = hit[0]
