"""DedupIndex against an obviously-correct brute force: every pair of texts compared, clusters as connected components."""

import numpy as np
import warta
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

NUM_PERM = 32
VOCAB = [f"w{i}" for i in range(12)]  # a small vocabulary: texts overlap a lot


def brute_force(signatures, empty, threshold):
    """Every pair of texts at or above the threshold (on the 16 low bits of each value, what
    the index keeps) joins their clusters: connected components, each kept by its earliest
    text. Returns each text's component (its earliest text) in input order."""
    stored = signatures & 0xFFFF
    parent = list(range(len(stored)))

    def find(i):
        while parent[i] != i:
            i = parent[i]
        return i

    for i in range(len(stored)):
        for j in range(i):
            if not empty[i] and not empty[j] and np.mean(stored[j] == stored[i]) >= threshold:
                a, b = find(i), find(j)
                parent[max(a, b)] = min(a, b)
    return [find(i) for i in range(len(stored))]


texts_strategy = st.lists(
    st.lists(st.sampled_from(VOCAB), min_size=0, max_size=14).map(" ".join), min_size=1, max_size=40
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=texts_strategy, threshold=st.sampled_from([0.3, 0.5, 0.8, 1.0]), cut=st.integers(0, 40))
def test_index_equals_brute_force(texts, threshold, cut):
    # One band per signature position: every pair sharing a value is a candidate, so LSH
    # misses nothing and the index must agree with the brute force exactly.
    idx = warta.DedupIndex(
        measure="jaccard", threshold=threshold, num_perm=NUM_PERM, ngram=2, strip_boilerplate=False, bands=(NUM_PERM, 1)
    )
    idx.add_batch(texts[:cut])
    idx.add_batch(texts[cut:])
    docs = idx.documents()
    hasher = warta.MinHasher(num_perm=NUM_PERM, ngram=2)
    sigs = hasher.signatures(texts)
    empty = [not t.split() for t in texts]
    component = brute_force(sigs, empty, threshold)
    # the same partition, and each cluster kept by its earliest text
    first_of = {}
    for i, c in enumerate(docs["cluster_id"]):
        first_of.setdefault(c, i)
    assert [first_of[c] for c in docs["cluster_id"]] == component
    assert docs["is_kept"].tolist() == [component[i] == i for i in range(len(texts))]
    assert len(idx) == len(texts)
