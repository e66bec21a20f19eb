"""Draws the person links judged in judged.csv: the default gazetteer's person links in 90
real articles of ../shared/data/news that are in no gold set of tests/data/link_real (a seeded
shuffle, at most 12 articles per publisher, articles with at least one person link), as the
linker of commit a7597a0 made them.

    .venv/bin/python tests/data/link_precision/sample.py OUT.jsonl

Each line: link id, article, date, span, mention, entity_id and the term shown. Readers judged
each link by reading the whole article (GUIDELINE.md); the figures are in evaluation/RESULTS.md.
"""

from __future__ import annotations

import collections
import gzip
import json
import os
import random
import sys
from pathlib import Path

import warta

REPO = Path(__file__).resolve().parents[3]
DATA = Path(os.environ.get("WARTA_SHARED_DATA", REPO.parent / "shared" / "data"))
SEED, ARTICLES, PER_SOURCE = 20261207, 90, 12


def draw():
    gold = {json.loads(line)["id"] for line in open(REPO / "tests" / "data" / "link_real" / "gold.jsonl")}
    with gzip.open(DATA / "news" / "click-id.jsonl.gz", "rt", encoding="utf-8") as f:
        docs = [json.loads(line) for line in f]
    pool = [d for d in docs if d["id"] not in gold]
    random.Random(SEED).shuffle(pool)
    linker = warta.EntityLinker(warta.Gazetteer.default())
    per_source: collections.Counter = collections.Counter()
    drawn = 0
    for d in pool:
        if drawn == ARTICLES:
            break
        if per_source[d["source"]] == PER_SOURCE:
            continue
        persons = [m for m in linker.link(d["text"], date=d["date"][:10]) if m.label == "person" and m.entity_id]
        if not persons:
            continue
        drawn += 1
        per_source[d["source"]] += 1
        yield d, persons


def main() -> None:
    n = 0
    with open(sys.argv[1], "w", encoding="utf-8") as out:
        for d, persons in draw():
            for m in persons:
                p = m.position
                term = f"{p.office} {p.region or ''} {p.start}..{p.end}" if p else ""
                row = {
                    "link": f"L{n:04d}",
                    "article": d["id"],
                    "date": d["date"][:10],
                    "start": m.start,
                    "end": m.end,
                    "mention": m.text,
                    "entity_id": m.entity_id,
                    "position": term,
                }
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
                n += 1


if __name__ == "__main__":
    main()
