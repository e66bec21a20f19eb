"""The gazetteer: the people, offices, organizations and places the linker knows, and the
lexicon of titles and abbreviations ("Wabup" = "Wakil Bupati") it reads them with.

CSV format (UTF-8, header row): ``id, name, type, aliases, office, region, start, end``.
``type`` is one of person, office, organization, place; ``aliases`` are ``|``-separated;
``start``/``end`` are ISO dates of the term (empty = open; ``end`` is the day the successor
took over). Other columns are kept as :attr:`Entity.attributes`. A bad row (missing id or
name, unknown type, bad date, duplicate id) raises :class:`GazetteerError` naming the file
and line; so does a file that is not UTF-8 (Latin-1, UTF-16: the line of the first bad byte),
not comma-separated (a semicolon or tab file is named as such) or without an id, name or
type column. A UTF-8 BOM is dropped, also inside ``.gz``.

``office`` means: for a person, the office held, as the bare title with ``region``
("Wakil Bupati", "Kabupaten Serang"; "Penjabat Gubernur", "Banten") or written with its
region ("Gubernur Banten") -- both work; for an office, its title ("Bupati"); for an
organization, its kind ("Pemerintah Kabupaten", "DPRD"). ``region`` is the name of a place
entity ("Kabupaten Serang", "Banten"). From these the linker derives aliases ("Bupati
Serang", "Pemkab Serang"), knows which person holds which office, and which region a
document is about. A gazetteer of persons only is normal: the offices and regions their
positions name are derived (see :mod:`warta.positions`).

``person_id`` (optional): rows that share it are terms of one person, reported with that id
and the term of the article's date as ``Mention.position``.
"""

from __future__ import annotations

import csv
import datetime as _dt
import gzip
import io
import math
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, Iterable, Iterator, List, Mapping, Optional, Sequence, Tuple, Union

from .positions import derive_offices

ENTITY_TYPES = ("person", "office", "organization", "place")
# The kinds the C++ linker reads, and those the gazetteer applies to entities before it
# compiles them (see warta.positions): "nickname" (form "Jokowi", canonical the person's full
# name "Joko Widodo"), "office_alias" ("Menkumham" for its office's title) and "place_alias"
# ("Jatim" for the place named "Jawa Timur").
LINKER_KINDS = ("title", "acting", "honorific", "abbreviation", "subdivision", "given_name")
ALIAS_KINDS = ("nickname", "office_alias", "place_alias")
LEXICON_KINDS = LINKER_KINDS + ALIAS_KINDS
COLUMNS = ("id", "name", "type", "aliases", "office", "region", "start", "end")
REQUIRED = ("id", "name", "type")

_DATA = Path(__file__).resolve().parent / "data"
_EPOCH = _dt.date(1970, 1, 1)

PathLike = Union[str, Path]


class GazetteerError(ValueError):
    """A gazetteer or lexicon row that cannot be used; the message names the file and line."""


@dataclass(frozen=True)
class Entity:
    id: str
    name: str
    type: str
    aliases: Tuple[str, ...] = ()
    office: str = ""
    region: str = ""
    start: Optional[_dt.date] = None
    end: Optional[_dt.date] = None
    attributes: Mapping[str, Any] = field(default_factory=dict)

    @property
    def person_id(self) -> str:
        """A person row's ``person_id`` column: rows that share it are terms of one person, and
        the linker reports that id. Empty when not given (rows with the same name and region
        are then read as terms of one person, each reported by its own id)."""
        value = self.attributes.get("person_id") if self.type == "person" else None
        return str(value) if value else ""


@dataclass(frozen=True)
class LexiconEntry:
    form: str
    canonical: str
    kind: str


