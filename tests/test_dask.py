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


def near_threshold_batch():
    """Copies at exact Jaccard ~0.815 of 30 random texts (the estimate falls under 0.8 for
    some of them), spread over partitions, with unrelated texts between them."""
    rng = np.random.default_rng(11)
    words = [f"kata{i}" for i in range(20000)]
    texts = []
    for s in range(30):
        base = list(rng.choice(words, 200, replace=False))
        variant = list(base)
        for pos in (30, 70, 110, 150):
            variant[pos] = f"lain{s}x{pos}"
        texts += [" ".join(base), " ".join(rng.choice(words, 150)), " ".join(variant)]
    return texts


def test_refinement_matches_the_local_batch():
    texts = near_threshold_batch()
    # nothing learned per partition; Jaccard, whose threshold these copies sit next to
    kw = dict(strip_boilerplate=False, correct_typos=False, measure="jaccard")
    local = warta.dedup(texts, **kw)
    plain = warta.dedup(texts, refine=False, **kw)
    # refinement keeps every candidate at the exact 0.815; estimates alone lose some (LSH,
    # which misses a 0.815 pair 3% of the time, is the same for both)
    assert 60 <= local.n_clusters < plain.n_clusters
    ddf = dd.from_pandas(pd.DataFrame({"text": texts}), npartitions=4)
    dist = wdask.dedup(ddf, "text", **kw)
    np.testing.assert_array_equal(dist.cluster_id, local.cluster_id)
    assert dist.pairs.equals(local.pairs)
    unrefined = wdask.dedup(ddf, "text", refine=False, **kw)
    np.testing.assert_array_equal(unrefined.cluster_id, plain.cluster_id)


def test_byte_identical_copies_join_across_partitions_whatever_each_learned(news_rows):
    """Each partition learns its own chrome and spelling, so a text can be signed in one
    partition differently from its byte-identical copy in another; the copy must still join."""
    texts = [r["text"] for r in news_rows[:1200]]
    copies = texts[:100]
    frame = pd.DataFrame({"text": texts[:600] + texts[600:] + copies})
    ddf = dd.from_pandas(frame, npartitions=2, sort=False)
    res = wdask.dedup(ddf, "text")
    n = len(texts)
    joined = [res.cluster_id[n + k] == res.cluster_id[k] for k in range(len(copies))]
    assert sum(joined) == len(copies)


@pytest.mark.parametrize("measure", ["story", "jaccard"])
def test_partitions_decide_by_the_same_measure_as_one_batch(measure):
    # per story: a text, its trimmed copy (story joins them, jaccard does not), and two days
    # of a price template (same words, other figures: story keeps them apart only if each
    # text's numbers reached the client), spread over partitions
    rng = np.random.default_rng(3)
    words = [f"kata{i}" for i in range(2000)]
    texts = []
    for _ in range(12):
        paras = [" ".join(rng.choice(words, 40)) + "." for _ in range(6)]
        template = [" ".join(rng.choice(words, 12)) for _ in range(3)]  # Jaccard of two days ~0.7
        for _day in range(2):
            texts.append("\n".join(f"{p} harga {rng.integers(10**5, 10**6)} rupiah." for p in template))
        texts += ["\n".join(paras), "\n".join(paras[:3])]
    kw = dict(strip_boilerplate=False, correct_typos=False, measure=measure)
    dist = wdask.dedup(dd.from_pandas(pd.DataFrame({"text": texts}), npartitions=5), "text", **kw)
    local = warta.dedup(texts, **kw)
    np.testing.assert_array_equal(dist.cluster_id, local.cluster_id)
    assert dist.pairs.equals(local.pairs)
    c = local.cluster_id
    assert all(c[i] != c[i + 1] for i in range(0, len(texts), 4))  # the two days stay apart
    assert all((c[i + 2] == c[i + 3]) == (measure == "story") for i in range(0, len(texts), 4))


def test_partitions_apply_the_opening_rule_as_one_batch():
    # per story: a text and an edited copy that keeps its lead (joined by the opening rule
    # only), and a follow-up that reuses the body after a lead of its own (never joined),
    # spread over partitions so that most pairs cross them
    rng = np.random.default_rng(11)
    words = [f"kata{i}" for i in range(3000)]

    def para(n):
        return " ".join(rng.choice(words, n)) + "."

    texts = []
    for _ in range(10):
        lead, body = para(70), [para(40) for _ in range(6)]
        texts.append("\n".join([lead, *body]))
        texts.append("\n".join([lead, *body[:4], para(40), para(40), para(40)]))
        texts.append("\n".join([para(70), *body[:4], para(40), para(40), para(40)]))
    kw = dict(strip_boilerplate=False, correct_typos=False)
    dist = wdask.dedup(dd.from_pandas(pd.DataFrame({"text": texts}), npartitions=7), "text", **kw)
    local = warta.dedup(texts, **kw)
    np.testing.assert_array_equal(dist.cluster_id, local.cluster_id)
    assert dist.pairs.equals(local.pairs)
    c = local.cluster_id
    assert all(c[i] == c[i + 1] != c[i + 2] for i in range(0, len(texts), 3))
    off = wdask.dedup(dd.from_pandas(pd.DataFrame({"text": texts}), npartitions=7), "text", opening_bonus=0, **kw)
    assert all(off.cluster_id[i] != off.cluster_id[i + 1] for i in range(0, len(texts), 3))
