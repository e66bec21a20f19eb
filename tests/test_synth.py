import random
import re

import pytest
from warta import synth

ARTICLES = [
    {
        "title": f"Judul berita nomor {k}",
        "text": ",".join(
            f"Paragraf {p} dari berita {k} menceritakan kegiatan pemerintah daerah yang ke {k * 7 + p} kalinya "
            f"bersama warga desa dan para pejabat setempat di kabupaten itu."
            for p in range(6)
        ),
    }
    for k in range(20)
]


def _words(text):
    return set(re.findall(r"\w+", text.lower()))


def test_split_paragraphs_handles_comma_joins_and_newlines():
    text = '- Gubernur meresmikan jembatan.,"Ini untuk warga," katanya.,Menurut dia, jalan itu penting.\nBaris baru.'
    assert synth.split_paragraphs(synth.strip_dateline(text)) == [
        "Gubernur meresmikan jembatan.",
        '"Ini untuk warga," katanya.',
        "Menurut dia, jalan itu penting.",
        "Baris baru.",
    ]
    # a comma inside a sentence is not a paragraph join
    assert synth.split_paragraphs("Menurut dia, Andra Soni hadir.") == ["Menurut dia, Andra Soni hadir."]


def test_strip_dateline():
    assert synth.strip_dateline("SERANG, (Kabar Banten) – Wabup hadir.") == "Wabup hadir."
    assert synth.strip_dateline("JAKARTA - Menteri hadir.") == "Menteri hadir."
    assert synth.strip_dateline(", , - Menteri hadir.") == "Menteri hadir."


def test_make_corpus_is_deterministic_for_a_seed():
    a = synth.make_corpus(ARTICLES, n_stories=10, copies_per_story=(1, 4), n_sites=6, seed=7)
    b = synth.make_corpus(ARTICLES, n_stories=10, copies_per_story=(1, 4), n_sites=6, seed=7)
    c = synth.make_corpus(ARTICLES, n_stories=10, copies_per_story=(1, 4), n_sites=6, seed=8)
    assert a == b
    assert a != c
    assert set(a[0]) == {"id", "url", "source", "date", "title", "text", "story"}
    assert len({r["id"] for r in a}) == len(a)
    assert len({r["url"] for r in a}) == len(a)
    assert {r["story"] for r in a} == set(range(10))


def test_copies_of_a_story_are_on_different_sites():
    recs = synth.make_corpus(ARTICLES, copies_per_story=(3, 5), n_sites=6, seed=1)
    by_story = {}
    for r in recs:
        by_story.setdefault(r["story"], []).append(r["source"])
    assert all(3 <= len(s) <= 5 and len(set(s)) == len(s) for s in by_story.values())


def test_variants_differ_from_the_original_but_keep_most_words():
    sites = synth.make_sites(6, seed=3)
    headlines = [a["title"] for a in ARTICLES[1:]]
    original = ARTICLES[0]["text"]
    for k, site in enumerate(sites):
        copy = synth.republish(original, random.Random(k), site, headlines)
        assert copy != original
        kept = _words(original) & _words(copy)
        assert len(kept) >= 0.9 * len(_words(original))
        first_body_line = copy.split("\n")[len(site.header)]
        assert any(first_body_line.startswith(site.dateline_for(c) + " ") for c in site.cities)


def test_chrome_is_fixed_per_site_and_differs_between_sites():
    recs = synth.make_corpus(ARTICLES, copies_per_story=(2, 4), n_sites=5, seed=2)
    chrome = {}
    for r in recs:
        lines = r["text"].split("\n")
        chrome.setdefault(r["source"], set()).add((lines[0], lines[-1]))
    assert len(chrome) == 5
    assert all(len(v) == 1 for v in chrome.values())  # same header and footer on every article of a site
    assert len({next(iter(v)) for v in chrome.values()}) == 5  # and each site has its own


def test_baca_juga_uses_other_titles():
    site = synth.make_sites(1, seed=0)[0]
    site = synth.SiteStyle(**{**site.__dict__, "max_links": 3, "baca_juga": "Baca juga: {h}", "joiner": "\n"})
    seen = set()
    for k in range(20):
        copy = synth.republish(ARTICLES[0]["text"], random.Random(k), site, ["Judul lain A", "Judul lain B"])
        seen.update(re.findall(r"Baca juga: (.*)", copy))
    assert seen == {"Judul lain A", "Judul lain B"}


def test_pairwise_scores():
    stories = [0, 0, 0, 1, 1, 2]
    assert synth.story_pairs(stories) == {(0, 1), (0, 2), (1, 2), (3, 4)}
    perfect = synth.pairwise_scores(stories, [5, 5, 5, 6, 6, 7])
    assert perfect["recall"] == perfect["precision"] == 1.0
    split = synth.pairwise_scores(stories, [0, 0, 1, 2, 2, 3])  # story 0 split in two
    assert split["recall"] == pytest.approx(2 / 4) and split["precision"] == 1.0
    merged = synth.pairwise_scores(stories, [0, 0, 0, 0, 0, 1])  # stories 0 and 1 merged
    assert merged["recall"] == 1.0 and merged["precision"] == pytest.approx(4 / 10)
    with pytest.raises(ValueError, match="length"):
        synth.pairwise_scores([0], [0, 1])


def test_bad_parameters():
    with pytest.raises(ValueError, match="copies_per_story"):
        synth.make_corpus(ARTICLES, copies_per_story=(0, 2))
    with pytest.raises(ValueError, match="sites"):
        synth.make_corpus(ARTICLES, copies_per_story=(1, 9), n_sites=3)
    with pytest.raises(ValueError, match="n must be"):
        synth.make_sites(0)


def test_bundled_demo_corpus():
    import gzip
    import json
    from pathlib import Path

    import warta

    path = Path(warta.__file__).parent / "data" / "demo_corpus.jsonl.gz"
    assert path.stat().st_size < 2_000_000
    with gzip.open(path, "rt", encoding="utf-8") as f:
        records = [json.loads(line) for line in f]
    assert 150 <= len(records) <= 600
    assert all(set(r) == {"id", "url", "source", "date", "title", "text", "story"} for r in records)
    assert len({r["id"] for r in records}) == len(records)
    assert len({r["date"] for r in records}) == 3 and len({r["source"] for r in records}) == 8
    copies = {}
    for r in records:
        copies.setdefault(r["story"], set()).add(r["source"])
    assert sum(len(s) > 1 for s in copies.values()) >= 25  # stories republished on several sites
    assert sum(len(s) == 1 for s in copies.values()) >= 10  # and singletons
