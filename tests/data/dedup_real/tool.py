"""Tools for labelling the real-news same-story pairs (see GUIDELINE.md).

    python tests/data/dedup_real/tool.py show PAIR...    both articles of a pair, with their numbers
    python tests/data/dedup_real/tool.py check PART      validate a labeller's part file
    python tests/data/dedup_real/tool.py build           parts/*.csv -> labels.csv

A part file is CSV with the header ``pair,label,partial,ambiguous,note``: label ``same`` or
``different``, partial and ambiguous ``yes``/``no``.
"""

from __future__ import annotations

import csv
import gzip
import json
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
DATA = Path(os.environ.get("WARTA_SHARED_DATA", REPO.parent / "shared" / "data"))
FIELDS = ["pair", "label", "partial", "ambiguous", "note"]


def pairs() -> dict:
    return {r["pair"]: r for r in csv.DictReader(open(HERE / "pairs.csv", encoding="utf-8"))}


def articles(ids: set) -> dict:
    out = {}
    with gzip.open(DATA / "news" / "click-id.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if r["id"] in ids:
                out[r["id"]] = r
    return out


def cmd_show(names: list) -> None:
    table = pairs()
    arts = articles({table[n][k] for n in names for k in ("a", "b")})
    for n in names:
        p = table[n]
        print(f"######## {n}")
        for side in ("a", "b"):
            r = arts[p[side]]
            print(f"--- {side.upper()}: {r['id']}  {r['source']}  {r['date']}  ({len(r['text'])} chars)")
            print(f"title: {r['title']}")
            print(r["text"])
        print()


def read_part(path: Path, table: dict) -> list:
    problems, rows = [], []
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        if reader.fieldnames != FIELDS:
            raise SystemExit(f"{path}: header must be {','.join(FIELDS)}")
        for r in reader:
            where = f"{path.name} {r['pair']}"
            if None in r:
                problems.append(f"{where}: more columns than the header (quote a note that has commas)")
            if r["pair"] not in table:
                problems.append(f"{where}: unknown pair")
            if r["label"] not in ("same", "different"):
                problems.append(f"{where}: label {r['label']!r}")
            for flag in ("partial", "ambiguous"):
                if r[flag] not in ("yes", "no"):
                    problems.append(f"{where}: {flag} {r[flag]!r}")
            rows.append(r)
    if problems:
        raise SystemExit("\n".join(problems))
    return rows


def cmd_check(parts: list) -> None:
    table = pairs()
    for part in parts:
        rows = read_part(Path(part), table)
        print(f"{part}: {len(rows)} pairs, {sum(r['label'] == 'same' for r in rows)} same")


def cmd_build(_: list) -> None:
    table, out = pairs(), {}
    for part in sorted((HERE / "parts").glob("*.csv")):
        for r in read_part(part, table):
            if r["pair"] in out:
                raise SystemExit(f"{r['pair']} labelled twice ({part.name})")
            out[r["pair"]] = r
    with open(HERE / "labels.csv", "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(out[k] for k in sorted(out))
    print(f"labels.csv: {len(out)} of {len(table)} pairs")


def main(argv: list) -> None:
    if not argv:
        raise SystemExit(__doc__)
    {"show": cmd_show, "check": cmd_check, "build": cmd_build}[argv[0]](argv[1:])


if __name__ == "__main__":
    main(sys.argv[1:])
