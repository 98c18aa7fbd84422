#!/usr/bin/env python3
"""Suggest briefing-lexicon entries from aligned English/Chinese briefings, for a person to curate.

Input: a JSON list of briefings, each with `en_pairs` and `cn_pairs`, lists of turns
(`questioner`, `spokesperson`, `question`, `answer`) in the same order in both languages (the
form of the MFA parallel archive). Briefings whose two lists differ in length are skipped, as
their turns cannot be paired by position.

For every aligned turn pair it collects
  - Chinese terms: text in Chinese quotation marks, and Han-character n-grams (2 to 8) that recur
    in at least --min-pairs pairs, that the general dictionary (data/dictionaries/zh-en.tsv.gz)
    does not know, and that are not part of a longer n-gram seen in 80% as many pairs;
  - English terms: runs of capitalised words (with `of`, `the`, `and`, `for` inside), text in
    quotation marks, and hyphenated words;
and prints, for each Chinese term, the English terms that co-occur with it most, by the Dice
coefficient over pairs (English terms found in more than a tenth of the pairs left out): `zh<TAB>pairs<TAB>en (dice, together)...`, best first. The speaker and
outlet fields are paired directly. Nothing here is written to the repository: the output is
a worksheet; the lexicon is what a person keeps of it.

With --check LEXICON, it reports instead how each lexicon entry fares on the aligned pairs:
for every Chinese term found in at least one pair, in how many of those pairs one of its
English renderings appears on the English side (`zh<TAB>pairs<TAB>rendered<TAB>renderings`),
worst first, so that a rendering the briefings do not use stands out.

Usage: python3 scripts/dictionaries/mine_lexicon.py [ARCHIVE.json] [--min-pairs N] > worksheet.tsv
       python3 scripts/dictionaries/mine_lexicon.py [ARCHIVE.json] --check data/dictionaries/briefing-lexicon.tsv
(ARCHIVE defaults to ../shared/real/mfa-parallel/mfa_articles.json.)
"""

import argparse
import collections
import gzip
import json
import re
import sys
from pathlib import Path

HAN_RUN = re.compile(r"[\u3400-\u9fff]+")
ZH_QUOTED = re.compile(r"“([^”]{2,20})”|《([^》]{2,30})》")
EN_QUOTED = re.compile(r"[“\"]([^”\"]{3,60})[”\"]")
EN_CAPS = re.compile(
    r"\b(?:[A-Z][\w'’.-]*)(?:\s+(?:(?:of|the|and|for|on|in|de)\s+)*[A-Z][\w'’.-]*)*"
)
EN_HYPHEN = re.compile(r"\b\w+(?:-\w+)+\b")
SENTENCE_STARTERS = {
    "The", "We", "I", "It", "This", "That", "What", "As", "In", "On", "Any", "China", "A",
    "Do", "Does", "Is", "Are", "Can", "Will", "How", "Why", "When", "There", "They", "He",
    "She", "If", "According", "Recently", "Yesterday", "Today", "At", "For", "With",
}


def zh_ngrams(text, lo=2, hi=8):
    grams = set()
    for run in HAN_RUN.findall(text):
        for n in range(lo, min(hi, len(run)) + 1):
            for i in range(len(run) - n + 1):
                grams.add(run[i:i + n])
    return grams


def en_terms(text):
    terms = set()
    for m in EN_CAPS.finditer(text):
        t = m.group(0).strip(".’'")
        words = t.split()
        while words and words[0] in SENTENCE_STARTERS and len(words) > 1:
            words = words[1:]
        t = " ".join(words)
        if t and t not in SENTENCE_STARTERS:
            terms.add(t)
    terms.update(m.group(1).strip() for m in EN_QUOTED.finditer(text))
    terms.update(m.group(0).lower() for m in EN_HYPHEN.finditer(text))
    return terms


def en_words(text):
    """English text as its lowercased letter/digit runs, space-separated and padded, so that a
    phrase is found with `in` on whole words, hyphens and apostrophes aside."""
    return " " + " ".join(re.findall(r"[^\W_]+", text.lower())) + " "


