"""``warta dedup --dask local:N | SCHEDULER``: the same deduplication on a Dask cluster.

    warta dedup day1.jsonl day2.jsonl -o out.parquet --dask local:4 --id-field url

The inputs are read as one Dask DataFrame (JSON Lines, CSV or Parquet; a partition per block
or file), :func:`warta.dask.dedup` marks every row, and the workers write the output: a
Parquet directory (one file per partition) or, for a .csv/.jsonl name, one file the
partitions are appended to in order (one partition at a time through the client). One run
is one batch: no index (``--index``, windows, keep rules over history) on this path.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

from .. import dask as wdask
from ..io import DataError
from .usage import UsageError, library_checks

# Options of `warta dedup` that need the index, which the Dask path has none of.
INDEX_ONLY = (
    ("index", "--index"),
    ("window", "--window"),
    ("source_priority", "--source-priority"),
    ("date_field", "--date-field"),
)


def check_options(args: argparse.Namespace) -> None:
    for attr, flag in INDEX_ONLY:
        if getattr(args, attr, None):
            raise UsageError(f"{flag} needs the index, which --dask does not use (one run is one batch)")
    if args.explain:
        raise UsageError("--explain is not available with --dask")
    if args.keep == "earliest":
        raise UsageError("--keep earliest needs --date-field and the index: not available with --dask")


def run(args: argparse.Namespace) -> int:
    check_options(args)
    start = time.perf_counter()
    try:
        client = wdask.client(args.dask)
    except (ImportError, OSError, ValueError) as exc:
        raise UsageError(str(exc)) from None
    with client:
        try:
            frame = wdask.read_files(args.inputs, args.text_field)
        except KeyError as exc:
            raise DataError(exc.args[0]) from None
        with library_checks():
            out = wdask.dedup(
                frame,
                args.text_field,
                id_column=args.id_field,
                measure=args.measure or "story",
                threshold=args.threshold,
                num_perm=args.num_perm or 128,
                keep=args.keep,
                strip_boilerplate=not args.keep_boilerplate,
                correct_typos=args.correct_typos,
            )
        if args.drop_duplicates:
            out = out[~out["is_duplicate"]]
        wdask.write_file(out, args.output)
    if not args.quiet:
        seconds = time.perf_counter() - start
        print(f"warta dedup --dask {args.dask}: wrote {os.fspath(args.output)} in {seconds:.1f} s", file=sys.stderr)
    return 0
