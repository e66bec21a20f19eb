"""Same-story recall and precision of ``warta.dedup`` as the batch grows (issue 12): the bench
generator's corpus (real articles of ../shared/data/news and synthetic republications of
them, bench_dedup.corpus_texts) at each size, with the defaults and with one stage changed
at a time, so a stage that loses copies as batches grow shows as a gap that widens.

    .venv/bin/python benchmarks/dedup_batch_curve.py --sizes 1000 10000 100000 1000000

Each size runs in its own process (peak RSS is that process's). Up to 100,000 texts a story
has about 5 texts; at 1,000,000 the 21,935 source articles get about 45 copies each.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

VARIANTS = {
    "defaults": {},
    "measure=jaccard": {"measure": "jaccard"},
    "strip_boilerplate=False": {"strip_boilerplate": False},
    "correct_typos=False": {"correct_typos": False},
    "max_bucket=4096": {"max_bucket": 4096},
    "opening_bonus=0": {"opening_bonus": 0.0},
}


def one_size(n: int, variants: list) -> None:
    import bench_dedup
    import warta
    from warta import synth

    texts, stories = bench_dedup.corpus_texts(n)
    for name in variants:
        t0 = time.perf_counter()
        res = warta.dedup(texts, **VARIANTS[name])
        seconds = time.perf_counter() - t0
        s = synth.pairwise_scores(stories.tolist(), res.cluster_id.tolist())
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        row = {"texts": n, "variant": name, "seconds": round(seconds, 2), "recall": round(s["recall"], 4)}
        row.update(precision=round(s["precision"], 4), largest=int(res.to_pandas()["cluster_id"].value_counts().max()))
        row["peak_rss_mb"] = round(peak)
        print(json.dumps(row), flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    ap.add_argument("--variants", nargs="+", default=list(VARIANTS), choices=list(VARIANTS))
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        one_size(args.one, args.variants)
        return
    print("| texts | variant | recall | precision | largest cluster | seconds | peak RSS (MB) |")
    print("|---:|---|---:|---:|---:|---:|---:|")
    for n in args.sizes:
        cmd = [sys.executable, __file__, "--one", str(n), "--variants", *args.variants]
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
        for line in out.splitlines():
            r = json.loads(line)
            print(
                f"| {r['texts']:,} | {r['variant']} | {r['recall']:.3f} | {r['precision']:.3f} | {r['largest']} | "
                f"{r['seconds']} | {r['peak_rss_mb']:,} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
