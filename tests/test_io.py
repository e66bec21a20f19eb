"""warta.io: streaming JSON Lines / CSV / Parquet readers and atomic writers."""

import gzip
import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from warta.io import DataError, Reader, Writer, file_format


def write_jsonl(path, rows, gz=False):
    data = "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows).encode()
    path.write_bytes(gzip.compress(data) if gz else data)
    return path


def test_formats_from_names():
    assert file_format("a.jsonl.gz") == file_format("b.ndjson") == "jsonl"
    assert file_format("x.CSV") == "csv" and file_format("y.parquet") == "parquet"
    with pytest.raises(DataError, match="name it .jsonl, .csv or .parquet"):
        file_format("data.txt")


@pytest.mark.parametrize("gz", [False, True])
def test_jsonl_chunks_with_line_numbers(tmp_path, gz):
    rows = [{"text": f"teks {i}", "url": f"u{i}"} for i in range(10)]
    path = write_jsonl(tmp_path / ("a.jsonl.gz" if gz else "a.jsonl"), rows[:4] + [""] + rows[4:], gz=gz)
    chunks = list(Reader(path, id_field="url", chunk_size=3))
    assert [len(c) for c in chunks] == [3, 3, 3, 1]
    assert sum((c.line for c in chunks), []) == [1, 2, 3, 4, 6, 7, 8, 9, 10, 11]  # line 5 is blank
    assert sum((c.texts for c in chunks), []) == [r["text"] for r in rows]
    assert sum((c.ids for c in chunks), []) == [r["url"] for r in rows]
    assert chunks[0].records[0] == rows[0]


def test_missing_and_non_string_texts_are_listed(tmp_path):
    path = write_jsonl(tmp_path / "a.jsonl", [{"text": "ok"}, {"title": "no text"}, {"text": None}, {"text": 5}])
    (chunk,) = Reader(path)
    assert chunk.invalid == [1, 2, 3]
    assert chunk.texts == ["ok", None, None, 5]


def test_malformed_lines_raise_or_are_skipped(tmp_path):
    path = write_jsonl(tmp_path / "a.jsonl", [{"text": "a"}, '{"text": "b"', "[1, 2]", {"text": "c"}])
    with pytest.raises(DataError, match=r"a.jsonl, line 2: not valid JSON .*--on-error skip"):
        list(Reader(path))
    reader = Reader(path, on_error="skip")
    (chunk,) = list(reader)
    assert chunk.texts == ["a", "c"] and chunk.line == [1, 4]
    assert reader.skipped == 2 and reader.skipped_lines == [2, 3]
    with pytest.raises(DataError, match="line 3: a JSON list, not an object"):
        list(Reader(write_jsonl(tmp_path / "b.jsonl", [{"text": "a"}, {"text": "b"}, "[1]"])))


def test_reading_is_streamed(tmp_path):
    rows = [{"text": "kata " * 200, "id": i} for i in range(6000)]  # about 6 MB
    path = write_jsonl(tmp_path / "big.jsonl", rows)
    reader = Reader(path, chunk_size=100)
    first = next(iter(reader))
    assert len(first) == 100
    assert reader.bytes_read < path.stat().st_size / 2


