"""Streaming readers and writers for JSON Lines, CSV and Parquet, chunk by chunk.

A file is never read whole: JSON Lines and CSV are read line by line (``.gz`` is
decompressed on the fly), Parquet one record batch at a time, and every reader yields
:class:`Chunk` objects of at most ``chunk_size`` rows. Formats are told by the file name:
``.jsonl``/``.ndjson``/``.json`` (JSON Lines), ``.csv``, ``.parquet``/``.pq``, each with an
optional ``.gz`` (not for Parquet, which compresses itself).

Rows whose text field is missing or not a string are not dropped: the chunk lists them in
``invalid`` (with their line numbers) so callers pass them through untouched and report them.
But a field the caller names (text, id, or one in ``fields``, such as a date) that the file
does not have at all is a typo in an option, not a file of empty rows: a :class:`DataError`
naming the field and the columns the file has. CSV and Parquet say so before the first chunk
(header, schema); JSON Lines rows each have their own keys, so a field that one row lacks
may come in a later row and the error comes when the whole file has been read and no row
had it (a command's output is not in place by then, nothing is lost but the time).
A malformed line (not a JSON object, a CSV row with extra cells) goes to the reader's
:class:`OnError` policy: a :class:`DataError` naming the file and line (``"raise"``), or
skipped and counted (``"skip"``). A command hands one policy to every reader of a run and
uses it for its own row checks (repeated ids), so one count covers them all.

:class:`Writer` writes to a temporary file and renames it into place only when the ``with``
block ends without an exception, so an existing output is never replaced by half of one.
"""

from __future__ import annotations

import contextlib
import csv
import errno
import gzip
import io
import json
import os
import sys
import zlib
from dataclasses import dataclass, field
from typing import Any, BinaryIO, Dict, Iterator, List, Optional, Sequence, Set, Union

import pyarrow as pa
import pyarrow.parquet as pq

from . import _core

PathLike = Union[str, "os.PathLike[str]"]
Records = Union[List[Dict[str, Any]], pa.Table]

#: how many line numbers to remember for a report
FIRST_LINES = 10
#: how many distinct JSON keys to remember for the error about a field no row has
KEYS_SHOWN = 50


class DataError(ValueError):
    """Input that cannot be read as asked: malformed line, missing field, unknown format."""


def file_format(path: PathLike) -> str:
    """``"jsonl"``, ``"csv"`` or ``"parquet"`` from the file name."""
    name = os.fspath(path).lower()
    if name.endswith(".gz"):
        name = name[:-3]
    for ext, fmt in (
        (".jsonl", "jsonl"),
        (".ndjson", "jsonl"),
        (".json", "jsonl"),
        (".csv", "csv"),
        (".parquet", "parquet"),
        (".pq", "parquet"),
    ):
        if name.endswith(ext):
            return fmt
    raise DataError(f"cannot tell the format of {os.fspath(path)!r}: name it .jsonl, .csv or .parquet (optionally .gz)")


@dataclass
class Chunk:
    """Up to ``chunk_size`` rows of one file.

    ``records``: the rows as read (dicts for JSON Lines and CSV, a pyarrow Table for Parquet);
    ``line``: each row's line number in the file (1-based; CSV counts the header, Parquet
    counts rows); ``texts``/``ids``: the text and id fields (None where missing);
    ``invalid``: positions of rows whose text is missing or not a str."""

    records: Records
    line: List[int]
    texts: List[Any]
    ids: List[Any]
    invalid: List[int] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.line)

    def field(self, name: str) -> List[Any]:
        """Another field's values (the Reader must have been asked to require it, so a
        Parquet chunk has the column); None where a row lacks it."""
        if isinstance(self.records, pa.Table):
            return self.records.column(name).to_pylist()
        return [r.get(name) for r in self.records]


@dataclass
class Lines:
    """How many input lines were set aside, and where the first :data:`FIRST_LINES` are."""

    count: int = 0
    first: List[str] = field(default_factory=list)  # "file.jsonl:12"

    def add(self, path: str, line: int) -> None:
        self.count += 1
        if len(self.first) < FIRST_LINES:
            self.first.append(f"{os.path.basename(path)}:{line}")

    def __str__(self) -> str:
        return f"{self.count:,}; first at " + ", ".join(self.first)


