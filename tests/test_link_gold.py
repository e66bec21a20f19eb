"""Mention-level quality on the hand-written gold set (tests/data/link_gold.jsonl).

A mention counts as correct when its span (start, end) and its entity (None for an
ambiguous mention) both equal the gold annotation. The gold set is written for warta in
the styles of Indonesian regional news (see link_gold.marked.txt for its conventions) and
uses the default gazetteer plus tests/data/link_gazetteer.csv.
"""

import json
from pathlib import Path

import pytest
from warta import EntityLinker, Gazetteer

DATA = Path(__file__).resolve().parent / "data"


def load_gold():
    with open(DATA / "link_gold.jsonl", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


@pytest.fixture(scope="module")
def linker():
    return EntityLinker(Gazetteer.default().merged(Gazetteer.from_csv(DATA / "link_gazetteer.csv")))


def score(gold_docs, linker):
    """The gold names a person by the gazetteer row of its term: a mention is right when it
    reports that row's person with that row as its position."""
    tp = fp = fn = 0
    errors = []
    gaz = linker.gazetteer
    for doc in gold_docs:
        gold = {(m["start"], m["end"], m["entity_id"]) for m in doc["mentions"]}
        got = set()
        for m in linker.link(doc["text"], doc["date"]):
            ent = m.entity_id
            if m.label == "person" and m.position is not None and gaz[m.position.term_id].person_id == ent:
                ent = m.position.term_id
            got.add((m.start, m.end, ent))
        tp += len(gold & got)
        fp += len(got - gold)
        fn += len(gold - got)
        for s, e, ent in sorted(got - gold):
            errors.append(f"{doc['id']} extra   {doc['text'][s:e]!r} -> {ent}")
        for s, e, ent in sorted(gold - got):
            errors.append(f"{doc['id']} missing {doc['text'][s:e]!r} -> {ent}")
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f1, tp, errors


def test_gold_set_is_big_and_varied_enough():
    docs = load_gold()
    assert len(docs) >= 40
    labels = {m["label"] for d in docs for m in d["mentions"]}
    assert {"person", "office", "organization", "place"} <= labels
    assert any(m["entity_id"] is None for d in docs for m in d["mentions"])  # ambiguity is annotated
    for d in docs:
        for m in d["mentions"]:
            assert d["text"][m["start"] : m["end"]] == m["text"]


def test_gold_f1(linker, capsys):
    p, r, f1, tp, errors = score(load_gold(), linker)
    with capsys.disabled():
        print(f"\nentity linking gold set: precision {p:.3f} recall {r:.3f} F1 {f1:.3f} ({tp} correct mentions)")
    assert f1 >= 0.95, "\n".join(errors)
