"""HTML views for notebooks: what Jupyter shows for a :class:`DedupResult`, an
:class:`Explanation`, the mentions :meth:`EntityLinker.link` returns and a
:class:`DedupIndex`. Plain ``repr`` stays short for terminals; these are only the
``_repr_html_`` bodies. Every piece of text is HTML-escaped: articles are scraped input.
"""

from __future__ import annotations

import html
from typing import Any, Dict, Iterable, List, Sequence, Tuple

import numpy as np

# One colour per label (background of a highlighted span), readable on white and dark themes.
LABEL_COLOURS = {"person": "#fde68a", "office": "#bfdbfe", "organization": "#bbf7d0", "place": "#fbcfe8"}
SHARED_COLOUR = "#fef08a"
CHROME_STYLE = "color:#9ca3af;text-decoration:line-through"
BOX = "max-height:16em;overflow:auto;white-space:pre-wrap;font-size:90%;vertical-align:top;text-align:left"


def _table(rows: Iterable[Tuple[str, Any]]) -> str:
    cells = "".join(f"<tr><th style='text-align:left'>{html.escape(k)}</th><td>{v}</td></tr>" for k, v in rows)
    return f"<table>{cells}</table>"


def _snippet(text: Any, limit: int = 400) -> str:
    text = text if isinstance(text, str) else ""
    cut = text[:limit] + ("…" if len(text) > limit else "")
    return html.escape(cut)


def _spans_html(text: str, spans: Sequence[Tuple[int, int, str, str]]) -> str:
    """``text`` with each (start, end, style, title) span wrapped in a <mark>; spans are
    Python str offsets, taken in order, overlapping ones skipped after the first."""
    out: List[str] = []
    at = 0
    for start, end, style, title in sorted(spans, key=lambda s: (s[0], -s[1])):
        if start < at or end <= start:
            continue
        out.append(html.escape(text[at:start]))
        out.append(
            f"<mark style='{style}' title='{html.escape(title, quote=True)}'>{html.escape(text[start:end])}</mark>"
        )
        at = end
    out.append(html.escape(text[at:]))
    return "".join(out)


def dedup_result_html(res: Any, top: int = 5, copies: int = 3) -> str:
    """Summary counts, then the ``top`` biggest clusters with up to ``copies`` texts side by side."""
    n = len(res)
    sizes = np.bincount(res.cluster_id) if n else np.zeros(0, dtype=np.int64)
    parts = [
        "<div class='warta-dedup'>",
        "<b>warta.DedupResult</b>",
        _table(
            [
                ("texts", f"{n:,}"),
                ("stories (clusters)", f"{res.n_clusters:,}"),
                ("duplicates", f"{int(res.is_duplicate.sum()):,}"),
                ("verified pairs", f"{len(res.pairs):,}"),
                ("empty texts", f"{int(np.asarray(res.empty).sum()):,}"),
                ("LSH bands x rows", "{} x {}".format(*res.bands)),
            ]
        ),
    ]
    big = [c for c in np.argsort(-sizes, kind="stable")[:top] if sizes[c] > 1]
    if big and res.texts is not None:
        parts.append(f"<p>Biggest clusters (of {int((sizes > 1).sum()):,} with copies):</p>")
        for c in big:
            members = np.flatnonzero(res.cluster_id == c)
            cells = []
            for i in members[:copies]:
                role = "kept" if res.duplicate_of[i] < 0 else f"copy of {int(res.duplicate_of[i])}"
                cells.append(f"<td style='{BOX}'><b>#{int(i)}</b> ({role})<br>{_snippet(res.texts[i])}</td>")
            more = f" (showing {copies})" if len(members) > copies else ""
            parts.append(f"<p>cluster {int(c)}: {len(members)} texts{more}</p><table><tr>{''.join(cells)}</tr></table>")
    parts.append("</div>")
    return "".join(parts)


def explanation_html(e: Any) -> str:
    """Similarities by measure, then both texts with the shared passages highlighted and the
    stripped chrome struck through (when the explanation carries its texts)."""
    rows = [
        ("Jaccard (exact)", f"{e.jaccard:.3f}"),
        ("containment (exact)", f"{e.containment:.3f}"),
        ("opening agreement", f"{e.opening:.3f}"),
        ("story similarity", f"{e.story:.3f}"),
        ("numbers agreeing", f"{e.number_agreement:.2f} ({e.numbers_a} / {e.numbers_b} numbers)"),
        ("shingles a / b / shared", f"{e.shingles_a:,} / {e.shingles_b:,} / {e.shared:,}"),
        ("shared passages", f"{len(e.passages):,}"),
    ]
    if e.similarity is not None:
        rows.insert(0, ("similarity the batch decided on (estimate unless refined)", f"{e.similarity:.3f}"))
    parts = ["<div class='warta-explanation'><b>warta.Explanation</b>", _table(rows)]
    if e.text_a is not None and e.text_b is not None:
        shared = f"background:{SHARED_COLOUR}"
        a = [(p.start_a, p.end_a, shared, f"shared passage {k + 1}") for k, p in enumerate(e.passages)]
        b = [(p.start_b, p.end_b, shared, f"shared passage {k + 1}") for k, p in enumerate(e.passages)]
        a += [(s, t, CHROME_STYLE, "site chrome, left out") for s, t in e.chrome_a]
        b += [(s, t, CHROME_STYLE, "site chrome, left out") for s, t in e.chrome_b]
        parts.append(
            "<table><tr><th>text a</th><th>text b</th></tr><tr>"
            f"<td style='{BOX}'>{_spans_html(e.text_a, a)}</td><td style='{BOX}'>{_spans_html(e.text_b, b)}</td>"
            "</tr></table>"
        )
    parts.append("</div>")
    return "".join(parts)


def mentions_html(text: str, mentions: Sequence[Any]) -> str:
    """``text`` with each mention highlighted in its label's colour; hovering shows the
    entity id, the label and, for a person, the term that covers the date."""
    spans = []
    for m in mentions:
        title = f"{m.label}: {m.entity_id or 'ambiguous: ' + ', '.join(m.alternatives)}"
        if m.position is not None:
            p = m.position
            title += f" | {p.office} {p.region} {p.start or '?'}..{p.end or 'open'} ({p.term_id})"
        spans.append((m.start, m.end, f"background:{LABEL_COLOURS.get(m.label, '#e5e7eb')}", title))
    legend = " ".join(
        f"<mark style='background:{colour}'>{html.escape(label)}</mark>" for label, colour in LABEL_COLOURS.items()
    )
    return (
        f"<div class='warta-mentions'><b>{len(mentions)} mentions</b> {legend}"
        f"<div style='white-space:pre-wrap'>{_spans_html(text, spans)}</div></div>"
    )


def index_html(stats: Dict[str, Any], params: Dict[str, Any]) -> str:
    """The index's counts and memory, and the parameters it decides with."""
    docs = stats["documents"]
    per_doc = stats["memory_bytes"] / docs if docs else 0.0
    rows = [(k.replace("_", " "), html.escape(f"{v:,}" if isinstance(v, int) else str(v))) for k, v in stats.items()]
    rows.append(("memory per live document", f"{per_doc:,.0f} B"))
    keys = ("measure", "threshold", "num_perm", "ngram", "seed", "window")
    setting = ", ".join(f"{k}={params[k]!r}" for k in keys if k in params)
    return f"<div class='warta-index'><b>warta.DedupIndex</b> ({html.escape(setting)}){_table(rows)}</div>"
