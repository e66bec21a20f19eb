"""`make run`'s demo: the two-batch workflow through a saved index."""

import subprocess
import sys


def test_demo_runs_two_batches_through_a_saved_index():
    out = subprocess.run([sys.executable, "-m", "warta", "demo"], capture_output=True, text=True, check=True)
    assert "day 1 =" in out.stdout and "day 2 =" in out.stdout
    assert out.stdout.count("--index state.idx") == 2
    assert "live documents:" in out.stdout
    assert "first seen on day 1 and republished on day 2" in out.stdout
