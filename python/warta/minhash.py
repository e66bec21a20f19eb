"""MinHash signatures of texts and of hashed sets."""

from __future__ import annotations

from typing import Any, Optional, Tuple

import numpy as np

from . import _core
from ._batch import as_text_list, resolve_n_jobs
from ._options import SCHEMES

_MERSENNE_61 = np.uint64((1 << 61) - 1)


def permutations(scheme: str, num_perm: int, seed: int) -> Tuple[np.ndarray, np.ndarray]:
    """Permutation parameters (a, b) drawn exactly as datasketch draws them for ``seed``."""
    if scheme == "oph":
        empty = np.zeros(0, dtype=np.uint64)
        return empty, empty
    gen = np.random.RandomState(seed)
    if SCHEMES[scheme] == _core.Scheme.datasketch:
        # datasketch draws a then b for each permutation in turn (legacy scheme)
        pairs = [
            (gen.randint(1, _MERSENNE_61, dtype=np.uint64), gen.randint(0, _MERSENNE_61, dtype=np.uint64))
            for _ in range(num_perm)
        ]
        ab = np.array(pairs, dtype=np.uint64).T
        return ab[0].copy(), ab[1].copy()
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a.astype(np.uint64), b.astype(np.uint64)


def check_params(num_perm: int, ngram: int, seed: int, scheme: str) -> None:
    if scheme not in SCHEMES:
        raise ValueError(f"scheme must be one of {sorted(SCHEMES)}, got {scheme!r}")
    if isinstance(num_perm, bool) or not isinstance(num_perm, (int, np.integer)) or not 1 <= num_perm <= 8192:
        raise ValueError(f"num_perm must be an int in [1, 8192], got {num_perm!r}")
    if isinstance(ngram, bool) or not isinstance(ngram, (int, np.integer)) or not 1 <= ngram <= 64:
        raise ValueError(f"ngram must be an int in [1, 64], got {ngram!r}")
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or not 0 <= seed < 2**32:
        raise ValueError(f"seed must be an int in [0, 2**32), got {seed!r}")


class MinHasher:
    """MinHash signatures of texts (word n-gram shingles hashed with XXH3-64).

    Schemes:

    - ``"oph"`` (default): one-permutation hashing with optimal densification. Each shingle
      is hashed once; its hash picks one of ``num_perm`` bins and the bin keeps the minimum.
      Empty bins copy a bin chosen by a seeded probe sequence that depends only on the bin,
      so two sets densify identically and the fraction of equal positions stays an unbiased
      Jaccard estimate. Cost per document: O(shingles + num_perm).
    - ``"datasketch"`` (alias ``"legacy"``): ``((a*h + b) mod (2**61 - 1)) & 0xFFFFFFFF``
      with ``a, b`` drawn from ``numpy.random.RandomState(seed)`` as datasketch does:
      bit-identical to ``datasketch.MinHash(scheme="legacy", seed=seed)`` on the same 32-bit
      hash values. Texts feed it the low 32 bits of each shingle hash.
    - ``"affine32"``: datasketch 2.x's default (fmix32 pre-mix, odd ``a``, arithmetic mod 2**32),
      bit-identical to ``datasketch.MinHash(scheme="affine32")``.

    Signatures are ``uint32``; an empty set's signature is all ``0xFFFFFFFF``.
    Instances are immutable and safe to share between threads.
    """

    def __init__(self, num_perm: int = 128, ngram: int = 5, seed: int = 1, scheme: str = "oph"):
        check_params(num_perm, ngram, seed, scheme)
        self.num_perm = int(num_perm)
        self.ngram = int(ngram)
        self.seed = int(seed)
        self.scheme = scheme
        a, b = permutations(scheme, self.num_perm, self.seed)
        self._impl = _core.MinHasher(SCHEMES[scheme], self.num_perm, self.seed, a, b)

    def __repr__(self) -> str:
        return f"MinHasher(num_perm={self.num_perm}, ngram={self.ngram}, seed={self.seed}, scheme={self.scheme!r})"

    def signatures(self, texts: Any, n_jobs: Optional[int] = None) -> np.ndarray:
        """An ``(n, num_perm)`` uint32 array, one row per text (a missing text -- None, NaN,
        ``pd.NA``, ``pd.NaT`` -- counts as empty)."""
        sigs, _empty = _core.sign_texts(as_text_list(texts), self._impl, self.ngram, self.seed, resolve_n_jobs(n_jobs))
        return sigs

    def from_hashes(self, hashes: Any) -> np.ndarray:
        """Signature of a set given as hash values: uint32 (datasketch's domain) or uint64."""
        arr = np.asarray(hashes)
        if arr.ndim != 1:
            raise ValueError(f"hashes must be one-dimensional, got shape {arr.shape}")
        if arr.dtype == np.uint64:
            return self._impl.from_hashes64(arr)
        if arr.size and arr.dtype.kind in "iu" and (int(arr.min()) < 0 or int(arr.max()) > 0xFFFFFFFF):
            raise ValueError("hash values must fit in 32 bits (pass a uint64 array for 64-bit hashes)")
        if arr.size and arr.dtype.kind not in "iu":
            raise TypeError(f"hashes must be integers, got dtype {arr.dtype}")
        return self._impl.from_hashes32(arr.astype(np.uint32, copy=False))

    def from_hashes_batch(self, sets: Any, n_jobs: Optional[int] = None) -> np.ndarray:
        """Signatures of many hashed sets at once: an ``(n, num_perm)`` uint32 array.

        ``sets`` is a sequence of 1-D integer arrays; each is read as :meth:`from_hashes`
        reads it (uint64: 64-bit hashes; other integers: 32-bit values). Contiguous uint64
        and uint32 arrays are read in place; computed in parallel.
        """
        items = sets if isinstance(sets, list) else list(sets)
        jobs = resolve_n_jobs(n_jobs)
        try:  # contiguous 1-D uint64/uint32 arrays: read in place, checked in C++
            return _core.sign_hash_list(self._impl, items, jobs)
        except TypeError:
            pass
        converted = []
        for i, a in enumerate(items):
            a = np.asarray(a)
            if a.ndim != 1:
                raise ValueError(f"sets[{i}] must be one-dimensional, got shape {a.shape}")
            if a.dtype != np.uint64:
                if a.size and (a.dtype.kind not in "iu" or int(a.min()) < 0 or int(a.max()) > 0xFFFFFFFF):
                    raise ValueError(f"sets[{i}] must hold 32-bit hash values (or be a uint64 array)")
                a = a.astype(np.uint32)
            converted.append(np.ascontiguousarray(a))
        return _core.sign_hash_list(self._impl, converted, jobs)

    def shingles(self, text: str) -> np.ndarray:
        """The uint64 shingle hashes of one text (the set a signature summarizes)."""
        return _core.shingle_hashes(text, self.ngram, self.seed)

    @staticmethod
    def jaccard(a: np.ndarray, b: np.ndarray) -> float:
        """Estimated Jaccard similarity of two signatures: the fraction of equal positions."""
        a, b = np.asarray(a), np.asarray(b)
        if a.shape != b.shape:
            raise ValueError(f"signatures differ in shape: {a.shape} vs {b.shape}")
        return float(np.mean(a == b))
