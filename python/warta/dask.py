"""Near-duplicates and entity links of a Dask collection.

Install with ``pip install warta[dask]`` (brings ``dask[dataframe]`` and ``distributed``).

:func:`dedup` first learns what the whole frame teaches, where the partitions live: each
partition counts its words (the counts are merged pairwise on the workers into the readings
of retyped words) and then reads its lines (the client finds the chrome lines from every
text's lines and first signature). Every partition is then prepared with those statistics
(normalized, typo-read, chrome-stripped and MinHashed in C++), so a text reads the same in
any partition and the clusters equal :func:`warta.dedup`'s on the same rows. Only the
signatures (``num_perm * 4`` bytes per text), a few numbers per text and the line hashes
travel to the client, which runs LSH, verification and union-find over all of them at once,
then returns a lazy Dask DataFrame: the input's rows with their cluster columns, attached
partition by partition where the rows live (the texts are never collected). With
``refine=True`` (default), pairs whose estimate lies next to the threshold are decided by
their exact Jaccard as in :func:`warta.dedup`: the workers holding such texts place their
shingles with the frame's statistics, and only those texts' shingles travel to the client.

The client holds state that grows with the rows (signatures, line hashes, cluster arrays):
a corpus whose signatures do not fit in the client's memory is not supported yet.

:func:`link` links every partition where it lives, with the gazetteer shipped to each worker
once (compiled there on first use).
"""

from __future__ import annotations

import os
from typing import Any, Dict, List, Optional, Tuple

import numpy as np

from . import _core
from ._batch import resolve_n_jobs
from ._options import STORY_MIN_JACCARD, STORY_NUMBER_AGREEMENT, STORY_OPENING_BONUS, dedup_options
from .dedup import JACCARD_THRESHOLD, REFINE_SIGMAS, STORY_THRESHOLD, DedupResult, _result_from_core
from .minhash import MinHasher


def dedup(data: Any, column: Optional[str] = "text", id_column: Optional[str] = None, **options: Any) -> Any:
    """:func:`warta.dedup` over a ``dask.dataframe`` DataFrame (its ``column``) or Series, as
    a lazy Dask DataFrame: the input's columns (a Series becomes one column named after it)
    plus

    - ``cluster_id``: equal ids = same story, numbered as :func:`warta.dedup` numbers them
      over the rows in partition order;
    - ``duplicate_of``: the kept row's ``id_column`` value (missing for a kept row), or, with
      no ``id_column``, its global position in partition order (-1 for a kept row);
    - ``similarity``: the estimated similarity to the kept row by the chosen measure (NaN for
      a kept row and for one joined to it only through other copies, as
      :meth:`warta.DedupResult.similarity_to_kept`);
    - ``is_duplicate``.

    Write it with ``to_parquet`` / ``to_csv``: the rows never travel to the client. The
    options are :func:`clusters`'s (those of :func:`warta.dedup`, with the same meaning)."""
    frame, column = _as_frame(data, column)
    result, sizes = _clusters(frame, column, **options)
    similarity = result.similarity_to_kept()
    if id_column is not None:
        kept = np.unique(result.duplicate_of[result.duplicate_of >= 0])
        ids = _values_at(frame, id_column, sizes, kept)
        duplicate_of: np.ndarray = np.array([None] * len(result), dtype=object)
        dup = np.flatnonzero(result.duplicate_of >= 0)
        duplicate_of[dup] = [ids[int(k)] for k in result.duplicate_of[dup]]
    else:
        duplicate_of = result.duplicate_of.astype(np.int64)
    columns = {
        "cluster_id": result.cluster_id.astype(np.int64),
        "duplicate_of": duplicate_of,
        "similarity": similarity.astype(np.float64),
        "is_duplicate": result.is_duplicate.astype(bool),
    }
    return _attach_columns(frame, sizes, columns)


def clusters(data: Any, column: Optional[str] = "text", **options: Any) -> DedupResult:
    """The clusters of :func:`dedup` as a :class:`warta.DedupResult` on the client (arrays
    over the rows in partition order; ``data.index.compute()`` gives the matching index)."""
    return _clusters(*_as_frame(data, column), **options)[0]


def _as_frame(data: Any, column: Optional[str]) -> Tuple[Any, str]:
    """(a Dask DataFrame, the name of its text column) for a DataFrame and its ``column`` or
    for a Series (its own name, "text" when it has none)."""
    if getattr(data, "ndim", 2) == 1:
        name = data.name if data.name is not None else "text"
        return data.to_frame(name=name), name
    if column is None or column not in data.columns:
        raise KeyError(f"column {column!r} is not a column of the DataFrame ({list(data.columns)})")
    return data, column


