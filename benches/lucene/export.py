#!/usr/bin/env python3
"""Turn the passages briefsearch indexed into Anserini JsonCollection folders, one per language.

    benches/lucene/export.py PASSAGES_JSONL OUT_DIR [--all]

PASSAGES_JSONL is `briefsearch query '*' --json --limit 100000000 --fields id,lang,text[,date,speaker]`.
Writes OUT_DIR/en/docs.jsonl and OUT_DIR/zh/docs.jsonl ({"id", "contents"}), with --all also
OUT_DIR/all/docs.jsonl (both languages, for queries that mix scripts), and OUT_DIR/docids.tsv:
Lucene docid, passage id, lang, date, speaker. Lucene docids are `d<n>` so that no passage id,
whatever characters it holds, can break the whitespace-separated TREC run format.
"""

import json
import os
import sys


def main():
    if len(sys.argv) < 3:
        sys.exit("usage: export.py PASSAGES_JSONL OUT_DIR [--all]")
    src, out = sys.argv[1], sys.argv[2]
    langs = ["en", "zh"] + (["all"] if "--all" in sys.argv[3:] else [])
    files = {}
    for lang in langs:
        os.makedirs(os.path.join(out, lang), exist_ok=True)
        files[lang] = open(os.path.join(out, lang, "docs.jsonl"), "w", encoding="utf-8")
    counts = dict.fromkeys(langs, 0)
    with open(src, encoding="utf-8") as f, \
            open(os.path.join(out, "docids.tsv"), "w", encoding="utf-8") as ids:
        ids.write("docid\tpassage\tlang\tdate\tspeaker\n")
        for n, line in enumerate(f):
            p = json.loads(line)
            docid = f"d{n}"
            clean = lambda v: (v or "").replace("\t", " ").replace("\n", " ")
            ids.write(f"{docid}\t{p['id']}\t{p['lang']}\t{clean(p.get('date'))}\t{clean(p.get('speaker'))}\n")
            doc = json.dumps({"id": docid, "contents": p["text"]}, ensure_ascii=False) + "\n"
            for lang in (p["lang"], "all"):
                if lang in files:
                    files[lang].write(doc)
                    counts[lang] += 1
    for fh in files.values():
        fh.close()
    print("exported " + ", ".join(f"{k}: {v}" for k, v in counts.items()), file=sys.stderr)


if __name__ == "__main__":
    main()
