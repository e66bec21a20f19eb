"""Ctrl-C reaches a long GIL-free batch: it stops with KeyboardInterrupt instead of finishing."""

import textwrap

from _sigint import assert_sigint_stops

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
    assert_sigint_stops(SCRIPT, wait=0.5)
