"""Titles alone on 60 unseen real articles: the 84 bare titles marked by reading in
tests/data/link_titles (see its GUIDELINE.md), against the default gazetteer's person links.

    .venv/bin/python evaluation/link_titles.py [--list]

Recall: of the marks whose person is in the gazetteer, those a person link with that entity
overlaps. Wrong: person links overlapping a mark of another person, a generic, former-unknown
or foreign title, or a person the gazetteer lacks. Person links on unmarked spans are not
judged here (names, mostly).
"""

from __future__ import annotations

import argparse
import collections
import csv
import gzip
import json
import os
from pathlib import Path

import warta

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO / "tests" / "data" / "link_titles"
DATA = Path(os.environ.get("WARTA_SHARED_DATA", REPO.parent / "shared" / "data"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--list", action="store_true", help="print each mark with what the linker made of it")
    args = ap.parse_args()
    marks = [json.loads(line) for line in open(GOLD / "titles.jsonl", encoding="utf-8")]
    with open(GOLD / "articles.csv", encoding="utf-8") as f:
        dates = {r["id"]: r["date"] for r in csv.DictReader(f)}
    with gzip.open(DATA / "news" / "click-id.jsonl.gz", "rt", encoding="utf-8") as f:
        texts = {d["id"]: d["text"] for d in map(json.loads, f) if d["id"] in dates}
    linker = warta.EntityLinker(warta.Gazetteer.default())
    links = {a: [m for m in linker.link(t, date=dates[a]) if m.label == "person"] for a, t in texts.items()}
    counts: collections.Counter = collections.Counter()
    for mark in marks:
        over = [m for m in links[mark["article"]] if m.start < mark["end"] and mark["start"] < m.end and m.entity_id]
        got = {m.entity_id for m in over}
        if mark["entity_id"]:
            counts["known"] += 1
            counts["found"] += mark["entity_id"] in got
        counts["wrong"] += len(got - {mark["entity_id"]})
        counts["links"] += len(got)
        if args.list:
            print(mark["kind"], repr(mark["text"]), "->", mark["entity_id"], "| linker:", sorted(got) or "-")
    recall = counts["found"] / max(1, counts["known"])
    precision = 1 - counts["wrong"] / max(1, counts["links"])
    print(f"marks: {len(marks)}, with a gazetteer person: {counts['known']}")
    print(f"title-only recall: {recall:.3f} ({counts['found']}/{counts['known']})")
    print(f"person links on marked titles: {counts['links']}, wrong {counts['wrong']} (precision {precision:.3f})")


if __name__ == "__main__":
    main()
