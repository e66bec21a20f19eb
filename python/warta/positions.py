"""People and the positions they held: what the linker reports for a person, and the offices
and regions a gazetteer of persons only implies.

A person is one entity with positions, as Wikidata models it (a person item with "position
held" statements): gazetteer rows that share a ``person_id`` are the terms of one person,
and a person mention reports that id with ``Mention.position``, the term that covers the
article's date (None when no known term covers it, or the article is undated).

A user's gazetteer often lists persons only, with ``office`` written with its region
("Gubernur Banten") or as the bare title with ``region`` ("Gubernur", "Banten"), and no
office or place rows. For such rows the linker derives what a title alone needs: the
office (id ``derived:office:<title> <region>``) and, when no place of that name exists,
the region (id ``derived:place:<region>``), so that "Pak Gubernur" can be read as the
governor on the article's date.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, AbstractSet, Any, Dict, Iterable, List, Optional, Sequence, Set, Tuple

if TYPE_CHECKING:
    from .gazetteer import Entity, Lexicon

__all__ = ["Position", "derive_offices"]

REGION_PREFIXES = ("Provinsi ", "Kabupaten ", "Kota ", "Kab. ")


@dataclass(frozen=True)
class Position:
    """One term of a person: the office held, in which region, from ``start`` to ``end``
    (None = open), and the gazetteer row (``term_id``) it comes from."""

    office: str
    region: str
    start: Optional[_dt.date]
    end: Optional[_dt.date]
    term_id: str

    def covers(self, day: _dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


def _words(text: str) -> Tuple[str, ...]:
    return tuple(text.casefold().replace(".", " ").split())


def _title_forms(lexicon: Lexicon) -> Tuple[Set[Tuple[str, ...]], Set[Tuple[str, ...]]]:
    titles = {_words(x.form) for x in lexicon if x.kind == "title"} | {
        _words(x.canonical) for x in lexicon if x.kind == "title"
    }
    acting = {_words(x.form) for x in lexicon if x.kind == "acting"} | {
        _words(x.canonical) for x in lexicon if x.kind == "acting"
    }
    return titles, acting


def _strip_prefixes(words: Sequence[str], forms: Set[Tuple[str, ...]]) -> int:
    """How many leading words are acting prefixes ("Penjabat Sementara")."""
    at, longest = 0, max((len(f) for f in forms), default=0)
    while True:
        step = next((n for n in range(longest, 0, -1) if tuple(words[at : at + n]) in forms), 0)
        if not step:
            return at
        at += step


def split_office(
    office: str,
    region: str,
    titles: Set[Tuple[str, ...]],
    acting: Set[Tuple[str, ...]],
    whole: AbstractSet[Tuple[str, ...]] = frozenset(),
) -> Tuple[str, str, str]:
    """(office as held, its base title without acting prefixes, region) of a person row:
    "Gubernur Banten" -> ("Gubernur", "Gubernur", "Banten"); "Pj Bupati" with region
    "Kabupaten Serang" -> ("Pj Bupati", "Bupati", "Kabupaten Serang"). A title in ``whole``
    (an office the gazetteer or the lexicon knows by that full title) ends with its region's
    name as part of the title: "Kepala Kepolisian Negara Republik Indonesia", "Indonesia"."""
    raw = office.split()
    if region and office.casefold().endswith(" " + region.casefold()) and _words(office) not in whole:
        raw = office[: len(office) - len(region)].split()
    words = _words(" ".join(raw))
    skip = _strip_prefixes(words, acting)
    longest = max((len(f) for f in titles), default=0)
    n = next((n for n in range(longest, 0, -1) if tuple(words[skip : skip + n]) in titles), 0)
    if not region and n and skip + n < len(raw):  # "Gubernur Banten": the rest is the region
        return " ".join(raw[: skip + n]), " ".join(raw[skip : skip + n]), " ".join(raw[skip + n :])
    base = " ".join(raw[skip:]) if skip < len(raw) else " ".join(raw)
    return " ".join(raw), base, region


def derive_offices(entities: Sequence[Entity], lexicon: Lexicon) -> List[Entity]:
    """The entities the linker compiles: persons' offices split into title and region, plus
    derived office and place entities where the gazetteer has none (see the module doc)."""
    from .gazetteer import Entity

    titles, acting = _title_forms(lexicon)
    tables = {kind: _alias_table(lexicon, kind) for kind in ("nickname", "office_alias", "place_alias")}
    places: Set[str] = set()
    offices: Set[Tuple[str, str]] = set()
    whole = {_words(x.canonical) for x in lexicon if x.kind == "office_alias"}
    for e in entities:
        if e.type == "place":
            places.update(n.casefold() for n in (e.name, *e.aliases))
        elif e.type == "office":
            offices.add((e.office.casefold() or e.name.casefold(), e.region.casefold()))
            whole.add(_words(e.office or e.name))
    region_names = _place_names(entities, lexicon)
    out: List[Entity] = []
    derived: Dict[str, Entity] = {}
    regions_of_title: Dict[str, Set[str]] = {}
    for e in entities:
        if e.type != "person" or not e.office:
            out.append(e)
            continue
        held, base, region = split_office(e.office, e.region, titles, acting, whole)
        # "Daerah Khusus Jakarta" (the 2024 name) for the place "Daerah Khusus Ibukota Jakarta":
        # a region written as a short or older name of a known place is that place, so its
        # holders share one office with the place's other holders.
        region = region_names.get(region.casefold(), region)
        out.append(replace(e, office=held, region=region) if (held, region) != (e.office, e.region) else e)
        if not region:
            continue
        if region.casefold() not in places:
            places.add(region.casefold())
            short = [region[len(p) :] for p in REGION_PREFIXES if region.startswith(p) and len(region) > len(p)]
            derived.setdefault(
                f"derived:place:{region}", Entity(f"derived:place:{region}", region, "place", tuple(short))
            )
        regions_of_title.setdefault(base.casefold(), set()).add(region.casefold())
        if (base.casefold(), region.casefold()) not in offices:
            offices.add((base.casefold(), region.casefold()))
            oid = f"derived:office:{base} {region}"
            derived.setdefault(oid, Entity(oid, f"{base} {region}", "office", (), base, region))
    # A title held in one region only ("Presiden", "Menteri Sosial") names its office alone.
    for oid, e in derived.items():
        if e.type == "office" and regions_of_title.get(e.office.casefold()) == {e.region.casefold()}:
            derived[oid] = replace(e, aliases=(e.office, *_forms_of(e.office, tables["office_alias"])))
    return [_with_lexicon_aliases(e, tables) for e in [*out, *derived.values()]]


def _place_names(entities: Sequence[Entity], lexicon: Lexicon) -> Dict[str, str]:
    """{casefolded alias or lexicon short name of a place: the place's own name}, for names
    that denote one place only."""
    names: Dict[str, Set[str]] = {}
    for e in entities:
        if e.type == "place":
            for n in (e.name, *e.aliases):
                names.setdefault(n.casefold(), set()).add(e.name)
    for x in lexicon:
        if x.kind == "place_alias" and x.canonical.casefold() in names:
            names.setdefault(x.form.casefold(), set()).update(names[x.canonical.casefold()])
    return {n: next(iter(places)) for n, places in names.items() if len(places) == 1}


def _alias_table(lexicon: Lexicon, kind: str) -> Dict[str, Tuple[str, ...]]:
    """{casefolded canonical: its forms} of one lexicon kind."""
    table: Dict[str, Tuple[str, ...]] = {}
    for x in lexicon:
        if x.kind == kind:
            key = x.canonical.casefold()
            table[key] = table.get(key, ()) + (x.form,)
    return table


def _forms_of(name: str, table: Dict[str, Tuple[str, ...]]) -> Tuple[str, ...]:
    return table.get(name.casefold(), ())


def _with_lexicon_aliases(e: Any, tables: Dict[str, Dict[str, Tuple[str, ...]]]) -> Any:
    """A person whose full name the lexicon knows a nickname for ("Joko Widodo": "Jokowi"),
    an office whose title it knows a short form for ("Menkumham"), or a place whose name it
    knows a short name for ("Jawa Timur": "Jatim"), gets it as an alias, as if the gazetteer
    had listed it."""
    if e.type == "person":
        forms = _forms_of(e.name, tables["nickname"])
    elif e.type == "office":
        forms = _forms_of(e.office or e.name, tables["office_alias"])
    elif e.type == "place":
        forms = _forms_of(e.name, tables["place_alias"])
    else:
        return e
    have = {a.casefold() for a in (e.name, *e.aliases)}
    extra = tuple(f for f in forms if f.casefold() not in have)
    return replace(e, aliases=e.aliases + extra) if extra else e


def person_groups(entities: Iterable[Entity]) -> Dict[int, List[int]]:
    """Entity index -> the indexes of every row of the same person (persons only): rows that
    share a ``person_id``, else rows with the same name and region."""
    groups: Dict[Tuple[str, str], List[int]] = {}
    member: Dict[int, List[int]] = {}
    for i, e in enumerate(entities):
        if e.type != "person":
            continue
        key = ("id", e.person_id) if e.person_id else (e.name.casefold(), e.region.casefold())
        group = groups.setdefault(key, [])
        group.append(i)
        member[i] = group
    return member
