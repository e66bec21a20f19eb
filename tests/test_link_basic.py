import pandas as pd
import pytest
import warta
from warta import EntityLinker, Gazetteer, Mention


@pytest.fixture(scope="module")
def linker(default_linker):
    return default_linker


def spans(mentions):
    return [(m.text, m.entity_id, m.label) for m in mentions]


def test_word_boundaries_never_split_a_word(linker):
    text = "Serangan di Serang, Pemkab Serang, dan SERANG."
    got = spans(linker.link(text))
    assert ("Serangan", None, "place") not in got
    assert all(t != "Serangan" for t, _, _ in got)
    assert ("Pemkab Serang", "org-pemkab-36.04", "organization") in got


def test_abbreviations_equal_spelled_out_forms(linker):
    a = linker.link("Pemerintah Kabupaten Serang menggelar rapat.")
    b = linker.link("Pemkab Serang menggelar rapat.")
    c = linker.link("Pemerintah Kab. Serang menggelar rapat.")
    assert a[0].entity_id == b[0].entity_id == c[0].entity_id == "org-pemkab-36.04"


def test_case_diacritics_and_punctuation_do_not_matter(linker):
    for text in [
        "Wakil Gubernur A. Dimyati hadir.",
        "Wakil Gubernur A Dimyati hadir.",
        "WAKIL GUBERNUR A. DIMYATI hadir.",
    ]:
        people = [m for m in linker.link(text, date="2025-06-01") if m.label == "person"]
        assert [m.entity_id for m in people] == ["person-ahmad-dimyati-natakusumah"], text


@pytest.mark.parametrize("prefix", ["", "😀 ", "e\u0301 ", "\r\n", "ß İ ", "𝔘𝔫𝔦 "])
def test_offsets_slice_the_original_text(linker, prefix):
    text = prefix + "Gubernur Banten Andra Soni\r\nbertemu Wabup Serang Najib Hamas 🙂 di Pemkab Serang."
    mentions = linker.link(text, date="2025-06-01")
    assert len(mentions) >= 6
    for m in mentions:
        assert text[m.start : m.end] == m.text
    assert [m.text for m in mentions if m.label == "person"] == ["Andra Soni", "Najib Hamas"]


def test_mention_fields(linker):
    m = linker.link("Gubernur Banten Andra Soni", date="2025-06-01")[-1]
    assert isinstance(m, Mention)
    assert (m.start, m.end, m.text, m.entity_id, m.label) == (
        16,
        26,
        "Andra Soni",
        "person-andra-soni",
        "person",
    )
    assert 0 < m.score <= 1 and m.alias == "Andra Soni" and m.alternatives == ()
    assert (m.position.office, m.position.region, m.position.term_id) == (
        "Gubernur",
        "Banten",
        "gub-banten-2025-andra-soni",
    )
    assert m.position.start.isoformat() == "2025-02-20" or m.position.start is not None


def test_a_person_is_one_entity_and_the_date_picks_the_term(linker):
    # Joko Widodo: three rows of the default gazetteer (mayor of Surakarta, governor of
    # Jakarta, president), one person.
    def term(date):
        (m,) = [m for m in linker.link("Joko Widodo meninjau pasar.", date=date) if m.label == "person"]
        assert m.entity_id == "person-joko-widodo"
        return m.position and m.position.office

    assert term("2010-05-01") == "Wali Kota"
    assert term("2013-05-01") == "Gubernur"
    assert term("2019-09-10") == "Presiden"
    assert term("2004-01-01") is None  # before every known term: the person, no term
    assert term(None) is None


def test_title_alone_links_to_holder_on_the_date(linker):
    before = linker.link("Bupati Serang meresmikan pasar.", date="2024-03-01")
    after = linker.link("Bupati Serang meresmikan pasar.", date="2025-07-01")
    assert before[0].entity_id == "person-ratu-tatu-chasanah"
    assert after[0].entity_id == "person-ratu-rachmatuzakiyah"
    undated = linker.link("Bupati Serang meresmikan pasar.")
    assert (undated[0].entity_id, undated[0].label) == ("office-bup-36.04", "office")


def test_ambiguous_place_reports_alternatives(linker):
    m = linker.link("Banjir melanda Serang kemarin.")[0]
    assert m.entity_id is None
    assert set(m.alternatives) == {"reg-36.04", "reg-36.73"}


def test_typo_links_but_a_different_name_does_not(linker):
    assert [m.entity_id for m in linker.link("Andra Sony meninjau jalan.")] == ["person-andra-soni"]
    assert linker.link("Andi Sani meninjau jalan.") == []


