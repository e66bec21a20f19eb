import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
import warta
from warta import _reference

PARAS = [
    "Pemerintah Provinsi Banten menggelar rapat koordinasi penanganan banjir bersama seluruh kepala daerah di Serang.",
    "Gubernur Banten Andra Soni meminta setiap dinas menyiapkan posko pengungsian dan dapur umum di titik rawan.",
    "Wakil Gubernur A. Dimyati menambahkan bahwa anggaran tanggap darurat sudah disiapkan sejak awal bulan ini.",
    "Kepala BPBD Banten memaparkan data warga terdampak yang mencapai lebih dari dua ribu kepala keluarga.",
]
OTHER = [
    "Wali Kota Tangerang Selatan Benyamin Davnie meresmikan taman kota baru di Pamulang pada akhir pekan lalu.",
    "Taman seluas dua hektare itu dilengkapi jalur lari, area bermain anak, dan ruang terbuka untuk warga sekitar.",
    "Benyamin berharap warga ikut menjaga kebersihan taman agar bisa dinikmati bersama dalam waktu yang lama.",
]

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


def story(paras, chrome=()):
    return "\n".join(list(chrome[:1]) + list(paras) + list(chrome[1:]))


def test_identical_for_any_thread_count():
    rng = np.random.default_rng(3)
    words = [f"kata{i}" for i in range(300)]
    base = [" ".join(rng.choice(words, 120)) for _ in range(60)]
    texts = [b if k % 3 else b + " tambahan" for b in base for k in range(3)]
    r1, r2 = warta.dedup(texts, n_jobs=1), warta.dedup(texts, n_jobs=2)
    np.testing.assert_array_equal(r1.cluster_id, r2.cluster_id)
    np.testing.assert_array_equal(r1.duplicate_of, r2.duplicate_of)
    pd.testing.assert_frame_equal(r1.pairs, r2.pairs)
    assert r1.n_clusters == 60


def test_clusters_match_reference_union_find():
    texts = [story(PARAS), story(OTHER), story(PARAS[:3]), story(OTHER) + " Foto: istimewa", "pendek sekali"]
    res = warta.dedup(texts, threshold=0.6)
    pairs = list(zip(res.pairs["i"], res.pairs["j"]))
    assert res.cluster_id.tolist() == _reference.clusters(len(texts), pairs)
    assert res.cluster_id[0] == res.cluster_id[2] and res.cluster_id[1] == res.cluster_id[3]
    assert res.cluster_id[0] != res.cluster_id[1]


@pytest.mark.parametrize(
    "wrap",
    [
        list,
        tuple,
        iter,
        np.array,
        lambda x: np.array(x, dtype=object),
        pd.Series,
        pa.array,
        lambda x: pa.chunked_array([x]),
    ],
)
def test_accepts_common_containers(wrap):
    texts = [story(PARAS), story(OTHER), story(PARAS)]
    assert warta.dedup(wrap(texts)).cluster_id.tolist() == [0, 1, 0]


def test_pandas_missing_values_are_empty():
    res = warta.dedup(pd.Series([story(PARAS), None, np.nan, story(PARAS)]))
    assert res.empty.tolist() == [False, True, True, False]
    assert res.duplicate_of.tolist() == [-1, -1, -1, 0]


def test_single_str_is_rejected():
    with pytest.raises(TypeError, match="single str"):
        warta.dedup("not a list")


def test_keep_longest():
    texts = [story(PARAS), story(PARAS + ["Foto: Humas Pemprov Banten"])]
    res = warta.dedup(texts, keep="longest")
    assert res.duplicate_of.tolist() == [1, -1]
    assert np.isclose(res.to_pandas()["similarity"][0], res.pairs["similarity"][0])


def test_exact_verification_reports_true_jaccard():
    a, b = story(PARAS), story(PARAS[:3])
    res = warta.dedup([a, b], measure="jaccard", threshold=0.5, exact=True)
    mh = warta.MinHasher()
    truth = _reference.jaccard(set(mh.shingles(a).tolist()), set(mh.shingles(b).tolist()))
    assert res.pairs["similarity"].tolist() == [pytest.approx(truth)]


