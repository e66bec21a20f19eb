"""DedupIndex quality on the real-news corpus of tests/test_dedup_quality.py (906 texts, 300
stories): pairwise same-story recall and precision, as one batch and as daily batches of 300.

Measured (threshold 0.8, defaults): warta.dedup (batch union-find) recall 0.883. The index
before duplicates were stored as cluster members and before its spelling was learned across
batches: 0.43 as one batch, 0.40 in batches of 300 (0.71 / 0.51 with per-batch typo reading).
Now: 0.786 / 0.747 (0.532 / 0.508 with correct_typos=False), precision 1.000 throughout. What
is left against dedup: the index never merges two clusters afterwards (a text that bridges
two earlier clusters joins one of them), and chrome or spelling learned later is not applied
to signatures stored earlier.
"""

import pandas as pd
import pytest
import warta
from test_dedup_quality import corpus  # noqa: F401  (the fixture)
from warta import synth


def add_in_batches(texts, batch, **params):
    idx = warta.DedupIndex(**params)
    return idx, pd.concat([idx.add_batch(texts[s : s + batch]) for s in range(0, len(texts), batch)], ignore_index=True)


@pytest.mark.parametrize("batch, recall", [(None, 0.77), (300, 0.73)])
def test_index_recall_and_precision(corpus, batch, recall):  # noqa: F811
    texts, stories, _ = corpus
    _, out = add_in_batches(texts, batch or len(texts))
    scores = synth.pairwise_scores(stories, out["cluster_id"].tolist())
    print(f"\nDedupIndex, batches of {batch or len(texts)}: {scores}")
    assert scores["precision"] >= 0.99
    assert scores["recall"] >= recall


def test_spelling_learned_across_batches_helps_later_batches(corpus):  # noqa: F811
    texts, stories, _ = corpus
    _, plain = add_in_batches(texts, 300, correct_typos=False)
    idx, fixed = add_in_batches(texts, 300)
    plain_scores = synth.pairwise_scores(stories, plain["cluster_id"].tolist())
    fixed_scores = synth.pairwise_scores(stories, fixed["cluster_id"].tolist())
    assert fixed_scores["recall"] >= plain_scores["recall"] + 0.15
    assert fixed_scores["precision"] >= 0.99
    # Every stored text, asked again, finds its own cluster (a word keeps the reading it had
    # when first seen, so a re-scrape is signed as its stored copy was; chrome learned since
    # can lower the similarity a little), and its best match is a copy of its own story.
    kept = fixed["duplicate_of"].where(fixed["is_duplicate"], fixed["id"]).tolist()
    found = idx.query_batch(texts)
    assert set(zip(found["query"], found["id"])) >= set(enumerate(kept))
    top = found.groupby("query").first()
    assert top.index.tolist() == list(range(len(texts)))
    assert [stories[i] for i in top["id"]] == stories  # default ids are positions
