"""Fuzzes the command line, ``warta.cli.main(argv)``, with argument lists built from its own
commands, options, awkward values (nan, -1, 1e309, empty), small real input files (good,
malformed, gazetteer, saved and corrupt index) and raw strings. Property: main returns or
raises SystemExit with an exit code of 0, 1 or 2 (success, data error, usage error), as the
CLI documents; a traceback (any other exception) or any other code is a finding."""

import contextlib
import io
import os

import _harness
import atheris
import warta
from warta.cli import main

SCRATCH = _harness.Scratch("cli")
ROOT = _harness.FUZZ_DIR.parent

INPUTS = {
    "in.jsonl": b'{"text": "Gubernur Banten Andra Soni meninjau banjir", "url": "a", "date": "2025-05-23"}\n'
    b'{"text": "Gubernur Banten Andra Soni meninjau banjir", "url": "b", "date": "bukan tanggal"}\n'
    b'{"url": "c"}\n',
    "in.csv": b"url,text,date\na,Wabup Serang Najib Hamas,2025-05-23\nb,,\n",
    "bad.jsonl": b'{"text": "satu dua"}\nnot json\n',
    "in.txt": "Gubernur Banten \ud800".encode("utf-8", "surrogatepass"),
    "gaz.csv": (ROOT / "tests" / "data" / "link_gazetteer.csv").read_bytes(),
    "bad_gaz.csv": b"id,name,type\nx,,person\n",
    "corrupt.idx": b"WARTAIDX" + bytes(200),
}
#: how an argument list starts: random words would almost never make a command line that
#: gets past the parser, so most start as a working one and the fuzzer adds to it
COMMANDS = (
    ["dedup", "in.jsonl", "-o", "out.jsonl"],
    ["dedup", "in.csv", "-o", "out.csv", "--id-field", "url"],
    ["dedup", "in.jsonl", "-o", "out.parquet", "--index", "state.idx"],
    ["index", "info", "state.idx"],
    ["index", "query", "state.idx"],
    ["link", "in.jsonl", "-o", "out.jsonl", "--gazetteer", "gaz.csv"],
    ["link", "in.csv", "-o", "out.parquet", "--date-field", "date", "--gazetteer", "gaz.csv"],
    ["dedup"],
    ["index"],
    ["link"],
    [],
)
WORDS = [
    "dedup",
    "index",
    "info",
    "query",
    "link",
    "nosuchcommand",
    "-o",
    "--output",
    "--index",
    "--threshold",
    "--num-perm",
    "--text-field",
    "--id-field",
    "--date-field",
    "--keep",
    "--drop-duplicates",
    "--annotate",
    "--keep-boilerplate",
    "--correct-typos",
    "--no-correct-typos",
    "--on-error",
    "--chunk-size",
    "--file",
    "--gazetteer",
    "--jobs",
    "--no-fuzzy",
    "-q",
    "--quiet",
    "-h",
    "--",
    "0.8",
    "0.5",
    "0",
    "1",
    "-1",
    "1.5",
    "nan",
    "inf",
    "1e309",
    "128",
    "3",
    "abc",
    "",
    "first",
    "longest",
    "raise",
    "skip",
    "text",
    "url",
    "date",
    "default",
    "state.idx",
    "out.jsonl",
    "out.csv",
    "out.parquet",
    "out.jsonl.gz",
    "out.parquet.gz",
    "out.txt",
    "missing.jsonl",
    "no/such/dir/out.jsonl",
    ".",
    *INPUTS,
]
EXIT_CODES = (0, 1, 2)


def argv_from(fdp: atheris.FuzzedDataProvider) -> list:
    argv = list(COMMANDS[fdp.ConsumeIntInRange(0, len(COMMANDS) - 1)])
    while fdp.remaining_bytes() and len(argv) < 16:
        if fdp.ConsumeIntInRange(0, 9) == 0:
            argv.append(fdp.ConsumeUnicode(fdp.ConsumeIntInRange(0, 10)))
        else:
            argv.append(WORDS[fdp.ConsumeIntInRange(0, len(WORDS) - 1)])
    return argv


def known(exc: ValueError, argv: list) -> bool:
    """Known finding (xfail in tests/test_fuzz_regressions.py), tolerated so fuzzing goes on:
    a --file that is not UTF-8 for `index query` escapes as a traceback."""
    return isinstance(exc, UnicodeDecodeError) and "--file" in argv


def one_input(data: bytes) -> None:
    argv = argv_from(atheris.FuzzedDataProvider(data))
    if argv[:1] == ["demo"]:  # the bundled workflow: slow, and not about argument parsing
        return
    for name, content in INPUTS.items():  # a run may have replaced them (--index, -o)
        SCRATCH.write(name, content)
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
            code = main(argv)
    except SystemExit as exc:
        code = exc.code
    except ValueError as exc:
        if not known(exc, argv):
            raise
        return
    assert code in EXIT_CODES, (argv, code, out.getvalue()[-2000:])


def seeds() -> list:
    index = warta.DedupIndex(num_perm=16)
    index.add_batch(["Gubernur Banten Andra Soni meninjau banjir di Serang"], ids=["a"])
    index.save(SCRATCH.path / "state.idx")
    INPUTS["state.idx"] = (SCRATCH.path / "state.idx").read_bytes()
    return [bytes(range(i, i + 40)) for i in range(0, 200, 20)]  # raw fuzzer bytes: argument lists of any kind


if __name__ == "__main__":
    os.chdir(SCRATCH.path)  # relative names in argv (out.jsonl, state.idx) live in the scratch folder
    _harness.run("cli", one_input, seeds(), {"-len_control": "0"})