def _is_blank(value: Any) -> bool:
    """None, NaN, an empty or blank str, pd.NA, pd.NaT, numpy NaT: no value."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, float):
        return math.isnan(value)
    # Exact types: pd.NaT is an instance of datetime, so isinstance would call it a date.
    if type(value) in (int, bool, _dt.date, _dt.datetime) or isinstance(value, (list, tuple)):
        return False
    try:  # pd.NA, pd.NaT, numpy NaN/NaT scalars
        import pandas as pd

        return bool(pd.isna(value))
    except (ImportError, TypeError, ValueError):
        return False


def to_date(value: Any, what: str = "date") -> Optional[_dt.date]:
    """None/NaN/pd.NA/NaT/empty -> None; date, datetime, pandas Timestamp, numpy datetime64 or an ISO
    string ("2025-05-23", "2025-05-23T08:00:00") -> date. Anything else is a ValueError."""
    if _is_blank(value):
        return None
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    to_pydatetime = getattr(value, "to_pydatetime", None)  # pandas Timestamp
    if callable(to_pydatetime):
        return to_pydatetime().date()
    if type(value).__name__ == "datetime64":
        import numpy as np

        return _dt.date.fromisoformat(str(np.datetime_as_string(value, unit="D")))
    if isinstance(value, str):
        text = value.strip()
        for parse in (_dt.date.fromisoformat, lambda t: _dt.datetime.fromisoformat(t).date()):
            try:
                return parse(text)
            except ValueError:
                pass
    raise ValueError(f"{what} must be an ISO date like 2025-05-23 (or a date/datetime), got {value!r}")


def to_day(value: Any, what: str = "date") -> Optional[int]:
    """Days since 1970-01-01, as the C++ core counts them."""
    d = to_date(value, what)
    return None if d is None else (d - _EPOCH).days


def _text(value: Any) -> str:
    return "" if _is_blank(value) else str(value).strip()


def _aliases(value: Any) -> Tuple[str, ...]:
    if _is_blank(value):
        return ()
    items = value if isinstance(value, (list, tuple)) else str(value).split("|")
    return tuple(dict.fromkeys(a.strip() for a in items if isinstance(a, str) and a.strip()))


def _entity_from_row(row: Mapping[str, Any], where: str) -> Entity:
    entity_id = _text(row.get("id"))
    if not entity_id:
        raise GazetteerError(f"{where}: missing id")
    name = _text(row.get("name"))
    if not name:
        raise GazetteerError(f"{where}: entity {entity_id!r} has no name")
    etype = _text(row.get("type")).lower()
    if etype not in ENTITY_TYPES:
        raise GazetteerError(
            f"{where}: entity {entity_id!r} has type {row.get('type')!r}; expected one of {', '.join(ENTITY_TYPES)}"
        )
    dates = {}
    for key in ("start", "end"):
        try:
            dates[key] = to_date(row.get(key), key)
        except ValueError as exc:
            raise GazetteerError(f"{where}: entity {entity_id!r}: {exc}") from None
    if dates["start"] and dates["end"] and dates["end"] < dates["start"]:
        raise GazetteerError(f"{where}: entity {entity_id!r} ends ({dates['end']}) before it starts ({dates['start']})")
    attributes = {k: v for k, v in row.items() if k not in COLUMNS and k is not None and not _is_blank(v)}
    return Entity(
        entity_id,
        name,
        etype,
        _aliases(row.get("aliases")),
        _text(row.get("office")),
        _text(row.get("region")),
        dates["start"],
        dates["end"],
        attributes,
    )


def _read_text(path: Path) -> str:
    """The file's text, UTF-8 with or without a BOM (also inside ``.gz``). Read whole so that
    a byte that is not UTF-8 is reported with its line; gazetteers are megabytes, not gigabytes."""
    data = path.read_bytes()
    if path.suffix == ".gz":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as exc:  # gzip.BadGzipFile is an OSError
            raise GazetteerError(f"{path}: not a readable gzip file ({exc})") from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise GazetteerError(f"{path}: the file is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise GazetteerError(
            f"{path}:{line}: not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); the file is probably "
            "Latin-1 or Windows-1252: save it as UTF-8 (e.g. iconv -f latin1 -t utf-8)"
        ) from None


def _check_header(path: Path, fields: Sequence[str], required: Sequence[str]) -> None:
    missing = [c for c in required if c not in fields]
    if not missing:
        return
    hint = ""
    # Excel writes ';' where the decimal mark is a comma (Indonesian locales among them).
    for sep, name in ((";", "semicolon"), ("\t", "tab")):
        if len(fields) == 1 and sep in fields[0]:
            hint = (
                f"; it looks {name}-separated (one column with {sep!r} in it): save it comma-separated, "
                f"or read it with pandas.read_csv(path, sep={sep!r}) and use Gazetteer.from_dataframe"
            )
    raise GazetteerError(
        f"{path}:1: the header has no {', '.join(missing)} column (columns: {', '.join(map(repr, fields))}){hint}"
    )


def _csv_rows(path: PathLike, required: Sequence[str]) -> Iterator[Tuple[str, Dict[str, Any]]]:
    """(``file:line``, row) for each data row of a CSV file whose header has the ``required`` columns."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"gazetteer file not found: {path}")
    with io.StringIO(_read_text(path), newline="") as f:
        reader = csv.DictReader(f)
        # the text is decoded already (_read_text): only the CSV structure can fail here
        if not reader.fieldnames:
            raise GazetteerError(f"{path}: empty file (expected a header row)")
        _check_header(path, reader.fieldnames, required)
        try:
            for row in reader:
                if None in row:
                    raise GazetteerError(f"{path}:{reader.line_num}: more fields than the header has")
                yield f"{path}:{reader.line_num}", row
        except csv.Error as exc:
            raise GazetteerError(f"{path}:{reader.line_num}: {exc}") from None


