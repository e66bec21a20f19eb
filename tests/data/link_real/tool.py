"""Tools for labelling the real-news linking gold set (see GUIDELINE.md).

    python tests/data/link_real/tool.py show ID...       the article, its date, numbered lines
    python tests/data/link_real/tool.py find WORDS       gazetteer rows whose name/aliases/office match
    python tests/data/link_real/tool.py check PART       validate a labeller's part file, print each mention
    python tests/data/link_real/tool.py build            parts/*.jsonl -> gold.jsonl (offsets, no texts)

A part file holds one JSON object per article: {"id": ..., "mentions": [{"text": surface,
"occurrence": n (1 = first time this exact surface appears in the text), "label": ...,
"entity_id": id or null, "kind": ...}], "notes": "..."}.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
DATA = Path(os.environ.get("WARTA_SHARED_DATA", REPO.parent / "shared" / "data"))
GAZETTEER = REPO / "python" / "warta" / "data" / "gazetteer.csv.gz"
LABELS = {"person", "office", "organization", "place"}
KINDS = {
    "person": {"full", "short", "title"},
    "office": {"full", "title"},
    "organization": {"full", "short"},
    "place": {"full", "short"},
}


def articles() -> dict:
    wanted = {r["id"]: r for r in csv.DictReader(open(HERE / "articles.csv", encoding="utf-8"))}
    out = {}
    with gzip.open(DATA / "news" / "click-id.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if r["id"] in wanted:
                out[r["id"]] = {**r, **wanted[r["id"]]}
    return out


def gazetteer() -> list:
    with gzip.open(GAZETTEER, "rt", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def known_ids(rows: list) -> set:
    return {r["id"] for r in rows if r["type"] != "person"} | {r["person_id"] for r in rows if r["person_id"]}


def cmd_show(ids: list) -> None:
    arts = articles()
    for i in ids:
        a = arts[i]
        print(f"=== {i}  date={a['date']}  source={a['source']}  stratum={a['stratum']}  split={a['split']}")
        print(f"title: {a['title']}")
        print(a["text"])
        print()


def cmd_find(words: list) -> None:
    query = " ".join(words).lower()
    for r in gazetteer():
        hay = " | ".join([r["name"], r["aliases"], r["office"], r["region"]]).lower()
        if query in hay:
            ident = r["person_id"] or r["id"]
            extra = (
                f" term={r['id']} {r['office']} / {r['region']} {r['start'] or '?'}..{r['end'] or 'open'}"
                if r["type"] == "person"
                else f" office={r['office']} region={r['region']}"
            )
            print(f"{ident}\t{r['type']}\t{r['name']}\taliases={r['aliases']}\t{extra}")


def resolve(part: Path, arts: dict, ids: set) -> list:
    """The part's mentions with offsets; raises SystemExit naming every problem."""
    problems, out = [], []
    for n, line in enumerate(open(part, encoding="utf-8"), start=1):
        if not line.strip():
            continue
        doc = json.loads(line)
        if doc["id"] not in arts:
            problems.append(f"line {n}: unknown article {doc['id']}")
            continue
        text = arts[doc["id"]]["text"]
        mentions = []
        for m in doc["mentions"]:
            where = f"{doc['id']} {m.get('text')!r}"
            if m.get("label") not in LABELS:
                problems.append(f"{where}: label {m.get('label')!r}")
                continue
            if m.get("kind") not in KINDS[m["label"]]:
                problems.append(f"{where}: kind {m.get('kind')!r} not in {sorted(KINDS[m['label']])}")
            if m.get("entity_id") is not None and m["entity_id"] not in ids:
                problems.append(f"{where}: entity_id {m['entity_id']!r} is not in the gazetteer")
            start, k = -1, int(m.get("occurrence", 1))
            for _ in range(k):
                start = text.find(m["text"], start + 1)
                if start < 0:
                    break
            if start < 0 or not m["text"]:
                problems.append(f"{where}: occurrence {k} not in the text")
                continue
            mentions.append(
                {
                    "start": start,
                    "end": start + len(m["text"]),
                    "text": m["text"],
                    "label": m["label"],
                    "entity_id": m.get("entity_id"),
                    "kind": m["kind"],
                }
            )
        mentions.sort(key=lambda m: (m["start"], -m["end"]))
        spans = [(m["start"], m["end"], m["label"]) for m in mentions]
        if len(set(spans)) != len(spans):
            problems.append(f"{doc['id']}: the same span and label twice")
        out.append({"id": doc["id"], "mentions": mentions, "notes": doc.get("notes", "")})
    if problems:
        raise SystemExit("\n".join(problems))
    return out


def cmd_check(parts: list) -> None:
    arts, ids = articles(), known_ids(gazetteer())
    for part in parts:
        for doc in resolve(Path(part), arts, ids):
            print(f"== {doc['id']}: {len(doc['mentions'])} mentions")
            for m in doc["mentions"]:
                print(f"  {m['start']:5d}-{m['end']:<5d} {m['label']:12s} {m['kind']:6s} {m['entity_id']}\t{m['text']}")


def cmd_build() -> None:
    arts, ids = articles(), known_ids(gazetteer())
    docs = {}
    for part in sorted((HERE / "parts").glob("*.jsonl")):
        for doc in resolve(part, arts, ids):
            if doc["id"] in docs:
                raise SystemExit(f"{doc['id']} labelled twice ({part.name})")
            docs[doc["id"]] = doc
    missing = sorted(set(arts) - set(docs))
    buf = io.StringIO()
    for i in sorted(docs):
        a = arts[i]
        buf.write(
            json.dumps(
                {
                    "id": i,
                    "date": a["date"],
                    "source": a["source"],
                    "stratum": a["stratum"],
                    "split": a["split"],
                    "mentions": docs[i]["mentions"],
                },
                ensure_ascii=False,
            )
            + "\n"
        )
    (HERE / "gold.jsonl").write_text(buf.getvalue(), encoding="utf-8")
    print(
        f"gold.jsonl: {len(docs)} articles, {sum(len(d['mentions']) for d in docs.values())} mentions; "
        f"unlabelled: {len(missing)}"
    )


def main(argv: list) -> None:
    if not argv:
        raise SystemExit(__doc__)
    command, rest = argv[0], argv[1:]
    {"show": cmd_show, "find": cmd_find, "check": cmd_check}.get(command, lambda _: cmd_build())(rest)


if __name__ == "__main__":
    main(sys.argv[1:])
