"""What a user sees when the compiled core cannot load, and what the build says when the
system lacks a library (the sdist on a machine without the headers)."""

import shutil
import subprocess
from pathlib import Path

import pytest
import warta

REPO = Path(__file__).resolve().parents[1]


def test_a_missing_shared_library_is_named_as_the_cause():
    exc = ImportError("libicuuc.so.74: cannot open shared object file: No such file or directory")
    message = warta._core_import_problem(exc)
    assert "needs the shared library libicuuc.so.74" in message and "make wheel" in message
    assert "never built" not in message


def test_a_core_never_built_says_how_to_build_it():
    message = warta._core_import_problem(ImportError("cannot import name '_core' from 'warta'"))
    assert "never built" in message and "make install" in message


@pytest.mark.skipif(shutil.which("cmake") is None, reason="cmake is not on PATH")
def test_the_build_names_every_missing_system_library(tmp_path):
    # configure with the system's search paths hidden: nothing is found, all is named
    out = subprocess.run(
        [
            "cmake",
            "-S",
            str(REPO),
            "-B",
            str(tmp_path / "build"),
            "-DCMAKE_FIND_ROOT_PATH=/nonexistent",
            "-DCMAKE_FIND_ROOT_PATH_MODE_INCLUDE=ONLY",
            "-DCMAKE_FIND_ROOT_PATH_MODE_LIBRARY=ONLY",
            "-DCMAKE_FIND_ROOT_PATH_MODE_PACKAGE=ONLY",
            "-DCMAKE_DISABLE_FIND_PACKAGE_ICU=ON",
            "-DCMAKE_DISABLE_FIND_PACKAGE_Eigen3=ON",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode != 0
    text = " ".join((out.stdout + out.stderr).split())
    assert "warta cannot be built on this machine, it lacks:" in text
    for package in ("libicu-dev", "libeigen3-dev", "libxxhash-dev", "robin-map-dev"):
        assert package in text, text[-2000:]
