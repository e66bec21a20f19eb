"""warta vs datasketch vs rensa: MinHash signatures and batch dedup on the same shingles.

    python benchmarks/bench_dedup.py                 # 100,000 articles (about 2-4 minutes)
    python benchmarks/bench_dedup.py --quick         # 5,000 articles, a smoke run
    python benchmarks/bench_dedup.py --results benchmarks/RESULTS.md   # also rewrite its "## Dedup"

The corpus is built from the real articles in ../shared/data/news/click-id.jsonl.gz (or
$WARTA_SHARED_DATA/news/...): every article once, plus republished copies made by
warta.synth, shuffled and cut to ``--docs`` texts. warta's word 5-gram shingle hashes of each
text (``warta.MinHasher().shingles(text)``, uint64) are computed once and fed to all three
libraries, so all three summarize the same sets:

- datasketch 2.0: ``MinHash(num_perm=128, permutations=<shared>, hashfunc=h & 0xFFFFFFFF)``
  + ``update_batch(hashes)`` (its default scheme, affine32; warta's ``scheme="affine32"`` is
  checked bit-identical on the first documents), ``MinHashLSH(threshold=0.8)``.
- rensa 0.5.0: ``RMinHash.digest_matrix_from_flat_token_hashes`` (flat hashes + row offsets,
  its fastest path) and ``CMinHash.digests64_from_token_hash_sets``; ``RMinHashLSH``.

Every measurement runs in its own subprocess (peak RSS = VmHWM of that process; the
"over inputs" column subtracts the RSS after loading the inputs, before the timed work).

(a) Signatures only, one core: warta ``n_jobs=1``, rensa with ``RAYON_NUM_THREADS=1``,
    datasketch (single-threaded Python; run on ``--datasketch-docs`` documents). docs/s =
    documents / CPU seconds of the process.
(b) End to end on all cores: ``warta.dedup(texts)`` from raw text (tokenization, boilerplate
    stripping, shingling, signatures, LSH, verification, clusters). datasketch and rensa start
    from the PRECOMPUTED shingle hashes (their tokenization is not timed): datasketch builds
    signatures, inserts them into MinHashLSH, queries every document, verifies estimated
    Jaccard >= 0.8 and joins clusters (union-find); rensa builds the digest matrix and calls
    ``RMinHashLSH.insert_matrix_and_query_duplicate_flags`` (16 bands x 8 rows), which returns
    unverified duplicate flags only (no pairs or clusters): less work than the others do.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import pickle
import platform
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable, Dict, List, Tuple

import numpy as np

REPO = Path(__file__).resolve().parents[1]
NUM_PERM = 128
THRESHOLD = 0.8
SEED = 1


# ---------------------------------------------------------------------------------------
# Corpus (parent process)


def shared_data() -> Path:
    env = os.environ.get("WARTA_SHARED_DATA")
    return Path(env) if env else REPO.parent / "shared" / "data"


def corpus_texts(n_docs: int) -> Tuple[List[str], np.ndarray]:
    """``n_docs`` texts (real articles and synthetic copies of them, shuffled) and the story
    each one tells (the index of its source article): about 5 texts per story up to 100,000
    texts; beyond 5 x 21,935 the stories get more copies instead."""
    from warta import synth

    path = shared_data() / "news" / "click-id.jsonl.gz"
    if not path.is_file():
        sys.exit(f"real news data not found at {path}; set WARTA_SHARED_DATA to the shared/data directory")
    with gzip.open(path, "rt", encoding="utf-8") as f:
        articles = [json.loads(line) for line in f]
    articles = articles[: -(-n_docs // 5)]  # about 5 texts per story: the original and 1-7 copies
    records = [dict(a, story=k) for k, a in enumerate(articles)]
    rounds = 0
    while len(records) < n_docs:  # more copies until there are enough texts
        copies = synth.make_corpus(articles, copies_per_story=(1, 7), n_sites=8, seed=100 + rounds)
        records += copies[: n_docs - len(records)]
        rounds += 1
    rng = np.random.default_rng(7)
    order = rng.permutation(len(records))[:n_docs]
    texts = [records[i]["text"] for i in order]
    stories = np.array([records[i]["story"] for i in order], dtype=np.int64)
    return texts, stories


def build_corpus(n_docs: int, out: Path) -> Dict[str, Any]:
    """Write texts, ground-truth stories and shingle hashes (flat + offsets) under ``out``."""
    import warta

    texts, stories = corpus_texts(n_docs)
    hasher = warta.MinHasher(num_perm=NUM_PERM, seed=SEED)
    shingles = [hasher.shingles(t) for t in texts]
    offsets = np.zeros(len(shingles) + 1, dtype=np.int64)
    np.cumsum([s.size for s in shingles], out=offsets[1:])
    with open(out / "texts.pkl", "wb") as f:
        pickle.dump(texts, f, protocol=pickle.HIGHEST_PROTOCOL)
    np.save(out / "stories.npy", stories)
    np.save(out / "flat.npy", np.concatenate(shingles))
    np.save(out / "offsets.npy", offsets)
    return {
        "docs": len(texts),
        "stories": int(len(np.unique(stories))),
        "mean_shingles": float(offsets[-1] / len(texts)),
        "mean_chars": float(np.mean([len(t) for t in texts])),
    }


# ---------------------------------------------------------------------------------------
# Workers (one subprocess each)


def rss_mb(field: str = "VmRSS") -> float:
    """Resident memory of this process (VmRSS) or its peak so far (VmHWM), in MB. VmHWM and
    not ru_maxrss: Linux carries ru_maxrss of the parent over fork + exec."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def load_hashes(data: Path, n: int) -> Tuple[np.ndarray, np.ndarray, List[np.ndarray]]:
    flat = np.load(data / "flat.npy")
    offsets = np.load(data / "offsets.npy")[: n + 1]
    flat = flat[: offsets[-1]]
    sets = [flat[offsets[i] : offsets[i + 1]] for i in range(n)]
    return flat, offsets, sets


