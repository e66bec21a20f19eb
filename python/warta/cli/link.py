"""``warta link``: link the entities of every text in a JSONL, CSV or Parquet file.

    warta link articles.jsonl -o mentions.parquet --gazetteer my.csv --date-field date

Writes one row per mention: ``doc`` (0-based number of the row in the input), the
``--id-field`` value when given, start, end, text, entity_id, label, score. Input is read and
linked chunk by chunk (warta.io), so files larger than memory work, and the output appears
atomically when the run succeeds. Rows whose text is missing or not a string have no mentions
and are counted in the summary. Exit codes as for ``warta dedup``: 0 success, 1 data errors
(malformed input or gazetteer), 2 usage errors.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from typing import Any, Dict, List, Optional

import pyarrow as pa

from .._batch import resolve_n_jobs
from ..gazetteer import Gazetteer, GazetteerError
from ..io import Chunk, DataError, OnError, Reader, Writer
from ..link import EntityLinker
from .usage import UsageError, add_on_error_option, check_files, library_checks, path_arg


def _load_gazetteer(paths: Optional[List[str]]) -> Gazetteer:
    gaz: Optional[Gazetteer] = None
    for p in paths or ["default"]:
        if p != "default" and not os.path.isfile(p):
            raise UsageError(f"gazetteer {p!r} does not exist (or is not a file)")
        try:
            part = Gazetteer.default() if p == "default" else Gazetteer.from_csv(p)
        except GazetteerError as exc:
            raise DataError(str(exc)) from None
        gaz = part if gaz is None else gaz.merged(part)
    assert gaz is not None
    return gaz


def _link_chunk(linker: EntityLinker, chunk: Chunk, first_doc: int, args: argparse.Namespace) -> pa.Table:
    texts = [t if isinstance(t, str) else None for t in chunk.texts]
    dates = chunk.field(args.date_field) if args.date_field else None
    try:
        table = linker.link_batch(texts, dates, n_jobs=args.jobs)
    except ValueError as exc:  # a bad date
        raise DataError(f"lines {chunk.line[0]}-{chunk.line[-1]}: {exc}") from None
    table["doc"] += first_doc
    table["label"] = table["label"].astype(str)
    if args.id_field:
        table.insert(1, args.id_field, [chunk.ids[d - first_doc] for d in table["doc"]])
    return pa.Table.from_pandas(table, preserve_index=False)


def run(args: argparse.Namespace) -> int:
    check_files([args.input], args.output)
    with library_checks():
        resolve_n_jobs(args.jobs)  # before any work; link_batch checks it only when a chunk arrives
    start = time.perf_counter()
    linker = EntityLinker(_load_gazetteer(args.gazetteer), fuzzy=not args.no_fuzzy)
    on_error = OnError(args.on_error)
    # A field no row has (a typo in --text-field, --id-field or --date-field) is a data error
    # the Reader raises, as for `warta dedup`: mentions without dates would be silently wrong.
    reader = Reader(
        args.input,
        text_field=args.text_field,
        id_field=args.id_field,
        on_error=on_error,
        fields={"date": args.date_field} if args.date_field else None,
    )
    stats: Dict[str, int] = {"docs": 0, "missing": 0, "mentions": 0}
    with Writer(args.output) as writer:
        for chunk in reader:
            table = _link_chunk(linker, chunk, stats["docs"], args)
            stats["docs"] += len(chunk)
            stats["missing"] += sum(1 for t in chunk.texts if not isinstance(t, str) or not t.strip())
            stats["mentions"] += table.num_rows
            if table.num_rows:
                writer.write(table)
    if not args.quiet:
        print(
            f"warta link: {stats['docs']:,} documents, {stats['mentions']:,} mentions, {stats['missing']:,} without "
            f"text, {on_error.skipped.count:,} malformed lines skipped, {time.perf_counter() - start:.2f}s -> {args.output}",
            file=sys.stderr,
        )
    return 0


def add_command(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "link",
        help="link officials, offices, organizations and places to a gazetteer",
        description=(__doc__ or "").split("\n\n")[0],
    )
    p.add_argument("input", type=path_arg, help="JSONL, CSV or Parquet file (.gz allowed for JSONL/CSV)")
    p.add_argument("-o", "--output", required=True, type=path_arg, help="mentions file: .jsonl, .csv or .parquet")
    p.add_argument(
        "--gazetteer",
        action="append",
        metavar="CSV",
        type=path_arg,
        help="gazetteer CSV (repeatable; 'default' = the bundled one; default: the bundled one)",
    )
    p.add_argument("--text-field", default="text", help="field holding the text (default: text)")
    p.add_argument(
        "--date-field", default=None, help="field holding the article date (ISO), used to pick office holders"
    )
    p.add_argument("--id-field", default=None, help="field to copy into each mention row (e.g. url)")
    add_on_error_option(p)
    p.add_argument("--jobs", type=int, default=None, help="threads (default: all cores)")
    p.add_argument("--no-fuzzy", action="store_true", help="do not look up misspelled names")
    p.add_argument("-q", "--quiet", action="store_true", help="no summary on stderr")
    p.set_defaults(func=run)
