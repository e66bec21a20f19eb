"""Why two texts match: :func:`explain` and its :class:`Explanation`."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, NamedTuple, Optional, Tuple

import numpy as np
import pandas as pd

from . import _core
from ._options import dedup_options
from .minhash import MinHasher


class Passage(NamedTuple):
    """A passage both texts share: ``text_a[start_a:end_a]`` and ``text_b[start_b:end_b]``
    (Python str offsets into the original texts)."""

    start_a: int
    end_a: int
    start_b: int
    end_b: int


@dataclass(frozen=True)
class Explanation:
    """Similarities of two texts' shingle sets and the passages they share.

    - ``jaccard``: exact Jaccard similarity |A ∩ B| / |A ∪ B| of the distinct shingles,
      what :func:`warta.dedup` compares with ``threshold``.
    - ``containment``: |A ∩ B| / min(|A|, |B|): near 1 when the smaller text is mostly
      inside the larger (a trimmed copy), whatever its Jaccard.
    - ``shingles_a``, ``shingles_b``, ``shared``: the distinct shingle counts.
    - ``passages``: maximal runs of consecutive shingles the two texts share in the same
      order, longest (in ``text_a``) first, as :class:`Passage` offsets into both texts.
    - ``chrome_a``, ``chrome_b``: ``(start, end)`` spans of the lines left out as site
      chrome (empty unless boilerplate was stripped).
    - ``opening``: how alike the two texts open: of each text's first 400 characters, the
      share lying in shingles the other text has; the smaller of the two.
    - ``story``: the similarity ``measure="story"`` compares with its threshold at its
      default options: the containment when ``jaccard >= 0.35`` (``min_jaccard``), else the
      Jaccard; for two texts that open alike (``opening >= 0.4``, ``jaccard >= 0.3``) the
      containment plus 0.15 (``opening_bonus``), at most 1.
    - ``numbers_a``, ``numbers_b``: distinct words starting with a digit in each text;
      ``number_agreement``: the share of the smaller text's (by shingles) found in the
      larger (1.0 when it has none); ``measure="story"`` wants >= 0.8 below Jaccard 0.8.
    - ``similarity``: from :meth:`DedupResult.explain`, the similarity the batch decided
      the pair on (its ``pairs`` row; an estimate unless refined or ``exact=True``), or None
      when the two were not a verified pair; None from :func:`explain`.
    """

    jaccard: float
    containment: float
    shingles_a: int
    shingles_b: int
    shared: int
    passages: Tuple[Passage, ...]
    chrome_a: Tuple[Tuple[int, int], ...]
    chrome_b: Tuple[Tuple[int, int], ...]
    similarity: Optional[float] = None
    numbers_a: int = 0
    numbers_b: int = 0
    number_agreement: float = 1.0
    opening: float = 0.0
    story: float = 0.0
    # The two texts, for the notebook view (shared passages highlighted in both).
    text_a: Optional[str] = field(default=None, repr=False, compare=False)
    text_b: Optional[str] = field(default=None, repr=False, compare=False)

    def _repr_html_(self) -> str:
        from .display import explanation_html

        return explanation_html(self)


def _as_text(text: Any, name: str) -> str:
    """``text``, or "" for a missing value (None, NaN, ``pd.NA``, ``pd.NaT``) as in a batch."""
    if isinstance(text, str):
        return text
    if text is None or text is pd.NA or text is pd.NaT or (isinstance(text, float) and math.isnan(text)):
        return ""
    raise TypeError(f"{name} must be str or a missing value, got {type(text).__name__}")


def explain_with(
    text_a: Any, text_b: Any, ngram: int, seed: int, boilerplate: np.ndarray, similarity: Optional[float] = None
) -> Explanation:
    """:func:`explain` with the chrome line keys given (a batch's, from :func:`warta.dedup`)."""
    a, b = _as_text(text_a, "text_a"), _as_text(text_b, "text_b")
    out = _core.explain_pair(a, b, ngram, seed, boilerplate)
    return Explanation(
        jaccard=float(out["jaccard"]),
        containment=float(out["containment"]),
        shingles_a=int(out["shingles_a"]),
        shingles_b=int(out["shingles_b"]),
        shared=int(out["shared"]),
        passages=tuple(Passage(*(int(v) for v in row[:4])) for row in out["passages"]),
        chrome_a=tuple((int(s), int(e)) for s, e in out["chrome_a"]),
        chrome_b=tuple((int(s), int(e)) for s, e in out["chrome_b"]),
        similarity=similarity,
        numbers_a=int(out["numbers_a"]),
        numbers_b=int(out["numbers_b"]),
        number_agreement=float(out["number_agreement"]),
        opening=float(out["opening"]),
        story=float(out["story"]),
        text_a=a,
        text_b=b,
    )


NO_BOILERPLATE = np.zeros(0, dtype=np.uint64)


def explain(text_a: str, text_b: str, ngram: int = 5, strip_boilerplate: bool = False, *, seed: int = 1) -> Explanation:
    """Why ``text_a`` and ``text_b`` match (or not), shingled exactly as :func:`warta.dedup`
    shingles a text (ICU words, NFKC, case folding, accents removed; word ``ngram``-grams
    within sentences; datelines left out). Words are read as written: a batch's typo
    reading (``correct_typos``) is not applied.

    ``strip_boilerplate=True`` applies dedup's chrome rule to the two texts as a batch in
    which a line is chrome when both texts carry it and they are not the same story (MinHash
    similarity of their full texts under 0.5): a shared site footer is left out, a shared
    press-release paragraph is not. To see what a batch stripped, use
    :meth:`DedupResult.explain`.

    Missing values (None, NaN, ``pd.NA``) are empty texts; another non-str is a TypeError.
    """
    a, b = _as_text(text_a, "text_a"), _as_text(text_b, "text_b")
    hasher = MinHasher(ngram=ngram, seed=seed)
    boilerplate = NO_BOILERPLATE
    if strip_boilerplate:
        options = dedup_options(hasher.num_perm, strip_boilerplate=True, min_docs=2, correct_typos=False, n_jobs=1)
        boilerplate = _core.batch_boilerplate([a, b], hasher._impl, hasher.ngram, hasher.seed, options)
    return explain_with(a, b, hasher.ngram, hasher.seed, boilerplate)