class Lexicon:
    """Titles, acting prefixes, honorifics and abbreviations, each a ``form`` read as its
    ``canonical`` words (``kind`` is one of title, acting, honorific, abbreviation, subdivision:
    a word such as "Kecamatan" or "Desa" after which a name is a smaller place, not a regency;
    given_name: a name word too common to stand alone; nickname: a name the news uses for a
    person whose full name is ``canonical`` ("Jokowi"); office_alias: a short form of an
    office title ("Menkumham"); place_alias: a short name or spelling of a province or city
    ("Jatim", "Tangsel"). Nicknames, office and place aliases become aliases of the entities
    with that exact name or title, in any gazetteer, and of the places it derives.)

    The bundled list is python/warta/data/lexicon.csv; extend it with :meth:`extended`."""

    def __init__(self, entries: Iterable[LexiconEntry]):
        self.entries: Tuple[LexiconEntry, ...] = tuple(entries)

    @classmethod
    def from_records(cls, records: Iterable[Mapping[str, Any]], source: str = "lexicon") -> Lexicon:
        return cls(cls._entry(row, f"{source} record {i + 1}") for i, row in enumerate(records))

    @classmethod
    def from_csv(cls, path: PathLike) -> Lexicon:
        return cls(cls._entry(row, where) for where, row in _csv_rows(path, ("form", "canonical", "kind")))

    @classmethod
    def default(cls) -> Lexicon:
        return cls.from_csv(_DATA / "lexicon.csv")

    @staticmethod
    def _entry(row: Mapping[str, Any], where: str) -> LexiconEntry:
        form, canonical, kind = _text(row.get("form")), _text(row.get("canonical")), _text(row.get("kind")).lower()
        if not form or not canonical:
            raise GazetteerError(f"{where}: lexicon rows need a form and a canonical text")
        if kind not in LEXICON_KINDS:
            raise GazetteerError(
                f"{where}: lexicon kind {row.get('kind')!r}; expected one of {', '.join(LEXICON_KINDS)}"
            )
        return LexiconEntry(form, canonical, kind)

    def extended(self, other: Union[Lexicon, Iterable[Mapping[str, Any]]]) -> Lexicon:
        more = other.entries if isinstance(other, Lexicon) else Lexicon.from_records(other).entries
        return Lexicon(self.entries + tuple(more))

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[LexiconEntry]:
        return iter(self.entries)


