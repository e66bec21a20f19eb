"""Property tests for entity linking (hypothesis)."""

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from warta import EntityLinker, Gazetteer, Normalizer, _core
from warta._reference import leftmost_longest

WORDS = [
    "Gubernur",
    "Banten",
    "Andra",
    "Soni",
    "Sony",
    "Wabup",
    "Wakil",
    "Bupati",
    "Serang",
    "Serangan",
    "Najib",
    "Hamas",
    "Pemkab",
    "Pemkot",
    "Kab.",
    "Kota",
    "Plh",
    "Sekda",
    "Pak",
    "Ibu",
    "Hj.",
    "Benyamin",
    "Davnie",
    "Ben",
    "Tangerang",
    "Selatan",
    "Cilegon",
    "A.",
    "Dimyati",
    "dan",
    "di",
    "meninjau",
    "warga",
    "(",
    ")",
    ",",
    ".",
    "–",
    "\r\n",
    "\n",
    "😀",
    "e\u0301",
    "ß",
    "İ",
    "\u200b",
    "Fajar",
    "pilar",
    "SERANG",
    "Lebak",
    "Hasbi",
    "Muhammad",
    "Wagub",
    "Walkot",
]
texts = st.lists(st.sampled_from(WORDS), max_size=40).map(lambda ws: " ".join(ws))
mixed = st.one_of(texts, st.text(max_size=80), st.tuples(texts, st.text(max_size=20)).map("".join))
dates = st.one_of(st.none(), st.dates().map(lambda d: d.isoformat()))
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def linker(default_linker):
    return default_linker


def key(mentions):
    return [(m.start, m.end, m.entity_id, m.label, round(m.score, 6), m.alias, m.alternatives) for m in mentions]


@SETTINGS
@given(text=mixed, date=dates)
def test_offsets_always_slice_to_the_mention(linker, text, date):
    for m in linker.link(text, date):
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.text
        assert m.label in ("person", "office", "organization", "place")
        assert (m.entity_id is None) == bool(m.alternatives)


@SETTINGS
@given(text=mixed, date=dates)
def test_linking_twice_gives_the_same_result(linker, text, date):
    assert key(linker.link(text, date)) == key(linker.link(text, date))


@pytest.fixture(scope="module")
def small_gazetteer_records():
    return (
        Gazetteer.default()
        .to_dataframe()
        .query(
            "region in ['Banten', 'Kabupaten Serang', 'Kota Tangerang Selatan', 'Kota Cilegon', ''] or id == 'prov-36'"
        )
        .to_dict("records")
    )


UNRELATED = st.tuples(
    st.sampled_from(["person", "office", "organization", "place"]),
    st.lists(st.sampled_from(["Qorvex", "Zumbrak", "Xilotep", "Vrandok", "Kuwel", "Jerpax"]), min_size=1, max_size=3),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=texts, date=dates, extra=UNRELATED)
def test_an_unrelated_entry_changes_no_link(small_gazetteer_records, text, date, extra):
    base = Gazetteer.from_records(small_gazetteer_records)
    etype, words = extra
    more = Gazetteer.from_records(
        small_gazetteer_records + [{"id": "zz-unrelated", "name": " ".join(words), "type": etype}]
    )
    assert key(EntityLinker(base).link(text, date)) == key(EntityLinker(more).link(text, date))


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(batch=st.lists(st.one_of(st.none(), mixed), max_size=30), date=dates)
def test_n_jobs_1_and_2_identical(linker, batch, date):
    dates_ = [date] * len(batch)
    pd.testing.assert_frame_equal(
        linker.link_batch(batch, dates_, n_jobs=1), linker.link_batch(batch, dates_, n_jobs=2)
    )


ALIAS_WORDS = ["serang", "Banten", "kab.", "kota", "Pemkab", "A.", "dimyati", "andra", "soni", "é", "ß", "x"]
aliases = st.lists(
    st.lists(st.sampled_from(ALIAS_WORDS), min_size=1, max_size=4).map(" ".join), min_size=1, max_size=25
)


@settings(max_examples=150, deadline=None)
@given(
    patterns=aliases, text=st.lists(st.sampled_from(ALIAS_WORDS + ["di", ",", "(", "😀"]), max_size=40).map(" ".join)
)
def test_alias_matcher_equals_the_reference_leftmost_longest(patterns, text):
    norm = Normalizer()
    words = [t.text for t in norm.tokenize(text)]
    starts = [t.start for t in norm.tokenize(text)]
    ends = [t.end for t in norm.tokenize(text)]
    expected = [
        (starts[b], ends[e - 1], p)
        for b, e, p in leftmost_longest(words, [[t.text for t in norm.tokenize(a)] for a in patterns])
    ]
    assert [tuple(m) for m in _core.AliasMatcher(patterns, 1).find(text)] == expected
