# Type stubs for the compiled core. Users import the public names from `warta` instead.
from typing import Any, Dict, List, Sequence, Tuple

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
def shingle_hashes(text: str, ngram: int, seed: int) -> npt.NDArray[np.uint64]: ...
def optimal_bands(threshold: float, num_perm: int, fp_weight: float = 0.5, fn_weight: float = 0.5) -> Tuple[int, int]: ...
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
    keep: int,
    max_bucket: int,
    n_jobs: int,
) -> Dict[str, Any]: ...
