"""measure="story" (the default): trimmed copies join their original, template series with
other figures and roundups that quote a story do not. Synthetic texts made to sit on each
side of each rule; real-data figures are in evaluation/RESULTS.md (evaluation/dedup_real.py)."""

import numpy as np
import pytest
import warta
from warta import _reference

RNG = np.random.default_rng(5)
WORDS = [f"kata{i}" for i in range(3000)]


def paragraph(n=60):
    return " ".join(RNG.choice(WORDS, n)) + "."


def shingles(text):
    return set(warta.MinHasher().shingles(text).tolist())


def test_a_trimmed_copy_joins_its_original_by_default_not_by_jaccard():
    original = "\n".join(paragraph() for _ in range(6))
    trimmed = "\n".join(original.split("\n")[:3])  # the first half, as a site republishes it
    a, b = shingles(original), shingles(trimmed)
    assert _reference.jaccard(a, b) < 0.6 and len(a & b) / len(b) == 1.0
    assert warta.dedup([original, trimmed]).cluster_id.tolist() == [0, 0]
    assert warta.dedup([original, trimmed], measure="jaccard").cluster_id.tolist() == [0, 1]


def test_a_template_series_with_other_figures_is_not_one_story():
    template = [paragraph(30) for _ in range(4)]

    def day(prices):
        return "\n".join(
            f"{t} Harga hari ini {p} rupiah per gram naik {p // 7} rupiah." for t, p in zip(template, prices)
        )

    monday, tuesday = day([912000, 913500, 918000, 925000]), day([915000, 916500, 921000, 928000])
    assert _reference.jaccard(shingles(monday), shingles(tuesday)) > 0.6  # the words are mostly the same
    assert warta.dedup([monday, tuesday]).cluster_id.tolist() == [0, 1]
    assert warta.dedup([monday, tuesday], number_agreement=0.0).cluster_id.tolist() == [0, 0]
    assert warta.dedup([monday, monday + "\nDiperbarui."]).cluster_id.tolist() == [0, 0]  # same figures: a copy


def test_a_roundup_does_not_swallow_the_story_it_quotes():
    story = "\n".join(paragraph() for _ in range(2))
    roundup = "\n".join([story] + [paragraph() for _ in range(10)])
    a, b = shingles(story), shingles(roundup)
    assert len(a & b) / len(a) == 1.0 and _reference.jaccard(a, b) < 0.35
    assert warta.dedup([story, roundup]).cluster_id.tolist() == [0, 1]
    assert warta.dedup([story, roundup], min_jaccard=0.1).cluster_id.tolist() == [0, 0]


@pytest.mark.parametrize("exact", [False, True])
def test_story_star_members_are_similar_to_their_representative(exact):
    base = "\n".join(paragraph() for _ in range(8))
    lines = base.split("\n")
    texts = [base] + ["\n".join(lines[k : k + 5]) for k in range(4)] + ["\n".join(lines[3:])]
    res = warta.dedup(texts, cluster="star", exact=exact, strip_boilerplate=False, correct_typos=False)
    kept = res.duplicate_of
    floor = 0.75 if exact else 0.65
    assert res.is_duplicate.any()
    for i in np.flatnonzero(res.is_duplicate):
        sim = _reference.story_similarity(shingles(texts[i]), shingles(texts[kept[i]]), 0.35)
        assert sim >= floor


def test_bad_story_options_name_themselves():
    with pytest.raises(ValueError, match="min_jaccard"):
        warta.dedup(["a b c"], min_jaccard=1.5)
    with pytest.raises(ValueError, match="number_agreement"):
        warta.dedup(["a b c"], number_agreement=-0.1)
    with pytest.raises(ValueError, match="measure"):
        warta.dedup(["a b c"], measure="cosine")


def test_explain_gives_the_story_measures():
    template = [paragraph(30) for _ in range(3)]
    a = "\n".join(f"{t} Harga {p} rupiah." for t, p in zip(template, [910, 920, 930]))
    b = "\n".join(f"{t} Harga {p} rupiah." for t, p in zip(template, [911, 920, 935]))
    e = warta.explain(a, b)
    assert (e.numbers_a, e.numbers_b) == (3, 3)
    assert e.number_agreement == pytest.approx(1 / 3)
    opens_alike = e.jaccard >= 0.3 and e.opening >= 0.4
    expected = min(1.0, max(e.jaccard, e.containment) + 0.15) if opens_alike else None
    if expected is None:
        expected = max(e.jaccard, e.containment) if e.jaccard >= 0.35 else e.jaccard
    assert e.story == pytest.approx(expected)
    same = warta.explain(a, a)
    assert same.number_agreement == 1.0 and same.story == 1.0


def edited_pair():
    """A story and an edited copy: the copy keeps the lead, rewrites a third of the body and
    adds a paragraph of its own (containment ~0.6, Jaccard ~0.4)."""
    lead, body = paragraph(70), [paragraph(40) for _ in range(6)]
    original = "\n".join([lead, *body])
    copy = "\n".join([lead, *body[:4], paragraph(40), paragraph(40), paragraph(40)])
    return original, copy


def test_an_edited_copy_that_keeps_the_lead_joins_by_its_opening():
    original, copy = edited_pair()
    e = warta.explain(original, copy)
    assert 0.3 <= e.jaccard < 0.6 and 0.5 <= e.containment < 0.75  # short of the containment rule alone
    assert e.opening >= 0.9
    assert warta.dedup([original, copy]).cluster_id.tolist() == [0, 0]
    assert warta.dedup([original, copy], opening_bonus=0).cluster_id.tolist() == [0, 1]


def test_a_follow_up_that_reuses_the_story_as_background_does_not_join():
    original, copy = edited_pair()
    follow_up = "\n".join([paragraph(70), *copy.split("\n")[1:]])  # its own news first, then the background
    e = warta.explain(original, follow_up)
    assert e.opening < 0.4 and e.containment < 0.75
    assert warta.dedup([original, follow_up]).cluster_id.tolist() == [0, 1]


def test_the_opening_share_counts_characters_of_the_first_400():
    lead = paragraph(200)  # far longer than 400 characters
    a = lead + "\n" + paragraph(60)
    b = lead[:300] + " " + paragraph(80)  # shares only the first ~300 characters
    e = warta.explain(a, b)
    assert 0.5 < e.opening < 0.8


def test_opening_bonus_is_validated():
    with pytest.raises(ValueError, match="opening_bonus"):
        warta.dedup(["a b c"], opening_bonus=1.5)


def test_the_index_decides_without_the_opening_rule_so_that_batches_split_alike():
    # the rule re-reads both texts; an index keeps no text of what it stored, and applying the
    # rule within a batch only would make one batch and two days disagree
    original, copy = edited_pair()
    kw = dict(strip_boilerplate=False, correct_typos=False)
    assert warta.dedup([original, copy], **kw).cluster_id.tolist() == [0, 0]
    assert warta.DedupIndex(**kw).add_batch([original, copy])["cluster_id"].tolist() == [0, 1]
    assert warta.dedup([original, copy], opening_bonus=0, **kw).cluster_id.tolist() == [0, 1]
