"""Draw the articles of the real-news linking gold set (run once; its output is committed).

    python tests/data/link_real/sample.py > tests/data/link_real/articles.csv

From ../shared/data/news (21,935 real 2019 articles no one here wrote), 100 articles of
600-3,500 characters in four strata, by a seeded shuffle: 40 regional government (a
regional category and a regional title or body in the text), 25 national politics,
20 police and courts, 15 sport or entertainment (negatives: few officials, many names
that are not theirs). Each stratum alternates tune / test in draw order, so both halves
have the same mix; tuning may read only the tune half.

    python tests/data/link_real/sample.py --holdout >> tests/data/link_real/articles.csv

draws a second, later held-out set (split ``holdout``, 40 articles: 16 / 10 / 8 / 6 of the
same strata, another seed) from the articles not yet drawn: once the tune and test halves
had both been read while tuning, the holdout set is the one reported on.
"""

from __future__ import annotations

import gzip
import json
import os
import random
import re
import sys
from pathlib import Path

NEWS = Path(os.environ.get("WARTA_SHARED_DATA", Path(__file__).resolve().parents[4] / "shared" / "data")) / "news"

REGIONAL_TEXT = re.compile(r"\b(Bupati|Gubernur|Wali ?kota|Sekda|Pemkab|Pemprov|Pemkot|DPRD)\b", re.I)
STRATA = [
    (
        "regional",
        40,
        lambda r: (
            re.search(r"regional|daerah|nusantara|megapolitan|metro", r["category"], re.I)
            and REGIONAL_TEXT.search(r["text"])
        ),
    ),
    (
        "national",
        25,
        lambda r: (
            re.search(r"nasional|politik|news$|berita utama", r["category"], re.I)
            and re.search(r"\b(Presiden|Menteri|DPR|Jokowi|Wapres)\b", r["text"])
        ),
    ),
    (
        "police_courts",
        20,
        lambda r: (
            re.search(
                r"\b(Kapolri|Kapolda|Kapolres|Polda|Polres|KPK|Kejaksaan|"
                r"Pengadilan|jaksa|hakim)\b",
                r["text"],
            )
            and re.search(r"hukum|nasional|metro|peristiwa|news|regional", r["category"], re.I)
        ),
    ),
    (
        "sport_entertainment",
        15,
        lambda r: re.search(r"seleb|bola|sport|film|musik|tv|celebrity|entertainment", r["category"], re.I),
    ),
]


HOLDOUT_SHARE = 0.4  # 40 articles in the same proportions as the first 100


def main(holdout: bool) -> None:
    with gzip.open(NEWS / "click-id.jsonl.gz", "rt", encoding="utf-8") as f:
        rows = [json.loads(line) for line in f]
    rows = [r for r in rows if 600 <= len(r["text"]) <= 3500]
    taken: set = set()
    if holdout:
        with open(Path(__file__).resolve().parent / "articles.csv", encoding="utf-8") as f:
            taken = {line.split(",", 1)[0] for line in f}
    random.Random(20261207 if holdout else 20261202).shuffle(rows)
    if not holdout:
        print("id,source,date,stratum,split")
    for name, count, keep in STRATA:
        count = round(count * HOLDOUT_SHARE) if holdout else count
        drawn = [r for r in rows if r["id"] not in taken and keep(r)][:count]
        for k, r in enumerate(drawn):
            taken.add(r["id"])
            split = "holdout" if holdout else ("tune" if k % 2 == 0 else "test")
            print(f"{r['id']},{r['source']},{r['date']},{name},{split}")
    sys.stdout.flush()


if __name__ == "__main__":
    main("--holdout" in sys.argv[1:])
