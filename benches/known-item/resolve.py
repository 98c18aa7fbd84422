#!/usr/bin/env python3
"""Resolve the known-item targets to passage ids of an index, and write the query sets.

    benches/known-item/resolve.py --truth OUT/truth.jsonl --alignment benches/known-item/alignment.tsv \
        --passages passages.jsonl --out DIR benches/known-item/queries-en.tsv benches/known-item/queries-zh.tsv

A target is named by what it is, never by a passage ordinal: language, date, pair index and
kind (question or answer) pick one paragraph of truth.jsonl (written by
benches/parallel/render.py), and that paragraph is found among the indexed passages of the
briefing `<lang>/<date>.txt` by its first 40 characters (NFKC, spaces collapsed; a speaker
label left in the passage's text by the indexer is allowed before them; more characters
when two paragraphs open alike). A paragraph
longer than a passage is cut by the indexer; the target is then its first passage, the one
holding the text the queries were written from (each was written from the opening of its
question or answer).

The cross-language sets judge each query by the counterpart in the other language: the same
date, the pair that alignment.tsv pairs with it, the same kind. Queries whose pair has no
counterpart are left out of those sets.

Writes to DIR, for each set (en-full, en-hard, zh-full, zh-hard, en2zh, zh2en):
  <set>.topics.tsv   query id <TAB> query (the input of `briefsearch query --batch` and of
                     Anserini's TsvString topic reader)
  <set>.qrels.tsv    query, passage, grade, anchor (the judgment form of `briefsearch evaluate`)
  <set>.answer.qrels.tsv, <set>.question.qrels.tsv   the same for the queries aimed at answers,
                     at questions
and sets.tsv: set, topics, qrels, language searched.
"""

import argparse
import collections
import json
import os
import re
import sys
import unicodedata

PREFIX = 40


def norm(text):
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()


def begins_with(text, head):
    """The passage opens with `head`, or with a speaker label the indexer did not recognise
    and kept in the text (`Belteleradio Company: In Kyrgyzstan, …`)."""
    at = text.find(head)
    return at == 0 or (0 < at <= 100 and text[:at].rstrip().endswith((":", "：")))


def read_tsv(path):
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t"))) for line in lines[1:] if line.strip()]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--truth", required=True)
    ap.add_argument("--alignment", required=True)
    ap.add_argument("--passages", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("queries", nargs="+")
    args = ap.parse_args()

    turns = {}
    with open(args.truth, encoding="utf-8") as f:
        for line in f:
            t = json.loads(line)
            if t["kind"] in ("question", "answer") and not t.get("embedded"):
                turns[(t["lang"], t["date"], int(t["pair_index"]), t["kind"])] = t

    counterpart = {}
    for row in read_tsv(args.alignment):
        if row["en_pair"] and row["cn_pair"]:
            counterpart[("en", row["date"], int(row["en_pair"]))] = ("zh", int(row["cn_pair"]))
            counterpart[("zh", row["date"], int(row["cn_pair"]))] = ("en", int(row["en_pair"]))

    # Passages of the rendered briefings only, by briefing, in order.
    wanted = {f"{lang}/{date}.txt" for (lang, date, _, _) in turns}
    by_briefing = collections.defaultdict(list)
    with open(args.passages, encoding="utf-8") as f:
        for line in f:
            p = json.loads(line)
            briefing, _, n = p["id"].rpartition("#")
            tail = "/".join(briefing.split("/")[-2:])
            if tail in wanted and n.isdigit():
                by_briefing[tail].append((int(n), p["id"], norm(p["text"]), p["text"]))
    for v in by_briefing.values():
        v.sort()

    def resolve(lang, date, pair, kind):
        turn = turns.get((lang, date, pair, kind))
        if turn is None:
            return None
        for size in (PREFIX, 2 * PREFIX, 4 * PREFIX, 8 * PREFIX):
            # A question and its answer may open alike; a longer head tells them apart.
            head = norm(turn["text"])[:size]
            hits = [(pid, raw) for _, pid, text, raw in by_briefing[f"{lang}/{date}.txt"]
                    if begins_with(text, head)]
            if len(hits) <= 1:
                break
        if len(hits) != 1:
            sys.exit(f"{lang} {date} pair {pair} {kind}: {len(hits)} passages begin with "
                     f"{head!r}; expected exactly one")
        pid, raw = hits[0]
        # A few words of the passage as found, for `briefsearch evaluate`'s anchor check.
        return pid, raw[:24].replace("\t", " ")

    os.makedirs(args.out, exist_ok=True)
    sets = []

    kind_of = {}

    def write(name, rows, lang):
        with open(os.path.join(args.out, f"{name}.topics.tsv"), "w", encoding="utf-8") as f:
            for qid, query, _ in rows:
                f.write(f"{qid}\t{query}\n")
        for part in ("", ".answer", ".question"):
            with open(os.path.join(args.out, f"{name}{part}.qrels.tsv"), "w", encoding="utf-8") as f:
                f.write("query\tpassage\tgrade\tanchor\n")
                for qid, _, (pid, anchor) in rows:
                    if not part or kind_of[qid] == part[1:]:
                        f.write(f"{qid}\t{pid}\t2\t{anchor}\n")
        sets.append((name, f"{name}.topics.tsv", f"{name}.qrels.tsv", lang))
        print(f"{name}: {len(rows)} queries", file=sys.stderr)

    for path in args.queries:
        queries = read_tsv(path)
        lang = queries[0]["lang"]
        other = "zh" if lang == "en" else "en"
        full, hard, cross = [], [], []
        for q in queries:
            kind_of[q["id"]] = q["kind"]
            pair = int(q["pair"])
            target = resolve(lang, q["date"], pair, q["kind"])
            if target is None:
                sys.exit(f"{path}: {q['id']}: no {q['kind']} at pair {pair} of {lang} {q['date']}")
            full.append((q["id"], q["query"], target))
            hard.append((q["id"], q["hard"], target))
            cp = counterpart.get((lang, q["date"], pair))
            if cp:
                t = resolve(cp[0], q["date"], cp[1], q["kind"])
                if t:
                    cross.append((q["id"], q["query"], t))
        write(f"{lang}-full", full, lang)
        write(f"{lang}-hard", hard, lang)
        write(f"{lang}2{other}", cross, other)

    with open(os.path.join(args.out, "sets.tsv"), "w", encoding="utf-8") as f:
        f.write("set\ttopics\tqrels\tlang\n")
        for row in sets:
            f.write("\t".join(row) + "\n")


if __name__ == "__main__":
    main()
