"""warta.DedupIndex: incremental dedup across batches, ids, queries, removal, boilerplate."""

import random

import numpy as np
import pandas as pd
import pytest
import warta

WORDS = [f"kata{i}" for i in range(3000)]


def story(rng: random.Random, words: int = 120) -> str:
    """A random 'article': a few lines of random words (distinct stories share almost nothing)."""
    body = [rng.choice(WORDS) for _ in range(words)]
    return "\n".join(" ".join(body[i : i + 20]) for i in range(0, words, 20))


def variant(rng: random.Random, text: str, changes: int = 1) -> str:
    """A republished copy: a few words retyped."""
    words = text.split(" ")
    for _ in range(changes):
        words[rng.randrange(len(words))] = rng.choice(WORDS)
    return " ".join(words)


def corpus(seed: int = 7, stories: int = 60, copies: int = 3):
    """Stories and their copies in a shuffled order, as a scrape would deliver them."""
    rng = random.Random(seed)
    texts = []
    for _ in range(stories):
        s = story(rng)
        texts.append(s)
        texts.extend(variant(rng, s) for _ in range(rng.randrange(copies + 1)))
    rng.shuffle(texts)
    return texts


def test_duplicates_within_batch_and_against_history():
    rng = random.Random(1)
    a, b, c = story(rng), story(rng), story(rng)
    idx = warta.DedupIndex()
    first = idx.add_batch([a, b, variant(rng, a)], ids=["a", "b", "a2"])
    assert list(first.columns) == [
        "id",
        "cluster_id",
        "duplicate_of",
        "similarity",
        "is_duplicate",
        "in_history",
        "empty",
        "boilerplate_lines",
        "matched",
        "matched_batch",
        "replaced",
        "date",
    ]
    assert first["is_duplicate"].tolist() == [False, False, True]
    assert first["duplicate_of"].tolist() == [None, None, "a"]
    assert first["in_history"].tolist() == [False, False, False]
    assert first["cluster_id"].tolist() == [0, 1, 0]
    assert np.isnan(first["similarity"][0]) and 0.8 <= first["similarity"][2] <= 1.0
    assert len(idx) == 3  # duplicates are stored too, as members of their cluster

    second = idx.add_batch([variant(rng, b), c, variant(rng, c)], ids=["b2", "c", "c2"])
    assert second["duplicate_of"].tolist() == ["b", None, "c"]
    assert second["in_history"].tolist() == [True, False, False]
    assert second["cluster_id"].tolist() == [1, 2, 2]
    assert len(idx) == 6


def test_earliest_kept_copy_wins():
    rng = random.Random(2)
    s = story(rng)
    idx = warta.DedupIndex()
    idx.add_batch([s], ids=["old"])
    out = idx.add_batch([s, s], ids=["new1", "new2"])
    assert out["duplicate_of"].tolist() == ["old", "old"]


def test_default_ids_count_every_document_added():
    rng = random.Random(3)
    idx = warta.DedupIndex()
    s = story(rng)
    assert idx.add_batch([s, s])["id"].tolist() == [0, 1]
    out = idx.add_batch([story(rng), s])
    assert out["id"].tolist() == [2, 3]
    assert out["duplicate_of"].tolist() == [None, 0]


def test_id_types_round_trip_and_stay_distinct():
    rng = random.Random(4)
    idx = warta.DedupIndex()
    idx.add_batch([story(rng), story(rng), story(rng)], ids=["1", 1, "https://contoh.id/berita/é"])
    assert idx.ids() == ["1", 1, "https://contoh.id/berita/é"]
    assert "1" in idx and 1 in idx and 2 not in idx and 1.5 not in idx
    with pytest.raises(TypeError, match=r"ids\[0\] is float"):
        idx.add_batch(["x"], ids=[1.5])


