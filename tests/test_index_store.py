"""DedupIndex.save / load: round trips, the file format's checks, and crash safety."""

import errno
import os
import random
import signal
import struct
import subprocess
import sys
import textwrap
import time
import warnings
from pathlib import Path

import pytest
import warta

WORDS = [f"kata{i}" for i in range(3000)]
HEADER = 168
#: offsets where the version-2 header's fields begin (see cpp/include/warta/store.hpp)
HEADER_FIELDS = [
    0,
    8,
    12,
    16,
    24,
    28,
    32,
    40,
    41,
    42,
    44,
    48,
    52,
    56,
    64,
    68,
    72,
    80,
    88,
    96,
    104,
    112,
    120,
    128,
    136,
    144,
    152,
    160,
    168,
]


def story(rng: random.Random, words: int = 60) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words))


def make_index(n: int = 50, seed: int = 1, **params) -> warta.DedupIndex:
    rng = random.Random(seed)
    idx = warta.DedupIndex(**{"measure": "jaccard", **params})
    texts = [story(rng) for _ in range(n)]
    idx.add_batch(texts + texts[:5], ids=[f"https://berita.id/{i}" for i in range(n + 5)])
    chrome = "\nBaca juga artikel lain di situs kami setiap hari ya"
    idx.add_batch([story(rng) + chrome for _ in range(4)], ids=[7, 8, 9, 10])  # int ids, learned chrome
    return idx


@pytest.fixture
def saved(tmp_path):
    idx = make_index()
    path = tmp_path / "state.idx"
    idx.save(path)
    return idx, path


@pytest.fixture
def single(tmp_path):
    """An index in the single-file format (version 3), as warta wrote before segments."""
    idx = make_index()
    path = tmp_path / "single.idx"
    idx._impl.save(str(path), 0, 0, 3)
    return idx, path


def index_files(directory):
    """The files in ``directory``, temporaries included, sorted."""
    return sorted(os.listdir(directory))


def test_round_trip_answers_the_same(saved):
    idx, path = saved
    loaded = warta.DedupIndex.load(path)
    assert loaded.params == idx.params
    assert loaded.ids() == idx.ids()
    assert loaded.stats() == {**idx.stats(), "memory_bytes": loaded.stats()["memory_bytes"]}
    rng = random.Random(1)
    probes = [story(rng) for _ in range(20)] + [story(random.Random(99))]
    assert loaded.query_batch(probes).equals(idx.query_batch(probes))
    more = [story(rng) for _ in range(3)]
    assert loaded.add_batch(more, ids=["x", "y", "z"]).equals(idx.add_batch(more, ids=["x", "y", "z"]))


def test_line_statistics_read_back_from_every_format_decide_the_same(tmp_path):
    """Line statistics saved (a version-3 single file: eight sample slots inline; a state
    file: samples apart) and read back decide chrome as the index that saved them: a line in
    two stories before the save is chrome once a third story has it, after the load too."""
    rng = random.Random(7)
    idx = warta.DedupIndex(measure="jaccard", correct_typos=False)
    footer = "\nIkuti kanal kami untuk kabar terbaru setiap pagi dan sore hari ini"
    idx.add_batch([story(rng) + footer, story(rng) + footer, story(rng)], ids=["a", "b", "c"])
    assert idx.stats()["boilerplate_lines"] == 0  # two documents: not chrome yet
    idx.save(tmp_path / "segments.idx")
    idx._impl.save(str(tmp_path / "v3.idx"), 0, 0, 3)
    later = [story(rng) + footer, story(rng)]
    expected = idx.add_batch(later, ids=["d", "e"])
    assert expected["boilerplate_lines"].tolist() == [1, 0] and idx.stats()["boilerplate_lines"] == 1
    for name in ("segments.idx", "v3.idx"):
        loaded = warta.DedupIndex.load(tmp_path / name)
        assert loaded.add_batch(later, ids=["d", "e"]).equals(expected)
        for key in ("documents", "clusters", "lines", "boilerplate_lines", "words"):  # single files hold no batch count
            assert loaded.stats()[key] == idx.stats()[key]


def test_same_index_same_bytes(saved, tmp_path):
    idx, path = saved
    again = tmp_path / "again.idx"
    warta.DedupIndex.load(path).save(again)
    # the manifest holds a random lineage tag; the files it names are the same bytes
    ours, theirs = warta.DedupIndex.files(path)[1:], warta.DedupIndex.files(again)[1:]
    assert [Path(f).read_bytes() for f in ours] == [Path(f).read_bytes() for f in theirs]


def test_removed_documents_are_not_saved(saved, tmp_path):
    idx, path = saved
    idx.remove(["https://berita.id/3", 9])
    idx.save(path)
    loaded = warta.DedupIndex.load(path)
    assert len(loaded) == len(idx) and "https://berita.id/3" not in loaded and 9 not in loaded


