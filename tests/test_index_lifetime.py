"""DedupIndex over months: merges with stable ids, dates and windows, keep rules,
provenance and history, append-only segments, and agreement with warta.dedup."""

import random
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import warta

WORDS = [f"kata{i}" for i in range(5000)]
NOTHING_LEARNED = {"strip_boilerplate": False, "correct_typos": False}


def words(rng: random.Random, n: int):
    return [rng.choice(WORDS) for _ in range(n)]


def text(ws) -> str:
    return " ".join(ws)


def story_corpus(seed: int, stories: int, copies: int = 3):
    """Stories and edited copies (a few words retyped, some trimmed), shuffled."""
    rng = random.Random(seed)
    texts = []
    for _ in range(stories):
        base = words(rng, 150)
        texts.append(text(base))
        for _ in range(rng.randrange(copies + 1)):
            copy = list(base)
            for _ in range(rng.randrange(3)):
                copy[rng.randrange(len(copy))] = rng.choice(WORDS)
            if rng.random() < 0.3:
                copy = copy[: rng.randrange(90, 150)]
            texts.append(text(copy))
    rng.shuffle(texts)
    return texts


def partition(labels):
    groups = {}
    for i, label in enumerate(labels):
        groups.setdefault(label, set()).add(i)
    return sorted(sorted(g) for g in groups.values())


def bridge_texts(seed: int = 3):
    """a and b differ too much to match; c overlaps both enough."""
    ws = words(random.Random(seed), 240)
    return text(ws[0:200]), text(ws[30:230]), text(ws[15:215])


def test_a_bridging_text_merges_two_stored_clusters_and_the_older_id_survives():
    a, b, c = bridge_texts()
    idx = warta.DedupIndex(measure="jaccard", **NOTHING_LEARNED)  # b is contained in neither
    first = idx.add_batch([a], ids=["a"])
    second = idx.add_batch([b], ids=["b"])
    assert (first["cluster_id"][0], second["cluster_id"][0]) == (0, 1)  # b alone matches nothing
    third = idx.add_batch([c], ids=["c"])
    assert third["cluster_id"].tolist() == [0] and third["duplicate_of"].tolist() == ["a"]
    assert third["in_history"].tolist() == [True]
    assert third.attrs["merges"].values.tolist() == [[0, 1, "c"]]
    assert third.attrs["batch"] == 3
    docs = idx.documents()
    assert docs["cluster_id"].tolist() == [0, 0, 0] and docs["is_kept"].tolist() == [True, False, False]
    assert idx.stats()["clusters"] == 1
    history = idx.history("b")
    assert history["event"].tolist() == ["added", "absorbed"]
    assert history["cluster_id"].tolist() == [1, 1] and history["other"].tolist()[1] == 0
    assert history.attrs["cluster_id"] == 0 and history.attrs["kept_copy"] == "a"
    # a later copy of b now joins the merged story
    assert idx.add_batch([b + " lagi"], ids=["b2"])["cluster_id"].tolist() == [0]


@pytest.mark.parametrize("measure", ["jaccard", "story"])
def test_day_by_day_gives_the_clusters_of_one_batch_and_of_warta_dedup(measure):
    texts = story_corpus(seed=21, stories=120)
    ids = [f"d{i}" for i in range(len(texts))]
    whole = warta.DedupIndex(measure=measure, **NOTHING_LEARNED)
    whole.add_batch(texts, ids=ids)
    daily = warta.DedupIndex(measure=measure, **NOTHING_LEARNED)
    cuts = [0, 7, 100, 101, 250, len(texts)]
    for lo, hi in zip(cuts, cuts[1:]):
        daily.add_batch(texts[lo:hi], ids=ids[lo:hi])
    one, many = whole.documents(), daily.documents()
    pd.testing.assert_frame_equal(one.drop(columns="batch"), many.drop(columns="batch"))
    # the connected components warta.dedup finds, deciding on estimates as the index does
    batch = warta.dedup(texts, measure=measure, refine=False, max_bucket=1024, **NOTHING_LEARNED)
    assert partition(many["cluster_id"]) == partition(batch.cluster_id)
    assert len(set(many["cluster_id"])) < len(texts) * 0.6  # there are copies to find


def test_trimmed_copy_is_found_by_the_story_measure_only():
    rng = random.Random(5)
    full = words(rng, 400)
    long_text, trimmed = text(full), text(full[:160])  # containment 1, Jaccard ~0.4
    for measure, joined in (("jaccard", False), ("story", True)):
        idx = warta.DedupIndex(measure=measure, **NOTHING_LEARNED)
        idx.add_batch([long_text], ids=["long"])
        out = idx.add_batch([trimmed], ids=["short"])
        assert out["is_duplicate"].tolist() == [joined], measure
    assert idx.params["measure"] == "story" and idx.params["threshold"] == 0.75