def datasketch_minhashes(sets: List[np.ndarray]) -> list:
    from datasketch import MinHash

    template = MinHash(num_perm=NUM_PERM, seed=SEED, scheme="affine32")  # datasketch 2.0's default

    def low32(h: int) -> int:
        return h & 0xFFFFFFFF

    out = []
    for s in sets:
        m = MinHash(num_perm=NUM_PERM, seed=SEED, permutations=template.permutations, hashfunc=low32, scheme="affine32")
        m.update_batch(s.tolist())
        out.append(m)
    return out


def sig_warta(scheme: str) -> Callable:
    def run(data: Path, n: int) -> Tuple[Callable, Dict]:
        import warta

        _, _, sets = load_hashes(data, n)
        hasher = warta.MinHasher(num_perm=NUM_PERM, seed=SEED, scheme=scheme)
        hasher.from_hashes_batch(sets[:100], n_jobs=1)  # warm up
        return (lambda: hasher.from_hashes_batch(sets, n_jobs=1)), {}

    return run


def sig_warta_kernel(data: Path, n: int) -> Tuple[Callable, Dict]:
    """The C++ kernel behind from_hashes_batch, fed flat hashes + offsets as rensa is (private
    API, shown only to separate the kernel from the Python wrapper's per-set work)."""
    import warta
    from warta import _core

    flat, offsets, _ = load_hashes(data, n)
    impl = warta.MinHasher(num_perm=NUM_PERM, seed=SEED, scheme="oph")._impl
    _core.sign_hash_sets(impl, flat, offsets[:101], 1)  # warm up
    return (lambda: _core.sign_hash_sets(impl, flat, offsets, 1)), {}


def sig_warta_text(data: Path, n: int) -> Tuple[Callable, Dict]:
    import warta

    with open(data / "texts.pkl", "rb") as f:
        texts = pickle.load(f)[:n]
    hasher = warta.MinHasher(num_perm=NUM_PERM, seed=SEED)
    hasher.signatures(texts[:100], n_jobs=1)  # warm up
    return (lambda: hasher.signatures(texts, n_jobs=1)), {}


def sig_datasketch(data: Path, n: int) -> Tuple[Callable, Dict]:
    import warta

    _, _, sets = load_hashes(data, n)
    # the same sets give the same signatures as warta's affine32 scheme: all hash the same sets
    check = np.array([m.hashvalues for m in datasketch_minhashes(sets[:50])], dtype=np.uint32)
    ours = warta.MinHasher(num_perm=NUM_PERM, seed=SEED, scheme="affine32").from_hashes_batch(
        [s.astype(np.uint64) & np.uint64(0xFFFFFFFF) for s in sets[:50]]
    )
    return (lambda: datasketch_minhashes(sets)), {"bit_identical_to_warta_affine32": bool(np.array_equal(check, ours))}


