"""The demo behind ``make run``: the daily dedup workflow on the bundled demo corpus.

Day 1's scrape is deduplicated and its articles go into an index saved on disk; day 2's
scrape is deduplicated within itself and against day 1 through that saved index, exactly as
``warta dedup day2.jsonl -o out.jsonl --index state.idx`` does in a daily job.
"""

from __future__ import annotations

import gzip
import json
import os
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any, Callable, Dict, List, Tuple

from ..index import DedupIndex

CORPUS = Path(__file__).parent.parent / "data" / "demo_corpus.jsonl.gz"

#: runs one command line (``["dedup", ...]``) and returns its exit code: ``warta.cli.main``
RunCli = Callable[[List[str]], int]

# Used when the bundled corpus is missing: one press release republished by three sites
# over two days (with their own datelines and chrome), and two unrelated stories.
_RELEASE = (
    "Gubernur Banten Andra Soni meresmikan jembatan baru di Kabupaten Serang pada Senin pagi. "
    "Jembatan sepanjang 120 meter itu menghubungkan dua kecamatan yang selama ini terpisah sungai.\n"
    "Menurut Dinas Pekerjaan Umum, pembangunan jembatan menelan anggaran Rp 18 miliar dari APBD provinsi "
    "dan dikerjakan selama delapan bulan oleh kontraktor lokal.\n"
    "Warga berharap jembatan itu mempercepat distribusi hasil panen ke pasar di pusat kabupaten."
)
_FALLBACK = [
    {
        "id": "a1",
        "url": "https://kabarbanten.example/jembatan",
        "date": "2025-06-10",
        "text": "SERANG, (Kabar Banten) – " + _RELEASE + "\nScroll untuk baca artikel",
    },
    {
        "id": "a2",
        "url": "https://kabarbanten.example/cuaca",
        "date": "2025-06-10",
        "text": "Hujan deras melanda Kota Serang sejak sore hingga malam, membuat sejumlah ruas jalan tergenang.",
    },
    {
        "id": "b1",
        "url": "https://suaraserang.example/jembatan-baru",
        "date": "2025-06-11",
        "text": "Serang – " + _RELEASE.replace("Senin pagi", "Senin (9/6) pagi") + "\nTinggalkan Balasan",
    },
    {
        "id": "b2",
        "url": "https://wartapesisir.example/jembatan",
        "date": "2025-06-11",
        "text": _RELEASE + "\nBaca juga: Bupati Serang tinjau banjir",
    },
    {
        "id": "b3",
        "url": "https://wartapesisir.example/pasar",
        "date": "2025-06-11",
        "text": "Pemkot Cilegon menata ulang pasar tradisional agar pedagang kaki lima mendapat tempat berjualan.",
    },
]


def load_corpus() -> Tuple[List[Dict[str, Any]], str]:
    if CORPUS.exists():
        with gzip.open(CORPUS, "rt", encoding="utf-8") as f:
            return [json.loads(line) for line in f if line.strip()], f"bundled corpus {CORPUS.name}"
    return [dict(r) for r in _FALLBACK], "a small built-in example (the bundled corpus is not installed)"


def split_by_date(rows: List[Dict[str, Any]]) -> Tuple[List[Dict[str, Any]], List[Dict[str, Any]], str]:
    """Day 1 = the earliest date, day 2 = every later date."""
    dates = sorted({r.get("date", "") for r in rows})
    first = dates[0]
    day1 = [r for r in rows if r.get("date", "") == first]
    day2 = [r for r in rows if r.get("date", "") != first]
    return day1, day2, f"{first} | {', '.join(dates[1:])}"


def _write(path: Path, rows: List[Dict[str, Any]]) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def _read(path: Path) -> List[Dict[str, Any]]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def _short(text: str, width: int = 70) -> str:
    line = " ".join(text.split())
    return line if len(line) <= width else line[: width - 1] + "…"


def run_demo(run_cli: RunCli) -> int:
    rows, what = load_corpus()
    day1, day2, dates = split_by_date(rows)
    id_field = "url" if all("url" in r for r in rows) else "id"
    print(f"warta demo: {len(rows)} scraped articles from {what}")
    print(f"  day 1 = {len(day1)} articles, day 2 = {len(day2)} articles (dates {dates})\n")

    with tempfile.TemporaryDirectory(prefix="warta-demo-") as tmp:
        work = Path(tmp)
        state = work / "state.idx"
        _write(work / "day1.jsonl", day1)
        _write(work / "day2.jsonl", day2)
        outputs = []
        for day in ("day1", "day2"):
            print(f"$ warta dedup {day}.jsonl -o {day}.out.jsonl --index state.idx --id-field {id_field} --annotate")
            start = time.perf_counter()
            code = run_cli(
                [
                    "dedup",
                    str(work / f"{day}.jsonl"),
                    "-o",
                    str(work / f"{day}.out.jsonl"),
                    "--index",
                    str(state),
                    "--id-field",
                    id_field,
                    "--annotate",
                    "--quiet",
                ]
            )
            if code != 0:
                return code
            out = _read(work / f"{day}.out.jsonl")
            outputs.append(out)
            dups = [r for r in out if r.get("duplicate_of") is not None]
            print(
                f"  {len(out)} read, {len(out) - len(dups)} kept, {len(dups)} duplicates "
                f"in {time.perf_counter() - start:.2f} s; index now {sum(os.path.getsize(f) for f in DedupIndex.files(state)):,} bytes\n"
            )

        print("$ warta index info state.idx")
        run_cli(["index", "info", str(state)])
        _show_clusters(day1, outputs, id_field)
        return _show_links(run_cli, work, outputs, id_field)


