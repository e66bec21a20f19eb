"""Fuzzes the gazetteer and lexicon CSV loaders (warta.Gazetteer.from_csv, warta.Lexicon.from_csv)
on arbitrary bytes written to a file: plain ``.csv``, gzip-compressed ``.csv.gz``, and raw
bytes named ``.csv.gz`` (a damaged download). Property: the result is a Gazetteer whose
entities are well formed, and an EntityLinker built on it links its own names with valid
spans -- or the loader raises warta.GazetteerError (the documented error, which names the
file). Any other exception, or a crash while compiling the linker, is a finding."""

import _harness
import warta
from warta.gazetteer import ENTITY_TYPES

SCRATCH = _harness.Scratch("gazetteer_csv")
LEXICON = warta.Lexicon.default()  # loaded once: the fuzzed file replaces the gazetteer, not this
#: how the bytes reach the loader: (file name, compress them first)
LAYOUTS = (("g.csv", False), ("g.csv.gz", True), ("g.csv.gz", False))


def check_gazetteer(gaz: warta.Gazetteer) -> None:
    names = []
    for e in gaz:
        assert e.id and e.name and e.type in ENTITY_TYPES, e
        assert not (e.start and e.end and e.end < e.start), e
        names += [e.name, *e.aliases[:2]]
    text = ", ".join(names[:40])
    for m in warta.EntityLinker(gaz).link(text, "2025-05-23"):
        assert 0 <= m.start < m.end <= len(text) and text[m.start : m.end] == m.text, m


def one_input(data: bytes) -> None:
    # Byte 0 picks the layout and whether the file is read as a lexicon; the rest is the
    # file, so a seed is a real file behind one byte.
    mode = data[0] if data else 0
    name, compress = LAYOUTS[(mode & 0x7F) % len(LAYOUTS)]
    as_lexicon = bool(mode & 0x80)
    path = SCRATCH.write(name, data[1:], gzipped=compress)
    try:
        if as_lexicon:
            lexicon = warta.Lexicon.from_csv(path)
            assert all(x.form and x.canonical for x in lexicon), lexicon
        else:
            check_gazetteer(warta.Gazetteer.from_csv(path, lexicon=LEXICON))
    except warta.GazetteerError as exc:
        assert str(path) in str(exc), exc  # the documented error names the file


def seeds() -> list:
    data = _harness.FUZZ_DIR.parent / "tests" / "data" / "link_gazetteer.csv"
    bundled = (_harness.FUZZ_DIR.parent / "python" / "warta" / "data" / "lexicon.csv").read_bytes()
    rows = data.read_bytes()
    return [
        bytes([layout | choice]) + body for layout in (0, 1) for choice, body in ((0, rows), (0x80, bundled[:2000]))
    ]


if __name__ == "__main__":
    _harness.run("gazetteer_csv", one_input, seeds())
