"""An incremental near-duplicate index for batches of scraped news (one batch a day, say).

Each new text is compared with every document stored before (the history) and with the
earlier texts of its own batch. Every text is stored -- its MinHash signature (``num_perm``
32-bit values), cluster id and id -- duplicates as members of their cluster. A text whose
estimated Jaccard similarity with some stored document (kept copy or member) is at least
``threshold`` joins the cluster of the most similar one (ties: the earliest stored), and its
``duplicate_of`` is that cluster's kept copy; otherwise it starts a cluster and is kept.
Because a batch meets the same tables as history, adding texts one batch at a time or all
at once gives the same clusters (with ``strip_boilerplate=False`` and
``correct_typos=False``; see below).

Clusters grow along chains of copies, as the union-find of :func:`warta.dedup` does: a
copy that resembles an earlier copy but not the first one still joins the story. Unlike
union-find, decisions are final: two clusters are never merged later, which an index
answering daily batches needs (ids handed out yesterday stay valid).

Boilerplate: the index keeps the line statistics of every batch it has seen (bounded by
``max_lines``: when there are more distinct lines, the rarest are forgotten), so a site's
chrome learned from earlier batches is stripped from later ones and from queries. Stored
signatures are never recomputed (the index keeps no text), so a line recognised as chrome
only later is still part of the earlier documents' signatures: with ``strip_boilerplate=True``
day-by-day batches can differ from one big batch, where all chrome is known up front.

Memory per stored document (every text added) at ``num_perm=128``: 512 bytes of signature,
16 bands x 8 to 12 bytes of LSH chains, 8 bytes of cluster id, 16 per cluster for its kept
copy, the id's bytes + ~16, plus the line statistics (about 72 bytes per distinct line, at
most ``max_lines``) and the word counts (about 60 bytes per word, at most ``max_words``):
measured 837 bytes per document at one million documents (benchmarks/RESULTS.md).
``idx.memory_bytes`` reports it.

Thread safety: one lock serializes all calls on an index (the C++ work inside each call
runs on all cores).
"""

from __future__ import annotations

import os
import threading
from typing import Any, Dict, Iterable, List, NamedTuple, Optional, Sequence, Tuple, Union

import numpy as np
import pandas as pd

from . import _core
from ._batch import as_text_list, input_index, resolve_n_jobs
from ._options import SCHEMES, enum_member, index_params
from .minhash import MinHasher

IndexFormatError = _core.IndexFormatError
IndexFormatError.__doc__ = (
    "A file that is not a complete, intact warta index of a supported format version "
    "(truncated, corrupted, or not an index at all). Subclass of ValueError."
)
IndexFormatError.__module__ = "warta"

Id = Union[str, int]
PathLike = Union[str, "os.PathLike[str]"]

#: parameters a caller may require when loading, with their names in the file header
_CHECKED_PARAMS = ("threshold", "num_perm", "ngram", "seed", "scheme", "strip_boilerplate", "correct_typos")


DuplicateIdError = _core.DuplicateIdError
DuplicateIdError.__doc__ = (
    "An id given to DedupIndex.add_batch is already stored, or repeats in the batch "
    "(a KeyError and a ValueError). Raised by the C++ core with the positions as attributes "
    "(index, within_batch, first); the message names the caller's id."
)
DuplicateIdError.__module__ = "warta"


def _duplicate_error(exc: Any, id_list: Sequence[Id]) -> DuplicateIdError:
    """The core's error (positions only) retold with the caller's ids."""
    index = exc.index
    if exc.within_batch:
        text = f"ids[{index}] = {id_list[index]!r} repeats ids[{exc.first}]; ids must be unique within a batch"
    else:
        text = (
            f"ids[{index}] = {id_list[index]!r} is already in the index; ids must be unique "
            "(to replace a document, remove it first with idx.remove([...]))"
        )
    return DuplicateIdError(text)


class Match(NamedTuple):
    """A stored document similar to a query: its id and the estimated Jaccard similarity."""

    id: Id
    similarity: float


def _key(value: Any, position: int) -> bytes:
    # A type tag keeps str "1" and int 1 apart and lets ids come back with their type.
    if isinstance(value, str):
        return b"s" + value.encode("utf-8", "surrogatepass")
    if isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_)):
        return b"i" + str(int(value)).encode("ascii")
    raise TypeError(f"ids[{position}] is {type(value).__name__}, expected str or int")


