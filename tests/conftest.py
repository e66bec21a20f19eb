"""Fixtures shared by the test files: the real news corpus, the default linker and the
Ctrl-C runner. Tests that need real data skip (with the reason) where
../shared/data is absent, as on a user's clone."""

import gzip
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable, List

import pytest
import warta

REPO = Path(__file__).resolve().parents[1]


def shared_data() -> Path:
    """../shared/data beside the repository, or $WARTA_SHARED_DATA."""
    env = os.environ.get("WARTA_SHARED_DATA")
    return Path(env) if env else REPO.parent / "shared" / "data"


NEWS = shared_data() / "news" / "click-id.jsonl.gz"


@pytest.fixture(scope="session")
def news_rows() -> List[dict]:
    """Every article of the real corpus, in file order (skips where it is absent)."""
    if not NEWS.is_file():
        pytest.skip(f"real news data not found at {NEWS} (set WARTA_SHARED_DATA to the shared/data directory)")
    with gzip.open(NEWS, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


@pytest.fixture(scope="session")
def default_linker() -> warta.EntityLinker:
    """One linker over the bundled gazetteer (thread-safe, so tests may share it)."""
    return warta.EntityLinker(warta.Gazetteer.default())


@pytest.fixture
def assert_sigint_stops() -> Callable[[str, float], None]:
    """run(script, wait): runs ``script`` in a child Python (it prints "start" before its
    long call and "done" after it), sends SIGINT ``wait`` seconds after "start", and checks
    the call ended in KeyboardInterrupt instead of finishing."""

    def run(script: str, wait: float) -> None:
        proc = subprocess.Popen(
            [sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        assert proc.stdout is not None and proc.stdout.readline().strip() == "start"
        time.sleep(wait)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=120)
        assert "done" not in out
        assert "KeyboardInterrupt" in err

    return run
