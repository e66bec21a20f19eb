"""End-to-end tests of the `warta` command line, through subprocesses, on real files."""

import ast
import csv
import fcntl
import gzip
import io
import json
import os
import pty
import random
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import warta as warta_pkg
import warta.cli as cli
import warta.index as warta_index
from warta.io import Reader

REPO = Path(__file__).resolve().parents[1]
WORDS = [f"kata{i}" for i in range(3000)]


def warta(*args, check=True):
    out = subprocess.run([sys.executable, "-m", "warta", *map(str, args)], capture_output=True, text=True)
    if check and out.returncode != 0:
        raise AssertionError(f"exit {out.returncode}\nstdout: {out.stdout}\nstderr: {out.stderr}")
    return out


def articles(seed, n, copies_of=()):
    rng = random.Random(seed)
    rows = [
        {"url": f"https://site{seed}.id/{i}", "text": " ".join(rng.choice(WORDS) for _ in range(80)), "n": i}
        for i in range(n)
    ]
    for j, src in enumerate(copies_of):
        rows.append({"url": f"https://copy{seed}.id/{j}", "text": src["text"] + " tambahan", "n": n + j})
    return rows


def write_jsonl(path, rows):
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "wt", encoding="utf-8") as f:
        for r in rows:
            f.write((r if isinstance(r, str) else json.dumps(r)) + "\n")
    return path


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def test_annotate_jsonl_and_history_through_the_index(tmp_path):
    day1 = articles(1, 20)
    day1 += articles(2, 0, copies_of=day1[:3])
    write_jsonl(tmp_path / "day1.jsonl.gz", day1)
    state = tmp_path / "state.idx"
    first = warta(
        "dedup", tmp_path / "day1.jsonl.gz", "-o", tmp_path / "out1.jsonl", "--index", state, "--id-field", "url"
    )
    out = read_jsonl(tmp_path / "out1.jsonl")
    assert len(out) == 23 and [r["url"] for r in out] == [r["url"] for r in day1]
    assert [r["duplicate_of"] for r in out[20:]] == [r["url"] for r in day1[:3]]
    assert all(r["duplicate_of"] is None and r["similarity"] is None for r in out[:20])
    assert out[20]["cluster_id"] == out[0]["cluster_id"] and 0.8 <= out[20]["similarity"] <= 1
    assert "documents read:          23" in first.stderr and "duplicates in this run:  3" in first.stderr
    assert "duplicates of history:   0" in first.stderr

    # chunks of one run are batches to the index, but their matches are not "history"
    chunked = warta("dedup", tmp_path / "day1.jsonl.gz", "-o", tmp_path / "chunked.jsonl", "--chunk-size", "7")
    assert "duplicates in this run:  3" in chunked.stderr and "duplicates of history:   0" in chunked.stderr
    assert read_jsonl(tmp_path / "chunked.jsonl")[20]["duplicate_of"] == 0

    day2 = articles(3, 5) + articles(4, 0, copies_of=day1[5:7])
    write_jsonl(tmp_path / "day2.jsonl", day2)
    second = warta(
        "dedup", tmp_path / "day2.jsonl", "-o", tmp_path / "out2.jsonl", "--index", state, "--id-field", "url"
    )
    out2 = read_jsonl(tmp_path / "out2.jsonl")
    assert [r["duplicate_of"] for r in out2[5:]] == [day1[5]["url"], day1[6]["url"]]
    assert "duplicates of history:   2" in second.stderr

    info = warta("index", "info", state)
    assert "live documents:    30" in info.stdout and "measure=story threshold=0.75" in info.stdout
    assert "2 segments" in info.stdout and "in 2 batches" in info.stdout
    query = warta("index", "query", state, day1[4]["text"])
    assert query.stdout.split() == ["1.000", day1[4]["url"]]
    (tmp_path / "q.txt").write_text(day1[5]["text"], encoding="utf-8")
    assert day1[5]["url"] in warta("index", "query", state, "--file", tmp_path / "q.txt").stdout
    assert "no stored document" in warta("index", "query", state, "sesuatu yang lain sama sekali").stdout
    compacted = warta("index", "compact", state)
    assert "30 live documents" in compacted.stdout
    assert "1 segments" in warta("index", "info", state).stdout
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("state.idx")) == sorted(
        os.path.basename(f) for f in warta_index.DedupIndex.files(state)
    )


