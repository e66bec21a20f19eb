import numpy as np
import pandas as pd
import pytest
import warta

dd = pytest.importorskip("dask.dataframe")
import dask  # noqa: E402
import warta.dask as wdask  # noqa: E402


def corpus():
    rng = np.random.default_rng(7)
    words = [f"kata{i}" for i in range(400)]
    base = [" ".join(rng.choice(words, 90)) for _ in range(40)]
    texts = [b if k == 0 else b + f" tambahan{k}" for b in base for k in range(3)]
    order = rng.permutation(len(texts))
    return [texts[i] for i in order]


def test_partitions_give_the_same_clusters_as_one_batch():
    texts = corpus()
    ddf = dd.from_pandas(pd.DataFrame({"text": texts}), npartitions=4)
    kw = dict(strip_boilerplate=False, correct_typos=False)  # nothing learned per partition
    dist = wdask.clusters(ddf, "text", **kw)
    local = warta.dedup(texts, **kw)
    np.testing.assert_array_equal(dist.cluster_id, local.cluster_id)
    np.testing.assert_array_equal(dist.duplicate_of, local.duplicate_of)
    assert dist.pairs.equals(local.pairs)
    assert dist.n_clusters == 40


def test_series_input_and_defaults():
    texts = corpus()
    res = wdask.clusters(dd.from_pandas(pd.Series(texts), npartitions=3), column=None)
    assert len(res) == len(texts) and res.n_clusters == 40
    with pytest.raises(KeyError, match="body"):
        wdask.clusters(dd.from_pandas(pd.DataFrame({"text": texts}), npartitions=2), "body")


def test_dedup_is_a_lazy_frame_of_the_input_rows_with_their_clusters():
    texts = corpus()
    frame = pd.DataFrame({"text": texts, "url": [f"https://a.example/{i}" for i in range(len(texts))]})
    frame.index = frame.index * 10  # labels are not positions
    ddf = dd.from_pandas(frame, npartitions=4)
    kw = dict(strip_boilerplate=False, correct_typos=False)
    out = wdask.dedup(ddf, "text", id_column="url", **kw)
    assert isinstance(out, dd.DataFrame) and out.npartitions == 4
    assert list(out.columns) == ["text", "url", "cluster_id", "duplicate_of", "similarity", "is_duplicate"]
    got = out.compute()
    local = warta.dedup(texts, **kw)
    assert got.index.equals(frame.index) and got["url"].tolist() == frame["url"].tolist()
    np.testing.assert_array_equal(got["cluster_id"], local.cluster_id)
    np.testing.assert_array_equal(got["is_duplicate"], local.is_duplicate)
    kept_url = [frame["url"].iloc[k] if k >= 0 else None for k in local.duplicate_of]
    assert [None if pd.isna(v) else v for v in got["duplicate_of"]] == kept_url
    np.testing.assert_allclose(got["similarity"], local.similarity_to_kept())
    positions = wdask.dedup(ddf, "text", **kw).compute()["duplicate_of"]
    np.testing.assert_array_equal(positions, local.duplicate_of)


def test_dedup_output_is_written_without_collecting_the_rows(tmp_path):
    texts = corpus()
    ddf = dd.from_pandas(pd.DataFrame({"text": texts}), npartitions=3)
    wdask.dedup(ddf, "text").to_parquet(tmp_path / "out")
    back = pd.read_parquet(tmp_path / "out")
    assert len(back) == len(texts) and back["cluster_id"].nunique() == 40


