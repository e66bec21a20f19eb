"""warta.explain and DedupResult.explain: exact similarities, shared passages with offsets
into the original texts, chrome lines."""

import numpy as np
import pandas as pd
import pytest
import warta
from warta import _reference

PARAS = [
    "Wakil Gubernur A. Dimyati  meninjau   Pasar Rau di Kota Serang, Senin (12/5/2025) pagi.",
    "Ia didampingi Kepala Dinas Perindustrian dan Perdagangan ‚Äì Babar Suharso ‚Äì serta jajaran OPD.",
    "Harga beras medium naik menjadi Rp 13.500 per kilogram, kata pedagang bernama Ömer İnce.",
    "Menurut Dimyati, pemerintah akan menggelar operasi pasar di delapan kabupaten dan kota.",
    "“Kami pastikan stok aman sampai akhir tahun,” ujarnya kepada wartawan di lokasi. 👍",
    "Operasi pasar dijadwalkan mulai pekan depan dengan melibatkan Bulog dan BUMD pangan.",
]


def _sentences(seed, n, words=14):
    rng = np.random.default_rng(seed)
    vocab = [f"kata{i}" for i in range(3000)]
    return [" ".join(rng.choice(vocab, words)).capitalize() + "." for _ in range(n)]


def _words(text):
    return warta.Normalizer().normalize(text)


def test_passages_slice_both_original_texts():
    a = "\n".join(PARAS)
    # the copy: its own dateline, other spacing and line breaks, accents written decomposed
    b = "SERANG, (Kabar Banten) –\t" + "\r\n\r\n".join(p.replace("  ", " ") for p in PARAS[:4])
    b = b.replace("Ömer", "O\u0308mer") + "\nBaca juga: berita lain hari ini"
    e = warta.explain(a, b)
    assert e.passages, e
    for p in e.passages:
        piece_a, piece_b = a[p.start_a : p.end_a], b[p.start_b : p.end_b]
        assert _words(piece_a) == _words(piece_b) != ""
        assert piece_a == piece_a.strip() and piece_a[0].isalnum() and piece_a[-1].isalnum()
    longest = e.passages[0]
    assert a[longest.start_a : longest.end_a].startswith("Wakil Gubernur A. Dimyati  meninjau")
    lengths = [p.end_a - p.start_a for p in e.passages]
    assert lengths == sorted(lengths, reverse=True)
    assert any("İnce" in a[p.start_a : p.end_a] for p in e.passages)
    assert any("Babar Suharso" in a[p.start_a : p.end_a] for p in e.passages)


def test_similarities_are_the_exact_ones_of_dedups_shingles():
    a, b = "\n".join(PARAS), "\n".join(PARAS[1:5])
    mh = warta.MinHasher()
    sa, sb = set(mh.shingles(a).tolist()), set(mh.shingles(b).tolist())
    e = warta.explain(a, b)
    assert e.jaccard == pytest.approx(_reference.jaccard(sa, sb))
    assert e.containment == pytest.approx(len(sa & sb) / min(len(sa), len(sb)))
    assert (e.shingles_a, e.shingles_b, e.shared) == (len(sa), len(sb), len(sa & sb))
    assert warta.explain(a, a).jaccard == 1.0


def test_a_trimmed_copy_is_contained_though_its_jaccard_is_low():
    full = "\n".join(_sentences(1, 14))
    trimmed = "\n".join(full.split("\n")[:5])
    e = warta.explain(full, trimmed)
    assert e.containment > 0.99
    assert e.jaccard < 0.6
    # one passage: the whole trimmed copy, at the start of the full text
    assert e.passages[0].start_a == 0 == e.passages[0].start_b
    assert trimmed[e.passages[0].end_b :] == "."  # the passage ends with the last word


def test_unrelated_texts_share_no_passage():
    a, b = "\n".join(_sentences(1, 5)), "\n".join(_sentences(2, 5))
    e = warta.explain(a, b)
    assert e.passages == () and e.shared == 0
    assert e.jaccard == 0.0 and e.containment == 0.0
    empty = warta.explain("", None)
    assert empty.jaccard == 0.0 and empty.passages == ()


