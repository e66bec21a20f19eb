"""``warta link``: link the entities of every text in a JSONL, CSV or Parquet file.

    warta link articles.jsonl -o mentions.parquet --gazetteer my.csv --date-field date

Writes one row per mention: ``doc`` (0-based row number in the input), the ``--id-field``
value when given, start, end, text, entity_id, label, score. Input is read and linked in
chunks, so files larger than memory work. Rows whose text is missing or not a string have no
mentions and are counted in the summary.

The readers and writers here are deliberately small; they stream JSON Lines (optionally
.gz), CSV (optionally .gz) and Parquet.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from pathlib import Path
from typing import IO, Any, Dict, Iterator, List, Optional

import pandas as pd

from .gazetteer import Gazetteer, GazetteerError

CHUNK_ROWS = 2000
FORMATS = ("jsonl", "csv", "parquet")


class DataError(Exception):
    """A problem with the input data (exit code 1)."""


def file_format(path: Path) -> str:
    suffixes = [s.lower() for s in path.suffixes if s.lower() != ".gz"]
    ext = suffixes[-1] if suffixes else ""
    if ext in (".jsonl", ".ndjson", ".json"):
        return "jsonl"
    if ext in (".csv",):
        return "csv"
    if ext in (".parquet", ".pq"):
        return "parquet"
    raise DataError(f"cannot tell the format of {path}: use a .jsonl, .csv or .parquet name (optionally .gz)")


def _open_text(path: Path, mode: str) -> IO[str]:
    if path.suffix.lower() == ".gz":
        return gzip.open(path, mode + "t", encoding="utf-8", newline="")  # type: ignore[return-value]
    return open(path, mode, encoding="utf-8", newline="")


def read_chunks(path: Path) -> Iterator[pd.DataFrame]:
    """The rows of a JSONL/CSV/Parquet file as DataFrames of up to CHUNK_ROWS rows."""
    fmt = file_format(path)
    if fmt == "parquet":
        import pyarrow.parquet as pq

        for batch in pq.ParquetFile(path).iter_batches(batch_size=CHUNK_ROWS):
            yield batch.to_pandas()
    elif fmt == "csv":
        with _open_text(path, "r") as f:
            yield from pd.read_csv(f, chunksize=CHUNK_ROWS, dtype=str, keep_default_na=False, na_values=[""])
    else:
        rows: List[Dict[str, Any]] = []
        with _open_text(path, "r") as f:
            for line_no, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise DataError(f"{path}:{line_no}: not valid JSON ({exc.msg})") from None
                if not isinstance(row, dict):
                    raise DataError(f"{path}:{line_no}: expected a JSON object per line")
                rows.append(row)
                if len(rows) == CHUNK_ROWS:
                    yield pd.DataFrame(rows)
                    rows = []
        if rows:
            yield pd.DataFrame(rows)


class MentionWriter:
    """Appends mention tables to a JSONL, CSV or Parquet file."""

    def __init__(self, path: Path):
        self.path = path
        self.format = file_format(path)
        self._file: Optional[IO[str]] = None
        self._parquet: Any = None
        self._header = True

    def write(self, table: pd.DataFrame) -> None:
        if self.format == "parquet":
            import pyarrow as pa
            import pyarrow.parquet as pq

            arrow = pa.Table.from_pandas(table, preserve_index=False)
            if self._parquet is None:
                self._parquet = pq.ParquetWriter(self.path, arrow.schema)
            self._parquet.write_table(arrow.cast(self._parquet.schema))
            return
        if self._file is None:
            self._file = _open_text(self.path, "w")
        if self.format == "csv":
            table.to_csv(self._file, index=False, header=self._header)
            self._header = False
        else:
            for row in table.to_dict("records"):
                self._file.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")

    def close(self, empty_schema: pd.DataFrame) -> None:
        if self.format == "parquet" and self._parquet is None:
            self.write(empty_schema)
        if self.format == "csv" and self._header:
            self.write(empty_schema)
        if self._parquet is not None:
            self._parquet.close()
        if self._file is None and self.format == "jsonl":
            self._file = _open_text(self.path, "w")
        if self._file is not None:
            self._file.close()


def _load_gazetteer(paths: Optional[List[str]]) -> Gazetteer:
    if not paths:
        return Gazetteer.default()
    gaz: Optional[Gazetteer] = None
    for p in paths:
        part = Gazetteer.default() if p == "default" else Gazetteer.from_csv(p)
        gaz = part if gaz is None else gaz.merged(part)
    assert gaz is not None
    return gaz


def _link_chunk(linker: Any, chunk: pd.DataFrame, offset: int, args: argparse.Namespace, stats: Dict[str, int]) -> pd.DataFrame:
    if args.text_field not in chunk.columns:
        raise DataError(f"no field {args.text_field!r} in the input (fields: {', '.join(map(str, chunk.columns))}); "
                        "choose one with --text-field")
    texts = [t if isinstance(t, str) else None for t in chunk[args.text_field].tolist()]
    stats["missing"] += sum(t is None for t in texts)
    dates = None
    if args.date_field:
        if args.date_field not in chunk.columns:
            raise DataError(f"no field {args.date_field!r} in the input; choose one with --date-field")
        dates = chunk[args.date_field].tolist()
    try:
        table = linker.link_batch(texts, dates, n_jobs=args.jobs)
    except ValueError as exc:
        raise DataError(f"rows {offset}-{offset + len(texts) - 1}: {exc}") from None
    if args.id_field:
        if args.id_field not in chunk.columns:
            raise DataError(f"no field {args.id_field!r} in the input; choose one with --id-field")
        ids = chunk[args.id_field].to_numpy()
        table.insert(1, args.id_field, ids[table["doc"].to_numpy()])
    table["doc"] += offset
    table["label"] = table["label"].astype(str)
    return table


def run_link(args: argparse.Namespace) -> int:
    from .link import EntityLinker

    t0 = time.perf_counter()
    try:
        gaz = _load_gazetteer(args.gazetteer)
    except (GazetteerError, FileNotFoundError) as exc:
        print(f"warta link: {exc}", file=sys.stderr)
        return 1
    linker = EntityLinker(gaz, fuzzy=not args.no_fuzzy)
    inp, out = Path(args.input), Path(args.output)
    stats = {"docs": 0, "missing": 0, "mentions": 0}
    try:
        file_format(out)
        if not inp.is_file():
            raise DataError(f"input file not found: {inp}")
        writer = MentionWriter(out)
        empty = pd.DataFrame({"doc": pd.Series(dtype="int64"), "start": pd.Series(dtype="int64"),
                              "end": pd.Series(dtype="int64"), "text": pd.Series(dtype=object),
                              "entity_id": pd.Series(dtype=object), "label": pd.Series(dtype=object),
                              "score": pd.Series(dtype="float32")})
        if args.id_field:
            empty.insert(1, args.id_field, pd.Series(dtype=object))
        try:
            for chunk in read_chunks(inp):
                table = _link_chunk(linker, chunk, stats["docs"], args, stats)
                stats["docs"] += len(chunk)
                stats["mentions"] += len(table)
                if len(table):
                    writer.write(table)
        finally:
            writer.close(empty)
    except DataError as exc:
        print(f"warta link: {exc}", file=sys.stderr)
        return 1
    if not args.quiet:
        dt = time.perf_counter() - t0
        print(f"warta link: {stats['docs']} documents, {stats['mentions']} mentions, "
              f"{stats['missing']} without text, {dt:.2f}s -> {out}", file=sys.stderr)
    return 0


def add_link_command(subparsers: Any) -> None:
    """Registers ``warta link`` on the CLI's subparsers."""
    p = subparsers.add_parser("link", help="link officials, offices, organizations and places to a gazetteer",
                              description=__doc__.split("\n\n")[0] if __doc__ else None)
    p.add_argument("input", help="JSONL, CSV or Parquet file (.gz allowed for JSONL/CSV)")
    p.add_argument("-o", "--output", required=True, help="mentions file: .jsonl, .csv or .parquet")
    p.add_argument("--gazetteer", action="append", metavar="CSV",
                   help="gazetteer CSV (repeatable; 'default' = the bundled one; default: the bundled one)")
    p.add_argument("--text-field", default="text", help="field holding the text (default: text)")
    p.add_argument("--date-field", default=None, help="field holding the article date (ISO), used to pick office holders")
    p.add_argument("--id-field", default=None, help="field to copy into each mention row (e.g. url)")
    p.add_argument("--jobs", type=int, default=None, help="threads (default: all cores)")
    p.add_argument("--no-fuzzy", action="store_true", help="do not look up misspelled names")
    p.add_argument("-q", "--quiet", action="store_true", help="no summary on stderr")
    p.set_defaults(func=run_link)
