"""DedupIndex against an obviously-correct brute force: every text compared with every kept one."""

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import warta

NUM_PERM = 32
VOCAB = [f"w{i}" for i in range(12)]  # a small vocabulary: texts overlap a lot


def brute_force(signatures, empty, threshold):
    """Star clustering: each text is a duplicate of the earliest kept text at or above the threshold."""
    kept, out = [], []
    for i, sig in enumerate(signatures):
        match = None
        if not empty[i]:
            match = next((k for k in kept if not empty[k] and np.mean(signatures[k] == sig) >= threshold), None)
        if match is None:
            kept.append(i)
        out.append(match)
    return out


texts_strategy = st.lists(st.lists(st.sampled_from(VOCAB), min_size=0, max_size=14).map(" ".join), min_size=1, max_size=40)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=texts_strategy, threshold=st.sampled_from([0.3, 0.5, 0.8, 1.0]), cut=st.integers(0, 40))
def test_index_equals_brute_force(texts, threshold, cut):
    # One band per signature position: every pair sharing a value is a candidate, so LSH
    # misses nothing and the index must agree with the brute force exactly.
    idx = warta.DedupIndex(threshold=threshold, num_perm=NUM_PERM, ngram=2, strip_boilerplate=False, bands=(NUM_PERM, 1))
    first = idx.add_batch(texts[:cut])
    second = idx.add_batch(texts[cut:])
    got = first["duplicate_of"].tolist() + second["duplicate_of"].tolist()
    hasher = warta.MinHasher(num_perm=NUM_PERM, ngram=2)
    sigs = hasher.signatures(texts)
    empty = [not t.split() for t in texts]
    assert got == brute_force(sigs, empty, threshold)
    assert len(idx) == sum(g is None for g in got)