def test_link_is_a_lazy_frame_of_mentions_with_the_input_row_labels():
    texts = ["Gubernur Banten Andra Soni meninjau Serang.", None, "Presiden Joko Widodo hadir di Solo."]
    frame = pd.DataFrame({"body": texts, "day": ["2025-06-01", "2025-06-01", "2019-09-10"]}, index=[7, 8, 9])
    out = wdask.link(dd.from_pandas(frame, npartitions=2), "body", date_column="day")
    assert isinstance(out, dd.DataFrame)
    got = out.compute().reset_index(drop=True)
    linker = warta.EntityLinker()
    want = linker.link_batch(frame["body"], dates=frame["day"])
    want.insert(0, "row", frame.index[want.pop("doc").to_numpy()])

    def rows(df):  # the values, whatever string and missing-value dtypes Dask chose
        return [[None if pd.isna(v) else v for v in r] for r in df.astype(object).itertuples(index=False)]

    assert list(got.columns) == list(want.columns) and rows(got) == rows(want)
    assert {"person-andra-soni", "person-joko-widodo"} <= set(got["entity_id"].dropna())
    with pytest.raises(TypeError, match="Gazetteer"):
        wdask.link(dd.from_pandas(frame, npartitions=1), "body", gazetteer="default")


def near_threshold_batch():
    """Copies at exact Jaccard ~0.815 of 30 random texts (the estimate falls under 0.8 for
    some of them), spread over partitions, with unrelated texts between them."""
    rng = np.random.default_rng(11)
    words = [f"kata{i}" for i in range(20000)]
    texts = []
    for s in range(30):
        base = list(rng.choice(words, 200, replace=False))
        variant = list(base)
        for pos in (30, 70, 110, 150):
            variant[pos] = f"lain{s}x{pos}"
        texts += [" ".join(base), " ".join(rng.choice(words, 150)), " ".join(variant)]
    return texts


def test_refinement_matches_the_local_batch():
    texts = near_threshold_batch()
    # nothing learned per partition; Jaccard, whose threshold these copies sit next to
    kw = dict(strip_boilerplate=False, correct_typos=False, measure="jaccard")
    local = warta.dedup(texts, **kw)
    plain = warta.dedup(texts, refine=False, **kw)
    # refinement keeps every candidate at the exact 0.815; estimates alone lose some (LSH,
    # which misses a 0.815 pair 3% of the time, is the same for both)
    assert 60 <= local.n_clusters < plain.n_clusters
    ddf = dd.from_pandas(pd.DataFrame({"text": texts}), npartitions=4)
    dist = wdask.clusters(ddf, "text", **kw)
    np.testing.assert_array_equal(dist.cluster_id, local.cluster_id)
    assert dist.pairs.equals(local.pairs)
    unrefined = wdask.clusters(ddf, "text", refine=False, **kw)
    np.testing.assert_array_equal(unrefined.cluster_id, plain.cluster_id)


def test_byte_identical_copies_join_across_partitions_whatever_each_learned(news_rows):
    """Each partition learns its own chrome and spelling, so a text can be signed in one
    partition differently from its byte-identical copy in another; the copy must still join."""
    texts = [r["text"] for r in news_rows[:1200]]
    copies = texts[:100]
    frame = pd.DataFrame({"text": texts[:600] + texts[600:] + copies})
    ddf = dd.from_pandas(frame, npartitions=2, sort=False)
    res = wdask.clusters(ddf, "text")
    n = len(texts)
    joined = [res.cluster_id[n + k] == res.cluster_id[k] for k in range(len(copies))]
    assert sum(joined) == len(copies)


@pytest.mark.parametrize("measure", ["story", "jaccard"])
def test_partitions_decide_by_the_same_measure_as_one_batch(measure):
    # per story: a text, its trimmed copy (story joins them, jaccard does not), and two days
    # of a price template (same words, other figures: story keeps them apart only if each
    # text's numbers reached the client), spread over partitions
    rng = np.random.default_rng(3)
    words = [f"kata{i}" for i in range(2000)]
    texts = []
    for _ in range(12):
        paras = [" ".join(rng.choice(words, 40)) + "." for _ in range(6)]
        template = [" ".join(rng.choice(words, 12)) for _ in range(3)]  # Jaccard of two days ~0.7
        for _day in range(2):
            texts.append("\n".join(f"{p} harga {rng.integers(10**5, 10**6)} rupiah." for p in template))
        texts += ["\n".join(paras), "\n".join(paras[:3])]
    kw = dict(strip_boilerplate=False, correct_typos=False, measure=measure)
    dist = wdask.clusters(dd.from_pandas(pd.DataFrame({"text": texts}), npartitions=5), "text", **kw)
    local = warta.dedup(texts, **kw)
    np.testing.assert_array_equal(dist.cluster_id, local.cluster_id)
    assert dist.pairs.equals(local.pairs)
    c = local.cluster_id
    assert all(c[i] != c[i + 1] for i in range(0, len(texts), 4))  # the two days stay apart
    assert all((c[i + 2] == c[i + 3]) == (measure == "story") for i in range(0, len(texts), 4))