def test_header_describes_the_file(single):
    idx, path = single
    header = warta.DedupIndex.read_header(path)
    assert header["format_version"] == 3
    assert header["words"] > 0  # correct_typos=True by default: the word counts are saved
    assert header["documents"] == len(idx) == 59  # duplicates are stored too
    assert header["documents_added"] == 59
    assert header["boilerplate_lines"] == 1
    assert path.read_bytes()[:8] == b"WARTAIDX" and path.read_bytes()[-8:] == b"WARTAEND"
    # little-endian fixed widths, readable without warta
    raw = path.read_bytes()
    assert struct.unpack_from("<IId", raw, 8) == (3, HEADER, 0.8)
    assert struct.unpack_from("<Q", raw, 80)[0] == 59


def test_load_checks_the_parameters_asked_for(saved):
    _, path = saved
    warta.DedupIndex.load(path, threshold=0.8, num_perm=128, scheme="oph", strip_boilerplate=True)
    with pytest.raises(ValueError, match=r"built with threshold=0.8 but threshold=0.9 was asked for") as err:
        warta.DedupIndex.load(path, threshold=0.9)
    assert not isinstance(err.value, warta.IndexFormatError)
    with pytest.raises(ValueError, match="num_perm=128 but num_perm=64"):
        warta.DedupIndex.load(path, num_perm=64)
    with pytest.raises(ValueError, match="scheme"):
        warta.DedupIndex.load(path, scheme="affine32")
    with pytest.raises(TypeError, match="unknown parameter"):
        warta.DedupIndex.load(path, thresold=0.8)


def test_other_schemes_round_trip(tmp_path):
    for scheme in ("datasketch", "affine32"):
        idx = make_index(scheme=scheme, num_perm=64, seed=3)
        idx.save(tmp_path / scheme)
        loaded = warta.DedupIndex.load(tmp_path / scheme, scheme=scheme)
        probe = story(random.Random(3))
        assert loaded.query(probe) == idx.query(probe) != []


