"""Peak memory of LSH candidate generation when copies of one story share most bands:
200,000 signatures in clusters of 50 identical ones, 41 bands x 2 rows (the story default's
banding), 2 threads.

    .venv/bin/python benchmarks/lsh_memory.py
"""

import resource
import time

import numpy as np
from warta import _core

rng = np.random.default_rng(1)
base = rng.integers(0, 2**32, size=(4000, 128), dtype=np.uint64).astype(np.uint32)
sig = np.repeat(base, 50, axis=0)  # 200,000 texts in clusters of 50 identical signatures
t = time.perf_counter()
c = _core.lsh_candidates(sig, 41, 2, 256, 2)
dt = time.perf_counter() - t
print(f"{len(c):,} pairs in {dt:.1f} s, peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