def test_partitions_apply_the_opening_rule_as_one_batch():
    # per story: a text and an edited copy that keeps its lead (joined by the opening rule
    # only), and a follow-up that reuses the body after a lead of its own (never joined),
    # spread over partitions so that most pairs cross them
    rng = np.random.default_rng(11)
    words = [f"kata{i}" for i in range(3000)]

    def para(n):
        return " ".join(rng.choice(words, n)) + "."

    texts = []
    for _ in range(10):
        lead, body = para(70), [para(40) for _ in range(6)]
        texts.append("\n".join([lead, *body]))
        texts.append("\n".join([lead, *body[:4], para(40), para(40), para(40)]))
        texts.append("\n".join([para(70), *body[:4], para(40), para(40), para(40)]))
    kw = dict(strip_boilerplate=False, correct_typos=False)
    dist = wdask.clusters(dd.from_pandas(pd.DataFrame({"text": texts}), npartitions=7), "text", **kw)
    local = warta.dedup(texts, **kw)
    np.testing.assert_array_equal(dist.cluster_id, local.cluster_id)
    assert dist.pairs.equals(local.pairs)
    c = local.cluster_id
    assert all(c[i] == c[i + 1] != c[i + 2] for i in range(0, len(texts), 3))
    off = wdask.clusters(dd.from_pandas(pd.DataFrame({"text": texts}), npartitions=7), "text", opening_bonus=0, **kw)
    assert all(off.cluster_id[i] != off.cluster_id[i + 1] for i in range(0, len(texts), 3))


@pytest.fixture(scope="module")
def cluster_client():
    """A real distributed cluster: two worker processes, one thread each."""
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as lc:
        # not the default scheduler of the other tests: those that use it say so
        with distributed.Client(lc, set_as_default=False) as client:
            yield client


def test_a_local_cluster_gives_the_clusters_and_links_of_one_process(cluster_client, news_rows):
    with dask.config.set(scheduler=cluster_client):
        local_cluster_gives_the_clusters_and_links_of_one_process(news_rows)


def local_cluster_gives_the_clusters_and_links_of_one_process(news_rows):
    rows = news_rows[:1500]
    texts = [r["text"] for r in rows] + [r["text"] for r in rows[:200]]  # copies land in other partitions
    frame = pd.DataFrame({"text": texts, "url": [f"u{i}" for i in range(len(texts))]})
    ddf = dd.from_pandas(frame, npartitions=8, sort=False)
    # the defaults (chrome and spelling learned from the whole frame): the clusters of one batch
    got = wdask.dedup(ddf, "text", id_column="url").compute()
    local = warta.dedup(texts)
    np.testing.assert_array_equal(got["cluster_id"], local.cluster_id)
    learned = got["cluster_id"].to_numpy()
    assert all(learned[1500 + k] == learned[k] for k in range(200))
    links = wdask.link(ddf.head(60, npartitions=-1, compute=False), "text").compute()
    want = warta.EntityLinker().link_batch(texts[:60])
    assert sorted(
        zip(links["row"], links["start"], links["entity_id"].astype(object).where(links["entity_id"].notna(), None))
    ) == sorted(zip(want["doc"], want["start"], want["entity_id"]))