def check(lexicon, texts):
    rows = []
    for line in lexicon.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        zh, *en = [f.strip() for f in line.split("\t")]
        keys = [en_words(e) for e in en if e]
        found = [etext for ztext, etext in texts if zh in ztext]
        if not found:
            continue
        rendered = sum(1 for etext in found if any(k in etext for k in keys))
        rows.append((rendered / len(found), -len(found), zh, len(found), rendered, en))
    rows.sort()
    for _, _, zh, n, r, en in rows:
        print(f"{zh}\t{n}\t{r}\t{' | '.join(en)}")
    unseen = sum(1 for _ in rows)
    print(f"# {unseen} entries found in the pairs", file=sys.stderr)


def load_known(path):
    known = set()
    if path.exists():
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                known.add(line.split("\t", 1)[0])
    return known


def main():
    root = Path(__file__).resolve().parent.parent.parent
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "archive",
        nargs="?",
        type=Path,
        default=root.parent / "shared" / "real" / "mfa-parallel" / "mfa_articles.json",
    )
    ap.add_argument("--dict", type=Path, default=root / "data" / "dictionaries" / "zh-en.tsv.gz")
    ap.add_argument("--min-pairs", type=int, default=3)
    ap.add_argument("--top", type=int, default=4)
    ap.add_argument("--check", type=Path, help="a lexicon file to check against the pairs")
    args = ap.parse_args()

    briefings = json.loads(args.archive.read_text(encoding="utf-8"))
    known = load_known(args.dict)
    pairs, fields, texts = [], collections.Counter(), []
    for b in briefings:
        en, zh = b.get("en_pairs", []), b.get("cn_pairs", [])
        if len(en) != len(zh):
            continue
        for e, z in zip(en, zh):
            for f in ("questioner", "spokesperson"):
                if e.get(f) and z.get(f):
                    fields[(z[f].strip(), e[f].strip())] += 1
            etext = " ".join(e.get(k) or "" for k in ("question", "answer"))
            ztext = " ".join(z.get(k) or "" for k in ("question", "answer"))
            texts.append((ztext, en_words(etext)))
            quoted = {m.group(1) or m.group(2) for m in ZH_QUOTED.finditer(ztext)}
            pairs.append((zh_ngrams(ztext) | quoted, quoted, en_terms(etext)))
    print(f"# {len(pairs)} aligned turn pairs", file=sys.stderr)
    if args.check:
        check(args.check, texts)
        return

    zcount = collections.Counter(g for zs, _, _ in pairs for g in zs)
    ecount = collections.Counter(t for _, _, es in pairs for t in es)
    quoted_any = set().union(*(q for _, q, _ in pairs)) if pairs else set()
    candidates = set()
    for g, n in zcount.items():
        if g in quoted_any or (n >= args.min_pairs and g not in known):
            candidates.add(g)
    # Keep the maximal n-grams: drop one that a longer candidate covers in as many pairs.
    covered = set()
    for c in candidates:
        for sub in (c[:-1], c[1:]):
            if sub in candidates and zcount[c] >= 0.8 * zcount[sub]:
                covered.add(sub)
    maximal = candidates - covered
    # English terms found in more than a tenth of the pairs (China's, U.S.) say nothing.
    common_en = {e for e, n in ecount.items() if n > len(pairs) / 10}
    together = collections.defaultdict(collections.Counter)
    for zs, _, es in pairs:
        for g in zs & maximal:
            together[g].update(es - common_en)

    for (z, e), n in sorted(fields.items(), key=lambda kv: -kv[1]):
        print(f"{z}\t{n}\t{e} (field)")
    for g in sorted(maximal, key=lambda g: (-zcount[g], g)):
        scored = sorted(
            ((2 * c / (zcount[g] + ecount[e]), c, e) for e, c in together[g].items() if c >= 2),
            reverse=True,
        )[: args.top]
        if scored:
            cols = "\t".join(f"{e} ({d:.2f}, {c})" for d, c, e in scored)
            print(f"{g}\t{zcount[g]}\t{cols}")


if __name__ == "__main__":
    main()
