"""Same-story deduplication measured on real news: the 345 labelled pairs of
tests/data/dedup_real (articles of ../shared/data/news read in full, see its GUIDELINE.md).

    .venv/bin/python evaluation/dedup_real.py [--split tune|test|dev|holdout|all] [--index] [dedup options as k=v]

All 21,935 articles are deduplicated in one batch, as a user runs a day's (or a season's)
scrape; a pair counts as grouped when both texts get one cluster id. Reported per stratum
(the similarity band the pair was drawn from): same-story recall (all same pairs, and those
neither partial nor ambiguous) and the share of different pairs grouped.

With ``--index`` the articles go through ``warta.DedupIndex`` instead, one batch per
publication date in date order (as a daily job runs), with their dates; the options are the
index's then, and a pair counts as grouped when the index holds both in one cluster at the end.
"""

from __future__ import annotations

import argparse
import collections
import csv
import gzip
import json
import os
import time
from pathlib import Path
from typing import Any, Dict, List, Optional

import warta

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO / "tests" / "data" / "dedup_real"
DATA = Path(os.environ.get("WARTA_SHARED_DATA", REPO.parent / "shared" / "data"))
STRATA = ["j80", "j60", "j40", "j20", "contained", "series", "sameday_low", "sameday_random"]


def load_pairs(split: str) -> List[Dict[str, str]]:
    with open(GOLD / "pairs.csv", encoding="utf-8") as f:
        pairs = {r["pair"]: r for r in csv.DictReader(f)}
    with open(GOLD / "labels.csv", encoding="utf-8") as f:
        labels = {r["pair"]: r for r in csv.DictReader(f)}
    out = [{**pairs[k], **labels[k]} for k in sorted(labels)]
    return [p for p in out if split == "all" or p["split"] == split or (split == "dev" and p["split"] != "holdout")]


def load_corpus() -> List[Dict[str, Any]]:
    with gzip.open(DATA / "news" / "click-id.jsonl.gz", "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def score(pairs: List[Dict[str, str]], cluster: Dict[str, int]) -> Dict[str, Any]:
    rows: Dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for p in pairs:
        grouped = cluster[p["a"]] == cluster[p["b"]]
        for key in (p["stratum"], "all"):
            c = rows[key]
            if p["label"] == "same":
                c["same"] += 1
                c["same_grouped"] += grouped
                if p["partial"] == "no" and p["ambiguous"] == "no":
                    c["clean"] += 1
                    c["clean_grouped"] += grouped
            else:
                c["different"] += 1
                c["different_grouped"] += grouped
    return rows


def ratio(a: int, b: int) -> str:
    return f"{a / b:.2f} ({a}/{b})" if b else "-"


def report(rows: Dict[str, collections.Counter], title: str) -> str:
    lines = [
        f"### {title}",
        "",
        "| stratum | same-story recall | clean same recall | different grouped |",
        "|---|---:|---:|---:|",
    ]
    for key in [*STRATA, "all"]:
        c = rows.get(key)
        if c:
            lines.append(
                f"| {key} | {ratio(c['same_grouped'], c['same'])} | {ratio(c['clean_grouped'], c['clean'])} | "
                f"{ratio(c['different_grouped'], c['different'])} |"
            )
    return "\n".join(lines) + "\n"


def parse_value(text: str) -> Any:
    for cast in (int, float):
        try:
            return cast(text)
        except ValueError:
            pass
    return {"true": True, "false": False}.get(text.lower(), text)


def main(argv: Optional[List[str]] = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=["tune", "test", "dev", "holdout", "all"], default="test")
    ap.add_argument("--index", action="store_true", help="DedupIndex, one batch per publication date")
    ap.add_argument("options", nargs="*", help="dedup keyword options, e.g. threshold=0.5 cluster=star")
    args = ap.parse_args(argv)
    options = dict(o.split("=", 1) for o in args.options)
    options = {k: parse_value(v) for k, v in options.items()}
    corpus = load_corpus()
    t0 = time.perf_counter()
    res = None
    if args.index:
        cluster, batches = index_clusters(corpus, options)
        what = f"warta.DedupIndex in {batches} daily batches"
    else:
        res = warta.dedup([r["text"] for r in corpus], **options)
        cluster = {r["id"]: int(c) for r, c in zip(corpus, res.cluster_id)}
        what = "warta.dedup"
    seconds = time.perf_counter() - t0
    sizes = collections.Counter(cluster.values())
    rows = score(load_pairs(args.split), cluster)
    title = f"{what}({', '.join(f'{k}={v!r}' for k, v in options.items()) or 'defaults'}), split {args.split}"
    print(report(rows, title))
    print(f"{len(corpus):,} texts in {seconds:.1f} s; largest cluster {max(sizes.values())} texts")
    if res is not None:
        print(member_report(res))


def index_clusters(corpus: List[Dict[str, Any]], options: Dict[str, Any]) -> tuple:
    """Each article's cluster after the corpus went through an index day by day."""
    idx = warta.DedupIndex(**options)
    by_day: Dict[str, List[Dict[str, Any]]] = collections.defaultdict(list)
    for r in corpus:
        by_day[r.get("date") or ""].append(r)
    for day in sorted(by_day):
        rows = by_day[day]
        idx.add_batch([r["text"] for r in rows], ids=[r["id"] for r in rows], dates=[day or None] * len(rows))
    docs = idx.documents()
    return dict(zip(docs["id"], docs["cluster_id"].astype(int))), len(by_day)


def member_report(res: Any) -> str:
    """How far each duplicate is from its own kept copy, by exact Jaccard and by the story
    measure (res.explain, the batch's chrome left out): what chaining costs."""
    dup = [int(i) for i in res.duplicate_of.nonzero()[0] if res.duplicate_of[i] >= 0]
    if not dup:
        return "no duplicates"
    explained = [res.explain(i, int(res.duplicate_of[i])) for i in dup]
    story = sorted(e.story for e in explained)
    jac = sorted(e.jaccard for e in explained)
    below = sum(s < 0.65 for s in story)
    return (
        f"{len(dup):,} duplicates; to their kept copy: story similarity min {story[0]:.2f}, "
        f"5th percentile {story[len(story) // 20]:.2f}, {below} below 0.65 (threshold - 0.1); "
        f"Jaccard min {jac[0]:.2f}, median {jac[len(jac) // 2]:.2f}"
    )


if __name__ == "__main__":
    main()