def _clusters(
    data: Any,
    column: str,
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
) -> Tuple[DedupResult, List[int]]:
    """The clusters and each partition's row count. ``n_jobs`` is the thread count of
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

    # Partitions as the frame's own (Dask may merge the partitions of one selected column).
    partitions = data.to_delayed()
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

    def local_hasher() -> MinHasher:  # on a worker: rebuilt there from its parameters
        return MinHasher(num_perm=num_perm, ngram=ngram, seed=seed, scheme=scheme)

    # What the whole frame teaches (the spelling of retyped words, the chrome lines), learned
    # from every partition first, so that a text reads the same in any partition.
    readings, chrome = _frame_statistics(
        dask, partitions, column, local_hasher, options, correct_typos, strip_boilerplate, ngram, seed, n_jobs
    )

    def prepare(part: Any, readings: Any, chrome: Any) -> Tuple[np.ndarray, ...]:
        local = local_hasher()
        opts = dedup_options(local.num_perm, **fields)
        return _core.prepare_batch(list(part[column]), local._impl, ngram, seed, opts, readings, chrome)

    def prepared_shingles(part: Any, rows: List[int], readings: Any, chrome: Any) -> List[Any]:
        local = local_hasher()
        opts = dedup_options(local.num_perm, **fields)
        return _core.prepared_shingles(list(part[column]), local._impl, ngram, seed, opts, rows, readings, chrome)

    parts = dask.compute(*[dask.delayed(prepare)(p, readings, chrome) for p in partitions])
    k = hasher.num_perm
    sigs = np.concatenate([p[0] for p in parts]) if parts else np.zeros((0, k), dtype=np.uint32)
    empty = np.concatenate([p[1] for p in parts]) if parts else np.zeros(0, dtype=np.uint8)
    length = np.concatenate([p[2] for p in parts]) if parts else np.zeros(0, dtype=np.uint64)
    stripped = np.concatenate([p[3] for p in parts]) if parts else np.zeros(0, dtype=np.uint32)
    # byte-identical texts always join (a check that needs no statistics)
    text_hash = np.concatenate([p[4] for p in parts]) if parts else np.zeros(0, dtype=np.uint64)
    counts = np.concatenate([p[5] for p in parts]) if parts else np.zeros(0, dtype=np.uint32)
    numbers = np.concatenate([p[7] for p in parts]) if parts else np.zeros(0, dtype=np.uint64)
    # each partition's number offsets, shifted by the numbers of the partitions before it
    shift = np.cumsum([0] + [len(p[7]) for p in parts[:-1]])
    number_offsets = np.concatenate([[0]] + [p[6][1:] + s for p, s in zip(parts, shift)]).astype(np.int64)
    sets: Dict[int, Tuple[np.ndarray, np.ndarray, int]] = {}
    if len(sigs):  # the documents refinement and the opening rule decide exactly, from their texts
        close = _core.close_documents(sigs, empty, options, counts)
        sets = _fetch_shingles(dask, partitions, [len(p[1]) for p in parts], close, prepared_shingles, readings, chrome)
    out = _core.cluster_signatures(sigs, empty, length, text_hash, options, sets, counts, number_offsets, numbers)
    out["stripped_lines"] = stripped
    return _result_from_core(out), [len(p[1]) for p in parts]


def _values_at(frame: Any, column: str, sizes: List[int], positions: np.ndarray) -> Dict[int, Any]:
    """{global position: the value of ``column`` there}, each partition asked once for its rows."""
    import dask

    starts = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
    part_of = np.searchsorted(starts, positions, side="right") - 1
    parts = frame.to_delayed()
    tasks, wanted = [], []
    for part in np.unique(part_of):
        rows = positions[part_of == part] - starts[part]
        tasks.append(dask.delayed(lambda p, r: p[column].iloc[r].tolist())(parts[part], rows))
        wanted.append(rows + starts[part])
    values: Dict[int, Any] = {}
    for positions_here, got in zip(wanted, dask.compute(*tasks)):
        values.update(zip(positions_here.tolist(), got))
    return values


def _attach_columns(frame: Any, sizes: List[int], columns: Dict[str, np.ndarray]) -> Any:
    """``frame`` with ``columns`` (arrays over all rows in partition order) attached to each
    partition where it lives, lazily."""
    import dask
    import dask.dataframe as dd
    import pandas as pd

    starts = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)

    def attach(part: Any, values: Dict[str, np.ndarray]) -> Any:
        return part.assign(**{name: pd.Series(v, index=part.index, dtype=v.dtype) for name, v in values.items()})

    meta = attach(frame._meta, {name: v[:0] for name, v in columns.items()})
    parts = [
        dask.delayed(attach)(part, {name: v[starts[k] : starts[k + 1]] for name, v in columns.items()})
        for k, part in enumerate(frame.to_delayed())
    ]
    return dd.from_delayed(parts, meta=meta, divisions=frame.divisions, verify_meta=False)


def _frame_statistics(
    dask: Any,
    partitions: List[Any],
    column: str,
    local_hasher: Any,
    options: Any,
    correct_typos: bool,
    strip_boilerplate: bool,
    ngram: int,
    seed: int,
    n_jobs: Optional[int],
) -> Tuple[Any, Any]:
    """(readings, chrome) of the whole frame, as Delayed objects shipped to each worker once:
    the retyped words its merged word counts teach (a tree of merges on the workers), and
    its chrome lines, found on the client from every text's lines and first signature (read
    with those readings) exactly as one batch of all the texts finds them. None where the
    options learn nothing."""
    threads = resolve_n_jobs(n_jobs)
    readings = None
    if correct_typos and partitions:
        counts = [
            dask.delayed(lambda p: _core.word_counts(list(p[column]), ngram, seed, threads))(p) for p in partitions
        ]
        while len(counts) > 1:  # merged pairwise: no one machine holds every partition's counts at once
            counts = [dask.delayed(_core.merge_word_counts)(counts[i : i + 2]) for i in range(0, len(counts), 2)]
        readings = dask.delayed(lambda c: _core.spelling_readings([c]))(counts[0])
        readings = dask.delayed(readings.compute(), pure=True)
    chrome = None
    if strip_boilerplate and partitions:

        def lines_of(part: Any, readings: Any) -> Tuple[np.ndarray, ...]:
            return _core.batch_lines(list(part[column]), local_hasher()._impl, ngram, seed, readings, threads)

        parts = dask.compute(*[dask.delayed(lines_of)(p, readings) for p in partitions])
        signatures = np.concatenate([p[0] for p in parts])
        lines = np.concatenate([p[1] for p in parts])
        shift = np.cumsum([0] + [len(p[1]) for p in parts[:-1]])
        offsets = np.concatenate([[0]] + [p[2][1:] + s for p, s in zip(parts, shift)]).astype(np.uint64)
        chrome = dask.delayed(_core.chrome_lines(signatures, lines, offsets, options), pure=True)
    return readings, chrome


def _fetch_shingles(
    dask: Any,
    partitions: List[Any],
    sizes: List[int],
    docs: np.ndarray,
    shingles_of_rows: Any,
    readings: Any,
    chrome: Any,
) -> Dict[int, Tuple[np.ndarray, np.ndarray, int]]:
    """{global document index: its placed shingles (hashes in text order, spans, opening
    end)}, each partition that holds some of ``docs`` asked once for its rows."""
    starts = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
    part_of = np.searchsorted(starts, docs, side="right") - 1
    tasks, wanted = [], []
    for part in np.unique(part_of):
        rows = (docs[part_of == part] - starts[part]).astype(np.uint32)
        tasks.append(dask.delayed(shingles_of_rows)(partitions[part], rows.tolist(), readings, chrome))
        wanted.append(rows + starts[part])
    sets: Dict[int, Tuple[np.ndarray, np.ndarray, int]] = {}
    for global_rows, arrays in zip(wanted, dask.compute(*tasks)):
        sets.update({int(doc): arr for doc, arr in zip(global_rows, arrays)})
    return sets


def link(
    data: Any,
    column: Optional[str] = "text",
    gazetteer: Any = None,
    date_column: Optional[str] = None,
    *,
    fuzzy: bool = True,
    fuzzy_min_similarity: float = 0.5,
    n_jobs: Optional[int] = None,
) -> Any:
    """:meth:`warta.EntityLinker.link_batch` over a ``dask.dataframe`` DataFrame (its
    ``column``, dated by ``date_column``) or Series, as a lazy Dask DataFrame with one row per
    mention: ``row`` (the input row's index label), then ``start``, ``end``, ``text``,
    ``entity_id``, ``label``, ``score``, ``term_id`` as ``link_batch`` gives them.

    The gazetteer (default: :meth:`warta.Gazetteer.default`) is one object of the task graph:
    each worker receives it once and compiles its linker once, on first use."""
    import dask
    import dask.dataframe as dd

    from .gazetteer import Gazetteer
    from .link import EntityLinker

    if gazetteer is None:
        gazetteer = Gazetteer.default()
    if not isinstance(gazetteer, Gazetteer):
        raise TypeError(f"gazetteer must be a warta.Gazetteer, got {type(gazetteer).__name__}")
    frame, column = _as_frame(data, column)
    if date_column is not None and date_column not in frame.columns:
        raise KeyError(f"date_column {date_column!r} is not a column of the DataFrame ({list(frame.columns)})")
    EntityLinker(gazetteer, fuzzy=fuzzy, fuzzy_min_similarity=fuzzy_min_similarity)  # options checked here, once

    def link_part(part: Any, gaz: Gazetteer) -> Any:
        # runs on a worker: the gazetteer object is shared by its tasks, so it compiles once
        linker = EntityLinker(gaz, fuzzy=fuzzy, fuzzy_min_similarity=fuzzy_min_similarity)
        dates = part[date_column] if date_column is not None else None
        found = linker.link_batch(part[column], dates=dates, n_jobs=n_jobs)
        rows = part.index[found["doc"].to_numpy()]
        return found.assign(row=rows)[["row", *MENTION_COLUMNS]]

    shipped = dask.delayed(gazetteer, pure=True)
    meta = link_part(frame._meta, gazetteer)
    parts = [dask.delayed(link_part)(part, shipped) for part in frame.to_delayed()]
    return dd.from_delayed(parts, meta=meta, verify_meta=False)


MENTION_COLUMNS = ["start", "end", "text", "entity_id", "label", "score", "term_id"]


def client(spec: str) -> Any:
    """A ``distributed.Client``: ``"local:N"`` starts a cluster of N worker processes (one
    thread each) on this machine, anything else is a scheduler address."""
    try:
        import distributed
    except ImportError:
        raise ImportError("a Dask cluster needs distributed: pip install 'warta[dask]'") from None
    if spec.startswith("local:"):
        workers = spec[len("local:") :]
        if not workers.isdigit() or int(workers) < 1:
            raise ValueError(f"local:N needs a worker count N >= 1, got {spec!r}")
        cluster = distributed.LocalCluster(n_workers=int(workers), threads_per_worker=1, dashboard_address=None)
        return distributed.Client(cluster)
    return distributed.Client(spec, timeout="20s")


def read_files(paths: List[str], text_column: str) -> Any:
    """JSON Lines, CSV or Parquet files (optionally .gz; format from each name, as
    :class:`warta.io.Reader` reads them) as one Dask DataFrame: a partition per 64 MB block
    of an uncompressed file, per compressed file, per Parquet file. KeyError when a file has
    no ``text_column``."""
    import dask.dataframe as dd

    from .io import file_format

    frames = []
    for path in paths:
        fmt = file_format(path)
        whole = path.lower().endswith(".gz")  # a compressed file is not split
        if fmt == "parquet":
            frame = dd.read_parquet(path)
        elif fmt == "csv":
            frame = dd.read_csv(path, dtype=object, blocksize=None if whole else "64MB", compression="infer")
        else:
            frame = dd.read_json(path, lines=True, blocksize=None if whole else 2**26, compression="infer")
        if text_column not in frame.columns:
            raise KeyError(f"{path}: no field {text_column!r} (fields: {', '.join(map(str, frame.columns))})")
        frames.append(frame)
    return frames[0] if len(frames) == 1 else dd.concat(frames, ignore_unknown_divisions=True)


def write_file(frame: Any, path: str) -> None:
    """Parquet: the workers write one file per partition into the ``path`` directory. CSV
    and JSON Lines: one file (atomically renamed into place), the partitions appended in
    order one at a time through the client, whose memory holds one partition, never all."""
    import dask
    import pandas as pd

    from .io import file_format

    fmt = file_format(path)
    if fmt == "parquet":
        frame.to_parquet(path, write_index=False, overwrite=True)
        return
    tmp = f"{path}.tmp-{os.getpid()}"
    try:
        compression = "gzip" if path.lower().endswith(".gz") else None
        with pd.io.common.get_handle(tmp, "w", compression=compression, encoding="utf-8") as handle:
            for k, part in enumerate(frame.to_delayed()):
                rows = dask.compute(part)[0]
                if fmt == "csv":
                    rows.to_csv(handle.handle, index=False, header=k == 0)
                elif len(rows):
                    text = rows.to_json(orient="records", lines=True, force_ascii=False)
                    handle.handle.write(text if text.endswith("\n") else text + "\n")
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
