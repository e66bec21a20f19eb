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

# ---- options (cpp/bindings/options.cpp); filled by warta/_options.py, checked by validate() ----

class Scheme:
    oph: Scheme
    datasketch: Scheme
    affine32: Scheme
    __members__: Dict[str, Scheme]
    @property
    def name(self) -> str: ...

class Keep:
    first: Keep
    longest: Keep
    __members__: Dict[str, Keep]
    @property
    def name(self) -> str: ...

class KeepRule:
    first: KeepRule
    longest: KeepRule
    earliest: KeepRule
    rank: KeepRule
    __members__: Dict[str, KeepRule]
    @property
    def name(self) -> str: ...

class ClusterMode:
    connected: ClusterMode
    star: ClusterMode
    __members__: Dict[str, ClusterMode]
    @property
    def name(self) -> str: ...

class Measure:
    jaccard: Measure
    story: Measure
    __members__: Dict[str, Measure]
    @property
    def name(self) -> str: ...

class EntityType:
    person: EntityType
    office: EntityType
    organization: EntityType
    place: EntityType
    __members__: Dict[str, EntityType]

class LexiconKind:
    title: LexiconKind
    acting: LexiconKind
    honorific: LexiconKind
    abbreviation: LexiconKind
    subdivision: LexiconKind
    given_name: LexiconKind
    __members__: Dict[str, LexiconKind]

class _MatchingFields:
    threshold: float
    bands: Optional[Tuple[int, int]]
    weights: Tuple[float, float]
    strip_boilerplate: bool
    min_docs: int
    story_similarity: float
    correct_typos: bool
    max_bucket: int

class DedupOptions(_MatchingFields):
    exact: bool
    refine_sigmas: float
    keep: Keep
    cluster: ClusterMode
    measure: Measure
    min_jaccard: float
    number_agreement: float
    opening_bonus: float
    n_jobs: int
    def __init__(self) -> None: ...
    def validate(self, num_perm: int) -> None: ...

class IndexParams(_MatchingFields):
    ngram: int
    max_lines: int
    max_words: int
    window: int
    measure: Measure
    min_jaccard: float
    number_agreement: float
    def __init__(self) -> None: ...
    def validate(self, num_perm: int) -> None: ...

class LinkerOptions:
    fuzzy: bool
    fuzzy_min_similarity: float
    def __init__(self) -> None: ...
    def validate(self) -> None: ...

class MinHasher:
    def __init__(
        self, scheme: Scheme, num_perm: int, seed: int, a: npt.NDArray[np.uint64], b: npt.NDArray[np.uint64]
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
    hasher: MinHasher, flat: npt.NDArray[np.uint64], offsets: npt.NDArray[np.int64], n_jobs: int
) -> npt.NDArray[np.uint32]: ...
def sign_hash_list(hasher: MinHasher, sets: List[Any], n_jobs: int) -> npt.NDArray[np.uint32]: ...
def shingle_hashes(text: str, ngram: int, seed: int) -> npt.NDArray[np.uint64]: ...
def optimal_bands(
    threshold: float, num_perm: int, fp_weight: float = 0.5, fn_weight: float = 0.5
) -> Tuple[int, int]: ...
def prepare_batch(
    texts: Sequence[Any],
    hasher: MinHasher,
    ngram: int,
    seed: int,
    options: DedupOptions,
    readings: Optional[Tuple[npt.NDArray[np.uint64], npt.NDArray[np.uint64]]] = None,
    chrome: Optional[npt.NDArray[np.uint64]] = None,
) -> Tuple[
    npt.NDArray[np.uint32],
    npt.NDArray[np.uint8],
    npt.NDArray[np.uint64],
    npt.NDArray[np.uint32],
    npt.NDArray[np.uint64],
    npt.NDArray[np.uint32],
    npt.NDArray[np.int64],
    npt.NDArray[np.uint64],
]: ...
def cluster_signatures(
    signatures: npt.NDArray[np.uint32],
    empty: npt.NDArray[np.uint8],
    length: npt.NDArray[np.uint64],
    text_hash: npt.NDArray[np.uint64],
    options: DedupOptions,
    shingle_sets: Dict[int, Tuple[npt.NDArray[np.uint64], npt.NDArray[np.uint32], int]],
    counts: npt.NDArray[np.uint32],
    number_offsets: npt.NDArray[np.int64],
    numbers: npt.NDArray[np.uint64],
) -> Dict[str, Any]: ...
def close_documents(
    signatures: npt.NDArray[np.uint32],
    empty: npt.NDArray[np.uint8],
    options: DedupOptions,
    counts: npt.NDArray[np.uint32],
) -> npt.NDArray[np.uint32]: ...
def prepared_shingles(
    texts: Sequence[Any],
    hasher: MinHasher,
    ngram: int,
    seed: int,
    options: DedupOptions,
    rows: List[int],
    readings: Optional[Tuple[npt.NDArray[np.uint64], npt.NDArray[np.uint64]]] = None,
    chrome: Optional[npt.NDArray[np.uint64]] = None,
) -> List[Tuple[npt.NDArray[np.uint64], npt.NDArray[np.uint32], int]]: ...