def test_numbers_keep_template_series_apart_in_the_index():
    rng = random.Random(6)
    template = text(words(rng, 120))
    day1 = template + " harga emas hari ini 935000 per gram naik 2000 dari 933000"
    trimmed = " ".join(template.split()[:70])
    idx = warta.DedupIndex(measure="story", **NOTHING_LEARNED)
    idx.add_batch([day1], ids=["day1"])
    # the next day's report, shorter: mostly inside day1 but with other figures
    out = idx.add_batch([trimmed + " harga emas 941000 per gram naik 6000 dari 935500"], ids=["day2"])
    assert out["is_duplicate"].tolist() == [False]
    # a trimmed copy of day1 itself, with its figures, is a copy
    out = idx.add_batch([trimmed + " harga emas 935000 per gram naik 2000 dari 933000"], ids=["copy"])
    assert out["duplicate_of"].tolist() == ["day1"]


def test_dates_choose_the_earliest_copy_even_when_it_arrives_later():
    rng = random.Random(7)
    s = text(words(rng, 150))
    idx = warta.DedupIndex(**NOTHING_LEARNED)
    first = idx.add_batch([s, s + " x"], ids=["late", "later"], dates=["2019-05-02", "2019-05-03"], keep="earliest")
    assert first["duplicate_of"].tolist() == [None, "late"]
    assert first["date"].tolist() == [pd.Timestamp("2019-05-02"), pd.Timestamp("2019-05-03")]
    out = idx.add_batch([s + " y"], ids=["original"], dates=[pd.Timestamp("2019-05-01 08:00")], keep="earliest")
    assert out["duplicate_of"].tolist() == [None] and out["replaced"].tolist() == ["late"]
    assert out.attrs["kept_changes"].values.tolist() == [[0, "original", "late"]]
    assert idx.query(s)[0].id == "original"
    assert idx.history("late")["event"].tolist() == ["added", "replaced"]
    assert idx.history("original")["event"].tolist() == ["added", "kept"]
    # an undated copy never takes over by date
    assert idx.add_batch([s + " z"], ids=["undated"], keep="earliest")["duplicate_of"].tolist() == ["original"]


def test_source_priority_and_callable_keep_rules():
    rng = random.Random(8)
    s = text(words(rng, 150))
    ids = ["https://www.tribunnews.com/a", "https://regional.kompas.com/b", "https://antaranews.com/c"]
    idx = warta.DedupIndex(**NOTHING_LEARNED)
    out = idx.add_batch([s, s + " 1", s + " 2"], ids=ids, keep=["antaranews.com", "kompas.com"])
    assert out["duplicate_of"].tolist() == [ids[2], ids[2], None]
    assert warta.index.source_of(ids[0]) == "tribunnews.com"
    # explicit sources win over the id's host
    idx2 = warta.DedupIndex(**NOTHING_LEARNED)
    out = idx2.add_batch([s, s + " 1"], ids=["x", "y"], keep=["agency"], sources=[None, "agency"])
    assert out["duplicate_of"].tolist() == ["y", None]
    # a callable: the lowest key is kept
    idx3 = warta.DedupIndex(**NOTHING_LEARNED)
    out = idx3.add_batch([s, s + " satu dua"], ids=["p", "q"], keep=lambda d: -len(d["text"]))
    assert out["duplicate_of"].tolist() == ["q", None]
    with pytest.raises(TypeError, match="must return a number"):
        idx3.add_batch([s], ids=["r"], keep=lambda d: "best")
    with pytest.raises(TypeError, match="keep must be"):
        idx3.add_batch([s], ids=["r"], keep=42)
    assert "r" not in idx3  # nothing was stored by the failed calls


def test_window_expires_old_documents_and_returns_their_memory():
    rng = random.Random(9)
    idx = warta.DedupIndex(window="30D", **NOTHING_LEARNED)
    day0 = pd.Timestamp("2019-01-01")
    old = [text(words(rng, 120)) for _ in range(3000)]
    idx.add_batch(old, ids=[f"old{i}" for i in range(3000)], dates=[day0] * 3000)
    assert len(idx) == 3000 and idx.query(old[0])[0].id == "old0"
    before = idx.memory_bytes
    fresh = [text(words(rng, 120)) for _ in range(100)]
    out = idx.add_batch(fresh, ids=[f"new{i}" for i in range(100)], dates=[day0 + pd.Timedelta("45D")] * 100)
    assert out.attrs["expired"] == 3000
    assert len(idx) == 100 and "old0" not in idx and idx.query(old[0]) == []
    assert idx.memory_bytes < before
    stats = idx.stats()
    assert stats["documents"] == 100 and stats["newest_date"] == day0 + pd.Timedelta("45D")
    # a copy of an expired story starts a new cluster
    assert idx.add_batch([old[1]], ids=["back"], dates=[day0 + pd.Timedelta("46D")])["is_duplicate"].tolist() == [False]
    assert idx.params["window"] == pd.Timedelta("30D")
    with pytest.raises(KeyError, match="removed or expired"):
        idx.history("old0")


