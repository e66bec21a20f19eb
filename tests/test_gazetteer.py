import datetime as dt
import gzip
import sys
from pathlib import Path

import pandas as pd
import pytest
import warta
from warta import Gazetteer, GazetteerError, Lexicon

HEADER = "id,name,type,aliases,office,region,start,end,note\n"


def write(tmp_path, body, name="gaz.csv"):
    path = tmp_path / name
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def test_from_csv_reads_all_columns_and_keeps_extra_ones(tmp_path):
    path = write(
        tmp_path, "p1,Andra Soni,person,Andra|AS,Gubernur,Banten,2025-02-20,,inaugurated\nbanten,Banten,place,,,,,,\n"
    )
    gaz = Gazetteer.from_csv(path)
    assert len(gaz) == 2 and "p1" in gaz
    e = gaz["p1"]
    assert e.aliases == ("Andra", "AS")
    assert e.start == dt.date(2025, 2, 20) and e.end is None
    assert e.attributes == {"note": "inaugurated"}
    assert gaz["banten"].type == "place"


@pytest.mark.parametrize(
    "row, message",
    [
        (",Nameless,person,,,,,,\n", r"gaz\.csv:3: missing id"),
        ("p2,Someone,person,,,,2025-13-01,,\n", r"gaz\.csv:3: .*'p2'.*ISO date"),
        ("p2,Someone,wizard,,,,,,\n", r"gaz\.csv:3: .*type 'wizard'"),
        ("p1,Again,person,,,,,,\n", r"gaz\.csv:3: duplicate id 'p1' \(first defined at .*gaz\.csv:2\)"),
        ("p2,,person,,,,,,\n", r"gaz\.csv:3: .*no name"),
        ("p2,Late,person,,,,2025-02-01,2024-01-01,\n", r"gaz\.csv:3: .*ends"),
    ],
)
def test_bad_rows_name_file_and_line(tmp_path, row, message):
    path = write(tmp_path, "p1,Andra Soni,person,,,,,,\n" + row)
    with pytest.raises(GazetteerError, match=message):
        Gazetteer.from_csv(path)


def test_gazetteer_error_is_a_value_error_and_missing_file_is_clear(tmp_path):
    assert issubclass(GazetteerError, ValueError)
    with pytest.raises(FileNotFoundError, match="gazetteer file not found"):
        Gazetteer.from_csv(tmp_path / "nope.csv")


def test_from_records_and_dataframe_agree():
    records = [
        {"id": "a", "name": "Kota Contoh", "type": "place", "aliases": ["Contoh"]},
        {
            "id": "b",
            "name": "Budi Contoh",
            "type": "person",
            "office": "Wali Kota",
            "region": "Kota Contoh",
            "start": dt.date(2024, 1, 1),
            "end": float("nan"),
        },
    ]
    g1 = Gazetteer.from_records(records)
    g2 = Gazetteer.from_dataframe(pd.DataFrame(records))
    assert list(g1) == list(g2)
    with pytest.raises(GazetteerError, match="records record 2: .*type"):
        Gazetteer.from_records([records[0], {"id": "x", "name": "X", "type": ""}])
    with pytest.raises(GazetteerError, match="DataFrame row 1"):
        Gazetteer.from_dataframe(pd.DataFrame([records[0], {"id": "a", "name": "Dup", "type": "place"}]))


def test_default_gazetteer_has_regions_offices_and_officials():
    gaz = Gazetteer.default()
    assert gaz["prov-36"].name == "Banten"
    assert gaz["reg-36.04"].name == "Kabupaten Serang"
    assert gaz["office-wabup-36.04"].office == "Wakil Bupati"
    andra = gaz["gub-banten-2025-andra-soni"]
    assert (andra.office, andra.region, andra.start) == ("Gubernur", "Banten", dt.date(2025, 2, 20))
    types = {e.type for e in gaz}
    assert types == {"person", "office", "organization", "place"}


def test_default_lexicon_has_the_issue_abbreviations():
    lex = {(e.form, e.canonical) for e in Lexicon.default()}
    for pair in [
        ("Wabup", "Wakil Bupati"),
        ("Wagub", "Wakil Gubernur"),
        ("Walkot", "Wali Kota"),
        ("Sekda", "Sekretaris Daerah"),
        ("Plh", "Pelaksana Harian"),
        ("Pj", "Penjabat"),
        ("Kadis", "Kepala Dinas"),
        ("Pemkab", "Pemerintah Kabupaten"),
        ("Diskominfo", "Dinas Komunikasi dan Informatika"),
        ("Kab", "Kabupaten"),
    ]:
        assert pair in lex


