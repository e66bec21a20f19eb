"""A smoke test of an installed warta, run by CI in a fresh venv outside the source tree:
dedup, an index saved and loaded, linking with the bundled gazetteer."""

import tempfile
from pathlib import Path

import warta

story = "Gubernur Banten Andra Soni meresmikan jembatan baru di Kabupaten Serang pada Senin pagi. " * 3
res = warta.dedup([story, story + " Tambahan kalimat.", "berita lain sama sekali tentang hal lain"])
assert res.cluster_id.tolist() == [0, 0, 1], res.cluster_id
with tempfile.TemporaryDirectory() as tmp:
    idx = warta.DedupIndex()
    idx.add_batch([story, "berita lain"], ids=["a", "b"])
    idx.save(Path(tmp) / "news.idx")
    again = warta.DedupIndex.load(Path(tmp) / "news.idx")
    assert len(again) == 2 and again.query(story)[0].id == "a"
mentions = warta.EntityLinker().link(story, date="2025-05-23")
assert any(m.entity_id and m.label == "person" and m.text == "Andra Soni" for m in mentions), mentions
print("wheel ok", warta.__version__, warta.__file__)
