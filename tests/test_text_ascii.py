"""The normalizer's plain-ASCII path finds exactly the words ICU's word break finds.

A text that holds a non-ASCII character takes the ICU path; appending " é" to an ASCII
text therefore tokenizes the same text through ICU (plus one word "e")."""

import random
import string

from hypothesis import given, settings
from hypothesis import strategies as st

from warta import Normalizer

N = Normalizer()
ALPHABET = "ab1Z9 .,;:'\"-()!?/\n\r\t@_x"


def via_icu(text):
    tokens = N.tokenize(text + " é")
    assert tokens[-1].text == "e"
    return tokens[:-1]


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=30))
def test_ascii_path_equals_icu(text):
    assert N.tokenize(text) == via_icu(text)


def test_every_ascii_character_between_letters_and_digits():
    for c in string.printable:
        for text in [f"a{c}b", f"1{c}2", c, f"a{c}", f"{c}a", f"1{c}a", f"a{c}1", c * 2, f"A.{c}Dimyati"]:
            assert N.tokenize(text) == via_icu(text), repr(text)


def test_real_looking_sentences():
    rng = random.Random(5)
    words = ["Rp10.000,00", "A.", "Dimyati", "U.S.A.", "don't", "3;5", "a:b", "tersebut.,Menurut", "e-mail", "(Plh)"]
    for _ in range(300):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 12)))
        assert N.tokenize(text) == via_icu(text)
