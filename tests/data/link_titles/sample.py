"""Draws the articles of titles.jsonl: 60 real articles of ../shared/data/news in no other
gold set (tests/data/link_real, tests/data/link_precision), each with at least one word of a
regional or national head's title (seeded shuffle, at most 8 per publisher).

    .venv/bin/python tests/data/link_titles/sample.py OUT.csv
"""

from __future__ import annotations

import collections
import csv
import gzip
import json
import os
import random
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
DATA = Path(os.environ.get("WARTA_SHARED_DATA", REPO.parent / "shared" / "data"))
SEED, ARTICLES, PER_SOURCE = 20261208, 60, 8
TITLE = re.compile(
    r"\b(gubernur|bupati|wali ?kota|presiden|wakil presiden|wapres|wagub|wabup|menteri|sekda|kapolda|kapolri)\b", re.I
)


def taken() -> set:
    ids = {json.loads(line)["id"] for line in open(REPO / "tests" / "data" / "link_real" / "gold.jsonl")}
    with open(REPO / "tests" / "data" / "link_precision" / "judged.csv", encoding="utf-8") as f:
        ids |= {r["article"] for r in csv.DictReader(f)}
    return ids


def main() -> None:
    with gzip.open(DATA / "news" / "click-id.jsonl.gz", "rt", encoding="utf-8") as f:
        docs = [json.loads(line) for line in f]
    skip = taken()
    pool = [d for d in docs if d["id"] not in skip and TITLE.search(d["text"])]
    random.Random(SEED).shuffle(pool)
    per_source: collections.Counter = collections.Counter()
    with open(sys.argv[1], "w", encoding="utf-8", newline="") as out:
        w = csv.writer(out)
        w.writerow(["id", "source", "date"])
        n = 0
        for d in pool:
            if n == ARTICLES:
                break
            if per_source[d["source"]] == PER_SOURCE:
                continue
            per_source[d["source"]] += 1
            n += 1
            w.writerow([d["id"], d["source"], d["date"][:10]])


if __name__ == "__main__":
    main()
