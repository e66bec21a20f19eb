"""The normalizer's fast path (plain-ASCII stretches without ICU's state machine, ICU for
the space-delimited chunks holding anything else) finds exactly the words ICU alone finds."""

import random
import string

from hypothesis import given, settings
from hypothesis import strategies as st
from warta import Normalizer, _core

N = Normalizer()
ALPHABET = "ab1Z9 .,;:'\"-()!?/\n\r\t@_x"
OTHER = "é\u0301\u00a0–“”😀\u200dİßÄ‚\u2028ﬁ"


def icu_only(text):
    return [tuple(t) for t in _core._tokenize_icu_only(text)]


def fast(text):
    return [tuple(t) for t in N.tokenize(text)]


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=30))
def test_ascii_text_equals_icu(text):
    assert fast(text) == icu_only(text)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=ALPHABET + OTHER, max_size=40))
def test_mixed_text_equals_icu(text):
    assert fast(text) == icu_only(text)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=60))
def test_any_text_equals_icu(text):
    assert fast(text) == icu_only(text)


def test_every_ascii_character_between_letters_and_digits():
    for c in string.printable:
        for text in [f"a{c}b", f"1{c}2", c, f"a{c}", f"{c}a", f"1{c}a", f"a{c}1", c * 2, f"A.{c}Dimyati"]:
            assert fast(text) == icu_only(text), repr(text)


def test_real_looking_sentences():
    rng = random.Random(5)
    words = [
        "Rp10.000,00",
        "A.",
        "Dimyati",
        "U.S.A.",
        "don't",
        "3;5",
        "a:b",
        "tersebut.,Menurut",
        "e-mail",
        "(Plh)",
        "‚Äì",
        "“Kami”",
        "café",
        "x@y.id",
        "snake_case",
        " ",
        "\r\n",
    ]
    for _ in range(500):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 12)))
        assert fast(text) == icu_only(text)
