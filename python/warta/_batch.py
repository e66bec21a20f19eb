"""Turning the many shapes a batch of texts arrives in into one Python list."""

from __future__ import annotations

from typing import Any, List, Optional

import numpy as np


def as_text_list(texts: Any, what: str = "texts") -> List[Any]:
    """A list of the items of ``texts``: list/tuple/iterable of str, numpy array, pandas
    Series/Index or pyarrow (chunked) array. Element checks (str or None) happen in C++."""
    if isinstance(texts, str):
        raise TypeError(f"{what} must be a collection of str, not a single str (wrap it in a list)")
    if isinstance(texts, (bytes, bytearray)):
        raise TypeError(f"{what} must be a collection of str, not bytes")
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


def resolve_n_jobs(n_jobs: Optional[int]) -> int:
    """0 means all cores in the C++ core."""
    if n_jobs is None or n_jobs == -1:
        return 0
    if isinstance(n_jobs, bool) or not isinstance(n_jobs, (int, np.integer)) or n_jobs < 1:
        raise ValueError(f"n_jobs must be None, -1 or a positive int, got {n_jobs!r}")
    return int(n_jobs)
