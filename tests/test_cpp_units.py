"""C++ unit tests (tests/cpp/*_test.cpp), compiled here with the sanitizers against the
project's sources and run. Skipped where no C++ compiler or ICU headers are installed."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
# the sources each test needs besides its own file
SOURCES = {"spelling_map_test.cpp": ["cpp/src/spelling.cpp", "cpp/src/text.cpp"]}


def compiler():
    cxx = os.environ.get("CXX") or shutil.which("g++") or shutil.which("clang++")
    if not cxx:
        pytest.skip("no C++ compiler")
    if not Path("/usr/include/unicode/brkiter.h").exists() and not os.environ.get("WARTA_ICU_OK"):
        pytest.skip("ICU headers not installed (make install puts them in place)")
    return cxx


@pytest.mark.parametrize("test", sorted(SOURCES))
def test_cpp_unit(test, tmp_path):
    cxx = compiler()
    exe = tmp_path / test.replace(".cpp", "")
    cmd = [cxx, "-std=c++17", "-O1", "-g", "-fsanitize=address,undefined", "-fno-sanitize-recover=all",
           "-DXXH_INLINE_ALL", f"-I{REPO / 'cpp/include'}", str(REPO / "tests/cpp" / test),
           *[str(REPO / s) for s in SOURCES[test]], "-licuuc", "-licui18n", "-o", str(exe)]  # fmt: skip
    build = subprocess.run(cmd, capture_output=True, text=True)
    assert build.returncode == 0, build.stderr[-3000:]
    run = subprocess.run([str(exe)], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0 and run.stdout.strip() == "ok", run.stdout[-2000:] + run.stderr[-3000:]
