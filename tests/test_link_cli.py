"""End-to-end tests of `warta link` through a subprocess, on JSONL, CSV and Parquet."""

import json
import subprocess
import sys

import pandas as pd
import pytest
import warta.cli

ROWS = [
    {"url": "u1", "date": "2025-06-01", "text": "Gubernur Banten Andra Soni meninjau Pemkab Serang."},
    {"url": "u2", "date": None, "text": None},
    {"url": "u3", "date": "2025-06-01", "text": "Wabup Serang Najib Hamas hadir."},
]


def run(*args):
    return subprocess.run([sys.executable, "-m", "warta", "link", *map(str, args)], capture_output=True, text=True)


def write_input(path):
    df = pd.DataFrame(ROWS)
    if path.suffix == ".jsonl":
        path.write_text("".join(json.dumps(r) + "\n" for r in ROWS), encoding="utf-8")
    elif path.suffix == ".csv":
        df.to_csv(path, index=False)
    else:
        df.to_parquet(path)


def read_output(path):
    if path.suffix == ".jsonl":
        return pd.read_json(path, lines=True)
    if path.suffix == ".csv":
        return pd.read_csv(path)
    return pd.read_parquet(path)


@pytest.mark.parametrize("src, dst", [("in.jsonl", "out.parquet"), ("in.csv", "out.jsonl"), ("in.parquet", "out.csv")])
def test_link_formats(tmp_path, src, dst):
    write_input(tmp_path / src)
    out = run(tmp_path / src, "-o", tmp_path / dst, "--date-field", "date", "--id-field", "url")
    assert out.returncode == 0, out.stderr
    assert "3 documents" in out.stderr and "1 without text" in out.stderr
    table = read_output(tmp_path / dst)
    assert list(table.columns) == ["doc", "url", "start", "end", "text", "entity_id", "label", "score", "term_id"]
    assert table[table["doc"] == 0]["text"].tolist() == [
        "Gubernur Banten",
        "Banten",
        "Andra Soni",
        "Pemkab Serang",
        "Serang",
    ]
    assert set(table["url"]) == {"u1", "u3"}
    assert "person-muhammad-najib-hamas" in table["entity_id"].tolist()


def test_custom_gazetteer_and_errors(tmp_path):
    write_input(tmp_path / "in.jsonl")
    gaz = tmp_path / "g.csv"
    gaz.write_text("id,name,type\nx1,Najib Hamas,person\n", encoding="utf-8")
    out = run(tmp_path / "in.jsonl", "-o", tmp_path / "o.csv", "--gazetteer", gaz, "-q")
    assert out.returncode == 0, out.stderr
    assert pd.read_csv(tmp_path / "o.csv")["entity_id"].tolist() == ["x1"]
    bad = tmp_path / "bad.csv"
    bad.write_text("id,name,type\nx1,Najib,wizard\n", encoding="utf-8")
    out = run(tmp_path / "in.jsonl", "-o", tmp_path / "o.csv", "--gazetteer", bad)
    assert out.returncode == 1 and "bad.csv:2" in out.stderr
    out = run(tmp_path / "in.jsonl", "-o", tmp_path / "o.csv", "--gazetteer", tmp_path / "missing.csv")
    assert out.returncode == 2 and "missing.csv" in out.stderr
    out = run(tmp_path / "in.jsonl", "-o", tmp_path / "o.csv", "--text-field", "body")
    assert out.returncode == 1 and "--text-field" in out.stderr
    (tmp_path / "broken.jsonl").write_text('{"text": "Pemkab Serang"}\n{not json\n', encoding="utf-8")
    out = run(tmp_path / "broken.jsonl", "-o", tmp_path / "o.csv")
    assert out.returncode == 1 and "line 2" in out.stderr
    assert not (tmp_path / "o.csv").exists() or pd.read_csv(tmp_path / "o.csv")["entity_id"].tolist() == ["x1"]
    out = run(tmp_path / "broken.jsonl", "-o", tmp_path / "skip.csv", "--on-error", "skip")
    assert out.returncode == 0 and "1 malformed lines skipped" in out.stderr
    assert pd.read_csv(tmp_path / "skip.csv")["entity_id"].tolist() == ["org-pemkab-36.04", "reg-36.04"]
    out = run(tmp_path / "in.jsonl", "-o", tmp_path / "o.txt")
    assert out.returncode == 2 and ".jsonl, .csv or .parquet" in out.stderr
    assert run(tmp_path / "in.jsonl").returncode == 2  # usage: -o missing


def test_usage_errors_as_for_dedup(tmp_path, capsys):
    """The file and number checks are the ones `warta dedup` makes (they were dedup's only)."""
    write_input(tmp_path / "in.jsonl")
    cases = [
        (["-o", tmp_path / "in.jsonl"], "the output must not be one of the inputs"),
        (["-o", tmp_path / "no" / "o.jsonl"], "directory"),
        (["-o", tmp_path / "o.jsonl", "--jobs", "0"], "n_jobs must be None, -1 or a positive int, got 0"),
    ]
    for args, message in cases:
        with pytest.raises(SystemExit) as exit_:
            warta.cli.main(["link", str(tmp_path / "in.jsonl"), *map(str, args)])
        assert exit_.value.code == warta.cli.EXIT_USAGE
        assert message in capsys.readouterr().err, args
    assert json.loads((tmp_path / "in.jsonl").read_text(encoding="utf-8").splitlines()[0]) == ROWS[0]


@pytest.mark.parametrize("src", ["in.jsonl", "in.csv", "in.parquet"])
def test_a_date_or_id_field_no_row_has_is_an_error_naming_the_keys(tmp_path, src):
    """Dates silently ignored (or ids silently null) would be wrong results: the field must be in the input."""
    write_input(tmp_path / src)
    for option, name in (("--date-field", "published"), ("--id-field", "link"), ("--text-field", "body")):
        out = run(tmp_path / src, "-o", tmp_path / "o.jsonl", option, name)
        assert out.returncode == 1, out.stderr
        assert f"'{name}'" in out.stderr and "url, date, text" in out.stderr and option in out.stderr
        assert not (tmp_path / "o.jsonl").exists()
