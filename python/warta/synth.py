"""Realistic republished copies of news articles -- a testing aid.

Regional news sites republish the same press release with small differences: their own
dateline ("SERANG, (Kabar Banten) –"), their own chrome ("Scroll untuk baca artikel",
"Sebarkan artikel ini", "Editor: ..."), "Baca juga: <another headline>" links dropped
between paragraphs, a trimmed last paragraph, a few retyped words, two paragraphs in the
other order, and paragraphs joined differently ("\\n\\n", "\\n", or the ".," of a scraper
that joined a list of paragraphs with commas).

This module makes such copies so that the demo corpus, the quality test and the
benchmarks share one definition of "a republished copy":

- :func:`make_sites` invents ``n`` sites, each with a fixed style (:class:`SiteStyle`):
  the same site uses the same dateline format, chrome lines and separators on all its
  articles.
- :func:`republish` turns one article text into that site's copy of it.
- :func:`make_corpus` spreads stories over sites (records with a ground-truth ``story``).
- :func:`story_pairs` and :func:`pairwise_scores` give pairwise same-story ground truth
  and the recall/precision of a clustering against it.

Everything is deterministic for a given seed. This is not part of the dedup pipeline.
"""

from __future__ import annotations

import hashlib
import random
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Set, Tuple

__all__ = [
    "SiteStyle",
    "make_sites",
    "split_paragraphs",
    "strip_dateline",
    "republish",
    "make_corpus",
    "story_pairs",
    "pairwise_scores",
]

# ---------------------------------------------------------------------------------------
# Sites

_NAME_HEADS = [
    "Kabar",
    "Warta",
    "Suara",
    "Berita",
    "Info",
    "Lintas",
    "Radar",
    "Jurnal",
    "Pena",
    "Gema",
    "Sorot",
    "Detak",
    "Kupas",
    "Pantau",
    "Titik",
    "Mata",
]
_NAME_TAILS = [
    "Banten",
    "Serang",
    "Tangsel",
    "Cilegon",
    "Pandeglang",
    "Lebak",
    "Nusantara",
    "Priangan",
    "Jabar",
    "Pesisir",
    "Metro",
    "Publik",
    "Rakyat",
    "Daerah",
]
_CITIES = [
    "SERANG",
    "TANGERANG",
    "Jakarta",
    "CILEGON",
    "PANDEGLANG",
    "LEBAK",
    "Tangerang Selatan",
    "BANDUNG",
    "Bengkulu",
    "SURABAYA",
    "Semarang",
    "PADANG",
]
_DATELINES = [
    "{city}, ({name}) –",
    "{CITY} -",
    "{city}, {name} -",
    "{CITY}, {DOMAIN} –",
    "{city} ({name}) -",
    "{CITY} | {name} –",
]
_BACA_JUGA = [
    "Baca juga: {h}",
    "BACA JUGA: {h}",
    "Baca Juga : {h}",
    "Simak juga: {h}",
    "Lihat juga: {h}",
    "Baca juga : {h}",
]
_HEADER_POOL = [
    "Scroll untuk baca artikel",
    "ADVERTISEMENT",
    "Iklan",
    "Home » Berita » Daerah",
    "{name} – Tajam dan Terpercaya",
    "Loading...",
    "Berita Terkini {name}",
]
_FOOTER_POOL = [
    "Sebarkan artikel ini",
    "Tinggalkan Balasan",
    "Bagikan: Facebook Twitter WhatsApp",
    "Simak berita lainnya di Google News",
    "Ikuti {name} di Google News",
    "Copyright © 2025 {name}. All rights reserved.",
    "Komentar",
    "Dapatkan update berita pilihan setiap hari dari {name}",
    "Alamat email Anda tidak akan dipublikasikan.",
]
_EDITORS = [
    "Rizky Pratama",
    "Dewi Lestari",
    "Ahmad Fauzi",
    "Siti Nurhaliza",
    "Budi Santoso",
    "Yusuf Maulana",
    "Rina Marlina",
    "Hendra Gunawan",
    "Fitri Handayani",
    "Agus Salim",
    "Nur Aini",
    "Dimas Saputra",
]
_JOINERS = ["\n\n", "\n", ","]  # "," = a scraper that joined <p> texts with commas ("...tersebut.,Menurut")


