"""The stubs match the compiled module and the package type-checks against them."""

import subprocess
import sys
from pathlib import Path

import pytest
import warta
from warta import _core

PKG = Path(warta.__file__).parent


def stub_names():
    import ast

    tree = ast.parse((PKG / "_core.pyi").read_text())
    # private names are the stubs' own helpers (shared base classes), not module names
    return {n.name for n in tree.body if isinstance(n, (ast.ClassDef, ast.FunctionDef)) and not n.name.startswith("_")}


def test_every_stubbed_name_exists_and_every_public_core_name_is_stubbed():
    names = stub_names()
    public = {n for n in dir(_core) if not n.startswith("_")}
    assert names - public == set(), "stubs name things the module lacks"
    assert public - names == set(), "module has names without stubs"


def test_package_type_checks():
    pytest.importorskip("mypy")
    out = subprocess.run(
        [sys.executable, "-m", "mypy", "--ignore-missing-imports", "--no-error-summary", str(PKG)],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stdout + out.stderr


def test_ruff_lint_and_format_are_clean():
    """The tree is linted and formatted by ruff (pyproject.toml [tool.ruff])."""
    pytest.importorskip("ruff")
    root = PKG.parents[1]
    for args in (["check", "."], ["format", "--check", "."]):
        out = subprocess.run([sys.executable, "-m", "ruff", *args], cwd=root, capture_output=True, text=True)
        assert out.returncode == 0, out.stdout + out.stderr