def sig_rensa_r(data: Path, n: int) -> Tuple[Callable, Dict]:
    import rensa

    flat, offsets, _ = load_hashes(data, n)
    off = offsets.astype(np.uint64)
    rensa.RMinHash.digest_matrix_from_flat_token_hashes(flat[: off[100]], off[:101], NUM_PERM, SEED)  # warm up
    return (lambda: rensa.RMinHash.digest_matrix_from_flat_token_hashes(flat, off, NUM_PERM, SEED)), {}


def sig_rensa_c(data: Path, n: int) -> Tuple[Callable, Dict]:
    import rensa

    _, _, sets = load_hashes(data, n)
    rensa.CMinHash.digests64_from_token_hash_sets(sets[:100], NUM_PERM, SEED)  # warm up
    return (lambda: rensa.CMinHash.digests64_from_token_hash_sets(sets, NUM_PERM, SEED)), {}


def e2e_warta(n_jobs: Any) -> Callable:
    def setup(data: Path, n: int) -> Tuple[Callable, Dict]:
        import warta

        with open(data / "texts.pkl", "rb") as f:
            texts = pickle.load(f)[:n]
        return (
            lambda: warta.dedup(texts, threshold=THRESHOLD, num_perm=NUM_PERM, seed=SEED, n_jobs=n_jobs).cluster_id
        ), {}

    return setup


class UnionFind:
    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        a, b = self.find(i), self.find(j)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


def e2e_datasketch(data: Path, n: int) -> Tuple[Callable, Dict]:
    from datasketch import MinHashLSH

    _, _, sets = load_hashes(data, n)

    def run() -> np.ndarray:
        mins = datasketch_minhashes(sets)
        lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
        for i, m in enumerate(mins):
            lsh.insert(i, m)
        uf = UnionFind(len(mins))
        for i, m in enumerate(mins):
            for j in lsh.query(m):
                if j < i and m.jaccard(mins[j]) >= THRESHOLD:
                    uf.union(i, j)
        return np.array([uf.find(i) for i in range(len(mins))])

    return run, {}


def e2e_rensa(data: Path, n: int) -> Tuple[Callable, Dict]:
    import rensa

    flat, offsets, _ = load_hashes(data, n)
    off = offsets.astype(np.uint64)

    def run() -> np.ndarray:
        matrix = rensa.RMinHash.digest_matrix_from_flat_token_hashes(flat, off, NUM_PERM, SEED)
        lsh = rensa.RMinHashLSH(THRESHOLD, NUM_PERM, 16)
        return np.asarray(lsh.insert_matrix_and_query_duplicate_flags(matrix))

    return run, {}


WORKERS = {
    "sig:warta oph (default)": (sig_warta("oph"), {}),
    "sig:warta affine32": (sig_warta("affine32"), {}),
    "sig:warta datasketch-legacy": (sig_warta("datasketch"), {}),
    "sig:warta oph kernel (private, flat+offsets)": (sig_warta_kernel, {}),
    "sig:warta oph from text": (sig_warta_text, {}),
    "sig:datasketch affine32": (sig_datasketch, {}),
    "sig:rensa RMinHash": (sig_rensa_r, {"RAYON_NUM_THREADS": "1"}),
    "sig:rensa CMinHash": (sig_rensa_c, {"RAYON_NUM_THREADS": "1"}),
    "e2e:warta.dedup": (e2e_warta(None), {}),
    "e2e:warta.dedup n_jobs=1": (e2e_warta(1), {}),
    "e2e:datasketch": (e2e_datasketch, {}),
    "e2e:rensa": (e2e_rensa, {}),
}


def worker(name: str, data: Path, n: int) -> None:
    setup, _env = WORKERS[name]
    run, extra = setup(data, n)
    base = rss_mb()
    wall, cpu = time.perf_counter(), time.process_time()
    result = run()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    peak = rss_mb("VmHWM")
    if name.startswith("e2e:") and "n_jobs" not in name:
        np.save(data / f"result-{name.split(':')[1].replace('.', '_')}.npy", np.asarray(result))
    print(json.dumps({"name": name, "docs": n, "wall": wall, "cpu": cpu, "peak_mb": peak, "base_mb": base, **extra}))


