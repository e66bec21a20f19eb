"""Keyword arguments into the compiled options types (``_core.DedupOptions``,
``_core.IndexParams``, ``_core.LinkerOptions``).

The checks themselves live in C++, once per options type (``validate()``, which names the
parameter, the allowed range and the value); this module only turns names into enum
members and reports a value of the wrong type by its parameter name, so ``warta.dedup``,
``warta.dask.dedup``, ``DedupIndex``, the linker and the CLI give the same errors.
"""

from __future__ import annotations

import numbers
from typing import Any, Optional, TypeVar

from . import _core

T = TypeVar("T")

# scheme names users may give -> the compiled enum ("legacy" is datasketch 2.0's name)
SCHEMES = {
    "oph": _core.Scheme.oph,
    "datasketch": _core.Scheme.datasketch,
    "legacy": _core.Scheme.datasketch,
    "affine32": _core.Scheme.affine32,
}


# measure="story" defaults, from the C++ options (one place states them).
STORY_MIN_JACCARD: float = _core.DedupOptions().min_jaccard
STORY_NUMBER_AGREEMENT: float = _core.DedupOptions().number_agreement
STORY_OPENING_BONUS: float = _core.DedupOptions().opening_bonus


def enum_member(enum: Any, name: str, value: Any, aliases: Optional[dict] = None) -> Any:
    """``value`` (a member or its name) as a member of ``enum``; ValueError naming ``name`` otherwise."""
    if isinstance(value, enum):
        return value
    members = aliases if aliases is not None else enum.__members__
    if isinstance(value, str) and value in members:
        return members[value]
    allowed = ", ".join(repr(k) for k in members)
    raise ValueError(f"{name} must be one of {allowed}, got {value!r}")


def _expected(current: Any) -> str:
    if isinstance(current, bool):
        return "True or False"
    if isinstance(current, int):
        return "a non-negative int"
    if isinstance(current, float):
        return "a number"
    if current is None or isinstance(current, tuple):
        return "None or a pair of numbers"
    return type(current).__name__


def fill(options: T, **values: Any) -> T:
    """Sets each field of ``options`` from ``values`` (unknown names: AttributeError)."""
    for name, value in values.items():
        current = getattr(options, name)
        try:
            setattr(options, name, value)
        except TypeError:
            numeric = isinstance(value, numbers.Real) and not isinstance(value, bool)
            raise (ValueError if numeric else TypeError)(
                f"{name} must be {_expected(current)}, got {value!r}"
            ) from None
    return options


def dedup_options(
    num_perm: int, *, keep: Any = "first", cluster: Any = "connected", measure: Any = "jaccard", **values: Any
) -> Any:
    """A validated ``_core.DedupOptions``; see :func:`warta.dedup` for the fields."""
    options = fill(
        _core.DedupOptions(),
        keep=enum_member(_core.Keep, "keep", keep),
        cluster=enum_member(_core.ClusterMode, "cluster", cluster),
        measure=enum_member(_core.Measure, "measure", measure),
        **values,
    )
    options.validate(num_perm)
    return options


def index_params(num_perm: int, **values: Any) -> Any:
    """A validated ``_core.IndexParams``; see :class:`warta.DedupIndex` for the fields."""
    params = fill(_core.IndexParams(), **values)
    params.validate(num_perm)
    return params


def linker_options(**values: Any) -> Any:
    """A validated ``_core.LinkerOptions``; see :class:`warta.EntityLinker` for the fields."""
    options = fill(_core.LinkerOptions(), **values)
    options.validate()
    return options