def test_lexicon_is_data_a_user_can_extend(tmp_path):
    gaz = Gazetteer.from_records(
        [
            {"id": "tgs", "name": "Kota Tangerang Selatan", "type": "place"},
            {"id": "kadinkes", "name": "Kepala Dinas Kesehatan Kota Tangerang Selatan", "type": "office"},
        ]
    )
    text = "Kadinkes Kota Tangerang Selatan meninjau puskesmas."
    assert [m.entity_id for m in warta.EntityLinker(gaz).link(text)] == ["tgs"]
    lex = Lexicon.default().extended([{"form": "Kadinkes", "canonical": "Kepala Dinas Kesehatan", "kind": "title"}])
    linked = warta.EntityLinker(gaz.with_lexicon(lex)).link(text)
    assert [m.text for m in linked] == ["Kadinkes Kota Tangerang Selatan"]
    assert linked[0].entity_id == "kadinkes"
    bad = tmp_path / "lex.csv"
    bad.write_text("form,canonical,kind\nWabup,Wakil Bupati,surname\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match=r"lex\.csv:2: lexicon kind 'surname'"):
        Lexicon.from_csv(bad)


def test_nicknames_and_office_short_forms_reach_a_users_gazetteer_of_persons():
    # The lexicon's nickname and office_alias rows apply to any gazetteer: a user's CSV of
    # persons (DESIGN.md form, no aliases listed) still links "Jokowi" and "Menkumham".
    gaz = Gazetteer.from_records(
        [
            {"id": "p1", "name": "Joko Widodo", "type": "person", "office": "Presiden", "region": "Indonesia"},
            {
                "id": "p2",
                "name": "Yasonna Hamonangan Laoly",
                "type": "person",
                "office": "Menteri Hukum dan Hak Asasi Manusia",
                "region": "Indonesia",
            },
        ]
    )
    linker = warta.EntityLinker(gaz)
    text = "Jokowi memanggil Menkumham ke Istana. Menurut Jokowi, revisi itu perlu."
    found = {(m.text, m.entity_id) for m in linker.link(text, date="2019-09-20")}
    assert ("Jokowi", "p1") in found
    assert ("Menkumham", "derived:office:Menteri Hukum dan Hak Asasi Manusia Indonesia") in found
    without = gaz.with_lexicon(Lexicon([x for x in Lexicon.default() if x.kind not in ("nickname", "office_alias")]))
    assert not warta.EntityLinker(without).link(text, date="2019-09-20")


def test_gzipped_csv_and_bom(tmp_path):
    path = tmp_path / "g.csv.gz"
    with gzip.open(path, "wt", encoding="utf-8") as f:
        f.write(HEADER + "x,Kota X,place,,,,,,\n")
    assert Gazetteer.from_csv(path).ids == ["x"]
    bom = tmp_path / "bom.csv"
    bom.write_bytes(("\ufeff" + HEADER + "x,Kota X,place,,,,,,\n").encode("utf-8"))
    assert Gazetteer.from_csv(bom).ids == ["x"]


def test_merged_rejects_clashing_ids():
    a = Gazetteer.from_records([{"id": "x", "name": "X", "type": "place"}])
    assert len(a.merged(Gazetteer.from_records([{"id": "y", "name": "Y", "type": "place"}]))) == 2
    with pytest.raises(GazetteerError, match="duplicate id 'x'"):
        a.merged(a)


def test_bom_inside_a_gzipped_csv(tmp_path):
    path = tmp_path / "g.csv.gz"
    path.write_bytes(gzip.compress(("\ufeff" + HEADER + "x,Kota X,place,,,,,,\n").encode("utf-8")))
    assert Gazetteer.from_csv(path).ids == ["x"]


def test_unreadable_files_name_the_real_cause(tmp_path):
    semi = tmp_path / "semi.csv"
    semi.write_text(HEADER.replace(",", ";") + "x;Kota X;place;;;;;;\n", encoding="utf-8")
    with pytest.raises(
        GazetteerError, match=r"semi\.csv:1: the header has no id, name, type column.*semicolon-separated"
    ):
        Gazetteer.from_csv(semi)
    latin = tmp_path / "latin.csv"
    latin.write_bytes((HEADER + "x,Kota X,place,,,,,,\ny,Bupati Pérez,person,,,,,,\n").encode("latin-1"))
    with pytest.raises(GazetteerError, match=r"latin\.csv:3: not UTF-8 \(byte 0xe9 .*Latin-1"):
        Gazetteer.from_csv(latin)
    utf16 = tmp_path / "u16.csv"
    utf16.write_text(HEADER + "x,Kota X,place,,,,,,\n", encoding="utf-16")
    with pytest.raises(GazetteerError, match=r"u16\.csv: the file is UTF-16"):
        Gazetteer.from_csv(utf16)
    notgz = tmp_path / "plain.csv.gz"
    notgz.write_text(HEADER, encoding="utf-8")
    with pytest.raises(GazetteerError, match=r"plain\.csv\.gz: not a readable gzip file"):
        Gazetteer.from_csv(notgz)
    nocol = tmp_path / "nocol.csv"
    nocol.write_text("ident,name,type\nx,Kota X,place\n", encoding="utf-8")
    with pytest.raises(
        GazetteerError, match=r"nocol\.csv:1: the header has no id column \(columns: 'ident', 'name', 'type'\)$"
    ):
        Gazetteer.from_csv(nocol)
    lex = tmp_path / "lex.csv"
    lex.write_text("form;canonical;kind\nWabup;Wakil Bupati;title\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match=r"lex\.csv:1: .*semicolon-separated"):
        Lexicon.from_csv(lex)


def test_the_default_gazetteer_ends_a_regional_heads_open_term_after_five_years():
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
    from build_gazetteer import assumed_end

    assert assumed_end("Gubernur", "2017-10-16", "") == "2022-10-16"
    assert assumed_end("Wakil Bupati", "2021-02-26", "") == "2026-02-26"
    assert assumed_end("Gubernur", "2017-10-16", "2019-01-01") == "2019-01-01"  # a known end stays
    assert assumed_end("Menteri Sosial", "2019-10-23", "") == ""  # no fixed term
    assert assumed_end("Gubernur", "", "") == ""
