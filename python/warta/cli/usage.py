"""What the commands check before they read anything: :class:`UsageError` (exit code 2),
the files a run reads and writes, and the options more than one command takes.

It lives apart from ``warta.cli`` itself because every command module raises
:class:`UsageError` and ``warta.cli`` imports every command module.
"""

from __future__ import annotations

import argparse
import contextlib
import os
from typing import Iterator, Optional, Sequence

from ..index import IndexFormatError
from ..io import DataError, OnError, file_format


class UsageError(Exception):
    """Exit code 2: the command line asks for something impossible."""


@contextlib.contextmanager
def library_checks() -> Iterator[None]:
    """Turns the library's own check of a parameter (a ValueError naming it, its value and
    the allowed range) into a usage error, so numbers such as ``--threshold`` are checked
    once, where the library checks them. Malformed data stays a data error."""
    try:
        yield
    except (DataError, IndexFormatError):
        raise
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def path_arg(value: str) -> str:
    """argparse ``type`` of every file argument: a path the operating system can take.
    A NUL character cannot be in a path; without this check ``open`` raises a bare
    ValueError deep inside a command."""
    if "\0" in value:
        raise argparse.ArgumentTypeError(f"{value!r} is not a file name (it holds a NUL character)")
    return value


def check_files(inputs: Sequence[str], output: str, index: Optional[str] = None) -> None:
    """Inputs exist, every format is known from its name, the output is not an input, and
    the output (and index) can be created where they are asked for."""
    for path in inputs:
        if not os.path.isfile(path):
            raise UsageError(f"input {path!r} does not exist (or is not a file)")
    try:
        for path in [*inputs, output]:
            file_format(path)
    except DataError as exc:
        raise UsageError(str(exc)) from None
    if os.path.abspath(output) in {os.path.abspath(p) for p in inputs}:
        raise UsageError("the output must not be one of the inputs")
    for what, target in (("output", output), ("index", index)):
        folder = os.path.dirname(os.path.abspath(target)) if target else None
        if folder and not os.path.isdir(folder):
            raise UsageError(f"the {what}'s directory {folder!r} does not exist; create it first")


def add_on_error_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--on-error",
        choices=OnError.MODES,
        default="raise",
        help="malformed input lines: stop (default) or skip and count them",
    )
