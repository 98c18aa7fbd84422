#!/usr/bin/env python3
"""Both engines' result lists into one form: a run TSV of query id, rank, passage id (top 10).

    runs.py briefsearch BATCH_JSONL > run.tsv
    runs.py anserini TREC_RUN DOCIDS_TSV [--filters QUERIES_TSV] > run.tsv

`briefsearch query --batch --json` prints hits carrying `query_id`, `rank` and `id`. Anserini's
SearchCollection prints TREC lines (qid Q0 docid rank score tag) whose docids export.py mapped
to passages in docids.tsv. With --filters (a judged-set queries file with `speaker`, `since`,
`until` columns, as in tests/relevance/), Lucene's hits are filtered the way briefsearch's
filters select passages (speaker name in any case, `;` for several; dates inclusive, YYYY,
YYYY-MM or YYYY-MM-DD; a passage without a date fails a date filter), before the top 10 are kept:
the search asks Anserini for 1,000 hits so that a filter leaves enough.
"""

import calendar
import json
import sys

CUTOFF = 10


def read_tsv(path):
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t"))) for line in lines[1:] if line.strip()]


def period(text, last):
    parts = text.split("-")
    y = int(parts[0])
    m = int(parts[1]) if len(parts) > 1 else (12 if last else 1)
    d = int(parts[2]) if len(parts) > 2 else (calendar.monthrange(y, m)[1] if last else 1)
    return f"{y:04d}-{m:02d}-{d:02d}"


def briefsearch(path):
    ranked = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            hit = json.loads(line)
            if "rank" not in hit:  # a query without hits: {"query_id": ..., "hits": 0}
                ranked.setdefault(hit["query_id"], [])
                continue
            ranked.setdefault(hit["query_id"], []).append((hit["rank"], hit["id"]))
    return ranked


def anserini(path, docids_path, filters_path=None):
    docs = {r["docid"]: r for r in read_tsv(docids_path)}
    keep = {}
    if filters_path:
        for q in read_tsv(filters_path):
            speakers = {s.strip().lower() for s in (q.get("speaker") or "").split(";") if s.strip()}
            since = period(q["since"], False) if q.get("since") else None
            until = period(q["until"], True) if q.get("until") else None

            def ok(doc, speakers=speakers, since=since, until=until):
                if speakers and doc["speaker"].lower() not in speakers:
                    return False
                if (since or until) and not doc["date"]:
                    return False
                return not (since and doc["date"] < since) and not (until and doc["date"] > until)
            keep[q["id"]] = ok
    ranked = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            qid, _, docid, rank, _score, _tag = line.split()
            doc = docs[docid]
            if qid in keep and not keep[qid](doc):
                continue
            ranked.setdefault(qid, []).append((int(rank), doc["passage"]))
    return ranked


def main():
    kind = sys.argv[1] if len(sys.argv) > 1 else ""
    if kind == "briefsearch" and len(sys.argv) == 3:
        ranked = briefsearch(sys.argv[2])
    elif kind == "anserini" and len(sys.argv) in (4, 6):
        filters = sys.argv[5] if len(sys.argv) == 6 and sys.argv[4] == "--filters" else None
        ranked = anserini(sys.argv[2], sys.argv[3], filters)
    else:
        sys.exit(__doc__)
    for qid, hits in ranked.items():
        hits.sort()
        for rank, (_, pid) in enumerate(hits[:CUTOFF], 1):
            print(f"{qid}\t{rank}\t{pid}")


if __name__ == "__main__":
    main()