def test_duplicate_id_is_an_error_and_changes_nothing():
    rng = random.Random(5)
    idx = warta.DedupIndex()
    idx.add_batch([story(rng)], ids=["https://a.id/1"])
    before = idx.stats()
    with pytest.raises(warta.DuplicateIdError, match=r"ids\[1\] = 'https://a.id/1' is already in the index"):
        idx.add_batch([story(rng), story(rng)], ids=["https://a.id/2", "https://a.id/1"])
    with pytest.raises(KeyError):  # also a KeyError ...
        idx.add_batch([story(rng)], ids=["https://a.id/1"])
    with pytest.raises(ValueError, match=r"ids\[2\] = 'x' repeats ids\[0\]"):  # ... and a ValueError
        idx.add_batch([story(rng), story(rng), story(rng)], ids=["x", "y", "x"])
    assert idx.stats() == before
    assert idx.ids() == ["https://a.id/1"]


def test_bad_arguments():
    idx = warta.DedupIndex()
    with pytest.raises(ValueError, match="ids has 1 items but texts has 2"):
        idx.add_batch(["a b", "c d"], ids=["x"])
    with pytest.raises(TypeError, match=r"texts\[1\]"):
        idx.add_batch(["a", 3])
    with pytest.raises(TypeError, match="single str"):
        idx.add_batch("just one text")
    with pytest.raises(ValueError, match="threshold"):
        warta.DedupIndex(threshold=1.5)
    with pytest.raises(ValueError, match="num_perm"):
        warta.DedupIndex(num_perm=0)
    with pytest.raises(ValueError, match="bands"):
        warta.DedupIndex(num_perm=16, bands=(5, 5))
    with pytest.raises(TypeError, match="query_batch"):
        idx.query(["a list"])
    assert len(idx) == 0


def test_empty_and_missing_texts_are_kept_and_never_match():
    idx = warta.DedupIndex()
    out = idx.add_batch(["", None, "   ", float("nan")], ids=["a", "b", "c", "d"])
    assert not out["is_duplicate"].any() and out["empty"].all()
    assert out["cluster_id"].nunique() == 4
    assert idx.query("") == []
    assert len(idx) == 4


def test_query_does_not_insert_and_orders_by_similarity():
    rng = random.Random(6)
    a, b, c, d, e, f = (story(rng, 40) for _ in range(6))
    idx = warta.DedupIndex(measure="jaccard", threshold=0.52, num_perm=512)
    # Jaccard with the query a+b+c: 0.75 for "s", 0.6 for "t"; "s" and "t" share 0.5
    # (a little less each, as the lines of 40 words give 36 shingles each).
    added = idx.add_batch(["\n".join([a, b, c, d]), "\n".join([a, b, c, e, f]), story(rng)], ids=["s", "t", "other"])
    assert not added["is_duplicate"].any()
    found = idx.query("\n".join([a, b, c]))
    assert [m.id for m in found] == ["s", "t"] and found[0].similarity > found[1].similarity
    assert len(idx) == 3
    table = idx.query_batch(["\n".join([a, b, c]), story(rng), "\n".join([a, b, c, d])])
    assert list(table.columns) == ["query", "id", "similarity"]
    assert table["query"].tolist() == [0, 0, 2] and table["id"].tolist() == ["s", "t", "s"]
    assert idx.query(story(rng)) == []


def test_remove():
    rng = random.Random(8)
    a, b = story(rng), story(rng)
    idx = warta.DedupIndex()
    idx.add_batch([a, b], ids=["a", "b"])
    with pytest.raises(KeyError, match=r"ids\[1\] = 'zzz' is not in the index"):
        idx.remove(["a", "zzz"])
    assert len(idx) == 2  # nothing removed
    assert idx.remove(["a"]) == 1
    assert len(idx) == 1 and "a" not in idx
    assert idx.query(a) == []
    out = idx.add_batch([variant(rng, a)], ids=["a"])  # the id is free again; the story is new again
    assert out["is_duplicate"].tolist() == [False]


