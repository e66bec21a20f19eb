"""An incremental near-duplicate index for batches of scraped news that lives for months.

Each new text is compared with every live document stored before (the history) and with the
earlier texts of its own batch. Every text is stored -- its MinHash signature (``num_perm``
32-bit values), cluster id, id, date, keep rank and provenance -- duplicates as members of
their cluster. A text that matches stored documents (``measure="story"``, the default: as
:func:`warta.dedup` decides same-story copies; ``measure="jaccard"``: estimated Jaccard
``>= threshold``) joins their cluster; when it matches documents of two or more clusters it merges
them and the oldest cluster id (the lowest) survives, so a cluster id handed out once only
ever disappears into an older one, and the batch's ``attrs["merges"]`` says so. These are
the connected components :func:`warta.dedup` finds (with ``refine=False``: the index keeps no
text to re-read), and adding texts one batch at a time or all at once gives the same
clusters (with ``strip_boilerplate=False`` and ``correct_typos=False``; see below).

Dates (``add_batch(dates=...)``) feed the keep rule ``"earliest"`` and the window:
``DedupIndex(window="90D")`` forgets documents dated more than 90 days before the newest
date stored, after each batch; :meth:`DedupIndex.expire` does it on demand. Forgotten
documents stop matching at once; their memory comes back when the index compacts (once an
eighth of its slots is dead).

Boilerplate: the index keeps the line statistics of every batch it has seen (bounded by
``max_lines``: when there are more distinct lines, the rarest are forgotten), so a site's
chrome learned from earlier batches is stripped from later ones and from queries. Stored
signatures are never recomputed (the index keeps no text), so a line recognised as chrome
only later is still part of the earlier documents' signatures: with ``strip_boilerplate=True``
day-by-day batches can differ from one big batch, where all chrome is known up front.

Memory per stored document at ``num_perm=128``: 512 bytes of signature, 16 bands x 8 to 12
bytes of LSH chains, 8 bytes of cluster id, 8 of date, 8 of keep rank, 12 of provenance, 8
of text hash plus its table entry, 16 per cluster for its kept copy, the id's bytes + ~16,
with ``measure="story"`` 4 bytes of shingle count and 8 per distinct number, plus the line
statistics (about 72 bytes per distinct line, at most ``max_lines``) and the word counts
(about 60 bytes per word, at most ``max_words``). ``idx.memory_bytes`` reports it;
benchmarks/RESULTS.md has the figure at a million documents.

Saving (:meth:`DedupIndex.save`) appends a segment of what changed since the last save and
switches a manifest atomically; see there.

Thread safety: one lock serializes all calls on an index (the C++ work inside each call
runs on all cores).
"""

from __future__ import annotations

import os
import threading
from typing import Any, Callable, Dict, Iterable, List, NamedTuple, Optional, Sequence, Tuple, Union
from urllib.parse import urlsplit

import numpy as np
import pandas as pd

from . import _core
from ._batch import as_text_list, input_index, resolve_n_jobs
from ._options import SCHEMES, STORY_MIN_JACCARD, STORY_NUMBER_AGREEMENT, enum_member, index_params
from .dedup import JACCARD_THRESHOLD, STORY_THRESHOLD
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
_CHECKED_PARAMS = ("measure", "threshold", "num_perm", "ngram", "seed", "scheme", "strip_boilerplate", "correct_typos")


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


Keep = Union[str, Sequence[str], Callable[[Dict[str, Any]], float]]


def _maybe_id(key: Any) -> Optional[Id]:
    return None if key is None else _id(key)


