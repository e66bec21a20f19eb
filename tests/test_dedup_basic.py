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


def test_mappings_sets_and_frames_are_rejected_not_iterated():
    import pandas as pd

    by_url = {"u1": STORY, "u2": STORY}
    with pytest.raises(TypeError, match=r"texts is a dict, whose iteration gives its keys: pass list\(d.values\(\)\)"):
        warta.dedup(by_url)
    with pytest.raises(TypeError, match="set, which has no order"):
        warta.dedup({STORY, "x"})
    with pytest.raises(TypeError, match=r"DataFrame: pass one column of it, e.g. df\['text'\]"):
        warta.dedup(pd.DataFrame({"text": [STORY]}))
    with pytest.raises(TypeError, match="dict"):
        warta.MinHasher().signatures(by_url)
    with pytest.raises(TypeError, match="dict"):
        warta.DedupIndex().add_batch(by_url)
    with pytest.raises(TypeError, match="dict"):
        warta.EntityLinker().link_batch(by_url)
    # what the message suggests works, with the keys as labels
    out = warta.dedup(pd.Series(by_url)).to_pandas()
    assert out.index.tolist() == ["u1", "u2"] and out["duplicate_of_label"]["u2"] == "u1"