def test_truncated_at_every_header_field_and_in_the_body(single, tmp_path):
    _, path = single
    data = path.read_bytes()
    cut = tmp_path / "cut.idx"
    body_cuts = [HEADER + 1, HEADER + 512 * 3 + 7, len(data) // 2, len(data) - 16, len(data) - 8, len(data) - 1]
    for size in HEADER_FIELDS + body_cuts:
        cut.write_bytes(data[:size])
        with pytest.raises(warta.IndexFormatError) as err:
            warta.DedupIndex.load(cut)
        message = str(err.value)
        assert str(cut) in message
        if size < 8:
            assert "not a warta index" in message
        else:
            assert "truncated" in message, (size, message)


def test_every_flipped_header_byte_and_sampled_body_bytes_are_caught(single, tmp_path):
    _, path = single
    data = path.read_bytes()
    bad = tmp_path / "bad.idx"
    rng = random.Random(5)
    positions = list(range(HEADER)) + rng.sample(range(HEADER, len(data)), 200) + list(range(len(data) - 16, len(data)))
    for pos in positions:
        flipped = bytearray(data)
        flipped[pos] ^= 1 << rng.randrange(8)
        bad.write_bytes(bytes(flipped))
        with pytest.raises(
            warta.IndexFormatError, match="not a warta index|checksum|corrupted|end marker|not supported"
        ):
            warta.DedupIndex.load(bad)


def test_foreign_and_newer_files(single, tmp_path):
    _, path = single
    foreign = tmp_path / "foreign.idx"
    for content in (b"", b"hello", b'{"text": "a jsonl file, not an index"}\n' * 10, b"PAR1" + bytes(200)):
        foreign.write_bytes(content)
        with pytest.raises(warta.IndexFormatError, match="not a warta index file"):
            warta.DedupIndex.load(foreign)
    # a future format version, with a valid header checksum
    data = bytearray(path.read_bytes())
    struct.pack_into("<I", data, 8, 5)
    newer = tmp_path / "newer.idx"
    newer.write_bytes(bytes(data))
    with pytest.raises(warta.IndexFormatError, match="format version 5 is not supported"):
        warta.DedupIndex.load(newer)
    with pytest.raises(FileNotFoundError):
        warta.DedupIndex.load(tmp_path / "missing.idx")


def test_index_signed_differently_is_refused(tmp_path):
    """A warta whose tokenizer or MinHash changed must not read old signatures as its own."""
    idx = make_index(5)
    idx.save(tmp_path / "now.idx")
    now = warta.DedupIndex.read_header(tmp_path / "now.idx")["signature_revision"]
    assert now >= 2  # 2: scraper joins start lines
    idx._impl.save(str(tmp_path / "old.idx"), 0, now - 1)  # as the previous warta would
    with pytest.raises(
        warta.IndexFormatError, match=rf"signs texts differently \(signature revision {now - 1}, this warta: {now}\)"
    ):
        warta.DedupIndex.load(tmp_path / "old.idx")


def test_version_1_files_still_load(tmp_path):
    """Files written before duplicates and word counts were stored (format version 1: all
    documents kept, no word counts) load; the index then learns spelling from there on."""
    rng = random.Random(4)
    texts = [story(rng) for _ in range(20)]
    idx = warta.DedupIndex(correct_typos=False)  # a version-1 index: kept documents only
    idx.add_batch(texts, ids=[f"u{i}" for i in range(20)])
    idx._impl.save(str(tmp_path / "v1.idx"), 0, 0, 1)  # as warta before format version 2 wrote it
    raw = (tmp_path / "v1.idx").read_bytes()
    assert struct.unpack_from("<II", raw, 8) == (1, 136)
    old = warta.DedupIndex.load(tmp_path / "v1.idx")
    assert warta.DedupIndex.read_header(tmp_path / "v1.idx")["format_version"] == 1
    assert old.ids() == idx.ids() and old.query_batch(texts).equals(idx.query_batch(texts))
    assert old.add_batch([texts[3]], ids=["again"])["duplicate_of"].tolist() == ["u3"]
    old.save(tmp_path / "v2.idx")  # saved again in the current format: segments
    assert warta.DedupIndex.read_header(tmp_path / "v2.idx")["format_version"] == 4
    for cut in (136, len(raw) // 2, len(raw) - 1):
        (tmp_path / "cut.idx").write_bytes(raw[:cut])
        with pytest.raises(warta.IndexFormatError, match="truncated"):
            warta.DedupIndex.load(tmp_path / "cut.idx")


def test_version_2_files_still_load_and_match_by_signature(saved, tmp_path):
    """Files written before text hashes (format version 2) load; their documents' texts are
    unknown, so a re-scrape of one of them is matched by its signature, as before."""
    idx, _ = saved
    idx._impl.save(str(tmp_path / "v2.idx"), 0, 0, 2)
    old = warta.DedupIndex.load(tmp_path / "v2.idx")
    assert warta.DedupIndex.read_header(tmp_path / "v2.idx")["format_version"] == 2
    assert old.ids() == idx.ids()
    probes = [story(random.Random(1)) for _ in range(20)]
    assert old.query_batch(probes).equals(idx.query_batch(probes))
    old.save(tmp_path / "v3.idx")
    assert warta.DedupIndex.read_header(tmp_path / "v3.idx")["format_version"] == 4


def test_injected_write_failure_leaves_the_old_state(saved, monkeypatch):
    idx, path = saved
    before = {f: Path(f).read_bytes() for f in warta.DedupIndex.files(path)}
    listing = index_files(path.parent)
    stored = warta.DedupIndex.load(path).ids()
    idx.add_batch([story(random.Random(8)) for _ in range(10)], ids=[f"new{i}" for i in range(10)])
    # each file of a save (segment, state, manifest) fails at these sizes
    for fail_after in (1, 95, 97, 1000, 5000, 40000):
        monkeypatch.setattr(idx, "_fail_after_bytes", fail_after)
        with pytest.raises(OSError) as err:
            idx.save(path)
        assert err.value.errno == errno.ENOSPC
        assert {f: Path(f).read_bytes() for f in warta.DedupIndex.files(path)} == before
        assert warta.DedupIndex.load(path).ids() == stored
        # a file written before the failing one may stay until the next save; no temporary does
        assert not [f for f in index_files(path.parent) if ".tmp-" in f]
        assert set(listing) <= set(index_files(path.parent))
    monkeypatch.setattr(idx, "_fail_after_bytes", 0)
    idx.save(path)
    assert warta.DedupIndex.load(path).ids() == idx.ids()
    assert index_files(path.parent) == sorted(os.path.basename(f) for f in warta.DedupIndex.files(path))


def test_save_into_a_missing_directory_is_an_os_error(tmp_path):
    with pytest.raises(FileNotFoundError):
        make_index(5).save(tmp_path / "no" / "such" / "dir.idx")


BUILD = textwrap.dedent(
    """
    import random, sys, resource, signal
    import warta
    rng = random.Random(1)
    words = [f"kata{i}" for i in range(5000)]
    idx = warta.DedupIndex(strip_boilerplate=False)
    n = int(sys.argv[2])
    for start in range(0, n, 20000):
        texts = [" ".join(rng.choice(words) for _ in range(12)) for _ in range(min(20000, n - start))]
        idx.add_batch(texts)
    mode = sys.argv[3]
    if mode == "fsize":  # a real file-system error: the file size limit (EFBIG)
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        limit = int(sys.argv[4])
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
        try:
            idx.save(sys.argv[1])
        except OSError as exc:
            print("OSError", exc.errno, flush=True)
        sys.exit(0)
    idx.save(sys.argv[1])
    if mode == "once":
        sys.exit(0)
    print("saved", len(idx), flush=True)
    while True:  # save again and again until killed
        idx.save(sys.argv[1])
    """
)


def test_killed_while_saving_leaves_a_loadable_file(tmp_path):
    path = tmp_path / "big.idx"
    proc = subprocess.Popen(
        [sys.executable, "-c", BUILD, str(path), "120000", "loop"], stdout=subprocess.PIPE, text=True
    )
    try:
        line = proc.stdout.readline()
        assert line.startswith("saved"), line
        stored = int(line.split()[1])
        kills = 0
        deadline = time.monotonic() + 60
        while kills == 0 and time.monotonic() < deadline:
            if temporaries(tmp_path, "big.idx"):
                # at once: a save can finish within a few tens of milliseconds, and the test
                # needs the temporary file left behind (waiting 50 ms here made it flaky)
                proc.send_signal(signal.SIGKILL)
                kills += 1
        assert kills == 1, "the saving process never showed a temporary file"
    finally:
        proc.kill()
        proc.wait()
        proc.stdout.close()
    assert proc.returncode == -signal.SIGKILL
    loaded = warta.DedupIndex.load(path)
    assert len(loaded) == stored
    # the next save does not trip over the dead process's temporary file, and removes it
    assert temporaries(tmp_path, "big.idx") != []
    loaded.save(path)
    assert len(warta.DedupIndex.load(path)) == stored
    assert temporaries(tmp_path, "big.idx") == []


def test_file_size_limit_during_save_leaves_the_old_file(tmp_path):
    path = tmp_path / "limited.idx"
    make_index(5).save(path)
    before = path.read_bytes()
    out = subprocess.run(
        [sys.executable, "-c", BUILD, str(path), "3000", "fsize", str(200_000)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.split() == ["OSError", str(errno.EFBIG)]
    assert path.read_bytes() == before
    assert len(warta.DedupIndex.load(path)) == 5 + 5 + 4
    assert not [f for f in os.listdir(tmp_path) if ".tmp-" in f]


def resave_until_killed(path) -> None:
    """In a forked child: one more document, saved, again and again (never returns)."""
    try:
        idx = warta.DedupIndex.load(path, n_jobs=1)
        while True:
            k = len(idx)
            idx.add_batch([f"dokumen baru nomor {k} " * 8], ids=[f"n{k}"])
            idx.save(path)
    finally:
        os._exit(0)


def temporaries(directory, name):
    """Temporaries of the index ``name``: its manifest's and its segments' and state files'."""
    return [f for f in os.listdir(directory) if f.startswith(f".{name}.") and ".tmp-" in f]


def test_fifty_kills_while_saving_never_lose_a_state_and_leave_no_temporary(tmp_path):
    path = tmp_path / "state.idx"
    subprocess.run(
        [sys.executable, "-c", BUILD, str(path), "20000", "once"], check=True, capture_output=True, timeout=300
    )
    rng = random.Random(5)
    base = len(warta.DedupIndex.load(path))
    seen, left_behind = base, 0
    for _ in range(50):
        # fork, not a new interpreter: 50 imports of warta would dominate the test's time
        # (no thread of warta's outlives a call, so the child holds no lock)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)  # Python 3.12 warns on fork with threads
            pid = os.fork()
        if pid == 0:
            resave_until_killed(str(path))
        time.sleep(rng.uniform(0.02, 0.3))
        os.kill(pid, signal.SIGKILL)
        assert os.waitpid(pid, 0)[1] == signal.SIGKILL
        # inside a save: a temporary is left, or a segment or state file the manifest does not name yet
        named = {Path(f).name for f in warta.DedupIndex.files(path)}
        left_behind += bool(temporaries(tmp_path, "state.idx")) or bool(set(os.listdir(tmp_path)) - named)
        loaded = warta.DedupIndex.load(path)  # complete, whatever the moment of the kill
        ids = loaded.ids()
        assert ids[base:] == [f"n{k}" for k in range(base, len(ids))]
        assert len(ids) >= seen
        seen = len(ids)
    # saves append a small segment, so fewer kills land inside one than when a save rewrote the index
    assert left_behind >= 5, "too few kills landed inside a save to test anything"
    loaded.save(path)  # the next save removes every dead writer's temporary
    assert temporaries(tmp_path, "state.idx") == []