@dataclass(frozen=True)
class SiteStyle:
    """How one site republishes articles; fixed for all of the site's articles.

    ``joiner`` separates body paragraphs ("\\n\\n", "\\n" or "," -- the last one gives the
    ".," joins of comma-joined scrapes); ``header`` and ``footer`` are chrome lines put on
    their own lines above and below the body; ``dateline`` is a format with ``{city}``,
    ``{CITY}``, ``{name}`` and ``{DOMAIN}``; ``baca_juga`` a format with ``{h}``.
    ``max_links`` is the most "Baca juga" lines the site inserts into one article.
    """

    name: str
    domain: str
    dateline: str
    cities: Tuple[str, ...]
    header: Tuple[str, ...]
    footer: Tuple[str, ...]
    baca_juga: str
    joiner: str
    max_links: int
    sections: Tuple[str, ...] = field(default=("daerah", "berita", "pemerintahan"))

    def dateline_for(self, city: str) -> str:
        return self.dateline.format(
            city=city.title() if city.isupper() else city,
            CITY=city.upper(),
            name=self.name,
            DOMAIN=self.domain.split(".")[0].upper() + ".COM",
        )


def make_sites(n: int, seed: int = 0) -> List[SiteStyle]:
    """``n`` invented sites with distinct names and fixed styles (deterministic for ``seed``)."""
    if n < 1 or n > len(_NAME_HEADS) * len(_NAME_TAILS):
        raise ValueError(f"n must be in [1, {len(_NAME_HEADS) * len(_NAME_TAILS)}], got {n!r}")
    rng = random.Random(f"warta.synth.sites:{seed}")
    names = rng.sample([f"{h} {t}" for h in _NAME_HEADS for t in _NAME_TAILS], n)
    sites = []
    for i, name in enumerate(names):
        fill = {"name": name}
        header = tuple(s.format(**fill) for s in rng.sample(_HEADER_POOL, rng.randint(1, 2)))
        footer = [s.format(**fill) for s in rng.sample(_FOOTER_POOL, rng.randint(2, 4))]
        footer.insert(rng.randint(0, len(footer)), f"Editor: {rng.choice(_EDITORS)}")
        sites.append(
            SiteStyle(
                name=name,
                domain=name.lower().replace(" ", "") + ".example",
                dateline=_DATELINES[i % len(_DATELINES)] if i < len(_DATELINES) else rng.choice(_DATELINES),
                cities=tuple(rng.sample(_CITIES, 3)),
                header=header,
                footer=tuple(footer),
                baca_juga=rng.choice(_BACA_JUGA),
                joiner=_JOINERS[i % len(_JOINERS)],
                max_links=rng.randint(1, 3),
            )
        )
    return sites


# ---------------------------------------------------------------------------------------
# Paragraphs

# A run of commas (with blanks, NBSP or its mojibake "¬†" between) before an optional
# opening quote and a capital letter. It joins two paragraphs, as in the core's tokenizer,
# when it follows a closing mark (".", "!", "?", a closing quote, ")" or ":"), holds more
# than one comma, or is glued to the capital ("Mengungsi,Jangka").
_JOIN_SPACE = " \t\u00a0\u00ac\u2020"
_COMMA_RUN = re.compile(f'[{_JOIN_SPACE}]*(,(?:[{_JOIN_SPACE}]*,)*)([{_JOIN_SPACE}]*)(?=(?:["“]|‚Äú)?[A-Z])')
_CLOSING = (".", "!", "?", '"', "”", ")", ":", "‚Äù")


def _split_comma_joins(block: str) -> List[str]:
    parts, start = [], 0
    for m in _COMMA_RUN.finditer(block):
        before = block[: m.start()]
        if before.endswith(_CLOSING) or m.group(1).count(",") > 1 or not m.group(2):
            parts.append(block[start : m.start()])
            start = m.end()
    parts.append(block[start:])
    return parts


# Dangling dateline remnants at the start of scraped texts: " - ", ", , -", "¬†‚Äî ".
_LEAD_REMNANT = re.compile(r"^(?:\s|[-–—,|:]|‚Äì|‚Äî|¬†)+")
# A dateline still in place: "JAKARTA, KOMPAS.com -", "SERANG, (Kabar Banten) –", "Jakarta -".
_DATELINE = re.compile(r"^[A-Z][A-Za-z .]{1,30}(?:,\s*\(?[^()\-–—\n]{1,40}\)?)?\s*[-–—|]\s+")


def split_paragraphs(text: str) -> List[str]:
    """Paragraphs of a scraped text: split on line breaks and on comma joins (".,Menurut")."""
    out = []
    for block in re.split(r"\n\s*", text):
        for para in _split_comma_joins(block):
            para = para.strip(_JOIN_SPACE + ",\n")
            if para:
                out.append(para)
    return out