def test_dates_window_and_source_priority_on_the_command_line(tmp_path):
    day1 = articles(11, 6)
    for i, r in enumerate(day1):
        r["date"] = f"2019-01-0{1 + i % 2}"
        r["url"] = f"https://www.situs{i}.id/berita/{i}"
    write_jsonl(tmp_path / "d1.jsonl", day1)
    state = tmp_path / "w.idx"
    common = ["--index", state, "--id-field", "url", "--date-field", "date", "--window", "30D"]
    warta("dedup", tmp_path / "d1.jsonl", "-o", tmp_path / "o1.jsonl", *common)
    later = articles(12, 2) + articles(13, 0, copies_of=day1[:1])
    for i, r in enumerate(later):
        r["date"] = "2019-02-20"
        r["url"] = f"https://agency.go.id/rilis/{i}"
    write_jsonl(tmp_path / "d2.jsonl", later)
    second = warta(
        "dedup", tmp_path / "d2.jsonl", "-o", tmp_path / "o2.jsonl", *common, "--source-priority", "agency.go.id"
    )
    assert "documents expired:       6" in second.stderr  # day 1 is more than 30 days older
    out = read_jsonl(tmp_path / "o2.jsonl")
    assert out[2]["duplicate_of"] is None  # its original expired: a story of its own again
    info = warta("index", "info", state).stdout
    assert "live documents:    3" in info and "2019-02-20" in info and "window=30 days" in info
    bad = tmp_path / "bad.jsonl"
    write_jsonl(bad, [{"text": "kata " * 30, "url": "u", "date": "bukan tanggal"}])
    failed = warta("dedup", bad, "-o", tmp_path / "o3.jsonl", "--id-field", "url", "--date-field", "date", check=False)
    assert failed.returncode != 0 and "date" in failed.stderr


def test_typo_reading_is_on_by_default_and_can_be_turned_off(tmp_path):
    write_jsonl(tmp_path / "in.jsonl", articles(7, 5))
    warta("dedup", tmp_path / "in.jsonl", "-o", tmp_path / "a.jsonl", "--index", tmp_path / "on.idx", "-q")
    assert "correct_typos=True" in warta("index", "info", tmp_path / "on.idx").stdout
    warta(
        "dedup",
        tmp_path / "in.jsonl",
        "-o",
        tmp_path / "b.jsonl",
        "--index",
        tmp_path / "off.idx",
        "-q",
        "--no-correct-typos",
    )
    info = warta("index", "info", tmp_path / "off.idx").stdout
    assert "correct_typos=False" in info and "words counted:     0 " in info
    # an index built with typo reading is not silently used without it
    refused = warta(
        "dedup",
        tmp_path / "in.jsonl",
        "-o",
        tmp_path / "c.jsonl",
        "--index",
        tmp_path / "on.idx",
        "--no-correct-typos",
        check=False,
    )
    assert refused.returncode == 2 and "correct_typos" in refused.stderr


