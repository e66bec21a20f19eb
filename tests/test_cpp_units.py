"""C++ unit tests (tests/cpp/*_test.cpp): the root CMakeLists builds them against the
warta_core target with AddressSanitizer and UndefinedBehaviorSanitizer
(-DWARTA_BUILD_TESTS=ON) into build/cpp-tests, kept between runs so only edits are
rebuilt, and unoptimized (compiling the core is the slow part, not running the tests).
Each test must print "ok" and exit 0. Skipped where no C++ compiler or cmake is installed."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
BUILD = REPO / "build" / "cpp-tests"
TESTS = sorted(p.stem for p in (REPO / "tests" / "cpp").glob("*_test.cpp"))


def tool(name):
    beside_python = Path(sys.executable).parent / name  # the venv's cmake and ninja (make install)
    return str(beside_python) if beside_python.exists() else shutil.which(name)


@pytest.fixture(scope="module")
def built():
    cmake = tool("cmake")
    if not cmake:
        pytest.skip("cmake not installed")
    if not (os.environ.get("CXX") or shutil.which("g++") or shutil.which("clang++")):
        pytest.skip("no C++ compiler")
    # WARTA_WERROR (make test WERROR=ON) always passed: the cache would keep an earlier value
    werror = os.environ.get("WARTA_WERROR", "OFF")
    configure = [cmake, "-S", str(REPO), "-B", str(BUILD), "-DWARTA_BUILD_TESTS=ON", "-DCMAKE_BUILD_TYPE=Debug"]
    configure.append(f"-DWARTA_WERROR={werror}")
    ninja = tool("ninja")
    if ninja and not (BUILD / "CMakeCache.txt").exists():
        configure += ["-G", "Ninja", f"-DCMAKE_MAKE_PROGRAM={ninja}"]
    for cmd in (configure, [cmake, "--build", str(BUILD), "--parallel", "2"]):
        run = subprocess.run(cmd, capture_output=True, text=True)
        assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    return BUILD / "tests" / "cpp"


@pytest.mark.parametrize("test", TESTS)
def test_cpp_unit(test, built):
    run = subprocess.run([str(built / test)], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0 and run.stdout.strip() == "ok", run.stdout[-2000:] + run.stderr[-3000:]
