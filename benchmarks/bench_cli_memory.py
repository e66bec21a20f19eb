"""`warta dedup` streaming a large JSONL: peak RSS against the input's size and the index's.

    .venv/bin/python benchmarks/bench_cli_memory.py --sizes-mb 50,100,200   # a quick run
    .venv/bin/python benchmarks/bench_cli_memory.py --sizes-mb 2000         # the multi-GB figure

For each size, writes a JSON Lines file of that many MB derived from the real articles of
../shared/data/news/click-id.jsonl.gz (or WARTA_SHARED_DATA): 85% new stories, each the
paragraphs of two real articles spliced at a random paragraph (real sentences and
vocabulary, a distinct text), and 15% republished copies of a recent story
(`warta.synth.republish`: another site's dateline, chrome, "Baca juga" links, retyped
words). Then runs

    python -m warta dedup big.jsonl -o out.jsonl --index state.idx --id-field url -q

in a subprocess, samples its RSS (/proc/PID/statm, every 0.2 s; Linux) and takes its peak from the kernel
(``wait4``'s ru_maxrss, the VmHWM). A run on exactly one chunk (10,000 rows, the default
``--chunk-size``) gives the floor: interpreter, libraries, one chunk of rows and its output.

Reports per size: input MB, documents, peak RSS, peak above the one-chunk floor, the index's
own accounting (``DedupIndex.stats()["memory_bytes"]``) and both per stored document. RSS
bounded by the index means: the peak above the floor grows with the stored documents at
about the index's bytes per document, and not with the input's bytes (the rows are
streamed: a chunk at a time in, a chunk at a time out).

The generated files go to --workdir (default: a temporary directory, removed at the end,
needs about 2x the largest size of free disk). Not a test: nothing is asserted.
"""

from __future__ import annotations

import argparse
import collections
import gzip
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Dict, List, Tuple

import warta
from warta.synth import make_sites, republish, split_paragraphs

REPO = Path(__file__).resolve().parents[1]


def corpus() -> List[Tuple[str, List[str]]]:
    env = os.environ.get("WARTA_SHARED_DATA")
    news = (Path(env) if env else REPO.parent / "shared" / "data") / "news" / "click-id.jsonl.gz"
    if not news.exists():
        sys.exit(f"real corpus not found at {news}: set WARTA_SHARED_DATA to the shared/data directory")
    out = []
    with gzip.open(news, "rt", encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            paras = split_paragraphs(row.get("text") or "")
            if len(paras) >= 2:
                out.append((row.get("title") or "", paras))
    return out


def generate(path: Path, size: int, articles: List[Tuple[str, List[str]]], seed: int = 1) -> int:
    """Writes ``size`` bytes (about) of rows to ``path``; returns the number of rows."""
    rng = random.Random(seed)
    sites = make_sites(40, seed=seed)
    titles = [t for t, _ in articles if t]
    recent: collections.deque = collections.deque(maxlen=2000)  # stories a copy may repeat
    written = rows = 0
    with open(path, "w", encoding="utf-8") as f:
        while written < size:
            if recent and rng.random() < 0.15:
                text = republish(rng.choice(recent), rng, rng.choice(sites), headlines=rng.sample(titles, 5))
            else:
                (_, a), (_, b) = rng.sample(articles, 2)
                cut = rng.randint(1, len(a) - 1)
                text = "\n\n".join(a[:cut] + b[rng.randint(0, len(b) - 1) :])
                recent.append(text)
            line = (
                json.dumps({"url": f"https://bench.id/{rows}", "date": "2025-06-01", "text": text}, ensure_ascii=False)
                + "\n"
            )
            f.write(line)
            written += len(line.encode("utf-8"))
            rows += 1
    return rows


def run_dedup(folder: Path, source: Path) -> Dict[str, float]:
    """Runs `warta dedup` on ``source`` with a new index; its peak RSS, samples and time."""
    for name in ("out.jsonl", "state.idx"):
        (folder / name).unlink(missing_ok=True)
    argv = [
        sys.executable,
        "-m",
        "warta",
        "dedup",
        str(source),
        "-o",
        str(folder / "out.jsonl"),
        "--index",
        str(folder / "state.idx"),
        "--id-field",
        "url",
        "-q",
    ]
    start = time.perf_counter()
    proc = subprocess.Popen(argv)
    page = os.sysconf("SC_PAGE_SIZE")
    samples: List[int] = []
    while True:  # wait4, not Popen.poll: it gives the child's resource usage when it reaps it
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        try:
            with open(f"/proc/{proc.pid}/statm") as f:
                samples.append(int(f.read().split()[1]) * page)
        except (OSError, IndexError):  # it is exiting
            pass
        time.sleep(0.2)
    proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here: Popen must not wait again
    if proc.returncode != 0:
        sys.exit(f"warta dedup failed on {source} (exit {proc.returncode})")
    seconds = time.perf_counter() - start
    index = warta.DedupIndex.load(folder / "state.idx")
    stats = index.stats()
    return {
        "peak": usage.ru_maxrss * 1024,  # KiB on Linux
        "samples": samples,
        "seconds": seconds,
        "stored": stats["documents"],
        "index_memory": stats["memory_bytes"],
        "index_file": os.path.getsize(folder / "state.idx"),
    }


def head(source: Path, target: Path, rows: int) -> None:
    with open(source, encoding="utf-8") as f, open(target, "w", encoding="utf-8") as out:
        for _, line in zip(range(rows), f):
            out.write(line)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes-mb", default="50,100,200", help="input sizes, comma-separated (default 50,100,200)")
    ap.add_argument("--workdir", default=None, help="where the inputs go (default: a temporary directory)")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes_mb.split(",")]
    folder = Path(args.workdir or tempfile.mkdtemp(prefix="warta-mem-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        articles = corpus()
        largest = folder / "big.jsonl"
        t = time.perf_counter()
        total = generate(largest, max(sizes) * 1_000_000, articles)
        print(
            f"generated {largest} ({os.path.getsize(largest) / 1e6:,.0f} MB, {total:,} rows) "
            f"in {time.perf_counter() - t:.0f} s"
        )
        head(largest, folder / "chunk.jsonl", 10_000)
        floor = run_dedup(folder, folder / "chunk.jsonl")
        print(f"one chunk (10,000 rows): peak RSS {floor['peak'] / 1e6:,.0f} MB")
        print()
        print(
            "| input MB | documents | time s | peak RSS MB | above one chunk MB | index memory MB | "
            "above one chunk per doc | index per doc | index file MB |"
        )
        print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for size in sizes:
            source = largest
            if size != max(sizes):  # the first rows of the largest: the same documents, fewer of them
                source = folder / f"in-{size}.jsonl"
                head(largest, source, round(total * size / max(sizes)))
            r = run_dedup(folder, source)
            above = r["peak"] - floor["peak"]
            print(
                f"| {os.path.getsize(source) / 1e6:,.0f} | {r['stored']:,} | {r['seconds']:.0f} | {r['peak'] / 1e6:,.0f} | "
                f"{above / 1e6:,.0f} | {r['index_memory'] / 1e6:,.0f} | {above / r['stored']:,.0f} B | "
                f"{r['index_memory'] / r['stored']:,.0f} B | {r['index_file'] / 1e6:,.0f} |"
            )
            if source != largest:
                source.unlink()
        print(
            "\nRSS samples of the largest run (MB, every 0.2 s, every 10th shown): "
            + ", ".join(f"{s / 1e6:.0f}" for s in r["samples"][::10])
        )
    finally:
        if args.workdir is None:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
