#!/usr/bin/env python3
"""The judged set of tests/relevance/ in the forms run.sh feeds both engines.

    relevance.py SRC_DIR OUT_DIR

SRC_DIR holds queries-en.tsv, queries-zh.tsv, judgments-en.tsv, judgments-zh.tsv (columns as
`briefsearch evaluate` reads them). Writes to OUT_DIR:
  queries.tsv, qrels.tsv                 both files of each kind, merged
  qrels-{all,en,zh,mixed}.tsv            the judgments of the queries of each language column
  groupN.topics.tsv and groups.tsv       briefsearch takes filters per invocation, so one batch
                                         per (lang, speaker, since, until); groups.tsv lists
                                         them, `|`-separated (bash's read would merge the empty
                                         fields of a tab-separated line)
  lucene-{en,zh,mixed}.topics.tsv        query id and query, one file per Lucene index
"""

import os
import sys


def rows(path):
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    return lines[0], [line for line in lines[1:] if line.strip()]


def write(path, lines):
    with open(path, "w", encoding="utf-8") as f:
        f.write("".join(line + "\n" for line in lines))


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    src, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    queries, qrels = [], []
    for lang in ("en", "zh"):
        q_header, q = rows(os.path.join(src, f"queries-{lang}.tsv"))
        j_header, j = rows(os.path.join(src, f"judgments-{lang}.tsv"))
        queries += q
        qrels += j
    write(os.path.join(out, "queries.tsv"), [q_header] + queries)
    write(os.path.join(out, "qrels.tsv"), [j_header] + qrels)

    cols = [(line.split("\t") + [""] * 7)[:7] for line in queries]
    lang_of = {c[0]: c[1] for c in cols}
    for part in ("all", "en", "zh", "mixed"):
        write(os.path.join(out, f"qrels-{part}.tsv"),
              [j_header] + [j for j in qrels if part == "all" or lang_of.get(j.split("\t")[0]) == part])

    groups = {}
    for c in cols:
        groups.setdefault((c[1], c[4].strip(), c[5].strip(), c[6].strip()), []).append(f"{c[0]}\t{c[3]}")
    listing = []
    for n, (key, topics) in enumerate(sorted(groups.items())):
        write(os.path.join(out, f"group{n}.topics.tsv"), topics)
        listing.append("|".join((f"group{n}",) + key))
    write(os.path.join(out, "groups.tsv"), listing)

    for lang in ("en", "zh", "mixed"):
        write(os.path.join(out, f"lucene-{lang}.topics.tsv"),
              [f"{c[0]}\t{c[3]}" for c in cols if c[1] == lang])


if __name__ == "__main__":
    main()
