"""Person-link precision on 90 unseen real articles: the 420 links judged by reading in
tests/data/link_precision (see its GUIDELINE.md), re-linked with today's linker.

    .venv/bin/python evaluation/link_precision.py [--list]

A judged link the linker still makes (same span, same person) counts by its verdict; links it
makes that were not judged (new spans, or another person on a judged span) are counted apart
and listed with --list, since no one has read them. Precision = correct / (correct + wrong)
over the judged links still made; "dropped" are judged links no longer made.
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
JUDGED = REPO / "tests" / "data" / "link_precision" / "judged.csv"
DATA = Path(os.environ.get("WARTA_SHARED_DATA", REPO.parent / "shared" / "data"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--list", action="store_true", help="print the unjudged links and the dropped correct ones")
    args = ap.parse_args()
    with open(JUDGED, encoding="utf-8") as f:
        judged = {(r["article"], int(r["start"]), int(r["end"]), r["entity_id"]): r for r in csv.DictReader(f)}
    articles = {k[0] for k in judged}
    with gzip.open(DATA / "news" / "click-id.jsonl.gz", "rt", encoding="utf-8") as f:
        docs = [d for d in map(json.loads, f) if d["id"] in articles]
    linker = warta.EntityLinker(warta.Gazetteer.default())
    made, unjudged = set(), []
    for d in docs:
        for m in linker.link(d["text"], date=d["date"][:10]):
            if m.label != "person" or not m.entity_id:
                continue
            key = (d["id"], m.start, m.end, m.entity_id)
            made.add(key)
            if key not in judged:
                unjudged.append((d["id"], m.text, m.entity_id, d["text"][max(0, m.start - 60) : m.end + 30]))
    kept = collections.Counter(r["verdict"] for k, r in judged.items() if k in made)
    dropped = collections.Counter(r["verdict"] for k, r in judged.items() if k not in made)
    wrong_kinds = collections.Counter(r["kind"] for k, r in judged.items() if k in made and r["verdict"] == "wrong")
    total = collections.Counter(r["verdict"] for r in judged.values())
    p = kept["correct"] / max(1, kept["correct"] + kept["wrong"])
    print(f"judged links: {len(judged)} ({total['correct']} correct, {total['wrong']} wrong)")
    print(f"still made: {kept['correct']} correct, {kept['wrong']} wrong -> precision {p:.3f}")
    print(f"dropped: {dropped['correct']} correct, {dropped['wrong']} wrong")
    print(f"wrong still made, by kind: {dict(wrong_kinds)}")
    print(f"unjudged links made: {len(unjudged)}")
    if args.list:
        for k, r in judged.items():
            if k not in made and r["verdict"] == "correct":
                print("DROPPED", r["link"], r["mention"], r["entity_id"])
        for u in unjudged:
            print("NEW", *u)


if __name__ == "__main__":
    main()
