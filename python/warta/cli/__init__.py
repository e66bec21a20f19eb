"""The ``warta`` command line (also ``python -m warta``): one module per command (dedup,
index, link, demo) registers its options and runs it; this module assembles the parser and
turns what a command raised into its exit code.

Exit codes: 0 success, 1 data errors (malformed input, corrupt index file), 2 usage errors
(bad options, missing files, an index built with other parameters).
"""

from __future__ import annotations

import argparse
import sys
from typing import List, Optional

from .. import __version__
from ..index import IndexFormatError
from ..io import DataError
from . import dedup, demo, index, link
from .usage import UsageError

__all__ = ["EXIT_DATA", "EXIT_INTERRUPTED", "EXIT_OK", "EXIT_USAGE", "UsageError", "build_parser", "main"]

EXIT_OK = 0
EXIT_DATA = 1  # malformed input, a corrupt index or gazetteer, a file that cannot be written
EXIT_USAGE = 2  # bad options, missing files, an index built with other parameters
EXIT_INTERRUPTED = 130  # Ctrl-C, as a shell reports a process that SIGINT ended


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="warta", description="Near-duplicate detection and entity linking for news.")
    parser.add_argument("--version", action="version", version=f"warta {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    demo.add_command(sub, run_cli=main)
    dedup.add_command(sub)
    index.add_command(sub)
    link.add_command(sub)
    return parser


def main(argv: Optional[List[str]] = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or EXIT_OK)
    except UsageError as exc:
        parser.exit(EXIT_USAGE, f"warta: error: {exc}\n")
    except (DataError, IndexFormatError, OSError) as exc:
        print(f"warta: error: {exc}", file=sys.stderr)
        return EXIT_DATA
    except KeyboardInterrupt:
        print("warta: interrupted; the output and the index were left as they were", file=sys.stderr)
        return EXIT_INTERRUPTED
    return EXIT_OK
