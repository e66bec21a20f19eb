"""cluster="star" against cluster="connected": chains, member-to-representative similarity,
thread counts, options."""

import numpy as np
import pandas as pd
import pytest
import warta
from warta import _reference

# The batch shingles exactly as MinHasher.shingles does when nothing is learned from the batch.
PLAIN = dict(strip_boilerplate=False, correct_typos=False, measure="jaccard")  # the chains are built in Jaccard


def _sentences(seed, n, words=14):
    rng = np.random.default_rng(seed)
    vocab = [f"kata{i}" for i in range(3000)]
    return [" ".join(rng.choice(vocab, words)).capitalize() + "." for _ in range(n)]


def _drifting_series(seed=1, days=12, width=10, step=3):
    """A daily series whose text slides along one stream of sentences: neighbours share
    (width - step) / (width + step) of their shingles, texts far apart nothing."""
    stream = _sentences(seed, step * days + width)
    return ["\n".join(stream[d * step : d * step + width]) for d in range(days)]


def _exact(a, b):
    mh = warta.MinHasher()
    return _reference.jaccard(set(mh.shingles(a).tolist()), set(mh.shingles(b).tolist()))


def test_a_chain_is_one_cluster_connected_and_two_star():
    a, b, c = _drifting_series(days=3, width=10, step=3)
    assert _exact(a, b) > 0.5 and _exact(b, c) > 0.5 and _exact(a, c) < 0.5
    connected = warta.dedup([a, b, c], threshold=0.5, **PLAIN)
    star = warta.dedup([a, b, c], threshold=0.5, cluster="star", **PLAIN)
    assert connected.cluster_id.tolist() == [0, 0, 0]
    assert star.cluster_id.tolist() == [0, 0, 1]
    assert star.duplicate_of.tolist() == [-1, 0, -1]
    assert len(star.pairs) == len(connected.pairs) == 2  # the same verified pairs, clustered differently


def test_connected_is_the_default():
    texts = _drifting_series(days=3)
    np.testing.assert_array_equal(
        warta.dedup(texts, threshold=0.5, **PLAIN).cluster_id,
        warta.dedup(texts, threshold=0.5, cluster="connected", **PLAIN).cluster_id,
    )


def _series_corpus():
    """Drifting series, exact copies and trimmed copies, interleaved."""
    texts = []
    for seed in range(4):
        series = _drifting_series(seed=seed, days=8, width=10, step=2 + seed % 2)
        texts += series + [series[2], "\n".join(series[4].split("\n")[:8])]
    rng = np.random.default_rng(0)
    return [texts[i] for i in rng.permutation(len(texts))]


@pytest.mark.parametrize("exact", [True, False])
def test_star_members_are_similar_to_their_representative(exact):
    texts = _series_corpus()
    threshold = 0.5
    res = warta.dedup(texts, threshold=threshold, cluster="star", exact=exact, **PLAIN)
    kept = res.duplicate_of
    assert res.is_duplicate.sum() > 10
    # exact verification: every member at least the threshold; estimates refined near it:
    # the goal, no member below threshold - 0.1
    floor = threshold if exact else threshold - 0.1
    for i in np.flatnonzero(res.is_duplicate):
        assert kept[kept[i]] == -1  # a representative is never itself a member
        assert _exact(texts[i], texts[kept[i]]) >= floor
    assert not np.isnan(res.similarity_to_kept()[res.is_duplicate]).any()  # every member has its own pair
    # clusters are stars over the verified pairs, as the reference builds them
    pairs = list(zip(res.pairs["i"], res.pairs["j"]))
    rep = _reference.star_representatives(len(texts), pairs)
    assert [-1 if r == d else r for d, r in enumerate(rep)] == kept.tolist()
    connected = warta.dedup(texts, threshold=threshold, exact=exact, **PLAIN)
    assert res.n_clusters > connected.n_clusters
    sizes = np.bincount(res.cluster_id)
    assert sizes.max() < np.bincount(connected.cluster_id).max()


def test_star_is_the_same_for_any_thread_count():
    texts = _series_corpus() * 2
    r1 = warta.dedup(texts, threshold=0.5, cluster="star", n_jobs=1)
    r2 = warta.dedup(texts, threshold=0.5, cluster="star", n_jobs=2)
    np.testing.assert_array_equal(r1.cluster_id, r2.cluster_id)
    np.testing.assert_array_equal(r1.duplicate_of, r2.duplicate_of)
    pd.testing.assert_frame_equal(r1.pairs, r2.pairs)


def test_star_with_keep_longest_takes_longest_texts_first():
    a, b, c = _drifting_series(days=3, width=10, step=3)
    longer_b = b + "\nFoto: dokumentasi humas kabupaten"
    res = warta.dedup([a, longer_b, c], threshold=0.5, cluster="star", keep="longest", **PLAIN)
    # b is the longest: it is the representative, and both a and c match it directly
    assert res.duplicate_of.tolist() == [1, -1, 1]
    assert res.cluster_id.tolist() == [0, 0, 0]


def test_identical_texts_share_one_star():
    a, b, c = _drifting_series(days=3)
    res = warta.dedup([a, a, b, a, c], threshold=0.5, cluster="star", **PLAIN)
    assert res.duplicate_of.tolist() == [-1, 0, 0, 0, -1]


def test_bad_cluster_is_named():
    with pytest.raises(ValueError, match="cluster must be one of 'connected', 'star', got 'single'"):
        warta.dedup(["a b c"], cluster="single")
    with pytest.raises(ValueError, match="cluster must be one of"):
        warta.dedup(["a b c"], cluster=1)


def test_dask_takes_cluster():
    dd = pytest.importorskip("dask.dataframe")
    import warta.dask

    texts = _drifting_series(days=3, width=10, step=3)
    ddf = dd.from_pandas(pd.DataFrame({"text": texts}), npartitions=1)
    res = warta.dask.clusters(ddf, "text", threshold=0.5, cluster="star", **PLAIN)
    assert res.cluster_id.tolist() == [0, 0, 1]