def cpu_ticks() -> Tuple[int, int]:
    """(total, idle) clock ticks of all cores so far, from /proc/stat."""
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    return sum(fields), fields[3] + fields[4]  # idle + iowait


def busy_fraction(seconds: float = 1.0) -> float:
    """Fraction of all cores' time spent busy over ``seconds``."""
    (t0, i0), _ = cpu_ticks(), time.sleep(seconds)
    t1, i1 = cpu_ticks()
    return 1.0 - (i1 - i0) / max(t1 - t0, 1)


def wait_quiet(max_wait: float, busy_below: float = 0.15) -> float:
    """Wait (up to ``max_wait`` seconds) until other work leaves the cores nearly idle, so
    that wall-clock figures measure us and not the neighbours; returns the last busy fraction."""
    deadline = time.monotonic() + max_wait
    busy = busy_fraction()
    while busy >= busy_below and time.monotonic() < deadline:
        time.sleep(2.0)
        busy = busy_fraction()
    return busy


def spawn(name: str, data: Path, n: int, repeat: int, max_wait: float) -> Dict[str, Any]:
    """Run a worker ``repeat`` times, each in a fresh process started when the machine is
    quiet (see wait_quiet); keep the fastest run among those other processes left alone (all
    runs when none was), and the highest peak memory."""
    env = dict(os.environ, **WORKERS[name][1])
    cmd = [sys.executable, __file__, "--worker", name, "--data", str(data), "--docs", str(n)]
    runs = []
    for _ in range(repeat):
        busy = wait_quiet(max_wait) if max_wait > 0 else float("nan")
        (t0, i0), child0 = cpu_ticks(), resource.getrusage(resource.RUSAGE_CHILDREN)
        out = subprocess.run(cmd, env=env, capture_output=True, text=True)
        (t1, i1), child1 = cpu_ticks(), resource.getrusage(resource.RUSAGE_CHILDREN)
        if out.returncode != 0:
            raise RuntimeError(f"{name} failed:\n{out.stderr}")
        # CPU seconds other processes used while this one ran: all busy ticks minus the child's own
        child_cpu = (child1.ru_utime + child1.ru_stime) - (child0.ru_utime + child0.ru_stime)
        others = max(0.0, ((t1 - t0) - (i1 - i0)) / os.sysconf("SC_CLK_TCK") - child_cpu)
        runs.append(dict(json.loads(out.stdout.strip().splitlines()[-1]), busy_before=busy, others_cpu=others))
    calm = [r for r in runs if r["others_cpu"] < 1.0] or runs  # runs nobody else disturbed, if any
    best = min(calm, key=lambda r: r["cpu" if name.startswith("sig:") else "wall"])  # the figure each table ranks by
    return dict(best, peak_mb=max(r["peak_mb"] for r in runs))


# ---------------------------------------------------------------------------------------
# Report


def machine() -> str:
    model = "unknown CPU"
    try:
        m = re.search(r"model name\s*:\s*(.*)", Path("/proc/cpuinfo").read_text())
        model = m.group(1).strip() if m else model
    except OSError:
        pass
    return f"{os.cpu_count()} cores ({model}), Linux {platform.release()}, Python {platform.python_version()}"


def versions() -> str:
    from importlib.metadata import version

    return ", ".join(f"{p} {version(p)}" for p in ("warta", "datasketch", "rensa", "numpy"))


def quality(data: Path, n: int) -> Dict[str, str]:
    from warta import synth

    stories = np.load(data / "stories.npy")[:n]
    out = {}
    for key, label in (("warta_dedup", "e2e:warta.dedup"), ("datasketch", "e2e:datasketch")):
        f = data / f"result-{key}.npy"
        if f.exists():
            s = synth.pairwise_scores(stories.tolist(), np.load(f).tolist())
            out[label] = f"pairwise recall {s['recall']:.3f}, precision {s['precision']:.4f}"
    f = data / "result-rensa.npy"
    if f.exists():
        first = np.zeros(len(stories), dtype=bool)
        first[np.unique(stories, return_index=True)[1]] = True
        flags = np.load(f).astype(bool)
        out["e2e:rensa"] = (
            f"{int(flags.sum())} flagged (a flag marks every member of a candidate group, first "
            f"copies too); {int((~first).sum())} texts are later copies of a story"
        )
    return out


