import numpy as np
import pytest
import warta
from hypothesis import given, settings
from hypothesis import strategies as st
from warta import _core, _reference
from warta.minhash import permutations

datasketch = pytest.importorskip("datasketch")


def identity(x):
    return x


@pytest.mark.parametrize("ds_scheme,scheme", [("legacy", "datasketch"), ("legacy", "legacy"), ("affine32", "affine32")])
@pytest.mark.parametrize("seed,num_perm,size", [(1, 128, 500), (7, 64, 1), (12345, 256, 3000), (0, 16, 0)])
def test_bit_identical_to_datasketch(ds_scheme, scheme, seed, num_perm, size):
    hashes = np.random.RandomState(seed + size).randint(0, 2**32, size, dtype=np.uint64).astype(np.uint32)
    ref = datasketch.MinHash(num_perm=num_perm, seed=seed, scheme=ds_scheme, hashfunc=identity)
    ref.update_batch(hashes.tolist())
    ours = warta.MinHasher(num_perm=num_perm, seed=seed, scheme=scheme).from_hashes(hashes)
    assert ours.dtype == np.uint32
    np.testing.assert_array_equal(ours.astype(np.uint64), np.asarray(ref.hashvalues).astype(np.uint64))


def test_text_signatures_match_datasketch_on_shingles():
    text = "Gubernur Banten Andra Soni meninjau banjir di Kabupaten Serang bersama Wakil Gubernur A. Dimyati."
    mh = warta.MinHasher(num_perm=128, ngram=3, seed=5, scheme="datasketch")
    low32 = (mh.shingles(text) & np.uint64(0xFFFFFFFF)).astype(np.uint32)
    ref = datasketch.MinHash(num_perm=128, seed=5, scheme="legacy", hashfunc=identity)
    ref.update_batch(low32.tolist())
    np.testing.assert_array_equal(mh.signatures([text])[0].astype(np.uint64), ref.hashvalues.astype(np.uint64))


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(0, 2**64 - 1), max_size=300), st.integers(1, 200), st.integers(0, 2**32 - 1))
def test_oph_matches_reference(hashes, num_perm, seed):
    ours = warta.MinHasher(num_perm=num_perm, seed=seed).from_hashes(np.array(hashes, dtype=np.uint64))
    assert ours.tolist() == _reference.oph_signature(hashes, num_perm, seed)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(0, 2**32 - 1), max_size=50), st.integers(1, 40), st.integers(0, 2**32 - 1))
def test_datasketch_schemes_match_reference(hashes, num_perm, seed):
    arr = np.array(hashes, dtype=np.uint32)
    for scheme, ref in (("datasketch", _reference.legacy_signature), ("affine32", _reference.affine32_signature)):
        a, b = permutations(scheme, num_perm, seed)
        ours = warta.MinHasher(num_perm=num_perm, seed=seed, scheme=scheme).from_hashes(arr)
        assert ours.tolist() == ref(hashes, a.tolist(), b.tolist())


def _pair_with_jaccard(rng, j, size):
    """Two random sets of `size` elements each whose Jaccard similarity is exactly c/(2*size-c)."""
    common = int(round(2 * size * j / (1 + j)))
    pool = rng.integers(0, 2**63, size=2 * size - common, dtype=np.uint64)
    pool = np.unique(pool)
    while len(pool) < 2 * size - common:  # vanishingly rare
        pool = np.unique(np.concatenate([pool, rng.integers(0, 2**63, size=8, dtype=np.uint64)]))
    pool = pool[: 2 * size - common]
    a = pool[:size]
    b = np.concatenate([pool[:common], pool[size:]])
    return a, b, common / (2 * size - common)


@pytest.mark.parametrize("size", [60, 600])
@pytest.mark.parametrize("target", [0.2, 0.5, 0.8, 0.95])
def test_oph_estimates_are_unbiased(size, target):
    num_perm, trials = 128, 400
    rng = np.random.default_rng(int(target * 1000) + size)
    estimates, truths = [], []
    for t in range(trials):
        a, b, j = _pair_with_jaccard(rng, target, size)
        mh = warta.MinHasher(num_perm=num_perm, seed=t)
        estimates.append(warta.MinHasher.jaccard(mh.from_hashes(a), mh.from_hashes(b)))
        truths.append(j)
    j = float(np.mean(truths))
    estimates = np.array(estimates)
    assert abs(estimates.mean() - j) < 0.01, (estimates.mean(), j)
    expected_sd = np.sqrt(j * (1 - j) / num_perm)
    # one-permutation hashing samples bins without replacement, so its spread is at most
    # MinHash's; densification of empty bins (small sets) adds some back
    assert 0.6 * expected_sd < estimates.std() < 1.35 * expected_sd, (estimates.std(), expected_sd)


