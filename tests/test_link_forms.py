"""Name forms and context rules seen on real news (issue 11), one test per rule. The texts
are written here in the style of the real articles; the figures on real articles are in
evaluation/RESULTS.md and tests/test_link_real.py."""

import pytest
import warta
from warta import EntityLinker, Gazetteer


@pytest.fixture(scope="module")
def linker():
    return EntityLinker(Gazetteer.default())


def people(linker, text, date="2025-06-01"):
    return [(m.text, m.entity_id) for m in linker.link(text, date=date) if m.label == "person"]


def test_quoted_nickname_inside_a_name_is_one_mention_and_counts_later(linker):
    for quoted in ("'Appi'", "\u201cAppi\u201d"):
        got = people(linker, f"Wali Kota Makassar Munafri {quoted} Arifuddin hadir. Kata Appi, jalan diperbaiki.")
        assert got == [
            (f"Munafri {quoted} Arifuddin", "person-munafri-arifuddin"),
            ("Appi", "person-munafri-arifuddin"),
        ]


def test_a_short_form_the_text_defines_in_brackets(linker):
    got = people(linker, "Gubernur Sumut Bobby Nasution (BN) hadir. Menurut BN, jalan selesai.")
    assert got[-1] == ("BN", "person-muhammad-bobby-afif-nasution")
    assert people(linker, "Menurut BN, jalan selesai.") == []  # undefined: nothing


def test_glued_and_mojibake_split_names(linker):
    assert people(linker, "Kemudian BobbyNasution meninjau.") == [
        ("BobbyNasution", "person-muhammad-bobby-afif-nasution")
    ]
    text = "Gubernur Jakarta Pramono\u00ac\u2020Anung hadir."
    assert people(linker, text) == [("Pramono\u00ac\u2020Anung", "person-pramono-anung-wibowo")]


def test_short_surname_after_the_full_name(linker):
    got = people(linker, "Gubernur Jawa Tengah Ahmad Luthfi hadir. Luthfi mengatakan jalan selesai.")
    assert got == [("Ahmad Luthfi", "person-ahmad-luthfi"), ("Luthfi", "person-ahmad-luthfi")]
    # the same word at the start of another man's longer name is not him
    assert people(linker, "Pengamat Luthfi Jayadi Kurniawan mengatakan.") == []


def test_generic_given_names_never_link_alone(linker):
    assert people(linker, "Nyoman mengatakan warga senang.") == []
    assert people(linker, "I Nyoman hadir di Denpasar.") == []


def test_a_rank_that_contradicts_the_person_leaves_it_unlinked(linker):
    (m,) = [m for m in linker.link("Kombes Andra Soni memimpin apel.", date="2025-06-01") if m.label == "person"]
    assert m.entity_id is None and "person-andra-soni" in m.alternatives
    assert people(linker, "Gubernur Banten Andra Soni memimpin apel.") == [("Andra Soni", "person-andra-soni")]


def test_title_alone_prefers_the_holder_the_text_named(linker):
    text = "Gubernur Banten Andra Soni berangkat ke Surabaya, Jawa Timur. Pak Gubernur mengatakan hal itu."
    assert people(linker, text)[-1] == ("Pak Gubernur", "person-andra-soni")
    # lower case: only a holder the document named
    assert people(linker, "Andra Soni, Gubernur Banten, hadir. Menurut gubernur, jalan selesai.")[-1] == (
        "gubernur",
        "person-andra-soni",
    )
    assert people(linker, "Menurut gubernur, jalan selesai.") == []


def test_former_and_ordinal_titles_are_not_the_current_holder(linker):
    # "mantan": the holder whose term ended last before the date (the default gazetteer knows
    # Joko Widodo's 2005-2012 term, not his successor's); "mantan ... itu" the one named before
    got = people(linker, "Hal itu disampaikan mantan Wali Kota Solo di Jakarta.", date="2019-09-10")
    assert got == [("Wali Kota Solo", "person-joko-widodo")]
    got = people(linker, "Jokowi hadir. Hal itu disampaikan mantan Wali Kota Solo itu.", date="2019-09-10")
    assert got[-1] == ("Wali Kota Solo", "person-joko-widodo")
    assert people(linker, "Hal itu disampaikan Wali Kota Solo di Jakarta.", date="2019-09-10") == []
    ordinal = linker.link("Presiden ke-3 RI BJ Habibie wafat.", date="2019-09-11")
    assert all(m.entity_id != "person-joko-widodo" for m in ordinal)
    assert ("Presiden", "office-nat-presiden") in [(m.text, m.entity_id) for m in ordinal]
    assert people(linker, "Dia membaca Surat Presiden itu.", date="2019-09-11") == []