def strip_dateline(text: str) -> str:
    """The text without its leading dateline or the remnant a scraper left of it."""
    text = _LEAD_REMNANT.sub("", text)
    m = _DATELINE.match(text)
    if m and m.end() < 60:
        text = text[m.end() :]
    return text


# ---------------------------------------------------------------------------------------
# One copy

_WORD = re.compile(r"[A-Za-z]{4,}")
_KEYBOARD_NEIGHBOURS = {
    "a": "sqz",
    "b": "vn",
    "c": "xv",
    "d": "sf",
    "e": "wr",
    "f": "dg",
    "g": "fh",
    "h": "gj",
    "i": "uo",
    "j": "hk",
    "k": "jl",
    "l": "k",
    "m": "n",
    "n": "bm",
    "o": "ip",
    "p": "o",
    "q": "w",
    "r": "et",
    "s": "ad",
    "t": "ry",
    "u": "yi",
    "v": "cb",
    "w": "qe",
    "x": "zc",
    "y": "tu",
    "z": "x",
}


def _retype(para: str, rng: random.Random) -> str:
    """One retyping slip in a paragraph: a character substituted, dropped, doubled or two
    swapped, or one word dropped."""
    words = list(_WORD.finditer(para))
    if not words:
        return para
    m = rng.choice(words)
    w = m.group()
    kind = rng.choice(["sub", "drop", "double", "swap", "word"])
    k = rng.randrange(1, len(w) - 1)
    if kind == "sub":
        c = w[k].lower()
        w = w[:k] + rng.choice(_KEYBOARD_NEIGHBOURS.get(c, "e")) + w[k + 1 :]
    elif kind == "drop":
        w = w[:k] + w[k + 1 :]
    elif kind == "double":
        w = w[:k] + w[k] + w[k:]
    elif kind == "swap":
        w = w[: k - 1] + w[k] + w[k - 1] + w[k + 1 :]
    else:
        end = m.end() + 1 if para[m.end() : m.end() + 1] == " " else m.end()
        return para[: m.start()] + para[end:]
    return para[: m.start()] + w + para[m.end() :]


def _trim_last(paras: List[str], rng: random.Random) -> List[str]:
    """Drop the last paragraph, or keep only its first sentence."""
    last = paras[-1]
    cut = re.search(r"[.!?](?=\s+[A-Z\"“])", last)
    if cut and rng.random() < 0.5:
        return paras[:-1] + [last[: cut.end()]]
    return paras[:-1]


def republish(
    text: str,
    rng: random.Random,
    site: SiteStyle,
    headlines: Sequence[str] = (),
    *,
    p_swap: float = 0.25,
    p_trim: float = 0.4,
    typos: Tuple[int, int] = (1, 3),
    city: Optional[str] = None,
) -> str:
    """``site``'s copy of ``text``: its dateline, chrome and separators, "Baca juga" lines
    with headlines drawn from ``headlines`` (titles of OTHER articles), a trimmed last
    paragraph with probability ``p_trim``, two adjacent paragraphs swapped with probability
    ``p_swap``, and between ``typos[0]`` and ``typos[1]`` retyping slips."""
    paras = split_paragraphs(strip_dateline(text))
    if not paras:
        return text
    if len(paras) >= 4 and rng.random() < p_swap:
        k = rng.randrange(1, len(paras) - 1)
        paras[k], paras[k + 1] = paras[k + 1], paras[k]
    if len(paras) >= 3 and rng.random() < p_trim:
        paras = _trim_last(paras, rng)
    for _ in range(rng.randint(*typos)):
        k = rng.randrange(len(paras))
        paras[k] = _retype(paras[k], rng)
    paras[0] = f"{site.dateline_for(city or rng.choice(site.cities))} {paras[0]}"
    if headlines and len(paras) >= 2:
        for h in rng.sample(list(headlines), min(len(headlines), rng.randint(0, site.max_links))):
            paras.insert(rng.randrange(1, len(paras)), site.baca_juga.format(h=h))
    body = site.joiner.join(paras)
    return "\n".join([*site.header, body, *site.footer])


# ---------------------------------------------------------------------------------------
# Corpora and ground truth


def _slug(title: str, limit: int = 60) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:limit].rstrip("-") or "berita"


