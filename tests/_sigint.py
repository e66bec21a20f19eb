"""Shared by the Ctrl-C tests: a child Python that starts a long GIL-free batch."""

import signal
import subprocess
import sys
import time


def assert_sigint_stops(script: str, wait: float) -> None:
    """Runs ``script`` (which prints "start" before its long call and "done" after it),
    sends SIGINT ``wait`` seconds after "start", and checks the call ended in
    KeyboardInterrupt instead of finishing."""
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "start"
    time.sleep(wait)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=120)
    assert "done" not in out
    assert "KeyboardInterrupt" in err