def test_csv_drop_duplicates(tmp_path):
    rows = articles(5, 10)
    rows += articles(6, 0, copies_of=rows[:4])
    with open(tmp_path / "in.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=["url", "text", "n"])
        w.writeheader()
        w.writerows(rows)
    warta("dedup", tmp_path / "in.csv", "-o", tmp_path / "out.csv", "--drop-duplicates", "--quiet")
    with open(tmp_path / "out.csv", newline="", encoding="utf-8") as f:
        kept = list(csv.DictReader(f))
    assert [r["url"] for r in kept] == [r["url"] for r in rows[:10]]
    assert list(kept[0].keys()) == ["url", "text", "n"]


def test_parquet_in_parquet_out_and_missing_texts_pass_through(tmp_path):
    rows = articles(7, 6)
    rows += articles(8, 0, copies_of=rows[:2])
    texts = [r["text"] for r in rows] + [None, None]
    pq.write_table(pa.table({"text": texts, "url": [f"u{i}" for i in range(len(texts))]}), tmp_path / "in.parquet")
    res = warta("dedup", tmp_path / "in.parquet", "-o", tmp_path / "out.parquet", "--id-field", "url")
    table = pq.read_table(tmp_path / "out.parquet")
    assert table.num_rows == 10
    assert table.column("duplicate_of").to_pylist() == [None] * 6 + ["u0", "u1", None, None]
    assert table.column("cluster_id").to_pylist()[-2:] == [None, None]
    assert "rows without text (passed through, not deduplicated): 2; first at in.parquet:9, in.parquet:10" in res.stderr
    warta("dedup", tmp_path / "in.parquet", "-o", tmp_path / "kept.parquet", "--drop-duplicates", "-q")
    assert pq.read_table(tmp_path / "kept.parquet").num_rows == 8  # rows without text are passed through


def test_malformed_input_is_a_data_error_and_changes_nothing(tmp_path):
    state = tmp_path / "state.idx"
    write_jsonl(tmp_path / "good.jsonl", articles(9, 5))
    warta("dedup", tmp_path / "good.jsonl", "-o", tmp_path / "o.jsonl", "--index", state, "-q")
    before = state.read_bytes()
    write_jsonl(tmp_path / "bad.jsonl", [articles(10, 1)[0], "{broken", articles(11, 1)[0]])
    res = warta(
        "dedup",
        tmp_path / "good.jsonl",
        tmp_path / "bad.jsonl",
        "-o",
        tmp_path / "new.jsonl",
        "--index",
        state,
        check=False,
    )
    assert res.returncode == 1
    assert "bad.jsonl, line 2: not valid JSON" in res.stderr and "--on-error skip" in res.stderr
    assert state.read_bytes() == before and not (tmp_path / "new.jsonl").exists()

    res = warta("dedup", tmp_path / "bad.jsonl", "-o", tmp_path / "new.jsonl", "--on-error", "skip")
    assert len(read_jsonl(tmp_path / "new.jsonl")) == 2
    assert "lines skipped (--on-error skip): 1; first at bad.jsonl:2" in res.stderr


def test_repeated_ids_are_data_errors_or_skipped(tmp_path):
    rows = articles(12, 3)
    write_jsonl(tmp_path / "a.jsonl", rows + [rows[1]])
    res = warta("dedup", tmp_path / "a.jsonl", "-o", tmp_path / "o.jsonl", "--id-field", "url", check=False)
    assert res.returncode == 1 and "line 4: id 'https://site12.id/1' was already added" in res.stderr
    assert "fix the line, or pass --on-error skip" in res.stderr  # the same words as for a malformed line
    warta("dedup", tmp_path / "a.jsonl", "-o", tmp_path / "o.jsonl", "--id-field", "url", "--on-error", "skip", "-q")
    assert len(read_jsonl(tmp_path / "o.jsonl")) == 3
    # one count for repeated ids and malformed lines, over every input, in reading order
    write_jsonl(tmp_path / "b.jsonl", ["{broken", articles(13, 1)[0]])
    res = warta(
        "dedup",
        tmp_path / "a.jsonl",
        tmp_path / "b.jsonl",
        "-o",
        tmp_path / "o.jsonl",
        "--id-field",
        "url",
        "--on-error",
        "skip",
    )
    assert "lines skipped (--on-error skip): 2; first at a.jsonl:4, b.jsonl:1" in res.stderr


def test_usage_errors_exit_2(tmp_path):
    write_jsonl(tmp_path / "a.jsonl", articles(13, 3))
    state = tmp_path / "s.idx"
    warta("dedup", tmp_path / "a.jsonl", "-o", tmp_path / "o.jsonl", "--index", state, "-q")
    cases = [
        (["dedup", tmp_path / "missing.jsonl", "-o", tmp_path / "o.jsonl"], "does not exist"),
        (["dedup", tmp_path / "a.jsonl"], "required: -o"),
        (["dedup", tmp_path / "a.jsonl", "-o", tmp_path / "o.jsonl", "--annotate", "--drop-duplicates"], "not allowed"),
        (
            ["dedup", tmp_path / "a.jsonl", "-o", tmp_path / "o.jsonl", "--index", state, "--threshold", "0.9"],
            "built with threshold=0.75 but threshold=0.9",
        ),
        (["dedup", tmp_path / "a.jsonl", "-o", tmp_path / "a.jsonl"], "must not be one of the inputs"),
        (["dedup", tmp_path / "a.jsonl", "-o", tmp_path / "o.txt"], "name it .jsonl"),
        (["index", "info", tmp_path / "nope.idx"], "does not exist"),
        (["dedup", tmp_path / "a.jsonl", "-o", tmp_path / "no" / "o.jsonl"], "directory"),
        (
            ["dedup", tmp_path / "a.jsonl", "-o", tmp_path / "o.jsonl", "--index", tmp_path / "no" / "s.idx"],
            "create it first",
        ),
        (["index", "query", state], "either TEXT or --file"),
        (["frobnicate"], "invalid choice"),
    ]
    for args, message in cases:
        res = warta(*args, check=False)
        assert res.returncode == 2, (args, res.stderr)
        assert message in res.stderr, (args, res.stderr)


def usage_error(capsys, *args):
    """Runs warta in this process; the message of the usage error it exits with."""
    with pytest.raises(SystemExit) as exit_:
        cli.main([str(a) for a in args])
    assert exit_.value.code == cli.EXIT_USAGE
    return capsys.readouterr().err


def test_numbers_are_checked_by_the_library_and_are_usage_errors(tmp_path, capsys):
    write_jsonl(tmp_path / "a.jsonl", articles(13, 3))
    run = ["dedup", tmp_path / "a.jsonl", "-o", tmp_path / "o.jsonl"]
    assert "threshold must be in (0, 1], got 1.5" in usage_error(capsys, *run, "--threshold", "1.5")
    assert "num_perm must be" in usage_error(capsys, *run, "--num-perm", "0")
    assert "chunk_size must be >= 1, got 0" in usage_error(capsys, *run, "--chunk-size", "0")
    for option, value, message in [
        ("--threshold", "nan", "got nan"),
        ("--threshold", "-inf", "got -inf"),
        ("--threshold", "0", "got 0"),
        ("--num-perm", "-3", "got -3"),
        ("--num-perm", "10000000000", "in [1, 8192], got 10000000000"),
        ("--chunk-size", "-5", "got -5"),
        ("--threshold", "abc", "invalid float value"),
        ("--num-perm", "2.5", "invalid int value"),
    ]:
        assert message in usage_error(capsys, *run, f"{option}={value}"), (option, value)  # "=": "-3" is no option
    assert not (tmp_path / "o.jsonl").exists()
    # against an existing index, the index's parameters are the ones a number must match
    warta("dedup", tmp_path / "a.jsonl", "-o", tmp_path / "o.jsonl", "--index", tmp_path / "s.idx", "-q")
    for option, value in (("--threshold", "1.5"), ("--num-perm", "0")):
        assert "was built with" in usage_error(capsys, *run, "--index", tmp_path / "s.idx", option, value)


def cli_imports(node, siblings):
    """The modules of warta.cli whose names an import statement needs ("__init__": the package's own)."""
    if isinstance(node, ast.Import):
        return {
            "__init__" if a.name == "warta.cli" else a.name.split(".")[2]
            for a in node.names
            if a.name == "warta.cli" or a.name.startswith("warta.cli.")
        }
    base = {0: "", 1: "warta.cli", 2: "warta"}.get(node.level, "")
    module = ".".join(p for p in (base, node.module or "") if p)
    if module == "warta.cli":
        return {a.name if a.name in siblings else "__init__" for a in node.names}
    return {module.split(".")[2]} if module.startswith("warta.cli.") else set()


def test_each_command_module_imports_alone_at_the_top_and_without_cycles():
    package = Path(cli.__file__).parent
    modules = sorted(p.stem for p in package.glob("*.py"))
    assert {"__init__", "dedup", "index", "link", "demo"} <= set(modules)
    imports = {}
    for name in modules:
        tree = ast.parse((package / f"{name}.py").read_text(encoding="utf-8"))
        nested = [
            n
            for f in ast.walk(tree)
            if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef))
            for n in ast.walk(f)
            if isinstance(n, (ast.Import, ast.ImportFrom))
        ]
        assert not nested, f"warta/cli/{name}.py imports inside a function (line {nested[0].lineno})"
        tops = [n for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))]
        imports[name] = set().union(*(cli_imports(n, modules) for n in tops)) - {name}
    assert imports["__init__"] >= {"dedup", "index", "link", "demo"}

    def reaches(start, goal, seen=()):
        return any(m == goal or (m not in seen and reaches(m, goal, (*seen, m))) for m in imports.get(start, ()))

    for name in modules:
        assert not reaches(name, name), f"warta.cli.{name} imports itself through {sorted(imports[name])}"
    for name in modules:
        module = "warta.cli" if name == "__init__" else f"warta.cli.{name}"
        subprocess.run([sys.executable, "-c", f"import {module}"], check=True)


