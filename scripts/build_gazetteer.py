"""Build warta's bundled default gazetteer from the public data in ../shared/data.

    python scripts/build_gazetteer.py [--data DIR] [--out python/warta/data/gazetteer.csv.gz]

Facts only: provinces and regencies/cities (Kemendagri 2025 codes, from regions/), the offices
and government bodies every region has (Gubernur, Bupati, Wali Kota, their deputies, the
Sekretaris Daerah, the Pemerintah and DPRD of the region), the national offices held by the
officials of officials-extra/ (Presiden, Menteri ..., Kapolri ...), and the officials of
officials/officials.csv and officials-extra/officials-extra.csv, one row per term. Rows of
one person share a ``person_id`` (``person-`` and the name's slug: the two files spell a
person's name alike, and no two different people in them share a name). Aliases that differ only by a lexicon abbreviation ("Pemkab
Serang" for "Pemerintah Kabupaten Serang") are not written: the linker derives them from
python/warta/data/lexicon.csv.
"""

from __future__ import annotations

import argparse
import calendar
import csv
import datetime as dt
import gzip
import io
import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
COLUMNS = [
    "id",
    "name",
    "type",
    "aliases",
    "office",
    "region",
    "start",
    "end",
    "person_id",
    "code",
    "province",
    "source",
]
NATIONAL = "Indonesia"  # the region of national offices in officials-extra


PROVINCE_OFFICES = [("gub", "Gubernur"), ("wagub", "Wakil Gubernur"), ("sekda", "Sekretaris Daerah")]
REGENCY_OFFICES = {
    "Kabupaten": [("bup", "Bupati"), ("wabup", "Wakil Bupati"), ("sekda", "Sekretaris Daerah")],
    "Kota": [("wako", "Wali Kota"), ("wawako", "Wakil Wali Kota"), ("sekda", "Sekretaris Daerah")],
}
PROVINCIAL_GOVERNMENT = ["Pemerintah", "Pemda", "Pemerintah Daerah", "Pemdaprov", "Pemerintah Daerah Provinsi"]
BODIES = {
    "province": [("pemprov", "Pemerintah Provinsi"), ("dprd", "DPRD")],
    "Kabupaten": [("pemkab", "Pemerintah Kabupaten"), ("dprd", "DPRD")],
    "Kota": [("pemkot", "Pemerintah Kota"), ("dprd", "DPRD")],
}


def shared_data_dir() -> Path:
    env = os.environ.get("WARTA_SHARED_DATA")
    return Path(env) if env else REPO.parent / "shared" / "data"


def row(**fields: str) -> dict:
    return {c: fields.get(c, "") for c in COLUMNS}


def place_rows(data: Path):
    provinces = list(csv.DictReader(open(data / "regions" / "provinces.csv", encoding="utf-8")))
    regencies = list(csv.DictReader(open(data / "regions" / "regencies.csv", encoding="utf-8")))
    by_code = {p["code"]: p["name"] for p in provinces}
    out = []
    for p in provinces:
        name, code = p["name"], p["code"]
        aliases = ["Provinsi " + name] + PLACE_ALIASES.get(name, [])
        out.append(row(id=f"prov-{code}", name=name, type="place", aliases="|".join(aliases), code=code))
        for key, title in PROVINCE_OFFICES:
            out.append(
                row(
                    id=f"office-{key}-{code}",
                    name=f"{title} {name}",
                    type="office",
                    office=title,
                    region=name,
                    code=code,
                    province=name,
                )
            )
        for key, body in BODIES["province"]:
            # News copy also writes a province's government without "Provinsi".
            forms = [name] + PLACE_ALIASES.get(name, [])
            org_aliases = [f"{p} {n}" for n in forms for p in PROVINCIAL_GOVERNMENT] if key == "pemprov" else []
            out.append(
                row(
                    id=f"org-{key}-{code}",
                    name=f"{body} {name}",
                    aliases="|".join(org_aliases),
                    type="organization",
                    office=body,
                    region=name,
                    code=code,
                    province=name,
                )
            )
    for r in regencies:
        code, kind, name, short = r["code"], r["type"], r["name"], r["short_name"]
        province = by_code[r["province_code"]]
        aliases = [short, f"{kind} {short}"] + PLACE_ALIASES.get(name, [])
        aliases = [a for a in dict.fromkeys(aliases) if a != name]
        out.append(
            row(
                id=f"reg-{code}",
                name=name,
                type="place",
                aliases="|".join(aliases),
                region=province,
                code=code,
                province=province,
            )
        )
        # "Kota Administrasi Jakarta Timur": the official name's middle word is written too
        # ("Pemerintah Kota Administrasi Jakarta Timur", "Wali Kota Administrasi ...").
        middle = name[len(kind) :] if name.startswith(kind + " ") and name != f"{kind} {short}" else ""
        for key, title in REGENCY_OFFICES[kind]:
            office_name = f"{title} {name}" if key == "sekda" else f"{title} {short}"
            out.append(
                row(
                    id=f"office-{key}-{code}",
                    name=office_name,
                    aliases=f"{title}{middle}" if middle and key != "sekda" else "",
                    type="office",
                    office=title,
                    region=name,
                    code=code,
                    province=province,
                )
            )
        for key, body in BODIES[kind]:
            out.append(
                row(
                    id=f"org-{key}-{code}",
                    name=f"{body} {name}" if key == "dprd" else f"{body} {short}",
                    aliases=f"{body}{middle}" if middle and key != "dprd" else "",
                    type="organization",
                    office=body,
                    region=name,
                    code=code,
                    province=province,
                )
            )
    return out


