"""DedupIndex at scale: memory, add/query speed, save and load of a large index.

    .venv/bin/python benchmarks/bench_index.py [--docs 1000000] [--batch 20000] [--queries 2000]
    .venv/bin/python benchmarks/bench_index.py --real-news [--batch 2000]

``--real-news``: instead, adds the 21,935 real articles of ../shared/data/news in batches,
with and without ``correct_typos``, and reports docs/s, the first and last batch's time and
the words counted (what learning spelling across batches costs on a real vocabulary).

``--docs`` is the number of documents the index ends up storing (every document added is
stored, duplicates as members of their cluster).

Documents are generated in batches (never all in memory): each is ~200 words drawn from the
vocabulary of the real corpus (../shared/data/news/click-id.jsonl.gz, or WARTA_SHARED_DATA;
a synthetic vocabulary when it is absent), in lines of 25 words, so every document is a
distinct story. Every 10th document of a batch
is a republished copy (a few words retyped) of an earlier one, so duplicates are found too.
Ids are URL-like strings. Defaults: threshold 0.8, num_perm 128, strip_boilerplate=True.

Reports: RSS growth while building (the index's real footprint) and the index's own
accounting (bytes/document), docs/s for add_batch, single-text query latency (median and
p99, for texts with and without a match), the first (whole) save, then three daily batches
of ``--daily`` texts added and saved (each save appends a segment), the load of the
segmented index, and the resident memory of a fresh process that loads it.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import warta

REPO = Path(__file__).resolve().parents[1]


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3


def vocabulary(limit: int = 50_000) -> np.ndarray:
    env = os.environ.get("WARTA_SHARED_DATA")
    news = (Path(env) if env else REPO.parent / "shared" / "data") / "news" / "click-id.jsonl.gz"
    if not news.exists():
        print(f"(real corpus not found at {news}; using a synthetic vocabulary)")
        return np.array([f"kata{i}" for i in range(limit)], dtype=object)
    counts: dict = {}
    with gzip.open(news, "rt", encoding="utf-8") as f:
        for n, line in enumerate(f):
            for w in re.findall(r"\w+", json.loads(line)["text"].lower()):
                counts[w] = counts.get(w, 0) + 1
            if n >= 5000:
                break
    words = sorted(counts, key=counts.get, reverse=True)[:limit]
    return np.array(words, dtype=object)


class Corpus:
    """Deterministic generator of batches of distinct articles and copies."""

    def __init__(self, vocab: np.ndarray, words: int = 200, seed: int = 1):
        self.vocab = vocab
        self.words = words
        self.rng = np.random.default_rng(seed)
        self.made = 0

    def text(self, row: np.ndarray) -> str:
        w = self.vocab[row]
        return "\n".join(" ".join(w[i : i + 25]) for i in range(0, len(w), 25))

    def batch(self, n: int):
        # Zipf-like word choice, as in real text.
        rows = np.minimum((self.rng.pareto(1.1, size=(n, self.words)) * 50).astype(np.int64), len(self.vocab) - 1)
        texts, ids = [], []
        for i in range(n):
            if i % 10 == 9:  # a copy of the batch's previous article with 2 words retyped
                row = rows[i - 1].copy()
                row[self.rng.integers(0, self.words, 2)] = self.rng.integers(0, len(self.vocab), 2)
            else:
                row = rows[i]
            texts.append(self.text(row))
            ids.append(f"https://berita{self.made % 97}.example/{self.made}")
            self.made += 1
        return texts, ids


def real_news(batch: int) -> None:
    env = os.environ.get("WARTA_SHARED_DATA")
    news = (Path(env) if env else REPO.parent / "shared" / "data") / "news" / "click-id.jsonl.gz"
    if not news.exists():
        sys.exit(f"real corpus not found at {news} (set WARTA_SHARED_DATA)")
    with gzip.open(news, "rt", encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for line in f]
    for typos in (False, True):
        idx = warta.DedupIndex(correct_typos=typos)
        times = []
        for s in range(0, len(texts), batch):
            t0 = time.perf_counter()
            idx.add_batch(texts[s : s + batch])
            times.append(time.perf_counter() - t0)
        st = idx.stats()
        print(
            f"correct_typos={typos}: {len(texts) / sum(times):,.0f} docs/s over {len(texts):,} articles in batches of "
            f"{batch:,} (first batch {times[0] * 1e3:.0f} ms, last {times[-1] * 1e3:.0f} ms), "
            f"{st['words']:,} words counted, {st['memory_bytes'] / len(texts):,.0f} B/document"
        )


LOAD_AND_MEASURE = """
import json, sys
def rss():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096 / 1e6
import warta
base = rss()
idx = warta.DedupIndex.load(sys.argv[1])
print(json.dumps({"rss_mb": rss(), "growth_mb": rss() - base, "accounting_mb": idx.memory_bytes / 1e6}))
"""


def fresh_process_rss(path: Path) -> dict:
    """Resident memory of a new process that imports warta and loads the index."""
    out = subprocess.run(
        [sys.executable, "-c", LOAD_AND_MEASURE, str(path)], capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=1_000_000, help="stored documents to reach")
    ap.add_argument("--batch", type=int, default=20_000)
    ap.add_argument("--queries", type=int, default=2_000)
    ap.add_argument("--measure", default="story", choices=["story", "jaccard"], help="the index's measure")
    ap.add_argument("--daily", type=int, default=10_000, help="texts of each daily batch added and saved at the end")
    ap.add_argument("--dir", default=None, help="where to save the index (default: a temporary directory)")
    ap.add_argument("--real-news", action="store_true", help="time add_batch on the real articles, typos on and off")
    args = ap.parse_args()
    if args.real_news:
        return real_news(args.batch if args.batch != 20_000 else 2_000)

    vocab = vocabulary()
    corpus = Corpus(vocab)
    probe_texts, _ = corpus.batch(args.queries)  # generated before the index, so not stored
    base = rss_mb()
    idx = warta.DedupIndex(measure=args.measure)
    add_seconds = 0.0
    dups = 0
    samples = []
    while len(idx) < args.docs:  # --docs counts stored documents (all of them are stored)
        texts, ids = corpus.batch(min(args.batch, args.docs - len(idx)))
        t0 = time.perf_counter()
        out = idx.add_batch(texts, ids=ids)
        add_seconds += time.perf_counter() - t0
        dups += int(out["is_duplicate"].sum())
        if len(samples) < args.queries:
            samples += texts[: max(1, args.queries // 50)]
        if (corpus.made // args.batch) % 10 == 0:
            print(
                f"  {corpus.made - args.queries:,} docs, {len(idx):,} stored, RSS +{rss_mb() - base:,.0f} MB",
                flush=True,
            )
    del texts, ids, out
    built_rss = rss_mb() - base
    stats = idx.stats()
    parts = idx.memory_parts
    n_added = stats["documents_added"]

    def latency(index, texts):
        times = []
        for t in texts:
            t0 = time.perf_counter()
            index.query(t)
            times.append(time.perf_counter() - t0)
        times.sort()
        return statistics.median(times) * 1e3, times[int(len(times) * 0.99)] * 1e3

    hit_med, hit_p99 = latency(idx, samples[: args.queries])
    miss_med, miss_p99 = latency(idx, probe_texts)
    checked = samples[:200]
    hits = sum(bool(idx.query(t)) for t in checked)

    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        path = Path(tmp) / "bench.idx"
        t0 = time.perf_counter()
        idx.save(path)
        save_s = time.perf_counter() - t0
        size = sum(os.path.getsize(f) for f in warta.DedupIndex.files(path))
        # What a daily job does: add a batch of --daily texts and save, into the big index.
        daily = []
        for _ in range(3):
            texts, ids = corpus.batch(args.daily)
            t0 = time.perf_counter()
            idx.add_batch(texts, ids=ids)
            t1 = time.perf_counter()
            idx.save(path)
            t2 = time.perf_counter()
            segment = os.path.getsize(warta.DedupIndex.files(path)[-1])
            state = os.path.getsize(warta.DedupIndex.files(path)[1])
            daily.append((t1 - t0, t2 - t1, segment, state))
        stored = len(idx)
        del idx
        t0 = time.perf_counter()
        loaded = warta.DedupIndex.load(path)
        load_s = time.perf_counter() - t0
        assert len(loaded) == stored
        del loaded
        resident = fresh_process_rss(path)

    print()
    print(f"warta {warta.__version__}, {os.cpu_count()} cores, Python {sys.version.split()[0]}, measure={args.measure}")
    print(f"documents added:     {n_added:,} ({dups:,} duplicates, {stats['documents']:,} stored)")
    print(f"add_batch:           {n_added / add_seconds:,.0f} docs/s (batches of {args.batch:,}, ~200 words each)")
    print(
        f"memory:              RSS +{built_rss:,.0f} MB after building; index accounting "
        f"{stats['memory_bytes'] / 1e6:,.0f} MB = {stats['memory_bytes'] / stats['documents']:,.0f} B/document "
        f"(line statistics: {stats['lines']:,} lines, word counts: {stats['words']:,} words); "
        f"peak RSS of the process {peak_rss_mb():,.0f} MB"
    )
    print(
        "memory by part:      "
        + ", ".join(f"{k} {v / stats['documents']:,.0f}" for k, v in parts.items())
        + " (B/document)"
    )
    print(
        f"query, one text:     median {hit_med:.3f} ms (p99 {hit_p99:.3f}) for stored texts, "
        f"median {miss_med:.3f} ms (p99 {miss_p99:.3f}) for new texts; {hits}/{len(checked)} stored texts found"
    )
    print(f"save (first, whole): {save_s:.2f} s, {size / 1e6:,.0f} MB of files")
    for k, (add_s, save_k, segment, state) in enumerate(daily, 1):
        print(
            f"daily batch {k}:       add {add_s:.2f} s + save {save_k:.2f} s = {add_s + save_k:.2f} s for "
            f"{args.daily:,} texts (segment {segment / 1e6:.1f} MB, state file {state / 1e6:.1f} MB)"
        )
    print(f"load ({len(daily) + 1} segments):  {load_s:.2f} s")
    print(
        f"fresh process, load: RSS {resident['rss_mb']:,.0f} MB after loading, +{resident['growth_mb']:,.0f} MB over "
        f"the process after import = {resident['growth_mb'] * 1e6 / stored:,.0f} B/document; "
        f"index accounting {resident['accounting_mb']:,.0f} MB"
    )


if __name__ == "__main__":
    main()
