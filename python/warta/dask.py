"""Near-duplicates of a Dask collection: signatures on the workers, clusters on the client.

Install with ``pip install warta[dask]``. Each partition is prepared where it lives
(normalized, typo-read, boilerplate-stripped and MinHashed in C++); only the signatures
(``num_perm * 4`` bytes per text) travel to the client, which runs LSH, verification and
union-find over all of them at once. Boilerplate and retyped words are learned within each
partition, so make partitions whole scraped batches (a day, a site crawl), not slivers.
With ``refine=True`` (default), pairs whose estimate lies next to the threshold are decided
by their exact Jaccard as in :func:`warta.dedup`: the partitions that hold such texts are
prepared once more on the workers, and only those texts' shingles travel to the client.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Tuple

import numpy as np

from . import _core
from ._batch import resolve_n_jobs
from ._options import STORY_MIN_JACCARD, STORY_NUMBER_AGREEMENT, STORY_OPENING_BONUS, dedup_options
from .dedup import JACCARD_THRESHOLD, REFINE_SIGMAS, STORY_THRESHOLD, DedupResult, _result_from_core
from .minhash import MinHasher


def dedup(
    data: Any,
    column: Optional[str] = "text",
    threshold: Optional[float] = None,
    num_perm: int = 128,
    ngram: int = 5,
    seed: int = 1,
    strip_boilerplate: bool = True,
    *,
    scheme: str = "oph",
    keep: str = "first",
    cluster: str = "connected",
    measure: str = "story",
    min_jaccard: float = STORY_MIN_JACCARD,
    number_agreement: float = STORY_NUMBER_AGREEMENT,
    opening_bonus: float = STORY_OPENING_BONUS,
    correct_typos: bool = True,
    bands: Optional[Tuple[int, int]] = None,
    weights: Tuple[float, float] = (0.05, 0.95),
    max_bucket: int = 256,
    min_docs: int = 3,
    story_similarity: float = 0.5,
    refine: bool = True,
    n_jobs: Optional[int] = None,
) -> DedupResult:
    """:func:`warta.dedup` over a ``dask.dataframe`` DataFrame (its ``column``) or Series.

    Returns the same :class:`warta.DedupResult`, one entry per row in partition order
    (``data.index.compute()`` gives the matching index). ``n_jobs`` is the thread count of
    each worker's C++ call and of the client's clustering. Exact verification of every pair
    needs every shingle on the client and is not offered here; ``refine`` (see
    :func:`warta.dedup`) fetches only the shingles of texts in pairs next to the threshold,
    at the price of preparing their partitions a second time. ``cluster`` as in
    :func:`warta.dedup` ("connected" or "star").

    ``measure``, ``min_jaccard``, ``number_agreement``, ``opening_bonus`` and the
    ``threshold`` default as in :func:`warta.dedup`: each worker sends, besides the
    signatures, each text's distinct shingle count and its numbers (the words starting with a
    digit), which ``"story"`` reads; the pairs the opening rule decides have their two texts'
    shingles placed again on the workers that hold them and sent with their places, like the
    pairs refinement decides.
    """
    if threshold is None:
        threshold = STORY_THRESHOLD if measure == "story" else JACCARD_THRESHOLD
    import dask

    series = data[column] if column is not None and hasattr(data, "columns") else data
    hasher = MinHasher(num_perm=num_perm, ngram=ngram, seed=seed, scheme=scheme)
    # Plain values travel to the workers (a compiled options object does not pickle); each
    # side builds the same validated options from them.
    fields = dict(
        threshold=threshold,
        measure=measure,
        min_jaccard=min_jaccard,
        number_agreement=number_agreement,
        opening_bonus=opening_bonus,
        bands=bands,
        weights=weights,
        strip_boilerplate=strip_boilerplate,
        min_docs=min_docs,
        story_similarity=story_similarity,
        refine_sigmas=REFINE_SIGMAS if refine else 0.0,
        correct_typos=correct_typos,
        keep=keep,
        cluster=cluster,
        max_bucket=max_bucket,
        n_jobs=resolve_n_jobs(n_jobs),
    )
    options = dedup_options(hasher.num_perm, **fields)

    def prepare(part: Any) -> Tuple[np.ndarray, ...]:
        # runs on a worker: the MinHasher and options are rebuilt there from their parameters
        local = MinHasher(num_perm=num_perm, ngram=ngram, seed=seed, scheme=scheme)
        return _core.prepare_batch(list(part), local._impl, ngram, seed, dedup_options(local.num_perm, **fields))

    def prepared_shingles(part: Any, rows: List[int]) -> List[Tuple[np.ndarray, np.ndarray, int]]:
        # runs on a worker: the partition is prepared again exactly as `prepare` did
        local = MinHasher(num_perm=num_perm, ngram=ngram, seed=seed, scheme=scheme)
        return _core.prepared_shingles(
            list(part), local._impl, ngram, seed, dedup_options(local.num_perm, **fields), rows
        )

    partitions = series.to_delayed()
    parts = dask.compute(*[dask.delayed(prepare)(p) for p in partitions])
    k = hasher.num_perm
    sigs = np.concatenate([p[0] for p in parts]) if parts else np.zeros((0, k), dtype=np.uint32)
    empty = np.concatenate([p[1] for p in parts]) if parts else np.zeros(0, dtype=np.uint8)
    length = np.concatenate([p[2] for p in parts]) if parts else np.zeros(0, dtype=np.uint64)
    stripped = np.concatenate([p[3] for p in parts]) if parts else np.zeros(0, dtype=np.uint32)
    # byte-identical texts join across partitions whatever each partition learned
    text_hash = np.concatenate([p[4] for p in parts]) if parts else np.zeros(0, dtype=np.uint64)
    counts = np.concatenate([p[5] for p in parts]) if parts else np.zeros(0, dtype=np.uint32)
    numbers = np.concatenate([p[7] for p in parts]) if parts else np.zeros(0, dtype=np.uint64)
    # each partition's number offsets, shifted by the numbers of the partitions before it
    shift = np.cumsum([0] + [len(p[7]) for p in parts[:-1]])
    number_offsets = np.concatenate([[0]] + [p[6][1:] + s for p, s in zip(parts, shift)]).astype(np.int64)
    sets: Dict[int, Tuple[np.ndarray, np.ndarray, int]] = {}
    if len(sigs):  # the documents refinement and the opening rule decide exactly, from their texts
        close = _core.close_documents(sigs, empty, options, counts)
        sets = _fetch_shingles(dask, partitions, [len(p[1]) for p in parts], close, prepared_shingles)
    out = _core.cluster_signatures(sigs, empty, length, text_hash, options, sets, counts, number_offsets, numbers)
    out["stripped_lines"] = stripped
    return _result_from_core(out)


def _fetch_shingles(
    dask: Any, partitions: List[Any], sizes: List[int], docs: np.ndarray, shingles_of_rows: Any
) -> Dict[int, Tuple[np.ndarray, np.ndarray, int]]:
    """{global document index: its placed shingles (hashes in text order, spans, opening
    end)}, each partition that holds some of ``docs`` asked once for its rows."""
    starts = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
    part_of = np.searchsorted(starts, docs, side="right") - 1
    tasks, wanted = [], []
    for part in np.unique(part_of):
        rows = (docs[part_of == part] - starts[part]).astype(np.uint32)
        tasks.append(dask.delayed(shingles_of_rows)(partitions[part], rows.tolist()))
        wanted.append(rows + starts[part])
    sets: Dict[int, Tuple[np.ndarray, np.ndarray, int]] = {}
    for global_rows, arrays in zip(wanted, dask.compute(*tasks)):
        sets.update({int(doc): arr for doc, arr in zip(global_rows, arrays)})
    return sets
