"""Results keep the caller's pandas index, so joining them back never misaligns (issue 10)."""

import numpy as np
import pandas as pd
import warta

STORY = (
    "Gubernur Banten Andra Soni meresmikan jembatan baru di Kabupaten Serang pada Senin pagi. "
    "Jembatan sepanjang 120 meter itu menghubungkan dua kecamatan yang selama ini terpisah sungai besar."
)
OTHER = "Hujan deras melanda Kota Bandung sejak sore kemarin hingga malam, merendam ratusan rumah warga di tepi sungai."


def _frame():
    """Nine rows, every third one dropped by a filter: the filtered frame's labels are not its positions."""
    texts = [STORY, "lang en", OTHER, STORY, "lang en", OTHER + " Tambahan.", STORY, "lang en", OTHER]
    df = pd.DataFrame({"text": texts, "lang": ["id", "en", "id"] * 3})
    return df[df["lang"] == "id"]


def test_to_pandas_keeps_the_filtered_index_and_joins():
    df = _frame()
    res = warta.dedup(df["text"], num_perm=64)
    out = res.to_pandas()
    assert out.index.equals(df.index)
    joined = df.join(out)
    assert joined["cluster_id"].notna().all()
    dups = joined[joined["is_duplicate"]]
    assert len(dups) == 4
    # duplicate_of_label points at the kept row by label ...
    assert df.loc[dups["duplicate_of_label"], "text"].tolist() == [STORY, OTHER, STORY, OTHER]
    # ... duplicate_of keeps the position, as the array does
    assert df.iloc[dups["duplicate_of"]]["text"].tolist() == [STORY, OTHER, STORY, OTHER]
    assert out["duplicate_of"].tolist() == res.duplicate_of.tolist() == [-1, -1, 0, 1, 0, 1]
    assert out["duplicate_of_label"].dtype == "Int64"
    assert out["duplicate_of_label"].tolist() == [pd.NA, pd.NA, 0, 2, 0, 2]


def test_string_labels_and_plain_lists():
    s = pd.Series([STORY, OTHER, STORY], index=["u1", "u2", "u3"])
    out = warta.dedup(s, num_perm=64).to_pandas()
    assert out.index.tolist() == ["u1", "u2", "u3"]
    assert out["duplicate_of_label"].isna().tolist() == [True, True, False]
    assert out["duplicate_of_label"]["u3"] == "u1"
    plain = warta.dedup([STORY, OTHER, STORY], num_perm=64).to_pandas()
    assert isinstance(plain.index, pd.RangeIndex)
    assert plain["duplicate_of_label"].tolist() == [pd.NA, pd.NA, 0]
    assert warta.dedup(np.array([STORY, STORY]), num_perm=64).to_pandas()["duplicate_of_label"].tolist() == [pd.NA, 0]


def test_add_batch_keeps_the_index():
    df = _frame()
    idx = warta.DedupIndex(num_perm=64)
    out = idx.add_batch(df["text"], ids=[f"url{i}" for i in df.index])
    assert out.index.equals(df.index)
    joined = df.join(out)
    assert joined.loc[3, "duplicate_of"] == "url0" and joined.loc[3, "id"] == "url3"
    again = idx.add_batch(df["text"].iloc[:2])
    assert again.index.tolist() == [0, 2] and again["is_duplicate"].all()
    assert isinstance(idx.add_batch([OTHER]).index, pd.RangeIndex)
