"""Missing is missing: None, NaN, pd.NA and pd.NaT mean "no value" wherever a batch of texts,
a date or a gazetteer cell is read (issue 10)."""

import io

import numpy as np
import pandas as pd
import pytest
import warta
from warta import EntityLinker, Gazetteer

STORY = (
    "Gubernur Banten Andra Soni meresmikan jembatan baru di Kabupaten Serang pada Senin pagi. "
    "Jembatan sepanjang 120 meter itu menghubungkan dua kecamatan yang selama ini terpisah sungai besar."
)
MISSING = [None, float("nan"), np.float64("nan"), pd.NA, pd.NaT]


def _string_dtypes():
    dtypes = ["string[python]"]
    try:
        import pyarrow  # noqa: F401

        dtypes.append("string[pyarrow]")
    except ImportError:
        pass
    return dtypes


@pytest.fixture(params=_string_dtypes())
def na_column(request):
    """A pandas string column whose second item is pd.NA, as read_csv / read_parquet give it."""
    return pd.Series([STORY, None, STORY], dtype=request.param)


def test_string_column_with_na_dedups_as_an_empty_text(na_column):
    assert na_column.tolist()[1] is pd.NA
    res = warta.dedup(na_column)
    assert res.empty.tolist() == [False, True, False]
    assert res.duplicate_of.tolist() == [-1, -1, 0]


@pytest.mark.parametrize("missing", MISSING, ids=repr)
def test_every_missing_value_is_an_empty_text(missing):
    res = warta.dedup([STORY, missing, STORY])
    assert res.empty.tolist() == [False, True, False]
    sigs = warta.MinHasher(num_perm=16).signatures([STORY, missing])
    assert (sigs[1] == 0xFFFFFFFF).all()


def test_signatures_of_a_string_column_with_na(na_column):
    sigs = warta.MinHasher(num_perm=16).signatures(na_column)
    assert (sigs[1] == 0xFFFFFFFF).all() and (sigs[0] == sigs[2]).all()


def test_index_add_batch_and_query_with_na(na_column):
    idx = warta.DedupIndex(num_perm=64)
    out = idx.add_batch(na_column)
    assert out["empty"].tolist() == [False, True, False]
    assert out["is_duplicate"].tolist() == [False, False, True]
    assert idx.query_batch(na_column)["query"].tolist() == [0, 2]


def test_link_batch_with_na_texts_and_missing_dates(na_column):
    linker = EntityLinker()
    dates = pd.Series(["2025-06-01", "2025-06-01", None], dtype="string")
    table = linker.link_batch(na_column, dates)
    assert set(table["doc"]) == {0, 2}
    for missing in MISSING:
        undated = linker.link_batch([STORY], [missing])
        pd.testing.assert_frame_equal(undated, linker.link_batch([STORY]))
    parsed = pd.to_datetime(pd.Series(["2025-06-01", None, None]))
    assert parsed.tolist()[1] is pd.NaT
    pd.testing.assert_frame_equal(
        linker.link_batch(na_column, parsed), linker.link_batch(na_column, ["2025-06-01", None, None])
    )


def test_link_with_a_missing_date_is_undated():
    linker = EntityLinker()
    for missing in MISSING:
        assert linker.link(STORY, date=missing) == linker.link(STORY)


GAZETTEER_CSV = """id,name,type,aliases,office,region,start,end
andra,Andra Soni,person,,Gubernur,Banten,2025-02-20,
dimyati,Ahmad Dimyati Natakusumah,person,A. Dimyati,Wakil Gubernur,Banten,2025-02-20,
banten,Banten,place,,,,,
"""


def test_gazetteer_dataframe_with_nat_open_terms_links():
    # Every open term becomes NaT when the file is read with parse_dates.
    df = pd.read_csv(io.StringIO(GAZETTEER_CSV), parse_dates=["start", "end"], dtype={"aliases": "string"})
    assert df["end"].isna().all() and df["end"].tolist()[0] is pd.NaT
    gaz = Gazetteer.from_dataframe(df)
    assert gaz["andra"].end is None and gaz["banten"].start is None
    assert str(gaz["andra"].start) == "2025-02-20"
    linker = EntityLinker(gaz)
    people = [
        m.entity_id for m in linker.link("Gubernur Banten Andra Soni hadir.", date="2025-06-01") if m.label == "person"
    ]
    assert people == ["andra"]


def test_gazetteer_records_with_pandas_missing_cells():
    gaz = Gazetteer.from_records(
        [
            {
                "id": "x",
                "name": "Andra Soni",
                "type": "person",
                "aliases": pd.NA,
                "office": pd.NA,
                "region": None,
                "start": pd.NaT,
                "end": np.datetime64("NaT"),
            },
        ]
    )
    assert gaz["x"].aliases == () and gaz["x"].start is None and gaz["x"].end is None and gaz["x"].office == ""


def test_link_batch_takes_numpy_datetime_dates_with_nat():
    linker = EntityLinker()
    texts = [STORY, STORY]
    dates = np.array(["2025-06-01", "NaT"], dtype="datetime64[ns]")  # tolist() gives ns ints
    pd.testing.assert_frame_equal(linker.link_batch(texts, dates), linker.link_batch(texts, ["2025-06-01", None]))
