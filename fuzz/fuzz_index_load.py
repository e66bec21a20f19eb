"""Fuzzes warta.DedupIndex.load on arbitrary bytes and on mutations of real saved indexes
(format versions 2 and 1, with stored duplicates, chrome lines, word counts and readings).
Property: the file either loads -- and then len, ids, stats, query, add_batch and save work,
and the saved copy loads back the same -- or load raises warta.IndexFormatError, ValueError
or OSError. A crash, another exception or a hang (libFuzzer's -timeout) is a finding.

Both checksums (header and body, XXH3-64) would reject nearly every mutation, so when bit 0
of the first byte is set the harness recomputes them after the mutation: that lets the
fuzzer reach the checks the loader makes after the checksums held, which only a file
written by something else (or by a bug) can reach."""

import struct

import _harness
import warta
import xxhash
from warta.index import _id

SCRATCH = _harness.Scratch("index_load")
ERRORS = (warta.IndexFormatError, ValueError, OSError)
PROBES = ["Gubernur Banten Andra Soni meninjau banjir di Kabupaten Serang pada Senin pagi", "", "kata"]


def reseal(data: bytes) -> bytes:
    """``data`` with its header and body checksums and end magic made right for its bytes
    (layout in cpp/include/warta/store.hpp: the header checksum is the header's last 8
    bytes, the footer is the body's checksum and b"WARTAEND")."""
    out = bytearray(data)
    if len(out) < 16:
        return bytes(out)
    header_size = struct.unpack_from("<I", out, 12)[0]
    if 16 <= header_size <= len(out):
        struct.pack_into("<Q", out, header_size - 8, xxhash.xxh3_64_intdigest(bytes(out[: header_size - 8])))
    if 16 <= header_size <= len(out) - 16:
        struct.pack_into("<Q", out, len(out) - 16, xxhash.xxh3_64_intdigest(bytes(out[header_size:-16])))
        out[-8:] = b"WARTAEND"
    return bytes(out)


def decodable(key: bytes) -> bool:
    try:
        _id(key)
        return True
    except ValueError:
        return False


def exercise(index: warta.DedupIndex) -> None:
    # Known finding, tests/test_fuzz_regressions.py (xfail): stored ids are not checked at
    # load, so one without a valid type tag fails later; skipped here so fuzzing goes on.
    if not all(decodable(k) for k in index._impl.keys()):
        return
    n = len(index)
    ids = index.ids()
    assert len(ids) == n == index.stats()["documents"], (len(ids), n, index.stats())
    for probe in PROBES:
        for match in index.query(probe):
            assert 0.0 <= match.similarity <= 1.0 and match.id in index, match
    saved = SCRATCH.path / "resaved.idx"
    index.save(saved)
    again = warta.DedupIndex.load(saved)
    assert again.ids() == ids, "a loaded index saved again must load back the same"
    if index.stats()["clusters"] == 2**31:  # every cluster id used: adding is refused, rightly
        return
    try:
        out = index.add_batch(PROBES, ids=[f"probe-{i}" for i in range(len(PROBES))])
    except warta.DuplicateIdError:  # the file may hold these ids already
        return
    assert len(out) == len(PROBES) and len(index) == n + len(PROBES), (len(out), len(index), n)


def one_input(data: bytes) -> None:
    # Byte 0: bit 0 asks for resealed checksums; the rest is the file.
    body = data[1:]
    if data[:1] and data[0] & 1:
        body = reseal(body)
    path = SCRATCH.write("fuzzed.idx", body)
    try:
        index = warta.DedupIndex.load(path)
    except ERRORS:
        return
    exercise(index)


def saved_indexes() -> list:
    """Real index files: one with every section filled (duplicates, chrome learned from
    several stories, counted words and a typo reading), the same as format version 1, and
    an empty one."""
    chrome = "Scroll untuk baca artikel"
    stories = [
        f"{chrome}\nBerita {topic} nomor {i} tentang warga kota yang berkumpul di alun alun pada pagi hari."
        for i, topic in enumerate(["banjir", "pasar", "sekolah", "jalan"])
    ]
    copy = stories[0].replace("berkumpul", "berkumpl")  # a one-off slip of a common word
    index = warta.DedupIndex(num_perm=16, threshold=0.5, min_docs=3)
    index.add_batch(stories + [copy, stories[1]], ids=["a", "b", "c", 7, "e", "f"])
    files = []
    for name, version in (("v2.idx", 0), ("v1.idx", 1)):
        path = SCRATCH.path / name
        index._impl.save(str(path), 0, 0, version)  # the core's test hook writes the old layout
        files.append(path.read_bytes())
    empty = SCRATCH.path / "empty.idx"
    warta.DedupIndex(num_perm=8).save(empty)
    files.append(empty.read_bytes())
    return [bytes([mode]) + f for f in files for mode in (0, 1)]


if __name__ == "__main__":
    _harness.run("index_load", one_input, saved_indexes(), _harness.BLIND_FLAGS)