def test_the_command_line_runs_on_a_local_cluster(tmp_path):
    import json
    import subprocess
    import sys

    texts = corpus()
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"url": f"u{i}", "text": t}) + "\n" for i, t in enumerate(texts)))
    base = [sys.executable, "-m", "warta", "dedup", str(src), "--id-field", "url", "-q", "--dask", "local:2"]
    done = subprocess.run([*base, "-o", str(tmp_path / "out.parquet")], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    got = pd.read_parquet(tmp_path / "out.parquet")
    local = warta.dedup(texts)
    np.testing.assert_array_equal(got["cluster_id"], local.cluster_id)
    assert got["duplicate_of"].dropna().str.startswith("u").all()
    kept = subprocess.run([*base, "-o", str(tmp_path / "kept.jsonl"), "--drop-duplicates"], capture_output=True)
    assert kept.returncode == 0
    assert len((tmp_path / "kept.jsonl").read_text().splitlines()) == local.n_clusters
    refused = subprocess.run(
        [*base, "-o", str(tmp_path / "x.csv"), "--index", str(tmp_path / "s.idx")], capture_output=True, text=True
    )
    assert refused.returncode == 2 and "--index" in refused.stderr


def test_parquet_input_whose_column_reads_in_fewer_partitions(tmp_path):
    # Dask may read one selected column of many small Parquet files in fewer partitions than
    # the whole frame: the cluster columns must still line up with the frame's own partitions.
    texts = corpus()
    n = len(texts)
    frame = pd.DataFrame(
        {"url": [f"u{i}" for i in range(n)], "text": texts, "a": range(n), "b": range(n), "c": range(n)}
    )
    for p in range(8):
        frame.iloc[p * 15 : (p + 1) * 15].to_parquet(tmp_path / f"part-{p}.parquet", index=False)
    ddf = dd.read_parquet(str(tmp_path))
    kw = dict(strip_boilerplate=False, correct_typos=False)
    got = wdask.dedup(ddf, "text", id_column="url", **kw).compute()
    local = warta.dedup(texts, **kw)
    assert got["url"].tolist() == frame["url"].tolist()
    np.testing.assert_array_equal(got["cluster_id"], local.cluster_id)


@pytest.mark.parametrize("npartitions", [2, 7])
def test_what_the_frame_teaches_is_learned_from_all_partitions(news_rows, npartitions):
    """Chrome lines and retyped words are statistics of the whole frame: with the defaults
    (both learned), any partitioning gives the clusters and stripped lines of one batch."""
    from warta import synth

    texts = [r["text"] for r in synth.make_corpus(news_rows[:300], seed=5)]  # site chrome, slips, trims
    local = warta.dedup(texts)
    got = wdask.clusters(dd.from_pandas(pd.DataFrame({"text": texts}), npartitions=npartitions), "text")
    np.testing.assert_array_equal(got.cluster_id, local.cluster_id)
    np.testing.assert_array_equal(got.boilerplate_lines, local.boilerplate_lines)
    assert got.pairs.equals(local.pairs)
    assert local.boilerplate_lines.sum() > 0  # the corpus has chrome to learn


def test_a_worker_killed_mid_run_gives_a_retried_correct_result(cluster_client, news_rows):
    with dask.config.set(scheduler=cluster_client):
        worker_killed_mid_run_gives_a_retried_correct_result(cluster_client, news_rows)


def worker_killed_mid_run_gives_a_retried_correct_result(cluster_client, news_rows):
    """Dask retries the tasks of a worker that dies (its nanny starts a new one): the result
    is the whole, correct one, never a partial frame."""
    import os
    import signal
    import threading
    import time

    client = cluster_client
    texts = [r["text"] for r in news_rows[:1200]]
    ddf = dd.from_pandas(pd.DataFrame({"text": texts}), npartitions=12)
    local = warta.dedup(texts)
    victim = sorted(client.run(os.getpid).values())[0]
    result = {}
    # the whole call runs in a thread (its statistics and preparation passes are eager)
    run = threading.Thread(target=lambda: result.update(got=wdask.dedup(ddf, "text").compute()))
    run.start()
    deadline = time.monotonic() + 60
    while not any(client.processing().values()) and time.monotonic() < deadline:
        time.sleep(0.005)
    os.kill(victim, signal.SIGKILL)  # its nanny starts a new worker
    run.join(timeout=300)
    got = result["got"]
    assert len(got) == len(texts)
    np.testing.assert_array_equal(got["cluster_id"], local.cluster_id)