def _id(key: bytes) -> Id:
    # The loader checks the file's structure, not this module's encoding of ids: a file
    # another program wrote may hold an id without its tag, found when the id is read.
    try:
        if key[:1] == b"s":
            return key[1:].decode("utf-8", "surrogatepass")
        if key[:1] == b"i" and key[1:].lstrip(b"-").isdigit():
            return int(key[1:])
    except UnicodeDecodeError:
        pass
    raise IndexFormatError(f"stored id {key[:40]!r} is not an id warta wrote (the file is corrupted)")


class DedupIndex:
    """Incremental near-duplicate index; see the module documentation.

    ``threshold``, ``num_perm``, ``ngram``, ``seed``, ``scheme`` and ``strip_boilerplate``
    mean what they mean for :func:`warta.dedup`. LSH bands are chosen from ``threshold``
    with ``weights`` (false positive, false negative) as in :func:`warta.dedup`, or given as
    ``bands=(b, r)``. A band bucket yields at most ``max_bucket`` candidates per query (a
    bound for pathological buckets; the newest documents come first).

    ``correct_typos=True`` (the default, as for :func:`warta.dedup`) reads a word that occurs
    in one text and is one edit away from a word several texts use as that word. The index
    keeps the document frequency of every word it has seen (history and the new batch), so a
    slip is read against everything seen, in ``add_batch`` and in ``query`` alike (a query's
    own new slips are not learned: queries add nothing). At most ``max_words`` words are
    counted: beyond that the rarest are forgotten (words seen once first) down to 3/4 of it;
    about 60 bytes per word plus ~48 per known slip. A stored signature depends on what was
    seen before it, so day-by-day batches can differ from one big batch; with
    ``correct_typos=False`` (and ``strip_boilerplate=False``) they are identical.
    """

    def __init__(
        self,
        threshold: float = 0.8,
        num_perm: int = 128,
        ngram: int = 5,
        seed: int = 1,
        scheme: str = "oph",
        strip_boilerplate: bool = True,
        *,
        bands: Optional[Tuple[int, int]] = None,
        weights: Tuple[float, float] = (0.05, 0.95),
        min_docs: int = 3,
        story_similarity: float = 0.5,
        max_bucket: int = 1024,
        max_lines: int = 1_000_000,
        correct_typos: bool = True,
        max_words: int = 1_000_000,
        n_jobs: Optional[int] = None,
    ):
        hasher = MinHasher(num_perm=num_perm, ngram=ngram, seed=seed, scheme=scheme)
        params = index_params(
            hasher.num_perm,
            threshold=threshold,
            ngram=hasher.ngram,
            strip_boilerplate=strip_boilerplate,
            bands=bands,
            weights=weights,
            min_docs=min_docs,
            story_similarity=story_similarity,
            max_bucket=max_bucket,
            max_lines=max_lines,
            correct_typos=correct_typos,
            max_words=max_words,
        )
        impl = _core.DedupIndex(params, hasher._impl)
        self._setup(impl, hasher, n_jobs)

    def _setup(self, impl: Any, hasher: MinHasher, n_jobs: Optional[int]) -> None:
        self._impl = impl
        self._hasher = hasher
        self._n_jobs = resolve_n_jobs(n_jobs)
        self._lock = threading.RLock()

    # ------------------------------------------------------------------ adding

    def add_batch(self, texts: Any, ids: Optional[Iterable[Id]] = None, keep: str = "first") -> pd.DataFrame:
        """Deduplicates ``texts`` against the index and within the batch, then stores the kept ones.

        ``ids``: one str or int per text (URLs are typical), unique among stored documents
        and within the batch (:class:`DuplicateIdError` otherwise, and nothing changes).
        Default: ints counting every text ever added, skipping any int stored as an id, so
        automatic ids never collide with explicit int ids of earlier batches (an id freed by
        :meth:`remove` may be handed out again).
        Missing texts (None, NaN, ``pd.NA``, ``pd.NaT``) count as empty: kept, never matching anything.

        Returns one row per text, indexed like ``texts`` (the Series' own index when it is a
        pandas Series, so the frame joins back onto the caller's rows; else 0 .. n-1):
        ``id``, ``cluster_id`` (shared by a kept copy and its
        duplicates, across batches), ``duplicate_of`` (id of the kept copy, None when kept),
        ``similarity`` (estimated Jaccard with the most similar stored member of the cluster, NaN when kept),
        ``is_duplicate``, ``in_history`` (the kept copy came from an earlier batch),
        ``empty`` and ``boilerplate_lines`` (chrome lines stripped before comparing).

        ``keep="longest"``: a story first seen in this batch is represented by its longest
        copy in the batch (UTF-8 bytes, ties to the earliest), which is stored; the other
        copies, the first one included, become its duplicates (their similarity is then to
        that copy). A story kept in an earlier batch stays represented by its stored copy.
        """
        keep_rule = enum_member(_core.Keep, "keep", keep)
        items = as_text_list(texts)
        with self._lock:
            if ids is None:
                id_list: List[Id] = self._automatic_ids(len(items))
            else:
                id_list = list(ids)
                if len(id_list) != len(items):
                    raise ValueError(f"ids has {len(id_list)} items but texts has {len(items)}")
            keys = [_key(v, i) for i, v in enumerate(id_list)]
            try:
                out = self._impl.add_batch(items, keys, self._n_jobs, keep_rule)
            except _core.DuplicateIdError as exc:
                raise _duplicate_error(exc, id_list) from None
        dup = [None if k is None else _id(k) for k in out["duplicate_of"]]
        similarity = out["similarity"].copy()
        is_dup = np.array([d is not None for d in dup], dtype=bool)
        similarity[~is_dup] = np.nan
        rows = input_index(texts)
        if rows is None:
            rows = pd.RangeIndex(len(id_list))
        return pd.DataFrame(
            {
                # object columns as given: None stays None (pandas would infer str and NaN)
                "id": pd.Series(id_list, dtype=object, index=rows),
                "cluster_id": out["cluster_id"],
                "duplicate_of": pd.Series(dup, dtype=object, index=rows),
                "similarity": similarity,
                "is_duplicate": is_dup,
                "in_history": out["in_history"].astype(bool),
                "empty": out["empty"].astype(bool),
                "boilerplate_lines": out["stripped_lines"].astype(np.int64),
            },
            index=rows,
        )

    def _automatic_ids(self, n: int) -> List[Id]:
        # Counting from documents_added alone would hand out an int some earlier batch gave as
        # its own id (explicit ids [5, 6], then ten texts without: 2 .. 11 holds 5 and 6).
        contains = self._impl.contains
        out: List[Id] = []
        start = int(self._impl.documents_added)
        while len(out) < n:
            end = start + n - len(out)
            out += [i for i in range(start, end) if not contains(b"i%d" % i)]  # _key's form of an int
            start = end
        return out

    # ------------------------------------------------------------------ asking

    def query(self, text: str) -> List[Match]:
        """Clusters with a stored document at or above the threshold, most similar first
        (nothing is added): one :class:`Match` per cluster, with its kept copy's id and the
        similarity of its most similar member."""
        if not isinstance(text, str):
            raise TypeError(f"text must be str, not {type(text).__name__} (use query_batch for many texts)")
        with self._lock:
            _which, keys, sim = self._impl.query([text], self._n_jobs)
        return [Match(_id(k), float(s)) for k, s in zip(keys, sim.tolist())]

    def query_batch(self, texts: Any) -> pd.DataFrame:
        """Matches for many texts at once: rows (``query`` position, ``id``, ``similarity``),
        most similar first per query; texts without a match have no row."""
        items = as_text_list(texts)
        with self._lock:
            which, keys, sim = self._impl.query(items, self._n_jobs)
        return pd.DataFrame({"query": which, "id": pd.Series([_id(k) for k in keys], dtype=object), "similarity": sim})

    def remove(self, ids: Iterable[Id]) -> int:
        """Removes stored documents by id; KeyError names the first unknown id (nothing is
        removed then). Duplicates are stored too and can be removed like kept copies; removing
        a cluster's kept copy makes its earliest remaining member the kept copy (the cluster
        id stays), so later copies of the story still join it."""
        id_list = [ids] if isinstance(ids, (str, int)) else list(ids)
        keys = [_key(v, i) for i, v in enumerate(id_list)]
        with self._lock:
            try:
                return int(self._impl.remove(keys))
            except KeyError as exc:
                at = exc.index  # type: ignore[attr-defined]  # set by the core with the position
                raise KeyError(f"ids[{at}] = {id_list[at]!r} is not in the index") from None

    def __len__(self) -> int:
        with self._lock:
            return len(self._impl)

    def __contains__(self, id_: Any) -> bool:
        try:
            key = _key(id_, 0)
        except TypeError:
            return False
        with self._lock:
            return bool(self._impl.contains(key))

    def ids(self) -> List[Id]:
        """Ids of the stored documents (kept copies and duplicates), oldest first."""
        with self._lock:
            return [_id(k) for k in self._impl.keys()]

    @property
    def params(self) -> Dict[str, Any]:
        """The parameters the index was built with (all of them are saved with it)."""
        p = dict(self._impl.params)
        p["scheme"] = p["scheme"].name
        p["bands"] = tuple(p["bands"])
        return p

    @property
    def memory_bytes(self) -> int:
        """Approximate bytes held by the index's C++ state."""
        with self._lock:
            return int(self._impl.memory_bytes)

    def stats(self) -> Dict[str, int]:
        """Counts: stored documents, documents ever added, clusters, line statistics, chrome
        lines, counted words."""
        with self._lock:
            return self._stats()

    def _stats(self) -> Dict[str, int]:
        return {
            "documents": len(self._impl),
            "documents_added": int(self._impl.documents_added),
            "clusters": int(self._impl.next_cluster),
            "lines": int(self._impl.line_count),
            "boilerplate_lines": int(self._impl.boilerplate_count),
            "words": int(self._impl.word_count),
            "memory_bytes": int(self._impl.memory_bytes),
        }

    def __repr__(self) -> str:
        p = self.params
        return (
            f"DedupIndex({len(self)} documents, threshold={p['threshold']}, num_perm={p['num_perm']}, "
            f"ngram={p['ngram']}, seed={p['seed']}, scheme={p['scheme']!r})"
        )

    # ------------------------------------------------------------------ persistence

    def save(self, path: PathLike) -> None:
        """Writes the index to ``path`` atomically: a temporary file in the same directory is
        written, fsynced and renamed over ``path`` (then the directory is fsynced). If
        anything fails (full disk, crash, kill), the previous file at ``path`` is intact.
        Removed documents are not written. The format is described in cpp/include/warta/store.hpp."""
        target = os.fspath(path)
        with self._lock:
            self._impl.save(target, self._fail_after_bytes)

    #: test hook: make save fail with ENOSPC after this many bytes (0 = never)
    _fail_after_bytes = 0

    @staticmethod
    def read_header(path: PathLike) -> Dict[str, Any]:
        """Parameters and counts from an index file's header, without loading it."""
        header = _core.read_index_header(os.fspath(path))
        header["scheme"] = header["scheme"].name
        header["bands"] = tuple(header["bands"])
        return header

    @classmethod
    def load(cls, path: PathLike, *, n_jobs: Optional[int] = None, **expected: Any) -> DedupIndex:
        """Loads an index saved by :meth:`save`.

        Keyword arguments (``threshold``, ``num_perm``, ``ngram``, ``seed``, ``scheme``,
        ``strip_boilerplate``) state what the caller expects; a file built with other values
        raises ValueError instead of giving answers for other parameters. A truncated,
        corrupted or foreign file raises :class:`IndexFormatError`.
        """
        unknown = sorted(set(expected) - set(_CHECKED_PARAMS))
        if unknown:
            raise TypeError(f"unknown parameter(s) {unknown}; load checks only {list(_CHECKED_PARAMS)}")
        target = os.fspath(path)
        header = cls.read_header(target)
        for name, want in expected.items():
            if want is None:
                continue
            have = header[name]
            same = SCHEMES.get(want) == SCHEMES[have] if name == "scheme" else want == have
            if not same:
                raise ValueError(
                    f"{target} was built with {name}={have!r} but {name}={want!r} was asked for; "
                    f"load it without {name}= (or with {name}={have!r}), or build a new index"
                )
        hasher = MinHasher(
            num_perm=header["num_perm"], ngram=header["ngram"], seed=header["seed"], scheme=header["scheme"]
        )
        self = cls.__new__(cls)
        self._setup(_core.load_index(target, hasher._impl), hasher, n_jobs)
        return self
