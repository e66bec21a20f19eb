"""Entity linking: find the officials, offices, organizations and places of a gazetteer in
news text, and decide which entity each mention means.

How a text is read (all in C++, see cpp/src/linker.cpp):

1. The text is split into words by the shared ICU :class:`~warta.Normalizer`; matching
   ignores accents, punctuation and case ("A. Dimyati" = "A. DIMYATI"), and every word keeps
   its span in the original string. Capitals decide whether a match is a name: see below.
2. Lexicon forms are rewritten to their canonical words ("Wabup" -> "wakil bupati",
   "Pemkab" -> "pemerintah kabupaten"); a title repeated as its abbreviation in brackets
   ("Wakil Bupati (Wabup)") is read once.
3. Every alias of the gazetteer, read the same way, sits in one token automaton; matches are
   leftmost-longest on whole words ("Serangan" never matches "Serang") and never cross a
   comma, bracket, quote or line break.
4. A capitalized run of words that matched nothing is looked up by character-trigram
   similarity and accepted within a small edit distance ("Andra Sony" -> Andra Soni).
5. Context decides: a title next to a name ("Wabup Serang Najib Hamas", "Andra Soni,
   Gubernur Banten") keeps only the people who held that office; the article's date keeps
   the people whose term covers it; the regions the document names break the remaining
   ties. A single word of a name ("Najib", "Ben" for "Benyamin") counts only when the full
   name occurs in the same document or a matching title stands next to it. A title alone
   ("Gubernur Banten", "Pak Gubernur", "Ibu Bupati") means the holder of that office on the
   article's date. What is still ambiguous is reported with ``entity_id=None`` and the
   candidates in ``alternatives`` -- the linker does not guess.

Capitals mark names, because many names are common words ("serang" is "attack"): a match
counts only when its proper-noun words begin with a capital (all capitals count) -- a
person's first and last word, a place's first word (after a lower-case kind word: "kota
Sorong"), an office's or organization's region word (else its first word). A lower-case
title alone ("bupati", "presiden") is generic unless the document named its holder before
it; acting prefixes and honorifics need their capital; typo lookup reads capitalized runs
only. An all lower-case text therefore links nothing.

An office or organization mention that names its region ("Pemkab Serang") also yields a
place mention for the region words inside it.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import Any, Iterable, List, Optional, Tuple

import numpy as np
import pandas as pd

from ._batch import as_text_list, resolve_n_jobs
from ._options import linker_options
from .gazetteer import ENTITY_TYPES, Gazetteer, to_date, to_day
from .positions import Position, person_groups

__all__ = ["EntityLinker", "Mention"]


@dataclass(frozen=True)
class Mention:
    """One linked span. ``text == original_text[start:end]`` (Python str indices).

    ``score`` says how the link was made, not a calibrated probability: 1.0 an alias matched
    (or a name with a fitting title), 0.9 one word of a name next to a fitting title, 0.85 one
    word of a name whose full form is in the document, 0.8 a title read as its holder on the
    date, 0.7 a shortened first name ("Ben"), a retyped name its trigram similarity scaled
    down per edit; an ambiguous mention's score is divided by its number of alternatives."""

    start: int
    end: int
    text: str
    entity_id: Optional[str]  # None when ambiguous: see alternatives
    label: str  # person, office, organization or place
    score: float
    alias: str  # the gazetteer alias (or name) that matched
    alternatives: Tuple[str, ...] = ()
    position: Optional[Position] = None  # a person's term that covers the date (see warta.positions)


class Mentions(List[Mention]):
    """The mentions :meth:`EntityLinker.link` found, in order: a plain list of
    :class:`Mention`, which also keeps the text it came from (``.text``) so that a notebook
    shows it with each mention highlighted."""

    def __init__(self, text: str, mentions: Iterable[Mention] = ()) -> None:
        super().__init__(mentions)
        self.text = text

    def _repr_html_(self) -> str:
        from .display import mentions_html

        return mentions_html(self.text, self)


