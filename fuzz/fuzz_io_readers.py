"""Fuzzes the streaming readers of warta.io (JSON Lines, CSV, Parquet; plain, gzip-compressed
and raw bytes named .gz) on arbitrary bytes. Property: the reader yields chunks whose
columns agree (one line number, text and id per record, at most chunk_size rows, line
numbers increasing over the file, ``invalid`` = exactly the rows whose text is not a str),
or it raises warta.io.DataError naming the file; with on_error="skip" the skipped lines
are counted. Any other exception is a finding."""

import io
import zlib

import _harness
import pyarrow as pa
import pyarrow.parquet as pq
from warta.io import FIRST_LINES, DataError, Reader

SCRATCH = _harness.Scratch("io_readers")
#: (file name, compress the bytes first)
LAYOUTS = (
    ("in.jsonl", False),
    ("in.jsonl.gz", True),
    ("in.csv", False),
    ("in.csv.gz", True),
    ("in.parquet", False),
    ("in.ndjson.gz", False),
)
CHUNK_SIZES = (1, 2, 3, 10_000)


def check_chunks(reader: Reader) -> None:
    last_line = 0
    for chunk in reader:
        n = len(chunk)
        assert 1 <= n <= reader.chunk_size, (n, reader.chunk_size)
        assert len(chunk.records) == len(chunk.texts) == len(chunk.ids) == n, chunk
        assert chunk.line == sorted(set(chunk.line)) and chunk.line[0] > last_line, (chunk.line, last_line)
        last_line = chunk.line[-1]
        assert chunk.invalid == [i for i, t in enumerate(chunk.texts) if not isinstance(t, str)], chunk
    skipped = reader.on_error.skipped
    assert len(skipped.first) == min(skipped.count, FIRST_LINES), skipped
    if reader.on_error.mode == "raise":
        assert skipped.count == 0, skipped


def one_input(data: bytes) -> None:
    # Byte 0: bits 0-2 the layout, bit 3 on_error="skip", bit 4 an id field, bits 5-6 the
    # chunk size; the rest is the file.
    mode = data[0] if data else 0
    name, compress = LAYOUTS[(mode & 7) % len(LAYOUTS)]
    path = SCRATCH.write(name, data[1:], gzipped=compress)
    reader = Reader(
        path,
        text_field="text",
        id_field="url" if mode & 16 else None,
        chunk_size=CHUNK_SIZES[(mode >> 5) & 3],
        on_error="skip" if mode & 8 else "raise",
    )
    try:
        check_chunks(reader)
    except DataError as exc:
        assert str(path) in str(exc), exc  # the documented error names the file
    except (OSError, EOFError, zlib.error, pa.ArrowException, UnicodeDecodeError) as exc:
        # Known findings (xfail in tests/test_fuzz_regressions.py): a damaged Parquet file
        # escapes as pyarrow's OSError or ArrowInvalid or as UnicodeDecodeError, damaged gzip
        # as gzip's own errors; tolerated for
        # those files only so fuzzing goes on.
        known = reader.format == "parquet" or (name.endswith(".gz") and not isinstance(exc, UnicodeDecodeError))
        if not known:
            raise


def seeds() -> list:
    jsonl = (
        b'{"text": "Gubernur Banten", "url": "a"}\n{"text": null, "url": 2}\n\n[1]\n'
        b'{"url": "c", "text": "x\\ud800y"}\nnot json\n{"text": 5}\n'
    )
    csv = b'\xef\xbb\xbfurl,text\na,"Gubernur, Banten"\nb,"two\r\nlines"\nc\nd,e,f\n'
    out = io.BytesIO()
    pq.write_table(pa.table({"text": ["Gubernur Banten", None], "url": ["a", "b"]}), out)
    parquet = out.getvalue()
    return [
        bytes([layout | flags]) + body
        for flags in (0, 8 | 16 | 32)
        for layout, body in ((0, jsonl), (1, jsonl), (2, csv), (3, csv), (4, parquet))
    ]


if __name__ == "__main__":
    _harness.run("io_readers", one_input, seeds())
