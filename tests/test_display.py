"""The notebook views (_repr_html_) and the short terminal reprs."""

import re

import warta

STORY = (
    "Gubernur Banten Andra Soni meresmikan jembatan baru di Kabupaten Serang pada Senin pagi. "
    "Wakil Gubernur A. Dimyati turut hadir bersama para kepala dinas. "
    "Jembatan sepanjang 120 meter itu menghubungkan dua kecamatan yang selama ini terputus. "
)


def test_a_dedup_result_shows_its_counts_and_biggest_cluster_escaped():
    texts = [STORY * 2, STORY * 2 + "Scroll untuk baca artikel.", "<script>alert(1)</script> lain sama sekali"]
    res = warta.dedup(texts)
    page = res._repr_html_()
    assert "<td>3</td>" in page and "stories (clusters)" in page
    assert "cluster 0: 2 texts" in page and "(kept)" in page and "(copy of 0)" in page
    assert "<script>" not in page  # scraped text is escaped (it is not in a cluster shown anyway)
    assert repr(res) == "DedupResult(3 texts, 2 stories, 1 duplicates, 1 pairs)"


def test_texts_are_escaped_in_every_view():
    evil = "<b>Serang</b> & <script>x</script> " + STORY
    res = warta.dedup([evil, evil + " tambahan"])
    assert "<script>" not in res._repr_html_() and "&lt;script&gt;" in res._repr_html_()
    assert "<script>" not in res.explain(0, 1)._repr_html_()
    assert "<script>" not in warta.EntityLinker().link(evil)._repr_html_()


def test_mentions_are_highlighted_with_their_entity_and_term():
    linker = warta.EntityLinker()
    mentions = linker.link(STORY, date="2025-05-23")
    assert isinstance(mentions, list) and mentions == list(mentions) and mentions.text == STORY
    page = mentions._repr_html_()
    marked = re.findall(r"<mark style='background:[^']*' title='([^']*)'>([^<]*)</mark>", page)
    shown = {text for _, text in marked}
    assert "Andra Soni" in shown and "Gubernur Banten" in shown
    title = dict((text, t) for t, text in marked)["Andra Soni"]
    andra = next(m for m in mentions if m.text == "Andra Soni")
    assert andra.entity_id in title and andra.position is not None and andra.position.term_id in title


def test_an_explanation_highlights_shared_passages_in_both_texts():
    a = STORY + "Kalimat penutup yang hanya ada di sini saja untuk versi pertama."
    b = "Baca juga: berita lain hari ini\n" + STORY
    e = warta.explain(a, b)
    page = e._repr_html_()
    marks = re.findall(r"<mark style='background:#fef08a' title='shared passage 1'>([^<]*)</mark>", page)
    assert len(marks) == 2 and marks[0] == a[e.passages[0].start_a : e.passages[0].end_a]
    assert marks[1] == b[e.passages[0].start_b : e.passages[0].end_b]
    assert f"{e.jaccard:.3f}" in page and "opening agreement" in page
    assert "text_a" not in repr(e)  # the texts stay out of the plain repr


def test_an_index_shows_its_stats():
    idx = warta.DedupIndex()
    idx.add_batch([STORY, STORY + " lagi", "berita lain"], ids=["a", "b", "c"])
    page = idx._repr_html_()
    assert "<td>3</td>" in page and "memory per live document" in page and "measure=&#x27;story&#x27;" in page