def test_places_inside_other_names_and_lower_case_kind_words(linker):
    def places(text):
        return [(m.text, m.entity_id) for m in linker.link(text, date="2019-09-10") if m.label == "place"]

    assert ("Metro", "reg-18.72") not in places("Kabid Humas Polda Metro Jaya Kombes Argo hadir.")
    assert places("Wisata di Danau Toba ramai.") == []
    assert ("Indonesia", "country-id") not in places("Ketua Majelis Ulama Indonesia (MUI) hadir.")
    assert ("Kuningan", "reg-32.08") not in places("Rumah duka di Kuningan, Jakarta Selatan.")
    assert ("Kuningan", "reg-32.08") in places("Bupati Kuningan meninjau pasar di Kuningan.")
    assert ("kota Sorong", "reg-96.71") in places("Anggota DPRD kota Sorong dilantik.")
    assert ("Solo", "reg-33.72") in places("Banjir melanda Solo.")


def test_persons_only_gazetteer_resolves_titles_in_both_office_forms():
    gaz = Gazetteer.from_records(
        [
            {
                "id": "a-2025",
                "name": "Andra Soni",
                "type": "person",
                "office": "Gubernur Banten",
                "start": "2025-02-20",
            },
            {
                "id": "d-2025",
                "name": "Ahmad Dimyati Natakusumah",
                "type": "person",
                "office": "Wakil Gubernur",
                "region": "Banten",
                "start": "2025-02-20",
            },
            {
                "id": "r-2025",
                "name": "Ratu Rachmatuzakiyah",
                "type": "person",
                "office": "Bupati Kabupaten Serang",
                "start": "2025-02-20",
            },
            {
                "id": "e-2025",
                "name": "Eri Cahyadi",
                "type": "person",
                "office": "Wali Kota Surabaya",
                "start": "2025-02-20",
            },
            {
                "id": "k-2025",
                "name": "Khofifah Indar Parawansa",
                "type": "person",
                "office": "Gubernur Jawa Timur",
                "start": "2025-02-20",
            },
        ]
    )
    linker = EntityLinker(gaz)

    def titled(text):
        return [(m.text, m.entity_id) for m in linker.link(text, date="2025-06-01") if m.label == "person"]

    assert ("Pak Gubernur", "a-2025") in titled("Di Banten, Pak Gubernur meninjau jalan.")
    assert ("Wagub", "d-2025") in titled("Wagub meninjau jalan di Banten.")
    assert ("Ibu Bupati", "r-2025") in titled("Di Serang, Ibu Bupati meninjau pasar.")
    assert ("Pak Wali Kota Surabaya", "e-2025") in titled("Pak Wali Kota Surabaya meninjau pasar.")
    got = titled("Gubernur Banten Andra Soni berangkat ke Surabaya, Jawa Timur. Pak Gubernur mengatakan hal itu.")
    assert got[-1] == ("Pak Gubernur", "a-2025")
    derived = {e.id for e in gaz._linkable()} - {e.id for e in gaz}
    assert "derived:office:Gubernur Banten" in derived and "derived:place:Banten" in derived
    assert all(isinstance(m.position, warta.Position) or m.position is None for m in linker.link("Andra Soni hadir."))


def test_a_one_word_name_after_another_name_word_is_someone_elses_name(linker):
    # "Iriana Jokowi" is the president's wife, "Relawan Jokowi" a volunteers' group: a
    # nickname after a capitalized word no alias covers ends a longer name.
    assert people(linker, "Ibu negara Iriana Jokowi hadir di Bogor.") == []
    assert people(linker, "Koordinator Aliansi Relawan Jokowi menggelar diskusi.") == []
    assert people(linker, "Presiden Jokowi hadir di Bogor.") == [("Jokowi", "person-joko-widodo")]
    assert people(linker, "Di Bogor, Jokowi hadir.") == [("Jokowi", "person-joko-widodo")]