def chain(shift: int = 20, words: int = 200):
    """Three windows over one word sequence: neighbours overlap a lot, the ends less."""
    seq = [f"rantai{i}" for i in range(words + 2 * shift)]
    return [" ".join(seq[k * shift : k * shift + words]) for k in range(3)]


def test_a_copy_of_a_duplicate_joins_its_cluster():
    # correct_typos=False: the made-up words are one edit from each other ("rantai1", "rantai2")
    a, a1, a2 = chain()
    sig = warta.MinHasher(num_perm=128).signatures([a, a1, a2])
    assert np.mean(sig[0] == sig[1]) >= 0.72 and np.mean(sig[1] == sig[2]) >= 0.72
    assert np.mean(sig[0] == sig[2]) < 0.72  # a2 resembles a1 but not the kept copy a
    idx = warta.DedupIndex(measure="jaccard", threshold=0.72, correct_typos=False)
    idx.add_batch([a, a1], ids=["a", "a1"])
    out = idx.add_batch([a2], ids=["a2"])
    assert out["duplicate_of"].tolist() == ["a"] and out["cluster_id"].tolist() == [0]
    assert out["in_history"].tolist() == [True]
    assert out["similarity"][0] == pytest.approx(np.mean(sig[1] == sig[2]))  # the best member's
    # the same within one batch
    whole = warta.DedupIndex(measure="jaccard", threshold=0.72, correct_typos=False).add_batch(
        [a, a1, a2], ids=["a", "a1", "a2"]
    )
    assert whole["duplicate_of"].tolist() == [None, "a", "a"]
    # a query reports the cluster once, by its kept id, with the best member's similarity
    assert idx.query(a2) == [("a", 1.0)]


def test_a_duplicate_id_is_stored_and_cannot_be_reused():
    rng = random.Random(31)
    s = story(rng)
    idx = warta.DedupIndex()
    idx.add_batch([s, variant(rng, s)], ids=["x", "y"])
    assert "y" in idx and idx.ids() == ["x", "y"]
    with pytest.raises(warta.DuplicateIdError, match="'y' is already in the index"):
        idx.add_batch([story(rng)], ids=["y"])


def test_removing_a_kept_copy_promotes_its_earliest_member(tmp_path):
    rng = random.Random(32)
    s, other = story(rng), story(rng)
    idx = warta.DedupIndex()
    idx.add_batch([s, other, variant(rng, s), variant(rng, s)], ids=["s", "o", "s1", "s2"])
    assert idx.remove(["s"]) == 1 and len(idx) == 3
    assert [m.id for m in idx.query(s)] == ["s1"]  # the cluster lives on, kept by its earliest member
    out = idx.add_batch([variant(rng, s)], ids=["s3"])
    assert out["duplicate_of"].tolist() == ["s1"] and out["cluster_id"].tolist() == [0]
    idx.save(tmp_path / "p.idx")
    assert warta.DedupIndex.load(tmp_path / "p.idx").query(s) == idx.query(s)
    assert idx.remove(["s2", "s1", "s3"]) == 3  # the whole cluster: nothing of it is left
    assert idx.query(s) == [] and len(idx) == 1
    assert idx.add_batch([s], ids=["again"])["is_duplicate"].tolist() == [False]


def test_compaction_after_many_removals_keeps_answers():
    texts = corpus(seed=11, stories=1500, copies=0)
    idx = warta.DedupIndex()
    idx.add_batch(texts, ids=list(range(len(texts))))
    idx.remove(list(range(0, len(texts), 3)) + list(range(1, len(texts), 3)))  # compacts (over half gone)
    kept = list(range(2, len(texts), 3))
    assert idx.ids() == kept
    table = idx.query_batch([texts[i] for i in kept])
    assert table.groupby("query")["id"].first().tolist() == kept


