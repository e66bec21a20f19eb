"""Inputs the atheris harnesses in fuzz/ found, replayed as plain tests (no atheris needed).

Each test names the harness that found it.
"""

import base64
import gzip
import re

import pytest
import warta


def test_link_batch_ambiguous_entity_is_none_as_in_link():
    # fuzz_linker: link() gives entity_id None for an ambiguous mention, link_batch gave NaN
    # (pandas 3 infers its str dtype for an object array of str and None).
    linker = warta.EntityLinker()
    texts = ["Banten", "di Serang"]
    table = linker.link_batch(texts)
    single = linker.link(texts[1])
    assert single[0].entity_id is None and single[0].alternatives
    assert table["entity_id"].tolist() == ["prov-36", None]
    assert table["entity_id"].dtype == object


GAZETTEER_HEADER = b"id,name,type,aliases,office,region,start,end\n"


@pytest.mark.parametrize(
    "name, data",
    [
        ("latin1.csv", GAZETTEER_HEADER + b"p1,Andra Soni,person,,Gubernur,Banten,,\np2,Caf\xe9,place,,,,,\n"),
        ("latin1_header.csv", b"id,n\xa9me,type\n"),
        ("raw.csv.gz", GAZETTEER_HEADER),  # not compressed at all
        ("truncated.csv.gz", gzip.compress(GAZETTEER_HEADER * 50, mtime=0)[:40]),
        ("corrupt.csv.gz", gzip.compress(GAZETTEER_HEADER, mtime=0)[:12] + b"\xff" * 30),
    ],
)
def test_gazetteer_bytes_that_are_not_utf8_csv_raise_gazetteer_error(tmp_path, name, data):
    # fuzz_gazetteer_csv: UnicodeDecodeError, gzip.BadGzipFile, EOFError and zlib.error came
    # out of Gazetteer.from_csv instead of the documented GazetteerError naming the file.
    path = tmp_path / name
    path.write_bytes(data)
    for load in (warta.Gazetteer.from_csv, warta.Lexicon.from_csv):
        with pytest.raises(warta.GazetteerError, match=re.escape(str(path))):
            load(path)


# An empty index (num_perm=8) whose header, checksum recomputed, says the next cluster id
# is 2^64 - 1: bytes only another program could write, as fuzz_index_load resealed them.
NEXT_CLUSTER_OVERFLOW = (
    "V0FSVEFJRFgCAAAAqAAAAJqZmZmZmek/CAAAAAUAAAABAAAAAAAAAAABAQADAAAAAgAAAAMAAAAAAAAAAADgPwAEAAADAAAAQEIPAAAAAAAA"
    "AAAAAAAAAAAAAAAAAP//////////AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAABAQg8AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAABX+"
    "6HOHR2jzAAAAAAAAAADZrIdvuzp7x1dBUlRBRU5E"
)


def test_index_header_with_next_cluster_beyond_2_31_is_refused(tmp_path):
    # fuzz_index_load: the file loaded, and then every add_batch failed with "the index has
    # used all 2^31 cluster ids"; the loader now refuses it like any other out-of-range header.
    path = tmp_path / "overflow.idx"
    path.write_bytes(base64.b64decode(NEXT_CLUSTER_OVERFLOW))
    with pytest.raises(warta.IndexFormatError, match="out of range"):
        warta.DedupIndex.load(path)


# An index of one document (num_perm=8) whose stored id bytes b"i7" were replaced by
# b"\x8d\x9a" (no valid type tag), checksums recomputed: what fuzz_index_load produced.
UNTAGGED_ID = (
    "V0FSVEFJRFgCAAAAqAAAAJqZmZmZmek/CAAAAAUAAAABAAAAAAAAAAABAQADAAAAAgAAAAMAAAAAAAAAAADgPwAEAAADAAAAQEIPAAAAAAAB"
    "AAAAAAAAAAEAAAAAAAAAAQAAAAAAAAACAAAAAAAAAAEAAAAAAAAAAAAAAAAAAABAQg8AAAAAAAQAAAAAAAAAEQAAAAAAAAAAAAAAAAAAAORL"
    "N607l/R8H4NG8x+DRvMfg0bzH4NG8x+DRvMfg0bzH4NG8x+DRvMAAAAAAAAAAAAAAAAAAAAAAAIAAAAAAAAAjZrXS85IEyAqNwEAAAABAAAA"
    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAABC+SPLkH0PCgEAAAAFAAAAqGy/ywoSBHIBAAAABAAAAM5hH5yZyuWHAQAAAAQAAAAM"
    "vgdgR3PfmAEAAAAEAAAAZW1wYXRzYXR1dGlnYWxpbWGK+wKLT1GwYldBUlRBRU5E"
)


def test_index_with_an_id_that_is_not_a_warta_id_is_refused_at_load(tmp_path):
    # fuzz_index_load: a resealed mutation of the ids section.
    path = tmp_path / "untagged.idx"
    path.write_bytes(base64.b64decode(UNTAGGED_ID))
    with pytest.raises(warta.IndexFormatError):
        index = warta.DedupIndex.load(path)
        index.ids()  # what fails today, with ValueError: invalid literal for int()


