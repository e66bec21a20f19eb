"""``warta dedup``: mark or drop the near-duplicates in JSONL, CSV or Parquet files.

    warta dedup day2.jsonl -o out.jsonl --index state.idx --id-field url

The inputs are read chunk by chunk (warta.io) and each chunk is added to a
:class:`~warta.DedupIndex`, so a chunk is deduplicated against every chunk before it and,
with ``--index``, against every earlier run. Nothing is replaced unless the run succeeds,
and then in this order: the output is written completely to its temporary file (fsynced),
the index is saved (atomically: its own temporary, renamed), the output's temporary is renamed
into place. So whatever fails (a full disk while saving the index, too) leaves the previous
output and the previous index. Only a kill between the two renames (a window of one
rename) leaves the new index beside the previous output: the run's rows are then history to
the index, so a re-run marks them as duplicates of history (with ``--id-field`` it stops at
the first row: id already added). The other order would be worse: a failed save, the likely
failure, would leave the new output beside the old index.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from dataclasses import dataclass, field
from typing import Any, List, Optional, Set

from ..explain import explain
from ..index import DedupIndex
from ..io import Chunk, DataError, Lines, OnError, Reader, Writer
from . import dedup_dask
from .progress import Progress
from .usage import UsageError, add_on_error_option, check_files, library_checks, path_arg


@dataclass
class DedupSummary:
    read: int = 0
    within_batch: int = 0
    against_history: int = 0
    written: int = 0
    kept: int = 0
    first_new_cluster: int = 0  # cluster ids below this come from earlier runs
    merges: int = 0  # stored clusters merged by a bridging text
    expired: int = 0  # documents the index's window expired
    history_clusters: set = field(default_factory=set)  # bounded by the duplicates of history
    invalid: Lines = field(default_factory=Lines)
    skipped: Lines = field(default_factory=Lines)  # the run's OnError.skipped
    seconds: float = 0.0
    explanations: Optional[List[dict]] = None  # with --explain N: the sample, written beside the output

    def lines(self, index_path: Optional[str], index_size: int) -> List[str]:
        rate = self.read / self.seconds if self.seconds > 0 else 0.0
        out = [
            f"documents read:          {self.read:,}",
            f"duplicates in this run:  {self.within_batch:,}",
            f"duplicates of history:   {self.against_history:,}",
            f"clusters (stories):      {self.kept + len(self.history_clusters):,} "
            f"({self.kept:,} new, {len(self.history_clusters):,} seen before)",
            f"rows written:            {self.written:,}",
        ]
        if self.invalid.count:
            out.append(f"rows without text (passed through, not deduplicated): {self.invalid}")
        if self.skipped.count:
            out.append(f"lines skipped (--on-error skip): {self.skipped}")
        if self.merges:
            out.append(f"clusters merged:         {self.merges:,} (a text bridged two stories; the older id stays)")
        if self.expired:
            out.append(f"documents expired:       {self.expired:,} (older than the index's window)")
        if index_path:
            out.append(f"index {index_path}: {index_size:,} stored documents (duplicates included)")
        out.append(f"time: {self.seconds:.2f} s ({rate:,.0f} docs/s)")
        return out


def _open_index(args: argparse.Namespace) -> DedupIndex:
    """Loads ``--index`` if it exists (its parameters must be the ones asked for), else a new index."""
    asked = {
        "measure": args.measure,
        "threshold": args.threshold,
        "num_perm": args.num_perm,
        "strip_boilerplate": False if args.keep_boilerplate else None,
        "correct_typos": None if args.correct_typos else False,
    }
    if args.index and os.path.exists(args.index):
        return DedupIndex.load(args.index, **asked)
    return DedupIndex(
        measure=args.measure or "story",
        threshold=args.threshold,
        num_perm=128 if args.num_perm is None else args.num_perm,
        strip_boilerplate=not args.keep_boilerplate,
        correct_typos=args.correct_typos,  # default on, as for warta.dedup
        window=args.window,
    )


def _check_ids(index: DedupIndex, chunk: Chunk, valid: List[int], reader: Reader) -> List[int]:
    """Rows whose id is missing, already stored, or repeated in the chunk go to the run's
    on-error policy like malformed lines: they stop the run, or are skipped and counted."""
    out: List[int] = []
    seen: Set[Any] = set()
    for i in valid:
        id_ = chunk.ids[i]
        problem = None
        if id_ is None:
            problem = f"no id field {reader.id_field!r}"
        elif not isinstance(id_, (str, int)) or isinstance(id_, bool):
            problem = f"id {id_!r} is {type(id_).__name__}, expected a string or an integer"
        elif id_ in seen or id_ in index:
            problem = f"id {id_!r} was already added (ids must be unique)"
        if problem is None:
            seen.add(id_)
            out.append(i)
            continue
        reader.on_error.malformed(reader.path, chunk.line[i], problem)
    return out


def _dedup_chunk(
    index: DedupIndex, chunk: Chunk, reader: Reader, writer: Writer, args: argparse.Namespace, summary: DedupSummary
) -> None:
    valid_set = set(range(len(chunk))) - set(chunk.invalid)
    for i in chunk.invalid:
        summary.invalid.add(reader.path, chunk.line[i])
    valid = sorted(valid_set)
    skipped: set = set()
    if reader.id_field:
        checked = _check_ids(index, chunk, valid, reader)
        skipped = set(valid) - set(checked)
        valid = checked
        ids: Optional[List[Any]] = [chunk.ids[i] for i in valid]
    else:
        ids = None
    dates = None
    if args.date_field:
        column = chunk.field(args.date_field)
        dates = [column[i] for i in valid]
    keep: Any = args.keep if not args.source_priority else [s.strip() for s in args.source_priority.split(",")]
    try:
        result = index.add_batch([chunk.texts[i] for i in valid], ids=ids, dates=dates, keep=keep)
    except ValueError as exc:  # a date that does not parse
        raise DataError(f"{reader.path}: lines {chunk.line[0]}-{chunk.line[-1]}: {exc}") from None
    summary.merges += len(result.attrs["merges"])
    summary.expired += result.attrs["expired"]
    n = len(chunk)
    summary.read += n
    # "History" is what the index held before this run: earlier chunks of the run are
    # earlier batches to the index, but their clusters have ids from history_clusters on.
    is_dup = result["is_duplicate"].to_numpy()
    in_history = is_dup & (result["cluster_id"].to_numpy() < summary.first_new_cluster)
    summary.against_history += int(in_history.sum())
    summary.within_batch += int((is_dup & ~in_history).sum())
    summary.kept += int((~is_dup).sum())
    summary.history_clusters.update(result["cluster_id"][in_history].tolist())

    cluster: List[Any] = [None] * n
    duplicate_of: List[Any] = [None] * n
    similarity: List[Any] = [None] * n
    for row, (c, d, s) in zip(
        valid, zip(result["cluster_id"].tolist(), result["duplicate_of"], result["similarity"].tolist())
    ):
        cluster[row] = int(c)
        duplicate_of[row] = d
        similarity[row] = None if s != s else round(float(s), 4)
    keep = [i not in skipped for i in range(n)]
    if args.drop_duplicates:
        keep = [k and duplicate_of[i] is None for i, k in enumerate(keep)]
        columns = None
    else:
        columns = {"cluster_id": cluster, "duplicate_of": duplicate_of, "similarity": similarity}
    before = writer.rows
    writer.write(chunk.records, keep=keep, columns=columns)
    summary.written += writer.rows - before
    if summary.explanations is not None:
        _explain_some(index, chunk, valid, result, args.explain, summary.explanations)


def _explain_some(index: DedupIndex, chunk: Chunk, valid: List[int], result: Any, limit: int, out: List[dict]) -> None:
    """Adds explanations of the chunk's duplicates whose kept copy is in the same chunk (the
    index keeps no texts), up to ``limit`` in all, in input order."""
    row_of = {i: row for row, i in zip(valid, result["id"].tolist())}
    params = index.params
    for row, id_, kept, sim in zip(valid, result["id"], result["duplicate_of"], result["similarity"]):
        if len(out) >= limit:
            return
        if kept is None or kept not in row_of:
            continue
        e = explain(chunk.texts[row], chunk.texts[row_of[kept]], ngram=params["ngram"], seed=params["seed"])
        out.append(
            {
                "id": id_,
                "duplicate_of": kept,
                "similarity": round(float(sim), 4),
                "jaccard": round(e.jaccard, 4),
                "containment": round(e.containment, 4),
                "story": round(e.story, 4),  # warta.dedup's, opening rule included
                "opening": round(e.opening, 4),
                "number_agreement": round(e.number_agreement, 4),
                "shingles": [e.shingles_a, e.shingles_b, e.shared],
                "passages": [list(p) for p in e.passages[:5]],
                "chrome": [[list(s) for s in e.chrome_a], [list(s) for s in e.chrome_b]],
            }
        )


def explain_path(output: str) -> str:
    """Where ``--explain`` writes its sample: beside the output."""
    return output + ".explain.jsonl"


def _so_far(summary: DedupSummary) -> str:
    return f"{summary.within_batch + summary.against_history:,} duplicates so far"


def run(args: argparse.Namespace) -> int:
    if args.dask:
        check_files(args.inputs, args.output)
        return dedup_dask.run(args)
    check_files(args.inputs, args.output, args.index)
    on_error = OnError(args.on_error)
    with library_checks():
        readers = [
            Reader(
                p,
                text_field=args.text_field,
                id_field=args.id_field,
                chunk_size=args.chunk_size,
                on_error=on_error,
                fields={"date": args.date_field} if args.date_field else None,
            )
            for p in args.inputs
        ]
        index = _open_index(args)
    if args.explain < 0:
        raise UsageError(f"--explain must be >= 0, got {args.explain}")
    summary = DedupSummary(
        first_new_cluster=index.stats()["cluster_ids"],
        skipped=on_error.skipped,
        explanations=[] if args.explain else None,
    )
    progress = Progress(sum(r.size for r in readers), "dedup", args.quiet)
    start = time.perf_counter()
    try:
        with Writer(args.output) as writer:
            done_bytes = 0
            for reader in readers:
                for chunk in reader:
                    _dedup_chunk(index, chunk, reader, writer, args, summary)
                    progress.update(done_bytes + reader.bytes_read, summary.read, _so_far(summary))
                done_bytes += reader.size
            # The output is complete but not in place; the index is saved before it is (see
            # the module's docstring), so that a save that fails discards the output too.
            writer.finish()
            if args.index:
                index.save(args.index)
        if summary.explanations is not None:
            with Writer(explain_path(args.output)) as sample:
                sample.write(summary.explanations)
                sample.finish()
    finally:
        progress.close(_so_far(summary))
    summary.seconds = time.perf_counter() - start
    if not args.quiet:
        for line in summary.lines(args.index, len(index)):
            print(line, file=sys.stderr)
    return 0


def add_command(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "dedup",
        help="mark or drop near-duplicate articles in JSONL/CSV/Parquet files",
        description="Deduplicates the INPUT files (in order) within themselves and, with --index, "
        "against every earlier run; writes OUTPUT (format from its name).",
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT", type=path_arg, help=".jsonl/.csv/.parquet, optionally .gz")
    p.add_argument(
        "-o", "--output", required=True, type=path_arg, help="output file (.jsonl/.csv/.parquet, optionally .gz)"
    )
    p.add_argument(
        "--index",
        metavar="STATE",
        type=path_arg,
        help="index file: loaded before (if it exists) and saved after, atomically",
    )
    p.add_argument(
        "--measure",
        choices=["story", "jaccard"],
        default=None,
        help="what counts as a copy, for a new index: story (default: trimmed and edited republications) "
        "or jaccard (near-identical copies); a saved index keeps its own",
    )
    p.add_argument(
        "--threshold", type=float, default=None, help="similarity for a duplicate (default 0.75 story, 0.8 jaccard)"
    )
    p.add_argument("--num-perm", type=int, default=None, help="MinHash size (default 128)")
    p.add_argument("--text-field", default="text", help="field holding the article text (default: text)")
    p.add_argument("--id-field", default=None, help="field holding a unique id (e.g. url); default: row counter")
    p.add_argument("--date-field", default=None, help="field holding the publication date (ISO), saved in the index")
    p.add_argument(
        "--keep",
        choices=["first", "longest", "earliest"],
        default="first",
        help="which copy of a story is kept: the first seen (default), the longest, or the earliest dated "
        "(--date-field); a better copy arriving later takes over",
    )
    p.add_argument(
        "--source-priority",
        metavar="HOSTS",
        default=None,
        help="comma-separated hosts, best first (e.g. antaranews.com,kompas.com): the kept copy is the one "
        "from the earliest-listed host (the host of --id-field URLs); overrides --keep",
    )
    p.add_argument(
        "--window",
        default=None,
        metavar="DURATION",
        help="a new index forgets documents dated this long before the newest (e.g. 90D; needs --date-field)",
    )
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--drop-duplicates", action="store_true", help="write only kept rows")
    mode.add_argument(
        "--annotate", action="store_true", help="write every row with cluster_id, duplicate_of, similarity (default)"
    )
    p.add_argument("--keep-boilerplate", action="store_true", help="do not strip site chrome before comparing")
    p.add_argument(
        "--explain",
        type=int,
        default=0,
        metavar="N",
        help="write N sample explanations (similarities by each measure, shared passages as offsets "
        "into both texts) to OUTPUT.explain.jsonl, for duplicates whose kept copy is in the same chunk",
    )
    typos = p.add_mutually_exclusive_group()
    typos.add_argument(
        "--correct-typos",
        dest="correct_typos",
        action="store_true",
        default=True,
        help="read a one-off retyped word as the common spelling of everything the index has seen "
        "(default; saved with --index)",
    )
    typos.add_argument(
        "--no-correct-typos", dest="correct_typos", action="store_false", help="compare words exactly as written"
    )
    p.add_argument(
        "--dask",
        metavar="CLUSTER",
        default=None,
        help="run on Dask: local:N (N worker processes here) or a scheduler address; the inputs are one "
        "batch, no index (pip install 'warta[dask]')",
    )
    add_on_error_option(p)
    p.add_argument(
        "--chunk-size", type=int, default=10_000, help="rows read and deduplicated at a time (default 10000)"
    )
    p.add_argument(
        "-q", "--quiet", action="store_true", help="no progress (a bar, or a line every 5 s off a terminal), no summary"
    )
    p.set_defaults(func=run)