def _dates_ns(dates: Any, n: int) -> np.ndarray:
    """Nanoseconds since the epoch per text, INT64_MIN (NaT) where undated."""
    if dates is None:
        return np.full(n, np.iinfo(np.int64).min, dtype=np.int64)
    values = as_text_list(dates, "dates")
    if len(values) != n:
        raise ValueError(f"dates has {len(values)} items but texts has {n}")
    try:
        parsed = pd.to_datetime(pd.Series(values, dtype=object), utc=True, format="mixed")
    except (ValueError, TypeError) as exc:
        raise ValueError(f"dates: {exc}") from None
    return parsed.dt.tz_localize(None).to_numpy(dtype="datetime64[ns]").view(np.int64)


def _date_ns(value: Any, what: str) -> int:
    try:
        stamp = pd.Timestamp(value)
    except (ValueError, TypeError) as exc:
        raise ValueError(f"{what}: {exc}") from None
    if stamp is pd.NaT:
        raise ValueError(f"{what} is missing")
    if stamp.tzinfo is not None:
        stamp = stamp.tz_convert("UTC").tz_localize(None)
    return int(stamp.value)


def _window_ns(window: Any) -> int:
    if window is None:
        return 0
    try:
        delta = pd.Timedelta(window)
    except (ValueError, TypeError) as exc:
        raise ValueError(f"window must be a duration such as '90D' or a timedelta, got {window!r} ({exc})") from None
    if delta is pd.NaT or delta.value <= 0:
        raise ValueError(f"window must be a positive duration, got {window!r}")
    return int(delta.value)


def source_of(id_: Any) -> Optional[str]:
    """The host of a URL id without "www." ("https://www.kompas.com/a" -> "kompas.com"), else None."""
    if not isinstance(id_, str) or "//" not in id_:
        return None
    host = urlsplit(id_).hostname
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


def _priority(source: Optional[str], order: Sequence[str]) -> int:
    if source:
        source = source.lower()
        for rank, name in enumerate(order):
            name = name.lower()
            if source == name or source.endswith("." + name):
                return rank
    return len(order)


def _keep_ranks(
    keep: Keep, texts: List[Any], ids: List[Id], dates: np.ndarray, sources: Optional[Iterable[Optional[str]]]
) -> Tuple[Any, Optional[np.ndarray]]:
    """The core's keep rule and, for a priority list or a callable, each text's rank."""
    if isinstance(keep, str):
        return enum_member(_core.KeepRule, "keep", keep, _KEEP_NAMES), None
    source_list = [source_of(i) for i in ids] if sources is None else list(sources)
    if len(source_list) != len(texts):
        raise ValueError(f"sources has {len(source_list)} items but texts has {len(texts)}")
    if callable(keep):
        stamps = pd.to_datetime(dates)
        ranks = []
        for i, text in enumerate(texts):
            doc = {"id": ids[i], "text": text, "date": stamps[i], "source": source_list[i]}
            value = keep(doc)
            try:
                rank = float(value)
            except (TypeError, ValueError):
                raise TypeError(f"keep returned {value!r} for ids[{i}]; it must return a number") from None
            if rank != rank:
                raise ValueError(f"keep returned NaN for ids[{i}]")
            ranks.append(rank)
        return _core.KeepRule.rank, np.asarray(ranks, dtype=np.float64)
    if isinstance(keep, (list, tuple)) and all(isinstance(k, str) for k in keep):
        order = list(keep)
        return _core.KeepRule.rank, np.asarray([_priority(s, order) for s in source_list], dtype=np.float64)
    raise TypeError(
        f"keep must be 'first', 'longest', 'earliest', a list of sources or a callable, got {type(keep).__name__}"
    )


_UNDATED = int(np.iinfo(np.int64).min)

_KEEP_NAMES = {"first": _core.KeepRule.first, "longest": _core.KeepRule.longest, "earliest": _core.KeepRule.earliest}


