import numpy as np
import pandas as pd
import pytest

import warta

dd = pytest.importorskip("dask.dataframe")
import warta.dask as wdask  # noqa: E402


def corpus():
    rng = np.random.default_rng(7)
    words = [f"kata{i}" for i in range(400)]
    base = [" ".join(rng.choice(words, 90)) for _ in range(40)]
    texts = [b if k == 0 else b + f" tambahan{k}" for b in base for k in range(3)]
    order = rng.permutation(len(texts))
    return [texts[i] for i in order]


def test_partitions_give_the_same_clusters_as_one_batch():
    texts = corpus()
    ddf = dd.from_pandas(pd.DataFrame({"text": texts}), npartitions=4)
    kw = dict(strip_boilerplate=False, correct_typos=False)  # nothing learned per partition
    dist = wdask.dedup(ddf, "text", **kw)
    local = warta.dedup(texts, **kw)
    np.testing.assert_array_equal(dist.cluster_id, local.cluster_id)
    np.testing.assert_array_equal(dist.duplicate_of, local.duplicate_of)
    assert dist.pairs.equals(local.pairs)
    assert dist.n_clusters == 40


def test_series_input_and_defaults():
    texts = corpus()
    res = wdask.dedup(dd.from_pandas(pd.Series(texts), npartitions=3), column=None)
    assert len(res) == len(texts) and res.n_clusters == 40