class EntityLinker:
    """Links mentions in texts to a :class:`~warta.Gazetteer` (default: the bundled one).

    ``fuzzy=False`` turns off typo-tolerant name lookup. Thread-safe: one linker may serve
    many threads; ``link_batch`` runs documents in parallel in C++ without the GIL.
    """

    def __init__(self, gazetteer: Optional[Gazetteer] = None, *, fuzzy: bool = True, fuzzy_min_similarity: float = 0.5):
        if gazetteer is None:
            gazetteer = Gazetteer.default()
        if not isinstance(gazetteer, Gazetteer):
            raise TypeError(f"gazetteer must be a warta.Gazetteer, got {type(gazetteer).__name__}")
        options = linker_options(fuzzy=fuzzy, fuzzy_min_similarity=fuzzy_min_similarity)
        self.gazetteer = gazetteer
        entities = gazetteer._linkable()
        # A person is reported by its person_id when the gazetteer gives one.
        self._ids = np.array([e.person_id or e.id for e in entities] + [None], dtype=object)  # index -1 -> None
        self._terms = person_groups(entities)
        self._positions = [
            Position(e.office, e.region, e.start, e.end, e.id) if e.type == "person" else None for e in entities
        ]
        self._impl = gazetteer._compiled(options)

    def _position(self, entity: int, day: Optional[_dt.date]) -> Optional[Position]:
        """The term of the linked person that covers ``day``: the row the linker chose if it
        does, else the one of the person's other rows that started last; None if none does."""
        chosen = self._positions[entity] if entity >= 0 else None
        if day is None or chosen is None:
            return None
        if chosen.covers(day):
            return chosen
        covering = [p for p in (self._positions[t] for t in self._terms[entity]) if p is not None and p.covers(day)]
        return max(covering, key=lambda p: p.start or _dt.date.min) if covering else None

    def link(self, text: str, date: Any = None) -> Mentions:
        """Mentions in ``text`` in order of position (a list of :class:`Mention`); ``date``
        (ISO string, date or datetime) is the article's date, used to pick office holders."""
        if not isinstance(text, str):
            raise TypeError(f"text must be str, not {type(text).__name__}")
        day = to_date(date, "date")
        raw = self._impl.link(text, to_day(day, "date"))
        ids = self._ids
        return Mentions(
            text,
            (
                Mention(
                    s,
                    e,
                    text[s:e],
                    ids[ent],
                    ENTITY_TYPES[lab],
                    float(score),
                    alias,
                    tuple(dict.fromkeys(ids[a] for a in alts)),
                    self._position(ent, day),
                )
                for s, e, ent, lab, score, alias, alts in raw
            ),
        )

    def link_batch(self, texts: Any, dates: Any = None, n_jobs: Optional[int] = None) -> pd.DataFrame:
        """One row per mention: doc (position in texts), start, end, text, entity_id, label,
        score, term_id (for a person: the gazetteer row of ``Mention.position``, else None). Missing texts (None, NaN, ``pd.NA``, ``pd.NaT``) have no mentions.

        ``dates`` is None or one date per text: ISO str, date, datetime, Timestamp or numpy
        datetime64 of any unit, also as a numpy array or pandas column; a missing date (None,
        NaN, ``pd.NA``, ``NaT``) means undated."""
        items = as_text_list(texts)
        days = None
        day_dates: List[Optional[_dt.date]] = []
        if isinstance(dates, np.ndarray) and dates.dtype.kind == "M":
            dates = dates.astype("datetime64[D]")  # tolist() of finer units gives ints, of days dates (NaT: None)
        if dates is not None:
            date_list = as_text_list(dates, "dates") if not isinstance(dates, str) else None
            if date_list is None:
                raise TypeError("dates must be a sequence with one date per text, not a single str")
            if len(date_list) != len(items):
                raise ValueError(f"dates has {len(date_list)} items for {len(items)} texts")
            day_dates = [to_date(d, f"dates[{i}]") for i, d in enumerate(date_list)]
            days = [to_day(d) for d in day_dates]
        cols = self._impl.link_batch(items, days, resolve_n_jobs(n_jobs))
        doc, start, end = cols["doc"], cols["start"], cols["end"]
        span_text = [items[d][s:e] for d, s, e in zip(doc.tolist(), start.tolist(), end.tolist())]
        entity = cols["entity"]
        term_id: List[Optional[str]] = [None] * len(entity)
        if day_dates:
            person = ENTITY_TYPES.index("person")
            for k in np.flatnonzero((cols["label"] == person) & (entity >= 0)).tolist():
                pos = self._position(int(entity[k]), day_dates[int(doc[k])])
                term_id[k] = pos.term_id if pos else None
        return pd.DataFrame(
            {
                "doc": doc,
                "start": start,
                "end": end,
                "text": pd.Series(span_text, dtype=object),
                # object, as in link(): pandas 3 would infer its str dtype and turn None into NaN
                "entity_id": pd.Series(self._ids[entity], dtype=object),
                "label": pd.Categorical.from_codes(cols["label"].astype(np.int8), categories=list(ENTITY_TYPES)),
                "score": cols["score"],
                "term_id": pd.Series(term_id, dtype=object),
            }
        )

    def __repr__(self) -> str:
        return f"EntityLinker({self.gazetteer!r})"