def test_huge_text_works():
    rng = np.random.default_rng(0)
    words = np.array([f"kata{i}" for i in range(5000)])
    big = " ".join(rng.choice(words, 6_000_000))  # ~50 MB
    assert len(big) > 50_000_000
    res = warta.dedup([big, big[:-1000], "lain"])
    assert res.cluster_id.tolist() == [0, 0, 1]


def chrome_for(site):
    return (f"Scroll untuk baca artikel di {site}", f"Tinggalkan Balasan. Bagikan ke teman. Editor {site} redaksi.")


def test_site_chrome_is_stripped_but_republished_paragraphs_are_kept():
    sites = ["Kabar Satu", "Warta Dua", "Berita Tiga", "Suara Empat"]
    topics = ["jalan rusak", "pasar baru", "sekolah", "irigasi"]
    # each site runs three short stories of its own, all wrapped in that site's chrome ...
    own = [
        story(
            [f"Cerita {site} nomor {k} tentang {topics[k]} di desa {k} yang ramai dibicarakan warga."], chrome_for(site)
        )
        for site in sites
        for k in range(3)
    ]
    # ... and every site republishes one press release, in its own chrome
    release = [story(PARAS, chrome_for(site)) for site in sites]
    texts = own + release
    res = warta.dedup(texts)
    assert len(set(res.cluster_id[:12].tolist())) == 12, "different stories must not merge through chrome"
    assert len(set(res.cluster_id[12:].tolist())) == 1, "one story on four sites is one cluster"
    assert (res.boilerplate_lines == 2).all()

    # the release's copies differ only by chrome: identical once it is stripped, not before
    def release_similarities(**kw):
        pairs = warta.dedup(texts, measure="jaccard", threshold=0.5, exact=True, **kw).pairs
        return pairs[(pairs.i >= 12) & (pairs.j >= 12)].similarity.tolist()

    assert release_similarities() == [1.0] * 6
    assert max(release_similarities(strip_boilerplate=False)) < 0.9


def _typo(text, word, slip):
    assert word in text
    return text.replace(word, slip, 1)


def test_retyped_words_are_read_as_the_batch_spelling():
    base = story(PARAS + OTHER)
    # three faithful copies fix the spelling; two copies carry different slips
    texts = [
        base,
        base,
        base,
        _typo(_typo(base, "koordinasi", "koordnasi"), "pengungsian", "pengungsain"),
        _typo(_typo(base, "anggaran", "angggaran"), "terdampak", "terdampk"),
    ]
    # opening_bonus=0: the copies open alike, which would carry them over 0.95 whatever their slips
    fixed = warta.dedup(texts, threshold=0.95, exact=True, opening_bonus=0)
    plain = warta.dedup(texts, threshold=0.95, exact=True, correct_typos=False, opening_bonus=0)
    assert fixed.cluster_id.tolist() == [0] * 5
    assert plain.cluster_id[3] != plain.cluster_id[0] and plain.cluster_id[4] != plain.cluster_id[0]


def test_a_rare_word_far_from_any_common_word_is_kept():
    base = story(PARAS)
    texts = [base, base, _typo(base, "anggaran", "xylofon")]
    res = warta.dedup(texts, threshold=0.95, exact=True, opening_bonus=0)  # near-identical only
    assert res.cluster_id.tolist() == [0, 0, 1]


def test_labelled_chrome_lines_are_stripped_when_they_label_different_stories():
    headlines = [
        "Harga cabai naik lagi di pasar induk",
        "Jalan tol baru dibuka untuk umum pekan depan",
        "Tim sepak bola daerah juara turnamen",
        "Festival budaya digelar di alun-alun kota",
    ]
    stories = [PARAS, OTHER, [p.replace("Banten", "Lampung") for p in OTHER[::-1]]]
    texts = [story(s[:1] + [f"Baca juga: {h}"] + s[1:]) for s, h in zip(stories, headlines)]
    texts.append(story(PARAS[:1] + [f"Baca juga: {headlines[3]}"] + PARAS[1:]))
    res = warta.dedup(texts, threshold=0.95, exact=True)
    assert res.boilerplate_lines.tolist() == [1, 1, 1, 1]
    assert res.cluster_id[0] == res.cluster_id[3]


