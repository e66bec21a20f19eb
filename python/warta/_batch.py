"""Turning the many shapes a batch of texts arrives in into one Python list."""

from __future__ import annotations

from collections.abc import Mapping, Set
from typing import Any, List, Optional

import numpy as np
import pandas as pd


def as_text_list(texts: Any, what: str = "texts") -> List[Any]:
    """A list of the items of ``texts``: list/tuple/iterable of str, numpy array, pandas
    Series/Index or pyarrow (chunked) array. Element checks (str or missing) happen in C++.
    A str, bytes, dict (any mapping), set or DataFrame is a TypeError saying what to pass."""
    if isinstance(texts, str):
        raise TypeError(f"{what} must be a collection of str, not a single str (wrap it in a list)")
    if isinstance(texts, (bytes, bytearray)):
        raise TypeError(f"{what} must be a collection of str, not bytes")
    # Iterating these gives something other than the texts in a fixed order: a dict gives its
    # keys (url -> text and text -> count are both common, so neither is guessed), a set has
    # no order to report results in, a DataFrame gives its column names.
    if isinstance(texts, Mapping):
        raise TypeError(
            f"{what} is a {type(texts).__name__}, whose iteration gives its keys: pass list(d.values()), or "
            "pd.Series(d) to keep the keys as the result's index"
        )
    if isinstance(texts, Set):
        raise TypeError(f"{what} is a {type(texts).__name__}, which has no order to match results to: pass a list")
    if isinstance(texts, pd.DataFrame):
        raise TypeError(f"{what} is a DataFrame: pass one column of it, e.g. df['text']")
    if isinstance(texts, list):
        return texts
    if isinstance(texts, tuple):
        return list(texts)
    if isinstance(texts, np.ndarray):
        if texts.ndim != 1:
            raise ValueError(f"{what} must be one-dimensional, got shape {texts.shape}")
        return texts.tolist()
    to_pylist = getattr(texts, "to_pylist", None)  # pyarrow Array / ChunkedArray
    if callable(to_pylist):
        return to_pylist()
    to_list = getattr(texts, "tolist", None)  # pandas Series / Index
    if callable(to_list):
        return list(to_list())
    try:
        return list(texts)
    except TypeError:
        raise TypeError(f"{what} must be an iterable of str, got {type(texts).__name__}") from None


def input_index(texts: Any) -> Optional[pd.Index]:
    """The caller's row labels when ``texts`` is a pandas Series (a DataFrame column), else
    None: results indexed by them join back onto the caller's frame, filtered or not."""
    return texts.index if isinstance(texts, pd.Series) else None


def labels_at(index: pd.Index, positions: np.ndarray) -> pd.Series:
    """``index``'s label at each position, missing where the position is -1. Integer labels
    stay integers (nullable ``Int64``, ``<NA>``); others keep their dtype's missing value."""
    missing = positions < 0
    taken = index.take(np.where(missing, 0, positions)) if len(positions) else index[:0]
    labels = pd.Series(taken.to_flat_index(), dtype=object) if isinstance(taken, pd.MultiIndex) else pd.Series(taken)
    if labels.dtype.kind in "iu":
        labels = labels.astype("Int64")
    return labels.where(~missing)


def resolve_n_jobs(n_jobs: Optional[int]) -> int:
    """0 means all cores in the C++ core."""
    if n_jobs is None or n_jobs == -1:
        return 0
    if isinstance(n_jobs, bool) or not isinstance(n_jobs, (int, np.integer)) or n_jobs < 1:
        raise ValueError(f"n_jobs must be None, -1 or a positive int, got {n_jobs!r}")
    return int(n_jobs)
