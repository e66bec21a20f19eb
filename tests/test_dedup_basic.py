import numpy as np
import pytest

import warta

STORY = (
    "Gubernur Banten Andra Soni meresmikan jembatan baru di Kabupaten Serang pada Senin pagi. "
    "Jembatan sepanjang 120 meter itu menghubungkan dua kecamatan yang selama ini terpisah sungai besar."
)


def test_copies_cluster_and_distinct_do_not():
    texts = [STORY, "Berita lain: hujan deras melanda Kota Bandung sejak sore kemarin hingga malam.", STORY.upper()]
    res = warta.dedup(texts)
    assert res.cluster_id.tolist() == [0, 1, 0]
    assert res.duplicate_of.tolist() == [-1, -1, 0]
    assert res.is_duplicate.tolist() == [False, False, True]
    assert list(res.pairs.columns) == ["i", "j", "similarity"]
    assert len(res.to_pandas()) == 3


def test_empty_and_none_never_match():
    res = warta.dedup(["", None, "   ", "", float("nan")])
    assert not res.is_duplicate.any()
    assert res.empty.all()
    assert len(set(res.cluster_id.tolist())) == 5


def test_non_str_raises_with_index():
    with pytest.raises(TypeError, match=r"texts\[1\]"):
        warta.dedup(["a", 3])
    with pytest.raises(TypeError, match="decode"):
        warta.dedup(["a", b"bytes"])


def test_bad_params():
    with pytest.raises(ValueError, match="threshold"):
        warta.dedup(["a"], threshold=0)
    with pytest.raises(ValueError, match="num_perm"):
        warta.dedup(["a"], num_perm=0)
    with pytest.raises(ValueError, match="n_jobs"):
        warta.dedup(["a"], n_jobs=0)


def test_signatures_shape_and_dtype():
    sigs = warta.MinHasher(num_perm=64).signatures([STORY, "x y z"])
    assert sigs.shape == (2, 64) and sigs.dtype == np.uint32