def test_expire_before_a_date_keeps_undated_documents():
    rng = random.Random(10)
    idx = warta.DedupIndex(**NOTHING_LEARNED)
    texts = [text(words(rng, 80)) for _ in range(4)]
    idx.add_batch(texts, ids=list("abcd"), dates=["2019-01-01", "2019-02-01", None, "2019-03-01T10:00:00+07:00"])
    assert idx.expire(before="2019-02-15") == 2
    assert sorted(idx.ids()) == ["c", "d"]
    assert idx.documents()["date"].tolist()[1] == pd.Timestamp("2019-03-01 03:00")  # in UTC
    with pytest.raises(ValueError, match="before"):
        idx.expire(before="not a date")


def test_bad_dates_and_windows_are_clear_errors():
    idx = warta.DedupIndex()
    with pytest.raises(ValueError, match="dates has 1 items but texts has 2"):
        idx.add_batch(["a b c", "d e f"], dates=["2019-01-01"])
    with pytest.raises(ValueError, match="dates"):
        idx.add_batch(["a b c"], dates=["kemarin sore"])
    with pytest.raises(ValueError, match="window"):
        warta.DedupIndex(window="sebentar")
    with pytest.raises(ValueError, match="window"):
        warta.DedupIndex(window="-3D")
    assert len(idx) == 0