def _governor_from_2025():
    return EntityLinker(
        Gazetteer.from_records(
            [
                {
                    "id": "a-2025",
                    "name": "Andra Soni",
                    "type": "person",
                    "office": "Gubernur Banten",
                    "start": "2025-02-20",
                }
            ]
        )
    )


def test_a_title_alone_whose_holder_is_unknown_links_no_office():
    # A title alone names its holder; on a day no known term covers, the holder is unknown,
    # and the office is not what the text means.
    linker = _governor_from_2025()

    def links(text, date):
        return [(m.text, m.label, m.entity_id) for m in linker.link(text, date=date) if m.entity_id]

    assert links("Kemarin Gubernur Banten meninjau jalan.", "2019-06-01") == [
        ("Banten", "place", "derived:place:Banten")
    ]
    assert ("Gubernur Banten", "person", "a-2025") in links("Kemarin Gubernur Banten meninjau jalan.", "2025-06-01")
    # A name the gazetteer lacks after the title (past a bracketed short form): the office.
    for text in ("Gubernur Banten Wahyu Hidayat meninjau jalan.", "Gubernur Banten (Gub) Wahyu Hidayat meninjau."):
        assert ("Gubernur Banten", "office", "derived:office:Gubernur Banten") in links(text, "2019-06-01")


def test_a_title_after_sebagai_or_selaku_is_the_office(linker):
    # "menjabat sebagai Menpora", "Pak Jokowi selaku Presiden": a role someone holds.
    def offices(text):
        return [(m.text, m.entity_id) for m in linker.link(text, date="2025-06-01") if m.label == "office"]

    assert offices("Beliau selaku Presiden meminta laporan.") == [("Presiden", "office-nat-presiden")]
    assert offices("Dia menjabat sebagai Gubernur Banten sejak lama.") == [("Gubernur Banten", "office-gub-36")]
    assert people(linker, "Presiden meminta laporan.", "2019-06-01") == [("Presiden", "person-joko-widodo")]


def test_a_name_word_of_the_holder_of_an_office_the_text_names_is_that_holder(linker):
    # The title alone names the governor on the day; her name word alone then needs no
    # full name: the office the text names vouches for it, on a day her term covers.
    text = "Gubernur Jawa Timur meninjau banjir. Menurut Khofifah, bantuan sudah dikirim."
    assert people(linker, text, "2025-06-01")[-1] == ("Khofifah", "person-khofifah-indar-parawansa")
    assert people(linker, "Menurut Khofifah, bantuan sudah dikirim.", "2025-06-01") == []
    # Another province's governor is no support.
    assert people(linker, "Gubernur Banten meninjau banjir. Menurut Khofifah, bantuan dikirim.", "2025-06-01")[1:] == []


def test_the_region_in_the_name_of_an_office_building_is_a_place(linker):
    # "Kantor Gubernur Kaltim" is a building, not the governor; Kaltim is still the province.
    got = [(m.text, m.label, m.entity_id) for m in linker.link("Massa berkumpul di Kantor Gubernur Kaltim kemarin.")]
    assert got == [("Kaltim", "place", "prov-64")]


def test_an_office_repeated_as_its_short_form_in_brackets_is_one_mention(linker):
    got = [
        (m.text, m.label)
        for m in linker.link("Menteri Pemuda dan Olahraga (Menpora) Zulkarnain Tegar hadir.", date="2019-09-17")
    ]
    assert got == [("Menteri Pemuda dan Olahraga", "office")]


