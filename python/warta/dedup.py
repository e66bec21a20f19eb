"""Batch near-duplicate detection: :func:`dedup` and its :class:`DedupResult`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional, Sequence, Tuple

import numpy as np
import pandas as pd

from . import _core
from ._batch import as_text_list, input_index, labels_at, resolve_n_jobs
from ._options import STORY_MIN_JACCARD, STORY_NUMBER_AGREEMENT, STORY_OPENING_BONUS, dedup_options
from .explain import NO_BOILERPLATE, Explanation, explain_with
from .minhash import MinHasher


@dataclass(frozen=True)
class DedupResult:
    """What :func:`dedup` found. Arrays have one entry per input text.

    - ``cluster_id``: equal ids = same story; ids count up from 0 in order of each
      cluster's first text.
    - ``duplicate_of``: -1 for the kept copy of its cluster, else the kept copy's index.
    - ``is_duplicate``: ``duplicate_of >= 0``.
    - ``pairs``: DataFrame of verified pairs ``(i, j, similarity)`` with ``i < j``.
    - ``empty``: texts with no words (None, "", whitespace or punctuation only); they never
      match anything and are their own cluster.
    - ``boilerplate_lines``: how many lines were stripped as site chrome from each text.
    - ``bands``: the LSH (bands, rows) used.
    - ``index``: the input's row labels when it was a pandas Series (a DataFrame column),
      else None; :meth:`to_pandas` indexes its rows by them.
    - ``texts``: the input texts (a reference to them, for :meth:`explain`), None from
      :func:`warta.dask.clusters`.

    Arrays and ``pairs`` count positions (0 .. n-1 in input order), never labels.
    """

    cluster_id: np.ndarray
    duplicate_of: np.ndarray
    is_duplicate: np.ndarray
    pairs: pd.DataFrame
    empty: np.ndarray
    boilerplate_lines: np.ndarray
    bands: Tuple[int, int]
    index: Optional[pd.Index] = field(default=None, repr=False, compare=False)
    # What explain() needs: the input texts (a reference, see explain) and how they were read.
    texts: Optional[Sequence[Any]] = field(default=None, repr=False, compare=False)
    _boilerplate: np.ndarray = field(default_factory=lambda: NO_BOILERPLATE, repr=False, compare=False)
    _shingling: Tuple[int, int] = field(default=(5, 1), repr=False, compare=False)

    def __len__(self) -> int:
        return len(self.cluster_id)

    def __repr__(self) -> str:  # short for terminals; notebooks show _repr_html_
        return (
            f"DedupResult({len(self):,} texts, {self.n_clusters:,} stories, "
            f"{int(self.is_duplicate.sum()):,} duplicates, {len(self.pairs):,} pairs)"
        )

    def _repr_html_(self) -> str:
        from .display import dedup_result_html

        return dedup_result_html(self)

    @property
    def n_clusters(self) -> int:
        return int(self.cluster_id.max()) + 1 if len(self.cluster_id) else 0

    def explain(self, i: int, j: int) -> Explanation:
        """Why texts ``i`` and ``j`` (positions) of the batch match, or not: as
        :func:`warta.explain`, with the chrome lines this batch stripped left out of both
        (``chrome_a`` / ``chrome_b`` say where they were) and ``similarity`` the value the
        pair was decided on (None when it is not in ``pairs``). Words are read as written
        (the batch's typo readings are not applied), so ``jaccard`` can differ a little from
        the batch's exact value where a copy had a slip.

        The result keeps a reference to the input texts for this (``texts``: the caller's
        str objects, not copies; a list is copied shallowly so later edits to it do not
        change what is explained). Results of :func:`warta.dask.clusters` hold no texts and raise.
        """
        if self.texts is None:
            raise ValueError("this result holds no texts to explain (warta.dask.clusters keeps them on the workers)")
        n = len(self)
        for name, k in (("i", i), ("j", j)):
            if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or not 0 <= k < n:
                raise IndexError(f"{name} must be a position in 0..{n - 1}, got {k!r}")
        a, b = sorted((int(i), int(j)))
        found = self.pairs[(self.pairs["i"] == a) & (self.pairs["j"] == b)]["similarity"]
        similarity = float(found.iloc[0]) if len(found) else None
        ngram, seed = self._shingling
        return explain_with(self.texts[i], self.texts[j], ngram, seed, self._boilerplate, similarity)

    def similarity_to_kept(self) -> np.ndarray:
        """Estimated similarity of each duplicate to its kept copy (NaN where the two were
        joined only through other copies, and for kept texts)."""
        out = np.full(len(self), np.nan)
        if len(self.pairs):
            i = self.pairs["i"].to_numpy()
            j = self.pairs["j"].to_numpy()
            s = self.pairs["similarity"].to_numpy()
            direct = self.duplicate_of[j] == i
            out[j[direct]] = s[direct]
            back = self.duplicate_of[i] == j  # kept copy later in the input (keep="longest")
            out[i[back]] = s[back]
        return out

    def to_pandas(self) -> pd.DataFrame:
        """One row per input text, indexed like the input: by the Series' own index when
        ``texts`` was a pandas Series (so ``df.join(res.to_pandas())`` aligns, also after
        filtering ``df``), else 0 .. n-1.

        Columns: ``cluster_id``, ``duplicate_of`` (the kept copy's *position*, -1 when kept,
        as the array ``duplicate_of``; use it with ``.iloc``), ``duplicate_of_label`` (the
        kept copy's *index label*, missing when kept; use it with ``.loc``: integer labels
        are a nullable ``Int64`` column), ``is_duplicate``, ``similarity``, ``empty``,
        ``boilerplate_lines``. Without a pandas input the two ``duplicate_of`` columns agree.
        """
        index = self.index if self.index is not None else pd.RangeIndex(len(self))
        frame = pd.DataFrame(
            {
                "cluster_id": self.cluster_id,
                "duplicate_of": self.duplicate_of,
                "is_duplicate": self.is_duplicate,
                "similarity": self.similarity_to_kept(),
                "empty": self.empty,
                "boilerplate_lines": self.boilerplate_lines,
            },
            index=index,
        )
        frame.insert(2, "duplicate_of_label", labels_at(index, self.duplicate_of).array)
        return frame


# Standard errors of an estimate from the threshold within which refine=True asks the exact Jaccard.
REFINE_SIGMAS = 3.0


STORY_THRESHOLD = 0.75  # containment, with measure="story" (chosen on tests/data/dedup_real's tune half)
JACCARD_THRESHOLD = 0.8  # with measure="jaccard": near-identical copies


def dedup(
    texts: Any,
    threshold: Optional[float] = None,
    num_perm: int = 128,
    ngram: int = 5,
    seed: int = 1,
    n_jobs: Optional[int] = None,
    strip_boilerplate: bool = True,
    *,
    scheme: str = "oph",
    keep: str = "first",
    cluster: str = "connected",
    measure: str = "story",
    min_jaccard: float = STORY_MIN_JACCARD,
    number_agreement: float = STORY_NUMBER_AGREEMENT,
    opening_bonus: float = STORY_OPENING_BONUS,
    exact: bool = False,
    refine: bool = True,
    correct_typos: bool = True,
    bands: Optional[Tuple[int, int]] = None,
    weights: Tuple[float, float] = (0.05, 0.95),
    max_bucket: int = 256,
    min_docs: int = 3,
    story_similarity: float = 0.5,
) -> DedupResult:
    """Find which texts of a batch are copies of the same story.

    What counts as a copy (``measure``):

    - ``"story"`` (default): republished copies of one story, trimmed, retitled or
      re-edited included. A pair's similarity is the containment of the smaller text's
      shingles in the larger (|A ∩ B| / min(|A|, |B|)) when the two also share a Jaccard of
      at least ``min_jaccard`` (0.35; below it, their Jaccard, which then cannot reach the
      threshold), and the pair is a match when that is ``>= threshold`` (default 0.75) and
      at least ``number_agreement`` (0.8) of the distinct words starting with a digit in the
      smaller text (prices, dates, scores) occur in the larger: a daily template series
      (gold prices, weather) repeats its words with other figures. Pairs whose Jaccard is
      0.8 or more are near-identical copies and skip the number check (sites stamp their own
      dates and times into a copy). The floor keeps a long
      roundup from swallowing every story it quotes. Two texts that *open alike* -- at
      least 0.4 of each one's first 400 characters lies in shingles the other has, and their
      Jaccard is at least 0.3 -- count their containment ``opening_bonus`` (0.15) higher:
      a republished copy keeps its source's lead, while a follow-up, a reaction or a roundup
      that reuses a story's paragraphs as background opens with its own news. So an edited
      copy that shares 0.6 of its shingles and its opening is grouped, a follow-up sharing
      0.7 of its background is not. ``opening_bonus=0`` turns this off. Chosen on real pairs
      labelled by reading (tests/data/dedup_real, tune and test halves; reported on its
      holdout; evaluation/RESULTS.md has the figures). The opening rule re-reads both texts of
      a pair, so it applies where the texts are at hand: ``warta.dedup`` and
      ``warta.dask.dedup`` (on the workers that hold them); ``DedupIndex`` (and so ``warta
      dedup`` on the command line), which keeps signatures and not texts, decides without it. With a high threshold meant for
      near-identical copies (0.9 and up), use ``measure="jaccard"`` or ``opening_bonus=0``:
      the bonus would carry a copy that opens alike over it.
    - ``"jaccard"``: near-identical copies, |A ∩ B| / |A ∪ B| ``>= threshold`` (default
      0.8): warta's behaviour before ``measure`` existed. Choose it to find re-scrapes and
      mirror copies only, or when a trimmed copy should stay its own row.

    Texts are normalized (ICU word breaks, NFKC, case folding, accents removed), cut into
    lines, shingled into word ``ngram``-grams within each line, and summarized by MinHash
    signatures of ``num_perm`` values (see :class:`MinHasher` for ``scheme``). LSH bands
    (chosen from ``threshold`` by minimizing ``weights`` = (false positive, false negative)
    areas, or given as ``bands=(b, r)``) propose candidate pairs. Candidates are verified,
    so the default weights favour recall: a pair at exactly the threshold becomes a candidate
    with probability ~0.95 at 0.8 (datasketch's equal weights give ~0.4); a pair is kept when its
    estimated Jaccard similarity (or the exact one, with ``exact=True``) is ``>= threshold``.
    With ``refine=True`` (default), a pair whose estimate lies within three standard errors
    of the threshold (sqrt(t(1-t)/num_perm): 0.035 at 0.8 and 128 values, so estimates in
    about [0.69, 0.91]) is decided by the exact Jaccard of its two shingle sets instead,
    rebuilt from the two texts; its ``similarity`` in ``pairs`` is then that exact value.
    Without it a pair whose true similarity is 0.83 is missed one time in five. A close pair
    whose texts are already joined by pairs well above the threshold keeps its estimate
    (its cluster cannot change). On 100,000 real-article texts refining costs ~1 s of 6.
    Kept pairs are joined into clusters; the kept copy is the first text of the cluster in
    input order, or the longest with ``keep="longest"``. ``cluster="connected"`` (default)
    joins every chain of pairs (union-find): A~B and B~C put A and C together even when A and
    C share little. ``cluster="star"`` does not chain: texts are taken in input order (longest
    first with ``keep="longest"``) and each joins the cluster of the first representative it
    has a verified pair with (a pair >= ``threshold`` with that representative itself), else
    becomes a representative. So every member's similarity to its kept copy is in ``pairs``
    and >= ``threshold``; with refinement every close pair is decided exactly (no shortcut
    through already joined texts), which costs some more shingle rebuilds.

    Boilerplate (``strip_boilerplate=True``): a line is site chrome when it occurs in at
    least ``min_docs`` texts of the batch and the texts that contain it are mostly different
    stories: fewer than half of up to 8 of them (the first in input order) have a partner
    among the others with a MinHash similarity of their full texts of at least
    ``story_similarity``. (A story's copies are mostly near-duplicates of each other, so one
    trimmed copy does not turn its paragraphs into chrome.) A press release's paragraphs repeated by sixty sites are
    therefore kept, while "Scroll untuk baca artikel" or a site's footer is dropped before
    signatures are compared. A text made only of chrome keeps all its lines.

    Retyped words (``correct_typos=True``): a word that occurs in only one text of the
    batch and is one edit (substitution, insertion, deletion, adjacent swap) away from a
    word of at least 4 characters used by several texts is shingled as that word, so a
    copy's slip ("meresmkan", "Andra Sony") does not break the five shingles around it.
    Ties go to the more common word. This costs one more tokenization pass.

    An LSH bucket with more than ``max_bucket`` texts (thousands of identical texts) is not
    expanded into all its pairs: each member is paired with the bucket's first 8 members,
    which keeps identical texts together in linear time; other bands still pair the rest.

    ``texts``: list/tuple/iterable of str, numpy array, pandas Series or pyarrow array.
    Missing values (None, NaN, ``pd.NA``, ``pd.NaT``) count as empty texts; any other non-str
    raises TypeError naming the index.
    Results do not depend on ``n_jobs`` (threads; None = all cores).
    """
    items = as_text_list(texts)
    hasher = MinHasher(num_perm=num_perm, ngram=ngram, seed=seed, scheme=scheme)
    if threshold is None:
        threshold = STORY_THRESHOLD if measure == "story" else JACCARD_THRESHOLD
    options = dedup_options(
        hasher.num_perm,
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
        exact=exact,
        refine_sigmas=REFINE_SIGMAS if refine else 0.0,
        correct_typos=correct_typos,
        keep=keep,
        cluster=cluster,
        max_bucket=max_bucket,
        n_jobs=resolve_n_jobs(n_jobs),
    )
    out = _core.dedup(items, hasher._impl, hasher.ngram, hasher.seed, options)
    kept = tuple(items)  # the caller's str objects; a shallow copy so later edits to a list do not change it
    return _result_from_core(out, input_index(texts), kept, (hasher.ngram, hasher.seed))


def _result_from_core(
    out: dict,
    index: Optional[pd.Index] = None,
    texts: Optional[Sequence[Any]] = None,
    shingling: Tuple[int, int] = (5, 1),
) -> DedupResult:
    duplicate_of = out["duplicate_of"]
    pairs = pd.DataFrame({"i": out["pair_i"], "j": out["pair_j"], "similarity": out["pair_similarity"]})
    return DedupResult(
        cluster_id=out["cluster_id"],
        duplicate_of=duplicate_of,
        is_duplicate=duplicate_of >= 0,
        pairs=pairs,
        empty=np.asarray(out["empty"]).astype(bool),
        boilerplate_lines=np.asarray(out["stripped_lines"]).astype(np.int64),
        bands=tuple(out["bands"]),
        index=index,
        texts=texts,
        _boilerplate=out.get("boilerplate", NO_BOILERPLATE),
        _shingling=shingling,
    )