# ---- batch statistics computed in parts (cpp/bindings/batch_statistics.cpp) ----

WordCountArrays = Tuple[npt.NDArray[np.uint64], npt.NDArray[np.uint32], bytes, npt.NDArray[np.uint64]]

def word_counts(texts: Sequence[Any], ngram: int, seed: int, n_jobs: int = 0) -> WordCountArrays: ...
def merge_word_counts(parts: List[WordCountArrays]) -> WordCountArrays: ...
def spelling_readings(parts: List[WordCountArrays]) -> Tuple[npt.NDArray[np.uint64], npt.NDArray[np.uint64]]: ...
def batch_lines(
    texts: Sequence[Any],
    hasher: MinHasher,
    ngram: int,
    seed: int,
    readings: Optional[Tuple[npt.NDArray[np.uint64], npt.NDArray[np.uint64]]],
    n_jobs: int = 0,
) -> Tuple[npt.NDArray[np.uint32], npt.NDArray[np.uint64], npt.NDArray[np.uint64]]: ...
def chrome_lines(
    signatures: npt.NDArray[np.uint32],
    lines: npt.NDArray[np.uint64],
    offsets: npt.NDArray[np.uint64],
    options: DedupOptions,
) -> npt.NDArray[np.uint64]: ...
def lsh_candidates(
    signatures: npt.NDArray[np.uint32], bands: int, rows: int, max_bucket: int = 256, n_jobs: int = 0
) -> npt.NDArray[np.uint32]: ...
def dedup(texts: Sequence[Any], hasher: MinHasher, ngram: int, seed: int, options: DedupOptions) -> Dict[str, Any]: ...
def batch_boilerplate(
    texts: Sequence[Any], hasher: MinHasher, ngram: int, seed: int, options: DedupOptions
) -> npt.NDArray[np.uint64]: ...
def explain_pair(
    text_a: str, text_b: str, ngram: int, seed: int, boilerplate: npt.NDArray[np.uint64]
) -> Dict[str, Any]: ...

# ---- entity linking (cpp/bindings/link.cpp) ----

class EntityLinker:
    def __init__(
        self,
        entities: Sequence[Tuple[str, str, EntityType, List[str], str, str, Optional[int], Optional[int], str]],
        lexicon: Sequence[Tuple[str, str, LexiconKind]],
        options: LinkerOptions,
    ) -> None: ...
    @property
    def pattern_count(self) -> int: ...
    def link(self, text: str, day: Optional[int] = None) -> List[Tuple[int, int, int, int, float, str, List[int]]]: ...
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

# ---- incremental index (cpp/bindings/index.cpp) ----

class IndexFormatError(ValueError): ...

class DuplicateIdError(KeyError, ValueError):
    index: int
    within_batch: bool
    first: int

class DedupIndex:
    def __init__(self, params: IndexParams, hasher: MinHasher) -> None: ...
    def add_batch(
        self,
        texts: Sequence[Any],
        ids: List[bytes],
        n_jobs: int,
        dates: Optional[npt.NDArray[np.int64]] = None,
        keep: KeepRule = ...,
        ranks: Optional[npt.NDArray[np.float64]] = None,
    ) -> Dict[str, Any]: ...
    def document(self, key: bytes) -> Dict[str, Any]: ...
    def documents(self) -> Dict[str, Any]: ...
    def expire(self, before: int) -> int: ...
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
    def memory_parts(self) -> Dict[str, int]: ...
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
    @property
    def clusters(self) -> int: ...
    @property
    def batches(self) -> int: ...
    @property
    def slots(self) -> int: ...
    @property
    def newest_date(self) -> int: ...
    def compact(self) -> None: ...
    def save(
        self, path: str, fail_after_bytes: int = 0, signature_revision: int = 0, format_version: int = 0
    ) -> None: ...

def read_index_header(path: str) -> Dict[str, Any]: ...
def compact_index_files(index: DedupIndex, path: str) -> None: ...
def index_files(path: str) -> List[str]: ...

# ---- atomic outputs (cpp/bindings/atomic_file.cpp) ----

def create_temporary_beside(path: str) -> str: ...
def remove_stale_temporaries(path: str) -> int: ...
def load_index(path: str, hasher: MinHasher) -> DedupIndex: ...