class OnError:
    """What a malformed line does: ``"raise"`` stops with a :class:`DataError` naming the
    file and line, ``"skip"`` skips it and counts it in :attr:`skipped`."""

    MODES = ("raise", "skip")

    def __init__(self, mode: str = "raise"):
        if mode not in self.MODES:
            raise ValueError(f"on_error must be 'raise' or 'skip', got {mode!r}")
        self.mode = mode
        self.skipped = Lines()

    def malformed(self, path: str, line: int, problem: str) -> None:
        """Raises, or records the line as skipped (the caller then drops it)."""
        if self.mode == "raise":
            raise DataError(f"{path}, line {line}: {problem}; fix the line, or pass --on-error skip to skip such lines")
        self.skipped.add(path, line)


class _CountingFile(io.RawIOBase):
    """Counts the bytes read from disk, so progress works for compressed files too."""

    def __init__(self, raw: BinaryIO):
        self.raw = raw
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        n = self.raw.readinto(buffer)  # type: ignore[attr-defined]
        self.count += n or 0
        return n

    def close(self) -> None:
        self.raw.close()
        super().close()


class Reader:
    """Iterates over the :class:`Chunk` objects of one file; see the module documentation."""

    def __init__(
        self,
        path: PathLike,
        text_field: str = "text",
        id_field: Optional[str] = None,
        chunk_size: int = 10_000,
        on_error: Union[str, OnError] = "raise",
        fields: Optional[Dict[str, str]] = None,
    ):
        """``fields``: other fields the file must have, by what they hold (``{"date": "published"}``;
        the error names the option ``--date-field``). Chunks give only text and ids; read the
        others from ``Chunk.records``."""
        self.on_error = on_error if isinstance(on_error, OnError) else OnError(on_error)
        if chunk_size < 1:
            raise ValueError(f"chunk_size must be >= 1, got {chunk_size!r}")
        self.path = os.fspath(path)
        self.format = file_format(self.path)
        self.text_field = text_field
        self.id_field = id_field
        self.required = {"text": text_field, **({"id": id_field} if id_field else {}), **(fields or {})}
        self.chunk_size = chunk_size
        self.size = os.path.getsize(self.path)
        self._counter: Optional[_CountingFile] = None
        self._parquet_fraction = 0.0

    @property
    def bytes_read(self) -> int:
        """Bytes of the file consumed so far (compressed bytes for .gz)."""
        if self._counter is not None:
            return self._counter.count
        return int(self._parquet_fraction * self.size)

    def __iter__(self) -> Iterator[Chunk]:
        if self.format == "parquet":
            yield from self._parquet()
            return
        binary = self._open_binary()
        try:
            rows = self._jsonl(binary) if self.format == "jsonl" else self._csv(binary)
            yield from rows
        except (gzip.BadGzipFile, EOFError, zlib.error) as exc:
            # A .gz name on bytes that are not gzip, or a truncated download.
            raise DataError(f"{self.path}: not a readable gzip file ({type(exc).__name__}: {exc})") from None
        finally:
            binary.close()
            if self._counter is not None:
                self._counter.close()

    def _open_binary(self) -> BinaryIO:
        self._counter = _CountingFile(open(self.path, "rb"))
        buffered = io.BufferedReader(self._counter, 1 << 20)
        if self.path.lower().endswith(".gz"):
            return gzip.GzipFile(fileobj=buffered, mode="rb")  # type: ignore[return-value]
        return buffered  # type: ignore[return-value]

    def _chunk(self, records: Records, lines: List[int]) -> Chunk:
        if isinstance(records, pa.Table):
            # the columns are there: _parquet checked the schema
            texts = records.column(self.text_field).to_pylist()
            ids = records.column(self.id_field).to_pylist() if self.id_field else [None] * len(lines)
        else:
            texts = [r.get(self.text_field) for r in records]
            ids = [r.get(self.id_field) for r in records] if self.id_field else [None] * len(lines)
        invalid = [i for i, t in enumerate(texts) if not isinstance(t, str)]
        return Chunk(records, lines, texts, ids, invalid)

    def _require_columns(self, columns: Sequence[str], where: str) -> None:
        """CSV and Parquet: every field asked for is a column, or a DataError says which are."""
        for what, name in self.required.items():
            if name not in columns:
                raise DataError(
                    f"{self.path}: no {what} column {name!r} {where.format(', '.join(columns))}; "
                    f"pass --{what}-field with one of them"
                )

    def _no_row_has(self, missing: Set[str], keys: Dict[str, None]) -> None:
        """JSON Lines, once the file is read: the DataError for the fields asked for that no row had."""
        for what, name in self.required.items():
            if name in missing:
                shown = ", ".join(keys) + (", ..." if len(keys) == KEYS_SHOWN else "")
                raise DataError(
                    f"{self.path}: no row has the {what} field {name!r} (keys seen: {shown}); "
                    f"pass --{what}-field with one of them"
                )

    def _jsonl(self, binary: BinaryIO) -> Iterator[Chunk]:
        records: List[Dict[str, Any]] = []
        lines: List[int] = []
        # Until every field asked for has been seen: the first KEYS_SHOWN keys seen, in order
        # of first appearance, for the message (a few, whatever the rows hold).
        missing = set(self.required.values())
        keys: Dict[str, None] = {}
        rows = 0
        for number, raw in enumerate(binary, start=1):
            if not raw.strip():
                continue
            try:
                record = json.loads(raw)
            except (ValueError, UnicodeDecodeError) as exc:
                self.on_error.malformed(self.path, number, f"not valid JSON ({exc})")
                continue
            if not isinstance(record, dict):
                self.on_error.malformed(self.path, number, f"a JSON {type(record).__name__}, not an object")
                continue
            rows += 1
            if missing:
                missing.difference_update(record)
                for key in record:
                    if len(keys) < KEYS_SHOWN:
                        keys.setdefault(key)
            records.append(record)
            lines.append(number)
            if len(records) == self.chunk_size:
                yield self._chunk(records, lines)
                records, lines = [], []
        if records:
            yield self._chunk(records, lines)
        if rows and missing:
            self._no_row_has(missing, keys)

    def _csv(self, binary: BinaryIO) -> Iterator[Chunk]:
        text = io.TextIOWrapper(binary, encoding="utf-8-sig", newline="")  # -sig: a BOM is not part of the header
        _allow_long_csv_fields()
        reader = csv.DictReader(text)
        try:
            header = reader.fieldnames
        except UnicodeDecodeError as exc:
            raise DataError(f"{self.path}: not UTF-8 ({exc})") from None
        if not header:
            return
        self._require_columns(header, "in the header ({})")
        records: List[Dict[str, Any]] = []
        lines: List[int] = []
        while True:
            start = reader.line_num + 1
            try:
                record = next(reader)
            except StopIteration:
                break
            except UnicodeDecodeError as exc:
                # The decoder would fail on the same bytes again: no line to skip past.
                raise DataError(
                    f"{self.path}, line {start}: not UTF-8 ({exc.reason}); save the file as UTF-8"
                ) from None
            except csv.Error as exc:
                self.on_error.malformed(self.path, start, f"not valid CSV ({exc})")
                continue
            if None in record:  # more cells than header columns
                self.on_error.malformed(
                    self.path, start, f"{len(header) + len(record[None])} cells but the header has {len(header)}"
                )
                continue
            records.append(record)
            lines.append(start)
            if len(records) == self.chunk_size:
                yield self._chunk(records, lines)
                records, lines = [], []
        if records:
            yield self._chunk(records, lines)

    def _parquet(self) -> Iterator[Chunk]:
        try:
            parquet = pq.ParquetFile(self.path)
        except (pa.ArrowInvalid, OSError) as exc:
            raise DataError(f"{self.path}: not a readable Parquet file ({exc})") from None
        self._require_columns(parquet.schema_arrow.names, "(columns: {})")
        total = max(1, parquet.metadata.num_rows)
        done = 0
        batches = parquet.iter_batches(batch_size=self.chunk_size)
        while True:
            # A damaged page shows only when its batch is decoded (pyarrow's OSError or
            # ArrowInvalid), invalid UTF-8 in a string column only when it becomes str.
            try:
                batch = next(batches, None)
                if batch is None:
                    return
                table = pa.Table.from_batches([batch])
                lines = list(range(done + 1, done + 1 + table.num_rows))
                chunk = self._chunk(table, lines)
            except (pa.ArrowException, OSError, UnicodeDecodeError) as exc:
                raise DataError(f"{self.path}, rows after {done}: damaged Parquet data ({exc})") from None
            done += table.num_rows
            self._parquet_fraction = done / total
            yield chunk


