import pytest
import warta
from hypothesis import given, settings
from hypothesis import strategies as st


@pytest.fixture(scope="module")
def norm():
    return warta.Normalizer()


def spans(norm, text):
    return [(t.text, text[t.start : t.end]) for t in norm.tokenize(text)]


def test_offsets_survive_length_changing_folds(norm):
    text = "İstanbul ﬁnal Straße 😀 Café\r\nBanten"
    assert spans(norm, text) == [
        ("istanbul", "İstanbul"),
        ("final", "ﬁnal"),
        ("strasse", "Straße"),
        ("cafe", "Café"),
        ("banten", "Banten"),
    ]


def test_offsets_after_astral_characters_and_combining_marks(norm):
    text = "𝐀𝐁 😀😀 Cafe\u0301 x\u0308y Serang"
    toks = norm.tokenize(text)
    assert [text[t.start : t.end] for t in toks][-1] == "Serang"
    assert [t.text for t in toks] == ["ab", "cafe", "xy", "serang"]
    assert text[toks[1].start : toks[1].end] == "Cafe\u0301"


def test_word_boundaries_are_unicode(norm):
    assert [t.text for t in norm.tokenize("Pemkab Serang, Serangan (Plh) 3,5 juta; e-KTP")] == [
        "pemkab",
        "serang",
        "serangan",
        "plh",
        "3,5",
        "juta",
        "e",
        "ktp",
    ]


def test_segments_split_lines_and_scraper_joins(norm):
    toks = norm.tokenize('Paragraf satu.,Paragraf dua\nbaris tiga.,"Kutipan empat" kata, bukan baru')
    assert [t.segment for t in toks] == [0, 0, 1, 1, 2, 2, 3, 3, 3, 3, 3]


@pytest.mark.parametrize(
    "text, segments",
    [
        ("Satu dua.,,,Tiga empat", [0, 0, 1, 1]),  # empty paragraphs left as extra commas
        ("Satu dua. ,Tiga empat", [0, 0, 1, 1]),  # a space before the join
        ("Satu dua.\u00a0,Tiga", [0, 0, 1]),  # NBSP before the join
        ("Baca juga: Judul Lain,Tiga empat", [0, 0, 0, 0, 1, 1]),  # headline without a full stop
        ("kata Agus lagi,,Kapolda juga", [0, 0, 0, 1, 1]),
        ("Berikut catatannya:,Di akhir", [0, 0, 1, 1]),
        ("kata Agus, Kapolda juga", [0, 0, 0, 0]),  # prose: comma and space
        ("Rp 1,2 juta, Senin", [0, 0, 0, 0]),  # a decimal comma is a number
        ("Jakarta,sore hari", [0, 0, 0]),  # a glued comma before a small letter is a typo
    ],
)
def test_scraper_joins_start_segments(norm, text, segments):
    assert [t.segment for t in norm.tokenize(text)] == segments


def test_lone_surrogate_keeps_offsets(norm):
    text = "a\ud800b Serang"
    toks = norm.tokenize(text)
    assert text[toks[-1].start : toks[-1].end] == "Serang"


def test_normalize_joins_words(norm):
    assert norm.normalize("Wakil Gubernur A. Dimyati") == "wakil gubernur a dimyati"
    with pytest.raises(TypeError):
        norm.normalize(None)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80))
def test_spans_are_ordered_and_slice_the_word(text):
    norm = warta.Normalizer()
    prev_end = 0
    for t in norm.tokenize(text):
        assert prev_end <= t.start < t.end <= len(text)
        prev_end = t.end
        assert t.text  # never an empty token
        # the span alone normalizes to the token (no case folding can move a boundary)
        assert norm.normalize(text[t.start : t.end]).replace(" ", "") == t.text.replace(" ", "")


def test_mac_roman_mojibake_punctuation_is_not_a_word(norm):
    text = "Gubernur Banten ‚Äì kata dia ‚ÄúSiap‚Äù, Jokowi‚Äôs"
    toks = norm.tokenize(text)
    assert [t.text for t in toks] == ["gubernur", "banten", "kata", "dia", "siap", "jokowi", "s"]
    assert all(text[t.start : t.end].lower() == t.text for t in toks)
