"""Entity linking measured on real news: the gold set of tests/data/link_real (100 articles of
../shared/data/news labelled by reading, see its GUIDELINE.md).

    .venv/bin/python evaluation/link_real.py [--split tune|test|dev|holdout|all] [--gazetteer FILE] [--json]

Two settings: the default gazetteer (every label scored), and a user's gazetteer of persons
only in the DESIGN.md CSV form (persons scored), made here from the same officials: one row
per term, ``office`` written with its region ("Gubernur Banten") on every other row and as
the bare title with ``region`` on the others, no office rows.

Scoring. A prediction and a gold mention correspond when they have the same label and their
spans overlap. A linked prediction (an entity id) is a true positive when it corresponds to
a gold mention with that entity, else a false positive (a wrong entity, a gold mention that
is "not in the gazetteer", or no gold mention at all); an ambiguous prediction (no entity)
is neither. A gold mention with an entity and no true positive is a false negative.
Persons are compared by person (``person_id``): a linker that returns a term's row id is
mapped to its person. Recall per kind (full name, short form, title alone) is over the gold
mentions of that kind. ``out_of_term`` is the share of person links whose term (the
mention's ``position``, or the linked row's dates) does not cover the article's date.
"""

from __future__ import annotations

import argparse
import collections
import csv
import datetime as dt
import gzip
import io
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any, Dict, List, Optional

import warta

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))
from build_gazetteer import full_date, slug  # noqa: E402  (the default gazetteer's own rules)

GOLD = REPO / "tests" / "data" / "link_real" / "gold.jsonl"
DATA = Path(os.environ.get("WARTA_SHARED_DATA", REPO.parent / "shared" / "data"))
LABELS = ("person", "office", "organization", "place")


def load_gold(split: str) -> List[Dict[str, Any]]:
    with open(GOLD, encoding="utf-8") as f:
        docs = [json.loads(line) for line in f]
    docs = [d for d in docs if split == "all" or d["split"] == split or (split == "dev" and d["split"] != "holdout")]
    texts = {}
    with gzip.open(DATA / "news" / "click-id.jsonl.gz", "rt", encoding="utf-8") as f:
        wanted = {d["id"] for d in docs}
        for line in f:
            r = json.loads(line)
            if r["id"] in wanted:
                texts[r["id"]] = r["text"]
    for d in docs:
        d["text"] = texts[d["id"]]
        for m in d["mentions"]:
            assert d["text"][m["start"] : m["end"]] == m["text"], (d["id"], m)
    return docs


def persons_only_csv(path: Path) -> None:
    """The user's gazetteer: officials' terms as persons, no office or place rows."""
    rows = []
    for name in ("officials/officials.csv", "officials-extra/officials-extra.csv"):
        with open(DATA / name, encoding="utf-8", newline="") as f:
            rows.extend(csv.DictReader(f))
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "name", "type", "aliases", "office", "region", "start", "end", "person_id"])
        for k, r in enumerate(rows):
            start, end = (full_date(r["start"], end=False), full_date(r["end"], end=True))
            office, region = r["office"], r["region"]
            if k % 2 == 0 and region != "Indonesia":  # "Gubernur Banten", "Bupati Kabupaten Serang"
                office, region = f"{office} {region}", ""
            w.writerow(
                [r["id"], r["name"], "person", r["aliases"], office, region, start, end, "person-" + slug(r["name"])]
            )


def to_person(gaz: warta.Gazetteer) -> Dict[str, str]:
    """Entity id -> the id gold uses: a person's person_id, anything else itself. A gazetteer
    without person_id (an older default) is mapped through the bundled one's term rows."""
    bundled = {e.id: e.attributes.get("person_id") for e in warta.Gazetteer.default() if e.type == "person"}
    out = {}
    for e in gaz:
        pid = (e.attributes.get("person_id") or bundled.get(e.id)) if e.type == "person" else None
        out[e.id] = pid or e.id
    return out


def _term(m: Any, gaz: warta.Gazetteer) -> Optional[tuple]:
    pos = getattr(m, "position", None)
    if pos is not None:
        return (pos.start, pos.end)
    if m.entity_id in gaz and gaz[m.entity_id].type == "person" and not hasattr(m, "position"):
        e = gaz[m.entity_id]
        return (e.start, e.end)
    return None


