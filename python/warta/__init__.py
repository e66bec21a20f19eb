"""warta: near-duplicate detection and entity linking for scraped news, on a C++ core.

Public names: :func:`dedup`, :class:`DedupResult`, :class:`MinHasher`, :class:`Normalizer`.
"""

__version__ = "0.1.0"

try:
    from . import _core  # noqa: F401
except ImportError as exc:  # pragma: no cover - only without a build
    raise ImportError(
        "warta's compiled core (warta._core) is missing or broken: build it with "
        "`make install` (or `pip install .`) from the source tree. Original error: " + str(exc)
    ) from exc

from .dedup import DedupResult, dedup
from .index import DedupIndex, DuplicateIdError, IndexFormatError, Match
from .minhash import MinHasher
from .text import Normalizer

__all__ = [
    "DedupIndex",
    "DedupResult",
    "DuplicateIdError",
    "IndexFormatError",
    "Match",
    "MinHasher",
    "Normalizer",
    "dedup",
    "__version__",
]
