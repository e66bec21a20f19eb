# Type stubs for the compiled core. Users import the public names from `warta` instead.
from typing import Any, Dict, List, Optional, Sequence, Tuple

import numpy as np
import numpy.typing as npt

class NormalizerOptions:
    case_fold: bool
    strip_accents: bool
    keep_numbers: bool
    def __init__(self) -> None: ...

class Normalizer:
    def __init__(self, case_fold: bool = True, strip_accents: bool = True, keep_numbers: bool = True) -> None: ...
    def tokenize(self, text: str) -> List[Tuple[str, int, int, int]]: ...
    def normalize(self, text: str) -> str: ...

class MinHasher:
    def __init__(
        self, scheme: int, num_perm: int, seed: int, a: npt.NDArray[np.uint64], b: npt.NDArray[np.uint64]
    ) -> None: ...
    @property
    def num_perm(self) -> int: ...
    @property
    def seed(self) -> int: ...
    def from_hashes32(self, hashes: npt.NDArray[np.uint32]) -> npt.NDArray[np.uint32]: ...
    def from_hashes64(self, hashes: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint32]: ...

def sign_texts(
    texts: Sequence[Any], hasher: MinHasher, ngram: int, seed: int, n_jobs: int
) -> Tuple[npt.NDArray[np.uint32], npt.NDArray[np.uint8]]: ...
def sign_hash_sets(
    hasher: MinHasher, flat: npt.NDArray[np.uint64], offsets: npt.NDArray[np.int64], wide: bool, n_jobs: int
) -> npt.NDArray[np.uint32]: ...
def sign_hash_list(hasher: MinHasher, sets: List[Any], n_jobs: int) -> npt.NDArray[np.uint32]: ...
def shingle_hashes(text: str, ngram: int, seed: int) -> npt.NDArray[np.uint64]: ...
def optimal_bands(threshold: float, num_perm: int, fp_weight: float = 0.5, fn_weight: float = 0.5) -> Tuple[int, int]: ...
def prepare_batch(
    texts: Sequence[Any],
    hasher: MinHasher,
    ngram: int,
    seed: int,
    strip_boilerplate: bool,
    min_docs: int,
    story_similarity: float,
    correct_typos: bool,
    n_jobs: int,
) -> Tuple[npt.NDArray[np.uint32], npt.NDArray[np.uint8], npt.NDArray[np.uint64], npt.NDArray[np.uint32]]: ...
def cluster_signatures(
    signatures: npt.NDArray[np.uint32],
    empty: npt.NDArray[np.uint8],
    length: npt.NDArray[np.uint64],
    threshold: float,
    bands: int,
    rows: int,
    fp_weight: float,
    fn_weight: float,
    keep: int,
    max_bucket: int,
    n_jobs: int,
    shingle_sets: Dict[int, npt.NDArray[np.uint64]] = ...,
    refine_sigmas: float = 0.0,
) -> Dict[str, Any]: ...
def close_documents(
    signatures: npt.NDArray[np.uint32],
    empty: npt.NDArray[np.uint8],
    threshold: float,
    bands: int,
    rows: int,
    fp_weight: float,
    fn_weight: float,
    max_bucket: int,
    n_jobs: int,
    refine_sigmas: float,
) -> npt.NDArray[np.uint32]: ...
def prepared_shingles(
    texts: Sequence[Any],
    hasher: MinHasher,
    ngram: int,
    seed: int,
    strip_boilerplate: bool,
    min_docs: int,
    story_similarity: float,
    correct_typos: bool,
    rows: List[int],
    n_jobs: int,
) -> List[npt.NDArray[np.uint64]]: ...
def lsh_candidates(
    signatures: npt.NDArray[np.uint32], bands: int, rows: int, max_bucket: int = 256, n_jobs: int = 0
) -> npt.NDArray[np.uint32]: ...
def dedup(
    texts: Sequence[Any],
    hasher: MinHasher,
    ngram: int,
    seed: int,
    threshold: float,
    bands: int,
    rows: int,
    fp_weight: float,
    fn_weight: float,
    strip_boilerplate: bool,
    min_docs: int,
    story_similarity: float,
    exact: bool,
    correct_typos: bool,
    keep: int,
    max_bucket: int,
    n_jobs: int,
    refine_sigmas: float = 3.0,
) -> Dict[str, Any]: ...

# ---- entity linking (cpp/bindings/link.cpp) ----

class EntityLinker:
    def __init__(
        self,
        entities: Sequence[Tuple[str, str, int, List[str], str, str, Optional[int], Optional[int]]],
        lexicon: Sequence[Tuple[str, str, int]],
        fuzzy: bool = True,
        fuzzy_min_similarity: float = 0.5,
    ) -> None: ...
    @property
    def pattern_count(self) -> int: ...
    def link(
        self, text: str, day: Optional[int] = None
    ) -> List[Tuple[int, int, int, int, float, str, List[int]]]: ...
    def link_batch(
        self, texts: Sequence[Any], days: Optional[Sequence[Optional[int]]] = None, n_jobs: int = 0
    ) -> Dict[str, npt.NDArray[Any]]: ...

class AliasMatcher:
    def __init__(self, aliases: Sequence[str], n_jobs: int = 0) -> None: ...
    @property
    def pattern_count(self) -> int: ...
    @property
    def memory_bytes(self) -> int: ...
    def find(self, text: str) -> List[Tuple[int, int, int]]: ...
    def find_batch(self, texts: Sequence[Any], n_jobs: int = 0) -> Dict[str, npt.NDArray[np.int64]]: ...

# --- incremental index (cpp/bindings/index.cpp; owned by the index branch) ---

class IndexFormatError(ValueError): ...

class DedupIndex:
    def __init__(
        self,
        hasher: MinHasher,
        threshold: float,
        ngram: int,
        strip_boilerplate: bool,
        bands: int,
        rows: int,
        min_docs: int,
        story_similarity: float,
        max_bucket: int,
        max_lines: int,
        correct_typos: bool,
        max_words: int,
    ) -> None: ...
    def add_batch(self, texts: Sequence[Any], ids: List[bytes], n_jobs: int, keep_longest: bool = False) -> Dict[str, Any]: ...
    def query(
        self, texts: Sequence[Any], n_jobs: int
    ) -> Tuple[npt.NDArray[np.int64], List[bytes], npt.NDArray[np.float64]]: ...
    def remove(self, ids: List[bytes]) -> int: ...
    def contains(self, key: bytes) -> bool: ...
    def keys(self) -> List[bytes]: ...
    def __len__(self) -> int: ...
    @property
    def params(self) -> Dict[str, Any]: ...
    @property
    def memory_bytes(self) -> int: ...
    @property
    def next_cluster(self) -> int: ...
    @property
    def documents_added(self) -> int: ...
    @property
    def line_count(self) -> int: ...
    @property
    def boilerplate_count(self) -> int: ...
    @property
    def word_count(self) -> int: ...
    def compact(self) -> None: ...
    def save(
        self, path: str, fail_after_bytes: int = 0, signature_revision: int = 0, format_version: int = 0
    ) -> None: ...

def read_index_header(path: str) -> Dict[str, Any]: ...
def load_index(path: str, hasher: MinHasher) -> DedupIndex: ...