def score(docs: List[Dict[str, Any]], linker: warta.EntityLinker, labels=LABELS) -> Dict[str, Any]:
    gaz = linker.gazetteer
    canon = to_person(gaz)
    tp = collections.Counter()
    fp = collections.Counter()
    fn = collections.Counter()
    kind_hit = collections.Counter()
    kind_all = collections.Counter()
    person_links = out_of_term = 0
    errors = []
    for d in docs:
        date = dt.date.fromisoformat(d["date"])
        gold = [m for m in d["mentions"] if m["label"] in labels]
        pred = [m for m in linker.link(d["text"], date=d["date"]) if m.label in labels]
        found = set()
        for p in pred:
            if p.entity_id is None:
                continue
            ent = canon.get(p.entity_id, p.entity_id)
            if p.label == "person":
                person_links += 1
                term = _term(p, gaz)
                if term is not None and ((term[0] and date < term[0]) or (term[1] and date > term[1])):
                    out_of_term += 1
            hit = [
                i
                for i, g in enumerate(gold)
                if g["label"] == p.label and g["start"] < p.end and p.start < g["end"] and g["entity_id"] == ent
            ]
            if hit:
                tp[p.label] += 1
                found.update(hit)
            else:
                fp[p.label] += 1
                errors.append((d["id"], "FP", p.label, p.text, ent))
        for i, g in enumerate(gold):
            if g["entity_id"] is None:
                continue
            kind_all[(g["label"], g["kind"])] += 1
            if i in found:
                kind_hit[(g["label"], g["kind"])] += 1
            else:
                fn[g["label"]] += 1
                errors.append((d["id"], "FN", g["label"], g["text"], g["entity_id"]))
    out: Dict[str, Any] = {"docs": len(docs), "labels": {}, "kinds": {}}
    for lab in labels:
        p = tp[lab] / (tp[lab] + fp[lab]) if tp[lab] + fp[lab] else 0.0
        gold_n = sum(v for (lb, _), v in kind_all.items() if lb == lab)
        r = sum(v for (lb, _), v in kind_hit.items() if lb == lab) / gold_n if gold_n else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        out["labels"][lab] = {
            "precision": round(p, 3),
            "recall": round(r, 3),
            "f1": round(f1, 3),
            "links": tp[lab] + fp[lab],
            "gold": gold_n,
        }
    for key in sorted(kind_all):
        out["kinds"]["/".join(key)] = {"recall": round(kind_hit[key] / kind_all[key], 3), "gold": kind_all[key]}
    out["person_links"] = person_links
    out["out_of_term"] = round(out_of_term / person_links, 3) if person_links else 0.0
    out["errors"] = errors
    return out


def report(name: str, result: Dict[str, Any]) -> str:
    lines = [f"### {name} ({result['docs']} articles)", "", "| label | precision | recall | F1 | links | gold |"]
    lines.append("|---|---:|---:|---:|---:|---:|")
    for lab, s in result["labels"].items():
        lines.append(
            f"| {lab} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} | {s['links']} | {s['gold']} |"
        )
    lines += ["", "| gold kind | recall | gold |", "|---|---:|---:|"]
    for k, s in result["kinds"].items():
        lines.append(f"| {k} | {s['recall']:.3f} | {s['gold']} |")
    lines += [
        "",
        f"person links whose term excludes the article's date: {result['out_of_term']:.3f} of {result['person_links']}",
        "",
    ]
    return "\n".join(lines)


def main(argv: Optional[List[str]] = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=["tune", "test", "dev", "holdout", "all"], default="test")
    ap.add_argument(
        "--gazetteer", type=Path, default=None, help="default-gazetteer file to use instead of the bundled one"
    )
    ap.add_argument("--errors", action="store_true", help="list every false positive and negative")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    docs = load_gold(args.split)
    gaz = warta.Gazetteer.from_csv(args.gazetteer) if args.gazetteer else warta.Gazetteer.default()
    results = {"default gazetteer": score(docs, warta.EntityLinker(gaz))}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "persons.csv"
        persons_only_csv(path)
        user = warta.EntityLinker(warta.Gazetteer.from_csv(path))
        results["persons-only user gazetteer"] = score(docs, user, labels=("person",))
    if args.json:
        print(json.dumps({k: {kk: vv for kk, vv in v.items() if kk != "errors"} for k, v in results.items()}, indent=1))
        return
    buf = io.StringIO()
    for name, res in results.items():
        buf.write(report(f"{name}, split {args.split}", res) + "\n")
        if args.errors:
            for e in res["errors"]:
                buf.write("    " + "\t".join(map(str, e)) + "\n")
    sys.stdout.write(buf.getvalue())


if __name__ == "__main__":
    main()
