#!/usr/bin/env python3
"""The side-by-side table of benches/lucene/run.sh, in Markdown, and the per-query ranks.

    table.py RESULTS_TSV PER_QUERY_DIR PER_QUERY_OUT VERSION DATE > latest.md

RESULTS_TSV: set, engine, queries, mrr, ndcg, recall (one row per set and engine, from
metrics.py). PER_QUERY_DIR holds <set>.<engine>.tsv (query id, rank of the target or "-");
they are joined into PER_QUERY_OUT: set, query, briefsearch rank, Lucene rank.
"""

import os
import sys

KNOWN = [
    ("en-full", "known-item, English"),
    ("en-hard", "known-item, English, hard"),
    ("zh-full", "known-item, Chinese"),
    ("zh-hard", "known-item, Chinese, hard"),
    ("en2zh", "across languages, English → Chinese"),
    ("zh2en", "across languages, Chinese → English"),
]
RELEVANCE = [
    ("relevance-all", "tests/relevance, all"),
    ("relevance-en", "tests/relevance, English"),
    ("relevance-zh", "tests/relevance, Chinese"),
    ("relevance-mixed", "tests/relevance, mixed script"),
]
BY_KIND = [
    (f"{key}.{kind}", f"{label}: {kind}s") for key, label in KNOWN for kind in ("answer", "question")
]
LABELS = KNOWN + RELEVANCE + BY_KIND


def main():
    results_path, pq_dir, pq_out, version, date = sys.argv[1:6]
    with open(results_path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    header = lines[0].split("\t")
    res = {}
    for line in lines[1:]:
        r = dict(zip(header, line.split("\t")))
        res[(r["set"], r["engine"])] = r
    print("## Ranking against Lucene BM25\n")
    print(f"{version}; Lucene = Anserini 0.25.0 (pyserini 0.25.0), BM25 k1 0.9 b 0.4, Porter "
          f"English analyzer, CJK bigrams for Chinese, one index per language; {date}. "
          "Written by `benches/lucene/run.sh`; both engines scored by `benches/lucene/metrics.py` "
          "from their top 10.\n")
    print("| set | queries | briefsearch MRR@10 | Lucene MRR@10 | briefsearch nDCG@10 | Lucene nDCG@10 "
          "| briefsearch R@10 | Lucene R@10 |")
    print("|---|---|---|---|---|---|---|---|")
    for key, label in LABELS:
        if key == BY_KIND[0][0]:
            print("| *known-item, by kind of target* | | | | | | | |")
        b = res.get((key, "briefsearch"))
        if not b:
            continue
        lu = res.get((key, "lucene"))
        cell = lambda r, k: r[k] if r else "n/a"
        print(f"| {label} | {b['queries']} | {b['mrr']} | {cell(lu, 'mrr')} | {b['ndcg']} | "
              f"{cell(lu, 'ndcg')} | {b['recall']} | {cell(lu, 'recall')} |")
    print("\nHard: each query without its rarest word (benches/known-item/hard.py). Across "
          "languages: the English queries judged by the Chinese counterpart passage and the "
          "reverse, searched with `--lang` of the target; Lucene has no way to match across "
          "scripts (n/a). By kind of target: the same top 10, scored on the queries aimed at an "
          "answer or at a question. tests/relevance: English and Chinese queries with `--lang`, "
          "mixed-script ones over both languages (Lucene: one CJK-analysed index of both), "
          "filters as in the queries file (Lucene: applied to its top 1,000).")
    with open(pq_out, "w", encoding="utf-8") as out:
        out.write("set\tquery\tbriefsearch_rank\tlucene_rank\n")
        for key, _ in KNOWN + RELEVANCE:
            ranks = {}
            for engine in ("briefsearch", "lucene"):
                path = os.path.join(pq_dir, f"{key}.{engine}.tsv")
                if os.path.exists(path):
                    with open(path, encoding="utf-8") as f:
                        for line in f:
                            qid, rank = line.rstrip("\n").split("\t")
                            ranks.setdefault(qid, {})[engine] = rank
            for qid, r in ranks.items():
                out.write(f"{key}\t{qid}\t{r.get('briefsearch', 'n/a')}\t{r.get('lucene', 'n/a')}\n")


if __name__ == "__main__":
    main()
