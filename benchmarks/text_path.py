"""Raw text -> signature speed on the real articles (issue 14): `MinHasher().signatures` on
one core, best of --repeat calls in one process, in documents and UTF-8 megabytes per second.

    nice .venv/bin/python benchmarks/text_path.py [--save SIGS.npy | --check SIGS.npy] [--dedup] [--core SO]

--save/--check write or compare the signatures (the text path must not change any output);
--dedup also times `warta.dedup` on the articles x 3 with n_jobs=1 and 2; --core runs
another build's compiled module (e.g. main's, for an A/B in alternating processes).
"""

import argparse
import gzip
import importlib.util
import json
import os
import sys
import time
from pathlib import Path
from typing import Callable, List

import numpy as np

NEWS = Path(os.environ.get("WARTA_SHARED_DATA", Path(__file__).resolve().parents[2] / "shared" / "data"))


def load_texts() -> List[str]:
    with gzip.open(NEWS / "news" / "click-id.jsonl.gz", "rt", encoding="utf-8") as f:
        return [json.loads(line)["text"] or "" for line in f]


def use_core(path: Path) -> None:
    """Makes `import warta` use the compiled module at `path` instead of its own."""
    spec = importlib.util.spec_from_file_location("warta._core", path)
    assert spec and spec.loader
    core = importlib.util.module_from_spec(spec)
    sys.modules["warta._core"] = core
    spec.loader.exec_module(core)


def best_of(repeat: int, call: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        call()
        best = min(best, time.perf_counter() - t)
    return best


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--save", type=Path, help="write the signatures to this .npy")
    ap.add_argument("--check", type=Path, help="compare the signatures with this .npy")
    ap.add_argument("--dedup", action="store_true", help="also time warta.dedup on the articles x 3")
    ap.add_argument("--core", type=Path, help="the compiled module (_core*.so) to run instead of this build's")
    args = ap.parse_args()
    if args.core:
        use_core(args.core)
    import warta

    texts = load_texts()
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    hasher = warta.MinHasher()
    sigs = hasher.signatures(texts, n_jobs=1)  # also caches each str's UTF-8 form
    if args.save:
        np.save(args.save, sigs)
    if args.check:
        same = np.array_equal(np.load(args.check), sigs)
        print(f"signatures equal to {args.check}: {same}")
        if not same:
            return 1
    seconds = best_of(args.repeat, lambda: hasher.signatures(texts, n_jobs=1))
    print(
        f"signatures, 1 job: {len(texts)} texts, {megabytes:.1f} MB, best of {args.repeat}: {seconds:.3f} s, "
        f"{len(texts) / seconds:,.0f} docs/s, {megabytes / seconds:.1f} MB/s; load {os.getloadavg()[0]:.2f}"
    )
    if args.dedup:
        tripled = texts * 3
        for jobs in (1, 2):
            seconds = best_of(args.repeat, lambda jobs=jobs: warta.dedup(tripled, n_jobs=jobs))
            print(
                f"dedup, {jobs} job(s): {len(tripled)} texts, best of {args.repeat}: {seconds:.2f} s, "
                f"{len(tripled) / seconds:,.0f} docs/s; load {os.getloadavg()[0]:.2f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