def clean_aliases(name: str, aliases: str) -> str:
    """Academic degrees after a comma ("Najib Hamas, S.E., M.M") are not part of a name."""
    kept = []
    for alias in aliases.split("|"):
        alias = alias.split(",")[0].strip()
        if alias and alias != name and alias not in kept:
            kept.append(alias)
    return "|".join(kept)


# Names news copy uses for well-known officials ("Jokowi") and the short forms of national
# offices ("Menkumham"): facts of usage, kept as lexicon data (kinds nickname and
# office_alias of python/warta/data/lexicon.csv), which the linker also applies to a user's
# gazetteer of persons.
LEXICON = Path(__file__).resolve().parents[1] / "python" / "warta" / "data" / "lexicon.csv"


def lexicon_forms(kind: str) -> dict:
    """{canonical: [forms]} of one lexicon kind, in file order."""
    out: dict = {}
    with open(LEXICON, encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            if r["kind"] == kind:
                out.setdefault(r["canonical"], []).append(r["form"])
    return out


PERSON_ALIASES = lexicon_forms("nickname")
OFFICE_ALIASES = lexicon_forms("office_alias")
# Well-known short names and spellings of provinces and cities used in news copy ("Jatim",
# "Tangsel", "Baubau"): lexicon kind place_alias, which the linker also applies to the places
# of a user's gazetteer and to those it derives from persons' regions.
PLACE_ALIASES = lexicon_forms("place_alias")


def slug(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


def national_office_rows(data: Path):
    """One office row per national office an official of officials-extra held."""
    with open(data / "officials-extra" / "officials-extra.csv", encoding="utf-8", newline="") as f:
        titles = sorted({r["office"] for r in csv.DictReader(f) if r["region"] == NATIONAL})
    out = [row(id="country-id", name=NATIONAL, type="place", aliases="Republik Indonesia|RI|NKRI")]
    for title in titles:
        aliases = "|".join(OFFICE_ALIASES.get(title, []))
        out.append(
            row(
                id=f"office-nat-{slug(title)}",
                name=title,
                type="office",
                aliases=aliases,
                office=title,
                region=NATIONAL,
            )
        )
    return out


def official_rows(data: Path):
    out = []
    for path in (data / "officials" / "officials.csv", data / "officials-extra" / "officials-extra.csv"):
        if not path.exists():
            continue
        with open(path, encoding="utf-8", newline="") as f:
            out.extend(_person_rows(csv.DictReader(f)))
    return out


def full_date(value: str, *, end: bool) -> str:
    """officials-extra gives some dates to the month or year only ("2014-10"): a start is
    read as the first day of that month (year), an end as its last, so the term covers every
    day the source allows."""
    parts = value.split("-") if value else []
    if len(parts) == 1:
        parts += ["12", "31"] if end else ["01", "01"]
    elif len(parts) == 2:
        last = calendar.monthrange(int(parts[0]), int(parts[1]))[1]
        parts.append(f"{last:02d}" if end else "01")
    return "-".join(parts)


# Regional heads serve five years (UU 23/2014, art. 60): a head's row with a start and no end
# ended five years on, or the linker would read an old governor as holding the office forever
# (officials-extra gives Anies Baswedan's 2017 Jakarta term no end).
FIVE_YEAR_TITLES = {"gubernur", "bupati", "wali kota", "walikota"}


def assumed_end(office: str, start: str, end: str) -> str:
    title = office.casefold().removeprefix("wakil ").strip()
    if end or not start or title not in FIVE_YEAR_TITLES:
        return end
    day = dt.date.fromisoformat(start)
    return day.replace(year=day.year + 5).isoformat()  # 29 February starts fall on no heads' terms


def _person_rows(records):
    out = []
    for r in records:
        start = full_date(r["start"], end=False)
        out.append(
            row(
                id=r["id"],
                name=r["name"],
                type="person",
                aliases=clean_aliases(r["name"], "|".join([r["aliases"], *PERSON_ALIASES.get(r["name"], [])])),
                office=r["office"],
                region=r["region"],
                start=start,
                end=assumed_end(r["office"], start, full_date(r["end"], end=True)),
                person_id="person-" + slug(r["name"]),
                province=r["province"],
                source=r["source"],
            )
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=shared_data_dir())
    parser.add_argument("--out", type=Path, default=REPO / "python" / "warta" / "data" / "gazetteer.csv.gz")
    args = parser.parse_args()
    rows = place_rows(args.data) + national_office_rows(args.data) + official_rows(args.data)
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    # mtime=0: the same input gives a byte-identical file.
    with open(args.out, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as gz:
        gz.write(buf.getvalue().encode("utf-8"))
    print(f"wrote {len(rows)} entities to {args.out} ({args.out.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