def _random_paragraphs(rng, n, words=14):
    vocab = [f"kata{i}" for i in range(2000)]
    return [" ".join(rng.choice(vocab, words)).capitalize() + "." for _ in range(n)]


def test_a_trimmed_copy_does_not_turn_its_story_into_chrome():
    """Three copies of one story, one cut down to its first two paragraphs (similarity to the
    others well under 0.5): the paragraphs it shares are still the story's, not chrome."""
    rng = np.random.default_rng(5)
    long_story = PARAS + _random_paragraphs(rng, 12)
    others = [story(_random_paragraphs(rng, 4)) for _ in range(6)]
    texts = [story(long_story), story(long_story), story(PARAS[:2])] + others
    res = warta.dedup(texts, threshold=0.9, exact=True)
    assert res.boilerplate_lines.tolist() == [0] * len(texts)
    assert res.cluster_id[0] == res.cluster_id[1] != res.cluster_id[2]


def test_chrome_is_stripped_even_when_its_first_texts_come_two_copies_per_story():
    rng = np.random.default_rng(6)
    bodies = [_random_paragraphs(rng, 3) for _ in range(6)]
    chrome = ("Scroll untuk baca artikel di Kabar Satu", "Editor redaksi Kabar Satu. Bagikan artikel ini.")
    texts = [story(b, chrome) for b in bodies for _ in range(2)]  # a scrape grouped by story
    res = warta.dedup(texts)
    assert (res.boilerplate_lines == 2).all()
    assert res.n_clusters == 6


def test_a_text_wrapped_into_paragraphs_differently_keeps_its_shingles():
    """Two publishers of one release break it into paragraphs at different sentences (and a
    scraper joins one of them with commas); shingles stop at sentences, so nothing is lost."""
    sentences = [p.rstrip(".") + "." for p in PARAS + OTHER]
    one = " ".join(sentences[:3]) + "\n" + " ".join(sentences[3:])
    other = ",".join([" ".join(sentences[:2]), " ".join(sentences[2:5]), " ".join(sentences[5:])])
    mh = warta.MinHasher()
    assert set(mh.shingles(one).tolist()) == set(mh.shingles(other).tolist())
    # a sentence is not cut inside: "Rp 1.500" or "pukul 10.00" stay one run
    assert len(mh.shingles("Harga naik menjadi Rp 1.500 per kilo di pasar")) == 5  # 9 words


def test_estimates_next_to_the_threshold_are_decided_exactly():
    """Exact Jaccard ~0.815: with 128 values the estimate falls under 0.8 for some seeds;
    refine=True then decides by the exact value, for every seed."""
    rng = np.random.default_rng(11)
    words = [f"kata{i}" for i in range(5000)]
    base = list(rng.choice(words, 200, replace=False))
    variant = list(base)
    for pos in (30, 70, 110, 150):  # four words retyped far apart: 4 x 5 shingles differ
        variant[pos] = f"lain{pos}"
    texts = [" ".join(base), " ".join(variant)]
    jaccard = dict(measure="jaccard")
    exact = warta.dedup(texts, threshold=0.5, exact=True, **jaccard).pairs.similarity.iloc[0]
    assert 0.8 < exact < 0.83
    missed_by_estimates = 0
    for seed in range(1, 21):
        refined = warta.dedup(texts, seed=seed, **jaccard)
        assert refined.cluster_id.tolist() == [0, 0]
        assert refined.pairs.similarity.iloc[0] == exact
        missed_by_estimates += warta.dedup(texts, seed=seed, refine=False, **jaccard).cluster_id.tolist() != [0, 0]
    assert missed_by_estimates > 0  # what refinement is for


def test_datelines_do_not_count():
    body = " ".join(PARAS)
    texts = [f"SERANG, (Kabar Banten) – {body}", f"TANGERANG - {body}", f"Jakarta, Warta Satu | {body}", body]
    res = warta.dedup(texts, threshold=0.99, exact=True)
    assert res.cluster_id.tolist() == [0, 0, 0, 0]
    assert (res.pairs["similarity"] == 1.0).all()
    # a dash later in a paragraph is text, not a dateline
    later = warta.dedup([body, body.replace("bersama seluruh", "bersama - seluruh")], threshold=0.99, exact=True)
    assert later.cluster_id.tolist() == [0, 0]


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