def test_a_national_title_that_ends_with_the_country_is_held_by_its_holders(linker):
    # "Kepala Kepolisian Negara Republik Indonesia" (region Indonesia): the country's name is
    # part of the title, not a region to cut off, so the title alone finds its holder.
    assert people(linker, "Kemarin Kapolri meninjau lokasi.", "2019-09-17") == [("Kapolri", "person-tito-karnavian")]
    assert people(linker, "Kemarin Panglima TNI meninjau lokasi.", "2019-09-17") == [
        ("Panglima TNI", "person-hadi-tjahjanto")
    ]
    gaz = Gazetteer.from_records(
        [
            {
                "id": "t",
                "name": "Tito Karnavian",
                "type": "person",
                "office": "Kepala Kepolisian Negara Republik Indonesia",
                "region": "Indonesia",
                "start": "2016-07-13",
                "end": "2019-10-22",
            }
        ]
    )
    got = [(m.text, m.entity_id) for m in EntityLinker(gaz).link("Kemarin Kapolri meninjau lokasi.", "2019-09-17")]
    assert got == [("Kapolri", "t")]


def test_a_former_title_with_a_demonstrative_points_back_at_someone_named(linker):
    # "mantan Gubernur Banten ini": the person the text is about, not the last one to leave.
    def titled(text):
        return [(m.text, m.entity_id) for m in linker.link(text, date="2025-06-01") if m.label == "person"]

    assert titled("Hadir pula mantan Gubernur Banten di acara itu.") == [("Gubernur Banten", "person-wahidin-halim")]
    assert titled("Kata mantan Gubernur Banten ini kepada wartawan.") == []
    assert titled("Wahidin Halim hadir. Kata mantan Gubernur Banten ini kepada wartawan.")[-1] == (
        "Gubernur Banten",
        "person-wahidin-halim",
    )


def test_a_regional_body_said_alone_is_the_one_of_the_region_named_in_its_paragraph(linker):
    def bodies(text):
        return [(m.text, m.entity_id) for m in linker.link(text, date="2025-06-01") if m.label == "organization"]

    assert bodies("Gubernur Banten meninjau jalan. DPRD meminta laporan.") == [("DPRD", "org-dprd-36")]
    # a province's body from a regency named near it
    assert bodies("Pemprov mengirim bantuan ke Kabupaten Serang.") == [("Pemprov", "org-pemprov-36")]
    # no region in its paragraph, or a level rather than a body: no link
    assert bodies("Warga Banten hadir.\n\nDPRD meminta laporan.") == []
    assert bodies("Anggota DPRD kabupaten/kota di Banten hadir.") == []
    assert bodies("DPRD meminta laporan.") == []


def test_place_short_names_reach_the_places_a_persons_only_gazetteer_implies():
    # Lexicon place_alias rows ("Jatim" for Jawa Timur) are aliases of any place of that
    # name, the derived ones included, and so of the offices named with them.
    gaz = Gazetteer.from_records(
        [
            {
                "id": "k",
                "name": "Khofifah Indar Parawansa",
                "type": "person",
                "office": "Gubernur Jawa Timur",
                "start": "2019-02-13",
            }
        ]
    )
    linked = EntityLinker(gaz).link("Gubernur Jatim meninjau banjir.", date="2019-09-10")
    got = [(m.text, m.label, m.entity_id) for m in linked]
    assert got == [("Gubernur Jatim", "person", "k"), ("Jatim", "place", "derived:place:Jawa Timur")]


def test_places_named_in_another_spelling_and_health_centres(linker):
    def places(text):
        return [(m.text, m.entity_id) for m in linker.link(text, date="2019-09-10") if m.label == "place"]

    assert places("Warga Kota Baubau antre di pasar.") == [("Kota Baubau", "reg-74.72")]
    # "Puskesmas Wajo" is named after its village: a health centre names no regency
    assert places("Dokter di Puskesmas Wajo, Kota Baubau, sudah kembali.") == [("Kota Baubau", "reg-74.72")]


def test_a_title_with_the_country_inside_it_and_a_university_name_no_place(linker):
    def places(text):
        return [m.text for m in linker.link(text, date="2019-09-10") if m.label == "place"]

    # "Indonesia" is part of the title "Gubernur Bank Indonesia", not a region written after it
    assert places("Hal itu disampaikan Gubernur Bank Indonesia kemarin.") == []
    assert places("Hal itu disampaikan Presiden Indonesia kemarin.") == ["Indonesia"]
    # a university named after a regency is not the regency
    assert places("Mahasiswa Universitas Batanghari berunjuk rasa di Jambi.") == ["Jambi"]


