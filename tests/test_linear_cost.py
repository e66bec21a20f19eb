"""Cost stays linear in the input, whatever the input: checked by counts (pairs,
candidates), not timings. Pathological inputs: many identical or empty texts, one alias
shared by 100,000 entities."""

import numpy as np
import warta


def test_identical_texts_pair_each_copy_with_a_few_hubs_only():
    n = 20_000
    res = warta.dedup(["satu dua tiga empat lima enam tujuh delapan"] * n)
    assert res.n_clusters == 1
    # a bucket over max_bucket pairs each member with its first 8 members: at most 8 per text
    assert len(res.pairs) <= 8 * n


def test_empty_texts_take_part_in_no_pair():
    res = warta.dedup(["", None, "  ", "..."] * 25_000)
    assert len(res.pairs) == 0 and res.n_clusters == 100_000


def test_an_alias_shared_by_100000_entities_weighs_a_bounded_number_of_candidates():
    records = [{"id": f"p{i}", "name": "Budi Santoso", "type": "person"} for i in range(100_000)]
    linker = warta.EntityLinker(warta.Gazetteer.from_records(records))  # built in linear time
    texts = ["Kemarin Budi Santoso bertemu warga di pasar."] * 2_000
    table = linker.link_batch(texts)
    assert len(table) == len(texts)
    one = linker.link(texts[0])
    assert len(one) == 1 and len(one[0].alternatives) <= 256
    # decided among the first candidates in gazetteer order (see linker.cpp kMaxCandidates)
    assert one[0].entity_id is None or int(one[0].entity_id[1:]) < 256
    assert np.all(table["entity_id"].isin([one[0].entity_id]))


def test_a_megabyte_token_is_read_in_linear_time():
    # One-edit neighbours cost the square of a word's length: before the cap, a 1 MB hex
    # blob took 44 s and 'a' * 10**8 never finished. Words over 40 bytes are not read.
    blob = "0f" * 2_000_000
    res = warta.dedup([blob, "satu dua tiga empat lima", blob[:-1] + "e", "a" * 10**7])
    assert res.n_clusters == 4  # the blobs differ: one slip in the only word
    idx = warta.DedupIndex()
    idx.add_batch([blob, blob + "x"])
    assert idx.stats()["words"] == 0  # too long to count as a word for typo reading


def test_typo_reading_stops_at_40_byte_words():
    base = "Pemerintah daerah menggelar rapat koordinasi bersama warga di balai desa setempat kemarin"

    def with_word(word):
        return f"{base} {word} {base}"

    short, long_ = "koordinasinya", "pertanggungjawabanpertanggungjawabankeuanganya"
    assert len(short) <= 40 < len(long_)
    for word, joined in ((short, True), (long_, False)):
        slip = word[:5] + "x" + word[6:]
        texts = [with_word(word), with_word(word), with_word(slip)]
        res = warta.dedup(texts, threshold=1.0, exact=True, strip_boilerplate=False)
        assert (res.cluster_id[2] == res.cluster_id[0]) == joined
