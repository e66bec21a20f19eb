"""Ctrl-C reaches a long GIL-free batch: it stops with KeyboardInterrupt instead of finishing."""

import signal
import subprocess
import sys
import textwrap
import time

SCRIPT = textwrap.dedent(
    """
    import sys, warta
    words = [f"kata{i}" for i in range(5000)]
    texts = [" ".join(words[i % 4000 : i % 4000 + 300]) for i in range(100_000)]
    print("start", flush=True)
    warta.dedup(texts, n_jobs=2)
    print("done", flush=True)
    """
)


def test_sigint_interrupts_dedup():
    proc = subprocess.Popen([sys.executable, "-c", SCRIPT], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "start"
    time.sleep(0.5)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=120)
    assert "done" not in out
    assert "KeyboardInterrupt" in err