def test_short_form_needs_the_full_name_in_the_document(linker):
    assert linker.link("Ben Minta ASN Disiplin") == []
    got = linker.link(
        "Ben Minta ASN Disiplin\nWali Kota Tangerang Selatan Benyamin Davnie meminta ASN disiplin.", date="2025-06-01"
    )
    assert got[0].text == "Ben" and got[0].entity_id == "person-benyamin-davnie"


def test_link_batch_returns_a_table_and_is_thread_count_independent(linker):
    texts = ["Gubernur Banten Andra Soni hadir.", None, "", "Pemkab Serang dan Pemkot Bengkulu."] * 50
    dates = ["2025-06-01", None, None, "2025-06-01"] * 50
    one = linker.link_batch(texts, dates, n_jobs=1)
    two = linker.link_batch(texts, dates, n_jobs=2)
    pd.testing.assert_frame_equal(one, two)
    assert list(one.columns) == ["doc", "start", "end", "text", "entity_id", "label", "score", "term_id"]
    first = one[one["doc"] == 0]
    assert first["text"].tolist() == ["Gubernur Banten", "Banten", "Andra Soni"]
    single = linker.link(texts[3], dates[3])
    assert one[one["doc"] == 3]["entity_id"].tolist() == [m.entity_id for m in single]


def test_bad_input_gets_clear_errors(linker):
    with pytest.raises(TypeError, match="text must be str"):
        linker.link(b"bytes")
    with pytest.raises(ValueError, match="ISO date"):
        linker.link("Gubernur Banten", date="23/05/2025")
    with pytest.raises(ValueError, match="dates has 1 items for 2 texts"):
        linker.link_batch(["a", "b"], dates=["2025-01-01"])
    with pytest.raises(TypeError, match=r"texts\[1\]"):
        linker.link_batch(["a", 3])
    with pytest.raises(TypeError, match="gazetteer must be a warta.Gazetteer"):
        EntityLinker("gaz.csv")


def test_public_names():
    for name in ["Gazetteer", "EntityLinker", "Mention"]:
        assert name in warta.__all__ and hasattr(warta, name)


def test_subdivision_words_mark_smaller_places(linker):
    got = spans(linker.link("Warga Kecamatan Ponorogo, Kabupaten Ponorogo, dan Desa Serang."))
    assert got == [("Kabupaten Ponorogo", "reg-35.02", "place")]


def test_fuzzy_off_still_links_exact_names():
    plain = EntityLinker(Gazetteer.default(), fuzzy=False)
    got = [(m.text, m.entity_id) for m in plain.link("Andra Soni dan Andra Sony")]
    assert got == [("Andra Soni", "person-andra-soni"), ("Andra", "person-andra-soni")]


def test_capitalization_marks_names_and_lower_case_text_links_nothing(linker):
    # Matching ignores case, but a match counts only when its proper-noun words are
    # capitalized: "serang" is also "attack", "soni" and "batu" are common words.
    def found(text):
        return [(m.text, m.label) for m in linker.link(text, date="2025-06-01")]

    assert found("gubernur banten andra soni meresmikan jembatan di pemkab serang.") == []
    assert found("wakil bupati serang najib hamas hadir.") == []
    assert ("ANDRA SONI", "person") in found("ANDRA SONI DI PEMKAB SERANG")  # all capitals count
    assert ("Andra Soni", "person") in found("gubernur banten Andra Soni hadir.")
    assert found("andra Soni hadir.") == []  # a person: first and last word
    assert ("Serang", "place") in found("di Serang") and found("di serang") == []  # a place: first word
    assert ("Kabupaten Serang", "place") in found("di Kabupaten Serang") and found("di kabupaten serang") == []
    # a lower-case kind word before the name ("DPRD kota Sorong" in real news): the name decides
    assert ("kabupaten Serang", "place") in found("di kabupaten Serang")
    # an office or body: its region word; alone, a title with its region is the holder on the date
    assert ("bupati Serang", "person") in found("bupati Serang hadir")
    assert ("bupati Serang", "office") in found("bupati Serang Ratu Rachmatuzakiyah hadir")
    assert ("pemkab Serang", "organization") in found("pemkab Serang") and found("pemkab serang") == []
    assert ("Pak gubernur", "person") in found("Pak gubernur hadir di Banten")  # the honorific
    assert found("bupati hadir") == []  # a lower-case title alone is generic
