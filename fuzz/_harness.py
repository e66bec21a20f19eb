"""What every fuzz harness in this folder shares: instrumenting warta, running libFuzzer
with bounded defaults and a seed corpus, and turning fuzzer bytes into the inputs that
have bitten warta before (length-changing case folds, lone surrogates, scraper joins).

Each harness is ``python fuzz/fuzz_NAME.py [libFuzzer flags]``; ``make fuzz`` runs them all
(see the Makefile for the execution counts). A failing input is saved as
``fuzz/artifacts/NAME-crash-*`` and replays with ``python fuzz/fuzz_NAME.py FILE``.
Scratch files and the corpus live in ``fuzz/.work/NAME`` (ignored by git), emptied at the
start of each run: libFuzzer ends the process with exit(), so Python's own clean-up of a
temporary folder would never run and every run would leave one behind in /tmp.
"""

from __future__ import annotations

import gzip
import importlib
import inspect
import pkgutil
import shutil
import sys
from pathlib import Path
from typing import Callable, Dict, Iterable, List, Optional

import atheris

# Only warta's own Python code is instrumented: numpy/pandas would make every execution
# slow and steer the fuzzer towards their branches. The C++ core is not instrumented (it
# would need a -fsanitize=fuzzer build), so `cov:` counts Python edges only.
# atheris.instrument_imports cannot patch modules loaded by scikit-build-core's editable
# finder (it warns and leaves them as they are: no coverage at all), so every function of
# every warta module is patched after import instead, the way instrument_all does for all code.
import warta


def _instrument(obj: object, module: str) -> None:
    if inspect.isfunction(obj) and obj.__module__ == module:
        atheris.instrument_func(obj)  # nested functions and comprehensions come with it
    elif isinstance(obj, (staticmethod, classmethod)):
        _instrument(obj.__func__, module)
    elif isinstance(obj, property):
        for accessor in (obj.fget, obj.fset, obj.fdel):
            _instrument(accessor, module)
    elif inspect.isclass(obj) and obj.__module__ == module:
        for member in vars(obj).values():
            _instrument(member, module)


for _info in pkgutil.walk_packages(warta.__path__, "warta."):
    # Every submodule now, so modules the CLI imports lazily are instrumented too.
    if _info.name not in ("warta._core", "warta.__main__"):  # __main__ would run the CLI
        try:
            importlib.import_module(_info.name)
        except ImportError:  # an optional extra (dask) that is not installed
            pass
for _name, _module in list(sys.modules.items()):
    if _name == "warta" or _name.startswith("warta."):
        for _member in list(vars(_module).values()):
            _instrument(_member, _name)

FUZZ_DIR = Path(__file__).resolve().parent
ARTIFACTS = FUZZ_DIR / "artifacts"
WORK = FUZZ_DIR / ".work"

#: libFuzzer flags unless the command line gives them: a slow input is a hang to report
#: (10 s, as the issue asks for "never a hang"), and a bounded run when none is asked for.
DEFAULT_FLAGS = {"-timeout": "10", "-rss_limit_mb": "3072", "-max_len": "8192", "-runs": "2000"}

#: Pieces that have broken offset, tokenizer or matcher code somewhere: characters that
#: change length under NFKC or case folding, combining marks, astral and ZWJ emoji, lone
#: surrogates, NUL, BOM, CR/LF, the scraper's paragraph joins, the brackets and commas the
#: linker must not match across, Mac Roman mojibake, and names and titles of the bundled
#: gazetteer so that the linker's deeper paths are reached.
PIECES = (
    "İ",
    "ß",
    "ﬁ",
    "ǅ",
    "ŉ",
    "ΐ",
    "e\u0301",
    "\u0301",
    "\u0308",
    "😀",
    "👩\u200d👩\u200d👧",
    "👍🏽",
    "𝐀",
    "\x00",
    "\ufeff",
    "\u200b",
    "\u00a0",
    "\r\n",
    "\r",
    "\n",
    "\u2028",
    "\ud800",
    "\udc00",
    "\udbff\udfff",
    " ",
    ",",
    ".",
    ".,",
    ",,,",
    ". ,",
    "(",
    ")",
    '"',
    "'",
    "–",
    "|",
    ";",
    ":",
    "‚Äì",
    "‚Äú",
    "3,5",
    "2025",
    "Gubernur",
    "Banten",
    "Andra",
    "Soni",
    "Sony",
    "Wakil",
    "Bupati",
    "Wabup",
    "Serang",
    "Serangan",
    "Pemkab",
    "Pemkot",
    "Kab.",
    "Plh",
    "Sekda",
    "Pak",
    "Ibu",
    "Hj.",
    "Benyamin",
    "Davnie",
    "Ben",
    "Tangerang",
    "Selatan",
    "A.",
    "Dimyati",
    "Muhammad",
    "Najib",
    "Hamas",
    "Wali",
    "Kota",
    "DPRD",
)


def text(fdp: atheris.FuzzedDataProvider, max_parts: int = 64) -> str:
    """A str built from :data:`PIECES` and raw code points (surrogates included), as the
    bytes choose; half of the time mostly pieces, so both structure and noise are reached."""
    parts: List[str] = []
    raw_odds = fdp.ConsumeIntInRange(1, 8)
    while fdp.remaining_bytes() and len(parts) < max_parts:
        if fdp.ConsumeIntInRange(0, raw_odds) == 0:
            parts.append(fdp.ConsumeUnicode(fdp.ConsumeIntInRange(0, 12)))
        else:
            parts.append(PIECES[fdp.ConsumeIntInRange(0, len(PIECES) - 1)])
    return "".join(parts)


def _fresh(folder: Path) -> Path:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


class Scratch:
    """The harness's scratch folder; files in it are overwritten by every input, so a long
    run does not fill the disk."""

    def __init__(self, name: str) -> None:
        self.path = _fresh(WORK / name / "scratch")

    def write(self, name: str, data: bytes, gzipped: bool = False) -> Path:
        target = self.path / name
        target.write_bytes(gzip.compress(data, mtime=0) if gzipped else data)
        return target


#: for entry points whose work is all C++ (not instrumented): without coverage to tell
#: inputs apart libFuzzer would shrink the corpus to one byte and keep inputs tiny, so the
#: seeds are kept and inputs of any length up to -max_len are tried from the start
BLIND_FLAGS = {"-len_control": "0", "-reduce_inputs": "0", "-keep_seed": "1"}


def run(
    name: str, one_input: Callable[[bytes], None], seeds: Iterable[bytes] = (), flags: Optional[Dict[str, str]] = None
) -> None:
    """Runs libFuzzer on ``one_input`` with ``flags`` and :data:`DEFAULT_FLAGS` (flags on the
    command line win). Without a corpus folder on the command line the seeds are written to
    ``fuzz/.work/NAME/corpus``, where libFuzzer adds what it finds."""
    argv = list(sys.argv)
    given = {a.split("=", 1)[0] for a in argv[1:] if a.startswith("-")}
    wanted = {**DEFAULT_FLAGS, **(flags or {})}
    argv += [f"{flag}={value}" for flag, value in wanted.items() if flag not in given]
    if "-artifact_prefix" not in given:
        ARTIFACTS.mkdir(exist_ok=True)
        argv.append(f"-artifact_prefix={ARTIFACTS}/{name}-")
    if not any(not a.startswith("-") for a in argv[1:]):
        corpus = _fresh(WORK / name / "corpus")
        for i, seed in enumerate(seeds):
            (corpus / f"seed-{i}").write_bytes(seed)
        argv.append(str(corpus))
    atheris.Setup(argv, one_input)
    atheris.Fuzz()
