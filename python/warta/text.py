"""The text normalizer shared by dedup and entity linking."""

from __future__ import annotations

from typing import List, NamedTuple

from . import _core


class Token(NamedTuple):
    """A normalized word and its span in the original text (Python str indices)."""

    text: str
    start: int
    end: int
    segment: int


class Normalizer:
    """ICU word breaks on the original text, then NFKC + full case folding per word.

    Punctuation, spaces, symbols and emoji are dropped; numbers are kept. Every token keeps
    ``start``/``end`` into the original string, so ``text[t.start:t.end]`` is the word as
    written. Lone surrogates (which UTF-8 cannot hold) are read as ``"?"``, one code point
    each, so offsets stay valid.
    """

    def __init__(self, case_fold: bool = True, strip_accents: bool = True, keep_numbers: bool = True):
        self._impl = _core.Normalizer(case_fold, strip_accents, keep_numbers)

    def tokenize(self, text: str) -> List[Token]:
        return [Token(*t) for t in self._impl.tokenize(text)]

    def normalize(self, text: str) -> str:
        """The normalized words joined by single spaces: ``"A. Dimyati"`` -> ``"a dimyati"``."""
        return self._impl.normalize(text)
