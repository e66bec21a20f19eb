"""Builds tests/data/link_gold.jsonl from the hand-written link_gold.marked.txt.

    python tests/data/link_gold_build.py

Markup: [[surface|entity_id]] (nestable), entity_id "?" = ambiguous; "<CRLF>" = "\\r\\n".
Each output line: {"id", "date", "text", "mentions": [{"start", "end", "text", "entity_id", "label"}]}.
"""

import json
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent


def label_of(entity_id):
    if entity_id is None:
        return None
    for prefix, label in (("prov-", "place"), ("reg-", "place"), ("office-", "office"), ("org-", "organization")):
        if entity_id.startswith(prefix):
            return label
    return "person"


def parse(marked):
    out, stack, spans, i = [], [], [], 0
    while i < len(marked):
        if marked.startswith("[[", i):
            stack.append(len("".join(out)))
            i += 2
        elif marked[i] == "|" and stack:
            close = marked.index("]]", i)
            entity_id = marked[i + 1 : close]
            start, text = stack.pop(), "".join(out)
            eid = None if entity_id == "?" else entity_id
            spans.append(
                {"start": start, "end": len(text), "text": text[start:], "entity_id": eid, "label": label_of(eid)}
            )
            i = close + 2
        else:
            out.append(marked[i])
            i += 1
    if stack:
        raise ValueError(f"unclosed [[ in: {marked[:60]!r}")
    return "".join(out), sorted(spans, key=lambda m: (m["start"], -m["end"]))


def main():
    blocks = re.split(r"^@ ", (HERE / "link_gold.marked.txt").read_text(encoding="utf-8"), flags=re.M)[1:]
    with open(HERE / "link_gold.jsonl", "w", encoding="utf-8") as f:
        for n, block in enumerate(blocks, 1):
            header, _, body = block.partition("\n")
            date = header.strip()
            marked = body.strip("\n").replace("<CRLF>", "\r\n")
            text, spans = parse(marked)
            for s in spans:
                assert text[s["start"] : s["end"]] == s["text"]
            row = {"id": f"gold-{n:02d}", "date": None if date == "-" else date, "text": text, "mentions": spans}
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"wrote {len(blocks)} documents")


if __name__ == "__main__":
    main()
