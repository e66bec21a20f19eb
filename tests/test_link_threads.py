"""One EntityLinker shared by many Python threads gives the same answers as alone, and Ctrl-C
stops a long link_batch."""

import textwrap
from concurrent.futures import ThreadPoolExecutor

import pandas as pd
from _sigint import assert_sigint_stops

import warta

TEXTS = [
    "Gubernur Banten Andra Soni dan Wabup Serang Najib Hamas meninjau Pemkab Serang.",
    "Pak Gubernur hadir di Banten. Andra Sony menyapa warga.",
    "Wali Kota Tangerang Selatan Benyamin Davnie. Ben meminta ASN disiplin.",
] * 40


def test_shared_linker_from_threads():
    linker = warta.EntityLinker()
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


SCRIPT = textwrap.dedent(
    """
    import warta
    linker = warta.EntityLinker()
    texts = ["Gubernur Banten Andra Soni meninjau Pemkab Serang dan Kota Cilegon. " * 200] * 200_000
    print("start", flush=True)
    linker.link_batch(texts, n_jobs=2)
    print("done", flush=True)
    """
)


def test_sigint_interrupts_link_batch():
    assert_sigint_stops(SCRIPT, wait=1.0)
