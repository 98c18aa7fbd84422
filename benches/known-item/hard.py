#!/usr/bin/env python3
"""Fill the "hard" columns of the known-item query files: each query without its rarest word.

    benches/known-item/hard.py PASSAGES_JSONL benches/known-item/queries-en.tsv benches/known-item/queries-zh.tsv

PASSAGES_JSONL is every passage of the benchmark index, one JSON object per line with at least
`text` (`briefsearch query '*' --json --limit 100000000 --fields id,lang,text`; run.sh writes it
as passages.jsonl in its work folder).

A query's words are its space-separated parts; a quoted phrase is one word. The document
frequency of a word is the number of passages of the whole index that hold it, counted the
same way for every engine and independently of either:
  - Latin words: case-insensitive, as whole words, any punctuation or space allowed where the
    word has some (`live-fire` matches "live fire" and "live-fire", `Ren'ai` "Ren’ai");
  - Chinese words: as a substring (Chinese has no spaces to mark word boundaries).
Both sides are NFKC-normalised first (full-width letters and digits fold to ASCII). The word
with the lowest frequency is dropped (the first one on a tie); the columns `hard`, `dropped`
and `dropped_df` are rewritten in place, the other columns are left as they are.
"""

import json
import re
import sys
import unicodedata

HAN = re.compile(r"[\u3400-\u9fff]")


def norm(text):
    return unicodedata.normalize("NFKC", text).replace("’", "'").lower()


def units(query):
    """The query's words: quoted phrases whole, the rest split on spaces."""
    return [m.group(0) for m in re.finditer(r'"[^"]*"|\S+', query)]


WORD = re.compile(r"[0-9a-z]+")


def matcher(unit):
    """A test `(text, words) -> bool`; `words` is the set of the text's Latin words, a cheap
    first check before the exact pattern."""
    bare = norm(unit.strip('"'))
    if HAN.search(bare):
        return lambda text, words: bare in text
    parts = WORD.findall(bare)
    pattern = re.compile(r"(?<![0-9a-z])" + r"[^0-9a-z]*".join(map(re.escape, parts)) + r"(?![0-9a-z])")
    return lambda text, words: all(p in words for p in parts) and pattern.search(text) is not None


def main():
    if len(sys.argv) < 3:
        sys.exit("usage: hard.py PASSAGES_JSONL QUERIES_TSV...")
    files = sys.argv[2:]
    tables = []
    wanted = {}
    for path in files:
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines()
        header = lines[0].split("\t")
        rows = [dict(zip(header, line.split("\t"))) for line in lines[1:] if line.strip()]
        tables.append((path, header, rows))
        for row in rows:
            for u in units(row["query"]):
                wanted.setdefault(u, matcher(u))
    df = dict.fromkeys(wanted, 0)
    han_units = {u for u in wanted if HAN.search(u)}
    with open(sys.argv[1], encoding="utf-8") as f:
        for line in f:
            text = norm(json.loads(line)["text"])
            words = set(WORD.findall(text))
            han = HAN.search(text) is not None
            for u, match in wanted.items():
                if (han or u not in han_units) and match(text, words):
                    df[u] += 1
    for path, header, rows in tables:
        for row in rows:
            us = units(row["query"])
            if len(us) < 2:
                sys.exit(f"{path}: query {row['id']} has a single word; it needs a hard variant")
            rarest = min(range(len(us)), key=lambda i: df[us[i]])
            row["hard"] = " ".join(u for i, u in enumerate(us) if i != rarest)
            row["dropped"] = us[rarest]
            row["dropped_df"] = str(df[us[rarest]])
        with open(path, "w", encoding="utf-8") as f:
            f.write("\t".join(header) + "\n")
            for row in rows:
                f.write("\t".join(row.get(h, "") for h in header) + "\n")
        zero = [r["id"] for r in rows if r["dropped_df"] == "0"]
        print(f"{path}: {len(rows)} queries; words found in no passage: {zero or 'none'}",
              file=sys.stderr)


if __name__ == "__main__":
    main()
