"""SIGKILLs `warta dedup INPUT -o OUTPUT --index STATE` at random points, again and again, and
checks after each kill that the output and the index are those of a complete run.

    python tests/kill_loop.py DIR KILLS SEED

DIR holds in.jsonl. Prints one JSON line: kills, runs that finished before their kill, how
many kills left a temporary of the output or of the index (so they hit the run while it was
writing that file; the next run removes them), and what DIR held at the end.
Run by tests/test_cli.py in its own process: it imports warta once and forks a child per
run, which is fast, and forking from pytest (whose other tests leave threads) is not safe.
"""

import json
import os
import random
import signal
import sys
import time

import warta
import warta.cli


def wait_for_save(folder, pid, limit):
    """Until the child's index temporary appears (its save has begun), or ``limit`` seconds.
    Times alone miss the save when a loaded machine slows the run down."""
    end = time.perf_counter() + limit
    while time.perf_counter() < end and not temporaries(folder, "state.idx", pid):
        time.sleep(0.0005)


def temporaries(folder, name, pid=None):
    """Temporaries of ``name``: for the index, of its manifest, segments and state files."""
    tag = f".tmp-{pid}-" if pid else ".tmp-"
    return [f for f in os.listdir(folder) if f.startswith(f".{name}.") and tag in f]


def run_once(argv, kill_after=None, during_save=None):
    """Runs warta in a forked child; SIGKILLs it after ``kill_after`` seconds, or that long
    after its index save began when ``during_save`` is the folder (None: waits for it).
    Returns (finished, seconds): whether it exited by itself, and how long it ran."""
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:  # the child: one run of the command line, nothing else
        code = 1
        try:
            code = warta.cli.main(argv)
        finally:
            os._exit(code)
    if kill_after is not None:
        if during_save:
            wait_for_save(during_save, pid, limit=60)
        time.sleep(kill_after)
        os.kill(pid, signal.SIGKILL)  # a child that has exited stays a zombie until reaped below
    _, status = os.waitpid(pid, 0)  # reaped: a zombie's pid would still "exist" to the next run
    finished = os.WIFEXITED(status)
    if finished and os.WEXITSTATUS(status) != 0:
        raise SystemExit(f"warta exited {os.WEXITSTATUS(status)}")
    return finished, time.perf_counter() - start


def check_complete(output, state, rows, stored):
    """The output has every row of a complete run and the index loads, with the documents
    of the last complete run or of one more (a run killed after its index was renamed)."""
    with open(output, encoding="utf-8") as f:
        lines = [json.loads(line) for line in f]
    assert len(lines) == rows and all("cluster_id" in r for r in lines), f"output has {len(lines)} rows"
    size = len(warta.DedupIndex.load(state))
    assert size in (stored, stored + rows), f"index has {size} documents, {stored} expected (or {stored + rows})"
    return size


def main():
    folder, kills, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    rng = random.Random(seed)
    output, state = os.path.join(folder, "out.jsonl"), os.path.join(folder, "state.idx")
    argv = ["dedup", os.path.join(folder, "in.jsonl"), "-o", output, "--index", state, "-q"]
    with open(os.path.join(folder, "in.jsonl"), encoding="utf-8") as f:
        rows = sum(1 for _ in f)
    _, seconds = run_once(argv)
    stored = check_complete(output, state, rows, 0)
    killed = finished = 0
    left = {"out.jsonl": 0, "state.idx": 0}
    while killed < kills:
        # half anywhere in the run, half in or just after the index save, where files are renamed
        if rng.random() < 0.5:
            done, took = run_once(argv, kill_after=rng.uniform(0, seconds))
        else:
            done, took = run_once(argv, kill_after=rng.uniform(0, 0.1 * seconds), during_save=folder)
        if done:
            finished += 1
            seconds = took  # the index grows with each complete run, and so does the run
        else:
            killed += 1
        stored = check_complete(output, state, rows, stored)
        for name in left:
            left[name] += bool(temporaries(folder, name))
    run_once(argv)
    check_complete(output, state, rows, stored)
    print(
        json.dumps(
            {
                "killed": killed,
                "finished": finished,
                "kills_leaving_a_temporary": left,
                # the index's segments and state file are listed by its manifest
                "files": sorted(
                    set(os.listdir(folder)) - {os.path.basename(f) for f in warta.DedupIndex.files(state)[1:]}
                ),
                "index_files_listed": sorted(os.listdir(folder))
                == sorted(["in.jsonl", "out.jsonl"] + [os.path.basename(f) for f in warta.DedupIndex.files(state)]),
            }
        )
    )


if __name__ == "__main__":
    main()
