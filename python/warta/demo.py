"""The demo run behind ``make run``: dedup on a small generated batch."""

from __future__ import annotations

import time

import warta


def run_demo() -> int:
    story = (
        "SERANG - Gubernur Banten Andra Soni meresmikan jembatan baru di Kabupaten Serang pada Senin. "
        "Jembatan sepanjang 120 meter itu menghubungkan dua kecamatan yang selama ini terpisah sungai."
    )
    texts = [story, story.replace("SERANG -", "SERANG, (Kabar Banten) -"), "Berita lain tentang cuaca di Bandung hari ini."]
    t0 = time.perf_counter()
    res = warta.dedup(texts)
    print(res.to_pandas().to_string())
    print(f"{len(texts)} texts, {res.n_clusters} stories, {int(res.is_duplicate.sum())} duplicates "
          f"in {time.perf_counter() - t0:.3f}s")
    return 0
