"""Ctrl-C reaches every long GIL-free batch (dedup, DedupIndex.add_batch, link_batch): it
stops with KeyboardInterrupt instead of finishing, and an interrupted add_batch leaves the
index exactly as it was."""

import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
import warta

DEDUP = textwrap.dedent(
    """
    import sys, warta
    words = [f"kata{i}" for i in range(5000)]
    texts = [" ".join(words[i % 4000 : i % 4000 + 300]) for i in range(100_000)]
    print("start", flush=True)
    warta.dedup(texts, n_jobs=2)
    print("done", flush=True)
    """
)

LINK = textwrap.dedent(
    """
    import warta
    linker = warta.EntityLinker()
    texts = ["Gubernur Banten Andra Soni meninjau Pemkab Serang dan Kota Cilegon. " * 200] * 200_000
    print("start", flush=True)
    linker.link_batch(texts, n_jobs=2)
    print("done", flush=True)
    """
)


def test_sigint_interrupts_dedup(assert_sigint_stops):
    assert_sigint_stops(DEDUP, wait=0.5)


def test_sigint_interrupts_link_batch(assert_sigint_stops):
    assert_sigint_stops(LINK, wait=1.0)


ADD_BATCH = textwrap.dedent(
    """
    import sys, warta
    words = [f"kata{i}" for i in range(5000)]
    chrome = "\\nBaca juga berita lain di situs kami setiap hari"
    idx = warta.DedupIndex(n_jobs=2)
    idx.add_batch([" ".join(words[i * 40 : i * 40 + 40]) + chrome for i in range(50)])
    idx.save(sys.argv[1])
    ids = idx.ids()
    texts = [" ".join(words[i % 4000 : i % 4000 + 300]) + chrome for i in range(150_000)]
    print("start", flush=True)
    try:
        idx.add_batch(texts)
        print("done", flush=True)
    except KeyboardInterrupt:
        idx.save(sys.argv[2])
        print("interrupted", idx.ids() == ids, flush=True)
    """
)


def test_sigint_during_add_batch_changes_nothing(tmp_path):
    before, after = tmp_path / "before.idx", tmp_path / "after.idx"
    proc = subprocess.Popen(
        [sys.executable, "-c", ADD_BATCH, str(before), str(after)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout.readline().strip() == "start"
    time.sleep(1.0)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=120)
    assert out.split() == ["interrupted", "True"], out + err
    # the same index: the same segment and state bytes (the manifests differ by their random lineage tag)
    files = [warta.DedupIndex.files(p)[1:] for p in (before, after)]
    assert [Path(f).read_bytes() for f in files[0]] == [Path(f).read_bytes() for f in files[1]]


ONE_HUGE_TEXT = textwrap.dedent(
    """
    import signal, sys, threading, time, warta
    text = " ".join(f"kata{i % 50000}" for i in range(int(sys.argv[1])))
    call = eval("lambda text: " + sys.argv[2])
    t0 = time.monotonic()
    call(text)
    whole = time.monotonic() - t0
    # The same call again, interrupted a tenth of the way in by a thread, as Ctrl-C would.
    threading.Timer(whole / 10, signal.pthread_kill, (threading.main_thread().ident, signal.SIGINT)).start()
    t0 = time.monotonic()
    try:
        call(text)
        print("finished", flush=True)
    except KeyboardInterrupt:
        print("interrupted", (time.monotonic() - t0) / whole, flush=True)
    """
)


@pytest.mark.parametrize(
    "call", ["warta.dedup([text], n_jobs=1)", "warta.Normalizer().tokenize(text)", "warta.EntityLinker().link(text)"]
)
def test_sigint_interrupts_inside_one_huge_text(call):
    # Ctrl-C used to be polled between texts only: one 100 MB text ran to its end. Now the
    # tokenizer polls inside a text, so the interrupted call ends long before a whole one
    # would (a ratio of the same call's own time, so the machine's speed does not matter).
    proc = subprocess.run(
        [sys.executable, "-c", ONE_HUGE_TEXT, "8000000", call], capture_output=True, text=True, timeout=300
    )
    words = proc.stdout.split()
    assert words[0] == "interrupted", proc.stdout + proc.stderr
    assert float(words[1]) < 0.6, proc.stdout