def make_corpus(
    articles: Sequence[Mapping[str, Any]],
    n_stories: Optional[int] = None,
    copies_per_story: Tuple[int, int] = (1, 4),
    n_sites: int = 8,
    seed: int = 0,
    *,
    singleton_fraction: float = 0.0,
    dates: Optional[Sequence[str]] = None,
    sites: Optional[Sequence[SiteStyle]] = None,
) -> List[Dict[str, Any]]:
    """Republish stories across invented sites.

    ``articles``: mappings with at least ``text`` and ``title`` (``date`` optional). The
    first ``n_stories`` (default: all) become stories; each gets a number of copies drawn
    uniformly from ``copies_per_story`` (a ``singleton_fraction`` of the stories get exactly
    one), each on a different site, made by :func:`republish` with "Baca juga" headlines
    taken from the other articles' titles. Dates: the article's own ``date``, or, with
    ``dates``, a story date from ``dates`` and copies on that day or the next one in the list.

    Returns records ``{id, url, source, date, title, text, story}`` in a shuffled order;
    ``story`` is the index of the article the copy came from (the ground truth).
    """
    lo, hi = copies_per_story
    if not 1 <= lo <= hi:
        raise ValueError(f"copies_per_story must be (lo, hi) with 1 <= lo <= hi, got {copies_per_story!r}")
    if not 0.0 <= singleton_fraction <= 1.0:
        raise ValueError(f"singleton_fraction must be in [0, 1], got {singleton_fraction!r}")
    stories = list(articles if n_stories is None else articles[:n_stories])
    sites = list(sites) if sites is not None else make_sites(n_sites, seed)
    if hi > len(sites):
        raise ValueError(f"copies_per_story allows {hi} copies but there are only {len(sites)} sites")
    rng = random.Random(f"warta.synth.corpus:{seed}")
    titles = [str(a["title"]) for a in articles]
    records: List[Dict[str, Any]] = []
    for story, art in enumerate(stories):
        n_copies = 1 if rng.random() < singleton_fraction else rng.randint(lo, hi)
        day = rng.randrange(max(len(dates) - 1, 1)) if dates else 0
        others = [t for t in rng.sample(titles, min(len(titles), 12)) if t != art["title"]]
        for site in rng.sample(sites, n_copies):
            if dates:
                date = dates[min(day + (rng.random() < 0.3), len(dates) - 1)]
            else:
                date = str(art.get("date", "2025-01-01"))
            text = republish(str(art["text"]), rng, site, others, city=art.get("city"))
            digest = hashlib.sha1(f"{site.domain}|{story}|{text}".encode()).hexdigest()[:10]
            section = rng.choice(site.sections)
            records.append(
                {
                    "id": f"{site.domain.split('.')[0]}-{digest}",
                    "url": f"https://{site.domain}/{section}/{date.replace('-', '/')}/{_slug(str(art['title']))}-{digest[:6]}",
                    "source": site.domain,
                    "date": date,
                    "title": str(art["title"]),
                    "text": text,
                    "story": story,
                }
            )
    rng.shuffle(records)
    return records


def story_pairs(stories: Sequence[Any]) -> Set[Tuple[int, int]]:
    """All index pairs ``(i, j)``, ``i < j``, whose records belong to the same story."""
    groups: Dict[Any, List[int]] = {}
    for i, s in enumerate(stories):
        groups.setdefault(s, []).append(i)
    return {(a, b) for members in groups.values() for k, a in enumerate(members) for b in members[k + 1 :]}


def _pairs_within(labels: Iterable[Any]) -> int:
    return sum(c * (c - 1) // 2 for c in Counter(labels).values())


def pairwise_scores(stories: Sequence[Any], clusters: Sequence[Any]) -> Dict[str, float]:
    """Pairwise recall and precision of predicted ``clusters`` against true ``stories``.

    recall = same-story pairs that share a predicted cluster / all same-story pairs;
    precision = same-cluster pairs that are the same story / all same-cluster pairs
    (1.0 when a side has no pairs). Counts come from the contingency table, so this is
    linear in the number of records.
    """
    if len(stories) != len(clusters):
        raise ValueError(f"stories and clusters differ in length: {len(stories)} vs {len(clusters)}")
    true_pairs = _pairs_within(stories)
    predicted_pairs = _pairs_within(clusters)
    correct = _pairs_within(zip(stories, clusters))
    return {
        "recall": correct / true_pairs if true_pairs else 1.0,
        "precision": correct / predicted_pairs if predicted_pairs else 1.0,
        "true_pairs": true_pairs,
        "predicted_pairs": predicted_pairs,
        "correct_pairs": correct,
    }
