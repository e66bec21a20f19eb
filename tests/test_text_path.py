"""Everything dedup reads from a text (tokens, spans, segments, scraper markers, shingles) is
the same by the fast text path as by ICU's word break alone (NormalizerOptions::ascii_fast_path
off), on random text built from what scraped news holds and on the real articles."""

from hypothesis import given, settings
from hypothesis import strategies as st
from warta import _core

WORDS = ["Saat", "itu", "pukul", "Jakarta", "A.", "Dimyati", "don't", "U.S.A.", "e-mail", "x@y.id", "snake_case"]
LATIN1 = ["café", "Müller", "señor", "Straße", "À", "naïve", "ÆØÅ", "garçon"]
OTHER_SCRIPTS = ["Москва", "Ελλάδα", "東京都", "القاهرة", "한국어", "😀", "👍🏽", "İstanbul", "ﬁnal", "⽲⽲", "e\u0301"]
NUMBERS = ["10.000,00", "3.5", "2019", "Rp10.000", "1,2,3", "3;5", "10.00.", "12:30", "3-1"]
# the scraper's joins and the mojibake the normalizer reads as spaces or punctuation
JOINS = [".,", ".,,", ",,", ",,,", ". ,", '",', "”,", ",", ",\u00a0", "¬†", "‚Äì", "‚Äú", "‚Äù", "Äì"]
SEPARATORS = [
    " ",
    "  ",
    "\n",
    "\r\n",
    "\t",
    ". ",
    "! ",
    "? ",
    "… ",
    ": ",
    " - ",
    " – ",
    " | ",
    ", ",
    "(",
    ") ",
    "\u00a0",
    "\u2028",
    '"',
    "“",
    "”",
    "'",
    "",
    "：",
    "—",
]
PIECES = WORDS + LATIN1 + OTHER_SCRIPTS + NUMBERS + JOINS + SEPARATORS


def readings_agree(text):
    fast = _core._dedup_reading(text, True)
    icu = _core._dedup_reading(text, False)
    assert fast == icu, repr(text)


pieces = st.lists(st.sampled_from(PIECES) | st.text(max_size=3), max_size=40)


@settings(max_examples=600, deadline=None)
@given(pieces, st.booleans())
def test_random_news_like_text(parts, capitalize):
    text = "".join(p.capitalize() if capitalize else p for p in parts)
    readings_agree(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=0x2FFF), max_size=80))
def test_random_characters(text):
    readings_agree(text)


def test_real_articles(news_rows):
    for row in news_rows:
        readings_agree(row["text"] or "")
        readings_agree(row["title"] or "")


def test_long_words():
    # words are copied in blocks: lengths around the block size, and far past 16 bits
    for n in [7, 8, 9, 15, 16, 17, 63, 64, 65, 70_000]:
        for tail in ["", "é", "É", ".5", "'s", " A"]:
            readings_agree("Ab" * (n // 2) + tail + " x")
            readings_agree("z" * n + tail)