def _show_links(run_cli: RunCli, work: Path, outputs: List[List[Dict[str, Any]]], id_field: str) -> int:
    """Entity linking on the kept copies: who and what the day's stories are about."""
    kept = [r for out in outputs for r in out if r.get("duplicate_of") is None]
    _write(work / "kept.jsonl", kept)
    print(
        f"\n$ warta link kept.jsonl -o mentions.jsonl --date-field date --id-field {id_field}   # {len(kept)} kept articles"
    )
    code = run_cli(
        [
            "link",
            str(work / "kept.jsonl"),
            "-o",
            str(work / "mentions.jsonl"),
            "--date-field",
            "date",
            "--id-field",
            id_field,
            "--quiet",
        ]
    )
    if code != 0:
        return code
    mentions = _read(work / "mentions.jsonl")
    linked = [m for m in mentions if m.get("entity_id")]
    print(
        f"  {len(mentions)} mentions, {len(linked)} linked to the gazetteer, "
        f"{len(mentions) - len(linked)} ambiguous (alternatives reported)"
    )
    for label in ("person", "office", "organization", "place"):
        counts: Dict[str, int] = defaultdict(int)
        for m in linked:
            if m.get("label") == label:
                counts[m["entity_id"]] += 1
        top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:4]
        if top:
            print(f"  {label + 's:':15s}" + ", ".join(f"{eid} ({n})" for eid, n in top))
    persons = [m for m in linked if m.get("label") == "person"]
    # a short form ("Najib", "Ben") shows the linker using the rest of the article
    short = [m for m in persons if " " not in m["text"] and m["text"].lower() in m["entity_id"].split("-")]
    example = short[0] if short else (persons[0] if persons else None)
    if example:
        text = next(r["text"] for r in kept if r[id_field] == example[id_field])
        a, b = example["start"], example["end"]
        context = f"...{text[max(0, a - 50) : a]}[{text[a:b]}]{text[b : b + 30]}...".replace("\n", " ")
        print(f"\n  e.g. {context}\n       -> {example['entity_id']} (score {example['score']:.2f})")
    return 0


def _show_clusters(day1: List[Dict[str, Any]], outputs: List[List[Dict[str, Any]]], id_field: str) -> None:
    day1_ids = {r[id_field] for r in day1}
    members: Dict[Any, List[Dict[str, Any]]] = defaultdict(list)
    for out in outputs:
        for r in out:
            if r.get("cluster_id") is not None:
                members[r["cluster_id"]].append(r)
    across = [c for c in members.values() if len(c) > 1 and any(r["duplicate_of"] in day1_ids for r in c[1:])]
    print(f"\n{len(members)} stories; {len(across)} of them were first seen on day 1 and republished on day 2.")
    for cluster in sorted(across, key=len, reverse=True)[:3]:
        kept = cluster[0]
        print(f"\n  story: {_short(kept.get('title') or kept['text'])}")
        print(f"    kept       {kept[id_field]} ({kept.get('date', '?')})")
        for r in cluster[1:6]:
            print(f"    duplicate  {r[id_field]} ({r.get('date', '?')}), similarity {r['similarity']:.2f}")
        if len(cluster) > 6:
            print(f"    ... and {len(cluster) - 6} more copies")
    labelled = [r for out in outputs for r in out if r.get("story") is not None and r.get("duplicate_of") is not None]
    if labelled:
        story_of = {r[id_field]: r.get("story") for out in outputs for r in out}
        right = sum(story_of.get(r["duplicate_of"]) == r["story"] for r in labelled)
        rows = [r for out in outputs for r in out if r.get("story") is not None]
        copies = len(rows) - len({r["story"] for r in rows})
        print(
            f"\nChecked against the corpus's story labels: {right} of {len(labelled)} duplicates point to "
            f"a copy of the same story; the labels count {copies} copies of earlier stories, of which "
            f"{len(labelled)} are similar enough (story similarity >= 0.75 to a stored copy) to be marked."
        )


def add_command(subparsers: Any, run_cli: RunCli) -> None:
    """The demo runs the other commands as a user would, through ``warta.cli.main``, which is
    handed in because ``warta.cli`` imports this module (importing it back would be a cycle)."""
    p = subparsers.add_parser("demo", help="run the workflow on the bundled demo corpus")
    p.set_defaults(func=lambda args: run_demo(run_cli))
