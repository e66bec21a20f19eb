"""Reading aid for labelling titles.jsonl.

python3 tests/data/link_titles/tool.py show ID        # the article, with its date and title
python3 tests/data/link_titles/tool.py titles ID      # every title word with its str offsets and context
python3 tests/data/link_titles/tool.py check FILE     # checks an annotation file (spans match the text)
"""

import gzip
import json
import os
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
DATA = Path(os.environ.get("WARTA_SHARED_DATA", REPO.parent / "shared" / "data"))
TITLE = re.compile(
    r"\b(wakil gubernur|gubernur|wakil bupati|bupati|wakil wali ?kota|wali ?kota|wakil presiden|presiden|wapres|"
    r"wagub|wabup|wawali|menteri|menko|sekda|sekretaris daerah|kapolda|kapolri|kapolres|panglima|ketua)\b",
    re.I,
)


def article(aid):
    with gzip.open(DATA / "news" / "click-id.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if d["id"] == aid:
                return d
    raise SystemExit(f"no article {aid}")


def main():
    cmd, arg = sys.argv[1], sys.argv[2]
    if cmd == "show":
        d = article(arg)
        print("DATE", d["date"], "SOURCE", d["source"], "TITLE", d["title"])
        print(d["text"])
    elif cmd == "titles":
        t = article(arg)["text"]
        for m in TITLE.finditer(t):
            print(
                m.start(), m.end(), repr(m.group(0)), "|", t[max(0, m.start() - 90) : m.end() + 70].replace("\n", " ")
            )
    elif cmd == "check":
        texts = {}
        bad = 0
        for n, line in enumerate(open(arg, encoding="utf-8"), 1):
            r = json.loads(line)
            if r["article"] not in texts:
                texts[r["article"]] = article(r["article"])["text"]
            if texts[r["article"]][r["start"] : r["end"]] != r["text"]:
                print(
                    f"line {n}: span {r['start']}:{r['end']} is {texts[r['article']][r['start'] : r['end']]!r}, not {r['text']!r}"
                )
                bad += 1
        print("ok" if not bad else f"{bad} bad spans")


if __name__ == "__main__":
    main()