class DedupIndex:
    """Incremental near-duplicate index; see the module documentation.

    ``threshold``, ``num_perm``, ``ngram``, ``seed``, ``scheme``, ``strip_boilerplate``,
    ``measure``, ``min_jaccard`` and ``number_agreement`` mean what they mean for
    :func:`warta.dedup`, defaults included: ``measure="story"`` (threshold 0.75) groups
    trimmed and edited republications as :func:`warta.dedup` does; ``measure="jaccard"``
    (threshold 0.8) finds near-identical copies only. ``window``: a duration
    (``"90D"``, a :class:`pandas.Timedelta` or :class:`datetime.timedelta`); documents dated
    more than that before the newest date stored expire after each batch. LSH bands are chosen from ``threshold``
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
        threshold: Optional[float] = None,
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
        measure: str = "story",
        min_jaccard: float = STORY_MIN_JACCARD,
        number_agreement: float = STORY_NUMBER_AGREEMENT,
        window: Any = None,
        n_jobs: Optional[int] = None,
    ):
        hasher = MinHasher(num_perm=num_perm, ngram=ngram, seed=seed, scheme=scheme)
        measure_member = enum_member(_core.Measure, "measure", measure)
        if threshold is None:
            threshold = STORY_THRESHOLD if measure_member == _core.Measure.story else JACCARD_THRESHOLD
        params = index_params(
            hasher.num_perm,
            measure=measure_member,
            min_jaccard=min_jaccard,
            number_agreement=number_agreement,
            window=_window_ns(window),
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

    def add_batch(
        self,
        texts: Any,
        ids: Optional[Iterable[Id]] = None,
        dates: Any = None,
        keep: Keep = "first",
        sources: Optional[Iterable[Optional[str]]] = None,
    ) -> pd.DataFrame:
        """Deduplicates ``texts`` against the index and within the batch, and stores them all.

        ``ids``: one str or int per text (URLs are typical), unique among stored documents
        and within the batch (:class:`DuplicateIdError` otherwise, and nothing changes).
        Default: ints counting every text ever added, skipping any int stored as an id, so
        automatic ids never collide with explicit int ids of earlier batches (an id freed by
        :meth:`remove` may be handed out again).
        Missing texts (None, NaN, ``pd.NA``, ``pd.NaT``) count as empty: kept, never matching anything.

        ``dates``: one publication date per text (anything :func:`pandas.to_datetime` reads:
        Timestamps, datetimes, ISO strings; missing: undated). Time-zone aware dates are
        taken in UTC, naive ones as they are. The window (``window=``) and ``keep="earliest"``
        use them.

        ``keep`` chooses each cluster's kept copy, the one ``duplicate_of`` names; a better copy
        arriving in a later batch takes over (the row's ``replaced`` names the copy it displaced):

        - ``"first"``: the first copy stored stays;
        - ``"longest"``: the longest text (UTF-8 bytes);
        - ``"earliest"``: the earliest date (undated copies last);
        - a list of sources, best first (e.g. ``["antaranews.com", "kompas.com"]``): a copy
          from an earlier-listed source wins; unlisted sources come after all listed ones. A
          document's source is ``sources[i]`` when given, else the host of its id when the id
          is a URL; ``"kompas.com"`` also covers ``"regional.kompas.com"``;
        - a callable, called once per text with a dict (``id``, ``text``, ``date``, ``source``)
          and returning a number: the lowest is kept, as a key for :func:`sorted`.

        Ties keep the copy kept already. Use one rule for the life of an index: a stored
        document keeps the rank its batch's rule gave it.

        Returns one row per text, indexed like ``texts`` (the Series' own index when it is a
        pandas Series, so the frame joins back onto the caller's rows; else 0 .. n-1):
        ``id``, ``cluster_id`` (shared by a story's copies, across batches; after this
        batch's merges), ``duplicate_of`` (id of the cluster's kept copy, None when this is
        it), ``similarity`` (with ``matched``; NaN when it matched none), ``is_duplicate``,
        ``in_history`` (the cluster existed before this batch), ``empty``,
        ``boilerplate_lines`` (chrome lines stripped before comparing), ``matched`` (the
        stored document this one resembled most: its provenance; None when none),
        ``matched_batch`` (the batch ``matched`` came in, counting from 1), ``replaced``
        (the kept copy of an earlier batch this one displaced) and ``date``.

        A text that matches documents of several clusters merges them; the oldest (lowest)
        cluster id survives. ``result.attrs`` holds ``batch`` (this batch's number),
        ``merges`` (a frame: ``cluster_id``, ``absorbed``, ``bridge``: the id whose text
        joined them), ``kept_changes`` (``cluster_id``, ``kept``, ``previous``) and
        ``expired`` (documents the window removed after the batch).
        """
        items = as_text_list(texts)
        n = len(items)
        date_ns = _dates_ns(dates, n)
        with self._lock:
            if ids is None:
                id_list: List[Id] = self._automatic_ids(n)
            else:
                id_list = list(ids)
                if len(id_list) != n:
                    raise ValueError(f"ids has {len(id_list)} items but texts has {n}")
            keys = [_key(v, i) for i, v in enumerate(id_list)]
            rule, ranks = _keep_ranks(keep, items, id_list, date_ns, sources)
            try:
                out = self._impl.add_batch(items, keys, self._n_jobs, None if dates is None else date_ns, rule, ranks)
            except _core.DuplicateIdError as exc:
                raise _duplicate_error(exc, id_list) from None
        return self._batch_frame(texts, id_list, date_ns, out)

    def _batch_frame(self, texts: Any, id_list: List[Id], date_ns: np.ndarray, out: Dict[str, Any]) -> pd.DataFrame:
        def ids_of(keys: List[Any]) -> List[Optional[Id]]:
            return [None if k is None else _id(k) for k in keys]

        dup = ids_of(out["duplicate_of"])
        matched = ids_of(out["matched"])
        similarity = out["similarity"].copy()
        similarity[[m is None for m in matched]] = np.nan
        rows = input_index(texts)
        if rows is None:
            rows = pd.RangeIndex(len(id_list))

        def objects(values: List[Any]) -> pd.Series:
            # object columns as given: None stays None (pandas would infer str and NaN)
            return pd.Series(values, dtype=object, index=rows)

        frame = pd.DataFrame(
            {
                "id": objects(id_list),
                "cluster_id": out["cluster_id"],
                "duplicate_of": objects(dup),
                "similarity": similarity,
                "is_duplicate": np.array([d is not None for d in dup], dtype=bool),
                "in_history": out["in_history"].astype(bool),
                "empty": out["empty"].astype(bool),
                "boilerplate_lines": out["stripped_lines"].astype(np.int64),
                "matched": objects(matched),
                "matched_batch": pd.array(
                    [b if m is not None else None for b, m in zip(out["matched_batch"].tolist(), matched)],
                    dtype="Int64",
                ),
                "replaced": objects(ids_of(out["replaced"])),
                "date": pd.to_datetime(date_ns),
            },
            index=rows,
        )
        events = [
            dict(e, **{k: _maybe_id(e[k]) for k in ("bridge", "kept", "previous") if k in e}) for e in out["events"]
        ]
        frame.attrs["batch"] = int(out["batch"])
        frame.attrs["merges"] = pd.DataFrame(
            [(e["cluster_id"], e["absorbed"], e["bridge"]) for e in events if e["kind"] == "merged"],
            columns=["cluster_id", "absorbed", "bridge"],
        )
        frame.attrs["kept_changes"] = pd.DataFrame(
            [(e["cluster_id"], e["kept"], e["previous"]) for e in events if e["kind"] == "kept_changed"],
            columns=["cluster_id", "kept", "previous"],
        )
        frame.attrs["expired"] = int(out["expired"])
        return frame

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

    def documents(self) -> pd.DataFrame:
        """The stored documents, oldest first, as they stand now (merges applied): ``id``,
        ``cluster_id``, ``is_kept`` (the cluster's kept copy), ``date``, ``batch`` (the
        add_batch it came in, counting from 1; 0 for documents of files saved before
        batches were counted)."""
        with self._lock:
            d = self._impl.documents()
        return pd.DataFrame(
            {
                "id": pd.Series([_id(k) for k in d["keys"]], dtype=object),
                "cluster_id": d["cluster_id"],
                "is_kept": d["kept"].astype(bool),
                "date": pd.to_datetime(d["date"]),
                "batch": d["batch"],
            }
        )

    @property
    def params(self) -> Dict[str, Any]:
        """The parameters the index was built with (all of them are saved with it)."""
        p = dict(self._impl.params)
        p["scheme"] = p["scheme"].name
        p["measure"] = p["measure"].name
        p["bands"] = tuple(p["bands"])
        p["window"] = pd.Timedelta(p["window"]) if p["window"] else None
        return p

    @property
    def memory_bytes(self) -> int:
        """Approximate bytes held by the index's C++ state (the sum of :attr:`memory_parts`)."""
        with self._lock:
            return int(self._impl.memory_bytes)

    @property
    def memory_parts(self) -> Dict[str, int]:
        """Bytes held by each part of the index: signatures, LSH bands, ids, clusters, dates
        and ranks, provenance, story counts and numbers, text hashes, line statistics, word
        counts, and the record of the last save."""
        with self._lock:
            return {k: int(v) for k, v in self._impl.memory_parts.items()}

    def stats(self) -> Dict[str, Any]:
        """Counts: live documents, slots held (removed ones until compaction), documents ever
        added, batches, live clusters, cluster ids handed out, merges recorded, the newest
        date stored, line statistics, chrome lines, counted words, memory bytes."""
        with self._lock:
            return self._stats()

    def _stats(self) -> Dict[str, Any]:
        impl = self._impl
        newest = int(impl.newest_date)
        return {
            "documents": len(impl),
            "slots": int(impl.slots),
            "documents_added": int(impl.documents_added),
            "batches": int(impl.batches),
            "clusters": int(impl.clusters),
            "cluster_ids": int(impl.next_cluster),
            "newest_date": None if newest == _UNDATED else pd.Timestamp(newest),
            "lines": int(impl.line_count),
            "boilerplate_lines": int(impl.boilerplate_count),
            "words": int(impl.word_count),
            "memory_bytes": int(impl.memory_bytes),
        }

    def expire(self, before: Any) -> int:
        """Removes the documents dated before ``before`` (a date as ``add_batch`` takes them);
        undated documents stay. They stop matching at once; their memory is returned when the
        index compacts (automatically once an eighth of its slots is removed). Returns how
        many were removed."""
        cutoff = _date_ns(before, "before")
        with self._lock:
            return int(self._impl.expire(cutoff))

    def history(self, id_: Id) -> pd.DataFrame:
        """What happened to a stored document, one row per event, oldest first: ``added``
        (its batch, date, the cluster it joined, the document it matched and how closely),
        then the merges of its cluster (``merged``: it absorbed ``other``; ``absorbed``: it
        was merged into ``other``) and changes of kept copy it took part in (``kept``: it
        became the kept copy in place of ``other``; ``replaced``: ``other`` took its place).
        Columns: ``batch``, ``event``, ``cluster_id``, ``other``, ``similarity``.
        KeyError for an id not stored (never added, removed or expired)."""
        key = _key(id_, 0)
        with self._lock:
            try:
                doc = self._impl.document(key)
            except KeyError:
                raise KeyError(f"{id_!r} is not in the index (never added, removed or expired)") from None
        rows = [
            (
                doc["batch"],
                "added",
                doc["stored_cluster"],
                _maybe_id(doc["matched"]),
                float(doc["matched_similarity"]) if doc["matched"] is not None else np.nan,
            )
        ]
        line = {doc["stored_cluster"]}
        for e in doc["events"]:
            if e["kind"] == "merged":
                if e["absorbed"] in line:
                    rows.append((e["batch"], "absorbed", e["absorbed"], e["cluster_id"], np.nan))
                    line.add(e["cluster_id"])
                else:
                    rows.append((e["batch"], "merged", e["cluster_id"], e["absorbed"], np.nan))
            elif _maybe_id(e["kept"]) == id_:
                rows.append((e["batch"], "kept", e["cluster_id"], _maybe_id(e["previous"]), np.nan))
            else:
                rows.append((e["batch"], "replaced", e["cluster_id"], _maybe_id(e["kept"]), np.nan))
        frame = pd.DataFrame(rows, columns=["batch", "event", "cluster_id", "other", "similarity"])
        frame.attrs["date"] = None if doc["date"] == _UNDATED else pd.Timestamp(doc["date"])
        frame.attrs["cluster_id"] = int(doc["cluster_id"])
        frame.attrs["kept_copy"] = _maybe_id(doc["kept_copy"])
        return frame

    def _repr_html_(self) -> str:
        from .display import index_html

        return index_html(self.stats(), self.params)

    def __repr__(self) -> str:
        p = self.params
        return (
            f"DedupIndex({len(self)} documents, threshold={p['threshold']}, num_perm={p['num_perm']}, "
            f"ngram={p['ngram']}, seed={p['seed']}, scheme={p['scheme']!r})"
        )

    # ------------------------------------------------------------------ persistence

    def save(self, path: PathLike) -> None:
        """Saves the index at ``path``, writing only what changed since it was last saved there.

        ``path`` holds a small manifest; beside it ``PATH.<n>.seg`` files hold the documents
        (one segment per save: those added since the previous save and the changes to older
        ones) and ``PATH.<n>.state`` what the index learned (line statistics and word counts,
        bounded by ``max_lines`` and ``max_words``). So saving a 10,000-document batch into a
        million-document index writes the batch, not the million. Every file is written to a
        temporary, fsynced and renamed; the manifest is switched last, atomically, so if
        anything fails (full disk, crash, kill) the previous state at ``path`` loads intact;
        files no manifest names are removed after the switch. A save writes everything again,
        as one segment of live documents, when ``path`` is not where this index was last saved
        or loaded, after a compaction, or beyond 64 segments; :meth:`compact` does so on
        purpose. Copy or move an index with all its files (``DedupIndex.files(path)``). The
        format is described in cpp/include/warta/store.hpp."""
        target = os.fspath(path)
        with self._lock:
            self._impl.save(target, self._fail_after_bytes)

    def compact(self, path: Optional[PathLike] = None) -> None:
        """Drops removed and expired documents from memory now (also done automatically once
        an eighth of the slots is removed) and, with ``path``, rewrites the saved index there
        as one segment (``warta index compact`` does this for a saved index)."""
        with self._lock:
            if path is None:
                self._impl.compact()
            else:
                _core.compact_index_files(self._impl, os.fspath(path))

    @staticmethod
    def files(path: PathLike) -> List[str]:
        """The files a saved index consists of: the manifest at ``path`` first, then its state
        file and segments (just ``path`` for an index saved by warta before segments)."""
        return list(_core.index_files(os.fspath(path)))

    #: test hook: make save fail with ENOSPC after this many bytes (0 = never)
    _fail_after_bytes = 0

    @staticmethod
    def read_header(path: PathLike) -> Dict[str, Any]:
        """Parameters and counts from an index file's header, without loading it."""
        header = _core.read_index_header(os.fspath(path))
        header["scheme"] = header["scheme"].name
        header["measure"] = header["measure"].name
        header["bands"] = tuple(header["bands"])
        return header

    @classmethod
    def load(cls, path: PathLike, *, n_jobs: Optional[int] = None, **expected: Any) -> DedupIndex:
        """Loads an index saved by :meth:`save`.

        Keyword arguments (``measure``, ``threshold``, ``num_perm``, ``ngram``, ``seed``, ``scheme``,
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
