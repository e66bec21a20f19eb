"""``warta.dask.dedup`` on a local Dask cluster: docs/s, what travels to the client, peak
memory of the client and of each worker, against ``warta.dedup`` in one process.

    .venv/bin/python benchmarks/bench_dask.py --docs 1000000 --workers 1 2 [--partitions 64]

The corpus is bench_dedup's (real articles of ../shared/data/news and synthetic republications
of them), written once as Parquet partitions in a temporary directory; each run starts a fresh
``distributed.LocalCluster`` of N worker processes (one thread each) in its own process, reads
the Parquet files lazily, and writes the marked rows back to Parquet, so the texts never pass
through the client. Reported per run: wall seconds, docs/s, the client's peak RSS and CPU
seconds (its share: gathering signatures, LSH, verification, union-find), each worker's peak
RSS, and the bytes gathered to the client per text (signatures, counts, numbers).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def write_corpus(n: int, partitions: int, where: Path) -> None:
    import bench_dedup
    import pandas as pd

    texts, stories = bench_dedup.corpus_texts(n)
    frame = pd.DataFrame({"url": [f"https://b{k % 97}.example/{k}" for k in range(n)], "text": texts, "story": stories})
    step = -(-n // partitions)
    for p in range(partitions):
        frame.iloc[p * step : (p + 1) * step].to_parquet(where / f"part-{p:04d}.parquet", index=False)


def one_run(corpus: Path, workers: int, out: Path) -> None:
    import dask.dataframe as dd
    import distributed
    import warta.dask as wdask

    with distributed.LocalCluster(n_workers=workers, threads_per_worker=1, dashboard_address=None) as cluster:
        with distributed.Client(cluster) as client:
            ddf = dd.read_parquet(str(corpus))
            n = len(ddf)
            cpu0, t0 = time.process_time(), time.perf_counter()
            wdask.dedup(ddf, "text", id_column="url").to_parquet(str(out), write_index=False)
            seconds, client_cpu = time.perf_counter() - t0, time.process_time() - cpu0
            worker_peak = client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    marked = dd.read_parquet(str(out), columns=["story", "cluster_id"]).compute()
    from warta import synth

    scores = synth.pairwise_scores(marked["story"].tolist(), marked["cluster_id"].tolist())
    row = {
        "workers": workers,
        "docs": n,
        "seconds": round(seconds, 2),
        "docs_per_s": round(n / seconds),
        "client_cpu_s": round(client_cpu, 2),
        "client_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "worker_peak_rss_mb": sorted(round(v) for v in worker_peak.values()),
        # to the client per text: the signature (num_perm 32-bit values), length, text hash,
        # shingle count, empty flag, stripped lines, and ~20 numbers of 8 bytes
        "gathered_bytes_per_text_approx": 128 * 4 + 8 + 8 + 4 + 1 + 4 + 20 * 8,
        "recall": round(scores["recall"], 4),
        "precision": round(scores["precision"], 4),
    }
    print(json.dumps(row), flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--partitions", type=int, default=32)
    ap.add_argument("--run", nargs=2, help=argparse.SUPPRESS)  # internal: CORPUS WORKERS
    args = ap.parse_args()
    if args.run:
        with tempfile.TemporaryDirectory() as tmp:
            one_run(Path(args.run[0]), int(args.run[1]), Path(tmp) / "out")
        return
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        write_corpus(args.docs, args.partitions, corpus)
        print(
            f"# {args.docs} texts in {args.partitions} Parquet partitions, {sum(f.stat().st_size for f in corpus.iterdir()) / 1e6:.0f} MB",
            flush=True,
        )
        for w in args.workers:
            subprocess.run([sys.executable, __file__, "--run", str(corpus), str(w)], check=True, env=dict(os.environ))


if __name__ == "__main__":
    main()
