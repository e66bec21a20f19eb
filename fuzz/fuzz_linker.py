"""Fuzzes warta.EntityLinker.link and link_batch on the bundled gazetteer. Property: every
mention satisfies ``text[m.start:m.end] == m.text`` with ``0 <= start < end <= len(text)``,
mentions come in order of position, a mention is ambiguous (entity_id None) exactly when it
has alternatives, and link_batch gives, document by document, what link gives."""

import _harness
import atheris
import warta
from warta.gazetteer import ENTITY_TYPES

LINKERS = [warta.EntityLinker(warta.Gazetteer.default(), fuzzy=f) for f in (True, False)]
#: dates on both sides of the bundled terms (2020s) and none at all
DATES = (None, "1999-12-31", "2018-02-13", "2021-03-01", "2025-02-20", "2025-05-23", "2030-01-01")


def check_mentions(text: str, mentions: list) -> None:
    previous_start = 0
    for m in mentions:
        assert 0 <= m.start < m.end <= len(text), (m, len(text))
        assert text[m.start : m.end] == m.text, m
        assert m.start >= previous_start, (m, previous_start)
        assert m.label in ENTITY_TYPES, m
        assert (m.entity_id is None) == bool(m.alternatives), m
        previous_start = m.start


def one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    linker = LINKERS[fdp.ConsumeIntInRange(0, 1)]
    dates = [DATES[fdp.ConsumeIntInRange(0, len(DATES) - 1)] for _ in range(2)]
    texts = [_harness.text(fdp, max_parts=40), _harness.text(fdp)]
    singles = [linker.link(t, d) for t, d in zip(texts, dates)]
    for t, mentions in zip(texts, singles):
        check_mentions(t, mentions)
    table = linker.link_batch(texts, dates, n_jobs=2)
    batch = [[(r.start, r.end, r.entity_id, r.label) for r in table[table["doc"] == i].itertuples()] for i in range(2)]
    assert batch == [[(m.start, m.end, m.entity_id, m.label) for m in ms] for ms in singles], (batch, singles)


SEEDS = [
    b"",
    b"Wakil Bupati (Wabup) Serang, Muhammad Najib Hamas bersama Gubernur Banten Andra Soni",
    bytes(range(256)),
]

if __name__ == "__main__":
    _harness.run("linker", one_input, SEEDS, _harness.BLIND_FLAGS)