def test_params_and_stats():
    idx = warta.DedupIndex(threshold=0.7, num_perm=64, ngram=3, seed=9, scheme="affine32", strip_boilerplate=False)
    p = idx.params
    assert (p["threshold"], p["num_perm"], p["ngram"], p["seed"], p["scheme"], p["strip_boilerplate"]) == (
        0.7,
        64,
        3,
        9,
        "affine32",
        False,
    )
    assert p["bands"][0] * p["bands"][1] <= 64
    assert "64" in repr(idx) and idx.stats()["documents"] == 0


def clusters(table: pd.DataFrame):
    return table[["id", "cluster_id", "duplicate_of", "is_duplicate"]].reset_index(drop=True)


# Day-by-day equals one batch only when nothing is learned between days: no boilerplate
# (strip_boilerplate=False) and no spelling (correct_typos=False). A slip is read as its
# neighbour only once the neighbour is common, so one big batch, which counts every word up
# front, reads some slips that day 1 had to read as they are (and readings stay fixed).
NOTHING_LEARNED = {"strip_boilerplate": False, "correct_typos": False}


@pytest.mark.parametrize("scheme", ["oph", "datasketch"])
def test_day_by_day_equals_one_big_batch_without_boilerplate(scheme):
    texts = corpus(seed=12, stories=150, copies=4)
    ids = [f"doc{i}" for i in range(len(texts))]
    one = warta.DedupIndex(**NOTHING_LEARNED, scheme=scheme)
    whole = one.add_batch(texts, ids=ids)
    daily = warta.DedupIndex(**NOTHING_LEARNED, scheme=scheme)
    cuts = [0, 1, 40, 41, 200, 333, len(texts)]
    parts = [daily.add_batch(texts[a:b], ids=ids[a:b]) for a, b in zip(cuts, cuts[1:])]
    assert whole["is_duplicate"].sum() > 100  # the corpus has plenty of copies
    # A day's rows say what the index knew after that day; merges of later days move its
    # documents into older clusters. What is stored in the end is the same.
    pd.testing.assert_frame_equal(one.documents().drop(columns="batch"), daily.documents().drop(columns="batch"))
    last = [a for a, b in zip(cuts, cuts[1:])][-1]
    pd.testing.assert_frame_equal(
        clusters(whole).iloc[last:].reset_index(drop=True), clusters(parts[-1]).reset_index(drop=True)
    )


def test_results_do_not_depend_on_thread_count():
    texts = corpus(seed=13, stories=200, copies=3)
    one = warta.DedupIndex(n_jobs=1).add_batch(texts)
    two = warta.DedupIndex(n_jobs=2).add_batch(texts)
    pd.testing.assert_frame_equal(one, two)


CHROME = (
    "Baca juga berita menarik lainnya di portal kami setiap hari tanpa ketinggalan\n"
    "Ikuti kami di media sosial untuk mendapatkan kabar terbaru dari seluruh daerah\n"
    "Sebarkan artikel ini kepada keluarga dan teman teman anda sekarang juga ya"
)


def with_chrome(text: str) -> str:
    return text + "\n" + CHROME


def test_chrome_learned_from_earlier_batches_is_stripped_later():
    rng = random.Random(14)
    idx = warta.DedupIndex()
    day1 = idx.add_batch([with_chrome(story(rng, 40)) for _ in range(4)])
    assert idx.stats()["boilerplate_lines"] == 3  # the three chrome lines, seen on four stories
    assert day1["boilerplate_lines"].tolist() == [3, 3, 3, 3]
    # One new page on day 2: on its own it could not tell its chrome apart.
    day2 = idx.add_batch([with_chrome(story(rng, 40))])
    assert day2["boilerplate_lines"].tolist() == [3]
    alone = warta.DedupIndex().add_batch([with_chrome(story(rng, 40))])
    assert alone["boilerplate_lines"].tolist() == [0]


