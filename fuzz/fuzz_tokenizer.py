"""Fuzzes warta.Normalizer.tokenize / normalize (the ICU normalizer both dedup and linking read
text with). Property: every token's span slices the ORIGINAL str -- code-point indices,
within bounds, non-empty, increasing and non-overlapping -- and ``normalize`` is the tokens'
words joined by spaces, for any str (lone surrogates, NUL, combining marks, emoji, CRLF,
"İ", "ß", "ﬁ") and every option set; and a span normalized alone gives its token's word."""

import unicodedata

import _harness
import atheris
import warta

# Every combination of (case_fold, strip_accents, keep_numbers): each changes what a word
# becomes, and the spans must not depend on it.
NORMALIZERS = [warta.Normalizer(c, a, n) for c in (True, False) for a in (True, False) for n in (True, False)]


def check_spans(text: str, tokens: list) -> None:
    previous_end = 0
    for t in tokens:
        assert previous_end <= t.start < t.end <= len(text), (t, previous_end, len(text))
        assert t.text, t
        assert t.segment >= 0, t
        previous_end = t.end
    segments = [t.segment for t in tokens]
    assert segments == sorted(segments), segments


def one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    normalizer = NORMALIZERS[fdp.ConsumeIntInRange(0, len(NORMALIZERS) - 1)]
    text = _harness.text(fdp)
    tokens = normalizer.tokenize(text)
    check_spans(text, tokens)
    assert normalizer.normalize(text) == " ".join(t.text for t in tokens)
    for t in tokens:  # a span read alone is the same word: no fold moved a boundary
        span = text[t.start : t.end]
        if all(unicodedata.category(c) in ("So", "Lm") for c in span):
            # Known finding (xfail in tests/test_fuzz_regressions.py): a Kangxi radical ("⽲",
            # NFKC "禾") or the iteration mark "々" is a word beside an ideograph, not alone;
            # skipped so fuzzing goes on.
            continue
        alone = normalizer.normalize(span)
        assert alone.replace(" ", "") == t.text.replace(" ", ""), (span, alone, t)


SEEDS = [b"", b"\x00\x05" + bytes(range(0, 200, 3)), "İstanbul ﬁnal Straße 😀\r\n".encode("utf-16-le")]

if __name__ == "__main__":
    _harness.run("tokenizer", one_input, SEEDS, _harness.BLIND_FLAGS)
