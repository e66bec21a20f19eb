"""Draw the articles of the real-news linking gold set (run once; its output is committed).

    python tests/data/link_real/sample.py > tests/data/link_real/articles.csv

From ../shared/data/news (21,935 real 2019 articles no one here wrote), 100 articles of
600-3,500 characters in four strata, by a seeded shuffle: 40 regional government (a
regional category and a regional title or body in the text), 25 national politics,
20 police and courts, 15 sport or entertainment (negatives: few officials, many names
that are not theirs). Each stratum alternates tune / test in draw order, so both halves
have the same mix; tuning may read only the tune half.
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


def main() -> None:
    with gzip.open(NEWS / "click-id.jsonl.gz", "rt", encoding="utf-8") as f:
        rows = [json.loads(line) for line in f]
    rows = [r for r in rows if 600 <= len(r["text"]) <= 3500]
    random.Random(20261202).shuffle(rows)
    taken: set = set()
    print("id,source,date,stratum,split")
    for name, count, keep in STRATA:
        drawn = [r for r in rows if r["id"] not in taken and keep(r)][:count]
        for k, r in enumerate(drawn):
            taken.add(r["id"])
            print(f"{r['id']},{r['source']},{r['date']},{name},{'tune' if k % 2 == 0 else 'test'}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
