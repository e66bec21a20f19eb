"""warta.io: streaming JSON Lines / CSV / Parquet readers and atomic writers."""

import csv
import gzip
import json
import os

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from warta.io import DataError, OnError, Reader, Writer, file_format


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
    assert reader.on_error.skipped.count == 2 and reader.on_error.skipped.first == ["a.jsonl:2", "a.jsonl:3"]
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
    assert [c.texts for c in reader] == [["x", "z"]] and reader.on_error.skipped.count == 1


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


def test_one_on_error_policy_counts_every_reader_and_the_callers_checks(tmp_path):
    policy = OnError("skip")
    a = write_jsonl(tmp_path / "a.jsonl", [{"text": "a"}, "{broken"])
    b = tmp_path / "b.csv"
    b.write_text("text\nx\ny,extra\n", encoding="utf-8")
    for path in (a, b):
        assert sum(len(c) for c in Reader(path, on_error=policy)) == 1
    policy.malformed(str(a), 7, "id 'u1' was already added")  # a command's own row check
    assert policy.skipped.count == 3 and str(policy.skipped) == "3; first at a.jsonl:2, b.csv:3, a.jsonl:7"

    strict = OnError()
    with pytest.raises(DataError, match=r"^x.jsonl, line 4: bad id; fix the line, or pass --on-error skip"):
        strict.malformed("x.jsonl", 4, "bad id")
    assert strict.skipped.count == 0
    with pytest.raises(ValueError, match="on_error must be 'raise' or 'skip', got 'ignore'"):
        Reader(a, on_error="ignore")


def test_skipped_lines_list_only_the_first_ten(tmp_path):
    path = write_jsonl(tmp_path / "a.jsonl", ["{"] * 12 + [{"text": "a"}])
    reader = Reader(path, on_error="skip")
    assert sum(len(c) for c in reader) == 1
    assert reader.on_error.skipped.count == 12 and len(reader.on_error.skipped.first) == 10


@pytest.mark.parametrize("name", ["o.jsonl", "o.jsonl.gz", "o.csv", "o.parquet"])
def test_writer_as_a_context_manager_replaces_the_file_only_when_the_block_completes(tmp_path, name):
    path = tmp_path / name
    with Writer(path) as w:
        w.write([{"text": "old"}])
    assert w._raw.closed
    old = path.read_bytes()
    with pytest.raises(KeyboardInterrupt):
        with Writer(path) as w:
            w.write([{"text": "new"}] * 1000)
            raise KeyboardInterrupt  # Ctrl-C halfway through a run
    assert path.read_bytes() == old and [p.name for p in tmp_path.iterdir()] == [name]
    assert w._raw.closed
    with Writer(path) as w:
        w.write([{"text": "new"}])
    assert [c.texts for c in Reader(path)] == [["new"]] and [p.name for p in tmp_path.iterdir()] == [name]