def test_bare_titles_listed_together_address_every_holder(linker):
    for text in (
        "Kepada Menteri, Gubernur, Bupati, Walikota, dan pimpinan BUMN di Jakarta.",
        "Selanjutnya kepada Gubernur' Bupati dan Walikota di Jakarta agar hadir.",
    ):
        assert people(linker, text, "2019-09-11") == []
    # two titles are still the pair the story is about
    assert people(linker, "Di Jakarta, Gubernur dan Wakil Gubernur hadir.", "2019-09-11")[0] == (
        "Gubernur",
        "person-anies-baswedan",
    )


def test_a_quotation_after_a_title_is_not_a_name(linker):
    # 'sambutan gubernur Papua Barat, "Untuk ...': the capitalized word opens a quotation
    for quote in ('"', "\u201c", "\u201a\u00c4\u00fa"):
        text = f"Hal itu disampaikan dalam sambutan gubernur Papua Barat,{quote}Untuk itu saya berharap."
        assert people(linker, text, "2019-09-17") == [("gubernur Papua Barat", "person-dominggus-mandacan")]


def test_a_title_ending_a_longer_capitalized_name_is_a_word_of_that_name(linker):
    # "Kantor Staf Presiden" is an office, not the president; its region stays a place
    assert people(linker, "Mahasiswa diterima di Kantor Staf Presiden kemarin.", "2019-09-20") == []
    got = [(m.text, m.label) for m in linker.link("Ia maju sebagai Bakal Calon Wali Kota Tangerang Selatan.")]
    assert got == [("Tangerang Selatan", "place")]


def test_a_short_name_coined_for_a_region_names_it_inside_longer_names(linker):
    def places(text):
        return [(m.text, m.entity_id) for m in linker.link(text, date="2019-09-10") if m.label == "place"]

    assert places("Penyidik Subdit Siber Ditreskrimsus Polda Jatim memeriksa saksi.") == [("Jatim", "prov-35")]
    assert places("Pameran kerja digelar di Jatim Expo pekan ini.") == [("Jatim", "prov-35")]
    assert places("Mantan Presiden ketiga RI BJ Habibie dikenang.") == [("RI", "country-id")]
    # a word of the region's own name still ends someone else's name
    assert ("Metro", "reg-18.72") not in places("Kabid Humas Polda Metro Jaya hadir.")
    assert places("Masjid Agung Al Ikhlas Ketapang ramai.") == []


def test_an_acronym_the_text_spells_out_as_something_else_is_that_thing(linker):
    text = "Mahasiswa diterima KSP (Kantor Staf Presiden), lalu diterima karyawan KSP lagi."
    assert people(linker, text, "2019-09-20") == []
    # spelled out as its own entity's name, it stays that entity
    got = people(linker, "SBY (Susilo Bambang Yudhoyono) hadir. Kata SBY, acara lancar.", "2019-09-20")
    assert got[0] == ("SBY", "person-susilo-bambang-yudhoyono") and got[-1][1] == "person-susilo-bambang-yudhoyono"


def test_a_bare_title_explained_by_the_office_in_brackets_after_it(linker):
    # The governor named before is another province's: the bracket says which governor.
    text = (
        "Gubernur DKI Anies Baswedan mengirim bantuan. "
        '"Sesuai arahan gubernur (Gubernur Riau, Syamsuar-red) kami siap," kata Edwar.'
    )
    assert people(linker, text, "2019-09-18")[1] == ("gubernur", "person-syamsuar")


# Evidence against a nickname (person links judged on unseen articles, tests/data/link_precision).
def _nickname_gazetteer():
    return Gazetteer.from_records(
        [
            {
                "id": "p-neni",
                "name": "Neni Moerniaeni",
                "type": "person",
                "aliases": "Bunda",
                "office": "Wali Kota",
                "region": "Kota Bontang",
            },
            {
                "id": "p-rahmat",
                "name": "Rahmat Mirzani Djausal",
                "type": "person",
                "aliases": "Mirza",
                "office": "Gubernur",
                "region": "Lampung",
            },
            {
                "id": "p-hidayat",
                "name": "Hidayat Arsani",
                "type": "person",
                "aliases": "Panglima",
                "office": "Gubernur",
                "region": "Kepulauan Bangka Belitung",
            },
            {
                "id": "o-panglima",
                "name": "Panglima Tentara Nasional Indonesia",
                "type": "office",
                "aliases": "Panglima TNI",
            },
            {
                "id": "p-joko",
                "name": "Joko Widodo",
                "type": "person",
                "aliases": "Jokowi",
                "office": "Presiden",
                "region": "Indonesia",
            },
        ]
    )


