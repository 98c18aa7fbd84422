#!/usr/bin/env python3
"""The ranking metrics of both engines, computed by one script from their top-10 lists.

    metrics.py QRELS_TSV RUN_TSV [--per-query OUT_TSV] [--row SET ENGINE]

QRELS_TSV: query, passage, grade[, anchor] with a header (the judgment form of
`briefsearch evaluate`: 2 = the answer, 1 = related). RUN_TSV: query id, rank, passage id, no
header (runs.py). Every judged query counts; a query with no hit scores 0. Definitions as in
`briefsearch evaluate` (src/evaluate/metrics.rs):
  MRR@10     1 / rank of the first passage graded 2 in the top 10, else 0;
  nDCG@10    gain 2^grade - 1, log2(rank + 1) discount, over the ideal order of the judgments;
  recall@10  share of the passages graded >= 1 found in the top 10.
Prints one JSON object: queries, mrr, ndcg, recall; with --row SET ENGINE, one TSV row instead
(set, engine, queries, mrr, ndcg, recall to 3 decimals). --per-query writes query id and the
rank of the first passage graded 2 ("-" when not in the top 10).
"""

import json
import math
import sys

CUTOFF = 10


def main():
    args = sys.argv[1:]
    per_query, row = None, None
    if "--row" in args:
        i = args.index("--row")
        row = args[i + 1:i + 3]
        del args[i:i + 3]
    if "--per-query" in args:
        i = args.index("--per-query")
        per_query = args[i + 1]
        del args[i:i + 2]
    if len(args) != 2:
        sys.exit(__doc__)
    grades = {}
    with open(args[0], encoding="utf-8") as f:
        for line in f.read().splitlines()[1:]:
            if line.strip():
                cols = line.split("\t")
                grades.setdefault(cols[0], {})[cols[1]] = int(cols[2])
    ranked = {}
    with open(args[1], encoding="utf-8") as f:
        for line in f:
            if line.strip():
                qid, rank, pid = line.rstrip("\n").split("\t")
                ranked.setdefault(qid, []).append((int(rank), pid))
    totals = {"mrr": 0.0, "ndcg": 0.0, "recall": 0.0}
    rows = []
    for qid, judged in grades.items():
        hits = [pid for _, pid in sorted(ranked.get(qid, []))][:CUTOFF]
        first = next((i + 1 for i, pid in enumerate(hits) if judged.get(pid) == 2), None)
        totals["mrr"] += 1.0 / first if first else 0.0
        dcg = sum((2 ** judged.get(pid, 0) - 1) / math.log2(i + 2) for i, pid in enumerate(hits))
        ideal = sorted(judged.values(), reverse=True)[:CUTOFF]
        idcg = sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
        totals["ndcg"] += dcg / idcg if idcg else 0.0
        relevant = sum(1 for g in judged.values() if g > 0)
        found = sum(1 for pid in hits if judged.get(pid, 0) > 0)
        totals["recall"] += found / relevant if relevant else 0.0
        rows.append((qid, first))
    n = max(1, len(grades))
    means = {k: v / n for k, v in totals.items()}
    if row:
        print("\t".join(row + [str(len(grades))] + [f"{means[k]:.3f}" for k in ("mrr", "ndcg", "recall")]))
    else:
        print(json.dumps({"queries": len(grades), **means}))
    if per_query:
        with open(per_query, "w", encoding="utf-8") as f:
            for qid, first in rows:
                f.write(f"{qid}\t{first or '-'}\n")


if __name__ == "__main__":
    main()