def test_ctrl_c_halfway_leaves_the_output_and_the_index_as_they_were(tmp_path, monkeypatch, capsys):
    write_jsonl(tmp_path / "a.jsonl", articles(17, 30))
    state, out = tmp_path / "s.idx", tmp_path / "o.jsonl"
    assert cli.main(["dedup", str(tmp_path / "a.jsonl"), "-o", str(out), "--index", str(state), "-q"]) == 0
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    add_batch = warta_index.DedupIndex.add_batch
    calls = []

    def interrupted_on_the_second_chunk(self, *args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return add_batch(self, *args, **kwargs)

    monkeypatch.setattr(warta_index.DedupIndex, "add_batch", interrupted_on_the_second_chunk)
    code = cli.main(["dedup", str(tmp_path / "a.jsonl"), "-o", str(out), "--index", str(state), "--chunk-size", "10"])
    assert code == cli.EXIT_INTERRUPTED and "left as they were" in capsys.readouterr().err
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before  # no temporary file either


def test_corrupt_index_is_a_data_error(tmp_path):
    write_jsonl(tmp_path / "a.jsonl", articles(14, 3))
    state = tmp_path / "s.idx"
    warta("dedup", tmp_path / "a.jsonl", "-o", tmp_path / "o.jsonl", "--index", state, "-q")
    state.write_bytes(state.read_bytes()[:-30])
    for args in (
        ["dedup", tmp_path / "a.jsonl", "-o", tmp_path / "o2.jsonl", "--index", state],
        ["index", "info", state],
    ):
        res = warta(*args, check=False)
        assert res.returncode == 1 and "truncated" in res.stderr


def test_console_script_is_installed():
    script = Path(sys.executable).parent / "warta"
    assert script.exists()
    out = subprocess.run([str(script), "dedup", "--help"], capture_output=True, text=True, check=True)
    assert "--drop-duplicates" in out.stdout and "--index" in out.stdout


def shared_news() -> Path:
    env = os.environ.get("WARTA_SHARED_DATA")
    root = Path(env) if env else REPO.parent / "shared" / "data"
    return root / "news" / "click-id.jsonl.gz"


@pytest.mark.skipif(
    not shared_news().exists(),
    reason="real corpus not found: set WARTA_SHARED_DATA or place shared/data beside the repository",
)
def test_real_articles_two_days_through_the_index(tmp_path):
    with gzip.open(shared_news(), "rt", encoding="utf-8") as f:
        rows = [json.loads(next(f)) for _ in range(400)]
    day1, day2 = rows[:250], rows[200:]  # 50 articles scraped again on day 2
    write_jsonl(tmp_path / "day1.jsonl.gz", day1)
    write_jsonl(tmp_path / "day2.jsonl.gz", day2)
    state = tmp_path / "state.idx"
    warta("dedup", tmp_path / "day1.jsonl.gz", "-o", tmp_path / "o1.jsonl", "--index", state, "--id-field", "id", "-q")
    # the re-scraped ones carry new ids (their urls changed), the texts are the same
    originals = [r["id"] for r in day2[:50]]
    day2 = [{**r, "id": r["id"] + "-again"} for r in day2[:50]] + day2[50:]
    write_jsonl(tmp_path / "day2.jsonl.gz", day2)
    res = warta("dedup", tmp_path / "day2.jsonl.gz", "-o", tmp_path / "o2.jsonl", "--index", state, "--id-field", "id")
    out = read_jsonl(tmp_path / "o2.jsonl")
    assert [r["duplicate_of"] for r in out[:50]] == originals
    assert "duplicates of history:   50" in res.stderr


def test_keep_longest(tmp_path):
    rows = articles(15, 3)
    rows.append({"url": "https://copy.id/long", "text": rows[0]["text"] + " dengan tambahan kalimat panjang", "n": 3})
    write_jsonl(tmp_path / "a.jsonl", rows)
    warta(
        "dedup",
        tmp_path / "a.jsonl",
        "-o",
        tmp_path / "o.jsonl",
        "--id-field",
        "url",
        "--keep",
        "longest",
        "--drop-duplicates",
        "-q",
    )
    assert [r["url"] for r in read_jsonl(tmp_path / "o.jsonl")] == [
        rows[1]["url"],
        rows[2]["url"],
        "https://copy.id/long",
    ]


def run_with_tty_stderr(args):
    """Runs warta with stderr on a pseudo-terminal (as in an interactive shell); returns what it showed."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # a new pty is 0 columns wide
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "warta", *map(str, args)],
            stdout=subprocess.PIPE,
            stderr=follower,
            text=True,
            timeout=120,
        )
        os.close(follower)
        follower = -1
        shown = b""
        while True:
            try:
                data = os.read(leader, 65536)
            except OSError:  # the terminal is closed and drained
                break
            if not data:
                break
            shown += data
    finally:
        os.close(leader)
        if follower >= 0:
            os.close(follower)
    assert proc.returncode == 0
    return shown.decode("utf-8", "replace")


def test_progress_bar_only_on_a_terminal_and_not_with_quiet(tmp_path):
    write_jsonl(tmp_path / "a.jsonl", articles(16, 30))
    shown = run_with_tty_stderr(["dedup", tmp_path / "a.jsonl", "-o", tmp_path / "o.jsonl"])
    assert "dedup:" in shown and "100%" in shown and "documents read" in shown
    quiet = run_with_tty_stderr(["dedup", tmp_path / "a.jsonl", "-o", tmp_path / "o.jsonl", "--quiet"])
    assert quiet.strip() == ""
    piped = warta("dedup", tmp_path / "a.jsonl", "-o", tmp_path / "o.jsonl")  # stderr is a pipe here
    assert "dedup:" not in piped.stderr and "documents read" in piped.stderr


def test_a_text_field_no_row_has_is_a_data_error_and_changes_nothing(tmp_path):
    state, out = tmp_path / "s.idx", tmp_path / "o.jsonl"
    write_jsonl(tmp_path / "a.jsonl", articles(18, 5))
    warta("dedup", tmp_path / "a.jsonl", "-o", out, "--index", state, "-q")
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    res = warta("dedup", tmp_path / "a.jsonl", "-o", out, "--index", state, "--text-field", "body", check=False)
    assert res.returncode == 1
    assert "a.jsonl: no row has the text field 'body' (keys seen: url, text, n); pass --text-field" in res.stderr
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before
    # a later file without the field stops the run too: each file is checked
    write_jsonl(tmp_path / "b.jsonl", [{"url": "x", "body": "teks"}])
    res = warta("dedup", tmp_path / "a.jsonl", tmp_path / "b.jsonl", "-o", out, check=False)
    assert res.returncode == 1 and "b.jsonl: no row has the text field 'text' (keys seen: url, body)" in res.stderr
    # rows without the field before rows with it are rows without text, passed through and reported
    write_jsonl(tmp_path / "c.jsonl", [{"url": "y"}] * 3 + articles(19, 2))
    res = warta("dedup", tmp_path / "c.jsonl", "-o", out, "--chunk-size", "2")
    assert "rows without text (passed through, not deduplicated): 3; first at c.jsonl:1" in res.stderr
    assert len(read_jsonl(out)) == 5


def test_jsonl_to_csv_keeps_keys_that_only_later_rows_have(tmp_path):
    rows = articles(20, 4)
    rows[3]["author"] = 'Andi, "Serang"'
    write_jsonl(tmp_path / "a.jsonl", rows)
    warta("dedup", tmp_path / "a.jsonl", "-o", tmp_path / "o.csv", "--chunk-size", "2", "-q")
    with open(tmp_path / "o.csv", newline="", encoding="utf-8") as f:
        got = list(csv.DictReader(f))
    assert list(got[0]) == ["url", "text", "n", "cluster_id", "duplicate_of", "similarity", "author"]
    assert [r["author"] for r in got] == ["", "", "", 'Andi, "Serang"'] and got[3]["url"] == rows[3]["url"]


def test_a_megabyte_csv_field_is_deduplicated_not_rejected(tmp_path):
    rows = articles(21, 3)
    rows[1]["text"] = " ".join(WORDS[i % 3000] for i in range(120_000))  # ~1 MB
    with open(tmp_path / "in.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=["url", "text", "n"])
        w.writeheader()
        w.writerows(rows + [rows[1]])
    res = warta("dedup", tmp_path / "in.csv", "-o", tmp_path / "o.csv", "--on-error", "skip")
    assert "skipped" not in res.stderr and "documents read:          4" in res.stderr
    (chunk,) = Reader(tmp_path / "o.csv")  # not csv.DictReader: its limit is the one warta's reader raises
    assert chunk.texts[1] == rows[1]["text"] and chunk.records[3]["duplicate_of"] == "1"


def test_a_failed_index_save_leaves_the_output_and_the_index_as_they_were(tmp_path, monkeypatch, capsys):
    write_jsonl(tmp_path / "a.jsonl", articles(22, 30))
    write_jsonl(tmp_path / "b.jsonl", articles(23, 30))
    state, out = tmp_path / "s.idx", tmp_path / "o.jsonl"
    assert cli.main(["dedup", str(tmp_path / "a.jsonl"), "-o", str(out), "--index", str(state), "-q"]) == 0
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    monkeypatch.setattr(warta_index.DedupIndex, "_fail_after_bytes", 1000)  # ENOSPC after 1000 bytes of the index
    code = cli.main(["dedup", str(tmp_path / "b.jsonl"), "-o", str(out), "--index", str(state), "-q"])
    assert code == cli.EXIT_DATA and "No space left on device" in capsys.readouterr().err
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before  # no temporary file either


def test_sigkill_at_random_points_leaves_a_complete_output_and_index_and_no_temporary(tmp_path):
    """50 runs of `warta dedup -o --index` killed with SIGKILL anywhere (tests/kill_loop.py):
    after each, the output and the index are those of a complete run; the temporaries a kill
    leaves are removed by the next run, so none is left after the last."""
    rows = articles(30, 3000)
    write_jsonl(tmp_path / "in.jsonl", rows + articles(31, 0, copies_of=rows[:600]))
    out = subprocess.run(
        [sys.executable, str(REPO / "tests" / "kill_loop.py"), str(tmp_path), "50", "10"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert out.returncode == 0, out.stderr
    summary = json.loads(out.stdout)
    assert summary["killed"] == 50 and summary["files"] == ["in.jsonl", "out.jsonl", "state.idx"], summary
    assert summary["index_files_listed"], summary  # no segment or state file left that the manifest does not name
    # the kills hit the run while it wrote the output and while it saved the index
    left = summary["kills_leaving_a_temporary"]
    assert left["out.jsonl"] > 10 and left["state.idx"] > 0, summary


def test_explain_writes_a_sample_beside_the_output(tmp_path):
    rows = articles(3, 10)
    rows += [{"url": f"https://copy.id/{k}", "text": rows[k]["text"] + " tambahan", "n": 10 + k} for k in range(4)]
    src = write_jsonl(tmp_path / "in.jsonl", rows)
    warta("dedup", src, "-o", tmp_path / "out.jsonl", "--id-field", "url", "--explain", 3, "-q")
    sample = read_jsonl(tmp_path / "out.jsonl.explain.jsonl")
    assert [e["id"] for e in sample] == [f"https://copy.id/{k}" for k in range(3)]  # N of them, in input order
    for k, e in enumerate(sample):
        assert e["duplicate_of"] == f"https://site3.id/{k}"
        assert 0.8 <= e["jaccard"] <= 1.0 and e["containment"] == 1.0
        start_a, end_a, start_b, end_b = e["passages"][0][:4]
        assert rows[10 + k]["text"][start_a:end_a] == rows[k]["text"][start_b:end_b]  # offsets into both texts
    assert warta("dedup", src, "-o", tmp_path / "o2.jsonl", "--explain", "-1", check=False).returncode == 2
    assert not (tmp_path / "o2.jsonl.explain.jsonl").exists()


def test_progress_off_a_terminal_is_a_line_every_few_seconds():
    from warta.cli.progress import Progress

    now = [0.0]
    out = io.StringIO()  # not a terminal: a cron log, a notebook cell
    p = Progress(1000, "dedup", quiet=False, stream=out, every=5.0, clock=lambda: now[0])
    for k in range(1, 13):
        now[0] = float(k)
        p.update(k * 10, k * 100, f"{k} duplicates so far")
    p.close("12 duplicates so far")
    assert out.getvalue().splitlines() == [
        "warta dedup: 500 rows, 100 docs/s, 5 duplicates so far",
        "warta dedup: 1,000 rows, 100 docs/s, 10 duplicates so far",
        "warta dedup: 1,200 rows, 100 docs/s, 12 duplicates so far",
    ]
    quiet = io.StringIO()
    q = Progress(1000, "dedup", quiet=True, stream=quiet, clock=lambda: now[0])
    now[0] = 100.0
    q.update(1000, 5000)
    q.close()
    assert quiet.getvalue() == ""


def test_version():
    res = warta("--version")
    assert res.stdout.strip() == f"warta {warta_pkg.__version__}"