def test_learned_boilerplate_makes_day_by_day_differ_from_one_batch():
    """Documented difference: chrome is only known once it has been seen on min_docs (3)
    different stories. Here a short story and its chrome-less republished copy are 'the same
    story' only once the chrome is stripped. In one batch, the chrome is known before any
    document is compared; day by day, the first page was stored (with its chrome in its
    signature) before the chrome was learned, so its copy on day 2 does not match it."""
    rng = random.Random(15)
    short = story(rng, 30)
    day1 = [with_chrome(short), with_chrome(story(rng, 40))]
    day2 = [with_chrome(story(rng, 40)), short]
    whole = warta.DedupIndex(measure="jaccard").add_batch(day1 + day2)
    assert whole["is_duplicate"].tolist() == [False, False, False, True]

    daily = warta.DedupIndex(measure="jaccard")
    daily.add_batch(day1)
    later = daily.add_batch(day2)
    assert later["boilerplate_lines"].tolist() == [3, 0]  # the chrome is learned by day 2 ...
    assert later["is_duplicate"].tolist() == [False, False]  # ... too late for the stored page

    # Without stripping, both ways agree (and neither merges the copies).
    plain_whole = warta.DedupIndex(measure="jaccard", strip_boilerplate=False).add_batch(day1 + day2)
    plain_daily = warta.DedupIndex(measure="jaccard", strip_boilerplate=False)
    parts = [plain_daily.add_batch(day1), plain_daily.add_batch(day2)]
    assert plain_whole["is_duplicate"].tolist() == pd.concat(parts)["is_duplicate"].tolist() == [False] * 4

    # With the story measure the chrome-less copy is contained in the stored page anyway.
    story_daily = warta.DedupIndex()
    story_daily.add_batch(day1)
    assert story_daily.add_batch(day2)["is_duplicate"].tolist() == [False, True]


def test_exact_rescrape_matches_after_its_chrome_was_learned():
    rng = random.Random(16)
    page = with_chrome(story(rng, 40))
    idx = warta.DedupIndex()
    idx.add_batch([page], ids=["first"])  # stored before any chrome is known
    idx.add_batch([with_chrome(story(rng, 40)) for _ in range(3)])  # now it is
    out = idx.add_batch([page], ids=["again"])
    assert out["boilerplate_lines"].tolist() == [3]
    assert out["duplicate_of"].tolist() == ["first"]


def test_line_statistics_stay_bounded():
    rng = random.Random(17)
    idx = warta.DedupIndex(max_lines=200)
    for _ in range(5):
        idx.add_batch([with_chrome(story(rng, 60)) for _ in range(30)])
        assert idx.stats()["lines"] <= 200
    assert idx.stats()["boilerplate_lines"] == 3  # chrome survives forgetting


def test_word_counts_stay_bounded_and_common_words_survive(tmp_path):
    common = "gubernur banten meresmikan jembatan baru bersama warga setempat"
    idx = warta.DedupIndex(max_words=100)
    for day in range(5):
        batch = [f"{common} {' '.join(f'nama{day}x{i}x{k}' for k in range(8))}" for i in range(20)]
        idx.add_batch(batch)
        assert 0 < idx.stats()["words"] <= 100
    idx.save(tmp_path / "w.idx")
    loaded = warta.DedupIndex.load(tmp_path / "w.idx")
    assert loaded.stats()["words"] == idx.stats()["words"] and loaded.params["max_words"] == 100
    # the common words are what is kept: a slip of one of them is still read as it
    slipped = warta.DedupIndex(max_words=100, threshold=0.5)
    for day in range(5):
        slipped.add_batch([f"{common} {' '.join(f'nama{day}x{i}x{k}' for k in range(8))}" for i in range(20)])
    stored = common + " " + " ".join(f"lain{k}" for k in range(8))
    slipped.add_batch([stored], ids=["s"])
    copy = stored.replace("meresmikan", "meresmkan")
    assert slipped.query(copy)[0].similarity < 1.0  # a query's own new slip is not learned
    out = slipped.add_batch([copy], ids=["s2"])  # a later batch reads it against history
    assert out["duplicate_of"].tolist() == ["s"] and out["similarity"].tolist() == [1.0]
    assert slipped.query(copy) == [("s", 1.0)]  # and queries read it as the index does
    with pytest.raises(ValueError, match="max_words"):
        warta.DedupIndex(max_words=3)