@pytest.fixture(scope="module")
def nick():
    return EntityLinker(_nickname_gazetteer())


def test_a_listed_nickname_written_in_lower_case_too_is_a_word(nick):
    assert people(nick, "Kalau bunda kan sempat sedih. Bunda di rumah sendirian.") == []
    assert people(nick, "Warga Bontang menyambut Bunda.") == [("Bunda", "p-neni")]


def test_a_nickname_cut_from_a_name_word_needs_support(nick):
    assert people(nick, "Rupanya Mirza tersenyum penuh rencana.") == []
    assert people(nick, "Di Lampung, Mirza meninjau jalan.") == [("Mirza", "p-rahmat")]


def test_a_nickname_that_starts_a_title_needs_support(nick):
    assert people(nick, '"Panglima nggak ada," tegasnya.') == []
    assert people(nick, "Warga Bangka Belitung menyambut Panglima.") == [("Panglima", "p-hidayat")]


def test_a_nickname_starting_a_longer_name_needs_a_title(nick):
    assert people(nick, "Ia memikirkan Bunda Suci yang menghilang.") == []
    assert people(nick, "Staf Khusus Presiden Jokowi Bidang Papua hadir.") == [("Jokowi", "p-joko")]


def test_a_name_word_after_a_comma_and_another_capitalized_word_is_not_the_person(linker):
    got = people(linker, "Ia mengenang Presiden ke-3 Indonesia, Bacharuddin Jusuf Habibie. Jusuf Kalla hadir.")
    assert ("Jusuf", "person-jusuf-kalla") not in got


def test_a_name_word_going_on_with_another_surname_is_someone_else(linker):
    text = "Gubernur Sumut Bobby Nasution hadir. Ada pula tokoh muda seperti Afif Abdillah."
    assert [e for _, e in people(linker, text)] == ["person-muhammad-bobby-afif-nasution"]


def test_a_candidate_for_an_office_is_not_its_holder(linker):
    text = "Partai membuka penjaringan calon wali kota Surabaya."
    assert people(linker, text, date="2025-06-01") == []


def test_a_region_written_by_another_name_of_its_place_shares_the_places_office():
    # The 2024 name of Jakarta in one row, the place's own name in the other: one office.
    gaz = Gazetteer.from_records(
        [
            {"id": "jkt", "name": "Daerah Khusus Ibukota Jakarta", "type": "place"},
            {
                "id": "p-anies",
                "name": "Anies Baswedan",
                "type": "person",
                "office": "Gubernur",
                "region": "Daerah Khusus Ibukota Jakarta",
                "start": "2017-10-16",
                "end": "2022-10-16",
            },
            {
                "id": "p-pram",
                "name": "Pramono Anung Wibowo",
                "type": "person",
                "office": "Gubernur",
                "region": "Daerah Khusus Jakarta",
                "start": "2025-02-20",
            },
        ]
    )
    linker = EntityLinker(gaz)
    assert people(linker, "Kemarin Gubernur DKI Jakarta meninjau banjir.", date="2025-06-01") == [
        ("Gubernur DKI Jakarta", "p-pram")
    ]
    assert people(linker, "Kemarin Gubernur DKI Jakarta meninjau banjir.", date="2019-06-01") == [
        ("Gubernur DKI Jakarta", "p-anies")
    ]


def test_jakartas_cities_by_their_official_names(linker):
    got = [(m.text, m.entity_id) for m in linker.link("Pemerintah Kota Administrasi Jakarta Timur menggelar rapat.")]
    assert ("Pemerintah Kota Administrasi Jakarta Timur", "org-pemkot-31.75") in got
