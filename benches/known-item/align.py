#!/usr/bin/env python3
"""Align the question/answer pairs of the English and Chinese versions of each parallel record.

    benches/known-item/align.py MFA_JSON > benches/known-item/alignment.tsv

33 of the 41 records have as many English as Chinese pairs, in the same order; 8 differ (one
side lost a pair, or glued it to the previous answer). The pairs are aligned by a monotone
dynamic programme (an edit distance where a pair may be left unmatched) whose match score is
the agreement of the two questions:
  - the outlet: English label and Chinese label are the same outlet, learnt from the
    equal-length records (position i with position i), e.g. AFP = 法新社记者;
  - numbers (Arabic digits) shared by the two questions;
  - Latin words of the Chinese question (DeepSeek, AI, …) found in the English question;
  - question lengths in proportion (a Chinese character carries about 3.2 bytes of English).
A pair is matched only when the score clears a threshold; otherwise it has no counterpart.
The result for the 8 uneven records was checked by hand (README.md lists them).

Output TSV: date, en_pair, cn_pair, rule (`position` for even records, `aligned` else);
unmatched pairs appear with an empty column on the other side.
"""

import collections
import json
import math
import re
import sys

NUM = re.compile(r"\d+")
LATIN = re.compile(r"[A-Za-z]{2,}")
# Two Chinese answers end with the site's navigation (the scrape's); it is not the answer.
SITE_FOOTER = " 中国政府网 "


def outlet_map(records):
    votes = collections.defaultdict(collections.Counter)
    for r in records:
        if len(r["en_pairs"]) == len(r["cn_pairs"]):
            for e, c in zip(r["en_pairs"], r["cn_pairs"]):
                votes[e["questioner"].replace(" ", "")][c["questioner"].replace(" ", "")] += 1
    return {e: c.most_common(1)[0][0] for e, c in votes.items()}


def length_agreement(en_text, zh_text):
    """1 when the lengths are in the usual proportion, falling to -2 as they part."""
    ratio = len(en_text.encode()) / max(1.0, 3.2 * len(zh_text))
    return max(-2.0, 1.0 - abs(math.log(max(ratio, 1e-6))))


def score(e, c, outlets):
    s = 1.0  # a base reward, so that the programme prefers matching to leaving pairs out
    if outlets.get(e["questioner"].replace(" ", "")) == c["questioner"].replace(" ", ""):
        s += 2.0
    for field in ("question", "answer"):
        en_t, zh_t = e[field], c[field].split(SITE_FOOTER)[0]
        s += 0.5 * len(set(NUM.findall(en_t)) & set(NUM.findall(zh_t)))
        latin = {w.lower() for w in LATIN.findall(zh_t)}
        s += 0.5 * sum(1 for w in latin if w in en_t.lower())
        s += length_agreement(en_t, zh_t)
    return s


def align(en, zh, outlets, threshold=1.0):
    n, m = len(en), len(zh)
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    move = [[None] * (m + 1) for _ in range(n + 1)]
    for i in range(n + 1):
        for j in range(m + 1):
            if i == 0 and j == 0:
                continue
            options = []
            if i > 0:
                options.append((best[i - 1][j], "e"))
            if j > 0:
                options.append((best[i][j - 1], "c"))
            if i > 0 and j > 0:
                s = score(en[i - 1], zh[j - 1], outlets)
                if s >= threshold:
                    options.append((best[i - 1][j - 1] + s, "m"))
            best[i][j], move[i][j] = max(options)
    pairs, i, j = [], n, m
    while i > 0 or j > 0:
        mv = move[i][j]
        if mv == "m":
            pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
        elif mv == "e":
            pairs.append((i - 1, None))
            i -= 1
        else:
            pairs.append((None, j - 1))
            j -= 1
    return pairs[::-1]


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        records = json.load(f)
    outlets = outlet_map(records)
    print("date\ten_pair\tcn_pair\trule")
    for r in records:
        en, zh = r["en_pairs"], r["cn_pairs"]
        if len(en) == len(zh):
            rows = [(i, i, "position") for i in range(len(en))]
        else:
            rows = [(e, c, "aligned") for e, c in align(en, zh, outlets)]
        for e, c, rule in rows:
            print(f"{r['date']}\t{'' if e is None else e}\t{'' if c is None else c}\t{rule}")


if __name__ == "__main__":
    main()
