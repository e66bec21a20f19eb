"""Draw the article pairs of the real-news same-story gold set (run once; output committed).

    python tests/data/dedup_real/sample_pairs.py > tests/data/dedup_real/pairs.csv

Pairs of ../shared/data/news articles (real 2019 news no one here wrote), stratified by
how alike their words are, so that every regime a threshold must separate is read:
word 5-gram Jaccard >= 0.8, 0.6-0.8, 0.4-0.6, 0.2-0.4; high containment (>= 0.7 of the
smaller text's 5-grams inside the larger) with Jaccard < 0.4; pairs from one publisher on
different days with Jaccard 0.15-0.8 (template series: gold prices, exchange rates,
weather, horoscopes, schedules); and same-day pairs with some shared 5-grams (Jaccard
0.02-0.2) or none. The measure here is only for drawing: lower-cased \\w+ words, 5-grams,
exact sets. Candidates are pairs sharing a 5-gram that at most 40 articles have. Each
stratum alternates tune / test in draw order (seeded shuffle).

    python tests/data/dedup_real/sample_pairs.py --holdout >> tests/data/dedup_real/pairs.csv

draws a second, later held-out set (split ``holdout``: 20 pairs per stratum, 10 random
same-day pairs, another seed) among articles in no pair drawn before, so no story of the
tune and test halves comes back: once both halves had been read while tuning, the holdout
set is the one reported on. Its contained stratum starts at containment 0.5 and may reuse an
article of an earlier pair (not the pair): at 0.7 the first draw had taken all but one.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import random
import re
import sys
from collections import defaultdict
from pathlib import Path

NEWS = Path(os.environ.get("WARTA_SHARED_DATA", Path(__file__).resolve().parents[4] / "shared" / "data")) / "news"
PER_STRATUM = 46
WORD = re.compile(r"\w+")


def shingles(text: str) -> frozenset:
    words = WORD.findall(text.lower())
    return frozenset(
        hashlib.blake2b(" ".join(words[i : i + 5]).encode(), digest_size=8).digest()
        for i in range(max(0, len(words) - 4))
    )


def _pair_ids() -> list:
    with open(Path(__file__).resolve().parent / "pairs.csv", encoding="utf-8") as f:
        return [tuple(line.split(",")[1:3]) for line in f][1:]


def main(holdout: bool) -> None:
    with gzip.open(NEWS / "click-id.jsonl.gz", "rt", encoding="utf-8") as f:
        rows = [json.loads(line) for line in f]
    sets = [shingles(r["text"]) for r in rows]
    posting = defaultdict(list)
    for d, s in enumerate(sets):
        for h in s:
            posting[h].append(d)
    seen_ids: set = set()
    if holdout:
        with open(Path(__file__).resolve().parent / "pairs.csv", encoding="utf-8") as f:
            for line in f:
                seen_ids.update(line.split(",")[1:3])
    index_of = {r["id"]: d for d, r in enumerate(rows)}
    used = {index_of[i] for i in seen_ids if i in index_of}
    per_stratum = 20 if holdout else PER_STRATUM
    candidates = set()
    for docs in posting.values():
        if 2 <= len(docs) <= 40:
            for i in range(len(docs)):
                for j in range(i + 1, len(docs)):
                    candidates.add((docs[i], docs[j]))
    scored = []
    for a, b in sorted(candidates):
        inter = len(sets[a] & sets[b])
        if inter == 0:
            continue
        jac = inter / len(sets[a] | sets[b])
        con = inter / max(1, min(len(sets[a]), len(sets[b])))
        scored.append((a, b, jac, con))
    rng = random.Random(20261207 if holdout else 20261202)
    rng.shuffle(scored)
    seen_pairs = {(index_of[a], index_of[b]) for a, b in _pair_ids()} if holdout else set()
    fresh = [t for t in scored if t[0] not in used and t[1] not in used]
    # Trimmed copies are rare: the first draw took all but one at containment >= 0.7, so the
    # holdout's contained stratum excludes only the pairs drawn before and starts at 0.5.
    reused = [t for t in scored if (t[0], t[1]) not in seen_pairs and (t[0] in used or t[1] in used)]
    same_source = lambda a, b: rows[a]["source"] == rows[b]["source"]  # noqa: E731
    same_day = lambda a, b: rows[a]["date"] == rows[b]["date"]  # noqa: E731

    def pool(name):
        return fresh + reused if (holdout and name == "contained") else (fresh if holdout else scored)

    strata = [
        ("j80", lambda a, b, j, c: j >= 0.8),
        ("j60", lambda a, b, j, c: 0.6 <= j < 0.8),
        ("j40", lambda a, b, j, c: 0.4 <= j < 0.6),
        ("j20", lambda a, b, j, c: 0.2 <= j < 0.4),
        ("contained", lambda a, b, j, c: c >= (0.5 if holdout else 0.7) and j < 0.4),
        ("series", lambda a, b, j, c: same_source(a, b) and not same_day(a, b) and 0.15 <= j < 0.8),
        ("sameday_low", lambda a, b, j, c: same_day(a, b) and 0.02 <= j < 0.2),
    ]
    taken = set()
    out = []
    for name, keep in strata:
        drawn = [t for t in pool(name) if (t[0], t[1]) not in taken and keep(*t)][:per_stratum]
        for k, (a, b, j, c) in enumerate(drawn):
            taken.add((a, b))
            out.append((name, k, a, b, j, c))
    # Same-day pairs with no shared 5-gram at all.
    by_day = defaultdict(list)
    for d, r in enumerate(rows):
        by_day[r["date"]].append(d)
    days = sorted(d for d, docs in by_day.items() if len(docs) > 1)
    k = 0
    while k < per_stratum // 2:
        a, b = rng.sample(by_day[rng.choice(days)], 2)
        a, b = min(a, b), max(a, b)
        if (a, b) in taken or sets[a] & sets[b] or a in used or b in used:
            continue
        taken.add((a, b))
        out.append(("sameday_random", k, a, b, 0.0, 0.0))
        k += 1
    if not holdout:
        print("pair,a,b,stratum,split,jaccard,containment,len_a,len_b,source_a,source_b,date_a,date_b")
    for n, (name, k, a, b, j, c) in enumerate(out):
        split = "holdout" if holdout else ("tune" if k % 2 == 0 else "test")
        ra, rb = rows[a], rows[b]
        print(
            f"{'h' if holdout else 'p'}{n:03d},{ra['id']},{rb['id']},{name},{split},{j:.3f},{c:.3f},"
            f"{len(ra['text'])},{len(rb['text'])},{ra['source']},{rb['source']},{ra['date']},{rb['date']}"
        )


if __name__ == "__main__":
    main("--holdout" in sys.argv[1:])
