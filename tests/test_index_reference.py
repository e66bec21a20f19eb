"""DedupIndex against an obviously-correct brute force: every text compared with every earlier one."""

import numpy as np
import warta
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

NUM_PERM = 32
VOCAB = [f"w{i}" for i in range(12)]  # a small vocabulary: texts overlap a lot


def brute_force(signatures, empty, threshold):
    """Each text joins the cluster of the most similar earlier text at or above the threshold
    (ties: the earliest) and is a duplicate of that cluster's first text."""
    kept_of, out = [], []
    for i, sig in enumerate(signatures):
        best, best_sim = None, -1.0
        if not empty[i]:
            for j in range(i):
                sim = np.mean(signatures[j] == sig)
                if not empty[j] and sim >= threshold and sim > best_sim:
                    best, best_sim = j, sim
        kept_of.append(i if best is None else kept_of[best])
        out.append(None if best is None else kept_of[best])
    return out


texts_strategy = st.lists(
    st.lists(st.sampled_from(VOCAB), min_size=0, max_size=14).map(" ".join), min_size=1, max_size=40
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=texts_strategy, threshold=st.sampled_from([0.3, 0.5, 0.8, 1.0]), cut=st.integers(0, 40))
def test_index_equals_brute_force(texts, threshold, cut):
    # One band per signature position: every pair sharing a value is a candidate, so LSH
    # misses nothing and the index must agree with the brute force exactly.
    idx = warta.DedupIndex(
        threshold=threshold, num_perm=NUM_PERM, ngram=2, strip_boilerplate=False, bands=(NUM_PERM, 1)
    )
    first = idx.add_batch(texts[:cut])
    second = idx.add_batch(texts[cut:])
    got = first["duplicate_of"].tolist() + second["duplicate_of"].tolist()
    hasher = warta.MinHasher(num_perm=NUM_PERM, ngram=2)
    sigs = hasher.signatures(texts)
    empty = [not t.split() for t in texts]
    assert got == brute_force(sigs, empty, threshold)
    assert len(idx) == len(texts)