def test_bad_texts_are_type_errors():
    with pytest.raises(TypeError, match="text_b must be str"):
        warta.explain("a b c", b"a b c")


def test_explanation_is_frozen_and_passages_are_tuples():
    e = warta.explain("\n".join(PARAS), "\n".join(PARAS[:2]))
    with pytest.raises(AttributeError):
        e.jaccard = 0.0  # type: ignore[misc]
    start_a, end_a, start_b, end_b = e.passages[0]
    assert (start_a, end_a, start_b, end_b) == tuple(e.passages[0])


def _site(body, site):
    return "\n".join([f"Scroll untuk baca artikel di {site}"] + body + [f"Copyright {site}. Hak cipta dilindungi."])


def test_result_explain_leaves_out_the_batchs_chrome():
    bodies = [_sentences(s, 4) for s in range(6)]
    texts = [_site(b, "Kabar Satu") for b in bodies] + [_site(bodies[0][:3], "Kabar Satu")]
    res = warta.dedup(texts, threshold=0.5)
    assert res.duplicate_of[6] == 0
    e = res.explain(0, 6)
    assert e.similarity == pytest.approx(res.pairs.query("i == 0 and j == 6")["similarity"].iloc[0])
    assert [texts[0][s:t] for s, t in e.chrome_a] == [
        "Scroll untuk baca artikel di Kabar Satu",
        "Copyright Kabar Satu. Hak cipta dilindungi",
    ]
    assert len(e.chrome_b) == 2 and e.containment == 1.0
    assert res.explain(6, 0).jaccard == e.jaccard
    unrelated = res.explain(1, 2)
    assert unrelated.similarity is None and unrelated.passages == ()
    # without the batch, the shared chrome lines are shared passages of texts 1 and 2
    assert warta.explain(texts[1], texts[2]).passages
    assert warta.explain(texts[1], texts[2], strip_boilerplate=True).passages == ()


def test_explain_keeps_shared_story_paragraphs_when_stripping_a_pair():
    a, b = "\n".join(PARAS), "\n".join(PARAS[:5])
    e = warta.explain(a, b, strip_boilerplate=True)
    assert e.chrome_a == () and e.chrome_b == ()
    assert e.containment == 1.0


def test_result_explain_checks_positions_and_keeps_the_texts():
    texts = ["\n".join(PARAS), "\n".join(PARAS[:5]), None]
    res = warta.dedup(texts)
    assert list(res.texts) == texts
    texts[0] = "changed"  # the result holds its own list of the same str objects
    assert res.explain(0, 1).containment == 1.0
    assert res.explain(0, 2).shared == 0
    with pytest.raises(IndexError, match="j must be a position in 0..2, got 3"):
        res.explain(0, 3)
    with pytest.raises(IndexError, match="i must be"):
        res.explain(-1, 0)


def test_dask_results_have_no_texts_to_explain():
    dd = pytest.importorskip("dask.dataframe")
    import warta.dask

    ddf = dd.from_pandas(pd.DataFrame({"text": ["\n".join(PARAS)] * 2}), npartitions=1)
    with pytest.raises(ValueError, match="holds no texts"):
        warta.dask.clusters(ddf, "text").explain(0, 1)


def test_a_text_of_one_repeated_line_is_explained_in_linear_time():
    import time

    line = "Harga emas Antam hari ini naik tipis di butik Logam Mulia Jakarta."
    a, b = "\n".join([line] * 20_000), "\n".join([line] * 15_000)
    t0 = time.perf_counter()
    e = warta.explain(a, b)
    assert time.perf_counter() - t0 < 5
    assert e.jaccard == 1.0 and e.passages[0].start_a == 0


def test_a_passage_shared_after_a_shorter_one_is_still_found():
    s = _sentences(7, 6)
    a = "\n".join(s[:4])
    b = "\n".join([s[0], s[5], s[1], s[2], s[3]])  # s0 alone, then s1..s3 in order
    e = warta.explain(a, b)
    found = {_words(a[p.start_a : p.end_a]) for p in e.passages}
    assert found == {_words(s[0]), _words(" ".join(s[1:4]))}
