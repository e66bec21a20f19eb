"""Shared objects used from many Python threads at once give the same answers as alone."""

from concurrent.futures import ThreadPoolExecutor

import numpy as np

import warta


def test_shared_minhasher_and_dedup_from_threads():
    rng = np.random.default_rng(1)
    words = [f"w{i}" for i in range(500)]
    texts = [" ".join(rng.choice(words, 80)) for _ in range(300)]
    mh = warta.MinHasher()
    expected_sigs = mh.signatures(texts, n_jobs=1)
    expected_ids = warta.dedup(texts + texts[:50], n_jobs=1).cluster_id

    def work(k):
        if k % 2:
            return np.array_equal(mh.signatures(texts, n_jobs=2), expected_sigs)
        return np.array_equal(warta.dedup(texts + texts[:50], n_jobs=2).cluster_id, expected_ids)

    with ThreadPoolExecutor(max_workers=6) as pool:
        assert all(pool.map(work, range(24)))