def _damage_page_header(data: bytes) -> bytes:
    return data[:4] + b"\xff" * 20 + data[24:]  # the first page header; the footer is intact


def _damage_string(data: bytes) -> bytes:
    return data.replace(b"Banten", b"Ba\xeaten")  # same length: invalid UTF-8 in a string column


@pytest.mark.parametrize("damage", [_damage_page_header, _damage_string])
def test_damaged_parquet_raises_data_error(tmp_path, damage):
    # fuzz_io_readers: a flipped bit in a page header, a changed byte in a string of a valid file.
    import pyarrow as pa
    import pyarrow.parquet as pq
    from warta.io import DataError, Reader

    path = tmp_path / "damaged.parquet"
    pq.write_table(pa.table({"text": ["Gubernur Banten", None], "url": ["a", "b"]}), path)
    path.write_bytes(damage(path.read_bytes()))
    with pytest.raises(DataError, match=re.escape(str(path))):
        list(Reader(path))


@pytest.mark.parametrize(
    "name, data",
    [
        ("raw.jsonl.gz", b'{"text": "satu"}\n'),
        ("raw.csv.gz", b"url,text\na,satu\n"),
        ("truncated.jsonl.gz", gzip.compress(b'{"text": "satu dua tiga"}\n' * 40, mtime=0)[:30]),
    ],
)
def test_damaged_gzip_input_raises_data_error(tmp_path, name, data):
    # fuzz_io_readers: raw bytes in a file named .ndjson.gz
    from warta.io import DataError, Reader

    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(DataError, match=re.escape(str(path))):
        list(Reader(path))


def test_csv_with_a_truncated_utf8_sequence_at_the_end_and_on_error_skip_ends(tmp_path):
    # fuzz_io_readers: a timeout (the harness's -timeout=10) on a CSV ending in b"\xef": the
    # reader skipped the decode error and decoded the same bytes again, forever. Bytes that
    # are not UTF-8 cannot be skipped line by line, so they are a DataError naming the line.
    from warta.io import DataError, Reader

    path = tmp_path / "truncated_utf8.csv"
    path.write_bytes(b"url,text\na,satu\nb,du\xef")
    with pytest.raises(DataError, match=r"line 3: not UTF-8"):
        list(Reader(path, on_error="skip"))


@pytest.mark.parametrize("option, value", [("--threshold", "1.5"), ("--num-perm", "0"), ("--chunk-size", "0")])
def test_cli_out_of_range_option_is_a_usage_error(tmp_path, monkeypatch, capsys, option, value):
    # fuzz_cli: ["dedup", "in.jsonl", "-o", "out.jsonl", "--threshold", "1.5"] and kin
    from warta.cli import main

    monkeypatch.chdir(tmp_path)
    (tmp_path / "in.jsonl").write_text('{"text": "satu dua tiga empat lima"}\n')
    with pytest.raises(SystemExit) as exit_:
        main(["dedup", "in.jsonl", "-o", "out.jsonl", option, value])
    assert exit_.value.code == 2


@pytest.mark.parametrize("pair, word", [("⽲⽲", "禾"), ("々々", "々")])
def test_a_character_that_is_a_word_beside_an_ideograph_is_a_word_alone_too(pair, word):
    # fuzz_tokenizer: the span of a token, normalized alone, gave "" instead of its word: ICU
    # gives a Kangxi radical (NFKC -> an ideograph) or '々' a word status only beside an
    # ideograph; the tokenizer now decides word-ness on the normalized character.
    norm = warta.Normalizer()
    assert [t.text for t in norm.tokenize(pair)] == [word, word]
    assert norm.normalize(pair[0]) == word


def test_cli_index_query_with_a_file_that_is_not_utf8_exits_cleanly(tmp_path, monkeypatch, capsys):
    # fuzz_cli: ["index", "query", "state.idx", "--file", <a non-UTF-8 file>]
    from warta.cli import main

    monkeypatch.chdir(tmp_path)
    warta.DedupIndex(num_perm=16).save(tmp_path / "state.idx")
    (tmp_path / "page.txt").write_bytes("Gubernur Banten meninjau Café".encode("latin-1"))
    try:
        code = main(["index", "query", "state.idx", "--file", "page.txt"])
    except SystemExit as exit_:
        code = exit_.code
    assert code in (1, 2)


@pytest.mark.parametrize(
    "argv",
    [
        ["index", "query", "state.idx", "--file", "\0'\x01"],
        ["index", "info", "st\0ate"],
        ["dedup", "in\0.jsonl", "-o", "out.jsonl"],
        ["link", "in.jsonl", "-o", "out\0.jsonl"],
        ["link", "in.jsonl", "-o", "out.jsonl", "--gazetteer", "g\0.csv"],
    ],
)
def test_cli_path_with_a_nul_character_is_a_usage_error(tmp_path, monkeypatch, capsys, argv):
    # fuzz_cli (CI, 2026-12-01): `index query --file` with a NUL in the name raised ValueError
    from warta.cli import main

    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 2
    assert "NUL" in capsys.readouterr().err