def _allow_long_csv_fields() -> None:
    """The csv module refuses fields over 131,072 characters by default; a scraped article
    can be longer (one line of a whole site, a base64 image). Raises the limit, which is the
    module's, to the largest the platform's C long holds."""
    limit = sys.maxsize
    while True:
        try:
            csv.field_size_limit(limit)
            return
        except OverflowError:  # sys.maxsize is wider than a C long (64-bit Windows)
            limit //= 2


def read_chunks(
    path: PathLike,
    text_field: str = "text",
    id_field: Optional[str] = None,
    chunk_size: int = 10_000,
    on_error: Union[str, OnError] = "raise",
) -> Reader:
    """A :class:`Reader` over ``path`` (iterate it for chunks)."""
    return Reader(path, text_field=text_field, id_field=id_field, chunk_size=chunk_size, on_error=on_error)


def _fsync_directory(directory: str) -> None:
    """Makes a rename in ``directory`` durable (as the core does after saving an index)."""
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError as exc:  # some file systems cannot fsync a directory; the rename is done
        if exc.errno != errno.EINVAL:
            raise
    finally:
        os.close(fd)


def _select(records: Records, keep: Sequence[bool]) -> Records:
    if isinstance(records, pa.Table):
        return records.filter(pa.array(keep, type=pa.bool_()))
    return [r for r, k in zip(records, keep) if k]


