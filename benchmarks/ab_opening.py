"""A/B of the opening rule (issue 12): warta.dedup at its defaults on the bench generator's
corpus (bench_dedup.build_corpus: synthetic copies of real articles) with a given
``opening_bonus`` (0 = the behaviour before the rule). Run each setting in a fresh process:

    .venv/bin/python benchmarks/ab_opening.py 0 --docs 100000
    .venv/bin/python benchmarks/ab_opening.py 0.15 --docs 100000

The corpus is built once under --data (default /tmp/warta-ab-opening) and reused.
"""

from __future__ import annotations

import argparse
import pickle
import resource
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_dedup  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("opening_bonus", type=float)
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--data", type=Path, default=Path("/tmp/warta-ab-opening"))
    args = ap.parse_args()
    data = args.data / str(args.docs)
    if not (data / "texts.pkl").is_file():
        data.mkdir(parents=True, exist_ok=True)
        bench_dedup.build_corpus(args.docs, data)

    import warta
    from warta import synth

    with open(data / "texts.pkl", "rb") as f:
        texts = pickle.load(f)
    stories = np.load(data / "stories.npy")
    t0 = time.perf_counter()
    res = warta.dedup(texts, opening_bonus=args.opening_bonus)
    seconds = time.perf_counter() - t0
    scores = synth.pairwise_scores(stories.tolist(), res.cluster_id.tolist())
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"opening_bonus={args.opening_bonus}: {seconds:.2f} s, peak RSS {peak:.0f} MB, {len(res.pairs):,} pairs, "
        f"recall {scores['recall']:.3f}, precision {scores['precision']:.3f}"
    )


if __name__ == "__main__":
    main()
