"""Shared objects used from many Python threads at once (MinHasher, dedup, EntityLinker)
give the same answers as alone."""

from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd
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


TEXTS = [
    "Gubernur Banten Andra Soni dan Wabup Serang Najib Hamas meninjau Pemkab Serang.",
    "Pak Gubernur hadir di Banten. Andra Sony menyapa warga.",
    "Wali Kota Tangerang Selatan Benyamin Davnie. Ben meminta ASN disiplin.",
] * 40


def test_shared_linker_from_threads(default_linker):
    linker = default_linker
    dates = ["2025-06-01"] * len(TEXTS)
    expected = linker.link_batch(TEXTS, dates, n_jobs=1)
    expected_one = [(m.start, m.end, m.entity_id) for m in linker.link(TEXTS[1], "2025-06-01")]

    def work(k):
        if k % 2:
            return [(m.start, m.end, m.entity_id) for m in linker.link(TEXTS[1], "2025-06-01")] == expected_one
        got = linker.link_batch(TEXTS, dates, n_jobs=2)
        pd.testing.assert_frame_equal(got, expected)
        return True

    with ThreadPoolExecutor(max_workers=6) as pool:
        assert all(pool.map(work, range(24)))