def corpus_batches(seed: int, days: int, per_day: int):
    texts = story_corpus(seed, stories=days * per_day // 2)
    day = pd.Timestamp("2019-03-01")
    return [
        (texts[d * per_day : (d + 1) * per_day], [day + pd.Timedelta(days=d)] * per_day)
        for d in range(len(texts) // per_day)
    ]


def test_each_save_appends_a_segment_of_the_batch_and_compact_merges_them(tmp_path):
    path = tmp_path / "news.idx"
    idx = warta.DedupIndex()
    batches = corpus_batches(seed=11, days=6, per_day=100)
    sizes = []
    for n, (texts, dates) in enumerate(batches):
        idx.add_batch(texts, ids=[f"{n}-{i}" for i in range(len(texts))], dates=dates)
        idx.save(path)
        segments = [f for f in warta.DedupIndex.files(path) if f.endswith(".seg")]
        assert len(segments) == n + 1
        sizes.append(Path(segments[-1]).stat().st_size)
    # a segment holds its batch, not the index: each about as big as the first
    assert max(sizes) < 1.5 * sizes[0]
    header = warta.DedupIndex.read_header(path)
    assert header["format_version"] == 4 and header["segments"] == len(batches)
    loaded = warta.DedupIndex.load(path)
    pd.testing.assert_frame_equal(loaded.documents(), idx.documents())
    assert loaded.stats() == {**idx.stats(), "memory_bytes": loaded.stats()["memory_bytes"]}
    # merges, provenance and history survive
    some = idx.documents()["id"].tolist()[::37]
    for id_ in some:
        pd.testing.assert_frame_equal(loaded.history(id_), idx.history(id_))
    # removals travel as flag updates in the next segment
    loaded.remove(some[:3])
    loaded.save(path)
    again = warta.DedupIndex.load(path)
    assert again.ids() == loaded.ids() and len(again) == len(idx) - 3
    again.compact(path)
    assert [f.endswith(".seg") for f in warta.DedupIndex.files(path)].count(True) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(Path(f).name for f in warta.DedupIndex.files(path))
    pd.testing.assert_frame_equal(
        warta.DedupIndex.load(path).documents().drop(columns="batch"), again.documents().drop(columns="batch")
    )


def test_an_old_single_file_index_loads_and_is_saved_as_segments(tmp_path):
    rng = random.Random(12)
    idx = warta.DedupIndex()
    idx.add_batch([text(words(rng, 100)) for _ in range(30)])
    path = tmp_path / "old.idx"
    idx._impl.save(str(path), 0, 0, 3)  # the single-file format of earlier warta
    old = warta.DedupIndex.load(path)
    assert warta.DedupIndex.read_header(path)["format_version"] == 3
    assert old.ids() == idx.ids()
    old.add_batch([text(words(rng, 100))], ids=["new"])
    old.save(path)
    assert warta.DedupIndex.read_header(path)["format_version"] == 4
    assert warta.DedupIndex.load(path).ids() == old.ids()


def test_segments_that_do_not_belong_are_refused(tmp_path):
    rng = random.Random(13)
    a, b = warta.DedupIndex(), warta.DedupIndex()
    a.add_batch([text(words(rng, 60)) for _ in range(10)])
    b.add_batch([text(words(rng, 60)) for _ in range(12)])
    a.save(tmp_path / "a.idx")
    b.save(tmp_path / "b.idx")
    seg_a = [f for f in warta.DedupIndex.files(tmp_path / "a.idx") if f.endswith(".seg")][0]
    seg_b = [f for f in warta.DedupIndex.files(tmp_path / "b.idx") if f.endswith(".seg")][0]
    Path(seg_a).write_bytes(Path(seg_b).read_bytes())
    with pytest.raises(warta.IndexFormatError, match="segment"):
        warta.DedupIndex.load(tmp_path / "a.idx")
    Path(seg_b).unlink()
    with pytest.raises(FileNotFoundError, match="segment"):
        warta.DedupIndex.load(tmp_path / "b.idx")


def test_every_flipped_byte_of_a_segmented_index_is_caught(tmp_path):
    rng = random.Random(14)
    idx = warta.DedupIndex(measure="story")
    idx.add_batch([text(words(rng, 60)) + " 2019 10.000" for _ in range(6)], dates=["2019-01-01"] * 6)
    idx.add_batch([text(words(rng, 60)) for _ in range(3)])
    path = tmp_path / "s.idx"
    idx.save(path)
    idx.add_batch([text(words(rng, 60))])
    idx.save(path)
    for name in warta.DedupIndex.files(path):
        data = Path(name).read_bytes()
        positions = range(len(data)) if len(data) < 3000 else rng.sample(range(len(data)), 400)
        for pos in positions:
            flipped = bytearray(data)
            flipped[pos] ^= 1 << rng.randrange(8)
            Path(name).write_bytes(bytes(flipped))
            with pytest.raises(warta.IndexFormatError):
                warta.DedupIndex.load(path)
        for cut in (0, 7, len(data) // 2, len(data) - 1):
            Path(name).write_bytes(data[:cut])
            with pytest.raises(warta.IndexFormatError):
                warta.DedupIndex.load(path)
        Path(name).write_bytes(data)
    assert warta.DedupIndex.load(path).ids() == idx.ids()


def test_story_index_round_trips_with_counts_and_numbers(tmp_path):
    rng = random.Random(15)
    full = words(rng, 300)
    idx = warta.DedupIndex(measure="story", **NOTHING_LEARNED)
    idx.add_batch([text(full) + " skor 3-1 pada 12 Mei"], ids=["long"])
    idx.save(tmp_path / "s.idx")
    loaded = warta.DedupIndex.load(tmp_path / "s.idx")
    short = text(full[:130]) + " skor 3-1 pada 12 Mei"
    assert loaded.add_batch([short], ids=["short"])["duplicate_of"].tolist() == ["long"]
    assert np.isfinite(idx.add_batch([short], ids=["short"])["similarity"]).all()


def test_provenance_survives_removal_compaction_and_a_load(tmp_path):
    """Each document's batch, match and similarity (kept sparse: a record per batch and one
    per document that matched) read the same after removing some matched originals, after
    compaction renumbers the slots and after a save and load; a removed match reads as none."""
    idx = warta.DedupIndex()
    batches = corpus_batches(seed=5, days=5, per_day=80)
    told = {}  # what add_batch said of each document: its batch, its match and their similarity
    for n, (texts, dates) in enumerate(batches):
        out = idx.add_batch(texts, ids=[f"{n}-{i}" for i in range(len(texts))], dates=dates)
        told.update({row.id: (n + 1, row.matched, row.similarity) for row in out.itertuples()})
    ids = idx.ids()
    added = {id_: idx.history(id_).iloc[0] for id_ in ids}
    for id_, (batch, match, similarity) in told.items():
        assert (added[id_]["batch"], added[id_]["other"]) == (batch, match)
        assert added[id_]["similarity"] == pytest.approx(similarity, abs=1e-6, nan_ok=True)
    matched = [match for _, match, _ in told.values() if match is not None]
    assert len(matched) > 40 and len(batches) > 2
    gone = sorted(set(matched))[::3]
    idx.remove(gone)
    before = {id_: idx.history(id_) for id_ in ids if id_ not in gone}
    assert any(h.iloc[0]["other"] is None and added[id_]["other"] in gone for id_, h in before.items())
    idx.compact(tmp_path / "p.idx")
    loaded = warta.DedupIndex.load(tmp_path / "p.idx")
    for id_, history in before.items():
        pd.testing.assert_frame_equal(idx.history(id_), history)
        pd.testing.assert_frame_equal(loaded.history(id_), history)
