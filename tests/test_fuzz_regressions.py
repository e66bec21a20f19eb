"""Inputs the atheris harnesses in fuzz/ found, replayed as plain tests (no atheris needed).

Each test names the harness that found it. Findings whose fix belongs to code another
change is rewriting are xfail(strict=True) with the reason, so they turn red once fixed.
"""

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