def _as_dicts(records: Records) -> List[Dict[str, Any]]:
    return records.to_pylist() if isinstance(records, pa.Table) else records


def _without_surrogates(value: Any) -> Any:
    if isinstance(value, str):
        return value.encode("utf-8", "replace").decode("utf-8")
    if isinstance(value, dict):
        return {k: _without_surrogates(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_without_surrogates(v) for v in value]
    return value


class Writer:
    """Writes chunks to a temporary file beside ``path`` and renames it into place when
    complete, so readers never see half an output and a failed run leaves an existing file
    as it was. Use it as ``with Writer(path) as w:``: the block's normal end finishes the
    file (:meth:`close`), an exception (Ctrl-C too) discards it (:meth:`abort`).

    The temporary is named ``.<name>.tmp-<pid>-<random>`` by ``warta._core`` (as index files'
    are), which first removes the temporaries of ``path`` whose process no longer exists: a
    run killed with SIGKILL cannot remove its own, the next writer of the same path does.

    CSV: the header names every key of every row, in the order keys first appear. Rows are
    written as they come, under the keys known so far; when a later row brings a new key,
    :meth:`close` copies the file once more under the full header (one row in memory at a
    time, twice the output's size on disk for that moment)."""

    def __init__(self, path: PathLike):
        self.path = os.fspath(path)
        self.format = file_format(self.path)
        if self.format == "parquet" and self.path.lower().endswith(".gz"):
            raise DataError(f"{self.path}: Parquet compresses itself; drop the .gz")
        self._gz = self.path.lower().endswith(".gz")
        self._open_temporary()
        self._csv: Any = None  # a csv.writer
        self._fields: Dict[str, None] = {}  # CSV: every key written, in order of first appearance
        self._header = 0  # CSV: how many of them the header at the top of the file names
        self._parquet: Optional[pq.ParquetWriter] = None
        self._finished = False
        self.rows = 0

    def _open_temporary(self) -> None:
        self._tmp = _core.create_temporary_beside(self.path)
        self._raw = open(self._tmp, "wb")
        # filename="": the temporary's name is not the file's, and gzip would record it
        self._out: Any = gzip.GzipFile(fileobj=self._raw, mode="wb", filename="") if self._gz else self._raw
        self._text: Optional[io.TextIOWrapper] = None

    def __enter__(self) -> Writer:
        return self

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abort()

    def write(
        self, records: Records, keep: Optional[Sequence[bool]] = None, columns: Optional[Dict[str, List[Any]]] = None
    ) -> None:
        """Writes the rows with ``keep`` set (all by default), with extra ``columns``."""
        if keep is not None:
            records = _select(records, keep)
            if columns:
                columns = {k: [v for v, s in zip(vals, keep) if s] for k, vals in columns.items()}
        columns = columns or {}
        if self.format == "parquet":
            self._write_parquet(records, columns)
        else:
            dicts = [dict(r) for r in _as_dicts(records)] if columns else _as_dicts(records)
            for name, values in columns.items():
                for d, v in zip(dicts, values):
                    d[name] = v
            self._write_jsonl(dicts) if self.format == "jsonl" else self._write_csv(dicts)
            self.rows += len(dicts)

    def _text_out(self) -> io.TextIOWrapper:
        if self._text is None:
            # Lone surrogates (scraped text has them) cannot be UTF-8: JSON Lines escapes them
            # (see _write_jsonl), CSV writes "?" as warta's core reads them.
            errors = "strict" if self.format == "jsonl" else "replace"
            self._text = io.TextIOWrapper(self._out, encoding="utf-8", errors=errors, newline="", write_through=False)
        return self._text

    def _write_jsonl(self, dicts: List[Dict[str, Any]]) -> None:
        out = self._text_out()
        for d in dicts:
            try:
                out.write(json.dumps(d, ensure_ascii=False, default=str) + "\n")
            except UnicodeEncodeError:  # a lone surrogate: \uXXXX escapes keep it exactly
                out.write(json.dumps(d, ensure_ascii=True, default=str) + "\n")

    def _write_csv(self, dicts: List[Dict[str, Any]]) -> None:
        if not dicts:
            return
        for d in dicts:
            for key in d:
                if key not in self._fields:
                    self._fields[key] = None
        if self._csv is None:
            self._csv = csv.writer(self._text_out())
            self._csv.writerow(self._fields)
            self._header = len(self._fields)
        fields = list(self._fields)
        self._csv.writerows([d.get(k) for k in fields] for d in dicts)

    def _rewrite_csv_header(self) -> None:
        """Copies the sealed CSV temporary to a new one under the full header. Keys are only
        ever added at the end, so each row's cells are a prefix of the full row: padding with
        empty cells completes it."""
        old = self._tmp
        try:
            self._open_temporary()
            out = csv.writer(self._text_out())
            out.writerow(self._fields)
            width = len(self._fields)
            _allow_long_csv_fields()
            binary: Any = gzip.open(old, "rb") if self._gz else open(old, "rb")
            with io.TextIOWrapper(binary, encoding="utf-8", newline="") as text:
                rows = csv.reader(text)
                next(rows)  # the header written first
                for row in rows:
                    out.writerow(row + [""] * (width - len(row)))
        finally:
            os.unlink(old)  # the new temporary is abort()'s to remove if this failed

    def _write_parquet(self, records: Records, columns: Dict[str, List[Any]]) -> None:
        try:
            table = self._as_table(records, columns)
        except UnicodeEncodeError:  # lone surrogates: written as "?", as warta's core reads them
            records, columns = _without_surrogates(_as_dicts(records)), _without_surrogates([columns])[0]
            table = self._as_table(records, columns)
        if self._parquet is None:
            # A column that is all null in the first chunk would pin the type "null".
            schema = pa.schema([f.with_type(pa.string()) if pa.types.is_null(f.type) else f for f in table.schema])
            self._parquet = pq.ParquetWriter(self._out, schema)
            self._schema = schema
        try:
            table = table.select(self._schema.names).cast(self._schema)
        except (KeyError, pa.ArrowInvalid, pa.ArrowNotImplementedError) as exc:
            raise DataError(
                f"{self.path}: the rows change columns or types along the input ({exc}); "
                "write JSON Lines instead, or make the input's columns consistent"
            ) from None
        self._parquet.write_table(table)
        self.rows += table.num_rows

    @staticmethod
    def _as_table(records: Records, columns: Dict[str, List[Any]]) -> pa.Table:
        table = records if isinstance(records, pa.Table) else pa.Table.from_pylist(records)
        for name, values in columns.items():
            if name in table.column_names:
                table = table.drop_columns([name])
            table = table.append_column(name, pa.array(values))
        return table

    def close(self) -> None:
        """Finishes the file (:meth:`finish`) and moves it to ``path`` (atomically, replacing
        any old one)."""
        self.finish()
        os.replace(self._tmp, self.path)
        _fsync_directory(os.path.dirname(os.path.abspath(self.path)))

    def finish(self) -> None:
        """Completes the temporary file (written and fsynced) without putting it in place, so
        that a caller that commits two files (``warta dedup``: the output and the index) can
        do all that may fail for both before renaming either; :meth:`close` then only renames.
        If finishing fails (a full disk), the temporary file is removed and ``path`` kept."""
        if self._finished:
            return
        try:
            if self._parquet is not None:
                self._parquet.close()
            elif self.format == "parquet":  # no rows at all: still a valid (empty) Parquet file
                pq.write_table(pa.table({}), self._out)
            self._seal()
            if len(self._fields) > self._header:
                self._rewrite_csv_header()
                self._seal()
        except BaseException:
            self.abort()
            raise
        self._finished = True

    def _seal(self) -> None:
        """Flushes every layer into the temporary file, fsyncs and closes it."""
        if self._text is not None:
            self._text.flush()
            self._text.detach()
        if self._out is not self._raw:
            self._out.close()
        self._raw.flush()
        os.fsync(self._raw.fileno())
        self._raw.close()

    def abort(self) -> None:
        """Discards what was written; ``path`` is left as it was."""
        try:
            # Outermost layer first, so that none flushes into a closed file when collected
            # later; their errors are dropped: the error that made us abort is the one to see.
            for layer in (self._parquet, self._text, self._out, self._raw):
                if layer is not None:
                    with contextlib.suppress(Exception):
                        layer.close()
        finally:
            if os.path.exists(self._tmp):
                os.unlink(self._tmp)