class Gazetteer:
    """An immutable set of entities (unique ids) and the lexicon to read them with."""

    def __init__(self, entities: Iterable[Entity], lexicon: Optional[Lexicon] = None, *, _where: Sequence[str] = ()):
        self._entities: Tuple[Entity, ...] = tuple(entities)
        self.lexicon = lexicon if lexicon is not None else Lexicon.default()
        self._index: Dict[str, int] = {}
        for i, e in enumerate(self._entities):
            if e.id in self._index:
                here = _where[i] if i < len(_where) else f"entity {i + 1}"
                first = self._index[e.id]
                there = _where[first] if first < len(_where) else f"entity {first + 1}"
                raise GazetteerError(f"{here}: duplicate id {e.id!r} (first defined at {there})")
            self._index[e.id] = i
        self._core: Dict[Tuple[bool, float], Any] = {}
        self._derived: Optional[Tuple[Entity, ...]] = None

    def __getstate__(self) -> Dict[str, Any]:
        # Pickled (e.g. shipped to Dask workers) without its compiled linkers: each process
        # compiles its own on first use.
        state = dict(self.__dict__)
        state["_core"] = {}
        state["_derived"] = None
        return state

    # ------------------------------------------------------------------ constructors
    @classmethod
    def from_records(
        cls, records: Iterable[Mapping[str, Any]], lexicon: Optional[Lexicon] = None, source: str = "records"
    ) -> Gazetteer:
        where, entities = [], []
        for i, row in enumerate(records):
            if not isinstance(row, Mapping):
                raise TypeError(f"{source} record {i + 1} must be a dict, got {type(row).__name__}")
            where.append(f"{source} record {i + 1}")
            entities.append(_entity_from_row(row, where[-1]))
        return cls(entities, lexicon, _where=where)

    @classmethod
    def from_csv(cls, path: PathLike, lexicon: Optional[Lexicon] = None) -> Gazetteer:
        where, entities = [], []
        for here, row in _csv_rows(path, REQUIRED):
            where.append(here)
            entities.append(_entity_from_row(row, here))
        return cls(entities, lexicon, _where=where)

    @classmethod
    def from_dataframe(cls, df: Any, lexicon: Optional[Lexicon] = None) -> Gazetteer:
        """Rows of a pandas DataFrame; errors name the row's index label."""
        missing = [c for c in REQUIRED if c not in df.columns]
        if missing:
            raise GazetteerError(f"DataFrame: missing column(s) {', '.join(missing)}")
        where, entities = [], []
        for label, row in zip(df.index, df.to_dict("records")):
            where.append(f"DataFrame row {label!r}")
            entities.append(_entity_from_row(row, where[-1]))
        return cls(entities, lexicon, _where=where)

    @classmethod
    def default(cls) -> Gazetteer:
        """Indonesia's provinces and regencies/cities with their offices and government bodies,
        and regional heads with their terms (see scripts/build_gazetteer.py for sources)."""
        return cls.from_csv(_DATA / "gazetteer.csv.gz")

    def merged(self, other: Gazetteer) -> Gazetteer:
        """This gazetteer plus the other's entities (ids must not clash), with this lexicon."""
        return Gazetteer(self._entities + other._entities, self.lexicon)

    def with_lexicon(self, lexicon: Lexicon) -> Gazetteer:
        return Gazetteer(self._entities, lexicon)

    # ------------------------------------------------------------------ access
    def __len__(self) -> int:
        return len(self._entities)

    def __iter__(self) -> Iterator[Entity]:
        return iter(self._entities)

    def __contains__(self, entity_id: object) -> bool:
        return entity_id in self._index

    def __getitem__(self, entity_id: str) -> Entity:
        try:
            return self._entities[self._index[entity_id]]
        except KeyError:
            raise KeyError(f"no entity with id {entity_id!r} in the gazetteer") from None

    @property
    def ids(self) -> List[str]:
        return [e.id for e in self._entities]

    def to_dataframe(self) -> Any:
        import pandas as pd

        return pd.DataFrame([{**{c: getattr(e, c) for c in COLUMNS}, **dict(e.attributes)} for e in self._entities])

    def __repr__(self) -> str:
        counts = {t: 0 for t in ENTITY_TYPES}
        for e in self._entities:
            counts[e.type] += 1
        return (
            "Gazetteer(" + ", ".join(f"{n} {t}s" for t, n in counts.items()) + f", {len(self.lexicon)} lexicon entries)"
        )

    # ------------------------------------------------------------------ compiled core
    def _linkable(self) -> Tuple[Entity, ...]:
        """What the linker compiles: the entities with persons' offices split into title and
        region, and the offices and regions they imply (see warta.positions), built once."""
        if self._derived is None:
            self._derived = tuple(derive_offices(self._entities, self.lexicon))
        return self._derived

    def _compiled(self, options: Any) -> Any:
        """The C++ linker for this gazetteer, built once per option set (a ``_core.LinkerOptions``) and shared."""
        key = (options.fuzzy, options.fuzzy_min_similarity)
        if key not in self._core:
            from . import _core

            types = [_core.EntityType.__members__[t] for t in ENTITY_TYPES]
            kinds = [_core.LexiconKind.__members__[k] for k in LINKER_KINDS]
            entities = [
                (
                    e.id,
                    e.name,
                    types[ENTITY_TYPES.index(e.type)],
                    list(e.aliases),
                    e.office,
                    e.region,
                    None if e.start is None else (e.start - _EPOCH).days,
                    None if e.end is None else (e.end - _EPOCH).days,
                    e.person_id,
                )
                for e in self._linkable()
            ]
            lexicon = [
                (x.form, x.canonical, kinds[LINKER_KINDS.index(x.kind)]) for x in self.lexicon if x.kind in LINKER_KINDS
            ]
            self._core[key] = _core.EntityLinker(entities, lexicon, options)
        return self._core[key]
