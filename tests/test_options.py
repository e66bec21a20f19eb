"""One check per option, shared by every entry point: the same bad value gets the same
message (naming the parameter, the allowed range and the value) from warta.dedup,
warta.dask.clusters and DedupIndex, because all of them fill the one compiled options type."""

import re

import pytest
import warta
import warta.dask
from warta import _core
from warta._options import dedup_options, index_params

TEXTS = ["satu dua tiga empat lima enam", "satu dua tiga empat lima enam"]

SHARED_BAD = [
    ({"threshold": 1.5}, "threshold must be in (0, 1], got 1.5"),
    ({"threshold": 0}, "threshold must be in (0, 1], got 0"),
    ({"min_docs": 1}, "min_docs must be >= 2, got 1"),
    ({"story_similarity": 1.5}, "story_similarity must be in [0, 1], got 1.5"),
    ({"bands": (3, 50)}, "bands must be (b, r) with b >= 1, r >= 1 and b*r <= num_perm=128, got (3, 50)"),
    ({"weights": (0.0, 0.0)}, "weights must be (false positive, false negative) weights >= 0, not both 0, got (0, 0)"),
    ({"min_docs": -1}, "min_docs must be a non-negative int, got -1"),
]


def dask_dedup(texts, **kw):
    dd = pytest.importorskip("dask.dataframe")
    import pandas as pd

    return warta.dask.clusters(dd.from_pandas(pd.DataFrame({"text": texts}), npartitions=1), **kw)


@pytest.mark.parametrize("entry", [warta.dedup, dask_dedup, lambda texts, **kw: warta.DedupIndex(**kw)])
@pytest.mark.parametrize("kwargs, message", SHARED_BAD)
def test_every_entry_point_gives_the_same_message(entry, kwargs, message):
    with pytest.raises(ValueError, match="^" + re.escape(message) + "$"):
        entry(TEXTS, **kwargs)


def test_ranges_that_differ_between_batch_and_index_are_stated_once_each():
    # A batch bucket of 1 expands into no pair; an index query may walk a single chain entry.
    with pytest.raises(ValueError, match=r"max_bucket must be >= 2, got 1"):
        warta.dedup(TEXTS, max_bucket=1)
    warta.DedupIndex(max_bucket=1)
    with pytest.raises(ValueError, match=r"max_lines must be >= 16, got 3"):
        warta.DedupIndex(max_lines=3)
    with pytest.raises(ValueError, match=r"max_words must be >= 16, got 15"):
        warta.DedupIndex(max_words=15)


def test_wrong_types_and_names_are_named():
    with pytest.raises(TypeError, match="threshold must be a number, got 'high'"):
        warta.dedup(TEXTS, threshold="high")
    with pytest.raises(ValueError, match="keep must be one of 'first', 'longest', got 'last'"):
        warta.dedup(TEXTS, keep="last")
    with pytest.raises(ValueError, match="keep must be one of"):
        warta.DedupIndex().add_batch(TEXTS, keep="last")
    with pytest.raises(AttributeError):
        dedup_options(128, no_such_option=1)


def test_options_objects_carry_their_values_and_validate_themselves():
    opts = dedup_options(128, threshold=0.7, bands=(8, 4), keep="longest", min_docs=4)
    assert (opts.threshold, opts.bands, opts.keep, opts.min_docs) == (0.7, (8, 4), _core.Keep.longest, 4)
    assert _core.DedupOptions().bands is None  # chosen from the threshold
    opts.threshold = 2.0  # fields can be set afterwards, and the core checks them on use
    with pytest.raises(ValueError, match="threshold must be in"):
        _core.dedup(TEXTS, warta.MinHasher()._impl, 5, 1, opts)
    params = index_params(64, threshold=0.5, ngram=3)
    assert params.bands is None and params.ngram == 3
    with pytest.raises(ValueError, match="fuzzy_min_similarity must be in \\(0, 1\\], got 0"):
        warta.EntityLinker(fuzzy_min_similarity=0)


def test_duplicate_ids_raise_the_cores_own_exception_type():
    idx = warta.DedupIndex()
    idx.add_batch(["satu dua tiga empat lima"], ids=["a"])
    with pytest.raises(warta.DuplicateIdError) as err:
        idx.add_batch(["enam tujuh delapan sembilan sepuluh", "x y z"], ids=["b", "b"])
    assert err.type is _core.DuplicateIdError
    assert isinstance(err.value, KeyError) and isinstance(err.value, ValueError)
    assert str(err.value).startswith("ids[1] = 'b' repeats ids[0]")
    with pytest.raises(KeyError, match=r"ids\[1\] = 'zz' is not in the index"):
        idx.remove(["a", "zz"])
    assert "a" in idx  # nothing was removed
