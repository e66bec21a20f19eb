"""``warta index info STATE``, ``warta index query STATE TEXT | --file F`` and ``warta
index compact STATE``: look into an index that ``warta dedup --index STATE`` saved (info and
query change nothing), or rewrite it as one segment without removed documents."""

from __future__ import annotations

import argparse
import os
from typing import Any

from ..index import DedupIndex
from ..io import DataError
from .usage import UsageError, path_arg


def _require_index(path: str) -> None:
    if not os.path.isfile(path):
        raise UsageError(f"index {path!r} does not exist")


def info(args: argparse.Namespace) -> int:
    _require_index(args.state)
    header = DedupIndex.read_header(args.state)
    index = DedupIndex.load(args.state)
    files = DedupIndex.files(args.state)
    total = sum(os.path.getsize(f) for f in files)
    stats = index.stats()
    layout = f"{header['segments']} segments" if header["format_version"] >= 4 else "one file"
    print(
        f"index:             {args.state} ({total:,} bytes in {len(files)} files: {layout}; format {header['format_version']})"
    )
    print(
        f"live documents:    {stats['documents']:,} (duplicates included; {stats['slots'] - stats['documents']:,} removed, not yet compacted)"
    )
    print(f"documents added:   {stats['documents_added']:,} in {stats['batches']:,} batches")
    print(f"clusters:          {stats['clusters']:,} live ({stats['cluster_ids']:,} ids handed out)")
    newest = stats["newest_date"]
    print(f"newest date:       {'none (undated)' if newest is None else newest}")
    print(f"chrome lines:      {stats['boilerplate_lines']:,} (from {stats['lines']:,} line statistics)")
    print(f"words counted:     {stats['words']:,} (for reading typos)")
    p = index.params
    print(
        f"parameters:        measure={p['measure']} threshold={p['threshold']} num_perm={p['num_perm']} "
        f"ngram={p['ngram']} seed={p['seed']} scheme={p['scheme']} strip_boilerplate={p['strip_boilerplate']} "
        f"correct_typos={p['correct_typos']} bands={p['bands']} window={p['window']}"
    )
    print(f"memory when loaded: {stats['memory_bytes'] / 1e6:,.1f} MB")
    return 0


def compact(args: argparse.Namespace) -> int:
    _require_index(args.state)
    index = DedupIndex.load(args.state)
    before = sum(os.path.getsize(f) for f in DedupIndex.files(args.state))
    index.compact(args.state)
    after = sum(os.path.getsize(f) for f in DedupIndex.files(args.state))
    print(f"compacted {args.state}: {len(index):,} live documents, {before:,} -> {after:,} bytes, one segment")
    return 0


def query(args: argparse.Namespace) -> int:
    _require_index(args.state)
    if (args.text is None) == (args.file is None):
        raise UsageError("give either TEXT or --file F")
    if args.file is not None:
        try:
            with open(args.file, encoding="utf-8") as f:
                text = f.read()
        except OSError as exc:
            raise UsageError(f"cannot read {args.file!r}: {exc.strerror}") from None
        except UnicodeDecodeError as exc:
            raise DataError(f"{args.file!r} is not UTF-8 text (byte {exc.start})") from None
    else:
        text = args.text
    matches = DedupIndex.load(args.state).query(text)
    if not matches:
        print("no stored document at or above the threshold")
    for m in matches:
        print(f"{m.similarity:.3f}\t{m.id}")
    return 0


def add_command(subparsers: Any) -> None:
    p = subparsers.add_parser("index", help="inspect or query a saved dedup index")
    isub = p.add_subparsers(dest="index_command", required=True)
    info_p = isub.add_parser("info", help="parameters and counts of an index file")
    info_p.add_argument("state", metavar="STATE", type=path_arg)
    info_p.set_defaults(func=info)
    compact_p = isub.add_parser("compact", help="rewrite an index as one segment without removed documents")
    compact_p.add_argument("state", metavar="STATE", type=path_arg)
    compact_p.set_defaults(func=compact)
    query_p = isub.add_parser("query", help="stored documents similar to a text")
    query_p.add_argument("state", metavar="STATE", type=path_arg)
    query_p.add_argument("text", nargs="?", metavar="TEXT")
    query_p.add_argument("--file", metavar="F", type=path_arg, help="read the text from a file")
    query_p.set_defaults(func=query)
