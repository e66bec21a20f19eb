"""warta: near-duplicate detection and entity linking for scraped news, on a C++ core.

Public names: :func:`dedup`, :class:`DedupResult`, :class:`MinHasher`, :class:`Normalizer`,
:class:`Gazetteer`, :func:`explain`, :class:`Explanation`, :class:`EntityLinker`, :class:`Mention`.
"""

__version__ = "0.1.0"


from ._load import core_import_problem as _core_import_problem

try:
    from . import _core  # noqa: F401
except ImportError as exc:  # pragma: no cover - only without a working build
    raise ImportError(_core_import_problem(exc)) from exc

from .dedup import DedupResult, dedup
from .explain import Explanation, Passage, explain
from .gazetteer import Gazetteer, GazetteerError, Lexicon
from .index import DedupIndex, DuplicateIdError, IndexFormatError, Match
from .link import EntityLinker, Mention, Mentions
from .minhash import MinHasher
from .positions import Position
from .text import Normalizer

__all__ = [
    "DedupResult",
    "MinHasher",
    "Normalizer",
    "dedup",
    "explain",
    "Explanation",
    "Passage",
    "EntityLinker",
    "Gazetteer",
    "GazetteerError",
    "Lexicon",
    "Mention",
    "Mentions",
    "Position",
    "DedupIndex",
    "DuplicateIdError",
    "IndexFormatError",
    "Match",
    "__version__",
]