def table(rows: List[Dict[str, Any]], per_cpu: bool) -> List[str]:
    lines = [
        "| run | docs | wall s | CPU s | docs/s | peak RSS MB | over inputs MB | cores busy before | others' CPU s during |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        rate = r["docs"] / (r["cpu"] if per_cpu else r["wall"])
        lines.append(
            f"| {r['name'].split(':', 1)[1]} | {r['docs']:,} | {r['wall']:.3f} | {r['cpu']:.3f} | {rate:,.0f} | "
            f"{r['peak_mb']:.0f} | {r['peak_mb'] - r['base_mb']:.0f} | {r['busy_before']:.0%} | {r['others_cpu']:.1f} |"
        )
    return lines


def ratio(rows: Dict[str, Dict[str, Any]], a: str, b: str, per_cpu: bool) -> float:
    key = "cpu" if per_cpu else "wall"
    return (rows[a]["docs"] / rows[a][key]) / (rows[b]["docs"] / rows[b][key])


def report(args: argparse.Namespace, info: Dict[str, Any], sig: List[Dict], e2e: List[Dict], q: Dict[str, str]) -> str:
    by = {r["name"]: r for r in sig + e2e}
    cmd = (
        "python benchmarks/bench_dedup.py"
        + (" --quick" if args.quick else "")
        + (f" --docs {args.docs}" if args.docs_given else "")
        + (f" --repeat {args.repeat}" if args.repeat else "")
    )
    lines = [
        "## Dedup",
        "",
        f"Machine: {machine()}. Versions: {versions()}.",
        f"Command: `{cmd}` (`make bench` runs it). Run: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}. "
        f"Each figure is the fastest of {args.repeat or (1 if args.quick else 3)} runs (undisturbed ones first; "
        f"by CPU time in (a), by wall "
        f"time in (b)), each in a fresh process started once the cores were idle (waiting up to {args.max_wait:.0f} s; "
        "the machine is shared with other work: 'cores busy before' is how busy both cores were in the second "
        "before the kept run, 'others' CPU s during' the CPU seconds other processes took while it ran, its "
        "setup included).",
        "",
        f"Corpus: {info['docs']:,} texts ({info['stories']:,} stories) = the {info['stories']:,} real click-id articles "
        f"plus warta.synth republished copies; mean {info['mean_chars']:.0f} characters and {info['mean_shingles']:.0f} "
        "word-5-gram shingles per text. All libraries get the same uint64 shingle hashes from "
        "`warta.MinHasher().shingles(text)` (datasketch through `hashfunc = h & 0xFFFFFFFF`), num_perm=128.",
        "",
        "### (a) Signatures only, one core (docs/s = documents per CPU second of the process)",
        "",
        *table(sig, per_cpu=True),
        "",
    ]
    if "sig:datasketch affine32" in by:
        lines.append(
            f'datasketch\'s signatures equal warta `scheme="affine32"` on the same sets: '
            f"{by['sig:datasketch affine32'].get('bit_identical_to_warta_affine32')}."
        )
        lines.append("")
    ratios = [
        ("warta oph / datasketch", "sig:warta oph (default)", "sig:datasketch affine32", ">= 50x"),
        ("warta affine32 / datasketch (same scheme)", "sig:warta affine32", "sig:datasketch affine32", ""),
        ("warta oph / rensa RMinHash", "sig:warta oph (default)", "sig:rensa RMinHash", ">= 2x"),
        (
            "warta oph kernel (flat+offsets) / rensa RMinHash",
            "sig:warta oph kernel (private, flat+offsets)",
            "sig:rensa RMinHash",
            "",
        ),
        ("warta oph / rensa CMinHash", "sig:warta oph (default)", "sig:rensa CMinHash", ""),
    ]
    lines += ["| ratio (per core) | value | target | met |", "|---|---:|---|---|"]
    for label, a, b, target in ratios:
        if a in by and b in by:
            value = ratio(by, a, b, True)
            met = ("yes" if value >= float(target.strip(">= x")) else "NO") if target else ""
            lines.append(f"| {label} | {value:.1f}x | {target} | {met} |")
    lines += [
        "",
        "### (b) End to end, all cores (docs/s = documents per wall second)",
        "",
        "warta starts from raw text (tokenization included); datasketch and rensa start from the precomputed "
        "shingle hashes, and rensa returns unverified duplicate flags only.",
        "",
        *table(e2e, per_cpu=False),
        "",
    ]
    if "e2e:warta.dedup" in by:
        w = by["e2e:warta.dedup"]
        met = "met" if w["wall"] < 10 and w["peak_mb"] < 1024 else "NOT met"
        met = met if w["docs"] >= 100_000 else "the targets apply to 100,000 texts"
        lines.append(
            f"Targets for warta.dedup on 100,000 articles: < 10 s and < 1 GB peak -> {w['wall']:.2f} s "
            f"({w['cpu']:.2f} s CPU), {w['peak_mb']:.0f} MB peak RSS (of which {w['base_mb']:.0f} MB are the "
            f"input texts and the interpreter) for {w['docs']:,} texts: {met}."
        )
        if "e2e:warta.dedup n_jobs=1" in by:
            lines.append(
                f"- warta.dedup n_jobs=1 vs datasketch (both one core): "
                f"{ratio(by, 'e2e:warta.dedup n_jobs=1', 'e2e:datasketch', False):.1f}x the throughput."
            )
        for other in ("e2e:datasketch", "e2e:rensa"):
            if other in by:
                lines.append(
                    f"- warta.dedup vs {other[4:]}: {ratio(by, 'e2e:warta.dedup', other, False):.1f}x the "
                    "throughput (wall)."
                )
    if q:
        lines += ["", "Same-story grouping on this corpus (threshold 0.8): "]
        lines += [f"- {k[4:]}: {v}" for k, v in q.items()]
    return "\n".join(lines) + "\n"


def write_section(path: Path, section: str) -> None:
    """Replace (or append) the "## Dedup" section of ``path``, keeping the other sections."""
    text = path.read_text() if path.exists() else "# Benchmark results\n\n"
    pattern = re.compile(r"^## Dedup\n.*?(?=^## |\Z)", re.S | re.M)
    text = pattern.sub(lambda _: section + "\n", text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + section
    path.write_text(text)


def main() -> int:
    ap = argparse.ArgumentParser(description="warta vs datasketch vs rensa on MinHash signatures and batch dedup")
    ap.add_argument("--quick", action="store_true", help="a small run (5,000 texts)")
    ap.add_argument("--docs", type=int, default=None, help="texts in the corpus (default 100,000; 5,000 with --quick)")
    ap.add_argument("--datasketch-docs", type=int, default=None, help="texts for datasketch's signature run")
    ap.add_argument(
        "--repeat", type=int, default=None, help="runs per measurement, fastest kept (default 3; 1 with --quick)"
    )
    ap.add_argument(
        "--max-wait",
        type=float,
        default=None,
        help="seconds to wait for idle cores before each run (default 120; 0 with --quick)",
    )
    ap.add_argument("--results", type=Path, default=None, help="rewrite the '## Dedup' section of this Markdown file")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    ap.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    args.docs_given = args.docs is not None
    n = args.docs or (5_000 if args.quick else 100_000)
    if args.worker:
        worker(args.worker, args.data, n)
        return 0
    args.max_wait = args.max_wait if args.max_wait is not None else (0.0 if args.quick else 120.0)
    n_ds = args.datasketch_docs or min(n, 2_000 if args.quick else 10_000)
    with tempfile.TemporaryDirectory(prefix="warta-bench-") as tmp:
        data = Path(tmp)
        t0 = time.perf_counter()
        info = build_corpus(n, data)
        print(
            f"corpus: {info['docs']:,} texts, {info['stories']:,} stories, built in {time.perf_counter() - t0:.1f}s",
            flush=True,
        )
        sig, e2e = [], []
        for name in WORKERS:
            docs = n_ds if name == "sig:datasketch affine32" else n
            r = spawn(name, data, docs, args.repeat or (1 if args.quick else 3), args.max_wait)
            (sig if name.startswith("sig:") else e2e).append(r)
            print(
                f"  {name:46s} {docs:>8,} docs  wall {r['wall']:8.3f}s  cpu {r['cpu']:8.3f}s  "
                f"peak {r['peak_mb']:7.0f} MB (+{r['peak_mb'] - r['base_mb']:.0f})  busy before {r['busy_before']:.0%}"
                f"  others {r['others_cpu']:.1f} cpu-s",
                flush=True,
            )
        section = report(args, info, sig, e2e, quality(data, n))
    print()
    print(section)
    if args.results:
        write_section(args.results, section)
        print(f"wrote the Dedup section of {args.results}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