def test_keep_longest_within_a_batch():
    rng = random.Random(18)
    s, other = story(rng), story(rng)
    longer = s + " dan satu kalimat tambahan di akhir berita"
    idx = warta.DedupIndex()
    out = idx.add_batch([s, other, longer, s], ids=["first", "other", "longer", "again"], keep="longest")
    assert out["duplicate_of"].tolist() == ["longer", None, None, "longer"]
    assert out["cluster_id"].tolist() == [0, 1, 0, 0]
    # similarity is with the document each matched when it arrived: "first" matched none
    assert out["similarity"].notna().tolist() == [False, False, True, True]
    assert idx.ids() == ["first", "other", "longer", "again"]  # every copy is stored, in input order
    assert idx.query(longer)[0] == ("longer", 1.0)
    # a longer copy in a later batch takes over, and says whom it replaced
    later = idx.add_batch([longer + " dan lagi"], ids=["longest"], keep="longest")
    assert later["duplicate_of"].tolist() == [None] and later["replaced"].tolist() == ["longer"]
    assert later.attrs["kept_changes"].values.tolist() == [[0, "longest", "longer"]]
    assert idx.query(longer)[0].id == "longest"
    with pytest.raises(ValueError, match="keep must be"):
        idx.add_batch([s], keep="last")


def test_keep_longest_survives_save_and_load(tmp_path):
    rng = random.Random(19)
    s = story(rng)
    idx = warta.DedupIndex()
    idx.add_batch([s, s + " tambahan kata", story(rng)], ids=["a", "b", "c"], keep="longest")
    idx.save(tmp_path / "i.idx")
    loaded = warta.DedupIndex.load(tmp_path / "i.idx")
    assert loaded.ids() == idx.ids() == ["a", "b", "c"]
    assert loaded.query(s)[0].id == "b"  # the kept mark survives
    assert loaded.query(s) == idx.query(s)


def test_ids_survive_many_remove_and_add_cycles():
    rng = random.Random(20)
    idx = warta.DedupIndex(strip_boilerplate=False)
    live = set()
    for round_ in range(30):
        new = [f"r{round_}-{i}" for i in range(40)]
        idx.add_batch([story(rng, 30) for _ in new], ids=new)
        live.update(new)
        gone = sorted(live)[::3]
        idx.remove(gone)
        live.difference_update(gone)
    assert set(idx.ids()) == live and len(idx) == len(live)
    assert all(i in idx for i in live) and "r0-0" not in idx


def test_concurrent_use_from_threads():
    import threading

    rng = random.Random(21)
    batches = [[story(rng, 60) for _ in range(50)] for _ in range(8)]
    idx = warta.DedupIndex()
    errors = []

    def work(t):
        try:
            for b in range(2):
                texts = batches[t * 2 + b]
                idx.add_batch(texts, ids=[f"t{t}-{b}-{i}" for i in range(len(texts))])
                assert idx.query(texts[0])[0].similarity == 1.0
                len(idx), f"t{t}-0-0" in idx, idx.stats()
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(t,)) for t in range(4)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert errors == []
    assert len(idx) == 400


def test_real_articles_day_by_day_equal_one_batch(news_rows):
    articles = [r["text"] for r in news_rows[:1200]]
    rng = random.Random(22)
    texts = list(articles)
    for t in rng.sample(articles, 300):  # republished: a new dateline, a dropped last sentence
        body = t.rsplit(". ", 1)[0] if ". " in t else t
        texts.append("JAKARTA, (Warta Daerah) - " + body)
    rng.shuffle(texts)
    one = warta.DedupIndex(**NOTHING_LEARNED)
    whole = one.add_batch(texts)
    daily = warta.DedupIndex(**NOTHING_LEARNED)
    for a in range(0, len(texts), 500):
        daily.add_batch(texts[a : a + 500])
    pd.testing.assert_frame_equal(one.documents().drop(columns="batch"), daily.documents().drop(columns="batch"))
    assert whole["is_duplicate"].sum() >= 150  # most copies are found (a dropped last sentence can be long)