def test_csv_with_quoted_newlines(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text('id,text\n1,"satu\ndua"\n2,tiga\n3,"empat, lima"\n', encoding="utf-8")
    (chunk,) = Reader(path, id_field="id")
    assert chunk.texts == ["satu\ndua", "tiga", "empat, lima"]
    assert chunk.ids == ["1", "2", "3"]
    assert chunk.line == [2, 4, 5]


def test_csv_errors_name_the_problem(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("id,body\n1,x\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"no text column 'text' in the header \(id, body\)"):
        list(Reader(path))
    path.write_text("id,text\n1,x\n2,y,extra\n3,z\n", encoding="utf-8")
    with pytest.raises(DataError, match="line 3: 3 cells but the header has 2"):
        list(Reader(path))
    reader = Reader(path, on_error="skip")
    assert [c.texts for c in reader] == [["x", "z"]] and reader.skipped == 1


def test_parquet_batches(tmp_path):
    path = tmp_path / "a.parquet"
    pq.write_table(pa.table({"text": [f"t{i}" for i in range(25)] + [None], "n": list(range(26))}), path)
    chunks = list(Reader(path, id_field="n", chunk_size=10))
    assert [len(c) for c in chunks] == [10, 10, 6]
    assert chunks[2].invalid == [5] and chunks[2].ids[-1] == 25 and chunks[2].line[-1] == 26
    with pytest.raises(DataError, match="no id column 'url'"):
        list(Reader(path, id_field="url"))
    bad = tmp_path / "bad.parquet"
    bad.write_bytes(b"not parquet at all")
    with pytest.raises(DataError, match="not a readable Parquet file"):
        list(Reader(bad))


@pytest.mark.parametrize("name", ["out.jsonl", "out.jsonl.gz", "out.csv", "out.parquet"])
def test_writer_round_trip_with_extra_columns(tmp_path, name):
    path = tmp_path / name
    w = Writer(path)
    w.write([{"text": "a", "k": 1}, {"text": "b", "k": 2}], keep=[True, False], columns={"cluster_id": [0, 1]})
    w.write(pa.table({"text": ["c"], "k": [3]}), columns={"cluster_id": [2]})
    w.close()
    assert w.rows == 2
    (chunk,) = Reader(path)
    assert chunk.texts == ["a", "c"]
    records = chunk.records.to_pylist() if isinstance(chunk.records, pa.Table) else chunk.records
    assert [str(r["cluster_id"]) for r in records] == ["0", "2"]
    assert [p.name for p in tmp_path.iterdir()] == [name]


def test_parquet_writer_handles_a_first_chunk_of_nulls(tmp_path):
    w = Writer(tmp_path / "o.parquet")
    w.write([{"text": "a", "dup": None}])
    w.write([{"text": "b", "dup": "x"}])
    w.close()
    assert pq.read_table(tmp_path / "o.parquet").column("dup").to_pylist() == [None, "x"]


def test_writer_abort_keeps_the_old_file(tmp_path):
    path = tmp_path / "o.jsonl"
    path.write_text("old\n")
    w = Writer(path)
    w.write([{"text": "new"}])
    w.abort()
    assert path.read_text() == "old\n" and [p.name for p in tmp_path.iterdir()] == ["o.jsonl"]
    with pytest.raises(DataError, match="drop the .gz"):
        Writer(tmp_path / "o.parquet.gz")


def test_csv_with_a_byte_order_mark(tmp_path):
    path = tmp_path / "excel.csv"
    path.write_bytes("\ufefftext,url\nsatu dua,u1\n".encode("utf-8"))
    (chunk,) = Reader(path, id_field="url")
    assert chunk.texts == ["satu dua"] and chunk.ids == ["u1"]


from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)  # any character, even \r, quotes, emoji


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(TEXT, min_size=1, max_size=8), fmt=st.sampled_from(["jsonl", "jsonl.gz", "csv", "parquet"]))
def test_any_text_round_trips(tmp_path, texts, fmt):
    path = tmp_path / f"rt.{fmt}"
    w = Writer(path)
    w.write([{"text": t, "id": i} for i, t in enumerate(texts)])
    w.close()
    got = sum((c.texts for c in Reader(path, chunk_size=3)), [])
    assert got == texts


def test_lone_surrogates_are_escaped_in_jsonl_and_replaced_elsewhere(tmp_path):
    text = "Gubernur \ud83d Banten"
    for name, expected in (("s.jsonl", text), ("s.csv", "Gubernur ? Banten"), ("s.parquet", "Gubernur ? Banten")):
        w = Writer(tmp_path / name)
        w.write([{"text": text}], columns={"duplicate_of": [text]})
        w.close()
        (chunk,) = Reader(tmp_path / name)
        assert chunk.texts == [expected], name
