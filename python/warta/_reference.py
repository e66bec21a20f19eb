"""Slow, obviously-correct Python versions of the core's math, used as test oracles.

Nothing here is fast or public; tests compare the C++ core against it on random inputs.
"""

from __future__ import annotations

from itertools import combinations
from typing import Dict, Iterable, List, Sequence, Set, Tuple

M64 = (1 << 64) - 1
M32 = (1 << 32) - 1
MERSENNE_61 = (1 << 61) - 1
EMPTY = M32


def fmix64(h: int) -> int:
    h ^= h >> 33
    h = (h * 0xFF51AFD7ED558CCD) & M64
    h ^= h >> 33
    h = (h * 0xC4CEB9FE1A85EC53) & M64
    h ^= h >> 33
    return h


def fmix32(h: int) -> int:
    h ^= h >> 16
    h = (h * 0x85EBCA6B) & M32
    h ^= h >> 13
    h = (h * 0xC2B2AE35) & M32
    h ^= h >> 16
    return h


def legacy_signature(hashes: Iterable[int], a: Sequence[int], b: Sequence[int]) -> List[int]:
    """datasketch's legacy scheme: a*h+b wraps in uint64, then mod 2^61-1, then low 32 bits."""
    sig = [EMPTY] * len(a)
    for h in hashes:
        h &= M32
        for p, (ap, bp) in enumerate(zip(a, b)):
            sig[p] = min(sig[p], (((ap * h + bp) & M64) % MERSENNE_61) & M32)
    return sig


def affine32_signature(hashes: Iterable[int], a: Sequence[int], b: Sequence[int]) -> List[int]:
    sig = [EMPTY] * len(a)
    for h in hashes:
        x = fmix32(h & M32)
        for p, (ap, bp) in enumerate(zip(a, b)):
            sig[p] = min(sig[p], (ap * x + bp) & M32)
    return sig


def oph_signature(hashes: Iterable[int], num_perm: int, seed: int) -> List[int]:
    """One-permutation hashing with optimal densification, as documented in minhash.hpp."""
    salt = fmix64(seed ^ 0x6A09E667F3BCC909)
    sig = [EMPTY] * num_perm
    filled = [False] * num_perm
    for h in hashes:
        x = fmix64(h ^ salt)
        b = (x * num_perm) >> 64
        sig[b] = min(sig[b], x & M32)
        filled[b] = True
    if not any(filled):
        return sig
    for b in range(num_perm):
        if filled[b]:
            continue
        attempt = 1
        while True:
            r = fmix64((salt + (b << 32) + attempt) & M64)
            src = (r * num_perm) >> 64
            if filled[src]:
                sig[b] = sig[src]
                break
            attempt += 1
    return sig


def jaccard(a: Set[int], b: Set[int]) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def story_similarity(a: Set[int], b: Set[int], min_jaccard: float) -> float:
    """measure="story": containment of the smaller set in the larger when the Jaccard is at
    least ``min_jaccard``, else the Jaccard."""
    j = jaccard(a, b)
    small = min(len(a), len(b))
    return max(j, len(a & b) / small) if small and j >= min_jaccard else j


def band_candidates(sigs: Sequence[Sequence[int]], bands: int, rows: int) -> Set[Tuple[int, int]]:
    """All pairs agreeing on at least one band, by brute force."""
    out = set()
    for i, j in combinations(range(len(sigs)), 2):
        for band in range(bands):
            lo, hi = band * rows, (band + 1) * rows
            if list(sigs[i][lo:hi]) == list(sigs[j][lo:hi]):
                out.add((i, j))
                break
    return out


def clusters(n: int, pairs: Iterable[Tuple[int, int]]) -> List[int]:
    """Cluster ids numbered in order of each cluster's first member."""
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            x = parent[x]
        return x

    for i, j in pairs:
        ri, rj = find(i), find(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)
    ids: Dict[int, int] = {}
    return [ids.setdefault(find(i), len(ids)) for i in range(n)]


def star_representatives(n: int, pairs: Iterable[Tuple[int, int]]) -> List[int]:
    """Each text's representative under ``cluster="star"`` with ``keep="first"``: in input
    order, a text joins the earliest representative it is paired with, else is one."""
    linked: Dict[int, Set[int]] = {}
    for i, j in pairs:
        linked.setdefault(i, set()).add(j)
        linked.setdefault(j, set()).add(i)
    rep: List[int] = []
    for d in range(n):
        reps = [r for r in linked.get(d, ()) if r < d and rep[r] == r]
        rep.append(min(reps) if reps else d)
    return rep


def leftmost_longest(words: Sequence[str], patterns: Sequence[Sequence[str]]) -> List[Tuple[int, int, int]]:
    """Non-overlapping (begin, end, pattern) word matches: from each position the longest
    pattern wins, then the scan resumes after it; of equal patterns the first listed wins."""
    first: Dict[Tuple[str, ...], int] = {}
    for i, p in enumerate(patterns):
        if p:
            first.setdefault(tuple(p), i)
    longest = max((len(p) for p in first), default=0)
    out, i = [], 0
    while i < len(words):
        for n in range(min(longest, len(words) - i), 0, -1):
            hit = first.get(tuple(words[i : i + n]))
            if hit is not None:
                out.append((i, i + n, hit))
                i += n
                break
        else:
            i += 1
    return out