def retype(rng: random.Random, text: str) -> str:
    """One slip: a letter of one word replaced."""
    words = text.split(" ")
    k = rng.randrange(len(words))
    w = words[k]
    p = rng.randrange(len(w))
    words[k] = w[:p] + ("x" if w[p] != "x" else "y") + w[p + 1 :]
    return " ".join(words)


def test_correct_typos_helps_copies_in_one_batch():
    rng = random.Random(23)
    s = story(rng, 60)
    copies = [retype(rng, retype(rng, retype(rng, s))) for _ in range(5)]
    texts = [s] + copies + [story(rng, 60) for _ in range(5)]
    plain = warta.DedupIndex(threshold=0.8, correct_typos=False).add_batch(texts)
    fixed = warta.DedupIndex(threshold=0.8, correct_typos=True).add_batch(texts)
    assert fixed["is_duplicate"].sum() > plain["is_duplicate"].sum()
    assert fixed["is_duplicate"].tolist() == [False] + [True] * 5 + [False] * 5
    assert warta.DedupIndex(correct_typos=True).params["correct_typos"] is True


def test_correct_typos_is_saved(tmp_path):
    idx = warta.DedupIndex(correct_typos=True)
    idx.save(tmp_path / "t.idx")
    assert warta.DedupIndex.load(tmp_path / "t.idx").params["correct_typos"] is True
    with pytest.raises(ValueError, match="correct_typos"):
        warta.DedupIndex.load(tmp_path / "t.idx", correct_typos=False)


def test_automatic_ids_never_collide_with_explicit_int_ids(tmp_path):
    texts = [f"berita nomor {i} tentang hal yang berbeda sekali dari yang lain" for i in range(12)]
    idx = warta.DedupIndex(num_perm=32)
    idx.add_batch(texts[:3], ids=[0, 5, 6])
    auto = idx.add_batch(texts[3:8])["id"].tolist()
    assert auto == [3, 4, 7, 8, 9]  # from documents_added (3), skipping the stored 5 and 6
    assert sorted(idx.ids()) == [0, 3, 4, 5, 6, 7, 8, 9]
    idx.save(tmp_path / "s.idx")
    again = warta.DedupIndex.load(tmp_path / "s.idx")
    assert again.add_batch(texts[8:10])["id"].tolist() == [10, 11]
    assert len(set(again.ids())) == len(again) == 10


def test_byte_identical_rescrapes_always_join_their_original(news_rows, tmp_path):
    """Chrome learned from a later chunk strips lines from new texts but never from stored
    signatures, so a byte-identical re-scrape could be signed unlike its stored original
    (7 of 2,000 were missed in chunks of 10,000). The text hash joins them anyway, also
    after a save and load."""
    texts = [r["text"] for r in news_rows[:12_000]]
    first, second = texts[:6_000], texts[6_000:]
    picks = list(range(0, 6_000, 3))
    idx = warta.DedupIndex()
    idx.add_batch(first, ids=[f"a{i}" for i in range(len(first))])
    idx.save(tmp_path / "state.idx")
    idx = warta.DedupIndex.load(tmp_path / "state.idx")
    day2 = idx.add_batch(second + [first[i] for i in picks], ids=[f"b{i}" for i in range(len(second) + len(picks))])
    copies = day2.iloc[len(second) :]
    now = idx.documents().set_index("id")["cluster_id"]  # day 2 may have merged day-1 clusters
    assert copies["cluster_id"].tolist() == now[[f"a{i}" for i in picks]].tolist()
    assert copies["is_duplicate"].all() and (copies["similarity"] == 1.0).all()