def test_empty_set_signature_is_all_max():
    for scheme in ("oph", "datasketch", "affine32"):
        sig = warta.MinHasher(num_perm=32, scheme=scheme).from_hashes(np.array([], dtype=np.uint32))
        assert (sig == 0xFFFFFFFF).all()


def test_from_hashes_validates():
    mh = warta.MinHasher(num_perm=8)
    with pytest.raises(ValueError, match="32 bits"):
        mh.from_hashes(np.array([2**40], dtype=np.int64))
    with pytest.raises(ValueError, match="one-dimensional"):
        mh.from_hashes(np.zeros((2, 2), dtype=np.uint32))
    with pytest.raises(ValueError, match="scheme"):
        warta.MinHasher(scheme="nope")


@pytest.mark.parametrize("threshold", [0.5, 0.7, 0.8, 0.9])
def test_band_choice_matches_datasketch(threshold):
    from datasketch.lsh import _optimal_param

    assert _core.optimal_bands(threshold, 128, 0.5, 0.5) == _optimal_param(threshold, 128, 0.5, 0.5)


@settings(max_examples=40, deadline=None)
@given(st.integers(2, 30), st.integers(1, 4), st.integers(1, 3), st.integers(0, 2**31))
def test_lsh_candidates_match_brute_force(n, bands, rows, seed):
    rng = np.random.default_rng(seed)
    sigs = rng.integers(0, 3, size=(n, bands * rows), dtype=np.uint32)  # small alphabet: many collisions
    got = {tuple(p) for p in _core.lsh_candidates(sigs, bands, rows, max_bucket=10**6).tolist()}
    assert got == _reference.band_candidates(sigs.tolist(), bands, rows)


def test_huge_bucket_stays_connected_in_linear_pairs():
    sigs = np.zeros((5000, 16), dtype=np.uint32)  # 5000 identical signatures
    pairs = _core.lsh_candidates(sigs, 4, 4, max_bucket=256)
    assert len(pairs) < 5000 * 8
    assert _reference.clusters(5000, pairs.tolist()) == [0] * 5000


@pytest.mark.parametrize("scheme", ["oph", "datasketch", "affine32"])
def test_batch_of_hash_sets_equals_one_by_one(scheme):
    rng = np.random.default_rng(4)
    mh = warta.MinHasher(num_perm=64, scheme=scheme)
    sets64 = [rng.integers(0, 2**63, size=rng.integers(0, 50), dtype=np.uint64) for _ in range(40)]
    batch = mh.from_hashes_batch(sets64, n_jobs=2)
    assert batch.shape == (40, 64)
    for row, s in zip(batch, sets64):
        np.testing.assert_array_equal(row, mh.from_hashes(s))
    sets32 = [s.astype(np.uint32) for s in sets64]
    for row, s in zip(mh.from_hashes_batch(sets32), sets32):
        np.testing.assert_array_equal(row, mh.from_hashes(s))


@pytest.mark.parametrize("target", [0.3, 0.8])
def test_oph_is_unbiased_on_structured_hashes(target):
    """Sequential integers (a user's own ids as hashes) must not bias the estimate."""
    num_perm, trials, size = 128, 300, 400
    common = int(round(2 * size * target / (1 + target)))
    j = common / (2 * size - common)
    estimates = []
    for t in range(trials):
        start = t * 10_000
        a = np.arange(start, start + size, dtype=np.uint64)
        b = np.arange(start + size - common, start + 2 * size - common, dtype=np.uint64)
        mh = warta.MinHasher(num_perm=num_perm, seed=t)
        estimates.append(warta.MinHasher.jaccard(mh.from_hashes(a), mh.from_hashes(b)))
    estimates = np.array(estimates)
    assert abs(estimates.mean() - j) < 0.01, (estimates.mean(), j)
    assert estimates.std() < 1.35 * np.sqrt(j * (1 - j) / num_perm)
