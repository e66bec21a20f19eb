"""``warta index info STATE`` and ``warta index query STATE TEXT | --file F``: look into an
index file that ``warta dedup --index STATE`` saved, without changing it."""

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
    print(
        f"index file:        {args.state} ({os.path.getsize(args.state):,} bytes, format version {header['format_version']})"
    )
    print(f"stored documents:  {header['documents']:,}")
    print(f"documents added:   {header['documents_added']:,}")
    print(f"clusters:          {header['next_cluster']:,}")
    print(f"chrome lines:      {header['boilerplate_lines']:,} (from {header['lines']:,} line statistics)")
    print(f"words counted:     {header.get('words', 0):,} (for reading typos)")
    p = index.params
    print(
        f"parameters:        threshold={p['threshold']} num_perm={p['num_perm']} ngram={p['ngram']} seed={p['seed']} "
        f"scheme={p['scheme']} strip_boilerplate={p['strip_boilerplate']} correct_typos={p['correct_typos']} "
        f"bands={p['bands']}"
    )
    print(f"memory when loaded: {index.memory_bytes / 1e6:,.1f} MB")
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
    query_p = isub.add_parser("query", help="stored documents similar to a text")
    query_p.add_argument("state", metavar="STATE", type=path_arg)
    query_p.add_argument("text", nargs="?", metavar="TEXT")
    query_p.add_argument("--file", metavar="F", type=path_arg, help="read the text from a file")
    query_p.set_defaults(func=query)