def test_a_writer_that_fails_to_finish_keeps_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "o.jsonl"
    path.write_text("old\n")

    def full_disk(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("warta.io.os.fsync", full_disk)
    with pytest.raises(OSError, match="No space left"):
        with Writer(path) as w:
            w.write([{"text": "new"}])
    assert path.read_text() == "old\n" and [p.name for p in tmp_path.iterdir()] == ["o.jsonl"]


def test_a_failed_parquet_write_discards_the_file(tmp_path):
    path = tmp_path / "o.parquet"
    with pytest.raises(DataError, match="change columns or types"):
        with Writer(path) as w:
            w.write([{"text": "a", "n": 1}])
            w.write([{"text": "b", "n": "not a number"}])
    assert list(tmp_path.iterdir()) == []


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


def test_a_field_no_row_of_a_jsonl_file_has_is_an_error_naming_the_keys_seen(tmp_path):
    rows = [{"url": "u1"}, {"url": "u2", "tag": 1}, {"url": "u3", "text": "ada", "date": "2025-01-02"}]
    path = write_jsonl(tmp_path / "a.jsonl", rows)
    # the first chunk has no text: its rows are passed through, the file is fine
    chunks = list(Reader(path, chunk_size=2, fields={"date": "date"}))
    assert [c.invalid for c in chunks] == [[0, 1], []]
    # no row at all: raised once the file has been read (nothing certain before), with every key seen
    with pytest.raises(
        DataError,
        match=r"a.jsonl: no row has the text field 'body' \(keys seen: url, tag, text, date\); "
        r"pass --text-field with one of them",
    ):
        list(Reader(path, text_field="body", chunk_size=2))
    for what, name in (("id", "link"), ("date", "published")):
        with pytest.raises(DataError, match=f"no row has the {what} field '{name}'.*--{what}-field"):
            list(Reader(path, id_field=name if what == "id" else None, fields={what: name}))
    assert list(Reader(write_jsonl(tmp_path / "empty.jsonl", []), text_field="body")) == []  # no rows: nothing to say


def test_a_field_missing_from_a_csv_header_or_a_parquet_schema_is_an_error_at_once(tmp_path):
    csv_path = tmp_path / "a.csv"
    csv_path.write_text("text,url\nsatu,u1\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"no date column 'published' in the header \(text, url\); pass --date-field"):
        list(Reader(csv_path, fields={"date": "published"}))
    pq.write_table(pa.table({"text": ["satu"], "url": ["u1"]}), tmp_path / "a.parquet")
    with pytest.raises(DataError, match=r"no date column 'published' \(columns: text, url\); pass --date-field"):
        list(Reader(tmp_path / "a.parquet", fields={"date": "published"}))


@pytest.mark.parametrize("name", ["o.csv", "o.csv.gz"])
def test_the_csv_header_covers_every_key_of_every_row(tmp_path, name):
    path = tmp_path / name
    with Writer(path) as w:
        w.write([{"text": "a", "url": "u1"}, {"text": 'b,\n"c"', "url": "u2"}])
        w.write([{"url": "u3", "text": "d", "date": "2025-01-02"}], columns={"cluster_id": [7]})
        w.write(pa.table({"text": ["e"], "author": ["x"]}))
    opener = gzip.open if name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8", newline="") as f:
        got = list(csv.reader(f))
    assert got == [
        ["text", "url", "date", "cluster_id", "author"],  # in the order the keys first appear
        ["a", "u1", "", "", ""],
        ['b,\n"c"', "u2", "", "", ""],
        ["d", "u3", "2025-01-02", "7", ""],
        ["e", "", "", "", "x"],
    ]
    assert [p.name for p in tmp_path.iterdir()] == [name]


def test_a_csv_with_one_header_is_written_in_one_pass(tmp_path, monkeypatch):
    """The second pass (a new header) is only for rows that bring new keys."""
    monkeypatch.setattr(Writer, "_rewrite_csv_header", None)  # calling it would fail
    with Writer(tmp_path / "o.csv") as w:
        w.write([{"text": "a", "url": "u1"}])
        w.write([{"url": "u2", "text": "b"}])
    assert (tmp_path / "o.csv").read_bytes() == b"text,url\r\na,u1\r\nb,u2\r\n"


def test_a_megabyte_csv_field_is_read_and_written(tmp_path):
    big = "kata " * 200_000 + "akhir"  # 1 MB, beyond the csv module's default limit of 131,072 characters
    path = tmp_path / "big.csv"
    path.write_text(f'text,url\n"{big}",u1\nkecil,u2\n', encoding="utf-8")
    (chunk,) = Reader(path, id_field="url")
    assert chunk.texts == [big, "kecil"] and chunk.ids == ["u1", "u2"]
    with Writer(tmp_path / "o.csv") as w:  # the writer reads its file back when the header grows
        w.write([{"text": big}])
        w.write([{"text": "kecil", "url": "u2"}])
    (chunk,) = Reader(tmp_path / "o.csv", id_field="url")
    assert chunk.texts == [big, "kecil"] and chunk.ids == ["", "u2"]


def dead_pid():
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    os.waitpid(pid, 0)
    return pid


def test_writer_temporaries_are_named_so_that_the_next_writer_removes_a_killed_ones(tmp_path):
    stale = tmp_path / f".o.jsonl.tmp-{dead_pid()}-AbC123"
    stale.write_bytes(b"half an output of a killed run")
    others = [tmp_path / ".o.jsonl.tmp-notapid", tmp_path / f".other.jsonl.tmp-{dead_pid()}-x"]  # not ours: kept
    for p in others:
        p.write_bytes(b"")
    w = Writer(tmp_path / "o.jsonl")
    assert not stale.exists() and all(p.exists() for p in others)
    assert os.path.basename(w._tmp).startswith(f".o.jsonl.tmp-{os.getpid()}-")
    w.write([{"text": "a"}])
    w.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["o.jsonl", *(p.name for p in others)])
