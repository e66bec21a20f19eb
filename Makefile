# make run: set up and run the main job on the bundled demo data.  make test: set up and test.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
# editable, rebuilt on import when a C++ source changed (quietly: CLI tests read stdout)
EDITABLE := --no-build-isolation -Cbuild-dir=build/editable -Ceditable.rebuild=true -Ceditable.verbose=false

.PHONY: install sysdeps venv run test bench clean

install: sysdeps venv
	$(PIP) install -q $(EDITABLE) -e '.[test]'

sysdeps:
	@bash scripts/install_system_deps.sh

venv:
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PIP) install -q --upgrade pip
	@$(PIP) install -q 'scikit-build-core>=0.10' 'pybind11>=2.12' cmake ninja

run: install
	$(PY) -m warta demo

test: install
	$(PY) -m pytest -q

bench: install
	$(PIP) install -q $(EDITABLE) -e '.[bench]'
	$(PY) benchmarks/bench_dedup.py
	$(PY) benchmarks/bench_link.py
	$(PY) benchmarks/bench_index.py
	$(PY) benchmarks/bench_cli_memory.py

clean:
	rm -rf build $(VENV)
